"""PNG files of course figures kept between kernels, keyed by everything they are drawn from.

A figure drawn only from the course's data and code (lesson 05's timeline, 0.7 s to draw) is
the same each time the lesson opens, until the data, the code, the translations, matplotlib,
Pillow or the plot style change. Like the validation cache (tipcourse.data), its PNG is kept in
the user's cache folder (`figures/`) under a SHA-256 of all of these, so opening the lesson
again does not draw it again; any change gives another digest, and the figure is drawn anew.

A file that cannot be read, or is not a whole PNG, is drawn again; a folder that cannot be
written only means drawing every time. `TIPCOURSE_VALIDATE=always` (the tests, and the kernels
that write the committed notebooks) draws every figure and touches no cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable, Hashable
from pathlib import Path

from .data import VALIDATE_ENV, cache_dir

LIMIT = 64  # files kept; the oldest go first (the explorer's filters make new views)
SIGNATURE, END = b"\x89PNG\r\n\x1a\n", b"IEND\xaeB`\x82"  # a PNG's first bytes and last chunk


def folder() -> Path:
    return cache_dir() / "figures"


def digest(key: Hashable, sources: list[Path]) -> str:
    """What the figure is drawn from: `key` (its data and options), the plot style in effect,
    the library versions, and the bytes of the `sources` files (the code and catalogues)."""
    import matplotlib
    import PIL

    h = hashlib.sha256(repr(key).encode())
    h.update(repr(sorted(matplotlib.rcParams.items())).encode())
    h.update(f"matplotlib {matplotlib.__version__}, Pillow {PIL.__version__}".encode())
    for source in sources:
        h.update(source.read_bytes())
    return h.hexdigest()


def png(key: Hashable, render: Callable[[], bytes], sources: list[Path]) -> bytes:
    """The cached PNG of `key`, or `render()`'s, which is then kept."""
    data = cached(key, sources)
    if data is not None:
        return data
    data = render()
    if os.environ.get(VALIDATE_ENV) != "always":
        with contextlib.suppress(OSError):
            _keep(folder() / f"{digest(key, sources)}.png", data)
    return data


def cached(key: Hashable, sources: list[Path]) -> bytes | None:
    """The kept PNG of `key`, or None (none kept, unreadable or cut short, or every figure is
    to be drawn: `TIPCOURSE_VALIDATE=always`)."""
    if os.environ.get(VALIDATE_ENV) == "always":
        return None
    try:
        data = (folder() / f"{digest(key, sources)}.png").read_bytes()
    except OSError:  # nothing kept, or a source file is gone: nothing to key the figure by
        return None
    return data if data.startswith(SIGNATURE) and data.endswith(END) else None


def _keep(path: Path, data: bytes) -> None:
    """Write the file whole, then rename it into place (two kernels may write the same one);
    then remove the oldest files beyond LIMIT."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".", delete=False) as fh:
        fh.write(data)
    os.replace(fh.name, path)
    files = sorted(path.parent.glob("*.png"), key=lambda p: p.stat().st_mtime_ns)
    for old in files[:-LIMIT]:
        old.unlink(missing_ok=True)

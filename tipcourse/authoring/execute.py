"""Execute notebooks hermetically: a throw-away answers folder and IPython profile, so running
a notebook for a commit, a release or a benchmark never reads or writes a student's answers.
The result is normalised (normalise.py): executing an unchanged notebook gives the same bytes."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import nbformat

from ..quiz.store import ANSWERS_DIR_ENV, SHUFFLE_ENV
from .normalise import normalise, notebook_text

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def hermetic_vars(folder: Path) -> dict[str, str]:
    """Environment variables for a kernel that writes only inside `folder` (also used by the
    tests' conftest.py, whose nbval kernels inherit them)."""
    return {
        ANSWERS_DIR_ENV: str(folder / "answers"),
        "IPYTHONDIR": str(folder / "ipython"),
        "MPLCONFIGDIR": str(folder / "matplotlib"),
        "JUPYTER_PLATFORM_DIRS": "1",
        SHUFFLE_ENV: "0",  # committed outputs and the site show the authored order
        "TIPCOURSE_CACHE_DIR": str(folder / "cache"),  # data validation cache (tipcourse.data)
    }


@contextlib.contextmanager
def hermetic_env(env: dict[str, str] | None = None) -> Iterator[Path]:
    """Environment variables for a kernel that touches nothing outside a temporary folder,
    then `env` (the benchmark passes a data cache that lives across its runs)."""
    saved = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="tipcourse-run-") as tmp:
        os.environ.update({**hermetic_vars(Path(tmp)), **(env or {})})
        try:
            yield Path(tmp)
        finally:
            os.environ.clear()
            os.environ.update(saved)


def execute_notebook(
    nb: nbformat.NotebookNode,
    cwd: Path,
    timeout: int = 180,
    name: str | None = None,
    env: dict[str, str] | None = None,
) -> nbformat.NotebookNode:
    """Run every cell of `nb` in place (outputs and widget state are stored in it), then
    normalise it. `name` is the notebook's file name, for its cell and widget ids; without it
    they keep the prefix of the cell ids `nb` has (normalise.infer_prefix). `env` overrides
    the hermetic environment."""
    from nbclient import NotebookClient

    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata.pop("widgets", None)  # an earlier run's models; nbclient only adds
    with hermetic_env(env):
        # No timings; streams merged as nbval merges them (how a stream is split is chance).
        NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            record_timing=False,
            coalesce_streams=True,
            resources={"metadata": {"path": str(cwd)}},
        ).execute()
    return normalise(nb, name)


def write_notebook(nb: nbformat.NotebookNode, path: Path) -> bool:
    """Write `nb` as nbformat.write would, only if the bytes change; True when they did."""
    data = notebook_text(nb).encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.write_bytes(data)
    return True


def execute_file(path: Path) -> bool:
    """Execute a notebook file in place; True when its bytes changed."""
    nb = nbformat.read(path, as_version=4)
    execute_notebook(nb, cwd=path.parent, name=path.name)
    return write_notebook(nb, path)

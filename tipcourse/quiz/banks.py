"""Question banks of the lessons: `tipcourse/banks/<lesson>.yaml`, a list of question specs.

Self-check answers live here rather than in the lesson notebook, so no visible cell shows an
answer before the student has tried. (Exercise keys never live here: see release.)

A bank that passed its checks is kept as JSON in the user's cache folder (`banks/`, beside
tipcourse.data's validation cache), under a SHA-256 of its text, its lesson and this package's
checking code: reading it back takes a millisecond where parsing and checking the YAML takes
15-20 (lesson 00's progress table reads all nine). Any edit gives another digest and is parsed
and checked again; `TIPCOURSE_VALIDATE=always` (the tests) never uses the cache.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path

from ..paths import BANKS
from .schema import SpecError, check_unique_ids, validate_spec


def parse_yaml(text: str) -> object:
    """Like yaml.safe_load, with libyaml's C parser when PyYAML has it (about ten times faster;
    the same safe constructor, so the same result)."""
    import yaml  # lazy: only lessons with questions need it

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@functools.cache
def load_bank(lesson: str, language: str = "en") -> dict[str, dict]:
    """{question id: spec} of the lesson's bank, in order; SpecError names a malformed one.
    Another language's bank (`banks/<language>/`) is written by `translate` from the English
    one and its catalogue: the same ids, kinds, points and keys, translated text."""
    path = bank_path(lesson, language)
    text = path.read_text(encoding="utf-8")
    cached = _cache_file(text, lesson)
    specs = _read_cached(cached)
    if specs is None:
        specs = _checked_specs(text, lesson, path.name)
        _keep(cached, specs)
    return {spec["id"]: spec for spec in specs}


def _checked_specs(text: str, lesson: str, name: str) -> list[dict]:
    specs = parse_yaml(text) or []
    if not isinstance(specs, list):
        raise SpecError(f"{name}: a question bank is a YAML list of questions")
    for spec in specs:
        validate_spec(spec, where=name)
        if not spec["id"].startswith(f"{lesson}-"):
            raise SpecError(f"{name}: question id {spec['id']!r} must start with '{lesson}-'")
    check_unique_ids((name, spec) for spec in specs)
    return specs


def _cache_file(text: str, lesson: str) -> Path | None:
    """Where the checked bank of this text is kept; None when the cache is off."""
    from ..data import VALIDATE_ENV, cache_dir

    if os.environ.get(VALIDATE_ENV) == "always":
        return None
    h = hashlib.sha256(f"{lesson}\n{text}".encode())
    for code in (Path(__file__), Path(__file__).with_name("schema.py")):  # parse and checks
        h.update(code.read_bytes())
    return cache_dir() / "banks" / f"{h.hexdigest()}.json"


def _read_cached(path: Path | None) -> list[dict] | None:
    if path is None:
        return None
    try:
        specs = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = isinstance(specs, list) and all(isinstance(s, dict) and "id" in s for s in specs)
    return specs if ok else None


def _keep(path: Path | None, specs: list[dict]) -> None:
    """Keep the checked specs, only if JSON gives them back unchanged (YAML has dates and
    non-text keys, JSON does not); written whole, then renamed into place."""
    if path is None:
        return
    try:
        text = json.dumps(specs, ensure_ascii=False)
    except (TypeError, ValueError):
        return
    if json.loads(text) != specs:
        return
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=".", suffix=".json", delete=False
        ) as fh:
            fh.write(text)
        os.replace(fh.name, path)


def bank_path(lesson: str, language: str = "en") -> Path:
    return BANKS / f"{lesson}.yaml" if language == "en" else BANKS / language / f"{lesson}.yaml"


def lessons() -> list[str]:
    return sorted(p.stem for p in BANKS.glob("*.yaml"))

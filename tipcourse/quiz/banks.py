"""Question banks of the lessons: `tipcourse/banks/<lesson>.yaml`, a list of question specs.

Self-check answers live here rather than in the lesson notebook, so no visible cell shows an
answer before the student has tried. (Exercise keys never live here: see release.)
"""

from __future__ import annotations

import functools
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
    specs = parse_yaml(path.read_text(encoding="utf-8")) or []
    if not isinstance(specs, list):
        raise SpecError(f"{path.name}: a question bank is a YAML list of questions")
    for spec in specs:
        validate_spec(spec, where=path.name)
        if not spec["id"].startswith(f"{lesson}-"):
            raise SpecError(f"{path.name}: question id {spec['id']!r} must start with '{lesson}-'")
    check_unique_ids((path.name, spec) for spec in specs)
    return {spec["id"]: spec for spec in specs}


def bank_path(lesson: str, language: str = "en") -> Path:
    return BANKS / f"{lesson}.yaml" if language == "en" else BANKS / language / f"{lesson}.yaml"


def lessons() -> list[str]:
    return sorted(p.stem for p in BANKS.glob("*.yaml"))

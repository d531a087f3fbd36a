"""Question banks of the lessons: `tipcourse/banks/<lesson>.yaml`, a list of question specs.

Self-check answers live here rather than in the lesson notebook, so no visible cell shows an
answer before the student has tried. (Exercise keys never live here: see release.)
"""
from __future__ import annotations

import functools

from ..paths import BANKS
from .questions import SpecError, validate_spec



def parse_yaml(text: str):
    """Like yaml.safe_load, with libyaml's C parser when PyYAML has it (about ten times faster;
    the same safe constructor, so the same result)."""
    import yaml  # lazy: only lessons with questions need it

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@functools.lru_cache(maxsize=None)
def load_bank(lesson: str) -> dict[str, dict]:
    path = BANKS / f"{lesson}.yaml"
    specs = parse_yaml(path.read_text(encoding="utf-8")) or []
    bank = {}
    for spec in specs:
        validate_spec(spec)
        if spec["id"] in bank:
            raise SpecError(f"{path.name}: question id {spec['id']!r} appears twice")
        if not spec["id"].startswith(f"{lesson}-"):
            raise SpecError(f"{path.name}: question id {spec['id']!r} must start with '{lesson}-'")
        bank[spec["id"]] = spec
    return bank


def lessons() -> list[str]:
    return sorted(p.stem for p in BANKS.glob("*.yaml"))

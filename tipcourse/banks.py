"""Question banks of the lessons: `tipcourse/banks/<lesson>.yaml`, a list of question specs.

Self-check answers live here rather than in the lesson notebook, so no visible cell shows an
answer before the student has tried. (Exercise keys never live here: see release.)
"""
from __future__ import annotations

import functools
from pathlib import Path

from .questions import SpecError, validate_spec

BANK_DIR = Path(__file__).parent / "banks"


@functools.lru_cache(maxsize=None)
def load_bank(lesson: str) -> dict[str, dict]:
    import yaml  # lazy: only lessons with questions need it

    path = BANK_DIR / f"{lesson}.yaml"
    specs = yaml.safe_load(path.read_text(encoding="utf-8")) or []
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
    return sorted(p.stem for p in BANK_DIR.glob("*.yaml"))

"""The questions of a notebook, in order, without their keys: what numbers a widget ("Question 3
of 12") and what a submission must contain.

A lesson's outline is its bank (`tipcourse/banks/lNN.yaml`, in the order the lesson asks the
questions; lint checks that order). An exercise's outline is `tipcourse/outlines/exNN.json`,
written by `release` from the solution notebook: ids, kinds and points only, so it can ship
with the student handout.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from ..paths import PACKAGE


def outline_path(exercise: str, package: Path = PACKAGE) -> Path:
    return package / "outlines" / f"{exercise}.json"


def outline_document(exercise: str, specs: list[dict]) -> dict:
    """What release writes for an exercise: its question ids, kinds and points, in order."""
    return {
        "exercise": exercise,
        "questions": [
            {"id": s["id"], "kind": s["kind"], "points": s.get("points", 1)} for s in specs
        ],
    }


@functools.cache
def question_ids(notebook: str) -> tuple[str, ...]:
    """The notebook's question ids in order; () when it has no outline (yet)."""
    if notebook.startswith("ex"):
        path = outline_path(notebook)
        if not path.exists():
            return ()
        return tuple(q["id"] for q in json.loads(path.read_text(encoding="utf-8"))["questions"])
    from .banks import BANKS, load_bank

    if not (BANKS / f"{notebook}.yaml").exists():
        return ()
    return tuple(load_bank(notebook))


def number(notebook: str, qid: str) -> tuple[int, int] | None:
    """(position from 1, total) of a question in its notebook, or None if it is not listed."""
    ids = question_ids(notebook)
    return (ids.index(qid) + 1, len(ids)) if qid in ids else None

"""Progress across the course, from the answers store: per lesson, questions answered and correct.

Read-only: a damaged answers file is reported, not moved (the lesson itself handles that).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .quiz.banks import lessons, load_bank
from .quiz.store import answers_dir

if TYPE_CHECKING:
    from matplotlib.axes import Axes

COLUMNS = ["lesson", "questions", "answered", "correct", "note"]


def _saved_answers(path: Path) -> tuple[dict, str]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["answers"], ""
    except FileNotFoundError:
        return {}, ""
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return {}, "answers file unreadable; open the lesson to repair it"


def summary(directory: Path | None = None) -> pd.DataFrame:
    """One row per lesson: how many self-check questions, answered, and answered correctly."""
    directory = Path(directory or answers_dir())
    rows = []
    for lesson in lessons():
        bank = load_bank(lesson)
        saved, note = _saved_answers(directory / f"{lesson}.json")
        mine = {qid: entry for qid, entry in saved.items() if qid in bank}
        correct = sum(
            1 for e in mine.values() if e.get("points") and e.get("score") == e.get("points")
        )
        rows.append([lesson, len(bank), len(mine), correct, note])
    return pd.DataFrame(rows, columns=COLUMNS)


def draw(ax: Axes, table: pd.DataFrame) -> None:
    """Horizontal bars: questions in each lesson, answered, and correct."""
    from . import plots

    colours = plots.colours(3)
    y = range(len(table))
    ax.barh(y, table["questions"], color="#dddddd", label="questions")
    ax.barh(y, table["answered"], color=colours[0], label="answered", height=0.6)
    ax.barh(y, table["correct"], color=colours[2], label="correct", height=0.3)
    # "Lesson 03", not the id "l03" (which reads as "I03"); whole questions on the axis
    ax.set_yticks(list(y), [f"Lesson {str(lesson)[1:]}" for lesson in table["lesson"]])
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.invert_yaxis()
    ax.legend(loc="lower right")
    plots.finish(
        ax,
        "Your progress through the self-check questions",
        "number of questions (count)",
        "lesson",
        "your answers file in the answers folder (see 'Where your answers live')",
    )

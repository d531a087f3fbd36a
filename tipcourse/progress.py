"""Progress across the course, from the answers store: per lesson, questions answered and correct.

Read-only: a damaged answers file is reported, not moved (the lesson itself handles that).
The chart is kept between kernels (tipcourse.figcache) until the counts change: drawing it
is most of lesson 00's own time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from . import figcache, i18n
from .i18n import N_, _
from .quiz.banks import lessons, load_bank
from .quiz.store import answers_dir

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .plots import Picture

COLUMNS = ["lesson", "questions", "answered", "correct", "note"]
# The headers a student reads (COLUMNS in English); `summary` labels its table with them.
HEADERS = {
    "lesson": N_("lesson"),
    "questions": N_("questions"),
    "answered": N_("answered"),
    "correct": N_("correct"),
    "note": N_("note"),
}


def _saved_answers(path: Path) -> tuple[dict, str]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["answers"], ""
    except FileNotFoundError:
        return {}, ""
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return {}, _("answers file unreadable; open the lesson to repair it")


def summary(directory: Path | None = None) -> pd.DataFrame:
    """One row per lesson: how many self-check questions, answered, and answered correctly.

    The columns are COLUMNS, headed in the course's language (in English, COLUMNS themselves).
    """
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
    return pd.DataFrame(rows, columns=[_(HEADERS[c]) for c in COLUMNS])


def draw(ax: Axes, table: pd.DataFrame) -> None:
    """Horizontal bars: questions in each lesson, answered, and correct."""
    from . import plots

    # By position: the headers are in the language the table was made in.
    lesson, questions, answered, correct = (table.iloc[:, i] for i in range(4))
    colours = plots.colours(3)
    y = range(len(table))
    ax.barh(y, questions, color="#dddddd", label=_("questions"))
    ax.barh(y, answered, color=colours[0], label=_("answered"), height=0.6)
    ax.barh(y, correct, color=colours[2], label=_("correct"), height=0.3)
    # "Lesson 03", not the id "l03" (which reads as "I03"); whole questions on the axis
    ax.set_yticks(list(y), [_("Lesson {number}").format(number=str(name)[1:]) for name in lesson])
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.invert_yaxis()
    ax.legend(loc="lower right")
    plots.finish(
        ax,
        _("Your progress through the self-check questions"),
        _("number of questions (count)"),
        _("lesson"),
        _("your answers file in the answers folder (see 'Where your answers live')"),
    )


def plot(table: pd.DataFrame) -> Picture:
    """The chart of `summary()`'s table as a picture for a notebook."""
    from .plots import Picture

    questions, answered, correct = (int(table.iloc[:, i].sum()) for i in (1, 2, 3))
    text = _(
        "Progress chart: {answered} of {questions} self-check questions answered, {correct} "
        "fully right (run the notebook to see it)"
    ).format(answered=answered, questions=questions, correct=correct)
    return Picture(chart_png(table), text)


def chart_png(table: pd.DataFrame) -> bytes:
    """The chart as PNG bytes, drawn when the counts, this code, the plot style or the
    translations change (tipcourse.figcache)."""
    from . import plots

    key = ("progress", table.to_csv(index=False), i18n.language())
    sources = [Path(__file__), Path(plots.__file__), *i18n.catalogue_files(i18n.language())]
    return figcache.png(key, lambda: _render_png(table), sources)


def _render_png(table: pd.DataFrame) -> bytes:
    from matplotlib.figure import Figure

    from .plots import png

    fig = Figure(figsize=(7, 4))  # not pyplot's: the notebook shows the picture, not the figure
    draw(fig.add_subplot(), table)
    return png(fig)

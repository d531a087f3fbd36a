"""Item analysis after grading: how each question of each exercise worked in this batch.

Every run writes, beside gradebook.csv:
    item_analysis.csv   one row per question: n, facility, discrimination, flags, notes
    item_options.csv    one row per option of a single or multiple choice question
    item_analysis.md    the same, readable, per exercise, with Cronbach's alpha, the score
                        distribution and two figures in item_analysis/ (PNG)

Definitions (instructor/GRADING.md, "Item analysis", says how to read them):
- An unanswered question (or an answer of the wrong type) scores 0, as in the gradebook. An open
  response not scored yet is left out of that question's statistics (counted in n_pending).
- facility = mean score / points, 0 to 1.
- discrimination = Pearson's r between the question's score and the total of the OTHER
  auto-graded questions of the exercise (the corrected item-total correlation; for an open
  question, all the auto-graded ones). Moodle's discrimination index is the same correlation,
  shown as a percentage and taken against every other question of the quiz.
- alpha = k / (k - 1) * (1 - sum of the item variances / variance of the total), over the k
  auto-graded questions. Variances are sample variances (divided by n - 1) throughout; alpha
  and r do not depend on that choice, the SD of the score distribution does.
- Fewer than MIN_STUDENTS students: no coefficients (discrimination, alpha) and no figures,
  with a note; a question (or a total) with zero variance has no discrimination (alpha), with
  a note.

Pure functions build the score matrix of each exercise (`score_matrices`: students x
questions, numpy) and the statistics (`analyse`); `write_item_analysis` writes the files.
numpy and matplotlib are imported only where they are used, so `import tipcourse.grading`
stays light; pandas is not used at all: importing it would add about half a second to every
run, a tenth of the 5 s that grading 10,000 submissions may take (`make bench`).
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..quiz.submission import safe_name
from .model import ANALYSIS_DIR, Graded, QuestionGrade
from .parallel import MIN_PARALLEL, Ahead
from .reports import _md, _num, cell

if TYPE_CHECKING:
    import numpy as np

MIN_STUDENTS = 10
TOO_EASY, TOO_HARD = 0.9, 0.2  # facility above / below
LOW_DISCRIMINATION = 0.2  # discrimination below (and below 0: negative)
FEW_STUDENTS = f"fewer than {MIN_STUDENTS} students: coefficients not computed"
FEW_FIGURES = f"Fewer than {MIN_STUDENTS} students: no figures drawn"
CHOICE_KINDS = ("single", "multiple")
NOT_A_CHOICE = ("not answered", "wrong type")  # statuses whose response names no option
ITEM_COLUMNS = [
    "exercise",
    "question_id",
    "kind",
    "points",
    "n",
    "n_pending",
    "mean_score",
    "facility",
    "discrimination",
    "flags",
    "note",
]
OPTION_COLUMNS = ["exercise", "question_id", "option", "label", "count", "share", "is_key"]
DISTRIBUTION = ("mean", "median", "sd", "min", "max")
BINS = 10  # the histogram of percent scores: 0-10, 10-20, ..., 90-100 (100 in the last)


@dataclass
class OptionShare:
    """One option of a choice question: how many of the n students chose it."""

    option: str
    label: str
    count: int
    share: float
    is_key: bool


@dataclass
class ItemStats:
    """One question of an exercise (a row of item_analysis.csv)."""

    question_id: str
    kind: str
    points: float
    prompt: str
    n: int  # submissions of the exercise graded
    n_pending: int  # open responses not scored yet: left out of this question's statistics
    mean_score: float | None
    facility: float | None
    discrimination: float | None
    notes: list[str] = field(default_factory=list)
    options: list[OptionShare] = field(default_factory=list)  # single and multiple choice
    wrong_answers: list[tuple[str, int]] = field(default_factory=list)  # text and numeric
    flags: list[str] = field(default_factory=list)


@dataclass
class ExerciseStats:
    """One exercise of the batch: its questions, alpha and score distribution."""

    exercise: str
    n: int
    items: list[ItemStats]
    k: int  # auto-graded questions
    alpha: float | None
    alpha_note: str
    percents: list[float]  # 100 * total / maximum per student, as in gradebook.csv
    pending_students: int  # students with an open response not scored yet
    distribution: dict[str, float | None]  # mean, median, sd, min, max of percents


# --- the score matrix --------------------------------------------------------------------------


@dataclass
class ScoreMatrix:
    """One exercise's scores: a row per graded submission (in the order given), a column per
    question of the key (in key order); NaN for an open response not scored yet."""

    exercise: str
    students: list[str]
    specs: list[dict]
    scores: np.ndarray

    @property
    def question_ids(self) -> list[str]:
        return [spec["id"] for spec in self.specs]

    @property
    def auto(self) -> list[int]:
        """The columns of the auto-graded questions (every kind but open)."""
        return [j for j, spec in enumerate(self.specs) if spec["kind"] != "open"]


def score_matrices(graded: Sequence[Graded]) -> dict[str, ScoreMatrix]:
    """{exercise: its ScoreMatrix}, by exercise id (every submission of an exercise was graded
    against the same key, so its questions are the same, in the same order)."""
    import numpy as np

    by_exercise: dict[str, list[Graded]] = {}
    for g in graded:
        by_exercise.setdefault(g.submission.exercise, []).append(g)
    return {
        exercise: ScoreMatrix(
            exercise,
            [g.submission.student_id for g in subs],
            [q.spec for q in subs[0].grades],
            np.array(
                [[math.nan if q.score is None else q.score for q in g.grades] for g in subs],
                dtype=float,
            ),
        )
        for exercise, subs in sorted(by_exercise.items())
    }


# --- the statistics ----------------------------------------------------------------------------


def _constant(values: np.ndarray) -> bool:
    """All equal (scores are rounded to 4 decimals, so a real spread is far above 1e-9)."""
    return values.size == 0 or float(values.max() - values.min()) < 1e-9


def pearson(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> float | None:
    """Pearson's r, or None when either variable has zero variance (or n < 2)."""
    import numpy as np

    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(x) < 2 or _constant(x) or _constant(y):
        return None
    dx, dy = x - x.mean(), y - y.mean()
    return float(dx @ dy / math.sqrt(float(dx @ dx) * float(dy @ dy)))


def discrimination(scores: np.ndarray, auto: list[int], column: int) -> tuple[float | None, str]:
    """(corrected item-total r, note) of one column of `scores` (students x questions): its
    score against the total of the other auto-graded columns, over the students whose score
    is known (not NaN)."""
    import numpy as np

    known = ~np.isnan(scores[:, column])
    if int(known.sum()) < MIN_STUDENTS:
        return None, FEW_STUDENTS
    others = [j for j in auto if j != column]
    if not others:
        return None, "no other auto-graded question: discrimination not computed"
    item = scores[known, column]
    if _constant(item):
        return None, "zero variance (every student scored the same): discrimination not computed"
    rest = scores[np.ix_(known, others)].sum(axis=1)
    if _constant(rest):
        return None, (
            "the other auto-graded questions give every student the same total (zero "
            "variance): discrimination not computed"
        )
    return pearson(item, rest), ""


def cronbach_alpha(items: np.ndarray) -> tuple[float | None, str]:
    """(alpha, note) over the columns of `items` (students x auto-graded questions), with
    sample variances (n - 1; alpha is the same with n, used for items and total alike)."""
    n, k = items.shape
    if n < MIN_STUDENTS:
        return None, FEW_STUDENTS
    if k < 2:
        return None, "fewer than 2 auto-graded questions: alpha not computed"
    total = items.sum(axis=1)
    if _constant(total):
        return None, "every student has the same total (zero variance): alpha not computed"
    item_variances = float(items.var(axis=0, ddof=1).sum())
    return k / (k - 1) * (1 - item_variances / float(total.var(ddof=1))), ""


def option_shares(spec: dict, grades: Sequence[QuestionGrade]) -> list[OptionShare]:
    """Every option of a single or multiple choice question, in the key's order: how many of
    the students chose it (an unanswered or malformed answer chooses nothing)."""
    answers = [
        q.entry.get("response")
        for q in grades
        if q.status not in NOT_A_CHOICE and isinstance(q.entry, dict)
    ]
    if spec["kind"] == "single":
        chosen = Counter(answers)
    else:  # each option once per student
        chosen = Counter(pick for answer in answers for pick in set(answer))
    key = {spec["answer"]} if spec["kind"] == "single" else set(spec["answer"])
    n = len(grades)
    return [
        OptionShare(option, str(label), chosen[option], chosen[option] / n, option in key)
        for option, label in spec["options"].items()
    ]


def wrong_answers(grades: Sequence[QuestionGrade], limit: int = 3) -> list[tuple[str, int]]:
    """The most frequent answers that earned less than full points (text and numeric), as
    (answer as first written, count); answers that differ only in case or spacing are one."""
    counts: Counter = Counter()
    first: dict[str, str] = {}
    for q in grades:
        if q.status in NOT_A_CHOICE or q.score is None or q.score >= q.points:
            continue
        text = " ".join(str(q.entry["response"]).split())
        counts[text.casefold()] += 1
        first.setdefault(text.casefold(), text)
    return [(first[key], count) for key, count in counts.most_common(limit)]


def item_flags(item: ItemStats) -> list[str]:
    """The flags of a question (thresholds above; compared at 9 decimals)."""
    flags = []
    if item.facility is not None:
        if round(item.facility, 9) > TOO_EASY:
            flags.append("too easy")
        if round(item.facility, 9) < TOO_HARD:
            flags.append("too hard")
    if item.discrimination is not None:
        if round(item.discrimination, 9) < LOW_DISCRIMINATION:
            flags.append("low discrimination")
        if round(item.discrimination, 9) < 0:
            flags.append("negative discrimination")
    never = [o.option for o in item.options if not o.is_key and o.count == 0]
    if never:
        flags.append("distractor never chosen: " + ", ".join(never))
    return flags


def analyse(graded: Sequence[Graded]) -> list[ExerciseStats]:
    """The statistics of every exercise in the batch, by exercise id."""
    subs: dict[str, list[Graded]] = {}
    for g in graded:
        subs.setdefault(g.submission.exercise, []).append(g)
    return [_exercise_stats(m, subs[ex]) for ex, m in score_matrices(graded).items()]


def _exercise_stats(matrix: ScoreMatrix, subs: list[Graded]) -> ExerciseStats:
    import numpy as np

    scores, auto, n = matrix.scores, matrix.auto, len(subs)
    items = []
    for column, spec in enumerate(matrix.specs):
        points = float(spec.get("points", 1))
        known = scores[:, column][~np.isnan(scores[:, column])]
        mean = float(known.mean()) if len(known) else None
        item = ItemStats(
            spec["id"],
            spec["kind"],
            points,
            spec.get("prompt", ""),
            n,
            n - len(known),
            mean,
            mean / points if mean is not None and points else None,
            None,
        )
        if item.n_pending:
            item.notes.append(
                f"{item.n_pending} open response(s) not scored yet: left out of this "
                "question's statistics"
            )
        if mean is None:
            item.notes.append("no response scored yet: facility not computed")
        else:
            item.discrimination, note = discrimination(scores, auto, column)
            item.notes += [note] if note else []
        grades = [g.grades[column] for g in subs]
        if spec["kind"] in CHOICE_KINDS:
            item.options = option_shares(spec, grades)
        if spec["kind"] in ("text", "numeric"):
            item.wrong_answers = wrong_answers(grades)
        item.flags = item_flags(item)
        items.append(item)
    alpha, alpha_note = cronbach_alpha(scores[:, auto])
    maximum = sum(float(spec.get("points", 1)) for spec in matrix.specs)
    totals = np.nansum(scores, axis=1)  # as in the gradebook: a pending response counts 0
    values = 100 * totals / maximum if maximum else np.zeros(0)
    distribution = {
        "mean": float(values.mean()) if len(values) else None,
        "median": float(np.median(values)) if len(values) else None,
        "sd": float(values.std(ddof=1)) if len(values) > 1 else None,
        "min": float(values.min()) if len(values) else None,
        "max": float(values.max()) if len(values) else None,
    }
    return ExerciseStats(
        matrix.exercise,
        n,
        items,
        len(auto),
        alpha,
        alpha_note,
        [float(v) for v in values],
        int(np.isnan(scores).any(axis=1).sum()),  # only an open response is ever NaN
        distribution,
    )


def histogram(percents: Sequence[float]) -> list[int]:
    """Students per bin of 10 percent points (the last bin holds 90 to 100, both included)."""
    counts = [0] * BINS
    for value in percents:
        counts[min(int(value // (100 / BINS)), BINS - 1)] += 1
    return counts


# --- writing -----------------------------------------------------------------------------------


def write_item_analysis(out: Path, graded: Sequence[Graded], ahead: Ahead | None = None) -> None:
    """item_analysis.csv, item_options.csv, item_analysis.md and item_analysis/*.png in `out`
    (the old ones were cleared with the other outputs, see reports._clear_outputs). The
    figures are drawn by `ahead`'s process when given (see grading.parallel)."""
    run = ahead.call if ahead else (lambda function, *args: function(*args))
    stats = analyse(graded)
    item_rows, option_rows = [], []
    for ex in stats:
        for item in ex.items:
            item_rows.append(
                [
                    ex.exercise,
                    item.question_id,
                    item.kind,
                    item.points,
                    item.n,
                    item.n_pending,
                    item.mean_score,
                    item.facility,
                    item.discrimination,
                    "; ".join(item.flags),
                    "; ".join(item.notes),
                ]
            )
            option_rows += [
                [
                    ex.exercise,
                    item.question_id,
                    o.option,
                    o.label,
                    o.count,
                    o.share,
                    "true" if o.is_key else "false",
                ]
                for o in item.options
            ]
    _write_table(out / "item_analysis.csv", ITEM_COLUMNS, item_rows)
    _write_table(out / "item_options.csv", OPTION_COLUMNS, option_rows)
    figures, drawn = out / ANALYSIS_DIR, {}
    for ex in stats:
        if ex.n >= MIN_STUDENTS:  # below, the table and the bin counts say all a figure would
            figures.mkdir(exist_ok=True)
            drawn[ex.exercise] = run(draw_figures, ex, figures)
    (out / "item_analysis.md").write_text(analysis_markdown(stats, drawn), encoding="utf-8")


def _write_table(path: Path, header: list[str], rows: list[list]) -> None:
    """As reports._write_csv (every cell quoted; text that a spreadsheet would read as a
    formula gets a leading '), except that numbers stay numbers: r = -0.25 is not text."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_ALL)
        writer.writerow(header)
        writer.writerows([_table_cell(value) for value in row] for row in rows)


def _table_cell(value: object) -> str:
    if isinstance(value, float):
        return _num(value)
    if isinstance(value, int):
        return str(value)
    return cell(value)


def draw_figures(ex: ExerciseStats, folder: Path) -> dict[str, str]:
    """The score histogram and (when any question has a discrimination) the facility vs
    discrimination scatter of one exercise, as PNG files in `folder`; returns
    {"scores"|"items": path relative to the report}. Agg, through `Figure`: no pyplot, no GUI."""
    from matplotlib.figure import Figure

    name, drawn = safe_name(ex.exercise), {}
    metadata = {"Software": None}  # the same figure gives the same bytes
    fig = Figure(figsize=(6.4, 4), dpi=100)
    fig.subplots_adjust(bottom=0.14)
    ax = fig.add_subplot()
    width = 100 / BINS
    lefts = [i * width for i in range(BINS)]
    ax.bar(lefts, histogram(ex.percents), width=width, align="edge", edgecolor="white")
    ax.set(
        xlim=(0, 100),
        xlabel="percent score (as in gradebook.csv)",
        ylabel="students",
        title=f"{ex.exercise}: scores of {ex.n} students",
    )
    ax.yaxis.get_major_locator().set_params(integer=True)
    fig.savefig(folder / f"{name}_scores.png", metadata=metadata)
    drawn["scores"] = f"{ANALYSIS_DIR}/{name}_scores.png"
    points = [i for i in ex.items if i.facility is not None and i.discrimination is not None]
    if points:
        fig = Figure(figsize=(6.4, 4.8), dpi=100)
        fig.subplots_adjust(bottom=0.12)
        ax = fig.add_subplot()
        for x in (TOO_HARD, TOO_EASY):
            ax.axvline(x, color="grey", linestyle="--", linewidth=0.8)
        for y in (0, LOW_DISCRIMINATION):
            ax.axhline(y, color="grey", linestyle="--", linewidth=0.8)
        ax.scatter([i.facility for i in points], [i.discrimination for i in points], zorder=3)
        for i in points:
            ax.annotate(
                short_id(ex.exercise, i.question_id),
                (i.facility, i.discrimination),
                xytext=(4, 4),
                textcoords="offset points",
                fontsize=8,
            )
        ax.set(
            xlim=(0, 1.05),
            ylim=(-1.05, 1.05),
            xlabel="facility (mean score / points)",
            ylabel="discrimination (r with the other questions)",
            title=f"{ex.exercise}: facility and discrimination per question",
        )
        fig.savefig(folder / f"{name}_items.png", metadata=metadata)
        drawn["items"] = f"{ANALYSIS_DIR}/{name}_items.png"
    return drawn


def import_matplotlib() -> None:
    """What drawing needs, imported ahead of the drawing (grading.parallel.Ahead)."""
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.figure  # noqa: F401


def figure_helper(n_submissions: int) -> Ahead:
    """A helper process for the figures of a large batch, importing matplotlib at once."""
    return Ahead(import_matplotlib, enabled=n_submissions >= MIN_PARALLEL)


def short_id(exercise: str, question_id: str) -> str:
    """`ex01-rina-consent` -> `rina-consent`: the label of a point in the scatter."""
    return question_id.removeprefix(f"{exercise}-") or question_id


def _fixed(value: float | None, digits: int = 3) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _cell(text: str) -> str:
    """Text of the key or of the grader in a table cell: on one line, `|` kept as text."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def analysis_markdown(stats: list[ExerciseStats], drawn: dict[str, dict[str, str]]) -> str:
    """The readable report. Ids, prompts and labels come from the key; answers quoted from
    submissions (the common wrong answers) are escaped like every text in it (reports._md)."""
    lines = [
        "# Item analysis",
        "",
        "How each question worked in this batch. **Facility** = mean score / points (0 to 1). "
        "**Discrimination** = Pearson's r between the question's score and the total of the "
        "other auto-graded questions of the exercise. **Alpha** = Cronbach's alpha over the "
        "auto-graded questions. An unanswered question counts 0; an open response not scored "
        "yet is left out of its question's statistics. Flags: *too easy* (facility > 0.9), "
        "*too hard* (< 0.2), *low discrimination* (< 0.2), *negative discrimination* (< 0), "
        "*distractor never chosen*. With fewer than 10 students no coefficients are computed. "
        "The same numbers are in item_analysis.csv and item_options.csv; "
        "instructor/GRADING.md (section 5, *Item analysis*) explains how to read them.",
    ]
    if not stats:
        lines += ["", "No submission was graded in this run."]
    for ex in stats:
        lines += _exercise_markdown(ex, drawn.get(ex.exercise, {}))
    return "\n".join(lines) + "\n"


def _exercise_markdown(ex: ExerciseStats, drawn: dict[str, str]) -> list[str]:
    exercise, d = _md(ex.exercise), ex.distribution
    alpha = f"{ex.alpha:.3f}" if ex.alpha is not None else f"not computed ({_md(ex.alpha_note)})"
    lines = [
        "",
        f"## Exercise {exercise}: {ex.n} student(s)",
        "",
        f"Cronbach's alpha over {ex.k} auto-graded question(s): {alpha}.",
    ]
    if ex.pending_students:
        lines.append(
            f"{ex.pending_students} student(s) have open responses not scored yet: they count "
            "0 in the percent scores below, as in gradebook.csv."
        )
    lines += [
        "",
        "| percent score | mean | median | SD | min | max |",
        "|---|---|---|---|---|---|",
        "| " + " | ".join([f"{ex.n} student(s)"] + [_fixed(d[k], 1) for k in DISTRIBUTION]) + " |",
    ]
    counts = histogram(ex.percents)
    bins = ", ".join(
        f"{i * 100 // BINS}–{(i + 1) * 100 // BINS}: {c}" for i, c in enumerate(counts)
    )
    if "scores" not in drawn:
        lines += ["", f"Students per bin of 10 points: {bins} (the last bin includes 100)."]
        lines += ["", f"{FEW_FIGURES}."] if ex.n < MIN_STUDENTS else []
    else:
        lines += [
            "",
            f"![Histogram of the percent scores in {exercise}]({drawn['scores']})",
            "",
            f"*Alt text:* histogram of the percent scores of the {ex.n} student(s) of "
            f"{exercise}, students per bin of 10 points ({bins}; the last bin includes 100); "
            f"mean {_fixed(d['mean'], 1)}, median {_fixed(d['median'], 1)}.",
        ]
    lines += [
        "",
        "### Questions",
        "",
        "| question | kind | points | n | pending | facility | discrimination | flags | notes |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for item in ex.items:
        cells = [
            f"**{_md(short_id(ex.exercise, item.question_id))}**: {_md(_short(item.prompt))}",
            item.kind,
            _num(item.points),
            str(item.n),
            str(item.n_pending),
            _fixed(item.facility),
            _fixed(item.discrimination),
            _cell("; ".join(item.flags)),
            _cell("; ".join(item.notes)),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    if "items" in drawn:
        plotted = [i for i in ex.items if i.facility is not None and i.discrimination is not None]
        where = "; ".join(
            f"{_md(short_id(ex.exercise, i.question_id))} ({i.facility:.2f}, "
            f"{i.discrimination:.2f})"
            for i in plotted
        )
        lines += [
            "",
            f"![Facility against discrimination per question of {exercise}]({drawn['items']})",
            "",
            f"*Alt text:* scatter plot of facility (x, 0 to 1) against discrimination (y, −1 "
            f"to 1) for the {len(plotted)} question(s) of {exercise} that have both, each "
            f"labelled by its short id: {where}. Dashed lines mark facility 0.2 and 0.9 and "
            "discrimination 0 and 0.2; a good question sits between the vertical lines and "
            "above the upper horizontal one.",
        ]
    elif ex.n >= MIN_STUDENTS:
        lines += ["", "No question has a discrimination, so there is no scatter plot."]
    choices = [i for i in ex.items if i.options]
    if choices:
        lines += ["", "### Options chosen", ""]
        for item in choices:
            lines += [
                f"**{_md(short_id(ex.exercise, item.question_id))}** ({item.kind} choice; "
                f"share of the {item.n} student(s)"
                + ("; a student may choose several options" if item.kind == "multiple" else "")
                + "):",
                "",
                "| option | label | chosen by | share | key |",
                "|---|---|---|---|---|",
            ]
            lines += [
                f"| {_md(o.option)} | {_md(_short(o.label))} | {o.count} | {o.share:.3f} | "
                f"{'key' if o.is_key else ''} |"
                for o in item.options
            ]
            lines.append("")
        lines.pop()
    wrong = [i for i in ex.items if i.wrong_answers]
    if wrong:
        lines += ["", "### Most common wrong answers", ""]
        for item in wrong:
            answers = ", ".join(f"“{_md(_short(a, 80))}” ({c})" for a, c in item.wrong_answers)
            lines.append(f"- **{_md(short_id(ex.exercise, item.question_id))}**: {answers}")
    return lines

"""Writing a batch: gradebook.csv, manual.csv, errors.csv and one feedback file per student."""

from __future__ import annotations

import hashlib
import html
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from .. import i18n
from ..i18n import N_, _
from ..quiz.questions import describe_key
from ..quiz.render import response_lines
from ..quiz.submission import safe_name
from .model import (
    ANALYSIS_DIR,
    ERROR_COLUMNS,
    FEEDBACK_DIR,
    FORMULA_START,
    MANUAL_COLUMNS,
    OUTPUT_FILES,
    Graded,
    GradingError,
    Problem,
    QuestionGrade,
    Report,
)
from .parallel import fork_map
from .reading import short_json
from .scoring import response_key
from .selection import Conflict

# --- writing -----------------------------------------------------------------------------------


_NUMS: dict[float, str] = {}  # scores take few values: formatting each once saves ~1 s a batch


def _num(value: float | None) -> str:
    if value is None:
        return ""
    text = _NUMS.get(value)
    if text is None:
        text = _NUMS[value] = f"{round(value, 4):g}"
    return text


def cell(value: object) -> str:
    """Every CSV cell: text that a spreadsheet would read as a formula gets a leading '."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def uncell(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def _write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    """Every cell escaped and quoted: a ';' in a cell stays inside it even where the
    spreadsheet splits on ';' (Excel in an Indonesian locale)."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(csv_line(header))
        fh.writelines(csv_line([cell(value) for value in row]) for row in rows)


def csv_line(cells: list[str]) -> str:
    """One row as csv.writer writes it with QUOTE_ALL (every field in quotes, quotes inside
    doubled, nothing else changed), built with str.replace: csv's writer goes character by
    character, 0.6 s for the 20 MB manual.csv of 10,000 essays."""
    return ",".join(['"' + text.replace('"', '""') + '"' for text in cells]) + "\r\n"


def question_columns(keys: dict, exercises: set[str]) -> list[str]:
    """Question ids of the exercises in this batch, in key order (ids carry their exercise)."""
    return [qid for ex in sorted(exercises) for qid in keys[ex]]


def gradebook_rows(
    graded: list[Graded], conflicts: list[Conflict], columns: list[str]
) -> list[list[str]]:
    """One row per student and exercise; a conflict's row has no scores, only its flag."""
    rows = []
    for g in graded:
        scores = {q.spec["id"]: _num(q.score) for q in g.grades}
        total, maximum, pending = g.total, g.maximum, g.pending
        flags = g.flags + ([f"open responses to score: {len(pending)}"] if pending else [])
        percent = f"{100 * total / maximum:.1f}" if maximum else ""
        rows.append(
            [
                g.submission.student_id,
                g.submission.exercise,
                *(scores.get(c, "") for c in columns),
                _num(total),
                _num(maximum),
                percent,
                g.submission.submitted_at,
                "; ".join(flags),
            ]
        )
    for c in conflicts:
        flag = (
            f"CONFLICT, not graded: {c.reason}; {len(c.submissions)} file(s) listed in errors.csv"
        )
        rows.append([c.student_id, c.exercise, *("" for _c in columns), "", "", "", "", flag])
    return sorted(rows, key=lambda row: (row[1], row[0]))


def manual_rows(graded: list[Graded]) -> list[list[str]]:
    rows = []
    for g in graded:
        for q in g.grades:
            if q.status in ("to be scored", "scored"):
                rubric = "; ".join(
                    f"{r['criterion']} ({r['points']} pt)" for r in q.spec.get("rubric", [])
                )
                response = str(q.entry["response"])
                rows.append(
                    [
                        g.submission.student_id,
                        g.submission.exercise,
                        q.spec["id"],
                        response,
                        response_hash(response),
                        rubric,
                        q.spec.get("explanation", ""),
                        _num(q.points),
                        _num(q.score),
                        q.comment,
                    ]
                )
    return rows


def response_hash(response: str) -> str:
    """Binds a manual score to the text it scored (see manual.apply_manual)."""
    return hashlib.sha256(response.encode("utf-8")).hexdigest()[:16]


def feedback_name(exercise: str, student_id: str, used: set) -> str:
    """`<exercise>__<safe id>.md`, unique even on file systems that ignore case (macOS,
    Windows) or normalise Unicode."""
    name = f"{exercise}__{safe_name(student_id)}"
    if name.casefold() in used:
        name += "-" + hashlib.sha256(student_id.encode("utf-8")).hexdigest()[:8]
    used.add(name.casefold())
    return name + ".md"


# A question's status (scoring's, manual's) as the student reads it in the feedback file.
STATUS_LABELS = {
    "correct": N_("correct"),
    "partly correct": N_("partly correct"),
    "not correct": N_("not correct"),
    "to be scored": N_("to be scored"),
    "scored": N_("scored"),
    "wrong type": N_("wrong type"),
    "not answered": N_("not answered"),
}


def _status(status: str) -> str:
    return _(STATUS_LABELS[status]) if status in STATUS_LABELS else status


def feedback_markdown(g: Graded, blocks: dict | None = None) -> str:
    """What the student reads: every question, their answer, the points and why, in the
    language current when it is called (the grader sets the submission's: `i18n.using`).
    `blocks` (a dict per run, or per part of one) keeps each question's block for the next
    student with the same answer, outcome and language."""
    sub = g.submission
    total, maximum, pending = g.total, g.maximum, g.pending
    score = {"total": _num(total), "maximum": _num(maximum)}
    if maximum:
        score_line = _("**Score: {total} of {maximum} points** ({percent}%).").format(
            percent=f"{100 * total / maximum:.1f}", **score
        )
    else:
        score_line = _("**Score: {total} of {maximum} points**.").format(**score)
    lines = [
        _("# Feedback on exercise {exercise}: student {student}").format(
            exercise=sub.exercise, student=_md(sub.student_id)
        ),
        "",
        _("Submitted {time}. Graded from your answers as data against the answer key.").format(
            time=sub.submitted_at
        ),
        "",
        score_line,
    ]
    if pending:
        lines.append(
            _(
                "{n} open response(s) still to be scored by your lecturer; the score above "
                "does not include them yet."
            ).format(n=len(pending))
        )
    if g.flags:
        lines += ["", _("Notes: {notes}.").format(notes=_md("; ".join(g.flags)))]
    parts = [_question_block(number, q, blocks) for number, q in enumerate(g.grades, 1)]
    return "\n".join(lines) + "".join(parts) + "\n"


MAX_BLOCKS = 20_000  # kept per worker: about 30 MB of Markdown at most


def _question_block(number: int, q: QuestionGrade, blocks: dict | None) -> str:
    """A question's block, from `blocks` when another student's was the same. Its key holds
    everything the block is made of: the question and its number, the response (a key of
    scoring's, which tells 1 from 1.0 and true), score, status, messages and comment."""
    if blocks is None or q.spec["kind"] == "open":  # essays: each one different
        return _question_markdown(number, q)
    raw = q.entry.get("response") if isinstance(q.entry, dict) else q.entry
    seen = response_key(raw)
    if seen is None:
        return _question_markdown(number, q)
    key = (
        number,
        id(q.spec),
        seen,
        q.score,
        q.status,
        tuple(q.messages),
        q.comment,
        i18n.language(),
    )
    block = blocks.get(key)
    if block is None:
        block = _question_markdown(number, q)
        if len(blocks) < MAX_BLOCKS:  # answers given once (numbers, texts) fill no more
            blocks[key] = block
    return block


def _question_markdown(number: int, q: QuestionGrade) -> str:
    """One question's block: the parts that are the same for every student come from
    `_static`, worked out once per question."""
    spec = q.spec
    prompt, key = _static(spec)
    if q.score is None:
        score = _("to be scored by your lecturer (of {points} pt)").format(points=_num(q.points))
    else:
        score = _("{score} of {points} pt, {status}").format(
            score=_num(q.score), points=_num(q.points), status=_status(q.status)
        )
    # The messages of an answer of the wrong shape quote the file: shown as text.
    wrong = q.status == "wrong type"
    feedback = "".join(f"\n- {_md(m) if wrong else m}" for m in q.messages if m)
    if q.comment:
        feedback += "\n- " + _("Your lecturer: {comment}").format(comment=_md(q.comment))
    why = spec.get("explanation")
    if why and spec["kind"] != "open" and why not in q.messages:
        key += "\n- " + _("Why: {explanation}").format(explanation=why)
    answer = "\n".join(_answer_markdown(spec, q))
    heading = _("Question {number} ({question}): {score}").format(
        number=number, question=spec["id"], score=score
    )
    yours, said, keyed = _("Your answer:"), _("Feedback:"), _("Answer key:")
    return (
        f"\n\n---\n\n## {heading}\n\n{prompt}\n\n"
        f"**{yours}**\n\n{answer}\n\n**{said}**\n{feedback}\n\n"
        f"**{keyed}**\n\n{key}"
    )


_STATIC: dict[tuple[int, str], tuple[dict, str, str]] = {}


def _static(spec: dict) -> tuple[str, str]:
    """(prompt, answer key) of a question as Markdown: the same for every student who reads
    the same language."""
    where = (id(spec), i18n.language())
    cached = _STATIC.get(where)
    if cached is None or cached[0] is not spec:
        lines = [f"- {k}" for k in describe_key({**spec, "explanation": None})]
        if spec["kind"] == "open" and spec.get("explanation"):
            model = _("Model answer: {explanation}").format(explanation=spec["explanation"])
            lines.append(f"- {model}")
        cached = (spec, spec["prompt"].strip(), "\n".join(lines))
        _STATIC[where] = cached
    return cached[1], cached[2]


def _answer_markdown(spec: dict, q: QuestionGrade) -> list[str]:
    if q.status == "not answered" or q.entry is None:
        return [_("(no answer)")]
    raw = q.entry.get("response") if isinstance(q.entry, dict) else q.entry
    if q.status == "wrong type":
        return [_md(short_json(raw, 200))]
    if spec["kind"] in ("text", "open"):
        return ["> " + _md(line) for line in str(raw).splitlines() or [""]]
    lines = response_lines(spec, raw)  # labels from the key: the answer was parsed against it
    return [f"- {line}" for line in lines] if spec["kind"] == "categorize" else lines


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#!|~])")  # < > & are HTML-escaped


def _md(text: str) -> str:
    """Text from a file shown as text on one line: no HTML, no Markdown (links, images,
    headings, emphasis) and no line breaks from a submission reach a Markdown viewer."""
    flat = " ".join(str(text).split())
    return html.escape(_MARKDOWN_SPECIALS.sub(r"\\\1", flat), quote=False)


def check_out_dir(out: Path, overwrite: bool) -> None:
    """Refuse to touch a previous run's folder unless asked to."""
    if out.exists() and not out.is_dir():
        raise GradingError(f"--out {out} is a file, not a folder.")
    if out.exists() and any(out.iterdir()) and not overwrite:
        raise GradingError(
            f"{out} already exists and is not empty; nothing was written. Use "
            "--overwrite to replace the files the grader writes there (gradebooks, "
            "feedback, manual, errors, item analysis), or choose another --out folder."
        )


def _clear_outputs(out: Path) -> None:
    """Remove only what the grader writes; anything else in the folder is left alone."""
    for name in OUTPUT_FILES:
        (out / name).unlink(missing_ok=True)
    for folder, pattern in ((FEEDBACK_DIR, "*.md"), (ANALYSIS_DIR, "*.png")):
        for old in (out / folder).glob(pattern):
            old.unlink()


def write_outputs(
    out: Path,
    keys: dict,
    graded: list[Graded],
    conflicts: list[Conflict],
    problems: list[Problem],
    lms: str | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> None:
    """The feedback files (in worker processes, for a large batch) and, meanwhile, the CSVs
    (with `lms`, also the gradebook for that LMS's import: see grading.lms), then
    `meanwhile()` (the item analysis) in this process."""
    out.mkdir(parents=True, exist_ok=True)
    _clear_outputs(out)
    feedback, used = out / FEEDBACK_DIR, set()
    feedback.mkdir(exist_ok=True)
    jobs = [
        (g, feedback / feedback_name(g.submission.exercise, g.submission.student_id, used))
        for g in graded
    ]

    def in_this_process() -> None:
        _write_tables(out, keys, graded, conflicts, problems, lms=lms)
        if meanwhile:
            meanwhile()

    fork_map(_write_feedback, jobs, meanwhile=in_this_process)


def _write_tables(
    out: Path,
    keys: dict,
    graded: list[Graded],
    conflicts: list[Conflict],
    problems: list[Problem],
    lms: str | None = None,
) -> None:
    exercises = {g.submission.exercise for g in graded} | {c.exercise for c in conflicts}
    columns = question_columns(keys, exercises)
    header = [
        "student_id",
        "exercise",
        *columns,
        "total",
        "maximum",
        "percent",
        "submitted_at",
        "flags",
    ]
    _write_csv(out / "gradebook.csv", header, gradebook_rows(graded, conflicts, columns))
    _write_csv(out / "manual.csv", list(MANUAL_COLUMNS), manual_rows(graded))
    rows = [[p.file, p.student_id, p.exercise, p.problem] for p in problems]
    _write_csv(out / "errors.csv", list(ERROR_COLUMNS), rows)
    if lms:
        from .lms import write_lms_gradebook  # here: grading.lms imports this module

        write_lms_gradebook(out, lms, graded)


def _write_feedback(jobs: Sequence[tuple[Graded, Path]]) -> list[None]:
    """One Markdown file per graded submission (run in a worker)."""
    blocks: dict = {}  # this part's questions' blocks (see feedback_markdown)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    for g, path in jobs:
        with i18n.using(g.submission.language):
            data = feedback_markdown(g, blocks).encode("utf-8")
        fd = os.open(path, flags, 0o644)  # the same bytes on every system ("\n" lines)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    return [None] * len(jobs)


def summary_lines(report: Report) -> list[str]:
    pending = sum(len(g.pending) for g in report.graded)
    lines = [
        f"Graded {len(report.graded)} submission(s) into {report.out}: gradebook.csv, "
        f"feedback/ ({len(report.graded)} files), manual.csv ({pending} open response(s) "
        f"to score), errors.csv ({len(report.problems)} problem(s)), and item_analysis.md "
        "(how each question worked)."
    ]
    if report.conflicts:
        lines.append(
            f"NOT graded: {len(report.conflicts)} conflict(s) between files of one "
            "student; see the flags in gradebook.csv and the files in errors.csv."
        )
    lines += [f"  {p.file}: {p.problem}" for p in report.problems[:10]]
    if len(report.problems) > 10:
        lines.append(f"  ... and {len(report.problems) - 10} more in errors.csv")
    return lines

"""Writing a batch: gradebook.csv, manual.csv, errors.csv and one feedback file per student."""
from __future__ import annotations

import csv
import hashlib
import html
import re
from pathlib import Path

from ..quiz.questions import describe_key
from ..quiz.render import response_lines
from ..quiz.submission import safe_name
from .model import (ERROR_COLUMNS, FEEDBACK_DIR, FORMULA_START, MANUAL_COLUMNS, OUTPUT_FILES,
                    Graded, GradingError, Problem, QuestionGrade, Report)
from .selection import Conflict
from .reading import short_json


# --- writing -----------------------------------------------------------------------------------

def _num(value: float | None) -> str:
    return "" if value is None else f"{round(value, 4):g}"


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
        writer = csv.writer(fh, quoting=csv.QUOTE_ALL)
        writer.writerow(header)
        writer.writerows([cell(value) for value in row] for row in rows)


def question_columns(keys: dict, exercises: set[str]) -> list[str]:
    """Question ids of the exercises in this batch, in key order (ids carry their exercise)."""
    return [qid for ex in sorted(exercises) for qid in keys[ex]]


def gradebook_rows(graded: list[Graded], conflicts: list[Conflict],
                   columns: list[str]) -> list[list[str]]:
    """One row per student and exercise; a conflict's row has no scores, only its flag."""
    rows = []
    for g in graded:
        scores = {q.spec["id"]: _num(q.score) for q in g.grades}
        flags = g.flags + ([f"open responses to score: {len(g.pending)}"] if g.pending else [])
        percent = f"{100 * g.total / g.maximum:.1f}" if g.maximum else ""
        rows.append([g.submission.student_id, g.submission.exercise,
                     *(scores.get(c, "") for c in columns), _num(g.total), _num(g.maximum),
                     percent, g.submission.submitted_at, "; ".join(flags)])
    for c in conflicts:
        flag = (f"CONFLICT, not graded: {c.reason}; {len(c.submissions)} file(s) listed in "
                "errors.csv")
        rows.append([c.student_id, c.exercise, *("" for _ in columns), "", "", "", "", flag])
    return sorted(rows, key=lambda row: (row[1], row[0]))


def manual_rows(graded: list[Graded]) -> list[list[str]]:
    rows = []
    for g in graded:
        for q in g.grades:
            if q.status in ("to be scored", "scored"):
                rubric = "; ".join(f"{r['criterion']} ({r['points']} pt)"
                                   for r in q.spec.get("rubric", []))
                response = str(q.entry["response"])
                rows.append([g.submission.student_id, g.submission.exercise, q.spec["id"],
                             response, response_hash(response), rubric,
                             q.spec.get("explanation", ""), _num(q.points), _num(q.score),
                             q.comment])
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


def feedback_markdown(g: Graded) -> str:
    """What the student reads: every question, their answer, the points and why."""
    sub = g.submission
    lines = [f"# Feedback on exercise {sub.exercise}: student {_md(sub.student_id)}", "",
             f"Submitted {sub.submitted_at}. Graded from your answers as data against the "
             "answer key.", "",
             f"**Score: {_num(g.total)} of {_num(g.maximum)} points**"
             + (f" ({100 * g.total / g.maximum:.1f}%)." if g.maximum else ".")]
    if g.pending:
        lines.append(f"{len(g.pending)} open response(s) still to be scored by your lecturer; "
                     "the score above does not include them yet.")
    if g.flags:
        lines += ["", "Notes: " + _md("; ".join(g.flags)) + "."]
    for number, q in enumerate(g.grades, 1):
        lines += ["", "---", ""] + _question_markdown(number, q)
    return "\n".join(lines) + "\n"


def _question_markdown(number: int, q: QuestionGrade) -> list[str]:
    spec = q.spec
    score = (f"to be scored by your lecturer (of {_num(q.points)} pt)" if q.pending
             else f"{_num(q.score)} of {_num(q.points)} pt, {q.status}")
    lines = [f"## Question {number} ({spec['id']}): {score}", "",
             spec["prompt"].strip(), "", "**Your answer:**", ""]
    lines += _answer_markdown(spec, q)
    # The messages of an answer of the wrong shape quote the file: shown as text.
    messages = [_md(m) if q.status == "wrong type" else m for m in q.messages if m]
    lines += ["", "**Feedback:**", ""] + [f"- {m}" for m in messages]
    if q.comment:
        lines.append(f"- Your lecturer: {_md(q.comment)}")
    lines += ["", "**Answer key:**", ""]
    lines += [f"- {k}" for k in describe_key({**spec, "explanation": None})]
    why = spec.get("explanation")
    if why and spec["kind"] == "open":
        lines.append(f"- Model answer: {why}")
    elif why and why not in q.messages:
        lines.append(f"- Why: {why}")
    return lines


def _answer_markdown(spec: dict, q: QuestionGrade) -> list[str]:
    if q.status == "not answered" or q.entry is None:
        return ["(no answer)"]
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
        raise GradingError(f"{out} already exists and is not empty; nothing was written. Use "
                           "--overwrite to replace its gradebook, feedback, manual and errors "
                           "files, or choose another --out folder.")


def _clear_outputs(out: Path) -> None:
    """Remove only what the grader writes; anything else in the folder is left alone."""
    for name in OUTPUT_FILES:
        (out / name).unlink(missing_ok=True)
    for old in (out / FEEDBACK_DIR).glob("*.md"):
        old.unlink()


def write_outputs(out: Path, keys: dict, graded: list[Graded], conflicts: list[Conflict],
                  problems: list[Problem]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    _clear_outputs(out)
    exercises = {g.submission.exercise for g in graded} | {c.exercise for c in conflicts}
    columns = question_columns(keys, exercises)
    _write_csv(out / "gradebook.csv",
               ["student_id", "exercise", *columns, "total", "maximum", "percent",
                "submitted_at", "flags"], gradebook_rows(graded, conflicts, columns))
    _write_csv(out / "manual.csv", list(MANUAL_COLUMNS), manual_rows(graded))
    _write_csv(out / "errors.csv", list(ERROR_COLUMNS),
               [[p.file, p.student_id, p.exercise, p.problem] for p in problems])
    feedback, used = out / FEEDBACK_DIR, set()
    feedback.mkdir(exist_ok=True)
    for g in graded:
        name = feedback_name(g.submission.exercise, g.submission.student_id, used)
        (feedback / name).write_text(feedback_markdown(g), encoding="utf-8")


def summary_lines(report: Report) -> list[str]:
    pending = sum(len(g.pending) for g in report.graded)
    lines = [f"Graded {len(report.graded)} submission(s) into {report.out}: gradebook.csv, "
             f"feedback/ ({len(report.graded)} files), manual.csv ({pending} open response(s) "
             f"to score), errors.csv ({len(report.problems)} problem(s))."]
    if report.conflicts:
        lines.append(f"NOT graded: {len(report.conflicts)} conflict(s) between files of one "
                     "student; see the flags in gradebook.csv and the files in errors.csv.")
    lines += [f"  {p.file}: {p.problem}" for p in report.problems[:10]]
    if len(report.problems) > 10:
        lines.append(f"  ... and {len(report.problems) - 10} more in errors.csv")
    return lines



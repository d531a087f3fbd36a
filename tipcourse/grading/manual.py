"""Manual scores of open responses: reading a filled-in manual.csv and merging it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..quiz.questions import AnswerFormatError, parse_number
from .model import MAX_BYTES, Graded, GradingError, Problem, QuestionGrade
from .reading import sniff_delimiter
from .reports import response_hash, uncell


def read_manual(path: Path) -> list[tuple[int, dict]]:
    """(row number as a spreadsheet shows it, row) of a filled-in manual.csv.

    Excel's ';' separator and byte-order mark are accepted. Rows are counted, not lines:
    a response with line breaks is one spreadsheet row.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise GradingError(f"Cannot read the manual scores file {path}: {err}") from None
    csv.field_size_limit(max(csv.field_size_limit(), 4 * MAX_BYTES))  # long essays are one cell
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    needed = {"student_id", "exercise", "question_id", "response_sha256", "score"}
    if not needed <= set(reader.fieldnames or []):
        raise GradingError(
            f"{path} is not a manual.csv of this grader: it needs the columns "
            f"{', '.join(sorted(needed))} (found {reader.fieldnames}). Score "
            "the manual.csv that the grader wrote, without removing columns."
        )
    try:
        return list(enumerate(reader, start=2))  # row 1 is the header
    except csv.Error as err:
        raise GradingError(f"{path} cannot be read as CSV ({err}).") from None


def apply_manual(graded: list[Graded], rows: list[tuple[int, dict]], source: str) -> list[Problem]:
    """Merge scores typed into manual.csv; every row that cannot be used becomes a Problem."""
    open_grades = {
        (g.submission.student_id, g.submission.exercise, q.spec["id"]): q
        for g in graded
        for q in g.grades
        if q.status in ("to be scored", "scored")
    }
    problems, seen = [], {}
    for line, row in rows:  # line: the spreadsheet row
        where = (
            uncell(row.get("student_id") or "").strip(),
            (row.get("exercise") or "").strip(),
            (row.get("question_id") or "").strip(),
        )
        text = (row.get("score") or "").strip()
        if not text:
            continue  # not scored yet: stays pending
        problem = _merge_score(
            open_grades.get(where),
            text,
            uncell(row.get("comment") or ""),
            (row.get("response_sha256") or "").strip(),
        )
        if problem is None:
            if where in seen:
                problem = f"scored twice (also row {seen[where]}); this row counts"
            seen[where] = line
        if problem:
            problems.append(Problem(source, f"row {line}: {problem}", where[0], where[1]))
    for g in graded:
        stale = [q.spec["id"] for q in g.grades if q.stale]
        if stale:
            g.flags.append(
                "manual score not applied, the response changed since it was "
                "scored: " + ", ".join(stale)
            )
    return problems


def _merge_score(
    target: QuestionGrade | None, text: str, comment: str, scored_hash: str
) -> str | None:
    if target is None:
        return "no open response of this student, exercise and question_id in this batch; ignored"
    if scored_hash != response_hash(str(target.entry["response"])):
        target.stale = True
        return (
            "the response changed since this score was given (a new submission): the "
            "score was not applied; score the new response"
        )
    try:
        value = parse_number(text)
    except AnswerFormatError:
        return f"score {text!r} is not a number; ignored"
    if not 0 <= value <= target.points:
        return f"score {value:g} is outside 0..{target.points:g}; ignored"
    target.score, target.status, target.comment = value, "scored", comment.strip()
    return None

"""Manual scores of open responses: reading a filled-in manual.csv and merging it."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ..quiz.questions import AnswerFormatError, parse_number
from .model import Graded, GradingError, Problem, QuestionGrade
from .reports import uncell


# --- manual scores of open responses -----------------------------------------------------------

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
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    needed = {"student_id", "exercise", "question_id", "score"}
    if not needed <= set(reader.fieldnames or []):
        raise GradingError(f"{path} is not a manual.csv: it needs the columns "
                           f"{', '.join(sorted(needed))} (found {reader.fieldnames}).")
    return list(enumerate(reader, start=2))  # row 1 is the header


def apply_manual(graded: list[Graded], rows, source: str) -> list[Problem]:
    """Merge scores typed into manual.csv; every row that cannot be used becomes a Problem."""
    open_grades = {(g.submission.student_id, g.submission.exercise, q.spec["id"]): q
                   for g in graded for q in g.grades if q.status in ("to be scored", "scored")}
    problems, seen = [], {}
    for line, row in rows:  # line: the spreadsheet row
        where = (uncell(row.get("student_id") or "").strip(), (row.get("exercise") or "").strip(),
                 (row.get("question_id") or "").strip())
        text = (row.get("score") or "").strip()
        if not text:
            continue  # not scored yet: stays pending
        problem = _merge_score(open_grades.get(where), text, uncell(row.get("comment") or ""))
        if problem is None:
            if where in seen:
                problem = f"scored twice (also row {seen[where]}); this row counts"
            seen[where] = line
        if problem:
            problems.append(Problem(source, f"row {line}: {problem}", where[0], where[1]))
    return problems


def _merge_score(target: QuestionGrade | None, text: str, comment: str) -> str | None:
    if target is None:
        return "no open response of this student, exercise and question_id in this batch; ignored"
    try:
        value = parse_number(text)
    except AnswerFormatError:
        return f"score {text!r} is not a number; ignored"
    if not 0 <= value <= target.points:
        return f"score {value:g} is outside 0..{target.points:g}; ignored"
    target.score, target.status, target.comment = value, "scored", comment.strip()
    return None



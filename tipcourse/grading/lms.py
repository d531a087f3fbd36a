"""Gradebooks in the shapes the LMSs import (`grade --lms moodle|canvas`).

One row per student and one column per exercise (its total), so a run of one exercise gives
one grade column and a mixed run one column per exercise. A conflict (no submission chosen)
has no row: its grade in the LMS is left as it is. The total counts the open responses
scored so far (score them first: instructor/GRADING.md, section 6).

gradebook_moodle.csv, for Moodle's Grades › Import › CSV file (gradeimport_csv): a column
`ID number` with the student id as typed, then `Exercise NN`. Moodle maps the columns by
hand: *Map from* `ID number` *to* the user field that holds the ids (ID number, username or
email address), and each exercise column to its grade item. Moodle stops the whole import
at an id it does not know, and imports a blank cell of a mapped column as "no grade".

gradebook_canvas.csv, for Canvas's Grades › Import (the layout of its gradebook export,
app/models/gradebook_importer.rb): `Student`, `ID`, `SIS User ID`, `SIS Login ID`, `Section`,
then `Exercise NN`, and a second row `Points Possible` with each exercise's maximum. The
student id goes into both SIS columns (Canvas looks a student up by ID, then SIS User ID,
then SIS Login ID, then name); Student, ID and Section stay empty. Canvas matches a column
to the assignment of that exact name, or `Name (assignment id)` as in its export, and offers
to create an assignment for a name it does not know.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from .model import Graded
from .reports import cell

LMS_FILES = {"moodle": "gradebook_moodle.csv", "canvas": "gradebook_canvas.csv"}
CANVAS_STUDENT_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
MOODLE_ID_COLUMN = "ID number"


def exercise_title(exercise: str) -> str:
    """The grade column of an exercise: `ex01` is `Exercise 01`."""
    match = re.fullmatch(r"ex([0-9]+)", exercise)
    return f"Exercise {match.group(1)}" if match else exercise


def _score(value: float) -> str:
    return f"{round(value, 4):g}"


def lms_table(lms: str, graded: list[Graded]) -> tuple[list[str], list[list[str]]]:
    """(header, rows) of the LMS's gradebook for these graded submissions."""
    if lms not in LMS_FILES:
        raise ValueError(f"unknown LMS {lms!r}; choose {' or '.join(LMS_FILES)}")
    exercises = sorted({g.submission.exercise for g in graded})
    maximum = {g.submission.exercise: g.maximum for g in graded}
    totals: dict[str, dict[str, float]] = {}
    for g in graded:
        totals.setdefault(g.submission.student_id, {})[g.submission.exercise] = g.total
    titles = [exercise_title(ex) for ex in exercises]

    def scores(student: str) -> list[str]:
        return [_score(totals[student][ex]) if ex in totals[student] else "" for ex in exercises]

    if lms == "moodle":
        header = [MOODLE_ID_COLUMN, *titles]
        rows = [[student, *scores(student)] for student in sorted(totals)]
    else:
        header = [*CANVAS_STUDENT_COLUMNS, *titles]
        points = ["Points Possible", "", "", "", "", *(_score(maximum[ex]) for ex in exercises)]
        rows = [points] + [["", "", s, s, "", *scores(s)] for s in sorted(totals)]
    return header, rows


def write_lms_gradebook(out: Path, lms: str, graded: list[Graded]) -> Path:
    """Write gradebook_<lms>.csv into `out` (every cell quoted and formula-escaped, as the
    grader's other CSV files); return its path."""
    header, rows = lms_table(lms, graded)
    path = Path(out) / LMS_FILES[lms]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_ALL)
        writer.writerow(header)
        writer.writerows([cell(value) for value in row] for row in rows)
    return path

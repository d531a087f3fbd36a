"""grade --lms moodle|canvas: gradebooks in the shapes Moodle's and Canvas's grade imports read,
and the samples in instructor/samples/ (written from the fictional batch below)."""

import csv
import json
import re
from pathlib import Path

import pytest

from tipcourse.__main__ import main as cli
from tipcourse.grading import grade
from tipcourse.grading.lms import LMS_FILES, exercise_title, lms_table
from tipcourse.paths import ROOT
from tipcourse.quiz.submission import build_submission, safe_name

SAMPLES = ROOT / "instructor" / "samples"
WHEN = "2025-03-01T09:00:00+00:00"


def key(exercise: str) -> dict:
    return {
        "exercise": exercise,
        "questions": [
            {
                "id": f"{exercise}-single",
                "kind": "single",
                "prompt": "Does consent matter once a means was used?",
                "points": 4,
                "options": {"a": "Yes", "b": "No"},
                "answer": "b",
            },
            {
                "id": f"{exercise}-numeric",
                "kind": "numeric",
                "prompt": "Poverty rate?",
                "points": 4,
                "answer": 21.09,
                "tolerance": 0.01,
            },
            {
                "id": f"{exercise}-open",
                "kind": "open",
                "prompt": "Discuss.",
                "points": 2,
                "rubric": [{"criterion": "Applies Art. 3", "points": 2}],
            },
        ],
    }


def submit(folder: Path, exercise: str, student: str, single: str, number: float) -> None:
    answers = {
        f"{exercise}-single": {"response": single, "attempts": 1, "saved_at": WHEN},
        f"{exercise}-numeric": {"response": number, "attempts": 1, "saved_at": WHEN},
    }
    questions = [q["id"] for q in key(exercise)["questions"]]
    doc = build_submission(exercise, student, answers, questions, WHEN)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{exercise}__{safe_name(student)}.json").write_text(json.dumps(doc))


@pytest.fixture
def keys(tmp_path):
    folder = tmp_path / "keys"
    folder.mkdir()
    for exercise in ("ex01", "ex02"):
        (folder / f"{exercise}.json").write_text(json.dumps(key(exercise)))
    return folder


def fictional_batch(folder: Path) -> Path:
    """Three fictional students of ex01 (the samples)."""
    submit(folder, "ex01", "2301001", "b", 21.09)
    submit(folder, "ex01", "2301002", "b", 20.5)
    submit(folder, "ex01", "2301003", "a", 21.1)
    return folder


def read(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


@pytest.mark.parametrize("lms", ["moodle", "canvas"])
def test_samples_are_what_the_grader_writes(tmp_path, keys, lms):
    subs = fictional_batch(tmp_path / "subs")
    out = tmp_path / "out"
    assert cli(["grade", str(subs), "--out", str(out), "--keys", str(keys), "--lms", lms]) == 0
    written = (out / LMS_FILES[lms]).read_text(encoding="utf-8")
    assert written == (SAMPLES / LMS_FILES[lms]).read_text(encoding="utf-8")
    other = "canvas" if lms == "moodle" else "moodle"
    assert not (out / LMS_FILES[other]).exists()


def test_without_lms_no_lms_file(tmp_path, keys):
    report = grade([fictional_batch(tmp_path / "subs")], tmp_path / "out", keys)
    assert not any((report.out / name).exists() for name in LMS_FILES.values())


def test_moodle_layout(tmp_path, keys):
    report = grade([fictional_batch(tmp_path / "subs")], tmp_path / "out", keys, lms="moodle")
    rows = read(report.out / "gradebook_moodle.csv")
    assert rows == [
        ["ID number", "Exercise 01"],
        ["2301001", "8"],
        ["2301002", "4"],
        ["2301003", "4"],
    ]


def canvas_header_ok(row: list[str]) -> bool:
    """What Canvas's importer (app/models/gradebook_importer.rb) requires of the header: Student
    and ID first, SIS User ID and SIS Login ID next, and the last student column Section."""
    return (
        len(row) > 3
        and "Student" in row[0]
        and "ID" in row[1]
        and re.search(r"SIS\s+User\s+ID", row[2]) is not None
        and re.search(r"SIS\s+Login\s+ID", row[3]) is not None
        and "Section" in row[4]
    )


def test_canvas_layout(tmp_path, keys):
    report = grade([fictional_batch(tmp_path / "subs")], tmp_path / "out", keys, lms="canvas")
    header, points, *students = read(report.out / "gradebook_canvas.csv")
    assert canvas_header_ok(header)
    assert header == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Exercise 01"]
    assert points == ["Points Possible", "", "", "", "", "10"]
    assert students == [
        ["", "", "2301001", "2301001", "", "8"],
        ["", "", "2301002", "2301002", "", "4"],
        ["", "", "2301003", "2301003", "", "4"],
    ]
    # Canvas reads `Title (digits)` as an assignment id; our titles are plain names.
    assert not re.fullmatch(r".*\s\(\d+\)", header[-1])


def test_mixed_run_has_one_column_per_exercise(tmp_path, keys):
    subs = tmp_path / "subs"
    submit(subs, "ex01", "S1", "b", 21.09)
    submit(subs, "ex02", "S1", "a", 21.09)
    submit(subs, "ex02", "S2", "b", 1)
    report = grade([subs], tmp_path / "out", keys, lms="canvas")
    header, points, *students = read(report.out / "gradebook_canvas.csv")
    assert header[5:] == ["Exercise 01", "Exercise 02"]
    assert points[5:] == ["10", "10"]
    assert [row[2:4] + row[5:] for row in students] == [
        ["S1", "S1", "8", "4"],
        ["S2", "S2", "", "4"],
    ]


def test_conflicts_have_no_row_and_pending_totals_count_so_far(tmp_path, keys):
    subs = tmp_path / "subs"
    submit(subs / "a", "ex01", "S1", "b", 21.09)
    submit(subs / "b", "ex01", "S1", "a", 0)  # the same student from two folders: a conflict
    submit(subs, "ex01", "S2", "b", 21.09)
    report = grade([subs], tmp_path / "out", keys, lms="moodle")
    assert report.conflicts
    assert read(report.out / "gradebook_moodle.csv") == [["ID number", "Exercise 01"], ["S2", "8"]]


def test_cells_are_quoted_and_formula_escaped(tmp_path, keys):
    subs = tmp_path / "subs"
    submit(subs, "ex01", "=HYPERLINK(1)", "b", 21.09)
    report = grade([subs], tmp_path / "out", keys, lms="canvas")
    text = (report.out / "gradebook_canvas.csv").read_text(encoding="utf-8")
    assert "\"'=HYPERLINK(1)\"" in text and text.startswith('"Student","ID"')


def test_unknown_lms_and_titles():
    with pytest.raises(ValueError, match="moodle or canvas"):
        lms_table("blackboard", [])
    assert exercise_title("ex07") == "Exercise 07" and exercise_title("quiz-a") == "quiz-a"
    with pytest.raises(SystemExit):
        cli(["grade", "x", "--out", "y", "--lms", "blackboard"])

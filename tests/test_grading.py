"""The grader: scores of every kind, feedback, manual scores, bad input, outputs, end to end."""

import ast
import csv
import json
from pathlib import Path

import pytest

from tipcourse import grading
from tipcourse.__main__ import main as cli
from tipcourse.grading import MAX_BYTES, GradingError, grade
from tipcourse.paths import ROOT
from tipcourse.quiz import submission as submission_module
from tipcourse.quiz.submission import build_submission, safe_name

# A key written for this test: one question of every kind (so the tests never run empty).
KEY = {
    "exercise": "ex90",
    "questions": [
        {
            "id": "ex90-single",
            "kind": "single",
            "prompt": "Does consent matter?",
            "points": 2,
            "options": {"a": "Yes", "b": "No", "c": "Only for adults"},
            "answer": "b",
            "feedback": {
                "a": "Consent is irrelevant once a means was used.",
                "b": "Right: a means was used.",
                "c": "Age does not revive consent.",
            },
            "explanation": "Art. 3(b).",
        },
        {
            "id": "ex90-multiple",
            "kind": "multiple",
            "prompt": "Which are means?",
            "points": 2,
            "options": {"a": "Deception", "b": "Recruitment", "c": "Coercion", "d": "Harbouring"},
            "answer": ["a", "c"],
            "feedback": {"a": "A means.", "b": "An act.", "c": "A means.", "d": "An act."},
        },
        {
            "id": "ex90-numeric",
            "kind": "numeric",
            "prompt": "Poverty rate?",
            "points": 1,
            "answer": 21.09,
            "tolerance": 0.01,
            "unit": "%",
            "feedback": {"correct": "Right.", "incorrect": "Filter the year first."},
        },
        {
            "id": "ex90-text",
            "kind": "text",
            "prompt": "Term for debt bondage?",
            "points": 1,
            "answer": ["penjeratan utang", "debt bondage"],
        },
        {
            "id": "ex90-categorize",
            "kind": "categorize",
            "prompt": "Sort.",
            "points": 3,
            "items": {"x": "Recruited", "y": "Deceived", "z": "Forced labour"},
            "categories": {"act": "Act", "means": "Means", "purpose": "Purpose"},
            "answer": {"x": "act", "y": "means", "z": "purpose"},
            "feedback": {"x": "An act.", "y": "A means.", "z": "A purpose."},
        },
        {
            "id": "ex90-order",
            "kind": "order",
            "prompt": "Order the instruments.",
            "points": 3,
            "items": {"p": "UU 21/2007", "q": "Palermo Protocol", "r": "UU 18/2017"},
            "answer": ["q", "p", "r"],
        },
        {
            "id": "ex90-open",
            "kind": "open",
            "prompt": "Discuss the case.",
            "points": 4,
            "rubric": [
                {"criterion": "Names act, means and purpose", "points": 3},
                {"criterion": "Cites the law", "points": 1},
            ],
            "explanation": "Model: recruitment by deception for forced labour.",
        },
    ],
}
SPECS = {q["id"]: q for q in KEY["questions"]}
RIGHT = {
    "ex90-single": "b",
    "ex90-multiple": ["a", "c"],
    "ex90-numeric": 21.09,
    "ex90-text": "Debt  Bondage",
    "ex90-categorize": {"x": "act", "y": "means", "z": "purpose"},
    "ex90-order": ["q", "p", "r"],
    "ex90-open": "Recruited by deception; UU 21/2007.",
}
AUTO_MAX = 12  # every question but the open one
WHEN = "2025-03-01T09:00:00+00:00"


# --- helpers -----------------------------------------------------------------------------------


def right_response(spec):
    """The key's own answer, in the shape a student would send."""
    if spec["kind"] == "open":
        return "A careful answer that the lecturer will score."
    if spec["kind"] == "text" and isinstance(spec["answer"], list):
        return spec["answer"][0]
    return spec["answer"]


def wrong_response(spec):
    """An answer of the right shape that earns nothing (None: leave unanswered)."""
    kind, answer = spec["kind"], spec.get("answer")
    if kind == "single":
        return next(k for k in spec["options"] if k != answer)
    if kind == "multiple":
        return [k for k in spec["options"] if k not in answer] or None
    if kind == "numeric":
        return float(answer) + 10 * (float(spec.get("tolerance", 0)) + 1)
    if kind == "text":
        return "zzz not the term"
    if kind == "categorize":
        cats = list(spec["categories"])
        return {i: cats[(cats.index(c) + 1) % len(cats)] for i, c in answer.items()}
    if kind == "order":
        return list(answer[1:]) + list(answer[:1])
    return "A weak answer."


def entries(responses: dict) -> dict:
    return {
        qid: {"response": r, "attempts": 1, "saved_at": WHEN}
        for qid, r in responses.items()
        if r is not None
    }


def submit(
    folder: Path, student: str, responses: dict, exercise="ex90", when=WHEN, name=None, **changes
) -> Path:
    """Write a submission file as a student's notebook would (plus `changes` to break it)."""
    doc = build_submission(exercise, student, entries(responses), list(responses), when)
    doc.update(changes)
    path = folder / (name or f"{exercise}__{safe_name(student)}.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.fixture
def subs(tmp_path):
    folder = tmp_path / "subs"
    folder.mkdir()
    return folder


def run(tmp_path, keys, *paths, out="out", **kwargs):
    return grade(list(paths), tmp_path / out, keys, **kwargs)


def rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def gradebook(report) -> dict:
    return {(r["student_id"], r["exercise"]): r for r in rows(report.out / "gradebook.csv")}


def errors(report) -> list[dict]:
    return rows(report.out / "errors.csv")


def feedback(report, exercise, student) -> str:
    return (report.out / "feedback" / f"{exercise}__{safe_name(student)}.md").read_text()


# --- scoring -----------------------------------------------------------------------------------


def test_all_right_every_kind(tmp_path, keys, subs):
    submit(subs, "S1", RIGHT)
    report = run(tmp_path, keys, subs)
    row = gradebook(report)[("S1", "ex90")]
    for qid, spec in SPECS.items():
        expected = "" if spec["kind"] == "open" else f"{spec['points']:g}"
        assert row[qid] == expected, qid
    assert (row["total"], row["maximum"], row["percent"]) == ("12", "16", "75.0")
    assert row["submitted_at"] == WHEN and "open responses to score: 1" in row["flags"]
    assert errors(report) == []


def test_all_wrong_every_kind(tmp_path, keys, subs):
    submit(subs, "S1", {qid: wrong_response(spec) for qid, spec in SPECS.items()})
    row = gradebook(run(tmp_path, keys, subs))[("S1", "ex90")]
    assert [row[q] for q in SPECS if q != "ex90-open"] == ["0"] * 6
    assert row["total"] == "0"


@pytest.mark.parametrize(
    "qid, response, points",
    [
        ("ex90-multiple", ["a"], "1"),  # one of two right
        ("ex90-multiple", ["a", "b", "c"], "1"),  # a wrong pick takes a share away
        ("ex90-multiple", ["a", "b"], "0"),
        ("ex90-categorize", {"x": "act", "y": "means", "z": "means"}, "2"),
        ("ex90-order", ["q", "r", "p"], "1"),  # one of three in place
        ("ex90-order", ["p", "q", "r"], "1"),
    ],
)
def test_partial_credit(tmp_path, keys, subs, qid, response, points):
    submit(subs, "S1", {**RIGHT, qid: response})
    assert gradebook(run(tmp_path, keys, subs))[("S1", "ex90")][qid] == points


@pytest.mark.parametrize(
    "response, points",
    [
        (21.09, "1"),
        (21.10, "1"),
        (21.08, "1"),
        ("21,095", "1"),
        ("21.1", "1"),
        (21.1001, "0"),
        (21.0799, "0"),
        (-21.09, "0"),
        ("21,11", "0"),
    ],
)
def test_numeric_tolerance_edges(tmp_path, keys, subs, response, points):
    submit(subs, "S1", {**RIGHT, "ex90-numeric": response})
    assert gradebook(run(tmp_path, keys, subs))[("S1", "ex90")]["ex90-numeric"] == points


def test_unanswered_questions_score_zero(tmp_path, keys, subs):
    submit(subs, "S1", {"ex90-single": "b", **{q: None for q in SPECS if q != "ex90-single"}})
    report = run(tmp_path, keys, subs)
    row = gradebook(report)[("S1", "ex90")]
    assert row["ex90-single"] == "2" and row["ex90-open"] == "0" and row["total"] == "2"
    assert feedback(report, "ex90", "S1").count("(no answer)") == 6
    assert rows(report.out / "manual.csv") == []  # nothing to score by hand


@pytest.mark.parametrize("blank", [None, "", "   ", [], {}])
def test_blank_answers_count_as_unanswered(tmp_path, keys, subs, blank):
    path = submit(subs, "S1", RIGHT)
    doc = json.loads(path.read_text())
    doc["answers"]["ex90-open"]["response"] = blank
    path.write_text(json.dumps(doc))
    report = run(tmp_path, keys, subs)
    row = gradebook(report)[("S1", "ex90")]
    assert row["ex90-open"] == "0" and "wrong answer type" not in row["flags"]
    assert "ex90-open): 0 of 4 pt, not answered" in feedback(report, "ex90", "S1")


# --- feedback ----------------------------------------------------------------------------------


def test_feedback_file_explains_each_question(tmp_path, keys, subs):
    submit(subs, "S1", {**RIGHT, "ex90-single": "a", "ex90-multiple": ["a"]})
    text = feedback(run(tmp_path, keys, subs), "ex90", "S1")
    assert text.startswith("# Feedback on exercise ex90: student S1")
    assert "**Score: 9 of 16 points** (56.2%)." in text
    assert "Does consent matter?" in text and "a) Yes" in text  # prompt and their answer
    assert "Consent is irrelevant once a means was used." in text  # feedback of option a
    assert "Answer: b) No" in text and "Art. 3(b)." in text  # key and explanation
    assert "0 of 2 pt, not correct" in text and "1 of 2 pt, partly correct" in text
    assert "You left out 1 correct option(s)." in text
    assert "Rubric: Names act, means and purpose (3 pt)" in text
    assert "Model answer: Model: recruitment by deception" in text
    assert "to be scored by your lecturer (of 4 pt)" in text


def test_feedback_shows_student_text_as_text(tmp_path, keys, subs):
    submit(subs, "S1", {**RIGHT, "ex90-open": "<script>alert(1)</script> & more"})
    text = feedback(run(tmp_path, keys, subs), "ex90", "S1")
    assert "<script>" not in text and r"&lt;script&gt;alert\(1\)&lt;/script&gt; &amp; more" in text


# --- manual scores -----------------------------------------------------------------------------


def fill_manual(path: Path, scores, comment="") -> Path:
    """Copy manual.csv with scores typed in, as a lecturer would.

    `scores`: {student_id: score}, or a function of the row giving its score.
    """
    table = rows(path)
    for row in table:
        row["score"] = (
            scores(row) if callable(scores) else scores.get(row["student_id"], row["score"])
        )
        row["comment"] = comment
    filled = path.with_name("filled.csv")
    with open(filled, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)
    return filled


def test_manual_csv_lists_open_responses_with_rubric(tmp_path, keys, subs):
    submit(subs, "S1", RIGHT)
    (row,) = rows(run(tmp_path, keys, subs).out / "manual.csv")
    assert row["student_id"] == "S1" and row["question_id"] == "ex90-open"
    assert row["response"] == RIGHT["ex90-open"] and row["max_points"] == "4" and row["score"] == ""
    assert row["rubric"] == "Names act, means and purpose (3 pt); Cites the law (1 pt)"


def test_manual_scores_merge_into_gradebook_and_feedback(tmp_path, keys, subs):
    submit(subs, "S1", RIGHT)
    submit(subs, "S2", RIGHT)
    first = run(tmp_path, keys, subs)
    filled = fill_manual(first.out / "manual.csv", {"S1": "3,5"}, comment="Cite Art. 3.")
    second = run(tmp_path, keys, subs, out="out2", manual=filled)
    book = gradebook(second)
    assert book[("S1", "ex90")]["ex90-open"] == "3.5" and book[("S1", "ex90")]["total"] == "15.5"
    assert "open responses" not in book[("S1", "ex90")]["flags"]
    assert book[("S2", "ex90")]["ex90-open"] == ""
    assert "open responses to score: 1" in book[("S2", "ex90")]["flags"]
    text = feedback(second, "ex90", "S1")
    assert "3.5 of 4 pt, scored" in text and "Your lecturer: Cite Art. 3." in text
    kept = {r["student_id"]: r["score"] for r in rows(second.out / "manual.csv")}
    assert kept == {"S1": "3.5", "S2": ""}  # the new manual.csv keeps what was scored
    assert errors(second) == []


def test_manual_file_inside_out_survives_overwrite(tmp_path, keys, subs):
    submit(subs, "S1", RIGHT)
    first = run(tmp_path, keys, subs)
    filled = fill_manual(first.out / "manual.csv", {"S1": "4"})
    second = run(tmp_path, keys, subs, manual=filled, overwrite=True)
    assert gradebook(second)[("S1", "ex90")]["total"] == "16"


@pytest.mark.parametrize(
    "score, problem",
    [
        ("abc", "'abc' is not a number"),
        ("5", "outside 0..4"),
        ("-1", "outside 0..4"),
    ],
)
def test_manual_scores_are_validated(tmp_path, keys, subs, score, problem):
    submit(subs, "S1", RIGHT)
    first = run(tmp_path, keys, subs)
    filled = fill_manual(first.out / "manual.csv", {"S1": score})
    second = run(tmp_path, keys, subs, out="out2", manual=filled)
    assert gradebook(second)[("S1", "ex90")]["ex90-open"] == ""
    (error,) = errors(second)
    assert problem in error["problem"] and error["problem"].startswith("row 2:")


def test_manual_unknown_and_duplicate_rows_are_reported(tmp_path, keys, subs):
    submit(subs, "S1", RIGHT)
    run(tmp_path, keys, subs)
    manual = tmp_path / "manual-in.csv"
    digest = rows(tmp_path / "out" / "manual.csv")[0]["response_sha256"]
    manual.write_text(
        "student_id;exercise;question_id;response_sha256;score\n"
        f"S1;ex90;ex90-open;{digest};2\nS9;ex90;ex90-open;{digest};1\n"
        f"S1;ex90;ex90-single;{digest};1\nS1;ex90;ex90-open;{digest};3\n",
        encoding="utf-8-sig",
    )  # Excel: ';' and a BOM
    report = run(tmp_path, keys, subs, out="out2", manual=manual)
    assert gradebook(report)[("S1", "ex90")]["ex90-open"] == "3"
    problems = [e["problem"] for e in errors(report)]
    assert problems[0].startswith("row 3: no open response")
    assert problems[1].startswith("row 4: no open response")
    assert problems[2] == "row 5: scored twice (also row 2); this row counts"


def test_manual_problems_name_the_spreadsheet_row(tmp_path, keys, subs):
    submit(subs, "S1", {**RIGHT, "ex90-open": "First line.\nSecond line.\nThird."})
    submit(subs, "S2", RIGHT)
    first = run(tmp_path, keys, subs)
    filled = fill_manual(first.out / "manual.csv", {"S1": "2", "S2": "lots"})
    assert filled.read_text().count("\n") > 3  # the response spans several lines of the file
    (error,) = errors(run(tmp_path, keys, subs, out="out2", manual=filled))
    assert error["problem"].startswith("row 3: score 'lots'") and error["student_id"] == "S2"


@pytest.mark.parametrize("content", [None, "name,points\nx,1\n"])
def test_unusable_manual_file_stops_before_writing(tmp_path, keys, subs, content):
    submit(subs, "S1", RIGHT)
    manual = tmp_path / "manual-in.csv"
    if content is not None:
        manual.write_text(content)
    with pytest.raises(GradingError, match="manual"):
        run(tmp_path, keys, subs, manual=manual)
    assert not (tmp_path / "out").exists()


# --- bad input: every problem reported, the rest of the batch graded ---------------------------


def assert_one_problem(report, needle, student_id=""):
    (error,) = errors(report)
    assert needle in error["problem"], error
    assert error["student_id"] == student_id
    assert ("GOOD", "ex90") in gradebook(report)  # the rest of the batch was graded
    return error


def test_not_json(tmp_path, keys, subs):
    submit(subs, "GOOD", RIGHT)
    (subs / "broken.json").write_text('{"exercise": "ex90", ')
    error = assert_one_problem(run(tmp_path, keys, subs), "not valid JSON")
    assert error["file"].endswith("broken.json")


def test_not_text(tmp_path, keys, subs):
    submit(subs, "GOOD", RIGHT)
    (subs / "binary.json").write_bytes(b"\x80\x04\x95pickle\xff")
    assert_one_problem(run(tmp_path, keys, subs), "not a text (UTF-8) file")


def test_deeply_nested_json(tmp_path, keys, subs):
    submit(subs, "GOOD", RIGHT)
    (subs / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    assert_one_problem(run(tmp_path, keys, subs), "JSON nested more than 32 levels deep")


@pytest.mark.parametrize(
    "content, needle",
    [
        ([1, 2, 3], "a submission is an object, not a list"),
        ("just a string", "not a string"),
        ({"exercise": "ex90", "student_id": "X"}, "'submitted_at' is missing"),
        ({"exercise": "ex90", "submitted_at": WHEN, "answers": {}}, "'student_id' is missing"),
        (
            {"exercise": "ex90", "student_id": "X", "submitted_at": WHEN, "answers": []},
            "'answers' must be an object, not a list",
        ),
        (
            {"exercise": "ex90", "student_id": "X", "submitted_at": "yesterday", "answers": {}},
            "'submitted_at' must be an ISO date",
        ),
        (
            {"exercise": "../ex90", "student_id": "X", "submitted_at": WHEN, "answers": {}},
            "'exercise' must be an exercise id",
        ),
        (
            {"exercise": "ex90", "student_id": "", "submitted_at": WHEN, "answers": {}},
            "'student_id' is unusable",
        ),
        (
            {"exercise": "ex90", "student_id": 42, "submitted_at": WHEN, "answers": {}},
            "'student_id' is unusable",
        ),
        (
            {
                "format": 3,
                "exercise": "ex90",
                "student_id": "X",
                "submitted_at": WHEN,
                "answers": {},
            },
            "format 1 or 2",
        ),
    ],
)
def test_wrong_shape(tmp_path, keys, subs, content, needle):
    submit(subs, "GOOD", RIGHT)
    (subs / "odd.json").write_text(json.dumps(content))
    known = isinstance(content, dict) and content.get("student_id") == "X"
    error = assert_one_problem(run(tmp_path, keys, subs), needle, "X" if known else "")
    assert error["problem"].startswith("JSON of the wrong shape")


def test_a_notebook_instead_of_a_submission(tmp_path, keys, subs):
    submit(subs, "GOOD", RIGHT)
    notebook = ROOT / "notebooks" / "00_start_here.ipynb"
    content = (
        notebook.read_text()
        if notebook.exists()
        else json.dumps(
            {"cells": [{"cell_type": "code", "source": "import os"}], "nbformat": 4, "metadata": {}}
        )
    )
    (subs / "ex90__S2.json").write_text(content)
    assert_one_problem(run(tmp_path, keys, subs), "this is a notebook, not a submission file")


def test_another_exercise_without_key(tmp_path, keys, subs):
    submit(subs, "GOOD", RIGHT)
    submit(subs, "S2", {"ex42-x": "a"}, exercise="ex42")
    error = assert_one_problem(run(tmp_path, keys, subs), "no answer key for exercise 'ex42'", "S2")
    assert error["exercise"] == "ex42"


def test_broken_key_stops_only_its_exercise(tmp_path, keys, subs):
    (keys / "ex91.json").write_text(json.dumps({"exercise": "ex91", "questions": [{"id": "bad"}]}))
    submit(subs, "GOOD", RIGHT)
    submit(subs, "S2", {"ex91-x": "a"}, exercise="ex91")
    assert_one_problem(run(tmp_path, keys, subs), "ex91.json cannot be used", "S2")


def test_unknown_question_ids_are_flagged_and_ignored(tmp_path, keys, subs):
    submit(subs, "S1", {**RIGHT, "ex90-extra": "b", "ex01-other": 3})
    report = run(tmp_path, keys, subs)
    row = gradebook(report)[("S1", "ex90")]
    assert row["total"] == "12" and "ex90-extra" not in row
    assert "unknown question ids ignored: " in row["flags"]
    assert "ex90-extra" in row["flags"] and "ex01-other" in row["flags"] and errors(report) == []


@pytest.mark.parametrize(
    "qid, response, reason",
    [
        ("ex90-single", {"b": True}, "Choose one of the options"),
        ("ex90-single", ["b"], "Choose one of the options"),
        ("ex90-multiple", "a,c", "Give a list of option letters"),
        ("ex90-multiple", 7, "the answer is a number"),
        ("ex90-multiple", [["a"]], "Give a list of option letters"),
        ("ex90-numeric", [21.09], "Type a number"),
        ("ex90-numeric", True, "Type a number"),
        ("ex90-numeric", 10**400, "does not fit this question (kind: numeric)"),
        ("ex90-numeric", "21 percent", "is not a number"),
        ("ex90-text", 42, "Type a short answer in words"),
        ("ex90-categorize", ["act", "means", "purpose"], "Assign each item to a category"),
        ("ex90-categorize", {"x": ["act"], "y": "means", "z": "purpose"}, "does not fit"),
        ("ex90-categorize", {"x": "act", "y": "means", "z": "victim"}, "Unknown category"),
        ("ex90-order", {"q": 1}, "Put every item in order"),
        ("ex90-order", 3, "does not fit this question (kind: order)"),
        ("ex90-open", {"text": "hi"}, "Write your answer in the box"),
    ],
)
def test_wrong_answer_type_scores_zero_with_reason(tmp_path, keys, subs, qid, response, reason):
    submit(subs, "S1", {**RIGHT, qid: response})
    report = run(tmp_path, keys, subs)
    row = gradebook(report)[("S1", "ex90")]
    assert row[qid] == "0"
    assert f"wrong answer type (0 points): {qid}" in row["flags"]
    other = sum(float(SPECS[q]["points"]) for q in SPECS if q not in (qid, "ex90-open"))
    assert float(row["total"]) == other  # the rest of the submission is graded
    text = feedback(report, "ex90", "S1")
    shown = reason.replace("(", "\\(").replace(")", "\\)")  # file text is escaped Markdown
    assert "Not graded:" in text and shown in text and "wrong type" in text
    assert len(rows(report.out / "manual.csv")) == (0 if qid == "ex90-open" else 1)


def test_malformed_answer_record(tmp_path, keys, subs):
    path = submit(subs, "S1", RIGHT)
    doc = json.loads(path.read_text())
    doc["answers"]["ex90-single"] = "b"  # the bare response, not {"response": ...}
    path.write_text(json.dumps(doc))
    row = gradebook(run(tmp_path, keys, subs))[("S1", "ex90")]
    assert row["ex90-single"] == "0" and "wrong answer type (0 points): ex90-single" in row["flags"]


def test_oversized_file_is_not_read(tmp_path, keys, subs):
    submit(subs, "GOOD", RIGHT)
    big = submit(subs, "S2", {**RIGHT, "ex90-open": "word " * (MAX_BYTES // 5)})
    assert big.stat().st_size > MAX_BYTES
    assert_one_problem(run(tmp_path, keys, subs), "larger than 1,000,000 bytes")


def test_file_just_under_the_limit_is_graded(tmp_path, keys, subs):
    path = submit(subs, "S1", {**RIGHT, "ex90-open": "w" * (MAX_BYTES - 2000)})
    assert MAX_BYTES - 2000 < path.stat().st_size <= MAX_BYTES
    assert ("S1", "ex90") in gradebook(run(tmp_path, keys, subs))


def test_a_file_is_read_to_the_limit_whatever_its_size_said(tmp_path):
    from tipcourse.grading.reading import _first_bytes

    path = tmp_path / "f.json"
    path.write_bytes(b"x" * 50)
    assert _first_bytes(path, 51) == b"x" * 50 and _first_bytes(path, 20) == b"x" * 20
    status = Path("/proc/self/status")  # its size is given as 0; its text is longer
    if status.exists():
        assert status.stat().st_size == 0 and len(_first_bytes(status, 10_000)) > 100
        assert len(_first_bytes(status, 30)) == 30


def test_duplicates_in_one_folder_latest_submission_wins(tmp_path, keys, subs):
    submit(
        subs, "S1", {**RIGHT, "ex90-single": "a"}, when="2025-03-02T10:00:00+00:00", name="a.json"
    )
    submit(subs, "S1", RIGHT, when="2025-03-01T10:00:00+00:00", name="b.json")
    submit(subs, "S1", RIGHT, when="2025-03-02T09:00:00+07:00", name="c.json")  # 02:00 UTC
    report = run(tmp_path, keys, subs)
    row = gradebook(report)[("S1", "ex90")]
    assert row["ex90-single"] == "0" and row["submitted_at"] == "2025-03-02T10:00:00+00:00"
    assert "duplicate: 1 of 3 submissions graded" in row["flags"]
    problems = errors(report)
    assert sorted(Path(e["file"]).name for e in problems) == ["b.json", "c.json"]
    assert all(e["problem"].startswith("duplicate: another submission") for e in problems)
    assert all(str(subs / "a.json") in e["problem"] for e in problems)  # the full path
    assert len(list((report.out / "feedback").iterdir())) == 1


def test_unsafe_student_id_never_names_a_file_raw(tmp_path, keys, subs):
    evil = "../../../escaped"
    submit(subs, evil, RIGHT, name="ex90__odd.json")
    report = run(tmp_path, keys, subs)
    (written,) = list((report.out / "feedback").iterdir())
    assert written.name == f"ex90__{safe_name(evil)}.md" and "/" not in safe_name(evil)
    assert not list(tmp_path.rglob("escaped*"))
    assert (evil, "ex90") in gradebook(report)  # kept as given in the gradebook


def test_feedback_names_never_collide_on_a_case_blind_disk():
    used = set()
    names = [grading.reports.feedback_name("ex90", sid, used) for sid in ("S1", "s1", "S1_")]
    assert len({n.casefold() for n in names}) == 3


def test_spreadsheet_formulas_are_neutralised(tmp_path, keys, subs):
    submit(subs, "=HYPERLINK(\"http://x\")", {**RIGHT, "ex90-open": "=1+1"})
    report = run(tmp_path, keys, subs)
    (row,) = rows(report.out / "gradebook.csv")
    assert row["student_id"].startswith("'=")
    assert rows(report.out / "manual.csv")[0]["response"] == "'=1+1"


def test_checksum_mismatch_is_flagged_and_graded(tmp_path, keys, subs):
    path = submit(subs, "S1", {**RIGHT, "ex90-single": "a"})
    doc = json.loads(path.read_text())
    doc["answers"]["ex90-single"]["response"] = "b"  # edited after submitting
    path.write_text(json.dumps(doc))
    unsigned = json.loads(submit(subs, "S2", RIGHT).read_text())
    del unsigned["checksum"]
    (subs / "ex90__S2.json").write_text(json.dumps(unsigned))
    submit(subs, "S3", RIGHT)
    report = run(tmp_path, keys, subs)
    book = gradebook(report)
    assert book[("S1", "ex90")]["ex90-single"] == "2"  # graded as it is now
    assert "checksum mismatch" in book[("S1", "ex90")]["flags"]
    assert "no checksum" in book[("S2", "ex90")]["flags"]
    assert "checksum" not in book[("S3", "ex90")]["flags"] and errors(report) == []


# --- work done once for equal answers gives what working it out each time gives ---------------

# Responses that Python finds equal but that are different answers, or are shown differently.
LOOKALIKES = [0.0, -0.0, 1, 1.0, True, "1", 21.09, "21,09", float("nan"), ["a", "c"], ["c", "a"]]


def test_a_remembered_outcome_is_the_outcome_of_that_very_response():
    from tipcourse.grading.scoring import answer_outcome

    memo = {}
    for spec in KEY["questions"]:
        for _ in range(2):  # the second round is answered from memory
            for raw in [*LOOKALIKES, {"x": "act", "y": "means", "z": "act"}]:
                entry = {"response": raw}
                assert answer_outcome(spec, entry, memo) == answer_outcome(spec, entry)
    assert len(memo) > len(LOOKALIKES)


def test_remembered_feedback_blocks_are_those_worked_out_for_each_student(tmp_path, keys, subs):
    for i, raw in enumerate(LOOKALIKES * 2):
        submit(subs, f"S{i:02d}", {**RIGHT, "ex90-numeric": raw, "ex90-multiple": raw})
    report = run(tmp_path, keys, subs)
    texts = set()
    for g in report.graded:
        text = grading.reports.feedback_markdown(g)  # no blocks remembered
        assert feedback(report, "ex90", g.submission.student_id) == text
        texts.add(text.split("\n", 2)[2])  # all but the title with the student id
    assert "-0 %" in "".join(texts) and len(texts) == len(LOOKALIKES)


def test_csv_lines_are_those_of_the_csv_module():
    import io
    import random

    rng = random.Random(12)
    alphabet = ['a', '"', ",", ";", "\n", "\r", "\0", "é", "\u2028", "\t", "'", "😀", "=", " "]
    for _ in range(2000):
        row = [
            "".join(rng.choices(alphabet, k=rng.randint(0, 6))) for _ in range(rng.randint(1, 4))
        ]
        buffer = io.StringIO(newline="")
        csv.writer(buffer, quoting=csv.QUOTE_ALL).writerow(row)
        assert grading.reports.csv_line(row) == buffer.getvalue()


def test_missing_path_and_empty_folder(tmp_path, keys, subs):
    good = submit(subs, "GOOD", RIGHT)
    (tmp_path / "empty").mkdir()
    report = run(tmp_path, keys, good, tmp_path / "nowhere", tmp_path / "empty")
    problems = {Path(e["file"]).name: e["problem"] for e in errors(report)}
    assert problems == {
        "nowhere": "no such file or folder",
        "empty": "the folder holds no submission files (.json)",
    }
    assert ("GOOD", "ex90") in gradebook(report)


def test_folders_are_searched_recursively_and_odd_files_reported(tmp_path, keys, subs):
    submit(subs / "Dewi_123_assignsubmission_file_", "S1", RIGHT)  # as an LMS download
    (subs / "notes.txt").write_text("hello")
    (subs / ".ipynb_checkpoints").mkdir()
    (subs / ".ipynb_checkpoints" / "x.json").write_text("{}")
    report = run(tmp_path, keys, subs)
    assert ("S1", "ex90") in gradebook(report)
    (error,) = errors(report)
    assert error["file"].endswith("notes.txt") and "not a submission file" in error["problem"]


def test_output_folder_inside_the_submissions_folder_is_left_out(tmp_path, keys, subs):
    submit(subs, "S1", RIGHT)
    grade([subs], subs / "graded", keys)
    again = grade([subs], subs / "graded", keys, overwrite=True)
    assert set(gradebook(again)) == {("S1", "ex90")} and errors(again) == []


def test_links_are_not_followed(tmp_path, keys, subs):
    submit(subs, "GOOD", RIGHT)
    secret = submit(tmp_path, "OTHER", RIGHT, name="secret.json")  # outside the folder
    (subs / "link.json").symlink_to(secret)
    report = run(tmp_path, keys, subs)
    assert_one_problem(report, "a symbolic link; not followed")
    assert ("OTHER", "ex90") not in gradebook(report)


def test_nothing_from_a_submission_is_executed(tmp_path, keys, subs, monkeypatch):
    monkeypatch.chdir(tmp_path)
    payload = "__import__('os').system('touch PWNED')"
    submit(subs, "S1", {**RIGHT, "ex90-text": payload, "ex90-open": payload, "ex90-numeric": "1+1"})
    (subs / "evil.py").write_text("open('PWNED', 'w')")
    (subs / "evil.pkl").write_bytes(b"\x80\x04cos\nsystem\n.")
    report = run(tmp_path, keys, subs)
    assert not list(tmp_path.rglob("PWNED"))
    row = gradebook(report)[("S1", "ex90")]
    assert row["ex90-text"] == "0" and row["ex90-numeric"] == "0"


@pytest.mark.parametrize("module", [grading, submission_module])
def test_grader_code_cannot_run_code(module):
    """Static: no code-running import or call anywhere in the grader or the format module."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {
        f"{node.module or ''}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    forbidden = (
        "pickle",
        "marshal",
        "shelve",
        "subprocess",
        "runpy",
        "nbclient",
        "nbformat",
        "yaml",
        "execute",
        "importlib.import_module",
    )
    assert not [
        name
        for name in imported
        if name.lstrip(".").startswith(forbidden) or name.endswith(("import_module", ".execute"))
    ]
    called = {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert not called & {"eval", "exec", "compile", "__import__"}


# --- the output folder and the command line ----------------------------------------------------


def test_out_folder_is_not_overwritten_without_flag(tmp_path, keys, subs):
    submit(subs, "S1", RIGHT)
    first = run(tmp_path, keys, subs)
    before = (first.out / "gradebook.csv").read_text()
    (first.out / "my-notes.txt").write_text("keep me")
    submit(subs, "S2", RIGHT)
    with pytest.raises(GradingError, match="already exists.*--overwrite"):
        run(tmp_path, keys, subs)
    assert (first.out / "gradebook.csv").read_text() == before
    again = run(tmp_path, keys, subs, overwrite=True)
    assert set(gradebook(again)) == {("S1", "ex90"), ("S2", "ex90")}
    assert (again.out / "my-notes.txt").read_text() == "keep me"


def test_stale_feedback_is_removed_on_overwrite(tmp_path, keys, subs):
    one = submit(subs, "S1", RIGHT)
    run(tmp_path, keys, one)
    two = submit(subs, "S2", RIGHT)
    report = run(tmp_path, keys, two, overwrite=True)
    assert [p.name for p in (report.out / "feedback").iterdir()] == ["ex90__S2.md"]


def test_empty_existing_out_folder_is_fine(tmp_path, keys, subs):
    submit(subs, "S1", RIGHT)
    (tmp_path / "out").mkdir()
    assert ("S1", "ex90") in gradebook(run(tmp_path, keys, subs))


def test_missing_keys_folder(tmp_path, subs):
    submit(subs, "S1", RIGHT)
    with pytest.raises(GradingError, match="No answer keys folder"):
        grade([subs], tmp_path / "out", tmp_path / "no-keys")
    (tmp_path / "empty-keys").mkdir()
    with pytest.raises(GradingError, match="No answer keys"):
        grade([subs], tmp_path / "out", tmp_path / "empty-keys")
    assert not (tmp_path / "out").exists()


def test_command_line_exit_codes(tmp_path, keys, subs, capsys):
    submit(subs, "S1", RIGHT)
    base = ["grade", str(subs), "--keys", str(keys), "--out"]
    assert cli(base + [str(tmp_path / "a")]) == 0
    assert "Graded 1 submission(s)" in capsys.readouterr().out
    assert cli(base + [str(tmp_path / "a")]) == 2
    assert "already exists" in capsys.readouterr().err
    (subs / "bad.json").write_text("nope")
    assert cli(base + [str(tmp_path / "a"), "--overwrite"]) == 1
    assert "bad.json: not valid JSON" in capsys.readouterr().out
    manual = fill_manual(tmp_path / "a" / "manual.csv", {"S1": "4"})
    assert cli(base + [str(tmp_path / "b"), "--manual", str(manual)]) == 1  # bad.json still there
    (row,) = rows(tmp_path / "b" / "gradebook.csv")
    assert row["total"] == "16"


def test_several_exercises_in_one_batch(tmp_path, keys, subs):
    other = {
        "exercise": "ex91",
        "questions": [
            {
                "id": "ex91-q",
                "kind": "single",
                "prompt": "?",
                "options": {"a": "A", "b": "B"},
                "answer": "a",
            }
        ],
    }
    (keys / "ex91.json").write_text(json.dumps(other))
    submit(subs, "S1", RIGHT)
    submit(subs, "S1", {"ex91-q": "a"}, exercise="ex91")
    report = run(tmp_path, keys, subs)
    header = next(csv.reader((report.out / "gradebook.csv").open(newline="")))
    assert header[:2] == ["student_id", "exercise"] and header[-5:] == [
        "total",
        "maximum",
        "percent",
        "submitted_at",
        "flags",
    ]
    assert header[2:-5] == [*SPECS, "ex91-q"]
    book = gradebook(report)
    assert book[("S1", "ex91")]["ex91-q"] == "1" and book[("S1", "ex91")]["ex90-single"] == ""


# --- end to end over every released key and the test's own -------------------------------------


def released_keys() -> list[Path]:
    return sorted((ROOT / "solutions" / "keys").glob("*.json"))


@pytest.mark.parametrize(
    "key_path", [None, *released_keys()], ids=lambda p: "synthetic" if p is None else p.stem
)
@pytest.mark.parametrize("answers", ["right", "wrong"])
def test_end_to_end_full_marks_and_zero(tmp_path, subs, key_path, answers):
    document = KEY if key_path is None else json.loads(key_path.read_text(encoding="utf-8"))
    keys = tmp_path / "keys"
    keys.mkdir()
    (keys / f"{document['exercise']}.json").write_text(json.dumps(document))
    choose = right_response if answers == "right" else wrong_response
    responses = {spec["id"]: choose(spec) for spec in document["questions"]}
    submit(subs, "S1", responses, exercise=document["exercise"])
    first = grade([subs], tmp_path / "out", keys)
    maximum = sum(float(q.get("points", 1)) for q in document["questions"])
    has_open = any(q["kind"] == "open" for q in document["questions"])
    # The lecturer gives full (or no) marks to every open response.
    manual = (
        fill_manual(
            first.out / "manual.csv", lambda row: row["max_points"] if answers == "right" else "0"
        )
        if has_open
        else None
    )
    report = grade([subs], tmp_path / "final", keys, manual=manual)
    row = gradebook(report)[("S1", document["exercise"])]
    assert float(row["maximum"]) == maximum and errors(report) == []
    if answers == "right":
        assert float(row["total"]) == maximum and row["percent"] == "100.0"
    else:
        assert float(row["total"]) == 0 and row["percent"] == "0.0"
    assert row["flags"] == ""


# --- the benchmark's synthetic submissions are valid ones --------------------------------------


@pytest.mark.parametrize(
    "key_path", [None, *released_keys()], ids=lambda p: "bench-synthetic" if p is None else p.stem
)
def test_benchmark_submissions_are_all_gradable(tmp_path, key_path):
    from tipcourse.bench import grading as bench_grading

    document = (
        bench_grading.synthetic_key()
        if key_path is None
        else json.loads(key_path.read_text(encoding="utf-8"))
    )
    assert {q["kind"] for q in bench_grading.synthetic_key()["questions"]} == {
        "single",
        "multiple",
        "numeric",
        "text",
        "categorize",
        "order",
        "open",
    }
    keys = tmp_path / "keys"
    keys.mkdir()
    (keys / f"{document['exercise']}.json").write_text(json.dumps(document))
    bench_grading.write_submissions(document, tmp_path / "subs", n=200)
    report = grade([tmp_path / "subs"], tmp_path / "out", keys)
    assert len(report.graded) == 200 and report.problems == []
    assert not [g for g in report.graded if "wrong answer type" in "; ".join(g.flags)]
    totals = {g.total for g in report.graded}
    assert len(totals) > 5  # random answers: a spread of scores, not all right or all wrong


def test_benchmark_reports_cpu_time_and_load_of_each_run(tmp_path, monkeypatch):
    from tipcourse.bench import grading as bench_grading

    timing = bench_grading.time_grading(bench_grading.synthetic_key(), n=20, repeat=2)
    assert timing.graded == 20 and len(timing.cpu) == len(timing.load) == 2
    assert all(0 < c < 60 for c in timing.cpu) and all(a >= 0 for a in timing.load)
    timing = timing._replace(cpu=[7.25, 8.5], load=[0.5, 2.25])
    monkeypatch.setattr(bench_grading, "time_grading", lambda document: timing)
    monkeypatch.setattr(bench_grading, "student_notebook", lambda document, root: None)
    monkeypatch.setattr(bench_grading, "time_execution", lambda nb: 9.0)
    line = bench_grading.run()[1]
    assert "CPU time" in line and "7.25, 8.50 s" in line and "started: 0.50, 2.25 on" in line


# --- one key, two languages (issue 18) -----------------------------------------------------------


def test_a_mixed_class_is_graded_with_one_key_each_in_its_language(tmp_path, subs):
    """The real ex01 key: an Indonesian and an English submission with the same answers get
    the same scores, each feedback file in its submission's language; an unknown language is
    flagged and gets English."""
    from tipcourse import i18n

    key = json.loads((ROOT / "solutions" / "keys" / "ex01.json").read_text(encoding="utf-8"))
    specs = {q["id"]: q for q in key["questions"]}
    texts = key["translations"]["id"]
    answers = {qid: wrong_response(spec) for qid, spec in specs.items()}
    for language, student in (("en", "EN1"), ("id", "ID1"), ("xx", "XX1")):
        doc = build_submission("ex01", student, entries(answers), list(answers), WHEN, language)
        (subs / f"ex01__{student}.json").write_text(json.dumps(doc), encoding="utf-8")
    report = grade([subs], tmp_path / "out", ROOT / "solutions" / "keys")
    book = gradebook(report)
    assert book[("EN1", "ex01")]["total"] == book[("ID1", "ex01")]["total"]
    english, indonesian = feedback(report, "ex01", "EN1"), feedback(report, "ex01", "ID1")
    single = next(q for q in specs.values() if q["kind"] == "single")
    wrong = answers[single["id"]]
    assert single["feedback"][wrong][:40] in english
    assert texts[single["id"]]["feedback"][wrong][:40] in indonesian
    assert single["feedback"][wrong][:40] not in indonesian
    with i18n.using("id"):
        not_correct = i18n._("Not correct")
    assert not_correct != "Not correct" and not_correct.lower() in indonesian.lower()
    assert "not correct" not in indonesian.lower() and "not correct" in english.lower()
    assert "unknown language" in book[("XX1", "ex01")]["flags"]
    assert single["feedback"][wrong][:40] in feedback(report, "ex01", "XX1")

"""Submitting an exercise: the file, its place and format, completeness, resubmission, the panel."""
import hashlib
import importlib.metadata
import json

import pytest

from tipcourse import course
from tipcourse.quiz import submission
from tipcourse.course import Session
from tipcourse.quiz.store import AnswerStore
from tipcourse.quiz.submission import (build_submission, canonical_json, clean_student_id,
                                  remember_student_id, remembered_student_id, safe_name,
                                  submission_path, write_submission)

SINGLE = {"id": "ex01-consent", "kind": "single", "prompt": "Does consent matter?",
          "options": {"a": "Yes", "b": "No"}}
NUMERIC = {"id": "ex01-rate", "kind": "numeric", "prompt": "Poverty rate?", "unit": "%"}
OPEN = {"id": "ex01-essay", "kind": "open", "prompt": "Discuss."}
QIDS = ["ex01-consent", "ex01-rate", "ex01-essay"]
ANSWERS = {"ex01-consent": {"response": "b", "attempts": 2,
                             "saved_at": "2025-03-01T09:00:00+00:00"},
           "ex01-rate": {"response": 21.09, "attempts": 1, "saved_at": "2025-03-01T09:05:00+00:00"},
           "ex01-essay": {"response": "Deception is a means.", "attempts": 3,
                          "saved_at": "2025-03-01T09:10:00+00:00"}}


@pytest.fixture
def answers_home(tmp_path, monkeypatch):
    """A private answers folder for the test (what TIPCOURSE_ANSWERS_DIR points at)."""
    home = tmp_path / "answers"
    monkeypatch.setenv("TIPCOURSE_ANSWERS_DIR", str(home))
    return home


def session_with(home, answers: dict, specs=(SINGLE, NUMERIC, OPEN)) -> Session:
    store = AnswerStore("ex01", home)
    for qid, response in answers.items():
        store.record(qid, response)
    return Session("ex01", "assignment", store, {s["id"]: s for s in specs})


# --- names ------------------------------------------------------------------------------------

def test_safe_name_keeps_plain_ids():
    assert safe_name("2301234") == "2301234"
    assert safe_name("A.b_c-9") == "A.b_c-9"


@pytest.mark.parametrize("unsafe", ["../../etc/passwd", "a/b", "a\\b", "C:\\x", "Dewi Ñ",
                                    "..", ".hidden", "x\x00y", "名前"])
def test_safe_name_never_passes_path_characters(unsafe):
    name = safe_name(unsafe)
    assert all(ch.isascii() and (ch.isalnum() or ch in "._-") for ch in name)
    assert not name.startswith(".") and "/" not in name and "\\" not in name
    assert name.endswith(hashlib.sha256(unsafe.encode()).hexdigest()[:8])


def test_safe_name_keeps_different_ids_apart():
    ids = ["a/b", "a\\b", "a_b", "a b", "a:b"]
    assert len({safe_name(i) for i in ids}) == len(ids)


def test_safe_name_limits_length_and_refuses_empty():
    assert len(safe_name("x" * 500)) <= 64 + 9
    with pytest.raises(ValueError):
        safe_name("")


def test_clean_student_id():
    assert clean_student_id("  2301234 \n") == "2301234"
    for bad, message in (("", "Type your student id"), ("   ", "Type your student id"),
                         (None, "Type your student id"), ("x" * 65, "at most"),
                         ("23\x0701", "invisible")):
        with pytest.raises(ValueError, match=message):
            clean_student_id(bad)


def test_submission_path_is_documented_place(answers_home):
    assert submission_path("ex01", "S1") == answers_home / "submissions" / "ex01__S1.json"
    assert submission.__doc__.count("submissions/<exercise>__<safe student id>.json") == 1


# --- the document ------------------------------------------------------------------------------

def test_build_submission_has_every_field():
    stored = {**ANSWERS, "ex01-consent": {**ANSWERS["ex01-consent"], "score": 1.0}}
    doc = build_submission("ex01", " S1 ", stored, QIDS, submitted_at="2025-03-01T10:00:00+00:00")
    assert doc["exercise"] == "ex01" and doc["student_id"] == "S1"
    assert doc["submitted_at"] == "2025-03-01T10:00:00+00:00"
    assert doc["course_version"] == importlib.metadata.version("tipcourse")
    assert doc["questions"] == QIDS and doc["missing"] == []
    assert doc["answers"]["ex01-consent"] == {"response": "b", "attempts": 2,
                                              "saved_at": "2025-03-01T09:00:00+00:00"}
    expected = "sha256:" + hashlib.sha256(canonical_json(doc["answers"])).hexdigest()
    assert doc["checksum"] == expected


def test_checksum_ignores_key_order_but_not_content():
    reordered = dict(reversed(list(ANSWERS.items())))
    assert submission.checksum(reordered) == submission.checksum(ANSWERS)
    changed = {**ANSWERS, "ex01-consent": {**ANSWERS["ex01-consent"], "response": "a"}}
    assert submission.checksum(changed) != submission.checksum(ANSWERS)


def test_write_complete_submission(answers_home):
    path, replaced, missing = write_submission("ex01", "S1", ANSWERS, QIDS)
    assert path == answers_home / "submissions" / "ex01__S1.json"
    assert replaced is False and missing == []
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["answers"] == ANSWERS and saved["student_id"] == "S1"


def test_write_incomplete_submission_lists_what_is_missing(answers_home):
    partial = {"ex01-rate": ANSWERS["ex01-rate"]}
    path, replaced, missing = write_submission("ex01", "S1", partial, QIDS)
    assert missing == ["ex01-consent", "ex01-essay"]  # notebook order
    assert json.loads(path.read_text())["missing"] == missing


def test_submitting_again_replaces_the_file(answers_home):
    partial = {"ex01-rate": ANSWERS["ex01-rate"]}
    first, replaced_first, _ = write_submission("ex01", "S1", partial, QIDS)
    second, replaced_second, missing = write_submission("ex01", "S1", ANSWERS, QIDS)
    assert first == second and (replaced_first, replaced_second) == (False, True)
    assert missing == [] and json.loads(second.read_text())["answers"] == ANSWERS
    assert [p.name for p in second.parent.iterdir()] == ["ex01__S1.json"]


def test_unsafe_id_stays_inside_the_submissions_folder(answers_home):
    path, _, _ = write_submission("ex01", "../../outside", ANSWERS, QIDS)
    assert path.parent == answers_home / "submissions"
    assert json.loads(path.read_text())["student_id"] == "../../outside"  # kept as typed
    assert not (answers_home.parent / "outside.json").exists()


def test_student_id_is_remembered(answers_home):
    assert remembered_student_id() == ""
    remember_student_id("S1")
    assert remembered_student_id() == "S1"
    (answers_home / "student.json").write_text("{broken")
    assert remembered_student_id() == ""


# --- from a notebook session ------------------------------------------------------------------

def test_submit_lists_missing_first_then_submits_when_confirmed(answers_home):
    session = session_with(answers_home, {"ex01-consent": "b"})
    first = submission.submit(session, "S1")
    assert not first.submitted and first.missing == ["ex01-rate", "ex01-essay"]
    assert "2 of 3 questions have no saved answer: ex01-rate, ex01-essay" in first.lines[0]
    assert not (answers_home / "submissions").exists()
    second = submission.submit(session, "S1", confirmed_missing=first.missing)
    assert second.submitted and second.path.exists() and not second.replaced
    assert any("INCOMPLETE: 2 of 3 questions unanswered" in line for line in second.lines)
    assert remembered_student_id() == "S1"


def test_confirmation_is_for_the_list_seen(answers_home):
    session = session_with(answers_home, {"ex01-consent": "b"})
    outcome = submission.submit(session, "S1", confirmed_missing=["ex01-essay"])
    assert not outcome.submitted and outcome.missing == ["ex01-rate", "ex01-essay"]


def test_complete_submit_and_resubmit_say_so(answers_home):
    session = session_with(answers_home, {"ex01-consent": "b", "ex01-rate": 21.09,
                                          "ex01-essay": "Deception."})
    first = submission.submit(session, "S1")
    assert first.submitted and "All 3 questions answered." in first.lines
    again = submission.submit(session, "S1")
    assert again.replaced and any("replaces your earlier submission" in l for l in again.lines)
    assert str(again.path) in again.lines[0]


def test_submit_reads_answers_saved_by_another_kernel(answers_home):
    session = session_with(answers_home, {"ex01-consent": "b"})
    AnswerStore("ex01", answers_home).record("ex01-rate", 3.5)  # a second kernel
    outcome = submission.submit(session, "S1", confirmed_missing=["ex01-essay"])
    saved = json.loads(outcome.path.read_text())
    assert saved["answers"]["ex01-rate"]["response"] == 3.5


def test_submit_refuses_without_id_or_questions(answers_home):
    session = session_with(answers_home, {"ex01-consent": "b"})
    assert submission.submit(session, "  ").lines == ["Type your student id first."]
    empty = Session("ex01", "assignment", AnswerStore("ex01", answers_home), {})
    assert "run every cell" in submission.submit(empty, "S1").lines[0]
    assert not (answers_home / "submissions").exists()


def test_solution_notebook_submits_under_the_exercise_id(answers_home):
    store = AnswerStore("ex01-solution", answers_home)
    store.record("ex01-consent", "b")
    session = Session("ex01", "assignment", store, {"ex01-consent": SINGLE})
    outcome = submission.submit(session, "teacher")
    assert outcome.path.name == "ex01__teacher.json"


def test_data_task_is_submitted_as_a_value(answers_home, monkeypatch, capsys):
    monkeypatch.setattr(course, "_session", None)
    course.start_assignment("ex01")
    session = course._current()
    course.question("id: ex01-rate\nkind: numeric\nprompt: Poverty rate?\n")
    course.record("ex01-rate", 21.0937)
    assert "Saved 21.0937" in capsys.readouterr().out
    outcome = submission.submit(session, "S1")
    saved = json.loads(outcome.path.read_text())
    assert saved["answers"]["ex01-rate"]["response"] == 21.0937 and saved["missing"] == []


# --- the panel ---------------------------------------------------------------------------------

def test_panel_does_nothing_until_pressed_and_has_a_fixed_repr(answers_home):
    from tipcourse.quiz.submit_panel import SubmitPanel

    remember_student_id("S1")
    panel = SubmitPanel(session_with(answers_home, {"ex01-consent": "b"}))
    assert panel.student_id.value == "S1"  # typed once, remembered
    assert repr(panel) == ("Submit exercise ex01: type your student id and press Submit "
                           "(run the notebook to submit)")
    assert not (answers_home / "submissions").exists()


def test_panel_flow_incomplete_then_submit_anyway(answers_home):
    from tipcourse.quiz.submit_panel import SubmitPanel

    panel = SubmitPanel(session_with(answers_home, {"ex01-consent": "b"}))
    panel.student_id.value = "S2"
    panel.button.click()
    assert panel.button.description == "Submit anyway"
    assert "ex01-rate, ex01-essay" in panel.result.value
    assert not (answers_home / "submissions").exists()
    panel.button.click()
    assert panel.button.description == "Submit"
    assert "INCOMPLETE" in panel.result.value
    assert (answers_home / "submissions" / "ex01__S2.json").exists()


def test_course_submit_panel_opens_the_panel_for_the_running_exercise(answers_home, monkeypatch):
    from tipcourse.quiz.submit_panel import SubmitPanel

    monkeypatch.setattr(course, "_session", None)
    course.start_assignment("ex01")
    panel = course.submit_panel()
    assert isinstance(panel, SubmitPanel) and panel.exercise == "ex01"
    assert "Submit exercise ex01" in panel._repr_mimebundle_()["text/plain"]

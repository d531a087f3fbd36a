"""Submitting an exercise: the file, its place and format, completeness, resubmission, the panel."""

import hashlib
import importlib.metadata
import json

import pytest

from tipcourse import course
from tipcourse.course import Session
from tipcourse.quiz import submission
from tipcourse.quiz.store import AnswerStore
from tipcourse.quiz.submission import (
    build_submission,
    canonical_json,
    clean_student_id,
    remember_student_id,
    remembered_student_id,
    safe_name,
    submission_path,
    write_submission,
)

# ex90 has no outline (tipcourse/outlines/), so its questions are those run in the session.
SINGLE = {
    "id": "ex90-consent",
    "kind": "single",
    "prompt": "Does consent matter?",
    "options": {"a": "Yes", "b": "No"},
}
NUMERIC = {"id": "ex90-rate", "kind": "numeric", "prompt": "Poverty rate?", "unit": "%"}
OPEN = {"id": "ex90-essay", "kind": "open", "prompt": "Discuss."}
QIDS = ["ex90-consent", "ex90-rate", "ex90-essay"]
ANSWERS = {
    "ex90-consent": {"response": "b", "attempts": 2, "saved_at": "2025-03-01T09:00:00+00:00"},
    "ex90-rate": {"response": 21.09, "attempts": 1, "saved_at": "2025-03-01T09:05:00+00:00"},
    "ex90-essay": {
        "response": "Deception is a means.",
        "attempts": 3,
        "saved_at": "2025-03-01T09:10:00+00:00",
    },
}


@pytest.fixture
def answers_home(tmp_path, monkeypatch):
    """A private answers folder for the test (what TIPCOURSE_ANSWERS_DIR points at)."""
    home = tmp_path / "answers"
    monkeypatch.setenv("TIPCOURSE_ANSWERS_DIR", str(home))
    return home


def session_with(home, answers: dict, specs=(SINGLE, NUMERIC, OPEN)) -> Session:
    store = AnswerStore("ex90", home)
    for qid, response in answers.items():
        store.record(qid, response)
    return Session("ex90", "assignment", store, {s["id"]: s for s in specs})


# --- names ------------------------------------------------------------------------------------


def test_safe_name_keeps_plain_ids():
    assert safe_name("2301234") == "2301234"
    assert safe_name("A.b_c-9") == "A.b_c-9"


@pytest.mark.parametrize(
    "unsafe",
    ["../../etc/passwd", "a/b", "a\\b", "C:\\x", "Dewi Ñ", "..", ".hidden", "x\x00y", "名前"],
)
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
    for bad, message in (
        ("", "Type your student id"),
        ("   ", "Type your student id"),
        (None, "Type your student id"),
        ("x" * 65, "at most"),
        ("23\x0701", "invisible"),
    ):
        with pytest.raises(ValueError, match=message):
            clean_student_id(bad)


def test_submission_path_is_documented_place(answers_home):
    assert submission_path("ex90", "S1") == answers_home / "submissions" / "ex90__S1.json"
    assert submission.__doc__.count("submissions/<exercise>__<safe student id>.json") == 1


# --- the document ------------------------------------------------------------------------------


def test_build_submission_has_every_field():
    stored = {**ANSWERS, "ex90-consent": {**ANSWERS["ex90-consent"], "score": 1.0}}
    doc = build_submission("ex90", " S1 ", stored, QIDS, submitted_at="2025-03-01T10:00:00+00:00")
    assert doc["exercise"] == "ex90" and doc["student_id"] == "S1"
    assert doc["submitted_at"] == "2025-03-01T10:00:00+00:00"
    assert doc["course_version"] == importlib.metadata.version("tipcourse")
    assert doc["questions"] == QIDS and doc["missing"] == []
    assert doc["answers"]["ex90-consent"] == {
        "response": "b",
        "attempts": 2,
        "saved_at": "2025-03-01T09:00:00+00:00",
    }
    covered = {k: doc[k] for k in ("exercise", "student_id", "submitted_at", "answers")}
    assert doc["checksum"] == "sha256:" + hashlib.sha256(canonical_json(covered)).hexdigest()
    assert doc["format"] == 2


def test_checksum_ignores_key_order_but_not_content():
    doc = build_submission("ex90", "S1", ANSWERS, QIDS, submitted_at="2025-03-01T10:00:00+00:00")
    reordered = dict(reversed(list(doc.items())))
    reordered["answers"] = dict(reversed(list(ANSWERS.items())))
    assert submission.checksum(reordered) == doc["checksum"]
    changed = {**ANSWERS, "ex90-consent": {**ANSWERS["ex90-consent"], "response": "a"}}
    for field, value in (
        ("answers", changed),
        ("student_id", "S2"),
        ("exercise", "ex91"),
        ("submitted_at", "2099-01-01T00:00:00+00:00"),
    ):
        assert submission.checksum({**doc, field: value}) != doc["checksum"], field


def test_write_complete_submission(answers_home):
    path, replaced, missing = write_submission("ex90", "S1", ANSWERS, QIDS)
    assert path == answers_home / "submissions" / "ex90__S1.json"
    assert replaced is False and missing == []
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["answers"] == ANSWERS and saved["student_id"] == "S1"


def test_write_incomplete_submission_lists_what_is_missing(answers_home):
    partial = {"ex90-rate": ANSWERS["ex90-rate"]}
    path, replaced, missing = write_submission("ex90", "S1", partial, QIDS)
    assert missing == ["ex90-consent", "ex90-essay"]  # notebook order
    assert json.loads(path.read_text())["missing"] == missing


def test_submitting_again_replaces_the_file(answers_home):
    partial = {"ex90-rate": ANSWERS["ex90-rate"]}
    first, replaced_first, _ = write_submission("ex90", "S1", partial, QIDS)
    second, replaced_second, missing = write_submission("ex90", "S1", ANSWERS, QIDS)
    assert first == second and (replaced_first, replaced_second) == (False, True)
    assert missing == [] and json.loads(second.read_text())["answers"] == ANSWERS
    assert [p.name for p in second.parent.iterdir()] == ["ex90__S1.json"]


def test_unsafe_id_stays_inside_the_submissions_folder(answers_home):
    path, _, _ = write_submission("ex90", "../../outside", ANSWERS, QIDS)
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
    session = session_with(answers_home, {"ex90-consent": "b"})
    first = submission.submit(session, "S1")
    assert not first.submitted and first.missing == ["ex90-rate", "ex90-essay"]
    assert "2 of 3 questions have no saved answer: ex90-rate, ex90-essay" in first.lines[0]
    assert not (answers_home / "submissions").exists()
    second = submission.submit(session, "S1", confirmed=first.missing)
    assert second.submitted and second.path.exists() and not second.replaced
    assert any("INCOMPLETE: 2 of 3 questions unanswered" in line for line in second.lines)
    assert remembered_student_id() == "S1"


def test_confirmation_is_for_the_list_seen(answers_home):
    session = session_with(answers_home, {"ex90-consent": "b"})
    outcome = submission.submit(session, "S1", confirmed=["ex90-essay"])
    assert not outcome.submitted and outcome.missing == ["ex90-rate", "ex90-essay"]


def test_complete_submit_and_resubmit_say_so(answers_home):
    session = session_with(
        answers_home, {"ex90-consent": "b", "ex90-rate": 21.09, "ex90-essay": "Deception."}
    )
    first = submission.submit(session, "S1")
    assert first.submitted and "All 3 questions answered." in first.lines
    again = submission.submit(session, "S1")
    assert again.replaced and any(
        "replaces your earlier submission" in line for line in again.lines
    )
    assert str(again.path) in again.lines[0]


def test_submit_reads_answers_saved_by_another_kernel(answers_home):
    session = session_with(answers_home, {"ex90-consent": "b"})
    AnswerStore("ex90", answers_home).record("ex90-rate", 3.5)  # a second kernel
    outcome = submission.submit(session, "S1", confirmed=["ex90-essay"])
    saved = json.loads(outcome.path.read_text())
    assert saved["answers"]["ex90-rate"]["response"] == 3.5


def test_submit_refuses_without_id_or_questions(answers_home):
    session = session_with(answers_home, {"ex90-consent": "b"})
    assert submission.submit(session, "  ").lines == ["Type your student id first."]
    empty = Session("ex90", "assignment", AnswerStore("ex90", answers_home), {})
    assert "run every cell" in submission.submit(empty, "S1").lines[0]
    assert not (answers_home / "submissions").exists()


def test_solution_notebook_submits_under_the_exercise_id(answers_home):
    store = AnswerStore("ex90-solution", answers_home)
    store.record("ex90-consent", "b")
    session = Session("ex90", "assignment", store, {"ex90-consent": SINGLE})
    outcome = submission.submit(session, "teacher")
    assert outcome.path.name == "ex90__teacher.json"


def test_data_task_is_submitted_as_a_value(answers_home, monkeypatch, capsys):
    monkeypatch.setattr(course, "_session", None)
    course.start_assignment("ex90")
    session = course._current()
    course.question("id: ex90-rate\nkind: numeric\nprompt: Poverty rate?\n")
    course.record("ex90-rate", 21.0937)
    assert "Saved 21.0937" in capsys.readouterr().out
    outcome = submission.submit(session, "S1")
    saved = json.loads(outcome.path.read_text())
    assert saved["answers"]["ex90-rate"]["response"] == 21.0937 and saved["missing"] == []


# --- the panel ---------------------------------------------------------------------------------


def test_panel_does_nothing_until_pressed_and_has_a_fixed_repr(answers_home):
    from tipcourse.quiz.submit_panel import SubmitPanel

    remember_student_id("S1")
    panel = SubmitPanel(session_with(answers_home, {"ex90-consent": "b"}))
    assert panel.student_id.value == "S1"  # typed once, remembered
    assert repr(panel) == (
        "Submit exercise ex90: type your student id and press Submit (run the notebook to submit)"
    )
    assert not (answers_home / "submissions").exists()


def test_panel_flow_incomplete_then_submit_anyway(answers_home):
    from tipcourse.quiz.submit_panel import SubmitPanel

    panel = SubmitPanel(session_with(answers_home, {"ex90-consent": "b"}))
    panel.student_id.value = "S2"
    panel.button.click()
    assert panel.button.description == "Submit anyway"
    assert "ex90-rate, ex90-essay" in panel.result.value
    assert not (answers_home / "submissions").exists()
    panel.button.click()
    assert panel.button.description == "Submit"
    assert "INCOMPLETE" in panel.result.value
    assert (answers_home / "submissions" / "ex90__S2.json").exists()


def test_the_submission_is_offered_as_a_download_of_the_very_file(answers_home):
    import base64
    import re

    from tipcourse.quiz.submit_panel import SubmitPanel

    panel = SubmitPanel(session_with(answers_home, {"ex90-consent": "b"}))
    panel.student_id.value = "S3"
    panel.button.click()
    assert "download=" not in panel.result.value  # nothing written yet, nothing offered
    panel.button.click()
    link = re.search(
        r'download="([^"]+)" href="data:application/json;base64,([^"]+)"', panel.result.value
    )
    assert link and link.group(1) == "ex90__S3.json"
    written = (answers_home / "submissions" / "ex90__S3.json").read_bytes()
    assert base64.b64decode(link.group(2)) == written


def test_course_submit_panel_opens_the_panel_for_the_running_exercise(answers_home, monkeypatch):
    from tipcourse.quiz.submit_panel import SubmitPanel

    monkeypatch.setattr(course, "_session", None)
    course.start_assignment("ex90")
    panel = course.submit_panel()
    assert isinstance(panel, SubmitPanel) and panel.exercise == "ex90"
    assert "Submit exercise ex90" in panel._repr_mimebundle_()["text/plain"]


# --- the outline and open answers shorter than asked ---------------------------------------------


def test_the_outline_lists_questions_whose_cells_were_not_run(answers_home, monkeypatch):
    outline_ids = ("ex90-consent", "ex90-rate", "ex90-essay", "ex90-never-run")
    monkeypatch.setattr(
        submission.outline,
        "question_ids",
        lambda exercise: outline_ids if exercise == "ex90" else (),
    )
    session = session_with(answers_home, {"ex90-consent": "b"})
    assert submission.session_answers(session)[2] == list(outline_ids)
    first = submission.submit(session, "S1")
    assert first.missing == ["ex90-rate", "ex90-essay", "ex90-never-run"]
    assert "3 of 4 questions have no saved answer" in first.lines[0]


def test_a_released_exercise_counts_its_outline():
    from tipcourse.quiz import outline

    ids = outline.question_ids("ex01")
    assert ids  # written by release
    session = Session("ex01", "assignment", AnswerStore("ex01"), {})
    assert submission.session_answers(session)[2] == list(ids)


ESSAY = {**OPEN, "min_words": 5}


def test_too_short_questions_in_notebook_order(answers_home):
    specs = {s["id"]: s for s in (SINGLE, NUMERIC, ESSAY)}
    assert submission.too_short_questions(QIDS, ANSWERS, specs) == ["ex90-essay"]  # 4 words
    assert submission.too_short_questions(QIDS, ANSWERS, {**specs, "ex90-essay": OPEN}) == []
    assert submission.too_short_questions(QIDS, {}, specs) == []  # missing is not short


def test_submit_lists_too_short_answers_first_then_submits_when_confirmed(answers_home):
    session = session_with(
        answers_home,
        {"ex90-consent": "b", "ex90-rate": 21.09, "ex90-essay": "Deception is a means."},
        specs=(SINGLE, NUMERIC, ESSAY),
    )
    first = submission.submit(session, "S1")
    assert not first.submitted and first.missing == [] and first.too_short == ["ex90-essay"]
    assert "Shorter than the question asks: ex90-essay (4 of at least 5 words)." in first.lines
    assert not (answers_home / "submissions").exists()
    second = submission.submit(session, "S1", confirmed=first.listed)
    assert second.submitted and second.path.exists()
    assert "Shorter than the question asks: ex90-essay." in second.lines


def test_panel_lists_a_too_short_answer_before_writing(answers_home):
    from tipcourse.quiz.submit_panel import SubmitPanel

    panel = SubmitPanel(
        session_with(
            answers_home,
            {"ex90-consent": "b", "ex90-rate": 3.5, "ex90-essay": "Too short."},
            specs=(SINGLE, NUMERIC, ESSAY),
        )
    )
    panel.student_id.value = "S3"
    panel.button.click()
    assert panel.button.description == "Submit anyway"
    assert "ex90-essay (2 of at least 5 words)" in panel.result.value
    assert not (answers_home / "submissions").exists()
    panel.button.click()
    assert (answers_home / "submissions" / "ex90__S3.json").exists()

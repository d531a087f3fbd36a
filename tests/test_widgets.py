"""The widgets are thin: they collect, call the logic, and show. Driven here without a browser."""

import re

import pytest

from tipcourse import course
from tipcourse.quiz.store import AnswerStore
from tipcourse.quiz.widget import QuestionWidget
from tipcourse.ui.aids import ForcedLabourAid, PalermoAid

SINGLE = {
    "id": "t-s",
    "kind": "single",
    "prompt": "Pick one",
    "options": {"a": "A", "b": "B"},
    "answer": "b",
    "feedback": {"a": "why not a", "b": "why b"},
}
NUMERIC = {"id": "t-n", "kind": "numeric", "prompt": "How many?", "answer": 9, "tolerance": 0}


@pytest.fixture
def store(tmp_path):
    return AnswerStore("t", tmp_path)


def controls(widget):
    """The input control(s) of a question widget (second child)."""
    return widget.children[1]


def test_selfcheck_shows_explained_feedback_and_saves(store):
    widget = QuestionWidget(SINGLE, store)
    assert widget.feedback.value == ""  # nothing revealed before an answer
    controls(widget).value = "a"
    widget.button.click()
    assert (
        "Not correct (0 of 1); attempt 1." in widget.feedback.value
        and "why not a" in widget.feedback.value
    )
    controls(widget).value = "b"
    widget.button.click()
    assert "Correct (1 of 1); attempt 2." in widget.feedback.value
    assert store.get("t-s")["response"] == "b"


def test_answer_is_restored_with_its_feedback(store):
    first = QuestionWidget(SINGLE, store)
    controls(first).value = "b"
    first.button.click()
    again = QuestionWidget(SINGLE, AnswerStore("t", store.path.parent))
    assert controls(again).value == "b" and "attempt 1" in again.feedback.value


def test_malformed_number_gets_a_clear_message_and_is_not_saved(store):
    widget = QuestionWidget(NUMERIC, store)
    text_box = controls(widget).children[0]
    text_box.value = "nine"
    widget.button.click()
    assert "not a number" in widget.feedback.value and store.get("t-n") is None
    text_box.value = "9,0"
    widget.button.click()
    assert "Correct" in widget.feedback.value


def test_assignment_mode_confirms_saving_and_never_says_correct(store):
    widget = QuestionWidget(SINGLE, store, mode="assignment")
    controls(widget).value = "a"
    widget.button.click()
    assert "Saved" in widget.feedback.value
    assert "orrect" not in widget.feedback.value and "why not a" not in widget.feedback.value


def test_text_plain_is_short_readable_and_stateful(store):
    widget = QuestionWidget(SINGLE, store)
    assert (
        repr(widget)
        == "[Single choice] t-s: Pick one\n(not answered yet; run the notebook to answer)"
    )
    assert widget._repr_mimebundle_()["text/plain"] == repr(widget)
    controls(widget).value = "a"
    widget.button.click()
    assert "answered (saved once)" in repr(widget)
    widget.button.click()
    assert "answered (saved 2 times)" in repr(widget)


def test_the_text_version_is_the_question_in_full_as_markdown(store):
    long = {**SINGLE, "prompt": "A *long* prompt. " * 12}
    text = QuestionWidget(long, store)._repr_mimebundle_()["text/markdown"]
    assert long["prompt"].strip() in text  # never cut
    assert "- " + SINGLE["options"]["a"] in text.splitlines()
    assert text.startswith("**Single choice**") and "t-s" not in text  # no internal id


def test_key_is_shown_only_when_given(store):
    with_key = QuestionWidget(SINGLE, store, mode="assignment", key_lines=["Answer: b) B"])
    assert "KEY (instructor copy): Answer: b) B" in repr(with_key)
    assert "KEY" not in repr(QuestionWidget(SINGLE, store, mode="assignment"))


def test_header_shows_the_number_and_points_not_the_id(store):
    widget = QuestionWidget(SINGLE, store, number=(3, 12))
    header = widget.children[0].value
    assert "Question 3 of 12 · 1 point" in header
    assert "t-s" not in re.sub(r"<[^>]*>", "", header)  # not shown to students...
    assert 'data-question="t-s"' in header and "t-s" in widget.button.tooltip  # ...but there
    assert repr(widget).startswith("Question 3 of 12 [Single choice] t-s: Pick one\n")
    worth_two = QuestionWidget({**NUMERIC, "points": 2}, store)  # no number: points only
    assert "<small>2 points</small>" in worth_two.children[0].value
    assert repr(worth_two).startswith("[Number] t-n:")


def test_ask_and_question_number_by_the_outline(monkeypatch, tmp_path):
    from tipcourse.quiz.outline import question_ids

    monkeypatch.setenv("TIPCOURSE_ANSWERS_DIR", str(tmp_path))
    course.start_lesson("l01")
    bank = question_ids("l01")
    third = course.ask(bank[2])
    assert repr(third).startswith(f"Question 3 of {len(bank)} [")
    course.start_solution("ex01")
    ids = question_ids("ex01")
    widget = course.question(f"id: {ids[0]}\nkind: numeric\nprompt: How many?")
    assert repr(widget).startswith(f"Question 1 of {len(ids)} [Number]")
    course.start_assignment("ex09")  # no outline: no number
    assert repr(course.question("id: ex09-n\nkind: numeric\nprompt: x")).startswith("[Number]")


def test_order_widget_moves_items(store):
    spec = {
        "id": "t-o",
        "kind": "order",
        "prompt": "Order",
        "items": {"x": "X", "y": "Y"},
        "answer": ["y", "x"],
    }
    widget = QuestionWidget(spec, store)
    select, buttons = controls(widget).children
    select.value = "y"
    buttons.children[0].click()  # move up
    widget.button.click()
    assert "Correct" in widget.feedback.value


def test_palermo_aid_updates_its_verdict():
    aid = PalermoAid()
    assert "not met" in aid.verdict.value
    for group, key in (
        (aid.acts, "recruitment"),
        (aid.means, "deception"),
        (aid.purposes, "servitude"),
    ):
        group[key].value = True
    assert "Trafficking in persons (Palermo Art. 3): met." in aid.verdict.value


def test_palermo_aid_columns_have_room_and_wrap():
    columns = PalermoAid().children[0]
    assert columns.layout.flex_flow == "row wrap"
    assert all(c.layout.min_width and "2em" in c.layout.margin for c in columns.children)


def test_forced_labour_aid_respects_exceptions():
    aid = ForcedLabourAid()
    aid.menace.value = aid.involuntary.value = True
    assert ": met." in aid.verdict.value
    aid.exception.value = "prison_labour"
    assert "not met" in aid.verdict.value and "Art. 2(2)(c)" in aid.verdict.value


def test_record_saves_a_data_task_value(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("TIPCOURSE_ANSWERS_DIR", str(tmp_path))
    course.start_assignment("ex09")
    course.question("id: ex09-n\nkind: numeric\nprompt: How many?")
    course.record("ex09-n", None)
    assert "Not saved yet (ex09-n): No answer given yet." in capsys.readouterr().out
    course.record("ex09-n", 9)
    assert "Saved 9 as your answer to ex09-n" in capsys.readouterr().out
    with pytest.raises(KeyError, match="run its cell first"):
        course.record("ex09-unknown", 1)


def test_recorded_value_appears_in_the_widget_above(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("TIPCOURSE_ANSWERS_DIR", str(tmp_path))
    course.start_assignment("ex09")
    widget = course.question("id: ex09-n\nkind: numeric\nprompt: How many?")
    course.record("ex09-n", 7.0)
    assert controls(widget).children[0].value == "7"  # not "7.0", and not left blank
    assert "Saved from the code cell below (saved once)" in widget.feedback.value
    course.record("ex09-n", 14.13)
    assert controls(widget).children[0].value == "14.13"
    assert "(saved 2 times)" in capsys.readouterr().out.splitlines()[-1]


def test_restored_number_reads_as_typed(store):
    first = QuestionWidget(NUMERIC, store, mode="assignment")
    controls(first).children[0].value = "7,0"
    first.button.click()
    again = QuestionWidget(NUMERIC, AnswerStore("t", store.path.parent), mode="assignment")
    assert controls(again).children[0].value == "7"
    assert "Restored your saved answer (saved once)." in again.feedback.value


def test_question_ids_must_belong_to_the_exercise(monkeypatch, tmp_path):
    monkeypatch.setenv("TIPCOURSE_ANSWERS_DIR", str(tmp_path))
    course.start_assignment("ex09")
    with pytest.raises(ValueError, match="must start with 'ex09-'"):
        course.question("id: ex01-n\nkind: numeric\nprompt: How many?")


ESSAY = {
    "id": "t-e",
    "kind": "open",
    "prompt": "Discuss",
    "min_words": 5,
    "rubric": [{"criterion": "Names the elements", "points": 1}],
}


@pytest.mark.parametrize("mode", ["selfcheck", "assignment"])
def test_short_open_answer_is_saved_with_a_visible_note(store, mode):
    widget = QuestionWidget(ESSAY, store, mode=mode)
    area, count = controls(widget).children
    assert count.value == "0 words (this question asks for at least 5)"
    area.value = "Act and means."
    assert count.value == "3 words (this question asks for at least 5)"
    widget.button.click()
    note = "Saved, but your answer has 3 words; this question asks for at least 5."
    assert note in widget.feedback.value and store.get("t-e")["response"] == "Act and means."
    again = QuestionWidget(ESSAY, AnswerStore("t", store.path.parent), mode=mode)
    assert note in again.feedback.value  # restored with the note
    area.value = "The act, the means and the purpose."
    widget.button.click()
    assert "Saved, but" not in widget.feedback.value and "Saved" in widget.feedback.value


def test_feedback_has_a_colour_an_icon_and_words_for_each_outcome(store):
    widget = QuestionWidget(SINGLE, store)
    controls(widget).value = "b"
    widget.button.click()
    right = widget.feedback.value
    controls(widget).value = "a"
    widget.button.click()
    wrong = widget.feedback.value
    assert "#1a7f37" in right and "✔" in right and "Correct" in right
    assert "#b3261e" in wrong and "✘" in wrong and "Not correct" in wrong
    assert 'aria-hidden="true"' in right  # the icon is decoration; the words are read out


def test_an_open_question_is_saved_not_checked(store):
    spec = {"id": "t-o", "kind": "open", "prompt": "Discuss.", "explanation": "A model."}
    assert QuestionWidget(spec, store).button.description == "Save answer"

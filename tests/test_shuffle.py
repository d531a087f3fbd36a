"""Each learner sees the options in an order of their own, stable across restarts."""

import collections
import json

import pytest

from tipcourse.quiz.questions import option_order
from tipcourse.quiz.store import SHUFFLE_ENV, AnswerStore, learner_key
from tipcourse.quiz.widget import QuestionWidget

SINGLE = {
    "id": "l01-q",
    "kind": "single",
    "prompt": "P",
    "options": {"a": "A", "b": "B", "c": "C", "d": "D"},
    "answer": "b",
    "feedback": {k: k for k in "abcd"},
}
SORT = {
    "id": "l01-s",
    "kind": "categorize",
    "prompt": "P",
    "items": {f"i{n}": f"Item {n}" for n in range(6)},
    "categories": {"x": "X", "y": "Y"},
    "answer": {f"i{n}": "x" for n in range(6)},
    "feedback": {f"i{n}": "." for n in range(6)},
}
ORDER = {
    "id": "l01-o",
    "kind": "order",
    "prompt": "P",
    "items": {"p": "P", "q": "Q"},
    "answer": ["q", "p"],
}


@pytest.fixture
def shuffling(monkeypatch):
    monkeypatch.delenv(SHUFFLE_ENV, raising=False)  # the tests run with authored order


def test_the_order_is_a_stable_permutation_per_learner_and_question():
    first = option_order(SINGLE, "0" * 32)
    assert sorted(first) == list("abcd") and option_order(SINGLE, "0" * 32) == first
    orders = {tuple(option_order(SINGLE, f"{n:032x}")) for n in range(50)}
    assert len(orders) > 10  # learners differ
    other = {**SINGLE, "id": "l01-other"}
    assert any(
        option_order(SINGLE, f"{n:032x}") != option_order(other, f"{n:032x}") for n in range(10)
    )  # questions differ for one learner


def test_no_key_and_other_kinds_keep_the_authored_order():
    assert option_order(SINGLE, None) == list("abcd")
    assert option_order(ORDER, "f" * 32) == ["p", "q"]
    assert sorted(option_order(SORT, "f" * 32)) == sorted(SORT["items"])


def test_the_key_is_in_every_position_about_equally_often():
    positions = collections.Counter(
        option_order(SINGLE, f"{n:032x}").index("b") for n in range(800)
    )
    assert set(positions) == {0, 1, 2, 3} and all(150 < c < 250 for c in positions.values())


def test_the_learner_key_is_made_once_per_answers_folder(tmp_path, shuffling):
    key = learner_key(tmp_path)
    assert len(key) == 32 and learner_key(tmp_path) == key
    assert json.loads((tmp_path / "learner.json").read_text()) == {"learner_key": key}
    assert learner_key(tmp_path / "other") != key


def test_authored_order_when_asked(tmp_path, monkeypatch):
    monkeypatch.setenv(SHUFFLE_ENV, "0")
    assert learner_key(tmp_path) is None and not (tmp_path / "learner.json").exists()


def test_a_broken_learner_file_never_stops_the_lesson(tmp_path, shuffling):
    (tmp_path / "learner.json").write_text("{broken")
    key = learner_key(tmp_path)
    assert len(key) == 32 and learner_key(tmp_path) == key  # stable for the session
    assert (tmp_path / "learner.json").read_text() == "{broken"  # nothing overwritten
    (tmp_path / "blocked").write_text("a file where the folder should be")
    assert len(learner_key(tmp_path / "blocked")) == 32


def test_the_widget_shows_the_learners_order_and_saves_by_id(tmp_path, shuffling):
    store = AnswerStore("l01", tmp_path)
    widget = QuestionWidget(SINGLE, store, "selfcheck")
    shown = [key for _, key in widget.children[1].options]
    assert shown == option_order(SINGLE, learner_key(tmp_path))
    widget._set("b")
    widget.submit()
    assert store.get("l01-q")["response"] == "b" and "Correct" in widget.feedback.value
    instructor = QuestionWidget(
        SINGLE, AnswerStore("ex01-solution", tmp_path), "assignment", key_lines=["Answer: b) B"]
    )
    assert [key for _, key in instructor.children[1].options] == list("abcd")

"""Progress reads the answers store without changing it."""

import json

from tipcourse import progress
from tipcourse.quiz.banks import load_bank
from tipcourse.quiz.store import AnswerStore


def test_empty_store_gives_zeros_for_every_lesson(tmp_path):
    table = progress.summary(tmp_path)
    assert list(table["lesson"])[:2] == ["l00", "l01"]
    assert (table["answered"] == 0).all() and (table["correct"] == 0).all()
    assert table.set_index("lesson").loc["l01", "questions"] == len(load_bank("l01"))


def test_answered_and_correct_are_counted(tmp_path):
    store = AnswerStore("l01", tmp_path)
    store.record("l01-consent", "b", score=1.0, points=1.0)
    store.record("l01-child-age", 17.0, score=0.0, points=1.0)
    store.record("l01-reflect", "Some thoughts.", score=0.0, points=0.0)
    row = progress.summary(tmp_path).set_index("lesson").loc["l01"]
    assert (row["answered"], row["correct"]) == (3, 1)


def test_unreadable_file_is_reported_and_left_alone(tmp_path):
    (tmp_path / "l00.json").write_text("{broken")
    row = progress.summary(tmp_path).set_index("lesson").loc["l00"]
    assert row["answered"] == 0 and "unreadable" in row["note"]
    assert (tmp_path / "l00.json").read_text() == "{broken"


def test_answers_of_removed_questions_are_ignored(tmp_path):
    (tmp_path / "l00.json").write_text(
        json.dumps(
            {"answers": {"l00-gone": {"response": "a", "attempts": 1, "score": 1, "points": 1}}}
        )
    )
    assert progress.summary(tmp_path).set_index("lesson").loc["l00", "answered"] == 0


def test_the_chart_names_lessons_in_words_and_counts_whole_questions(tmp_path):
    from matplotlib.figure import Figure

    ax = Figure().add_subplot()
    progress.draw(ax, progress.summary(tmp_path))
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "Lesson 00" and all(label.startswith("Lesson ") for label in labels)
    assert all(float(x).is_integer() for x in ax.get_xticks())

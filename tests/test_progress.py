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


def test_the_chart_is_a_picture_drawn_again_only_when_the_counts_change(tmp_path, monkeypatch):
    from tipcourse import data, figcache

    monkeypatch.setenv(data.CACHE_DIR_ENV, str(tmp_path / "cache"))  # the cache on (conftest: off)
    monkeypatch.delenv(data.VALIDATE_ENV, raising=False)
    drawn = []
    render = progress._render_png
    monkeypatch.setattr(progress, "_render_png", lambda t: drawn.append(1) or render(t))
    answers = tmp_path / "answers"
    table = progress.summary(answers)
    picture = progress.plot(table)
    assert picture.png.startswith(figcache.SIGNATURE) and picture.png.endswith(figcache.END)
    total = int(table["questions"].sum())
    assert repr(picture).startswith(f"Progress chart: 0 of {total} self-check questions")
    assert progress.plot(progress.summary(answers)).png == picture.png and len(drawn) == 1
    AnswerStore("l01", answers).record("l01-consent", "b", score=1.0, points=1.0)
    again = progress.plot(progress.summary(answers))
    assert len(drawn) == 2 and again.png != picture.png
    assert repr(again).startswith(f"Progress chart: 1 of {total} self-check questions answered, 1")

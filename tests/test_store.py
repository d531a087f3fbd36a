"""The answers store: restore, atomic writes, corrupt files moved aside, redirected location."""

import json
import os

import pytest

from tipcourse.quiz.store import AnswerStore, answers_dir, write_json_atomic


def test_location_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TIPCOURSE_ANSWERS_DIR", str(tmp_path / "a"))
    assert answers_dir() == tmp_path / "a"
    assert AnswerStore("l01").path == tmp_path / "a" / "l01.json"


def test_answers_survive_a_new_store_and_count_attempts(tmp_path):
    store = AnswerStore("l01", tmp_path)
    store.record("l01-q1", "a", score=0.0, points=1.0)
    store.record("l01-q1", "b", score=1.0, points=1.0)
    again = AnswerStore("l01", tmp_path)  # as after a kernel restart
    entry = again.get("l01-q1")
    assert entry["response"] == "b" and entry["attempts"] == 2 and entry["score"] == 1.0
    assert entry["saved_at"].endswith("+00:00")


def test_two_kernels_on_one_notebook_keep_both_answers(tmp_path):
    first, second = AnswerStore("ex01", tmp_path), AnswerStore("ex01", tmp_path)
    first.record("ex01-q1", "a")
    second.record("ex01-q2", "b")
    saved = json.loads((tmp_path / "ex01.json").read_text())["answers"]
    assert set(saved) == {"ex01-q1", "ex01-q2"}


def test_corrupt_file_is_moved_aside_not_overwritten(tmp_path):
    path = tmp_path / "l01.json"
    path.write_text('{"answers": {"l01-q1": ')  # truncated
    store = AnswerStore("l01", tmp_path)
    kept = list(tmp_path.glob("l01.corrupt-*.json"))
    assert len(kept) == 1 and kept[0].read_text() == '{"answers": {"l01-q1": '
    assert "could not be read" in store.warning and kept[0].name in store.warning
    store.record("l01-q1", "a")
    assert json.loads(path.read_text())["answers"]["l01-q1"]["response"] == "a"
    assert kept[0].exists()


def test_wrong_shape_counts_as_corrupt(tmp_path):
    (tmp_path / "l01.json").write_text("[1, 2, 3]")
    assert AnswerStore("l01", tmp_path).warning
    assert list(tmp_path.glob("l01.corrupt-*.json"))


def test_atomic_write_leaves_old_file_when_serialising_fails(tmp_path):
    path = tmp_path / "x.json"
    write_json_atomic(path, {"ok": 1})
    with pytest.raises(TypeError):
        write_json_atomic(path, {"bad": object()})
    assert json.loads(path.read_text()) == {"ok": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]  # no temp file left behind


def test_unsafe_notebook_ids_are_refused(tmp_path):
    for bad in ("../x", "a/b", "", "L01"):
        with pytest.raises(ValueError):
            AnswerStore(bad, tmp_path)


def test_tests_never_write_into_home():
    assert os.environ["TIPCOURSE_ANSWERS_DIR"] != str(answers_dir().home() / "tipcourse-answers")


# --- attacks: concurrent kernels, kills, folders that cannot be written ----------------------


def _write_many(directory: str, prefix: str, n: int) -> None:
    store = AnswerStore("ex01", __import__("pathlib").Path(directory))
    for i in range(n):
        store.record(f"ex01-{prefix}{i}", i)


@pytest.mark.parametrize("trial", [1, 2])  # without the lock, most runs lose a few answers
def test_two_processes_writing_at_once_lose_nothing(tmp_path, trial):
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=_write_many, args=(str(tmp_path), p, 300)) for p in "ab"]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
        assert w.exitcode == 0
    saved = json.loads((tmp_path / "ex01.json").read_text())["answers"]
    assert len(saved) == 600
    assert not list(tmp_path.glob("*.tmp"))


def test_two_corrupt_files_in_one_second_are_both_kept(tmp_path):
    for text in ("{broken one", "{broken two"):
        (tmp_path / "l01.json").write_text(text)
        AnswerStore("l01", tmp_path)
    kept = sorted(p.read_text() for p in tmp_path.glob("l01.corrupt-*.json"))
    assert kept == ["{broken one", "{broken two"]


def test_entries_of_the_wrong_shape_are_set_aside_and_the_good_ones_kept(tmp_path):
    good = {"response": "b", "attempts": 1, "saved_at": "2025-01-01T00:00:00+00:00"}
    (tmp_path / "l01.json").write_text(json.dumps({"answers": {"l01-a": 5, "l01-b": good}}))
    store = AnswerStore("l01", tmp_path)
    assert store.get("l01-a") is None and store.get("l01-b")["response"] == "b"
    assert (
        "1 entries of the wrong shape" in store.warning
        and "answers that could be read" in store.warning
    )
    (aside,) = tmp_path.glob("l01.corrupt-*.json")
    assert json.loads(aside.read_text())["answers"]["l01-a"] == 5  # nothing lost
    assert set(json.loads((tmp_path / "l01.json").read_text())["answers"]) == {"l01-b"}


def test_temp_files_of_a_killed_writer_are_removed_on_open(tmp_path):
    old, fresh = tmp_path / ".l01.json.abc.tmp", tmp_path / ".l01.json.def.tmp"
    old.write_text("{")
    fresh.write_text("{")
    os.utime(old, (1, 1))
    AnswerStore("l01", tmp_path)
    assert not old.exists() and fresh.exists()  # a live writer's file is left alone


def test_an_unwritable_folder_keeps_the_answer_in_memory(tmp_path, monkeypatch):
    import tipcourse.quiz.store as store_module

    store = AnswerStore("l01", tmp_path)
    real = store_module.tempfile.mkstemp

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr(store_module.tempfile, "mkstemp", refuse)
    entry = store.record("l01-q1", "a")
    assert entry["response"] == "a" and store.get("l01-q1")["response"] == "a"
    assert store.problem.startswith("Not written to disk: no permission to write")
    assert "kept while this notebook stays open (1 unsaved)" in store.problem
    assert not (tmp_path / "l01.json").exists()
    monkeypatch.setattr(store_module.tempfile, "mkstemp", real)
    store.record("l01-q2", "b")  # the folder can be written again: both are saved
    saved = json.loads((tmp_path / "l01.json").read_text())["answers"]
    assert set(saved) == {"l01-q1", "l01-q2"} and store.problem == ""


def test_a_folder_where_the_file_should_be(tmp_path):
    (tmp_path / "l01.json").mkdir()
    store = AnswerStore("l01", tmp_path)  # opening does not raise
    assert "cannot be read" in store.warning and "is a folder" in store.warning
    store.record("l01-q1", "a")
    assert "is a folder, not a file" in store.problem and store.get("l01-q1")["response"] == "a"


def test_the_widget_says_when_an_answer_is_not_on_disk(tmp_path, monkeypatch):
    import tipcourse.quiz.store as store_module
    from tipcourse.quiz.widget import QuestionWidget

    spec = {
        "id": "l01-q",
        "kind": "single",
        "prompt": "P",
        "options": {"a": "A", "b": "B"},
        "answer": "a",
        "feedback": {"a": "Yes.", "b": "No."},
    }
    widget = QuestionWidget(spec, AnswerStore("l01", tmp_path), "selfcheck")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr(store_module.tempfile, "mkstemp", refuse)
    widget._set("a")
    widget.submit()
    assert "Not written to disk" in widget.feedback.value and "Correct" in widget.feedback.value

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

"""The grader's shortcuts for large batches give what the plain way gives: the checksum made
with a reused encoder, the answers a worker sends back, the shared pairs of equal answers,
the quick choice for a student with one submission, and reading a file without a file
object. And a file that only looks like text (a lone UTF-16 surrogate) is refused, not a
crash of the whole batch."""

import dataclasses
import datetime as dt
import json
import math
import os
import random
import sys
from pathlib import Path

import pytest
from test_grading import KEY, RIGHT, errors, submit

from tipcourse.grading import batch, grade, reading, scoring, selection
from tipcourse.grading.model import Problem, Submission, SubmissionError
from tipcourse.quiz import submission

LOOKALIKES = [0.0, -0.0, 1, 1.0, True, "1", 21.09, "21,09", ["a", "c"], ["c", "a"], None, ""]


def _random_value(rng: random.Random, depth: int = 0) -> object:
    kinds = ["str", "int", "float", "bool", "null"] + (["list", "dict"] if depth < 4 else [])
    kind = rng.choice(kinds)
    if kind == "str":
        alphabet = ["a", "é", "ß", '"', "\\", "\n", "\t", "\u2028", "😀", "\x00", "\x7f", "/", " "]
        return "".join(rng.choices(alphabet, k=rng.randint(0, 8)))
    if kind == "int":
        return rng.choice([0, -1, 7, 2**70, -(2**64)])
    if kind == "float":
        return rng.choice([0.0, -0.0, 0.1, 1e300, -2.5e-308, 21.09, math.inf, -math.inf, math.nan])
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "null":
        return None
    if kind == "list":
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {
        _random_value(rng, 4) if rng.random() < 0.5 else f"k{i}": _random_value(rng, depth + 1)
        for i in range(rng.randint(0, 4))
    }


def test_the_checksum_is_that_of_quiz_submission():
    rng = random.Random(2025)
    for n in range(1500):
        doc = {
            "format": 2,
            "exercise": "ex90",
            "student_id": _random_value(rng, 4),
            "submitted_at": "2025-03-01T09:00:00+00:00",
            "answers": {f"q{i}": _random_value(rng) for i in range(rng.randint(0, 6))},
        }
        doc = json.loads(json.dumps(doc))  # as the grader sees it: parsed JSON
        assert reading._sha256(reading.signed_part(doc)) == submission.checksum(doc), n
        assert reading._sha256(doc["answers"]) == submission.checksum_v1(doc["answers"]), n


def test_a_worker_sends_every_field_of_a_submission_but_path_and_answers(tmp_path):
    sub = Submission(
        tmp_path / "a.json",
        "ex90",
        "S1",
        "2025-03-01T09:00:00+00:00",
        dt.datetime(2025, 3, 1, 9, tzinfo=dt.UTC),
        {},
        "0.1.0",
        ["no checksum"],
        "src",
        True,
        "S1",
        [({"response": "a"}, (1.0, ["Right."], "correct"))],
        ["unknown question ids ignored: x"],
    )
    assert {f.name for f in dataclasses.fields(Submission)} == {*batch.SENT, "path", "answers"}
    item = reading.Found(sub.path, "src")
    assert batch._unpack(item, batch._pack(sub)) == sub
    problem = Problem("a.json", "not valid JSON")
    assert batch._unpack(item, problem) is problem


@pytest.mark.parametrize("spec", KEY["questions"], ids=lambda s: s["kind"])
def test_equal_answers_share_one_pair_with_the_outcome_of_that_very_answer(spec):
    pairs, equal = {}, {}
    entries = [{"response": raw, "attempts": 2} for raw in LOOKALIKES]
    entries += [None, "not an object", {"attempts": 1}, {"response": {"x": "act", "y": "act"}}]
    for _ in range(2):  # the second round from the shared pairs
        for entry in entries:
            shown, outcome = batch._pair(spec, entry, pairs, equal)
            assert outcome == scoring.answer_outcome(spec, entry)
            assert repr(outcome[0]) == repr(scoring.answer_outcome(spec, entry)[0])  # -0.0
            assert shown == batch._compact(entry)
            if isinstance(shown, dict) and "response" in shown:
                assert type(shown["response"]) is type(entry["response"])
    if spec["kind"] != "open":
        first = batch._pair(spec, {"response": ["a", "c"]}, pairs, equal)
        assert batch._pair(spec, {"response": ["a", "c"], "attempts": 9}, pairs, equal) is first


def test_scoring_a_submission_is_score_answers(tmp_path, keys):
    key = reading.load_keys(keys)["ex90"]
    rng = random.Random(7)
    pairs, equal = {}, {}
    for _ in range(200):
        answers = {
            qid: {"response": rng.choice(LOOKALIKES)} for qid in key if rng.random() < 0.8
        } | ({"extra-id": {"response": 1}} if rng.random() < 0.2 else {})
        sub = Submission(tmp_path, "ex90", "S", "", dt.datetime.now(dt.UTC), dict(answers))
        batch._score(sub, key, pairs, equal)
        scored, flags = scoring.score_answers(answers, key)
        assert sub.scoring_flags == flags and sub.answers == {}
        assert [o for _, o in sub.scored] == [o for _, o in scored]
        assert [e for e, _ in sub.scored] == [batch._compact(e) for e, _ in scored]


def _select_slowly(subs, now):
    """selection.select's rules applied to every group alike, without its quick path."""
    result = selection.Selection()
    crowded = selection._crowded_sources(subs)
    for _, group in sorted(selection._groups(subs).items()):
        reason = selection._conflict_reason(group, crowded)
        if reason is None:
            result.kept.append(selection._latest(group, now, result.problems))
        else:
            result.conflicts.append(reason)
    return result


def test_the_quick_choice_for_one_submission_is_the_rule_for_all(tmp_path):
    now = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    rng = random.Random(3)

    def batch_of_subs():
        rng.seed(3)
        subs = []
        for i in range(300):
            when = now + dt.timedelta(minutes=rng.choice([-600, 5, 11, 60 * 24 * 365]))
            sid = f"S{rng.randint(0, 400)}"
            sub = Submission(tmp_path / f"{i}.json", "ex90", sid, "x", when, {})
            sub.source = f"own{i}" if rng.random() < 0.7 else rng.choice(["a", "b"])
            sub.source_is_person = sub.source.startswith("own") or rng.random() < 0.05
            sub.expected_id = rng.choice([None] * 7 + [sid] * 2 + ["someone else"])
            subs.append(sub)
        return subs

    quick, slow = selection.select(batch_of_subs(), now), _select_slowly(batch_of_subs(), now)
    assert [(s.path, s.flags) for s in quick.kept] == [(s.path, s.flags) for s in slow.kept]
    assert [c.reason for c in quick.conflicts] == slow.conflicts
    assert len(quick.kept) > 100 and len(quick.conflicts) > 20
    assert any("in the future" in "".join(s.flags) for s in quick.kept)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_file_replaced_by_a_fifo_or_a_link_is_refused_at_once(tmp_path):
    good = submit(tmp_path / "subs", "S1", RIGHT)
    assert reading.read_submission(good).student_id == "S1"
    fifo, link = tmp_path / "fifo.json", tmp_path / "link.json"
    os.mkfifo(fifo)  # as if swapped in after the folder was listed: never waited on
    with pytest.raises(SubmissionError, match="not a regular file"):
        reading.read_submission(fifo)
    link.symlink_to(good)
    if sys.platform != "win32":
        with pytest.raises(OSError):
            reading.read_submission(link)
        problem = reading.read_found(reading.Found(link, str(tmp_path)))
        assert isinstance(problem, Problem) and "cannot be read" in problem.problem


def test_a_file_grown_since_it_was_listed_is_read_up_to_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "big.json"
    path.write_bytes(b"x" * 5000)
    assert reading._first_bytes(path, 10_000) == b"x" * 5000
    assert reading._first_bytes(path, 100) == b"x" * 100
    real_fstat = os.fstat
    monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 10, 0, 0, 0)))
    assert reading._first_bytes(path, 10_000) == b"x" * 5000  # fstat said 10 bytes
    assert reading._first_bytes(path, 300) == b"x" * 300


def test_a_lone_surrogate_escape_is_refused_and_the_rest_graded(tmp_path, keys):
    subs = tmp_path / "subs"
    bad = submit(subs, "S1", {**RIGHT, "ex90-text": "penjeratan utang"})
    bad.write_text(bad.read_text(encoding="utf-8").replace("penjeratan", "\\ud800"), "utf-8")
    pair = submit(subs, "S2", {**RIGHT, "ex90-text": "penjeratan utang"})
    text = pair.read_text(encoding="utf-8").replace("penjeratan", "\\ud83d\\ude00")
    pair.write_text(text, "utf-8")  # a pair is a character (😀): read, and flagged as changed
    report = grade([subs], tmp_path / "out", keys)
    assert [g.submission.student_id for g in report.graded] == ["S2"]
    (problem,) = errors(report)
    assert problem["file"] == str(bad)
    assert "without the other half of its pair" in problem["problem"]
    assert "checksum mismatch" in "; ".join(report.graded[0].flags)
    assert "😀" in (report.out / "feedback" / "ex90__S2.md").read_text(encoding="utf-8")
    assert Path(report.out / "gradebook.csv").read_text(encoding="utf-8").count("\n") == 2

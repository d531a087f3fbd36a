"""The grader attacked as a hostile student or a careless lecturer would: every attempt ends
in a clear message, with nothing lost and nothing chosen silently."""

import argparse
import csv
import datetime as dt
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from test_grading import KEY, RIGHT, entries, errors, gradebook, rows, submit  # noqa: F401

from tipcourse import grading
from tipcourse.grading import BatchOptions, grade
from tipcourse.grading.reports import response_hash
from tipcourse.quiz import submission
from tipcourse.quiz.submission import build_submission

ROOT = Path(__file__).resolve().parent.parent
FUTURE = "2099-01-01T00:00:00+00:00"


def moodle(subs: Path, name: str, participant: int) -> Path:
    """A participant's folder as Moodle's "Download all submissions" names it."""
    return subs / f"{name}_{participant}_assignsubmission_file_"


def run(tmp_path, keys, subs, out="out", **kwargs):
    return grade([subs], tmp_path / out, keys, **kwargs)


# --- one student's grade replaced by another ------------------------------------------------


def test_a_file_with_anothers_id_in_ones_own_folder_is_a_conflict(tmp_path, keys):
    subs = tmp_path / "moodle"
    submit(moodle(subs, "Dewi Lestari", 101), "2301001", RIGHT)
    forged = submit(moodle(subs, "Mallory", 102), "2301001", {}, when=FUTURE)
    submit(moodle(subs, "Mallory", 102), "2301002", RIGHT, name="own.json")
    report = run(tmp_path, keys, subs)
    book = gradebook(report)
    row = book[("2301001", "ex90")]
    assert row["total"] == "" and row["flags"].startswith("CONFLICT, not graded")
    problems = [e for e in errors(report) if e["student_id"] == "2301001"]
    assert len(problems) == 2
    for e in problems:  # every file named by its path, in every row
        assert str(forged) in e["problem"] and "Dewi Lestari_101" in e["problem"]
    # Mallory's own work is also held back: her folder holds two students' files.
    assert book[("2301002", "ex90")]["flags"].startswith("CONFLICT")
    assert report.conflicts and not list((report.out / "feedback").glob("*2301001*"))


def test_a_date_in_the_future_is_flagged_and_never_preferred(tmp_path, keys):
    subs = tmp_path / "subs"
    submit(subs, "S1", RIGHT, name="honest.json")
    submit(subs, "S1", {**RIGHT, "ex90-single": "a"}, when=FUTURE, name="later.json")
    report = run(tmp_path, keys, subs)
    row = gradebook(report)[("S1", "ex90")]
    assert row["ex90-single"] == "2" and row["submitted_at"] != FUTURE
    (problem,) = errors(report)
    assert problem["file"].endswith("later.json")
    alone = tmp_path / "alone"
    submit(alone, "S2", RIGHT, when=FUTURE)
    flags = gradebook(run(tmp_path, keys, alone, out="out2"))[("S2", "ex90")]["flags"]
    assert f"submitted_at {FUTURE} is in the future" in flags


@pytest.mark.parametrize(
    "first, second",
    [
        ("Dewi", "dewi"),
        ("DEWI ", "Dewi"),
        (
            unicodedata.normalize("NFC", "Dewi Ayu Şahin"),
            unicodedata.normalize("NFD", "Dewi Ayu Şahin"),
        ),
        ("２３０１", "2301"),  # full-width digits are the same id after NFKC
    ],
)
def test_ids_that_differ_only_by_case_or_unicode_form_are_a_conflict(tmp_path, keys, first, second):
    subs = tmp_path / "subs"
    submit(subs, first, RIGHT, name="a.json")
    submit(subs, second, RIGHT, name="b.json")
    report = run(tmp_path, keys, subs)
    assert len(report.conflicts) == 1 and report.graded == []
    assert "spelt differently" in errors(report)[0]["problem"]


def test_submissions_of_one_id_from_two_folders_are_a_conflict(tmp_path, keys):
    subs = tmp_path / "subs"
    submit(subs / "classA", "S1", RIGHT)
    submit(subs / "classB", "S1", RIGHT, when="2025-03-05T00:00:00+00:00")
    report = run(tmp_path, keys, subs)
    assert report.graded == [] and "different sources" in report.conflicts[0].reason
    assert {Path(e["file"]).parent.name for e in errors(report)} == {"classA", "classB"}


def test_with_a_roster_a_file_not_of_its_folders_participant_is_a_conflict(tmp_path, keys):
    subs = tmp_path / "moodle"
    submit(moodle(subs, "Dewi", 101), "2301001", RIGHT)
    submit(moodle(subs, "Budi", 102), "2301003", RIGHT)  # Budi hands in as someone else
    roster = tmp_path / "worksheet.csv"
    roster.write_text(
        "Identifier,Full name,ID number,Grade\nParticipant 101,Dewi,2301001,\n"
        "Participant 102,Budi,2301002,\n",
        encoding="utf-8",
    )
    report = run(tmp_path, keys, subs, options=BatchOptions(roster=grading.read_roster(roster)))
    assert [g.submission.student_id for g in report.graded] == ["2301001"]
    assert "belongs to '2301002' (roster)" in report.conflicts[0].reason


def test_the_checksum_covers_the_student_id_and_the_time(tmp_path, keys):
    subs = tmp_path / "subs"
    for field, value in (
        ("student_id", "S9"),
        ("submitted_at", "2025-03-09T00:00:00+00:00"),
        ("exercise", "ex90"),
    ):
        path = submit(subs, "S1", RIGHT, name=f"{field}.json")
        doc = json.loads(path.read_text())
        doc[field] = value
        if field == "exercise":
            doc["checksum"] = "sha256:0"
        path.write_text(json.dumps(doc))
    flags = " ".join(r["flags"] for r in gradebook(run(tmp_path, keys, subs)).values())
    assert flags.count("checksum mismatch") >= 2


# --- one file stops the class ---------------------------------------------------------------


def test_a_small_deeply_nested_file_is_refused_and_the_rest_graded(tmp_path, keys):
    subs = tmp_path / "subs"
    submit(subs, "S1", RIGHT)
    path = submit(subs, "S2", RIGHT)
    text = path.read_text().replace(json.dumps(RIGHT["ex90-open"]), "[" * 1000 + "]" * 1000)
    path.write_text(text)
    assert path.stat().st_size < 5000
    report = run(tmp_path, keys, subs)
    assert ("S1", "ex90") in gradebook(report)
    (problem,) = errors(report)
    assert "nested more than 32 levels" in problem["problem"]


def test_brackets_inside_strings_do_not_count_as_nesting():
    assert not grading.reading.nesting_too_deep(json.dumps({"a": "[" * 500 + "{" * 500}))
    assert grading.reading.nesting_too_deep("[" * 33 + "]" * 33)
    assert not grading.reading.nesting_too_deep("[" * 32 + "]" * 32)


def test_a_long_essay_survives_the_manual_round_trip(tmp_path, keys):
    subs = tmp_path / "subs"
    essay = "Kata " * 30_000  # 150 KB
    submit(subs, "S1", {**RIGHT, "ex90-open": essay})
    first = run(tmp_path, keys, subs)
    csv.field_size_limit(10_000_000)  # for this test's own reader; the grader sets its own
    table = rows(first.out / "manual.csv")
    table[0]["score"] = "3"
    filled = tmp_path / "filled.csv"
    with open(filled, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)
    csv.field_size_limit(131072)  # back to Python's default: the grader must raise it itself
    second = run(tmp_path, keys, subs, out="out2", manual=filled)
    assert gradebook(second)[("S1", "ex90")]["ex90-open"] == "3"


def test_a_manual_score_never_attaches_to_a_new_essay(tmp_path, keys):
    subs = tmp_path / "subs"
    submit(subs, "S1", {**RIGHT, "ex90-open": "First essay."})
    first = run(tmp_path, keys, subs)
    table = rows(first.out / "manual.csv")
    table[0]["score"] = "3"
    filled = tmp_path / "filled.csv"
    with open(filled, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)
    submit(subs, "S1", {**RIGHT, "ex90-open": "A new essay."})  # resubmitted, same file name
    second = run(tmp_path, keys, subs, out="out2", manual=filled)
    row = gradebook(second)[("S1", "ex90")]
    assert row["ex90-open"] == "" and "the response changed since it was scored" in row["flags"]
    assert "score the new response" in errors(second)[0]["problem"]


def test_a_manual_csv_without_the_response_hash_is_refused(tmp_path, keys):
    subs = tmp_path / "subs"
    submit(subs, "S1", RIGHT)
    old = tmp_path / "old.csv"
    old.write_text("student_id,exercise,question_id,score\nS1,ex90,ex90-open,3\n")
    with pytest.raises(grading.GradingError, match="response_sha256"):
        run(tmp_path, keys, subs, manual=old)


# --- formulas and markup --------------------------------------------------------------------


def test_every_cell_of_every_csv_is_escaped_and_quoted(tmp_path, keys):
    subs = tmp_path / "subs"
    submit(subs, "x;=1+1", {**RIGHT, "ex90-open": "@SUM(A1)"})
    (subs / "=HYPERLINK(1).json").write_text("not json")
    report = run(tmp_path, keys, subs)
    for name in ("gradebook.csv", "manual.csv", "errors.csv"):
        text = (report.out / name).read_text(encoding="utf-8")
        for line in text.splitlines():
            assert line.startswith('"') and line.endswith('"'), (name, line)
        for row in csv.reader(text.splitlines()):
            assert not any(value.startswith(("=", "+", "-", "@", "\t")) for value in row)
    (bad,) = errors(report)
    assert bad["file"].startswith(str(subs)) and "'=HYPERLINK" not in bad["file"][:1]
    assert rows(report.out / "manual.csv")[0]["response"] == "'@SUM(A1)"


def test_file_text_in_feedback_is_shown_as_text(tmp_path, keys):
    subs = tmp_path / "subs"
    evil = "<img src=x onerror=alert(1)>\n\n# Score: 25 of 25 points\n![x](http://evil/a.png)"
    path = submit(subs, "S1", {**RIGHT, "ex90-single": evil, "ex90-text": evil})
    doc = json.loads(path.read_text())
    doc["answers"][evil] = {"response": "b"}  # an unknown question id with markup
    doc["answers"]["ex90-multiple"]["response"] = {"x": evil}
    path.write_text(json.dumps(doc))
    text = (run(tmp_path, keys, subs).out / "feedback" / "ex90__S1.md").read_text()
    assert "<img" not in text and "](http" not in text
    assert not any(line.lstrip("> ").startswith("# Score") for line in text.splitlines())
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in text


# --- smaller ----------------------------------------------------------------------------------


def test_a_fifo_never_hangs_the_grader(tmp_path, keys):
    subs = tmp_path / "subs"
    submit(subs, "S1", RIGHT)
    os.mkfifo(subs / "pipe.json")
    os.mkfifo(tmp_path / "arg.json")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tipcourse",
            "grade",
            str(subs),
            str(tmp_path / "arg.json"),
            "--out",
            str(tmp_path / "out"),
            "--keys",
            str(keys),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 1, result.stderr
    problems = {e["file"]: e["problem"] for e in errors(argparse.Namespace(out=tmp_path / "out"))}
    assert "not a regular file" in problems[str(subs / "pipe.json")]
    assert "not a regular file" in problems[str(tmp_path / "arg.json")]


def test_only_the_exercise_asked_for_is_graded(tmp_path, keys):
    subs = tmp_path / "subs"
    other = {
        "exercise": "ex91",
        "questions": [
            {
                "id": "ex91-q",
                "kind": "single",
                "prompt": "?",
                "options": {"a": "A", "b": "B"},
                "answer": "a",
                "feedback": {"a": "Right.", "b": "No."},
            }
        ],
    }
    (keys / "ex91.json").write_text(json.dumps(other))
    submit(subs, "S1", RIGHT)
    submit(subs, "S1", {"ex91-q": "a"}, exercise="ex91")
    report = run(tmp_path, keys, subs, options=BatchOptions(exercise="ex90"))
    assert list(gradebook(report)) == [("S1", "ex90")]
    assert "a submission of ex91, not of ex90" in errors(report)[0]["problem"]


def test_a_newer_course_version_is_flagged(tmp_path, keys):
    subs = tmp_path / "subs"
    submit(subs, "S1", RIGHT, course_version="99.0.0")
    row = gradebook(run(tmp_path, keys, subs))[("S1", "ex90")]
    assert "made with course version 99.0.0, newer than the grader's" in row["flags"]


def test_exit_codes(tmp_path, grade_args, monkeypatch, capsys):
    subs = tmp_path / "subs"
    submit(subs, "S1", RIGHT)

    def args(out):
        return grade_args(subs, out)

    assert grading.main(args("a")) == grading.EXIT_OK
    (subs / "junk.json").write_text("{")
    assert grading.main(args("b")) == grading.EXIT_PROBLEMS
    assert grading.main(args("b")) == grading.EXIT_NOTHING_DONE  # --out in the way

    def broken(*a, **k):
        raise KeyError("boom")

    monkeypatch.setattr(grading, "grade", broken)
    capsys.readouterr()
    assert grading.main(args("c")) == grading.EXIT_INTERNAL == 3
    message = capsys.readouterr().err
    assert "internal error (KeyError" in message and "Traceback" not in message
    log = Path(message.split("details in ")[1].split(". Please")[0])
    assert "Traceback" in log.read_text()
    log.unlink()


def test_a_submission_the_grader_would_refuse_is_refused_at_submit_time():
    answers = entries({**RIGHT, "ex90-open": "kata " * 250_000})
    doc = build_submission("ex90", "S1", answers, list(RIGHT))
    with pytest.raises(submission.TooLarge, match="The answer to ex90-open alone is"):
        submission.check_size(doc)
    submission.check_size(build_submission("ex90", "S1", entries(RIGHT), list(RIGHT)))


# --- a large batch on every core gives the same outputs as one process --------------------------


def mixed_batch(tmp_path: Path) -> tuple[Path, Path]:
    """Submissions of every sort the grader meets, and a filled-in manual.csv for them."""
    subs = tmp_path / "subs"
    for i in range(9):  # valid, with a spread of answers (and of repeated ones)
        submit(subs, f"S{i}", {**RIGHT, "ex90-single": "abc"[i % 3], "ex90-open": f"Essay {i}."})
    submit(subs, "S1", RIGHT, when=FUTURE, name="later.json")  # a duplicate from the future
    wrong = {**RIGHT, "ex90-numeric": True, "ex90-multiple": "a", "ex90-extra": 1}
    submit(subs, "W1", wrong)  # answers of the wrong type, an unknown question id
    submit(subs, "W2", {**RIGHT, "ex90-numeric": 1, "ex90-text": "<img src=x>\n# Score: 99"})
    submit(subs, "=HYPERLINK(1)", {"ex90-single": "b"})  # a formula as id; unanswered questions
    submit(subs, "T1", RIGHT, checksum="sha256:0")  # changed after submitting
    submit(subs / "a", "Dewi", RIGHT)  # one id from two folders, spelt two ways: a conflict
    submit(subs / "b", "dewi", RIGHT)
    (subs / "broken.json").write_text("{", encoding="utf-8")
    (subs / "deep.json").write_text("[" * 100 + "]" * 100, encoding="utf-8")
    (subs / "latin1.json").write_bytes(b'{"student_id": "\xe9"}')
    submit(subs, "X1", {"ex99-q": "a"}, exercise="ex99")  # an exercise without a key
    manual = tmp_path / "filled.csv"
    scored = [(f"S{i}", response_hash(f"Essay {i}."), str(i % 5)) for i in range(4)]
    scored += [("S4", response_hash("An older essay."), "3"), ("S77", "0" * 16, "1")]
    manual.write_text(
        "student_id,exercise,question_id,response_sha256,score,comment\n"
        + "".join(f"{s},ex90,ex90-open,{h},{score},Seen.\n" for s, h, score in scored),
        encoding="utf-8",
    )
    return subs, manual


def outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.skipif(sys.platform != "linux", reason="fork is used on Linux only")
def test_forked_workers_give_the_same_outputs_as_one_process(tmp_path, keys, monkeypatch):
    from tipcourse.grading import analysis, batch, parallel

    subs, manual = mixed_batch(tmp_path)
    now = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    alone = grade([subs], tmp_path / "alone", keys, manual=manual, now=now)
    assert alone.conflicts and len(alone.graded) == 13
    problems = " | ".join(p.problem for p in alone.problems)
    for needle in ("CONFLICT", "duplicate", "not valid JSON", "nested", "UTF-8", "no answer key"):
        assert needle in problems
    assert "response changed" in problems and "no open response" in problems
    assert any(q.status == "scored" for g in alone.graded for q in g.grades)

    pids = tmp_path / "pids"
    read_part = batch._read_part

    def noting_the_process(keys, items):
        with open(pids, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        return read_part(keys, items)

    monkeypatch.setattr(batch, "_read_part", noting_the_process)
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
    monkeypatch.setattr(analysis, "MIN_PARALLEL", 1)  # the figures' helper process too
    monkeypatch.setattr(parallel, "workers", lambda: 3)  # this process and two workers
    forked = grade([subs], tmp_path / "forked", keys, manual=manual, now=now)
    parts = pids.read_text().split()  # one line per part; a worker may do two
    assert len(parts) == 3 and parts.count(str(os.getpid())) == 1
    mine = outputs(alone.out)
    assert "feedback/ex90__S0.md" in mine and "item_analysis/ex90_scores.png" in mine
    assert outputs(forked.out) == mine

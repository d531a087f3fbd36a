"""Collecting submissions from JupyterHub home folders (`python -m tipcourse collect`), then
grading the collection: each file's source is its hub user, so the grader's folder rules
apply; bad homes and special files are reported, never fatal. Everything under tmp_path."""

import csv
import json
import os
from pathlib import Path

import pytest

from tipcourse import __main__ as cli
from tipcourse.grading import BatchOptions, grade
from tipcourse.grading import collect as collect_module
from tipcourse.grading.collect import Options, collect, report_path
from tipcourse.grading.model import MAX_BYTES, GradingError
from tipcourse.quiz.submission import write_submission

ROOT = Path(__file__).resolve().parent.parent
KEYS = ROOT / "solutions" / "keys"
QIDS = ["ex01-consent-paragraph", "ex01-child-case"]


def answers(consent="b", child="a"):
    saved = "2026-03-01T09:00:00+00:00"
    return {
        "ex01-consent-paragraph": {"response": consent, "attempts": 1, "saved_at": saved},
        "ex01-child-case": {"response": child, "attempts": 1, "saved_at": saved},
    }


def submit(home: Path, student_id: str, exercise="ex01", **kw) -> Path:
    """What the submission panel writes in a hub user's home."""
    path, _, _ = write_submission(
        exercise, student_id, answers(**kw), QIDS, home / "tipcourse-answers"
    )
    return path


def snapshot(folder: Path) -> dict:
    """Every entry under `folder` with its bytes or link target: collect changes nothing."""
    seen = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            seen[str(path)] = ("link", os.readlink(path))
        elif path.is_file():
            seen[str(path)] = ("file", path.read_bytes(), path.stat().st_mtime_ns)
        else:
            seen[str(path)] = ("other", path.stat(follow_symlinks=False).st_mode)
    return seen


def report(out: Path) -> dict[str, list[dict]]:
    """The report's rows by user."""
    with open(report_path(out), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_user: dict[str, list[dict]] = {}
    for row in rows:
        by_user.setdefault(row["user"], []).append(row)
    return by_user


def graded(out: Path, tmp_path: Path):
    return grade(
        [out], tmp_path / "graded", KEYS, options=BatchOptions("ex01", None, person_folders=True)
    )


@pytest.fixture
def homes(tmp_path):
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


# --- the ordinary case ------------------------------------------------------------------------


def test_each_users_file_is_copied_under_their_name_and_graded(homes, tmp_path):
    amina = submit(homes / "amina", "S-001")
    submit(homes / "budi", "S-002", consent="c")
    (homes / "citra" / "tipcourse-answers").mkdir(parents=True)  # used the course, no hand-in
    submit(homes / "citra", "S-003", exercise="ex02")  # another exercise is left alone
    before = snapshot(homes)
    out = tmp_path / "collected" / "ex01"

    rows = collect(homes, out, Options("ex01"))

    assert snapshot(homes) == before
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")) == [
        "amina/ex01__S-001.json",
        "budi/ex01__S-002.json",
    ]
    assert (out / "amina" / "ex01__S-001.json").read_bytes() == amina.read_bytes()
    by_user = report(out)
    assert [r["status"] for r in by_user["amina"]] == ["collected"]
    assert by_user["amina"][0]["student_id"] == "S-001"
    assert by_user["amina"][0]["file"] == str(amina)
    assert by_user["citra"][0]["status"] == "no submission"
    assert {r.user for r in rows} == {"amina", "budi", "citra"}

    result = graded(out, tmp_path)
    scores = {
        g.submission.student_id: (g.total, Path(g.submission.source).name) for g in result.graded
    }
    points = json.loads((KEYS / "ex01.json").read_text())["questions"]
    consent_points = next(q for q in points if q["id"] == "ex01-consent-paragraph")["points"]
    assert scores["S-001"][1] == "amina" and scores["S-002"][1] == "budi"
    assert scores["S-001"][0] - scores["S-002"][0] == consent_points  # only budi's consent wrong
    assert result.conflicts == []


def test_the_cli_prints_the_next_step_and_exit_codes(homes, tmp_path, capsys):
    submit(homes / "amina", "S-001")
    out = tmp_path / "c"
    assert cli.main(["collect", str(homes), "--exercise", "ex01", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "collected 1 ex01 file(s) of 1 user(s)" in said
    assert f"grade {out} --person-folders --exercise ex01" in said
    # a second run into the same folder stops, unless asked to replace it
    assert cli.main(["collect", str(homes), "--exercise", "ex01", "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    submit(homes / "amina", "S-001", consent="a")  # resubmitted: the newest file replaces
    args = ["collect", str(homes), "--exercise", "ex01", "--out", str(out), "--overwrite"]
    assert cli.main(args) == 0
    copied = json.loads((out / "amina" / "ex01__S-001.json").read_text())
    assert copied["answers"]["ex01-consent-paragraph"]["response"] == "a"
    assert (
        cli.main(
            [
                "collect",
                str(tmp_path / "nowhere"),
                "--exercise",
                "ex01",
                "--out",
                str(tmp_path / "d"),
            ]
        )
        == 2
    )
    assert (
        cli.main(["collect", str(homes), "--exercise", "../x", "--out", str(tmp_path / "e")]) == 2
    )


def test_tljh_homes_with_a_prefix(homes, tmp_path):
    submit(homes / "jupyter-amina", "S-001")
    (homes / "ubuntu").mkdir()  # the administrator's own home
    (homes / "jupyter-").mkdir()  # a prefix and no name
    out = tmp_path / "c"
    collect(homes, out, Options("ex01", prefix="jupyter-"))
    assert (out / "amina" / "ex01__S-001.json").is_file()
    assert report(out)["ubuntu"][0]["status"] == "skipped"
    assert report(out)["jupyter-"][0]["status"] == "skipped"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        "amina",
        "amina/ex01__S-001.json",
    ]
    assert (
        cli.main(
            [
                "collect",
                str(homes),
                "--exercise",
                "ex01",
                "--out",
                str(tmp_path / "d"),
                "--prefix",
                "jupyter-",
            ]
        )
        == 0
    )


# --- conflicts: never graded as the student the file names ------------------------------------


def test_a_home_holding_another_students_id_is_a_conflict(homes, tmp_path):
    submit(homes / "amina", "S-001")
    submit(homes / "amina", "S-002")  # amina hands in for budi as well
    submit(homes / "budi", "S-002", consent="c")
    out = tmp_path / "c"
    collect(homes, out, Options("ex01"))
    by_user = report(out)
    assert {r["status"] for r in by_user["amina"]} == {"conflict"}
    assert "different student ids" in by_user["amina"][0]["detail"]
    assert by_user["budi"][0]["status"] == "conflict"  # S-002 came from two homes
    assert "different sources" in by_user["budi"][0]["detail"]

    result = graded(out, tmp_path)
    assert result.graded == []  # neither id is graded from these files
    assert {c.student_id for c in result.conflicts} == {"S-001", "S-002"}
    gradebook = (tmp_path / "graded" / "gradebook.csv").read_text()
    assert gradebook.count("CONFLICT, not graded") == 2


def test_ids_that_differ_only_in_case_are_one_student(homes, tmp_path):
    submit(homes / "amina", "Dewi-7")
    submit(homes / "amina", "dewi-7")
    out = tmp_path / "c"
    collect(homes, out, Options("ex01"))
    assert {r["status"] for r in report(out)["amina"]} == {"conflict"}
    assert "spelt differently" in report(out)["amina"][0]["detail"]


def test_a_roster_holds_back_a_file_with_someone_elses_id(homes, tmp_path):
    submit(homes / "amina", "S-002")  # only budi's id, and budi handed in nothing
    submit(homes / "citra", "S-003")
    submit(homes / "eko", "S-005")  # not on the roster
    roster = tmp_path / "users.csv"
    roster.write_text("user;student_id\nAmina;S-001\nbudi;S-002\ncitra;s-003\n")
    out = tmp_path / "c"
    args = ["collect", str(homes), "--exercise", "ex01", "--out", str(out), "--roster", str(roster)]
    assert cli.main(args) == 1
    by_user = report(out)
    assert by_user["amina"][0]["status"] == "held back"
    assert "'S-002'" in by_user["amina"][0]["detail"] and "'S-001'" in by_user["amina"][0]["detail"]
    assert by_user["eko"][0]["status"] == "held back"
    assert by_user["citra"][0]["status"] == "collected"  # case and spacing folded
    assert by_user["budi"][0]["status"] == "no submission"  # on the roster, no home
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")) == [
        "citra/ex01__S-003.json"
    ]
    assert [g.submission.student_id for g in graded(out, tmp_path).graded] == ["S-003"]


def test_a_roster_without_the_columns_stops_before_anything(homes, tmp_path, capsys):
    roster = tmp_path / "users.csv"
    roster.write_text("name,id\namina,S-001\n")
    out = tmp_path / "c"
    args = ["collect", str(homes), "--exercise", "ex01", "--out", str(out), "--roster", str(roster)]
    assert cli.main(args) == 2
    assert "needs the columns user and student_id" in capsys.readouterr().err
    assert not out.exists()


# --- bad homes and special files: reported, not fatal --------------------------------------------


def test_bad_homes_and_files_are_reported_and_the_rest_collected(homes, tmp_path, monkeypatch):
    good = submit(homes / "amina", "S-001")
    (homes / "notes.txt").write_text("not a home")
    (homes / "budi").mkdir()  # never opened the course
    (homes / "citra" / "tipcourse-answers").mkdir(parents=True)
    (homes / "citra" / "tipcourse-answers" / "submissions").write_text("a file, not a folder")
    submit(homes / "dewi", "S-004")  # her home cannot be read
    fifo_home = homes / "eko" / "tipcourse-answers" / "submissions"
    fifo_home.mkdir(parents=True)
    os.mkfifo(fifo_home / "ex01__S-005.json")  # would block a reader that opened it
    link_home = homes / "fajar" / "tipcourse-answers" / "submissions"
    link_home.mkdir(parents=True)
    (link_home / "ex01__S-001.json").symlink_to(good)  # a link into amina's home
    inside = submit(homes / "gita", "S-007")
    moved = inside.with_name("kept.json.bak")
    inside.rename(moved)
    inside.symlink_to(moved)  # a link within her own home is read
    (homes / "hadi" / "tipcourse-answers").mkdir(parents=True)
    (homes / "hadi" / "tipcourse-answers" / "submissions").symlink_to(
        homes / "amina" / "tipcourse-answers" / "submissions"
    )
    big = homes / "indah" / "tipcourse-answers" / "submissions" / "ex01__S-009.json"
    big.parent.mkdir(parents=True)
    big.write_bytes(b" " * (MAX_BYTES + 1))
    broken = homes / "joko" / "tipcourse-answers" / "submissions" / "ex01__S-010.json"
    broken.parent.mkdir(parents=True)
    broken.write_text('{"exercise": "ex01", "student_id": "S-010"')  # cut off
    (homes / "kartika").symlink_to(homes / "amina")  # an administrator's link: the same files

    real_list = collect_module.list_folder

    def list_folder(folder):
        if Path(folder) == homes / "dewi":
            raise PermissionError(13, "Permission denied", folder)  # as os.scandir raises it
        return real_list(folder)

    monkeypatch.setattr(collect_module, "list_folder", list_folder)  # root reads any folder
    before = snapshot(homes)
    out = tmp_path / "c"
    collect(homes, out, Options("ex01"))
    assert snapshot(homes) == before

    status = {
        user: [(r["status"], r["detail"]) for r in rows] for user, rows in report(out).items()
    }
    assert status["amina"][0][0] == "conflict"  # S-001 also reached through kartika's link
    assert status["kartika"][0][0] == "conflict"
    assert status["notes.txt"] == [("skipped", "not a folder; skipped")]
    assert status["budi"][0] == (
        "no submission",
        "no tipcourse-answers folder (the course was never used in this home)",
    )
    assert status["citra"][0][0] == "home not read" and "not a folder" in status["citra"][0][1]
    assert status["dewi"][0] == ("home not read", "cannot be read: permission denied")
    assert report(out)["dewi"][0]["file"] == str(homes / "dewi")  # the home, not a subfolder
    assert status["eko"][0][0] == "not collected" and "not a regular file" in status["eko"][0][1]
    assert (
        status["fajar"][0][0] == "not collected"
        and "outside this user's home" in status["fajar"][0][1]
    )
    assert status["gita"][0][0] == "collected"
    assert status["hadi"][0][0] == "home not read" and "outside hadi's home" in status["hadi"][0][1]
    assert status["indah"][0][0] == "not collected" and "larger than" in status["indah"][0][1]
    assert status["joko"][0][0] == "invalid" and "not valid JSON" in status["joko"][0][1]

    copied = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert copied == [
        "amina/ex01__S-001.json",
        "gita/ex01__S-007.json",
        "joko/ex01__S-010.json",
        "kartika/ex01__S-001.json",
    ]
    assert not (out / "gita" / "ex01__S-007.json").is_symlink()  # the bytes, not the link
    result = graded(out, tmp_path)
    assert [g.submission.student_id for g in result.graded] == ["S-007"]
    assert any("not valid JSON" in p.problem for p in result.problems)


def test_an_output_folder_inside_the_homes_or_a_file_is_refused(homes, tmp_path):
    submit(homes / "amina", "S-001")
    with pytest.raises(GradingError, match="inside"):
        collect(homes, homes / "amina" / "out", Options("ex01"))
    (tmp_path / "file").write_text("x")
    with pytest.raises(GradingError, match="is a file"):
        collect(homes, tmp_path / "file", Options("ex01"))
    assert not (homes / "amina" / "out").exists()


def test_overwrite_keeps_what_collect_did_not_write(homes, tmp_path):
    submit(homes / "amina", "S-001")
    out = tmp_path / "c"
    collect(homes, out, Options("ex01"))
    (out / "README.txt").write_text("the lecturer's note")
    (homes / "amina" / "tipcourse-answers" / "submissions" / "ex01__S-001.json").unlink()
    submit(homes / "budi", "S-002")
    collect(homes, out, Options("ex01", overwrite=True))
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        "README.txt",
        "budi",
        "budi/ex01__S-002.json",
    ]

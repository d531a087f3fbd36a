"""Collecting one exercise's submissions from a JupyterHub's home folders, for `grade`.

    python -m tipcourse collect HOMES --exercise exNN --out DIR [--prefix jupyter-]
        [--answers-folder tipcourse-answers] [--roster users.csv] [--overwrite]

HOMES holds one folder per hub user (TLJH: /home, where user amina's home is jupyter-amina:
pass --prefix jupyter-). From each, `<answers folder>/submissions/exNN__*.json` (what the
submission panel writes, `quiz.submission`) is copied, byte for byte, to `DIR/<user>/`: the
hub user's name is the file's source, so `grade DIR --person-folders` applies its folder
rules (`grading.selection`): a home holding files of several student ids, or one id handed in
from two homes, is a conflict and is never graded. With `--roster` (columns `user` and
`student_id`), a file whose id is not its user's is flagged and not copied at all.

Nothing in a home is changed. A home or folder that cannot be read, a file that is not a
regular file (a FIFO, a device) or a link leading out of its user's home, a file over the
grader's size limit: each is a row of the report, never a stop. The report, one row per
file or user, is written beside DIR as `<DIR>-collect.csv` (not inside it: `grade DIR` would
list it as a stray file).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from .model import EXERCISE_ID, MAX_BYTES, GradingError, Submission, SubmissionError
from .reading import open_roster, read_submission
from .reports import _write_csv
from .selection import identity, select

ANSWERS_FOLDER = "tipcourse-answers"  # quiz.store's default, under each home
REPORT_COLUMNS = ("user", "status", "student_id", "submitted_at", "file", "collected_as", "detail")
EXIT_OK, EXIT_PROBLEMS, EXIT_NOTHING_DONE = 0, 1, 2

# Statuses in the report; the first three are not problems.
COLLECTED, NO_SUBMISSION, SKIPPED = "collected", "no submission", "skipped"
FINE = (COLLECTED, NO_SUBMISSION, SKIPPED)
CONFLICT, INVALID, NOT_COLLECTED, HELD_BACK = "conflict", "invalid", "not collected", "held back"
UNREADABLE = "home not read"


@dataclass
class Row:
    user: str
    status: str
    file: str = ""  # where it was found
    collected_as: str = ""  # where it was copied
    student_id: str = ""
    submitted_at: str = ""
    detail: str = ""

    def cells(self) -> list[str]:
        return [getattr(self, name) for name in REPORT_COLUMNS]


@dataclass
class Options:
    exercise: str
    prefix: str = ""  # a home's folder name is this prefix and the user name
    answers_folder: str = ANSWERS_FOLDER
    roster: dict[str, str] | None = None  # {hub user: student id}
    overwrite: bool = False


def report_path(out: Path) -> Path:
    out = out if out.name else out.resolve()
    return out.with_name(f"{out.name}-collect.csv")


# --- the run -----------------------------------------------------------------------------------


def collect(homes: Path, out: Path, options: Options) -> list[Row]:
    """Copy each user's submissions of the exercise into `out`; the report's rows."""
    homes, out = Path(homes), Path(out)
    _check_arguments(homes, out, options)
    _prepare_out(out, options.overwrite)
    rows: list[Row] = []
    collected: list[tuple[Row, Submission]] = []
    for user, home in _homes(homes, options.prefix, rows):
        found = _user_files(user, home, options, rows)
        if found is None:
            continue
        if not found:
            rows.append(Row(user, NO_SUBMISSION, detail=f"no {options.exercise}__*.json"))
        for path in found:
            row, sub = _collect_file(user, home, path, out, options.roster)
            rows.append(row)
            if sub is not None:
                collected.append((row, sub))
    _apply_conflict_rules(collected)
    seen = {identity(r.user) for r in rows}
    for user in sorted(set(options.roster or ()) - seen):
        rows.append(Row(user, NO_SUBMISSION, detail=f"on the roster, but no home in {homes}"))
    _write_csv(report_path(out), list(REPORT_COLUMNS), [r.cells() for r in rows])
    return rows


def _check_arguments(homes: Path, out: Path, options: Options) -> None:
    if not EXERCISE_ID.fullmatch(options.exercise or ""):
        raise GradingError(
            f"--exercise must be an exercise id such as ex01, not {options.exercise!r}"
        )
    if not homes.is_dir():
        raise GradingError(f"{homes} is not a folder of home folders; nothing was collected.")
    home_real, out_real = os.path.realpath(homes), os.path.realpath(out)
    if out_real == home_real or out_real.startswith(home_real + os.sep):
        raise GradingError(
            f"--out {out} is inside {homes}: collect into a folder outside the homes."
        )


def _prepare_out(out: Path, overwrite: bool) -> None:
    """Refuse a non-empty DIR unless --overwrite; then remove only what collect wrote there
    (the users' folders of .json files), keeping anything else."""
    if out.exists() and not out.is_dir():
        raise GradingError(f"--out {out} is a file, not a folder.")
    if report_path(out).exists() and not overwrite:
        raise GradingError(
            f"{report_path(out)} already exists; nothing was collected. Use --overwrite to "
            "replace an earlier collection, or choose another --out."
        )
    if out.exists() and any(out.iterdir()):
        if not overwrite:
            raise GradingError(
                f"{out} already exists and is not empty; nothing was collected. Use "
                "--overwrite to replace an earlier collection there, or choose another --out."
            )
        for folder in out.iterdir():
            if folder.is_dir() and not folder.is_symlink():
                for old in folder.glob("*.json"):
                    if old.is_file() and not old.is_symlink():
                        old.unlink()
                if not any(folder.iterdir()):
                    folder.rmdir()
    out.mkdir(parents=True, exist_ok=True, mode=0o700)  # students' answers: the lecturer's only


# --- finding homes and files -------------------------------------------------------------------


def list_folder(folder: Path) -> list[os.DirEntry]:
    """The folder's entries by name (one place, so tests can make a folder unreadable)."""
    with os.scandir(folder) as listing:
        return sorted(listing, key=lambda e: e.name)


def _why(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "permission denied"
    return err.strerror or type(err).__name__


def _homes(homes: Path, prefix: str, rows: list[Row]) -> list[tuple[str, Path]]:
    """(user, home) for each home folder; the others are rows of the report."""
    found = []
    try:
        entries = list_folder(homes)
    except OSError as err:
        raise GradingError(f"Cannot list {homes} ({_why(err)}); nothing was collected.") from None
    for entry in entries:
        if entry.name.startswith("."):
            continue  # .snapshot and the like
        path = homes / entry.name
        if prefix and not entry.name.startswith(prefix):
            rows.append(
                Row(
                    entry.name,
                    SKIPPED,
                    str(path),
                    detail=f"name does not start with {prefix!r}; skipped",
                )
            )
            continue
        user = entry.name[len(prefix) :]
        if not user:
            rows.append(Row(entry.name, SKIPPED, str(path), detail="no user name; skipped"))
            continue
        if not path.is_dir():  # a link to a folder is a home (an administrator made it)
            rows.append(Row(user, SKIPPED, str(path), detail="not a folder; skipped"))
            continue
        found.append((user, path))
    return found


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _user_files(user: str, home: Path, options: Options, rows: list[Row]) -> list[Path] | None:
    """The user's submission files of the exercise; None (and a row) if there are none to
    look at, or the folder cannot be read, or it leads out of the home."""
    folder = home / options.answers_folder / "submissions"
    try:
        list_folder(home)  # a home that cannot be read is a problem, not "no submission"
        home_real, real = os.path.realpath(home), os.path.realpath(folder)
        if not _within(real, home_real):
            raise SubmissionError(f"a link to {real}, outside {user}'s home; not followed")
        if not stat.S_ISDIR(os.stat(real).st_mode):
            raise SubmissionError(f"{folder.name} is not a folder")
        entries = list_folder(Path(real))
    except FileNotFoundError:
        answers = home / options.answers_folder
        what = (
            "no submissions folder (nothing submitted yet)"
            if os.path.isdir(answers)
            else f"no {options.answers_folder} folder (the course was never used in this home)"
        )
        rows.append(Row(user, NO_SUBMISSION, str(folder), detail=what))
        return None
    except (OSError, SubmissionError) as err:
        why = _why(err) if isinstance(err, OSError) else str(err)
        at_home = isinstance(err, OSError) and str(err.filename) == str(home)
        path = str(home) if at_home else str(folder)
        rows.append(Row(user, UNREADABLE, path, detail=f"cannot be read: {why}"))
        return None
    return [
        folder / e.name
        for e in entries
        if e.name.startswith(f"{options.exercise}__") and e.name.endswith(".json")
    ]


# --- one file ---------------------------------------------------------------------------------


def read_inside(path: Path, home: Path) -> bytes:
    """The file's bytes, if it is a regular file inside `home` (after links) of at most
    MAX_BYTES; else OSError or SubmissionError saying why. Checked again on the open file, so
    a link swapped in meanwhile is not followed out of the home either."""
    home_real = os.path.realpath(home)
    real = os.path.realpath(path)
    if not _within(real, home_real):
        raise SubmissionError(f"a link to {real}, outside this user's home; not followed")
    if not stat.S_ISREG(os.stat(real).st_mode):
        raise SubmissionError("not a regular file (a FIFO, device, socket or folder)")
    fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_NOCTTY", 0))
    try:
        opened = _fd_path(fd)
        if not stat.S_ISREG(os.fstat(fd).st_mode) or (opened and not _within(opened, home_real)):
            raise SubmissionError("the file changed while it was read; not collected")
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise SubmissionError(f"larger than {MAX_BYTES:,} bytes, the grader's limit")
    return data


def _fd_path(fd: int) -> str | None:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:  # no /proc (macOS): the checks before the open stand
        return None


def _collect_file(
    user: str, home: Path, path: Path, out: Path, roster: dict[str, str] | None
) -> tuple[Row, Submission | None]:
    """Copy one file to out/<user>/; its row, and the grader's reading of it if it is a
    well-formed submission."""
    row = Row(user, COLLECTED, str(path))
    try:
        data = read_inside(path, home)
    except SubmissionError as err:
        row.status, row.detail = NOT_COLLECTED, f"{err}; not collected"
        return row, None
    except OSError as err:
        row.status, row.detail = NOT_COLLECTED, f"cannot be read ({_why(err)}); not collected"
        return row, None
    dest = out / user / path.name
    dest.parent.mkdir(exist_ok=True, mode=0o700)
    with open(dest, "xb") as fh:  # a fresh collection folder: never over another file
        fh.write(data)
    try:
        sub = read_submission(dest)  # read as the grader reads it
    except SubmissionError as err:
        row.status, row.student_id = INVALID, err.student_id
        row.detail, row.collected_as = f"{err}; grade lists it in errors.csv", str(dest)
        return row, None
    row.student_id, row.submitted_at = sub.student_id, sub.submitted_at
    held = _roster_problem(user, sub.student_id, roster)
    if held:
        dest.unlink()
        with contextlib.suppress(OSError):
            dest.parent.rmdir()  # only if it is empty
        row.status, row.detail = HELD_BACK, held
        return row, None
    row.detail, row.collected_as = "; ".join(sub.flags), str(dest)
    sub.source, sub.source_is_person = str(dest.parent), True
    return row, sub


def _roster_problem(user: str, student_id: str, roster: dict[str, str] | None) -> str:
    if roster is None:
        return ""
    expected = roster.get(identity(user))
    if expected is None:
        return f"the hub user {user!r} is not on the roster; not copied, so not graded"
    if identity(expected) != identity(student_id):
        return (
            f"the file carries student id {student_id!r}, but {user!r} is {expected!r} on "
            "the roster; not copied, so not graded as either"
        )
    return ""


def _apply_conflict_rules(collected: list[tuple[Row, Submission]]) -> None:
    """The grader's selection over what was collected, each file's source its user: the rows
    of the files it will not grade say why (grade says so again in errors.csv)."""
    rows = {id(sub): row for row, sub in collected}
    chosen = select([sub for _, sub in collected], dt.datetime.now(dt.UTC))
    for conflict in chosen.conflicts:
        for sub in conflict.submissions:
            rows[id(sub)].status = CONFLICT
            rows[id(sub)].detail = f"grade will not grade it: {conflict.reason}"


# --- the command ------------------------------------------------------------------------------


def read_user_roster(path: Path) -> dict[str, str]:
    """{hub user (as `identity` folds it): student id} from a CSV with the columns `user`
    (or `username`) and `student_id`."""
    reader, fields = open_roster(path)
    who, sid = fields.get("user") or fields.get("username"), fields.get("student_id")
    if not who or not sid:
        raise GradingError(
            f"{path} is not a hub roster: it needs the columns user and student_id; "
            f"found {reader.fieldnames}."
        )
    return {
        identity(row[who]): row[sid].strip()
        for row in reader
        if (row.get(who) or "").strip() and (row.get(sid) or "").strip()
    }


def summary(rows: list[Row], out: Path, exercise: str) -> list[str]:
    count = {status: sum(r.status == status for r in rows) for status in {r.status for r in rows}}
    users = len({r.user for r in rows if r.status in (COLLECTED, CONFLICT, INVALID)})
    problems = sum(r.status not in FINE for r in rows)
    lines = [
        f"collected {count.get(COLLECTED, 0) + count.get(CONFLICT, 0) + count.get(INVALID, 0)} "
        f"{exercise} file(s) of {users} user(s) into {out}/; "
        f"{count.get(NO_SUBMISSION, 0)} user(s) without a submission"
    ]
    for status in (CONFLICT, HELD_BACK, INVALID, NOT_COLLECTED, UNREADABLE):
        if count.get(status):
            lines.append(f"  {status}: {count[status]}")
    lines.append(
        f"report: {report_path(out)}" + (f" ({problems} row(s) to look at)" if problems else "")
    )
    lines.append(
        f"next: python -m tipcourse grade {out} --person-folders --exercise {exercise} "
        f"--out graded/{exercise}"
    )
    return lines


def main(args: argparse.Namespace) -> int:
    """The `collect` command: 0 nothing to report, 1 collected with rows to look at in the
    report, 2 nothing done."""
    try:
        options = Options(
            args.exercise,
            args.prefix,
            args.answers_folder,
            read_user_roster(args.roster) if args.roster else None,
            args.overwrite,
        )
        rows = collect(args.homes, args.out, options)
    except GradingError as err:
        print(f"collect: {err}", file=sys.stderr)
        return EXIT_NOTHING_DONE
    print("\n".join(summary(rows, args.out, args.exercise)))
    return EXIT_OK if all(r.status in FINE for r in rows) else EXIT_PROBLEMS

"""Reading a batch: answer keys, finding files (and where each came from), reading each as
data and checking its shape. Which of them count is `selection`'s decision."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import io
import json
import json.encoder
import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..quiz.questions import SpecError, validate_spec
from ..quiz.submission import FORMAT, TYPE, canonical_json, clean_student_id, signed_part
from .model import (
    EXERCISE_ID,
    MAX_BYTES,
    MAX_DEPTH,
    GradingError,
    Key,
    Problem,
    Submission,
    SubmissionError,
)

# --- keys ------------------------------------------------------------------------------------


def load_keys(directory: Path) -> dict:
    """{exercise: {question id: spec}} or, for a key that cannot be used, {exercise: reason}.

    A broken key only stops its own exercise: the other exercises are still graded.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise GradingError(
            f"No answer keys folder {directory}: run `make release`, or pass "
            "--keys with the folder that holds exNN.json."
        )
    keys = {}
    for path in sorted(directory.glob("*.json")):
        try:
            keys[path.stem] = _read_key(path)
        except (OSError, ValueError, KeyError, TypeError, SpecError) as err:
            keys[path.stem] = f"the answer key {path} cannot be used ({err})"
    if not keys:
        raise GradingError(f"No answer keys (*.json) in {directory}: run `make release` first.")
    return keys


def _read_key(path: Path) -> dict:
    document = json.loads(path.read_text(encoding="utf-8"))
    if document.get("exercise") != path.stem or not isinstance(document.get("questions"), list):
        raise ValueError(f'expected {{"exercise": "{path.stem}", "questions": [...]}}')
    key = {}
    for spec in document["questions"]:
        validate_spec(spec)
        key[spec["id"]] = spec
    translations = document.get("translations", {})
    if not isinstance(translations, dict) or not all(
        isinstance(texts, dict) and set(texts) <= set(key) for texts in translations.values()
    ):
        raise ValueError("its 'translations' must give texts of its own questions, by language")
    return Key(key, translations)


# --- finding submissions ------------------------------------------------------------------------

# Moodle's "Download all submissions": one folder per participant, named
# "<full name>_<participant number>_assignsubmission_file_" (or _onlinetext_).
MOODLE_FOLDER = re.compile(r"^.*_(?P<participant>\d+)_assignsubmission_[a-z]+_?$")


@dataclass
class Found:
    """A file to read, and where it came from."""

    path: Path
    source: str  # the folder it was found in, as given on the command line
    person: bool = False  # that folder is one person's (an LMS participant's, a hub user's)
    participant: str = ""  # the LMS participant number of that folder, if known

    @property
    def display(self) -> str:
        return str(self.path)


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def find_submissions(
    paths: Iterable[str | Path], skip: Path | None = None, person_folders: bool = False
) -> tuple[list[Found], list[Problem]]:
    """Files to grade, and problems with the arguments (missing paths, special files, empty
    folders). `person_folders`: every subfolder is one person's (also detected for Moodle)."""
    files, problems = [], []
    for path in map(Path, paths):
        if path.is_symlink() or (path.exists() and not path.is_dir() and not _regular(path)):
            problems.append(
                Problem(str(path), "not a regular file (a link, FIFO, device or socket); skipped")
            )
        elif not path.exists():
            problems.append(Problem(str(path), "no such file or folder"))
        elif path.is_dir():
            found, other = _scan_folder(path, skip, person_folders)
            files += found
            problems += [Problem(str(p), why) for p, why in other]
            if not found:
                problems.append(Problem(str(path), "the folder holds no submission files (.json)"))
        else:
            files.append(Found(path, str(path.parent)))
    real: dict[str, str] = {}  # a file named twice (two overlapping arguments) is graded once
    unique = {}
    for f in files:
        parent, name = os.path.split(f.path)  # strings: 10,000 Path objects fewer
        if parent not in real:
            real[parent] = os.path.realpath(parent)
        unique.setdefault((real[parent], name), f)
    return list(unique.values()), problems


def _where(folder: Path, directory: Path, person_folders: bool) -> tuple[str, bool, str]:
    """(source, person, participant) of the files in `directory`, found under `folder`."""
    if directory == folder:
        return str(folder), False, ""
    moodle = MOODLE_FOLDER.match(directory.name)
    return (
        str(directory),
        person_folders or moodle is not None,
        moodle.group("participant") if moodle else "",
    )


def _scan_folder(
    folder: Path, skip: Path | None, person_folders: bool
) -> tuple[list[Found], list[tuple[Path, str]]]:
    """(.json files, [(other file, why skipped)]). Hidden files, such as .ipynb_checkpoints,
    are passed over silently; links are not followed (an unzipped upload may hold one).
    One `scandir` per folder: the entries' types come with the listing (no stat per file)."""
    skip = skip.resolve() if skip else None
    found: list[Found] = []
    other: list[tuple[Path, str]] = []
    pending = [folder]
    while pending:
        directory = pending.pop()
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda e: e.name)
        where = _where(folder, directory, person_folders)
        for entry in entries:
            path = directory / entry.name
            if entry.name.startswith("."):
                continue
            if entry.is_symlink():
                other.append((path, "a symbolic link; not followed, skipped"))
            elif entry.is_dir(follow_symlinks=False):
                if skip is None or path.resolve() != skip:  # not an earlier grader output
                    pending.append(path)
            elif not entry.is_file(follow_symlinks=False):
                other.append((path, "not a regular file (a FIFO, device or socket); skipped"))
            elif entry.name.lower().endswith(".json"):
                found.append(Found(path, *where))
            else:
                other.append((path, "not a submission file (a .json file is expected); skipped"))
    return sorted(found, key=lambda f: f.path), sorted(other)


def open_roster(path: Path) -> tuple[csv.DictReader, dict[str, str]]:
    """A roster CSV (any delimiter, a BOM allowed) as a row reader and its columns by folded
    name ({"id number": "ID number", ...}); a clear error when it cannot be read."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise GradingError(f"Cannot read the roster {path}: {err}") from None
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    return reader, {name.strip().casefold(): name for name in reader.fieldnames or []}


def read_roster(path: Path) -> dict[str, str]:
    """{participant number: student id} from the LMS's participant list: Moodle's grading
    worksheet ("Identifier" = "Participant 1234567", "ID number") or a two-column CSV
    (participant, student_id)."""
    reader, fields = open_roster(path)
    who = fields.get("identifier") or fields.get("participant")
    sid = fields.get("id number") or fields.get("student_id")
    if not who or not sid:
        raise GradingError(
            f"{path} is not a roster: it needs the columns Identifier (or "
            f"participant) and ID number (or student_id); found {reader.fieldnames}."
        )
    roster = {}
    for row in reader:
        number = re.sub(r"\D", "", row.get(who) or "")
        if number and (row.get(sid) or "").strip():
            roster[number] = row[sid].strip()
    return roster


def sniff_delimiter(text: str) -> str:
    """Excel in an Indonesian or European locale writes ';' between fields."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


# --- reading one file ----------------------------------------------------------------------------


def nesting_too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """True if the JSON text nests arrays and objects deeper than `limit`. Counted on the text
    with its strings removed, before parsing: a deep file never reaches the parser's recursion."""
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        if depth > limit:
            return True
    return False


_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


def read_submission(path: Path) -> Submission:
    """Read one file as data and check its shape; SubmissionError says what is wrong."""
    raw = _first_bytes(path, MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise SubmissionError(
            f"the file is larger than {MAX_BYTES:,} bytes, the limit for a submission; not read"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SubmissionError("not a text (UTF-8) file, so not a submission") from None
    if nesting_too_deep(text):
        raise SubmissionError(
            f"JSON nested more than {MAX_DEPTH} levels deep; a submission "
            "is never that deep, so it is not read"
        )
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as err:
        raise SubmissionError(f"not valid JSON ({str(err)[:120]})") from None
    if _SURROGATE_ESCAPE.search(text) and _lone_surrogate(data):
        raise SubmissionError(
            "the file holds a \\uD800-\\uDFFF escape without the other half of its pair "
            "(so not text); a submission never does, so it is not read"
        )
    return validate_submission(data, path)


# JSON may escape half of a UTF-16 pair alone; Python then holds a string that cannot be
# written as UTF-8 (the checksum, the CSVs and the feedback would fail on it).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _lone_surrogate(data: object) -> bool:
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _first_bytes(path: Path, limit: int) -> bytes:
    """The file's first `limit` bytes (all of a smaller file), read without following a link
    or waiting on a FIFO (either may replace a file after the folder was listed). The buffer
    is the size of the file, not of the limit: a 1 MB buffer for each 4 KB file cost 0.3 s of
    page faults per 10,000 files. (os.open and os.read: no file object per file.)"""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SubmissionError("not a regular file (a FIFO, device or socket); not read")
        parts, size, want = [], 0, min(info.st_size + 1, limit)
        while size < limit:  # one read, unless the file grew since fstat
            part = os.read(fd, want - size if size < want else limit - size)
            if not part:
                break
            parts.append(part)
            size += len(part)
    finally:
        os.close(fd)
    return parts[0] if len(parts) == 1 else b"".join(parts)


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def validate_submission(data: object, path: Path) -> Submission:
    """A Submission from parsed JSON, or SubmissionError naming the first field that is wrong."""
    if not isinstance(data, dict):
        raise SubmissionError(
            f"JSON of the wrong shape: a submission is an object, not {describe_type(data)}"
        )
    if "cells" in data and "nbformat" in data:
        raise SubmissionError(
            "this is a notebook, not a submission file: the student should "
            "press Submit in the notebook's last cell and hand in the file "
            "it names"
        )
    known = {k: data[k] for k in ("student_id", "exercise") if isinstance(data.get(k), str)}

    def wrong(message: str) -> SubmissionError:
        return SubmissionError(
            f"JSON of the wrong shape: {message}",
            known.get("student_id", ""),
            known.get("exercise", ""),
        )

    if data.get("format", 1) not in (1, FORMAT) or data.get("type", TYPE) != TYPE:
        raise wrong(
            f"not a {TYPE} of format 1 or {FORMAT} (type "
            f"{short_json(data.get('type'))}, format {short_json(data.get('format'))})"
        )
    for name in ("exercise", "student_id", "submitted_at", "answers"):
        if name not in data:
            raise wrong(f"the field {name!r} is missing")
    if not isinstance(data["exercise"], str) or not EXERCISE_ID.fullmatch(data["exercise"]):
        raise wrong(
            "'exercise' must be an exercise id such as 'ex01', not " + short_json(data["exercise"])
        )
    try:
        student_id = clean_student_id(data["student_id"])
    except ValueError as err:
        raise wrong(f"'student_id' is unusable: {err}") from None
    when = _parse_time(data["submitted_at"])
    if when is None:
        raise wrong(
            "'submitted_at' must be an ISO date and time, not " + short_json(data["submitted_at"])
        )
    if not isinstance(data["answers"], dict):
        raise wrong(f"'answers' must be an object, not {describe_type(data['answers'])}")
    version = data.get("course_version")
    submission = Submission(
        path,
        data["exercise"],
        student_id,
        data["submitted_at"],
        when,
        data["answers"],
        version if isinstance(version, str) else "",
    )
    submission.flags += _checksum_flags(data)
    submission.language, flag = _language(data.get("language", "en"))
    submission.flags += flag
    return submission


def _language(value: object) -> tuple[str, list[str]]:
    """(the submission's language, its flag): an edition the course does not have gets its
    feedback in English, and says so."""
    from ..i18n import LANGUAGES

    if isinstance(value, str) and value in LANGUAGES:
        return value, []
    return "en", [f"unknown language {short_json(value)}: its feedback is in English"]


def _checksum_flags(data: dict) -> list[str]:
    if "checksum" not in data:
        return ["no checksum"]
    if data.get("format", 1) == 1:
        ok = data["checksum"] == _sha256(data["answers"])
        return ["format 1: its checksum covers the answers only, not the id and time"] + (
            [] if ok else ["checksum mismatch: the answers changed after submitting"]
        )
    if data["checksum"] != _sha256(signed_part(data)):
        return [
            "checksum mismatch: the exercise, student id, time or answers changed after submitting"
        ]
    return []


def _sha256(value: object) -> str:
    """quiz.submission's checksum of `value` (parsed JSON): "sha256:" and the digest of its
    canonical_json, made by json's C encoder made once (json.dumps makes one per call, a
    third of the checksum's time). The same bytes: tests compare it with quiz.submission."""
    if _CANONICAL is None:  # a Python without json's C speedups
        return "sha256:" + hashlib.sha256(canonical_json(value)).hexdigest()
    return "sha256:" + hashlib.sha256("".join(_CANONICAL(value, 0)).encode("utf-8")).hexdigest()


def _not_json(value: object) -> object:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


# As json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False) sets up its
# C encoder (json.encoder.JSONEncoder.iterencode), without the check for circular references:
# parsed JSON has none.
_CANONICAL = (
    json.encoder.c_make_encoder(
        None, _not_json, json.encoder.encode_basestring, None, ":", ",", True, False, True
    )
    if json.encoder.c_make_encoder is not None
    else None
)


def _parse_time(value: object) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def describe_type(value: object) -> str:
    names = {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


def short_json(value: object, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def listed(ids: Iterable[str], limit: int = 5) -> str:
    ids = list(ids)
    more = f" (+{len(ids) - limit} more)" if len(ids) > limit else ""
    return ", ".join(i if len(i) <= 40 else i[:39] + "…" for i in ids[:limit]) + more


def load_batch(
    paths: Iterable[str | Path], keys: dict, out: Path, options: BatchOptions | None = None
) -> tuple[list[Submission], list[Problem]]:
    """Readable submissions of exercises with a usable key (not yet one per student)."""
    options = options or BatchOptions()
    found, problems = find_submissions(paths, skip=out, person_folders=options.person_folders)
    submissions, more = admit(found, [read_found(item) for item in found], keys, options)
    return submissions, problems + more


def read_found(item: Found) -> Submission | Problem:
    """A found file read as a Submission, or the Problem that stops it."""
    try:
        return read_submission(item.path)
    except SubmissionError as err:
        return Problem(item.display, str(err), err.student_id, err.exercise)
    except OSError as err:
        return Problem(item.display, f"cannot be read ({err.strerror or err})")


def admit(
    found: Sequence[Found],
    outcomes: Sequence[Submission | Problem],
    keys: dict,
    options: BatchOptions,
) -> tuple[list[Submission], list[Problem]]:
    """The submissions of `found` (read as `outcomes`, in the same order) that this run
    grades, told where they came from; a Problem for every other file."""
    submissions, problems = [], []
    for item, outcome in zip(found, outcomes, strict=True):
        if isinstance(outcome, Problem):
            problems.append(outcome)
            continue
        sub = outcome
        problem = _batch_problem(sub, keys, options)
        if problem:
            problems.append(Problem(item.display, problem, sub.student_id, sub.exercise))
            continue
        sub.source, sub.source_is_person = item.source, item.person
        if item.participant and options.roster is not None:
            sub.expected_id = options.roster.get(item.participant, "(not on the roster)")
        sub.flags += version_flags(sub.course_version)
        submissions.append(sub)
    return submissions, problems


@dataclass
class BatchOptions:
    exercise: str | None = None  # grade only this exercise; files of others are reported
    roster: dict[str, str] | None = None  # {LMS participant number: student id}
    person_folders: bool = False  # every subfolder is one person's


def _batch_problem(sub: Submission, keys: dict, options: BatchOptions) -> str | None:
    if options.exercise and sub.exercise != options.exercise:
        return (
            f"a submission of {sub.exercise}, not of {options.exercise} (the --exercise "
            "being graded); not graded"
        )
    key = keys.get(sub.exercise)
    if not isinstance(key, dict):
        return key or (
            f"no answer key for exercise {sub.exercise!r} (keys: "
            f"{', '.join(sorted(keys))}); is this another exercise's file?"
        )
    return None


def version_flags(version: str) -> list[str]:
    """A submission made with a newer course than the grader's may hold questions or answer
    shapes this key does not know: say so."""
    mine, mine_tuple = _grader_version()
    if version and _version_tuple(version) > mine_tuple > ():
        return [
            f"made with course version {version}, newer than the grader's {mine}: update "
            "the course (git pull) and grade again"
        ]
    return []


@functools.cache  # asked for every submission of a batch
def _grader_version() -> tuple[str, tuple[int, ...]]:
    from ..quiz.submission import course_version

    return course_version(), _version_tuple(course_version())


@functools.lru_cache(maxsize=256)  # a batch holds few versions
def _version_tuple(version: str) -> tuple[int, ...]:
    parts = re.findall(r"\d+", version)
    return tuple(int(p) for p in parts[:3])

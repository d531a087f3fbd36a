"""Reading a batch: answer keys, finding files, reading each as data and checking its shape,
and keeping one submission per student and exercise."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ..quiz.questions import SpecError, validate_spec
from ..quiz.submission import TYPE, checksum, clean_student_id
from .model import EXERCISE_ID, MAX_BYTES, GradingError, Problem, Submission, SubmissionError


# --- keys ------------------------------------------------------------------------------------

def load_keys(directory: Path) -> dict:
    """{exercise: {question id: spec}} or, for a key that cannot be used, {exercise: reason}.

    A broken key only stops its own exercise: the other exercises are still graded.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise GradingError(f"No answer keys folder {directory}: run `make release`, or pass "
                           "--keys with the folder that holds exNN.json.")
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
    return key


# --- finding and reading submissions -----------------------------------------------------------

def find_submissions(paths, skip: Path | None = None) -> tuple[list[Path], list[Problem]]:
    """Files to grade, and problems with the arguments (missing paths, empty folders)."""
    files, problems = [], []
    for path in map(Path, paths):
        if not path.exists():
            problems.append(Problem(str(path), "no such file or folder"))
        elif path.is_dir():
            found, other = _scan_folder(path, skip)
            files += found
            problems += [Problem(str(p), why) for p, why in other]
            if not found:
                problems.append(Problem(str(path), "the folder holds no submission files (.json)"))
        else:
            files.append(path)
    unique = {p.resolve(): p for p in files}  # a file named twice is graded once
    return list(unique.values()), problems


def _scan_folder(folder: Path, skip: Path | None) -> tuple[list[Path], list[tuple[Path, str]]]:
    """(.json files, [(other file, why skipped)]). Hidden files, such as .ipynb_checkpoints,
    are passed over silently; links are not followed (an unzipped upload may hold one)."""
    root = folder.resolve()
    skip = skip.resolve() if skip else None
    if skip and root not in skip.parents:
        skip = None  # the output folder is elsewhere: nothing to leave out
    found, other = [], []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if any(part.startswith(".") for part in parts):
            continue
        if skip and (root.joinpath(*parts) == skip or skip in root.joinpath(*parts).parents):
            continue  # an earlier grader output inside the submissions folder
        if path.is_symlink():
            other.append((path, "a symbolic link; not followed, skipped"))
        elif path.is_file():
            if path.suffix.lower() == ".json":
                found.append(path)
            else:
                other.append((path, "not a submission file (a .json file is expected); skipped"))
    return found, other


def read_submission(path: Path) -> Submission:
    """Read one file as data and check its shape; SubmissionError says what is wrong."""
    with open(path, "rb") as fh:
        raw = fh.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise SubmissionError(f"the file is larger than {MAX_BYTES:,} bytes, the limit for a "
                              "submission; not read")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SubmissionError("not a text (UTF-8) file, so not a submission") from None
    except (ValueError, RecursionError) as err:
        raise SubmissionError(f"not valid JSON ({str(err)[:120]})") from None
    return validate_submission(data, path)


def validate_submission(data, path: Path) -> Submission:
    """A Submission from parsed JSON, or SubmissionError naming the first field that is wrong."""
    if not isinstance(data, dict):
        raise SubmissionError(f"JSON of the wrong shape: a submission is an object, not {describe_type(data)}")
    if "cells" in data and "nbformat" in data:
        raise SubmissionError("this is a notebook, not a submission file: the student should "
                              "press Submit in the notebook's last cell and hand in the file "
                              "it names")
    known = {k: data[k] for k in ("student_id", "exercise") if isinstance(data.get(k), str)}

    def wrong(message):
        return SubmissionError(f"JSON of the wrong shape: {message}", known.get("student_id", ""),
                               known.get("exercise", ""))

    if data.get("format", 1) != 1 or data.get("type", TYPE) != TYPE:
        raise wrong(f"not a {TYPE} of format 1 (type {data.get('type')!r}, "
                    f"format {data.get('format')!r})")
    for name in ("exercise", "student_id", "submitted_at", "answers"):
        if name not in data:
            raise wrong(f"the field {name!r} is missing")
    if not isinstance(data["exercise"], str) or not EXERCISE_ID.fullmatch(data["exercise"]):
        raise wrong("'exercise' must be an exercise id such as 'ex01', not "
                    + short_json(data["exercise"]))
    try:
        student_id = clean_student_id(data["student_id"])
    except ValueError as err:
        raise wrong(f"'student_id' is unusable: {err}") from None
    when = _parse_time(data["submitted_at"])
    if when is None:
        raise wrong("'submitted_at' must be an ISO date and time, not "
                    + short_json(data["submitted_at"]))
    if not isinstance(data["answers"], dict):
        raise wrong(f"'answers' must be an object, not {describe_type(data['answers'])}")
    version = data.get("course_version")
    submission = Submission(path, data["exercise"], student_id, data["submitted_at"], when,
                            data["answers"], version if isinstance(version, str) else "")
    if data.get("checksum") != checksum(data["answers"]):
        submission.flags.append("checksum mismatch: answers changed after submitting"
                                if "checksum" in data else "no checksum")
    return submission


def _parse_time(value) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def describe_type(value) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def short_json(value, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def listed(ids, limit: int = 5) -> str:
    ids = list(ids)
    more = f" (+{len(ids) - limit} more)" if len(ids) > limit else ""
    return ", ".join(i if len(i) <= 40 else i[:39] + "…" for i in ids[:limit]) + more


def latest_only(submissions: list[Submission]) -> tuple[list[Submission], list[Problem]]:
    """One submission per student and exercise: the latest `submitted_at` counts."""
    groups: dict[tuple, list[Submission]] = {}
    for sub in submissions:
        groups.setdefault((sub.exercise, sub.student_id), []).append(sub)
    kept, problems = [], []
    for group in groups.values():
        group.sort(key=lambda s: (s.when, str(s.path)))
        latest = group[-1]
        for older in group[:-1]:
            problems.append(Problem(str(older.path), "duplicate: a later submission of the same "
                                    f"student ({latest.path.name}, {latest.submitted_at}) was "
                                    "graded instead", older.student_id, older.exercise))
        if len(group) > 1:
            latest.flags.append(f"duplicate: latest of {len(group)} submissions graded")
        kept.append(latest)
    return kept, problems




def load_batch(paths, keys: dict, out: Path) -> tuple[list[Submission], list[Problem]]:
    """Readable submissions of exercises with a usable key, one per student and exercise."""
    files, problems = find_submissions(paths, skip=out)
    submissions = []
    for path in files:
        try:
            sub = read_submission(path)
        except SubmissionError as err:
            problems.append(Problem(str(path), str(err), err.student_id, err.exercise))
            continue
        except OSError as err:
            problems.append(Problem(str(path), f"cannot be read ({err.strerror or err})"))
            continue
        key = keys.get(sub.exercise)
        if not isinstance(key, dict):
            reason = key or (f"no answer key for exercise {sub.exercise!r} (keys: "
                             f"{', '.join(sorted(keys))}); is this another exercise's file?")
            problems.append(Problem(str(path), reason, sub.student_id, sub.exercise))
            continue
        submissions.append(sub)
    kept, duplicates = latest_only(submissions)
    return kept, problems + duplicates

"""The grader: submission files in, gradebook and feedback out. Answers are graded as data.

    python -m tipcourse grade SUBMISSIONS... --out DIR [--keys solutions/keys]
                              [--manual filled-manual.csv] [--overwrite]

SUBMISSIONS are submission files (see `submission`) or folders, searched recursively for
`*.json` (hidden files and folders, such as `.ipynb_checkpoints`, are skipped; symbolic
links are never followed). Each
submission is checked against `<keys>/<exercise>.json`, written by `make release`.

Nothing from a submission is ever imported or executed: a file is read as at most
`MAX_BYTES` bytes of UTF-8 JSON and its answers are compared with the key by
`questions.check`. No pickle, no eval, no notebook is opened as code. So a grader run is safe
on untrusted files and takes milliseconds per student; code questions are out of scope.

DIR receives (see docs/GRADING.md for the columns):
    gradebook.csv   one row per student and exercise
    feedback/       <exercise>__<safe id>.md, one readable file per student and exercise
    manual.csv      every open response with its rubric and an empty score column
    errors.csv      every file that could not be graded, and why; other notes on the batch

Decisions on bad input (each problem has a row in errors.csv; the rest of the batch is graded):
- not JSON, not UTF-8, over 1 MB, or JSON of the wrong shape: not graded;
- an exercise without a key in --keys: not graded;
- two submissions of one student for one exercise: the latest `submitted_at` is graded,
  the others are listed in errors.csv and the graded row is flagged;
- unknown question ids: ignored and flagged;
- an answer of the wrong type (e.g. a dict for a single choice): 0 points for that question,
  the reason in the feedback, and the row flagged; the rest of the submission is graded;
- a checksum that does not match the answers: flagged, still graded.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import io
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .questions import (AnswerFormatError, SpecError, check, describe_key, parse_number,
                        validate_spec)
from .submission import TYPE, checksum, clean_student_id, safe_name

MAX_BYTES = 1_000_000
EXERCISE_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
OUTPUT_FILES = ("gradebook.csv", "manual.csv", "errors.csv")
FEEDBACK_DIR = "feedback"
MANUAL_COLUMNS = ("student_id", "exercise", "question_id", "response", "rubric",
                  "model_answer", "max_points", "score", "comment")
ERROR_COLUMNS = ("file", "student_id", "exercise", "problem")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class GradingError(Exception):
    """The run cannot start (no keys, output folder in the way, unreadable manual file)."""


class SubmissionError(ValueError):
    """One submission cannot be graded; the message says why, for errors.csv."""

    def __init__(self, message: str, student_id: str = "", exercise: str = ""):
        super().__init__(message)
        self.student_id, self.exercise = student_id, exercise


@dataclass
class Problem:
    """A row of errors.csv."""

    file: str
    problem: str
    student_id: str = ""
    exercise: str = ""


@dataclass
class Submission:
    """A submission file that has the right shape (its answers are not checked yet)."""

    path: Path
    exercise: str
    student_id: str
    submitted_at: str
    when: dt.datetime
    answers: dict
    course_version: str = ""
    flags: list[str] = field(default_factory=list)


@dataclass
class QuestionGrade:
    """One question of one submission. score None: an open response not scored yet."""

    spec: dict
    entry: object
    score: float | None
    messages: list[str]
    status: str
    comment: str = ""

    @property
    def points(self) -> float:
        return float(self.spec.get("points", 1))

    @property
    def pending(self) -> bool:
        return self.score is None


@dataclass
class Graded:
    submission: Submission
    grades: list[QuestionGrade]
    flags: list[str]

    @property
    def total(self) -> float:
        return sum(g.score for g in self.grades if g.score is not None)

    @property
    def maximum(self) -> float:
        return sum(g.points for g in self.grades)

    @property
    def pending(self) -> list[str]:
        return [g.spec["id"] for g in self.grades if g.pending]


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
        raise SubmissionError(f"JSON of the wrong shape: a submission is an object, not {_a(data)}")
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
                    + _short(data["exercise"]))
    try:
        student_id = clean_student_id(data["student_id"])
    except ValueError as err:
        raise wrong(f"'student_id' is unusable: {err}") from None
    when = _parse_time(data["submitted_at"])
    if when is None:
        raise wrong("'submitted_at' must be an ISO date and time, not "
                    + _short(data["submitted_at"]))
    if not isinstance(data["answers"], dict):
        raise wrong(f"'answers' must be an object, not {_a(data['answers'])}")
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


def _a(value) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _short(value, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _listed(ids, limit: int = 5) -> str:
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


# --- grading -----------------------------------------------------------------------------------

def grade_answer(spec: dict, entry) -> QuestionGrade:
    """Score one saved answer. Never raises: a malformed answer scores 0, with the reason."""
    if entry is None:
        return QuestionGrade(spec, None, 0.0, ["Not answered."], "not answered")
    if not isinstance(entry, dict) or "response" not in entry:
        return QuestionGrade(spec, entry, 0.0, ["The saved answer is malformed, so it could not "
                                                "be graded."], "wrong type")
    raw = entry["response"]
    if _is_empty(raw):
        return QuestionGrade(spec, entry, 0.0, ["Not answered."], "not answered")
    try:
        result = check(spec, raw)
    except AnswerFormatError as err:
        return QuestionGrade(spec, entry, 0.0, [f"Not graded: {err}"], "wrong type")
    except (TypeError, ValueError, OverflowError):
        return QuestionGrade(spec, entry, 0.0, [f"Not graded: the answer is {_a(raw)}, which "
                                                "does not fit this question (kind: "
                                                f"{spec['kind']})."], "wrong type")
    if result.manual:
        return QuestionGrade(spec, entry, None, result.messages, "to be scored")
    return QuestionGrade(spec, entry, result.score, result.messages, result.status)


def _is_empty(raw) -> bool:
    """An answer saved blank counts as not answered, not as an answer of the wrong type."""
    if isinstance(raw, str):
        return not raw.strip()
    return raw is None or (isinstance(raw, (list, dict)) and not raw)


def grade_submission(sub: Submission, key: dict) -> Graded:
    """Every question of the key, in the key's order; flags for anything the lecturer should see."""
    grades = [grade_answer(spec, sub.answers.get(qid)) for qid, spec in key.items()]
    flags = list(sub.flags)
    unknown = [qid for qid in sub.answers if qid not in key]
    if unknown:
        flags.append(f"unknown question ids ignored: {_listed(unknown)}")
    wrong = [g.spec["id"] for g in grades if g.status == "wrong type"]
    if wrong:
        flags.append(f"wrong answer type (0 points): {_listed(wrong)}")
    return Graded(sub, grades, flags)


# --- manual scores of open responses -----------------------------------------------------------

def read_manual(path: Path) -> list[tuple[int, dict]]:
    """(row number as a spreadsheet shows it, row) of a filled-in manual.csv.

    Excel's ';' separator and byte-order mark are accepted. Rows are counted, not lines:
    a response with line breaks is one spreadsheet row.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise GradingError(f"Cannot read the manual scores file {path}: {err}") from None
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    needed = {"student_id", "exercise", "question_id", "score"}
    if not needed <= set(reader.fieldnames or []):
        raise GradingError(f"{path} is not a manual.csv: it needs the columns "
                           f"{', '.join(sorted(needed))} (found {reader.fieldnames}).")
    return list(enumerate(reader, start=2))  # row 1 is the header


def apply_manual(graded: list[Graded], rows, source: str) -> list[Problem]:
    """Merge scores typed into manual.csv; every row that cannot be used becomes a Problem."""
    open_grades = {(g.submission.student_id, g.submission.exercise, q.spec["id"]): q
                   for g in graded for q in g.grades if q.status in ("to be scored", "scored")}
    problems, seen = [], {}
    for line, row in rows:  # line: the spreadsheet row
        where = (_uncell(row.get("student_id") or "").strip(), (row.get("exercise") or "").strip(),
                 (row.get("question_id") or "").strip())
        text = (row.get("score") or "").strip()
        if not text:
            continue  # not scored yet: stays pending
        problem = _merge_score(open_grades.get(where), text, _uncell(row.get("comment") or ""))
        if problem is None:
            if where in seen:
                problem = f"scored twice (also row {seen[where]}); this row counts"
            seen[where] = line
        if problem:
            problems.append(Problem(source, f"row {line}: {problem}", where[0], where[1]))
    return problems


def _merge_score(target: QuestionGrade | None, text: str, comment: str) -> str | None:
    if target is None:
        return "no open response of this student, exercise and question_id in this batch; ignored"
    try:
        value = parse_number(text)
    except AnswerFormatError:
        return f"score {text!r} is not a number; ignored"
    if not 0 <= value <= target.points:
        return f"score {value:g} is outside 0..{target.points:g}; ignored"
    target.score, target.status, target.comment = value, "scored", comment.strip()
    return None


# --- writing -----------------------------------------------------------------------------------

def _num(value: float | None) -> str:
    return "" if value is None else f"{round(value, 4):g}"


def _cell(text: str) -> str:
    """Student text must not become a spreadsheet formula when the CSV is opened in Excel."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _uncell(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def _write_csv(path: Path, header, rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def question_columns(keys: dict, graded: list[Graded]) -> list[str]:
    """Question ids of the exercises in this batch, in key order (ids carry their exercise)."""
    exercises = sorted({g.submission.exercise for g in graded})
    return [qid for ex in exercises for qid in keys[ex]]


def gradebook_rows(graded: list[Graded], columns: list[str]) -> list[list[str]]:
    rows = []
    for g in graded:
        scores = {q.spec["id"]: _num(q.score) for q in g.grades}
        flags = g.flags + ([f"open responses to score: {len(g.pending)}"] if g.pending else [])
        percent = f"{100 * g.total / g.maximum:.1f}" if g.maximum else ""
        rows.append([_cell(g.submission.student_id), g.submission.exercise,
                     *(scores.get(c, "") for c in columns), _num(g.total), _num(g.maximum),
                     percent, g.submission.submitted_at, _cell("; ".join(flags))])
    return rows


def manual_rows(graded: list[Graded]) -> list[list[str]]:
    rows = []
    for g in graded:
        for q in g.grades:
            if q.status in ("to be scored", "scored"):
                rubric = "; ".join(f"{r['criterion']} ({r['points']} pt)"
                                   for r in q.spec.get("rubric", []))
                rows.append([_cell(g.submission.student_id), g.submission.exercise, q.spec["id"],
                             _cell(str(q.entry["response"])), rubric,
                             q.spec.get("explanation", ""), _num(q.points), _num(q.score),
                             _cell(q.comment)])
    return rows


def feedback_name(exercise: str, student_id: str, used: set) -> str:
    """`<exercise>__<safe id>.md`, unique even on file systems that ignore case."""
    name = f"{exercise}__{safe_name(student_id)}"
    if name.lower() in used:
        name += "-" + hashlib.sha256(student_id.encode("utf-8")).hexdigest()[:8]
    used.add(name.lower())
    return name + ".md"


def feedback_markdown(g: Graded) -> str:
    """What the student reads: every question, their answer, the points and why."""
    sub = g.submission
    lines = [f"# Feedback on exercise {sub.exercise}: student {_md(sub.student_id)}", "",
             f"Submitted {sub.submitted_at}. Graded from your answers as data against the "
             "answer key.", "",
             f"**Score: {_num(g.total)} of {_num(g.maximum)} points**"
             + (f" ({100 * g.total / g.maximum:.1f}%)." if g.maximum else ".")]
    if g.pending:
        lines.append(f"{len(g.pending)} open response(s) still to be scored by your lecturer; "
                     "the score above does not include them yet.")
    if g.flags:
        lines += ["", "Notes: " + _md("; ".join(g.flags)) + "."]
    for number, q in enumerate(g.grades, 1):
        lines += ["", "---", ""] + _question_markdown(number, q)
    return "\n".join(lines) + "\n"


def _question_markdown(number: int, q: QuestionGrade) -> list[str]:
    spec = q.spec
    score = (f"to be scored by your lecturer (of {_num(q.points)} pt)" if q.pending
             else f"{_num(q.score)} of {_num(q.points)} pt, {q.status}")
    lines = [f"## Question {number} ({spec['id']}): {score}", "",
             spec["prompt"].strip(), "", "**Your answer:**", ""]
    lines += _answer_markdown(spec, q)
    lines += ["", "**Feedback:**", ""] + [f"- {m}" for m in q.messages if m]
    if q.comment:
        lines.append(f"- Your lecturer: {_md(q.comment)}")
    lines += ["", "**Answer key:**", ""]
    lines += [f"- {k}" for k in describe_key({**spec, "explanation": None})]
    why = spec.get("explanation")
    if why and spec["kind"] == "open":
        lines.append(f"- Model answer: {why}")
    elif why and why not in q.messages:
        lines.append(f"- Why: {why}")
    return lines


def _answer_markdown(spec: dict, q: QuestionGrade) -> list[str]:
    if q.status == "not answered" or q.entry is None:
        return ["(no answer)"]
    raw = q.entry.get("response") if isinstance(q.entry, dict) else q.entry
    if q.status == "wrong type":
        return [f"`{_short(raw, 200)}`"]
    kind = spec["kind"]
    if kind == "single":
        return [f"{raw}) {spec['options'][raw]}"]
    if kind == "multiple":
        return ["; ".join(f"{k}) {spec['options'][k]}" for k in raw)]
    if kind == "numeric":
        return [f"{_md(str(raw))} {spec.get('unit', '')}".rstrip()]
    if kind == "categorize":
        return [f"- {spec['items'][i]} → {spec['categories'][c]}" for i, c in raw.items()]
    if kind == "order":
        return [" → ".join(spec["items"][k] for k in raw)]
    return ["> " + line for line in _md(str(raw)).splitlines() or [""]]


def _md(text: str) -> str:
    """Student text shown as text: no HTML from a submission reaches a Markdown viewer."""
    return html.escape(text, quote=False)


# --- the run -----------------------------------------------------------------------------------

@dataclass
class Report:
    out: Path
    graded: list[Graded]
    problems: list[Problem]


def check_out_dir(out: Path, overwrite: bool) -> None:
    """Refuse to touch a previous run's folder unless asked to."""
    if out.exists() and not out.is_dir():
        raise GradingError(f"--out {out} is a file, not a folder.")
    if out.exists() and any(out.iterdir()) and not overwrite:
        raise GradingError(f"{out} already exists and is not empty; nothing was written. Use "
                           "--overwrite to replace its gradebook, feedback, manual and errors "
                           "files, or choose another --out folder.")


def _clear_outputs(out: Path) -> None:
    """Remove only what the grader writes; anything else in the folder is left alone."""
    for name in OUTPUT_FILES:
        (out / name).unlink(missing_ok=True)
    for old in (out / FEEDBACK_DIR).glob("*.md"):
        old.unlink()


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


def grade(paths, out: Path, keys_dir: Path = Path("solutions/keys"), manual: Path | None = None,
          overwrite: bool = False) -> Report:
    """Grade a batch and write DIR. Everything is read before anything is written, so a
    filled-in manual.csv inside DIR survives --overwrite."""
    out = Path(out)
    keys = load_keys(keys_dir)
    manual_input = read_manual(manual) if manual else []
    check_out_dir(out, overwrite)
    submissions, problems = load_batch(paths, keys, out)
    graded = sorted((grade_submission(s, keys[s.exercise]) for s in submissions),
                    key=lambda g: (g.submission.exercise, g.submission.student_id))
    problems += apply_manual(graded, manual_input, str(manual)) if manual else []
    write_outputs(out, keys, graded, problems)
    return Report(out, graded, problems)


def write_outputs(out: Path, keys: dict, graded: list[Graded], problems: list[Problem]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    _clear_outputs(out)
    columns = question_columns(keys, graded)
    _write_csv(out / "gradebook.csv",
               ["student_id", "exercise", *columns, "total", "maximum", "percent",
                "submitted_at", "flags"], gradebook_rows(graded, columns))
    _write_csv(out / "manual.csv", MANUAL_COLUMNS, manual_rows(graded))
    _write_csv(out / "errors.csv", ERROR_COLUMNS,
               [[p.file, _cell(p.student_id), p.exercise, p.problem] for p in problems])
    feedback, used = out / FEEDBACK_DIR, set()
    feedback.mkdir(exist_ok=True)
    for g in graded:
        name = feedback_name(g.submission.exercise, g.submission.student_id, used)
        (feedback / name).write_text(feedback_markdown(g), encoding="utf-8")


def summary(report: Report) -> list[str]:
    pending = sum(len(g.pending) for g in report.graded)
    lines = [f"Graded {len(report.graded)} submission(s) into {report.out}: gradebook.csv, "
             f"feedback/ ({len(report.graded)} files), manual.csv ({pending} open response(s) "
             f"to score), errors.csv ({len(report.problems)} problem(s))."]
    lines += [f"  {p.file}: {p.problem}" for p in report.problems[:10]]
    if len(report.problems) > 10:
        lines.append(f"  ... and {len(report.problems) - 10} more in errors.csv")
    return lines


def main(args) -> int:
    """The `grade` command. Exit 0: all graded; 1: graded, with problems in errors.csv;
    2: nothing done (the message says why)."""
    try:
        report = grade(args.submissions, args.out, args.keys, args.manual, args.overwrite)
    except GradingError as err:
        print(f"grade: {err}", file=sys.stderr)
        return 2
    print("\n".join(summary(report)))
    return 1 if report.problems else 0

"""Submitting an exercise: one JSON file per student and exercise, written on request only.

Where: `<answers folder>/submissions/<exercise>__<safe student id>.json`, where the answers
folder is `$TIPCOURSE_ANSWERS_DIR` or `~/tipcourse-answers/` (see `store`) and the safe id is
`safe_name(student_id)`. Students hand in that one file; the grader reads it as data only.

    {"format": 1, "type": "tipcourse-submission",
     "exercise": "ex01", "student_id": "2301234",
     "submitted_at": "2025-03-01T09:30:00+00:00", "course_version": "0.1.0",
     "questions": ["ex01-consent", ...],      # the exercise's questions when submitting
     "missing": ["ex01-essay"],               # those without a saved answer
     "answers": {"ex01-consent": {"response": "b", "attempts": 2,
                                  "saved_at": "2025-03-01T09:12:41+00:00"}},
     "checksum": "sha256:<hex>"}              # of canonical_json(answers)

The checksum lets the grader notice a file changed after it was written (an editor that
"fixed" it, a broken upload). It is not a signature: anyone can recompute it.

Submitting again replaces the earlier file (the newest submission is the one that counts).
The student id is typed once and remembered in `<answers folder>/student.json`.
Nothing here runs unless the student presses Submit, so executing a notebook submits nothing.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .store import AnswerStore, answers_dir, now, write_json_atomic

FORMAT = 1
TYPE = "tipcourse-submission"
MAX_ID_LENGTH = 64
ENTRY_FIELDS = ("response", "attempts", "saved_at")


# --- names and ids -------------------------------------------------------------------------

def safe_name(student_id: str) -> str:
    """A file-name part made of [A-Za-z0-9._-] only.

    Ids are typed by students, so they may hold '/', '..', spaces or any script; such an id is
    never used raw in a path. If anything had to change, a short hash of the original is
    appended so two different ids cannot end up as the same file.
    """
    if not isinstance(student_id, str) or not student_id:
        raise ValueError("A student id is needed to name the file.")
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "_", student_id)[:MAX_ID_LENGTH].lstrip(".")
    if cleaned != student_id:
        digest = hashlib.sha256(student_id.encode("utf-8")).hexdigest()[:8]
        cleaned = f"{cleaned or 'id'}-{digest}"
    return cleaned


def clean_student_id(text) -> str:
    """The id as typed, trimmed; ValueError with a message for the student if unusable."""
    student_id = (text or "").strip() if isinstance(text, str) else ""
    if not student_id:
        raise ValueError("Type your student id first.")
    if len(student_id) > MAX_ID_LENGTH:
        raise ValueError(f"A student id has at most {MAX_ID_LENGTH} characters.")
    if any(not ch.isprintable() for ch in student_id):
        raise ValueError("The student id contains invisible characters; type it again.")
    return student_id


def submissions_dir(directory: Path | None = None) -> Path:
    return Path(directory or answers_dir()) / "submissions"


def submission_path(exercise: str, student_id: str, directory: Path | None = None) -> Path:
    return submissions_dir(directory) / f"{exercise}__{safe_name(student_id)}.json"


def _student_file(directory: Path | None = None) -> Path:
    return Path(directory or answers_dir()) / "student.json"


def remembered_student_id(directory: Path | None = None) -> str:
    """The id typed at the last submission, or "" (a file we cannot read counts as none)."""
    try:
        data = json.loads(_student_file(directory).read_text(encoding="utf-8"))
        return clean_student_id(data.get("student_id"))
    except (OSError, ValueError, AttributeError):
        return ""


def remember_student_id(student_id: str, directory: Path | None = None) -> None:
    write_json_atomic(_student_file(directory), {"student_id": student_id})


# --- the submission document ------------------------------------------------------------------

def canonical_json(answers: dict) -> bytes:
    """One byte string per set of answers, whatever the key order or spacing of the file."""
    return json.dumps(answers, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def checksum(answers: dict) -> str:
    return "sha256:" + hashlib.sha256(canonical_json(answers)).hexdigest()


def course_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tipcourse")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


def missing_questions(question_ids, answers: dict) -> list[str]:
    """The exercise's questions without a saved answer, in notebook order."""
    return [qid for qid in question_ids if qid not in answers]


def build_submission(exercise: str, student_id: str, answers: dict, question_ids,
                     submitted_at: str | None = None) -> dict:
    """The submission document (see the module docstring) from saved answers."""
    kept = {qid: {k: entry[k] for k in ENTRY_FIELDS if k in entry}
            for qid, entry in sorted(answers.items())}
    question_ids = list(question_ids)
    return {
        "format": FORMAT, "type": TYPE, "exercise": exercise,
        "student_id": clean_student_id(student_id),
        "submitted_at": submitted_at or now(), "course_version": course_version(),
        "questions": question_ids, "missing": missing_questions(question_ids, kept),
        "answers": kept, "checksum": checksum(kept),
    }


def write_submission(exercise: str, student_id: str, answers: dict, question_ids,
                     directory: Path | None = None) -> tuple[Path, bool, list[str]]:
    """Write (or replace) the submission file; returns (path, replaced, missing)."""
    document = build_submission(exercise, student_id, answers, question_ids)
    path = submission_path(exercise, document["student_id"], directory)
    replaced = path.exists()
    write_json_atomic(path, document)
    return path, replaced, document["missing"]


# --- from a notebook session ---------------------------------------------------------------

def session_answers(session) -> tuple[str, dict, list[str]]:
    """(exercise, saved answers, question ids) of a running exercise notebook.

    Answers are read again from disk: another kernel on the same notebook may have saved
    some. Every saved answer of the exercise goes in, even for a question whose cell was not
    run in this kernel, so nothing the student saved is left out.
    """
    exercise = session.notebook.removesuffix("-solution")
    store = session.store
    fresh = AnswerStore(store.notebook, store.path.parent).answers
    answers = {qid: entry for qid, entry in {**store.answers, **fresh}.items()
               if qid in session.specs or qid.startswith(f"{exercise}-")}
    return exercise, answers, list(session.specs)


@dataclass
class Outcome:
    """What happened when the student pressed Submit; `lines` are shown to them."""

    submitted: bool
    lines: list[str]
    missing: list[str] = field(default_factory=list)
    path: Path | None = None
    replaced: bool = False


def submit(session, typed_id, confirmed_missing: list[str] | None = None,
           directory: Path | None = None) -> Outcome:
    """Check completeness, then write the submission.

    With questions unanswered, the first press only lists them; the submission is written
    when the student presses again having seen that same list (`confirmed_missing`).
    """
    try:
        student_id = clean_student_id(typed_id)
    except ValueError as err:
        return Outcome(False, [str(err)])
    exercise, answers, question_ids = session_answers(session)
    if not question_ids:
        return Outcome(False, ["No questions found: run every cell of the notebook first "
                               "(Run › Run All Cells), then press Submit."])
    missing = missing_questions(question_ids, answers)
    if missing and missing != confirmed_missing:
        return Outcome(False, [f"{len(missing)} of {len(question_ids)} questions have no saved "
                               "answer: " + ", ".join(missing) + ".",
                               "Answer them and press **Save answer**, or press **Submit "
                               "anyway** to hand in incomplete work."], missing)
    path, replaced, missing = write_submission(exercise, student_id, answers, question_ids,
                                               directory)
    remember_student_id(student_id, directory)
    return Outcome(True, receipt(path, replaced, missing, len(question_ids)), missing, path,
                   replaced)


def receipt(path: Path, replaced: bool, missing: list[str], total: int) -> list[str]:
    """The confirmation a student sees: what was written, where, and what it lacks."""
    lines = [f"**Submitted.** Your answers were written to `{path}`."]
    if missing:
        lines.append(f"This submission is INCOMPLETE: {len(missing)} of {total} questions "
                     "unanswered (" + ", ".join(missing) + ").")
    else:
        lines.append(f"All {total} questions answered.")
    if replaced:
        lines.append("This replaces your earlier submission of this exercise.")
    lines.append("Hand in this file as your lecturer asked (upload it, or leave it on the "
                 "JupyterHub). You can change answers and submit again until the deadline.")
    return lines

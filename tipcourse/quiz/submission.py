"""Submitting an exercise: one JSON file per student and exercise, written on request only.

Where: `<answers folder>/submissions/<exercise>__<safe student id>.json`, where the answers
folder is `$TIPCOURSE_ANSWERS_DIR` or `~/tipcourse-answers/` (see `store`) and the safe id is
`safe_name(student_id)`. Students hand in that one file; the grader reads it as data only.

    {"format": 2, "type": "tipcourse-submission",
     "exercise": "ex01", "student_id": "2301234",
     "submitted_at": "2025-03-01T09:30:00+00:00", "course_version": "0.1.0",
     "language": "id",                        # the edition: the feedback file's language
     "questions": ["ex01-consent", ...],      # the exercise's questions when submitting
     "missing": ["ex01-essay"],               # those without a saved answer
     "answers": {"ex01-consent": {"response": "b", "attempts": 2,
                                  "saved_at": "2025-03-01T09:12:41+00:00"}},
     "checksum": "sha256:<hex>"}    # of exercise, student id, time and answers (`signed_part`)

The checksum lets the grader notice a file changed after it was written (an editor that
"fixed" it, a broken upload, an id or a date typed in by hand). It is not a signature: anyone
can recompute it, which is why the grader also checks where each file came from
(`grading.selection`). A file of at most `MAX_BYTES` is written; a larger one is refused here,
naming the answer that makes it large, because the grader would refuse it.

Submitting again replaces the earlier file (the newest submission is the one that counts).
The student id is typed once and remembered in `<answers folder>/student.json`.
Nothing here runs unless the student presses Submit, so executing a notebook submits nothing.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .. import i18n
from ..i18n import _
from . import outline
from .questions import too_short, word_count
from .store import AnswerStore, answers_dir, now, write_json_atomic

if TYPE_CHECKING:
    from ..course import Session

FORMAT = 2  # 2: the checksum covers exercise, student id and time too (1: answers only)
TYPE = "tipcourse-submission"
MAX_BYTES = 1_000_000  # the largest submission file the grader reads
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


def clean_student_id(text: object) -> str:
    """The id as typed, trimmed; ValueError with a message for the student if unusable."""
    student_id = (text or "").strip() if isinstance(text, str) else ""
    if not student_id:
        raise ValueError(_("Type your student id first."))
    if len(student_id) > MAX_ID_LENGTH:
        raise ValueError(_("A student id has at most {n} characters.").format(n=MAX_ID_LENGTH))
    if any(not ch.isprintable() for ch in student_id):
        raise ValueError(_("The student id contains invisible characters; type it again."))
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
    return json.dumps(answers, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def signed_part(document: dict) -> dict:
    """What the checksum covers (format 2): who, which exercise, when, and the answers."""
    return {k: document.get(k) for k in ("exercise", "student_id", "submitted_at", "answers")}


def checksum(document: dict) -> str:
    """The checksum of a format-2 submission document."""
    return "sha256:" + hashlib.sha256(canonical_json(signed_part(document))).hexdigest()


def checksum_v1(answers: dict) -> str:
    """The checksum of a format-1 submission (answers only), still read by the grader."""
    return "sha256:" + hashlib.sha256(canonical_json(answers)).hexdigest()


@functools.cache  # read from the installed metadata once (the grader asks per submission)
def course_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tipcourse")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


def missing_questions(question_ids: Iterable[str], answers: dict) -> list[str]:
    """The exercise's questions without a saved answer, in notebook order."""
    return [qid for qid in question_ids if qid not in answers]


def too_short_questions(question_ids: Iterable[str], answers: dict, specs: dict) -> list[str]:
    """The saved open answers shorter than their question's `min_words`, in notebook order."""
    return [
        qid
        for qid in question_ids
        if qid in answers and qid in specs and too_short(specs[qid], answers[qid].get("response"))
    ]


def build_submission(
    exercise: str,
    student_id: str,
    answers: dict,
    question_ids: Iterable[str],
    submitted_at: str | None = None,
    language: str = "en",
) -> dict:
    """The submission document (see the module docstring) from saved answers."""
    kept = {
        qid: {k: entry[k] for k in ENTRY_FIELDS if k in entry}
        for qid, entry in sorted(answers.items())
    }
    question_ids = list(question_ids)
    document = {
        "format": FORMAT,
        "type": TYPE,
        "exercise": exercise,
        "student_id": clean_student_id(student_id),
        "submitted_at": submitted_at or now(),
        "course_version": course_version(),
        "language": language,
        "questions": question_ids,
        "missing": missing_questions(question_ids, kept),
        "answers": kept,
    }
    document["checksum"] = checksum(document)
    return document


class TooLarge(ValueError):
    """The submission would be larger than the grader reads; the message names the answer."""


def check_size(document: dict) -> None:
    """Raise TooLarge, naming the largest answer, if the file would exceed MAX_BYTES."""
    size = len(json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"))
    if size <= MAX_BYTES:
        return
    sizes = {
        qid: len(json.dumps(entry, ensure_ascii=False).encode("utf-8"))
        for qid, entry in document["answers"].items()
    }
    largest = max(sizes, key=sizes.get) if sizes else "?"
    raise TooLarge(
        _(
            "Not submitted: the file would be {size} bytes, and your lecturer's grader reads "
            "at most {limit}. The answer to {question} alone is {answer_size} bytes: shorten "
            "it, press **Save answer**, and submit again."
        ).format(
            size=_thousands(size),
            limit=_thousands(MAX_BYTES),
            question=largest,
            answer_size=_thousands(sizes.get(largest, 0)),
        )
    )


def _thousands(n: int) -> str:
    """1,000,000 in English; 1.000.000 in Indonesian, where the comma is the decimal mark."""
    text = f"{n:,}"
    return text.replace(",", ".") if i18n.language() == "id" else text


def write_submission(
    exercise: str,
    student_id: str,
    answers: dict,
    question_ids: Iterable[str],
    directory: Path | None = None,
    language: str = "en",
) -> tuple[Path, bool, list[str]]:
    """Write (or replace) the submission file; returns (path, replaced, missing)."""
    document = build_submission(exercise, student_id, answers, question_ids, language=language)
    check_size(document)
    path = submission_path(exercise, document["student_id"], directory)
    replaced = path.exists()
    write_json_atomic(path, document)
    return path, replaced, document["missing"]


# --- from a notebook session ---------------------------------------------------------------


def session_answers(session: Session) -> tuple[str, dict, list[str]]:
    """(exercise, saved answers, question ids) of a running exercise notebook.

    The questions are the exercise's outline (written by release), so a question whose cell
    was not run still counts as missing; without an outline, the questions run so far.
    Answers are read again from disk: another kernel on the same notebook may have saved
    some. Every saved answer of the exercise goes in, even for a question whose cell was not
    run in this kernel, so nothing the student saved is left out.
    """
    exercise = session.notebook.removesuffix("-solution")
    store = session.store
    fresh = AnswerStore(store.notebook, store.path.parent).answers
    answers = {
        qid: entry
        for qid, entry in {**store.answers, **fresh}.items()
        if qid in session.specs or qid.startswith(f"{exercise}-")
    }
    return exercise, answers, list(outline.question_ids(exercise) or session.specs)


@dataclass
class Outcome:
    """What happened when the student pressed Submit; `lines` are shown to them."""

    submitted: bool
    lines: list[str]
    missing: list[str] = field(default_factory=list)
    path: Path | None = None
    replaced: bool = False
    too_short: list[str] = field(default_factory=list)  # open answers under min_words

    @property
    def listed(self) -> list[str]:
        """The questions the student was warned about: to confirm with the next press."""
        return self.missing + self.too_short


def submit(
    session: Session,
    typed_id: object,
    confirmed: list[str] | None = None,
    directory: Path | None = None,
) -> Outcome:
    """Check completeness, then write the submission.

    With questions unanswered or open answers shorter than asked, the first press only lists
    them; the submission is written when the student presses again having seen that same
    list (`confirmed`, the previous outcome's `listed`).
    """
    try:
        student_id = clean_student_id(typed_id)
    except ValueError as err:
        return Outcome(False, [str(err)])
    exercise, answers, question_ids = session_answers(session)
    if not question_ids:
        return Outcome(
            False,
            [
                _(
                    "No questions found: run every cell of the notebook first "
                    "(Run › Run All Cells), then press Submit."
                )
            ],
        )
    missing = missing_questions(question_ids, answers)
    short = too_short_questions(question_ids, answers, session.specs)
    if (missing or short) and missing + short != confirmed:
        words = [_words(session.specs[qid], answers[qid]["response"]) for qid in short]
        return Outcome(
            False,
            warning(
                missing,
                [f"{q} ({n})" for q, n in zip(short, words, strict=True)],
                len(question_ids),
            ),
            missing,
            too_short=short,
        )
    try:
        path, replaced, missing = write_submission(
            exercise, student_id, answers, question_ids, directory, session.language
        )
    except TooLarge as err:
        return Outcome(False, [str(err)])
    except OSError as err:
        return Outcome(
            False,
            [
                _(
                    "Not submitted: the file could not be written ({reason}). Your answers "
                    "are still saved; ask your lecturer where to save the submission."
                ).format(reason=err.strerror or err)
            ],
        )
    remember_student_id(student_id, directory)
    return Outcome(
        True,
        receipt(path, replaced, missing, len(question_ids), short),
        missing,
        path,
        replaced,
        short,
    )


def _words(spec: dict, response: str) -> str:
    return _("{n} of at least {least} words").format(
        n=word_count(response), least=spec["min_words"]
    )


def warning(missing: list[str], short: list[str], total: int) -> list[str]:
    """What the first press of Submit says when work is missing or shorter than asked."""
    lines = []
    if missing:
        lines.append(
            _("{n} of {total} questions have no saved answer: {questions}.").format(
                n=len(missing), total=total, questions=", ".join(missing)
            )
        )
    if short:
        lines.append(_shorter(short))
    if short:
        lines.append(
            _(
                "Complete them and press **Save answer**, or press **Submit anyway** to "
                "hand in your work as it is."
            )
        )
    else:
        lines.append(
            _(
                "Answer them and press **Save answer**, or press **Submit anyway** to "
                "hand in incomplete work."
            )
        )
    return lines


def receipt(
    path: Path, replaced: bool, missing: list[str], total: int, short: list[str] | None = None
) -> list[str]:
    """The confirmation a student sees: what was written, where, and what it lacks."""
    lines = [_("**Submitted.** Your answers were written to `{path}`.").format(path=path)]
    if missing:
        lines.append(
            _(
                "This submission is INCOMPLETE: {n} of {total} questions unanswered ({questions})."
            ).format(n=len(missing), total=total, questions=", ".join(missing))
        )
    else:
        lines.append(_("All {total} questions answered.").format(total=total))
    if short:
        lines.append(_shorter(short))
    if replaced:
        lines.append(_("This replaces your earlier submission of this exercise."))
    lines.append(
        _(
            "Hand in this file as your lecturer asked (upload it, or leave it on the "
            "JupyterHub). You can change answers and submit again until the deadline."
        )
    )
    return lines


def _shorter(short: list[str]) -> str:
    return _("Shorter than the question asks: {questions}.").format(questions=", ".join(short))

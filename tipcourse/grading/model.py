"""What the grader works with: its limits, errors, and the records of a batch."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..quiz.submission import MAX_BYTES as MAX_BYTES  # the one size limit, checked at submit too

MAX_DEPTH = 32  # nesting of arrays and objects; a real submission has about 4
FUTURE_SKEW = dt.timedelta(minutes=10)  # clocks differ; later than this is "in the future"
EXERCISE_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
OUTPUT_FILES = (
    "gradebook.csv",
    "manual.csv",
    "errors.csv",
    "item_analysis.csv",
    "item_options.csv",
    "item_analysis.md",
    "gradebook_moodle.csv",  # with --lms (see grading.lms.LMS_FILES)
    "gradebook_canvas.csv",
)
ANALYSIS_DIR = "item_analysis"  # the figures of item_analysis.md (see grading.analysis)
FEEDBACK_DIR = "feedback"
MANUAL_COLUMNS = (
    "student_id",
    "exercise",
    "question_id",
    "response",
    "response_sha256",
    "rubric",
    "model_answer",
    "max_points",
    "score",
    "comment",
)
ERROR_COLUMNS = ("file", "student_id", "exercise", "problem")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class GradingError(Exception):
    """The run cannot start (no keys, output folder in the way, unreadable manual file)."""


class SubmissionError(ValueError):
    """One submission cannot be graded; the message says why, for errors.csv."""

    def __init__(self, message: str, student_id: str = "", exercise: str = "") -> None:
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
    language: str = "en"  # the edition it was made in: its feedback file's language
    source: str = ""  # the folder the file came from (see grading.selection)
    source_is_person: bool = False  # that folder is one person's
    expected_id: str | None = None  # that person's id, from a roster
    # Set by grading.batch as soon as the file is read, when `answers` are scored and then
    # dropped (a large batch is not held twice, nor sent between processes): per question of
    # the key, in its order, (answer entry, scoring.Outcome); and the flags scoring raised.
    scored: list[tuple[object, tuple]] | None = None
    scoring_flags: list[str] = field(default_factory=list)

    @property
    def display(self) -> str:
        """The file as the lecturer named it: its path relative to the argument given."""
        return str(self.path)


@dataclass
class QuestionGrade:
    """One question of one submission. score None: an open response not scored yet."""

    spec: dict
    entry: object
    score: float | None
    messages: list[str]
    status: str
    comment: str = ""
    stale: bool = False  # a manual score was given to an earlier version of this response
    points: float = field(init=False)  # read a million times in a large batch: a plain field

    def __post_init__(self) -> None:
        self.points = float(self.spec.get("points", 1))

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

    @functools.cached_property
    def maximum(self) -> float:
        return sum(g.points for g in self.grades)

    @property
    def pending(self) -> list[str]:
        return [g.spec["id"] for g in self.grades if g.pending]


@dataclass
class Report:
    out: Path
    graded: list[Graded]
    problems: list[Problem]
    conflicts: list = field(default_factory=list)  # selection.Conflict: not graded


class Key(dict):
    """An exercise's key, {question id: spec}, with the texts of its questions in the other
    languages of the course (`translations`, from release): one key grades both editions."""

    def __init__(self, specs: dict, translations: dict | None = None) -> None:
        super().__init__(specs)
        self.translations = translations or {}
        self._editions: dict[str, Key] = {}

    def in_language(self, language: str) -> Key:
        """The specs with their texts in `language` (the same ids, kinds, points and answers);
        the English specs for English or a language the key has no texts for."""
        texts = self.translations.get(language)
        if not texts:
            return self
        if language not in self._editions:
            self._editions[language] = Key(
                {qid: {**spec, **texts.get(qid, {})} for qid, spec in self.items()}
            )
        return self._editions[language]

"""Scoring: every question of the key against a submission's saved answers. Never raises."""

from __future__ import annotations

from ..quiz.questions import AnswerFormatError, check
from .model import Graded, QuestionGrade, Submission
from .reading import describe_type, listed

# --- grading -----------------------------------------------------------------------------------


def grade_answer(spec: dict, entry: object) -> QuestionGrade:
    """Score one saved answer. Never raises: a malformed answer scores 0, with the reason."""
    if entry is None:
        return QuestionGrade(spec, None, 0.0, ["Not answered."], "not answered")
    if not isinstance(entry, dict) or "response" not in entry:
        return QuestionGrade(
            spec,
            entry,
            0.0,
            ["The saved answer is malformed, so it could not be graded."],
            "wrong type",
        )
    raw = entry["response"]
    if _is_empty(raw):
        return QuestionGrade(spec, entry, 0.0, ["Not answered."], "not answered")
    try:
        result = check(spec, raw)
    except AnswerFormatError as err:
        return QuestionGrade(spec, entry, 0.0, [f"Not graded: {err}"], "wrong type")
    except (TypeError, ValueError, OverflowError):
        return QuestionGrade(
            spec,
            entry,
            0.0,
            [
                f"Not graded: the answer is {describe_type(raw)}, which "
                "does not fit this question (kind: "
                f"{spec['kind']})."
            ],
            "wrong type",
        )
    if result.manual:
        return QuestionGrade(spec, entry, None, result.messages, "to be scored")
    return QuestionGrade(spec, entry, result.score, result.messages, result.status)


def _is_empty(raw: object) -> bool:
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
        flags.append(f"unknown question ids ignored: {listed(unknown)}")
    wrong = [g.spec["id"] for g in grades if g.status == "wrong type"]
    if wrong:
        flags.append(f"wrong answer type (0 points): {listed(wrong)}")
    return Graded(sub, grades, flags)

"""Scoring: every question of the key against a submission's saved answers. Never raises."""

from __future__ import annotations

from ..i18n import _
from ..quiz.questions import AnswerFormatError, check
from .reading import describe_type, listed

# A question's outcome: (score, messages, status). It depends on the question and the response
# only, so one outcome serves every student who gave the same response (see `answer_outcome`).
Outcome = tuple[float | None, list[str], str]
Memo = dict[tuple[int, object], Outcome]

# --- grading -----------------------------------------------------------------------------------


def answer_outcome(spec: dict, entry: object, memo: Memo | None = None) -> Outcome:
    """(score, messages, status) of one saved answer (a QuestionGrade's); score None: an open
    response. Never raises: a malformed answer scores 0, with the reason.

    With `memo` (one dict per run, or per part of a run, kept while its keys live), a response
    given before to the same question reuses that outcome: a class's answers repeat (the
    options, the key's variants), and checking is most of the scoring time. The outcome's
    messages are then shared between students: never change them in place."""
    if entry is None:
        return 0.0, [_("Not answered.")], "not answered"
    if not isinstance(entry, dict) or "response" not in entry:
        return 0.0, [_("The saved answer is malformed, so it could not be graded.")], "wrong type"
    raw = entry["response"]
    seen = response_key(raw) if memo is not None and spec["kind"] != "open" else None
    if seen is None:
        return _check(spec, raw)
    outcome = memo.get((id(spec), seen))
    if outcome is None:
        outcome = memo[(id(spec), seen)] = _check(spec, raw)
    return outcome


def _check(spec: dict, raw: object) -> Outcome:
    if _is_empty(raw):
        return 0.0, [_("Not answered.")], "not answered"
    try:
        result = check(spec, raw)
    except AnswerFormatError as err:
        return 0.0, [_("Not graded: {reason}").format(reason=err)], "wrong type"
    except (TypeError, ValueError, OverflowError):
        message = _(
            "Not graded: the answer is {what}, which does not fit this question (kind: {kind})."
        )
        return 0.0, [message.format(what=describe_type(raw), kind=spec["kind"])], "wrong type"
    if result.manual:
        return None, result.messages, "to be scored"
    return result.score, result.messages, result.status


def response_key(raw: object) -> object:
    """A response as a dict key, or None for a shape not worth remembering. Two responses with
    the same key are the same answer and are shown the same: the type is part of the key (1,
    1.0 and true are equal in Python), and a float is keyed by its repr (0.0 and -0.0 too)."""
    kind = type(raw)
    if kind is float:
        return float, repr(raw)
    if kind in (str, int, bool):
        return kind, raw
    if kind is list and all(type(x) is str for x in raw):
        return list, tuple(raw)
    if kind is dict and all(type(v) is str for v in raw.values()):  # JSON keys are strings
        return dict, tuple(raw.items())
    return None


def _is_empty(raw: object) -> bool:
    """An answer saved blank counts as not answered, not as an answer of the wrong type."""
    if isinstance(raw, str):
        return not raw.strip()
    return raw is None or (isinstance(raw, (list, dict)) and not raw)


def score_answers(
    answers: dict, key: dict, memo: Memo | None = None
) -> tuple[list[tuple[object, Outcome]], list[str]]:
    """(answer entry, outcome) of every question of the key, in the key's order, and the flags
    that scoring raises (unknown question ids, answers of the wrong type)."""
    scored = []
    for qid, spec in key.items():
        entry = answers.get(qid)
        scored.append((entry, answer_outcome(spec, entry, memo)))
    wrong = [
        qid for qid, (_, outcome) in zip(key, scored, strict=True) if outcome[2] == "wrong type"
    ]
    return scored, scoring_flags(answers, key, wrong)


def scoring_flags(answers: dict, key: dict, wrong: list[str]) -> list[str]:
    """The flags scoring raises: answers to questions the key does not have (ignored), and
    the questions in `wrong` (answered with the wrong type, so 0 points)."""
    flags = []
    if not answers.keys() <= key.keys():
        unknown = [qid for qid in answers if qid not in key]
        flags.append(f"unknown question ids ignored: {listed(unknown)}")
    if wrong:
        flags.append(f"wrong answer type (0 points): {listed(wrong)}")
    return flags

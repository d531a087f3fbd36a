"""Reading and scoring a batch in one pass, on every core for a large batch.

Each file is scored as soon as it is read, before `selection` chooses one submission per
student: a question's grade depends on its answer alone, and `graded_submission` joins the
flags in the order the lecturer reads them (reading, selection, then scoring). The files are
split into parts (grading.parallel.fork_map): this process reads and scores the first,
forked workers the others. What a worker sends back is what the rest of the run reads: each
submission without its answers and, per question, the response and its outcome (score,
messages, status), equal outcomes being one object that pickle sends once (`_one_of`). Half
of the benchmark's 10,000 submissions of ex01 comes back as 4.4 MB; the parsed files alone
would be 7 MB, and scoring them would be left to this process.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from .model import Graded, Problem, QuestionGrade, Submission
from .parallel import fork_map
from .reading import BatchOptions, Found, admit, read_found
from .scoring import Memo, Outcome, score_answers


def read_and_score(
    found: Sequence[Found], keys: dict, options: BatchOptions
) -> tuple[list[Submission], list[Problem]]:
    """As reading.load_batch for the files found (reading.find_submissions): the submissions
    this run grades, and a Problem for every other file; every submission is scored against
    its key (`graded_submission` makes its Graded)."""
    outcomes = fork_map(functools.partial(_read_part, keys), found)
    return admit(found, outcomes, keys, options)


def _read_part(keys: dict, items: Sequence[Found]) -> list[Submission | Problem]:
    """One part of the files, read and scored (in a worker, or in this process)."""
    memo: Memo = {}
    equal: dict[tuple, Outcome] = {}
    outcomes = []
    for item in items:
        outcome = read_found(item)
        if isinstance(outcome, Submission) and isinstance(keys.get(outcome.exercise), dict):
            _score(outcome, keys[outcome.exercise], memo, equal)
        outcomes.append(outcome)
    return outcomes


def _score(sub: Submission, key: dict, memo: Memo, equal: dict[tuple, Outcome]) -> None:
    scored, sub.scoring_flags = score_answers(sub.answers, key, memo)
    sub.scored = [(_compact(entry), _one_of(outcome, equal)) for entry, outcome in scored]
    sub.answers = {}


def _one_of(outcome: Outcome, equal: dict[tuple, Outcome]) -> Outcome:
    """One object for equal outcomes of a part, so pickle sends it once: besides the
    responses seen before (the memo), essays of one length get the same messages, and the
    model answer they quote is most of what a part would send. (A score is told by its repr:
    0.0 and -0.0 are equal, but are not written the same.)"""
    score, messages, status = outcome
    return equal.setdefault((repr(score), status, tuple(messages)), outcome)


def _compact(entry: object) -> object:
    """What the outputs read of an answer entry: its response (the feedback, manual.csv and
    the item analysis never read `attempts` or `saved_at`). An entry that is not an object
    is kept whole: the feedback shows it as the answer of the wrong type."""
    if not isinstance(entry, dict):
        return entry
    return {"response": entry["response"]} if "response" in entry else {}


def graded_submission(sub: Submission, key: dict) -> Graded:
    """The Graded of a submission that `read_and_score` scored, with every flag in the order
    the lecturer reads them: reading's and selection's (in sub.flags), then scoring's."""
    grades = [
        QuestionGrade(spec, entry, *outcome)
        for spec, (entry, outcome) in zip(key.values(), sub.scored or [], strict=True)
    ]
    return Graded(sub, grades, sub.flags + sub.scoring_flags)

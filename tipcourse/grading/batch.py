"""Reading and scoring a batch in one pass, on every core for a large batch.

Each file is scored as soon as it is read, before `selection` chooses one submission per
student: a question's grade depends on its answer alone, and `graded_submission` joins the
flags in the order the lecturer reads them (reading, selection, then scoring). The files are
split into chunks (grading.parallel.fork_map), read and scored by this process and forked
workers. What a worker sends back is what the rest of the run reads: each submission as a
tuple of its fields but the path (this process has it) and the answers, and per question
the pair (response, outcome). Equal pairs are one object in each process (an answer given
before to the same question: `_pair`), and so are equal outcomes (`_one_of`): pickle sends
each once, and the answer is checked once.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence

from .. import i18n
from .model import Graded, Key, Problem, QuestionGrade, Submission
from .parallel import fork_map
from .reading import BatchOptions, Found, admit, read_found
from .scoring import Outcome, answer_outcome, response_key, scoring_flags

# The fields of a Submission that a worker sends back, in this order (see `_pack`).
SENT = tuple(f.name for f in dataclasses.fields(Submission) if f.name not in ("path", "answers"))
Pairs = dict[tuple[int, object], tuple[object, Outcome]]


def read_and_score(
    found: Sequence[Found], keys: dict, options: BatchOptions
) -> tuple[list[Submission], list[Problem]]:
    """As reading.load_batch for the files found (reading.find_submissions): the submissions
    this run grades, and a Problem for every other file; every submission is scored against
    its key (`graded_submission` makes its Graded)."""
    records = fork_map(functools.partial(_read_part, keys), found)
    outcomes = [_unpack(item, record) for item, record in zip(found, records, strict=True)]
    return admit(found, outcomes, keys, options)


def _read_part(keys: dict, items: Sequence[Found]) -> list[tuple | Problem]:
    """The files a process reads and scores (a worker, or this one: see fork_map)."""
    pairs: Pairs = {}
    equal: dict[tuple, Outcome] = {}
    records: list[tuple | Problem] = []
    for item in items:
        outcome = read_found(item)
        if isinstance(outcome, Problem):
            records.append(outcome)
            continue
        key = keys.get(outcome.exercise)
        if isinstance(key, dict):
            _score(outcome, _edition(key, outcome.language), pairs, equal)
        records.append(_pack(outcome))
    return records


def _pack(sub: Submission) -> tuple:
    """The submission without its path and its answers (scored, or not graded at all)."""
    return tuple([getattr(sub, name) for name in SENT])


def _unpack(item: Found, record: tuple | Problem) -> Submission | Problem:
    if isinstance(record, Problem):
        return record
    return Submission(path=item.path, answers={}, **dict(zip(SENT, record, strict=True)))


def _edition(key: dict, language: str) -> dict:
    """The key with its texts in the submission's language (model.Key); its specs are other
    objects than the English ones, so remembered outcomes (`_pair`) never cross languages."""
    return key.in_language(language) if isinstance(key, Key) else key


def _score(sub: Submission, key: dict, pairs: Pairs, equal: dict[tuple, Outcome]) -> None:
    answers = sub.answers
    scored, wrong = [], []
    with i18n.using(sub.language):  # the outcome's words are the feedback's
        for qid, spec in key.items():
            pair = _pair(spec, answers.get(qid), pairs, equal)
            if pair[1][2] == "wrong type":
                wrong.append(qid)
            scored.append(pair)
        sub.scored, sub.scoring_flags = scored, scoring_flags(answers, key, wrong)
    sub.answers = {}


def _pair(spec: dict, entry: object, pairs: Pairs, equal: dict[tuple, Outcome]) -> tuple:
    """(what the outputs read of the answer entry, its outcome). An answer given before to
    the same question (told apart as scoring.response_key does) gets the same pair: checked
    once, and sent once. A class's answers repeat (the options, the key's variants)."""
    if isinstance(entry, dict) and "response" in entry:
        raw = entry["response"]
        seen = response_key(raw) if spec["kind"] != "open" else None
        if seen is None:  # essays, and shapes not worth remembering
            return {"response": raw}, _one_of(answer_outcome(spec, entry), equal)
        pair = pairs.get((id(spec), seen))
        if pair is None:
            outcome = _one_of(answer_outcome(spec, entry), equal)
            pair = pairs[(id(spec), seen)] = ({"response": raw}, outcome)
        return pair
    if entry is None:  # not answered (response_key never gives None as a key)
        pair = pairs.get((id(spec), None))
        if pair is None:
            pair = pairs[(id(spec), None)] = (None, _one_of(answer_outcome(spec, None), equal))
        return pair
    return _compact(entry), _one_of(answer_outcome(spec, entry), equal)


def _one_of(outcome: Outcome, equal: dict[tuple, Outcome]) -> Outcome:
    """One object for equal outcomes in a process, so pickle sends it once: besides the
    responses seen before (`_pair`), essays of one length get the same messages, and the
    model answer they quote is most of what a worker would send. (A score is told by its
    repr: 0.0 and -0.0 are equal, but are not written the same.)"""
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
    key = _edition(key, sub.language)
    grades = [
        QuestionGrade(spec, entry, *outcome)
        for spec, (entry, outcome) in zip(key.values(), sub.scored or [], strict=True)
    ]
    return Graded(sub, grades, sub.flags + sub.scoring_flags)

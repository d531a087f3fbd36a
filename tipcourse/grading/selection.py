"""Which submission counts for each student and exercise, and when none may be chosen.

The grader never trusts a file to say whose it is. A student id inside a file is compared with
where the file came from (its source: the LMS's per-student folder, or a hub user's home):

- one student id (compared after Unicode NFKC normalisation, case and spacing folded) and one
  exercise in files from **different sources**, or spelt **differently** ("Dewi" and "dewi"):
  a conflict. None is graded; the gradebook row is flagged and errors.csv lists every file.
- a source that holds files of **several student ids**: a conflict for each of those ids (a
  student cannot hand in for someone else from their own folder).
- with a roster (`--roster`, the LMS's participant list), a file whose id is not the id of its
  folder's participant: a conflict.
- several files of one id from one source: the latest `submitted_at` is graded, except that a
  time in the future (beyond `FUTURE_SKEW`) is flagged and never preferred to a present one.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from .model import FUTURE_SKEW, Problem, Submission


def identity(student_id: str) -> str:
    """The id as a person means it: NFKC-normalised, case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", student_id).casefold().split())


@dataclass
class Conflict:
    """Submissions of one student and exercise that the grader will not choose between."""

    exercise: str
    student_id: str
    submissions: list[Submission]
    reason: str

    def files(self) -> str:
        return ", ".join(s.display for s in self.submissions)


@dataclass
class Selection:
    kept: list[Submission] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _groups(subs: list[Submission]) -> dict[tuple[str, str], list[Submission]]:
    groups: dict[tuple[str, str], list[Submission]] = {}
    for sub in subs:
        groups.setdefault((sub.exercise, identity(sub.student_id)), []).append(sub)
    return groups


def _crowded_sources(subs: list[Submission]) -> dict[str, set[str]]:
    """Sources (per-student folders) that hold files of more than one student id."""
    ids: dict[str, set[str]] = {}
    for sub in subs:
        if sub.source_is_person:
            ids.setdefault(sub.source, set()).add(identity(sub.student_id))
    return {source: found for source, found in ids.items() if len(found) > 1}


def _conflict_reason(group: list[Submission], crowded: dict[str, set[str]]) -> str | None:
    spellings = sorted({s.student_id for s in group})
    sources = sorted({s.source for s in group})
    if len(spellings) > 1:
        return (
            "the same student id spelt differently ("
            + " / ".join(spellings)
            + "): ids that differ only in case or Unicode form are one student"
        )
    if len(sources) > 1:
        return "submissions of one student id from different sources (" + ", ".join(sources) + ")"
    for sub in group:
        if sub.expected_id is not None and identity(sub.expected_id) != identity(sub.student_id):
            return (
                f"the file carries student id {sub.student_id!r}, but its folder "
                f"{sub.source!r} belongs to {sub.expected_id!r} (roster)"
            )
        if sub.source in crowded:
            return (
                f"the folder {sub.source!r} holds submissions of {len(crowded[sub.source])} "
                "different student ids; a student hands in only their own work"
            )
    return None


def _latest(group: list[Submission], now: dt.datetime, problems: list[Problem]) -> Submission:
    limit = now + FUTURE_SKEW
    future = [s for s in group if s.when > limit]
    for sub in future:
        sub.flags.append(_future(sub))
    present = [s for s in group if s.when <= limit] or group
    latest = max(present, key=lambda s: (s.when, s.display))
    for other in group:
        if other is not latest:
            problems.append(
                Problem(
                    other.display,
                    "duplicate: another submission of the same "
                    f"student was graded instead ({latest.display}, "
                    f"{latest.submitted_at})",
                    other.student_id,
                    other.exercise,
                )
            )
    if len(group) > 1:
        latest.flags.append(f"duplicate: 1 of {len(group)} submissions graded")
    return latest


def _future(sub: Submission) -> str:
    return f"submitted_at {sub.submitted_at} is in the future; not preferred"


def select(subs: list[Submission], now: dt.datetime) -> Selection:
    """One submission per student and exercise, or a conflict; never a silent choice."""
    result = Selection()
    crowded = _crowded_sources(subs)
    limit = now + FUTURE_SKEW
    for (_exercise, _), group in sorted(_groups(subs).items()):
        if len(group) == 1 and _alone_and_fine(group[0], crowded):  # most students
            sub = group[0]
            if sub.when > limit:
                sub.flags.append(_future(sub))
            result.kept.append(sub)
            continue
        reason = _conflict_reason(group, crowded)
        if reason is None:
            result.kept.append(_latest(group, now, result.problems))
            continue
        conflict = Conflict(group[0].exercise, group[0].student_id, group, reason)
        result.conflicts.append(conflict)
        for sub in group:
            result.problems.append(
                Problem(
                    sub.display,
                    f"CONFLICT, not graded: {reason}. "
                    f"Files: {conflict.files()}. Remove the wrong file "
                    "(or fix the roster) and grade again.",
                    sub.student_id,
                    sub.exercise,
                )
            )
    return result


def _alone_and_fine(sub: Submission, crowded: dict[str, set[str]]) -> bool:
    """The only submission of its student and exercise, with no reason for a conflict: what
    `_conflict_reason` finds for a group of one, told quicker (it is asked for each student)."""
    return sub.source not in crowded and (
        sub.expected_id is None or identity(sub.expected_id) == identity(sub.student_id)
    )

"""Cues that carry the answer without the student reading the question: the key as the longest
option, and keys piling up in one position. `python -m tipcourse lint --cues` reports them for
every bank and exercise key of the course, against the limits of issue 13.

Limits (course-wide, single choice): the key strictly the longest option in at most a third
of the questions; no position holding more than 40% of the keys. Multiple select: the right
options must not be systematically the longest (here: in at most a third of the questions are
all right options longer than every wrong one).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..paths import ROOT

LONGEST_LIMIT = 1 / 3
POSITION_LIMIT = 0.40


@dataclass(frozen=True)
class Cues:
    single: int
    key_longest: int
    positions: dict[str, int]  # authored position of the key ("a" = first) -> questions
    multiple: int
    right_longest: int

    def problems(self) -> list[str]:
        found = []
        if self.single and self.key_longest / self.single > LONGEST_LIMIT:
            found.append(
                f"single choice: the key is strictly the longest option in "
                f"{self.key_longest} of {self.single} "
                f"({self.key_longest / self.single:.0%}; limit {LONGEST_LIMIT:.0%})"
            )
        for position, n in sorted(self.positions.items()):
            if self.single and n / self.single > POSITION_LIMIT:
                found.append(
                    f"single choice: {n} of {self.single} keys are option "
                    f"{position} ({n / self.single:.0%}; limit {POSITION_LIMIT:.0%})"
                )
        if self.multiple and self.right_longest / self.multiple > LONGEST_LIMIT:
            found.append(
                f"multiple select: every right option is longer than every wrong one "
                f"in {self.right_longest} of {self.multiple} "
                f"({self.right_longest / self.multiple:.0%}; limit {LONGEST_LIMIT:.0%})"
            )
        return found


def course_specs(root: Path = ROOT) -> list[dict]:
    """Every question with its key: the lesson banks and the released exercise keys."""
    from ..quiz.banks import parse_yaml

    specs = []
    for path in sorted((root / "tipcourse" / "banks").glob("l*.yaml")):
        specs += parse_yaml(path.read_text(encoding="utf-8")) or []
    for path in sorted((root / "solutions" / "keys").glob("ex*.json")):
        specs += json.loads(path.read_text(encoding="utf-8"))["questions"]
    return specs


def cues(specs: list[dict]) -> Cues:
    singles = [s for s in specs if s["kind"] == "single"]
    multiples = [s for s in specs if s["kind"] == "multiple"]
    positions: Counter[str] = Counter()
    longest = 0
    for spec in singles:
        ids = list(spec["options"])
        positions["abcdefgh"[ids.index(spec["answer"])]] += 1
        key_len = len(spec["options"][spec["answer"]])
        longest += all(key_len > len(t) for k, t in spec["options"].items() if k != spec["answer"])
    right_longest = 0
    for spec in multiples:
        right = [len(spec["options"][k]) for k in spec["answer"]]
        wrong = [len(t) for k, t in spec["options"].items() if k not in spec["answer"]]
        right_longest += bool(wrong) and min(right) > max(wrong)
    return Cues(len(singles), longest, dict(positions), len(multiples), right_longest)


def report(root: Path = ROOT) -> list[str]:
    """Lines for `lint --cues`: the statistics, then what is over the limits."""
    c = cues(course_specs(root))
    share = ", ".join(f"{p} {n}" for p, n in sorted(c.positions.items()))
    lines = [
        f"single choice: {c.single} questions; key strictly longest in {c.key_longest}; "
        f"key positions: {share}",
        f"multiple select: {c.multiple} questions; right options all longest in {c.right_longest}",
    ]
    return lines + [f"over the limit: {p}" for p in c.problems()]

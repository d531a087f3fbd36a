"""Cues that carry the answer without the student reading the question: the key as the longest
option, and keys piling up in one position; and what the questions ask (`skill`). `python -m
tipcourse lint` fails beyond the limits below; `lint --cues [FILES]` prints the statistics,
course-wide or per bank / solution notebook.

Limits (course-wide, single choice): the key strictly the longest option in at most a third
of the questions, and in at least an eighth (never the longest is a cue as well); no position holding more than 40% of the keys. Multiple select: the right
options must not be systematically the longest (here: in at most a third of the questions are
all right options longer than every wrong one).

Skills: in every bank and every exercise, each question is tagged (`skill`), and at least half
apply a rule to a case or read data (`apply`, `data`), not only recall.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..paths import ROOT

LONGEST_LIMIT = 1 / 3
# ...and at least an eighth: a key that is never the longest is a cue too (rule the longest out)
LONGEST_MIN = 1 / 8
POSITION_LIMIT = 0.40
APPLIED = ("apply", "data")
APPLIED_MIN = 0.5


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
        if self.single >= 8 and self.key_longest / self.single < LONGEST_MIN:
            found.append(
                f"single choice: the key is strictly the longest option in only "
                f"{self.key_longest} of {self.single} ({self.key_longest / self.single:.0%}; at "
                f"least {LONGEST_MIN:.1%}, or ruling out the longest option pays)"
            )
        for position, n in sorted(self.positions.items()):
            # with fewer than 5 questions, a share says nothing (1 of 2 is 50%)
            if self.single >= 5 and n / self.single > POSITION_LIMIT:
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


def file_specs(path: Path) -> list[dict]:
    """The questions with keys of one source: a bank (.yaml) or a solution notebook."""
    from ..quiz.banks import parse_yaml
    from .lint import exercise_specs

    if path.suffix == ".yaml":
        return parse_yaml(path.read_text(encoding="utf-8")) or []
    return exercise_specs(path)


def course_files(root: Path = ROOT) -> list[Path]:
    """Every source of questions: the lesson banks and the solution notebooks."""
    from .lint import source_files

    banks = sorted((root / "tipcourse" / "banks").glob("l*.yaml"))
    return banks + source_files(root / "solutions", "ex[0-9][0-9]_*")


def course_specs(root: Path = ROOT) -> list[dict]:
    """Every question with its key, course-wide."""
    return [spec for path in course_files(root) for spec in file_specs(path)]


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


def summary(c: Cues) -> list[str]:
    share = ", ".join(f"{p} {n}" for p, n in sorted(c.positions.items()))
    return [
        f"single choice: {c.single} questions; key strictly longest in {c.key_longest}; "
        f"key positions: {share}",
        f"multiple select: {c.multiple} questions; right options all longest in {c.right_longest}",
    ]


def skills(specs: list[dict]) -> Counter[str]:
    """How many questions ask each skill ("untagged" for none)."""
    return Counter(str(spec.get("skill", "untagged")) for spec in specs)


def skill_problems(specs: list[dict]) -> list[str]:
    count = skills(specs)
    found = []
    if count["untagged"]:
        found.append(f"{count['untagged']} question(s) without a skill")
    applied = sum(count[s] for s in APPLIED)
    if specs and applied / len(specs) < APPLIED_MIN:
        found.append(
            f"{applied} of {len(specs)} questions apply a rule or read data "
            f"({applied / len(specs):.0%}; at least {APPLIED_MIN:.0%})"
        )
    return found


def problems(root: Path = ROOT) -> list[str]:
    """What is over the limits (`lint` fails on these): cues course-wide, skills per file."""
    found = [f"answer cues: {p}" for p in cues(course_specs(root)).problems()]
    for path in course_files(root):
        found += [f"{path.relative_to(root)}: {p}" for p in skill_problems(file_specs(path))]
    return found


def report(paths: list[Path] | None = None, root: Path = ROOT) -> list[str]:
    """Lines for `lint --cues`: the statistics course-wide, or for each file given, then what
    is over the limits."""
    if paths:
        lines = []
        for path in paths:
            specs = file_specs(path)
            c = cues(specs)
            lines += [f"{path}:"] + [f"  {line}" for line in summary(c)]
            lines.append(
                "  skills: " + ", ".join(f"{k} {n}" for k, n in sorted(skills(specs).items()))
            )
            lines += [f"  over the limit: {p}" for p in c.problems() + skill_problems(specs)]
        return lines
    c = cues(course_specs(root))
    return summary(c) + [f"over the limit: {p}" for p in c.problems()]

"""The question schema: every field of every question kind, declared once in `FIELDS`.

Validation (`validate_spec`), the key (`KEY_FIELDS`, `student_spec`: what release and the
widgets strip from a student copy) and the field table of docs/AUTHORING.md
(`markdown_table`) are all derived from that one table, so they cannot drift apart.

A row is one field for the kinds it applies to; a field whose shape differs by kind (answer,
feedback) has one row per shape. A KEY field reveals the answer: it is kept in banks,
solution notebooks and the grader's keys, and removed from every student copy.

    python -m tipcourse.quiz.schema     prints the Markdown table for docs/AUTHORING.md
"""

from __future__ import annotations

import difflib
import math
import numbers
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

KINDS = ("single", "multiple", "numeric", "text", "categorize", "order", "open")
# What a question asks of the student (issue 13: at least half of a lesson's scored questions
# apply a rule to a case or read data).
SKILLS = ("recall", "apply", "data", "reflect")
OUTCOMES = ("correct", "incorrect")  # the feedback keys of numeric, text and order
ID_PATTERN = r"[a-z0-9][a-z0-9-]*"


class SpecError(ValueError):
    """A question specification is malformed (an author's mistake)."""


Check = Callable[[object, dict], "str | None"]  # (value, whole spec) -> a problem, or None


@dataclass(frozen=True)
class Field:
    name: str
    kinds: tuple[str, ...]
    type: str  # as docs/AUTHORING.md shows it
    required: bool  # key fields are required only where the key is (banks, solutions)
    key: bool  # key material: reveals the answer
    description: str
    check: Check


# --- value checks: each returns what is wrong, or None ---------------------------------------


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


def _text(value: object, spec: dict) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return f"must be text, not {value!r}" + _yaml_hint(value)
    return None


def _yaml_hint(value: object) -> str:
    # YAML reads an unquoted Yes/No/On/Off as a boolean and 12 as a number.
    return " (quote it in YAML, e.g. \"Yes\")" if isinstance(value, (bool, int, float)) else ""


def _qid(value: object, spec: dict) -> str | None:
    if not isinstance(value, str) or not re.fullmatch(ID_PATTERN, value):
        return f"must be lower-case letters, digits and '-', not {value!r}"
    return None


def _kind(value: object, spec: dict) -> str | None:
    return None if value in KINDS else f"must be one of {', '.join(KINDS)}, not {value!r}"


def _skill(value: object, spec: dict) -> str | None:
    return None if value in SKILLS else f"must be one of {', '.join(SKILLS)}, not {value!r}"


def _non_negative_number(value: object, spec: dict) -> str | None:
    return (
        None
        if _is_number(value) and value >= 0
        else f"must be a number of 0 or more, not {value!r}"
    )


def _positive_int(value: object, spec: dict) -> str | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
    return None if ok else f"must be a whole number above 0, not {value!r}"


def _text_map(value: object) -> str | None:
    """What is wrong with `value` as a mapping of text ids to text, or None."""
    if not isinstance(value, dict):
        return f"must be a mapping of ids to text, not {type(value).__name__}"
    for key, text in value.items():
        if not isinstance(key, str):
            return f"ids must be text: {key!r} is not" + _yaml_hint(key)
        if not isinstance(text, str) or not text.strip():
            return f"the text of {key!r} must be text, not {text!r}" + _yaml_hint(text)
    return None


def _labels(value: object, spec: dict) -> str | None:
    problem = _text_map(value)
    if problem is None and len(value) < 2:
        problem = "must map at least two keys (ids) to their labels"
    return problem


def _same_keys(value: dict, expected: list[str], what: str) -> str | None:
    missing = [k for k in expected if k not in value]
    extra = [k for k in value if k not in expected]
    if missing or extra:
        parts = ([f"missing for {', '.join(missing)}"] if missing else []) + (
            [f"unknown {', '.join(map(str, extra))}"] if extra else []
        )
        return f"needs one entry per {what} ({', '.join(expected)}): " + "; ".join(parts)
    return None


def _feedback_per(field_name: str, what: str) -> Check:
    def check(value: object, spec: dict) -> str | None:
        return _text_map(value) or _same_keys(value, list(spec[field_name]), what)

    return check


def _feedback_outcomes(value: object, spec: dict) -> str | None:
    problem = _text_map(value)
    if problem is None and (set(value) - set(OUTCOMES) or not value):
        problem = f"keys must be {' and/or '.join(OUTCOMES)}, not {', '.join(map(str, value))}"
    return problem


def _answer(value: object, spec: dict) -> str | None:
    """The answer must be a response the question accepts (checked by the parsers)."""
    # Imported here: questions imports this module.
    from .questions import AnswerFormatError, parse_response

    kind = spec["kind"]
    if kind == "numeric" and not _is_number(value):
        return f"must be a number, not {value!r}"
    if kind == "text" and not (
        isinstance(value, str)
        or (isinstance(value, list) and value and all(isinstance(v, str) for v in value))
    ):
        return f"must be text or a list of accepted texts, not {value!r}"
    try:
        for variant in value if kind == "text" and isinstance(value, list) else [value]:
            parse_response(spec, variant)
    except AnswerFormatError as err:
        return f"does not fit the question: {err}"
    if kind == "order" and list(spec["items"]) == list(value):
        return (
            "the items are listed in the right order already; list them in another order "
            "(students see them as listed)"
        )
    return None


def near(x: float, target: float, tolerance: float) -> bool:
    """Whether x is within the (absolute) tolerance of target, allowing for rounding."""
    return abs(x - target) <= tolerance + 1e-9 * max(1.0, abs(target))


def matches_wrong_value(entry: dict, x: float, tolerance: float) -> bool:
    """Whether x is the typical wrong answer `entry` ({value} within tolerance, or [min, max])."""
    if "value" in entry:
        return near(x, float(entry["value"]), tolerance)
    return entry["min"] - 1e-9 <= x <= entry["max"] + 1e-9


def _wrong_values(value: object, spec: dict) -> str | None:
    if not isinstance(value, list) or not value:
        return "must be a list of {value, feedback} or {min, max, feedback}"
    for n, entry in enumerate(value, start=1):
        problem = _wrong_value(entry, spec)
        if problem:
            return f"entry {n}: {problem}"
    return None


def _wrong_value(entry: object, spec: dict) -> str | None:
    shapes = ({"value", "feedback"}, {"min", "max", "feedback"})
    if not isinstance(entry, dict) or set(entry) not in shapes:
        return f"must be {{value, feedback}} or {{min, max, feedback}}, not {entry!r}"
    bounds = [entry[k] for k in ("value", "min", "max") if k in entry]
    if not all(map(_is_number, bounds)) or ("min" in entry and entry["min"] > entry["max"]):
        return "value, min and max must be numbers, with min <= max"
    if _text(entry["feedback"], spec):
        return "feedback must be text"
    tolerance = float(spec.get("tolerance", 0))
    if "answer" in spec and matches_wrong_value(entry, float(spec["answer"]), tolerance):
        return "matches the right answer"
    return None


def _rubric(value: object, spec: dict) -> str | None:
    if not isinstance(value, list) or not value:
        return "must be a list of {criterion, points}"
    for n, row in enumerate(value, start=1):
        if (
            not isinstance(row, dict)
            or set(row) != {"criterion", "points"}
            or _text(row["criterion"], spec)
            or _non_negative_number(row["points"], spec)
        ):
            return f"entry {n} must be {{criterion: text, points: number >= 0}}, not {row!r}"
    total, worth = sum(row["points"] for row in value), spec.get("points", 1)
    if _is_number(worth) and not math.isclose(total, worth):
        return f"the criteria add up to {total:g} points, the question is worth {worth:g}"
    return None


# --- the table ---------------------------------------------------------------------------------

ALL = KINDS
CHOICE = ("single", "multiple")
OUTCOME_KINDS = ("numeric", "text", "order")

FIELDS: tuple[Field, ...] = (
    Field(
        "id",
        ALL,
        "text: `a-z`, `0-9`, `-`",
        True,
        False,
        "Unique across the course; starts with the notebook id (`l01-`, `ex01-`).",
        _qid,
    ),
    Field(
        "kind",
        ALL,
        "one of the seven kinds",
        True,
        False,
        "single, multiple, numeric, text, categorize, order or open.",
        _kind,
    ),
    Field("prompt", ALL, "Markdown text", True, False, "The question, self-contained.", _text),
    Field(
        "points",
        ALL,
        "number >= 0",
        False,
        False,
        "What the question is worth; 1 if not given, 0 for practice that is not scored.",
        _non_negative_number,
    ),
    Field("hint", ALL, "text", False, False, "Shown when the student presses Hint.", _text),
    Field(
        "skill",
        ALL,
        "recall, apply, data or reflect",
        False,
        True,
        "What the question asks: recall a fact, apply a rule to a case, read or compute from "
        "data, or reflect (open answers); lint counts apply and data per lesson.",
        _skill,
    ),
    Field(
        "options",
        CHOICE,
        "{option id: label}, at least two",
        True,
        False,
        "The choices, shown in this order.",
        _labels,
    ),
    Field(
        "items",
        ("categorize", "order"),
        "{item id: label}, at least two",
        True,
        False,
        "What is sorted or ordered, shown in this order (for order: not the right one).",
        _labels,
    ),
    Field(
        "categories",
        ("categorize",),
        "{category id: label}, at least two",
        True,
        False,
        "The categories an item can go to.",
        _labels,
    ),
    Field(
        "unit",
        ("numeric",),
        "text",
        False,
        False,
        "Shown after the answer box, e.g. `%` or `million persons`.",
        _text,
    ),
    Field(
        "min_words",
        ("open",),
        "whole number > 0",
        False,
        False,
        "A shorter answer is still saved, but flagged in the widget and at submission.",
        _positive_int,
    ),
    Field("answer", ("single",), "an option id", True, True, "The right option.", _answer),
    Field(
        "answer",
        ("multiple",),
        "[option ids]",
        True,
        True,
        "Every right option; a wrong pick costs as much as a right one earns.",
        _answer,
    ),
    Field("answer", ("numeric",), "number", True, True, "The right value.", _answer),
    Field(
        "answer",
        ("text",),
        "text, or [texts]",
        True,
        True,
        "The accepted answers (case, accents, spacing and punctuation ignored).",
        _answer,
    ),
    Field(
        "answer",
        ("categorize",),
        "{item id: category id}",
        True,
        True,
        "The right category of every item.",
        _answer,
    ),
    Field(
        "answer", ("order",), "[item ids]", True, True, "Every item, in the right order.", _answer
    ),
    Field(
        "tolerance",
        ("numeric",),
        "number >= 0",
        False,
        True,
        "How far from the answer still counts as right (absolute); 0 if not given.",
        _non_negative_number,
    ),
    Field(
        "feedback",
        CHOICE,
        "{option id: text}, every option",
        False,
        True,
        "Why each option is right or wrong (the course's banks and exercises always give it).",
        _feedback_per("options", "option"),
    ),
    Field(
        "feedback",
        ("categorize",),
        "{item id: text}, every item",
        False,
        True,
        "Why each item belongs where it does (always given in the course).",
        _feedback_per("items", "item"),
    ),
    Field(
        "feedback",
        OUTCOME_KINDS,
        "{correct: text, incorrect: text}, either or both",
        False,
        True,
        "Shown for a right or a wrong answer.",
        _feedback_outcomes,
    ),
    Field(
        "wrong_values",
        ("numeric",),
        "[{value, feedback} or {min, max, feedback}]",
        False,
        True,
        "Typical wrong answers (within the tolerance of `value`, or from `min` to "
        "`max`) and what went wrong; shown instead of the incorrect feedback.",
        _wrong_values,
    ),
    Field(
        "explanation",
        ALL,
        "Markdown text",
        False,
        True,
        "Why the right answer is right, shown after every check; for open, a model answer.",
        _text,
    ),
    Field(
        "rubric",
        ("open",),
        "[{criterion: text, points: number >= 0}]",
        True,
        True,
        "What the grader awards points for; the points add up to the question's.",
        _rubric,
    ),
)

KEY_FIELDS: tuple[str, ...] = tuple(dict.fromkeys(f.name for f in FIELDS if f.key))


def fields_for(kind: str) -> dict[str, Field]:
    """{name: row} of the fields a question of `kind` may have, in table order."""
    return {f.name: f for f in FIELDS if kind in f.kinds}


# --- deriving: validation, the student copy, the doc -------------------------------------------


def _error(where: str, qid: object, problem: str, field: str | None = None) -> SpecError:
    place = ", ".join(
        p
        for p in (
            where,
            f"question {qid}" if isinstance(qid, str) else "",
            f"field '{field}'" if field else "",
        )
        if p
    )
    return SpecError(f"{place}: {problem}" if place else problem)


def validate_spec(spec: dict, with_key: bool = True, where: str = "") -> dict:
    """Check an author's question spec against `FIELDS`; return it.

    `where` names the file (and cell) for the message. Without the key (a student copy), key
    fields are not required. Raises SpecError naming the place, the question and the field.
    """
    if not isinstance(spec, dict):
        raise _error(
            where,
            None,
            f"a question must be a mapping (id, kind, prompt, ...), not {type(spec).__name__}",
        )
    qid = spec.get("id")
    if problem := _qid(qid, spec):
        raise _error(where, None, f"the question id {problem}", "id")
    if problem := _kind(spec.get("kind"), spec):
        raise _error(where, qid, f"kind {problem}", "kind")
    fields = fields_for(spec["kind"])
    for name in spec:
        if name not in fields:
            raise _error(where, qid, _unknown(name, spec["kind"]))
    for name, row in fields.items():
        if name not in spec:
            if row.required and (with_key or not row.key):
                raise _error(
                    where, qid, f"the {name} is missing (required for {spec['kind']} questions)"
                )
        elif problem := row.check(spec[name], spec):
            raise _error(where, qid, problem, name)
    return spec


_ALIASES = {"model_answer": "explanation", "solution": "answer", "key": "answer"}


def _unknown(name: object, kind: str) -> str:
    kinds = [k for k in KINDS if name in fields_for(k)]
    if kinds:
        return f"the field {name!r} does not apply to {kind} questions (only to {', '.join(kinds)})"
    close = (
        [_ALIASES[name]]
        if name in _ALIASES
        else difflib.get_close_matches(str(name), fields_for(kind), n=1)
    )
    return f"unknown field {name!r}" + (
        f"; did you mean {close[0]!r}?"
        if close
        else f"; a {kind} question has {', '.join(fields_for(kind))}"
    )


def check_unique_ids(sources: Iterable[tuple[str, dict]]) -> None:
    """Raise SpecError if a question id appears twice in `sources`, (where, spec) pairs."""
    seen: dict[str, str] = {}
    for where, spec in sources:
        qid = spec.get("id")
        if qid in seen:
            raise _error(
                where,
                qid,
                f"the id is used twice: here and in {seen[qid]} (ids are unique across the course)",
                "id",
            )
        seen[qid] = where


def student_spec(spec: dict) -> dict:
    """The spec without its key: what a student copy may contain."""
    return {k: v for k, v in spec.items() if k not in KEY_FIELDS}


def markdown_table() -> str:
    """The field table of docs/AUTHORING.md (between its `schema:begin/end` markers)."""
    lines = ["| field | kinds | type | required | key | what it is |", "|---|---|---|---|---|---|"]
    for f in FIELDS:
        kinds = "all" if f.kinds == KINDS else ", ".join(f.kinds)
        cells = (
            f"`{f.name}`",
            kinds,
            f.type,
            "yes" if f.required else "no",
            "key" if f.key else "",
            f.description,
        )
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown_table(), end="")

"""Questions: answer parsing and checking. Plain Python, no widgets.

A question is a dict (written as YAML in a question bank or a solution notebook); its fields,
and which of them are the key, are declared in `schema.FIELDS` (and listed in
docs/AUTHORING.md).

A response is what the student gave, in the same shapes as `answer`: an option key (single),
a list of keys (multiple), a number (numeric), a string (text, open), {item: category}
(categorize), a list of item keys (order).
"""

from __future__ import annotations

import functools
import hashlib
import math
import numbers
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from ..i18n import N_, _, ngettext

# KEY_FIELDS, KINDS, SpecError, student_spec and validate_spec are declared in `schema` and
# re-exported here, where callers have always imported them from.
from .schema import (  # noqa: F401
    KEY_FIELDS,
    KINDS,
    SpecError,
    matches_wrong_value,
    near,
    student_spec,
    validate_spec,
)

# A response in its canonical form (see above); what a widget or a student gives is any object.
Response = str | float | list[str] | dict[str, str]


class AnswerFormatError(ValueError):
    """A response has the wrong form; the message tells the student what is expected."""


# What a status (`Result.status`, also a CSS class) reads as, in the course's language.
STATUS_LABELS = {
    "correct": N_("Correct"),
    "partly correct": N_("Partly correct"),
    "not correct": N_("Not correct"),
    "to be graded": N_("To be graded"),
}


@dataclass
class Result:
    """The outcome of checking one response."""

    score: float
    points: float
    messages: list[str] = field(default_factory=list)
    manual: bool = False  # open responses: scored later by rubric

    @property
    def correct(self) -> bool:
        return not self.manual and math.isclose(self.score, self.points)

    @property
    def status(self) -> str:
        if self.manual:
            return "to be graded"
        if self.correct:
            return "correct"
        return "partly correct" if self.score > 0 else "not correct"

    @property
    def label(self) -> str:
        """The status as a student reads it: "Correct", "Partly correct", ..."""
        return _(STATUS_LABELS[self.status])


def points(spec: dict) -> float:
    return float(spec.get("points", 1))


# --- parsing responses -----------------------------------------------------------------------


def parse_response(spec: dict, raw: object) -> Response:
    """Turn raw input into the canonical response for the question, or raise AnswerFormatError."""
    if raw is None or (isinstance(raw, (str, list, dict, tuple, set)) and len(raw) == 0):
        raise AnswerFormatError(_("No answer given yet."))
    return _PARSERS[spec["kind"]](spec, raw)


def _parse_single(spec: dict, raw: object) -> str:
    if not isinstance(raw, str) or raw not in spec["options"]:
        raise AnswerFormatError(
            _("Choose one of the options ({options}).").format(options=", ".join(spec["options"]))
        )
    return raw


def _parse_multiple(spec: dict, raw: object) -> list[str]:
    if isinstance(raw, str) or not all(isinstance(k, str) for k in raw):
        raise AnswerFormatError(_("Give a list of option letters."))
    unknown = [k for k in raw if k not in spec["options"]]
    if unknown:
        raise AnswerFormatError(
            _("Unknown option(s): {options}.").format(options=", ".join(unknown))
        )
    return sorted(set(raw), key=list(spec["options"]).index)


def parse_number(text: object) -> float:
    """Read a number typed the English or the Indonesian way: 3.14, 3,14, 1.234,5, 1,234.5."""
    if isinstance(text, bool):
        raise AnswerFormatError(_("Type a number, for example 3.5 or 3,5."))
    if isinstance(text, numbers.Real):  # includes numpy's int64/float64 from pandas results
        if not math.isfinite(text):
            raise AnswerFormatError(_("Type a finite number."))
        return float(text)
    if not isinstance(text, str):
        raise AnswerFormatError(_("Type a number, for example 3.5 or 3,5."))
    s = text.strip().replace(" ", "").replace("\u00a0", "").removesuffix("%")
    if not re.fullmatch(r"[-+]?[0-9][0-9.,]*", s) or s.endswith((".", ",")):
        raise AnswerFormatError(
            _(
                "{text} is not a number. Type digits only, e.g. 3.5 or 3,5 (no words or units)."
            ).format(text=repr(text))
        )
    if "," in s and "." in s:  # the later mark is the decimal one
        thousands = "." if s.rfind(",") > s.rfind(".") else ","
        s = s.replace(thousands, "").replace(",", ".")
    elif s.count(",") == 1:
        s = s.replace(",", ".")  # Indonesian decimal comma
    elif s.count(",") > 1 or s.count(".") > 1:
        s = s.replace(",", "").replace(".", "")  # thousands separators only
    return float(s)


def _parse_numeric(spec: dict, raw: object) -> float:
    return parse_number(raw)


@functools.lru_cache(maxsize=4096)  # a class's answers repeat the key's variants
def normalise_text(text: str) -> str:
    """Lower case, accents removed, runs of spaces and punctuation folded."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _parse_text(spec: dict, raw: object) -> str:
    if not isinstance(raw, str) or not normalise_text(raw):
        raise AnswerFormatError(_("Type a short answer in words."))
    return raw.strip()


def _parse_categorize(spec: dict, raw: object) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise AnswerFormatError(_("Assign each item to a category."))
    unknown = [k for k in raw if k not in spec["items"]]
    if unknown:
        raise AnswerFormatError(
            _("Unknown item(s): {items}.").format(items=", ".join(map(str, unknown)))
        )
    missing = [k for k in spec["items"] if raw.get(k) in (None, "")]
    if missing:
        raise AnswerFormatError(
            _("Choose a category for every item ({left} left).").format(left=len(missing))
        )
    bad = sorted({v for v in raw.values() if v not in spec["categories"]}, key=str)
    if bad:
        raise AnswerFormatError(
            _("Unknown category: {categories}.").format(categories=", ".join(map(str, bad)))
        )
    return {k: raw[k] for k in spec["items"]}


def _parse_order(spec: dict, raw: object) -> list[str]:
    if isinstance(raw, str) or sorted(map(str, raw)) != sorted(spec["items"]):
        raise AnswerFormatError(_("Put every item in order, each exactly once."))
    return list(raw)


def _parse_open(spec: dict, raw: object) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise AnswerFormatError(_("Write your answer in the box."))
    return raw.strip()


_PARSERS: dict[str, Callable[[dict, object], Response]] = {
    "single": _parse_single,
    "multiple": _parse_multiple,
    "numeric": _parse_numeric,
    "text": _parse_text,
    "categorize": _parse_categorize,
    "order": _parse_order,
    "open": _parse_open,
}


def word_count(text: str) -> int:
    return len(text.split())


def too_short(spec: dict, response: Response) -> str | None:
    """For an open answer under the spec's `min_words`: the note to show (it is still saved)."""
    least = spec.get("min_words") if spec["kind"] == "open" else None
    if not least or not isinstance(response, str):
        return None
    words = word_count(response)
    if words >= least:
        return None
    return ngettext(
        "Saved, but your answer has {words} word; this question asks for at least {least}.",
        "Saved, but your answer has {words} words; this question asks for at least {least}.",
        words,
    ).format(words=words, least=least)


# --- checking --------------------------------------------------------------------------------


def check(spec: dict, raw: object) -> Result:
    """Score a response against the spec's key, with feedback explaining why."""
    response = parse_response(spec, raw)
    result = _CHECKERS[spec["kind"]](spec, response)
    if spec.get("explanation"):
        if result.manual:
            result.messages.append(
                _("**For comparison:** {explanation}").format(explanation=spec["explanation"])
            )
        else:
            result.messages.append(spec["explanation"])
    return result


def _feedback(spec: dict, key: str, default: str = "") -> str:
    return spec.get("feedback", {}).get(key, default)


def _labelled(label: str, why: str) -> str:
    """`label: why`, without doubled punctuation when the label ends a sentence."""
    label = label.rstrip()
    if not why:
        return label
    return f"{label} {why}" if label.endswith((".", "?", "!", ":")) else f"{label}: {why}"


def _check_single(spec: dict, response: str) -> Result:
    right = response == spec["answer"]
    message = _feedback(spec, response) or (_("Correct.") if right else _("Not this one."))
    return Result(points(spec) if right else 0.0, points(spec), [message])


def _check_multiple(spec: dict, response: list[str]) -> Result:
    key, chosen = set(spec["answer"]), set(response)
    messages = [
        _labelled(f"{'✔' if (opt in key) else '✘'} {spec['options'][opt]}", _feedback(spec, opt))
        for opt in response
    ]
    missed = [opt for opt in spec["answer"] if opt not in chosen]
    if missed:
        messages.append(_("You left out {n} correct option(s).").format(n=len(missed)))
    # Each right choice earns a share; each wrong one takes a share away; never below zero.
    share = (len(chosen & key) - len(chosen - key)) / len(key)
    return Result(round(max(0.0, share) * points(spec), 4), points(spec), messages)


def _check_numeric(spec: dict, response: float) -> Result:
    target, tol = float(spec["answer"]), float(spec.get("tolerance", 0))
    right = near(response, target, tol)
    if right:
        message = _feedback(spec, "correct") or _("Correct.")
    else:
        message = (
            _wrong_value_feedback(spec, response, tol)
            or _feedback(spec, "incorrect")
            or _("Not quite: check your calculation and the unit.")
        )
    return Result(points(spec) if right else 0.0, points(spec), [message])


def _wrong_value_feedback(spec: dict, response: float, tol: float) -> str:
    """The feedback of the first typical wrong answer (`wrong_values`) the response matches."""
    return next(
        (
            entry["feedback"]
            for entry in spec.get("wrong_values", [])
            if matches_wrong_value(entry, response, tol)
        ),
        "",
    )


def _check_text(spec: dict, response: str) -> Result:
    variants = spec["answer"] if isinstance(spec["answer"], list) else [spec["answer"]]
    right = normalise_text(response) in {normalise_text(v) for v in variants}
    message = _feedback(spec, "correct" if right else "incorrect")
    return Result(
        points(spec) if right else 0.0,
        points(spec),
        [message or (_("Correct.") if right else _("That is not the expected term."))],
    )


def _check_categorize(spec: dict, response: dict[str, str]) -> Result:
    key = spec["answer"]
    right = [item for item in spec["items"] if response[item] == key[item]]
    messages = []
    for item, label in spec["items"].items():
        mark = "✔" if item in right else "✘"
        why = _feedback(spec, item)
        messages.append(_labelled(f"{mark} {label} → {spec['categories'][response[item]]}", why))
    score = points(spec) * len(right) / len(spec["items"])
    return Result(round(score, 4), points(spec), messages)


def _check_order(spec: dict, response: list[str]) -> Result:
    key = list(spec["answer"])
    in_place = sum(a == b for a, b in zip(response, key, strict=False))
    right = in_place == len(key)
    message = _feedback(spec, "correct" if right else "incorrect")
    if not right:
        message = (message + " " if message else "") + _(
            "{n} of {total} in the right place."
        ).format(n=in_place, total=len(key))
    score = points(spec) * in_place / len(key)
    return Result(round(score, 4), points(spec), [message or _("Correct order.")])


def _check_open(spec: dict, response: str) -> Result:
    message = too_short(spec, response) or _("Saved ({n} words).").format(n=word_count(response))
    return Result(0.0, points(spec), [message], manual=True)


_CHECKERS: dict[str, Callable[[dict, Response], Result]] = {
    "single": _check_single,
    "multiple": _check_multiple,
    "numeric": _check_numeric,
    "text": _check_text,
    "categorize": _check_categorize,
    "order": _check_order,
    "open": _check_open,
}


# --- the order a learner sees ----------------------------------------------------------------

SHUFFLED = {"single": "options", "multiple": "options", "categorize": "items"}


def option_order(spec: dict, learner_key: str | None) -> list[str]:
    """The ids of the question's options (single, multiple) or items (categorize) in the order
    this learner sees them: a shuffle seeded by the learner's key and the question id, so it
    is the same after every restart and differs between learners and questions. Without a
    key (solutions, the static site, executing notebooks for the repository) and for the
    other kinds: the authored order. Answers are stored by id, so grading is unchanged."""
    field = SHUFFLED.get(spec["kind"])
    if field is None:
        return list(spec.get("items") or spec.get("options") or [])
    ids = list(spec[field])
    if learner_key:
        seed = hashlib.sha256(f"{learner_key}:{spec['id']}".encode()).digest()
        random.Random(seed).shuffle(ids)
    return ids


# --- describing the key (solution notebooks, grader feedback) ---------------------------------


def describe_key(spec: dict) -> list[str]:
    """The answer key in words, one line per part (see `render.key_lines`)."""
    from .render import key_lines

    return key_lines(spec)

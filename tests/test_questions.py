"""Checking logic for every question kind: right, wrong, malformed, empty."""

import numpy as np
import pytest

from tipcourse.quiz.questions import (
    AnswerFormatError,
    SpecError,
    check,
    describe_key,
    normalise_text,
    parse_number,
    student_spec,
    too_short,
    validate_spec,
)

SINGLE = {
    "id": "t-single",
    "kind": "single",
    "prompt": "Pick",
    "points": 2,
    "options": {"a": "Alpha", "b": "Beta"},
    "answer": "b",
    "feedback": {"a": "Alpha is wrong because...", "b": "Beta is right because..."},
    "explanation": "General why.",
}
MULTI = {
    "id": "t-multi",
    "kind": "multiple",
    "prompt": "Pick all",
    "points": 2,
    "options": {"a": "A", "b": "B", "c": "C", "d": "D"},
    "answer": ["a", "c"],
    "feedback": {"a": "yes a", "b": "no b", "c": "yes c", "d": "no d"},
}
NUM = {
    "id": "t-num",
    "kind": "numeric",
    "prompt": "How many?",
    "answer": 3.86,
    "tolerance": 0.01,
    "feedback": {"correct": "Right.", "incorrect": "Check the unit."},
}
TEXT = {
    "id": "t-text",
    "kind": "text",
    "prompt": "Term?",
    "answer": ["penjeratan utang", "debt bondage"],
}
CAT = {
    "id": "t-cat",
    "kind": "categorize",
    "prompt": "Sort",
    "points": 3,
    "items": {"x": "Recruited", "y": "Deceived", "z": "Forced labour"},
    "categories": {"act": "Act", "means": "Means", "purpose": "Purpose"},
    "answer": {"x": "act", "y": "means", "z": "purpose"},
    "feedback": {
        "x": "Recruiting is an act.",
        "y": "Deception is a means.",
        "z": "Forced labour is exploitation.",
    },
}
ORDER = {
    "id": "t-order",
    "kind": "order",
    "prompt": "Order",
    "points": 3,
    "items": {"p": "2007", "q": "2000", "r": "2017"},
    "answer": ["q", "p", "r"],
}
OPEN = {
    "id": "t-open",
    "kind": "open",
    "prompt": "Discuss",
    "points": 5,
    "rubric": [
        {"criterion": "Names the three elements", "points": 3},
        {"criterion": "Uses the case", "points": 2},
    ],
}
ALL = [SINGLE, MULTI, NUM, TEXT, CAT, ORDER, OPEN]


@pytest.mark.parametrize("spec", ALL, ids=lambda s: s["kind"])
def test_specs_validate(spec):
    assert validate_spec(spec) is spec


@pytest.mark.parametrize("spec", ALL, ids=lambda s: s["kind"])
def test_empty_answer_is_rejected(spec):
    for empty in (None, "", [], {}):
        with pytest.raises(AnswerFormatError, match="No answer"):
            check(spec, empty)


def test_single_right_wrong_malformed():
    right = check(SINGLE, "b")
    assert right.correct and right.score == 2 and right.status == "correct"
    assert right.messages == ["Beta is right because...", "General why."]
    wrong = check(SINGLE, "a")
    assert not wrong.correct and wrong.score == 0 and "Alpha is wrong" in wrong.messages[0]
    with pytest.raises(AnswerFormatError, match="Choose one of the options"):
        check(SINGLE, "c")


def test_multiple_partial_credit_and_per_option_feedback():
    assert check(MULTI, ["a", "c"]).score == 2
    half = check(MULTI, ["a"])
    assert half.score == 1 and half.status == "partly correct"
    assert any("left out 1" in m for m in half.messages)
    wrong_pick = check(MULTI, ["a", "b"])
    assert wrong_pick.score == 0 and any("no b" in m for m in wrong_pick.messages)
    assert check(MULTI, ["a", "b", "c", "d"]).score == 0
    with pytest.raises(AnswerFormatError, match="Unknown option"):
        check(MULTI, ["a", "z"])
    with pytest.raises(AnswerFormatError):
        check(MULTI, "a")


@pytest.mark.parametrize(
    "typed,value",
    [
        ("3.14", 3.14),
        ("3,14", 3.14),
        (" 3,14 ", 3.14),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1.234.567", 1234567),
        ("1,234,567", 1234567),
        ("-2", -2),
        ("12%", 12),
        (7, 7.0),
        (np.int64(9), 9.0),
        (np.float64(2.5), 2.5),
    ],
)
def test_parse_number_accepts_english_and_indonesian(typed, value):
    assert parse_number(typed) == pytest.approx(value)


@pytest.mark.parametrize(
    "typed",
    [
        "abc",
        "3 million",
        "3,",
        "1..2x",
        "",
        "--1",
        True,
        np.bool_(True),
        float("nan"),
        np.float64("inf"),
    ],
)
def test_parse_number_rejects_text_clearly(typed):
    with pytest.raises(AnswerFormatError):
        parse_number(typed)


def test_numeric_tolerance_edges():
    assert check(NUM, "3,86").correct
    assert check(NUM, "3.87").correct  # exactly at the tolerance edge
    assert check(NUM, "3.85").correct
    assert not check(NUM, "3.871").correct
    assert check(NUM, "3.871").messages[0] == "Check the unit."
    with pytest.raises(AnswerFormatError, match="not a number"):
        check(NUM, "about four")


def test_text_ignores_case_spacing_accents():
    assert check(TEXT, "  Penjeratan   UTANG ").correct
    assert check(TEXT, "débt-bondage").correct
    assert not check(TEXT, "forced labour").correct
    assert normalise_text("Bélis!") == "belis"
    with pytest.raises(AnswerFormatError):
        check(TEXT, "   ...  ")


def test_categorize_scores_each_item():
    assert check(CAT, {"x": "act", "y": "means", "z": "purpose"}).score == 3
    partial = check(CAT, {"x": "act", "y": "purpose", "z": "purpose"})
    assert partial.score == 2
    assert any(m.startswith("✘ Deceived") and "Deception is a means" in m for m in partial.messages)
    with pytest.raises(AnswerFormatError, match="every item"):
        check(CAT, {"x": "act", "y": "", "z": "purpose"})
    with pytest.raises(AnswerFormatError, match="Unknown category"):
        check(CAT, {"x": "act", "y": "nope", "z": "purpose"})


def test_order_counts_items_in_place():
    assert check(ORDER, ["q", "p", "r"]).correct
    wrong = check(ORDER, ["p", "q", "r"])
    assert wrong.score == 1 and "1 of 3" in wrong.messages[0]
    with pytest.raises(AnswerFormatError, match="each exactly once"):
        check(ORDER, ["q", "q", "r"])


def test_open_is_saved_for_manual_grading():
    result = check(OPEN, "The act, the means and the purpose are all present here.")
    assert result.manual and result.status == "to be graded" and not result.correct
    assert result.messages == ["Saved (11 words)."]
    with_model = check({**OPEN, "explanation": "Model."}, "Some words here.")
    assert with_model.messages[-1] == "**For comparison:** Model."


def test_student_spec_drops_every_key_field():
    for spec in ALL:
        stripped = student_spec(spec)
        assert not {"answer", "feedback", "explanation", "rubric", "tolerance"} & set(stripped)
        assert stripped["prompt"] == spec["prompt"]


@pytest.mark.parametrize(
    "bad,message",
    [
        ({"id": "Bad Id", "kind": "single", "prompt": "p"}, "lower-case"),
        ({"id": "q", "kind": "essay", "prompt": "p"}, "kind must be"),
        ({"id": "q", "kind": "text"}, "prompt"),
        (
            {"id": "q", "kind": "single", "prompt": "p", "options": {"a": "A"}, "answer": "a"},
            "two keys",
        ),
        (
            {"id": "q", "kind": "single", "prompt": "p", "options": {"a": "A", "b": "B"}},
            "answer is missing",
        ),
        (
            {
                "id": "q",
                "kind": "single",
                "prompt": "p",
                "options": {"a": "A", "b": "B"},
                "answer": "c",
            },
            "does not fit",
        ),
    ],
)
def test_bad_specs_are_named(bad, message):
    with pytest.raises(SpecError, match=message):
        validate_spec(bad)


def test_describe_key_reads_well():
    assert describe_key(SINGLE)[0] == "Answer: b) Beta"
    assert describe_key(NUM)[0] == "Answer: 3.86 (± 0.01)"
    assert describe_key(ORDER)[0] == "Order: 2000 → 2007 → 2017"
    assert describe_key(OPEN) == [
        "Rubric: Names the three elements (3 pt)",
        "Rubric: Uses the case (2 pt)",
    ]


def test_too_short_names_the_count_and_the_minimum():
    essay = {**OPEN, "min_words": 5}
    assert too_short(essay, "Act, means, purpose.") == (
        "Saved, but your answer has 3 words; this question asks for at least 5."
    )
    assert too_short(essay, "One") == (
        "Saved, but your answer has 1 word; this question asks for at least 5."
    )
    assert too_short(essay, "The act, the means, the purpose.") is None
    assert too_short(OPEN, "Short.") is None  # no minimum
    assert check(essay, "Act, means, purpose.").messages == [
        too_short(essay, "Act, means, purpose.")
    ]


def test_feedback_never_doubles_punctuation_after_a_label():
    spec = {
        "id": "t-punct",
        "kind": "multiple",
        "prompt": "Which?",
        "options": {"a": "Explains why the answer is right.", "b": "Says nothing"},
        "answer": ["a"],
        "feedback": {"a": "Yes: it does.", "b": "No."},
    }
    messages = check(spec, ["a", "b"]).messages
    assert messages[0] == "✔ Explains why the answer is right. Yes: it does."
    assert messages[1] == "✘ Says nothing: No."
    assert not any(".:" in m for m in messages)

"""The question schema: one table from which validation, the key and the authoring doc derive;
and every question of the course (banks and solution notebooks) checked against it."""

import re

import pytest

from tipcourse.paths import BANKS, ROOT
from tipcourse.quiz import schema
from tipcourse.quiz.banks import parse_yaml
from tipcourse.quiz.questions import check, student_spec
from tipcourse.quiz.schema import SpecError, check_unique_ids, validate_spec

SINGLE = {
    "id": "t-single",
    "kind": "single",
    "prompt": "Pick",
    "options": {"a": "A", "b": "B"},
    "answer": "b",
    "feedback": {"a": "Not a.", "b": "Right: b."},
}
CAT = {
    "id": "t-cat",
    "kind": "categorize",
    "prompt": "Sort",
    "items": {"x": "Recruited", "y": "Deceived"},
    "categories": {"act": "Act", "means": "Means"},
    "answer": {"x": "act", "y": "means"},
    "feedback": {"x": "An act.", "y": "A means."},
}
ORDER = {
    "id": "t-order",
    "kind": "order",
    "prompt": "Order",
    "items": {"p": "2007", "q": "2000"},
    "answer": ["q", "p"],
}
NUM = {"id": "t-num", "kind": "numeric", "prompt": "How many?", "answer": 3.86, "tolerance": 0.01}
OPEN = {
    "id": "t-open",
    "kind": "open",
    "prompt": "Discuss",
    "points": 3,
    "min_words": 50,
    "rubric": [
        {"criterion": "Names the elements", "points": 2},
        {"criterion": "Uses the case", "points": 1},
    ],
}


def rejects(spec: dict, *fragments: str, **kwargs) -> str:
    """Validate `spec`, expect a SpecError, and check its message names every fragment."""
    with pytest.raises(SpecError) as err:
        validate_spec(spec, **kwargs)
    message = str(err.value)
    for fragment in fragments:
        assert fragment in message
    return message


# --- the rules ---------------------------------------------------------------------------------


def test_messages_name_the_file_the_question_and_the_field():
    message = rejects(
        {**SINGLE, "points": "two"},
        "l09.yaml",
        "question t-single",
        "field 'points'",
        where="l09.yaml",
    )
    assert message.startswith("l09.yaml, question t-single, field 'points': ")


@pytest.mark.parametrize(
    "field,hint",
    [
        ("explaination", "did you mean 'explanation'"),
        ("model_answer", "did you mean 'explanation'"),
        ("wrong", "a single question has id, kind"),
    ],
)
def test_unknown_fields_are_errors(field, hint):
    rejects({**SINGLE, field: "x"}, f"unknown field {field!r}", hint)


def test_a_field_of_another_kind_is_an_error():
    rejects({**SINGLE, "min_words": 80}, "'min_words' does not apply to single", "only to open")


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("options", {"a": "A", "b": True}, "quote it in YAML"),  # `b: Yes` unquoted is a boolean
        ("options", {"a": "A", 2: "B"}, "ids must be text"),
        ("options", ["A", "B"], "mapping of ids to text"),
        ("options", {"a": "A"}, "at least two"),
        ("points", -1, "number of 0 or more"),
        ("points", "2", "number of 0 or more"),
        ("points", True, "number of 0 or more"),
        ("prompt", "", "must be text"),
        ("hint", 3, "must be text"),
        ("explanation", ["a", "b"], "must be text"),
        ("answer", "c", "does not fit the question"),
    ],
)
def test_wrong_types_are_errors(field, value, message):
    rejects({**SINGLE, field: value}, f"field '{field}'", message)


@pytest.mark.parametrize("value", [0, -5, 2.5, "80", True])
def test_min_words_is_a_positive_whole_number(value):
    rejects({**OPEN, "min_words": value}, "field 'min_words'", "whole number above 0")


def test_numeric_fields_are_numbers():
    rejects({**NUM, "answer": "3,86"}, "field 'answer'", "must be a number")
    rejects({**NUM, "tolerance": -0.1}, "field 'tolerance'", "0 or more")
    rejects({**NUM, "unit": 7}, "field 'unit'", "must be text")


def test_rubric_shape_and_total():
    rejects({**OPEN, "rubric": [{"criterion": "x"}]}, "field 'rubric'", "entry 1")
    rejects({**OPEN, "rubric": [{"criterion": "x", "points": 2, "level": 1}]}, "entry 1")
    rejects({**OPEN, "rubric": []}, "field 'rubric'")
    rejects({**OPEN, "points": 4}, "add up to 3 points", "worth 4")
    rejects({k: v for k, v in OPEN.items() if k != "rubric"}, "the rubric is missing")
    validate_spec({k: v for k, v in OPEN.items() if k != "rubric"}, with_key=False)


@pytest.mark.parametrize("spec,owner", [(SINGLE, "options"), (CAT, "items")])
def test_feedback_keys_must_equal_the_option_or_item_ids(spec, owner):
    first, second = list(spec[owner])
    rejects({**spec, "feedback": {first: "why"}}, "field 'feedback'", f"missing for {second}")
    rejects(
        {**spec, "feedback": {**spec["feedback"], "zz": "why"}}, "field 'feedback'", "unknown zz"
    )
    rejects({**spec, "feedback": {first: "why", second: None}}, "field 'feedback'")


@pytest.mark.parametrize(
    "spec",
    [NUM, ORDER, {"id": "t-t", "kind": "text", "prompt": "Term?", "answer": ["belis"]}],
    ids=lambda s: s["kind"],
)
def test_outcome_feedback_keys_are_correct_and_incorrect(spec):
    validate_spec({**spec, "feedback": {"incorrect": "Check the year."}})
    validate_spec({**spec, "feedback": {"correct": "Yes.", "incorrect": "No."}})
    rejects({**spec, "feedback": {"right": "Yes."}}, "field 'feedback'", "correct and/or incorrect")
    rejects({**spec, "feedback": {}}, "field 'feedback'")


def test_order_items_must_not_be_listed_in_the_answers_order():
    rejects({**ORDER, "answer": ["p", "q"]}, "field 'answer'", "right order already")
    validate_spec(ORDER)


def test_a_student_copy_needs_no_key_but_a_half_key_is_checked():
    validate_spec(student_spec(SINGLE), with_key=False)
    rejects(student_spec(SINGLE), "the answer is missing")
    rejects({**student_spec(SINGLE), "feedback": {"a": "x"}}, "missing for b", with_key=False)


def test_wrong_values_give_their_feedback():
    spec = {
        **NUM,
        "feedback": {"incorrect": "Check the unit."},
        "wrong_values": [
            {"value": 386, "feedback": "That is per cent, not millions."},
            {"min": 30, "max": 40, "feedback": "Off by ten."},
        ],
    }
    validate_spec(spec)
    assert check(spec, "386,005").messages == ["That is per cent, not millions."]  # tolerance
    assert check(spec, 38.6).messages == ["Off by ten."]
    assert check(spec, 5).messages == ["Check the unit."]
    assert check(spec, 3.86).messages == ["Correct."]


@pytest.mark.parametrize(
    "entries,message",
    [
        ([{"value": 3.86, "feedback": "x"}], "matches the right answer"),
        ([{"min": 3, "max": 4, "feedback": "x"}], "matches the right answer"),
        ([{"min": 5, "max": 4, "feedback": "x"}], "min <= max"),
        ([{"value": 5}], "entry 1"),
        ([{"value": "5", "feedback": "x"}], "must be numbers"),
        ([{"value": 5, "feedback": "x", "note": "y"}], "entry 1"),
        ({"value": 5, "feedback": "x"}, "must be a list"),
    ],
)
def test_wrong_values_are_checked(entries, message):
    rejects({**NUM, "wrong_values": entries}, "field 'wrong_values'", message)


def test_ids_must_be_unique_across_sources():
    check_unique_ids([("l01.yaml", SINGLE), ("ex01_x.md line 3", CAT)])
    with pytest.raises(
        SpecError,
        match=r"ex01_x\.md line 40, question t-single, field 'id': "
        r"the id is used twice: here and in l01\.yaml",
    ):
        check_unique_ids(
            [
                ("l01.yaml", SINGLE),
                ("ex01_x.md line 3", CAT),
                ("ex01_x.md line 40", {**SINGLE, "prompt": "Another"}),
            ]
        )


# --- derived from the table ---------------------------------------------------------------------


def test_student_spec_drops_exactly_the_key_fields():
    key = {f.name for f in schema.FIELDS if f.key}
    assert set(schema.KEY_FIELDS) == key
    assert key >= {"answer", "tolerance", "feedback", "wrong_values", "explanation", "rubric"}
    every_field = {f.name: f"value of {f.name}" for f in schema.FIELDS}
    assert set(student_spec(every_field)) == {f.name for f in schema.FIELDS} - key


def test_a_field_is_key_material_for_every_kind_or_none():
    for name in {f.name for f in schema.FIELDS}:
        assert len({f.key for f in schema.FIELDS if f.name == name}) == 1, name


def test_each_kind_has_each_field_once():
    for kind in schema.KINDS:
        names = [f.name for f in schema.FIELDS if kind in f.kinds]
        assert len(names) == len(set(names)), kind
        assert {"id", "kind", "prompt", "points", "explanation"} <= set(names)


def test_authoring_doc_lists_the_schema():
    doc = (ROOT / "docs" / "AUTHORING.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- schema:begin -->\n(.*?)<!-- schema:end -->", doc, re.S)
    assert match, "docs/AUTHORING.md needs the <!-- schema:begin/end --> markers"
    assert match.group(1) == schema.markdown_table(), (
        "The field table in docs/AUTHORING.md differs from the schema: paste the output of "
        "`.venv/bin/python -m tipcourse.quiz.schema` between its markers."
    )


def test_markdown_table_has_a_row_per_field():
    table = schema.markdown_table().splitlines()
    assert len(table) == 2 + len(schema.FIELDS)
    assert "| `wrong_values` | numeric |" in schema.markdown_table()
    assert all(len(re.findall(r"(?<!\\)\|", row)) == 7 for row in table)  # six columns each


# --- every question of the course ----------------------------------------------------------------

CELL = re.compile(
    r"^```\{code-cell\}[^\n]*\n(?:---\n.*?\n---\n)?%%question\n(.*?)^```", re.S | re.M
)


def bank_questions() -> list[tuple[str, dict]]:
    return [
        (path.name, spec)
        for path in sorted(BANKS.glob("*.yaml"))
        for spec in parse_yaml(path.read_text(encoding="utf-8")) or []
    ]


def solution_questions() -> list[tuple[str, dict]]:
    found = []
    for path in sorted((ROOT / "solutions").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        cells = list(CELL.finditer(text))
        assert len(cells) == len(re.findall(r"^%%question$", text, re.M)), path.name
        found += [
            (f"{path.name} line {text.count(chr(10), 0, m.start()) + 1}", parse_yaml(m.group(1)))
            for m in cells
        ]
    return found


def test_every_question_of_the_course_validates_and_has_a_unique_id():
    banks, solutions = bank_questions(), solution_questions()
    assert len(banks) > 50 and len(solutions) > 50
    for where, spec in banks + solutions:
        validate_spec(spec, where=where)
    check_unique_ids(banks + solutions)


def test_every_option_and_item_of_the_course_has_feedback():
    for where, spec in bank_questions() + solution_questions():
        if spec["kind"] in ("single", "multiple", "categorize"):
            assert "feedback" in spec, f"{where}: {spec['id']} has no feedback"

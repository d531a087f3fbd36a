"""The cue statistics of `lint --cues`, on small made-up question sets."""

from tipcourse.authoring.cues import course_specs, cues


def single(qid: str, options: dict, answer: str) -> dict:
    return {"id": qid, "kind": "single", "options": options, "answer": answer}


def test_the_longest_key_and_the_position_are_counted():
    specs = [
        single("q1", {"a": "short", "b": "a much longer option"}, "b"),
        single("q2", {"a": "the longest option here", "b": "no"}, "a"),
        single("q3", {"a": "same", "b": "size"}, "b"),
    ]  # a tie is not "strictly longest"
    c = cues(specs)
    assert (c.single, c.key_longest, c.positions) == (3, 2, {"b": 2, "a": 1})
    problems = c.problems()
    assert any("strictly the longest option in 2 of 3" in p for p in problems)
    assert any("2 of 3 keys are option b" in p for p in problems)


def test_multiple_select_right_options_all_longest():
    spec = {
        "id": "m",
        "kind": "multiple",
        "options": {"a": "long right one", "b": "no", "c": "another right"},
        "answer": ["a", "c"],
    }
    fair = {**spec, "id": "m2", "options": {"a": "yes", "b": "a long wrong option", "c": "ok"}}
    c = cues([spec, fair])
    assert (c.multiple, c.right_longest) == (2, 1)
    assert any("multiple select" in p for p in c.problems())


def test_balanced_sets_pass():
    specs = [
        single(f"q{i}", {"a": "one option", "b": "two option", "c": "six option"}, "abc"[i % 3])
        for i in range(9)
    ]
    assert cues(specs).problems() == []


def test_the_course_is_measured_from_its_banks_and_keys():
    specs = course_specs()
    assert sum(s["kind"] == "single" for s in specs) > 40

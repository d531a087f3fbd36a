"""The cue statistics of `lint --cues`, on small made-up question sets."""

from tipcourse.authoring.cues import course_specs, cues, skill_problems


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
    assert not any("keys are option" in p for p in problems)  # 3 questions: no share judged
    five = specs + [
        single("q4", {"a": "x", "b": "y"}, "b"),
        single("q5", {"a": "x", "b": "y"}, "a"),
    ]
    assert any("3 of 5 keys are option b" in p for p in cues(five).problems())


def test_skills_are_required_and_half_apply_or_read_data():
    tagged = [{"id": f"q{i}", "skill": s} for i, s in enumerate(["apply", "data", "recall"])]
    assert skill_problems(tagged) == []
    recall = [{"id": "r1", "skill": "recall"}, {"id": "r2", "skill": "reflect"}, tagged[0]]
    assert skill_problems(recall) == [
        "1 of 3 questions apply a rule or read data (33%; at least 50%)"
    ]
    assert skill_problems([{"id": "u"}, *tagged]) == ["1 question(s) without a skill"]


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
    specs[0]["options"]["a"] = "the longest option"  # the key is the longest in 2 of 9
    specs[4]["options"]["b"] = "the longest option"
    assert cues(specs).problems() == []


def test_the_course_is_measured_from_its_banks_and_solution_sources():
    specs = course_specs()
    assert sum(s["kind"] == "single" for s in specs) > 40
    assert {s["id"][:4] for s in specs} >= {"l00-", "ex01", "ex08"}


def test_a_key_that_is_never_the_longest_is_a_cue_too():
    never = [
        single(f"q{i}", {"a": "a long wrong one", "b": "key", "c": "x"}, "b") for i in range(8)
    ]
    assert any("in only 0 of 8" in p for p in cues(never).problems())
    some = never[:7] + [single("q8", {"a": "no", "b": "the longest key"}, "b")]
    assert not any("in only" in p for p in cues(some).problems())


def test_the_course_is_within_the_limits():
    from tipcourse.authoring.cues import problems

    assert problems() == []

"""The decision aids follow every rule of Palermo Art. 3 and ILO C29 Art. 2."""

import pytest

from tipcourse.law import ACTS, C29_EXCEPTIONS, MEANS, PURPOSES, forced_labour_test, palermo_test


def text(verdict):
    return " ".join(verdict.reasons)


def test_adult_with_act_means_purpose_is_trafficking():
    v = palermo_test({"recruitment"}, {"deception"}, {"forced_labour"}, age=30)
    assert v.met and "Art. 3(b)" in text(v) and "recruitment" in text(v)


@pytest.mark.parametrize("missing", ["acts", "means", "purposes"])
def test_adult_missing_any_element_is_not_trafficking(missing):
    parts = {"acts": {"transfer"}, "means": {"force"}, "purposes": {"servitude"}}
    parts[missing] = set()
    v = palermo_test(**parts, age=25)
    assert not v.met and f"No {'act' if missing == 'acts' else missing.rstrip('s')}" in text(v)


def test_child_needs_no_means():
    v = palermo_test({"harbouring"}, set(), {"sexual_exploitation"}, age=16)
    assert v.met and "Art. 3(c)" in text(v) and "Art. 3(d)" in text(v)


def test_seventeen_is_a_child_and_eighteen_is_not():
    assert palermo_test({"receipt"}, (), {"slavery"}, age=17).met
    assert not palermo_test({"receipt"}, (), {"slavery"}, age=18).met


def test_child_still_needs_act_and_purpose():
    assert not palermo_test(set(), set(), {"forced_labour"}, age=12).met
    assert not palermo_test({"recruitment"}, set(), set(), age=12).met


def test_unknown_age_applies_adult_rule_and_says_so():
    v = palermo_test({"recruitment"}, set(), {"forced_labour"})
    assert not v.met and "Age unknown" in text(v)
    assert palermo_test({"recruitment"}, {"payments"}, {"organ_removal"}).met


def test_consent_is_irrelevant_once_means_used():
    assert (
        "consent"
        in text(
            palermo_test({"transportation"}, {"abuse_of_vulnerability"}, {"forced_labour"}, age=40)
        ).lower()
    )


def test_every_enumerated_value_is_accepted():
    for act in ACTS:
        for means in MEANS:
            for purpose in PURPOSES:
                assert palermo_test({act}, {means}, {purpose}, age=20).met


@pytest.mark.parametrize(
    "kwargs,named",
    [
        ({"acts": {"kidnap"}}, "Unknown act"),
        ({"means": {"bribery"}}, "Unknown means"),
        ({"purposes": {"begging"}}, "Unknown purpose"),
    ],
)
def test_unknown_values_name_the_allowed_ones(kwargs, named):
    with pytest.raises(ValueError, match=named) as err:
        palermo_test(**kwargs)
    assert "Allowed:" in str(err.value)


@pytest.mark.parametrize("age", [-1, 2.5, "16", True])
def test_bad_age_is_refused(age):
    with pytest.raises(ValueError, match="Age"):
        palermo_test({"recruitment"}, {"force"}, {"slavery"}, age=age)


def test_forced_labour_needs_menace_and_involuntariness():
    assert forced_labour_test(involuntary=True, menace_of_penalty=True).met
    assert not forced_labour_test(involuntary=False, menace_of_penalty=True).met
    no_menace = forced_labour_test(involuntary=True, menace_of_penalty=False)
    assert not no_menace.met and "No menace" in text(no_menace)


@pytest.mark.parametrize("exception", sorted(C29_EXCEPTIONS))
def test_each_article_2_2_exception_excludes(exception):
    v = forced_labour_test(True, True, exception)
    assert not v.met and "Art. 2(2)" in text(v)


def test_exception_list_is_the_convention_s_five():
    assert sorted(C29_EXCEPTIONS) == [
        "civic_obligation",
        "communal_service",
        "emergency",
        "military_service",
        "prison_labour",
    ]
    with pytest.raises(ValueError, match="Unknown exception"):
        forced_labour_test(True, True, "national_service")

"""Legal decision aids: the Palermo Protocol's definition and ILO C29's definition of forced labour.

Teaching aids, not legal advice: they apply the text of the definitions to the elements a
student has identified, and explain which paragraph decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

# Palermo Protocol (2000), Art. 3(a); the value ids match data/palermo_elements.csv.
ACTS = ("recruitment", "transportation", "transfer", "harbouring", "receipt")
MEANS = (
    "threat",
    "force",
    "coercion",
    "abduction",
    "fraud",
    "deception",
    "abuse_of_power",
    "abuse_of_vulnerability",
    "payments",
)
PURPOSES = ("sexual_exploitation", "forced_labour", "slavery", "servitude", "organ_removal")

# ILO Forced Labour Convention, 1930 (No. 29), Art. 2(2)(a)-(e); ids match data/c29_exceptions.csv.
C29_EXCEPTIONS = {
    "military_service": "Art. 2(2)(a): work exacted under compulsory military service laws for "
    "work of a purely military character",
    "civic_obligation": "Art. 2(2)(b): work that forms part of the normal civic obligations of "
    "the citizens of a fully self-governing country",
    "prison_labour": "Art. 2(2)(c): work exacted as a consequence of a conviction in a court of "
    "law, carried out under the supervision of a public authority and not "
    "placed at the disposal of private individuals or companies",
    "emergency": "Art. 2(2)(d): work exacted in cases of emergency, such as war or a calamity "
    "that endangers the existence or well-being of the population",
    "communal_service": "Art. 2(2)(e): minor communal services performed by members of a "
    "community in its direct interest, after consulting the community",
}

ADULT_AGE = 18  # Art. 3(d): "child" shall mean any person under eighteen years of age


@dataclass
class Verdict:
    """Whether a definition is met, and the reasons in plain language."""

    met: bool
    reasons: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        head = "Definition met." if self.met else "Definition not met."
        return "\n".join([head, *(f"- {r}" for r in self.reasons)])


# The elements of one kind found in a case: one id, several, or none.
Elements = str | Iterable[str] | None


def _checked(values: Elements, allowed: tuple, what: str) -> set:
    if isinstance(values, str):
        values = {values}
    chosen = set(values or ())
    unknown = sorted(chosen - set(allowed))
    if unknown:
        raise ValueError(f"Unknown {what}: {', '.join(unknown)}. Allowed: {', '.join(allowed)}")
    return chosen


def _names(values: set, order: tuple) -> str:
    return ", ".join(v.replace("_", " ") for v in order if v in values)


def palermo_test(
    acts: Elements = (), means: Elements = (), purposes: Elements = (), age: int | None = None
) -> Verdict:
    """Apply Art. 3 of the Palermo Protocol to the elements identified in a case."""
    acts = _checked(acts, ACTS, "act")
    means = _checked(means, MEANS, "means")
    purposes = _checked(purposes, PURPOSES, "purpose")
    if age is not None and (not isinstance(age, int) or isinstance(age, bool) or age < 0):
        raise ValueError(f"Age must be a whole number of years (0 or more) or None, not {age!r}")
    child = age is not None and age < ADULT_AGE
    reasons = []

    if acts:
        reasons.append(f"Act present (Art. 3(a)): {_names(acts, ACTS)}.")
    else:
        reasons.append(
            "No act (Art. 3(a)): there must be recruitment, transportation, transfer, "
            "harbouring or receipt of a person."
        )
    if purposes:
        reasons.append(
            f"Purpose of exploitation present (Art. 3(a)): {_names(purposes, PURPOSES)}. "
            "The exploitation need not have happened yet; the purpose is enough."
        )
    else:
        reasons.append(
            "No purpose of exploitation (Art. 3(a)): without it, moving or hiring a "
            "person is not trafficking."
        )

    if child:
        reasons.append(
            f"The person is {age}, a child under 18 (Art. 3(d)). For a child, the act "
            "and the purpose are enough: no means is required (Art. 3(c))."
        )
        means_ok = True
    else:
        if age is None:
            reasons.append(
                "Age unknown: the rule for adults is applied, so a means is required. "
                "If the person is under 18, no means is needed (Art. 3(c)-(d))."
            )
        if means:
            reasons.append(
                f"Means present (Art. 3(a)): {_names(means, MEANS)}. Any consent the "
                "person gave is irrelevant once such a means was used (Art. 3(b))."
            )
        else:
            reasons.append(
                "No means (Art. 3(a)): for an adult, the act must be done by threat, "
                "force, coercion, abduction, fraud, deception, abuse of power or of a "
                "position of vulnerability, or by payments to someone in control."
            )
        means_ok = bool(means)
    if child and means:
        reasons.append(
            f"Means also present ({_names(means, MEANS)}), though not required for a child."
        )

    return Verdict(met=bool(acts) and bool(purposes) and means_ok, reasons=reasons)


def forced_labour_test(
    involuntary: bool, menace_of_penalty: bool, exception: str | None = None
) -> Verdict:
    """Apply Art. 2 of ILO Convention No. 29 to a work situation."""
    if exception is not None and exception not in C29_EXCEPTIONS:
        raise ValueError(f"Unknown exception {exception!r}. Allowed: {', '.join(C29_EXCEPTIONS)}")
    reasons = []
    if menace_of_penalty:
        reasons.append(
            "The work is exacted under the menace of a penalty (Art. 2(1)): a penalty "
            "can be a threat, violence, withheld wages or documents, confinement, not "
            "only a criminal sanction."
        )
    else:
        reasons.append(
            "No menace of any penalty (Art. 2(1)): hard or badly paid work is not "
            "forced labour unless it is exacted under some penalty."
        )
    if involuntary:
        reasons.append(
            "The person did not offer themselves voluntarily (Art. 2(1)): consent "
            "was absent, or obtained by deception or coercion, or withdrawn and "
            "not respected."
        )
    else:
        reasons.append(
            "The person offered themselves voluntarily (Art. 2(1)) and remains free "
            "to leave: free and informed consent that holds throughout."
        )
    if exception:
        reasons.append(
            f"Excluded by {C29_EXCEPTIONS[exception]}: such work is not forced "
            "labour under the Convention."
        )
    return Verdict(met=menace_of_penalty and involuntary and exception is None, reasons=reasons)

"""Legal decision aids: the Palermo Protocol's definition and ILO C29's definition of forced labour.

Teaching aids, not legal advice: they apply the text of the definitions to the elements a
student has identified, and explain which paragraph decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .i18n import N_, _

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

# The elements as a student reads them (the id with spaces, in English); shown with `label`.
LABELS = {
    "recruitment": N_("recruitment"),
    "transportation": N_("transportation"),
    "transfer": N_("transfer"),
    "harbouring": N_("harbouring"),
    "receipt": N_("receipt"),
    "threat": N_("threat"),
    "force": N_("force"),
    "coercion": N_("coercion"),
    "abduction": N_("abduction"),
    "fraud": N_("fraud"),
    "deception": N_("deception"),
    "abuse_of_power": N_("abuse of power"),
    "abuse_of_vulnerability": N_("abuse of vulnerability"),
    "payments": N_("payments"),
    "sexual_exploitation": N_("sexual exploitation"),
    "forced_labour": N_("forced labour"),
    "slavery": N_("slavery"),
    "servitude": N_("servitude"),
    "organ_removal": N_("organ removal"),
    "military_service": N_("military service"),
    "civic_obligation": N_("civic obligation"),
    "prison_labour": N_("prison labour"),
    "emergency": N_("emergency"),
    "communal_service": N_("communal service"),
}

# ILO Forced Labour Convention, 1930 (No. 29), Art. 2(2)(a)-(e); ids match data/c29_exceptions.csv.
C29_EXCEPTIONS = {  # shown with _()
    "military_service": N_(
        "Art. 2(2)(a): work exacted under compulsory military service laws for "
        "work of a purely military character"
    ),
    "civic_obligation": N_(
        "Art. 2(2)(b): work that forms part of the normal civic obligations of "
        "the citizens of a fully self-governing country"
    ),
    "prison_labour": N_(
        "Art. 2(2)(c): work exacted as a consequence of a conviction in a court of "
        "law, carried out under the supervision of a public authority and not "
        "placed at the disposal of private individuals or companies"
    ),
    "emergency": N_(
        "Art. 2(2)(d): work exacted in cases of emergency, such as war or a calamity "
        "that endangers the existence or well-being of the population"
    ),
    "communal_service": N_(
        "Art. 2(2)(e): minor communal services performed by members of a "
        "community in its direct interest, after consulting the community"
    ),
}

ADULT_AGE = 18  # Art. 3(d): "child" shall mean any person under eighteen years of age


@dataclass
class Verdict:
    """Whether a definition is met, and the reasons in plain language."""

    met: bool
    reasons: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        head = _("Definition met.") if self.met else _("Definition not met.")
        return "\n".join([head, *(f"- {r}" for r in self.reasons)])


# The elements of one kind found in a case: one id, several, or none.
Elements = str | Iterable[str] | None


def label(value: str) -> str:
    """An element or exception id as a student reads it, in the course's language."""
    return _(LABELS[value]) if value in LABELS else value.replace("_", " ")


def _checked(values: Elements, allowed: tuple, what: str) -> set:
    if isinstance(values, str):
        values = {values}
    chosen = set(values or ())
    unknown = sorted(chosen - set(allowed))
    if unknown:
        raise ValueError(_(what).format(unknown=", ".join(unknown), allowed=", ".join(allowed)))
    return chosen


def _names(values: set, order: tuple) -> str:
    return ", ".join(label(v) for v in order if v in values)


def palermo_test(
    acts: Elements = (), means: Elements = (), purposes: Elements = (), age: int | None = None
) -> Verdict:
    """Apply Art. 3 of the Palermo Protocol to the elements identified in a case."""
    acts = _checked(acts, ACTS, N_("Unknown act: {unknown}. Allowed: {allowed}"))
    means = _checked(means, MEANS, N_("Unknown means: {unknown}. Allowed: {allowed}"))
    purposes = _checked(purposes, PURPOSES, N_("Unknown purpose: {unknown}. Allowed: {allowed}"))
    if age is not None and (not isinstance(age, int) or isinstance(age, bool) or age < 0):
        raise ValueError(
            _("Age must be a whole number of years (0 or more) or None, not {age}").format(
                age=repr(age)
            )
        )
    child = age is not None and age < ADULT_AGE
    reasons = []

    if acts:
        reasons.append(_("Act present (Art. 3(a)): {acts}.").format(acts=_names(acts, ACTS)))
    else:
        reasons.append(
            _(
                "No act (Art. 3(a)): there must be recruitment, transportation, transfer, "
                "harbouring or receipt of a person."
            )
        )
    if purposes:
        reasons.append(
            _(
                "Purpose of exploitation present (Art. 3(a)): {purposes}. "
                "The exploitation need not have happened yet; the purpose is enough."
            ).format(purposes=_names(purposes, PURPOSES))
        )
    else:
        reasons.append(
            _(
                "No purpose of exploitation (Art. 3(a)): without it, moving or hiring a "
                "person is not trafficking."
            )
        )

    if child:
        reasons.append(
            _(
                "The person is {age}, a child under 18 (Art. 3(d)). For a child, the act "
                "and the purpose are enough: no means is required (Art. 3(c))."
            ).format(age=age)
        )
        means_ok = True
    else:
        if age is None:
            reasons.append(
                _(
                    "Age unknown: the rule for adults is applied, so a means is required. "
                    "If the person is under 18, no means is needed (Art. 3(c)-(d))."
                )
            )
        if means:
            reasons.append(
                _(
                    "Means present (Art. 3(a)): {means}. Any consent the "
                    "person gave is irrelevant once such a means was used (Art. 3(b))."
                ).format(means=_names(means, MEANS))
            )
        else:
            reasons.append(
                _(
                    "No means (Art. 3(a)): for an adult, the act must be done by threat, "
                    "force, coercion, abduction, fraud, deception, abuse of power or of a "
                    "position of vulnerability, or by payments to someone in control."
                )
            )
        means_ok = bool(means)
    if child and means:
        reasons.append(
            _("Means also present ({means}), though not required for a child.").format(
                means=_names(means, MEANS)
            )
        )

    return Verdict(met=bool(acts) and bool(purposes) and means_ok, reasons=reasons)


def forced_labour_test(
    involuntary: bool, menace_of_penalty: bool, exception: str | None = None
) -> Verdict:
    """Apply Art. 2 of ILO Convention No. 29 to a work situation."""
    if exception is not None and exception not in C29_EXCEPTIONS:
        raise ValueError(
            _("Unknown exception {exception}. Allowed: {allowed}").format(
                exception=repr(exception), allowed=", ".join(C29_EXCEPTIONS)
            )
        )
    reasons = []
    if menace_of_penalty:
        reasons.append(
            _(
                "The work is exacted under the menace of a penalty (Art. 2(1)): a penalty "
                "can be a threat, violence, withheld wages or documents, confinement, not "
                "only a criminal sanction."
            )
        )
    else:
        reasons.append(
            _(
                "No menace of any penalty (Art. 2(1)): hard or badly paid work is not "
                "forced labour unless it is exacted under some penalty."
            )
        )
    if involuntary:
        reasons.append(
            _(
                "The person did not offer themselves voluntarily (Art. 2(1)): consent "
                "was absent, or obtained by deception or coercion, or withdrawn and "
                "not respected."
            )
        )
    else:
        reasons.append(
            _(
                "The person offered themselves voluntarily (Art. 2(1)) and remains free "
                "to leave: free and informed consent that holds throughout."
            )
        )
    if exception:
        reasons.append(
            _(
                "Excluded by {exception}: such work is not forced labour under the Convention."
            ).format(exception=_(C29_EXCEPTIONS[exception]))
        )
    return Verdict(met=menace_of_penalty and involuntary and exception is None, reasons=reasons)

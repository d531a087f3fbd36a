"""The legal decision aids: tick the elements of a case, read the verdict and why.
The tests of the law are in `tipcourse.law`; these widgets only collect ticks."""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as w

from .. import law
from ..i18n import _
from . import WIDE, PlainText, message_html, shared_layout

# --- legal decision aids -----------------------------------------------------------------------


def _ticks(values: Iterable[str], title: str) -> tuple[dict[str, w.Checkbox], w.VBox]:
    boxes = {
        v: w.Checkbox(description=law.label(v), value=False, indent=False, layout=WIDE)
        for v in values
    }
    # room between the column headers (ipywidgets' Layout has no `gap`); columns wrap when narrow
    column = shared_layout(min_width="13em", flex="1 1 13em", margin="0 2em 0.5em 0")
    return boxes, w.VBox([w.HTML(f"<b>{title}</b>"), *boxes.values()], layout=column)


class PalermoAid(PlainText, w.VBox):
    """Tick the elements of a case; see whether Art. 3 of the Palermo Protocol is met, and why."""

    def __init__(self) -> None:
        self.acts, acts_box = _ticks(law.ACTS, _("Act (what was done)"))
        self.means, means_box = _ticks(law.MEANS, _("Means (how)"))
        self.purposes, purposes_box = _ticks(law.PURPOSES, _("Purpose (why)"))
        self.age_known = w.Checkbox(description=_("Age is known"), value=False, indent=False)
        self.age = w.BoundedIntText(value=25, min=0, max=120, description=_("Age:"), disabled=True)
        self.verdict = w.HTML("")
        for box in [
            *self.acts.values(),
            *self.means.values(),
            *self.purposes.values(),
            self.age_known,
            self.age,
        ]:
            box.observe(lambda _: self.update(), "value")
        self.age_known.observe(lambda ch: setattr(self.age, "disabled", not ch["new"]), "value")
        super().__init__(
            [
                w.HBox(
                    [acts_box, means_box, purposes_box], layout=shared_layout(flex_flow="row wrap")
                ),
                w.HBox([self.age_known, self.age]),
                self.verdict,
            ]
        )
        self.update()

    def update(self) -> law.Verdict:
        verdict = law.palermo_test(
            acts={k for k, b in self.acts.items() if b.value},
            means={k for k, b in self.means.items() if b.value},
            purposes={k for k, b in self.purposes.items() if b.value},
            age=self.age.value if self.age_known.value else None,
        )
        self.verdict.value = _verdict_html(verdict, _("Trafficking in persons (Palermo Art. 3)"))
        return verdict

    def __repr__(self) -> str:
        return _text(_("Palermo Protocol Art. 3"), _("tick act, means, purpose and age"))


class ForcedLabourAid(PlainText, w.VBox):
    """Answer two questions and pick an exception; see whether C29 Art. 2 is met, and why."""

    def __init__(self) -> None:
        self.menace = w.Checkbox(
            description=_("exacted under the menace of a penalty"), indent=False, layout=WIDE
        )
        self.involuntary = w.Checkbox(
            description=_("not offered voluntarily"), indent=False, layout=WIDE
        )
        self.exception = w.Dropdown(
            options=[(_("none applies"), None)] + [(law.label(k), k) for k in law.C29_EXCEPTIONS],
            value=None,
            description=_("Art. 2(2):"),
        )
        self.verdict = w.HTML("")
        for box in (self.menace, self.involuntary, self.exception):
            box.observe(lambda _: self.update(), "value")
        super().__init__([self.menace, self.involuntary, self.exception, self.verdict])
        self.update()

    def update(self) -> law.Verdict:
        verdict = law.forced_labour_test(
            self.involuntary.value, self.menace.value, self.exception.value
        )
        self.verdict.value = _verdict_html(verdict, _("Forced labour (ILO C29 Art. 2)"))
        return verdict

    def __repr__(self) -> str:
        return _text(_("ILO C29 Art. 2"), _("menace of penalty, voluntariness, exceptions"))


def _text(instrument: str, what: str) -> str:
    """The aid's text/plain: what a reader sees where widgets cannot render."""
    return _("{instrument} decision aid: {what} (run the notebook to use it)").format(
        instrument=instrument, what=what
    )


def _verdict_html(verdict: law.Verdict, title: str) -> str:
    text = _("{title}: met.") if verdict.met else _("{title}: not met.")
    head = f"**{text.format(title=title)}**"
    return message_html([head, *verdict.reasons], "met" if verdict.met else "not-met")

"""A self-check of the lesson's bank as a question slide: the prompt and the options by text,
the answer on a fragment, the feedback on every option (and what the plan says about the
question) in the speaker notes."""

from __future__ import annotations

from ...i18n import _
from .fit import fit
from .model import Block, Slide
from .text import paragraphs

Shown = tuple[str, list[Block], list[str]]  # (the lead, blocks after the prompt, notes)


def question_slides(
    spec: dict, number: int, total: int, timebox: str, plan_notes: str = ""
) -> list[Slide]:
    """The slide(s) of self-check `number` of `total` (`spec` from the bank)."""
    kind = spec["kind"]
    lead, shown, notes = KINDS.get(kind, _open)(spec)
    blocks = [Block("p", p) for p in paragraphs(spec["prompt"])] + shown
    if lead.split()[0].lower() not in spec["prompt"].lower():  # the prompt may say it already
        blocks.insert(0, Block("lead", lead))
    feedback = spec.get("feedback") or {}
    if kind in ("numeric", "text", "order"):
        notes += [f"- {k}: {v}" for k, v in feedback.items() if k in ("correct", "incorrect")]
    if spec.get("explanation"):
        model = _("Model answer: {text}") if kind == "open" else "{text}"
        notes.append(model.format(text=spec["explanation"]))
    if spec.get("hint"):
        notes.append(_("Hint: {hint}").format(hint=spec["hint"]))
    header = _("Self-check {number} of {total} (`{id}`).")
    header = header.format(number=number, total=total, id=spec["id"])
    if kind in ("single", "multiple", "categorize", "order"):
        header += " " + _("Students see the options in another order: name them by their text.")
    header += "\n"
    if plan_notes:
        header += "\n" + _("From the plan: {notes}").format(notes=plan_notes) + "\n\n"
    title = _("Self-check {number} of {total}").format(number=number, total=total)
    return fit(Slide("question", title, blocks, header + "\n".join(notes), timebox))


def _choice(spec: dict) -> Shown:
    single = spec["kind"] == "single"
    keys = {spec.get("answer")} if single else set(spec.get("answer") or [])
    blocks, notes = [], []
    for oid, label in spec["options"].items():
        blocks.append(Block("option", str(label), mark="✓" if oid in keys else ""))
        why = (spec.get("feedback") or {}).get(oid, "")
        notes.append(f"- {'✓' if oid in keys else '✗'} *{label}*: {why}")
    return (_("Choose one.") if single else _("Tick all that apply.")), blocks, notes


def _categorize(spec: dict) -> Shown:
    cats, answer = spec["categories"], spec.get("answer") or {}
    blocks = [Block("chips", " · ".join(map(str, cats.values())), sticky=True)]
    notes = []
    for iid, label in spec["items"].items():
        cat = str(cats.get(answer.get(iid), ""))
        blocks.append(Block("option", str(label), mark=f"→ {cat}" if cat else ""))
        why = (spec.get("feedback") or {}).get(iid, "")
        notes.append(f"- *{label}* → **{cat}**: {why}")
    return _("Sort each item into a category."), blocks, notes


def _order(spec: dict) -> Shown:
    answer = spec.get("answer") or []
    rank = {iid: n for n, iid in enumerate(answer, 1)}
    blocks = [
        Block("option", str(label), mark=f"#{rank[iid]}" if iid in rank else "")
        for iid, label in spec["items"].items()
    ]
    right = " → ".join(f"*{spec['items'][i]}*" for i in answer)
    return _("Put the items in order."), blocks, [_("Right order: {items}").format(items=right)]


def _numeric(spec: dict) -> Shown:
    unit = f" {spec['unit']}" if spec.get("unit") else ""
    lead = _("Give a number in {unit}.").format(unit=spec["unit"]) if unit else _("Give a number.")
    tol = f" (± {spec['tolerance']:g})" if spec.get("tolerance") else ""
    value = f"{spec['answer']:g}{unit}{tol}"
    blocks = [Block("answer", _("**Answer:** {answer}").format(answer=value))]
    notes = []
    for wrong in spec.get("wrong_values") or []:
        slip = wrong.get("value", f"{wrong.get('min')}-{wrong.get('max')}")
        said = _("{value} (a typical slip): {feedback}")
        notes.append("- " + said.format(value=slip, feedback=wrong.get("feedback", "")))
    return lead, blocks, notes


def _text(spec: dict) -> Shown:
    answer = spec.get("answer")
    accepted = " / ".join(f"*{a}*" for a in (answer if isinstance(answer, list) else [answer]))
    blocks = [Block("answer", _("**Answer:** {answer}").format(answer=accepted))]
    return _("Answer in a word or a short phrase."), blocks, []


def _open(spec: dict) -> Shown:
    """Answered in writing, so the model answer stays with the lecturer (the notes)."""
    if spec.get("min_words"):
        lead = _("Write your answer in the notebook (at least {count} words).")
        return lead.format(count=spec["min_words"]), [], []
    return _("Write your answer in the notebook."), [], []


KINDS = {
    "single": _choice,
    "multiple": _choice,
    "categorize": _categorize,
    "order": _order,
    "numeric": _numeric,
    "text": _text,
}

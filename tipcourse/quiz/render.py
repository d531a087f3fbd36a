"""A response or a key in words: one place that turns option, item and category ids into the
labels a person reads (the solution's key box, the grader's feedback files)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import N_, _

if TYPE_CHECKING:
    from .questions import Response


def response_lines(spec: dict, response: Response) -> list[str]:
    """`response` (in the canonical shape of `spec`'s kind) as lines of plain text."""
    kind = spec["kind"]
    if kind == "single":
        return [f"{response}) {spec['options'][response]}"]
    if kind == "multiple":
        return ["; ".join(f"{k}) {spec['options'][k]}" for k in response)]
    if kind == "numeric":
        shown = f"{response:g}" if isinstance(response, (int, float)) else str(response)
        return [f"{shown} {spec.get('unit', '')}".rstrip()]
    if kind == "categorize":
        return [f"{spec['items'][i]} → {spec['categories'][c]}" for i, c in response.items()]
    if kind == "order":
        return [" → ".join(spec["items"][k] for k in response)]
    if kind == "text" and isinstance(response, list):
        return [" / ".join(response)]
    return [str(response)]


LABELS = {"text": N_("Accepted: {answer}"), "order": N_("Order: {answer}")}
ANSWER = N_("Answer: {answer}")  # the other kinds


def key_lines(spec: dict) -> list[str]:
    """The answer key in words, one line per part, and the explanation if there is one."""
    kind, answer = spec["kind"], spec.get("answer")
    if kind == "open":
        lines = [
            _("Rubric: {criterion} ({points} pt)").format(
                criterion=r["criterion"], points=r["points"]
            )
            for r in spec.get("rubric", [])
        ]
    elif kind == "categorize":
        lines = response_lines(spec, answer)
    elif kind == "numeric":
        tolerance = f" (± {spec['tolerance']:g})" if spec.get("tolerance") else ""
        shown = f"{answer:g}{tolerance} {spec.get('unit', '')}".rstrip()
        lines = [_(ANSWER).format(answer=shown)]
    else:
        lines = [_(LABELS.get(kind, ANSWER)).format(answer=response_lines(spec, answer)[0])]
    if spec.get("explanation"):
        lines.append(_("Why: {explanation}").format(explanation=spec["explanation"]))
    return lines

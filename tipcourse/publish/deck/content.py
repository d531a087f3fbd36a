"""The slides of what the lesson shows (quotations, composite cases, plots, tables), of a
discussion question, and of a list (key points, key terms)."""

from __future__ import annotations

import re

from ...authoring.markers import markers
from ...i18n import _
from .fit import fit
from .model import Block, Discussion, Item, Lesson, Slide
from .plots import plot_slides
from .table_slides import table_slides
from .text import paragraphs


def item_slides(item: Item, lesson: Lesson, timebox: str) -> list[Slide]:
    heading = lesson.parts[item.part].heading if lesson.parts else ""
    if item.kind == "quote":
        return _quote(item, heading, timebox)
    if item.kind == "case":
        return _case(item, heading, timebox, lesson.language)
    if item.kind == "plot":
        return plot_slides(item, heading, timebox)
    if item.kind == "table":
        return table_slides(item, heading, timebox)
    return []


def _quote(item: Item, heading: str, timebox: str) -> list[Slide]:
    blocks = [Block("quote", p) for p in paragraphs(item.text)]
    blocks += [Block("lead", item.cite)] if item.cite else []
    notes = _("Read it aloud: {cite}.").format(cite=item.cite)
    return fit(Slide("quote", heading, blocks, notes, timebox))


def _case(item: Item, heading: str, timebox: str, language: str) -> list[Slide]:
    blocks = [Block("lead", _("Composite case (fictional)"))]
    blocks += [Block("p", p) for p in paragraphs(item.text)]
    notes = _(
        "Say that the case is a composite: invented people, built from patterns in the "
        "sources. Do not let students match it to people they know."
    )
    word = re.escape(markers(language).case_heading)
    title = heading if re.match(rf"(?i){word}\b", heading) else _("A composite case")
    return fit(Slide("case", title, blocks, notes, timebox))


def discussion_slide(d: Discussion, timebox: str, named: bool) -> list[Slide]:
    """A discussion question; in its row's time box if the row names it, else "if time
    allows" in the row that runs a question it cites, else after class."""
    if named:
        when = timebox
    elif timebox:
        when = _("If time allows · {timebox}").format(timebox=timebox)
    else:
        when = _("After class")
    blocks = [Block("p", f"**{d.question}**"), Block("lead", _("Discuss in pairs, then share."))]
    title = _("Discussion question {number}").format(number=d.number)
    return fit(Slide("discussion", title, blocks, d.notes, when))


def bullet_slides(kind: str, title: str, items: list[str], notes: str = "") -> list[Slide]:
    return fit(Slide(kind, title, [Block("bullet", i) for i in items], notes)) if items else []

"""Which row of the plan takes up what: the notebook parts whose questions a row runs live (or
whose heading it names in italics), the quotations of the articles it cites, the discussion
questions it names. The rows are read by the fixed words of the plan's language."""

from __future__ import annotations

import re

from ...authoring.markers import plan_markers
from .model import Item, Lesson, Plan, Row
from .text import QID, SENTENCE, plain


def live_ids(row: Row, language: str = "en") -> list[str]:
    """The question ids a row runs in class: those in its activity, and those the lecturer's
    column names outside a sentence that sets them for self-study or homework."""
    later = re.compile("|".join(map(re.escape, plan_markers(language).later)), re.I)
    ids = QID.findall(row.activity)
    for sentence in SENTENCE.split(row.lecturer):
        if not later.search(sentence):
            ids += QID.findall(sentence)
    return list(dict.fromkeys(ids))


def _italics(text: str) -> set[str]:
    return {_norm(m) for m in re.findall(r"(?<!\*)\*([^*]+)\*(?!\*)", text)}


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", plain(text).lower()).strip()


def assign(lesson: Lesson, rows: list[Row], language: str = "en") -> dict[int, int | None]:
    """Item index -> the row that shows it (None: no row; the appendix or not shown)."""
    live = [set(live_ids(r, language)) for r in rows]
    asked: dict[int, set[str]] = {}
    for item in lesson.items:
        if item.kind == "question":
            asked.setdefault(item.part, set()).add(item.text)
    part_row = _part_rows(lesson, rows, live, asked)
    question_row = {
        qid: next((r for r in range(len(rows)) if qid in live[r]), None)
        for qid in (i.text for i in lesson.items if i.kind == "question")
    }
    out: dict[int, int | None] = {}
    for n, item in enumerate(lesson.items):
        if item.kind == "question":
            out[n] = question_row[item.text]
        elif item.kind == "quote" and item.cite:
            out[n] = _quote_row(item, rows, part_row[item.part], language)
        else:
            out[n] = part_row[item.part]
    return out


def _part_rows(
    lesson: Lesson, rows: list[Row], live: list[set[str]], asked: dict[int, set[str]]
) -> dict[int, int | None]:
    """Part index -> the first row that runs one of its questions or names it in italics;
    a part without questions goes with the nearest part of its section that has a row."""
    named = [_italics(row.activity + " " + row.lecturer) for row in rows]
    part_row: dict[int, int | None] = {}
    for p, part in enumerate(lesson.parts):
        name = _norm(part.heading)
        hits = (r for r in range(len(rows)) if live[r] & asked.get(p, set()) or name in named[r])
        part_row[p] = next(hits, None)
    for p, part in enumerate(lesson.parts):
        if part_row[p] is None and not asked.get(p) and part.level > 1:
            kin = [q for q, other in enumerate(lesson.parts) if other.section == part.section]
            near = sorted(kin, key=lambda q: (q > p, abs(q - p)))
            part_row[p] = next((part_row[q] for q in near if part_row[q] is not None), None)
    return part_row


def _quote_row(item: Item, rows: list[Row], fallback: int | None, language: str) -> int | None:
    """A quotation goes with the first row that cites its article (`Art. 3(a)`), if any."""
    word = re.escape(plan_markers(language).article)
    cited = [re.escape(a) for a in re.findall(rf"{word}\s*\d+[\w()\-–]*", item.cite)]
    if not cited:
        return fallback
    article = re.compile(rf"(?:{'|'.join(cited)})(?!\w)")  # Art. 1 is not Art. 10
    for r, row in enumerate(rows):
        if article.search(row.activity + " " + row.lecturer):
            return r
    return fallback


def discussion_rows(plan: Plan, bank: dict[str, dict]) -> dict[int, tuple[int | None, bool]]:
    """Discussion number -> (row, named): the row that names it ("Discussion question 1"),
    else the first row that runs a question its notes cite (named False), else None."""
    marks = plan_markers(plan.language)
    word, also = re.escape(marks.discussion), re.escape(marks.also)
    ref = re.compile(rf"(?i:{word})s? (\d+(?:(?:,\s*|\s+{also}\s+)\d+)*)")
    named: dict[int, int] = {}
    for r, row in enumerate(plan.rows):
        for match in ref.finditer(row.activity + " " + row.lecturer):
            for n in re.findall(r"\d+", match.group(1)):
                named.setdefault(int(n), r)
    live = [set(live_ids(row, plan.language)) for row in plan.rows]
    out: dict[int, tuple[int | None, bool]] = {}
    for d in plan.discussions:
        if d.number in named:
            out[d.number] = (named[d.number], True)
            continue
        cited = set(QID.findall(d.question + " " + d.notes)) & set(bank)
        row = next((r for r, ids in enumerate(live) if ids & cited), None)
        out[d.number] = (row, False)
    return out

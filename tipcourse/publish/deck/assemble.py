"""The deck of a 90-minute seminar (`deck`): the content note first, the objectives and the
agenda, then per row of the plan an activity slide and what the row takes up, the key points
to close, and what no row takes up as an appendix for self-study."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ...authoring.markers import plan_markers
from ...i18n import _, using
from .content import bullet_slides, discussion_slide, item_slides
from .fit import fit
from .model import Block, Discussion, Item, Lesson, Plan, Row, Slide
from .questions import question_slides
from .schedule import assign, discussion_rows
from .text import QID, SENTENCE, paragraphs, strip_ids


def deck(
    lesson: Lesson, bank: dict[str, dict], plan: Plan, terms: Sequence[str] = ()
) -> list[Slide]:
    """The slides of a 90-minute seminar on `lesson`, following `plan`, in the lesson's
    language (its words through gettext; the plan read by the words of its own)."""
    with using(lesson.language):
        return _deck(lesson, bank, plan, terms)


def _deck(lesson: Lesson, bank: dict[str, dict], plan: Plan, terms: Sequence[str]) -> list[Slide]:
    rows = plan.rows or _fallback_rows(lesson)
    said = plan_markers(plan.language).content_note
    opening = 0 if rows and said in _row_text(rows[0]) else None
    slides = _opening(lesson, plan, rows[opening] if opening is not None else None)
    session = _Session(lesson, bank, plan, rows)
    if plan.rows:
        slides += _agenda(rows, session.starts, plan.language)
    for r in range(len(rows)):
        slides += session.row_slides(r, activity=r != opening)
    slides += bullet_slides("key-points", _("Key points"), lesson.key_points)
    return slides + _appendix(lesson, session.where, session.talks, session.by_number, terms)


@dataclass
class _Session:
    """The plan's rows and what each takes up (schedule.py), slide by slide."""

    lesson: Lesson
    bank: dict[str, dict]
    plan: Plan
    rows: list[Row]
    shown: set[str] = field(default_factory=set)  # the questions on a slide already

    def __post_init__(self) -> None:
        rows, language = self.rows, self.plan.language
        self.starts = [sum(r.minutes or 0 for r in rows[:n]) for n in range(len(rows) + 1)]
        self.where = assign(self.lesson, rows, language)
        self.talks = discussion_rows(self.plan, self.bank)
        self.by_number = {d.number: d for d in self.plan.discussions}
        self.numbers = {qid: n for n, qid in enumerate(self.bank, 1)}

    def row_slides(self, r: int, activity: bool) -> list[Slide]:
        """Row `r`: its activity slide (not for the opening), what it shows of the lesson, its
        self-checks, the discussion questions it names (then those it runs a question of)."""
        row, box, slides = self.rows[r], _timebox(self.rows[r], self.plan.language), []
        mine = [
            item
            for n, item in enumerate(self.lesson.items)
            if self.where[n] == r and (item.kind != "question" or item.text in self.bank)
        ]
        if activity:
            starts = self.starts
            when = f"{_clock(starts[r])}–{_clock(starts[r + 1])}" if row.minutes else ""
            formative = self.plan.formative if r == len(self.rows) - 1 else ""
            language = self.plan.language
            slides += _activity(row, self.lesson, mine, self.numbers, when, formative, language)
        for item in mine:
            slides += self.item_slides(item, row, box)
        for number, (row_of, named) in sorted(self.talks.items(), key=lambda t: not t[1][1]):
            if row_of == r:
                slides += discussion_slide(self.by_number[number], box, named)
        return slides

    def item_slides(self, item: Item, row: Row, box: str) -> list[Slide]:
        if item.kind != "question":
            return item_slides(item, self.lesson, box)
        if item.text in self.shown:
            return []
        self.shown.add(item.text)
        said = " ".join(x for x in SENTENCE.split(row.lecturer) if f"`{item.text}`" in x)
        number, total = self.numbers[item.text], len(self.bank)
        return question_slides(self.bank[item.text], number, total, box, said)


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _row_text(row: Row) -> str:
    return (row.activity + " " + row.lecturer).lower()


def _minutes(text: str, minutes: int | None) -> str:
    return _("{text} · {minutes} min").format(text=text, minutes=minutes)


def _timebox(row: Row, language: str) -> str:
    return _minutes(strip_ids(row.activity, language), row.minutes) if row.minutes else ""


def _fallback_rows(lesson: Lesson) -> list[Row]:
    """Without a plan: a row per `##` section that asks questions, in notebook order."""
    rows: dict[int, list[str]] = {}
    for item in lesson.items:
        if item.kind == "question":
            section = lesson.parts[item.part].section
            rows.setdefault(section, []).append(f"`{item.text}`")
    return [
        Row(None, f"{lesson.parts[s].heading}: {', '.join(ids)}", "", "") for s, ids in rows.items()
    ]


def _agenda(rows: list[Row], starts: list[int], language: str) -> list[Slide]:
    """The plan's rows with their start times."""
    item = _("**{clock}** {activity} ({minutes} min)")
    agenda = [
        Block(
            "bullet",
            item.format(
                clock=_clock(s), activity=strip_ids(r.activity, language), minutes=r.minutes
            ),
        )
        for s, r in zip(starts, rows, strict=False)
    ]
    title = _("Today: {minutes} minutes").format(minutes=starts[-1])
    return fit(Slide("agenda", title, agenda, _("The plan's timing: a plan, not a script.")))


def _opening(lesson: Lesson, plan: Plan, row: Row | None) -> list[Slide]:
    """The content note first (the plan's version to read out in the notes), then the
    objectives."""
    lead = _("Lesson {number} · {minutes}-minute seminar")
    blocks = [Block("lead", lead.format(number=lesson.number, minutes=lesson.minutes or 90))]
    note = _("**Content note.** {text}")
    blocks += [Block("quote", note.format(text=p)) for p in paragraphs(lesson.content_note)]
    notes = ""
    if plan.read_out:
        notes = _("Read the content note aloud:") + f'\n\n> "{plan.read_out}"\n\n'
    box = _timebox(row, plan.language) if row else ""
    slides = fit(Slide("opening", lesson.title, blocks, notes + plan.watch, box))
    objectives = [
        Block("number", re.sub(r"^(\w+)", r"**\1**", o), mark=str(n))
        for n, o in enumerate(lesson.objectives, 1)
    ]
    if objectives:
        lead = Block("lead", _("By the end of this session you can:"))
        said = row.lecturer if row else ""
        slides += fit(Slide("objectives", _("Learning objectives"), [lead, *objectives], said, box))
    return slides


def _activity(
    row: Row,
    lesson: Lesson,
    items: list[Item],
    numbers: dict[str, int],
    when: str,
    formative: str,
    language: str,
) -> list[Slide]:
    """The row's time box and what students do; where it is in the notebook; the lecturer's
    column (and what runs live, and for the last row the formative check) in the notes."""
    blocks = []
    students = QID.sub("", row.students).strip()
    if students:
        blocks.append(Block("p", _("**You:** {text}").format(text=students)))
    places = list(dict.fromkeys(lesson.parts[i.part].heading for i in items if i.kind != "live"))
    if places:
        asked = sorted(numbers[i.text] for i in items if i.kind == "question")
        blocks.append(Block("lead", _where(places, asked)))
    notes = row.lecturer
    for item in items:
        if item.kind == "live":
            live = _("Live in the notebook (needs a kernel): the section *{heading}*.")
            notes += "\n\n" + live.format(heading=lesson.parts[item.part].heading)
    if formative:
        notes += f"\n\n{formative}"
    box = _minutes(when, row.minutes) if when else ""
    return fit(Slide("activity", strip_ids(row.activity, language), blocks, notes, box))


def _where(places: list[str], asked: list[int]) -> str:
    """Where the row is in the notebook: "In the notebook: *A*; *B* (self-checks 1-3)."."""
    where = "; ".join(f"*{h}*" for h in places[:3]) + ("; ..." if len(places) > 3 else "")
    if asked:
        said = _("In the notebook: {places} (self-checks {numbers}).")
        return said.format(places=where, numbers=_numbers(asked))
    return _("In the notebook: {places}.").format(places=where)


def _numbers(values: list[int]) -> str:
    """[1, 2, 3, 5] -> "1-3, 5"."""
    runs: list[list[int]] = []
    for v in values:
        if runs and v == runs[-1][-1] + 1:
            runs[-1].append(v)
        else:
            runs.append([v])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def _appendix(
    lesson: Lesson,
    where: dict[int, int | None],
    talks: dict[int, tuple[int | None, bool]],
    by_number: dict[int, Discussion],
    terms: Sequence[str],
) -> list[Slide]:
    """What no row of the plan takes up: discussion questions, then quotations, cases and
    plots (every plot of the lesson is in the deck), then the key terms."""
    rest: list[Slide] = []
    for number, (row, _named) in sorted(talks.items()):
        if row is None:
            rest += discussion_slide(by_number[number], "", False)
    for n, item in enumerate(lesson.items):
        if where[n] is None and item.kind in ("quote", "case", "plot"):
            rest += item_slides(item, lesson, _("For self-study"))
    glossary = _("From the course glossary (data: `glossary`).")
    rest += bullet_slides("terms", _("Key terms of this lesson"), list(terms), glossary)
    if not rest:
        return []
    why = _("For self-study, or for a longer session: what the 90-minute plan leaves out.")
    return [Slide("divider", _("After the seminar"), [Block("p", why)]), *rest]

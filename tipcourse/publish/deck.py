"""A seminar deck as plain data: (lesson notebook, question bank, lesson plan) -> slides.

`read_lesson(nb, stem)` takes from the executed lesson what a slide may show: the title, the
content note, the objectives (metadata `tipcourse.objectives`), quoted definitions, composite
cases, plots with their text alternative and takeaway, where each question is asked, the key
points. `parse_plan(text)` reads a lesson plan: the rows of its `## 90-minute session` table,
the discussion questions with their notes, the content note to read out and what to watch for.
`deck(lesson, bank, plan)` follows the plan's rows: the content note first, the objectives and
the agenda, then per row an activity slide (its time box; the lecturer's column in the speaker
notes) and what the row takes up: the notebook parts whose questions it runs live (or whose
heading it names in italics), the self-checks as question slides (options by text, the answer
on a fragment and the feedback in the notes), the discussion questions it names. The key
points close the last row; what no row takes up follows as an appendix for self-study.

Every slide is sized by estimate (`height`) against 1280x720 and split where it would not fit;
tests/test_slides.py measures the rendered decks in Chromium. The renderer is in slides.py.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import nbformat

# --- geometry (slides.py's CSS uses the same numbers) -----------------------------------------

WIDTH, HEIGHT = 1280, 720
PAD_X, PAD_TOP, PAD_BOTTOM = 56, 24, 40  # the bottom keeps clear of the slide number
FONT, DENSE = 26, 22  # body text, px; a slide that does not fit tries the dense size
LINE = 1.3  # line height, em
GAP = 0.45  # space after a paragraph or list item, em
TITLE_FONT, TITLE_LINE, TITLE_GAP = 36, 1.15, 14
TIMEBOX_FONT = 18
CHAR = 0.5  # mean advance of a character, em (Source Sans Pro is about 0.46: a margin)
INDENT = 1.6  # em, a list item's or a quotation's indent
BODY_WIDTH = WIDTH - 2 * PAD_X
SIDE_GAP = 32  # px between a portrait plot and the text beside it

HEADING = re.compile(r"^(#{1,6})\s+(.*)")
ASK = re.compile(r"""course\.ask\(\s*["']([\w-]+)["']""")
QID = re.compile(r"`([a-z]+\d\d-[\w-]+)`")
TITLE = re.compile(r"""finish\(\s*\w+\s*,\s*(f?)(["'])(.*?)(?<!\\)\2""", re.S)
ARTICLE = re.compile(r"Art\.\s*\d+[\w()\-–]*")
DISCUSSION_REF = re.compile(r"[Dd]iscussion questions? (\d+(?:(?:,\s*|\s+and\s+)\d+)*)")
LATER = re.compile(r"self-study|homework|at home|optional|before class|for reading", re.I)
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z*`(\"])")
CONTENT_NOTE = "**Content note.**"
CASE = "*Composite case (fictional).*"
PLOT_TEXT = "*What the plot shows:*"
TAKEAWAY = "**Takeaway:**"
WIDGET = "application/vnd.jupyter.widget-view+json"


# --- the data ---------------------------------------------------------------------------------


@dataclass
class Block:
    """One unit of a slide, never split further by the layout.

    kind: p (a Markdown paragraph), bullet, number (a numbered item; `mark` is its number),
    quote, lead (a short line in grey), option (`mark` is what the answer fragment shows beside
    it: ✓, a category, a position; "" for a wrong option), chips (the categories of a sorting
    question; repeated on a continued slide), answer (a fragment under the options), image
    (`image` is base64 PNG, `alt` its text alternative, `size` its (width, height) in px)."""

    kind: str
    text: str = ""
    mark: str = ""
    image: str = ""
    alt: str = ""
    size: tuple[int, int] = (0, 0)
    sticky: bool = False


@dataclass
class Slide:
    kind: str  # opening, objectives, agenda, activity, quote, case, plot, question, ...
    title: str
    blocks: list[Block] = field(default_factory=list)
    notes: str = ""  # Markdown for the speaker view
    timebox: str = ""  # "Consent and children · 10 min"
    dense: bool = False


@dataclass
class Item:
    """Something from the lesson a slide can show, in notebook order."""

    kind: str  # quote, case, plot, question, live (a widget that needs a kernel)
    part: int  # index into Lesson.parts
    text: str = ""  # Markdown: the quotation, the case, the takeaway; a question's id
    cite: str = ""  # a quotation's source line
    alt: str = ""  # a plot's text alternative
    image: str = ""
    size: tuple[int, int] = (0, 0)


@dataclass
class Part:
    heading: str
    level: int
    section: int  # the index of the `##` part it belongs to


@dataclass
class Lesson:
    stem: str
    number: str = ""
    title: str = ""
    description: str = ""
    minutes: int | None = None
    content_note: str = ""
    objectives: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    key_points: list[str] = field(default_factory=list)


@dataclass
class Row:
    minutes: int | None
    activity: str
    lecturer: str
    students: str


@dataclass
class Discussion:
    number: int
    question: str
    notes: str


@dataclass
class Plan:
    rows: list[Row] = field(default_factory=list)
    discussions: list[Discussion] = field(default_factory=list)
    read_out: str = ""  # the content note to read out
    watch: str = ""  # the rest of "What to watch for with a distressing subject"
    formative: str = ""  # the formative check for the end of class
    problems: list[str] = field(default_factory=list)  # structure the plan lacks


# --- Markdown helpers -------------------------------------------------------------------------


def plain(markdown: str) -> str:
    """Markdown -> the text a reader sees (for sizing and for alt text)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*`]+|<[^>]+>", "", text)
    return " ".join(text.split())


def paragraphs(markdown: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", markdown) if p.strip()]


def list_items(markdown: str) -> list[str]:
    """The items of a Markdown list (`- x` or `1. x`, continuation lines indented)."""
    items: list[str] = []
    for line in markdown.splitlines():
        start = re.match(r"\s{0,3}(?:[-*]|\d+\.)\s+(.*)", line)
        if start:
            items.append(start.group(1))
        elif items and line.strip():
            items[-1] += " " + line.strip()
    return items


def unquote(block: str) -> str:
    return "\n".join(re.sub(r"^>\s?", "", line) for line in block.splitlines())


def strip_ids(text: str) -> str:
    """A plan's activity without the question ids it lists: "Consent and children"."""
    text = QID.sub("\0", text)
    text = re.sub(r"\(\s*(?:and\s+)?\0(?:\s*if time allows)?\s*\)", "", text)
    text = re.sub(r"\0(?:\s*(?:,|and)\s*\0)*", "\0", text)
    text = re.sub(r"[:,]?\s*\0", "", text)
    text = re.sub(r"\s+([;,.])", r"\1", text)
    text = re.sub(r"[\s:;,]+(?:then|and)?$", "", " ".join(text.split()))
    return re.sub(r"[\s:;,]+$", "", text) or "Activity"


def _timebox(row: Row) -> str:
    return f"{strip_ids(row.activity)} · {row.minutes} min" if row.minutes else ""


# --- reading a lesson -------------------------------------------------------------------------


def read_lesson(nb: nbformat.NotebookNode, stem: str) -> Lesson:
    """What a deck can show of an executed lesson notebook."""
    meta = nb.get("metadata", {}).get("tipcourse") or {}
    lesson = Lesson(stem=stem, minutes=meta.get("minutes"))
    lesson.objectives = [
        str(o.get("text", "")) for o in meta.get("objectives") or [] if isinstance(o, dict)
    ]
    section = 0
    cells = nb.cells
    for i, cell in enumerate(cells):
        if cell.cell_type == "markdown":
            for chunk in _chunks(cell.source):
                heading = HEADING.match(chunk)
                if heading:
                    level, text = len(heading.group(1)), heading.group(2).strip()
                    if level <= 2:
                        section = len(lesson.parts)
                    lesson.parts.append(Part(text, level, section))
                    if level == 1 and not lesson.title:
                        _title(lesson, text, meta)
                else:
                    _read_chunk(lesson, chunk)
        elif cell.cell_type == "code":
            _read_code(lesson, cell, cells[i + 1] if i + 1 < len(cells) else None)
    return lesson


def _chunks(source: str) -> list[str]:
    """A markdown cell as headings, paragraphs, lists and quotations."""
    out: list[str] = []
    for para in paragraphs(source):
        lines = para.splitlines()
        while lines and HEADING.match(lines[0]):
            out.append(lines.pop(0))
        if lines:
            out.append("\n".join(lines))
    return out


def _title(lesson: Lesson, heading: str, meta: dict) -> None:
    number = re.fullmatch(r"[a-z]+(\d+)", str(meta.get("id", ""))) or re.match(
        r"(\d\d)_", lesson.stem
    )
    lesson.number = number.group(1) if number else ""
    prefix = re.match(rf"{lesson.number}[\s:.]+", heading) if lesson.number else None
    lesson.title = heading[prefix.end() :].strip() if prefix else heading


def _part(lesson: Lesson) -> Part | None:
    return lesson.parts[-1] if lesson.parts else None


def _read_chunk(lesson: Lesson, chunk: str) -> None:
    part, here = _part(lesson), len(lesson.parts) - 1
    if part is None:
        return
    if part.level == 1 and not lesson.description and not chunk.startswith(">"):
        lesson.description = " ".join(chunk.split())
    elif chunk.startswith(">"):
        body = unquote(chunk).strip()
        if body.startswith(CONTENT_NOTE):
            lesson.content_note = body[len(CONTENT_NOTE) :].strip()
        elif body.startswith('"'):
            lines = body.splitlines()
            cite = lines[-1].strip() if re.fullmatch(r"\(.*\)", lines[-1].strip()) else ""
            text = "\n".join(lines[:-1] if cite else lines).strip()
            lesson.items.append(Item("quote", here, text=text, cite=cite[1:-1]))
    elif chunk.startswith(CASE):
        lesson.items.append(Item("case", here, text=chunk[len(CASE) :].strip()))
    elif part.heading.lower() == "key points":
        lesson.key_points += list_items(chunk)


def _read_code(lesson: Lesson, cell: nbformat.NotebookNode, after: object) -> None:
    here = len(lesson.parts) - 1
    for qid in ASK.findall(cell.source):
        lesson.items.append(Item("question", here, text=qid))
    outputs = cell.get("outputs", [])
    images = [o["data"]["image/png"] for o in outputs if "image/png" in o.get("data", {})]
    if images:
        note = after.source.strip() if getattr(after, "cell_type", "") == "markdown" else ""
        alt, takeaway = plot_text(note)
        for png in images:
            png = png if isinstance(png, str) else "".join(png)
            item = Item("plot", here, text=takeaway, alt=alt, image=png.replace("\n", ""))
            item.size = png_size(item.image)
            lesson.items.append(item)
    elif not ASK.search(cell.source) and any(WIDGET in o.get("data", {}) for o in outputs):
        lesson.items.append(Item("live", here))


def plot_text(note: str) -> tuple[str, str]:
    """The "*What the plot shows:*" cell -> (its first paragraph, the takeaway sentence)."""
    if not note.startswith(PLOT_TEXT):
        return "", ""
    paras = paragraphs(note[len(PLOT_TEXT) :])
    takeaway = next((p[len(TAKEAWAY) :].strip() for p in paras if p.startswith(TAKEAWAY)), "")
    return (" ".join(paras[0].split()) if paras else ""), takeaway


def png_size(b64: str) -> tuple[int, int]:
    """(width, height) from a base64 PNG's header; (0, 0) if it is not one."""
    import base64
    import struct

    head = base64.b64decode(b64[:48] + "=" * (-len(b64[:48]) % 4))
    if head[:8] != b"\x89PNG\r\n\x1a\n" or len(head) < 24:
        return (0, 0)
    return struct.unpack(">II", head[16:24])


# --- reading a lesson plan --------------------------------------------------------------------


def sections(markdown: str) -> dict[str, str]:
    """`## Heading` -> its text, for every second-level heading."""
    found: dict[str, str] = {}
    for match in re.finditer(r"(?m)^## (.+)\n((?:(?!^## ).*\n?)*)", markdown):
        found[match.group(1).strip()] = match.group(2)
    return found


def parse_plan(text: str) -> Plan:
    """A lesson plan -> its session rows, discussion questions and notes on the subject.
    What is missing is listed in `problems` (the deck is made without it)."""
    plan, found = Plan(), sections(text)
    session = next((v for k, v in found.items() if k.startswith("90-minute")), None)
    if session is None:
        plan.problems.append("no `## 90-minute session` section")
    else:
        plan.rows = _rows(session)
        if not plan.rows:
            plan.problems.append("no table rows under `## 90-minute session`")
    questions = found.get("Discussion questions")
    if questions is None:
        plan.problems.append("no `## Discussion questions` section")
    else:
        plan.discussions = _discussions(questions)
    watch = next((v for k, v in found.items() if k.startswith("What to watch for")), None)
    if watch is None:
        plan.problems.append("no `## What to watch for with a distressing subject` section")
    else:
        plan.read_out, plan.watch = _watch(watch)
        if not plan.read_out:
            plan.problems.append("no **Content note to read out:** under What to watch for")
    formative = re.search(r"(?ms)^\*\*Formative check.*", found.get("Assessment", ""))
    plan.formative = formative.group(0).strip() if formative else ""
    return plan


def _rows(table: str) -> list[Row]:
    rows = []
    for line in table.splitlines():
        if not line.startswith("|"):
            continue
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) != 4 or not re.fullmatch(r"\d+", cells[0]):
            continue  # the header, the rule, or a row of another shape
        rows.append(Row(int(cells[0]), *cells[1:]))
    return rows


def _discussions(text: str) -> list[Discussion]:
    found = []
    for match in re.finditer(r"(?ms)^(\d+)\.\s+(.*?)(?=^\d+\.\s|\Z)", text):
        body = " ".join(match.group(2).split())
        bold = re.match(r"\*\*(.+?)\*\*\s*(.*)", body)
        question, notes = (bold.group(1), bold.group(2)) if bold else _first_question(body)
        found.append(Discussion(int(match.group(1)), question, notes))
    return found


def _first_question(body: str) -> tuple[str, str]:
    end = body.find("?") + 1 or len(body)
    return body[:end], body[end:].strip()


def _watch(text: str) -> tuple[str, str]:
    """(the content note to read out, the other bullets)."""
    read_out, rest = "", []
    for item in (i.strip() for i in re.split(r"(?m)^- ", text.strip()) if i.strip()):
        item = " ".join(item.split())
        label = re.match(r"\*\*Content note to read out\b.*?\*\*:?", item)
        if label and not read_out:
            said = item[label.end() :].strip()
            quoted = re.search(r'["“](.*)["”]', said)
            read_out = quoted.group(1) if quoted else said
        else:
            rest.append("- " + item)
    return read_out, "\n".join(rest)


# --- which row takes up what ------------------------------------------------------------------


def live_ids(row: Row) -> list[str]:
    """The question ids a row runs in class: those in its activity, and those the lecturer's
    column names outside a sentence that sets them for self-study or homework."""
    ids = QID.findall(row.activity)
    for sentence in SENTENCE.split(row.lecturer):
        if not LATER.search(sentence):
            ids += QID.findall(sentence)
    return list(dict.fromkeys(ids))


def _italics(text: str) -> set[str]:
    return {_norm(m) for m in re.findall(r"(?<!\*)\*([^*]+)\*(?!\*)", text)}


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", plain(text).lower()).strip()


def assign(lesson: Lesson, rows: list[Row]) -> dict[int, int | None]:
    """Item index -> the row that shows it (None: no row; the appendix or not shown)."""
    live = [set(live_ids(r)) for r in rows]
    asked: dict[int, set[str]] = {}
    for item in lesson.items:
        if item.kind == "question":
            asked.setdefault(item.part, set()).add(item.text)
    part_row: dict[int, int | None] = {}
    for p, part in enumerate(lesson.parts):
        names = _norm(part.heading)
        part_row[p] = next(
            (
                r
                for r, row in enumerate(rows)
                if live[r] & asked.get(p, set())
                or names in _italics(row.activity + " " + row.lecturer)
            ),
            None,
        )
    for p, part in enumerate(lesson.parts):  # a part without questions goes with its section
        if part_row[p] is None and not asked.get(p) and part.level > 1:
            kin = [q for q, other in enumerate(lesson.parts) if other.section == part.section]
            near = sorted(kin, key=lambda q: (q > p, abs(q - p)))
            part_row[p] = next((part_row[q] for q in near if part_row[q] is not None), None)
    question_row = {
        qid: next((r for r in range(len(rows)) if qid in live[r]), None)
        for qid in (i.text for i in lesson.items if i.kind == "question")
    }
    out: dict[int, int | None] = {}
    for n, item in enumerate(lesson.items):
        if item.kind == "question":
            out[n] = question_row[item.text]
        elif item.kind == "quote" and item.cite:
            out[n] = _quote_row(item, rows, part_row[item.part])
        else:
            out[n] = part_row[item.part]
    return out


def _quote_row(item: Item, rows: list[Row], fallback: int | None) -> int | None:
    """A quotation goes with the first row that cites its article (`Art. 3(a)`), if any."""
    articles = ARTICLE.findall(item.cite)
    for r, row in enumerate(rows):
        if any(a in row.activity + " " + row.lecturer for a in articles):
            return r
    return fallback


def discussion_rows(plan: Plan, bank: dict[str, dict]) -> dict[int, tuple[int | None, bool]]:
    """Discussion number -> (row, named): the row that names it ("Discussion question 1"),
    else the first row that runs a question its notes cite (named False), else None."""
    named: dict[int, int] = {}
    for r, row in enumerate(plan.rows):
        for match in DISCUSSION_REF.finditer(row.activity + " " + row.lecturer):
            for n in re.findall(r"\d+", match.group(1)):
                named.setdefault(int(n), r)
    live = [set(live_ids(row)) for row in plan.rows]
    out: dict[int, tuple[int | None, bool]] = {}
    for d in plan.discussions:
        if d.number in named:
            out[d.number] = (named[d.number], True)
            continue
        cited = set(QID.findall(d.question + " " + d.notes)) & set(bank)
        row = next((r for r, ids in enumerate(live) if ids & cited), None)
        out[d.number] = (row, False)
    return out


# --- slides from the parts --------------------------------------------------------------------


def question_slides(
    spec: dict, number: int, total: int, timebox: str, plan_notes: str = ""
) -> list[Slide]:
    """A self-check as a question: prompt and options by text, the answer on a fragment, the
    feedback on every option (and what the plan says about the question) in the notes."""
    kind = spec["kind"]
    blocks = [Block("p", p) for p in paragraphs(spec["prompt"])]
    notes = []
    answer = spec.get("answer")
    if kind in ("single", "multiple"):
        keys = {answer} if kind == "single" else set(answer or [])
        lead = "Choose one." if kind == "single" else "Tick all that apply."
        for oid, label in spec["options"].items():
            blocks.append(Block("option", str(label), mark="✓" if oid in keys else ""))
            why = (spec.get("feedback") or {}).get(oid, "")
            notes.append(f"- {'✓' if oid in keys else '✗'} *{label}*: {why}")
    elif kind == "categorize":
        cats = spec["categories"]
        lead = "Sort each item into a category."
        blocks.append(Block("chips", " · ".join(map(str, cats.values())), sticky=True))
        for iid, label in spec["items"].items():
            cat = str(cats.get((answer or {}).get(iid), ""))
            blocks.append(Block("option", str(label), mark=f"→ {cat}" if cat else ""))
            why = (spec.get("feedback") or {}).get(iid, "")
            notes.append(f"- *{label}* → **{cat}**: {why}")
    elif kind == "order":
        lead = "Put the items in order."
        rank = {iid: n for n, iid in enumerate(answer or [], 1)}
        for iid, label in spec["items"].items():
            blocks.append(Block("option", str(label), mark=f"#{rank[iid]}" if iid in rank else ""))
        notes.append("Right order: " + " → ".join(f"*{spec['items'][i]}*" for i in answer or []))
    elif kind == "numeric":
        unit = f" {spec['unit']}" if spec.get("unit") else ""
        lead = f"Give a number{' in' + unit if unit else ''}."
        tol = f" (± {spec['tolerance']:g})" if spec.get("tolerance") else ""
        blocks.append(Block("answer", f"**Answer:** {answer:g}{unit}{tol}"))
        for wrong in spec.get("wrong_values") or []:
            value = wrong.get("value", f"{wrong.get('min')}-{wrong.get('max')}")
            notes.append(f"- {value} (a typical slip): {wrong.get('feedback', '')}")
    elif kind == "text":
        accepted = answer if isinstance(answer, list) else [answer]
        lead = "Answer in a word or a short phrase."
        blocks.append(Block("answer", "**Answer:** " + " / ".join(f"*{a}*" for a in accepted)))
    else:  # open: answered in writing, so the model answer stays with the lecturer
        words = f" (at least {spec['min_words']} words)" if spec.get("min_words") else ""
        lead = f"Write your answer in the notebook{words}."
    if lead.split()[0].lower() not in spec["prompt"].lower():  # the prompt may say it already
        blocks.insert(0, Block("lead", lead))
    feedback = spec.get("feedback") or {}
    if kind in ("numeric", "text", "order"):
        notes += [f"- {k}: {v}" for k, v in feedback.items() if k in ("correct", "incorrect")]
    if spec.get("explanation"):
        notes.append(("Model answer: " if kind == "open" else "") + str(spec["explanation"]))
    if spec.get("hint"):
        notes.append(f"Hint: {spec['hint']}")
    header = f"Self-check {number} of {total} (`{spec['id']}`)."
    if kind in ("single", "multiple", "categorize", "order"):
        header += " Students see the options in another order: name them by their text."
    header += "\n"
    if plan_notes:
        header += f"\nFrom the plan: {plan_notes}\n\n"
    slide = Slide(
        "question", f"Self-check {number} of {total}", blocks, header + "\n".join(notes), timebox
    )
    return fit(slide)


def item_slides(item: Item, lesson: Lesson, timebox: str) -> list[Slide]:
    heading = lesson.parts[item.part].heading if lesson.parts else ""
    if item.kind == "quote":
        blocks = [Block("quote", p) for p in paragraphs(item.text)]
        blocks += [Block("lead", item.cite)] if item.cite else []
        return fit(Slide("quote", heading, blocks, f"Read it aloud: {item.cite}.", timebox))
    if item.kind == "case":
        blocks = [Block("lead", "Composite case (fictional)")]
        blocks += [Block("p", p) for p in paragraphs(item.text)]
        notes = "Say that the case is a composite: invented people, built from patterns in the "
        notes += "sources. Do not let students match it to people they know."
        title = heading if re.match(r"(?i)case\b", heading) else "A composite case"
        return fit(Slide("case", title, blocks, notes, timebox))
    if item.kind == "plot":
        return [plot_slide(item, heading, timebox)]
    return []


def plot_slide(item: Item, heading: str, timebox: str) -> Slide:
    """The plot as large as fits, with its takeaway; its text alternative in the notes."""
    width, height = item.size if all(item.size) else (4, 3)
    takeaway = Block("p", f"**Takeaway:** {item.text}") if item.text else None
    room = HEIGHT - PAD_TOP - PAD_BOTTOM - title_height(heading) - TIMEBOX_FONT * 2
    if height > width:  # a portrait plot: the takeaway beside it
        h = int(room - 8)
        w = int(width * h / height)
        side = Block("image-side", image=item.image, alt=item.alt, size=(w, h))
        blocks = [side] + ([takeaway] if takeaway else [])
        described = Block("lead", f"*What the plot shows:* {item.alt}")  # beside it, if it fits
        column = BODY_WIDTH - w - SIDE_GAP
        if item.alt and sum(block_height(b, FONT, column) for b in blocks[1:] + [described]) < h:
            blocks.append(described)
    else:
        text = block_height(takeaway, FONT, BODY_WIDTH) if takeaway else 0
        w = min(BODY_WIDTH, int(width * 1.4))
        h = int(min(room - text - 8, w * height / width))
        blocks = [Block("image", image=item.image, alt=item.alt, size=(int(width * h / height), h))]
        blocks += [takeaway] if takeaway else []
    notes = f"Read the text alternative aloud: {item.alt}" if item.alt else ""
    return Slide("plot", heading, blocks, notes, timebox)


def discussion_slide(d: Discussion, timebox: str, named: bool) -> list[Slide]:
    when = timebox if named else (f"If time allows · {timebox}" if timebox else "After class")
    blocks = [Block("p", f"**{d.question}**"), Block("lead", "Discuss in pairs, then share.")]
    return fit(Slide("discussion", f"Discussion question {d.number}", blocks, d.notes, when))


def bullet_slides(kind: str, title: str, items: list[str], notes: str = "") -> list[Slide]:
    return fit(Slide(kind, title, [Block("bullet", i) for i in items], notes)) if items else []


# --- the deck ---------------------------------------------------------------------------------


def deck(
    lesson: Lesson, bank: dict[str, dict], plan: Plan, terms: Sequence[str] = ()
) -> list[Slide]:
    """The slides of a 90-minute seminar on `lesson`, following `plan` (see the module)."""
    rows = plan.rows or _fallback_rows(lesson)
    opening = 0 if rows and "content note" in _row_text(rows[0]) else None
    slides = _opening(lesson, plan, rows[opening] if opening is not None else None)
    starts = [sum(r.minutes or 0 for r in rows[:n]) for n in range(len(rows) + 1)]
    if plan.rows:
        agenda = [
            Block("bullet", f"**{_clock(starts[n])}** {strip_ids(r.activity)} ({r.minutes} min)")
            for n, r in enumerate(rows)
        ]
        slides += fit(
            Slide(
                "agenda",
                f"Today: {starts[-1]} minutes",
                agenda,
                "The plan's timing: a plan, not a script.",
            )
        )
    where = assign(lesson, rows)
    talks = discussion_rows(plan, bank)
    by_number = {d.number: d for d in plan.discussions}
    numbers = {qid: n for n, qid in enumerate(bank, 1)}
    shown: set[str] = set()
    for r, row in enumerate(rows):
        box = _timebox(row)
        mine = [
            item
            for n, item in enumerate(lesson.items)
            if where[n] == r and (item.kind != "question" or item.text in bank)
        ]
        if r != opening:
            when = f"{_clock(starts[r])}–{_clock(starts[r + 1])}" if row.minutes else ""
            formative = plan.formative if r == len(rows) - 1 else ""
            slides += _activity(row, lesson, mine, numbers, when, formative)
        for item in mine:
            if item.kind != "question":
                slides += item_slides(item, lesson, box)
            elif item.text not in shown:
                shown.add(item.text)
                said = " ".join(x for x in SENTENCE.split(row.lecturer) if f"`{item.text}`" in x)
                number = numbers[item.text]
                slides += question_slides(bank[item.text], number, len(bank), box, said)
        for number, (row_of, named) in sorted(talks.items(), key=lambda t: not t[1][1]):
            if row_of == r:
                slides += discussion_slide(by_number[number], box, named)
    slides += bullet_slides("key-points", "Key points", lesson.key_points)
    return slides + _appendix(lesson, where, talks, by_number, terms)


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _row_text(row: Row) -> str:
    return (row.activity + " " + row.lecturer).lower()


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


def _opening(lesson: Lesson, plan: Plan, row: Row | None) -> list[Slide]:
    """The content note first (the plan's version to read out in the notes), then the
    objectives."""
    blocks = [Block("lead", f"Lesson {lesson.number} · {lesson.minutes or 90}-minute seminar")]
    if lesson.content_note:
        blocks += [
            Block("quote", f"**Content note.** {p}") for p in paragraphs(lesson.content_note)
        ]
    notes = f'Read the content note aloud:\n\n> "{plan.read_out}"\n\n' if plan.read_out else ""
    notes += plan.watch
    box = _timebox(row) if row else ""
    slides = fit(Slide("opening", lesson.title, blocks, notes, box))
    objectives = [
        Block("number", re.sub(r"^(\w+)", r"**\1**", o), mark=str(n))
        for n, o in enumerate(lesson.objectives, 1)
    ]
    if objectives:
        lead = Block("lead", "By the end of this session you can:")
        slides += fit(
            Slide(
                "objectives",
                "Learning objectives",
                [lead, *objectives],
                row.lecturer if row else "",
                box,
            )
        )
    return slides


def _activity(
    row: Row,
    lesson: Lesson,
    items: list[Item],
    numbers: dict[str, int],
    when: str,
    formative: str,
) -> list[Slide]:
    """The row's time box and what students do; where it is in the notebook; the lecturer's
    column (and what runs live, and for the last row the formative check) in the notes."""
    blocks = []
    students = QID.sub("", row.students).strip()
    if students:
        blocks.append(Block("p", f"**You:** {students}"))
    asked = sorted(numbers[i.text] for i in items if i.kind == "question")
    places = list(dict.fromkeys(lesson.parts[i.part].heading for i in items if i.kind != "live"))
    if places:
        where = "; ".join(f"*{h}*" for h in places[:3]) + ("; ..." if len(places) > 3 else "")
        checks = f" (self-checks {_numbers(asked)})" if asked else ""
        blocks.append(Block("lead", f"In the notebook: {where}{checks}."))
    notes = row.lecturer
    for item in items:
        if item.kind == "live":
            heading = lesson.parts[item.part].heading
            notes += f"\n\nLive in the notebook (needs a kernel): the section *{heading}*."
    if formative:
        notes += f"\n\n{formative}"
    box = f"{when} · {row.minutes} min" if when else ""
    return fit(Slide("activity", strip_ids(row.activity), blocks, notes, box))


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
    for number, (row, _) in sorted(talks.items()):
        if row is None:
            rest += discussion_slide(by_number[number], "", False)
    for n, item in enumerate(lesson.items):
        if where[n] is None and item.kind in ("quote", "case", "plot"):
            rest += item_slides(item, lesson, "For self-study")
    rest += bullet_slides(
        "terms",
        "Key terms of this lesson",
        list(terms),
        "From the course glossary (data: `glossary`).",
    )
    if not rest:
        return []
    divider = Slide(
        "divider",
        "After the seminar",
        [
            Block(
                "p", "For self-study, or for a longer session: what the 90-minute plan leaves out."
            )
        ],
    )
    return [divider, *rest]


# --- sizing and splitting ---------------------------------------------------------------------


def text_lines(markdown: str, font: float, width: float) -> int:
    """Lines of wrapped text: a soft line break joins, a list item starts a new line."""
    per_line = max(1, int(width / (font * CHAR)))
    lines = re.split(r"\n(?=\s*(?:[-*+]|\d+\.)\s)", markdown)
    return sum(max(1, math.ceil(len(plain(line)) / per_line)) for line in lines)


def title_height(title: str) -> float:
    lines = text_lines(title, TITLE_FONT, BODY_WIDTH)
    return lines * TITLE_FONT * TITLE_LINE + TITLE_GAP


def block_height(block: Block, font: float, width: float = BODY_WIDTH) -> float:
    if block.kind in ("image", "image-side"):
        return block.size[1] + 8
    if block.kind == "lead":
        font = font * 0.8
    if block.kind in ("bullet", "number", "option", "quote"):
        width -= INDENT * font
    text = block.text + (f" {block.mark}" if block.kind == "option" and block.mark else "")
    padding = 0.6 * font if block.kind == "quote" else 0  # a quotation's box
    return text_lines(text, font, width) * font * LINE + GAP * font + padding


def slide_height(slide: Slide) -> float:
    font = DENSE if slide.dense else FONT
    side = [b for b in slide.blocks if b.kind == "image-side"]
    if side:  # a portrait plot, its takeaway beside it
        body = side[0].size[1] + 8
    else:
        body = sum(block_height(b, font) for b in slide.blocks)
    return PAD_TOP + (TIMEBOX_FONT * 2 if slide.timebox else 0) + title_height(slide.title) + body


def budget() -> float:
    return HEIGHT - PAD_BOTTOM


def fit(slide: Slide) -> list[Slide]:
    """`slide`, or the dense size of it, or it split into slides that each fit, filled evenly
    (a paragraph too long for one slide is cut at sentences; sticky blocks repeat)."""
    if slide_height(slide) <= budget():
        return [slide]
    dense = replace(slide, dense=True)
    if slide_height(dense) <= budget():
        return [dense]
    blocks = [piece for b in slide.blocks for piece in _pieces(b, dense)]
    pages = _pack(dense, blocks, budget())
    for limit in range(int(budget() / len(pages)), int(budget()), 10):
        even = _pack(dense, blocks, limit)
        if len(even) == len(pages):
            pages = even
            break
    return [
        replace(
            dense,
            title=slide.title if n == 0 else f"{slide.title} (continued)",
            blocks=page,
            notes=slide.notes if n == 0 else "",
        )
        for n, page in enumerate(pages)
    ]


def _pack(slide: Slide, blocks: list[Block], limit: float) -> list[list[Block]]:
    """Blocks into pages no taller than `limit` (a page takes at least one block)."""
    font = DENSE if slide.dense else FONT
    empty = slide_height(replace(slide, blocks=[], title=slide.title + " (continued)"))
    pages: list[list[Block]] = [[]]
    sticky: list[Block] = []  # repeated at the top of every later page
    used = empty
    for block in blocks:
        tall = block_height(block, font)
        if len(pages[-1]) > len(sticky) and used + tall > limit:
            pages.append(list(sticky))
            used = empty + sum(block_height(b, font) for b in sticky)
        pages[-1].append(block)
        used += tall
        if block.sticky:
            sticky.append(block)
    return pages


def _pieces(block: Block, dense: Slide) -> list[Block]:
    """A block too tall for a slide of its own, cut into sentences."""
    alone = replace(dense, blocks=[block], title=dense.title + " (continued)")
    if block.kind.startswith("image") or slide_height(alone) <= budget():
        return [block]
    sentences = SENTENCE.split(block.text)
    half = len(sentences) // 2 or 1
    if len(sentences) < 2:
        return [block]
    first = replace(block, text=" ".join(sentences[:half]))
    second = replace(block, text=" ".join(sentences[half:]), mark="")
    return _pieces(first, dense) + _pieces(second, dense)

"""Reading an executed lesson notebook: what a slide may show of it (`read_lesson`).

The parts are found by the fixed words of the notebook's language (authoring/markers.py):
the content note, composite cases, the "What the plot shows:" cell after a plot and its
takeaway, the key points."""

from __future__ import annotations

import base64
import re
import struct

import nbformat

from ...authoring.markers import MARKERS, Markers, language_of, markers
from .model import Item, Lesson, Part
from .tables import read_table
from .text import list_items, paragraphs, unquote

HEADING = re.compile(r"^(#{1,6})\s+(.*)")
ASK = re.compile(r"""course\.ask\(\s*["']([\w-]+)["']""")
WIDGET = "application/vnd.jupyter.widget-view+json"


def read_lesson(nb: nbformat.NotebookNode, stem: str) -> Lesson:
    """What a deck can show of an executed lesson notebook."""
    meta = nb.get("metadata", {}).get("tipcourse") or {}
    lesson = Lesson(stem=stem, minutes=meta.get("minutes"), language=language_of(nb))
    lesson.objectives = [
        str(o.get("text", "")) for o in meta.get("objectives") or [] if isinstance(o, dict)
    ]
    marks, section, cells = markers(lesson.language), 0, nb.cells
    for i, cell in enumerate(cells):
        if cell.cell_type == "code":
            _read_code(lesson, cell, cells[i + 1] if i + 1 < len(cells) else None, marks)
            continue
        if cell.cell_type != "markdown":
            continue
        for chunk in _chunks(cell.source):
            heading = HEADING.match(chunk)
            if not heading:
                _read_chunk(lesson, chunk, marks)
                continue
            level, text = len(heading.group(1)), heading.group(2).strip()
            if level <= 2:
                section = len(lesson.parts)
            lesson.parts.append(Part(text, level, section))
            if level == 1 and not lesson.title:
                _title(lesson, text, meta)
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


def _read_chunk(lesson: Lesson, chunk: str, marks: Markers) -> None:
    if not lesson.parts:
        return
    part, here = lesson.parts[-1], len(lesson.parts) - 1
    case = f"*{marks.case}*"
    if part.level == 1 and not lesson.description and not chunk.startswith(">"):
        lesson.description = " ".join(chunk.split())
    elif chunk.startswith(">"):
        _read_quote(lesson, unquote(chunk).strip(), marks)
    elif chunk.startswith(case):
        lesson.items.append(Item("case", here, text=chunk[len(case) :].strip()))
    elif part.heading.lower() == marks.key_points.lower():
        lesson.key_points += list_items(chunk)


def _read_quote(lesson: Lesson, body: str, marks: Markers) -> None:
    """The content note, or a quotation with its source line: `(Palermo Protocol, Art. 3)`."""
    note = f"**{marks.content_note}**"
    if body.startswith(note):
        lesson.content_note = body[len(note) :].strip()
    elif body.startswith('"'):
        lines = body.splitlines()
        cite = lines[-1].strip() if re.fullmatch(r"\(.*\)", lines[-1].strip()) else ""
        text = "\n".join(lines[:-1] if cite else lines).strip()
        here = len(lesson.parts) - 1
        lesson.items.append(Item("quote", here, text=text, cite=cite[1:-1]))


def _read_code(lesson: Lesson, cell: nbformat.NotebookNode, after: object, marks: Markers) -> None:
    here = len(lesson.parts) - 1
    for qid in ASK.findall(cell.source):
        lesson.items.append(Item("question", here, text=qid))
    outputs = cell.get("outputs", [])
    note = after.source.strip() if getattr(after, "cell_type", "") == "markdown" else ""
    alt, takeaway = plot_text(note, marks)
    drawn = False
    for output in outputs:  # plots and tables in the order the cell shows them
        data = output.get("data", {})
        if "image/png" in data:
            png = data["image/png"]
            png = (png if isinstance(png, str) else "".join(png)).replace("\n", "")
            item = Item("plot", here, text=takeaway, alt=alt, image=png, size=png_size(png))
            lesson.items.append(item)
            drawn = True
        elif WIDGET not in data and "<table" in "".join(data.get("text/html", "")):
            table = read_table("".join(data["text/html"]))
            if table is not None:
                lesson.items.append(Item("table", here, table=table))
    widget = any(WIDGET in o.get("data", {}) for o in outputs)
    if not drawn and not ASK.search(cell.source) and widget:
        lesson.items.append(Item("live", here))


def plot_text(note: str, marks: Markers = MARKERS["en"]) -> tuple[str, str]:
    """The "*What the plot shows:*" cell -> (its first paragraph, the takeaway sentence)."""
    start, takeaway = f"*{marks.plot_text}*", f"**{marks.takeaway}**"
    if not note.startswith(start):
        return "", ""
    paras = paragraphs(note[len(start) :])
    said = next((p[len(takeaway) :].strip() for p in paras if p.startswith(takeaway)), "")
    return (" ".join(paras[0].split()) if paras else ""), said


def png_size(b64: str) -> tuple[int, int]:
    """(width, height) from a base64 PNG's header; (0, 0) if it is not one."""
    head = base64.b64decode(b64[:48] + "=" * (-len(b64[:48]) % 4))
    if head[:8] != b"\x89PNG\r\n\x1a\n" or len(head) < 24:
        return (0, 0)
    return struct.unpack(">II", head[16:24])

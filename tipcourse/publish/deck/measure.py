"""Heights and widths by estimate: a slide's against the 1280x720 budget, a table's from the
widths of its text in the slide's font (tests/test_slides.py measures them in Chromium)."""

from __future__ import annotations

import math
import re

from .geometry import (
    ADVANCE,
    BODY_WIDTH,
    CELL_PAD_X,
    CELL_PAD_Y,
    CHAR,
    DENSE,
    FONT,
    GAP,
    HEIGHT,
    INDENT,
    LINE,
    LONGEST_WORD,
    OTHER_ADVANCE,
    PAD_BOTTOM,
    PAD_TOP,
    TABLE_LINE,
    TIMEBOX_FONT,
    TITLE_FONT,
    TITLE_GAP,
    TITLE_LINE,
    WIDTH_SLACK,
)
from .model import Block, Cell, Slide, Table
from .text import plain


def text_lines(markdown: str, font: float, width: float) -> int:
    """Lines of wrapped text: a soft line break joins, a list item starts a new line."""
    per_line = max(1, int(width / (font * CHAR)))
    lines = re.split(r"\n(?=\s*(?:[-*+]|\d+\.)\s)", markdown)
    return sum(max(1, math.ceil(len(plain(line)) / per_line)) for line in lines)


def title_height(title: str) -> float:
    lines = text_lines(title, TITLE_FONT, BODY_WIDTH)
    return lines * TITLE_FONT * TITLE_LINE + TITLE_GAP


def block_height(block: Block, font: float, width: float = BODY_WIDTH) -> float:
    if block.kind == "image":
        return block.size[1] + 8
    if block.kind == "table" and block.table is not None:
        return table_height(block.table)
    if block.kind == "lead":
        font = font * 0.8
    if block.kind in ("bullet", "number", "option", "quote"):
        width -= INDENT * font
    text = block.text + (f" {block.mark}" if block.kind == "option" and block.mark else "")
    padding = 0.6 * font if block.kind == "quote" else 0  # a quotation's box
    return text_lines(text, font, width) * font * LINE + GAP * font + padding


def slide_height(slide: Slide) -> float:
    font = DENSE if slide.dense else FONT
    body = sum(block_height(b, font) for b in slide.blocks)
    return PAD_TOP + (TIMEBOX_FONT * 2 if slide.timebox else 0) + title_height(slide.title) + body


def budget() -> float:
    return HEIGHT - PAD_BOTTOM


# --- tables -----------------------------------------------------------------------------------


def text_px(text: str, font: float, bold: bool = False) -> float:
    """The width of `text` on one line at `font` px (with WIDTH_SLACK to spare)."""
    table = ADVANCE[bold]
    ems = sum(table[ord(c) - 32] if " " <= c <= "~" else OTHER_ADVANCE for c in text)
    return ems / 1000 * font * WIDTH_SLACK


def table_widths(table: Table, font: int, width: float = BODY_WIDTH) -> list[int] | None:
    """Column widths (px, padding included) for `table` at `font`: each as wide as its longest
    cell if all fit in `width`, else the space beyond each column's longest word shared out
    in proportion to what more it would take (as a browser lays out a table); None when even
    the longest words do not fit."""
    pad = 2 * CELL_PAD_X + 2  # and a pixel either side of slack
    most, least = _column_extents(table, font)
    if sum(most) + pad * len(most) <= width:
        return [math.ceil(m + pad) for m in most]
    spare = width - sum(least) - pad * len(least)
    if spare < 0:
        return None
    more = [m - n for m, n in zip(most, least, strict=True)]
    return [
        math.floor(n + pad + spare * extra / (sum(more) or 1))
        for n, extra in zip(least, more, strict=True)
    ]


def _column_extents(table: Table, font: int) -> tuple[list[float], list[float]]:
    """Per column: its longest cell on one line, and its longest word (capped), in px."""
    most, least = [0.0] * table.columns, [0.0] * table.columns
    for row in table.head + table.body:
        col = 0
        for cell in row:
            if cell.span == 1:
                text = cell.text or cell.carried
                words = [text_px(w, font, cell.header) for w in text.split()]
                most[col] = max(most[col], text_px(text, font, cell.header))
                least[col] = max(least[col], min(max(words, default=0), LONGEST_WORD * font))
            col += cell.span
    return most, least


def wrapped_lines(text: str, font: float, width: float, bold: bool = False) -> int:
    """Lines of `text` wrapped at spaces in `width` px (a word too long breaks anywhere)."""
    space = text_px(" ", font, bold)
    lines, used = 1, 0.0
    for word in text.split():
        size = text_px(word, font, bold)
        if used and used + space + size > width:
            lines, used = lines + 1, 0.0
        if size > width:  # broken across lines
            lines += int((used + size) // width)
            used = (used + size) % width
        else:
            used += (space if used else 0) + size
    return lines


def row_height(row: list[Cell], widths: list[int], font: float) -> float:
    tallest, col = 1, 0
    for cell in row:
        room = sum(widths[col : col + cell.span]) - 2 * CELL_PAD_X
        text = cell.text or cell.carried
        tallest = max(tallest, wrapped_lines(text, font, room, cell.header))
        col += cell.span
    return tallest * font * TABLE_LINE + 2 * CELL_PAD_Y + 1


def table_height(table: Table) -> float:
    rows = table.head + table.body
    return sum(row_height(r, table.widths, table.font) for r in rows) + 8  # 8: its margin

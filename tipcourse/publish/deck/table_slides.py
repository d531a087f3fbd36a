"""A table of a cell's output on slides: at 20, 18 or 16 px on one slide; else at 18 px over
up to MAX_TABLE_SLIDES slides (the header on each), the rows beyond counted in a line under
the last ("N more rows in the lesson"); columns that do not fit are left out from the right."""

from __future__ import annotations

from dataclasses import replace

from ...i18n import _
from .fit import continued
from .geometry import TABLE_FONTS, TABLE_SPLIT_FONT
from .measure import budget, row_height, slide_height, table_height, table_widths
from .model import Block, Cell, Item, Slide, Table
from .tables import shortened

MAX_TABLE_SLIDES = 2  # beyond: "N more rows in the lesson"


def table_slides(item: Item, heading: str, timebox: str) -> list[Slide]:
    """The table of a cell's output, fitted to the slide (see the module); long cells are cut
    only if the table does not fit whole; [] if not even two columns fit."""
    assert item.table is not None
    notes = _(
        "The table the lesson shows in *{heading}* (the notebook's saved output, no code): "
        "{count} rows."
    ).format(heading=heading, count=len(item.table.body))
    short = shortened(item.table)
    versions = [item.table] + [short] * short.shortened
    for whole in versions:
        one = _on_one_slide(whole, heading, timebox, notes)
        if one:
            return one
    slides: list[Slide] = []
    for whole in versions:  # in full if every row fits
        table = _fitted(whole, TABLE_SPLIT_FONT) or _fitted(whole, TABLE_FONTS[-1])
        if table is None:  # not even two columns fit: the lecturer shows the notebook
            return []
        slides = _table_pages(table, heading, timebox, notes)
        if all(slide_height(s) <= budget() for s in slides) and not any(
            b.table.more_rows for s in slides for b in s.blocks if b.table
        ):
            break
    return slides


def _on_one_slide(whole: Table, heading: str, timebox: str, notes: str) -> list[Slide]:
    lead = Block("lead", "x")  # room for a line under the table
    for font in TABLE_FONTS:
        table = _fitted(whole, font)
        if table is None:
            continue
        slide = Slide("table", heading, _table_blocks(table), notes, timebox)
        if slide_height(replace(slide, blocks=[Block("table", table=table), lead])) <= budget():
            return [slide]
    return []


def _fitted(table: Table, font: int) -> Table | None:
    """`table` at `font`, leaving out columns from the right (never the first) until the rest
    fits the slide's width; None if not even two do."""
    for drop in range(table.columns - 1):
        keep = table.columns - drop
        trimmed = replace(
            table,
            head=[_first_columns(r, keep) for r in table.head],
            body=[_first_columns(r, keep) for r in table.body],
            numeric=table.numeric[:keep],
            more_columns=drop,
        )
        widths = table_widths(trimmed, font)
        if widths is not None:
            return replace(trimmed, font=font, widths=widths)
    return None


def _first_columns(row: list[Cell], keep: int) -> list[Cell]:
    out, col = [], 0
    for cell in row:
        if col >= keep:
            break
        out.append(replace(cell, span=min(cell.span, keep - col)))
        col += cell.span
    return out


def _table_blocks(table: Table) -> list[Block]:
    """The table, and a line under it saying what the slide leaves out."""
    said = []
    if table.more_rows:
        one, many = _("1 more row in the lesson"), _("{count} more rows in the lesson")
        said.append(one if table.more_rows == 1 else many.format(count=table.more_rows))
    if table.more_columns:
        one, many = _("1 more column in the lesson"), _("{count} more columns in the lesson")
        said.append(one if table.more_columns == 1 else many.format(count=table.more_columns))
    if table.shortened:
        said.append(_("long entries shortened (…), in full in the lesson"))
    line = "; ".join(said)
    lead = [Block("lead", line[:1].upper() + line[1:] + ".")] if said else []
    return [Block("table", table=table), *lead]


def _table_pages(table: Table, heading: str, timebox: str, notes: str) -> list[Slide]:
    """Rows onto slides: filled evenly, a line kept for the note under the table."""
    empty = Slide("table", continued(heading), [Block("lead", "x")], "", timebox)
    room = budget() - slide_height(empty) - table_height(replace(table, body=[]))
    heights = [row_height(r, table.widths, table.font) for r in table.body]
    pages = _split_rows(heights, room)
    if len(pages) <= MAX_TABLE_SLIDES:  # all rows shown: as many on each slide
        for limit in range(int(room / len(pages)), int(room), 10):
            even = _split_rows(heights, limit)
            if len(even) == len(pages):
                pages = even
                break
    pages = pages[:MAX_TABLE_SLIDES]
    shown = sum(len(p) for p in pages)
    slides, start = [], 0
    for n, page in enumerate(pages):
        rows = table.body[start : start + len(page)]
        start += len(page)
        last = n == len(pages) - 1
        part = replace(
            table,
            body=[_opening_row(r) if i == 0 else r for i, r in enumerate(rows)],
            more_rows=len(table.body) - shown if last else 0,
            shortened=table.shortened and last,
        )
        title = heading if n == 0 else continued(heading)
        slides.append(Slide("table", title, _table_blocks(part), notes if n == 0 else "", timebox))
    return slides


def _split_rows(heights: list[float], limit: float) -> list[list[float]]:
    pages: list[list[float]] = [[]]
    for h in heights:
        if pages[-1] and sum(pages[-1]) + h > limit:
            pages.append([])
        pages[-1].append(h)
    return pages


def _opening_row(row: list[Cell]) -> list[Cell]:
    """The first row on a slide shows the text of a rowspan that began on the slide before."""
    return [replace(c, text=c.carried, carried="") if c.carried and not c.text else c for c in row]

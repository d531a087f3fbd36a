"""A table from a cell's saved HTML output (a DataFrame): `read_table` reads its first <table>
onto a regular grid of cells, tidied for a slide."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

from .model import Cell, Table

CELL_CHARS = 160  # a longer cell is cut at a word, with "…", on a slide
NUMBER = re.compile(r"[-+−]?(?:\d[\d,.]*|\.\d+)\s*%?|<\s?\d+|[–—-]|NaN|nan|None|<NA>")


class _TableReader(HTMLParser):
    """The first <table> of an HTML page: its rows as [tag, text parts, rowspan, colspan]."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head: list[list[list]] = []
        self.body: list[list[list]] = []
        self.section: list[list[list]] | None = None
        self.cell: list | None = None
        self.depth = 0  # tables open (a nested table is read as text of its cell)
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag == "table":
            self.depth += 1
        elif self.depth != 1:
            return
        elif tag == "thead":
            self.section = self.head
        elif tag in ("tbody", "tfoot"):
            self.section = self.body
        elif tag == "tr":
            self.section = self.body if self.section is None else self.section
            self.section.append([])
        elif tag in ("th", "td") and self.section:
            spans = {
                k: int(v) for k, v in attrs if k in ("rowspan", "colspan") and v and v.isdigit()
            }
            self.cell = [tag, [], spans.get("rowspan", 1), max(1, spans.get("colspan", 1))]
            self.section[-1].append(self.cell)
        elif tag == "br" and self.cell is not None:
            self.cell[1].append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.depth:
            self.depth -= 1
            self.done = self.depth == 0
        elif tag in ("th", "td") and self.depth == 1:
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None and not self.done:
            self.cell[1].append(data)


def read_table(page: str) -> Table | None:
    """A cell's text/html output -> its first table, tidied for a slide (None if it has no
    rows): rowspans spread over the rows they cover, pandas' row of index names merged into the
    header, a default 0, 1, 2 ... index left out, number columns marked."""
    reader = _TableReader()
    reader.feed(page)
    head, body = _grid(reader.head), _grid(reader.body)
    if not head and body and all(c.header for c in body[0]):
        head, body = body[:1], body[1:]
    if not body:
        return None
    table = Table(head, body)
    for rows, header in ((table.head, True), (table.body, False)):
        for row in rows:  # a short row is padded to the grid
            row += [Cell("", header) for _ in range(table.columns - sum(c.span for c in row))]
    _merge_index_names(table)
    _drop_range_index(table)
    table.numeric = _numeric_columns(table)
    return table


def _grid(rows: list[list[list]]) -> list[list[Cell]]:
    """Rows of [tag, parts, rowspan, colspan] -> rows of cells, a covered cell in the place of
    each rowspan below its first row."""
    out: list[list[Cell]] = []
    pending: dict[int, tuple[int, Cell]] = {}  # column -> (rows still covered, the cell)
    for raw in rows:
        row: list[Cell] = []
        col, queue, started = 0, list(raw), {}
        while queue or any(c >= col for c in pending):
            if col in pending:
                left, cell = pending.pop(col)
                row.append(Cell("", cell.header, cell.span, cell.text or cell.carried))
                if left > 1:
                    started[col] = (left - 1, cell)
                col += cell.span
            elif queue:
                tag, parts, rowspan, colspan = queue.pop(0)
                cell = Cell(" ".join("".join(parts).split()), tag == "th", colspan)
                row.append(cell)
                if rowspan > 1:
                    started[col] = (rowspan - 1, cell)
                col += colspan
            else:  # a gap before a covered column: the row lacks cells
                row.append(Cell(""))
                col += 1
        pending = started
        out.append(row)
    return out


def _merge_index_names(table: Table) -> None:
    """pandas writes the names of a DataFrame's index in a header row of their own ("year" over
    the columns, then "area" and empty cells): one header row on a slide ("area / year")."""
    if len(table.head) < 2:
        return
    names, above = table.head[-1], table.head[-2]
    index = next((n for n, c in enumerate(table.body[0]) if not c.header), 0)
    if not 0 < index < len(names) or any(c.text for c in names[index:]):
        return
    if any(c.span != 1 for c in names[:index] + above[:index]) or not any(
        c.text for c in names[:index]
    ):
        return
    for n in range(index):
        lower, upper = names[n].text, above[n].text
        text = f"{lower} / {upper}" if lower and upper else lower or upper
        above[n] = Cell(text, True)
    table.head.pop()


def _drop_range_index(table: Table) -> None:
    """A default index (0, 1, 2 ... in the first column, an empty header) says nothing."""
    first = [row[0] for row in table.body]
    if len(table.body[0]) < 2 or any(row[0].text or row[0].span != 1 for row in table.head):
        return
    if all(c.header and c.text == str(n) for n, c in enumerate(first)):
        for row in table.head + table.body:
            row.pop(0)


def _numeric_columns(table: Table) -> list[bool]:
    """Per column: every body cell in it is a number (or empty): it is right-aligned."""
    columns: list[list[str]] = [[] for _ in range(table.columns)]
    for row in table.body:
        col = 0
        for cell in row:
            if cell.span == 1 and not cell.header:
                columns[col].append(cell.text or cell.carried)
            elif cell.span == 1:
                columns[col].append("header")  # an index column is never right-aligned
            col += cell.span
    return [
        bool(texts) and all(not t or NUMBER.fullmatch(t) for t in texts) and any(texts)
        for texts in columns
    ]


def shortened(table: Table) -> Table:
    """`table` with every cell longer than CELL_CHARS cut at a word."""
    body = [
        [replace(c, text=_shorten(c.text), carried=_shorten(c.carried)) for c in row]
        for row in table.body
    ]
    return replace(table, body=body, shortened=body != table.body)


def _shorten(text: str) -> str:
    if len(text) <= CELL_CHARS:
        return text
    cut = text[: CELL_CHARS - 1]
    return (cut[: cut.rfind(" ")] if " " in cut else cut).rstrip(" ,;:") + "…"

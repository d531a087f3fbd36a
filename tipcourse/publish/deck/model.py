"""The deck as plain data: what is read from the sources (Lesson, Plan) and what is shown
(Slide, Block; Table and Cell for a table's output)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    """One unit of a slide, never split further by the layout.

    kind: p (a Markdown paragraph), bullet, number (a numbered item; `mark` is its number),
    quote, lead (a short line in grey), option (`mark` is what the answer fragment shows beside
    it: ✓, a category, a position; "" for a wrong option), chips (the categories of a sorting
    question; repeated on a continued slide), answer (a fragment under the options), image
    (`image` is base64 PNG, `alt` its text alternative, `size` its displayed (width, height) in
    px), table (`table`, laid out: its font size and column widths)."""

    kind: str
    text: str = ""
    mark: str = ""
    image: str = ""
    alt: str = ""
    size: tuple[int, int] = (0, 0)
    sticky: bool = False
    table: Table | None = None


@dataclass
class Cell:
    """A table cell: its text, whether it is a header (<th>), the columns it spans; a cell that
    a rowspan covers has no text of its own but `carried`, shown when it opens a slide."""

    text: str
    header: bool = False
    span: int = 1
    carried: str = ""


@dataclass
class Table:
    """A table from a cell's HTML output (a DataFrame), as rows of cells on a regular grid.

    `numeric` marks the columns whose body cells are all numbers (right-aligned); `shortened`
    says that a cell was cut for the slide; `more_rows` and `more_columns` count what the
    slide leaves out. `font` (px) and `widths` (px per column) are its layout on a slide."""

    head: list[list[Cell]]
    body: list[list[Cell]]
    numeric: list[bool] = field(default_factory=list)
    shortened: bool = False
    more_rows: int = 0
    more_columns: int = 0
    font: int = 0
    widths: list[int] = field(default_factory=list)

    @property
    def columns(self) -> int:
        return max((sum(c.span for c in row) for row in self.head + self.body), default=0)


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

    kind: str  # quote, case, plot, table, question, live (a widget that needs a kernel)
    part: int  # index into Lesson.parts
    text: str = ""  # Markdown: the quotation, the case, the takeaway; a question's id
    cite: str = ""  # a quotation's source line
    alt: str = ""  # a plot's text alternative
    image: str = ""
    size: tuple[int, int] = (0, 0)
    table: Table | None = None


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
    language: str = "en"  # the notebook's (its `tipcourse.language`): the deck's words


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
    language: str = "en"  # the language of its fixed words (its folder's)

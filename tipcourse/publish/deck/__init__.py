"""A seminar deck as plain data: (lesson notebook, question bank, lesson plan) -> slides.

`read_lesson(nb, stem)` (lesson.py) takes from the executed lesson what a slide may show: the
title, the content note, the objectives (metadata `tipcourse.objectives`), quoted definitions,
composite cases, plots with their text alternative and takeaway, tables (a cell's saved HTML
output, a DataFrame: tables.py), where each question is asked, the key points.
`parse_plan(text, language)` (plan.py) reads a lesson plan: the rows of its 90-minute session
table, the discussion questions with their notes, the content note to read out and what to
watch for. Both find the parts by the fixed words of their language (authoring/markers.py):
the notebook's `tipcourse.language`, the plan's folder.

`deck(lesson, bank, plan)` (assemble.py) follows the plan's rows: the content note first, the
objectives and the agenda, then per row an activity slide (its time box; the lecturer's column
in the speaker notes) and what the row takes up (schedule.py): the notebook parts whose
questions it runs live (or whose heading it names in italics), the self-checks as question
slides (questions.py: options by text, the answer on a fragment and the feedback in the notes),
the discussion questions it names. The key points close the last row; what no row takes up
follows as an appendix for self-study (its quotations, cases and plots; not its tables). Every
word the deck writes itself goes through gettext in the lesson's language (tipcourse.i18n).

Every slide is sized by estimate (measure.py) against 1280x720 (geometry.py) and split where
it would not fit (fit.py): a plot fills the room under its title, its takeaway beneath, and a
plot too tall to read that way is shown in parts (plots.py, bands.py); a table is laid out
from the widths of its text in the slide's font, at 20 to 16 px, over two slides at most, with
the rows beyond counted (table_slides.py). tests/test_slides.py measures the rendered decks in
Chromium. The renderer is slides.py.
"""

from .assemble import deck
from .bands import Bands, plot_bands
from .content import bullet_slides, discussion_slide, item_slides
from .fit import fit
from .geometry import (
    BODY_WIDTH,
    CELL_PAD_X,
    CELL_PAD_Y,
    DENSE,
    FONT,
    GAP,
    HEIGHT,
    INDENT,
    LINE,
    PAD_BOTTOM,
    PAD_TOP,
    PAD_X,
    TABLE_FONTS,
    TABLE_LINE,
    TABLE_SPLIT_FONT,
    TIMEBOX_FONT,
    TITLE_FONT,
    TITLE_GAP,
    TITLE_LINE,
    WIDTH,
)
from .lesson import plot_text, png_size, read_lesson
from .measure import (
    block_height,
    budget,
    row_height,
    slide_height,
    table_height,
    table_widths,
    text_px,
    wrapped_lines,
)
from .model import Block, Cell, Discussion, Item, Lesson, Part, Plan, Row, Slide, Table
from .plan import parse_plan, sections
from .plots import MAX_BANDS, MAX_PLOT_SCALE, MIN_PLOT_SCALE, plot_room, plot_slides
from .questions import question_slides
from .schedule import assign, discussion_rows, live_ids
from .table_slides import MAX_TABLE_SLIDES, table_slides
from .tables import CELL_CHARS, read_table, shortened
from .text import paragraphs, plain, strip_ids

__all__ = [
    "BODY_WIDTH",
    "CELL_CHARS",
    "CELL_PAD_X",
    "CELL_PAD_Y",
    "DENSE",
    "FONT",
    "GAP",
    "HEIGHT",
    "INDENT",
    "LINE",
    "MAX_BANDS",
    "MAX_PLOT_SCALE",
    "MAX_TABLE_SLIDES",
    "MIN_PLOT_SCALE",
    "PAD_BOTTOM",
    "PAD_TOP",
    "PAD_X",
    "TABLE_FONTS",
    "TABLE_LINE",
    "TABLE_SPLIT_FONT",
    "TIMEBOX_FONT",
    "TITLE_FONT",
    "TITLE_GAP",
    "TITLE_LINE",
    "WIDTH",
    "Bands",
    "Block",
    "Cell",
    "Discussion",
    "Item",
    "Lesson",
    "Part",
    "Plan",
    "Row",
    "Slide",
    "Table",
    "assign",
    "block_height",
    "budget",
    "bullet_slides",
    "deck",
    "discussion_rows",
    "discussion_slide",
    "fit",
    "item_slides",
    "live_ids",
    "paragraphs",
    "parse_plan",
    "plain",
    "plot_bands",
    "plot_room",
    "plot_slides",
    "plot_text",
    "png_size",
    "question_slides",
    "read_lesson",
    "read_table",
    "row_height",
    "sections",
    "shortened",
    "slide_height",
    "strip_ids",
    "table_height",
    "table_slides",
    "table_widths",
    "text_px",
    "wrapped_lines",
]

"""A plot on a slide: it fills the room under its title, its takeaway beneath, scaled to that
room's width or height (whichever binds; at most MAX_PLOT_SCALE: a 100-dpi PNG enlarged more
looks blurred). Shown below MIN_PLOT_SCALE its text is too small: the course's plots are 100
dpi, their smallest text (8 pt tick labels of a timeline, the source line) 11 px drawn, so at
0.85 it is 9.4 px of the 1280x720 slide, 14 px on a 1920x1080 projector. A plot too tall for
that (the lesson 05 timeline, 1424 px) is shown in parts, cut between its rows (bands.py)."""

from __future__ import annotations

from ...i18n import _
from .bands import Bands
from .fit import continued
from .geometry import BODY_WIDTH
from .measure import budget, slide_height
from .model import Block, Item, Slide

MIN_PLOT_SCALE, MAX_PLOT_SCALE = 0.85, 2.0
MAX_BANDS = 4


def plot_room(heading: str, timebox: str, takeaway: Block | None) -> tuple[float, float]:
    """(width, height) in px an image may take on a plot slide."""
    empty = Slide("plot", heading, [takeaway] if takeaway else [], "", timebox)
    return BODY_WIDTH, budget() - slide_height(empty) - 8 - 2  # its margin, and 2 px of slack


def plot_slides(item: Item, heading: str, timebox: str) -> list[Slide]:
    """The plot as large as the slide allows, its takeaway beneath, its text alternative in
    the notes; a plot that would be shown too small to read is cut into parts (bands), each on
    a slide of its own with the plot's x axis under it."""
    width, height = item.size if all(item.size) else (4, 3)
    said = _("**Takeaway:** {text}").format(text=item.text)
    takeaway = [Block("p", said)] if item.text else []
    alt = _("Read the text alternative aloud: {alt}").format(alt=item.alt) if item.alt else ""
    room_w, room_h = plot_room(heading, timebox, takeaway[0] if takeaway else None)
    scale = min(room_w / width, room_h / height, MAX_PLOT_SCALE)
    parts: list[tuple[str, tuple[int, int]]] = []
    if scale < MIN_PLOT_SCALE and item.image:
        parts, scale = _bands(item, continued(heading), timebox, takeaway) or ([], scale)
    if not parts:
        size = (int(width * scale), int(height * scale))
        image = Block("image", image=item.image, alt=item.alt, size=size)
        return [Slide("plot", heading, [image, *takeaway], alt, timebox)]
    slides = []
    for n, (png, (w, h)) in enumerate(parts, 1):
        where = {"n": n, "count": len(parts)}
        if n == 1:
            text = _("Part {n} of {count} of the plot: {alt}").format(alt=item.alt, **where)
        else:
            text = _("Part {n} of {count} of the plot.").format(**where)
        image = Block("image", image=png, alt=text, size=(int(w * scale), int(h * scale)))
        notes = _("Part {n} of {count}: the plot is cut between its rows, to be read.")
        notes = notes.format(**where) + " " + (alt if n == 1 else "")
        title = heading if n == 1 else continued(heading)
        slides.append(Slide("plot", title, [image, *takeaway], notes, timebox))
    return slides


def _bands(
    item: Item, title: str, timebox: str, takeaway: list[Block]
) -> tuple[list[tuple[str, tuple[int, int]]], float] | None:
    """The fewest parts (2 to MAX_BANDS) whose tallest is shown at MIN_PLOT_SCALE or more
    (else the most parts), with their scale; None if the plot cannot be cut."""
    width = item.size[0] if all(item.size) else 4
    room_w, room_h = plot_room(title, timebox, takeaway[0] if takeaway else None)
    bands = Bands(item.image)
    for count in range(2, MAX_BANDS + 1):
        edges = bands.edges(count)
        if edges is None:
            return None
        fitted = min(room_w / width, room_h / max(bands.heights(edges)), MAX_PLOT_SCALE)
        if fitted >= MIN_PLOT_SCALE or count == MAX_BANDS:
            return bands.pngs(edges), fitted
    return None

"""A tall plot with a row per entry (a timeline, a dot plot) cut into parts of about equal
height, each to be shown on a slide of its own (`Bands`)."""

from __future__ import annotations

import base64
import io
import itertools

Shape = tuple[int, int, tuple[int, int, int, int] | None, list[int]]


class Bands:
    """The cuts fall in a gap between rows (a pixel row with nothing but the vertical grid
    lines and the frame); every part but the last gets the plot's bottom (x axis, its label,
    the source line) below it, every part but the first the frame's top edge above it, and the
    y-axis label (a rotated line at the left edge) is moved into each part."""

    def __init__(self, b64: str) -> None:
        import numpy as np
        from PIL import Image

        try:
            data = base64.b64decode(b64)
            self.picture = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
        except (OSError, ValueError):  # not an image Pillow reads: shown whole
            self.picture, self.shape = np.zeros((1, 1, 3), np.uint8), None
            return
        self.shape = _plot_shape(self.picture)

    def edges(self, count: int) -> list[int] | None:
        """Where the parts start and end (first 0, last the image's height); None if there is
        no gap near one of the cuts, or the image is not such a plot (no frame, few gaps)."""
        if self.shape is None:
            return None
        top, bottom, _, quiet = self.shape
        cuts = []
        for k in range(1, count):
            target, window = bottom * k / count, bottom / count / 3
            near = [r for r in quiet if abs(r - target) <= window and top < r < bottom]
            if not near:
                return None
            cuts.append(min(near, key=lambda r: abs(r - target)))
        return [0, *cuts, self.picture.shape[0]]

    def heights(self, edges: list[int]) -> list[int]:
        footer = self.picture.shape[0] - self.shape[1]
        last = len(edges) - 2
        return [
            b - a + (2 if n else 0) + (footer if n < last else 0)
            for n, (a, b) in enumerate(itertools.pairwise(edges))
        ]

    def pngs(self, edges: list[int]) -> list[tuple[str, tuple[int, int]]]:
        """The parts as [(base64 PNG, (width, height))]."""
        import numpy as np

        picture, (top, bottom, label, _) = self.picture, self.shape
        work, strip = picture.copy(), None
        if label is not None:  # the y-axis label, moved into each part
            x0, x1, y0, y1 = label
            strip = picture[y0:y1, x0:x1].copy()
            work[y0:y1, x0:x1] = picture[0, 0]
        parts = []
        for n in range(len(edges) - 1):
            pieces = [work[edges[n] : edges[n + 1]]]
            if n > 0:
                pieces.insert(0, work[top : top + 2])  # the frame's top edge
            if n < len(edges) - 2:
                pieces.append(work[bottom:])  # the x axis and the source line
            band = np.concatenate(pieces)
            if strip is not None:
                body = (2 if n else top, band.shape[0] - (picture.shape[0] - bottom))
                band = _paste_label(band, strip, label[0], body)
            parts.append((_png(band), (band.shape[1], band.shape[0])))
        return parts


def plot_bands(b64: str, count: int) -> list[tuple[str, tuple[int, int]]] | None:
    """The plot cut into `count` parts: [(base64 PNG, (width, height))], or None when it is
    not a plot with a row per entry."""
    bands = Bands(b64)
    edges = bands.edges(count)
    return None if edges is None else bands.pngs(edges)


def _png(pixels: object) -> str:
    from PIL import Image

    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format="PNG")
    return base64.b64encode(out.getvalue()).decode()


def _plot_shape(picture: object) -> Shape | None:
    """(top and bottom edge of the plot's frame, the y-axis label's box (x0, x1, y0, y1) or
    None, the rows where it may be cut) of a plot drawn with a frame and grid lines."""
    import numpy as np

    ink = np.abs(picture.astype(int) - picture[0, 0].astype(int)).sum(axis=2) > 48
    lines = np.where(ink.mean(axis=0) > 0.6)[0]  # the frame's sides and vertical grid lines
    if len(lines) < 2:
        return None
    left, right = int(lines.min()), int(lines.max())
    across = np.where(ink[:, left : right + 1].mean(axis=1) > 0.9)[0]  # horizontal lines
    if len(across) < 2:
        return None
    top, bottom = int(across.min()), int(across.max())
    label = _y_label(ink, top, bottom, left)
    if label is not None:
        x0, x1, y0, y1 = label
        ink = ink.copy()
        ink[y0:y1, x0:x1] = False
    quiet = _gaps(ink, top, bottom)
    if len(quiet) < 8:  # not a plot with a row per entry
        return None
    return top, bottom, label, quiet


def _gaps(ink: object, top: int, bottom: int) -> list[int]:
    """The middle row of each gap of three rows or more with no ink but the vertical lines."""
    vertical = ink[top:bottom].mean(axis=0) > 0.6
    clear = ~(ink & ~vertical).any(axis=1)
    quiet, run = [], 0
    for r in range(top, bottom + 1):
        if clear[r]:
            run += 1
        else:
            if run >= 3:
                quiet.append(r - 1 - run // 2)
            run = 0
    return quiet


def _y_label(ink: object, top: int, bottom: int, left: int) -> tuple[int, int, int, int] | None:
    """The y-axis label: the first group of inked columns from the left edge, narrow (a rotated
    line of text) and apart from the tick labels right of it."""
    import numpy as np

    used = np.where(ink[top:bottom, :left].any(axis=0))[0]
    if len(used) < 2:
        return None
    gaps = np.where(np.diff(used) > 4)[0]
    if len(gaps) == 0:
        return None
    x0, x1 = int(used[0]), int(used[gaps[0]]) + 1
    if x1 - x0 > 40:
        return None
    rows = np.where(ink[top:bottom, x0:x1].any(axis=1))[0]
    return x0, x1, top + int(rows.min()), top + int(rows.max()) + 1


def _paste_label(band: object, strip: object, x0: int, body: tuple[int, int]) -> object:
    """The y-axis label centred on the part's rows (made smaller if it is longer than they are
    tall)."""
    import numpy as np
    from PIL import Image

    start, end = body
    room = max(1, end - start - 8)
    if strip.shape[0] > room:
        width = max(1, round(strip.shape[1] * room / strip.shape[0]))
        strip = np.asarray(Image.fromarray(strip).resize((width, room), Image.LANCZOS))
    y = start + (end - start - strip.shape[0]) // 2
    band = band.copy()
    band[y : y + strip.shape[0], x0 : x0 + strip.shape[1]] = strip
    return band

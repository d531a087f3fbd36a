"""One look for every plot: a colour-blind-safe palette, a title, labelled axes, a source line.

Lessons call `style()` once, draw with pandas or matplotlib, then `finish(...)`.

The look is seaborn's theme (whitegrid, notebook, colorblind), written out below rather than
set by seaborn: no lesson draws with seaborn, and importing it costs a lesson about 0.3 s.
tests/test_plots.py checks that `style()` sets exactly what `seaborn.set_theme` sets.

Speed (drawing text is most of a lesson's plotting time): in a notebook, pyplot draws every
changed figure after each cell, and the inline backend then saves it with
`bbox_inches="tight"`, which draws it twice more (to measure, then to save). `finish` lays the
figure out so that everything, the source line included, fits inside the canvas, and `style()`
has such finished figures saved from the pixels already drawn (`png`). Other figures keep the
inline backend's default. Matplotlib is pinned to 3.10: 3.11 draws text about three times
slower (measured on these machines).

A finished figure is also kept between kernels (tipcourse.figcache) when `finish` is the last
statement of its cell, so nothing in the cell changes the figure after it: its key is a
SHA-256 of the figure itself (every artist and its data, pickled; `figure_key`), and when the
lesson opens again pyplot does not draw it: its PNG, the same bytes, comes from the cache.
Drawing is most of a plot's 0.1-0.5 s; pickling the figure takes about 20 ms.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Hashable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib is imported on first use (lessons that plot nothing skip it)
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

# seaborn 0.13's colour-blind-safe "colorblind" palette (Okabe-Ito-like), used everywhere, and
# the one-letter colour codes seaborn sets with it (set_color_codes: "colorblind6", dark grey).
PALETTE_HEX = (
    "#0173B2", "#DE8F05", "#029E73", "#D55E00", "#CC78BC",
    "#CA9161", "#FBAFE4", "#949494", "#ECE133", "#56B4E9",
)  # fmt: skip
COLOUR_CODES = {
    "b": "#0173B2", "g": "#029E73", "r": "#D55E00", "m": "#CC78BC", "y": "#ECE133",
    "c": "#56B4E9", "k": (0.1, 0.1, 0.1),
}  # fmt: skip
# seaborn.axes_style("whitegrid") and seaborn.plotting_context("notebook"), without
# "image.cmap": seaborn's "rocket" map exists only once seaborn is imported, and no course plot
# draws an image.
THEME = {
    "figure.facecolor": "white", "axes.labelcolor": ".15", "xtick.direction": "out",
    "ytick.direction": "out", "xtick.color": ".15", "ytick.color": ".15",
    "axes.axisbelow": True, "grid.linestyle": "-", "text.color": ".15",
    "font.family": ["sans-serif"],
    "font.sans-serif": ["Arial", "DejaVu Sans", "Liberation Sans", "Bitstream Vera Sans",
                        "sans-serif"],
    "lines.solid_capstyle": "round", "patch.edgecolor": "w", "patch.force_edgecolor": True,
    "xtick.top": False, "ytick.right": False, "axes.grid": True, "axes.facecolor": "white",
    "axes.edgecolor": ".8", "grid.color": ".8", "axes.spines.left": True,
    "axes.spines.bottom": True, "axes.spines.right": True, "axes.spines.top": True,
    "xtick.bottom": False, "ytick.left": False,
    "axes.linewidth": 1.25, "grid.linewidth": 1, "lines.linewidth": 1.5, "lines.markersize": 6,
    "patch.linewidth": 1, "xtick.major.width": 1.25, "ytick.major.width": 1.25,
    "xtick.minor.width": 1, "ytick.minor.width": 1, "xtick.major.size": 6,
    "ytick.major.size": 6, "xtick.minor.size": 4, "ytick.minor.size": 4, "font.size": 12,
    "axes.labelsize": 12, "axes.titlesize": 12, "xtick.labelsize": 11, "ytick.labelsize": 11,
    "legend.fontsize": 11, "legend.title_fontsize": 12,
}  # fmt: skip
SOURCE_STYLE = {"fontsize": 8, "color": "#444444"}
FINISHED = "_tipcourse_finished"  # set on a figure by finish(): its layout fits the canvas
KEY = "_tipcourse_key"  # set by finish() when its cell ends with it: the figure's figcache key
PENDING = "_tipcourse_pending"  # finish()'s layout, not done: the figure's PNG is in the cache


def style() -> None:
    """The course's look for every plot that follows (seaborn's theme, see above). It does not
    import matplotlib: the look is set the moment anything imports it (`_AfterImport`), so a
    lesson that plots nothing does not pay for matplotlib and pyplot (about 0.4 s)."""
    if "matplotlib" in sys.modules:
        _apply_style()
    elif not any(isinstance(f, _AfterImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _AfterImport("matplotlib", _apply_style))


class _AfterImport:  # a finder for sys.meta_path
    """Runs `then()` once, right after the module `name` is first imported (before the import
    statement that asked for it returns)."""

    def __init__(self, name: str, then: Callable[[], None]) -> None:
        self.name, self.then = name, then

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> object:
        if fullname != self.name:
            return None
        import importlib.util

        sys.meta_path.remove(self)  # once, and not found again by the lookup below
        spec = importlib.util.find_spec(fullname)
        if spec is not None and spec.loader is not None:
            spec.loader = _ThenLoader(spec.loader, self.then)
        return spec


class _ThenLoader:
    """`loader`, then `then()`; the module keeps the original loader."""

    def __init__(self, loader: object, then: Callable[[], None]) -> None:
        self.loader, self.then = loader, then

    def __getattr__(self, name: str) -> object:  # get_resource_reader and the like
        return getattr(self.loader, name)

    def create_module(self, spec: object) -> object:
        return self.loader.create_module(spec)

    def exec_module(self, module: object) -> None:
        self.loader.exec_module(module)
        module.__spec__.loader = module.__loader__ = self.loader
        self.then()


def _apply_style() -> None:
    import matplotlib as mpl
    from cycler import cycler

    mpl.rcParams.update(THEME)
    mpl.rcParams["axes.prop_cycle"] = cycler("color", colours(len(PALETTE_HEX)))
    converter = mpl.colors.colorConverter
    for code, colour in COLOUR_CODES.items():
        converter.colors[code] = converter.to_rgb(colour)
    _show_finished_figures_fast()


def finish(ax: Axes, title: str, xlabel: str, ylabel: str, source: str) -> None:
    """Title, axis labels (with units) and a source line at the bottom of the figure."""
    fig = ax.figure
    key = _cell_figure_key(fig, (title, xlabel, ylabel, source), sys._getframe(1))
    if key is not None:
        from . import figcache

        setattr(fig, KEY, key)
        if figcache.cached(key, _SOURCES) is not None:
            # Its PNG is kept: lay it out only if it must be drawn after all (`png`), and keep
            # pyplot's post-execute hook, which draws stale figures, from drawing it.
            setattr(fig, PENDING, lambda: _lay_out(ax, title, xlabel, ylabel, source))
            fig.stale = False
            setattr(fig, FINISHED, True)
            return
    _lay_out(ax, title, xlabel, ylabel, source)
    setattr(fig, FINISHED, True)


def _lay_out(ax: Axes, title: str, xlabel: str, ylabel: str, source: str) -> None:
    # y=1.0 places the title just above the axes. Without it, matplotlib measures every tick
    # label at each layout and drawing to keep the title clear of labels on top of the axes,
    # which no course plot has: a fifth of a plot's drawing time.
    heading = ax.set_title(title, loc="left", fontsize=12, fontweight="bold", y=1.0)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    fig = ax.figure
    note = fig.text(
        0.01, 0.01, _wrap(f"Source: {source}", fig), ha="left", va="bottom", **SOURCE_STYLE
    )
    # Fit axes, labels and legends to the figure, then raise the bottom edge above the
    # (possibly wrapped) source line. tight_layout(rect=...) would do this in two passes.
    fig.tight_layout()
    if not _title_fits(heading, ax):  # longer than the figure is wide: two lines
        heading.set_text(_wrap(title, fig, fontsize=12, em=0.7))
        heading.set_x(0)
        fig.tight_layout()
        _title_fits(heading, ax)
    height = note.get_window_extent().height / fig.bbox.height
    fig.subplots_adjust(bottom=min(fig.subplotpars.bottom + height + 0.01, 0.9))


def _cell_figure_key(fig: Figure, labels: tuple[str, ...], caller: FrameType) -> str | None:
    """The figcache key of the figure as `finish(labels)` will lay it out, if `caller` is a
    notebook cell ending with that call (nothing in the cell changes the figure after it)."""
    if not _last_statement_of_its_cell(caller):
        return None
    key = figure_key(fig)
    return None if key is None else f"{key} {labels!r}"


def _last_statement_of_its_cell(frame: FrameType) -> bool:
    """True if `frame` runs the notebook cell being executed and is at its last statement."""
    import ast

    from IPython import get_ipython

    shell = get_ipython()
    if shell is None or not hasattr(shell, "kernel") or not shell.history_manager.input_hist_raw:
        return False
    raw = shell.history_manager.input_hist_raw[-1]
    code = shell.transform_cell(raw)
    if frame.f_code.co_filename != shell.compile.get_code_name(raw, code, shell.execution_count):
        return False  # finish was called from a function, or by code that is not this cell
    try:
        body = ast.parse(code).body
    except SyntaxError:
        return False
    return bool(body) and body[-1].lineno <= frame.f_lineno <= (body[-1].end_lineno or 0)


def figure_key(fig: Figure) -> str | None:
    """A SHA-256 of everything the figure draws: the figure pickled, without the links of its
    transforms to their parents (keyed by memory address, so never the same twice). None for
    a figure that cannot be pickled (a formatter made of a lambda, say)."""
    import hashlib
    import io
    import pickle

    from matplotlib.transforms import TransformNode

    class Keyer(pickle.Pickler):
        def reducer_override(self, obj: object) -> object:
            if isinstance(obj, TransformNode):
                state = obj.__getstate__()
                state.pop("_parents", None)
                return (_never_unpickled, (type(obj).__qualname__,), state)
            return NotImplemented

    buffer = io.BytesIO()
    try:
        Keyer(buffer, protocol=5).dump(fig)
    except Exception:  # anything unpicklable: the figure is drawn as usual
        return None
    return hashlib.sha256(buffer.getvalue()).hexdigest()


def _never_unpickled(name: str) -> None:
    """Stands in for a transform's class in `figure_key` (only hashed, never unpickled)."""


def _title_fits(heading: Text, ax: Axes) -> bool:
    """Keep a left-aligned title inside the figure. It starts at the axes' left edge; when long
    y labels push the axes right, it would run past the figure's right edge, so it moves left,
    at most to the figure's own left edge. False if it is wider than the figure."""
    fig = ax.figure
    margin = 4  # pixels
    overflow = heading.get_window_extent().x1 - (fig.bbox.x1 - margin)
    if overflow <= 0:
        return True
    leftmost = (fig.bbox.x0 + margin - ax.bbox.x0) / ax.bbox.width  # in axes units
    x = heading.get_position()[0] - overflow / ax.bbox.width
    heading.set_x(max(x, leftmost))
    return x >= leftmost


def _wrap(
    text: str, fig: Figure, fontsize: float = SOURCE_STYLE["fontsize"], em: float = 0.6
) -> str:
    """Break text into lines that fit the figure's width. (Matplotlib's own wrap=True measures
    the text word by word at every layout and drawing, which costs more than the plot.)

    `em`: the width of an average character in ems. The course's sans-serif font averages
    about 0.55 for regular text, a little more in bold.
    """
    import textwrap

    per_line = int(fig.get_figwidth() * 0.97 * 72 / (fontsize * em))
    return "\n".join(textwrap.wrap(text, max(per_line, 20)))


def png(fig: Figure, compress_level: int = 6) -> bytes:
    """The figure as PNG bytes, drawn at most once (no tight bounding box: see the module
    docstring)."""
    import io

    from PIL import Image

    canvas = fig.canvas
    if not hasattr(canvas, "buffer_rgba"):  # a bare Figure(): give it a raster canvas
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        canvas = FigureCanvasAgg(fig)
    layout = getattr(fig, PENDING, None)
    if layout is not None:  # a cached figure's PNG is gone after all: draw it now
        setattr(fig, PENDING, None)
        layout()
    if fig.stale or getattr(canvas, "renderer", None) is None:
        # In a notebook, pyplot's post-execute hook has usually drawn the figure already (it
        # draws every changed figure); its pixels are still in the canvas, so no second draw.
        canvas.draw()
    image = Image.frombuffer(
        "RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1
    )
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="png", compress_level=compress_level)
    return buffer.getvalue()


_SOURCES = [Path(__file__)]  # a cached figure's code besides its own state (figcache.digest)
_PNG_CACHE: dict[Hashable, bytes] = {}
_PNG_CACHE_SIZE = 32


def cached_png(key: Hashable, render: Callable[[], bytes]) -> bytes:
    """PNG bytes for `key` (a hashable description of a plot), from `render()` on first use.

    A lesson that shows one view twice, as a static plot and as a widget's first view, draws
    it once; a widget that returns to an earlier view needs no new drawing.
    """
    if key not in _PNG_CACHE:
        if len(_PNG_CACHE) >= _PNG_CACHE_SIZE:
            _PNG_CACHE.pop(next(iter(_PNG_CACHE)))  # the oldest
        _PNG_CACHE[key] = render()
    return _PNG_CACHE[key]


def clear_cache() -> None:
    _PNG_CACHE.clear()


class Picture:
    """PNG bytes shown as an image in a notebook, with a short text for plain-text readers."""

    def __init__(self, png: bytes, text: str) -> None:
        self.png, self.text = png, text

    def _repr_png_(self) -> bytes:
        return self.png

    def output(self) -> dict:
        """This picture as one output of an ipywidgets `Output` widget (its `outputs` field)."""
        import base64

        return {
            "output_type": "display_data",
            "metadata": {},
            "data": {
                "image/png": base64.b64encode(self.png).decode("ascii"),
                "text/plain": self.text,
            },
        }

    def __repr__(self) -> str:
        return self.text


def _inline_png(fig: Figure) -> str:
    """IPython's PNG formatter for figures: finished figures drawn once, others as usual."""
    import base64

    from IPython.core.pylabtools import print_figure

    if getattr(fig, FINISHED, False):
        # The key is good for the display at the end of finish()'s cell only: a later cell may
        # change the figure and show it again.
        key = getattr(fig, KEY, None)
        setattr(fig, KEY, None)
        if key is None:
            return base64.b64encode(png(fig)).decode("ascii")
        from . import figcache

        return base64.b64encode(figcache.png(key, lambda: png(fig), _SOURCES)).decode("ascii")
    return print_figure(fig, "png", base64=True, bbox_inches="tight")


def _show_finished_figures_fast() -> None:
    """Install `_inline_png` in a Jupyter kernel that uses the inline backend (else: nothing)."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None or not hasattr(shell, "kernel"):
        return
    import matplotlib

    if matplotlib.get_backend(auto_select=False) not in (
        "inline",
        "module://matplotlib_inline.backend_inline",
    ):
        return
    # Importing the backend configures its formatters; ours must come after, or it is replaced.
    import matplotlib_inline.backend_inline  # noqa: F401
    from matplotlib.figure import Figure

    shell.display_formatter.formatters["image/png"].for_type(Figure, _inline_png)


def colours(n: int) -> list[tuple[float, float, float]]:
    """The first n colours of the course palette (for plots drawn with pandas/matplotlib), as
    seaborn.color_palette gives them: RGB tuples, repeating after ten."""
    from matplotlib.colors import to_rgb

    return [to_rgb(PALETTE_HEX[i % len(PALETTE_HEX)]) for i in range(n)]

"""The NTT indicator explorer (lesson 06): pick areas, an indicator and years; see the trend.

The logic is plain functions, tested without a front end (tests/test_explorer.py):

    frame = indicator_frame("poverty")            # long table: area, year, value
    chosen = select(frame, ["Sumba Tengah"], (2015, 2017))   # + the province, for comparison
    summary_table(chosen)                        # first and last year, and the change
    missing_notes(chosen)                        # which values the thesis does not give
    draw(ax, chosen, "poverty")                  # lines per area, the province dashed
    y_limits(chosen["value"])                    # the y axis: every value inside, off the edges
    toggled(("Belu",), "Alor", True, names)      # the areas after one tap, in the frame's order

`Explorer` is a thin ipywidgets front end over them. Areas are a wrapped grid of checkboxes,
each a target at least 44 px tall (WCAG 2.5.5), so a tap, a click or Space picks an area; no
Ctrl-click. It renders each plot with matplotlib's Agg canvas into PNG bytes and sets them as
the output of an `Output` widget (no `with out:` capture, no pyplot figure), so executing the
notebook writes nothing into the cell but the widget and its short text/plain.
`tipcourse.bench.explorer` times the updates.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as w
import numpy as np
import pandas as pd
import traitlets

from . import figcache, i18n, plots
from .i18n import _
from .ntt import INDICATORS, PROVINCE, Indicator
from .ui import PlainText

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.text import Text

ONE_COLUMN_KEY_MAX = 12  # more areas than this: a key (legend) in two columns
# The plot is 900 x 480 px, about the width of a lesson's output area in JupyterLab at a
# 1366 px wide screen with the file browser open, so it shows at its own size: 11 pt tick and
# key text is 15 px on screen (the issue: 7 px at 680 px wide).
FIGURE_SIZE = (9.0, 4.8)  # inches
DPI = 100
PLOT_PX = (round(FIGURE_SIZE[0] * DPI), round(FIGURE_SIZE[1] * DPI))
TEXT_PT = 11  # tick labels and the key (legend)
LABEL_PT = 12  # axis labels (the title is plots.finish's 12 pt bold)
Y_MARGIN = 0.07  # of the y axis's span, kept free above the highest and below the lowest value
Y_MIN_SPAN = 1.0  # percentage points: a flat line still gets a readable axis
TARGET_PX = 44  # the smallest touch target (WCAG 2.5.5, target size)


def _indicator(indicator: str) -> Indicator:
    try:
        return INDICATORS[indicator]
    except KeyError:
        raise ValueError(
            _("Unknown indicator {indicator}; choose one of {choices}").format(
                indicator=repr(indicator), choices=", ".join(INDICATORS)
            )
        ) from None


def _label(spec: Indicator) -> str:
    """The indicator's name as a student reads it (ntt.INDICATORS marks it for translation)."""
    return _(spec.label)


def _unknown_areas(unknown: Iterable[str], known: Iterable[str]) -> ValueError:
    return ValueError(
        _("Unknown area(s): {unknown}. Known: {known}").format(
            unknown=", ".join(unknown), known=", ".join(known)
        )
    )


def indicator_frame(indicator: str) -> pd.DataFrame:
    """The indicator as a long table with columns area, year, value (percent).

    One row per area and year, in the thesis's area order (regencies, Kota Kupang, then the
    province); a value the thesis does not give is NaN, never dropped, so plots show the gap.
    """
    from . import data

    spec = _indicator(indicator)
    raw = data.load(spec.resource)
    order = data.load("ntt_areas").set_index("area")["order_in_source"]
    frame = raw.rename(columns={spec.column: "value"})[["area", "year", "value"]].copy()
    frame["year"] = frame["year"].astype(int)
    frame["_order"] = frame["area"].map(order)
    frame = frame.sort_values(["_order", "year"]).drop(columns="_order")
    return frame.reset_index(drop=True)


def area_names(frame: pd.DataFrame, with_province: bool = False) -> list[str]:
    """The areas of a frame in its order (regencies and the city; the province only if asked)."""
    names = list(dict.fromkeys(frame["area"]))
    return names if with_province else [a for a in names if a != PROVINCE]


def ordered(areas: Iterable[str], names: Sequence[str]) -> tuple[str, ...]:
    """`areas` once each, in the order of `names`. ValueError names an unknown area."""
    wanted = set(areas)
    unknown = sorted(wanted - set(names))
    if unknown:
        raise _unknown_areas(unknown, names)
    return tuple(name for name in names if name in wanted)


def toggled(chosen: Iterable[str], area: str, on: bool, names: Sequence[str]) -> tuple[str, ...]:
    """The chosen areas after one area is switched on or off (a tap, a click or Space on its
    checkbox), in the order of `names`."""
    rest = set(chosen) - {area}
    return ordered(rest | {area} if on else rest, names)


def year_range(frame: pd.DataFrame) -> tuple[int, int]:
    return int(frame["year"].min()), int(frame["year"].max())


def select(
    frame: pd.DataFrame,
    areas: str | Iterable[str],
    years: Sequence[int],
    with_province: bool = True,
) -> pd.DataFrame:
    """The rows of `areas` for the years from years[0] to years[1] (inclusive).

    The province is added for comparison unless `with_province` is False. Areas keep the
    frame's order. Raises ValueError for an unknown area or a year range outside the data.
    """
    known = area_names(frame, with_province=True)
    areas = [areas] if isinstance(areas, str) else list(areas)
    unknown = [a for a in areas if a not in known]
    if unknown:
        raise _unknown_areas(unknown, known)
    first, last = (int(y) for y in years)
    low, high = year_range(frame)
    if not low <= first <= last <= high:
        raise ValueError(
            _("Years must run forwards within {low}-{high}, not {first}-{last}").format(
                low=low, high=high, first=first, last=last
            )
        )
    wanted = set(areas) | ({PROVINCE} if with_province else set())
    rows = frame["area"].isin(wanted) & frame["year"].between(first, last)
    return frame.loc[rows].reset_index(drop=True)


def summary_table(selection: pd.DataFrame) -> pd.DataFrame:
    """One row per area: the value in the first and in the last selected year, and the change
    between them in percentage points (NaN where either value is missing)."""
    if selection.empty:
        return pd.DataFrame(index=pd.Index([], name="area"))
    first, last = int(selection["year"].min()), int(selection["year"].max())
    wide = selection.pivot(index="area", columns="year", values="value")
    wide = wide.reindex(list(dict.fromkeys(selection["area"])))
    table = pd.DataFrame({str(first): wide[first]}, index=wide.index)
    if last > first:
        table[str(last)] = wide[last]
        table["change (pp)"] = (wide[last] - wide[first]).round(2)
    table.index.name = "area"
    return table


def missing_notes(selection: pd.DataFrame) -> list[str]:
    """Plain sentences naming the selected values that the source does not give."""
    gaps = selection[selection["value"].isna()]
    notes = []
    areas_in_data = [a for a in dict.fromkeys(selection["area"]) if a != PROVINCE]
    whole_years = []
    for year, rows in gaps.groupby("year"):
        missing = set(rows["area"]) - {PROVINCE}
        if len(areas_in_data) > 1 and missing == set(areas_in_data):
            whole_years.append(int(year))
    for year in whole_years:
        province = gaps.loc[(gaps["year"] == year) & (gaps["area"] == PROVINCE)]
        if province.empty:
            note = _(
                "{year}: no value for any selected regency or city in the source; "
                "the lines have a gap."
            )
        else:
            note = _(
                "{year}: no value for any selected regency or city in the source (nor for "
                "the province); the lines have a gap."
            )
        notes.append(note.format(year=year))
    for area, rows in gaps[~gaps["year"].isin(whole_years)].groupby("area", sort=False):
        years = ", ".join(str(int(y)) for y in rows["year"])
        notes.append(
            _("{area}: no value for {years} in the source.").format(area=area, years=years)
        )
    return notes


def y_limits(
    values: Iterable[float], margin: float = Y_MARGIN, min_span: float = Y_MIN_SPAN
) -> tuple[float, float]:
    """The y axis for these values (every line's, the province's too; NaN ignored).

    Rates start at zero when the lowest value is clear of the bottom edge; every value lies at
    least `margin` of the axis's span inside it, so no line or marker sits on an edge.
    """
    finite = np.asarray(list(values), dtype=float)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0:
        return 0.0, min_span
    low, high = float(finite.min()), float(finite.max())
    if low >= 0:
        span = max(high / (1 - margin), min_span)  # from zero, the margin above the highest
        if low >= margin * span:
            return 0.0, span
    span = max((high - low) / (1 - 2 * margin), min_span)
    pad = (span - (high - low)) / 2
    return low - pad, high + pad


def draw(ax: Axes, selection: pd.DataFrame, indicator: str) -> None:
    """A line per area (markers, so single points show), the province dashed and black, a key
    right of the axes (`draw_key`); titled, labelled with units and a source line
    (plots.finish)."""
    spec = _indicator(indicator)
    areas = [a for a in dict.fromkeys(selection["area"]) if a != PROVINCE]
    palette = plots.colours(10)  # beyond ten areas, colours repeat with another line style
    # Plain arrays: a pandas mask per area cost a quarter of drawing all 22.
    area_of = selection["area"].to_numpy()
    year_of = selection["year"].to_numpy()
    values = selection["value"].to_numpy(dtype=float)
    for i, area in enumerate(areas):
        rows = area_of == area
        ax.plot(
            year_of[rows],
            values[rows],
            marker="o",
            color=palette[i % 10],
            linestyle=("-", ":", "-.")[i // 10 % 3],
            label=area,
        )
    province = area_of == PROVINCE
    if province.any():
        ax.plot(
            year_of[province],
            values[province],
            marker="s",
            linestyle="--",
            color="black",
            label=_("NTT province"),
        )
    if not selection.empty:
        first, last = int(year_of.min()), int(year_of.max())
        ax.set_xticks(range(first, last + 1))
        ax.set_xlim(first - 0.3, last + 0.3)
        years = f"{first}-{last}" if last > first else str(first)
        draw_key(ax)
    else:
        years = _("no area selected")
    ax.set_ylim(*y_limits(values))
    ax.tick_params(labelsize=TEXT_PT)
    ax.xaxis.label.set_size(LABEL_PT)
    ax.yaxis.label.set_size(LABEL_PT)
    plots.finish(
        ax,
        _("{indicator} by area, NTT, {years}").format(indicator=_label(spec), years=years),
        _("year"),
        f"{_(spec.axis)} ({_(spec.unit)})",
        _("Borotoding (2024), thesis, citing BPS NTT; data: {resource}").format(
            resource=spec.resource
        ),
    )


KEY_GAP_PT = 8  # from the axes' right edge to the key
KEY_HANDLE_PT = 22  # a key entry: a stretch of the line with its marker, then the label
KEY_COLUMN_PT = 158  # a column: wide enough for "Timor Tengah Selatan" (tested)
KEY_ROW_EM = 1.55  # the rows' spacing, in heights of the key's text


def key_columns(entries: int) -> int:
    """One column of key entries, or two beyond ONE_COLUMN_KEY_MAX areas (+ the province)."""
    return 2 if entries > ONE_COLUMN_KEY_MAX + 1 else 1


def draw_key(ax: Axes) -> list[Text]:
    """The key right of the axes, so it never covers a line: per line a short stretch of it
    with its marker, then its label, in one or two columns; returns the labels.

    The entries sit at fixed offsets (points) from the middle of the axes' right edge, rather
    than laid out by matplotlib's `legend`, whose layout machinery took a third of the time of
    drawing all 22 areas. They belong to the figure (tagged gid "key"), not the axes, so the
    axes' lines are the data's only."""
    from matplotlib.lines import Line2D
    from matplotlib.transforms import ScaledTranslation

    fig = ax.figure
    lines = ax.get_lines()
    rows = math.ceil(len(lines) / key_columns(len(lines)))
    # Inches from the middle of the axes' right edge.
    origin = fig.dpi_scale_trans + ScaledTranslation(1, 0.5, ax.transAxes)
    labels = []
    for i, line in enumerate(lines):
        column, row = divmod(i, rows)
        x = (KEY_GAP_PT + column * KEY_COLUMN_PT) / 72
        y = ((rows - 1) / 2 - row) * KEY_ROW_EM * TEXT_PT / 72
        handle = Line2D(
            [x, x + KEY_HANDLE_PT / 144, x + KEY_HANDLE_PT / 72],
            [y, y, y],
            color=line.get_color(),
            linestyle=line.get_linestyle(),
            marker=line.get_marker(),
            markevery=[1],
            transform=origin,
            gid="key",
        )
        fig.add_artist(handle)
        label = fig.text(
            x + (KEY_HANDLE_PT + 6) / 72,
            y,
            line.get_label(),
            transform=origin,
            fontsize=TEXT_PT,
            va="center_baseline",
            gid="key",
        )
        labels.append(label)
    return labels


TABLE_STYLE = (
    "<style>.tipcourse-explorer-summary {border-collapse: collapse; margin: 0.3em 0}"
    " .tipcourse-explorer-summary th, .tipcourse-explorer-summary td "
    "{padding: 0.15em 0.9em; text-align: right; border-bottom: 1px solid #ddd}"
    " .tipcourse-explorer-summary tbody th {text-align: left}</style>"
)


def table_html(selection: pd.DataFrame, indicator: str) -> str:
    """The summary table and the missing-value notes as HTML (for the explorer)."""
    spec = _indicator(indicator)
    table = summary_table(selection)
    if table.empty:
        return "<p>{}</p>".format(_("No data selected."))
    table = table.rename(
        index={PROVINCE: _("NTT (province)")}, columns={"change (pp)": _("change (pp)")}
    )
    table.index.name = None
    body = TABLE_STYLE + table.to_html(
        float_format=lambda v: f"{v:.2f}",
        na_rep=_("no data"),
        classes="tipcourse-explorer-summary",
        border=0,
    )
    if len(table.columns) > 1:
        what = _("first and last selected year, and the change in percentage points (pp)")
    else:
        what = _("the selected year")
    caption = f"<p><b>{_label(spec)} ({_(spec.unit)})</b>: {what}.</p>"
    notes = missing_notes(selection)
    notes_html = "".join(f"<li>{n}</li>" for n in notes)
    return caption + body + (f"<ul>{notes_html}</ul>" if notes else "")


class Renderer:
    """Draws plots into PNG bytes on one reused Agg figure (no pyplot, nothing displayed).

    Speed (each explorer update must take under 200 ms; see tipcourse.bench.explorer):
    the figure and its one axes are reused, which keeps matplotlib's renderer, its cache of
    text sizes and the axes' ticks (only the lines, the key and the texts are replaced); the
    layout is fixed (margins set once, wide enough for the longest key entry) instead of
    `tight_layout` on every draw; the key is placed, not laid out (`draw_key`); and the canvas
    is drawn once (`plots.png`). Together about 40% less time than the smaller 680 x 352 px
    plot took before (measured side by side on one machine).
    """

    # Fractions of the figure; `right` leaves room for the key's one or two columns (the
    # longest entry, "Timor Tengah Selatan", fits: tests/test_explorer.py).
    MARGINS = {"left": 0.075, "right": 0.72, "bottom": 0.17, "top": 0.91}
    RIGHT_TWO_COLUMNS = 0.5

    def __init__(self, size: tuple[float, float] = FIGURE_SIZE, dpi: int = DPI) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=size, dpi=dpi)
        self.canvas = FigureCanvasAgg(self.figure)
        # plots.finish calls tight_layout; here the margins are fixed instead (see above).
        self.figure.tight_layout = lambda *args, **kwargs: None

    @property
    def text_px(self) -> float:
        """The tick and key text's height in the PNG, in pixels (1 pt = dpi / 72 px)."""
        return TEXT_PT * self.figure.dpi / 72

    def png(self, selection: pd.DataFrame, indicator: str) -> bytes:
        fig = self.figure
        draw(self._empty_axes(), selection, indicator)
        two = key_columns(selection["area"].nunique()) == 2
        right = self.RIGHT_TWO_COLUMNS if two else self.MARGINS["right"]
        fig.subplots_adjust(**{**self.MARGINS, "right": right})
        return plots.png(fig, compress_level=1)

    def _empty_axes(self) -> Axes:
        """The figure's one axes, emptied of the last plot. Its ticks, spines and grid stay:
        making them anew (figure.clear, add_subplot) is a third of a drawing's time."""
        fig = self.figure
        if not fig.axes:
            return fig.add_subplot()
        ax = fig.axes[0]
        for artist in [*ax.lines, *ax.texts, *fig.texts, *fig.artists]:
            artist.remove()
        return ax


def render_png(
    selection: pd.DataFrame, indicator: str, renderer: Renderer | None = None, keep: bool = False
) -> bytes:
    """The plot as PNG bytes, cached: a view drawn before is not drawn again. `keep`: also
    between kernels (tipcourse.figcache), for the first view a lesson shows each time it opens;
    the views a student's changes make are drawn anew in each kernel."""
    key = ("explorer", selection.to_csv(index=False), indicator, i18n.language())

    def draw() -> bytes:
        return (renderer or Renderer()).png(selection, indicator)

    if not keep:
        return plots.cached_png(key, draw)
    sources = [Path(__file__), Path(plots.__file__), *i18n.catalogue_files(i18n.language())]
    return plots.cached_png(key, lambda: figcache.png(key, draw, sources))


def plot(
    areas: Sequence[str], indicator: str = "poverty", years: Sequence[int] | None = None
) -> plots.Picture:
    """The explorer's plot for these choices, as a picture for a notebook (no widget)."""
    frame = indicator_frame(indicator)
    years = tuple(years) if years else year_range(frame)
    chosen = select(frame, areas, years)
    picture = render_png(chosen, indicator, keep=True)
    return plots.Picture(picture, describe(indicator, areas, years))


def describe(indicator: str, areas: Sequence[str], years: Sequence[int]) -> str:
    """What a plot shows, in one line (the text version of the picture)."""
    first, last = years
    span = f"{first}-{last}" if last > first else str(first)
    label = _label(INDICATORS[indicator])
    if areas:
        return _("{indicator} (%) for {areas} and the province, {years}").format(
            indicator=label, areas=", ".join(areas), years=span
        )
    return _("{indicator} (%) for the province only, {years}").format(indicator=label, years=span)


def default_areas(frame: pd.DataFrame) -> list[str]:
    """The areas with the highest and the lowest value in the last year with data."""
    last = frame.dropna(subset=["value"])
    last = last[(last["year"] == last["year"].max()) & (last["area"] != PROVINCE)]
    ranked = last.sort_values("value")
    return [ranked["area"].iloc[-1], ranked["area"].iloc[0]]


# --- the widget: thin ------------------------------------------------------------------------

# Checkboxes look like chips: the label fills the whole box (at least 44 px tall), so a tap
# anywhere on it counts; a ticked box shows its tick and a darker border and background (not
# colour alone; the border keeps its width, so nothing moves); the keyboard focus is outlined.
# The drop-down is as tall as the chips. The plot keeps its shape while a new one loads, so the
# table below never jumps, and never grows beyond its own size (smaller on a phone).
CONTROL_STYLE = f"""<style>
.tipcourse-explorer-areas .widget-checkbox {{
  border: 2px solid var(--jp-border-color1, #999); border-radius: 6px; box-sizing: border-box;
  background: var(--jp-layout-color1, #fff); margin: 3px; padding: 0; }}
.tipcourse-explorer-areas .widget-checkbox:has(input:checked) {{
  border-color: var(--jp-brand-color1, #1976d2); background: var(--jp-brand-color4, #e3f2fd); }}
.tipcourse-explorer-areas .widget-checkbox:has(input:focus-visible) {{
  outline: 3px solid var(--jp-brand-color1, #1976d2); outline-offset: 1px; }}
.tipcourse-explorer-areas .widget-checkbox .widget-label-basic {{
  display: flex; flex: 1 1 auto; align-self: stretch; align-items: center; gap: 0.45em;
  height: auto; padding: 0 0.75em; cursor: pointer; font-size: var(--jp-ui-font-size2, 14px); }}
.tipcourse-explorer-areas .widget-checkbox input {{ width: 1.15em; height: 1.15em; margin: 0; }}
.tipcourse-explorer .widget-dropdown select {{ min-height: {TARGET_PX}px; }}
.tipcourse-explorer .tipcourse-explorer-plot img {{
  width: 100%; max-width: {PLOT_PX[0]}px; height: auto;
  aspect-ratio: {PLOT_PX[0]} / {PLOT_PX[1]}; }}
</style>"""


class AreaPicker(w.VBox):
    """One checkbox per area in a wrapped grid, with "All areas" and "Clear"; `value` is the
    tuple of chosen areas in the frame's order (set it, or observe it, like a widget's)."""

    value = traitlets.Tuple()

    def __init__(self, names: Sequence[str], value: Iterable[str] = ()) -> None:
        self.names = tuple(names)
        target = w.Layout(min_height=f"{TARGET_PX}px", height="auto", width="auto")
        self.boxes = {
            name: w.Checkbox(value=False, description=name, indent=False, layout=target)
            for name in self.names
        }
        self.all_button = w.Button(description=_("All areas"), layout=target)
        self.clear_button = w.Button(description=_("Clear"), layout=target)
        self.all_button.on_click(lambda _: self.set_value(self.names))
        self.clear_button.on_click(lambda _: self.set_value(()))
        grid = w.Box(
            list(self.boxes.values()), layout=w.Layout(display="flex", flex_flow="row wrap")
        )
        buttons = w.HBox([w.Label(_("Areas:")), self.all_button, self.clear_button])
        super().__init__([buttons, grid])
        self.add_class("tipcourse-explorer-areas")
        self._syncing = False
        self.observe(self._show_value, "value")
        self.value = tuple(value)
        for name, box in self.boxes.items():
            box.observe(lambda change, name=name: self._ticked(name, change["new"]), "value")

    def set_value(self, areas: Iterable[str]) -> None:
        self.value = tuple(areas)

    @traitlets.validate("value")
    def _valid(self, proposal: dict) -> tuple[str, ...]:
        return ordered(proposal["value"], self.names)

    def _ticked(self, name: str, on: bool) -> None:
        if not self._syncing:
            self.value = toggled(self.value, name, on, self.names)

    def _show_value(self, change: dict) -> None:
        """Tick exactly the chosen boxes (after "All areas", "Clear" or a value set in code)."""
        self._syncing = True
        try:
            chosen = set(change["new"])
            for name, box in self.boxes.items():
                box.value = name in chosen
        finally:
            self._syncing = False


class Explorer(PlainText, w.VBox):
    """Pick areas, an indicator and years; the plot and the table follow every change."""

    def __init__(
        self,
        areas: Sequence[str] | None = None,
        indicator: str = "poverty",
        years: Sequence[int] | None = None,
    ) -> None:
        _indicator(indicator)  # a clear error for an unknown indicator
        self._frames = {name: indicator_frame(name) for name in INDICATORS}
        frame = self._frames[indicator]
        low, high = year_range(frame)
        years = tuple(years) if years else (low, high)
        self.indicator = w.Dropdown(
            options=[(_label(spec), name) for name, spec in INDICATORS.items()],
            value=indicator,
            description=_("Indicator:"),
            layout=w.Layout(width="22em", max_width="100%"),
        )
        self.areas = AreaPicker(area_names(frame), areas if areas else default_areas(frame))
        self.years = w.IntRangeSlider(
            value=years,
            min=low,
            max=high,
            step=1,
            description=_("Years:"),
            continuous_update=False,
            readout=False,
            layout=w.Layout(width="18em", max_width="calc(100% - 6em)"),
        )
        self.years_label = w.Label()  # the slider's own readout cuts "2012 – 2017" short
        help_text = w.HTML(
            CONTROL_STYLE
            + "<p style='margin: 0.2em 0'>"
            + _(
                "Tap or click an area to show or hide its line (with a keyboard: Tab to it, "
                "then Space). The province (dashed line) is always shown for comparison."
            )
            + "</p>"
        )
        self.plot = w.Output()
        self.plot.add_class("tipcourse-explorer-plot")
        self.table = w.HTML()
        self._renderer = Renderer()
        self.table.add_class("tipcourse-explorer-table")
        for control in (self.indicator, self.areas, self.years):
            control.observe(self._changed, "value")
        controls = w.HBox(
            [
                self.indicator,
                w.HBox([self.years, self.years_label], layout=w.Layout(max_width="100%")),
            ],
            layout=w.Layout(flex_flow="row wrap", align_items="center"),
        )
        super().__init__([controls, self.areas, help_text, self.plot, self.table])
        self.add_class("tipcourse-explorer")
        self.update(keep=True)

    def _changed(self, _change: dict) -> None:
        self.update()

    def selection(self) -> pd.DataFrame:
        return select(self._frames[self.indicator.value], self.areas.value, self.years.value)

    def update(self, keep: bool = False) -> pd.DataFrame:
        """Redraw the plot and the table for the current controls; returns the selection.
        `keep`: the view is kept between kernels (the first view, see render_png)."""
        chosen = self.selection()
        png = render_png(chosen, self.indicator.value, self._renderer, keep)
        self.plot.outputs = (plots.Picture(png, self.describe()).output(),)
        self.table.value = table_html(chosen, self.indicator.value)
        first, last = self.years.value
        self.years_label.value = f"{first}-{last}" if last > first else str(first)
        return chosen

    def describe(self) -> str:
        return describe(self.indicator.value, list(self.areas.value), self.years.value)

    def __repr__(self) -> str:
        return _(
            "NTT indicator explorer: {description} "
            "(run the notebook to change areas, indicator and years)"
        ).format(description=self.describe())

"""The NTT indicator explorer (lesson 06): pick areas, an indicator and years; see the trend.

The logic is plain functions, tested without a front end (tests/test_explorer.py):

    frame = indicator_frame("poverty")            # long table: area, year, value
    chosen = select(frame, ["Sumba Tengah"], (2015, 2017))   # + the province, for comparison
    summary_table(chosen)                        # first and last year, and the change
    missing_notes(chosen)                        # which values the thesis does not give
    draw(ax, chosen, "poverty")                  # lines per area, the province dashed

`Explorer` is a thin ipywidgets front end over them. It renders each plot with matplotlib's
Agg canvas into PNG bytes and sets them as the output of an `Output` widget (no `with out:`
capture, no pyplot figure), so executing the notebook writes nothing into the cell but the
widget and its short text/plain. `tipcourse.bench_explorer` times the updates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import ipywidgets as w
import pandas as pd

from . import plots
from .ntt import INDICATORS, PROVINCE, Indicator
from .ui import PlainText

if TYPE_CHECKING:
    from matplotlib.axes import Axes

ONE_COLUMN_LEGEND_MAX = 11  # more areas than this: a two-column legend


def _indicator(indicator: str) -> Indicator:
    try:
        return INDICATORS[indicator]
    except KeyError:
        raise ValueError(
            f"Unknown indicator {indicator!r}; choose one of {', '.join(INDICATORS)}"
        ) from None


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
        raise ValueError(f"Unknown area(s): {', '.join(unknown)}. Known: {', '.join(known)}")
    first, last = (int(y) for y in years)
    low, high = year_range(frame)
    if not low <= first <= last <= high:
        raise ValueError(f"Years must run forwards within {low}-{high}, not {first}-{last}")
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
        also = "" if province.empty else " (nor for the province)"
        notes.append(
            f"{year}: no value for any selected regency or city in the source{also}; "
            "the lines have a gap."
        )
    for area, rows in gaps[~gaps["year"].isin(whole_years)].groupby("area", sort=False):
        years = ", ".join(str(int(y)) for y in rows["year"])
        notes.append(f"{area}: no value for {years} in the source.")
    return notes


def draw(ax: Axes, selection: pd.DataFrame, indicator: str) -> None:
    """A line per area (markers, so single points show), the province dashed and black;
    titled, labelled with units and a source line (plots.finish)."""
    spec = _indicator(indicator)
    areas = [a for a in dict.fromkeys(selection["area"]) if a != PROVINCE]
    palette = plots.colours(10)  # beyond ten areas, colours repeat with another line style
    for i, area in enumerate(areas):
        rows = selection[selection["area"] == area]
        ax.plot(
            rows["year"],
            rows["value"],
            marker="o",
            color=palette[i % 10],
            linestyle=("-", ":", "-.")[i // 10 % 3],
            label=area,
        )
    province = selection[selection["area"] == PROVINCE]
    if not province.empty:
        ax.plot(
            province["year"],
            province["value"],
            marker="s",
            linestyle="--",
            color="black",
            label="NTT province",
        )
    if not selection.empty:
        first, last = int(selection["year"].min()), int(selection["year"].max())
        ax.set_xticks(range(first, last + 1))
        ax.set_xlim(first - 0.3, last + 0.3)
        years = f"{first}-{last}" if last > first else str(first)
        many = len(areas) > ONE_COLUMN_LEGEND_MAX
        ax.legend(
            loc="center left",
            bbox_to_anchor=(1.01, 0.5),
            fontsize=7 if many else 8,
            ncol=2 if many else 1,
            frameon=False,
            columnspacing=0.8,
        )
    else:
        years = "no area selected"
    ax.set_ylim(bottom=0)
    plots.finish(
        ax,
        f"{spec.label} by area, NTT, {years}",
        "year",
        f"{spec.axis} ({spec.unit})",
        f"Borotoding (2024), thesis, citing BPS NTT; data: {spec.resource}",
    )


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
        return "<p>No data selected.</p>"
    table = table.rename(index={PROVINCE: "NTT (province)"})
    table.index.name = None
    body = TABLE_STYLE + table.to_html(
        float_format=lambda v: f"{v:.2f}",
        na_rep="no data",
        classes="tipcourse-explorer-summary",
        border=0,
    )
    if len(table.columns) > 1:
        what = "first and last selected year, and the change in percentage points (pp)"
    else:
        what = "the selected year"
    caption = f"<p><b>{spec.label} ({spec.unit})</b>: {what}.</p>"
    notes = missing_notes(selection)
    notes_html = "".join(f"<li>{n}</li>" for n in notes)
    return caption + body + (f"<ul>{notes_html}</ul>" if notes else "")


class Renderer:
    """Draws plots into PNG bytes on one reused Agg figure (no pyplot, nothing displayed).

    Speed (each explorer update must take under 200 ms; see tipcourse.bench_explorer):
    the figure is reused, which keeps matplotlib's renderer and its cache of text sizes; the
    layout is fixed (margins set once, wide enough for the longest legend entry) instead of
    `tight_layout` on every draw; and the canvas is drawn once (`plots.png`).
    """

    MARGINS = {"left": 0.08, "right": 0.7, "bottom": 0.19, "top": 0.9}

    def __init__(self, size: tuple[float, float] = (8.5, 4.4), dpi: int = 80) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=size, dpi=dpi)
        self.canvas = FigureCanvasAgg(self.figure)
        # plots.finish calls tight_layout; here the margins are fixed instead (see above).
        self.figure.tight_layout = lambda *args, **kwargs: None

    def png(self, selection: pd.DataFrame, indicator: str) -> bytes:
        fig = self.figure
        fig.clear()
        draw(fig.add_subplot(), selection, indicator)
        areas = set(selection["area"]) - {PROVINCE}
        many = len(areas) > ONE_COLUMN_LEGEND_MAX  # a two-column legend (see draw)
        fig.subplots_adjust(**{**self.MARGINS, "right": 0.52 if many else self.MARGINS["right"]})
        return plots.png(fig, compress_level=1)


def render_png(selection: pd.DataFrame, indicator: str, renderer: Renderer | None = None) -> bytes:
    """The plot as PNG bytes, cached: a view drawn before is not drawn again."""
    key = ("explorer", selection.to_csv(index=False), indicator)
    return plots.cached_png(key, lambda: (renderer or Renderer()).png(selection, indicator))


def plot(
    areas: Sequence[str], indicator: str = "poverty", years: Sequence[int] | None = None
) -> plots.Picture:
    """The explorer's plot for these choices, as a picture for a notebook (no widget)."""
    frame = indicator_frame(indicator)
    years = tuple(years) if years else year_range(frame)
    chosen = select(frame, areas, years)
    return plots.Picture(render_png(chosen, indicator), describe(indicator, areas, years))


def describe(indicator: str, areas: Sequence[str], years: Sequence[int]) -> str:
    """What a plot shows, in one line (the text version of the picture)."""
    who = ", ".join(areas) + " and the province" if areas else "the province only"
    first, last = years
    span = f"{first}-{last}" if last > first else str(first)
    return f"{INDICATORS[indicator].label} (%) for {who}, {span}"


def default_areas(frame: pd.DataFrame) -> list[str]:
    """The areas with the highest and the lowest value in the last year with data."""
    last = frame.dropna(subset=["value"])
    last = last[(last["year"] == last["year"].max()) & (last["area"] != PROVINCE)]
    ranked = last.sort_values("value")
    return [ranked["area"].iloc[-1], ranked["area"].iloc[0]]


# --- the widget: thin ------------------------------------------------------------------------


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
        names = area_names(frame)
        low, high = year_range(frame)
        years = tuple(years) if years else (low, high)
        self.indicator = w.Dropdown(
            options=[(spec.label, name) for name, spec in INDICATORS.items()],
            value=indicator,
            description="Indicator:",
        )
        self.areas = w.SelectMultiple(
            options=names,
            value=tuple(areas if areas else default_areas(frame)),
            rows=12,
            description="Areas:",
            layout=w.Layout(width="22em"),
        )
        self.years = w.IntRangeSlider(
            value=years,
            min=low,
            max=high,
            step=1,
            description="Years:",
            continuous_update=False,
            readout=False,
            layout=w.Layout(width="18em"),
        )
        self.years_label = w.Label()  # the slider's own readout cuts "2012 – 2017" short
        help_text = w.HTML(
            "<small>Ctrl-click (Cmd-click on a Mac) to pick several areas. "
            "The province (dashed line) is always shown for comparison.</small>"
        )
        self.plot = w.Output(layout=w.Layout(min_height="22em"))
        self.table = w.HTML()
        self._renderer = Renderer()
        self.table.add_class("tipcourse-explorer-table")
        for control in (self.indicator, self.areas, self.years):
            control.observe(self._changed, "value")
        controls = w.VBox(
            [self.indicator, w.HBox([self.years, self.years_label]), help_text],
            layout=w.Layout(width="26em", margin="0 2em 0 0"),
        )
        super().__init__([w.HBox([controls, self.areas]), self.plot, self.table])
        self.add_class("tipcourse-explorer")
        self.update()

    def _changed(self, _change: dict) -> None:
        self.update()

    def selection(self) -> pd.DataFrame:
        return select(self._frames[self.indicator.value], self.areas.value, self.years.value)

    def update(self) -> pd.DataFrame:
        """Redraw the plot and the table for the current controls; returns the selection."""
        chosen = self.selection()
        png = render_png(chosen, self.indicator.value, self._renderer)
        self.plot.outputs = (plots.Picture(png, self.describe()).output(),)
        self.table.value = table_html(chosen, self.indicator.value)
        first, last = self.years.value
        self.years_label.value = f"{first}-{last}" if last > first else str(first)
        return chosen

    def describe(self) -> str:
        return describe(self.indicator.value, list(self.areas.value), self.years.value)

    def __repr__(self) -> str:
        return (
            f"NTT indicator explorer: {self.describe()} "
            "(run the notebook to change areas, indicator and years)"
        )

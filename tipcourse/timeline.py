"""The timeline of legal instruments (lesson 05): filter it, tabulate it, draw it.

The logic is plain Python and tested without a front end (tests/test_timeline.py):

    rows = filter_timeline(data.load("legal_timeline"), levels=["national"],
                           from_year=2007, to_year=2017, verified_only=True)
    fig = timeline_figure(rows)          # or timeline_figure(rows, ax=ax) on your own axes
    html = timeline_table_html(rows)
    plot(rows)                           # the finished figure as a picture (cached PNG)

`TimelineExplorer` is the thin widget on top: level check boxes, a year-range slider and a
"confirmed only" box; it calls `filter_timeline` and shows the table and the figure.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from . import figcache, i18n, plots
from .i18n import N_, _
from .plots import Picture, cached_png, colours, finish, png

if TYPE_CHECKING:  # imported where they are used: the logic needs neither
    import ipywidgets
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

LEVELS = ("international", "regional", "national")
# Labels are marked with N_ and shown with _(): in the language of the lesson that draws them.
LEVEL_LABELS = {
    "international": N_("international"),
    "regional": N_("regional"),
    "national": N_("national"),
}
VERIFICATION = ("confirmed", "partly_confirmed", "unverified", "garbled_in_paper")
VERIFICATION_LABELS = {
    "confirmed": N_("confirmed"),
    "partly_confirmed": N_("partly confirmed"),
    "unverified": N_("unverified"),
    "garbled_in_paper": N_("garbled in a source paper"),
}
TABLE_COLUMNS = {
    "date": N_("date"),
    "level": N_("level"),
    "instrument": N_("instrument"),
    "law_number": N_("number"),
    "what_it_does": N_("what it does"),
    "verification": N_("verification"),
}
SOURCE = N_(
    "data: legal_timeline (the ILO-in-Southeast-Asia article, the ASEAN article, the "
    "international-law article and the IOM article, checked against the instruments' texts "
    "and the sources named in each note)"
)


def _shown(labels: dict[str, str], value: str) -> str:
    """A level or verification id as a student reads it (an unknown value as it is)."""
    return _(labels[value]) if value in labels else value


# --- logic ------------------------------------------------------------------------------------


def filter_timeline(
    frame: pd.DataFrame,
    levels: str | Iterable[str] = LEVELS,
    from_year: int | None = None,
    to_year: int | None = None,
    verified_only: bool = False,
) -> pd.DataFrame:
    """The rows of `frame` (a `legal_timeline` table) that match, earliest first.

    levels: any of LEVELS (a single string is accepted). from_year/to_year: inclusive bounds,
    None for open. verified_only: keep only rows whose verification is 'confirmed' (partly
    confirmed, unverified and garbled rows are left out).
    """
    if isinstance(levels, str):
        levels = [levels]
    levels = list(levels)
    unknown = sorted(set(levels) - set(LEVELS))
    if unknown:
        raise ValueError(
            _("Unknown level(s) {unknown}; choose from {levels}").format(
                unknown=", ".join(unknown), levels=", ".join(LEVELS)
            )
        )
    if from_year is not None and to_year is not None and from_year > to_year:
        raise ValueError(
            _("from_year ({start}) is after to_year ({end})").format(start=from_year, end=to_year)
        )
    mask = frame["level"].isin(levels)
    if from_year is not None:
        mask &= frame["year"] >= from_year
    if to_year is not None:
        mask &= frame["year"] <= to_year
    if verified_only:
        mask &= frame["verification"] == "confirmed"
    rows = frame.loc[mask.fillna(False).astype(bool)]
    return rows.sort_values(["year", "date"], kind="stable").reset_index(drop=True)


def _text(value: object) -> str:
    """A cell as text: missing values (None, NaN, pd.NA) become ''."""
    return "" if pd.isna(value) else str(value)


def short_label(row: pd.Series, width: int = 66) -> str:
    """A one-line label for a timeline row: its number (if it has a useful one) and its name.

    Long names without a number are shortened around their acronym, e.g. 'ASEAN Convention
    against Trafficking in Persons (ACTIP) signed'; anything still too long is cut with '…'.
    """
    number, name = _text(row["law_number"]), _text(row["instrument"])
    if number.startswith("GA res"):  # the resolution number says less than the name
        number = ""
    label = f"{number}: {name}" if number else name
    found = re.fullmatch(r"(.*?)\s*\(([A-Z][A-Za-z-]*(?: [A-Z][A-Za-z-]*)*)\)(.*)", name)
    if len(label) > width and found:
        before, acronym, after = found.groups()
        if number:
            label = f"{number} ({acronym}): {before}{after}"
        else:
            label = f"{before.split(',')[0]} ({acronym}){after}"
            if len(label) > width:
                label = f"{acronym}{after}"
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def timeline_table_html(frame: pd.DataFrame) -> str:
    """An HTML table of the rows (escaped); entries that are not confirmed are flagged."""
    if len(frame) == 0:
        return "<p><i>{}</i></p>".format(_("No entries match these filters."))
    head = "".join(
        f"<th style='text-align:left'>{_(label)}</th>" for label in TABLE_COLUMNS.values()
    )
    body = []
    for _index, row in frame.iterrows():
        cells = []
        for column in TABLE_COLUMNS:
            text = html.escape(_text(row[column]))
            if column == "level":
                text = html.escape(_shown(LEVEL_LABELS, _text(row[column])))
            if column == "verification":
                text = html.escape(_shown(VERIFICATION_LABELS, _text(row[column])))
                if row[column] != "confirmed":
                    text = f"<b>⚠ {text}</b>"
            cells.append(f"<td style='text-align:left;vertical-align:top'>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    # tabindex and a label: the scrolling box must be reachable and named for keyboard users.
    label = html.escape(_("Timeline entries"), quote=True)
    return (
        "<div style='max-height:26em;overflow:auto' tabindex='0' role='region' "
        f"aria-label='{label}'><table class='tipcourse-timeline'>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def figure_size(rows: int) -> tuple[float, float]:
    """Width and height (inches) for a timeline of `rows` entries: one line per entry."""
    return 11.0, max(2.6, 0.3 * rows + 1.6)


def timeline_figure(frame: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Draw the rows as a dot timeline (one line per entry, earliest at the top); return the figure.

    Colour = level; filled dot = confirmed, half-filled dot = partly confirmed, open dot =
    unverified, cross = garbled in a source paper
    (also written after the label, so the plot does not rely on colour or shape alone). Without
    `ax`, a new figure is made that pyplot does not manage (it is not shown automatically).
    """
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MaxNLocator

    if ax is None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        fig = Figure(figsize=figure_size(len(frame)))
        FigureCanvasAgg(fig)
        ax = fig.subplots()
    colour = dict(zip(LEVELS, colours(len(LEVELS)), strict=True))
    if len(frame) == 0:
        ax.text(
            0.5,
            0.5,
            _("No entries match these filters."),
            ha="center",
            va="center",
            transform=ax.transAxes,
        )
        ax.set_xticks([])
        ax.set_yticks([])
        return ax.figure
    years = [int(y) for y in frame["year"]]
    low, high = min(years), max(years)
    positions = list(range(len(frame)))
    ax.hlines(positions, low - 3, years, color="#dddddd", linewidth=0.8, zorder=1)
    for y, (year, (_index, row)) in enumerate(zip(years, frame.iterrows(), strict=True)):
        c = colour[row["level"]]
        status = row["verification"]
        if status == "garbled_in_paper":
            ax.plot(year, y, marker="X", markersize=9, color=c, markeredgecolor="black", zorder=3)
        else:
            ax.plot(
                year,
                y,
                marker="o",
                markersize=8,
                markeredgewidth=1.6,
                markeredgecolor=c,
                markerfacecolor=c if status in ("confirmed", "partly_confirmed") else "white",
                markerfacecoloralt="white",
                fillstyle="left" if status == "partly_confirmed" else "full",
                zorder=3,
            )
    labels = [
        short_label(row)
        + (
            ""
            if row["verification"] == "confirmed"
            else f" [{_shown(VERIFICATION_LABELS, row['verification'])}]"
        )
        for _index, row in frame.iterrows()
    ]
    ax.set_yticks(positions, labels, fontsize=8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
    ax.set_ylim(len(frame) - 0.5, -0.5)  # earliest at the top
    ax.set_xlim(low - 3, high + 3)
    ax.grid(axis="y", visible=False)
    present_levels = [lvl for lvl in LEVELS if lvl in set(frame["level"])]
    present_status = [s for s in VERIFICATION if s in set(frame["verification"])]
    handles = [
        Line2D(
            [],
            [],
            linestyle="",
            marker="o",
            markersize=8,
            color=colour[lvl],
            label=_shown(LEVEL_LABELS, lvl),
        )
        for lvl in present_levels
    ]
    shape = {
        "confirmed": dict(marker="o", markerfacecolor="#555555"),
        "partly_confirmed": dict(
            marker="o", markerfacecolor="#555555", markerfacecoloralt="white", fillstyle="left"
        ),
        "unverified": dict(marker="o", markerfacecolor="white"),
        "garbled_in_paper": dict(marker="X", markerfacecolor="#555555"),
    }
    handles += [
        Line2D(
            [],
            [],
            linestyle="",
            markersize=8,
            markeredgecolor="#555555",
            label=_shown(VERIFICATION_LABELS, s),
            **shape[s],
        )
        for s in present_status
    ]
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False
    )
    return ax.figure


TITLE = N_("Legal instruments against trafficking, by year")


def figure_png(frame: pd.DataFrame, title: str = TITLE, dpi: int = 80) -> bytes:
    """The finished figure (title, axis labels, source line) as PNG bytes (deterministic).

    Drawing this text-dense figure is the slowest step of lesson 05, so it is cached: the
    lesson's static plot and the explorer's first view are the same rows, drawn once, and the
    PNG is kept between kernels (tipcourse.figcache), keyed by the rows, this code and the
    interface catalogue.
    """
    key = ("timeline", frame.to_csv(index=False), title, dpi, i18n.language())
    sources = [Path(__file__), Path(plots.__file__), *i18n.catalogue_files(i18n.language())]
    return cached_png(
        key, lambda: figcache.png(key, lambda: _render_png(frame, title, dpi), sources)
    )


def _render_png(frame: pd.DataFrame, title: str, dpi: int) -> bytes:
    import io

    from PIL import Image

    fig = timeline_figure(frame)
    fig.set_dpi(dpi)
    finish(fig.axes[0], _(title), _("year"), _("instrument or event (one line each)"), _(SOURCE))
    # Fewer colours make the PNG four times smaller (it is stored in the notebook's widget
    # state); the octree keeps the course palette's colours exact enough.
    image = Image.open(io.BytesIO(png(fig, compress_level=1)))
    small = image.quantize(colors=128, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    small.save(buffer, format="png", optimize=True)
    return buffer.getvalue()


def plot(frame: pd.DataFrame, title: str = TITLE) -> Picture:
    """The timeline of `frame` as a picture for a notebook (the same PNG as the explorer's)."""
    years = [int(y) for y in frame["year"]]
    span = f", {min(years)}-{max(years)}" if years else ""
    return Picture(
        figure_png(frame, title),
        _("Timeline plot: {n} entries{span} (run the notebook to see it)").format(
            n=len(frame), span=span
        ),
    )


# --- the widget -------------------------------------------------------------------------------


def _explorer_class() -> type[ipywidgets.VBox]:
    import ipywidgets as w

    from .ui import PlainText

    class TimelineExplorer(PlainText, w.VBox):
        """Tick levels, choose years, hide unconfirmed entries; the table and plot follow."""

        def __init__(self, frame: pd.DataFrame, from_year: int | None = None) -> None:
            self.frame = frame
            low, high = int(frame["year"].min()), int(frame["year"].max())
            start = low if from_year is None else min(max(int(from_year), low), high)
            self.levels = {
                lvl: w.Checkbox(
                    value=True,
                    description=_shown(LEVEL_LABELS, lvl),
                    indent=False,
                    layout=w.Layout(width="auto"),
                )
                for lvl in LEVELS
            }
            self.years = w.IntRangeSlider(
                value=(start, high),
                min=low,
                max=high,
                step=1,
                description=_("Years:"),
                continuous_update=False,
                layout=w.Layout(width="32em"),
            )
            self.verified_only = w.Checkbox(
                value=False,
                description=_("confirmed entries only"),
                indent=False,
                layout=w.Layout(width="auto"),
            )
            self.summary = w.HTML("")
            self.table = w.HTML("")
            self.plot = w.Output()
            for control in [*self.levels.values(), self.years, self.verified_only]:
                control.observe(lambda _: self.update(), "value")
            level = _("Level:")
            controls = w.VBox(
                [
                    w.HBox([w.HTML(f"<b>{level}</b>&nbsp;"), *self.levels.values()]),
                    self.years,
                    self.verified_only,
                ]
            )
            super().__init__([controls, self.summary, self.table, self.plot])
            self.rows = None
            self.update()

        def selection(self) -> dict:
            """The current choices, as keyword arguments of `filter_timeline`."""
            return {
                "levels": [lvl for lvl, box in self.levels.items() if box.value],
                "from_year": self.years.value[0],
                "to_year": self.years.value[1],
                "verified_only": self.verified_only.value,
            }

        def update(self) -> pd.DataFrame:
            self.rows = filter_timeline(self.frame, **self.selection())
            flagged = int((self.rows["verification"] != "confirmed").sum())
            self.summary.value = _(
                "<b>{n} of {total} entries shown</b> ({flagged} not confirmed, marked ⚠)."
            ).format(n=len(self.rows), total=len(self.frame), flagged=flagged)
            self.table.value = timeline_table_html(self.rows)
            alt = _("Timeline plot of the {n} entries listed in the table above.").format(
                n=len(self.rows)
            )
            self.plot.outputs = (Picture(figure_png(self.rows), alt).output(),)
            return self.rows

        def __repr__(self) -> str:
            low, high = self.years.min, self.years.max
            return _(
                "Timeline explorer: {n} legal instruments and events, {low}-{high}; tick "
                "levels, choose years, or show confirmed entries only (run the notebook to "
                "use it)"
            ).format(n=len(self.frame), low=low, high=high)

    return TimelineExplorer


def __getattr__(
    name: str,
) -> type[
    ipywidgets.VBox
]:  # the widget class is built on first use, so the logic needs no ipywidgets
    if name == "TimelineExplorer":
        cls = _explorer_class()
        globals()["TimelineExplorer"] = cls
        return cls
    raise AttributeError(name)

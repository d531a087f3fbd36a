"""Lesson 05's timeline of legal instruments: filtering, table, figure and widget, no front end."""

import pandas as pd
import pytest

from tipcourse import data, timeline


@pytest.fixture(scope="module")
def frame():
    return data.load("legal_timeline")


def small():
    """Four rows, deliberately out of order, one of each verification status."""
    rows = [
        ("2009", 2009, "national", "Second entry <b>of 2009</b>", "Law 15/2009", "confirmed"),
        (
            "2000-11-15",
            2000,
            "international",
            "Some Convention (SOC) adopted",
            "GA res. 1/1",
            "confirmed",
        ),
        (
            "2009",
            2009,
            "national",
            "Garbled entry",
            "'Topik 5 2009' (as printed)",
            "garbled_in_paper",
        ),
        ("2008", 2008, "regional", "Regional forum begins", None, "unverified"),
    ]
    out = pd.DataFrame(
        rows, columns=["date", "year", "level", "instrument", "law_number", "verification"]
    )
    out["year"] = out["year"].astype("Int64")
    out["what_it_does"] = "does something"
    return out


def test_default_keeps_every_row_earliest_first(frame):
    rows = timeline.filter_timeline(frame)
    assert len(rows) == len(frame)
    assert list(rows["year"]) == sorted(frame["year"])
    assert list(rows.index) == list(range(len(rows)))


def test_rows_of_the_same_year_keep_their_order():
    rows = timeline.filter_timeline(small())
    assert list(rows["instrument"]) == [
        "Some Convention (SOC) adopted",
        "Regional forum begins",
        "Second entry <b>of 2009</b>",
        "Garbled entry",
    ]


def test_levels_filter(frame):
    rows = timeline.filter_timeline(frame, levels=["national", "regional"])
    assert set(rows["level"]) == {"national", "regional"}
    assert len(rows) == frame["level"].isin(["national", "regional"]).sum()
    assert set(timeline.filter_timeline(frame, levels="regional")["level"]) == {"regional"}
    assert len(timeline.filter_timeline(frame, levels=[])) == 0


def test_year_bounds_are_inclusive(frame):
    rows = timeline.filter_timeline(frame, from_year=2009, to_year=2011)
    assert set(rows["year"]) == {2009, 2010, 2011}
    assert len(timeline.filter_timeline(frame, from_year=2023)) == (frame["year"] >= 2023).sum()
    assert len(timeline.filter_timeline(frame, to_year=1930)) == 1


def test_confirmed_only_drops_unverified_and_garbled(frame):
    rows = timeline.filter_timeline(frame, verified_only=True)
    assert set(rows["verification"]) == {"confirmed"}
    numbers = set(rows["law_number"].dropna())
    assert "Law 15/2009" in numbers and "Law 5/2009" in numbers
    assert "Law 14/2009" in numbers  # the Palermo ratification, confirmed by the law's text
    assert "PP 8/2016 (as printed)" not in numbers  # a regulation no source confirms
    assert list(timeline.filter_timeline(small(), verified_only=True)["law_number"]) == [
        "GA res. 1/1",
        "Law 15/2009",
    ]


def test_bad_arguments_are_explained(frame):
    with pytest.raises(ValueError, match="Unknown level.*provincial"):
        timeline.filter_timeline(frame, levels=["national", "provincial"])
    with pytest.raises(ValueError, match="after to_year"):
        timeline.filter_timeline(frame, from_year=2017, to_year=2007)


def test_the_lesson_entries_are_in_the_data(frame):
    numbers = dict(zip(frame["law_number"], frame["verification"], strict=True))
    for number in [
        "Law 7/1984",
        "Law 13/2003",
        "Law 39/2004",
        "Law 21/2007",
        "Perpres 69/2008",
        "Law 5/2009",
        "Law 15/2009",
        "Law 6/2011",
        "Law 12/2017",
        "Law 18/2017",
        "Perpres 22/2021",
        "Perpres 49/2023",
    ]:
        assert number in numbers, number
    assert numbers["Law 14/2009"] == "confirmed"
    assert numbers["PP 8/2016 (as printed)"] == "unverified"
    assert numbers["'Topik 5 2009' (as printed)"] == "garbled_in_paper"
    assert frame["instrument"].str.contains("United Arab Emirates").any()


def test_short_labels():
    rows = small()
    labels = [timeline.short_label(row) for _, row in rows.iterrows()]
    assert labels[0] == "Law 15/2009: Second entry <b>of 2009</b>"
    assert labels[1] == "Some Convention (SOC) adopted"  # a GA resolution number is left out
    assert labels[3] == "Regional forum begins"  # no number
    long = {
        "law_number": None,
        "instrument": "A very long convention name that goes on and on, "
        "and on, about many things (AVLC) adopted",
    }
    assert (
        timeline.short_label(long)
        == "A very long convention name that goes on and on (AVLC) adopted"
    )
    assert timeline.short_label(long, width=20) == "AVLC adopted"
    cut = timeline.short_label({"law_number": "Law 1/2000", "instrument": "x" * 100}, width=30)
    assert len(cut) == 30 and cut.endswith("…") and cut.startswith("Law 1/2000: ")


def test_table_escapes_text_and_flags_unconfirmed_rows():
    html = timeline.timeline_table_html(timeline.filter_timeline(small()))
    assert "<b>of 2009</b>" not in html and "&lt;b&gt;of 2009&lt;/b&gt;" in html
    assert html.count("<tr>") == 1 + 4
    assert "⚠ unverified" in html and "⚠ garbled in a source paper" in html
    assert html.count("⚠") == 2
    empty = timeline.timeline_table_html(small().iloc[0:0])
    assert "No entries" in empty


def test_figure_has_one_line_per_entry_earliest_on_top():
    rows = timeline.filter_timeline(small())
    fig = timeline.timeline_figure(rows)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 4
    assert labels[0].startswith("Some Convention")
    assert labels[1].endswith("[unverified]") and labels[3].endswith("[garbled in a source paper]")
    assert not labels[2].endswith("]")
    bottom, top = ax.get_ylim()
    assert bottom > top  # inverted: row 0 (the earliest) at the top
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [
        "international",
        "regional",
        "national",
        "confirmed",
        "unverified",
        "garbled in a source paper",
    ]


def test_figure_of_no_rows_says_so():
    fig = timeline.timeline_figure(small().iloc[0:0])
    assert "No entries" in fig.axes[0].texts[0].get_text()


def test_figure_on_given_axes():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    try:
        assert timeline.timeline_figure(small(), ax=ax) is fig
    finally:
        plt.close(fig)


def test_png_is_deterministic():
    rows = timeline.filter_timeline(small())
    first, second = timeline.figure_png(rows), timeline.figure_png(rows)
    assert first.startswith(b"\x89PNG") and first == second


def test_widget_follows_its_controls(frame):
    explorer = timeline.TimelineExplorer(frame)
    assert len(explorer.rows) == len(frame)
    explorer.levels["national"].value = False
    assert "national" not in set(explorer.rows["level"]) and len(explorer.rows) > 0
    explorer.levels["national"].value = True
    explorer.years.value = (2009, 2009)
    assert set(explorer.rows["year"]) == {2009}
    assert "⚠" in explorer.table.value
    explorer.verified_only.value = True
    assert set(explorer.rows["verification"]) == {"confirmed"}
    assert f"<b>{len(explorer.rows)} of {len(frame)} entries shown</b>" in explorer.summary.value
    (shown,) = explorer.plot.outputs
    assert "image/png" in shown["data"] and "text/plain" in shown["data"]


def test_widget_text_is_short_and_deterministic(frame):
    first, second = timeline.TimelineExplorer(frame), timeline.TimelineExplorer(frame)
    assert repr(first) == repr(second)
    assert repr(first).startswith(f"Timeline explorer: {len(frame)} legal instruments")
    assert "0x" not in repr(first) and "\n" not in repr(first)
    assert first._repr_mimebundle_()["text/plain"] == repr(first)


def test_explorer_can_start_later_and_shares_its_first_drawing_with_the_static_plot(frame):
    import base64

    since_1979 = timeline.filter_timeline(frame, from_year=1979)
    picture = timeline.plot(since_1979)
    explorer = timeline.TimelineExplorer(frame, from_year=1979)
    assert explorer.years.value == (1979, int(frame["year"].max()))
    assert explorer.years.min == int(frame["year"].min())  # earlier years stay reachable
    assert explorer.rows.equals(since_1979)
    (shown,) = explorer.plot.outputs
    assert base64.b64decode(shown["data"]["image/png"]) == picture._repr_png_()
    last = frame["year"].max()
    assert repr(picture) == (
        f"Timeline plot: {len(since_1979)} entries, 1979-{last} (run the notebook to see it)"
    )
    assert timeline.TimelineExplorer(frame, from_year=1800).years.value[0] == frame["year"].min()


def test_partly_confirmed_rows_are_flagged_and_drawn_half_filled():
    rows = small()
    rows.loc[3, "verification"] = "partly_confirmed"  # the regional forum of 2008
    rows = timeline.filter_timeline(rows)
    html = timeline.timeline_table_html(rows)
    assert "⚠ partly confirmed" in html and html.count("⚠") == 2
    assert len(timeline.filter_timeline(rows, verified_only=True)) == 2  # confirmed only
    fig = timeline.timeline_figure(rows)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[1] == "Regional forum begins [partly confirmed]"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [
        "international",
        "regional",
        "national",
        "confirmed",
        "partly confirmed",
        "garbled in a source paper",
    ]
    (half,) = [line for line in ax.get_lines() if line.get_fillstyle() == "left"]
    assert half.get_ydata()[0] == 1  # the partly confirmed entry, second from the top


def test_the_timeline_reaches_2026_with_partly_confirmed_rows(frame):
    counts = frame["verification"].value_counts()
    assert set(counts.index) <= set(timeline.VERIFICATION)
    assert counts["partly_confirmed"] >= 5
    assert frame["year"].max() == 2026
    since_1979 = timeline.filter_timeline(frame, from_year=1979)
    assert "partly confirmed" in timeline.timeline_table_html(since_1979)

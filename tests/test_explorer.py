"""The NTT explorer of lesson 06: its logic without a front end, and its thin widget.

Expected values are typed from the thesis's tables (Borotoding, 2024: poverty and open
unemployment by regency, 2012-2017), not read from the CSV files.
"""

from __future__ import annotations

import base64
import math

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from tipcourse import explorer
from tipcourse.bench import explorer as bench_explorer  # noqa: E402
from tipcourse.explorer import PROVINCE  # noqa: E402

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def poverty():
    return explorer.indicator_frame("poverty")


@pytest.fixture(scope="module")
def unemployment():
    return explorer.indicator_frame("unemployment")


def value(frame, area, year):
    rows = frame[(frame["area"] == area) & (frame["year"] == year)]
    assert len(rows) == 1
    return rows["value"].iloc[0]


# --- indicator_frame ------------------------------------------------------------------------


def test_indicator_frame_is_long_with_every_area_and_year(poverty, unemployment):
    for frame in (poverty, unemployment):
        assert list(frame.columns) == ["area", "year", "value"]
        assert len(frame) == 23 * 6  # 21 regencies, Kota Kupang, the province; 2012-2017
        assert explorer.year_range(frame) == (2012, 2017)
        assert frame["area"].iloc[0] == "Sumba Barat"  # the thesis's order, province last
        assert frame["area"].iloc[-1] == PROVINCE


def test_indicator_frame_values_and_gaps(poverty, unemployment):
    assert value(poverty, "Sumba Tengah", 2017) == pytest.approx(36.01)
    assert value(poverty, PROVINCE, 2012) == pytest.approx(20.41)
    assert value(unemployment, "Sabu Raijua", 2012) == pytest.approx(13.41)
    assert value(unemployment, "Kota Kupang", 2015) == pytest.approx(14.25)
    for year in (2012, 2013, 2014):  # Malaka: no values before 2015 (kept, as gaps)
        assert math.isnan(value(poverty, "Malaka", year))
    assert math.isnan(value(unemployment, "Kupang", 2016))  # 2016: province only
    assert value(unemployment, PROVINCE, 2016) == pytest.approx(3.25)


def test_unknown_indicator_is_a_clear_error():
    with pytest.raises(ValueError, match="poverty, unemployment"):
        explorer.indicator_frame("education")
    with pytest.raises(ValueError, match="Unknown indicator"):
        explorer.Explorer(indicator="income")


def test_area_names_leave_out_the_province_unless_asked(poverty):
    names = explorer.area_names(poverty)
    assert len(names) == 22 and PROVINCE not in names and "Kota Kupang" in names
    assert explorer.area_names(poverty, with_province=True)[-1] == PROVINCE


# --- select -----------------------------------------------------------------------------------


def test_select_adds_the_province_and_keeps_the_year_range(poverty):
    chosen = explorer.select(poverty, ["Kota Kupang", "Belu"], (2013, 2015))
    assert list(dict.fromkeys(chosen["area"])) == ["Belu", "Kota Kupang", PROVINCE]
    assert sorted(set(chosen["year"])) == [2013, 2014, 2015]
    assert len(chosen) == 9
    alone = explorer.select(poverty, "Belu", (2012, 2012), with_province=False)
    assert list(alone["area"]) == ["Belu"] and list(alone["value"]) == [pytest.approx(14.52)]


def test_select_rejects_unknown_areas_and_bad_years(poverty):
    with pytest.raises(ValueError, match="Unknown area"):
        explorer.select(poverty, ["Kupang City"], (2012, 2017))
    with pytest.raises(ValueError, match="forwards within 2012-2017"):
        explorer.select(poverty, ["Belu"], (2015, 2013))
    with pytest.raises(ValueError, match="2012-2017"):
        explorer.select(poverty, ["Belu"], (2011, 2017))


# --- summary_table and missing_notes ----------------------------------------------------------


def test_summary_table_first_last_and_change(poverty):
    table = explorer.summary_table(
        explorer.select(poverty, ["Sumba Tengah", "Malaka"], (2012, 2017))
    )
    assert list(table.columns) == ["2012", "2017", "change (pp)"]
    assert list(table.index) == ["Sumba Tengah", "Malaka", PROVINCE]
    assert table.loc["Sumba Tengah", "change (pp)"] == pytest.approx(3.96)  # 36.01 - 32.05
    assert table.loc[PROVINCE, "change (pp)"] == pytest.approx(1.44)  # 21.85 - 20.41
    assert math.isnan(table.loc["Malaka", "2012"])
    assert math.isnan(table.loc["Malaka", "change (pp)"])  # never a made-up change


def test_summary_table_for_one_year_has_no_change_column(poverty):
    table = explorer.summary_table(explorer.select(poverty, ["Belu"], (2015, 2015)))
    assert list(table.columns) == ["2015"]


def test_missing_notes_name_the_gaps(unemployment, poverty):
    notes = explorer.missing_notes(
        explorer.select(unemployment, ["Malaka", "Kupang"], (2012, 2017))
    )
    assert notes[0].startswith("2016: no value for any selected regency or city")
    assert "Malaka: no value for 2012, 2013, 2014 in the source." in notes
    assert len(notes) == 2
    assert explorer.missing_notes(explorer.select(poverty, ["Belu"], (2012, 2017))) == []


def test_table_html_shows_missing_values_as_no_data(poverty):
    html = explorer.table_html(explorer.select(poverty, ["Malaka"], (2012, 2017)), "poverty")
    assert "no data" in html and "Malaka: no value for 2012, 2013, 2014" in html
    assert "Poverty rate (% of population)" in html


# --- draw and the renderer --------------------------------------------------------------------


def test_draw_one_line_per_area_plus_the_province_with_title_units_and_source(poverty):
    fig = Figure()
    ax = fig.add_subplot()
    chosen = explorer.select(poverty, ["Sumba Tengah", "Kota Kupang"], (2012, 2017))
    explorer.draw(ax, chosen, "poverty")
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["Sumba Tengah", "Kota Kupang", "NTT province"]
    province = ax.get_lines()[-1]
    assert province.get_linestyle() == "--" and province.get_color() == "black"
    assert "Poverty rate" in ax.get_title(loc="left") and "2012-2017" in ax.get_title(loc="left")
    assert "%" in ax.get_ylabel() and ax.get_xlabel() == "year"
    assert any("Source:" in t.get_text() and "ntt_poverty" in t.get_text() for t in fig.texts)
    assert list(ax.get_xticks()) == list(range(2012, 2018))


def test_draw_keeps_gaps_as_gaps(unemployment):
    fig = Figure()
    ax = fig.add_subplot()
    explorer.draw(ax, explorer.select(unemployment, ["Kupang"], (2012, 2017)), "unemployment")
    ys = list(ax.get_lines()[0].get_ydata())
    assert len(ys) == 6 and math.isnan(ys[4])  # 2016 is not interpolated


def test_renderer_png_is_deterministic_and_follows_the_selection(poverty):
    renderer = explorer.Renderer()
    a = explorer.select(poverty, ["Belu"], (2012, 2017))
    b = explorer.select(poverty, ["Alor"], (2012, 2017))
    first, other = renderer.png(a, "poverty"), renderer.png(b, "poverty")
    again = renderer.png(a, "poverty")
    assert first.startswith(PNG_SIGNATURE)
    assert first == again and first != other
    assert explorer.render_png(a, "poverty") == first  # a fresh renderer draws the same


def test_many_areas_get_a_two_column_legend(poverty):
    fig = Figure()
    ax = fig.add_subplot()
    explorer.draw(
        ax, explorer.select(poverty, explorer.area_names(poverty), (2012, 2017)), "poverty"
    )
    assert ax.get_legend()._ncols == 2
    assert len({(line.get_color(), line.get_linestyle()) for line in ax.get_lines()}) == 23


def test_default_areas_are_the_highest_and_lowest_in_the_last_year(poverty, unemployment):
    assert explorer.default_areas(poverty) == ["Sumba Tengah", "Kota Kupang"]
    assert explorer.default_areas(unemployment) == ["Kota Kupang", "Manggarai Timur"]


# --- the widget -------------------------------------------------------------------------------


def _png(widget):
    (output,) = widget.plot.outputs
    return base64.b64decode(output["data"]["image/png"])


def test_explorer_shows_a_plot_and_a_table_at_once():
    widget = explorer.Explorer()
    assert _png(widget).startswith(PNG_SIGNATURE)
    assert "Sumba Tengah" in widget.table.value and "Kota Kupang" in widget.table.value
    assert repr(widget) == (
        "NTT indicator explorer: Poverty rate (%) for Sumba Tengah, "
        "Kota Kupang and the province, 2012-2017 (run the notebook to "
        "change areas, indicator and years)"
    )
    assert widget._repr_mimebundle_()["text/plain"] == repr(widget)


def test_every_change_updates_plot_and_table():
    widget = explorer.Explorer(areas=["Belu"])
    seen = {(_png(widget), widget.table.value)}
    for control, value in [
        ("areas", ("Belu", "Sabu Raijua")),
        ("indicator", "unemployment"),
        ("years", (2013, 2015)),
        ("areas", ()),
    ]:
        getattr(widget, control).value = value
        state = (_png(widget), widget.table.value)
        assert state not in seen, f"changing {control} did not redraw"
        seen.add(state)
    assert "Sabu Raijua" not in widget.table.value  # no areas: the province only
    assert "NTT (province)" in widget.table.value and widget.years_label.value == "2013-2015"
    assert "province only" in repr(widget) and "2013-2015" in repr(widget)


def test_explorer_accepts_its_starting_state():
    widget = explorer.Explorer(areas=["Kota Kupang"], indicator="unemployment", years=(2015, 2017))
    assert widget.years.value == (2015, 2017)
    assert "2016: no value" not in widget.table.value  # one area: named per area instead
    assert "Kota Kupang: no value for 2016 in the source." in widget.table.value


# --- the benchmark ----------------------------------------------------------------------------


def test_benchmark_script_changes_the_state_at_every_step():
    widget = explorer.Explorer()
    for control, value in bench_explorer.SCRIPT:
        assert getattr(widget, control).value != value, (control, value)
        before = _png(widget)
        getattr(widget, control).value = value
        assert _png(widget) != before


def test_benchmark_reports_median_and_max():
    line = bench_explorer.run(n=3)[0]
    assert "3 updates" in line and "median" in line and "max" in line and "200 ms" in line


def test_static_plot_is_the_explorers_first_view():
    picture = explorer.plot(["Sabu Raijua", "Kota Kupang"], "unemployment")
    widget = explorer.Explorer(areas=["Sabu Raijua", "Kota Kupang"], indicator="unemployment")
    assert picture._repr_png_() == _png(widget)
    assert (
        repr(picture)
        == widget.describe()
        == ("Open unemployment rate (%) for Sabu Raijua, Kota Kupang and the province, 2012-2017")
    )

"""The NTT explorer of lesson 06: its logic without a front end, and its thin widget.

Expected values are typed from the thesis's tables (Borotoding, 2024: poverty and open
unemployment by regency, 2012-2017), not read from the CSV files.
"""

from __future__ import annotations

import base64
import math

import matplotlib

matplotlib.use("Agg")

import ipywidgets  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from tipcourse import explorer, plots  # noqa: E402
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


def test_toggled_adds_or_removes_one_area_and_keeps_the_frames_order(poverty):
    names = explorer.area_names(poverty)
    assert explorer.toggled(("Kota Kupang",), "Belu", True, names) == ("Belu", "Kota Kupang")
    assert explorer.toggled(("Belu", "Kota Kupang"), "Belu", False, names) == ("Kota Kupang",)
    assert explorer.toggled(("Belu",), "Belu", True, names) == ("Belu",)  # once only
    assert explorer.toggled((), "Alor", False, names) == ()
    assert explorer.ordered(["Malaka", "Sumba Barat", "Malaka"], names) == ("Sumba Barat", "Malaka")


def test_ordered_names_an_unknown_area(poverty):
    with pytest.raises(ValueError, match="Unknown area.*Kupang City"):
        explorer.ordered(["Belu", "Kupang City"], explorer.area_names(poverty))
    with pytest.raises(ValueError, match="Unknown area.*Atlantis"):
        explorer.toggled(("Belu",), "Atlantis", True, explorer.area_names(poverty))


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


# --- y_limits: every line inside the axes -----------------------------------------------------


def assert_inside(values, limits, margin=explorer.Y_MARGIN) -> int:
    """Every value but the gaps lies at least `margin` of the span inside the limits; returns
    how many values were checked."""
    low, high = limits
    pad = margin * (high - low) * (1 - 1e-9)
    finite = [v for v in values if not math.isnan(v)]
    assert all(low + pad <= v <= high - pad for v in finite), (limits, finite)
    return len(finite)


def test_y_limits_keep_malaka_and_the_province_2015_2017_off_the_edges(poverty):
    # The issue: the province line (22.61% in 2015) sat on the top edge of this plot.
    chosen = explorer.select(poverty, ["Malaka"], (2015, 2017))
    values = list(chosen["value"])
    assert max(values) == pytest.approx(22.61) and min(values) == pytest.approx(16.52)
    limits = explorer.y_limits(values)
    assert assert_inside(values, limits) == 6
    assert limits[0] == 0  # rates start at zero when the lowest value is clear of it
    renderer = explorer.Renderer()
    renderer.png(chosen, "poverty")
    ax = renderer.figure.axes[0]
    assert ax.get_ylim() == pytest.approx(limits)
    assert sum(assert_inside(line.get_ydata(), ax.get_ylim()) for line in ax.get_lines()) == 6


def test_y_limits_go_below_zero_only_for_a_value_near_it():
    values = [0.25, 3.1, 14.25]  # Sumba Tengah's unemployment, 2014, is 0.25%
    low, high = explorer.y_limits(values)
    assert low < 0 < 0.25
    assert assert_inside(values, (low, high)) == 3
    assert explorer.y_limits([5.0, 10.0])[0] == 0


def test_y_limits_ignore_gaps_and_give_flat_or_empty_data_a_span():
    nan = float("nan")
    assert explorer.y_limits([nan, 2.0, nan, 4.0]) == explorer.y_limits([2.0, 4.0])
    flat = explorer.y_limits([3.25, 3.25])  # from zero, the line below the top margin
    assert flat == (0, pytest.approx(3.25 / (1 - explorer.Y_MARGIN)))
    assert assert_inside([3.25], flat) == 1
    half = explorer.Y_MIN_SPAN / 2
    assert explorer.y_limits([0.0, 0.0]) == (pytest.approx(-half), pytest.approx(half))
    assert explorer.y_limits([nan]) == (0.0, explorer.Y_MIN_SPAN)
    negative = [-2.0, -1.0]
    assert_inside(negative, explorer.y_limits(negative))


@pytest.mark.parametrize("indicator", ["poverty", "unemployment"])
def test_every_area_and_year_range_stays_inside_the_axes_with_no_negative_ticks(indicator):
    frame = explorer.indicator_frame(indicator)
    names = explorer.area_names(frame)
    fig = Figure(figsize=explorer.FIGURE_SIZE, dpi=explorer.DPI)
    ax = fig.add_subplot()
    for years in [(2012, 2017), (2015, 2017), (2014, 2014)]:
        for area in names:
            values = explorer.select(frame, [area], years)["value"]
            assert_inside(values, explorer.y_limits(values))
        ax.clear()
        chosen = explorer.select(frame, names, years)
        explorer.draw(ax, chosen, indicator)
        low, high = ax.get_ylim()
        lines = ax.get_lines()
        assert len(lines) == 23
        checked = sum(assert_inside(line.get_ydata(), (low, high)) for line in lines)
        assert checked == chosen["value"].notna().sum() > 0
        shown = [t for t in ax.get_yticks() if low <= t <= high]
        assert shown and min(shown) >= 0, shown  # a rate axis never labels a negative value


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
    every = explorer.select(poverty, explorer.area_names(poverty), (2013, 2016))
    first, other = renderer.png(a, "poverty"), renderer.png(b, "poverty")
    renderer.png(every, "poverty")  # a key in two columns, other margins and ticks
    again = renderer.png(a, "poverty")
    assert first.startswith(PNG_SIGNATURE)
    assert first == again and first != other
    # The reused axes keep nothing of an earlier plot: a fresh renderer draws the same.
    assert explorer.Renderer().png(a, "poverty") == first
    plots.clear_cache()
    assert explorer.render_png(a, "poverty") == first


def _drawn(renderer, selection):
    renderer.png(selection, "poverty")
    fig = renderer.figure
    return fig, fig.axes[0], renderer.canvas.get_renderer()


def _key(fig):
    """The key's labels and its handles (a stretch of line each), as drawn."""
    labels = [t for t in fig.texts if t.get_gid() == "key"]
    handles = [a for a in fig.artists if a.get_gid() == "key"]
    return labels, handles


@pytest.mark.parametrize("count", [1, 12, 13, 22])
def test_key_is_outside_the_lines_inside_the_picture_and_never_overlaps(poverty, count):
    names = explorer.area_names(poverty)
    chosen = ["Timor Tengah Selatan"] + [n for n in names if n != "Timor Tengah Selatan"]
    fig, ax, renderer = _drawn(
        explorer.Renderer(), explorer.select(poverty, chosen[:count], (2012, 2017))
    )
    labels, handles = _key(fig)
    assert [t.get_text() for t in labels] == [line.get_label() for line in ax.get_lines()]
    assert len(labels) == len(handles) == count + 1  # and the province
    boxes = [t.get_window_extent(renderer) for t in labels]
    boxes += [h.get_window_extent(renderer) for h in handles]
    for box in boxes:  # right of the axes (it never covers a line), inside the picture
        assert ax.bbox.x1 < box.x0 and box.x1 < fig.bbox.x1 - 4, (box, ax.bbox)
        assert fig.bbox.y0 < box.y0 and box.y1 < fig.bbox.y1
    texts = [t.get_window_extent(renderer) for t in labels]
    for i, one in enumerate(texts):  # "Timor Tengah Selatan" clear of the second column too
        assert not any(one.overlaps(other) for other in texts[i + 1 :]), labels[i].get_text()
    columns = {round(box.x0) for box in texts}
    assert len(columns) == (2 if count > explorer.ONE_COLUMN_KEY_MAX else 1)


def test_key_handles_match_their_lines(poverty):
    fig, ax, _ = _drawn(
        explorer.Renderer(), explorer.select(poverty, explorer.area_names(poverty), (2012, 2017))
    )
    _, handles = _key(fig)
    style = [(h.get_color(), h.get_linestyle(), h.get_marker()) for h in handles]
    assert style == [(li.get_color(), li.get_linestyle(), li.get_marker()) for li in ax.lines]
    assert len({(line.get_color(), line.get_linestyle()) for line in ax.get_lines()}) == 23


def test_plot_is_900_px_wide_with_tick_and_key_text_of_11_px_or_more(poverty):
    renderer = explorer.Renderer()
    assert renderer.text_px >= 11
    fig, ax, _ = _drawn(renderer, explorer.select(poverty, ["Belu", "Alor"], (2012, 2017)))
    assert (fig.bbox.width, fig.bbox.height) == explorer.PLOT_PX == (900, 480)
    texts = [*ax.get_xticklabels(), *ax.get_yticklabels(), *_key(fig)[0]]
    assert len(texts) > 3 + 6
    sizes_px = {t.get_fontsize() * fig.dpi / 72 for t in texts}
    assert min(sizes_px) >= 11, sizes_px
    assert min(sizes_px) == pytest.approx(renderer.text_px)


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


def _redraws(widget):
    """A list that grows by one each time the widget's plot is replaced."""
    seen = []
    widget.plot.observe(lambda change: seen.append(change["new"]), "outputs")
    return seen


def test_each_area_is_a_checkbox_of_touch_size_and_no_ctrl_click_list():
    widget = explorer.Explorer()
    boxes = widget.areas.boxes
    assert list(boxes) == explorer.area_names(explorer.indicator_frame("poverty"))
    for name, box in boxes.items():
        assert isinstance(box, ipywidgets.Checkbox)
        assert box.description == name and box.indent is False
        assert int(box.layout.min_height.removesuffix("px")) >= 44
    for button in (widget.areas.all_button, widget.areas.clear_button):
        assert button.description and int(button.layout.min_height.removesuffix("px")) >= 44
    children = [widget]
    while children:  # no multiple-select list (Ctrl-click) anywhere in the widget
        child = children.pop()
        assert not isinstance(child, ipywidgets.SelectMultiple)
        children += list(getattr(child, "children", ()))
    assert [n for n, box in boxes.items() if box.value] == ["Sumba Tengah", "Kota Kupang"]


def test_a_tap_on_an_area_shows_or_hides_it_with_one_redraw():
    widget = explorer.Explorer(areas=["Belu"])
    redraws = _redraws(widget)
    widget.areas.boxes["Alor"].value = True  # what a tap, a click or Space does
    assert widget.areas.value == ("Belu", "Alor") and len(redraws) == 1
    assert "Alor" in widget.table.value and "Alor" in repr(widget)
    widget.areas.boxes["Belu"].value = False
    assert widget.areas.value == ("Alor",) and len(redraws) == 2
    assert "Belu" not in widget.table.value


def test_all_and_clear_tick_every_box_or_none_with_one_redraw_each():
    widget = explorer.Explorer(areas=["Belu"])
    redraws = _redraws(widget)
    widget.areas.all_button.click()
    assert widget.areas.value == tuple(widget.areas.names) and len(redraws) == 1
    assert all(box.value for box in widget.areas.boxes.values())
    widget.areas.clear_button.click()
    assert widget.areas.value == () and len(redraws) == 2
    assert not any(box.value for box in widget.areas.boxes.values())
    assert "province only" in repr(widget)


def test_areas_set_in_code_tick_their_boxes_and_unknown_areas_are_refused():
    widget = explorer.Explorer(areas=["Belu"])
    widget.areas.value = ("Kota Kupang", "Sikka")
    assert widget.areas.value == ("Sikka", "Kota Kupang")  # the frame's order
    assert [n for n, box in widget.areas.boxes.items() if box.value] == ["Sikka", "Kota Kupang"]
    with pytest.raises(ValueError, match="Unknown area.*Kupang City"):
        widget.areas.value = ("Kupang City",)
    assert widget.areas.value == ("Sikka", "Kota Kupang")  # nothing lost
    with pytest.raises(ValueError, match="Unknown area"):
        explorer.Explorer(areas=["Kupang City"])


def test_explorer_accepts_its_starting_state():
    widget = explorer.Explorer(areas=["Kota Kupang"], indicator="unemployment", years=(2015, 2017))
    assert widget.years.value == (2015, 2017)
    assert "2016: no value" not in widget.table.value  # one area: named per area instead
    assert "Kota Kupang: no value for 2016 in the source." in widget.table.value


# --- the benchmark ----------------------------------------------------------------------------


def test_benchmark_script_changes_the_state_at_every_step():
    widget = explorer.Explorer()
    controls = {control for control, _ in bench_explorer.SCRIPT}
    assert {"tap", "all", "clear", "indicator", "years"} <= controls
    for control, value in bench_explorer.SCRIPT:
        before = (_png(widget), widget.areas.value)
        redraws = _redraws(widget)
        bench_explorer.apply(widget, control, value)
        assert _png(widget) != before[0], (control, value)
        assert len(redraws) == 1, (control, value)  # one drawing per change, never more
        if control == "tap":
            assert set(widget.areas.value) ^ set(before[1]) == {value}


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

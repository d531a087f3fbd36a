"""The NTT explorer of lesson 06 in a real JupyterLab: changing the areas and the indicator
redraws the plot (a new <img> src) and the table, with no widget error or traceback.

Screenshots go to $TIPCOURSE_ARTIFACTS (default: <tmp>/tipcourse-artifacts), outside the repo.
"""

import pytest

pytestmark = pytest.mark.browser

LESSON = "notebooks/06_ntt_causal_factors.ipynb"


def _state(explorer):
    """(plot image src, table text) as the page shows them now."""
    image = explorer.locator("img").first
    image.wait_for(timeout=30_000)
    table = explorer.locator(".tipcourse-explorer-table")
    return image.get_attribute("src"), " ".join(table.text_content().split())


def _wait_for_change(lab, explorer, before, what):
    """Poll until both the image and the table differ from `before`; return the new state."""
    for _ in range(50):
        lab.page.wait_for_timeout(200)
        now = _state(explorer)
        if now[0] != before[0] and now[1] != before[1]:
            return now
    raise AssertionError(
        f"changing {what} did not redraw both plot and table:\n"
        f"image changed: {now[0] != before[0]}; table: {now[1][:300]}"
    )


def test_explorer_redraws_plot_and_table_on_every_change(lab):
    lab, _answers = lab
    lab.open(LESSON)
    lab.run_all()
    assert lab.problems() == []

    explorer = lab.page.locator(".tipcourse-explorer").first
    explorer.scroll_into_view_if_needed()
    start = _state(explorer)
    assert start[0].startswith("data:image/png")
    assert "Sabu Raijua" in start[1] and "Kota Kupang" in start[1]
    assert "Open unemployment rate" in start[1]

    # The regency selection (a multiple-select list): choose two other areas.
    explorer.locator(".widget-select-multiple select").select_option(
        label=["Sumba Tengah", "Malaka"]
    )
    areas = _wait_for_change(lab, explorer, start, "the areas")
    assert "Sumba Tengah" in areas[1] and "Malaka" in areas[1]
    assert "Sabu Raijua" not in areas[1]
    assert "Malaka: no value for 2012, 2013, 2014" in areas[1]
    assert "2016: no value for any selected regency or city" in areas[1]

    # The indicator (a drop-down).
    explorer.locator(".widget-dropdown select").select_option(label="Poverty rate")
    indicator = _wait_for_change(lab, explorer, areas, "the indicator")
    assert "Poverty rate" in indicator[1]
    assert "2016: no value" not in indicator[1]

    explorer.locator("img").first.scroll_into_view_if_needed()
    lab.screenshot("lesson06-explorer")
    assert lab.problems() == []

"""Tables in lessons: text left-aligned, numbers right-aligned, no NaN / None / <NA> shown."""

import re

import numpy as np
import pandas as pd

from tipcourse.ui.tables import MISSING, table_html


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "term": ["recruitment", None, "harbouring"],
            "count": pd.array([1, None, 3], dtype="Int64"),
            "note": pd.array(["long text", None, "x"], dtype="string"),
            "rate": [1.5, np.nan, 2.25],
        }
    )


def test_missing_values_show_as_a_dash():
    html = table_html(frame())
    assert "NaN" not in html and "&lt;NA&gt;" not in html and "None" not in html
    assert html.count(f"<td>{MISSING}</td>") == 4


def test_text_columns_are_left_aligned_counted_from_the_row_end():
    html = table_html(frame())
    name = re.search(r'<div class="(tipcourse-table-\w+)">', html).group(1)
    # 4 data columns: "term" is the 4th from the end, "note" the 2nd; numbers stay right
    expected = f".{name} td:nth-last-child(4), .{name} td:nth-last-child(2) {{text-align: left;}}"
    assert f"<style>{expected}</style>" in html


def test_numbers_keep_their_formatting_and_the_input_is_not_changed():
    df = frame()
    before = df.copy()
    html = table_html(df)
    assert "<td>1.50</td>" in html and "<td>2.25</td>" in html
    pd.testing.assert_frame_equal(df, before)


def test_equal_patterns_share_a_class_and_numeric_tables_are_left_alone():
    a = table_html(pd.DataFrame({"x": ["a"], "n": [1]}))
    b = table_html(pd.DataFrame({"y": ["b"], "m": [2]}))
    assert re.search(r'class="(tipcourse-table-\w+)"', a).group(1) == re.search(
        r'class="(tipcourse-table-\w+)"', b
    ).group(1)
    numbers = pd.DataFrame({"n": [1, 2]})
    assert "tipcourse-table" not in table_html(numbers)
    assert table_html(numbers) == numbers._repr_html_()


def test_a_long_table_is_cut_as_pandas_cuts_it():
    long = pd.DataFrame({"n": range(500), "t": ["x"] * 500})
    cut = table_html(long)
    assert cut.count("<tr>") == long._repr_html_().count("<tr>") and "500 rows" in cut

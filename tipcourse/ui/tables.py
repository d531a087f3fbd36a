"""How a pandas table reads in a lesson: text left-aligned (JupyterLab right-aligns every cell,
which makes long definitions hard to read), numbers right-aligned, and a missing value shown as
a dash instead of NaN, None or <NA>. Installed as the notebook's HTML for DataFrames by
`course.start_*`; text/plain (what nbval and a terminal show) is pandas' own."""

from __future__ import annotations

import hashlib

import pandas as pd

MISSING = "—"


def _text_columns(df: pd.DataFrame) -> list[int]:
    """Positions of the columns that hold text (object or string dtype, not numbers)."""
    return [
        i
        for i, dtype in enumerate(df.dtypes)
        if pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype)
    ]


def _without_na(df: pd.DataFrame) -> pd.DataFrame:
    """pandas prints a missing value of a nullable column as <NA> whatever na_rep says: such
    columns become object columns with NaN, which na_rep covers."""
    out = df
    for i, dtype in enumerate(df.dtypes):
        if isinstance(dtype, pd.api.extensions.ExtensionDtype) and df.iloc[:, i].isna().any():
            if out is df:
                out = df.copy()
            column = out.iloc[:, i].astype(object)
            out.isetitem(i, column.where(column.notna(), float("nan")))
    return out


def _options(rows: int) -> dict:
    """pandas' own display options, as its notebook view applies them (a long table shows
    min_rows rows), with the course's missing value."""
    max_rows = pd.get_option("display.max_rows")
    if max_rows and rows > max_rows:
        max_rows = pd.get_option("display.min_rows") or max_rows
    return {
        "notebook": True,
        "na_rep": MISSING,
        "max_rows": max_rows,
        "max_cols": pd.get_option("display.max_columns"),
        "show_dimensions": pd.get_option("display.show_dimensions"),
        "float_format": pd.get_option("display.float_format"),
    }


def table_html(df: pd.DataFrame) -> str:
    """The DataFrame as the notebook shows it, with the course's alignment and missing values."""
    html = _without_na(df).to_html(**_options(len(df)))
    max_cols = pd.get_option("display.max_columns")
    left = _text_columns(df)
    if not left or (max_cols and df.shape[1] > max_cols):  # a cut table keeps pandas' layout
        return html
    # Counted from the end of each row: a row of a MultiIndex has fewer index cells (rowspan),
    # never fewer data cells. The class names the pattern, so equal patterns share their rules.
    ends = [df.shape[1] - i for i in left]
    name = "tipcourse-table-" + hashlib.sha1(repr(ends).encode()).hexdigest()[:8]
    rules = ", ".join(f".{name} td:nth-last-child({n})" for n in ends)
    style = f"<style>{rules} {{text-align: left;}}</style>"
    return html.replace("<div>", f'<div class="{name}">{style}', 1)


def install() -> None:
    """Show DataFrames with `table_html` in this IPython kernel (no-op outside one)."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, table_html)

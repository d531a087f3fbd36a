"""The glossary (data resource `glossary`): search in English and Indonesian, and a search box."""
from __future__ import annotations

import html

import pandas as pd

from . import data
from .questions import normalise_text

SHOWN = ["term", "indonesian", "abbreviation", "definition", "first_lesson"]


def search(query: str, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Terms whose English, Indonesian, abbreviation or definition contains every word of `query`.

    Case, accents and punctuation are ignored; an empty query returns the whole glossary.
    """
    table = data.load("glossary") if table is None else table
    words = normalise_text(query).split()
    if not words:
        return table[SHOWN].reset_index(drop=True)
    haystack = (table[["term", "indonesian", "abbreviation", "definition"]]
                .fillna("").agg(" ".join, axis=1).map(normalise_text))
    hits = haystack.map(lambda text: all(w in text for w in words))
    # Matches in the term itself first, then alphabetical.
    in_term = table["term"].fillna("").map(normalise_text).map(lambda t: any(w in t for w in words))
    found = table[hits].assign(_rank=~in_term[hits]).sort_values(["_rank", "term"])
    return found[SHOWN].reset_index(drop=True)


def to_html(found: pd.DataFrame) -> str:
    if found.empty:
        return "<p>No term found. Try fewer letters, or the Indonesian word.</p>"
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape('' if pd.isna(v) else str(v))}</td>" for v in row) + "</tr>"
        for row in found.itertuples(index=False))
    head = "".join(f"<th>{c.replace('_', ' ')}</th>" for c in found.columns)
    return f'<table class="tipcourse-glossary"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def search_box():
    """A text box; the table below it shows the matching terms as you type."""
    import ipywidgets as w

    from .widgets import PlainText

    class GlossarySearch(PlainText, w.VBox):
        def __repr__(self):
            return "Glossary search: type an English or Indonesian term (run the notebook to use it)"

    table = data.load("glossary")
    box = w.Text(placeholder="e.g. calo, debt, LPSK", description="Search:", continuous_update=True)
    result = w.HTML(to_html(search("", table)))
    box.observe(lambda change: setattr(result, "value", to_html(search(change["new"], table))), "value")
    return GlossarySearch([box, result])

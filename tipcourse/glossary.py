"""The glossary (data resource `glossary`): search in English and Indonesian, and a search box."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pandas as pd

from . import data, i18n
from .i18n import N_, _
from .quiz.questions import normalise_text

if TYPE_CHECKING:
    import ipywidgets
    from nbformat import NotebookNode

SHOWN = ["term", "indonesian", "abbreviation", "definition", "first_lesson"]
HEADERS = {  # the search box's table headers, shown with _()
    "term": N_("term"),
    "indonesian": N_("indonesian"),
    "abbreviation": N_("abbreviation"),
    "definition": N_("definition"),
    "first_lesson": N_("first lesson"),
}


def in_language(table: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """The glossary with its `definition` in `language` (default: the current one): the
    Indonesian edition reads `definition_id`."""
    if (language or i18n.language()) == "id" and "definition_id" in table:
        return table.assign(definition=table["definition_id"])
    return table


def table(language: str = "en") -> pd.DataFrame:
    """The whole glossary for reading, with headers and definitions in `language` (the
    glossary notebook's language, which it sets as `course.start_lesson` sets a lesson's)."""
    i18n.set_language(language)
    shown = in_language(data.load("glossary"))[["term", "indonesian", "abbreviation", "definition"]]
    return shown.rename(columns={c: _(HEADERS[c]) for c in shown.columns})


def search(query: str, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Terms whose English, Indonesian, abbreviation or definition contains every word of `query`
    (the definition in the current language).

    Case, accents and punctuation are ignored; an empty query returns the whole glossary.
    """
    table = in_language(data.load("glossary") if table is None else table)
    words = normalise_text(query).split()
    if not words:
        return table[SHOWN].reset_index(drop=True)
    haystack = (
        table[["term", "indonesian", "abbreviation", "definition"]]
        .fillna("")
        .agg(" ".join, axis=1)
        .map(normalise_text)
    )
    hits = haystack.map(lambda text: all(w in text for w in words))
    # The exact term first, then terms containing every word, then matches in definitions.
    terms = table["term"].fillna("").map(normalise_text)
    query = " ".join(words)
    rank = terms.map(lambda t: 0 if t == query else 1 if all(w in t for w in words) else 2)
    found = table[hits].assign(_rank=rank[hits]).sort_values(["_rank", "term"])
    return found[SHOWN].reset_index(drop=True)


def to_html(found: pd.DataFrame) -> str:
    if found.empty:
        return "<p>{}</p>".format(_("No term found. Try fewer letters, or the Indonesian word."))
    rows = "".join(
        "<tr>"
        + "".join(f"<td>{html.escape('' if pd.isna(v) else str(v))}</td>" for v in row)
        + "</tr>"
        for row in found.itertuples(index=False)
    )
    head = "".join(
        f"<th>{_(HEADERS[c]) if c in HEADERS else c.replace('_', ' ')}</th>" for c in found.columns
    )
    return f'<table class="tipcourse-glossary"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def search_box(language: str = "en") -> ipywidgets.VBox:
    """A text box; the table below it shows the matching terms as you type (in `language`,
    which it sets for the notebook, as `course.start_lesson` does)."""
    import ipywidgets as w

    from .ui import PlainText

    class GlossarySearch(PlainText, w.VBox):
        def __repr__(self) -> str:
            return _(
                "Glossary search: type an English or Indonesian term (run the notebook to use it)"
            )

    i18n.set_language(language)
    table = data.load("glossary")
    box = w.Text(
        placeholder=_("e.g. calo, debt, LPSK"), description=_("Search:"), continuous_update=True
    )
    result = w.HTML(to_html(search("", table)))
    box.observe(
        lambda change: setattr(result, "value", to_html(search(change["new"], table))), "value"
    )
    return GlossarySearch([box, result])


# --- linking lessons to the glossary ------------------------------------------------------------

LINK_TAG = "glossary-terms"


def terms_in_text(text: str, table: pd.DataFrame | None = None) -> list[str]:
    """term_ids whose Indonesian term or abbreviation occurs in `text` (whole words)."""
    import re

    table = data.load("glossary") if table is None else table
    found = []
    for row in table.itertuples():
        patterns = []
        if isinstance(row.abbreviation, str):  # abbreviations: exact case
            patterns.append(re.compile(rf"(?<![\w-]){re.escape(row.abbreviation)}(?![\w-])"))
        if isinstance(row.indonesian, str) and row.indonesian != row.term:
            patterns.append(re.compile(rf"(?<!\w){re.escape(row.indonesian)}(?!\w)", re.IGNORECASE))
        if any(p.search(text) for p in patterns):
            found.append(row.term_id)
    return found


def link_cell_text(term_ids: list[str], table: pd.DataFrame | None = None) -> str:
    """The markdown of a lesson's 'Indonesian terms in this lesson' cell."""
    table = (data.load("glossary") if table is None else table).set_index("term_id")
    items = []
    for term_id in term_ids:
        row = table.loc[term_id]
        name = (
            row["abbreviation"]
            if isinstance(row["abbreviation"], str)
            else f"*{row['indonesian']}*"
        )
        items.append(f"{name} ({row['term']})")
    return (
        "**Indonesian terms in this lesson**, explained in the "
        "[glossary](appendix_glossary.ipynb): " + "; ".join(items) + "."
    )


def lesson_link_text(nb: NotebookNode, table: pd.DataFrame | None = None) -> str:
    """The link cell a lesson notebook should have, from the terms its markdown uses."""
    text = "\n".join(
        c.source
        for c in nb.cells
        if c.cell_type == "markdown" and LINK_TAG not in c.metadata.get("tags", [])
    )
    return link_cell_text(terms_in_text(text, table), table)

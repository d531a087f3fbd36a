"""Glossary search finds terms in either language, ignoring case and accents."""

from tipcourse import data, glossary

REQUIRED = ["TPPO", "PMI", "TKI", "BP2MI", "LPSK", "GT PP-TPPO"]


def test_terms_the_issue_names_are_present():
    table = data.load("glossary")
    assert set(REQUIRED) <= set(table["abbreviation"].dropna())
    for indonesian in ("belis", "calo", "penjeratan utang"):
        assert indonesian in set(table["indonesian"].dropna())


def test_search_by_indonesian_english_and_abbreviation():
    assert glossary.search("calo")["term"].tolist() == ["broker"]
    assert "debt bondage" in glossary.search("Penjeratan UTANG")["term"].tolist()
    assert glossary.search("lpsk")["abbreviation"].tolist() == ["LPSK"]


def test_every_word_must_match_and_term_hits_come_first():
    found = glossary.search("forced labour")
    assert found["term"].iloc[0] == "forced labour"
    assert glossary.search("zzzz nothing").empty


def test_empty_query_lists_everything_and_html_escapes():
    assert len(glossary.search("  ")) == len(data.load("glossary"))
    assert "No term found" in glossary.to_html(glossary.search("zzzz"))
    assert "<script>" not in glossary.to_html(glossary.search("").assign(term="<script>"))


def test_search_box_updates_as_you_type():
    box = glossary.search_box()
    text, result = box.children
    text.value = "belis"
    assert "bride price" in result.value and "broker" not in result.value
    assert repr(box).startswith("Glossary search")


def test_terms_are_found_as_whole_words():
    table = data.load("glossary")
    assert glossary.terms_in_text("The calo met her; LPSK helped.", table) == [
        t for t in table["term_id"] if t in ("broker", "lpsk")
    ]
    assert glossary.terms_in_text("kalori and LPSKX", table) == []


def test_every_lesson_links_the_indonesian_terms_it_uses():
    from pathlib import Path

    import nbformat

    for path in sorted((Path(__file__).parent.parent / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        cells = [c for c in nb.cells if glossary.LINK_TAG in c.metadata.get("tags", [])]
        assert len(cells) == 1, f"{path.name} needs one glossary-terms cell"
        assert cells[0].source == glossary.lesson_link_text(nb), (
            f"{path.name}: glossary links out of date; rerun the glossary link step"
        )
        assert "](appendix_glossary.ipynb)" in cells[0].source

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


# Terms added for issues 14/15: each with its Indonesian form or abbreviation, the lesson that first
# uses it and the reference its definition follows.
NEW_TERMS = {  # term_id -> (abbreviation, first_lesson, source)
    "kp2mi": ("KP2MI", 5, "bp2mi_2024_minister"),
    "bp3mi": ("BP3MI", 5, "kp2mi_2026_bp3mi_rakor"),
    "bnp2tki": ("BNP2TKI", 5, "bisnis_2020_bp2mi"),
    "kuhp": ("KUHP", 1, "law_1_2023"),
    "satgas_tppo": ("Satgas TPPO", 5, "mistar_2023_satgas"),
    "delik_formil": (None, 5, "law_1_2023"),
    "kurungan_pengganti": (None, 4, "law_21_2007"),
    "ran": ("RAN", 5, "perpres_19_2023"),
    "rad": ("RAD", 5, "perpres_19_2023"),
    "perda": ("Perda", 5, "katongntt_2024_perda"),
    "kepgub": ("Kepgub", 5, "poskupang_2018_moratorium"),
    "perma": ("PERMA", 5, "perma_1_2022"),
    "uptd_ppa": ("UPTD PPA", 6, "ombudsman_ntt_2023_uptd"),
    "rumah_aman": (None, 5, "sinodegmit_2018_rumah_harapan"),
    "ojk": ("OJK", 7, "ilo_2024_eki"),
    "eki": ("EKI", 7, "ilo_2024_eki"),
    "pwni": ("PWNI", 7, "validnews_2025_scam"),
    "akad": ("AKAD", 7, "antara_kupang_2018_akad"),
    "rls": ("RLS", 6, "kontan_2025_bps_rls"),
    "ipm": ("IPM", 6, "goodstats_ipm_2023"),
    "brs": ("BRS", 6, "bps_ngada_2016"),
    "uji_tuntas": (None, 2, "trb_2015_32_p029"),
    "prevalensi": (None, 3, "ilo_walkfree_iom_2022"),
    "korban_terdeteksi": (None, 2, "unodc_2024_glotip_pr"),
    "peringkat": (None, 3, "us_embassy_2023_tip"),
}


def test_new_terms_and_the_updated_bp2mi_entry():
    table = data.load("glossary").set_index("term_id")
    references = data.package()["references"]
    for term_id, (abbreviation, lesson, source) in NEW_TERMS.items():
        row = table.loc[term_id]
        got = (
            None if row.isna()["abbreviation"] else row["abbreviation"],
            row["first_lesson"],
            row["source"],
        )
        assert got == (abbreviation, lesson, source), term_id
        assert source in references and isinstance(row["indonesian"], str), term_id
    assert (
        table.loc["bp3mi", "indonesian"] == "Balai Pelayanan Pelindungan Pekerja Migran Indonesia"
    )
    bp2mi = table.loc["bp2mi"]
    assert "KP2MI" in bp2mi["definition"] and "BNP2TKI" in bp2mi["definition"]
    assert bp2mi["source"] == "bp2mi_2024_minister"
    assert glossary.search("uji tuntas")["term"].tolist() == ["due diligence"]
    assert "KP2MI" in glossary.search("kementerian pelindungan")["abbreviation"].tolist()


def test_the_indonesian_glossary_reads_its_own_definitions():
    from tipcourse import i18n

    english = glossary.table("en")
    indonesian = glossary.table("id")
    try:
        assert list(english.columns) == ["term", "indonesian", "abbreviation", "definition"]
        assert list(indonesian.columns) != list(english.columns)  # headers in Indonesian
        assert len(indonesian) == len(english)
        assert indonesian.iloc[:, 3].ne(english["definition"]).all()  # every definition
        found = glossary.search("penjeratan utang")
        assert "utang" in found.loc[0, "definition"].lower()  # searched and shown in Indonesian
    finally:
        i18n.set_language("en")
    assert glossary.search("debt bondage").loc[0, "definition"].startswith("A debt")

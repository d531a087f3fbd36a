"""Checks of the data added for lesson 02 (forced labour): `ilo_fundamental_principles`.

The expected values were typed in from a second reading of the sources, not copied from the
CSV: the Declaration's paragraph 2 (a)-(e) as amended in 2022, and the numbered list of
"4 prinsip" in seed 000 (the same order in seed 002). A transcription error in either place
makes a test fail.
"""

from __future__ import annotations

from tipcourse import data

NAME = "ilo_fundamental_principles"

# The Declaration, paragraph 2, as amended in 2022: letter -> key words of the principle.
DECLARATION = {
    "a": "collective bargaining",
    "b": "forced or compulsory labour",
    "c": "child labour",
    "d": "employment and occupation",
    "e": "safe and healthy working environment",
}

# Seed 000, "terdapat 4 prinsip": 1 kerja paksa, 2 pekerja dibawah umur, 3 diskriminasi,
# 4 kebebasan berserikat. The Declaration's letters for the same principles.
SEED_ORDER = {"b": 1, "c": 2, "d": 3, "a": 4}


def test_declaration_wording_and_order():
    frame = data.load(NAME).set_index("letter")
    assert list(frame.index) == list(DECLARATION)
    for letter, words in DECLARATION.items():
        assert words in frame.loc[letter, "principle"], letter


def test_four_principles_in_1998_and_one_added_in_2022():
    frame = data.load(NAME)
    years = dict(zip(frame["letter"], frame["added_year"], strict=True))
    assert years == {"a": 1998, "b": 1998, "c": 1998, "d": 1998, "e": 2022}


def test_seed_order_and_the_missing_fifth_principle():
    frame = data.load(NAME)
    got = {
        r.letter: int(r.paper_position)
        for r in frame.dropna(subset=["paper_position"]).itertuples()
    }
    assert got == SEED_ORDER
    fifth = frame.set_index("letter").loc["e"]
    assert fifth[["paper_position", "paper_heading_as_printed"]].isna().all()


def test_seed_headings_as_printed():
    frame = data.load(NAME).set_index("letter")
    assert frame.loc["b", "paper_heading_as_printed"].startswith("Penghapusan semua bentuk")
    # The child-labour principle is rendered as "slavery" of underage workers in the seeds.
    assert "perbudakan" in frame.loc["c", "paper_heading_as_printed"]
    assert "dibawah umur" in frame.loc["c", "paper_heading_as_printed"]
    assert frame.loc["a", "paper_heading_as_printed"].startswith("Kebebasan berserikat")
    assert "  " not in " ".join(frame["paper_heading_as_printed"].dropna())


def test_fundamental_instruments():
    frame = data.load(NAME).set_index("principle_id")
    codes = {pid: set(value.split("; ")) for pid, value in frame["fundamental_instruments"].items()}
    assert codes["forced_labour"] == {"C029", "C105", "P029"}
    assert codes["freedom_of_association"] == {"C087", "C098"}
    assert codes["child_labour"] == {"C138", "C182"}
    assert codes["discrimination"] == {"C100", "C111"}
    assert codes["safe_and_healthy_work"] == {"C155", "C187"}


def test_codes_shared_with_ilo_instruments_agree():
    """Every code both tables hold is written the same way (NORMLEX: C + three digits)."""
    principles = data.load(NAME)
    listed = {c for value in principles["fundamental_instruments"] for c in value.split("; ")}
    instruments = set(data.load("ilo_instruments")["code"])
    assert {"C029", "C105", "P029", "C111"} <= listed & instruments

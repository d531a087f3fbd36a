"""Value checks of the resource added for lesson 03: ilo_membership_claims.

The expected values were typed from a second reading of the seed papers (seed 000: "lebih dari
100 anggota" in the introduction, "lebih dari 180 anggota" at the start of the discussion;
seed 002: "181 negara anggota ILO" in section 1.1, "187 negara anggota" in section 4.2) and
from the ILO's own count (187 member states), not copied from the CSV file.
"""

from __future__ import annotations

from tipcourse import data

SEED_CLAIMS = {
    ("paper_ilo_sea", "more_than", 100),
    ("paper_ilo_sea", "more_than", 180),
    ("thesis_ntt_2024", "exactly", 181),
    ("thesis_ntt_2024", "exactly", 187),
}


def test_seed_statements_as_printed():
    frame = data.load("ilo_membership_claims").query("status == 'as_printed_in_paper'")
    got = {(r.source, r.qualifier, int(r.members)) for r in frame.itertuples()}
    assert got == SEED_CLAIMS


def test_checked_count_is_187():
    frame = data.load("ilo_membership_claims").query("status == 'checked'")
    assert len(frame) == 1
    assert int(frame["members"].iloc[0]) == 187
    assert frame["qualifier"].iloc[0] == "exactly"


def test_wording_keeps_the_seeds_indonesian():
    frame = data.load("ilo_membership_claims").set_index("members")
    assert "lebih dari 100" in frame.loc[100, "wording_as_printed"]
    assert "lebih dari 180" in frame.loc[180, "wording_as_printed"]
    seed_181 = frame.loc[181, "wording_as_printed"]
    assert "181 negara anggota" in seed_181


def test_thesis_contradicts_itself_and_one_claim_contradicts_the_check():
    frame = data.load("ilo_membership_claims")
    checked = int(frame.query("status == 'checked'")["members"].iloc[0])
    seeds = frame.query("status == 'as_printed_in_paper'")
    exact = seeds.query("qualifier == 'exactly'")
    wrong_exact = exact[exact["members"] != checked]
    assert list(wrong_exact["members"]) == [181]
    lower_bounds = seeds.query("qualifier == 'more_than'")
    assert (lower_bounds["members"] < checked).all()

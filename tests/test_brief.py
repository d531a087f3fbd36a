"""tipcourse.brief: a regency's indicator profile (lesson 08 and exercise 08).

Expected values are read from the thesis's poverty and unemployment tables (Borotoding, 2024,
the tables labelled 'Gambar 4.1'), typed here by hand, with ranks counted by hand from the
same tables; they are not produced by the code under test.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tipcourse import brief

NTT = "Nusa Tenggara Timur"


def row(profile, indicator, year):
    found = profile[(profile["indicator"] == indicator) & (profile["year"] == year)]
    assert len(found) == 1, (indicator, year)
    return found.iloc[0]


# --- Sumba Barat Daya: a regency with complete poverty data ------------------------------------


def test_sumba_barat_daya_poverty_values_difference_and_rank():
    profile = brief.regency_profile("Sumba Barat Daya")
    r2017 = row(profile, "poverty", 2017)
    assert r2017["value"] == pytest.approx(30.13)
    assert r2017["province"] == pytest.approx(21.85)
    assert r2017["difference"] == pytest.approx(8.28)
    assert bool(r2017["above_province"]) is True
    # 2017, highest first: Sumba Tengah 36.01, Sabu Raijua 31.07, Sumba Timur 31.03, SBD 30.13
    assert r2017["rank"] == 4 and r2017["n_ranked"] == 22
    r2012 = row(profile, "poverty", 2012)
    assert r2012["value"] == pytest.approx(27.67)
    assert r2012["province"] == pytest.approx(20.41)
    assert r2012["n_ranked"] == 21  # Malaka has no 2012 value


def test_sumba_barat_daya_summary():
    summary = brief.profile_summary(brief.regency_profile("Sumba Barat Daya"))
    assert summary["area"] == "Sumba Barat Daya"
    pov = summary["poverty"]
    assert (pov["first_year"], pov["latest_year"]) == (2012, 2017)
    assert pov["latest_value"] == pytest.approx(30.13)
    assert pov["change"] == pytest.approx(2.46)  # 30.13 - 27.67
    assert pov["province_change"] == pytest.approx(1.44)  # 21.85 - 20.41
    assert pov["rank_latest"] == 4 and pov["n_ranked_latest"] == 22
    assert pov["years_above_province"] == [2012, 2013, 2014, 2015, 2016, 2017]
    assert pov["missing_years"] == []
    une = summary["unemployment"]
    assert une["missing_years"] == [2016]
    assert une["latest_value"] == pytest.approx(1.61)
    assert une["difference_latest"] == pytest.approx(-1.66)  # 1.61 - 3.27
    assert une["change"] == pytest.approx(-1.28)  # 1.61 - 2.89
    # 2012: 2.89 equals the province's 2.89, which is not "above"
    assert une["years_above_province"] == []
    assert une["years_compared"] == [2012, 2013, 2014, 2015, 2017]
    assert summary["province_only"] == ["education"]


# --- Kota Kupang: the city, highest unemployment, lowest poverty -------------------------------


def test_kota_kupang_ranks():
    profile = brief.regency_profile("Kota Kupang")
    assert row(profile, "poverty", 2017)["value"] == pytest.approx(9.81)
    assert row(profile, "poverty", 2017)["rank"] == 22  # lowest of 22
    assert row(profile, "unemployment", 2017)["value"] == pytest.approx(12.50)
    assert row(profile, "unemployment", 2017)["rank"] == 1
    assert row(profile, "unemployment", 2012)["rank"] == 2  # Sabu Raijua's 13.41 is higher
    assert row(profile, "unemployment", 2015)["difference"] == pytest.approx(14.25 - 3.83)


# --- gaps are kept, not filled ---------------------------------------------------------------


def test_malaka_gaps_are_missing_not_filled():
    profile = brief.regency_profile("Malaka")
    for year in (2012, 2013, 2014):
        for indicator in ("poverty", "unemployment"):
            r = row(profile, indicator, year)
            assert math.isnan(r["value"]) and math.isnan(r["difference"])
            assert pd.isna(r["rank"]) and pd.isna(r["above_province"])
            assert not math.isnan(r["province"])  # the province still has its value
    summary = brief.profile_summary(profile)
    assert summary["poverty"]["missing_years"] == [2012, 2013, 2014]
    assert summary["poverty"]["first_year"] == 2015
    assert summary["poverty"]["first_value"] == pytest.approx(17.28)
    assert summary["poverty"]["change"] == pytest.approx(16.52 - 17.28)
    assert summary["unemployment"]["missing_years"] == [2012, 2013, 2014, 2016]
    assert summary["unemployment"]["years_above_province"] == [2015]  # 4.08 > 3.83
    gaps = brief.describe_gaps(profile)
    assert any("2012, 2013, 2014, 2016" in g and "ntt_unemployment" in g for g in gaps)
    assert any("ntt_education" in g for g in gaps)


def test_2016_unemployment_has_no_regency_values():
    for area in ("Alor", "Kota Kupang", "Timor Tengah Selatan"):
        r = row(brief.regency_profile(area), "unemployment", 2016)
        assert math.isnan(r["value"]) and r["province"] == pytest.approx(3.25)
        assert r["n_ranked"] == 0


# --- names ---------------------------------------------------------------------------------------


def test_unknown_area_lists_the_valid_names():
    with pytest.raises(ValueError) as err:
        brief.regency_profile("Sumba Utara")
    message = str(err.value)
    assert "Sumba Utara" in message
    for name in ("Alor", "Sumba Barat Daya", "Kota Kupang", "Timor Tengah Selatan"):
        assert name in message


def test_the_province_is_not_a_regency():
    for name in (NTT, "NTT"):
        with pytest.raises(ValueError, match="province"):
            brief.regency_profile(name)


def test_case_and_spacing_do_not_matter():
    profile = brief.regency_profile("  sumba   TIMUR ")
    assert set(profile["area"]) == {"Sumba Timur"}


def test_areas_are_the_22_regencies_and_cities_alphabetically():
    names = brief.areas()
    assert len(names) == 22 and names == sorted(names)
    assert names[0] == "Alor" and NTT not in names and "Kupang" in names and "Kota Kupang" in names


# --- shape and consistency -------------------------------------------------------------------


def test_profile_shape_and_ranks_are_consistent():
    profile = brief.regency_profile("Alor")
    assert list(profile.columns) == brief.COLUMNS
    assert len(profile) == 12
    assert sorted(profile["year"].unique()) == list(range(2012, 2018))
    known = profile.dropna(subset=["value"])
    assert (known["difference"] - (known["value"] - known["province"])).abs().max() < 0.006
    ranks = sorted(
        int(row(brief.regency_profile(a), "poverty", 2017)["rank"]) for a in brief.areas()
    )
    assert ranks == list(range(1, 23))  # no ties in 2017, every area ranked once


def test_summary_rejects_other_tables():
    with pytest.raises(ValueError, match="regency_profile"):
        brief.profile_summary(pd.DataFrame({"area": ["Alor"], "value": [1.0]}))
    both = pd.concat([brief.regency_profile("Alor"), brief.regency_profile("Belu")])
    with pytest.raises(ValueError, match="one area"):
        brief.profile_summary(both)


def test_factor_evidence_levels():
    table = brief.factor_evidence().set_index("factor_id")
    assert table.loc["poverty", "measured_by"] == "ntt_poverty"
    assert table.loc["poverty", "level"] == "regency"
    assert table.loc["unemployment", "level"] == "regency"
    assert table.loc["low_education", "level"] == "province"  # NTT as a whole only
    assert table.loc["land_and_skills", "measured_by"] == "ntt_geography"
    for cultural in ("belis", "debt", "social_caste", "religious_figures_used_by_recruiters"):
        assert table.loc[cultural, "level"] == "not measured"
        assert pd.isna(table.loc[cultural, "measured_by"])
    assert set(brief.FACTOR_MEASURES) <= set(table.index)

"""Checks of `organisation_activities` (lesson 04: the regional and international response).

The expected values were typed from a second reading of the seed papers (seed 000 on the ILO
in Southeast Asia, seed 001 on ASEAN, seed 004 on IOM in Indonesia), not copied from the CSV,
so a transcription error in either place makes a test fail.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from tipcourse import data


@pytest.fixture(scope="module")
def acts():
    return data.load("organisation_activities").set_index("activity_id")


def _year(frame, activity_id):
    value = frame.loc[activity_id, "year"]
    return None if pd.isna(value) else int(value)


# Seed 000: ILO "Dibentuk pada tahun 1919"; ASEAN "Didirikan pada 8 agustus 1967 di Bangkok";
# UNODC "didirkan pada tahun 1997". Seed 004: IOM "didirikan pada tahun 1951".
FOUNDED = {"ILO": 1919, "IOM": 1951, "ASEAN": 1967, "UNODC": 1997}


def test_founding_years(acts):
    founding = acts[acts["kind"] == "founding"]
    got = {row.organisation: int(row.year) for row in founding.itertuples()}
    assert got == FOUNDED


def test_founding_details_as_in_the_seeds(acts):
    assert "8 August 1967" in acts.loc["asean_founded", "activity"]
    assert acts.loc["asean_founded", "place"] == "Bangkok"
    assert "five states" in acts.loc["asean_founded", "activity"]
    assert "1946" in acts.loc["ilo_founded", "activity"]  # ILO joined the UN in 1946 (seed 000)
    # Seed 004: "173 negara anggota, dengan 8 negara sebagai negara pengamat".
    numbers = re.findall(r"\d+", acts.loc["iom_founded", "activity"])
    assert "173" in numbers and "8" in numbers


# Seed 000: TICW with UNIAP "sekitar tahun 2006"; UNODC fishing study "Pada tahun 2011";
# ILO-UNODC campaign "pada tahun 2015"; AFML "Pada tahun 2008"; third forum "Ha Noi pada juli 2010".
# Seed 004: AGO cooperation "sejak tahun 2015"; SOP and campaign "2021"; 154 victims "pada tahun 2020";
# e-learning launch cited as IOM Indonesia (2019) and Persatuan Jaksa Indonesia (2019).
YEARS = {
    "ilo_ticw_uniap_tools": 2006,
    "unodc_ilo_thai_fishing_study": 2011,
    "ilo_unodc_recruitment_campaign": 2015,
    "asean_afml": 2008,
    "afml_third_forum_ha_noi": 2010,
    "asean_actip_apa": 2015,
    "iom_prosecutor_training": 2015,
    "iom_elearning_mentoring": 2019,
    "iom_victims_assisted_2020": 2020,
    "iom_kemenpppa_campaign_2021": 2021,
    "iom_sop_victim_services_2021": 2021,
    "iom_polri_inl_training": 2022,
    "iom_sea_cases_riau": None,
    "iom_information_campaigns": None,
    "ilo_data_sources": None,
}


@pytest.mark.parametrize("activity_id,year", YEARS.items())
def test_activity_years(acts, activity_id, year):
    assert _year(acts, activity_id) == year


def test_third_afml_place_and_outcomes(acts):
    row = acts.loc["afml_third_forum_ha_noi"]
    assert row["place"] == "Ha Noi"
    assert "July 2010" in row["activity"]
    assert "100" in row["partners"]  # "dihadiri lebih dari 100 peserta termasuk ... ILO"
    assert "ILO" in row["partners"]


# Seed 004's own placement: the IOM-POLRI-INL training is its example of the instrument role and
# again of the arena role; the AGO cooperation (161 prosecutors) and the 154 victims stand in the
# arena section; the SOP revision and the 2021 campaign in the instrument section; information
# campaigns in the actor section.
SEED_004_ROLES = {
    "iom_polri_inl_training": "instrument_and_arena",
    "iom_elearning_mentoring": "instrument_and_arena",
    "iom_prosecutor_training": "arena",
    "iom_victims_assisted_2020": "arena",
    "iom_sea_cases_riau": "arena",
    "iom_sop_victim_services_2021": "instrument",
    "iom_kemenpppa_campaign_2021": "instrument",
    "iom_information_campaigns": "actor",
}


@pytest.mark.parametrize("activity_id,role", SEED_004_ROLES.items())
def test_archer_role_as_seed_004_places_it(acts, activity_id, role):
    assert acts.loc[activity_id, "archer_role_in_paper"] == role


def test_seed_000_treats_joint_work_as_instrument(acts):
    joint = [
        "ilo_ticw_uniap_tools",
        "unodc_ilo_thai_fishing_study",
        "ilo_unodc_recruitment_campaign",
        "asean_afml",
        "afml_third_forum_ha_noi",
        "ilo_tripartite_standards",
    ]
    assert (acts.loc[joint, "archer_role_in_paper"] == "instrument").all()


def test_iom_training_partners_as_in_seed_004(acts):
    partners = acts.loc["iom_polri_inl_training", "partners"]
    for name in ("Bareskrim", "PPATK", "LPSK", "Attorney General", "KemenPPPA", "BP2MI", "INL"):
        assert name in partners, name
    assert "Badiklat" in acts.loc["iom_elearning_mentoring", "partners"]


def test_pillars_are_components_of_the_five_pillars(acts):
    frames = data.load("response_frameworks")
    five = set(frames.loc[frames["framework"] == "five_pillars", "component"])
    assert len(five) == 5
    used = set(acts["pillar"].dropna())
    assert used <= five


def test_founding_rows_have_no_role_or_pillar_and_activities_have_a_pillar(acts):
    founding = acts["kind"] == "founding"
    assert acts.loc[founding, "pillar"].isna().all()
    assert acts.loc[founding, "archer_role_in_paper"].isna().all()
    assert acts.loc[~founding, "pillar"].notna().all()


# The figures quoted in the activity texts must be the ones in indonesia_figures (seed 004:
# "161 jaksa", "154 korban ... pada tahun 2020", "dua kasus TIP lintas laut ... 87 korban").
FIGURES = {
    "iom_prosecutor_training": ("prosecutors_trained_by_iom", 161),
    "iom_victims_assisted_2020": ("victims_assisted_by_iom", 154),
    "iom_sea_cases_riau": ("sea_trafficking_victims_assisted_by_iom", 87),
}


@pytest.mark.parametrize("activity_id,figure", FIGURES.items())
def test_quoted_figures_match_indonesia_figures(acts, activity_id, figure):
    indicator, value = figure
    figures = data.load("indonesia_figures").set_index("indicator")
    assert float(figures.loc[indicator, "value"]) == value
    assert str(value) in re.findall(r"\d+", acts.loc[activity_id, "activity"])


def test_seed_errors_are_recorded(acts):
    assert "2016" in acts.loc["iom_founded", "note"]  # UN related organisation since 2016
    assert (
        "Cambodian" in acts.loc["asean_actip_apa", "note"]
    )  # DAHTJP / LEASETC are not ASEAN bodies
    assert "2014" in acts.loc["ilo_ticw_uniap_tools", "note"]  # UNIAP handed over to UN-ACT


def test_sources_are_package_references():
    package = data.package()
    res = data.resource("organisation_activities")
    for source in res["sources"]:
        assert source["reference"] in package["references"]
        assert source["title"] == package["references"][source["reference"]]
    assert set(data.load("organisation_activities")["source"]) <= {
        s["reference"] for s in res["sources"]
    }

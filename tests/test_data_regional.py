"""Checks of the regional / national data resources (Southeast Asia, ASEAN, Indonesia).

The expected seed values below were typed in from a second reading of the seed papers
(the Indonesian text: "9,71" is 9.71, "1.720" is 1720), not copied from the CSV files, so a
transcription error in either place makes a test fail.
"""

from __future__ import annotations

import json
import math
import re

import pandas as pd
import pytest

from tipcourse import data
from tipcourse.paths import DATA

REGIONAL = [
    "sea_cases_2005_2011",
    "global_estimates",
    "country_roles",
    "legal_timeline",
    "indonesia_figures",
    "simfoni_ppa_cases",
    "indonesia_education_2021",
    "ilo_forced_labour_indicators",
    "c29_exceptions",
    "palermo_elements",
    "process_means_purpose",
    "trafficking_actors",
    "border_transit_points",
    "response_frameworks",
    "ilo_partnerships",
    "ilo_data_sources",
    "implementation_challenges",
    "institutions",
    "instrument_ratifications",
]


MP = "million persons"


def _key(value):
    """Cell value as a dict key: missing cells (NaN / NA) become None."""
    return None if pd.isna(value) else value


def assert_same_values(got: dict, expected: dict):
    """The same keys, and every value equal (as floats) to the typed-in one."""
    assert set(got) == set(expected), set(got) ^ set(expected)
    for key, value in expected.items():
        assert math.isclose(got[key], value, abs_tol=1e-9), key


@pytest.mark.parametrize("name", REGIONAL)
def test_resource_loads_and_is_not_empty(name):
    frame = data.load(name)
    assert len(frame) > 0


# ----------------------------------------------------------------------------- (a) seed values
# Seed 000, Tabel 1.1 "Jumlah kasus Human Trafficking di Asia Tenggara periode 2005-2011 (ILO)".
SEA_CASES = {2005: 303, 2006: 501, 2007: 2301, 2008: 3144, 2009: 3860, 2010: 2298, 2011: 1639}


def test_sea_cases_as_printed():
    frame = data.load("sea_cases_2005_2011")
    assert dict(zip(frame["year"], frame["value_as_printed"], strict=True)) == SEA_CASES
    assert (frame["value_if_thousands"] == frame["value_as_printed"] * 1000).all()
    assert frame["unit_as_printed"].str.contains("1000").all()


# Seed 004: SIMFONI PPA, children 86 / 181 / 230 and adults 104 / 200 / 173 in 2019 / 2020 / 2021.
SIMFONI = {
    (2019, "children"): 86,
    (2020, "children"): 181,
    (2021, "children"): 230,
    (2019, "adults"): 104,
    (2020, "adults"): 200,
    (2021, "adults"): 173,
}


def test_simfoni_ppa_cases_as_printed():
    frame = data.load("simfoni_ppa_cases")
    got = {(int(r.year), r.age_group): int(r.cases) for r in frame.itertuples()}
    assert got == SIMFONI
    assert set(frame["source"]) == {"paper_iom"}


# (indicator, period, group) -> (value, unit, source paper)
INDONESIA = {
    # seed 003: "9,71% atau 26,5 juta" (Sept 2021); IDEAS "10,81% ... 29,3 juta" (2022); Dukcapil "272,23 juta jiwa"
    ("poverty_rate", "2021-09", None): (9.71, "percent", "paper_intl_law"),
    ("poor_population", "2021-09", None): (26.5, "million persons", "paper_intl_law"),
    ("poverty_rate_projected", "2022", None): (10.81, "percent", "paper_intl_law"),
    ("poor_population_projected", "2022", None): (29.3, "million persons", "paper_intl_law"),
    ("population_total", "2021-06", None): (272.23, "million persons", "paper_intl_law"),
    # seed 003: Susenas "1,71% atau 2,96 juta" (2020), "1,78% atau 3,08 juta" (2019)
    ("illiteracy_rate", "2020", None): (1.71, "percent", "paper_intl_law"),
    ("illiterate_population", "2020", None): (2.96, "million persons", "paper_intl_law"),
    ("illiteracy_rate", "2019", None): (1.78, "percent", "paper_intl_law"),
    ("illiterate_population", "2019", None): (3.08, "million persons", "paper_intl_law"),
    # seed 004: LPSK "1720 laporan permohonan dimana 140 permohonan" (2016)
    ("lpsk_applications", "2016", None): (1720, "applications", "paper_iom"),
    ("lpsk_applications_trafficking", "2016", None): (140, "applications", "paper_iom"),
    # seed 004: "3.840 korban ... 90 persen merupakan perempuan, dan 56 persen ... pekerja rumah tangga";
    # "82 persen korban yang diidentifikasi pada tahun 2010 telah diperdagangkan di luar negeri"
    ("identified_returning_victims", None, None): (3840, "persons", "paper_iom"),
    ("identified_returning_victims_share", None, "women"): (90, "percent", "paper_iom"),
    ("identified_returning_victims_share", None, "domestic_workers"): (56, "percent", "paper_iom"),
    ("identified_victims_trafficked_abroad_share", "2010", None): (82, "percent", "paper_iom"),
    # seed 004: "43 hingga 50 persen tenaga kerja migran atau sekitar 3 hingga 4,5 juta orang"
    ("migrant_workers_indicated_as_victims_share_low", None, "migrant_workers"): (
        43,
        "percent",
        "paper_iom",
    ),
    ("migrant_workers_indicated_as_victims_share_high", None, "migrant_workers"): (
        50,
        "percent",
        "paper_iom",
    ),
    ("migrant_workers_indicated_as_victims_low", None, "migrant_workers"): (
        3,
        "million persons",
        "paper_iom",
    ),
    ("migrant_workers_indicated_as_victims_high", None, "migrant_workers"): (
        4.5,
        "million persons",
        "paper_iom",
    ),
    # seed 004: GSI 2014 "sekitar 700.000 ... sekitar 11,3 persen dari jumlah pekerja migran"; "33 provinsi"
    ("gsi_2014_victims_share_of_migrant_workers", "2014", None): (11.3, "percent", "paper_iom"),
    ("provinces_source_and_destination", None, None): (33, "provinces", "paper_iom"),
    # seed 004: GT PP-TPPO 2015-2019 "2.648 korban ... 88% ... perempuan dan 12 % laki-laki"
    ("gt_pp_tppo_identified_victims", "2015-2019", None): (2648, "persons", "paper_iom"),
    ("gt_pp_tppo_identified_victims_share", "2015-2019", "women"): (88, "percent", "paper_iom"),
    ("gt_pp_tppo_identified_victims_share", "2015-2019", "men"): (12, "percent", "paper_iom"),
    # seed 004: "2017 hingga 2022 terdapat 2.605 kasus TPPO ... 46,14% melibatkan perempuan"; "50% ... anak-anak"
    ("tppo_cases", "2017-2022", None): (2605, "cases", "paper_iom"),
    ("tppo_cases_share", "2017-2022", "women"): (46.14, "percent", "paper_iom"),
    ("tppo_cases_share", "2017-2022", "children"): (50, "percent", "paper_iom"),
    # seed 004: IOM "161 jaksa" (since 2015), "154 korban" (2020), "dua kasus TIP lintas laut ... 87 korban"
    ("prosecutors_trained_by_iom", "since 2015", None): (161, "persons", "paper_iom"),
    ("victims_assisted_by_iom", "2020", None): (154, "persons", "paper_iom"),
    ("sea_trafficking_cases_assisted_by_iom", None, None): (2, "cases", "paper_iom"),
    ("sea_trafficking_victims_assisted_by_iom", None, None): (87, "persons", "paper_iom"),
    # seed 001 (Bappenas 2017): "sekitar 100.000 perempuan dan anak-anak"; "30% anak perempuan"; "40.000-70.000 anak"
    ("women_children_trafficked_sexual_exploitation", None, "women_and_children"): (
        100000,
        "persons",
        "paper_asean",
    ),
    ("girls_in_prostitution_under_18_share", None, "children"): (30, "percent", "paper_asean"),
    ("children_sexual_exploitation_victims_low", None, "children"): (
        40000,
        "persons",
        "paper_asean",
    ),
    ("children_sexual_exploitation_victims_high", None, "children"): (
        70000,
        "persons",
        "paper_asean",
    ),
}


def test_indonesia_figures_every_row_matches_the_papers():
    frame = data.load("indonesia_figures")
    got = {
        (r.indicator, _key(r.period), _key(r.group)): (r.value, r.unit, r.source)
        for r in frame.itertuples()
    }
    assert set(got) == set(INDONESIA), set(got) ^ set(INDONESIA)
    for key, (value, unit, source) in INDONESIA.items():
        assert math.isclose(got[key][0], value, rel_tol=0, abs_tol=1e-9), key
        assert got[key][1:] == (unit, source), key


def test_indonesia_figures_periods_agree_with_years():
    frame = data.load("indonesia_figures")
    for r in frame.itertuples():
        period = _key(r.period)
        if period and re.fullmatch(r"\d{4}(-\d{2})?", period):
            assert r.year_start == r.year_end == int(period[:4]), r.indicator
        if period and re.fullmatch(r"\d{4}-\d{4}", period):
            assert (r.year_start, r.year_end) == (int(period[:4]), int(period[5:])), r.indicator


# Seed 003 (Dukcapil, June 2021): S3 "0,02% atau 59.190", S2 "0,03% atau 822.470", S1 "4,25% atau 11,58 juta",
# D3 "1,27% atau 3,46 juta", higher education "16,7% atau 17,08 juta", SLTA "20,63% atau 56,15 juta",
# SLTP "14,57% atau 39,67 juta", no schooling "23,32% atau 63,49 juta".
EDUCATION = {
    ("doctorate", "percent"): 0.02,
    ("doctorate", "persons"): 59190,
    ("master", "percent"): 0.03,
    ("master", "persons"): 822470,
    ("bachelor", "percent"): 4.25,
    ("bachelor", "million persons"): 11.58,
    ("diploma_3", "percent"): 1.27,
    ("diploma_3", "million persons"): 3.46,
    ("higher_education_total", "percent"): 16.7,
    ("higher_education_total", "million persons"): 17.08,
    ("senior_secondary", "percent"): 20.63,
    ("senior_secondary", "million persons"): 56.15,
    ("junior_secondary", "percent"): 14.57,
    ("junior_secondary", "million persons"): 39.67,
    ("no_schooling", "percent"): 23.32,
    ("no_schooling", "million persons"): 63.49,
}


def test_education_2021_as_printed():
    frame = data.load("indonesia_education_2021")
    got = {(r.level, r.unit): r.value for r in frame.itertuples()}
    assert_same_values(got, EDUCATION)


def test_education_inconsistencies_are_real_and_documented():
    """The two misprints named in the caveats exist in the data as printed."""
    population = 272.23e6
    frame = data.load("indonesia_education_2021")
    got = {(r.level, r.unit): r.value for r in frame.itertuples()}
    master_share = 100 * got[("master", "persons")] / population
    assert abs(master_share - got[("master", "percent")]) > 0.2  # 0.30% vs 0.03% printed
    tertiary_share = 100 * got[("higher_education_total", "million persons")] * 1e6 / population
    assert (
        abs(tertiary_share - got[("higher_education_total", "percent")]) > 10
    )  # 6.27% vs 16.7% printed
    caveats = " ".join(data.caveats("indonesia_education_2021"))
    assert "0.03%" in caveats and "16.7%" in caveats


# Seed rows of global_estimates: (scope, category, unit, source) -> value, from the seeds' text:
# seed 002: "49,6 juta", "27,6 juta", "17,3 juta", "6,3 juta", "3,9 juta"; Asia-Pasifik "11 juta", three per thousand;
# seed 001: "sekitar 40 juta"; "lebih dari $150 miliar per tahun"; "dua pertiga ... atau 25 juta orang" (East Asia and
#   Pacific); IOM "sekitar 200.000 orang"; Global Slavery Index "3,8 juta" in ASEAN;
# seed 000: IOM 2010 "sekitar 200.000 orang lebih"; "hampir 2 juta kasus" a year; "4jutaan kasus" in 5 years;
#   "lebih dari 400 ribu kasus" forced labour in Indonesia;
# seed 004: Global Slavery Index 2014 "sekitar 700.000" in Indonesia.
GLOBAL_SEED = {
    ("world", "modern_slavery", "million persons", "thesis_ntt_2024"): 49.6,
    ("world", "forced_labour", "million persons", "thesis_ntt_2024"): 27.6,
    ("world", "forced_labour_private", "million persons", "thesis_ntt_2024"): 17.3,
    ("world", "forced_commercial_sexual_exploitation", "million persons", "thesis_ntt_2024"): 6.3,
    ("world", "forced_labour_state", "million persons", "thesis_ntt_2024"): 3.9,
    ("asia_pacific", "labour_trafficking", "million persons", "thesis_ntt_2024"): 11,
    ("asia_pacific", "labour_trafficking", "per_1000", "thesis_ntt_2024"): 3,
    ("world", "modern_slavery", "million persons", "paper_asean"): 40,
    ("world", "profits", "billion_usd_per_year", "paper_asean"): 150,
    ("east_asia_pacific", "modern_slavery", "million persons", "paper_asean"): 25,
    ("southeast_asia", "victims_iom", "persons", "paper_asean"): 200000,
    ("asean", "modern_slavery", "million persons", "paper_asean"): 3.8,
    ("southeast_asia", "victims_iom", "persons", "paper_ilo_sea"): 200000,
    ("southeast_asia", "reported_cases_per_year", "million cases", "paper_ilo_sea"): 2,
    ("southeast_asia", "reported_cases_5_years", "million cases", "paper_ilo_sea"): 4,
    ("indonesia", "forced_labour_cases", "cases", "paper_ilo_sea"): 400000,
    ("indonesia", "modern_slavery", "persons", "paper_iom"): 700000,
}


def test_global_estimates_seed_rows_match_the_papers():
    frame = data.load("global_estimates")
    seed = frame[frame["status"] == "as_printed_in_paper"]
    got = {(r.scope, r.category, r.unit, r.source): r.value for r in seed.itertuples()}
    assert len(got) == len(seed)  # no two seed rows share a key
    assert_same_values(got, GLOBAL_SEED)


def test_gsi_2014_figure_is_attributed_to_seed_004_not_003():
    frame = data.load("global_estimates")
    rows = frame[frame["edition"].str.contains("GSI 2014")]
    assert list(rows["source"]) == ["paper_iom"]


# ----------------------------------------------------------------------------- (b) checked figures
# Checked figures: 2021 global estimates and Asia-Pacific; 2017 edition; ILO 2005 and 2012.
CHECKED = {
    ("GEMS 2022", "world", "modern_slavery", "million persons"): 49.6,
    ("GEMS 2022", "world", "forced_labour", "million persons"): 27.6,
    ("GEMS 2022", "world", "forced_labour_private", "million persons"): 17.3,
    ("GEMS 2022", "world", "forced_commercial_sexual_exploitation", "million persons"): 6.3,
    ("GEMS 2022", "world", "forced_labour_state", "million persons"): 3.9,
    ("GEMS 2022", "world", "forced_marriage", "million persons"): 22,
    ("GEMS 2022", "asia_pacific", "forced_labour", "million persons"): 15.1,
    ("GEMS 2022", "asia_pacific", "forced_labour", "per_1000"): 3.5,
    ("GEMS 2022", "asia_pacific", "forced_marriage", "million persons"): 14.2,
    ("GEMS 2022", "asia_pacific", "modern_slavery", "million persons"): 29.3,
    ("GEMS 2017", "world", "modern_slavery", "million persons"): 40.3,
    ("GEMS 2017", "world", "forced_labour", "million persons"): 24.9,
    ("GEMS 2017", "world", "forced_marriage", "million persons"): 15.4,
    ("ILO 2005", "world", "forced_labour", "million persons"): 12.3,
    ("ILO 2005", "asia_pacific", "forced_labour", "million persons"): 9.5,
    ("ILO 2012", "world", "forced_labour", "million persons"): 20.9,
    ("ILO 2012", "asia_pacific", "forced_labour", "million persons"): 11.7,
    ("GSI 2023", "indonesia", "modern_slavery", "million persons"): 1.83,
    # ILO profits estimates: 2014 (US$150 billion, Asia-Pacific 51.8) and 2024 (US$236 billion
    # for 2021, Asia-Pacific 62), as the ILO's press releases and the launch reports give them.
    ("ILO 2014", "world", "profits", "billion_usd_per_year"): 150,
    ("ILO 2014", "asia_pacific", "profits", "billion_usd_per_year"): 51.8,
    ("ILO 2024", "world", "profits", "billion_usd_per_year"): 236,
    ("ILO 2024", "asia_pacific", "profits", "billion_usd_per_year"): 62,
}


def _checked():
    frame = data.load("global_estimates")
    checked = frame[frame["status"] == "checked"]
    return {(r.edition, r.scope, r.category, r.unit): r.value for r in checked.itertuples()}


def test_checked_figures_are_the_facts_md_values():
    got = _checked()
    assert_same_values(got, CHECKED)


def test_2021_global_estimates_add_up_within_rounding():
    got = _checked()
    world = {k[2]: v for k, v in got.items() if k[0] == "GEMS 2022" and k[1] == "world"}
    assert math.isclose(
        world["forced_labour"] + world["forced_marriage"], world["modern_slavery"], abs_tol=0.05
    )
    parts = (
        world["forced_labour_private"]
        + world["forced_commercial_sexual_exploitation"]
        + world["forced_labour_state"]
    )
    assert math.isclose(parts, world["forced_labour"], abs_tol=0.15)  # 27.5 vs 27.6: rounding
    ap = {
        k[2]: v
        for k, v in got.items()
        if k[0] == "GEMS 2022" and k[1] == "asia_pacific" and k[3] == "million persons"
    }
    assert math.isclose(
        ap["forced_labour"] + ap["forced_marriage"], ap["modern_slavery"], abs_tol=0.05
    )
    old = {k[2]: v for k, v in got.items() if k[0] == "GEMS 2017"}
    assert math.isclose(
        old["forced_labour"] + old["forced_marriage"], old["modern_slavery"], abs_tol=0.05
    )


def test_seed_002_asia_pacific_figure_differs_from_2021_report():
    got = _checked()
    frame = data.load("global_estimates")
    seed = frame[
        (frame["source"] == "thesis_ntt_2024")
        & (frame["scope"] == "asia_pacific")
        & (frame["unit"] == MP)
    ]
    assert seed["value"].iloc[0] != got[("GEMS 2022", "asia_pacific", "forced_labour", MP)]
    assert abs(seed["value"].iloc[0] - got[("ILO 2012", "asia_pacific", "forced_labour", MP)]) < 1


# ----------------------------------------------------------------------------- (c) reference tables
def test_ilo_indicators_are_the_eleven():
    frame = data.load("ilo_forced_labour_indicators").sort_values("number")
    assert list(frame["number"]) == list(range(1, 12))
    assert list(frame["indicator_id"]) == [
        "abuse_of_vulnerability",
        "deception",
        "restriction_of_movement",
        "isolation",
        "physical_and_sexual_violence",
        "intimidation_and_threats",
        "retention_of_identity_documents",
        "withholding_of_wages",
        "debt_bondage",
        "abusive_working_and_living_conditions",
        "excessive_overtime",
    ]


def test_c29_exceptions_are_the_five():
    frame = data.load("c29_exceptions")
    assert dict(zip(frame["letter"], frame["exception_id"], strict=True)) == {
        "a": "military_service",
        "b": "civic_obligation",
        "c": "prison_labour",
        "d": "emergency",
        "e": "communal_service",
    }


def test_palermo_elements_have_the_exact_value_ids():
    frame = data.load("palermo_elements")
    by_element = {e: list(g["value_id"]) for e, g in frame.groupby("element", sort=False)}
    assert by_element == {
        "act": ["recruitment", "transportation", "transfer", "harbouring", "receipt"],
        "means": [
            "threat",
            "force",
            "coercion",
            "abduction",
            "fraud",
            "deception",
            "abuse_of_power",
            "abuse_of_vulnerability",
            "payments",
        ],
        "purpose": [
            "sexual_exploitation",
            "forced_labour",
            "slavery",
            "servitude",
            "organ_removal",
        ],
    }


ART_3A = (
    "“Trafficking in persons” shall mean the recruitment, transportation, transfer, harbouring or receipt of "
    "persons, by means of the threat or use of force or other forms of coercion, of abduction, of fraud, of "
    "deception, of the abuse of power or of a position of vulnerability or of the giving or receiving of payments "
    "or benefits to achieve the consent of a person having control over another person, for the purpose of "
    "exploitation. Exploitation shall include, at a minimum, the exploitation of the prostitution of others or "
    "other forms of sexual exploitation, forced labour or services, slavery or practices similar to slavery, "
    "servitude or the removal of organs"
)


def test_palermo_wording_is_quoted_from_article_3a():
    frame = data.load("palermo_elements")
    for wording in frame["protocol_wording"]:
        for fragment in wording.split("[...]"):
            fragment = fragment.strip().replace("[the abuse] ", "")
            assert fragment in ART_3A, wording


def test_process_means_purpose_table_of_seed_004():
    frame = data.load("process_means_purpose")
    cols = {c: list(g.sort_values("order")["item_as_printed"]) for c, g in frame.groupby("column")}
    assert cols["process"] == [
        "Perekrutan",
        "Pengiriman",
        "Pemindahan",
        "Penampungan",
        "Penerimaan",
    ]
    assert cols["means"] == [
        "Ancaman",
        "Pemaksaan",
        "Penculikan",
        "Penipuan",
        "Kebohongan",
        "Kecurangan",
        "Penyalahgunaan Kekuasaan",
    ]
    assert len(cols["purpose"]) == 4 and cols["purpose"][2].startswith("Kerja paksa")


def test_trafficking_actors_chain():
    frame = data.load("trafficking_actors")
    assert list(frame["actor_id"]) == [
        "trafficker",
        "broker",
        "recruiter",
        "buyer",
        "other_parties",
    ]
    assert "calo" in frame.set_index("actor_id").loc["broker", "indonesian_term"]


def test_border_transit_points_are_the_ten_of_seed_004():
    frame = data.load("border_transit_points")
    assert list(frame["place"]) == [
        "Medan",
        "Tanjung Balai Karimun",
        "Dumai",
        "Entikong",
        "Tanjung Pinang",
        "Pontianak",
        "Batam",
        "Tarakan",
        "Nunukan",
        "Bitung",
    ]
    assert frame["province"].notna().all()


def test_response_frameworks_components():
    frame = data.load("response_frameworks")
    comps = {f: list(g.sort_values("order")["component"]) for f, g in frame.groupby("framework")}
    assert set(comps["3p"]) == {"prosecution", "protection", "prevention"}
    assert comps["four_approaches"] == ["prevention", "protection", "prosecution", "reintegration"]
    assert comps["five_pillars"] == [
        "prosecution",
        "protection",
        "prevention",
        "national_coordination_and_cooperation",
        "international_cooperation_and_coordination",
    ]


def test_other_reference_tables_have_the_expected_ids():
    assert list(data.load("implementation_challenges")["challenge_id"]) == [
        "coordination",
        "impunity_and_stigma",
        "public_awareness",
        "resources",
    ]
    assert set(data.load("institutions")["acronym"]) == {
        "LPSK",
        "KemenPPPA",
        "BP2MI",
        "KP2MI",
        "Bareskrim Polri",
        "PPATK",
        "GT PP-TPPO",
        "Badiklat Kejaksaan",
        "AMPERA NTT",
        "Kejaksaan",
        "Satgas TPPO Polri",
        "BP3MI NTT",
    }
    assert set(data.load("ilo_data_sources")["name"]) == {
        "ILOSTAT",
        "KILM",
        "NORMLEX",
        "Labour force surveys",
        "SAKERNAS",
    }
    partners = data.load("ilo_partnerships")
    assert dict(
        zip(
            partners["partner"] + " " + partners["start_year"].astype(str),
            partners["start_year"],
            strict=True,
        )
    ) == {
        "UNIAP 2000": 2000,
        "ILO-TICW with UNIAP 2006": 2006,
        "UNODC 2011": 2011,
        "UNODC 2015": 2015,
        "ASEAN (AFML) 2008": 2008,
    }


def test_country_roles_as_seeds_state_them():
    frame = data.load("country_roles")
    pairs = set(zip(frame["country"], frame["role"], strict=True))
    assert {
        ("Laos", "source"),
        ("Cambodia", "source"),
        ("Thailand", "source"),
        ("Indonesia", "source"),
        ("Malaysia", "destination"),
        ("Philippines", "source"),
        ("Philippines", "transit"),
        ("Myanmar", "source"),
        ("Indonesia", "transit"),
        ("Indonesia", "destination"),
    } <= pairs
    assert ("Philippines", "destination") not in pairs
    brunei = frame[frame["country"] == "Brunei"]["note"].str.cat()
    assert "fewest" in brunei


# ----------------------------------------------------------------------------- legal timeline
def test_legal_timeline_required_entries_and_status():
    frame = data.load("legal_timeline")
    assert (frame["year"] == frame["date"].str[:4].astype(int)).all()
    by_number = {
        n: r
        for n, r in zip(frame["law_number"], frame.itertuples(), strict=True)
        if isinstance(n, str)
    }
    for number in [
        "C29",
        "C105",
        "P029",
        "Law 7/1984",
        "Law 13/2003",
        "Law 39/2004",
        "Law 21/2007",
        "Perpres 69/2008",
        "Law 5/2009",
        "Law 14/2009",
        "Law 15/2009",
        "Law 6/2011",
        "Law 12/2017",
        "Law 18/2017",
        "Perpres 22/2021",
        "Perpres 49/2023",
        "Keppres 36/1990",
        "GA res. 55/25, annex II",
    ]:
        assert number in by_number, number
    confirmed_by_sources = [
        "Law 21/2007",
        "Perpres 69/2008",
        "Law 5/2009",
        "Law 15/2009",
        "Law 12/2017",
        "Law 18/2017",
        "Perpres 22/2021",
        "Perpres 49/2023",
        "P029",
    ]
    for number in confirmed_by_sources:
        assert by_number[number].verification == "confirmed", number
    assert by_number["Law 14/2009"].verification == "confirmed"
    garbled = frame[frame["verification"] == "garbled_in_paper"]
    assert garbled["law_number"].str.contains("Topik 5 2009").any()
    assert by_number["P029"].date == "2014-06-11"
    actip = frame[
        frame["instrument"].str.contains("ACTIP") & frame["instrument"].str.contains("signed")
    ]
    assert list(actip["date"]) == ["2015-11-21"]
    assert frame["instrument"].str.contains("United Arab Emirates").any()
    assert frame["instrument"].str.contains("Plan of Action").any()
    afml = frame[frame["instrument"].str.contains("Forum on Migrant Labour")]
    assert set(afml["date"]) == {"2008", "2010-07"}
    law21 = by_number["Law 21/2007"].note
    assert "3 to 15 years" in law21 and "Rp120 million to Rp600 million" in law21


# Issue on the verification sources: the rows as the sources checked give them. C105 (NORMLEX:
# adopted 25 June 1957); the Bali Process (first ministerial conference, Bali, 26-28 February
# 2002, co-chaired by Indonesia and Australia); the AFML (held every year since 2008); Law
# 14/2009 (number in the law's own text); Perpres 49/2023 (signed 10 August 2023; chairs, daily
# chair, secretariat in Polri under Art. 11(2), 19 to 24 members by Tirto's count).
def test_legal_timeline_rows_checked_against_sources():
    frame = data.load("legal_timeline")
    refs = data.package()["references"]
    by_number = {
        n: r
        for n, r in zip(frame["law_number"], frame.itertuples(), strict=True)
        if isinstance(n, str)
    }
    c105 = by_number["C105"]
    assert c105.date == "1957-06-25" and c105.year == 1957
    assert "25 June 1957" in c105.note and "ilo_c105_1957" in c105.note
    bali = frame[frame["instrument"].str.startswith("Bali Process")].iloc[0]
    assert (bali["date"], bali["verification"]) == ("2002-02-26", "confirmed")
    assert "26-28 February 2002" in bali["note"] and "Indonesia and Australia" in bali["note"]
    afml = frame[frame["instrument"] == "ASEAN Forum on Migrant Labour (AFML) begins"].iloc[0]
    assert afml["verification"] == "confirmed" and "un_migration_network_afml" in afml["note"]
    law14 = by_number["Law 14/2009"]
    assert law14.verification == "confirmed" and "law_14_2009" in law14.note
    assert "Nomor 14 Tahun 2009" in refs["law_14_2009"]
    assert "unverified" not in refs["law_14_2009"].lower()
    assert by_number["Law 13/2003"].verification == "confirmed"
    perpres = by_number["Perpres 49/2023"]
    assert perpres.date == "2023-08-10" and perpres.year == 2023
    for phrase in [
        "Political, Legal and Security Affairs",
        "Human Development and Culture",
        "Kapolri",
        "Art. 11(2)",
        "19 to 24",
        "TNI",
        "PPATK",
        "BP2MI",
    ]:
        assert phrase in perpres.what_it_does, phrase
    assert "tirto_2023_perpres_49" in perpres.note
    assert "Perubahan Kedua" in refs["perpres_49_2023"]
    law39 = by_number["Law 39/2004"].note
    assert "law_18_2017" in law39 and "ilo_natlex_law_18_2017" in law39


REFERENCE_KEY = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def test_legal_timeline_notes_cite_listed_references():
    frame = data.load("legal_timeline")
    references = data.package()["references"]
    cited = set()
    for note in frame["note"].dropna():
        cited |= set(REFERENCE_KEY.findall(note))
    assert len(cited) > 20
    assert cited <= set(references), cited - set(references)
    listed = {s["reference"] for s in data.resource("legal_timeline")["sources"]}
    assert cited <= listed | set(frame["source"]), cited - listed


def test_task_force_institutions_after_perpres_49_2023():
    institutions = data.load("institutions").set_index("acronym")
    kemenpppa = institutions.loc["KemenPPPA", "role"]
    assert "Perpres 49/2023" in kemenpppa and "Polri" in kemenpppa
    assert "acts as secretariat" not in kemenpppa  # no longer the secretariat
    task_force = institutions.loc["GT PP-TPPO", "role"]
    assert "Perpres 49/2023" in task_force and "daily chair" in task_force


def test_unverified_estimates_say_so():
    frame = data.load("global_estimates")
    gsi_2016 = frame[(frame["edition"] == "GSI 2016") & (frame["scope"] == "southeast_asia")]
    assert gsi_2016["note"].iloc[0].startswith("Contradicted")
    ilo_2005 = frame[(frame["edition"] == "ILO 2005") & (frame["scope"] == "asia_pacific")]
    assert "worldpress_2005_ilo" in ilo_2005["note"].iloc[0]
    assert "ilo_asia_forced_labour_page" in " ".join(data.caveats("global_estimates"))


# ----------------------------------------------------------------------------- (d) sources and references
def test_every_source_is_a_reference_key():
    package = data.package()
    references = package["references"]
    for name in REGIONAL:
        frame = data.load(name)
        if "source" in frame:
            missing = set(frame["source"]) - set(references)
            assert not missing, (name, missing)
        for src in data.resource(name)["sources"]:
            assert src["reference"] in references, (name, src["reference"])


def test_own_references_are_full_and_private_details_absent():
    references = data.package()["references"]
    own = [
        "paper_ilo_sea",
        "paper_asean",
        "paper_intl_law",
        "paper_iom",
        "ilo_walkfree_iom_2022",
        "ilo_walkfree_2017",
        "ilo_2005",
        "ilo_2012",
        "ilo_sapfl_2012",
        "palermo_protocol_2000",
        "ilo_c29_1930",
        "gsi_2016",
        "gsi_2023",
        "law_21_2007",
    ]
    for key in own:
        assert isinstance(references.get(key), str) and len(references[key]) > 40, key
    assert "Saragih" in references["paper_iom"]
    texts = [references[k] for k in own]
    for name in REGIONAL:
        frame = data.load(name)
        texts += [str(v) for v in frame.astype(str).to_numpy().ravel()]
    for text in texts:
        assert "@" not in text and "NIDN" not in text and "NIM:" not in text, text[:80]


# ----------------------------------------------------------------------------- the law since 2000, current to 2026
# Rows added or corrected for issues 14 and 15, with the verification status their sources give:
# a row's status is 'partly_confirmed' where only part of it could be read in a primary source
# (e.g. a regulation's number known from one secondary summary).
def _by_number(frame):
    return {
        n: r
        for n, r in zip(frame["law_number"], frame.itertuples(), strict=True)
        if isinstance(n, str)
    }


def _by_instrument(frame, start):
    rows = frame[frame["instrument"].str.startswith(start)]
    assert len(rows) == 1, start
    return rows.iloc[0]


def test_verification_vocabulary_has_partly_confirmed():
    from tipcourse import timeline

    enum = next(
        f["constraints"]["enum"]
        for f in data.resource("legal_timeline")["schema"]["fields"]
        if f["name"] == "verification"
    )
    assert enum == list(timeline.VERIFICATION)
    assert "partly_confirmed" in enum
    assert set(timeline.VERIFICATION_LABELS) == set(timeline.VERIFICATION)
    assert timeline.VERIFICATION_LABELS["partly_confirmed"] == "partly confirmed"


NEW_NUMBERED_ROWS = {  # law_number -> (date, level, verification, source)
    "C182": ("1999-06-17", "international", "partly_confirmed", "ilo_c182_1999"),
    "Law 1/2000": ("2000-03-08", "national", "confirmed", "law_1_2000"),
    "Keppres 88/2002": ("2002", "national", "confirmed", "keppres_88_2002"),
    "Kepmenaker 260/2015": ("2015-07-01", "national", "confirmed", "kepmenaker_260_2015"),
    "PP 7/2018": ("2018", "national", "confirmed", "pp_7_2018"),
    "PERMA 1/2022": ("2022-02-25", "national", "confirmed", "perma_1_2022"),
    "Law 1/2023": ("2023-01-02", "national", "confirmed", "law_1_2023"),
    "Perpres 19/2023": ("2023-02-22", "national", "confirmed", "perpres_19_2023"),
    "Perpres 165/2024 and Perpres 166/2024": (
        "2024-10-21",
        "national",
        "partly_confirmed",
        "bp2mi_2024_minister",
    ),
    "Law 1/2023, Arts. 455 and 622": ("2026-01-02", "national", "confirmed", "law_1_2023"),
    "Law 1/2026": ("2026-01-02", "national", "partly_confirmed", "law_1_2026"),
}

NEW_UNNUMBERED_ROWS = {  # start of instrument -> (date, level, verification, source)
    "Supplementary Convention on the Abolition of Slavery": (
        "1956-09-07",
        "international",
        "confirmed",
        "untc_slavery_1956",
    ),
    "ASEAN Declaration against Trafficking in Persons Particularly Women and Children": (
        "2004-11-29",
        "regional",
        "partly_confirmed",
        "asean_decl_2004",
    ),
    "National Action Plan to Eradicate Trafficking in Persons 2015-2019": (
        "2015",
        "national",
        "partly_confirmed",
        "us_tip_2017",
    ),
    "ASEAN Consensus on the Protection and Promotion of the Rights of Migrant Workers": (
        "2017-11-14",
        "regional",
        "confirmed",
        "asean_consensus_2017",
    ),
    "ASEAN Leaders' Declaration on Combating Trafficking in Persons Caused by the Abuse": (
        "2023-05",
        "regional",
        "partly_confirmed",
        "vna_2023_labuan_bajo",
    ),
    "Presidential directive to restructure the trafficking task force": (
        "2023-05-30",
        "national",
        "confirmed",
        "setkab_2023_tppo_directive",
    ),
    "National police anti-trafficking task force (Satgas TPPO Polri)": (
        "2023-06-05",
        "national",
        "confirmed",
        "mistar_2023_satgas",
    ),
}


@pytest.mark.parametrize("number", NEW_NUMBERED_ROWS)
def test_new_timeline_rows_with_a_number(number):
    row = _by_number(data.load("legal_timeline"))[number]
    assert (row.date, row.level, row.verification, row.source) == NEW_NUMBERED_ROWS[number]
    assert row.year == int(row.date[:4])


@pytest.mark.parametrize("start", NEW_UNNUMBERED_ROWS)
def test_new_timeline_rows_without_a_number(start):
    row = _by_instrument(data.load("legal_timeline"), start)
    got = (row["date"], row["level"], row["verification"], row["source"])
    assert got == NEW_UNNUMBERED_ROWS[start]


def test_new_timeline_rows_say_what_the_sources_say():
    frame = data.load("legal_timeline")
    rows = _by_number(frame)
    ban = rows["Kepmenaker 260/2015"]
    assert "individual employers" in ban.what_it_does and "Keputusan" in ban.what_it_does
    assert "21" in ban.note and "19" in ban.note  # the two country counts, both reported
    kuhp = rows["Law 1/2023, Arts. 455 and 622"].what_it_does
    for phrase in [
        "Art. 622(1)(q)",
        "Art. 2 of Law 21/2007, and only that article",
        "Art. 455",
        "category IV to VII",
        "Rp200 million to Rp5 billion",
        "3 to 15 years",
        "within Indonesia",
    ]:
        assert phrase in kuhp, phrase
    assert "Art. 624" in rows["Law 1/2023"].what_it_does
    assert "Unverified" in rows["Law 1/2026"].note  # minimum sentences: not read in the law
    ministry = rows["Perpres 165/2024 and Perpres 166/2024"].what_it_does
    assert "21 October 2024" in ministry and "not abolished" in ministry
    assert "2020-2024" in rows["Perpres 19/2023"].instrument
    assert "1 March 2022" in rows["PERMA 1/2022"].note
    assert "through LPSK" in rows["PERMA 1/2022"].what_it_does
    assert "first Asian" in rows["Law 1/2000"].what_it_does
    assert "sale and trafficking of children" in rows["C182"].what_it_does
    directive = _by_instrument(frame, "Presidential directive")
    assert "not a numbered presidential instruction (Inpres)" in directive["what_it_does"]
    labuan_bajo = _by_instrument(frame, "ASEAN Leaders' Declaration")
    assert "Labuan Bajo" in labuan_bajo["what_it_does"] and "10 or 11 May" in labuan_bajo["note"]


def test_corrected_timeline_rows():
    frame = data.load("legal_timeline")
    actip = frame[frame["instrument"] == "ACTIP enters into force"].iloc[0]
    assert (actip["date"], actip["year"], actip["verification"]) == (
        "2017-03-08",
        2017,
        "confirmed",
    )
    assert "8 March 2017" in actip["note"] and "asean2017_bohol_actip" in actip["note"]
    plan = frame[frame["instrument"] == "National Action Plan against trafficking (RAN PTPPO)"]
    plan = plan.iloc[0]
    assert plan["verification"] == "partly_confirmed"
    assert plan["law_number"] == "Permenko Kesra 25/KEP/MENKO/KESRA/IX/2009"
    assert "Perpres 19/2023" in plan["note"] and "a newer plan was drawn up" not in plan["note"]
    law21 = _by_number(frame)["Law 21/2007"].note
    assert "3 to 15 years" in law21 and "Rp120 million to Rp600 million" in law21
    assert "Art. 622(1)(q)" in law21 and "2 January 2026" in law21
    caveats = " ".join(data.caveats("legal_timeline"))
    assert "Art. 455" in caveats and "Rp200 million to Rp5 billion" in caveats


# ----------------------------------------------------------------------------- instrument ratifications
RATIFICATIONS = {  # instrument_id -> (indonesia_status, indonesia_instrument, indonesia_date, verification)
    "slavery_supplementary_1956": ("not ratified", None, None, "partly_confirmed"),
    "ilo_c029": ("ratified", None, "1950", "confirmed"),
    "ilo_c105": ("ratified", "Law 19/1999", "1999-06-07", "confirmed"),
    "ilo_c111": ("ratified", "Law 21/1999", "1999-06-07", "confirmed"),
    "ilo_c138": ("ratified", "Law 20/1999", "1999", "confirmed"),
    "ilo_mlc_2006": ("ratified", "Law 15/2016", "2016", "partly_confirmed"),
    "ilo_c118": ("not ratified", None, None, "unverified"),
    "ilo_c182": ("ratified", "Law 1/2000", "2000-03-08", "confirmed"),
    "ilo_c189": ("not ratified", None, None, "confirmed"),
    "ilo_c188": ("not ratified", None, None, "confirmed"),
    "ilo_c097": ("not ratified", None, None, "partly_confirmed"),
    "ilo_c143": ("not ratified", None, None, "partly_confirmed"),
    "ilo_c181": ("not ratified", None, None, "partly_confirmed"),
    "ilo_p029": ("not ratified", None, None, "confirmed"),
    "un_tip_protocol": ("ratified", "Law 14/2009", "2009", "confirmed"),
    "un_smuggling_protocol": ("ratified", "Law 15/2009", "2009", "confirmed"),
    "untoc": ("ratified", "Law 5/2009", "2009", "confirmed"),
    "actip": ("ratified", "Law 12/2017", "2017", "partly_confirmed"),
    "cedaw": ("ratified", "Law 7/1984", "1984-07-24", "confirmed"),
    "crc": ("ratified", "Keppres 36/1990", "1990", "confirmed"),
    "icrmw": ("ratified", "Law 6/2012", "2012-05-02", "confirmed"),
}

ADOPTED = {
    "slavery_supplementary_1956": "1956-09-07",
    "ilo_c029": "1930-06-28",
    "ilo_c105": "1957-06-25",
    "ilo_c138": "1973-06-26",
    "ilo_c182": "1999-06-17",
    "ilo_c188": "2007-06-14",
    "ilo_p029": "2014-06-11",
    "un_tip_protocol": "2000-11-15",
    "actip": "2015-11-21",
    "icrmw": "1990-12-18",
}


def test_instrument_ratifications_as_the_sources_give_them():
    frame = data.load("instrument_ratifications").set_index("instrument_id")
    got = {
        i: (
            r.indonesia_status,
            _key(r.indonesia_instrument),
            _key(r.indonesia_date),
            r.verification,
        )
        for i, r in frame.iterrows()
    }
    assert got == RATIFICATIONS
    assert {i: frame.loc[i, "adopted"] for i in ADOPTED} == ADOPTED
    notes = frame["note"]
    assert "2026" in notes["ilo_c188"] and "30 September 2025" in notes["ilo_c188"]
    assert "RUU PPRT" in notes["ilo_c189"] and "5 March 2026" in notes["ilo_c189"]
    assert "1933" in notes["ilo_c029"]  # the Netherlands Indies date some sources give
    assert "first Asian" in notes["ilo_c182"]


def test_ratifications_agree_with_the_timeline():
    frame = data.load("instrument_ratifications")
    numbers = set(data.load("legal_timeline")["law_number"].dropna())
    for row in frame.itertuples():
        if row.indonesia_status == "not ratified":
            assert pd.isna(row.indonesia_instrument) and pd.isna(row.indonesia_date)
        elif row.instrument_id not in (  # no timeline row for these
            "ilo_c029",
            "ilo_c105",
            "ilo_c111",
            "ilo_c138",
            "ilo_mlc_2006",
        ):
            assert row.indonesia_instrument in numbers, row.instrument_id


# ----------------------------------------------------------------------------- notes cite listed references
NOTED = ["instrument_ratifications", "institutions", "ntt_responses", "organisation_activities"]


@pytest.mark.parametrize("name", NOTED)
def test_notes_cite_references_listed_with_the_resource(name):
    references = data.package()["references"]
    resource = data.resource(name)
    allowed = (
        set(references)
        | {r["name"] for r in data.package()["resources"]}
        | {f["name"] for f in resource["schema"]["fields"]}
    )
    frame = data.load(name)
    cited = set()
    for note in frame["note"].dropna():
        cited |= set(REFERENCE_KEY.findall(note))
    assert cited <= allowed, cited - allowed
    listed = {s["reference"] for s in resource["sources"]}
    assert (cited & set(references)) <= listed, (cited & set(references)) - listed
    assert set(frame["source"]) <= listed


# ----------------------------------------------------------------------------- estimates of profits; GSI 2016
def test_ilo_profit_estimates():
    frame = data.load("global_estimates")
    profits = frame[(frame["category"] == "profits") & (frame["status"] == "checked")]
    latest = profits[(profits["edition"] == "ILO 2024") & (profits["scope"] == "world")].iloc[0]
    assert (latest["value"], latest["data_year"], latest["unit"]) == (
        236,
        2021,
        "billion_usd_per_year",
    )
    assert "US$172 billion" in latest["note"] and "37%" in latest["note"]
    printed = frame[(frame["category"] == "profits") & (frame["source"] == "paper_asean")].iloc[0]
    assert printed["value"] == 150 and printed["status"] == "as_printed_in_paper"
    assert "ilo_2014_profits" in printed["note"] and "US$236 billion" in printed["note"]
    assert "has not checked" not in printed["note"]


def test_gsi_2016_southeast_asia_row_is_contradicted_by_the_index_itself():
    frame = data.load("global_estimates")
    row = frame[(frame["edition"] == "GSI 2016") & (frame["scope"] == "southeast_asia")].iloc[0]
    note = row["note"]
    assert row["status"] == "contradicted"
    assert note.startswith("Contradicted") and "2.06 million" in note and "2.475 million" in note
    # the country figures named in the note do add up to the 2.475 million it states
    figures = [736_100, 515_100, 129_000, 425_000, 256_000, 9_200, 3_400, 401_000]
    assert round(sum(figures) / 1e6, 3) == 2.475
    assert "401,000" in note and "read this row as contradicted" in note
    assert "GSI 2016 row for Southeast Asia" in " ".join(data.caveats("global_estimates"))


# ----------------------------------------------------------------------------- institutions in 2026
def test_institutions_current_to_2026():
    institutions = data.load("institutions").set_index("acronym")
    kp2mi = institutions.loc["KP2MI"]
    assert kp2mi["name_id"] == "Kementerian Pelindungan Pekerja Migran Indonesia"
    assert kp2mi["verification"] == "partly_confirmed" and kp2mi["source"] == "bp2mi_2024_minister"
    assert "October 2024" in kp2mi["role"] and "BP3MI NTT" in kp2mi["role"]
    bp2mi = institutions.loc["BP2MI"]
    assert "21 October 2024" in bp2mi["role"] and "not abolished" in bp2mi["role"]
    assert "Perpres 166/2024" in bp2mi["role"] and bp2mi["verification"] == "partly_confirmed"
    lpsk = institutions.loc["LPSK"]
    assert "Law 31/2014" in lpsk["role"] and "restitution" in lpsk["role"]
    assert lpsk["verification"] == "partly_confirmed" and "Art. 7A" in lpsk["note"]
    task_force = institutions.loc["GT PP-TPPO"]
    assert "19 to 24" in task_force["role"] and "Perpres 19/2023" in task_force["role"]
    assert institutions.loc["AMPERA NTT"].isna()["verification"]  # the thesis alone


# ----------------------------------------------------------------------------- NTT responses: EKI and Desmigratif
def test_eki_and_promise_are_not_dwcp_2012_2015_activities():
    responses = data.load("ntt_responses").set_index("response_id")
    eki = responses.loc["ilo_ojk_bank_ntt_eki"]
    assert eki["year"] == 2024 and pd.isna(eki["dwcp_priority"])
    for phrase in [
        "OJK",
        "TPAKD",
        "Ministry of Villages",
        "28 May 2024",
        "Kaliuda",
        "PROMISE II IMPACT",
    ]:
        assert phrase in eki["description"], phrase
    assert "no source found says so" in eki["description"]  # 'did not go well' is the thesis's
    assert eki["verification"] == "confirmed" and "ilo_2024_eki" in eki["note"]
    promise = responses.loc["promise_ii_impact"]
    assert pd.isna(promise["dwcp_priority"]) and "SECO" in promise["actor"]
    assert "no source found says so" in promise["description"]


def test_desmigratif_is_a_national_ministry_programme():
    responses = data.load("ntt_responses").set_index("response_id")
    des = responses.loc["desmigratif_2017"]
    assert des["actor"].startswith("Ministry of Manpower") and des["year"] == 2017
    for phrase in [
        "Indramayu",
        "Wonosobo",
        "2016",
        "11 September 2017",
        "120 villages",
        "20 of them in NTT",
    ]:
        assert phrase in des["description"], phrase
    assert "The thesis says it was set up in NTT" in des["description"]
    assert des["verification"] == "confirmed"
    assert "suara_2017_desmigratif" in des["note"] and "antara_ntt_2017_desmigratif" in des["note"]
    glossary = data.load("glossary").set_index("term_id").loc["desmigratif"]
    assert "Ministry of Manpower" in glossary["definition"] and "2016" in glossary["definition"]
    assert glossary["source"] == "suara_2017_desmigratif"


# ----------------------------------------------------------------------------- UNODC in 1997
def test_unodc_was_odccp_in_1997():
    acts = data.load("organisation_activities").set_index("activity_id")
    row = acts.loc["unodc_founded"]
    assert row["year"] == 1997
    assert "Office for Drug Control and Crime Prevention (ODCCP)" in row["activity"]
    assert "since 2002" in row["activity"]
    assert row["note"].startswith("Partly confirmed") and "un_sgb_1998_17" in row["note"]


def test_legal_provisions_record_the_2026_criminal_code_and_how_each_was_checked():
    provisions = data.load("legal_provisions").set_index("provision_id")
    revoked = provisions.loc["kuhp_622_revokes_ptppo_art2"]
    assert (revoked.instrument_id, revoked.article, revoked.verification) == (
        "law_1_2023",
        "Art. 622(1)(q)",
        "confirmed",
    )
    assert "Art. 2" in revoked.provides and "455" in revoked.provides
    # read in a transcription of the official text (peraturan.info): quoted, and confirmed
    assert provisions.loc["law_21_2007_art6", "verification"] == "confirmed"
    assert "pengiriman anak" in provisions.loc["law_21_2007_art6", "quote"]
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert set(provisions.source) <= set(package["references"])


# ----------------------------------------------------------------------------- issues 14/15, second data round
# Values and statuses as the sources give them: the UNODC Global Report 2024 (press release and
# launch statement; two shares only in secondary reports), the US TIP Report tiers (US Embassy
# Jakarta, Medcom), LPSK's restitution figures (Tirto, 31 July 2025; Tribunnews prints 2,560,477,682
# for 2023), and the Foreign Ministry's online-scam cases (ANTARA, RMOL, Suara, Validnews, detik).
NEW_TABLES = ["glotip_2024", "tip_report_tiers", "lpsk_restitution", "wni_online_scam_cases"]


@pytest.mark.parametrize("name", NEW_TABLES)
def test_new_tables_load_and_cite_listed_references(name):
    frame = data.load(name)
    resource = data.resource(name)
    listed = {s["reference"] for s in resource["sources"]}
    references = data.package()["references"]
    assert set(frame["source"]) <= listed <= set(references)
    text_col = "note" if "note" in frame else "caveat"
    cited = set()
    for text in frame[text_col].dropna():
        cited |= set(REFERENCE_KEY.findall(text))
    assert (cited & set(references)) <= listed
    assert len(resource["caveats"]) >= 3


GLOTIP = {  # indicator -> (value, qualifier, unit, year_start, year_end, verification, source)
    "countries_covered": (
        156,
        "as_stated",
        "countries",
        None,
        None,
        "confirmed",
        "unodc_2024_glotip_speech",
    ),
    "detected_victims": (
        200000,
        "more_than",
        "persons",
        2020,
        2023,
        "confirmed",
        "unodc_2024_glotip_speech",
    ),
    "detected_victims_change": (
        25,
        "as_stated",
        "percent_change",
        2019,
        2022,
        "confirmed",
        "unodc_2024_glotip_pr",
    ),
    "forced_labour_victims_change": (
        47,
        "as_stated",
        "percent_change",
        2019,
        2022,
        "confirmed",
        "unodc_2024_glotip_pr",
    ),
    "child_victims_change": (
        31,
        "as_stated",
        "percent_change",
        2019,
        2022,
        "confirmed",
        "unodc_2024_glotip_pr",
    ),
    "child_victims_share": (
        38,
        "as_stated",
        "percent",
        None,
        None,
        "confirmed",
        "unodc_2024_glotip_pr",
    ),
    "women_girls_share": (
        61,
        "as_stated",
        "percent",
        2022,
        2022,
        "confirmed",
        "unodc_2024_glotip_pr",
    ),
    "forced_labour_share": (
        42,
        "as_stated",
        "percent",
        None,
        None,
        "partly_confirmed",
        "acrath_2024_glotip",
    ),
    "forced_criminality_share_2016": (
        1,
        "as_stated",
        "percent",
        2016,
        2016,
        "partly_confirmed",
        "dawn_2024_glotip",
    ),
    "forced_criminality_share_2022": (
        8,
        "as_stated",
        "percent",
        2022,
        2022,
        "partly_confirmed",
        "dawn_2024_glotip",
    ),
}


def test_glotip_2024_headline_figures():
    frame = data.load("glotip_2024").set_index("indicator")
    got = {
        i: (
            r.value,
            r.qualifier,
            r.unit,
            _key(r.year_start),
            _key(r.year_end),
            r.verification,
            r.source,
        )
        for i, r in frame.iterrows()
    }
    assert got == GLOTIP
    assert "202,478" in frame.loc["detected_victims", "caveat"]
    assert "not estimates" in " ".join(data.caveats("glotip_2024"))


def test_tip_report_tiers():
    frame = data.load("tip_report_tiers").set_index("report_year")
    got = {y: (r.tier, r.change, r.verification, r.source) for y, r in frame.iterrows()}
    assert got == {
        2019: ("tier_2", "unchanged", "confirmed", "us_embassy_2019_tip"),
        2021: ("tier_2", "unchanged", "confirmed", "us_embassy_2021_tip"),
        2022: ("tier_2_watch_list", "downgraded", "confirmed", "medcom_2022_tip"),
        2023: ("tier_2", "upgraded", "confirmed", "us_embassy_2023_tip"),
    }
    assert "tanpa parameter yang jelas" in frame.loc[2022, "note"]
    assert "not a count" in " ".join(data.caveats("tip_report_tiers"))


def test_lpsk_restitution_figures():
    frame = data.load("lpsk_restitution").set_index("year")
    got = {y: (r.assessed_idr, r.paid_idr, r.verification, r.source) for y, r in frame.iterrows()}
    assert got == {
        2023: (2550477682, 22463000, "partly_confirmed", "tirto_2025_lpsk"),
        2024: (7377845925, 968055000, "confirmed", "tirto_2025_lpsk"),
    }
    assert "2,560,477,682" in frame.loc[2023, "caveat"]
    assert frame.loc[2023, "paid_idr"] / frame.loc[2023, "assessed_idr"] < 0.01
    assert round(frame.loc[2024, "paid_idr"] / frame.loc[2024, "assessed_idr"], 2) == 0.13


def test_wni_online_scam_cases_series():
    frame = data.load("wni_online_scam_cases")
    got = {
        (r.as_of, r.indicator): (r.value, r.qualifier, r.unit, r.source) for r in frame.itertuples()
    }
    assert got[("2023", "cases_handled")] == (3428, "as_stated", "cases", "antara_2024_scam")
    assert got[("2023", "countries")][0] == 8
    assert got[("2023", "share_indicated_trafficking")] == (
        40,
        "about",
        "percent",
        "antara_2024_scam",
    )
    assert got[("2024-11", "cases_handled")] == (5111, "as_stated", "cases", "rmol_2024_scam")
    assert got[("2024-11", "identified_trafficking_victims")][0] == 1290
    assert got[("2025-02", "cases_handled")] == (6800, "as_stated", "cases", "suara_2025_scam")
    assert got[("2025-04-24", "cases_handled")] == (
        7027,
        "as_stated",
        "cases",
        "validnews_2025_scam",
    )
    assert got[("2025-10-20", "cases_handled")] == (10000, "more_than", "cases", "detik_2025_scam")
    assert got[("2025-10-20", "identified_trafficking_victims")] == (
        1500,
        "about",
        "persons",
        "detik_2025_scam",
    )
    assert set(frame["period_start"]) == {2020}
    cases = frame[frame["indicator"] == "cases_handled"].sort_values("as_of")["value"]
    assert cases.is_monotonic_increasing  # cumulative
    assert set(frame["verification"]) == {"confirmed"}


NEW_PROVISIONS = {  # provision_id -> (instrument_id, verification, source, a quote is given)
    "p029_art1_3": ("p029", "confirmed", "nl_wetten_p029", True),
    "p029_art2e": ("p029", "confirmed", "trb_2015_32_p029", True),
    "c181_art7": ("c181", "confirmed", "nl_wetten_c181", True),
    "c189_preamble": ("c189", "confirmed", "normlex_c189", True),
    "c189_art7": ("c189", "confirmed", "dar_2015_c189", True),
    "c189_arts_9_10": ("c189", "confirmed", "nl_wetten_c189", True),
    "c188_arts_14_16": ("c188", "confirmed", "nl_wetten_c188", True),
    "c188_arts_21_22": ("c188", "confirmed", "nl_wetten_c188", True),
    "ilo_fees_definition_2019": (
        "ilo_fair_recruitment_2019",
        "confirmed",
        "ilo_hanoi_2020_fees",
        True,
    ),
    "permen_kp_35_2015_preamble": (
        "permen_kp_35_2015",
        "partly_confirmed",
        "permen_kp_35_2015",
        True,
    ),
    "law_21_2007_art16": ("law_21_2007", "confirmed", "peraturan_info_uu_21_2007", True),
    "law_21_2007_art2_elucidation": ("law_21_2007", "confirmed", "peraturan_info_uu_21_2007", True),
    "kuhp_457": ("law_1_2023", "confirmed", "peraturan_info_uu_1_2023", True),
    "kuhp_624": ("law_1_2023", "confirmed", "peraturan_info_uu_1_2023", True),
    "law_37_1999_art19": ("law_37_1999", "confirmed", "peraturan_info_uu_37_1999", True),
    "perpres_49_2023_art11_2": (
        "perpres_49_2023",
        "partly_confirmed",
        "tirto_2023_perpres_49",
        True,
    ),
    "perpres_49_2023_art30": (
        "perpres_49_2023",
        "partly_confirmed",
        "mimbar_rakyat_2023_perpres_49",
        True,
    ),
    "perpres_19_2023_art2_4": (
        "perpres_19_2023",
        "partly_confirmed",
        "sindonews_2023_perpres_19",
        True,
    ),
    "law_31_2014_art7a": ("law_31_2014", "confirmed", "peraturan_info_uu_31_2014", True),
}


@pytest.mark.parametrize("pid", NEW_PROVISIONS)
def test_new_legal_provisions_as_the_sources_give_them(pid):
    provisions = data.load("legal_provisions").set_index("provision_id")
    row = provisions.loc[pid]
    instrument, verification, source, quoted = NEW_PROVISIONS[pid]
    assert (row.instrument_id, row.verification, row.source) == (instrument, verification, source)
    assert pd.notna(row.quote) == quoted
    listed = {s["reference"] for s in data.resource("legal_provisions")["sources"]}
    assert source in listed
    assert row.note.startswith(verification.replace("_", " "))


def test_legal_provision_quotes_and_reworded_notes():
    provisions = data.load("legal_provisions").set_index("provision_id")
    assert (
        "due diligence by both the public and private sectors"
        in provisions.loc["p029_art2e", "quote"]
    )
    assert "žádné poplatky nebo náklady" in provisions.loc["c181_art7", "quote"]
    assert "undervalued and invisible" in provisions.loc["c189_preamble", "quote"]
    assert "serious default" in provisions.loc["c188_arts_21_22", "quote"]
    assert "ditambah 1/3 (sepertiga)" in provisions.loc["law_21_2007_art16", "quote"]
    assert "paling singkat 5 (lima) tahun" in provisions.loc["kuhp_457", "quote"]
    assert "setelah 3 (tiga) tahun" in provisions.loc["kuhp_624", "quote"]
    assert "ex-officio" in provisions.loc["perpres_49_2023_art11_2", "quote"]
    assert "Bagian Anggaran Kepolisian" in provisions.loc["perpres_49_2023_art30", "quote"]
    assert "10 December 2015" in provisions.loc["permen_kp_35_2015_preamble", "note"]
    for text in provisions["note"].dropna():
        assert (
            "my knowledge" not in text and "my reading" not in text and "my inference" not in text
        )
        assert "from memory" not in text
    assert "my inference" not in data.package()["references"]["lp_ptppo_art4_still_stands"]


def test_c29_prison_labour_note_gives_the_ceacr_reading():
    frame = data.load("c29_exceptions").set_index("letter")
    note = frame.loc["c", "note"]
    assert "private" in note and "voluntarily" in note and "ceacr_c029_prison" in note
    assert "free employment relationship" in note
    assert "forbid" not in (note + frame.loc["c", "description"]).lower()
    assert frame.drop(index="c")["note"].isna().all()
    assert "ceacr_c029_prison" in {
        s["reference"] for s in data.resource("c29_exceptions")["sources"]
    }


def test_ntt_moratorium_timeline_row():
    row = _by_number(data.load("legal_timeline"))["Kepgub NTT 357/KEP/HK/2018"]
    assert (row.date, row.year, row.level, row.verification, row.source) == (
        "2018-11-14",
        2018,
        "national",
        "partly_confirmed",
        "poskupang_2018_moratorium",
    )
    assert "AKAD" in row.what_it_does and "provincial" in row.what_it_does
    assert "Unverified" in row.note and "14 November 2019" in row.note
    assert "357/KEP/HK/3018" in row.note  # Pos-Kupang's misprint, recorded


def test_new_institutions():
    institutions = data.load("institutions").set_index("acronym")
    kejaksaan = institutions.loc["Kejaksaan"]
    assert (kejaksaan["source"], kejaksaan["verification"]) == (
        "persnews_2021_law_11",
        "partly_confirmed",
    )
    assert "prosecution" in kejaksaan["role"] and "Law 11/2021" in kejaksaan["note"]
    satgas = institutions.loc["Satgas TPPO Polri"]
    assert (satgas["source"], satgas["verification"]) == ("mistar_2023_satgas", "confirmed")
    assert "5 June 2023" in satgas["role"] and "GT PP-TPPO" in satgas["role"]
    bp3mi = institutions.loc["BP3MI NTT"]
    assert (
        bp3mi["name_id"]
        == "Balai Pelayanan Pelindungan Pekerja Migran Indonesia Nusa Tenggara Timur"
    )
    assert (bp3mi["source"], bp3mi["verification"]) == ("kp2mi_2026_bp3mi_ntt", "confirmed")
    assert "2,226" in bp3mi["role"] and "1,960" in bp3mi["role"] and "523" in bp3mi["role"]

"""The NTT resources against the thesis they come from (seed 002).

Source: Borotoding, J. (2024), Upaya International Labour Organization dalam menanggulangi
perdagangan tenaga kerja di Nusa Tenggara Timur melalui Decent Work Country Programmes,
undergraduate thesis, Universitas Pasundan.

The expected values below are a second, independent reading of the thesis: they were typed
from its tables and text (decimal commas read as points), not copied from the CSV files.
"""

from __future__ import annotations

import json
import math
import re
import shutil

import pytest

from tipcourse import data

NTT = "Nusa Tenggara Timur"
YEARS = range(2012, 2018)

REGENCIES = [  # thesis table rows, in order (Kota Kupang is the one city)
    "Sumba Barat",
    "Sumba Timur",
    "Kupang",
    "Timor Tengah Selatan",
    "Timor Tengah Utara",
    "Belu",
    "Alor",
    "Lembata",
    "Flores Timur",
    "Sikka",
    "Ende",
    "Ngada",
    "Manggarai",
    "Rote Ndao",
    "Manggarai Barat",
    "Sumba Tengah",
    "Sumba Barat Daya",
    "Nagekeo",
    "Manggarai Timur",
    "Sabu Raijua",
    "Malaka",
    "Kota Kupang",
]

NTT_RESOURCES = [
    "ntt_areas",
    "ntt_poverty",
    "ntt_unemployment",
    "ntt_education",
    "ntt_case_figures",
    "ntt_geography",
    "red_zone_provinces_2017",
    "ilo_instruments",
    "dwcp_priorities",
    "ntt_causal_factors",
    "ntt_responses",
]

# --- second reading: "Data persentase penduduk miskin NTT" (Gambar 4.1, poverty) ----------
POVERTY = {
    ("Sumba Barat", 2012): 29.56,
    ("Sumba Barat", 2013): 29.35,
    ("Sumba Barat", 2014): 27.79,
    ("Sumba Barat", 2015): 30.56,
    ("Sumba Barat", 2016): 29.34,
    ("Sumba Barat", 2017): 29.28,
    ("Timor Tengah Selatan", 2012): 27.49,
    ("Timor Tengah Selatan", 2013): 27.30,
    ("Timor Tengah Selatan", 2014): 26.79,
    ("Timor Tengah Selatan", 2015): 31.12,
    ("Timor Tengah Selatan", 2016): 29.89,
    ("Timor Tengah Selatan", 2017): 29.44,
    ("Flores Timur", 2012): 9.12,
    ("Flores Timur", 2013): 9.06,
    ("Flores Timur", 2014): 7.83,
    ("Flores Timur", 2015): 9.66,
    ("Flores Timur", 2016): 10.31,
    ("Flores Timur", 2017): 10.75,
    ("Sumba Tengah", 2012): 32.05,
    ("Sumba Tengah", 2013): 31.82,
    ("Sumba Tengah", 2014): 31.40,
    ("Sumba Tengah", 2015): 36.22,
    ("Sumba Tengah", 2016): 36.55,
    ("Sumba Tengah", 2017): 36.01,
    ("Sabu Raijua", 2012): 32.61,
    ("Sabu Raijua", 2013): 32.37,
    ("Sabu Raijua", 2014): 29.48,
    ("Sabu Raijua", 2015): 33.17,
    ("Sabu Raijua", 2016): 32.44,
    ("Sabu Raijua", 2017): 31.07,
    ("Kota Kupang", 2012): 9.39,
    ("Kota Kupang", 2013): 9.33,
    ("Kota Kupang", 2014): 8.70,
    ("Kota Kupang", 2015): 10.21,
    ("Kota Kupang", 2016): 9.97,
    ("Kota Kupang", 2017): 9.81,
    ("Nagekeo", 2015): 14.38,
    ("Nagekeo", 2016): 13.61,
    ("Nagekeo", 2017): 13.48,
    ("Malaka", 2015): 17.28,
    ("Malaka", 2016): 16.66,
    ("Malaka", 2017): 16.52,
    (NTT, 2012): 20.41,
    (NTT, 2013): 20.41,
    (NTT, 2014): 19.60,
    (NTT, 2015): 22.61,
    (NTT, 2016): 22.19,
    (NTT, 2017): 21.85,
}

# --- second reading: "Data persentase tingkat pengangguran terbuka di NTT" (Gambar 4.1) ----
UNEMPLOYMENT = {
    ("Sumba Barat", 2012): 1.86,
    ("Sumba Barat", 2013): 3.29,
    ("Sumba Barat", 2014): 2.58,
    ("Sumba Barat", 2015): 1.80,
    ("Sumba Barat", 2017): 3.83,
    ("Lembata", 2012): 4.82,
    ("Lembata", 2013): 3.56,
    ("Lembata", 2014): 6.73,
    ("Lembata", 2015): 3.05,
    ("Lembata", 2017): 4.18,
    ("Timor Tengah Utara", 2012): 1.62,
    ("Timor Tengah Utara", 2013): 2.87,
    ("Timor Tengah Utara", 2014): 2.20,
    ("Timor Tengah Utara", 2015): 1.88,
    ("Timor Tengah Utara", 2017): 0.60,
    ("Sumba Tengah", 2012): 1.19,
    ("Sumba Tengah", 2013): 0.48,
    ("Sumba Tengah", 2014): 0.25,
    ("Sumba Tengah", 2015): 3.81,
    ("Sumba Tengah", 2017): 4.26,
    ("Sabu Raijua", 2012): 13.41,
    ("Sabu Raijua", 2013): 4.83,
    ("Sabu Raijua", 2014): 3.75,
    ("Sabu Raijua", 2015): 7.76,
    ("Sabu Raijua", 2017): 2.75,
    ("Kota Kupang", 2012): 8.38,
    ("Kota Kupang", 2013): 9.05,
    ("Kota Kupang", 2014): 11.38,
    ("Kota Kupang", 2015): 14.25,
    ("Kota Kupang", 2017): 12.50,
    ("Malaka", 2015): 4.08,
    ("Malaka", 2017): 1.07,
    ("Manggarai Timur", 2014): 0.37,
    ("Manggarai Timur", 2017): 0.50,
    (NTT, 2012): 2.89,
    (NTT, 2013): 3.25,
    (NTT, 2014): 3.26,
    (NTT, 2015): 3.83,
    (NTT, 2016): 3.25,
    (NTT, 2017): 3.27,
}

# --- second reading: "Data Persentase pendidikan penduduk NTT tahun 2012-2017" --------------
# level (as printed) -> shares 2012..2017; None = printed "-"
EDUCATION = {
    "Tidak/Blm Pernah Sekolah/Tidak Tamat SD": (37.03, 36.47, 34.43, 30.12, 33.30, 32.82),
    "Sekolah Dasar (SD)": (31.04, 31.07, 32.05, 33.81, 35.77, 30.43),
    "SLTP Sederajat": (12.67, 13.02, 12.92, 14.03, 9.06, 13.67),
    "SMU Umum": (11.45, 11.93, 12.25, 13.15, 13.75, 14.29),
    "SMTA Kejuruan": (2.98, 3.05, 3.04, 2.36, 1.81, 2.65),
    "Diploma I / II": (0.65, 0.54, 0.53, 0.59, 0.38, 0.50),
    "Diploma III": (1.01, 0.97, 1.06, 1.28, 0.98, 0.96),
    "Diploma IV / S1": (3.00, 2.79, 3.71, 4.52, 4.77, 4.46),
    "S2/S3": (0.16, 0.16, None, 0.14, 0.17, 0.21),
}

# --- second reading: every count in Table 1.1 and section 4.1.1 (and the Kompasiana piece) --
CASE_FIGURES = {
    # Table 1.1 "jumlah korban perdagangan tenaga kerja NTT", from news
    ("victims_labour_trafficking_news_compilation", 2018): 105,
    ("victims_labour_trafficking_news_compilation", 2019): 119,
    ("victims_labour_trafficking_news_compilation", 2020): 87,
    ("victims_labour_trafficking_news_compilation", 2021): 121,
    ("victims_labour_trafficking_news_compilation", 2022): 106,
    ("victims_labour_trafficking_news_compilation", 2023): 100,
    # Kompasiana 2023: bodies returned (BP3MI NTT) and BP2MI NTT cases
    ("migrant_worker_bodies_returned_bp3mi_ntt", 2018): 105,
    ("migrant_worker_bodies_returned_bp3mi_ntt", 2019): 119,
    ("migrant_worker_bodies_returned_bp3mi_ntt", 2020): 87,
    ("migrant_worker_bodies_returned_bp3mi_ntt", 2021): 121,
    ("migrant_worker_bodies_returned_bp3mi_ntt", 2022): 106,
    ("trafficking_cases_bp2mi_ntt", 2018): 340,
    ("trafficking_cases_bp2mi_ntt", 2019): 411,
    ("trafficking_cases_bp2mi_ntt", 2020): 474,
    ("trafficking_cases_bp2mi_ntt", 2021): 678,
    ("trafficking_cases_bp2mi_ntt", 2022): 399,
    # "tahun 2012 terjadi sebanyak 42 kasus, tahun 2013 ... 15 kasus ... 122 orang. Tahun 2014 ... 12 kasus ... 131"
    ("labour_trafficking_cases", 2012): 42,
    ("labour_trafficking_cases", 2013): 15,
    ("labour_trafficking_cases", 2014): 12,
    ("labour_trafficking_victims", 2013): 122,
    ("labour_trafficking_victims", 2014): 131,
    # "Dari 1.021 orang yang ditangani di tahun 2014, sebanyak 605 diduga ..."; "2015, 1.004 ... 468 ..."
    ("persons_handled", 2014): 1021,
    ("persons_handled", 2015): 1004,
    ("suspected_trafficking_victims_among_handled", 2014): 605,
    ("identified_trafficking_victims_among_handled", 2015): 468,
    # "Tahun 2015 menghasilkan 941 orang, dengan tujuh jaringan bisnis dan individu"
    ("persons_unspecified_2015", 2015): 941,
    ("trafficking_networks", 2015): 7,
    # "sekitar 726 TKW diidentifikasi ... pada tahun 2016"; Polda NTT: 1.667 (no year)
    ("women_migrant_workers_identified_in_trafficking", 2016): 726,
    ("prospective_women_migrant_workers_sent_illegally", None): 1667,
    # "tahun 2017 tercatat 137 kasus"; deaths 46 (4 legal) in 2016, 62 (1 sah) in 2017
    ("human_trafficking_cases_recorded", 2017): 137,
    ("ntt_migrant_worker_deaths", 2016): 46,
    ("ntt_migrant_worker_deaths", 2017): 62,
    ("ntt_migrant_worker_deaths_declared_legal", 2016): 4,
    ("ntt_migrant_worker_deaths_declared_legal", 2017): 1,
    # "terminal kargo El Tari di Kupang menerima 54 jenazah"; BP2MI "5.098 kasus" (2023)
    ("worker_bodies_received_el_tari_cargo", 2016): 54,
    ("labour_trafficking_cases_bp2mi", 2023): 5098,
}


def _year(value):
    return (
        None
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is data.pd.NA
        else int(value)
    )


@pytest.fixture(scope="module")
def poverty():
    return data.load("ntt_poverty")


@pytest.fixture(scope="module")
def unemployment():
    return data.load("ntt_unemployment")


@pytest.fixture(scope="module")
def education():
    return data.load("ntt_education")


@pytest.fixture(scope="module")
def cases():
    return data.load("ntt_case_figures")


def _lookup(frame, column):
    return {(r.area, int(r.year)): getattr(r, column) for r in frame.itertuples()}


# (a) values against the thesis --------------------------------------------------------------


def test_poverty_values_match_thesis(poverty):
    got = _lookup(poverty, "poverty_rate_pct")
    for year in YEARS:  # the sample covers at least 3 regencies per year plus the province
        assert sum(1 for (a, y) in POVERTY if y == year and a != NTT) >= 3
    wrong = {
        k: (got.get(k), v) for k, v in POVERTY.items() if got.get(k) != pytest.approx(v, abs=1e-9)
    }
    assert not wrong


def test_unemployment_values_match_thesis(unemployment):
    got = _lookup(unemployment, "open_unemployment_rate_pct")
    for year in (2012, 2013, 2014, 2015, 2017):
        assert sum(1 for (a, y) in UNEMPLOYMENT if y == year and a != NTT) >= 3
    wrong = {
        k: (got.get(k), v)
        for k, v in UNEMPLOYMENT.items()
        if got.get(k) != pytest.approx(v, abs=1e-9)
    }
    assert not wrong


def test_every_education_share_matches_thesis(education):
    got = {(r.level, int(r.year)): r.share_pct for r in education.itertuples()}
    expected = {
        (lvl, y): v for lvl, vals in EDUCATION.items() for y, v in zip(YEARS, vals, strict=True)
    }
    assert set(got) == set(expected)
    for key, value in expected.items():
        if value is None:
            assert math.isnan(got[key]), key
        else:
            assert got[key] == pytest.approx(value, abs=1e-9), key


def test_education_level_order_follows_thesis_table(education):
    order = education.drop_duplicates("level").set_index("level")["level_order"].to_dict()
    assert [lvl for lvl, _ in sorted(order.items(), key=lambda kv: kv[1])] == list(EDUCATION)


def test_every_case_figure_matches_thesis(cases):
    got = {(r.indicator, _year(r.year)): int(r.value) for r in cases.itertuples()}
    assert len(got) == len(cases)  # no duplicate (indicator, year)
    assert got == CASE_FIGURES


def test_2018_2023_series_keeps_both_readings_apart(cases):
    by = {ind: grp for ind, grp in cases.groupby("indicator")}
    thesis = by["victims_labour_trafficking_news_compilation"]
    bodies = by["migrant_worker_bodies_returned_bp3mi_ntt"]
    bp2mi = by["trafficking_cases_bp2mi_ntt"]
    assert set(thesis["source"]) == {"thesis_ntt_2024"}
    assert set(bodies["source"]) == set(bp2mi["source"]) == {"kompasiana_2023"}
    assert thesis["indicator_label"].str.contains("Victims").all()
    assert bodies["indicator_label"].str.contains("bodies").all()
    assert set(thesis["unit"]) == set(bodies["unit"]) == {"persons"}
    assert set(bp2mi["unit"]) == {"cases"}
    # same values 2018-2022 under the two labels
    t = dict(zip(thesis["year"].astype(int), thesis["value"], strict=True))
    b = dict(zip(bodies["year"].astype(int), bodies["value"], strict=True))
    assert {y: t[y] for y in b} == b
    for frame in (thesis, bodies, bp2mi):
        assert frame["caveat"].str.contains("primary").all()


def test_case_figure_sources_and_units_are_declared(cases):
    refs = data.package()["references"]
    assert set(cases["source"]) <= set(refs)
    assert set(cases["unit"]) <= {"persons", "cases", "networks"}
    assert cases["indicator"].str.fullmatch(r"[a-z0-9_]+").all()
    assert (cases["caveat"].str.len() > 40).all()
    assert cases["indicator_label"].notna().all()


# (b) education shares sum to 100 ------------------------------------------------------------


def test_education_shares_sum_to_100_within_rounding(education):
    for year, grp in education.groupby("year"):
        total = grp["share_pct"].sum()
        assert total == pytest.approx(100.0, abs=0.02), (year, total)
    # the known gap: 2014 has no S2/S3 share, and the other levels already sum to 99.99
    gap = education[(education["year"] == 2014) & (education["level"] == "S2/S3")]
    assert len(gap) == 1 and gap["share_pct"].isna().all()
    assert education[education["year"] == 2014]["share_pct"].sum() == pytest.approx(99.99, abs=1e-6)


# (c) areas ----------------------------------------------------------------------------------


def test_areas_are_the_thesis_rows():
    areas = data.load("ntt_areas")
    assert list(areas.sort_values("order_in_source")["area"]) == REGENCIES + [NTT]
    kinds = dict(zip(areas["area"], areas["kind"], strict=True))
    assert kinds[NTT] == "province" and kinds["Kota Kupang"] == "city"
    assert sum(k == "regency" for k in kinds.values()) == 21


def test_same_areas_in_poverty_and_unemployment(poverty, unemployment):
    areas = set(data.load("ntt_areas")["area"])
    assert set(poverty["area"]) == set(unemployment["area"]) == areas
    for frame in (poverty, unemployment):
        years = frame.groupby("area")["year"].apply(lambda s: sorted(int(y) for y in s)).to_dict()
        assert years == {a: list(YEARS) for a in areas}


# (d) missing cells are exactly the thesis's gaps --------------------------------------------


def test_missing_poverty_cells_are_malaka_before_2015(poverty):
    missing = {
        (r.area, int(r.year)) for r in poverty.itertuples() if math.isnan(r.poverty_rate_pct)
    }
    assert missing == {("Malaka", 2012), ("Malaka", 2013), ("Malaka", 2014)}


def test_missing_unemployment_cells_are_2016_regencies_and_malaka_before_2015(unemployment):
    missing = {
        (r.area, int(r.year))
        for r in unemployment.itertuples()
        if math.isnan(r.open_unemployment_rate_pct)
    }
    expected = {(a, 2016) for a in REGENCIES} | {("Malaka", y) for y in (2012, 2013, 2014)}
    assert missing == expected


def test_missing_education_cell_is_only_2014_s2_s3(education):
    missing = {(r.level, int(r.year)) for r in education.itertuples() if math.isnan(r.share_pct)}
    assert missing == {("S2/S3", 2014)}


def test_only_the_undated_police_figure_has_no_year(cases):
    undated = cases[cases["year"].isna()]
    assert list(undated["indicator"]) == ["prospective_women_migrant_workers_sent_illegally"]


# other NTT resources ------------------------------------------------------------------------


def test_geography_figures_match_thesis():
    geo = data.load("ntt_geography").set_index("indicator")["value"].to_dict()
    # "70% nya adalah batu karang", "Hanya 36% dari seluruh lahan", "hanya 36,5% dari lahan tersebut"
    assert geo == {"land_rock_share": 70, "land_used_share": 36, "critical_land_share": 36.5}


def test_red_zone_provinces_2017():
    red = data.load("red_zone_provinces_2017").sort_values("order_in_source")
    assert list(red["province"]) == [
        NTT,
        "Nusa Tenggara Barat",
        "Jawa Timur",
        "Jawa Tengah",
        "Jawa Barat",
    ]


def test_ilo_instruments_codes_and_years():
    ilo = data.load("ilo_instruments").set_index("code")["year"].astype(int).to_dict()
    expected = {
        "C029": 1930,
        "C105": 1957,
        "P029": 2014,
        "C097": 1949,
        "C118": 1962,
        "C143": 1975,
        "C181": 1997,
    }
    assert {k: ilo.get(k) for k in expected} == expected
    assert all(re.fullmatch(r"[CP][0-9]{3}", code) for code in ilo)


def test_dwcp_priorities_and_responses():
    pri = data.load("dwcp_priorities")
    assert dict(zip(pri["label_in_source"], pri["priority_id"], strict=True)) == {
        "A": "job_creation",
        "B": "industrial_relations",
        "C": "social_protection",
    }
    resp = data.load("ntt_responses").set_index("response_id")
    assert set(resp["dwcp_priority"].dropna()) <= set(pri["priority_id"])
    years = resp["year"].to_dict()
    assert years["desmigratif_2017"] == 2017 and years["one_stop_service_2017"] == 2017
    assert years["dwcp_indonesia_2012_2015"] == 2012
    for rid in ("ampera_ntt", "ilo_ojk_bank_ntt_eki", "promise_ii_impact"):
        assert rid in resp.index
    assert "Bank NTT" in resp.loc["ilo_ojk_bank_ntt_eki", "actor"]
    assert "Sumba" in resp.loc["ilo_ojk_bank_ntt_eki", "scope"]


def test_causal_factors_cover_the_thesis_list():
    fac = data.load("ntt_causal_factors").set_index("factor_id")
    for fid in (
        "poverty",
        "low_education",
        "unemployment",
        "land_and_skills",
        "belis",
        "social_caste",
        "prestige_ceremonies",
        "debt",
        "customary_gifts_by_recruiters",
        "religious_figures_used_by_recruiters",
    ):
        assert fid in fac.index, fid
    assert fac.loc["religious_figures_used_by_recruiters", "factor"] == "religious"
    assert set(fac["factor"]) >= {
        "economic",
        "geography",
        "education",
        "unemployment",
        "cultural",
        "religious",
    }


# descriptors, citation, loader --------------------------------------------------------------


def test_descriptors_have_sources_and_caveats():
    refs = data.package()["references"]
    assert (
        "Borotoding" in refs["thesis_ntt_2024"]
        and "Universitas Pasundan" in refs["thesis_ntt_2024"]
    )
    assert "Kompasiana" in refs["kompasiana_2023"] and "Secondary" in refs["kompasiana_2023"]
    for name in NTT_RESOURCES:
        res = data.resource(name)
        assert res["path"] == f"{name}.csv"
        assert res["sources"] and all(
            s["reference"] in refs and s["original"] for s in res["sources"]
        )
        assert len(data.caveats(name)) >= 2
        assert all(fld.get("description") for fld in res["schema"]["fields"])
        assert "Borotoding" in data.citation(name)
    assert "BPS" in data.resource("ntt_poverty")["sources"][0]["original"]


def test_no_personal_details_of_the_author():
    text = json.dumps([data.resource(n) for n in NTT_RESOURCES]) + "".join(
        (data.data_dir() / f"{n}.csv").read_text(encoding="utf-8") for n in NTT_RESOURCES
    )
    assert "@" not in text
    assert "202030022" not in text  # student number
    assert not re.search(r"\b08\d{8,}\b", text)  # phone numbers


def test_loader_rejects_an_unknown_area(tmp_path, monkeypatch):
    shutil.copytree(data.data_dir(), tmp_path / "data")
    path = tmp_path / "data" / "ntt_poverty.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Sumba Barat,2012", "West Sumba,2012"),
        encoding="utf-8",
    )
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path / "data"))
    with pytest.raises(data.DataError, match="West Sumba"):
        data.load("ntt_poverty")


# issues 14/15: the province poverty row checked against BPS NTT's headline figures (September 2014
# 19.60; March 2015 22.61; March 2016 22.19; March 2017 21.85) and BPS Ngada's release of 12 October
# 2016 (10.76 for September 2014, 12.81 for March 2015); the values themselves stay as printed.
def test_poverty_caveats_record_the_bps_check(poverty):
    caveats = data.caveats("ntt_poverty")
    assert not any("have not been checked against BPS" in c for c in caveats)
    assert any("2014-2017 have been checked against" in c for c in caveats)
    seam = next(c for c in caveats if c.startswith("Every area's rate is higher in 2015"))
    for phrase in [
        "September 2014 (19.60)",
        "March 2015 (22.61)",
        "March 2016 (22.19)",
        "March 2017 (21.85)",
        "six-month rise",
        "November 2014 fuel price",
        "unconfirmed either way",
        "bps_ngada_2016",
    ]:
        assert phrase in seam, phrase
    assert "cannot be ruled out" not in seam
    assert any("slip for September 2013 (20.24); unconfirmed" in c for c in caveats)
    got = _lookup(poverty, "poverty_rate_pct")
    assert (got[("Ngada", 2014)], got[("Ngada", 2015)]) == (10.76, 12.81)
    assert (got[(NTT, 2014)], got[(NTT, 2015)], got[(NTT, 2016)], got[(NTT, 2017)]) == (
        19.60,
        22.61,
        22.19,
        21.85,
    )
    listed = {s["reference"] for s in data.resource("ntt_poverty")["sources"]}
    assert {
        "kbr_2015_ntt_poverty",
        "wartaekonomi_2018_poverty",
        "poskupang_2017_poverty",
        "bps_sumbatengah_2015",
        "antara_2015_ntt_poverty",
        "bps_ngada_2016",
    } <= listed


def test_ntt_responses_added_and_corrected_from_sources():
    resp = data.load("ntt_responses").set_index("response_id")
    one_stop = resp.loc["one_stop_service_2017"]
    assert one_stop["verification"] == "partly_confirmed" and one_stop["year"] == 2017
    for phrase in ["Kota Kupang", "Kabupaten Kupang", "Sikka", "Sumba Barat Daya", "only one"]:
        assert phrase in one_stop["description"], phrase
    assert (
        "ekorantt_2025_ltsa" in one_stop["note"]
        and "koranntt_2025_eight_measures" in one_stop["note"]
    )
    expected = {  # response_id -> (year, verification, source)
        "gmit_rumah_harapan_2018": (2018, "confirmed", "sinodegmit_2018_rumah_harapan"),
        "migrant_care_parishes_2018": (2018, "partly_confirmed", "ucanews_2018_parishes"),
        "village_task_forces_2025": (2025, "partly_confirmed", "koranntt_2025_eight_measures"),
    }
    for rid, (year, verification, source) in expected.items():
        row = resp.loc[rid]
        assert (row["year"], row["verification"], row["source"]) == (year, verification, source), (
            rid
        )
        assert row["original_source"] == "not in the thesis" and data.pd.isna(row["dwcp_priority"])
    assert "4 February 2018" in resp.loc["gmit_rumah_harapan_2018", "description"]
    assert "265" in resp.loc["gmit_rumah_harapan_2018", "description"]
    assert "agreed" in resp.loc["migrant_care_parishes_2018", "description"]
    assert "differ" in resp.loc["village_task_forces_2025", "note"]

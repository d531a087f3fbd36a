"""The data package: every resource validates and is fully described; errors name what broke."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from tipcourse import data

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
NAMES = [r["name"] for r in PACKAGE["resources"]]


def test_every_csv_is_described_and_every_description_has_a_csv():
    described = {r["path"] for r in PACKAGE["resources"]}
    on_disk = {p.name for p in (ROOT / "data").glob("*.csv")}
    assert described == on_disk


@pytest.mark.parametrize("name", NAMES)
def test_resource_loads_with_declared_types(name):
    frame = data.load(name)
    assert len(frame) > 0
    fields = data.resource(name)["schema"]["fields"]
    assert list(frame.columns) == [f["name"] for f in fields]
    for field in fields:
        column = frame[field["name"]]
        if field["type"] == "integer":
            assert str(column.dtype) == "Int64"
        elif field["type"] == "number":
            assert pd.api.types.is_float_dtype(column)


@pytest.mark.parametrize("name", NAMES)
def test_resource_is_fully_described(name):
    res = data.resource(name)
    assert res["title"] and res["description"]
    assert res["sources"], f"{name} has no source"
    for source in res["sources"]:
        assert source.get("reference") in PACKAGE["references"], f"{name}: unknown reference"
    assert res.get("caveats"), f"{name} states no caveats"
    for field in res["schema"]["fields"]:
        assert field.get("description"), f"{name}.{field['name']} has no description"
        if field["name"].endswith("_pct"):
            assert field.get("unit") == "percent", f"{name}.{field['name']} needs unit percent"


@pytest.mark.parametrize("name", NAMES)
def test_no_dash_placeholders_for_missing_values(name):
    text = (ROOT / "data" / data.resource(name)["path"]).read_text(encoding="utf-8")
    for line in text.splitlines()[1:]:
        assert ",-," not in line and not line.endswith(",-") and not line.startswith("-,")


def test_no_internal_developer_note_is_cited():
    """Students read the notes and caveats: they cite primary sources, never internal notes."""
    texts = [(ROOT / "data" / "datapackage.json").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data").glob("*.csv"))]
    for text in texts:
        assert "FACTS.md" not in text
    from tipcourse import timeline

    assert "FACTS" not in timeline.SOURCE


def test_catalogue_and_citation():
    cat = data.catalogue()
    assert list(cat["name"]) == NAMES
    assert "Borotoding" in data.citation("ntt_poverty")


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("TIPCOURSE_DATA_DIR", str(tmp_path / "data"))
    data._package.cache_clear()
    yield tmp_path / "data"
    data._package.cache_clear()


def test_missing_file_names_resource_and_path(data_copy):
    (data_copy / "ntt_poverty.csv").unlink()
    with pytest.raises(data.DataError, match=r"'ntt_poverty' is missing: .*ntt_poverty\.csv"):
        data.load("ntt_poverty")


def test_unknown_resource_lists_known_ones():
    with pytest.raises(data.DataError, match=r"Unknown data resource 'ntt_povrty'.*ntt_poverty"):
        data.load("ntt_povrty")


def test_corrupt_row_names_resource_file_line_and_column(data_copy):
    path = data_copy / "ntt_poverty.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    area, year, _ = lines[3].split(",")
    lines[3] = f"{area},{year},twenty"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(data.DataError) as err:
        data.load("ntt_poverty")
    message = str(err.value)
    assert "'ntt_poverty'" in message and "ntt_poverty.csv" in message
    assert "line 4" in message and "poverty_rate_pct" in message and "twenty" in message


def test_row_with_too_many_cells_names_the_line(data_copy):
    path = data_copy / "ntt_areas.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + "Extra,regency,a,b,c,d,e\n", encoding="utf-8"
    )
    with pytest.raises(data.DataError, match=r"'ntt_areas'.*not a readable CSV.*line \d+"):
        data.load("ntt_areas")


def test_unknown_regency_spelling_is_caught(data_copy):
    path = data_copy / "ntt_unemployment.csv"
    text = path.read_text(encoding="utf-8").replace("Kota Kupang", "Kupang City", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(data.DataError, match="Kupang City"):
        data.load("ntt_unemployment")


def test_broken_description_is_reported(data_copy):
    (data_copy / "datapackage.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(data.DataError, match="not valid JSON"):
        data.load("ntt_poverty")


def test_load_returns_a_copy():
    first = data.load("ntt_areas")
    first.loc[0, "area"] = "changed"
    assert data.load("ntt_areas").loc[0, "area"] != "changed"


def test_no_authoring_jargon_reaches_students():
    """Papers are named by author or title and year, never by an internal label."""
    import re

    texts = [(ROOT / "data" / "datapackage.json").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data").glob("*.csv"))]
    for text in texts:
        assert not re.search(r"\bseed\b", text, flags=re.IGNORECASE)


def test_instrument_ratifications_is_described_with_sources_and_statuses():
    res = data.resource("instrument_ratifications")
    fields = {f["name"]: f for f in res["schema"]["fields"]}
    assert list(fields) == [
        "instrument_id",
        "instrument",
        "adopted",
        "indonesia_status",
        "indonesia_instrument",
        "indonesia_date",
        "verification",
        "source",
        "note",
    ]
    assert fields["indonesia_status"]["constraints"]["enum"] == ["ratified", "not ratified"]
    assert fields["verification"]["constraints"]["enum"] == [
        "confirmed",
        "partly_confirmed",
        "unverified",
    ]
    references = PACKAGE["references"]
    for source in res["sources"]:
        assert source["title"] == references[source["reference"]]
    assert set(data.load("instrument_ratifications")["source"]) <= {
        s["reference"] for s in res["sources"]
    }
    assert len(res["caveats"]) >= 3


# References added for the law since 2023, the instruments and the corrected NTT responses: each
# names its author or organisation and year, and an address, or says that the text was not read.
NEW_REFERENCES = [
    "keppres_88_2002",
    "perpres_19_2023",
    "kompas_2023_perpres_19",
    "setkab_2023_tppo_directive",
    "mistar_2023_satgas",
    "bp2mi_2024_minister",
    "kepmenaker_260_2015",
    "asean_decl_2004",
    "asean_consensus_2017",
    "asean2017_bohol_actip",
    "pp_7_2018",
    "perma_1_2022",
    "law_31_2014",
    "law_1_2023",
    "law_1_2026",
    "untc_slavery_1956",
    "law_1_2000",
    "recruitmentadvisor_idn",
    "ilo_2024_profits",
    "ilo_2014_profits",
    "ilo_2024_eki",
    "suara_2017_desmigratif",
    "un_sgb_1998_17",
    # issues 14/15, second data round
    "trb_2015_32_p029",
    "cz_sbms_38_2003_c181",
    "normlex_c189",
    "dar_2015_c189",
    "normlex_c188",
    "dar_2019_c188",
    "ilo_hanoi_2020_fees",
    "ceacr_c029_prison",
    "normlex_c138_idn",
    "law_20_1999",
    "permen_kp_35_2015",
    "kawanhukum_law_37_1999",
    "persnews_2021_law_11",
    "poskupang_2018_moratorium",
    "voxntt_2018_moratorium",
    "koranntt_2025_eight_measures",
    "ekorantt_2025_ltsa",
    "sinodegmit_2018_rumah_harapan",
    "ucanews_2018_parishes",
    "bps_ngada_2016",
    "kbr_2015_ntt_poverty",
    "unodc_2024_glotip",
    "unodc_2024_glotip_pr",
    "unodc_2024_glotip_speech",
    "us_embassy_2023_tip",
    "medcom_2022_tip",
    "tirto_2025_lpsk",
    "tribunnews_2025_lpsk",
    "detik_2025_scam",
    "validnews_2025_scam",
]


@pytest.mark.parametrize("key", NEW_REFERENCES)
def test_new_references_are_full(key):
    import re

    text = PACKAGE["references"][key]
    assert re.search(r"\((?:\d{4}|n\.d\.)", text), key  # a year, or 'n.d.'
    assert "http" in text or "not read" in text or "website" in text, key
    assert "FACTS" not in text and "@" not in text

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

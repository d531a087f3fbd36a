"""The validation cache of tipcourse.data: a file version that passed is not validated again (a
lesson need not import pandera), any edit is, and a cache that cannot be used costs only time."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from tipcourse import data

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cached(tmp_path, monkeypatch):
    """A copy of the data and an empty cache, with validation by digest (not 'always')."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("TIPCOURSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TIPCOURSE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TIPCOURSE_VALIDATE")
    data._package.cache_clear()
    data.clear_cache()
    yield tmp_path
    data._package.cache_clear()
    data.clear_cache()


def _count_validations(monkeypatch) -> list[str]:
    calls = []
    real = data._validate

    def counting(name, *args):
        calls.append(name)
        return real(name, *args)

    monkeypatch.setattr(data, "_validate", counting)
    return calls


def test_a_file_that_passed_is_not_validated_again_and_loads_the_same(cached, monkeypatch):
    first = data.load("ntt_poverty")
    data.clear_cache()
    calls = _count_validations(monkeypatch)
    again = data.load("ntt_poverty")
    assert calls == []
    pd.testing.assert_frame_equal(again, first)
    assert "ntt_poverty" in json.loads((cached / "cache" / "validated.json").read_text()).values()


def test_an_edit_is_validated_again_and_a_bad_edit_is_reported(cached, monkeypatch):
    data.load("ntt_poverty")
    data.clear_cache()
    path = cached / "data" / "ntt_poverty.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("year")] = "twenty"
    path.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", encoding="utf-8")
    with pytest.raises(data.DataError, match="ntt_poverty"):
        data.load("ntt_poverty")


def test_an_edited_schema_is_validated_again(cached, monkeypatch):
    data.load("ntt_poverty")
    data.clear_cache()
    package = json.loads((cached / "data" / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in package["resources"] if r["name"] == "ntt_poverty")
    res["schema"]["fields"][0]["description"] += " (edited)"
    (cached / "data" / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    data._package.cache_clear()
    calls = _count_validations(monkeypatch)
    data.load("ntt_poverty")
    assert "ntt_poverty" in calls


def test_an_unusable_cache_only_means_validating(cached, monkeypatch):
    (cached / "cache").write_text("a file where the folder should be")
    calls = _count_validations(monkeypatch)
    data.load("ntt_poverty")
    data.clear_cache()
    data.load("ntt_poverty")
    assert calls.count("ntt_poverty") == 2


def test_always_validates_and_writes_no_cache(cached, monkeypatch):
    monkeypatch.setenv("TIPCOURSE_VALIDATE", "always")
    calls = _count_validations(monkeypatch)
    data.load("ntt_poverty")
    data.clear_cache()
    data.load("ntt_poverty")
    assert calls.count("ntt_poverty") == 2
    assert not (cached / "cache").exists()


def test_every_resource_loads_the_same_with_and_without_the_cache(cached, monkeypatch):
    names = data.validate_all()
    monkeypatch.setenv("TIPCOURSE_VALIDATE", "always")
    data.clear_cache()
    validated = {name: data.load(name) for name in names}
    monkeypatch.delenv("TIPCOURSE_VALIDATE")
    data.clear_cache()
    calls = _count_validations(monkeypatch)
    for name in names:
        pd.testing.assert_frame_equal(data.load(name), validated[name])
    assert calls == []

"""A question bank is parsed and checked once per version: kept as JSON in the user's cache,
read back unchanged, parsed and checked again after any edit, never used by the tests' own
loads (TIPCOURSE_VALIDATE=always) or when the kept file is damaged."""

import datetime

import pytest
import yaml

from tipcourse import data
from tipcourse.quiz import banks
from tipcourse.quiz.schema import SpecError


@pytest.fixture
def bank(tmp_path, monkeypatch):
    """l99: a copy of lesson 00's first two questions, in a banks folder of the test's own,
    with the cache on in a folder of its own; yields (bank file, cache folder, parse calls)."""
    specs = list(banks.load_bank("l00").values())[:2]
    for n, spec in enumerate(specs):
        spec = spec.copy()
        spec["id"] = f"l99-q{n}"
        specs[n] = spec
    folder = tmp_path / "banks"
    folder.mkdir()
    path = folder / "l99.yaml"
    path.write_text(yaml.safe_dump(specs, allow_unicode=True, sort_keys=False), encoding="utf-8")
    monkeypatch.setattr(banks, "BANKS", folder)
    monkeypatch.setenv(data.CACHE_DIR_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(data.VALIDATE_ENV, raising=False)
    calls = []
    parse = banks.parse_yaml
    monkeypatch.setattr(banks, "parse_yaml", lambda text: calls.append(1) or parse(text))
    banks.load_bank.cache_clear()
    yield path, tmp_path / "cache" / "banks", calls
    banks.load_bank.cache_clear()


def load(lesson="l99"):
    banks.load_bank.cache_clear()  # as a new kernel would
    return banks.load_bank(lesson)


def test_a_bank_is_parsed_once_then_read_back_unchanged(bank):
    path, cache, calls = bank
    first = load()
    assert list(first) == ["l99-q0", "l99-q1"] and len(calls) == 1
    assert len(list(cache.glob("*.json"))) == 1
    assert load() == first and len(calls) == 1


def test_an_edited_bank_is_parsed_and_checked_again(bank):
    path, cache, calls = bank
    load()
    path.write_text(path.read_text(encoding="utf-8").replace("l99-q1", "l98-q1"), "utf-8")
    with pytest.raises(SpecError, match="must start with 'l99-'"):
        load()
    assert len(calls) == 2 and len(list(cache.glob("*.json"))) == 1  # the bad one is not kept


def test_a_damaged_cache_file_is_ignored(bank):
    path, cache, calls = bank
    first = load()
    for kept in cache.glob("*.json"):
        kept.write_text('{"not": "a bank"')
    assert load() == first and len(calls) == 2


def test_the_tests_own_loads_never_use_the_cache(bank, monkeypatch):
    path, cache, calls = bank
    monkeypatch.setenv(data.VALIDATE_ENV, "always")
    load()
    load()
    assert len(calls) == 2 and not cache.exists()


def test_only_what_json_gives_back_unchanged_is_kept(tmp_path):
    target = tmp_path / "kept.json"
    banks._keep(target, [{"id": "l99-a", "date": datetime.date(2024, 1, 1)}])
    banks._keep(target, [{"id": "l99-a", "options": {1: "one"}}])  # JSON keys are text
    assert not target.exists()
    banks._keep(target, [{"id": "l99-a", "points": 1.5}])
    assert banks._read_cached(target) == [{"id": "l99-a", "points": 1.5}]

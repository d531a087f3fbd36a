"""Load the course's data package: every figure the course states, with its source.

`data/datapackage.json` describes each CSV resource in the Frictionless Table Schema format.
`load(name)` reads a resource and validates it with pandera against a schema built from that
description, so a bad cell is reported with the resource, the file and the row.

Validation costs a lesson about a second (importing pandera), so a file version that passed is
remembered: `validated.json` in the user's cache folder (`TIPCOURSE_CACHE_DIR`, else
`$XDG_CACHE_HOME/tipcourse` or `~/.cache/tipcourse`) holds the SHA-256 of each file that passed,
with its schema and the files its foreign keys point to. Any edit changes the digest, so the
file is validated again; a cache that cannot be read or written only means validating again.
`TIPCOURSE_VALIDATE=always` (set by the tests) validates every load and touches no cache.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pandas as pd

from .paths import DATA

if "ipykernel" in sys.modules:  # in a notebook only (the table view imports ipywidgets' package)
    from .ui import tables

    # The tables read well: text left-aligned, a dash where a value is missing.
    tables.install()

if TYPE_CHECKING:  # imported on first validation: it is slow to import
    import pandera.pandas as pa

DATA_DIR_ENV = "TIPCOURSE_DATA_DIR"
CACHE_DIR_ENV = "TIPCOURSE_CACHE_DIR"
VALIDATE_ENV = "TIPCOURSE_VALIDATE"  # "always": validate every load, use no cache

# Table Schema type -> pandas dtype after loading.
_DTYPES = {"string": "str", "integer": "Int64", "number": "float64", "boolean": "boolean"}


class DataError(Exception):
    """A resource is missing, unknown, or breaks its schema."""


def data_dir() -> Path:
    return Path(os.environ.get(DATA_DIR_ENV, DATA))


@functools.lru_cache(maxsize=4)
def _package(directory: Path) -> dict:
    path = directory / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"The data package description is missing: {path}") from None
    except json.JSONDecodeError as err:
        raise DataError(f"{path} is not valid JSON (line {err.lineno}): {err.msg}") from None


def package() -> dict:
    """The whole data package description (a dict)."""
    return _package(data_dir())


def resource(name: str) -> dict:
    """The description of one resource: title, schema, sources, caveats."""
    for res in package()["resources"]:
        if res["name"] == name:
            return res
    known = ", ".join(sorted(r["name"] for r in package()["resources"]))
    raise DataError(f"Unknown data resource {name!r}. Known resources: {known}")


def catalogue() -> pd.DataFrame:
    """One row per resource: name, title, file and short source."""
    rows = [
        {
            "name": res["name"],
            "title": res.get("title", ""),
            "file": res["path"],
            "source": "; ".join(_source_keys(res)),
        }
        for res in package()["resources"]
    ]
    return pd.DataFrame(rows, columns=["name", "title", "file", "source"])


def citation(name: str) -> str:
    """The full references behind a resource, one per line."""
    res = resource(name)
    references = package().get("references", {})
    lines = []
    for src in res.get("sources", []):
        text = references.get(src.get("reference", ""), src.get("title", ""))
        if src.get("original"):
            text += f" (original source as cited there: {src['original']})"
        lines.append(text)
    return "\n".join(lines)


def caveats(name: str) -> list[str]:
    return list(resource(name).get("caveats", []))


def load(name: str) -> pd.DataFrame:
    """Read a resource as a DataFrame with the declared types, validated against its schema.

    Returns a fresh copy each call, so a lesson may change it freely.
    """
    path = data_dir() / resource(name)["path"]
    if not path.is_file():
        raise DataError(f"Data file for resource {name!r} is missing: {path}")
    return _load(path, name, path.stat().st_mtime_ns).copy()


@functools.lru_cache(maxsize=64)
def _load(path: Path, name: str, mtime: int) -> pd.DataFrame:
    """Cached per file version: an edited CSV is read again."""
    res = resource(name)
    schema = res["schema"]
    try:
        raw = pd.read_csv(
            path, dtype=str, keep_default_na=False, na_values=schema.get("missingValues", [""])
        )
    except (pd.errors.ParserError, UnicodeDecodeError) as err:
        raise DataError(f"Resource {name!r} ({path}) is not a readable CSV file: {err}") from None
    frame = _read_booleans(raw, schema)
    always = os.environ.get(VALIDATE_ENV) == "always"
    digest = None if always else _digest(path, schema)
    if digest is not None and digest in _validated():
        return _coerce(frame, schema)
    frame = _validate(name, path, frame, schema)
    if digest is not None:
        _remember(digest, name)
    return frame


def _coerce(frame: pd.DataFrame, schema: dict) -> pd.DataFrame:
    """The declared types, as pandera's coercion gives them, for a file version that passed."""
    return frame.astype({f["name"]: _DTYPES[f.get("type", "string")] for f in schema["fields"]})


def _digest(path: Path, schema: dict) -> str | None:
    """SHA-256 of the file, its schema and the files its foreign keys refer to."""
    h = hashlib.sha256(json.dumps(schema, sort_keys=True).encode())
    paths = [path] + [
        data_dir() / resource(fk["reference"]["resource"])["path"]
        for fk in schema.get("foreignKeys", [])
    ]
    try:
        for p in paths:
            h.update(p.read_bytes())
    except OSError:
        return None
    return h.hexdigest()


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(os.environ.get(CACHE_DIR_ENV) or Path(base) / "tipcourse")


def _validated() -> dict:
    try:
        found = json.loads((cache_dir() / "validated.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _remember(digest: str, name: str) -> None:
    """Add a passing file version to the cache (written whole, then renamed into place)."""
    known = {**_validated(), digest: name}
    with contextlib.suppress(OSError):
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", dir=folder, prefix=".validated-", suffix=".json", delete=False
        ) as fh:
            json.dump(known, fh)
        os.replace(fh.name, folder / "validated.json")


def clear_cache() -> None:
    """Forget the files read in this process (the validation cache on disk stays)."""
    _load.cache_clear()


def validate_all() -> list[str]:
    """Load every resource (validating what has not passed before); return their names."""
    names = [res["name"] for res in package()["resources"]]
    for name in names:
        load(name)
    return names


def _read_booleans(frame: pd.DataFrame, schema: dict) -> pd.DataFrame:
    """Table Schema spells booleans true/false; pandas cannot coerce those strings itself."""
    words = {"true": True, "false": False}
    for field in schema["fields"]:
        if field.get("type") == "boolean" and field["name"] in frame:
            col = frame[field["name"]]
            frame[field["name"]] = col.map(lambda v: words.get(v, v), na_action="ignore").astype(
                object
            )
    return frame


def _validate(name: str, path: Path, frame: pd.DataFrame, schema: dict) -> pd.DataFrame:
    from pandera.errors import SchemaError, SchemaErrors  # lazy: pandera is slow to import

    try:
        return _pandera_schema(schema, _foreign_values(schema)).validate(frame, lazy=True)
    except SchemaErrors as err:
        raise DataError(_describe_failures(name, path, err.failure_cases)) from None
    except SchemaError as err:  # raised for frame-level problems even when lazy
        raise DataError(f"Resource {name!r} ({path}): {err}") from None


def _pandera_schema(schema: dict, foreign: dict) -> pa.DataFrameSchema:
    import pandera.pandas as pa

    key = schema.get("primaryKey") or []
    key = [key] if isinstance(key, str) else key
    unique = key or schema.get("uniqueKeys", [None])[0]  # Table Schema v2 uniqueKeys: no nulls rule
    columns = {}
    for field in schema["fields"]:
        constraints = field.get("constraints", {})
        required = constraints.get("required", False) or field["name"] in key
        checks = _checks(pa, constraints)
        if field["name"] in foreign:
            checks.append(pa.Check.isin(foreign[field["name"]]))
        columns[field["name"]] = pa.Column(
            _DTYPES[field.get("type", "string")],
            checks=checks,
            nullable=not required,
            unique=constraints.get("unique", False),
            coerce=True,
        )
    return pa.DataFrameSchema(columns, strict=True, ordered=True, unique=unique or None)


def _checks(pa: ModuleType, constraints: dict) -> list[pa.Check]:
    checks = []
    if "minimum" in constraints:
        checks.append(pa.Check.ge(constraints["minimum"]))
    if "maximum" in constraints:
        checks.append(pa.Check.le(constraints["maximum"]))
    if "enum" in constraints:
        checks.append(pa.Check.isin(constraints["enum"]))
    if "pattern" in constraints:
        checks.append(pa.Check.str_matches(rf"^(?:{constraints['pattern']})$"))
    return checks


def _foreign_values(schema: dict) -> dict:
    """Allowed values of each column that refers to another resource's key."""
    allowed = {}
    for fk in schema.get("foreignKeys", []):
        fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        ref_fields = fk["reference"]["fields"]
        ref_fields = ref_fields if isinstance(ref_fields, list) else [ref_fields]
        target = load(fk["reference"]["resource"])
        for own, ref in zip(fields, ref_fields, strict=True):
            allowed[own] = sorted(target[ref].dropna().unique())
    return allowed


def _describe_failures(name: str, path: Path, cases: pd.DataFrame) -> str:
    lines = [f"Resource {name!r} ({path}) breaks its schema:"]
    if cases["index"].notna().any():  # cell-level failures say more than column summaries
        cases = cases[cases["index"].notna()]
    cases = cases.drop_duplicates(subset=["index", "column", "failure_case"])
    for case in cases.head(10).itertuples():
        row = "" if pd.isna(case.index) else f"line {int(case.index) + 2}, "  # header is line 1
        column = "" if pd.isna(case.column) else f"column {case.column!r}, "
        lines.append(f"  {row}{column}value {case.failure_case!r}: fails {case.check}")
    if len(cases) > 10:
        lines.append(f"  ... and {len(cases) - 10} more")
    return "\n".join(lines)


def _source_keys(res: dict) -> list[str]:
    return [s.get("reference") or s.get("title", "") for s in res.get("sources", [])]

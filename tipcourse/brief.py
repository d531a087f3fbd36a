"""A regency's indicator profile for a policy brief (lesson 08). Plain Python and pandas.

    profile = regency_profile("Sumba Timur")   # one row per indicator and year
    profile_summary(profile)                   # latest values, change, rank, gaps
    describe_gaps(profile)                     # the gaps in words
    factor_evidence()                          # which causal factor is measured, at what level

The indicators are the two that the course's data give for every regency and city of East Nusa
Tenggara (NTT), 2012-2017: the poverty rate (`ntt_poverty`) and the open unemployment rate
(`ntt_unemployment`). Each value is set beside the province's value for the same year, with the
difference in percentage points and the area's rank among the 22 regencies and cities (1 = the
highest rate). A missing value stays missing: it is never filled in, and the summary lists it.
Education (`ntt_education`) is in the course's data only for the province as a whole, so it is
not part of a regency profile (`PROVINCE_ONLY` says so); BPS NTT publishes schooling by regency
(e.g. mean years of schooling in its human development tables), for students to look up.
"""

from __future__ import annotations

import pandas as pd

from . import data
from .i18n import N_, _
from .ntt import INDICATORS, PROVINCE

# Indicators the course has only for the province: not in a regency profile.
PROVINCE_ONLY = {"education": "ntt_education"}
PROVINCE_ONLY_LABELS = {"education": N_("Education")}  # shown with _()

COLUMNS = [
    "area",
    "indicator",
    "year",
    "value",
    "province",
    "difference",
    "above_province",
    "rank",
    "n_ranked",
]


def areas() -> list[str]:
    """The 22 regencies and cities of NTT (no province row), in alphabetical order."""
    table = data.load("ntt_areas")
    return sorted(table.loc[table["kind"] != "province", "area"])


def _canonical(area: object) -> str:
    """The canonical spelling of `area` (case and spacing do not matter), or a ValueError."""
    valid = areas()
    if isinstance(area, str):
        wanted = " ".join(area.split()).casefold()
        for name in valid:
            if name.casefold() == wanted:
                return name
        if wanted in (PROVINCE.casefold(), "ntt"):
            raise ValueError(
                _(
                    "{area} is the province, which every profile is compared with. "
                    "Choose one of the 22 regencies and cities: {areas}."
                ).format(area=repr(area), areas=", ".join(valid))
            )
    raise ValueError(
        _(
            "Unknown area {area}. Choose one of the 22 regencies and cities of NTT "
            "(spelled as in ntt_areas): {areas}."
        ).format(area=repr(area), areas=", ".join(valid))
    )


def _indicator_rows(area: str, indicator: str) -> pd.DataFrame:
    spec = INDICATORS[indicator]
    table = data.load(spec.resource).rename(columns={spec.column: "value"})
    table["value"] = table["value"].astype("float64")
    province = table[table["area"] == PROVINCE].set_index("year")["value"]
    regencies = table[table["area"] != PROVINCE].copy()
    # Rank 1 = highest rate that year; areas without a value are not ranked.
    regencies["rank"] = regencies.groupby("year")["value"].rank(method="min", ascending=False)
    regencies["n_ranked"] = regencies.groupby("year")["value"].transform("count")
    rows = regencies[regencies["area"] == area].sort_values("year").reset_index(drop=True)
    rows["indicator"] = indicator
    rows["province"] = rows["year"].map(province).astype("float64")
    rows["difference"] = (rows["value"] - rows["province"]).round(2)
    above = rows["value"] > rows["province"]
    rows["above_province"] = above.astype("boolean").mask(rows["difference"].isna())
    rows["rank"] = rows["rank"].astype("Int64")
    rows["n_ranked"] = rows["n_ranked"].astype("Int64")
    return rows


def regency_profile(area: str) -> pd.DataFrame:
    """One row per indicator and year (2012-2017) for a regency or city of NTT.

    Columns: area, indicator ('poverty' or 'unemployment'), year, value (the area's rate, in
    percent), province (NTT's rate the same year), difference (value minus province, in
    percentage points), above_province (True/False; missing where either value is missing),
    rank (1 = highest rate among the regencies and cities with a value that year) and n_ranked
    (how many had a value). Missing values are kept as missing (NaN / <NA>).

    Raises ValueError, listing the valid names, for an unknown area or for the province.
    """
    name = _canonical(area)
    frames = [_indicator_rows(name, indicator) for indicator in INDICATORS]
    profile = pd.concat(frames, ignore_index=True)
    profile["area"] = name
    return profile[COLUMNS]


def _number(value: object) -> float | None:
    """A plain float, or None for a missing value."""
    if value is None or pd.isna(value):
        return None
    return float(value)


def _summarise(rows: pd.DataFrame) -> dict:
    rows = rows.sort_values("year")
    known = rows[rows["value"].notna()]
    summary = {
        "years_with_value": [int(y) for y in known["year"]],
        "missing_years": [int(y) for y in rows.loc[rows["value"].isna(), "year"]],
    }
    if known.empty:
        return summary | dict.fromkeys(
            [
                "first_year",
                "first_value",
                "latest_year",
                "latest_value",
                "province_latest",
                "difference_latest",
                "rank_latest",
                "n_ranked_latest",
                "change",
                "province_change",
                "years_above_province",
                "years_compared",
            ]
        )
    first, last = known.iloc[0], known.iloc[-1]
    compared = known[known["province"].notna()]
    change = round(last["value"] - first["value"], 2)
    province_change = _number(last["province"] - first["province"])
    return summary | {
        "first_year": int(first["year"]),
        "first_value": _number(first["value"]),
        "latest_year": int(last["year"]),
        "latest_value": _number(last["value"]),
        "province_latest": _number(last["province"]),
        "difference_latest": _number(last["difference"]),
        "rank_latest": None if pd.isna(last["rank"]) else int(last["rank"]),
        "n_ranked_latest": None if pd.isna(last["n_ranked"]) else int(last["n_ranked"]),
        "change": float(change),
        "province_change": None if province_change is None else round(province_change, 2),
        "years_above_province": [
            int(y) for y in compared.loc[compared["above_province"].astype(bool), "year"]
        ],
        "years_compared": [int(y) for y in compared["year"]],
    }


def profile_summary(profile: pd.DataFrame) -> dict:
    """The profile in a few numbers, per indicator: what a brief's evidence section quotes.

    For each indicator: first and latest year with a value and the values then, the province's
    latest value and the difference, the latest rank (of how many), the change over the period
    in percentage points (latest minus first; and the province's change over the same years),
    the years the area was above the province (and the years a comparison was possible) and
    the years with no value. Plus `area` and `province_only` (indicators without regency data).
    """
    missing = [c for c in COLUMNS if c not in profile.columns]
    if missing:
        raise ValueError(
            _("Not a profile from regency_profile(): columns {columns} are missing.").format(
                columns=missing
            )
        )
    names = profile["area"].unique()
    if len(names) != 1:
        raise ValueError(_("A profile describes one area; this one has {n}.").format(n=len(names)))
    summary = {"area": str(names[0])}
    for indicator in INDICATORS:
        summary[indicator] = _summarise(profile[profile["indicator"] == indicator])
    summary["province_only"] = sorted(PROVINCE_ONLY)
    return summary


def describe_gaps(profile: pd.DataFrame) -> list[str]:
    """The gaps of a profile in plain words, for the brief's evidence-gaps section."""
    summary = profile_summary(profile)
    lines = []
    for indicator, spec in INDICATORS.items():
        years = summary[indicator]["missing_years"]
        if years:
            lines.append(
                _("{indicator}: no value for {area} in {years} ({resource}).").format(
                    indicator=f"{_(spec.label)} ({_(spec.unit)})",
                    area=summary["area"],
                    years=", ".join(map(str, years)),
                    resource=spec.resource,
                )
            )
    for indicator, resource in PROVINCE_ONLY.items():
        name = PROVINCE_ONLY_LABELS.get(indicator)
        lines.append(
            _(
                "{indicator}: the course's data have only a province-wide figure "
                "({resource}); BPS NTT publishes regency figures to look up for {area}."
            ).format(
                indicator=_(name) if name else indicator.capitalize(),
                resource=resource,
                area=summary["area"],
            )
        )
    return lines


# What measures each causal factor of `ntt_causal_factors` in the course data, and at what level.
FACTOR_MEASURES = {
    "poverty": ("ntt_poverty", "regency"),
    "unemployment": ("ntt_unemployment", "regency"),
    "low_education": ("ntt_education", "province"),
    "land_and_skills": ("ntt_geography", "province"),
}


def factor_evidence() -> pd.DataFrame:
    """Each causal factor the thesis names, with the resource that measures it and the level.

    level is 'regency' (a value for every regency and city), 'province' (one figure for NTT as a
    whole: it cannot describe a regency) or 'not measured' (argued from other studies only).
    """
    factors = data.load("ntt_causal_factors")[["factor_id", "factor"]].copy()
    factors["measured_by"] = factors["factor_id"].map(
        lambda f: FACTOR_MEASURES.get(f, (None, None))[0]
    )
    factors["level"] = factors["factor_id"].map(
        lambda f: FACTOR_MEASURES.get(f, (None, "not measured"))[1]
    )
    return factors.reset_index(drop=True)

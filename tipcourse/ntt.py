"""East Nusa Tenggara in the course's data: the province row's name and the indicators the data
give for every regency and city, named once for the explorer (lesson 06), the brief (lesson 08)
and the lessons."""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import N_

PROVINCE = "Nusa Tenggara Timur"  # the province's row in the regency tables (`ntt_areas`)


@dataclass(frozen=True)
class Indicator:
    resource: str
    column: str
    label: str  # for titles and table captions (marked N_: shown with _())
    axis: str  # the y axis, before the unit
    unit: str


INDICATORS = {
    "poverty": Indicator(
        "ntt_poverty", "poverty_rate_pct", N_("Poverty rate"), N_("rate"), N_("% of population")
    ),
    "unemployment": Indicator(
        "ntt_unemployment",
        "open_unemployment_rate_pct",
        N_("Open unemployment rate"),
        N_("rate"),
        N_("% of labour force"),
    ),
}

"""East Nusa Tenggara in the course's data: the province row's name and the indicators the data
give for every regency and city, named once for the explorer (lesson 06), the brief (lesson 08)
and the lessons."""

from __future__ import annotations

from dataclasses import dataclass

PROVINCE = "Nusa Tenggara Timur"  # the province's row in the regency tables (`ntt_areas`)


@dataclass(frozen=True)
class Indicator:
    resource: str
    column: str
    label: str  # for titles and table captions
    axis: str  # the y axis, before the unit
    unit: str

    @property
    def label_with_unit(self) -> str:
        return f"{self.label} ({self.unit})"


INDICATORS = {
    "poverty": Indicator(
        "ntt_poverty", "poverty_rate_pct", "Poverty rate", "rate", "% of population"
    ),
    "unemployment": Indicator(
        "ntt_unemployment",
        "open_unemployment_rate_pct",
        "Open unemployment rate",
        "rate",
        "% of labour force",
    ),
}

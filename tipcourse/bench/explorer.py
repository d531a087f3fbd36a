"""How fast does the NTT explorer (lesson 06) follow a change? Target: under 200 ms each.

`run()` builds the explorer as the lesson does, then makes a fixed, scripted series of changes
(areas, indicator, years), the way a student clicks, and times each one from setting the
control's value to the new plot and table being in place (the widget updates synchronously).
Matplotlib draws on its Agg canvas. Wall-clock and CPU times are both reported: on a busy
machine the wall time includes waiting for the processor, the CPU time does not.
`make bench` prints the lines; `python -m tipcourse.bench_explorer` prints them alone.
"""

from __future__ import annotations

import gc
import statistics
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..explorer import Explorer

N_CHANGES = 20
TARGET_MS = 200.0

# (control, value) in order; cycled to N_CHANGES. Areas and years vary the most, as in use.
SCRIPT = [
    ("areas", ("Sumba Tengah", "Sabu Raijua")),
    ("areas", ("Sumba Tengah", "Sabu Raijua", "Kota Kupang")),
    ("indicator", "unemployment"),
    ("years", (2013, 2017)),
    ("areas", ("Malaka", "Belu")),
    ("years", (2012, 2015)),
    ("indicator", "poverty"),
    ("areas", ("Alor", "Ende", "Flores Timur", "Lembata", "Sikka")),
    ("years", (2015, 2017)),
    ("areas", ()),
    ("areas", ("Kupang", "Kota Kupang")),
    ("indicator", "unemployment"),
    ("years", (2012, 2017)),
    ("areas", ("Timor Tengah Selatan", "Timor Tengah Utara", "Rote Ndao")),
    ("indicator", "poverty"),
    ("areas", ("Manggarai", "Manggarai Barat", "Manggarai Timur", "Ngada", "Nagekeo")),
    ("years", (2014, 2016)),
    ("areas", ("Sumba Barat", "Sumba Barat Daya", "Sumba Timur", "Sumba Tengah")),
    ("indicator", "unemployment"),
    ("years", (2012, 2017)),
]


def time_updates(n: int = N_CHANGES) -> tuple[list[float], list[float], Explorer]:
    """Wall and CPU milliseconds of n scripted changes, and the explorer (for checks)."""
    import matplotlib

    matplotlib.use("Agg")
    from .. import plots
    from ..explorer import Explorer

    plots.style()
    explorer = Explorer()
    gc.collect()  # start from a clean heap, as a fresh kernel does
    wall, cpu = [], []
    for i in range(n):
        control, value = SCRIPT[i % len(SCRIPT)]
        widget = getattr(explorer, control)  # every step changes the state (tested)
        plots.clear_cache()  # time a real drawing, never a view that was drawn before
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        widget.value = value
        wall.append((time.perf_counter() - start_wall) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu, explorer


def run(n: int = N_CHANGES) -> list[str]:
    """Report lines for `make bench`."""
    wall, cpu, _ = time_updates(n)
    verdict = "met" if max(wall) < TARGET_MS else "NOT met"
    lines = [
        f"NTT explorer (lesson 06): {len(wall)} updates (areas, indicator, years; Agg backend): "
        f"median {statistics.median(wall):.0f} ms, max {max(wall):.0f} ms wall-clock; "
        f"CPU median {statistics.median(cpu):.0f} ms, max {max(cpu):.0f} ms; "
        f"target < {TARGET_MS:.0f} ms each (wall-clock): {verdict}.",
    ]
    if statistics.median(wall) > 1.5 * statistics.median(cpu):
        lines.append(
            "  The wall-clock times are well above the CPU times: the machine was busy "
            "with other work; run again on an idle machine to judge the target."
        )
    return lines


if __name__ == "__main__":
    print("\n".join(run()))

"""How fast does the NTT explorer (lesson 06) follow a change? Target: under 200 ms each.

`run()` builds the explorer as the lesson does, then makes a fixed, scripted series of changes
(taps on areas, "All areas" and "Clear", indicator, years), the way a student taps or
clicks, and times each one from the change of a control's value to the new plot and table
being in place (the widget updates synchronously).
Matplotlib draws on its Agg canvas. Wall-clock and CPU times are both reported: on a busy
machine the wall time includes waiting for the processor, the CPU time does not.
`make bench` prints the lines; `python -m tipcourse.bench.explorer` prints them alone.
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

# (control, value) in order, from the explorer's first view (poverty; Sumba Tengah and Kota
# Kupang; 2012-2017); cycled to N_CHANGES. Most are taps on one area's checkbox, as in use.
SCRIPT = [
    ("tap", "Sabu Raijua"),
    ("tap", "Kota Kupang"),
    ("indicator", "unemployment"),
    ("years", (2013, 2017)),
    ("tap", "Malaka"),
    ("tap", "Belu"),
    ("years", (2012, 2015)),
    ("indicator", "poverty"),
    ("all", None),
    ("years", (2015, 2017)),
    ("clear", None),
    ("tap", "Kupang"),
    ("tap", "Kota Kupang"),
    ("indicator", "unemployment"),
    ("years", (2012, 2017)),
    ("tap", "Timor Tengah Selatan"),
    ("tap", "Kupang"),
    ("indicator", "poverty"),
    ("all", None),
    ("tap", "Sumba Barat"),
]


def apply(explorer: Explorer, control: str, value: object) -> None:
    """One scripted change, made the way the front end makes it: a tap toggles one area's
    checkbox, "all" and "clear" press those buttons, the rest set the control's value."""
    if control == "tap":
        box = explorer.areas.boxes[value]
        box.value = not box.value
    elif control in ("all", "clear"):
        getattr(explorer.areas, f"{control}_button").click()
    else:
        getattr(explorer, control).value = value


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
        control, value = SCRIPT[i % len(SCRIPT)]  # every step changes the state (tested)
        plots.clear_cache()  # time a real drawing, never a view that was drawn before
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        apply(explorer, control, value)
        wall.append((time.perf_counter() - start_wall) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu, explorer


def run(n: int = N_CHANGES) -> list[str]:
    """Report lines for `make bench`."""
    wall, cpu, _ = time_updates(n)
    from ..explorer import PLOT_PX

    verdict = "met" if max(wall) < TARGET_MS else "NOT met"
    lines = [
        f"NTT explorer (lesson 06): {len(wall)} updates (area taps, All/Clear, indicator, years; "
        f"Agg backend, {PLOT_PX[0]}x{PLOT_PX[1]} px plot): "
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

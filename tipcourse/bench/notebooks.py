"""`make bench`: execution time of every notebook against a bare kernel, the NTT explorer's update
time, and the grader's speed.

Two baselines, each a notebook of one cell of imports:
- plain: only pandas, seaborn, matplotlib, ipywidgets and tipcourse. What the course chooses to
  import on top counts against the lesson. Target: every notebook within 1.3 times it.
- course: everything the lessons import (yaml, mistune, pandera, the question widget), as
  before; its ratio shows a lesson's own work beyond its imports.
A third run, the notebook's skeleton, shows how much of a notebook's time is its structure:
the same code cells, its first (setup) cell and its question and aid widgets kept, every other
cell `pass`. A skeleton's ratio to plain is what the cells and widgets cost by themselves
(ipykernel's round trip per cell, a widget's models); the rest is the notebook's own work
(data, tables, plots).
A benchmark, not a test: it reports and never fails the build.

Timings on a shared virtual machine drift by 20% or more within minutes, so each notebook is
run back to back with both baselines, REPEAT times, and each reported ratio is the median of
the REPEAT runs' ratios (a run shares the machine's state of the moment). The data package is
validated once before the runs and the runs share that validation cache, as a student's
kernels do (tipcourse.data).
"""

from __future__ import annotations

import re
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from ..authoring.execute import execute_notebook, hermetic_env
from ..data import CACHE_DIR_ENV, clear_cache, validate_all
from ..paths import ROOT

FOLDERS = ("notebooks", "exercises", "solutions")
PLAIN_IMPORTS = "import pandas, seaborn, matplotlib.pyplot, ipywidgets, tipcourse"
BASELINE_IMPORTS = (
    "import pandas, seaborn, matplotlib.pyplot, ipywidgets, yaml, mistune, "
    "pandera.pandas\nimport tipcourse.course, tipcourse.data, tipcourse.quiz.widget"
)
TARGET = 1.3  # against the plain baseline
REPEAT = 3
_ENV: dict[str, str] = {}  # the shared data cache of a `main()` run


def _seconds(nb: nbformat.NotebookNode, cwd: Path) -> float:
    """One execution (kernel start included, as a student would see it)."""
    copy = nbformat.from_dict(nb)
    start = time.perf_counter()
    execute_notebook(copy, cwd=cwd, env=_ENV)
    return time.perf_counter() - start


def baseline_notebook(imports: str = BASELINE_IMPORTS) -> nbformat.NotebookNode:
    return new_notebook(cells=[new_code_cell(imports)])


def paired(
    nb: nbformat.NotebookNode, cwd: Path, repeat: int = REPEAT, imports: str = BASELINE_IMPORTS
) -> tuple[float, float, float]:
    """(median baseline seconds, median notebook seconds, median of the pairs' ratios)."""
    base, own = [], []
    for _ in range(repeat):
        base.append(_seconds(baseline_notebook(imports), ROOT))
        own.append(_seconds(nb, cwd))
    ratio = statistics.median(o / b for o, b in zip(own, base, strict=True))
    return statistics.median(base), statistics.median(own), ratio


# A cell that shows a widget of the course: course.ask("l05-kepri"), course.palermo_aid(), ...
WIDGET_CELL = re.compile(r"course\.\w+\([^()]*\)")


def _keeps(source: str) -> bool:
    return source.startswith("%%question") or WIDGET_CELL.fullmatch(source.strip()) is not None


def skeleton(nb: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, int]:
    """The notebook with only its setup cell and widget cells (every other code cell `pass`),
    and the number of widget cells."""
    copy = nbformat.from_dict(nb)
    code = [cell for cell in copy.cells if cell.cell_type == "code"]
    widgets = 0
    for cell in code[1:]:
        if _keeps(cell.source):
            widgets += 1
        else:
            cell.source = "pass"
    return copy, widgets


def against_both(nb: nbformat.NotebookNode, cwd: Path, repeat: int = REPEAT) -> dict[str, float]:
    """Seconds of the notebook, of each baseline and of its skeleton, and the notebook's ratio to
    each baseline and the skeleton's to plain (medians of the runs' ratios), and how many widget
    cells the skeleton kept."""
    bare, widgets = skeleton(nb)
    plain, course, frame, own = [], [], [], []
    for _ in range(repeat):
        plain.append(_seconds(baseline_notebook(PLAIN_IMPORTS), ROOT))
        course.append(_seconds(baseline_notebook(BASELINE_IMPORTS), ROOT))
        frame.append(_seconds(bare, cwd))
        own.append(_seconds(nb, cwd))

    def ratio(times: list[float], base: list[float]) -> float:
        return statistics.median(t / b for t, b in zip(times, base, strict=True))

    return {
        "seconds": statistics.median(own),
        "plain": statistics.median(plain),
        "course": statistics.median(course),
        "ratio_plain": ratio(own, plain),
        "ratio_course": ratio(own, course),
        "ratio_skeleton": ratio(frame, plain),
        "widgets": widgets,
    }


def notebook_paths() -> list[Path]:
    return [p for folder in FOLDERS for p in sorted((ROOT / folder).glob("*.ipynb"))]


def main() -> int:
    from .explorer import run as explorer_report
    from .grading import run as grading_report

    # These two time work inside one process, so they run first: after a hundred notebook
    # executions this process holds a large heap, and Python's garbage collector, running in
    # the middle of a timed step, would measure the benchmark rather than the explorer.
    reports = explorer_report() + grading_report()
    print(
        f"target: each notebook within {TARGET}x a plain kernel ({PLAIN_IMPORTS}); "
        f"'course' imports all the lessons import; 'skeleton': the notebook's setup and widget "
        f"cells only, to plain; medians of {REPEAT} runs"
    )
    print(
        f"{'notebook':46} {'cells':>5} {'widgets':>7} {'seconds':>8} {'plain':>6} {'ratio':>6} "
        f"{'course':>7} {'ratio':>6} {'skeleton':>8}"
    )
    ratios = []
    with tempfile.TemporaryDirectory(prefix="tipcourse-bench-cache-") as cache:
        _ENV[CACHE_DIR_ENV] = cache
        with hermetic_env({CACHE_DIR_ENV: cache}):
            clear_cache()
            validate_all()  # as `make setup` does for a student
        try:
            for path in notebook_paths():
                nb = nbformat.read(path, as_version=4)
                cells = sum(cell.cell_type == "code" for cell in nb.cells)
                r = against_both(nb, path.parent)
                ratios.append(r["ratio_plain"])
                flag = "" if r["ratio_plain"] <= TARGET else "  OVER TARGET"
                print(
                    f"{str(path.relative_to(ROOT)):46} {cells:5} {r['widgets']:7} "
                    f"{r['seconds']:8.2f} {r['plain']:6.2f} {r['ratio_plain']:6.2f} "
                    f"{r['course']:7.2f} {r['ratio_course']:6.2f} {r['ratio_skeleton']:8.2f}{flag}",
                    flush=True,
                )
        finally:
            _ENV.clear()
    if ratios:
        print(f"ratio to plain: median {statistics.median(ratios):.2f}, max {max(ratios):.2f}")
    for line in reports:
        print(line)
    return 0

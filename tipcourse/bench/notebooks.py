"""`make bench`: execution time of every notebook against a bare kernel, the NTT explorer's update
time, and the grader's speed.

Two baselines, each a notebook of one cell of imports:
- plain: only pandas, seaborn, matplotlib, ipywidgets and tipcourse. What the course chooses to
  import on top counts against the lesson. Target: every notebook within 1.3 times it.
- course: everything the lessons import (yaml, mistune, pandera, the question widget), as
  before; its ratio shows a lesson's own work beyond its imports.
A benchmark, not a test: it reports and never fails the build.

Timings on a shared virtual machine drift by 20% or more within minutes, so each notebook is
run back to back with both baselines, REPEAT times, and each reported ratio is the median of
the REPEAT runs' ratios (a run shares the machine's state of the moment). The data package is
validated once before the runs and the runs share that validation cache, as a student's
kernels do (tipcourse.data).
"""

from __future__ import annotations

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


def against_both(nb: nbformat.NotebookNode, cwd: Path, repeat: int = REPEAT) -> dict[str, float]:
    """Seconds of the notebook and of each baseline, and its ratio to each (medians)."""
    plain, course, own = [], [], []
    for _ in range(repeat):
        plain.append(_seconds(baseline_notebook(PLAIN_IMPORTS), ROOT))
        course.append(_seconds(baseline_notebook(BASELINE_IMPORTS), ROOT))
        own.append(_seconds(nb, cwd))
    return {
        "seconds": statistics.median(own),
        "plain": statistics.median(plain),
        "course": statistics.median(course),
        "ratio_plain": statistics.median(o / b for o, b in zip(own, plain, strict=True)),
        "ratio_course": statistics.median(o / b for o, b in zip(own, course, strict=True)),
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
        f"'course' imports all the lessons import; medians of {REPEAT} runs"
    )
    print(f"{'notebook':50} {'seconds':>8} {'plain':>6} {'ratio':>6} {'course':>7} {'ratio':>6}")
    ratios = []
    with tempfile.TemporaryDirectory(prefix="tipcourse-bench-cache-") as cache:
        _ENV[CACHE_DIR_ENV] = cache
        with hermetic_env({CACHE_DIR_ENV: cache}):
            clear_cache()
            validate_all()  # as `make setup` does for a student
        try:
            for path in notebook_paths():
                r = against_both(nbformat.read(path, as_version=4), path.parent)
                ratios.append(r["ratio_plain"])
                flag = "" if r["ratio_plain"] <= TARGET else "  OVER TARGET"
                print(
                    f"{str(path.relative_to(ROOT)):50} {r['seconds']:8.2f} {r['plain']:6.2f} "
                    f"{r['ratio_plain']:6.2f} {r['course']:7.2f} {r['ratio_course']:6.2f}{flag}",
                    flush=True,
                )
        finally:
            _ENV.clear()
    if ratios:
        print(f"ratio to plain: median {statistics.median(ratios):.2f}, max {max(ratios):.2f}")
    for line in reports:
        print(line)
    return 0

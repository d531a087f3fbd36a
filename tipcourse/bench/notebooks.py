"""`make bench`: execution time of every notebook against a bare kernel, the NTT explorer's update
time, and the grader's speed.

The baseline is a notebook whose one cell imports the libraries the lessons use, so the ratio
shows each lesson's own work. Target: every notebook within 1.5 times the baseline.
A benchmark, not a test: it reports and never fails the build.

Timings on a shared virtual machine drift by 20% or more within minutes, so each notebook is
paired with the baseline: the two run back to back, REPEAT times, and the reported ratio is
the median of the REPEAT pairs' ratios (a pair shares the machine's state of the moment).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from ..authoring.execute import execute_notebook
from ..paths import ROOT

FOLDERS = ("notebooks", "exercises", "solutions")
BASELINE_IMPORTS = (
    "import pandas, seaborn, matplotlib.pyplot, ipywidgets, yaml, mistune, "
    "pandera.pandas\nimport tipcourse.course, tipcourse.data, tipcourse.quiz.widget"
)
TARGET = 1.5
REPEAT = 5


def _seconds(nb: nbformat.NotebookNode, cwd: Path) -> float:
    """One execution (kernel start included, as a student would see it)."""
    copy = nbformat.from_dict(nb)
    start = time.perf_counter()
    execute_notebook(copy, cwd=cwd)
    return time.perf_counter() - start


def baseline_notebook() -> nbformat.NotebookNode:
    return new_notebook(cells=[new_code_cell(BASELINE_IMPORTS)])


def paired(
    nb: nbformat.NotebookNode, cwd: Path, repeat: int = REPEAT
) -> tuple[float, float, float]:
    """(median baseline seconds, median notebook seconds, median of the pairs' ratios)."""
    base, own = [], []
    for _ in range(repeat):
        base.append(_seconds(baseline_notebook(), ROOT))
        own.append(_seconds(nb, cwd))
    ratio = statistics.median(o / b for o, b in zip(own, base, strict=True))
    return statistics.median(base), statistics.median(own), ratio


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
        f"target: each notebook within {TARGET}x a kernel that only imports the libraries; "
        f"median of {REPEAT} runs, each paired with a baseline run"
    )
    print(f"{'notebook':55} {'seconds':>8} {'baseline':>8} {'ratio':>6}")
    ratios = []
    for path in notebook_paths():
        base, seconds, ratio = paired(nbformat.read(path, as_version=4), path.parent)
        ratios.append(ratio)
        flag = "" if ratio <= TARGET else "  OVER TARGET"
        print(
            f"{str(path.relative_to(ROOT)):55} {seconds:8.2f} {base:8.2f} {ratio:6.2f}{flag}",
            flush=True,
        )
    if ratios:
        print(f"median ratio {statistics.median(ratios):.2f}, max {max(ratios):.2f}")
    for line in reports:
        print(line)
    return 0

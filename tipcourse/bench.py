"""`make bench`: execution time of every notebook against a bare kernel, the NTT explorer's update
time, and the grader's speed.

The baseline is a notebook whose one cell imports the libraries the lessons use, so the ratio
shows each lesson's own work. Target: every notebook within 1.5 times the baseline.
A benchmark, not a test: it reports and never fails the build.
"""
from __future__ import annotations

import statistics
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from .execute import execute_notebook

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("notebooks", "exercises", "solutions")
BASELINE_IMPORTS = ("import pandas, seaborn, matplotlib.pyplot, ipywidgets, yaml, mistune, "
                    "pandera.pandas\nimport tipcourse.course, tipcourse.data, tipcourse.widgets")
TARGET = 1.5
REPEAT = 2


def _time(nb, cwd) -> float:
    """Best of REPEAT executions (kernel start included, as a student would see it)."""
    times = []
    for _ in range(REPEAT):
        copy = nbformat.from_dict(nb)
        start = time.perf_counter()
        execute_notebook(copy, cwd=cwd)
        times.append(time.perf_counter() - start)
    return min(times)


def baseline_seconds() -> float:
    nb = new_notebook(cells=[new_code_cell(BASELINE_IMPORTS)])
    return _time(nb, ROOT)


def notebook_paths() -> list[Path]:
    return [p for folder in FOLDERS for p in sorted((ROOT / folder).glob("*.ipynb"))]


def main() -> int:
    base = baseline_seconds()
    print(f"baseline (kernel + imports): {base:.2f} s; target: each notebook within {TARGET}x")
    print(f"{'notebook':55} {'seconds':>8} {'ratio':>6}")
    ratios = []
    for path in notebook_paths():
        seconds = _time(nbformat.read(path, as_version=4), path.parent)
        ratios.append(seconds / base)
        flag = "" if seconds / base <= TARGET else "  OVER TARGET"
        print(f"{str(path.relative_to(ROOT)):55} {seconds:8.2f} {seconds / base:6.2f}{flag}")
    if ratios:
        print(f"median ratio {statistics.median(ratios):.2f}, max {max(ratios):.2f}")
    from .bench_explorer import run as explorer_report
    from .bench_grading import run as grading_report

    for line in explorer_report() + grading_report():
        print(line)
    return 0

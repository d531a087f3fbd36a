"""`make bench`: execution time of every notebook against a bare kernel, the NTT explorer's update
time, and the grader's speed.

Two baselines, each a notebook of one cell of imports:
- plain: only pandas, seaborn, matplotlib, ipywidgets and tipcourse. What the course chooses to
  import on top counts against the lesson.
- course: everything the lessons import (yaml, mistune, pandera, the question widget), as
  before; its ratio shows a lesson's own work beyond its imports.
Each notebook runs in three forms beside them:
- the whole notebook, every cell. Target: within 1.3 times plain (TARGET). This is also what a
  student who opens a lesson with Run All waits for before the first question answers: the
  kernel handles a widget's click only after the cells queued before it (tests/test_browser.py
  measures it in JupyterLab).
- its opening: the notebook up to its first widget (the setup cell, the first section, the
  first question or aid), what a student running the cells one by one waits for.
- its skeleton: the same code cells, its first (setup) cell and its question and aid widgets
  kept, every other cell `pass`. A skeleton's ratio to plain is what the cells and widgets
  cost by themselves (ipykernel's round trip per cell, a widget's models); the rest is the
  notebook's own work (data, tables, plots).
A benchmark, not a test: it reports and never fails the build.

The runs measure what a student's machine does on a lesson's second opening: the data package
validated once (tipcourse.data), matplotlib's font list and the course's bytecode written once,
all shared by the runs (each run's answers and IPython profile are still its own). Without
that, every kernel would rebuild matplotlib's font list (about 0.3 s, in the plain baseline
too) and, where PYTHONDONTWRITEBYTECODE is set, compile the course's modules again.

Timings on a shared virtual machine drift by 20% or more within minutes, so each notebook is
run back to back with the baselines, REPEAT times, and each reported ratio is the median of
the REPEAT runs' ratios (a run shares the machine's state of the moment).
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
from ..paths import PACKAGE, ROOT

FOLDERS = ("notebooks", "exercises", "solutions")
PLAIN_IMPORTS = "import pandas, seaborn, matplotlib.pyplot, ipywidgets, tipcourse"
BASELINE_IMPORTS = (
    "import pandas, seaborn, matplotlib.pyplot, ipywidgets, yaml, mistune, "
    "pandera.pandas\nimport tipcourse.course, tipcourse.data, tipcourse.quiz.widget"
)
TARGET = 1.3  # the whole notebook, against the plain baseline
REPEAT = 5  # a median of three was still moved by one slow run (a 1.43 beside paired 1.20s)
_ENV: dict[str, str] = {}  # what a `main()` run's kernels share (student_machine)


def _seconds(nb: nbformat.NotebookNode, cwd: Path) -> float:
    """One execution (kernel start included, as a student would see it)."""
    copy = nbformat.from_dict(nb)
    start = time.perf_counter()
    execute_notebook(copy, cwd=cwd, env=_ENV)
    return time.perf_counter() - start


def baseline_notebook(imports: str = BASELINE_IMPORTS) -> nbformat.NotebookNode:
    return new_notebook(cells=[new_code_cell(imports)])


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


def opening(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook's cells up to and including its first widget cell after the setup cell;
    the whole notebook when it has none."""
    copy = nbformat.from_dict(nb)
    code = [i for i, cell in enumerate(copy.cells) if cell.cell_type == "code"]
    first = next((i for i in code[1:] if _keeps(copy.cells[i].source)), None)
    if first is not None:
        copy.cells = copy.cells[: first + 1]
    return copy


def measure(nb: nbformat.NotebookNode, cwd: Path, repeat: int = REPEAT) -> dict[str, float]:
    """Seconds of each baseline and of the notebook's three forms, each form's ratio to plain
    (the whole notebook's to course too; medians of the runs' ratios), how many widget cells
    the skeleton kept and how many code cells the opening runs."""
    bare, widgets = skeleton(nb)
    start = opening(nb)
    runs: dict[str, list[float]] = {k: [] for k in ("plain", "course", "opening", "frame", "own")}
    for _ in range(repeat):
        runs["plain"].append(_seconds(baseline_notebook(PLAIN_IMPORTS), ROOT))
        runs["course"].append(_seconds(baseline_notebook(BASELINE_IMPORTS), ROOT))
        runs["opening"].append(_seconds(start, cwd))
        runs["frame"].append(_seconds(bare, cwd))
        runs["own"].append(_seconds(nb, cwd))

    def ratio(form: str, base: str = "plain") -> float:
        return statistics.median(t / b for t, b in zip(runs[form], runs[base], strict=True))

    median = {k: statistics.median(v) for k, v in runs.items()}
    return {
        "seconds": median["own"],
        "plain": median["plain"],
        "course": median["course"],
        "opening": median["opening"],
        "ratio_opening": ratio("opening"),
        "ratio_plain": ratio("own"),
        "ratio_course": ratio("own", "course"),
        "ratio_skeleton": ratio("frame"),
        "widgets": widgets,
        "opening_cells": sum(cell.cell_type == "code" for cell in start.cells),
    }


def student_machine(env: dict[str, str], folder: Path) -> None:
    """Set up what a student's machine keeps between kernels, shared by every run (see the
    module docstring): the validated data, matplotlib's font list, the course's bytecode."""
    import compileall

    env[CACHE_DIR_ENV] = str(folder / "cache")
    env["MPLCONFIGDIR"] = str(folder / "matplotlib")
    with hermetic_env(env):
        clear_cache()
        validate_all()  # as `make setup` does for a student
    compileall.compile_dir(PACKAGE, quiet=1)  # as a first import would, bytecode allowed
    _seconds(baseline_notebook(PLAIN_IMPORTS), ROOT)  # writes the font list, warms the disk


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
        f"target: each notebook, every cell, within {TARGET}x a plain kernel ({PLAIN_IMPORTS}); "
        f"'opening': its cells up to its first widget; 'course': a kernel importing all the "
        f"lessons import; 'skeleton': the setup and widget cells only; ratios to plain unless "
        f"named; medians of {REPEAT} runs; cells: all code cells / the opening's"
    )
    print(
        f"{'notebook':46} {'cells':>7} {'widgets':>7} {'plain':>6} {'whole':>6} {'ratio':>6} "
        f"{'to course':>9} {'opening':>7} {'ratio':>6} {'skeleton':>8}"
    )
    openings, wholes = [], []
    with tempfile.TemporaryDirectory(prefix="tipcourse-bench-") as folder:
        student_machine(_ENV, Path(folder))
        try:
            for path in notebook_paths():
                nb = nbformat.read(path, as_version=4)
                r = measure(nb, path.parent)
                code = sum(cell.cell_type == "code" for cell in nb.cells)
                cells = f"{code}/{r['opening_cells']}"
                openings.append(r["ratio_opening"])
                wholes.append(r["ratio_plain"])
                flag = "" if r["ratio_plain"] <= TARGET else "  OVER TARGET"
                print(
                    f"{str(path.relative_to(ROOT)):46} {cells:>7} {r['widgets']:7} "
                    f"{r['plain']:6.2f} {r['seconds']:6.2f} {r['ratio_plain']:6.2f} "
                    f"{r['ratio_course']:9.2f} {r['opening']:7.2f} {r['ratio_opening']:6.2f} "
                    f"{r['ratio_skeleton']:8.2f}{flag}",
                    flush=True,
                )
        finally:
            _ENV.clear()
    if openings:
        print(
            f"ratio to plain: median {statistics.median(wholes):.2f}, max {max(wholes):.2f}, "
            f"{sum(w > TARGET for w in wholes)} of {len(wholes)} over {TARGET}; openings: median "
            f"{statistics.median(openings):.2f}, max {max(openings):.2f}"
        )
    for line in reports:
        print(line)
    return 0

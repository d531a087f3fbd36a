"""The benchmark's arithmetic (timings faked: the real runs belong to `make bench`)."""

import compileall
import os

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tipcourse.bench import notebooks as bench


def test_baseline_imports_what_the_lessons_import():
    source = bench.baseline_notebook().cells[0].source
    for module in (
        "pandas",
        "seaborn",
        "matplotlib.pyplot",
        "ipywidgets",
        "pandera.pandas",
        "tipcourse.course",
        "tipcourse.data",
        "tipcourse.quiz.widget",
    ):
        assert module in source


def test_measure_reports_each_form_against_its_baseline(monkeypatch):
    # Runs go plain, course, opening, skeleton, notebook:
    # (2, 3, 2.2, 2.4, 4), (2, 4, 2.6, 3, 3), (4, 4, 4.4, 4, 6): the notebook to plain 2, 1.5,
    # 1.5, to course 4/3, 3/4, 3/2; the opening to plain 1.1, 1.3, 1.1; the skeleton 1.2, 1.5, 1.
    times = iter([2.0, 3.0, 2.2, 2.4, 4.0, 2.0, 4.0, 2.6, 3.0, 3.0, 4.0, 4.0, 4.4, 4.0, 6.0])
    monkeypatch.setattr(bench, "_seconds", lambda nb, cwd: next(times))
    r = bench.measure(bench.baseline_notebook(), bench.ROOT, repeat=3)
    assert (r["seconds"], r["plain"], r["course"], r["opening"]) == (4.0, 2.0, 4.0, 2.6)
    assert (r["ratio_plain"], r["ratio_course"]) == (1.5, 4 / 3)
    assert r["ratio_opening"] == pytest.approx(1.1)
    assert r["ratio_skeleton"] == 1.2
    assert r["opening_cells"] == 1


def test_an_opening_ends_with_the_first_widget_after_the_setup():
    nb = nbformat.read(bench.ROOT / "notebooks" / "05_1_indonesia_law.ipynb", 4)
    start = bench.opening(nb)
    assert start.cells == nb.cells[: len(start.cells)]
    assert start.cells[-1].source == 'course.ask("l05-timeline-order")'
    code = [c.source for c in start.cells if c.cell_type == "code"]
    assert code[0].startswith("from tipcourse import course")
    assert not any(bench._keeps(s) for s in code[1:-1])  # the question is the first widget
    assert len(start.cells) < len(nb.cells)


def test_a_notebook_without_widgets_opens_whole():
    nb = new_notebook(
        cells=[
            new_code_cell("import tipcourse"),
            new_markdown_cell("# Text"),
            new_code_cell("x = 1"),
            new_code_cell("x"),
        ]
    )
    assert bench.opening(nb).cells == nb.cells


def test_a_skeleton_keeps_the_setup_and_the_widgets_and_empties_the_rest():
    nb = nbformat.read(bench.ROOT / "notebooks" / "05_1_indonesia_law.ipynb", 4)
    bare, widgets = bench.skeleton(nb)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    kept = [c.source for c in bare.cells if c.cell_type == "code"]
    assert len(kept) == len(code) and kept[0] == code[0]
    assert widgets == 14  # its questions (the timeline explorer is content: `pass`)
    assert [s for s in kept[1:] if s != "pass"] == [s for s in code[1:] if bench._keeps(s)]
    assert 'course.ask("l05-taskforce")' in kept and "pass" in kept
    assert all(c.source == "pass" or "data.load" not in c.source for c in bare.cells)
    assert code == [c.source for c in nb.cells if c.cell_type == "code"]  # nb itself unchanged


def test_a_skeleton_of_an_exercise_keeps_its_question_cells_and_submit_panel():
    nb = nbformat.read(bench.ROOT / "exercises" / "ex01_palermo_definition.ipynb", 4)
    bare, widgets = bench.skeleton(nb)
    kept = [c.source for c in bare.cells if c.cell_type == "code" and c.source != "pass"]
    assert sum(s.startswith("%%question") for s in kept) == len(kept) - 2  # setup, submit panel
    assert kept[-1] == "course.submit_panel()"
    assert widgets == len(kept) - 1


def test_the_plain_baseline_imports_only_the_libraries_and_tipcourse():
    source = bench.baseline_notebook(bench.PLAIN_IMPORTS).cells[0].source
    assert source == "import pandas, seaborn, matplotlib.pyplot, ipywidgets, tipcourse"
    assert bench.TARGET == 1.3


def test_grading_is_timed_in_fresh_processes_with_its_memory():
    from tipcourse.bench import grading

    timing = grading.time_grading(grading.synthetic_key(), n=30, repeat=2)
    assert timing.graded == 30 and len(timing.runs) == 2
    assert min(timing.runs) <= timing.seconds <= max(timing.runs)
    assert timing.memory > 10  # MB: at least the interpreter and the grader


def test_the_grading_line_gives_the_median_the_runs_and_the_memory(monkeypatch):
    from tipcourse.bench import grading

    timing = grading.GradingTime(4.5, [4.5, 4.25, 6.0], 10_000, 134.4, 120.6)
    monkeypatch.setattr(grading, "time_grading", lambda document: timing)
    monkeypatch.setattr(grading, "student_notebook", lambda document, root: None)
    monkeypatch.setattr(grading, "time_execution", lambda nb: 9.0)
    line = grading.run()[0]
    assert "graded in 4.50 s (0.45 ms each; the median of 4.50, 4.25, 6.00 s" in line
    assert "peak memory 134 MB (its largest worker process 121 MB); target < 5 s: met." in line
    monkeypatch.setattr(grading, "time_grading", lambda document: timing._replace(seconds=5.2))
    assert grading.run()[0].endswith("target < 5 s: NOT met.")


def test_the_runs_share_what_a_students_machine_keeps(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(
        bench,
        "validate_all",
        lambda: calls.append(("validate", os.environ.get(bench.CACHE_DIR_ENV))),
    )
    monkeypatch.setattr(
        bench, "_seconds", lambda nb, cwd: calls.append(("run", nb.cells[0].source))
    )
    monkeypatch.setattr(compileall, "compile_dir", lambda d, quiet: calls.append(("compile", d)))
    env: dict[str, str] = {}
    bench.student_machine(env, tmp_path)
    assert env == {
        bench.CACHE_DIR_ENV: str(tmp_path / "cache"),
        "MPLCONFIGDIR": str(tmp_path / "matplotlib"),
    }
    assert calls == [
        ("validate", str(tmp_path / "cache")),  # into the cache the runs share
        ("compile", bench.PACKAGE),
        ("run", bench.PLAIN_IMPORTS),  # writes matplotlib's font list before any timed run
    ]

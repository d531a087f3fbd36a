"""The benchmark's arithmetic (timings faked: the real runs belong to `make bench`)."""

from tipcourse.bench import notebooks as bench


def test_paired_reports_medians_and_the_median_of_pair_ratios(monkeypatch):
    # Runs alternate baseline, notebook: pairs (2, 3), (4, 6), (2, 4) -> ratios 1.5, 1.5, 2.0.
    times = iter([2.0, 3.0, 4.0, 6.0, 2.0, 4.0])
    monkeypatch.setattr(bench, "_seconds", lambda nb, cwd: next(times))
    base, seconds, ratio = bench.paired(bench.baseline_notebook(), bench.ROOT, repeat=3)
    assert (base, seconds, ratio) == (2.0, 4.0, 1.5)


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


def test_against_both_baselines_reports_each_ratio(monkeypatch):
    # Runs go plain, course, notebook: (2, 3, 4), (2, 4, 3), (4, 4, 6): to plain 2, 1.5, 1.5;
    # to course 4/3, 3/4, 3/2.
    times = iter([2.0, 3.0, 4.0, 2.0, 4.0, 3.0, 4.0, 4.0, 6.0])
    monkeypatch.setattr(bench, "_seconds", lambda nb, cwd: next(times))
    r = bench.against_both(bench.baseline_notebook(), bench.ROOT, repeat=3)
    assert (r["seconds"], r["plain"], r["course"]) == (4.0, 2.0, 4.0)
    assert (r["ratio_plain"], r["ratio_course"]) == (1.5, 4 / 3)


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

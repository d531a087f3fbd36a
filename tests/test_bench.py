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

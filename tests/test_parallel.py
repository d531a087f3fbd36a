"""grading.parallel: the forked helpers give the same results as working in this process,
and a helper that fails or dies never loses the work."""

import os
import signal
import sys

import pytest

from tipcourse.grading import parallel

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="fork is used on Linux only")


def _square_all(items):
    return [x * x for x in items]


def _pid(*_):
    return os.getpid()


def _fail(*_):
    raise ValueError("drawing failed")


def test_fork_map_matches_serial(monkeypatch):
    items = list(range(5003))
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 10)
    assert parallel.fork_map(_square_all, items) == _square_all(items)


@linux_only
def test_ahead_runs_in_another_process_after_the_warm_up(tmp_path):
    marker = tmp_path / "warmed"
    with parallel.Ahead(lambda: marker.write_text("yes")) as ahead:
        if parallel.workers() < 2:
            pytest.skip("one core: the helper is not started")
        assert ahead.call(_pid) != os.getpid()
        assert ahead.call(pow, 2, 10) == 1024  # and serves more than one call
    assert marker.read_text() == "yes"


def test_ahead_disabled_works_here():
    with parallel.Ahead(lambda: None, enabled=False) as ahead:
        assert ahead.call(_pid) == os.getpid()


@linux_only
def test_a_failure_in_the_helper_is_an_error_with_its_traceback():
    with parallel.Ahead(lambda: None) as ahead:
        if parallel.workers() < 2:
            pytest.skip("one core: the helper is not started")
        with pytest.raises(RuntimeError, match="drawing failed"):
            ahead.call(_fail)


@linux_only
def test_a_killed_helper_means_the_work_is_done_here():
    with parallel.Ahead(lambda: None) as ahead:
        if ahead._process is None:
            pytest.skip("one core: the helper is not started")
        os.kill(ahead._process.pid, signal.SIGKILL)
        ahead._process.join()
        assert ahead.call(_pid) == os.getpid()
        assert ahead._process is None

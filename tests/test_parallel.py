"""grading.parallel: the forked helpers give the same results as working in this process,
and a helper that fails or dies never loses the work nor hangs the run."""

import datetime as dt
import os
import signal
import sys
import time

import pytest
from test_grading_integrity import mixed_batch, outputs

from tipcourse.grading import grade, parallel

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="fork is used on Linux only")
PARENT = os.getpid()  # the test process: the workers and the helper are its children
LIMIT = 60  # seconds: a hang fails the test instead of stopping the suite


@pytest.fixture
def deadline():
    """Fails a test that does not return within LIMIT seconds (it would hang otherwise)."""

    def expired(signum, frame):
        raise TimeoutError(f"no result after {LIMIT} s: the run hangs")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(LIMIT)
    start = time.monotonic()
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)
    assert time.monotonic() - start < LIMIT


def _in_a_worker() -> bool:
    return os.getpid() != PARENT


def _square_all(items):
    return [x * x for x in items]


def _square_all_noting_the_process(items):
    return [(x * x, os.getpid()) for x in items]


def _die_on(victims):
    """A function like _square_all whose worker process is killed (as the kernel's OOM killer
    would) when it meets one of `victims`; in this process it works."""

    def square_or_die(items):
        squares = []
        for x in items:
            if x in victims and _in_a_worker():
                os.kill(os.getpid(), signal.SIGKILL)
            squares.append(x * x)
        return squares

    return square_or_die


def _fail_in_a_worker(items):
    if _in_a_worker():
        raise ValueError("a bug in a worker")
    return _square_all(items)


def _fail_everywhere(items):
    raise ValueError("a bug")


def _pid(*_):
    return os.getpid()


def _fail(*_):
    raise ValueError("drawing failed")


def _die_in_the_helper(*_):
    if _in_a_worker():
        os.kill(os.getpid(), signal.SIGKILL)
    return os.getpid()


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.fixture
def two_processes(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 10)
    monkeypatch.setattr(parallel, "workers", lambda: 2)


def test_fork_map_matches_serial(monkeypatch):
    items = list(range(5003))
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 10)
    assert parallel.fork_map(_square_all, items) == _square_all(items)


def _noting_the_calls(items):
    """Squares, and for each item the process and the call that worked it out."""
    call = os.urandom(8)
    return [(x * x, os.getpid(), call) for x in items]


@linux_only
@pytest.mark.parametrize("meanwhile", [False, True])
def test_each_process_does_the_chunks_it_takes_in_one_call(monkeypatch, deadline, meanwhile):
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 10)
    monkeypatch.setattr(parallel, "MIN_CHUNK", 10)
    monkeypatch.setattr(parallel, "workers", lambda: 3)
    items = list(range(2001))
    done = []
    results = parallel.fork_map(
        _noting_the_calls, items, meanwhile=(lambda: done.append(1)) if meanwhile else None
    )
    assert [square for square, _, _ in results] == _square_all(items)
    assert len(parallel._chunks(len(items), 3)) == 48  # 3 owned by a process, 45 taken
    pids, calls = {pid for _, pid, _ in results}, {call for _, _, call in results}
    assert len(calls) == len(pids) and len(pids) >= 3  # one call per process
    assert (PARENT in pids) is not meanwhile or len(pids) == 4
    assert _no_children_left() and not parallel._OPEN


def _odd_only(items):
    return [x for x in items if x % 2]


@linux_only
@pytest.mark.parametrize("meanwhile", [None, lambda: None])
def test_a_function_that_does_not_give_one_result_per_item_is_an_error(
    two_processes, deadline, meanwhile
):
    with pytest.raises(RuntimeError, match="one result per item"):
        parallel.fork_map(_odd_only, list(range(5000)), meanwhile)
    assert _no_children_left() and not parallel._OPEN


@linux_only
def test_a_small_batch_is_one_chunk_per_process(monkeypatch):
    assert parallel._chunks(30, 3) == [(0, 10), (10, 20), (20, 30)]
    assert len(parallel._chunks(10_000, 2)) == 32  # 16 per process, 313 items each
    assert parallel._chunks(500, 2) == [(i, i + 100) for i in range(0, 500, 100)]


@linux_only
# 400: in chunk 1, which a worker starts with, with or without meanwhile
@pytest.mark.parametrize("victims", [{400}, {0, 400, 9000}, set(range(10_000))])
@pytest.mark.parametrize("meanwhile", [False, True])
def test_a_killed_worker_loses_nothing_and_never_hangs(
    two_processes, deadline, capfd, victims, meanwhile
):
    items = list(range(10_000))
    done = []
    results = parallel.fork_map(
        _die_on(victims), items, meanwhile=(lambda: done.append(1)) if meanwhile else None
    )
    assert results == _square_all(items)
    assert done == ([1] if meanwhile else [])
    assert "a worker process ended by signal 9 (SIGKILL)" in capfd.readouterr().err
    assert _no_children_left() and not parallel._OPEN


@linux_only
def test_a_failure_in_a_worker_is_raised_here_with_its_own_error(two_processes, deadline):
    items = list(range(5000))
    assert parallel.fork_map(_fail_in_a_worker, items) == _square_all(items)  # redone here
    with pytest.raises(ValueError, match="a bug"):
        parallel.fork_map(_fail_everywhere, items)
    assert _no_children_left() and not parallel._OPEN


@linux_only
def test_a_failure_here_stops_the_workers(two_processes, deadline):
    def failing():
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        parallel.fork_map(_square_all, list(range(5000)), meanwhile=failing)
    assert _no_children_left() and not parallel._OPEN


@linux_only
def test_grading_with_killed_workers_and_helper_gives_the_same_outputs(
    tmp_path, keys, monkeypatch, deadline, capfd
):
    """Every forked process of a run killed: reading workers, feedback workers and the
    figures' helper. The outputs are those of a run in one process, byte for byte."""
    from tipcourse.grading import analysis, batch, reports

    subs, manual = mixed_batch(tmp_path)
    now = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    alone = grade([subs], tmp_path / "alone", keys, manual=manual, now=now)

    def killed_in_workers(function):
        def maybe_die(*args):
            if _in_a_worker():
                os.kill(os.getpid(), signal.SIGKILL)
            return function(*args)

        return maybe_die

    monkeypatch.setattr(batch, "_read_part", killed_in_workers(batch._read_part))
    monkeypatch.setattr(reports, "_write_feedback", killed_in_workers(reports._write_feedback))
    monkeypatch.setattr(analysis, "import_matplotlib", killed_in_workers(lambda: None))
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
    monkeypatch.setattr(analysis, "MIN_PARALLEL", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 3)
    killed = grade([subs], tmp_path / "killed", keys, manual=manual, now=now)
    assert "item_analysis/ex90_scores.png" in outputs(alone.out)
    assert outputs(killed.out) == outputs(alone.out)
    told = capfd.readouterr().err
    assert told.count("a worker process ended by signal 9") == 2 + 3  # reading, writing
    assert told.count("the helper process ended by signal 9") == 1
    assert _no_children_left() and not parallel._OPEN


@linux_only
def test_a_bug_in_the_workers_is_the_grade_commands_internal_error(
    tmp_path, grade_args, monkeypatch, deadline, capfd
):
    from pathlib import Path

    from tipcourse import grading
    from tipcourse.grading import batch

    subs, _ = mixed_batch(tmp_path)

    def buggy(keys, items):
        raise KeyError("a bug in reading")

    monkeypatch.setattr(batch, "_read_part", buggy)
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 3)
    assert grading.main(grade_args(subs)) == grading.EXIT_INTERNAL
    message = capfd.readouterr().err
    assert message.count("\n") == 1 and "internal error (KeyError: 'a bug in reading')" in message
    Path(message.split("details in ")[1].split(". Please")[0]).unlink()
    assert _no_children_left() and not parallel._OPEN


@linux_only
def test_ahead_runs_in_another_process_after_the_warm_up(tmp_path):
    marker = tmp_path / "warmed"
    with parallel.Ahead(lambda: marker.write_text("yes")) as ahead:
        if parallel.workers() < 2:
            pytest.skip("one core: the helper is not started")
        assert ahead.call(_pid) != os.getpid()
        assert ahead.call(pow, 2, 10) == 1024  # and serves more than one call
    assert marker.read_text() == "yes"
    assert ahead.pid is None and _no_children_left()


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
        assert ahead.call(_pid) == ahead.pid  # and it goes on serving


@linux_only
def test_a_killed_helper_means_the_work_is_done_here(deadline):
    with parallel.Ahead(lambda: None) as ahead:
        if ahead.pid is None:
            pytest.skip("one core: the helper is not started")
        os.kill(ahead.pid, signal.SIGKILL)
        assert ahead.call(_pid) == os.getpid()
        assert ahead.pid is None
    assert _no_children_left()


@linux_only
def test_a_helper_killed_during_a_call_means_that_call_is_done_here(deadline):
    with parallel.Ahead(lambda: None) as ahead:
        if ahead.pid is None:
            pytest.skip("one core: the helper is not started")
        assert ahead.call(_die_in_the_helper) == os.getpid()
        assert ahead.pid is None and ahead.call(_pid) == os.getpid()
    assert _no_children_left()


@linux_only
def test_a_helper_whose_warm_up_fails_leaves_the_calls_to_this_process(deadline):
    with parallel.Ahead(_fail) as ahead:
        if ahead.pid is None:
            pytest.skip("one core: the helper is not started")
        assert ahead.call(_pid) == os.getpid()
    assert _no_children_left()


@linux_only
def test_the_helper_is_ended_even_when_its_warm_up_never_ends(monkeypatch, deadline):
    monkeypatch.setattr(parallel, "STOP_WAIT", 0.2)
    start = time.monotonic()
    with parallel.Ahead(lambda: time.sleep(120)) as ahead:
        if ahead.pid is None:
            pytest.skip("one core: the helper is not started")
    assert time.monotonic() - start < 10 and _no_children_left()

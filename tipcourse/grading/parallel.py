"""Use every core for a large batch: reading and scoring the files (grading.batch) and
writing the feedback files (grading.reports) with `fork_map`, and drawing the item-analysis
figures, whose matplotlib import is done ahead, while the batch is scored (`Ahead`).

`fork_map` runs `function(part)` for each part of `items`, in forked workers and in this
process, and returns the results in order. Forked workers inherit the grader's memory, so
nothing but the slice bounds and the results crosses between processes. On Linux only (fork
is missing on Windows and unsafe on macOS once system libraries are loaded) and for large
batches; otherwise it runs in this process: the same results, one core.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

T = TypeVar("T")
R = TypeVar("R")
MIN_PARALLEL = 2000  # below this, starting workers costs more than it saves


def workers() -> int:
    return min(os.cpu_count() or 1, 4)


_JOB: tuple = ()  # (function, items) of the running fork_map, inherited by the workers


def _run_part(bounds: tuple[int, int]) -> list:
    function, items = _JOB
    return function(items[bounds[0] : bounds[1]])


def fork_map(
    function: Callable[[Sequence[T]], list[R]],
    items: Sequence[T],
    meanwhile: Callable[[], None] | None = None,
) -> list[R]:
    """`function` over slices of `items`, concatenated in order. This process works too: it
    runs `meanwhile()` while the workers do, or without one, does the first slice itself
    (its results need not be sent). Only the slice bounds go to the workers (they see
    `items` in the memory they inherit) and the results come back."""
    global _JOB
    n = workers()
    if len(items) < MIN_PARALLEL or n < 2 or sys.platform != "linux":
        if meanwhile:
            meanwhile()
        return function(items)
    size = -(-len(items) // n)
    bounds = [(i, min(i + size, len(items))) for i in range(0, len(items), size)]
    here = [] if meanwhile else bounds[:1]
    _JOB = (function, items)
    try:
        with multiprocessing.get_context("fork").Pool(len(bounds) - len(here)) as pool:
            pending = pool.map_async(_run_part, bounds[len(here) :])
            if meanwhile:
                meanwhile()
            results = [_run_part(part) for part in here]
            results += pending.get()
    finally:
        _JOB = ()
    return [r for part in results for r in part]


class Ahead:
    """A forked helper process that runs `warm_up()` (an import) at once, on a core this one
    leaves idle while it scores, then the calls it is sent. `call` runs there when
    the helper is up and here otherwise (not Linux, `enabled` false, or the helper gone): the
    same results either way. Use it as a context manager, so the helper always ends."""

    def __init__(self, warm_up: Callable[[], object], enabled: bool = True) -> None:
        self._conn = None
        self._process = None
        if enabled and workers() >= 2 and sys.platform == "linux":
            context = multiprocessing.get_context("fork")
            self._conn, theirs = context.Pipe()
            self._process = context.Process(target=_serve, args=(theirs, warm_up), daemon=True)
            self._process.start()
            theirs.close()

    def call(self, function: Callable[..., R], *args: object) -> R:
        if self._conn is None:
            return function(*args)
        try:
            self._conn.send((function, args))
            ok, value = self._conn.recv()
        except (EOFError, OSError):  # the helper died (killed, out of memory): work here
            self.__exit__()
            return function(*args)
        if not ok:
            raise RuntimeError(f"in the helper process: {value}")
        return value

    def __enter__(self) -> Ahead:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._conn is not None:
            with contextlib.suppress(OSError):
                self._conn.send(None)
            self._conn.close()
            self._conn = None
        if self._process is not None:
            self._process.join(timeout=5)
            if self._process.is_alive():
                self._process.terminate()
            self._process = None


def _serve(conn: Connection, warm_up: Callable[[], object]) -> None:
    warm_up()
    while (job := conn.recv()) is not None:
        function, args = job
        try:
            conn.send((True, function(*args)))
        except Exception:
            conn.send((False, traceback.format_exc()))

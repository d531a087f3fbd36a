"""Use every core for writing the feedback files of a large batch.

`fork_map` runs `function(part)` for each part of `items` in forked workers and returns the
results in order. Forked workers inherit the grader's memory, so nothing but the slice bounds
and the results crosses between processes. On Linux only (fork is missing on Windows and
unsafe on macOS once system libraries are loaded) and for large batches; otherwise it runs
in this process: the same results, one core.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

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
    """`function` over slices of `items`, concatenated in order; `meanwhile()` runs in this
    process while the workers do. Only the slice bounds go to the workers (they see `items`
    in the memory they inherit) and the results come back."""
    global _JOB
    n = workers()
    if len(items) < MIN_PARALLEL or n < 2 or sys.platform != "linux":
        if meanwhile:
            meanwhile()
        return function(items)
    size = -(-len(items) // n)
    bounds = [(i, min(i + size, len(items))) for i in range(0, len(items), size)]
    _JOB = (function, items)
    try:
        with multiprocessing.get_context("fork").Pool(len(bounds)) as pool:
            pending = pool.map_async(_run_part, bounds)
            if meanwhile:
                meanwhile()
            results = pending.get()
    finally:
        _JOB = ()
    return [r for part in results for r in part]

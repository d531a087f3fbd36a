"""Use every core for a large batch: reading and scoring the files (grading.batch) and
writing the feedback files (grading.reports) with `fork_map`, and drawing the item-analysis
figures, whose matplotlib import is done ahead, while the batch is scored (`Ahead`).

`fork_map(function, items)` gives `function(items)`, worked out by forked workers and this
process. The items are cut into chunks; each process calls `function` once, on the chunks
it takes one after the other, when it is free (a process slowed down by other work on a
shared machine takes fewer), so what `function` keeps from one item to the next serves all
its chunks. Forked workers inherit the grader's memory: only chunk numbers and results
cross between processes. On Linux only (fork is missing on Windows and unsafe on macOS once
system libraries are loaded) and for large batches; otherwise it runs in this process: the
same results, one core.

Nothing is lost and nothing hangs when a worker or the helper dies (killed, out of memory):
the end of its pipe tells this process at once, which does that work itself (the same
results, and a line on stderr saying so). A worker that fails has its chunks redone here,
so that the error is raised here, with its own traceback.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import struct
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
MIN_PARALLEL = 2000  # below this, starting workers costs more than it saves
CHUNKS_PER_PROCESS = 16  # so that the processes end together, however fast each one runs
MIN_CHUNK = 100  # items: a chunk's own cost (a read from a pipe, a slice) is then nothing
STOP_WAIT = 5.0  # seconds the helper is given to end by itself
_TOKEN = struct.Struct("=H")  # a chunk number, in the pipe the chunks are taken from
_LENGTH = struct.Struct("=Q")  # the length of each message to and from the helper
_OPEN: set[int] = set()  # this module's pipe ends open in this process (closed in children)


def workers() -> int:
    return min(os.cpu_count() or 1, 4)


# --- processes and pipes -----------------------------------------------------------------------


def _fork(work: Callable[[int], None], keep: Sequence[int] = ()) -> tuple[int, int]:
    """(pid, fd): a forked child runs `work(w)`, which writes to the pipe read from `fd`, and
    exits: 0 once `work` returned, 1 if it raised. Of this module's other pipe ends, the child
    keeps only those in `keep` (so that each pipe ends when the process it serves ends)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns, never runs this process's exit handlers
        status = 1
        try:
            gc.disable()  # a short life; a collection would copy every inherited page
            for fd in _OPEN.difference(keep) | {read_fd}:
                os.close(fd)
            work(write_fd)
            status = 0
        except BaseException:  # noqa: BLE001, S110  (told by the exit status)
            pass
        finally:
            os._exit(status)
    os.close(write_fd)
    _OPEN.add(read_fd)
    return pid, read_fd


def _close(fd: int) -> None:
    _OPEN.discard(fd)
    with contextlib.suppress(OSError):
        os.close(fd)


def _reap(pid: int, kill: bool = False) -> str:
    """Wait for a child (after killing it, if asked); "" if it exited with 0, else why not."""
    if kill:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        return f"ended by signal {number} ({signal.Signals(number).name})"
    return "" if os.WEXITSTATUS(status) == 0 else "failed"


def _read_all(fd: int) -> bytes:
    with open(fd, "rb", closefd=False) as pipe:
        return pipe.read()


def _write_all(fd: int, data: bytes) -> None:
    with open(fd, "wb", closefd=False) as pipe:
        pipe.write(data)


def _read_exactly(fd: int, n: int) -> bytes:
    """n bytes from the pipe, unbuffered (nothing of the next message is read ahead);
    EOFError if the writer ended first."""
    parts = []
    while n:
        part = os.read(fd, n)
        if not part:
            raise EOFError("the other process ended")
        parts.append(part)
        n -= len(part)
    return b"".join(parts)


def _send(fd: int, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    _write_all(fd, _LENGTH.pack(len(data)) + data)


def _receive(fd: int) -> object:
    (length,) = _LENGTH.unpack(_read_exactly(fd, _LENGTH.size))
    return pickle.loads(_read_exactly(fd, length))


def _tell(message: str) -> None:
    print(f"tipcourse: {message}", file=sys.stderr)


# --- fork_map ----------------------------------------------------------------------------------


def fork_map(
    function: Callable[[Sequence[T]], list[R]],
    items: Sequence[T],
    meanwhile: Callable[[], None] | None = None,
) -> list[R]:
    """`function(items)`, worked out in parts: `function` must give one result per item, in
    order, whatever part of the items it is given. Each process (the workers, and this one
    after `meanwhile()`) calls it once, with the chunks it takes one after the other as it
    iterates them (`Taken`): whatever `function` keeps from one item to the next (a cache)
    serves all of them."""
    n = workers()
    if len(items) < MIN_PARALLEL or n < 2 or sys.platform != "linux":
        if meanwhile:
            meanwhile()
        return function(items)
    chunks = _chunks(len(items), n + 1 if meanwhile else n)
    theirs = range(0 if meanwhile else 1, min(n, len(chunks)))
    tokens = _token_pipe(range(theirs.stop, len(chunks)))

    def run(own: int | None) -> dict[int, list[R]]:
        taken = Taken(items, chunks, tokens, own)
        if own is None and not taken.first():
            return {}
        return taken.split(function(taken))

    def work(own: int) -> Callable[[int], None]:
        return lambda fd: _write_all(fd, pickle.dumps(run(own), pickle.HIGHEST_PROTOCOL))

    children: list[tuple[int, int]] = []
    try:
        for own in theirs:
            children.append(_fork(work(own), keep=[tokens]))
        if meanwhile:
            meanwhile()
        results = run(None if meanwhile else 0)
        while children:
            pid, fd = children[0]
            data = _read_all(fd)  # to its end, which comes when the worker ends, however
            _close(fd)
            why = _reap(pid)
            children.pop(0)
            if not why:
                results.update(pickle.loads(data))
            elif why != "failed":  # a failure is raised below, when its chunk is redone
                _tell(f"a worker process {why}; its part was redone here, nothing is lost.")
        for index, (start, stop) in enumerate(chunks):  # those of a worker that died or failed
            if index not in results:
                results[index] = _one_each(function(items[start:stop]), stop - start)
    finally:
        for pid, fd in children:  # this process failed (or was interrupted): stop them
            _close(fd)
            _reap(pid, kill=True)
        _close(tokens)
    return [r for index in range(len(chunks)) for r in results[index]]


class Taken:
    """The items of the chunks one process takes: its own chunk (if any), then the next one
    left in the token pipe each time the items of the last are used up. `len` is the number
    of items handed out so far (all of them, once iterated)."""

    def __init__(
        self, items: Sequence[T], chunks: list[tuple[int, int]], tokens: int, own: int | None
    ) -> None:
        self._items, self._chunks, self._tokens = items, chunks, tokens
        self._next = own
        self.taken: list[int] = []  # the chunks' numbers, in the order taken
        self._count = 0

    def first(self) -> bool:
        """Take a chunk now (for a process without one of its own); False if none is left."""
        self._next = self._take()
        return self._next is not None

    def _take(self) -> int | None:
        token = os.read(self._tokens, _TOKEN.size)  # b"": every chunk is taken
        return _TOKEN.unpack(token)[0] if token else None

    def __iter__(self) -> Iterator[T]:
        index, self._next = self._next, None
        if index is None:
            index = self._take()
        while index is not None:
            start, stop = self._chunks[index]
            self.taken.append(index)
            self._count += stop - start
            yield from self._items[start:stop]
            index = self._take()

    def __len__(self) -> int:
        return self._count

    def split(self, results: list[R]) -> dict[int, list[R]]:
        """{chunk number: its results} from the results of all the items taken."""
        done, at = {}, 0
        _one_each(results, self._count)
        for index in self.taken:
            start, stop = self._chunks[index]
            done[index], at = results[at : at + stop - start], at + stop - start
        return done


def _one_each(results: list[R], n: int) -> list[R]:
    if len(results) != n:
        raise RuntimeError(
            f"fork_map: {len(results)} results for {n} items; the function must give one "
            "result per item"
        )
    return results


def _chunks(n: int, processes: int) -> list[tuple[int, int]]:
    """About CHUNKS_PER_PROCESS chunks per process, of MIN_CHUNK items or more; one per
    process for a small batch."""
    size = max(-(-n // (processes * CHUNKS_PER_PROCESS)), MIN_CHUNK)
    size = min(size, -(-n // processes))
    return [(i, min(i + size, n)) for i in range(0, n, size)]


def _token_pipe(numbers: range) -> int:
    """A pipe holding the chunk numbers, closed for writing: each read takes the next number
    (the read of one number is atomic), b"" once none is left. Written whole before any
    process reads (a few hundred bytes at most: a pipe holds 64 KB)."""
    read_fd, write_fd = os.pipe()
    try:
        os.write(write_fd, b"".join(_TOKEN.pack(i) for i in numbers))
    finally:
        os.close(write_fd)
    _OPEN.add(read_fd)
    return read_fd


# --- Ahead -------------------------------------------------------------------------------------


class Ahead:
    """A forked helper process that runs `warm_up()` (an import) at once, on a core this one
    leaves idle while it scores, then the calls it is sent. `call` runs there when
    the helper is up and here otherwise (not Linux, `enabled` false, or the helper gone): the
    same results either way. Use it as a context manager, so the helper always ends."""

    def __init__(self, warm_up: Callable[[], object], enabled: bool = True) -> None:
        self.pid: int | None = None  # the helper's, while it runs
        self._to = self._from = -1  # pipe ends: the calls go to it, the results come from it
        if enabled and workers() >= 2 and sys.platform == "linux":
            calls, self._to = os.pipe()
            _OPEN.add(self._to)
            self.pid, self._from = _fork(lambda fd: _serve(calls, fd, warm_up), keep=[])
            os.close(calls)

    def call(self, function: Callable[..., R], *args: object) -> R:
        if self.pid is None:
            return function(*args)
        try:
            _send(self._to, (function, args))
            ok, value = _receive(self._from)
        except (EOFError, OSError):  # the helper died (killed, out of memory): work here
            _close(self._to)
            _close(self._from)
            why, self.pid = _reap(self.pid), None
            if why and why != "failed":  # a failed warm-up is raised here, by the call
                _tell(f"the helper process {why}; its work is done here, nothing is lost.")
            return function(*args)
        if not ok:
            raise RuntimeError(f"in the helper process: {value}")
        return value

    def __enter__(self) -> Ahead:
        return self

    def __exit__(self, *exc: object) -> None:
        """No more calls: the helper exits once its warm-up is done (not cut short: matplotlib
        may be writing its font cache), or is killed after `STOP_WAIT` seconds."""
        if self.pid is None:
            return
        _close(self._to)
        _close(self._from)
        deadline = time.monotonic() + STOP_WAIT
        while os.waitpid(self.pid, os.WNOHANG)[0] == 0:
            if time.monotonic() > deadline:
                _reap(self.pid, kill=True)
                break
            time.sleep(0.005)
        self.pid = None


def _serve(calls: int, results: int, warm_up: Callable[[], object]) -> None:
    """The helper: warm up, then answer each call until this process closes `calls` or ends.
    A failed warm-up ends the helper: the calls are then done in this process."""
    warm_up()
    while True:
        try:
            function, args = _receive(calls)
        except EOFError:
            return
        try:
            answer = (True, function(*args))
        except Exception:  # noqa: BLE001  (sent back: the caller raises it)
            answer = (False, traceback.format_exc())
        _send(results, answer)

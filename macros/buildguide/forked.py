"""A function over many items in forked worker processes, for `check` and the render step on two or more CPUs.

Workers are forked, so they inherit the function and the items (the catalog, the loaded builds) rather than
receive them pickled, and send back only results: `forked_map` for items all known at the start (the build
files `check` reads), `Batches` for items that arrive one by one (the builds the render step has loaded and
checked so far). Where the system cannot fork, and for a few items that are not worth starting processes for,
everything runs in this process, in order.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import pickle
import signal
import sys
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Items per batch of `Batches`. Each fork makes the process that goes on copy every page it then writes to, so
# fewer, larger batches: at 1,000 builds, batches of 50 took 5.4 s, of 100 5.0 s, of 200 4.9 s, of 300 4.9 s.
BATCH = 200
PR_SET_PDEATHSIG = 1  # prctl(2)

_TASK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None  # in a worker: what it runs, on what


class WorkerDied(Exception):
    """A worker process ended without its results (killed for memory, say)."""


def cpus() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    # macOS lists fork, but its system libraries may not survive it.
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"


def portable(error: BaseException) -> BaseException:
    """`error` if it survives the pipe back to the parent (pickled and rebuilt); otherwise a RuntimeError with
    its traceback, so the parent never loses the error or fails to read it."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError("".join(traceback.format_exception(error)).rstrip())
    return error


def settle(parent: int) -> None:
    """In a new worker: what it inherited stays as it is, as the collector would copy every page it passes; and
    the worker is killed with the process that forked it (killed for memory, say), instead of waiting forever
    to send it results. `parent` is the process id of the process that forked it, read before the fork. Linux
    only; elsewhere the worker ends when it next reads or writes to its parent."""
    gc.freeze()
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the line above
        os._exit(1)


def _start(fn: Callable[[Any], Any], items: Sequence[Any], parent: int) -> None:
    global _TASK
    _TASK = fn, items
    settle(parent)


def _call(index: int) -> Any:
    assert _TASK is not None, "a worker runs only after _start"
    fn, items = _TASK
    try:
        return fn(items[index])
    except Exception as exc:
        raise portable(exc) from None


def forked_map(fn: Callable[[T], R], items: Sequence[T], jobs: int) -> Iterator[R]:
    """`fn` of each item, in order, in `jobs` forked workers; in this process where `jobs` is 1 or the system
    cannot fork.

    The work is handed out before this returns. A worker that dies raises WorkerDied, here or as the results
    are read, instead of hanging the run as a Pool would."""
    if jobs < 2 or not can_fork():
        return map(fn, items)
    fork = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(jobs, mp_context=fork, initializer=_start, initargs=(fn, items, os.getpid()))
    try:
        # Small chunks: the workers finish together even when some items cost more than others.
        results = pool.map(_call, range(len(items)), chunksize=max(1, len(items) // (jobs * 32)))
    except BrokenProcessPool:
        pool.shutdown(cancel_futures=True)
        raise WorkerDied("a worker process died") from None
    except BaseException:
        pool.shutdown(cancel_futures=True)
        raise
    return _shut_after(pool, results)


def _shut_after(pool: ProcessPoolExecutor, results: Iterator[R]) -> Iterator[R]:
    with pool:
        try:
            yield from results
        except BrokenProcessPool:
            raise WorkerDied("a worker process died") from None


class Batches(Generic[T, R]):
    """`fn` of items that arrive one at a time, while they arrive: each full batch goes to a worker forked then,
    which inherits the batch and all it refers to (nothing is pickled on the way out), while the caller goes on
    making the next items. At most two batches per job at once; the last, partial batch is done here, when the
    results are asked for. Everything is done here, in order, where the system cannot fork or `jobs` is 1."""

    def __init__(self, fn: Callable[[T], R], jobs: int) -> None:
        self._fn, self._jobs, self._size = fn, jobs if can_fork() else 1, BATCH
        self._batch: list[T] = []
        self._running: deque[tuple[BaseProcess, Connection]] = deque()
        self._done: list[R] = []

    def add(self, item: T) -> None:
        self._batch.append(item)
        if len(self._batch) == self._size and self._jobs > 1:
            if len(self._running) == 2 * self._jobs:  # enough batches in flight to keep every CPU busy
                self._collect()
            self._running.append(_fork(self._fn, self._batch, [ours for _, ours in self._running]))
            self._batch = []

    def close(self) -> None:
        """Stop the workers still running (the caller failed, and wants none of their results)."""
        while self._running:
            worker, results = self._running.popleft()
            worker.kill()
            worker.join()
            results.close()

    def results(self) -> list[R]:
        """Every item's result, in the order the items came."""
        tail = [self._fn(item) for item in self._batch]  # here, while the workers finish theirs
        while self._running:
            self._collect()
        self._batch = []
        return self._done + tail

    def _collect(self) -> None:
        worker, results = self._running.popleft()
        try:
            done = results.recv()
        except EOFError:
            raise WorkerDied("a worker process died") from None
        finally:
            results.close()
            worker.join()
        if isinstance(done, _Failed):
            raise done.error
        self._done += done


@dataclass
class _Failed:
    error: BaseException


def _fork(fn: Callable[[Any], Any], batch: list[Any], running: list[Connection]) -> tuple[BaseProcess, Connection]:
    fork = multiprocessing.get_context("fork")
    ours, theirs = fork.Pipe(duplex=False)
    worker = fork.Process(target=_work, args=(fn, batch, theirs, [ours, *running], os.getpid()), daemon=True)
    worker.start()
    theirs.close()
    return worker, ours


def _work(
    fn: Callable[[Any], Any], batch: list[Any], results: Connection, inherited: list[Connection], parent: int
) -> None:
    for connection in inherited:  # its own read end and the other workers': only the parent reads them
        connection.close()
    settle(parent)
    # Behind the process still reading builds, which has the listings to render after them: a worker that
    # takes its turn on the CPU only delays the end (1,000 builds: 4.9 s with this, 5.2 s without).
    os.nice(10)
    try:
        done: Any = [fn(item) for item in batch]
    except Exception as exc:  # raised again where the results are collected
        done = _Failed(portable(exc))
    results.send(done)

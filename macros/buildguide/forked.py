"""A function over many items in forked worker processes, for `check` and the render step on two or more CPUs.

Workers are forked, so they inherit the function and the items (the catalog, the loaded builds) rather than
receive them pickled: each gets only indices and sends back only results. Where the system cannot fork, and
for a few items that are not worth starting processes for, everything runs in this process, in order.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_PER_JOB = 50  # items per worker below which one process does the work: forking costs more

_TASK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None  # in a worker: what it runs, on what


def cpus() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    # macOS lists fork, but its system libraries may not survive it.
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"


def _start(fn: Callable[[Any], Any], items: Sequence[Any]) -> None:
    global _TASK
    _TASK = fn, items
    # What the worker inherited stays as it is: the collector passing over it would copy every page it touches.
    gc.freeze()


def _call(index: int) -> Any:
    assert _TASK is not None, "a worker runs only after _start"
    fn, items = _TASK
    return fn(items[index])


def forked_map(fn: Callable[[T], R], items: Sequence[T], jobs: int) -> Iterator[R]:
    """`fn` of each item, in order, in at most `jobs` forked workers (one per MIN_PER_JOB items).

    The work is handed out before this returns. A worker that dies (killed for memory, say) raises
    BrokenProcessPool, here or as the results are read, instead of hanging the run as a Pool would."""
    jobs = min(jobs, len(items) // MIN_PER_JOB)
    if jobs < 2 or not can_fork():
        return map(fn, items)
    fork = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(jobs, mp_context=fork, initializer=_start, initargs=(fn, items))
    try:
        # Small chunks: the workers finish together even when some items cost more than others.
        results = pool.map(_call, range(len(items)), chunksize=max(1, len(items) // (jobs * 32)))
    except BaseException:
        pool.shutdown(cancel_futures=True)
        raise
    return _shut_after(pool, results)


def _shut_after(pool: ProcessPoolExecutor, results: Iterator[R]) -> Iterator[R]:
    with pool:
        yield from results

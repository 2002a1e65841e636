"""`forked_map`: the same results in the same order as one process, from workers that really are forked."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool

import pytest

from buildguide import forked

FORKS = forked.can_fork()


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


@pytest.mark.skipif(not FORKS, reason="workers are forked only where the system can fork")
def test_enough_items_are_shared_among_workers_and_come_back_in_order() -> None:
    items = list(range(2 * forked.MIN_PER_JOB))
    results = list(forked.forked_map(_square_and_pid, items, 2))
    assert [square for square, _ in results] == [n * n for n in items]
    workers = {pid for _, pid in results}
    assert len(workers) == 2 and os.getpid() not in workers


def test_too_few_items_for_two_workers_stay_in_this_process() -> None:
    items = list(range(2 * forked.MIN_PER_JOB - 1))
    assert {pid for _, pid in forked.forked_map(_square_and_pid, items, 2)} == {os.getpid()}


def test_one_job_stays_in_this_process() -> None:
    items = list(range(4 * forked.MIN_PER_JOB))
    assert {pid for _, pid in forked.forked_map(_square_and_pid, items, 1)} == {os.getpid()}


def test_where_the_system_cannot_fork_everything_stays_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(forked, "ProcessPoolExecutor", None)  # any attempt to start workers would fail
    items = list(range(4 * forked.MIN_PER_JOB))
    assert list(forked.forked_map(_square_and_pid, items, 2)) == [(n * n, os.getpid()) for n in items]


def test_workers_inherit_what_they_work_on_instead_of_receiving_it_pickled() -> None:
    """A closure cannot be pickled: it reaches the workers only because they are forked with it."""
    offset = 7
    items = list(range(2 * forked.MIN_PER_JOB))
    assert list(forked.forked_map(lambda n: n + offset, items, 2)) == [n + offset for n in items]


@pytest.fixture
def alarm() -> Iterator[None]:
    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("hung on a dead worker")

    before = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, before)


@pytest.mark.skipif(not FORKS, reason="workers are forked only where the system can fork")
def test_a_worker_that_dies_raises_instead_of_hanging(alarm: None) -> None:
    with pytest.raises(BrokenProcessPool):  # as the work is handed out, or as its results are read
        list(forked.forked_map(lambda n: os._exit(9), list(range(2 * forked.MIN_PER_JOB)), 2))

"""`forked_map`: the same results in the same order as one process, from workers that really are forked."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from buildguide import forked
from buildguide.errors import DataError, Problem

FORKS = forked.can_fork()


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


@pytest.mark.skipif(not FORKS, reason="workers are forked only where the system can fork")
def test_items_are_shared_among_the_workers_and_come_back_in_order() -> None:
    both = multiprocessing.get_context("fork").Barrier(2)

    def square(n: int) -> tuple[int, int]:
        if n < 2:  # the first two items wait for each other: two workers have to take them
            both.wait(timeout=20)
        return _square_and_pid(n)

    results = list(forked.forked_map(square, list(range(100)), 2))
    assert [result for result, _ in results] == [n * n for n in range(100)]
    workers = {pid for _, pid in results}
    assert len(workers) == 2 and os.getpid() not in workers


def test_one_job_stays_in_this_process() -> None:
    assert {pid for _, pid in forked.forked_map(_square_and_pid, list(range(200)), 1)} == {os.getpid()}


def test_where_the_system_cannot_fork_everything_stays_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(forked, "ProcessPoolExecutor", None)  # any attempt to start workers would fail
    assert list(forked.forked_map(_square_and_pid, list(range(200)), 2)) == [(n * n, os.getpid()) for n in range(200)]


@pytest.mark.skipif(not FORKS, reason="workers are forked only where the system can fork")
def test_workers_inherit_what_they_work_on_instead_of_receiving_it_pickled() -> None:
    """A closure cannot be pickled: it reaches the workers only because they are forked with it."""
    offset = 7
    results = list(forked.forked_map(lambda n: (n + offset, os.getpid()), list(range(100)), 2))
    assert [n for n, _ in results] == [n + offset for n in range(100)]
    assert os.getpid() not in {pid for _, pid in results}


class _Unpicklable(Exception):
    def __init__(self, what: str, why: str) -> None:  # two arguments: pickle cannot rebuild it from its args
        super().__init__(f"{what}: {why}")


def _raises(n: int) -> int:
    if n == 13:
        raise _Unpicklable("item 13", "broken on purpose")
    return n


@pytest.mark.skipif(not FORKS, reason="workers are forked only where the system can fork")
def test_an_error_a_worker_cannot_send_back_arrives_as_its_traceback() -> None:
    with pytest.raises(RuntimeError, match=r"_Unpicklable: item 13: broken on purpose"):
        list(forked.forked_map(_raises, list(range(100)), 2))


def test_errors_that_survive_the_pipe_are_sent_as_they_are() -> None:
    error = ValueError("thirteen")
    assert forked.portable(error) is error
    problem = DataError([Problem("builds/x.yaml", 3, 5, "title", "is empty")])
    assert str(pickle.loads(pickle.dumps(problem))) == "builds/x.yaml:3:5: title: is empty"


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
    with pytest.raises(forked.WorkerDied):  # as the work is handed out, or as its results are read
        list(forked.forked_map(lambda n: os._exit(9), list(range(100)), 2))


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(forked, "BATCH", 10)
    return 10


@pytest.mark.skipif(not FORKS, reason="workers are forked only where the system can fork")
def test_batches_come_back_in_the_order_the_items_came(small_batches: int) -> None:
    batches = forked.Batches(_square_and_pid, 2)
    for n in range(7 * small_batches + 3):  # more batches than may run at once, and a partial one
        batches.add(n)
    results = batches.results()
    assert [square for square, _ in results] == [n * n for n in range(7 * small_batches + 3)]
    pids = [pid for _, pid in results]
    assert len(set(pids[: 7 * small_batches])) == 7 and os.getpid() not in pids[: 7 * small_batches]
    assert set(pids[7 * small_batches :]) == {os.getpid()}  # the partial batch, here


def test_batches_stay_in_this_process_with_one_job_or_no_fork(
    small_batches: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    for jobs, platform in ((1, sys.platform), (2, "darwin")):
        monkeypatch.setattr(sys, "platform", platform)
        batches = forked.Batches(_square_and_pid, jobs)
        for n in range(3 * small_batches):
            batches.add(n)
        assert batches.results() == [(n * n, os.getpid()) for n in range(3 * small_batches)]


def _fails_on_13(n: int) -> int:
    if n == 13:
        raise ValueError("thirteen")
    return n


@pytest.mark.skipif(not FORKS, reason="workers are forked only where the system can fork")
def test_an_error_in_a_batch_is_raised_where_the_results_are_read(small_batches: int) -> None:
    batches = forked.Batches(_fails_on_13, 2)
    for n in range(3 * small_batches):
        batches.add(n)
    with pytest.raises(ValueError, match="thirteen"):
        batches.results()


@pytest.mark.skipif(not FORKS, reason="workers are forked only where the system can fork")
def test_a_batch_worker_that_dies_raises_and_close_stops_the_rest(small_batches: int, alarm: None) -> None:
    batches = forked.Batches(lambda n: os._exit(9) if n < small_batches else time.sleep(60), 2)
    for n in range(2 * small_batches):
        batches.add(n)
    with pytest.raises(forked.WorkerDied):
        batches.results()
    batches.close()  # the sleeping worker: killed, not waited for


def test_every_worker_started_is_stopped_by_close(small_batches: int) -> None:
    batches = forked.Batches(lambda n: time.sleep(60), 2)
    for n in range(3 * small_batches):
        batches.add(n)
    started = list(batches._running)
    batches.close()
    assert all(not worker.is_alive() for worker, _ in started) and len(started) == (3 if FORKS else 0)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return "gone"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="the parent-death signal is Linux's")
def test_workers_die_with_the_process_that_forked_them(small_batches: int) -> None:
    """The render step killed for memory: its workers must not wait forever to send results nobody reads."""
    ours, theirs = multiprocessing.get_context("fork").Pipe()

    def render_step() -> None:
        batches = forked.Batches(lambda n: time.sleep(60), 2)
        for n in range(small_batches):
            batches.add(n)
        theirs.send([worker.pid for worker, _ in batches._running])
        os._exit(9)  # killed, without a word to its workers

    step = multiprocessing.get_context("fork").Process(target=render_step)
    step.start()
    assert ours.poll(20), "the render step never said which worker it started"
    (worker,) = ours.recv()
    step.join()
    deadline = time.monotonic() + 10
    while _state(worker) not in ("gone", "Z") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _state(worker) in ("gone", "Z")

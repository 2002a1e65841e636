"""`check` run in several processes finds and words every problem exactly as one process does."""

from __future__ import annotations

import os
import shutil
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from buildguide import catalog, forked, project
from buildguide.cli import main
from buildguide.errors import DataError

from .test_load import HERE, MINIMAL, PNG, _cases

FORKS = forked.can_fork()


def _checked(root: Path, jobs: int) -> list[str] | tuple[int, int]:
    try:
        return project.check_project(root, None, jobs)
    except DataError as exc:
        return [str(p) for p in exc.problems]


def _loaded(root: Path) -> list[str] | tuple[int, int]:
    try:
        loaded = project.load_project(root)
    except DataError as exc:
        return [str(p) for p in exc.problems]
    return len(loaded.catalog.parts), len(loaded.guides)


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """Enough builds for two workers: every golden bad case, clean builds whose tags and former names clash
    across files, and more mistyped part ids than get a suggestion, one per file, so which file holds the
    101st decides whether it gets one."""
    shutil.copytree(HERE / "data" / "parts", tmp_path / "builds" / "parts")
    (tmp_path / "builds" / "images" / "test").mkdir(parents=True)
    (tmp_path / "builds" / "images" / "test" / "cpu.png").write_bytes(PNG)
    builds = tmp_path / "builds"
    for n, case in enumerate(_cases("build-mutations.yaml")):
        text = case["text"] if "text" in case else MINIMAL.replace(case["find"], case["replace"], 1)
        (builds / f"case-{n:03d}.yaml").write_text(text)
    for n in range(1, catalog.SUGGESTIONS + 31):
        (builds / f"typo-{n:03d}.yaml").write_text(MINIMAL.replace("i9-9920x", f"i9-992{n}x"))
    for n, tags in enumerate(["[a b]", "[a-b]", "[c++]", "[c]"]):
        (builds / f"tagged-{n}.yaml").write_text(MINIMAL + f"tags: {tags}\nformerly: [old-name]\n")
    return tmp_path


@pytest.mark.skipif(not FORKS, reason="workers are forked only where the system can fork")
def test_two_workers_report_every_problem_as_one_process_does(many: Path) -> None:
    one = _checked(many, 1)
    assert isinstance(one, list) and len(one) > 300
    assert _checked(many, 2) == one == _loaded(many)
    typos = [line for line in one if line.startswith("builds/typo-")]
    assert len(typos) == catalog.SUGGESTIONS + 30
    suggested = ["did you mean" in line for line in typos]
    assert 0 < sum(suggested) < len(typos) and suggested == sorted(suggested, reverse=True)  # the first ones
    assert any("makes the same tags-page anchor" in line for line in one)
    assert any("old-name" in line for line in one)


def test_two_workers_count_a_clean_project_as_one_process_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(HERE / "data" / "parts", tmp_path / "builds" / "parts")
    (tmp_path / "builds" / "images" / "test").mkdir(parents=True)
    (tmp_path / "builds" / "images" / "test" / "cpu.png").write_bytes(PNG)
    count = 2 * project.MIN_PER_JOB
    for n in range(count):
        (tmp_path / "builds" / f"b-{n:03d}.yaml").write_text(MINIMAL)
    pools = []
    monkeypatch.setattr(forked, "ProcessPoolExecutor", lambda *a, **k: pools.append(a) or ProcessPoolExecutor(*a, **k))
    assert _checked(tmp_path, 2) == (3, count)
    assert [jobs for jobs, *_ in pools] == ([2] if FORKS else [])  # two workers from 100 files on
    assert _checked(tmp_path, 1) == _loaded(tmp_path) == (3, count)


def test_where_the_system_cannot_fork_one_process_checks_alike(many: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _checked(many, 1)
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(forked, "ProcessPoolExecutor", None)  # any attempt to start workers would fail
    assert _checked(many, 2) == expected


@pytest.mark.skipif(not FORKS, reason="workers are forked only where the system can fork")
def test_a_worker_that_dies_fails_the_check_instead_of_hanging_it(
    many: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A worker killed mid-check (for memory, say) must end the run with an error; a Pool would wait forever."""

    def killed(fn: object, items: object, parent: int) -> None:
        os._exit(9)

    monkeypatch.setattr(forked, "_start", killed)  # each forked worker runs it as it starts

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("check hung on a dead worker")

    before = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    try:
        with pytest.raises(forked.WorkerDied):
            project.check_project(many, None, 2)
        assert main(["check", "--root", str(many), "--jobs", "2"]) == 2  # one line, no traceback
        assert capsys.readouterr().err == "buildguide check: a worker process died (out of memory?); try --jobs 1\n"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)

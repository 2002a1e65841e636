"""`buildguide serve` as a parent of the preview: a Python edit restarts it in a fresh process, a typo waits for a
fix, and every way of stopping it still stops it, mid-restart too, with the status a shell expects."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .conftest import SEED
from .test_preview import LIMIT_S, _end, _get, _save, _start, _until

TYPO = "\nthis is not Python(\n"


def _logged(repo: Path, line: str, times: int) -> None:
    deadline = time.monotonic() + LIMIT_S
    while (repo / "serve.log").read_text().count(line) < times:
        assert time.monotonic() < deadline, f"{line!r} not logged {times} times"
        time.sleep(0.02)


@contextmanager
def _serving(repo: Path, scratch: Path, own_package: bool = False) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """The preview, ended with its whole process group whatever the test leaves running."""
    server, base = _start(repo, scratch, own_package=own_package)
    try:
        yield server, base
    finally:
        _end(server)


def _version(base: str) -> str:
    found = re.search(r'var version = "(\d+)"', _get(f"{base}/builds/{SEED}/")[1])
    assert found
    return found.group(1)


def test_python_edits_restart_the_preview_and_a_kill_still_ends_it(repo: Path, tmp_path: Path) -> None:
    """A restart is a new process under the same `buildguide serve`, which a kill ends, even mid-restart."""
    scratch = tmp_path / "scratch"
    with _serving(repo, scratch) as (server, base):
        before = _version(base)
        edited = repo / "macros" / "buildguide" / "touched.py"
        edited.write_text("")
        _logged(repo, "serving on", 2)  # the new process, not the old one still answering
        _until(f"{base}/builds/{SEED}/", "$7,981.34")
        assert _version(base) != before  # so a page left open reloads (it asks until the version changes)
        edited.write_text("# again\n")
        _logged(repo, "Python changed: restarting", 2)
        server.send_signal(signal.SIGTERM)  # as one process gives way to the next: it once lived on, serving
        assert server.wait(timeout=90) == 143
        deadline = time.monotonic() + LIMIT_S  # nothing serves any more (checked before `_serving` kills the group)
        while _get(f"{base}/") != (0, ""):
            assert time.monotonic() < deadline, "a preview still serves after `buildguide serve` exited"
            time.sleep(0.1)
    assert list(scratch.iterdir()) == []
    assert "Traceback" not in (repo / "serve.log").read_text()


@pytest.mark.parametrize("delay", [0.0, 0.4, 0.7])
def test_ctrl_c_during_a_restart_ends_it_quietly(repo: Path, tmp_path: Path, delay: float) -> None:
    """A terminal sends Ctrl+C to the whole job: the new child may still be importing, before its handlers."""
    scratch = tmp_path / "scratch"
    with _serving(repo, scratch) as (server, _):
        (repo / "macros" / "buildguide" / "touched.py").write_text("")
        _logged(repo, "Python changed: restarting", 1)
        time.sleep(delay)
        os.killpg(server.pid, signal.SIGINT)
        assert server.wait(timeout=90) == 0
    assert list(scratch.iterdir()) == []
    assert "Traceback" not in (repo / "serve.log").read_text()


def test_a_preview_whose_serve_is_killed_outright_stops_itself(repo: Path, tmp_path: Path) -> None:
    scratch = tmp_path / "scratch"
    with _serving(repo, scratch) as (server, base):
        server.kill()  # no handler runs: the child is left without a parent
        server.wait()
        deadline = time.monotonic() + LIMIT_S
        while _get(f"{base}/") != (0, "") or list(scratch.iterdir()):
            assert time.monotonic() < deadline, "the preview outlived `buildguide serve`"
            time.sleep(0.1)


def test_a_python_typo_stops_the_preview_until_a_fix_is_saved(repo: Path, tmp_path: Path) -> None:
    scratch = tmp_path / "scratch"
    with _serving(repo, scratch, own_package=True) as (server, base):
        module = repo / "macros" / "buildguide" / "preview.py"  # imported by the preview only, not by the parent
        good = module.read_text()
        _save(module, good + TYPO)
        _logged(repo, "the preview stopped after a Python change (exit 1); save a fix and it starts again", 1)
        assert "SyntaxError" in (repo / "serve.log").read_text()  # the child's own report, above ours
        assert server.poll() is None  # still there, waiting
        _save(module, good)
        _logged(repo, "serving on", 2)
        _until(f"{base}/builds/{SEED}/", "$7,981.34")
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=90) == 143
    assert list(scratch.iterdir()) == []


def test_a_preview_waiting_for_a_fix_stops_as_a_running_one(repo: Path, tmp_path: Path) -> None:
    with _serving(repo, tmp_path / "scratch", own_package=True) as (server, _):
        module = repo / "macros" / "buildguide" / "preview.py"
        _save(module, module.read_text() + TYPO)
        _logged(repo, "save a fix and it starts again", 1)
        server.send_signal(signal.SIGHUP)
        assert server.wait(timeout=30) == 129


SLOW_IMPORT = "\nprint('importing slowly', file=sys.stderr, flush=True)\ntime.sleep(60)\n"  # sys, time: imported


@pytest.mark.parametrize(("stop", "status"), [(signal.SIGINT, 0), (signal.SIGTERM, 143)], ids=["ctrl-c", "kill"])
def test_a_stop_while_the_new_preview_imports_ends_it_at_once(
    repo: Path, tmp_path: Path, stop: signal.Signals, status: int
) -> None:
    """The new child ignores stops until its handlers are set; one that hangs importing must not stay deaf."""
    scratch = tmp_path / "scratch"
    with _serving(repo, scratch, own_package=True) as (server, _):
        module = repo / "macros" / "buildguide" / "preview.py"  # imported by the child only, after the restart
        _save(module, module.read_text() + SLOW_IMPORT)
        _logged(repo, "importing slowly", 1)
        os.killpg(server.pid, stop)  # the whole job, as a terminal sends Ctrl+C
        assert server.wait(timeout=20) == status  # not after the import's 60 s
    assert list(scratch.iterdir()) == []
    assert "Traceback" not in (repo / "serve.log").read_text()

"""`buildguide serve` runs the preview in a child process, and a new child when the old one asks (a Python edit:
new code needs a new interpreter). The parent passes each stop signal on to the child and exits as it does, so a
stop that arrives while one child gives way to the next is not lost (an exec in place could lose it).

A child starts with the stop signals ignored, so a Ctrl+C to the terminal's job does not kill it mid-import with a
traceback, and says when its own handlers are set (`ready`, by closing a pipe). A stop before then kills it: it
has nothing to clean up yet, and an import that hangs must not leave it deaf. A child that fails after an edit (a
typo in the package) leaves the parent waiting for the next save of a .py file; a child whose parent is gone
(killed outright) stops itself (`orphaned`).
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

from .stops import STOPS, exit_status

RESTART = 3  # the exit status by which a child asks for a fresh one
PYTHON = ("macros", "overrides")  # where a saved .py file restarts the preview
# In a child's environment: its parent's process id (it serves instead of supervising), the pipe it closes once
# its stop handlers are set, and when the parent started it (time.time_ns()).
PARENT, READY, STARTED = "BUILDGUIDE_SERVE_PARENT", "BUILDGUIDE_SERVE_READY", "BUILDGUIDE_SERVE_STARTED"
POLL_S = 0.3
RESEND_S = 0.5
FAILED = "buildguide serve: the preview stopped after a Python change (exit 1); save a fix and it starts again"
POSIX = os.name == "posix"  # elsewhere a console's Ctrl+C reaches every process, and there is no kill to pass on


@cache
def _inherited() -> dict[str, str]:
    """What the parent told this child, taken out of the environment so nothing the child runs inherits it."""
    return {name: os.environ.pop(name) for name in (PARENT, READY, STARTED) if name in os.environ}


def is_child() -> bool:
    return PARENT in _inherited()


def orphaned() -> bool:
    """Whether this child's parent has gone (a child is adopted by another process when its parent dies)."""
    return is_child() and os.getppid() != int(_inherited()[PARENT])


def started() -> int:
    """When the parent started this child (0 when it is none): Python saved since may not be what it imported."""
    return int(_inherited().get(STARTED, 0))


def ready() -> None:
    """Called by a child once its stop handlers are set: from then on the parent passes stops on."""
    if READY in _inherited():
        os.close(int(_inherited().pop(READY)))


def supervise(argv: list[str], root: Path) -> int:
    """Run `buildguide <argv>` as a child until it exits other than to restart; its status is ours."""
    stopped: list[int] = []
    missed: list[int] = []  # stops that came while no child ran
    child: subprocess.Popen[bytes] | None = None
    listening, running = -1, False  # the read end of the child's ready pipe; whether a child runs

    def forward(signum: int, frame: object) -> None:
        stopped.append(signum)
        if not running:
            missed.append(signum)
        elif child is not None:
            _stop(child, listening, signum)  # the child now starting, if not this one, is stopped by `_wait`

    for stop in STOPS:
        signal.signal(stop, forward)
    status, edited = RESTART, False
    before: dict[str, tuple[int, int]] = {}
    while not stopped:
        if status != RESTART:
            if not (edited and status == 1):  # 1: a traceback after an edit; anything else ends the preview
                return _as_shell(status)
            print(FAILED, file=sys.stderr, flush=True)
            if not _saved(root, before, stopped):
                break
        before = _python_files(root)  # a fix saved while the child starts is then seen
        if stopped:
            break
        running = True  # a stop from here on is for the child, sent by `forward` or by `_wait`
        child, listening = _start(argv)
        status = _wait(child, listening, stopped)
        running = False
        os.close(listening)
        edited = edited or status == RESTART
    if missed or status == RESTART or status < 0:  # no child heard the stop, or one died of it
        return exit_status(stopped[0])
    return _as_shell(status)


def _start(argv: list[str]) -> tuple[subprocess.Popen[bytes], int]:
    """A child, and the read end of its ready pipe (on Windows a stand-in: stops are not passed on there)."""
    env = {**os.environ, PARENT: str(os.getpid()), STARTED: str(time.time_ns())}
    command = [sys.executable, "-m", "buildguide.cli", *argv]
    if not POSIX:
        return subprocess.Popen(command, env=env), os.open(os.devnull, os.O_RDONLY)
    listening, told = os.pipe()
    try:
        child = subprocess.Popen(command, env={**env, READY: str(told)}, pass_fds=(told,), preexec_fn=_ignore_stops)
    finally:
        os.close(told)
    return child, listening


def _ignore_stops() -> None:
    """In the child before it runs: stops are ignored until the preview's handlers are set (`stops.catch`)."""
    for stop in STOPS:
        signal.signal(stop, signal.SIG_IGN)


def _stop(child: subprocess.Popen[bytes], listening: int, signum: int) -> None:
    if not POSIX or child.returncode is not None:
        return
    if select.select([listening], [], [], 0)[0]:  # the pipe is closed: the child handles stops
        child.send_signal(signum)
    else:  # still starting, stops ignored
        child.kill()


def _wait(child: subprocess.Popen[bytes], listening: int, stopped: list[int]) -> int:
    """The child's exit status; a stop that came while it started goes again, until it exits."""
    while True:
        try:
            return child.wait(timeout=RESEND_S)
        except subprocess.TimeoutExpired:
            if stopped:
                _stop(child, listening, stopped[0])


def _as_shell(status: int) -> int:
    return 128 - status if status < 0 else status  # killed by a signal: as a shell reports it


def _saved(root: Path, before: dict[str, tuple[int, int]], stopped: list[int]) -> bool:
    """Wait for a save of the package's or the overrides' Python; False when a stop comes first."""
    while not stopped:
        if _python_files(root) != before:
            return True
        time.sleep(POLL_S)
    return False


def _python_files(root: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for folder in PYTHON:
        for where, dirs, names in os.walk(root / folder):  # never follows links
            dirs[:] = [d for d in dirs if not d.startswith((".", "__"))]
            for name in names:
                if name.endswith(".py"):
                    path = os.path.join(where, name)
                    try:
                        stat = os.stat(path)
                    except FileNotFoundError:  # removed as the folder was read
                        continue
                    found[path] = (stat.st_mtime_ns, stat.st_size)
    return found

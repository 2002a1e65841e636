"""`buildguide serve` runs the preview in a child process, and a new child when the old one asks (a Python edit:
new code needs a new interpreter). The parent passes each stop signal on to the child and exits as it does, so a
stop that arrives while one child gives way to the next is not lost (an exec in place could lose it). A child
that fails after an edit (a typo in the package) leaves the parent waiting for the next save of a .py file; a
child whose parent is gone (killed outright) stops itself (`orphaned`).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .stops import STOPS

RESTART = 3  # the exit status by which a child asks for a fresh one
CHILD = "BUILDGUIDE_SERVE_PARENT"  # in a child's environment, its parent's process id: it serves, not supervises
POLL_S = 0.3
RESEND_S = 0.5
FAILED = "buildguide serve: the preview stopped after a Python change (exit 1); save a fix and it starts again"
POSIX = os.name == "posix"  # elsewhere a console's Ctrl+C reaches every process, and there is no kill to pass on


def is_child() -> bool:
    return CHILD in os.environ


def orphaned() -> bool:
    """Whether this child's parent has gone (a child is adopted by another process when its parent dies)."""
    return is_child() and os.getppid() != int(os.environ[CHILD])


def supervise(argv: list[str], root: Path) -> int:
    """Run `buildguide <argv>` as a child until it exits other than to restart; its status is ours."""
    stopped: list[int] = []
    child: subprocess.Popen[bytes] | None = None

    def forward(signum: int, frame: object) -> None:
        stopped.append(signum)
        if child is not None and POSIX:
            child.send_signal(signum)  # skipped once `wait` has seen the child exit

    for stop in STOPS:
        signal.signal(stop, forward)
    status, edited, idle = RESTART, False, False
    before: dict[str, int] = {}
    while not stopped:
        if status != RESTART:
            if not (edited and status == 1):  # 1: a traceback after an edit; anything else ends the preview
                return _as_shell(status)
            print(FAILED, file=sys.stderr, flush=True)
            idle = True
            if not _saved(root, before, stopped):
                break
            idle = False
        before = _python_files(root)  # a fix saved while the child starts is then seen
        child = subprocess.Popen(
            [sys.executable, "-m", "buildguide.cli", *argv],
            env={**os.environ, CHILD: str(os.getpid())},
            preexec_fn=_ignore_stops if POSIX else None,
        )
        status = _wait(child, stopped)
        edited = edited or status == RESTART
    if status == RESTART or idle or status < 0:  # no child ran to hear the stop, or it died of it
        return 0 if stopped[0] == signal.SIGINT else 128 + stopped[0]
    return _as_shell(status)


def _ignore_stops() -> None:
    """In the child before it runs: stops wait, ignored, until the preview's handlers are set (`stops.catch`),
    instead of killing it mid-import with a traceback; `_wait` sends them again."""
    for stop in STOPS:
        signal.signal(stop, signal.SIG_IGN)


def _wait(child: subprocess.Popen[bytes], stopped: list[int]) -> int:
    """The child's exit status; a stop is sent again until it exits, as one sent while it started was ignored."""
    while True:
        try:
            return child.wait(timeout=RESEND_S)
        except subprocess.TimeoutExpired:
            if stopped and POSIX:
                child.send_signal(stopped[0])


def _as_shell(status: int) -> int:
    return 128 - status if status < 0 else status  # killed by a signal: as a shell reports it


def _saved(root: Path, before: dict[str, int], stopped: list[int]) -> bool:
    """Wait for a save of the package's or the overrides' Python; False when a stop comes first."""
    while not stopped:
        if _python_files(root) != before:
            return True
        time.sleep(POLL_S)
    return False


def _python_files(root: Path) -> dict[str, int]:
    found = {}
    for folder in ("macros", "overrides"):
        for where, dirs, names in os.walk(root / folder):  # never follows links
            dirs[:] = [d for d in dirs if not d.startswith((".", "__"))]
            for name in names:
                if name.endswith(".py"):
                    path = os.path.join(where, name)
                    try:
                        found[path] = os.stat(path).st_mtime_ns
                    except FileNotFoundError:  # removed as the folder was read
                        continue
    return found

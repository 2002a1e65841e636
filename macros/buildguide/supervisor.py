"""`buildguide serve` runs the preview in a child process, and a new child when the old one asks (a Python edit:
new code needs a new interpreter). The parent passes each stop signal on to the child and exits as it does, so a
stop that arrives while one child gives way to the next is not lost (an exec in place could lose it). A child
that fails after an edit (a typo in the package) leaves the parent waiting for the next save of a .py file.
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
CHILD = "BUILDGUIDE_SERVE_CHILD"  # set in a child's environment: it serves instead of supervising
POLL_S = 0.3
FAILED = "buildguide serve: the preview stopped after a Python change (exit {}); save a fix and it starts again"


def is_child() -> bool:
    return os.environ.get(CHILD) == "1"


def supervise(argv: list[str], root: Path) -> int:
    """Run `buildguide <argv>` as a child until it exits other than to restart; its status is ours."""
    stopped: list[int] = []
    child: subprocess.Popen[bytes] | None = None

    def forward(signum: int, frame: object) -> None:
        stopped.append(signum)
        if child is not None:
            child.send_signal(signum)  # a no-op once the child has been reaped

    for stop in STOPS:
        signal.signal(stop, forward)
    status, edited, idle = RESTART, False, False
    while not stopped:
        if status != RESTART:
            if not (edited and 0 < status < 128):  # a failure before any edit, or the child's own stop
                return _as_shell(status)
            print(FAILED.format(status), file=sys.stderr, flush=True)
            idle = True
            if not _saved(root, stopped):
                break
            idle = False
        child = subprocess.Popen([sys.executable, "-m", "buildguide.cli", *argv], env={**os.environ, CHILD: "1"})
        if stopped:  # arrived while the child was being started, before `forward` could reach it
            child.send_signal(stopped[0])
        status = child.wait()
        edited = edited or status == RESTART
    if status == RESTART or idle:  # stopped with no child running: exit as the child would have
        return 0 if stopped[0] == signal.SIGINT else 128 + stopped[0]
    return _as_shell(status)


def _as_shell(status: int) -> int:
    return 128 - status if status < 0 else status  # killed before it could handle the signal: as a shell reports


def _saved(root: Path, stopped: list[int]) -> bool:
    """Wait for a save of a .py file the preview watches; False when a stop comes first."""
    before = _python_files(root)
    while not stopped:
        time.sleep(POLL_S)
        if _python_files(root) != before:
            return True
    return False


def _python_files(root: Path) -> dict[str, int]:
    found = {}
    for folder in ("macros", "docs", "overrides"):
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

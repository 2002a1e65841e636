"""`buildguide serve` runs the preview in a child process, and a new child when the old one asks (a Python edit:
new code needs a new interpreter). The parent passes each stop signal on to the child and exits as it does, so a
stop that arrives while one child gives way to the next is not lost (an exec in place could lose it).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from .stops import STOPS

RESTART = 3  # the exit status by which a child asks for a fresh one
CHILD = "BUILDGUIDE_SERVE_CHILD"  # set in a child's environment: it serves instead of supervising


def is_child() -> bool:
    return os.environ.get(CHILD) == "1"


def supervise(argv: list[str]) -> int:
    """Run `buildguide <argv>` as a child until it exits other than to restart; its status is ours."""
    stopped: list[int] = []
    child: subprocess.Popen[bytes] | None = None

    def forward(signum: int, frame: object) -> None:
        stopped.append(signum)
        if child is not None:
            child.send_signal(signum)  # a no-op once the child has been reaped

    for stop in STOPS:
        signal.signal(stop, forward)
    status = RESTART
    while status == RESTART and not stopped:
        child = subprocess.Popen([sys.executable, "-m", "buildguide.cli", *argv], env={**os.environ, CHILD: "1"})
        if stopped:  # arrived while the child was being started, before `forward` could reach it
            child.send_signal(stopped[0])
        status = child.wait()
    if status == RESTART:  # a stop arrived as the old child finished: none follows it
        status = 0 if stopped[0] == signal.SIGINT else 128 + stopped[0]
    return 128 - status if status < 0 else status  # killed before it could handle the signal: as a shell reports

"""Timing and peak memory of one command, taken from the kernel's accounting of that process alone."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


def env(cwd: Path) -> dict[str, str]:
    """The environment for a command run in `cwd`; a project copy's own package is the one imported.

    MkDocs puts the hook's folder (macros/) first on sys.path, so a site build already imports the copy; `check`
    and the serve loop do the same, so that every figure measures the same snapshot of the code.
    """
    extra = {"PYTHONPATH": str(cwd / "macros")} if (cwd / "macros").is_dir() else {}
    return os.environ | {"NO_MKDOCS_2_WARNING": "1"} | extra


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds: what the run costs whatever else the machine is doing
    peak_mb: float  # peak resident memory

    @staticmethod
    def median(runs: list[Run]) -> Run:
        return Run(*(statistics.median(getattr(r, f) for r in runs) for f in ("wall", "cpu", "peak_mb")))


def run(command: list[str], cwd: Path) -> Run:
    """Run to completion; a failure is fatal, since a benchmark of a broken build measures nothing."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a long error report cannot block the child
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env(cwd), stdout=subprocess.DEVNULL, stderr=errors)
        # wait4 gives this child's own rusage; RUSAGE_CHILDREN would mix in every earlier run's peak.
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{errors.read().decode('utf-8', 'replace')}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def repeated(command: list[str], cwd: Path, times: int) -> Run:
    return Run.median([run(command, cwd) for _ in range(times)])


def tree_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())

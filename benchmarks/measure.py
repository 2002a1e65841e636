"""Timing and peak memory of one command and every process it starts, from the kernel's accounting."""

from __future__ import annotations

import gzip
import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


def env(cwd: Path) -> dict[str, str]:
    """The environment for a command run in `cwd`; a project copy's own package is the one imported.

    MkDocs puts the hook's folder (macros/) first on sys.path, so a site build already imports the copy; `check`,
    `build --engine zensical` and the preview do the same, so that every figure measures the same snapshot of the
    code.
    """
    extra = {"PYTHONPATH": str(cwd / "macros")} if (cwd / "macros").is_dir() else {}
    return os.environ | {"NO_MKDOCS_2_WARNING": "1"} | extra


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the whole tree: what the run costs whatever else the machine is doing
    peak_mb: float  # peak resident memory of the heaviest single process in the tree

    @staticmethod
    def median(runs: list[Run]) -> Run:
        return Run(*(statistics.median(getattr(r, f) for r in runs) for f in ("wall", "cpu", "peak_mb")))


class CommandFailed(Exception):
    """A command exited with an error status."""

    def __init__(self, command: list[str], cwd: Path, errors: str) -> None:
        super().__init__(f"{' '.join(command)} failed in {cwd}:\n{errors}")
        lines = [line for line in errors.splitlines() if line.strip()]
        self.summary = lines[-1] if lines else "no error output"


def reap(process: subprocess.Popen[bytes]) -> Run:
    """Wait for `process` and return its figures, counting every descendant it waited for.

    The rusage wait4 returns for a child is the kernel's RUSAGE_BOTH for it: its own usage plus that of the
    descendants it reaped. So `buildguide build`'s figures include the mkdocs or Zensical process it runs with
    subprocess.run, and ru_maxrss is the largest single process of that tree (a maximum, not a sum).
    RUSAGE_CHILDREN of this process would also mix in every earlier run's peak. `wall` is left at 0 for the
    caller, which knows when the process started.
    """
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
    return Run(0.0, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def run(command: list[str], cwd: Path) -> Run:
    """Run to completion; CommandFailed if it fails, since a broken build measures nothing."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a long error report cannot block the child
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env(cwd), stdout=subprocess.DEVNULL, stderr=errors)
        result = reap(process)
        result.wall = time.perf_counter() - start
        if process.returncode != 0:
            errors.seek(0)
            raise CommandFailed(command, cwd, errors.read().decode("utf-8", "replace"))
    return result


def repeated(command: list[str], cwd: Path, times: int) -> Run:
    return Run.median([run(command, cwd) for _ in range(times)])


def tree_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def gzipped_bytes(path: Path) -> int:
    """Size as a web server sends it: level 6, gzip's and most servers' default."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))

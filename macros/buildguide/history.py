"""When each build file last changed, read from the repository's history: a commit date, so the same commit always
gives the same pages (the file system's times would change with every checkout).

Git is asked once for the whole builds folder: one `git log` walk, newest first, where the first date seen for a
path is its last change. A process per build would cost seconds at 1,000 builds. Where history cannot say (not a
git checkout, no git, a shallow clone whose oldest commit would seem to have changed every file, a file never
committed) a build has no date, and its page says nothing rather than something false.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

FOLDER = "builds"
TIMEOUT = 60  # seconds; a history git cannot walk in that time is treated as absent


def _git(root: Path, *args: str) -> str | None:
    """Git's output, or None when git is missing or refuses (not a repository)."""
    command = ["git", "-C", str(root), "-c", "core.quotePath=false", *args]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def last_changed(root: Path) -> dict[str, dt.date]:
    """Build file path relative to the project (`builds/<slug>.yaml`) -> the committer date of the last commit that
    changed it; empty when the history cannot tell."""
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow is None or shallow.strip() != "false":
        return {}
    # --relative: paths relative to the project even when it is a folder inside a larger repository.
    log = _git(root, "log", "--no-renames", "--relative", "--format=%x00%cs", "--name-only", "--", f"{FOLDER}/")
    if log is None:
        return {}
    dates: dict[str, dt.date] = {}
    for commit in log.split("\0")[1:]:
        day, *paths = commit.split("\n")
        when = dt.date.fromisoformat(day)
        for path in paths:
            if path.endswith(".yaml") and "/" not in path.removeprefix(f"{FOLDER}/"):
                dates.setdefault(path, when)
    return dates

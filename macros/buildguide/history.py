"""When each build file last changed, read from the repository's history: a commit date, so the same commit always
gives the same pages (the file system's times would change with every checkout).

Git is asked once for the build files: one `git log --first-parent` walk of the branch being built, newest first,
where the first date seen for a path is its last change. Following first parents only, a change merged from a
pull request is dated by its merge into this branch, not by the commit date on the contributor's branch (which
they set, to any year they like); a merge that resolves a conflict in a build counts as its change. A process
per build would cost seconds at 1,000 builds. Where history cannot say (not a git checkout, no git, a shallow
clone whose oldest commit would seem to have changed every file, a file never committed) a build has no date,
and its page says nothing rather than something false.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

FOLDER = "builds"
TIMEOUT = 60  # seconds; a history git cannot walk in that time is treated as absent
# Said by `buildguide render` (so by `buildguide build` and `mkdocs build` too, not by the preview): the pages lose
# a row, and nothing else would tell.
SHALLOW_NOTE = "this clone's history is shallow, so no build page says when it last changed: `git fetch --unshallow`"


def _git(root: Path, *args: str) -> str | None:
    """Git's output, or None when git is missing or refuses (not a repository). Read as bytes: a file name in the
    history that is not UTF-8 must not stop the site (it is kept, undecodable, and matches no build file)."""
    command = ["git", "-C", str(root), "-c", "core.quotePath=false", *args]
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.decode(errors="surrogateescape") if done.returncode == 0 else None


def shallow(root: Path) -> bool:
    """Whether the project is in a shallow clone (False where it is no git checkout, or git is missing)."""
    found = _git(root, "rev-parse", "--is-shallow-repository")
    return found is not None and found.strip() == "true"


def last_changed(root: Path, newest: dt.date) -> dict[str, dt.date]:
    """Build file path relative to the project (`builds/<slug>.yaml`) -> the committer date of the last commit on
    this branch that changed it; empty when the history cannot tell. A date after `newest` (the reference date:
    a commit dated in the future) is no date."""
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow is None or shallow.strip() != "false":
        return {}
    # --relative: paths relative to the project even when it is a folder inside a larger repository.
    # -z: names as they are, each ended by a NUL; \x01 starts each commit's date.
    arguments = ["--first-parent", "--diff-merges=first-parent", "--no-renames", "--relative", "-z"]
    log = _git(root, "log", *arguments, "--format=%x01%cs", "--name-only", "--", f":(glob){FOLDER}/*.yaml")
    if log is None:
        return {}
    dates: dict[str, dt.date] = {}
    for commit in log.split("\x01")[1:]:
        day, _, names = commit.partition("\0")  # then a line break, then the names, each ended by a NUL
        try:
            when = dt.date.fromisoformat(day)
        except ValueError:  # a year past 9999, or an old git that prints %cs as it is
            continue
        if when > newest:
            continue
        for path in names.lstrip("\n").split("\0"):
            if path:
                dates.setdefault(path, when)
    return dates

"""`buildguide build`: the render step, then a site engine on the hand-written and generated pages together.

MkDocs (with Material) is the default and what Pages deploys; its hook runs the render step itself. Zensical
reads the same mkdocs.yml but runs no hooks, so the render step runs first here. Zensical 0.0.73 has no
output-folder option and writes to the configured `site_dir` inside the project, so its output is moved to
the folder asked for afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .errors import DataError
from .render import render

ENGINES = ("mkdocs", "zensical")


def _zensical(root: Path) -> list[str]:
    zensical = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which("zensical")
    if zensical is None:
        raise SystemExit("buildguide build: Zensical is not installed (pip install -e '.[zensical]')")
    # --clean: Zensical keeps a cache in .cache/; a clean build is the one that must match MkDocs'.
    return [zensical, "build", "--strict", "--clean", "-f", str(root / "mkdocs.yml")]


def build(root: Path, engine: str, site_dir: Path | None) -> int:
    """Build the site into `site_dir` (default: the project's site/); the engine's exit status."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    target = (site_dir or root / "site").resolve()
    if engine == "mkdocs":
        # Into a fresh folder first: a failed strict build must not leave half a site where the last one was.
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".site-", dir=target.parent) as scratch:
            command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml")]
            status = subprocess.run([*command, "-d", scratch], cwd=root, env=env, check=False).returncode
            if status == 0:
                shutil.rmtree(target, ignore_errors=True)
                os.replace(scratch, target)
                os.mkdir(scratch)  # for the context manager to remove
        return status
    try:
        render(root)
    except DataError as exc:
        print(exc, file=sys.stderr)
        print(f"{len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''} found", file=sys.stderr)
        return 1
    status = subprocess.run(_zensical(root), cwd=root, env=env, check=False).returncode
    if status == 0 and target != (root / "site").resolve():
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(root / "site", target)
    return status

"""`buildguide build`: the render step, then a site engine on the hand-written and generated pages together.

MkDocs (with Material) is the default and what Pages deploys; its hook runs the render step itself. Zensical
reads the same mkdocs.yml but runs no hooks, so the render step runs first here and the theme's indentation
comes out of its pages afterwards, as the hook does for MkDocs (`compact`). Zensical 0.0.73 has no output-folder
option and writes to the configured `site_dir` inside the project, so its output is moved to the folder asked
for afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import history
from .compact import compact
from .errors import DataError
from .forked import WorkerDied

ENGINES = ("mkdocs", "zensical")
JOBS = "BUILDGUIDE_JOBS"  # how `build --jobs` reaches the render step that MkDocs' hook runs


def _zensical(root: Path) -> list[str]:
    zensical = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which("zensical")
    if zensical is None:
        raise SystemExit("buildguide build: Zensical is not installed (pip install -e '.[zensical]')")
    # --clean: Zensical keeps a cache in .cache/; a clean build is the one that must match MkDocs'.
    return [zensical, "build", "--strict", "--clean", "-f", str(root / "mkdocs.yml")]


def unsafe_target(root: Path, target: Path) -> str | None:
    """Why the site may not be written to `target` (it is replaced whole), or None."""
    root = root.resolve()
    if root == target or root.is_relative_to(target):
        return "it holds the project"
    for folder in ("docs", "builds", "macros", "overrides", ".git"):
        if target.is_relative_to(root / folder):
            return f"it is inside the project's {folder}/"
    if target.is_dir() and any(target.iterdir()) and not (target / "index.html").is_file():
        return "it is a folder with files in it that is not a site built earlier"
    return None


def _replace(target: Path, built: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    os.replace(built, target)


def build(root: Path, engine: str, site_dir: Path | None, jobs: int = 1) -> int:
    """Build the site into `site_dir` (default: the project's site/); the engine's exit status."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", JOBS: str(jobs)}
    target = (site_dir or root / "site").resolve()
    if why := unsafe_target(root, target):
        print(f"buildguide build: not building into {target}: {why}", file=sys.stderr)
        return 2
    target.parent.mkdir(parents=True, exist_ok=True)
    if engine == "mkdocs":
        # Into a fresh folder first: a failed strict build must not leave half a site where the last one was.
        with tempfile.TemporaryDirectory(prefix=".site-", dir=target.parent) as scratch:
            command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml")]
            status = subprocess.run([*command, "-d", scratch], cwd=root, env=env, check=False).returncode
            if status == 0:
                _replace(target, Path(scratch))
                os.mkdir(scratch)  # for the context manager to remove
        return status
    return rendered(root, jobs) or _zensical_build(root, target, env)


def rendered(root: Path, jobs: int = 1) -> int:
    """The render step alone (`buildguide render`, which MkDocs' hook runs): 0, 1 with the problems listed, or 2
    if a worker process died."""
    from .render import render  # here, not at the top: `check` imports this module and needs no templates

    try:
        render(root, jobs)
    except WorkerDied:
        print("buildguide render: a worker process died (out of memory?); try --jobs 1", file=sys.stderr)
        return 2
    except DataError as exc:
        print(exc, file=sys.stderr)
        print(f"{len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''} found", file=sys.stderr)
        return 1
    if history.shallow(root):
        print(f"buildguide render: note: {history.SHALLOW_NOTE}", file=sys.stderr)
    return 0


def _zensical_build(root: Path, target: Path, env: dict[str, str]) -> int:
    """Zensical writes to the project's site/ only: whatever is there is set aside, and put back unless the new
    site replaces it, so neither a failed build nor a build elsewhere costs the site already in site/."""
    own = (root / "site").resolve()
    kept = Path(tempfile.mkdtemp(prefix=".site-kept-", dir=root))
    if own.exists():
        os.replace(own, kept / "site")
    status = 1
    try:
        status = subprocess.run(_zensical(root), cwd=root, env=env, check=False).returncode
        if status == 0:
            _compact_pages(own, root / "docs")
        if status == 0 and own != target:
            _replace(target, own)
    finally:
        shutil.rmtree(own if status != 0 or own != target else kept / "site", ignore_errors=True)
        if (kept / "site").exists():
            os.replace(kept / "site", own)
        kept.rmdir()
    return status


def _compact_pages(site: Path, docs: Path) -> None:
    """The pages Zensical rendered, as MkDocs' hook compacts its own; files it copied from the docs folder as they
    are (a redirect page, say) stay as they are, as under MkDocs."""
    for page in site.rglob("*.html"):
        if page.is_symlink() or not page.is_file() or (docs / page.relative_to(site)).is_file():
            continue
        try:
            text = page.read_bytes().decode("utf-8")  # bytes both ways: line endings stay as written
        except UnicodeDecodeError:
            continue
        if (out := compact(text)) != text:
            page.write_bytes(out.encode("utf-8"))

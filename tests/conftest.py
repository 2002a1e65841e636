from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = "dual-titan-rtx-deep-learning-2020"
# What a site build needs; everything else in a checkout (venv, caches, test artifacts) stays behind.
SOURCES = ("builds", "docs", "overrides", "macros")
# What the render step writes (git-ignored): a copy starts without it, as a fresh checkout does.
GENERATED = {"docs/downloads", "docs/assets/builds", "docs/catalog", "docs/parts", "docs/feed.xml"}


def _ignore(folder: str, names: list[str]) -> set[str]:
    where = Path(folder).relative_to(ROOT).as_posix()
    skip = {name for name in names if name == "__pycache__" or f"{where}/{name}" in GENERATED}
    if where == "docs/builds":  # the generated pages are its subfolders; the hand-written index.md stays
        skip |= {name for name in names if (Path(folder) / name).is_dir()}
    return skip


def copy_project(dest: Path) -> Path:
    """Copy the project's site sources to `dest`, without anything a render step wrote into the checkout."""
    dest.mkdir(parents=True)
    for name in SOURCES:
        shutil.copytree(ROOT / name, dest / name, ignore=_ignore)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A throw-away copy of the project's site sources, safe to break."""
    return copy_project(tmp_path / "repo")


@pytest.fixture
def write(repo: Path) -> Callable[[str, str], Path]:
    """Write a file into the repo copy from an indented literal."""

    def _write(relative: str, text: str) -> Path:
        path = repo / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write

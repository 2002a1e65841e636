from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = "dual-titan-rtx-deep-learning-2020"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A throw-away copy of the project's site sources, safe to break."""
    dest = tmp_path / "repo"
    dest.mkdir()
    for name in ("builds", "docs", "overrides", "macros"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


@pytest.fixture
def write(repo: Path) -> Callable[[str, str], Path]:
    """Write a file into the repo copy from an indented literal."""

    def _write(relative: str, text: str) -> Path:
        path = repo / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write

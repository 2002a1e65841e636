"""The same tree builds to byte-identical sites, wherever it is checked out and whatever the hash seed."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def _build(tmp: Path, name: str, seed: str) -> Path:
    repo = tmp / name / "checkout"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns("site", ".venv", ".git", "__pycache__", "*.egg-info"))
    # SOURCE_DATE_EPOCH pins the sitemap dates (CI sets it to the commit time); the hash seed shakes set order.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": seed}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp / name / "site")]
    subprocess.run(command, cwd=repo, env=env, check=True, capture_output=True, timeout=300)
    return tmp / name / "site"


def _differences(a: Path, b: Path) -> list[str]:
    found: list[str] = []
    compare = filecmp.dircmp(a, b)
    found += [f"only in one: {name}" for name in compare.left_only + compare.right_only]
    found += [str(a / name) for name in compare.diff_files]
    for name in compare.common_files:
        if (a / name).read_bytes() != (b / name).read_bytes():  # dircmp compares shallowly
            found.append(str(a / name))
    for sub in compare.common_dirs:
        found += _differences(a / sub, b / sub)
    return sorted(set(found))


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first, second = _build(tmp_path, "one", "1"), _build(tmp_path, "two", "2")
    assert _differences(first, second) == []

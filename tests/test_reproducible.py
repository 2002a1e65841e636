"""The same tree builds to byte-identical sites with either engine, wherever it is checked out and whatever the hash
seed."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .browser.sites import ENGINES, copy_project


def _build(tmp: Path, name: str, seed: str, engine: str) -> Path:
    repo = copy_project(tmp / name / "checkout")
    # SOURCE_DATE_EPOCH pins the sitemap dates (CI sets it to the commit time); the hash seed shakes set order.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": seed}
    site = tmp / name / "site"
    command = [sys.executable, "-m", "buildguide.cli", "build", "--engine", engine, "-d", str(site)]
    subprocess.run(command, cwd=repo, env=env, check=True, capture_output=True, timeout=300)
    return site


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


@pytest.mark.parametrize("engine", ENGINES)
def test_two_builds_are_byte_identical(tmp_path: Path, engine: str) -> None:
    first, second = _build(tmp_path, "one", "1", engine), _build(tmp_path, "two", "2", engine)
    assert _differences(first, second) == []

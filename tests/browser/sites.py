"""Sites built the way a contributor builds them: `buildguide build --engine …` in a copy of the project.

Shared by the browser suite and the tests that read the built HTML or compare the two engines. Each site is
built once per test session (a build takes a second or two) in a copy of the project, so the work tree's
generated files and site/ are never touched. No test may write into a site it gets from here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import ROOT

ENGINES = ("mkdocs", "zensical")
PROJECT = ("builds", "docs", "overrides", "macros", "mkdocs.yml")
GENERATED = shutil.ignore_patterns("__pycache__", "*.egg-info")
# What the render step writes into docs/ (git-ignored): left out, so every copy starts from the sources alone.
RENDERED = ("docs/downloads", "docs/assets/builds", "docs/catalog", "docs/parts")


@dataclass(frozen=True)
class Built:
    engine: str
    root: Path  # the project copy it was built from
    site: Path
    result: subprocess.CompletedProcess[str]


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=GENERATED)
        else:
            shutil.copy(source, dest / name)
    for folder in RENDERED:
        shutil.rmtree(dest / folder, ignore_errors=True)
    (dest / "docs" / "feed.xml").unlink(missing_ok=True)
    for page in (dest / "docs" / "builds").iterdir():
        if page.is_dir():
            shutil.rmtree(page)
    return dest


def build(root: Path, engine: str, site: Path) -> subprocess.CompletedProcess[str]:
    """`python -m buildguide.cli build --engine <engine> -d <site>`, run in the project copy."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "buildguide.cli", "build", "--engine", engine, "-d", str(site)]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False)


_BUILT: dict[tuple[str, str], Built] = {}


def built_site(
    factory: pytest.TempPathFactory, name: str, engine: str, prepare: object = None, *, must_pass: bool = True
) -> Built:
    """The project (changed by `prepare(root)` if given) built with `engine`, once per session per name."""
    key = (name, engine)
    if key not in _BUILT:
        base = factory.mktemp(f"{name}-{engine}")
        root = copy_project(base / "repo")
        if callable(prepare):
            prepare(root)
        site = base / "site"
        _BUILT[key] = Built(engine, root, site, build(root, engine, site))
    built = _BUILT[key]
    if must_pass:
        assert built.result.returncode == 0, f"{engine} build failed:\n{built.result.stdout}\n{built.result.stderr}"
    return built


def real_site(factory: pytest.TempPathFactory, engine: str) -> Built:
    """The project as it is, built with `engine`."""
    return built_site(factory, "real", engine)

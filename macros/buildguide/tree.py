"""What may stand under builds/, and a problem for everything else.

Build data comes from strangers' pull requests, so the tree is read without following links: a symbolic link,
a device or a pipe is refused wherever it stands (it could point at files outside the repository, loop, or
never end), and a file that would be silently skipped (`x.yml`, a build in a subfolder) is reported.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import Problem

BUILDS, PARTS, IMAGES = "builds", "builds/parts", "builds/images"


def _problem(root: Path, path: Path, message: str) -> Problem:
    return Problem(path.relative_to(root).as_posix(), 1, 1, "(file)", message)


def kind(path: Path) -> str | None:
    """Why a path may not be read ('a symbolic link', 'a device'…), or None for a regular file or folder."""
    try:
        mode = path.lstat().st_mode
    except OSError as exc:
        return f"unreadable ({exc.strerror})"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "not a regular file"
    return None


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(Path(entry.path) for entry in os.scandir(folder))
    except OSError:
        return []


def _refused(root: Path, path: Path) -> Problem | None:
    if (why := kind(path)) is not None:
        return _problem(root, path, f"is {why}; only plain files and folders are read under {BUILDS}/")
    return None


def build_files(root: Path) -> tuple[list[Path], list[Problem]]:
    """builds/*.yaml, and a problem for every other entry of builds/ that is not parts/ or images/."""
    files, problems = [], []
    for path in _entries(root / BUILDS):
        if problem := _refused(root, path):
            problems.append(problem)
        elif _hidden_data(path):
            problems.append(_problem(root, path, HIDDEN))
        elif path.is_dir():
            if path.name not in ("parts", "images"):
                problems.append(_problem(root, path, f"folders in {BUILDS}/ are not read: move the build up a level"))
        elif path.suffix == ".yaml":
            files.append(path)
        elif path.suffix == ".yml":
            problems.append(_problem(root, path, "is not read: build files end in .yaml, rename it"))
        elif not path.name.startswith("."):
            problems.append(_problem(root, path, f"is not read: {BUILDS}/ holds build files (.yaml) only"))
    return files, problems + _images(root)


HIDDEN = "is not read: a hidden file (its name starts with a dot)"


def _hidden_data(path: Path) -> bool:
    """A hidden file named like data (`.yaml`, `.titan.yaml`): meant to be read, so worth a word. Other hidden
    files, such as .DS_Store or .gitkeep, are skipped unread and unreported."""
    return path.name.startswith(".") and path.name.endswith((".yaml", ".yml"))


def _images(root: Path) -> list[Problem]:
    """Every link or special file anywhere under builds/images/, shown or not: none is ever read."""
    if not (root / IMAGES).exists() and not (root / IMAGES).is_symlink():
        return []
    if problem := _refused(root, root / IMAGES):
        return [problem]
    problems = []
    for folder, dirs, names in os.walk(root / IMAGES):  # never follows links
        for name in sorted(dirs + names):
            if problem := _refused(root, Path(folder) / name):
                problems.append(problem)
        dirs[:] = [d for d in dirs if kind(Path(folder) / d) is None]
    return problems


def catalog_files(root: Path) -> tuple[list[Path], list[Problem]]:
    files, problems = [], []
    if (root / PARTS).exists() and (problem := _refused(root, root / PARTS)):
        return [], [problem]
    for path in _entries(root / PARTS):
        if problem := _refused(root, path):
            problems.append(problem)
        elif _hidden_data(path):
            problems.append(_problem(root, path, HIDDEN))
        elif path.is_file() and path.suffix == ".yaml":
            files.append(path)
        elif not path.name.startswith("."):
            problems.append(_problem(root, path, f"is not read: {PARTS}/ holds catalog files (.yaml) only"))
    return files, problems


def plain_file(root: Path, relative: str) -> str | None:
    """Why `root/relative` is not a plain file reached through plain folders, or None when it is."""
    path = root
    for part in Path(relative).parts:
        path = path / part
        if (why := kind(path)) is not None:
            return f"{path.relative_to(root).as_posix()} is {why}"
    return None if path.is_file() else f"{Path(relative).as_posix()} is a folder"

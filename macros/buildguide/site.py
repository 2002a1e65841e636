"""MkDocs glue: a page per build file without a stub, and the macros that render them.

Data is loaded once per site build (in `define_env`, which mkdocs-macros calls from `on_config`), so the cost
per page stays constant however many builds there are.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from . import render
from .errors import DataError
from .fields import SLUG_PATTERN
from .load import IMAGES_DIR
from .project import load_project

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif"}


def _root(config: Any) -> Path:
    return Path(config["config_file_path"]).resolve().parent


def define_env(env: Any) -> None:
    try:
        project = load_project(_root(env.conf))
    except DataError as exc:
        raise PluginError(f"build data has {len(exc.problems)} problem(s):\n{exc}") from None

    @env.macro
    def build_page(slug: str) -> str:
        return render.guide_page(project.guides[slug])

    @env.macro
    def builds_index() -> str:
        return render.builds_index(project)

    env.variables["build_count"] = len(project.guides)


def on_files(files: Files, config: Any) -> Files:
    root = _root(config)
    for file in sorted((root / "builds").glob("*.yaml")):
        if re.fullmatch(SLUG_PATTERN, file.stem):  # anything else was refused by define_env already
            content = f'{{{{ build_page("{file.stem}") }}}}\n'
            files.append(File.generated(config, f"builds/{file.stem}.md", content=content))
    images = (root / IMAGES_DIR).resolve()
    for image in sorted(images.rglob("*")):
        real = image.resolve()
        if image.suffix.lower() in IMAGE_SUFFIXES and real.is_relative_to(images) and real.is_file():
            dest = f"assets/builds/images/{image.relative_to(images).as_posix()}"
            files.append(File.generated(config, dest, abs_src_path=str(real)))
    return files

"""MkDocs glue: a page and three downloads per build file without a stub, and the macros that render them.

Data is loaded once per site build (in `define_env`, which mkdocs-macros calls from `on_config`, before any
`on_files`), so the cost per page stays constant however many builds there are.
"""

from __future__ import annotations

import gc
import json
import re
import secrets
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from . import exports, render
from .errors import DataError
from .facts import facts
from .fields import SLUG_PATTERN
from .load import IMAGES_DIR
from .project import Guide, Project, load_project

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif"}
_PROJECTS: dict[Path, Project] = {}  # filled by define_env, read by on_files of the same build


def _root(config: Any) -> Path:
    return Path(config["config_file_path"]).resolve().parent


def _project(root: Path) -> Project:
    try:
        return load_project(root)
    except DataError as exc:
        raise PluginError(f"build data has {len(exc.problems)} problem(s):\n{exc}") from None


class _Stash:
    """Keeps a guide page's raw HTML blocks away from Python-Markdown, which would only parse them to set them aside.

    Most of a guide page is HTML the templates already made; only its headings need Markdown (for the table of
    contents). Each HTML block is swapped for a placeholder paragraph and put back in `on_page_content`: the page
    is the same, and a site of 1,000 builds renders in about two thirds of the time (benchmarks/scale.py). The
    placeholder carries a random token per site build, and contributor text only ever sits inside the stashed
    blocks, so no input can forge one.
    """

    def __init__(self) -> None:
        self.token = secrets.token_hex(8)
        self.blocks: dict[str, str] = {}
        self.pattern = re.compile(rf"<p>bgstash{self.token}n(\d+)</p>")

    def hide(self, markdown: str) -> str:
        parts = markdown.split("\n\n")
        for i, part in enumerate(parts):
            if part.lstrip().startswith("<"):
                key = str(len(self.blocks))
                self.blocks[key] = part.strip("\n")
                parts[i] = f"bgstash{self.token}n{key}"
        return "\n\n".join(parts)

    def restore(self, html: str) -> str:
        return self.pattern.sub(lambda match: self.blocks.pop(match.group(1)), html)

    def reveal(self, markdown: str) -> str:
        """The page's Markdown with its HTML blocks back: what a hand-written page would hold (benchmarks/)."""
        return re.sub(rf"bgstash{self.token}n(\d+)", lambda match: self.blocks.pop(match.group(1)), markdown)


_STASH = _Stash()


def define_env(env: Any) -> None:
    global _STASH
    root = _root(env.conf)
    gc.unfreeze()  # `mkdocs serve`: let the previous build's data be collected
    project = _PROJECTS[root] = _project(root)
    gc.freeze()  # the loaded data lives for the whole build; the collector need not scan it on every page
    stash = _STASH = _Stash()

    @env.macro
    def build_page(slug: str) -> str:
        return stash.hide(render.guide_page(project.guides[slug]))

    @env.macro
    def builds_index() -> str:
        return render.builds_index(project)

    @env.macro
    def build_cards() -> str:
        return render.build_cards(project)

    @env.macro
    def compare_page() -> str:
        return render.compare_page(project)

    env.variables["build_count"] = len(project.guides)


def description(guide: Guide) -> str:
    """The social/search description: what it is, what it costs, which GPUs."""
    f, pricing = facts(guide), guide.pricing
    gpus = f"; {f.gpus}" + (f" ({f.gpu_memory_gb} GB GPU memory)" if f.gpu_memory_gb else "") if f.gpus else ""
    return f"{guide.loaded.build.purpose}: {pricing.money(pricing.core_total)} {pricing.currency}{gpus}."


def _page_source(guide: Guide) -> str:
    # MkDocs' theme templates print page.meta unescaped, so the description is escaped here, once; it is
    # JSON-quoted because JSON is valid YAML front matter whatever the text contains.
    meta = {"description": str(escape(description(guide))), "tags": guide.loaded.build.tags}
    front = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
    return f'---\n{front}\n---\n\n{{{{ build_page("{guide.slug}") }}}}\n'


def _downloads(config: Any, guide: Guide) -> list[File]:
    files = [
        File.generated(config, f"downloads/{guide.slug}.json", content=exports.build_json(guide)),
        File.generated(config, f"downloads/{guide.slug}.csv", content=exports.part_list_csv(guide)),
    ]
    # A ".md" source would become a page; the forum list is a plain download that merely ends in .md.
    forum = File.generated(config, f"downloads/{guide.slug}.md.txt", content=exports.forum_markdown(guide))
    forum.dest_uri = f"downloads/{guide.slug}.md"
    return [*files, forum]


def on_files(files: Files, config: Any) -> Files:
    root = _root(config)
    project = _PROJECTS.get(root) or _project(root)
    for file in sorted((root / "builds").glob("*.yaml")):
        if re.fullmatch(SLUG_PATTERN, file.stem):  # anything else was refused by define_env already
            guide = project.guides[file.stem]
            files.append(File.generated(config, f"builds/{file.stem}.md", content=_page_source(guide)))
            for download in _downloads(config, guide):
                files.append(download)
    images = (root / IMAGES_DIR).resolve()
    for image in sorted(images.rglob("*")):
        real = image.resolve()
        if image.suffix.lower() in IMAGE_SUFFIXES and real.is_relative_to(images) and real.is_file():
            dest = f"assets/builds/images/{image.relative_to(images).as_posix()}"
            files.append(File.generated(config, dest, abs_src_path=str(real)))
    return files


def on_page_content(html: str, **_: Any) -> str:
    return _STASH.restore(html)


def full_markdown(markdown: str) -> str:
    """A rendered page source with the current site build's stashed HTML put back."""
    return _STASH.reveal(markdown)

"""The three sites the benchmark builds: the project itself, and its pages written out as static Markdown.

The static pages are exactly what the project's macros produce: MkDocs loads the project's configuration and
runs its plugins' and hook's start-up events, every page (hand-written or generated) goes through the macros
plugin's own Jinja environment, and the result is written to disk for plain MkDocs Material, without the macros
plugin and the hook. "naive" lists every page in the nav, as a
site written by hand usually does; "tuned" keeps the build pages out of it, as the project does.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import load_config
from mkdocs.structure.files import Files
from synth import write_builds

SOURCES = ("mkdocs.yml", "docs", "overrides", "macros", "builds/parts", "builds/images")


def project_tree(source: Path, dest: Path, count: int) -> list[str]:
    """A copy of the project with `count` synthetic builds in place of the real ones."""
    (dest / "builds").mkdir(parents=True)
    for name in SOURCES:
        if (source / name).is_dir():
            shutil.copytree(source / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif (source / name).exists():
            shutil.copy(source / name, dest / name)
    return write_builds(source, dest, count)


def _split(source: str) -> tuple[str, str]:
    """Front matter (with its fences) and body, as MkDocs splits a page."""
    if source.startswith("---\n"):
        end = source.index("\n---\n", 4) + len("\n---\n")
        return source[:end], source[end:]
    return "", source


def _expand(source: str, macros: Any) -> str:
    """The page as the macros plugin hands it to MkDocs: its own Jinja environment, its own variables."""
    front, body = _split(source)
    if "render_macros: false" in front or not macros.has_j2(body):
        return source
    # A build page's macro hides its HTML blocks from Markdown (site._Stash); a hand-written page holds them.
    # Imported here, after the macros plugin has loaded this copy's package, so both use the same module.
    from buildguide.site import full_markdown

    return front + full_markdown(macros.env.from_string(body).render(**macros.variables))


def _static_config(project: Path, slugs: list[str], nav: bool) -> dict[str, Any]:
    config = yaml.load((project / "mkdocs.yml").read_text("utf-8"), Loader=yaml.CSafeLoader)
    config.pop("hooks", None)
    config.pop("watch", None)
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "macros" in p)]
    if nav:
        config.pop("not_in_nav", None)
        config["nav"].append({"Build pages": [f"builds/{slug}.md" for slug in slugs]})
    return config


def static_tree(project: Path, dest: Path, slugs: list[str], *, nav: bool) -> None:
    """The project's rendered pages and generated files as a plain MkDocs Material site.

    Call it in a fresh process for each project copy (see `python sites.py --help`): the macros import that
    copy's `buildguide`, and a package imported once stays bound to its first folder.
    """
    # The start of a real MkDocs build: the macros plugin loads the data, the hook generates the build pages.
    config = load_config(str(project / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    macros = config.plugins["macros"]
    shutil.copytree(project / "overrides", dest / "overrides")
    docs = dest / "docs"
    shutil.copytree(project / "docs", docs)
    for page in docs.rglob("*.md"):
        page.write_text(_expand(page.read_text("utf-8"), macros), encoding="utf-8")
    for file in config.plugins.on_files(Files([]), config=config):
        target = docs / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if file.src_uri.endswith(".md"):
            target.write_text(_expand(file.content_string, macros), encoding="utf-8")
        else:
            target.write_bytes(file.content_bytes)
    config = _static_config(project, slugs, nav)
    (dest / "mkdocs.yml").write_text(yaml.dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a project copy's pages out as a static MkDocs site.")
    parser.add_argument("project", type=Path)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--nav", action="store_true", help="list every build page in the nav (the naive site)")
    args = parser.parse_args()
    slugs = sorted(f.stem for f in (args.project / "builds").glob("*.yaml"))
    static_tree(args.project, args.dest, slugs, nav=args.nav)


if __name__ == "__main__":
    main()

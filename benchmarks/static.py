"""The project's rendered pages as a plain MkDocs Material site: the baseline the project build is held against.

    python benchmarks/static.py PROJECT DEST [--nav]

Run it in a fresh process with PROJECT/macros on PYTHONPATH (measure.env does this): it imports that copy's
`buildguide`, and a package imported once stays bound to its first folder. It runs the render step on PROJECT,
copies PROJECT/docs (hand-written and generated files alike) and the theme overrides to DEST, and writes a
mkdocs.yml without the project's speed-ups: no hook, no macros plugin, no `buildguide.blocks` extension. So that
plain Markdown gets the same pages:

- the listing macros on the hand-written pages are replaced by the listings the render step wrote in
  .buildguide/ (the same Jinja call the macros plugin makes, with the macros answering from those files);
- the marker lines around template HTML are removed, so Python-Markdown parses that HTML itself, as it does in
  any hand-written page.

"tuned" keeps the build pages out of the nav as the project does; "naive" (--nav) lists every one of them, as
a site written by hand usually does, and Material then renders the whole nav into every page.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, StrictUndefined

from buildguide.blocks import END, START
from buildguide.macros import MACROS
from buildguide.render import LISTINGS, MANIFEST, STATE, render

PROJECT_ONLY_EXTENSIONS = ("buildguide.blocks",)  # a tuple: the other entries may be dicts


def _split(source: str) -> tuple[str, str]:
    """Front matter (with its fences) and body, as MkDocs splits a page."""
    if source.startswith("---\n"):
        end = source.index("\n---\n", 4) + len("\n---\n")
        return source[:end], source[end:]
    return "", source


def _macros(project: Path) -> dict[str, Any]:
    """The macros of buildguide.macros, answering from the files the render step wrote."""
    state = project / STATE
    listings = {name: (state / f"{name}.html").read_text("utf-8") for name in LISTINGS}
    builds = int(json.loads((project / MANIFEST).read_text("utf-8"))["builds"])
    found: dict[str, Any] = {macro: (lambda text=listings[name]: text) for macro, name in MACROS.items()}
    return found | {"build_count": lambda: builds}


def _expand(source: str, macros: dict[str, Any]) -> str:
    # StrictUndefined: a macro this benchmark does not know fails here instead of printing nothing.
    front, body = _split(source)
    return front + Environment(undefined=StrictUndefined).from_string(body).render(**macros)


def _unmark(source: str) -> str:
    return "".join(line for line in source.splitlines(keepends=True) if line.rstrip("\n") not in (START, END))


def static_docs(project: Path, docs: Path) -> None:
    """Render, then copy PROJECT/docs to `docs` as plain Markdown pages."""
    render(project)
    shutil.copytree(project / "docs", docs)
    macros = _macros(project)
    for page in (project / "docs").rglob("*.md"):  # the hand-written pages that call the macros
        source = page.read_text("utf-8")
        if "\nrender_macros: true\n" in _split(source)[0]:
            (docs / page.relative_to(project / "docs")).write_text(_expand(source, macros), encoding="utf-8")
    for page in docs.rglob("*.md"):
        source = page.read_text("utf-8")
        if START in source:
            page.write_text(_unmark(source), encoding="utf-8")


def static_config(project: Path, slugs: list[str], *, nav: bool) -> dict[str, Any]:
    """The project's mkdocs.yml without its hook, the macros plugin and the block extension."""
    config: dict[str, Any] = yaml.load((project / "mkdocs.yml").read_text("utf-8"), Loader=yaml.CSafeLoader)
    config.pop("hooks", None)
    config.pop("watch", None)  # only `serve` reads it, and it names project folders this tree lacks
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "macros" in p)]
    config["markdown_extensions"] = [e for e in config["markdown_extensions"] if e not in PROJECT_ONLY_EXTENSIONS]
    if nav:
        config.pop("not_in_nav", None)
        config["nav"].append({"Build pages": [f"builds/{slug}/index.md" for slug in slugs]})
    return config


def static_tree(project: Path, dest: Path, *, nav: bool) -> None:
    slugs = sorted(f.stem for f in (project / "builds").glob("*.yaml"))
    dest.mkdir(parents=True)
    static_docs(project, dest / "docs")
    shutil.copytree(project / "overrides", dest / "overrides")
    config = static_config(project, slugs, nav=nav)
    (dest / "mkdocs.yml").write_text(yaml.dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--nav", action="store_true", help="list every build page in the nav (the naive site)")
    args = parser.parse_args()
    static_tree(args.project.resolve(), args.dest.resolve(), nav=args.nav)


if __name__ == "__main__":
    main()

"""The render step: build files and catalog in, the site's generated sources out, as plain files.

It writes, under the engine's docs folder, a page source per build (`builds/<slug>/index.md`), its downloads
(`downloads/`) and the images builds use (`assets/builds/`); and, in `.buildguide/`, the listings the
hand-written pages embed through the macros, with a manifest that says which render they belong to. Every one
of these paths is git-ignored and owned by this step: what it did not write there is removed. Nothing here
imports an engine, so `mkdocs build`, `buildguide build --engine zensical`, the preview, the benchmark and the
tests all call the same function.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from . import exports, pages
from .project import Project, load_project
from .view import BuildView, newest_first, view

DOCS = "docs"
STATE = ".buildguide"  # the manifest and the listing fragments: read by the macros, not published
MANIFEST = f"{STATE}/manifest.json"
# Folders (relative to the project) whose every file the render step writes; `builds/*/` means subfolders only,
# so the hand-written builds index (docs/builds/index.md) stays.
OWNED = (f"{DOCS}/downloads", f"{DOCS}/assets/builds", STATE)
OWNED_SUBFOLDERS = f"{DOCS}/builds"
LISTINGS = {"cards": pages.build_cards, "index": pages.builds_index, "compare": pages.compare_page}


def build_outputs(root: Path, v: BuildView) -> dict[str, bytes]:
    """Every file one build publishes, by path relative to the project."""
    out = {
        f"{DOCS}/builds/{v.slug}/index.md": pages.guide_source(v).encode(),
        f"{DOCS}/downloads/{v.slug}.json": exports.build_json(v.data).encode(),
        f"{DOCS}/downloads/{v.slug}.csv": exports.part_list_csv(v.data).encode(),
        # Not ".md": an engine would take it for a page (and Zensical rewrites links that end in .md).
        f"{DOCS}/downloads/{v.slug}.forum.txt": exports.forum_markdown(v.guide).encode(),
    }
    for image in v.images:
        out[f"{DOCS}/assets/builds/{image.path}"] = (root / "builds" / image.path).read_bytes()  # checked by the loader
    return out


def listing_outputs(views: dict[str, BuildView]) -> dict[str, bytes]:
    ordered = newest_first(views)
    return {f"{STATE}/{name}.html": make(ordered).encode() for name, make in LISTINGS.items()}


@dataclass
class Site:
    """A rendered site: the loaded project, a view per build, and what was written for each."""

    project: Project
    views: dict[str, BuildView]
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def digest(self) -> str:
        sha = hashlib.sha256()
        for path in sorted(self.files):
            sha.update(path.encode() + b"\0" + hashlib.sha256(self.files[path]).digest())
        return sha.hexdigest()


def _owned_files(root: Path) -> set[str]:
    found = set()
    for folder in OWNED:
        if (root / folder).is_dir():
            found |= {p.relative_to(root).as_posix() for p in (root / folder).rglob("*") if not p.is_dir()}
    builds = root / OWNED_SUBFOLDERS
    if builds.is_dir():
        for sub in builds.iterdir():
            if sub.is_dir() and not sub.is_symlink():
                found |= {p.relative_to(root).as_posix() for p in sub.rglob("*") if not p.is_dir()}
    return found


def _prune(root: Path, keep: set[str]) -> None:
    """Remove what an earlier render wrote and this one did not: a deleted build's page, downloads, images."""
    for path in sorted(_owned_files(root) - keep):
        (root / path).unlink()
    for folder in (*OWNED, OWNED_SUBFOLDERS):
        base = root / folder
        if base.is_dir():
            for sub in sorted(base.rglob("*"), key=lambda p: len(p.parts), reverse=True):
                if sub.is_dir() and not any(sub.iterdir()):
                    sub.rmdir()


def write(root: Path, files: dict[str, bytes]) -> list[str]:
    """Write the files whose bytes changed; return their paths. Unchanged files keep their times, so an engine
    watching the folder sees only real changes."""
    changed = []
    for path, data in files.items():
        target = root / path
        try:
            if target.read_bytes() == data:
                continue
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        changed.append(path)
    return changed


def write_manifest(root: Path, site: Site) -> None:
    manifest = {"digest": site.digest, "builds": len(site.views), "files": sorted(site.files)}
    text = json.dumps(manifest, indent=1) + "\n"
    write(root, {MANIFEST: text.encode()})


def render(root: Path) -> Site:
    """Check everything, then write every generated file; raise DataError (every problem) and write nothing."""
    project = load_project(root)
    views = {slug: view(guide) for slug, guide in project.guides.items()}
    site = Site(project, views)
    for v in views.values():
        site.files |= build_outputs(root, v)
    site.files |= listing_outputs(views)
    write(root, site.files)
    _prune(root, set(site.files) | {MANIFEST})
    write_manifest(root, site)
    return site

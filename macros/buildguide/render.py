"""The render step: build files and catalog in, the site's generated sources out, as plain files.

It writes, under the engine's docs folder, a page source per build (`builds/<slug>/index.md`), its downloads
(`downloads/`), the images builds use (`assets/builds/`), the catalog status page (`catalog/index.md`, see
`status`), a page per catalog part (`parts/<id>/index.md`, see `partpages`), a static redirect page at each
former name of a build or part (`builds/<old>/index.html`, `parts/<old>/index.html`) and the list of pages the
404 page suggests from (`downloads/site/pages.json`, see `addresses`); and, in `.buildguide/`, the
listings the hand-written pages embed through the macros, with a manifest that says which render they belong to.
The preview keeps it in memory and re-renders only what a save touches (`session`).
Every one of these paths is git-ignored and owned by this step: what it did not write there is removed. Nothing
here imports an engine, so `mkdocs build`, `buildguide build --engine zensical`, the preview, the benchmark and
the tests all call the same function.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from . import addresses, feed, freshness, history, pages, partpages, photos, status
from .buildfiles import DOCS, Rendered, Renderer
from .catalog import Catalog
from .errors import DataError, Problem
from .project import Guide, load_project
from .view import BuildView, newest_first

STATE = ".buildguide"  # the manifest and the listing fragments: read by the macros, not published
MANIFEST = f"{STATE}/manifest.json"
# Folders (relative to the project) whose every file the render step writes. In docs/builds/ only the
# subfolders are its own, so the hand-written builds index (docs/builds/index.md) stays.
OWNED: tuple[str, ...] = (f"{DOCS}/downloads", f"{DOCS}/assets/builds", f"{DOCS}/catalog", STATE)
OWNED += (f"{DOCS}/{partpages.FOLDER}",)
OWNED_SUBFOLDERS = f"{DOCS}/builds"
LISTINGS = {
    "cards": pages.build_cards,
    "index": pages.builds_index,
    "compare": pages.compare_page,
    "tags": pages.tags_page,
}
STATUS = f"{DOCS}/{status.PAGE}"  # the catalog status page: re-rendered with the listings
# The part pages are re-rendered with the listings too: any build or catalog save can change one.


@dataclass
class Site:
    """A rendered site: the catalog, a view per build, and the files written for each build and the listings.

    The build files' last-change dates are read from git once, when the site is made: the preview re-renders a
    saved build with the date it had (an edit is not a change until it is committed), without running git again.
    """

    root: Path
    catalog: Catalog
    views: dict[str, BuildView]
    changed: dict[str, dt.date] = field(default_factory=dict)  # build file -> last commit date (history)
    outputs: dict[str, dict[str, bytes]] = field(default_factory=dict)  # slug -> its files
    listings: dict[str, bytes] = field(default_factory=dict)
    cached: dict[str, set[str]] = field(default_factory=dict)  # slug -> the image cache entries its files came from
    published: photos.Published = field(default_factory=dict)  # the photos' copies, shared by the builds showing them
    today: dt.date = field(default_factory=freshness.reference_date)  # for old prices (freshness)
    base: str = field(kw_only=True)  # the site's address (feed.site_url): the feed's and redirect pages' links

    @property
    def files(self) -> dict[str, bytes]:
        merged = dict(self.listings)
        for files in self.outputs.values():
            merged |= files
        return merged

    def render_builds(self, guides: Iterable[Guide]) -> None:
        """Render these builds (the preview's saves); DataError for every photo that cannot be decoded, and then
        nothing of them is kept."""
        renderer = Renderer(self.root, self.changed, self.today, self.base, self.published)
        for guide in guides:
            renderer.add(guide)
        self.store(renderer.finish())

    def store(self, rendered: list[Rendered]) -> None:
        for r in rendered:
            self.views[r.view.slug], self.outputs[r.view.slug], self.cached[r.view.slug] = r.view, r.files, r.cached

    def drop_build(self, slug: str) -> None:
        self.views.pop(slug, None)
        self.outputs.pop(slug, None)
        self.cached.pop(slug, None)

    def render_listings(self, catalog_pages: bool = True) -> None:
        """The listings and the feed; and the catalog status page and the part pages unless `catalog_pages` is
        false, when the ones rendered before stay (the preview's build saves: see Session.update)."""
        ordered = newest_first(self.views)
        kept = {path: data for path, data in self.listings.items() if _catalog_page(path)}
        self.listings = {f"{STATE}/{name}.html": make(ordered).encode() for name, make in LISTINGS.items()}
        self.listings[f"{DOCS}/{feed.PATH}"] = feed.atom(ordered, self.base).encode()
        self.listings[f"{DOCS}/{addresses.PAGES}"] = addresses.page_list(ordered, self.catalog).encode()
        if not catalog_pages:
            self.listings |= kept
            return
        self.listings[STATUS] = status.page_source(self.catalog, ordered).encode()
        for path, source in partpages.part_pages(self.catalog, ordered).items():
            self.listings[f"{DOCS}/{path}"] = source.encode()
        for path, source in addresses.part_redirects(self.catalog, self.base).items():
            self.listings[f"{DOCS}/{path}"] = source.encode()

    def write(self, slugs: set[str] | None = None, prune: bool = True) -> list[str]:
        """Write what changed (of these builds and the listings, or of everything), remove what is no longer
        generated, then the manifest; the paths written."""
        files = self.files
        subset = self.listings | {k: d for s in (slugs or ()) if s in self.outputs for k, d in self.outputs[s].items()}
        targets = files if slugs is None else subset
        # Only where this write goes: a preview save checks its own build's files, not the whole site's.
        if found := linked_paths(self.root, list(targets), (*OWNED, photos.CACHE)):
            raise DataError(found)
        changed = write(self.root, targets)
        used = set().union(*self.cached.values())
        # In memory at every write: the preview would otherwise keep each edited photo's every version.
        self.published = {key: copies for key, copies in self.published.items() if key[1] in used}
        if prune:
            _prune(self.root, set(files) | {MANIFEST})
            photos.prune_cache(self.root, used)
        sha = hashlib.sha256()
        for path in sorted(files):
            sha.update(path.encode() + b"\0" + hashlib.sha256(files[path]).digest())
        manifest = {"digest": sha.hexdigest(), "builds": len(self.views), "files": sorted(files)}
        return changed + write(self.root, {MANIFEST: (json.dumps(manifest, indent=1) + "\n").encode()})


def linked_paths(root: Path, files: list[str], folders: tuple[str, ...]) -> list[Problem]:
    """What stands where the render step writes or prunes and is not a plain file or folder. A link committed at
    docs/builds/<slug>, at a generated file or at .buildguide/images would have it write, or delete, outside the
    project."""
    places = {parent.as_posix() for path in (*files, *folders) for parent in Path(path).parents if parent.parts}
    found = []
    for place in sorted(places | set(folders)):
        if (root / place).is_symlink() or ((root / place).exists() and not (root / place).is_dir()):
            found.append(Problem(place, 1, 1, "(file)", f"is not a plain folder; {_WRITES_HERE}"))
    for file in sorted(files):
        if (root / file).is_symlink() or ((root / file).exists() and not (root / file).is_file()):
            found.append(Problem(file, 1, 1, "(file)", f"is not a plain file; {_WRITES_HERE}"))
    return found


_WRITES_HERE = "the render step writes here and removes what it did not write"


def _catalog_page(path: str) -> bool:
    return path == STATUS or path.startswith(f"{DOCS}/{partpages.FOLDER}/")


def _owned_files(root: Path) -> set[str]:
    folders = [root / folder for folder in OWNED]
    if (root / OWNED_SUBFOLDERS).is_dir():
        folders += [sub for sub in (root / OWNED_SUBFOLDERS).iterdir() if sub.is_dir() and not sub.is_symlink()]
    found = {p.relative_to(root).as_posix() for folder in folders for p in folder.rglob("*") if not p.is_dir()}
    if (root / DOCS / feed.PATH).is_file():  # at the site's root: Material fetches sitemap.xml beside a feed link
        found.add(f"{DOCS}/{feed.PATH}")
    return {path for path in found if not path.startswith(f"{photos.CACHE}/")}


def _prune(root: Path, keep: set[str]) -> None:
    """Remove what an earlier render wrote and this one did not: a deleted build's page, downloads, images."""
    for path in sorted(_owned_files(root) - keep):
        (root / path).unlink()
    for folder in (*OWNED, OWNED_SUBFOLDERS):
        for sub in sorted((root / folder).rglob("*"), key=lambda p: len(p.parts), reverse=True):
            if sub.is_dir() and not sub.is_symlink() and not any(sub.iterdir()):
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


def committed(root: Path) -> list[Problem]:
    """Files git tracks in the places the render step owns. The step would publish them as they are (a committed
    cache entry skips the re-encoding that strips a photo's metadata), so a pull request must not add any."""
    owned = [*OWNED, f"{DOCS}/{feed.PATH}", f"{OWNED_SUBFOLDERS}/*/*"]
    try:
        listed = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--", *owned], capture_output=True, check=True, timeout=60
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []  # no git, or not a checkout: no pull request can have committed anything
    message = "is committed to git, but the render step makes this file: remove it with `git rm --cached`"
    names = listed.decode(errors="surrogateescape").split("\0")  # a name that is not UTF-8 is still named
    return [Problem(path, 1, 1, "(file)", message) for path in sorted(names) if path]


def render(root: Path, jobs: int = 1) -> Site:
    """Check everything, then write every generated file; raise DataError (every problem) and write nothing.

    Each build is rendered as soon as it has been checked, its page source and downloads in batches that `jobs`
    forked workers render while the next builds are read (`buildfiles`); nothing is written until every file has
    been checked and every page rendered."""
    if found := committed(root):
        raise DataError(found)
    today = freshness.reference_date()
    changed = history.last_changed(root, today)
    base = feed.site_url(root)
    renderer = Renderer(root, changed, today, base, {}, jobs)
    with closing(renderer):  # a problem found later stops the workers still rendering
        project = load_project(root, each=renderer.add)
        views = {v.slug: v for v in renderer.views}
        site = Site(root, project.catalog, views, changed, published=renderer.published, today=today, base=base)
        site.render_listings()  # while the workers finish the last pages
        site.store(renderer.finish())
    site.write()
    return site

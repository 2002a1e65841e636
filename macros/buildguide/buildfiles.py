"""Every file one build publishes: its page source, its downloads, its photos' copies and its redirect pages.

The render step renders each build as its guide comes out of the check (`Renderer.add`): its view here, its page
source and downloads (most of the work) in batches that forked workers render while the next builds are still
being read (`forked.Batches`); its photos and redirects once every file has been checked (`Renderer.finish`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import addresses, exports, pages, photos
from .errors import DataError
from .forked import Batches
from .project import Guide
from .view import BuildView, view

DOCS = "docs"


def text_outputs(v: BuildView) -> dict[str, bytes]:
    """A build's page source and downloads, by path relative to the project. A renamed build's downloads are
    also written under each former name: a static host cannot redirect a file, so old links get a copy."""
    downloads = {
        ".json": exports.build_json(v.data).encode(),
        ".csv": exports.part_list_csv(v.data).encode(),
        # Not ".md": an engine would take it for a page (and Zensical rewrites links that end in .md).
        ".forum.txt": exports.forum_markdown(v.guide).encode(),
    }
    files = {f"{DOCS}/builds/{v.slug}/index.md": pages.guide_source(v).encode()}
    for name in (v.slug, *v.build.formerly):
        files |= {f"{DOCS}/downloads/{name}{ext}": data for ext, data in downloads.items()}
    return files


def photo_outputs(root: Path, v: BuildView, published: photos.Published) -> tuple[dict[str, bytes], set[str]]:
    """The copies of a build's photos, by path relative to the project, and the image cache entries they came
    from; DataError for every photo that cannot be decoded."""
    out: dict[str, bytes] = {}
    keys, loaded, damaged = set(), v.guide.loaded, []
    for path, photo in loaded.photos.items():  # checked on load, from their headers
        try:
            key, copies = photos.publish(root, photo, published)
        except photos.Damaged as exc:
            damaged.append(loaded.doc.problem(loaded.named_at[path], str(exc)))
            continue
        keys.add(key)
        out |= {f"{DOCS}/assets/builds/{url}": data for url, data in copies.items()}
    if damaged:
        raise DataError(damaged)
    return out, keys


@dataclass
class Rendered:
    view: BuildView
    files: dict[str, bytes]  # by path relative to the project
    cached: set[str]  # the image cache entries its photos' copies came from


@dataclass
class Renderer:
    """Renders builds as they are added; `finish` gives them back, in the order they came."""

    root: Path
    changed: dict[str, dt.date]  # build file -> last commit date (history)
    today: dt.date
    base: str  # the site's address, for the redirect pages' canonical links
    published: photos.Published  # photo copies shared by the builds that show them
    jobs: int = 1
    views: list[BuildView] = field(default_factory=list, init=False)  # of the builds added, in order
    _pages: Batches[BuildView, dict[str, bytes]] = field(init=False)

    def __post_init__(self) -> None:
        self._pages = Batches(text_outputs, self.jobs)

    def add(self, guide: Guide) -> None:
        v = view(guide, self.changed.get(guide.loaded.path), self.today)
        self.views.append(v)
        self._pages.add(v)

    def finish(self) -> list[Rendered]:
        """Every build added, rendered; DataError for every photo that could not be decoded. Photos are
        published here, once every file has been checked: publishing writes to the image cache."""
        rendered, damaged = [], []
        for v in self.views:
            try:
                files, cached = photo_outputs(self.root, v, self.published)
            except DataError as exc:  # a photo that cannot be decoded: every such problem at once
                damaged += exc.problems
                continue
            redirects = addresses.build_redirects(v, self.base)
            rendered.append(Rendered(v, files | {f"{DOCS}/{p}": s.encode() for p, s in redirects.items()}, cached))
        if damaged:
            self.close()
            raise DataError(damaged)
        for r, texts in zip(rendered, self._pages.results(), strict=True):
            r.files = texts | r.files
        return rendered

    def close(self) -> None:
        """Stop the workers (the render failed)."""
        self._pages.close()

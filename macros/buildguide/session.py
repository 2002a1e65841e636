"""The render step kept in memory for the preview (`buildguide serve`): a save re-checks and re-renders only what
it touches, and writes only the files whose bytes changed."""

from __future__ import annotations

from pathlib import Path

from . import across
from .catalog import folded
from .catalog_load import load_catalog
from .errors import DataError, Problem
from .project import check_build
from .render import render
from .view import BuildView

CATALOG, ACROSS = "(catalog)", "(across)"  # problem keys that are not a build's slug


class Session:
    """The render step kept in memory for the preview: a save re-checks and re-renders only what it touches.

    A build file re-renders that build; a catalog file re-checks the builds that use a part whose entry changed;
    an image re-renders the builds that show it; builds still in error are re-checked on every save. The
    listings and the part pages are re-rendered every time (only those whose bytes changed are written). While
    any file has problems nothing is written, and `update` raises them all.
    """

    def __init__(self, root: Path) -> None:
        self.root = root = root.resolve()
        self.site = render(root)
        self.problems: dict[str, list[Problem]] = {}  # by build slug, CATALOG or ACROSS
        self.pending: set[str] = set()  # re-rendered while another file had problems: not written yet
        self.before: set[str] = set()  # their files at the last write

    def _using(self, part_ids: set[str], names: set[str]) -> set[str]:
        """The builds that use or consider one of these parts, or name one (by `folded` name) in a free-form line
        or alternative: a part added to the catalog makes such a name an error (`load`)."""

        def uses(v: BuildView) -> bool:
            items = [i.item for i in v.guide.loaded.items]
            ids = {i.part for i in items} | {a.part for i in items for a in i.alternatives}
            named = {folded(n) for i in items for n in (i.name, *(a.name for a in i.alternatives)) if n}
            return bool(ids & part_ids or named & names)

        return {slug for slug, v in self.site.views.items() if uses(v)}

    def _catalog_changed(self) -> set[str]:
        catalog, self.problems[CATALOG] = load_catalog(self.root)
        if self.problems[CATALOG]:
            return set()
        old, new = self.site.catalog.parts, catalog.parts
        self.site.catalog = catalog
        changed = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
        names = {folded(part.name) for k in changed for part in (old.get(k), new.get(k)) if part is not None}
        return self._using(changed, names)

    def update(self, changed: set[Path]) -> list[str]:
        """Re-render after the given input files changed; the project-relative paths of the files written."""
        builds_dir = self.root / "builds"
        slugs = {p.stem for p in changed if p.parent == builds_dir and p.suffix == ".yaml"}
        catalog_saved = any(p.parent == builds_dir / "parts" for p in changed)
        if catalog_saved:
            slugs |= self._catalog_changed()
        shown = {p for p in changed if p.is_relative_to(builds_dir / "images")}
        slugs |= {s for s, v in self.site.views.items() if any(builds_dir / i.path in shown for i in v.images)}
        slugs |= {key for key, found in self.problems.items() if found and key not in (CATALOG, ACROSS)}
        self.before |= {path for slug in slugs - self.pending for path in self.site.outputs.get(slug, ())}
        self.pending |= slugs
        for slug in slugs:
            file = builds_dir / f"{slug}.yaml"
            if not file.exists():
                self.site.drop_build(slug)
                self.problems.pop(slug, None)
                continue
            ready, self.problems[slug] = check_build(file, self.root, self.site.catalog)
            if ready is not None:
                try:
                    self.site.render_builds([ready])
                except DataError as exc:
                    self.problems[slug] = exc.problems
        self.problems[ACROSS] = across.problems(across.Names.of(v.guide.loaded) for v in self.site.views.values())
        if any(self.problems.values()):
            raise DataError(p for found in self.problems.values() for p in found)
        listed = set(self.site.listings)
        # The status page and the part pages list every build (the status page is 1.3 MB at 1,000 builds): a
        # build save would rebuild the largest pages of the site. They follow a catalog save at once and a build
        # save at the next full build, like search.
        self.site.render_listings(catalog_pages=catalog_saved)
        slugs, before, self.pending, self.before = self.pending, self.before, set(), set()
        after = {path for slug in slugs for path in self.site.outputs.get(slug, ())}
        # A build deleted, an image dropped from one, or a part from the catalog: only then can a file be left over.
        return self.site.write(slugs, prune=bool(before - after) or bool(listed - set(self.site.listings)))

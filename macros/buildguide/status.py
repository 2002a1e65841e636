"""The catalog status page (`/catalog/`): how much of the catalog its sources verify, and what the builds lack.

The render step writes it as `docs/catalog/index.md`, a generated page like a guide page: Markdown headings for
the table of contents, template HTML in marked blocks, never rendered as a template again. It shows

- the totals: entries, and figures verified and unverified, over the whole catalog and per category;
- every catalog entry, with its figure counts, its sources (kind and read date) and its disputed fields;
- the builds whose checks could not all run or used unverified figures, one row each: the checks that could
  not run with the figure each lacks, and the unverified figures the checks used, by part.

Its size is linear: one row per catalog entry and at most one per build. The builds section repeats what each
guide page already shows and grows with the number of builds, so it is kept out of the search index
(`data-search-exclude`, which MkDocs Material and Zensical both honour; on an element with no descendant of
the same tag, because Material's indexer stops skipping at the first closing tag of that name); the entries
stay searchable by name, a search result per category.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from . import pages, provenance
from .catalog import CATEGORIES, Catalog, PartBase, category_label
from .provenance import Figure
from .rules.report import Check
from .view import BuildView

PAGE = "catalog/index.md"  # under the docs folder
DESCRIPTION = "Which catalog figures a source verifies, entry by entry, and the figures each build's checks lack."


@dataclass(frozen=True)
class Entry:
    """One catalog entry: its spec figures split by whether a read, non-database source gives them."""

    part: PartBase
    verified: tuple[str, ...]
    unverified: tuple[str, ...]

    @property
    def category(self) -> str:
        return str(self.part.category)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Tally:
    label: str  # a category, or "all"
    entries: int
    verified: int
    unverified: int

    @property
    def figures(self) -> int:
        return self.verified + self.unverified

    @property
    def name(self) -> str:
        return category_label(self.label)

    @property
    def percent_verified(self) -> int:
        """The share verified, rounded down, so 100 means every figure."""
        return self.verified * 100 // self.figures if self.figures else 0


@dataclass(frozen=True)
class BuildGaps:
    """What one build's checks lack: the checks that could not run, by the figure they need, and the unverified
    figures the checks used, by part. Each in the order the report has them."""

    view: BuildView
    skipped: tuple[Check, ...]
    unverified: tuple[tuple[str, tuple[str, ...]], ...]  # (part name, its fields)

    @property
    def needs(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(the missing figure, the rules it stopped): a figure stops several checks more often than not."""
        grouped: dict[str, list[str]] = {}
        for check in self.skipped:
            grouped.setdefault(check.missing or "", []).append(check.rule)
        return tuple((missing, tuple(rules)) for missing, rules in grouped.items())


@dataclass(frozen=True)
class NotRun:
    """A check that could not run for at least one build: the key to the rule names in the builds table."""

    rule: str
    title: str
    builds: int


@dataclass(frozen=True)
class Status:
    groups: dict[str, tuple[Entry, ...]]  # by category, in the catalog's category order; by name within each
    categories: tuple[Tally, ...]  # one per category in `groups`
    total: Tally
    builds: tuple[BuildGaps, ...]  # only those with a check not run or an unverified figure
    build_count: int

    @property
    def entries(self) -> list[Entry]:
        return [e for found in self.groups.values() for e in found]

    @property
    def not_run(self) -> list[NotRun]:
        """Each rule that could not run somewhere, with its title and how many builds; most builds first."""
        titles: dict[str, str] = {}
        counts: dict[str, int] = {}
        for gaps in self.builds:
            for check in gaps.skipped:
                titles[check.rule] = check.title
                counts[check.rule] = counts.get(check.rule, 0) + 1
        return sorted((NotRun(r, titles[r], n) for r, n in counts.items()), key=lambda x: (-x.builds, x.rule))


def entry(part: PartBase) -> Entry:
    fields = provenance.spec_fields(part)
    verified = tuple(name for name in fields if provenance.figure(part, name).verified)
    return Entry(part, verified, tuple(name for name in fields if name not in verified))


def _tally(label: str, entries: list[Entry] | tuple[Entry, ...]) -> Tally:
    return Tally(label, len(entries), sum(len(e.verified) for e in entries), sum(len(e.unverified) for e in entries))


def _by_part(figures: Iterable[Figure]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    grouped: dict[str, tuple[str, list[str]]] = {}
    for figure in figures:
        grouped.setdefault(figure.part_id, (figure.part, []))[1].append(figure.field)
    return tuple((name, tuple(fields)) for name, fields in grouped.values())


def gaps(v: BuildView) -> BuildGaps:
    report = v.guide.report
    return BuildGaps(v, tuple(report.skipped), _by_part(report.unverified))


def status(catalog: Catalog, views: list[BuildView]) -> Status:
    """The page's figures; `views` in the order the page lists them."""
    entries = sorted(
        (entry(part) for part in catalog.parts.values()),
        key=lambda e: (CATEGORIES.index(e.category), e.part.name.casefold(), e.part.id),
    )
    groups: dict[str, list[Entry]] = {}
    for e in entries:
        groups.setdefault(e.category, []).append(e)
    every = (gaps(v) for v in views)
    return Status(
        groups={category: tuple(members) for category, members in groups.items()},
        categories=tuple(_tally(category, members) for category, members in groups.items()),
        total=_tally("all", entries),
        builds=tuple(g for g in every if g.skipped or g.unverified),
        build_count=len(views),
    )


def page_source(catalog: Catalog, views: list[BuildView]) -> str:
    """The Markdown source of the catalog status page; never rendered as a template again."""
    meta = {"description": DESCRIPTION, "render_macros": False, "hide": ["navigation"]}
    body = pages.ENV.get_template("status.md.j2").render(s=status(catalog, views), kind_names=provenance.KIND_NAMES)
    return pages.front_matter(meta) + body

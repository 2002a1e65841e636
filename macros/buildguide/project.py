"""Everything the site and `check` need, loaded once: the catalog, every build, its prices and its findings."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify

from . import formerly, rules, tree
from .catalog import Catalog
from .catalog_load import load_catalog
from .errors import DataError, Problem
from .headroom import Headroom, headroom
from .load import LoadedBuild, load_build
from .power import Load, estimate
from .pricing import Pricing, price


@dataclass
class Guide:
    """One build, ready to render."""

    loaded: LoadedBuild
    pricing: Pricing
    report: rules.Report
    load: Load  # estimated full-load wattage with its per-part breakdown
    headroom: Headroom

    @property
    def slug(self) -> str:
        return self.loaded.slug


def guide(loaded: LoadedBuild) -> Guide:
    """Every figure the page shows, computed once per build."""
    load = estimate(loaded)
    return Guide(loaded, price(loaded), rules.evaluate(loaded), load, headroom(loaded, load))


@dataclass
class Project:
    root: Path
    catalog: Catalog
    guides: dict[str, Guide]


def build_files(root: Path, paths: list[Path] | None = None) -> tuple[list[Path], list[Problem]]:
    """Build files named on the command line (files or folders), or every builds/*.yaml; and what is refused."""
    if not paths:
        return tree.build_files(root)
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            files += sorted(p for p in path.glob("*.yaml") if tree.kind(p) is None)
        elif (why := tree.kind(path)) is not None:
            problems.append(Problem(path.as_posix(), 1, 1, "(file)", f"is {why}"))
        else:
            files.append(path)
    return files, problems


def _rule_problems(guide: Guide) -> list[Problem]:
    doc, build = guide.loaded.doc, guide.loaded.build
    problems = []
    for finding in guide.report.errors():
        loc = finding.items[0].loc if finding.items else ()
        problems.append(doc.problem(loc, f"[{finding.rule}] {finding.message}"))
    raised = {f.rule for f in guide.report.findings if f.severity is rules.Severity.ERROR}
    for n, ack in enumerate(build.acknowledge):
        if ack.rule not in rules.RULES:
            problems.append(doc.problem(("acknowledge", n, "rule"), f"unknown rule id '{ack.rule}'"))
        elif ack.rule not in raised:
            message = f"rule '{ack.rule}' reports no error for this build; remove the acknowledgement"
            problems.append(doc.problem(("acknowledge", n, "rule"), message))
    return problems


def load_project(root: Path, paths: list[Path] | None = None) -> Project:
    """Load and check everything; raise DataError listing every problem in every file."""
    # Loading makes many objects and frees few: without the cycle collector re-scanning them all, `check` of
    # 1,000 builds is about a quarter faster (benchmarks/scale.py).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_project(root, paths)
    finally:
        if enabled:
            gc.enable()


def tag_problems(guides: Iterable[Guide]) -> list[Problem]:
    """Tags spelt differently that make the same anchor on the tags page ('a b' and 'a-b', 'c++' and 'c')."""
    first: dict[str, tuple[str, str]] = {}  # anchor -> (tag, file)
    problems = []
    for ready in sorted(guides, key=lambda g: g.loaded.path):
        for n, tag in enumerate(ready.loaded.build.tags):
            anchor = slugify(tag, "-")
            seen, where = first.setdefault(anchor, (tag, ready.loaded.path))
            if seen != tag:
                message = f"tag '{tag}' makes the same tags-page anchor as '{seen}' in {where}: use one spelling"
                problems.append(ready.loaded.doc.problem(("tags", n), message))
    return problems


def former_problems(guides: Iterable[Guide]) -> list[Problem]:
    """Former names (`formerly`) a build may not claim: see `formerly.claims`."""
    ordered = {ready.slug: ready for ready in sorted(guides, key=lambda g: g.loaded.path)}
    current = {slug: ready.loaded.path for slug, ready in ordered.items()}
    words = formerly.Words("name", "this build's own name", "the name of {}".format, lambda slug: current[slug])
    owners = ((slug, ready.loaded.build.formerly) for slug, ready in ordered.items())
    _, refused = formerly.claims(owners, current, words)
    return [ordered[slug].loaded.doc.problem(("formerly", n), message) for slug, n, message in refused]


def check_build(file: Path, root: Path, catalog: Catalog) -> tuple[Guide | None, list[Problem]]:
    """One build file against the catalog: its guide, or None, and every problem it has."""
    loaded, problems = load_build(file, root, catalog)
    if loaded is None:
        return None, problems
    ready = guide(loaded)
    problems = _rule_problems(ready)
    return (None if problems else ready), problems


def _load_project(root: Path, paths: list[Path] | None) -> Project:
    catalog, problems = load_catalog(root)
    files, refused = build_files(root, paths)
    problems += refused
    guides: dict[str, Guide] = {}
    seen: dict[str, str] = {}
    for file in files:
        ready, found = check_build(file, root, catalog)
        problems += found
        if ready is None:
            continue
        if ready.slug in seen:
            problems.append(
                Problem(ready.loaded.path, 1, 1, "(file)", f"slug '{ready.slug}' is also used by {seen[ready.slug]}")
            )
            continue
        seen[ready.slug] = ready.loaded.path
        guides[ready.slug] = ready
    problems += tag_problems(guides.values()) + former_problems(guides.values())
    if problems:
        raise DataError(problems)
    return Project(root, catalog, guides)

"""Everything the site and `check` need, loaded once: the catalog, every build, its prices and its findings."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from . import across, rules, tree
from .across import Names
from .catalog import Catalog, first_suggestions
from .catalog_load import load_catalog
from .errors import DataError, Problem
from .forked import forked_map
from .headroom import Headroom, headroom
from .load import LoadedBuild, load_build
from .power import Load, estimate
from .pricing import Pricing, price

MIN_PER_JOB = 50  # build files per worker process below which `check` runs in one: forking costs more


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


@contextmanager
def _collector_paused() -> Iterator[None]:
    # Loading makes many objects and frees few: without the cycle collector re-scanning them all, `check` of
    # 1,000 builds is about a quarter faster (benchmarks/scale.py).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


Checked = Iterator[tuple[Names | None, list[Problem]]]  # per build file: its names (None if unsound), its problems


def load_project(root: Path, paths: list[Path] | None = None, each: Callable[[Guide], None] | None = None) -> Project:
    """Load and check everything; raise DataError listing every problem in every file. `each` is given every
    sound build as soon as it is checked (the render step starts rendering it), even if a later file or the
    checks across builds then fail the project."""
    guides: dict[str, Guide] = {}

    def kept(files: list[Path], catalog: Catalog) -> Checked:
        for file in files:
            ready, problems = check_build(file, root, catalog)
            # A second build of the slug is refused by across.problems.
            if ready is not None and ready.slug not in guides:
                guides[ready.slug] = ready
                if each is not None:
                    each(ready)
            yield (Names.of(ready.loaded) if ready else None), problems

    catalog, _ = _checked(root, paths, kept)
    return Project(root, catalog, guides)


def check_project(root: Path, paths: list[Path] | None = None, jobs: int = 1) -> tuple[int, int]:
    """What `check` needs: the DataError `load_project` raises, or the number of parts and builds, without
    keeping the guides, so that the builds can be checked `jobs` at a time in forked processes."""
    catalog, names = _checked(root, paths, lambda files, catalog: _each(files, root, catalog, jobs))
    return len(catalog.parts), len(names)


def _checked(
    root: Path, paths: list[Path] | None, each: Callable[[list[Path], Catalog], Checked]
) -> tuple[Catalog, list[Names]]:
    """The catalog and every sound build's names, or DataError with every problem of every file."""
    with _collector_paused():
        catalog, problems = load_catalog(root)
        files, refused = build_files(root, paths)
        names: list[Names] = []
        found: list[Problem] = []
        for named, checked in each(files, catalog):
            found += checked
            names += [named] if named else []
        problems += refused + first_suggestions(found) + across.problems(names)
    if problems:
        raise DataError(problems)
    return catalog, names


def check_build(file: Path, root: Path, catalog: Catalog) -> tuple[Guide | None, list[Problem]]:
    """One build file against the catalog: its guide, or None, and every problem it has."""
    loaded, problems = load_build(file, root, catalog)
    if loaded is None:
        return None, problems
    ready = guide(loaded)
    problems = _rule_problems(ready)
    return (None if problems else ready), problems


def _named(file: Path, root: Path, catalog: Catalog) -> tuple[Names | None, list[Problem]]:
    ready, problems = check_build(file, root, catalog)
    return (Names.of(ready.loaded) if ready else None), problems


def _each(files: list[Path], root: Path, catalog: Catalog, jobs: int) -> Checked:
    """Each file's names and problems, in order, `jobs` files at a time where there are enough of them."""
    if not files:
        return
    # The first file is checked here: the caches it fills (YAML tags, compiled patterns, provenance) are then
    # inherited by every worker instead of filled by each.
    yield _named(files[0], root, catalog)
    jobs = min(jobs, len(files) // MIN_PER_JOB)
    yield from forked_map(partial(_named, root=root, catalog=catalog), files[1:], jobs)

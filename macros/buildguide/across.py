"""The checks across builds: what no single file shows (a slug used twice, tags spelt two ways, former names
claimed twice), run on a small record of each build so that a parallel `check` can send it between processes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from . import formerly
from .errors import Problem
from .fields import tag_anchor
from .load import LoadedBuild
from .yamlfile import Loc, dotted


@dataclass(frozen=True)
class Names:
    """What these checks read of one build: its slug, tags and former names, and where each is written."""

    slug: str
    path: str
    tags: tuple[str, ...]
    formerly: tuple[str, ...]
    where: dict[Loc, tuple[int, int]]

    @classmethod
    def of(cls, loaded: LoadedBuild) -> Names:
        build, doc = loaded.build, loaded.doc
        locs = [("tags", n) for n in range(len(build.tags))] + [("formerly", n) for n in range(len(build.formerly))]
        return cls(loaded.slug, loaded.path, tuple(build.tags), tuple(build.formerly), {x: doc.where(x) for x in locs})

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(self.path, *self.where[loc], dotted(loc), message)


def problems(builds: Iterable[Names]) -> list[Problem]:
    """Builds in file order; a build whose slug an earlier one has is reported and left out of the rest."""
    found: list[Problem] = []
    first: dict[str, Names] = {}
    for names in builds:
        if (seen := first.setdefault(names.slug, names)) is not names:
            found.append(Problem(names.path, 1, 1, "(file)", f"slug '{names.slug}' is also used by {seen.path}"))
    return found + _tag_problems(first.values()) + _former_problems(first.values())


def _tag_problems(builds: Iterable[Names]) -> list[Problem]:
    """A tag listed twice in a build, and tags spelt differently that make the same anchor on the tags page
    ('a b' and 'a-b', 'c++' and 'c')."""
    first: dict[str, tuple[str, str]] = {}  # anchor -> (tag, file)
    found = []
    for names in sorted(builds, key=lambda b: b.path):
        for n, tag in enumerate(names.tags):
            if tag in names.tags[:n]:
                found.append(names.problem(("tags", n), f"tag '{tag}' is listed twice"))
                continue
            anchor = tag_anchor(tag)
            seen, where = first.setdefault(anchor, (tag, names.path))
            if seen != tag:
                message = f"tag '{tag}' makes the same tags-page anchor as '{seen}' in {where}: use one spelling"
                found.append(names.problem(("tags", n), message))
    return found


def _former_problems(builds: Iterable[Names]) -> list[Problem]:
    """Former names (`formerly`) a build may not claim: see `formerly.claims`."""
    ordered = {names.slug: names for names in sorted(builds, key=lambda b: b.path)}
    current = {slug: names.path for slug, names in ordered.items()}
    words = formerly.Words("name", "this build's own name", "the name of {}".format, lambda slug: current[slug])
    owners = ((slug, names.formerly) for slug, names in ordered.items())
    _, refused = formerly.claims(owners, current, words)
    return [ordered[slug].problem(("formerly", n), message) for slug, n, message in refused]

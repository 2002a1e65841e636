"""Does the build list every part a working PC needs?"""

from __future__ import annotations

from collections.abc import Iterator

from ..load import LoadedBuild
from .registry import Issue, ok, rule, warning

ESSENTIAL = {
    "cpu": "CPU",
    "motherboard": "motherboard",
    "memory": "memory",
    "storage": "storage",
    "psu": "power supply",
    "case": "case",
}


@rule("build-complete", "The build lists every essential part")
def build_complete(build: LoadedBuild) -> Iterator[Issue]:
    absent = [label for role, label in ESSENTIAL.items() if not build.by_role(role)]
    if absent:
        listed = ", ".join(absent[:-1]) + " or " + absent[-1] if len(absent) > 1 else absent[0]
        yield warning(
            f"The build has no {listed}: the checks that need those parts did not run, and the total leaves them out.",
        )
    else:
        labels = list(ESSENTIAL.values())
        yield ok(f"The build lists all {len(labels)} essential parts: a {', '.join(labels[:-1])} and {labels[-1]}.")

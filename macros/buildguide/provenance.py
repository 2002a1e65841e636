"""Where each catalog figure comes from: the sources an entry cites, which figures each gives, when it was read.

A figure is *verified* when a source that was read (it has a `read` date) lists it under `figures` and is not a
parts database: databases are leads (they copy each other and have known errors), cited so a reader can follow
them, but they verify nothing. Every other figure is *unverified*, which is allowed but always shown. Where
sources disagree, the entry keeps the other readings under `disputed`, and the compatibility check runs with
each (see rules/report.py): the worse decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from .fields import Day, Strict, Text, Url

SourceKind = Literal["maker", "manual", "datasheet", "review", "database"]
MAX_FIGURES = 64  # more than any category has fields; each named must be one, and once (catalog_load)
KIND_NAMES = {
    "maker": "maker's page",
    "manual": "maker's manual",
    "datasheet": "datasheet",
    "review": "review",
    "database": "parts database",
}


class Source(Strict):
    url: Url = Field(description="Where the figures were read: a maker's page, manual, datasheet or review.")
    kind: SourceKind = Field(description="What the page is: maker, manual, datasheet, review or database.")
    read: Day | None = Field(
        default=None, description="When its figures were read, YYYY-MM-DD; leave it out for a page cited unread."
    )
    figures: list[str] = Field(
        default=[],
        max_length=MAX_FIGURES,
        json_schema_extra={"uniqueItems": True},
        description="The fields of this entry the source gives, e.g. height_mm.",
    )
    note: Text | None = Field(default=None, description="What the page says where it is not plain, e.g. a footnote.")

    @property
    def label(self) -> str:
        when = f", read {self.read.isoformat()}" if self.read else ", not re-read"
        return f"{KIND_NAMES[self.kind]}{when}"


class Reading(Strict):
    """Another source's figure for a field the entry already has: a dispute between sources."""

    value: Any = Field(description="The other figure, in the field's unit.")
    url: Url = Field(description="The source that gives it.")
    kind: SourceKind = Field(description="What the page is: maker, manual, datasheet, review or database.")
    read: Day = Field(description="When it was read, YYYY-MM-DD.")
    note: Text | None = Field(default=None, description="Why it may differ, e.g. another revision of the part.")


@dataclass(frozen=True)
class Figure:
    """One catalog figure as a rule used it, with where it comes from."""

    part_id: str
    part: str  # the part's name
    field: str
    value: Any
    sources: tuple[Source, ...]  # the read sources that give it; empty when unverified
    disputed: tuple[Reading, ...] = ()

    @property
    def verified(self) -> bool:
        return bool(self.sources)


def figure(part: Any, field: str) -> Figure:
    """The provenance of `part.field`, made once per part and field: every build's every check asks for it
    (77,000 times at 1,000 builds). A copy of the part with another reading starts a cache of its own."""
    cache: dict[str, Figure] = part.figure_cache
    found = cache.get(field)
    if found is None:
        sources = tuple(s for s in part.sources if s.read and s.kind != "database" and field in s.figures)
        disputed = tuple((part.disputed or {}).get(field, ()))
        found = cache[field] = Figure(part.id, part.name, field, getattr(part, field), sources, disputed)
    return found


# The fields of a catalog entry that say what it is or where it comes from, not what it measures.
NOT_FIGURES = {"category", "maker", "model", "sources", "notes", "disputed", "formerly"}


def spec_fields(part: Any) -> list[str]:
    """The figures an entry holds (its specs, not its name, sources or notes)."""
    return [name for name in type(part).model_fields if name not in NOT_FIGURES and getattr(part, name) is not None]


def unverified(part: Any) -> list[str]:
    return [name for name in spec_fields(part) if not figure(part, name).verified]

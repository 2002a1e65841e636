"""Read the catalog and the build files into models, turning every mistake into a located Problem."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from . import images, markup
from .catalog import Catalog, PartBase
from .errors import Problem
from .fields import MAX_SLUG, SLUG_PATTERN
from .messages import validation_problems
from .model import Build, Image, LineItem
from .yamlfile import Document, Loc, read

# The guide page's own anchors (see templates/guide.md.j2): a section id must not repeat one.
PAGE_ANCHORS = {"guide", "photos", "compatibility", "slots", "headroom", "cost-share", "pricing"}


@dataclass
class Item:
    """A line item with its catalog part resolved and its place in the file."""

    item: LineItem
    part: PartBase | None
    loc: Loc
    anchor: str
    alternatives: list[tuple[str, str]] = field(default_factory=list)  # (name, why not)

    @property
    def name(self) -> str:
        return self.part.name if self.part else str(self.item.name)


@dataclass
class LoadedBuild:
    slug: str
    path: str
    doc: Document
    build: Build
    items: list[Item] = field(default_factory=list)
    photos: dict[str, images.Photo] = field(default_factory=dict)  # by path: every image the build shows
    named_at: dict[str, Loc] = field(default_factory=dict)  # by path: where the file first names it

    def by_role(self, role: str) -> list[Item]:
        """The items in this role outside optional sections (the rules ask for each role many times)."""
        return self._roles.get(role, [])

    @cached_property
    def _roles(self) -> dict[str, list[Item]]:
        roles: dict[str, list[Item]] = {}
        for item in self.items:
            if not self.optional(item):
                roles.setdefault(item.item.role, []).append(item)
        return roles

    def optional(self, item: Item) -> bool:
        return self.build.sections[int(item.loc[1])].optional


def _text_fields(build: Build) -> list[tuple[Loc, str]]:
    texts: list[tuple[Loc, str]] = [(("summary",), build.summary)]
    if build.intro:
        texts.append((("intro",), build.intro))
    for s, i, item in build.items():
        base: Loc = ("sections", s, "items", i)
        if item.rationale:
            texts.append(((*base, "rationale"), item.rationale))
        texts += [((*base, "alternatives", a, "why_not"), alt.why_not) for a, alt in enumerate(item.alternatives)]
    texts += [(("acknowledge", a, "reason"), ack.reason) for a, ack in enumerate(build.acknowledge)]
    return texts


def _resolve(loaded: LoadedBuild, catalog: Catalog, root: Path) -> list[Problem]:
    doc, problems = loaded.doc, []
    first: dict[str, int] = {}
    for n, section in enumerate(loaded.build.sections):
        if section.id in PAGE_ANCHORS or re.fullmatch(r"part-\d+-\d+", section.id):
            message = f"section id '{section.id}' is an anchor the page uses itself; choose another"
            problems.append(doc.problem(("sections", n, "id"), message))
        elif section.id in first:
            message = f"section id '{section.id}' is already used by sections.{first[section.id]}"
            problems.append(doc.problem(("sections", n, "id"), message))
        first.setdefault(section.id, n)
    for s, i, item in loaded.build.items():
        loc: Loc = ("sections", s, "items", i)
        part = catalog.get(item.part) if item.part else None
        if item.part and part is None:
            problems.append(doc.problem((*loc, "part"), catalog.missing(item.part, item.role)))
        elif part and part.category != item.role:  # type: ignore[attr-defined]
            message = f"part '{item.part}' is a {part.category}, not a {item.role}"  # type: ignore[attr-defined]
            problems.append(doc.problem((*loc, "part"), message))
        if item.name and (known := catalog.named(item.name)):  # a free-form line loses its checks and part page
            problems.append(doc.problem((*loc, "name"), _cite(item.name, known)))
        alternatives = []
        for a, alt in enumerate(item.alternatives):
            other = catalog.get(alt.part) if alt.part else None
            if alt.part and other is None:
                problems.append(doc.problem((*loc, "alternatives", a, "part"), catalog.missing(alt.part, item.role)))
            elif alt.name and (known := catalog.named(alt.name)):  # so the name links to the part's page
                problems.append(doc.problem((*loc, "alternatives", a, "name"), _cite(alt.name, known)))
            alternatives.append((other.name if other else str(alt.name or alt.part), alt.why_not))
        problems += _photos(loaded, root, (*loc, "images"), item.images)
        loaded.items.append(Item(item, part, loc, f"part-{s + 1}-{i + 1}", alternatives))
    problems += _photos(loaded, root, ("photos",), loaded.build.photos)
    for loc, text in _text_fields(loaded.build):
        problems += text_problems(doc, loc, text)
    return problems + _future_dates(loaded)


def _future_dates(loaded: LoadedBuild) -> list[Problem]:
    """Dates still to come: a price dated in the future would hide the old-price notice for as long as it lasts.
    Judged by the calendar (not the reference date a reproducible build is dated by, which may be a commit's),
    with a day to spare for the time zones east of UTC."""
    build, today = loaded.build, dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    dates: list[tuple[Loc, object]] = [(("date",), build.date), (("prices_as_of",), build.prices_as_of)]
    dates += [((*loc, "price_date"), item.item.price_date) for item in loaded.items for loc in [item.loc]]
    message = "is a date still to come: write when the build was finished and when each price was seen"
    return [loaded.doc.problem(loc, message) for loc, day in dates if isinstance(day, dt.date) and day > today]


def _photos(loaded: LoadedBuild, root: Path, loc: Loc, shown: list[Image]) -> list[Problem]:
    problems = []
    for m, image in enumerate(shown):
        if image.path in loaded.photos:
            continue
        found = images.check(root, image.path)
        if isinstance(found, str):
            problems.append(loaded.doc.problem((*loc, m, "path"), found))
        else:
            loaded.photos[image.path], loaded.named_at[image.path] = found, (*loc, m, "path")
    return problems


def _cite(name: str, part_id: str) -> str:
    return f"'{name}' is in the catalog: write part: {part_id} instead of its name"


def text_problems(doc: Document, loc: Loc, text: str) -> list[Problem]:
    """What a contributor's Markdown may not hold: more than the parser can take in time, links and images."""
    if message := markup.limits(text):
        return [doc.problem(loc, message)]
    if markup.may_link(text):
        return [doc.problem(loc, message) for message in markup.render(text)[1]]
    return []


def _raw_references(doc: Document, catalog: Catalog) -> list[Problem]:
    """Unknown part ids in a file that did not validate, read from the raw data."""
    problems = []
    sections = doc.data.get("sections") if isinstance(doc.data, dict) else None
    for s, section in enumerate(sections if isinstance(sections, list) else []):
        items = section.get("items") if isinstance(section, dict) else None
        for i, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict):
                continue
            role = item.get("role")
            role = role if isinstance(role, str) else ""
            refs: list[tuple[tuple[str | int, ...], object]] = [(("part",), item.get("part"))]
            alternatives = item.get("alternatives")
            for a, alt in enumerate(alternatives if isinstance(alternatives, list) else []):
                refs.append((("alternatives", a, "part"), alt.get("part") if isinstance(alt, dict) else None))
            for loc, ref in refs:
                if isinstance(ref, str) and re.fullmatch(SLUG_PATTERN, ref) and catalog.get(ref) is None:
                    problems.append(doc.problem(("sections", s, "items", i, *loc), catalog.missing(ref, role)))
    return problems


PLACEHOLDER = "FILL IN"


def _placeholders(doc: Document, data: object, loc: Loc = ()) -> list[Problem]:
    """Text a contributor left as the scaffold wrote it (`buildguide new`)."""
    if isinstance(data, str):
        return (
            [doc.problem(loc, f"still says {PLACEHOLDER}: replace it with your own text")]
            if PLACEHOLDER in data
            else []
        )
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    return [p for key, value in items for p in _placeholders(doc, value, (*loc, key))]


def display(file: Path, root: Path) -> str:
    """Paths in messages are relative to the project, as a contributor sees them in the pull request."""
    if file.is_relative_to(root) and not file.is_symlink():  # the usual case, without a trip to the disk
        return file.relative_to(root).as_posix()
    real, base = file.resolve(), root.resolve()
    return real.relative_to(base).as_posix() if real.is_relative_to(base) else file.as_posix()


def load_build(file: Path, root: Path, catalog: Catalog) -> tuple[LoadedBuild | None, list[Problem]]:
    shown = display(file, root)
    doc, problems = read(file, shown)
    if not re.fullmatch(SLUG_PATTERN, file.stem):
        problems.append(Problem(shown, 1, 1, "(file)", "file name must be lowercase-with-hyphens, e.g. my-build.yaml"))
    elif len(file.stem) > MAX_SLUG:  # it names the page's folder and downloads: file systems cap names at 255
        message = f"file name must be at most {MAX_SLUG} characters before .yaml"
        problems.append(Problem(shown, 1, 1, "(file)", message))
    if doc.data is None:
        return None, problems
    problems += _placeholders(doc, doc.data)
    try:
        currency = doc.data.get("currency") if isinstance(doc.data, dict) else None
        build = Build.model_validate(doc.data, context={"currency": currency})
    except ValidationError as exc:
        # The references are checked too, so one run reports the part ids along with the format problems.
        return None, problems + validation_problems(exc, doc, Build) + _raw_references(doc, catalog)
    loaded = LoadedBuild(file.stem, shown, doc, build)
    problems += _resolve(loaded, catalog, root)
    return (None if problems else loaded), problems

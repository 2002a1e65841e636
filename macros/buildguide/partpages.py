"""Part pages (`/parts/<id>/`): one per catalog entry, with its figures and where each comes from, the builds
that use it and what each paid, and the builds that considered it instead.

The render step writes each as `docs/parts/<id>/index.md` (a folder per page, so a link is the same relative to
the source and to the built page under either engine), a generated page like a guide page: Markdown headings
for the table of contents and the search, template HTML in marked blocks, never rendered as a template again.
The pages are out of the nav (`not_in_nav` in mkdocs.yml) and re-rendered with the listings.

Size stays linear: all the pages together hold one row per catalog figure, one per line item that uses a
catalog part and one per alternative that names one. The rows about builds repeat what the guide pages say and
grow with the number of builds, so they are kept out of the search index (`data-search-exclude`, on an element
with no descendant of the same tag; see `status`), and so are the figures and sources tables, which would only
make run-together text in the results. The page's name (its H1, maker, model and id) and its notes stay
searchable, so a search for a model number lands on the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from markupsafe import escape
from pydantic import BaseModel

from . import pages, provenance
from .catalog import Catalog, M2Slot, PartBase, PcieSlot, RadiatorMount, category_label
from .load import Item
from .pricing import PricedLine, format_money
from .provenance import Reading, Source
from .view import BuildView

FOLDER = "parts"  # under the docs folder: /parts/<id>/ on the site
# The unit of a figure, from its field name's suffix (the catalog's convention: tdp_w, length_mm, speed_mts).
UNITS = {
    "_mm": "mm",
    "_w": "W",
    "_gb": "GB",
    "_ghz": "GHz",
    "_mts": "MT/s",
    "_cfm": "CFM",
    "_v": "V",
    "_percent": "%",
    "_rpm": "rpm",
}
# Words a field name spells in lower case that readers know in capitals.
WORDS = {"tdp": "TDP", "vram": "VRAM", "pcie": "PCIe", "dimm": "DIMM", "sata": "SATA", "m2": "M.2", "ram": "RAM"}
WORDS |= {"x16": "x16", "cas": "CAS", "nvlink": "NVLink", "pwm": "PWM", "psu": "PSU", "gpu": "GPU", "cpu": "CPU"}


def path(part_id: str) -> str:
    """The page source's path under the docs folder."""
    return f"{FOLDER}/{part_id}/index.md"


def unit(name: str) -> str:
    return next((u for suffix, u in UNITS.items() if name.endswith(suffix)), "")


def label(name: str) -> str:
    """'tdp_w' -> 'TDP', 'ram_clearance_no_fan_mm' -> 'RAM clearance no fan'."""
    for suffix in UNITS:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    words = [WORDS.get(word, word) for word in name.split("_")]
    return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])


def show(value: Any, suffix: str = "") -> str:
    """A figure as a reader reads it: '280 W', '2 × 8-pin', 'DDR4, DDR5', 'yes'."""
    with_unit = f" {suffix}" if suffix else ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, Decimal)):
        return f"{value}{with_unit}"
    if isinstance(value, PcieSlot):
        return f"slot {value.position}: x{value.lanes}"
    if isinstance(value, M2Slot):
        lengths = f" ({', '.join(map(str, value.lengths))})" if value.lengths else ""
        return f"{value.key} key, {'/'.join(value.interfaces)}{lengths}"
    if isinstance(value, RadiatorMount):
        return f"{value.position}: up to {value.max_mm} mm"
    if isinstance(value, BaseModel):
        return ", ".join(f"{k} {show(v)}" for k, v in value.model_dump().items() if v is not None)
    if isinstance(value, dict):
        return ", ".join(f"{count} × {name}" for name, count in value.items())
    if isinstance(value, (list, tuple)):
        return ("; " if value and isinstance(value[0], BaseModel) else ", ").join(show(v, suffix) for v in value)
    return f"{value}{with_unit}"


def host(url: str) -> str:
    name = urlsplit(url).hostname or ""
    return name.removeprefix("www.")


@dataclass(frozen=True)
class Figure:
    """One figure of the entry: its value with its unit, the read sources that verify it, the sources that only
    mention it (unread pages, parts databases), and other sources' readings."""

    name: str
    label: str
    value: str
    verified_by: tuple[Source, ...]
    mentioned_by: tuple[Source, ...]
    disputed: tuple[tuple[str, Reading], ...]  # (the reading with its unit, the reading)


@dataclass(frozen=True)
class Use:
    """A line item of a build that uses the part: what it paid, and when. Plain values, read once per row."""

    slug: str
    anchor: str  # the line item's anchor on the guide page
    title: str
    built: str  # the build's date
    quantity: int
    amount: Decimal  # the unit price
    currency: str
    price: str  # the same, formatted in the build's currency
    priced: str  # the price's date
    basis: str


@dataclass(frozen=True)
class Currency:
    """The uses priced in one currency: a table each, since prices in two currencies do not compare."""

    code: str
    uses: tuple[Use, ...]

    @property
    def builds(self) -> int:
        return len({u.slug for u in self.uses})

    @property
    def low(self) -> str:
        return _money(min(u.amount for u in self.uses), self.code)

    @property
    def high(self) -> str:
        return _money(max(u.amount for u in self.uses), self.code)


@dataclass(frozen=True)
class Considered:
    """A build that considered the part and chose another: the item it chose, and why not this part."""

    view: BuildView
    chosen: Item
    why_not: str


@dataclass
class Usage:
    """Per part id, in the order the builds are given (newest first)."""

    uses: dict[str, list[Use]] = field(default_factory=dict)
    considered: dict[str, list[Considered]] = field(default_factory=dict)


# Babel looks the currency's symbol up on every call, and the same prices recur across builds: cached, a
# thousand rows cost a few lookups.
_money = lru_cache(maxsize=8192)(format_money)


def _use(v: BuildView, line: PricedLine) -> Use:
    item, build = line.item.item, v.build
    return Use(
        slug=v.slug,
        anchor=line.item.anchor,
        title=build.title,
        built=build.date.isoformat(),
        quantity=item.quantity,
        amount=item.unit_price,
        currency=v.pricing.currency,
        price=_money(item.unit_price, v.pricing.currency),
        priced=(item.price_date or build.prices_as_of).isoformat(),
        basis=item.price_basis,
    )


def usage(views: Iterable[BuildView]) -> Usage:
    """Who uses and who considered each part: one pass over every line item and alternative."""
    found = Usage()
    for v in views:
        for ps in v.pricing.sections:
            for line in ps.lines:
                item = line.item
                if item.part is not None:
                    found.uses.setdefault(item.part.id, []).append(_use(v, line))
                for alt, (_, why_not) in zip(item.item.alternatives, item.alternatives, strict=True):
                    if alt.part:
                        found.considered.setdefault(alt.part, []).append(Considered(v, item, why_not))
    return found


def figures(part: PartBase) -> list[Figure]:
    rows = []
    for name in provenance.spec_fields(part):
        found = provenance.figure(part, name)
        suffix = unit(name)
        mentioned = tuple(s for s in part.sources if name in s.figures and s not in found.sources)
        disputed = tuple((show(r.value, suffix), r) for r in found.disputed)
        rows.append(Figure(name, label(name), show(found.value, suffix), found.sources, mentioned, disputed))
    return rows


def currencies(uses: list[Use]) -> list[Currency]:
    """One group per currency, the most used first."""
    grouped: dict[str, list[Use]] = {}
    for use in uses:
        grouped.setdefault(use.currency, []).append(use)
    ordered = sorted(grouped.items(), key=lambda pair: (-len(pair[1]), pair[0]))
    return [Currency(code, tuple(found)) for code, found in ordered]


def page_source(part: PartBase, uses: list[Use], considered: list[Considered]) -> str:
    """The Markdown source of one part page; never rendered as a template again."""
    builds = len({u.slug for u in uses})
    description = f"{part.name}: its figures and their sources, and the {builds} build{'s'[: builds != 1]} using it."
    meta = {"description": str(escape(description)), "render_macros": False, "hide": ["navigation"]}
    body = pages.ENV.get_template("part.md.j2").render(
        part=part,
        category=category_label(str(part.category)),  # type: ignore[attr-defined]
        figures=figures(part),
        currencies=currencies(uses),
        builds=builds,
        considered=considered,
        host=host,
    )
    return pages.front_matter(meta) + body


def part_pages(catalog: Catalog, views: list[BuildView]) -> dict[str, str]:
    """Every part page by its path under the docs folder; `views` in the order the pages list builds."""
    found = usage(views)
    return {
        path(part_id): page_source(part, found.uses.get(part_id, []), found.considered.get(part_id, []))
        for part_id, part in catalog.parts.items()
    }

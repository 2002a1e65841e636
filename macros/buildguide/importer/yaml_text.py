"""The draft build file and the catalog stubs an import writes, as commented YAML text.

The text is written line by line rather than dumped, because the comments are half of what it says: where each
value came from, what the list did not say, and what `buildguide check` will ask for. Every value goes through
the YAML dumper on its own, so a name with a colon or a quote is quoted as YAML needs. Writing it to disk is
commit's.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from decimal import Decimal

import yaml

from ..model import FREE_FORM_ROLES
from .match import Match
from .rows import ANY_TYPES, PartList, Row

SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/build.schema.json"
CATALOG_HEAD = "# yaml-language-server: $schema=../../schemas/catalog.schema.json\n# Parts catalog: {category}.\n"
RATIONALE = "FILL IN why this part."
FILL_RETAILER = "FILL IN the shop, or the maker for a list price"
BASIS_CHOICES = "# price_basis: retail   # or: purchased, list price, estimate"


@dataclass
class Stub:
    """A catalog entry the import adds for a part the catalog does not have: maker and model, nothing else."""

    id: str
    category: str
    maker: str
    model: str
    listed_as: str  # the list's name for it
    lead: str | None  # its product page: where to start looking, not a source
    kind: str | None = None  # coolers and bridges need one to be an entry at all


@dataclass
class Planned:
    """One line of the list as it goes into the build."""

    row: Row
    role: str
    optional: bool
    match: Match
    stub: Stub | None = None
    name: str | None = None  # a free-form item (peripheral or accessory) keeps the list's name


@dataclass
class Draft:
    found: PartList
    currency: str
    how: str  # how the currency was told
    items: list[Planned] = field(default_factory=list)


def scalar(value: str) -> str:
    """One YAML value, quoted when it has to be."""
    return yaml.safe_dump(value, allow_unicode=True, width=1 << 20).removesuffix("\n...\n").rstrip("\n")


def _money(amount: Decimal) -> str:
    return format(amount, "f")


def _comment(text: str, indent: int = 8, hang: str = "  ") -> list[str]:
    """A comment as lines of at most 118 characters, continued lines indented by `hang`."""
    first, rest = " " * indent + "# ", " " * indent + "# " + hang
    return textwrap.wrap(text, 118, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)


def _header(draft: Draft) -> list[str]:
    found, own = draft.found, draft.found.currency is not None
    kept = "each part (a catalog id where its name identifies one), how many and the price of one"
    kept += (
        "; not where each price was seen, which the download does not say"
        if own
        else ", the shop, the product page and the day PCPartPicker made the list"
    )
    said = (
        f"Imported with `buildguide import pcpartpicker` from {found.shape} ({len(found.rows)} rows). "
        f"Carried over: {kept}. Replace every FILL IN, then run `buildguide check`: it lists what is still "
        "missing, one line each, with the line number. The field reference is in docs/reference.md. A comment on "
        "each item gives the list's name for it; where the catalog had no such part, a new entry was added to "
        "builds/parts/<role>.yaml with maker and model only, for you to complete from the maker's pages (check "
        "lists what it still needs). Markdown is allowed in summary, intro, rationale and why_not; raw HTML is "
        "shown as text."
    )
    return [SCHEMA_LINE, *_comment(said, indent=0, hang="")]


def _top(draft: Draft) -> list[str]:
    found = draft.found
    made = "the download's 'Prices as of'" if found.currency else "the day PCPartPicker made the list"
    as_of = (
        f"prices_as_of: {found.date.isoformat()}  # {made}"
        if found.date
        else "prices_as_of:  # FILL IN the date the prices refer to: the list does not say"
    )
    link = (
        f"part_list_url: {scalar(found.list_url)}"
        if found.list_url
        else "# part_list_url: https://pcpartpicker.com/list/..."
    )
    return [
        "",
        "title: FILL IN the guide's title",
        "summary: FILL IN one or two sentences on what this machine is and what makes it interesting.",
        "author: FILL IN your name",
        "date:          # FILL IN when the build was finished, e.g. 2026-01-31",
        "purpose: FILL IN what it is for, e.g. Deep learning",
        "use: []        # from: machine learning, gaming, rendering, software development, content creation, general",
        '               # ("machine learning" turns on the training checks: RAM, CPU threads and PCIe lanes per GPU)',
        "tags: []       # lowercase topics, e.g. [deep learning, quiet]",
        f"currency: {draft.currency}  # from {draft.how}",
        as_of,
        link,
        "intro: |",
        "  FILL IN the story: what you needed, your budget, what you would do differently.",
    ]


def _part_lines(item: Planned) -> list[str]:
    """The comments saying where the part came from, and its `part` or `name`."""
    row = item.row
    typed = item.role in FREE_FORM_ROLES or row.kind in ANY_TYPES  # say what it was, since its role cannot
    lines = _comment(f"In the list{f' ({row.kind})' if typed and row.kind != item.role else ''}: {row.name}")
    match = item.match
    if match.how == "fuzzy" and match.part:
        lines += _comment(f"Matched to the catalog's {match.part.name}: if that is not your part, change the id.")
    if match.how == "ambiguous":
        lines += _comment("More than one catalog part fits this name, so none was chosen. Write the id of yours:")
        lines += [f"        #   {part.id}: {part.name}" for part in match.candidates]
        lines += _comment(f"or, if it is none of them, add yours to builds/parts/{item.role}.yaml first.")
        return [*lines, "        part: FILL IN one of the ids above"]
    if item.stub:
        stub = item.stub
        lines += _comment(f"Not in the catalog: added as a new entry to builds/parts/{stub.category}.yaml to fill in.")
        return [*lines, f"        part: {stub.id}"]
    if item.name is not None:
        return [*lines, f"        name: {scalar(item.name)}"]
    assert match.part is not None
    return [*lines, f"        part: {match.part.id}"]


def _price_lines(row: Row) -> list[str]:
    price = row.price
    if price is None:
        return [
            "        unit_price:      # FILL IN the price of one: the list gives none",
            f"        retailer: {FILL_RETAILER}",
            f"        {BASIS_CHOICES}",
        ]
    lines = [f"        unit_price: {_money(price.amount)}"]
    if price.basis == "retail":
        lines += [f"        retailer: {scalar(price.retailer)}", "        price_basis: retail"]
    elif price.basis == "purchased":
        lines += [
            '        retailer: FILL IN the shop you bought it from   # the list says only "Purchased For"',
            "        price_basis: purchased",
        ]
    elif price.basis == "estimate":
        lines += [
            "        retailer: FILL IN where this price comes from   # the list gives a price but no shop",
            "        price_basis: estimate   # a price typed into the list; change it if it is a shop's, or paid",
        ]
    else:
        lines += [f"        retailer: {FILL_RETAILER}", f"        {BASIS_CHOICES}"]
    return lines


def _item(item: Planned, first: bool) -> list[str]:
    lines = [f"      - role: {item.role}", *_part_lines(item), f"        quantity: {item.row.quantity}"]
    lines += _price_lines(item.row)
    if item.row.url:
        lines.append(f"        url: {scalar(item.row.url)}")
    if not item.optional:
        lines += ["        rationale: |", f"          {RATIONALE}"]
    if first:
        lines += [
            "        alternatives:    # optional: what you weighed instead; delete it, or add one entry per part",
            "          - name: FILL IN another part you considered (or give its catalog id as part)",
            "            why_not: FILL IN why you did not choose it.",
        ]
    return lines


def _section(id_: str, title: str, items: list[Planned], optional: bool) -> list[str]:
    lines = [f"  - id: {id_}", f"    title: {title}"]
    if optional:
        lines.append("    optional: true")
    else:
        lines += [
            "    # `part` is an id from builds/parts/<role>.yaml, `role` must match its category; `name` (a product",
            "    # the catalog need not hold) is for peripherals and accessories only. Add an item for anything the",
            "    # list left out, and `alternatives` to any item, as on the first.",
        ]
    lines.append("    items:")
    for n, item in enumerate(items):
        lines += _item(item, first=not optional and n == 0)
    return lines


def build_text(draft: Draft) -> str:
    core = [item for item in draft.items if not item.optional]
    extra = [item for item in draft.items if item.optional]
    lines = [*_header(draft), *_top(draft), "", "sections:"]
    if core:
        lines += _section("core", "Core parts", core, optional=False)
    if extra:
        peripherals = all(item.role == "peripheral" for item in extra)
        id_, title = ("peripherals", "Peripherals") if peripherals else ("optional", "Optional parts")
        lines += ([""] if core else []) + _section(id_, title, extra, optional=True)
    return "\n".join(lines) + "\n"


def stub_text(stub: Stub, slug: str) -> str:
    lines = [
        "",
        f"# Added by `buildguide import pcpartpicker` for builds/{slug}.yaml, whose list calls it",
        f"# {stub.listed_as}",
    ]
    if stub.lead:
        lines += ["# Its PCPartPicker page is a lead, not a source (parts databases copy each other's mistakes):"]
        lines += [f"# {stub.lead}"]
    lines += [
        "# To finish it: check maker and model; put the maker's spec page in place of the FILL IN below, with `read:`",
        "# (the day you read it) and `figures:` (the fields it gives); add each figure the maker publishes, in the",
        "# units of docs/reference.md. A figure the maker does not publish stays out: say so in notes.",
        f"{stub.id}:",
        f"  category: {stub.category}",
        f"  maker: {scalar(stub.maker)}",
        f"  model: {scalar(stub.model)}",
    ]
    if stub.kind:
        lines.append(f"  kind: {stub.kind}")
    lines += ["  sources:", "  - url: FILL IN the maker's spec page", "    kind: maker"]
    return "\n".join(lines) + "\n"

"""`buildguide import pcpartpicker`: a part list as people paste it, to a draft build that `check` completes.

parse reads the list: markdown_table reads PCPartPicker's Markdown and this site's forum download, plain_text
PCPartPicker's plain text, both into the Row of rows. currency tells its currency, match finds each part in the
catalog, yaml_text writes the build file and any catalog stubs as text, and commit puts them on disk, all of
them or none. Nothing is fetched: the list is all there is to go on.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from ..catalog import CATEGORIES, Catalog
from ..catalog_load import load_catalog
from ..errors import one_line
from ..fields import SLUG_PATTERN
from ..model import FREE_FORM_ROLES
from ..yamlfile import MAX_BYTES
from . import commit, currency, match, parse
from .rows import ACCESSORY_TYPES, CORE_TYPES, PCPP_TYPES, PERIPHERAL_TYPES, ListError, PartList, Row
from .yaml_text import Draft, Planned, Stub, build_text

HELP = """\
Write builds/SLUG.yaml from a part list: PCPartPicker's Markdown for forums (Type | Item | Price), the plain
text copied from a PCPartPicker list page or its text export, or this site's own forum download. Each part is
matched to a catalog id where its name identifies one; a part the catalog lacks gets a new entry (maker and model
only) in builds/parts/<category>.yaml; peripherals go into an optional section. Prices, shops and the list's date
are kept. The currency comes from the price sign and the PCPartPicker site the links point to; `$` alone could be
USD, CAD, AUD, NZD or MXN, so a list that does not say needs --currency. Everything else is FILL IN, which
`buildguide check` refuses until replaced. Nothing is written unless all of it is, and an existing build is never
overwritten.
"""
# What a cooler or bridge stub needs to be an entry at all, read from the list's name.
_KINDS = {"cooler": (("liquid", r"liquid|\baio\b|radiator"), ("air", r"")), "bridge": (("nvlink", r"nvlink"),)}


def _read(source: str) -> str:
    """The list's text, from a file or, for '-', stdin."""
    try:
        if source == "-":
            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            with open(source, "rb") as stream:
                raw = stream.read(MAX_BYTES + 1)  # one byte over the limit is enough to refuse it
    except OSError as exc:
        raise ListError(f"cannot read {source}: {exc.strerror}", on_input=False) from None
    if len(raw) > MAX_BYTES:
        raise ListError(f"is larger than {MAX_BYTES:,} bytes; a part list is a few kilobytes: paste only the list")
    if not raw.strip():
        raise ListError("is empty: paste a PCPartPicker part list into it")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ListError("is not UTF-8 text") from None


def _role(row: Row, own: bool) -> tuple[str, bool, tuple[str, ...]]:
    """The item's role, whether it is optional, and the catalog categories its part may come from."""
    if own:
        return row.kind, row.optional, (row.kind,)
    kinds = {kind.lower(): kind for kind in PCPP_TYPES}
    kind = kinds.get(row.kind.lower(), "Custom")  # a type PCPartPicker adds later is treated as one typed in
    if kind in CORE_TYPES:
        role = CORE_TYPES[kind]
        return role, False, (role,)
    if kind in PERIPHERAL_TYPES:
        return "peripheral", True, ("peripheral",)
    if kind in ACCESSORY_TYPES:
        return "accessory", False, ("accessory",)
    return "accessory", False, CATEGORIES


def _stub(row: Row, role: str, catalog: Catalog, stubs: dict[tuple[str, str, str], Stub]) -> Stub:
    maker, model = match.describe(row.name, role, match.makers(catalog))
    key = (role, maker.lower(), model.lower())
    if key not in stubs:
        taken = set(catalog.parts) | set(catalog.unusable) | {stub.id for stub in stubs.values()}
        kind = next((k for k, pattern in _KINDS.get(role, ()) if re.search(pattern, row.name, re.I)), None)
        if role == "bridge" and kind is None:
            kind = "FILL IN nvlink or sli"
        stubs[key] = Stub(match.stub_id(maker, model, taken), role, maker, model, row.name, row.url, kind)
    return stubs[key]


def _plan(found: PartList, catalog: Catalog) -> tuple[list[Planned], list[Stub]]:
    own = found.currency is not None
    rows = found.rows if own else parse.merge_repeats(found.rows)
    stubs: dict[tuple[str, str, str], Stub] = {}
    planned = []
    for row in rows:
        role, optional, categories = _role(row, own)
        found_part = match.find(catalog, row.name, row.url, categories)
        if found_part.part is not None and role != found_part.part.category:  # type: ignore[attr-defined]
            role = found_part.part.category  # type: ignore[attr-defined]  # a part typed in as Custom
            optional = role == "peripheral"
        item = Planned(row, role, optional, found_part)
        if found_part.how == "none" and role in FREE_FORM_ROLES:
            item.name = row.name
        elif found_part.how == "none":  # a part that must come from the catalog: a stub to complete there
            item.stub = _stub(row, role, catalog, stubs)
        planned.append(item)
    return planned, list(stubs.values())


def _summary(shown: str, draft: Draft, stubs: list[Stub]) -> list[str]:
    counts = {"exact": 0, "fuzzy": 0, "ambiguous": 0, "none": 0}
    for item in draft.items:
        counts[item.match.how] += 1
    free = sum(item.name is not None for item in draft.items)
    said = [f"{counts['exact'] + counts['fuzzy']} from the catalog"]
    said += [f"{counts['ambiguous']} to choose between catalog parts"] if counts["ambiguous"] else []
    said += [f"{len(stubs)} new catalog entr{'y' if len(stubs) == 1 else 'ies'}"] if stubs else []
    said += [f"{free} free-form"] if free else []
    items = f"{len(draft.items)} item{'s' if len(draft.items) != 1 else ''}"
    lines = [f"wrote {shown}: {items} ({', '.join(said)}), in {draft.currency}"]
    lines += [f"added {stub.id} ({stub.maker} {stub.model}) to builds/parts/{stub.category}.yaml" for stub in stubs]
    return [*lines, "replace every FILL IN, then run `buildguide check`"]


def run(root: Path, source: str, slug: str, code: str | None) -> int:
    """`buildguide import pcpartpicker SOURCE --slug SLUG [--currency CODE]`: 0 when written, 2 when refused."""
    if not re.fullmatch(SLUG_PATTERN, slug):
        return _refuse(f"'{slug}' is not lowercase-with-hyphens, e.g. quiet-gaming-pc-2026")
    target = root / "builds" / f"{slug}.yaml"
    shown = f"builds/{slug}.yaml"
    if os.path.lexists(target):  # a dangling link too: writing through it would create a file elsewhere
        return _refuse(f"{shown} already exists; not overwriting it")
    where = "stdin" if source == "-" else source
    try:
        found = parse.parse(_read(source))
        signs = {row.price.symbol for row in found.rows if row.price and found.currency is None}
        told, how = currency.decide(signs, found.regions, code, found.currency)
        catalog, _ = load_catalog(root)  # a catalog with problems still matches on the entries that load
        items, stubs = _plan(found, catalog)
        draft = Draft(found, told, how, items)
        commit.commit(target, build_text(draft), commit.catalog_texts(root, slug, stubs))
    except ListError as exc:
        if exc.line is not None:
            return _refuse(f"{where}:{exc.line}: {exc.message}")
        return _refuse(f"{where} {exc.message}" if exc.on_input else exc.message)
    print("\n".join(_summary(shown, draft, stubs)))
    return 0


def _refuse(message: str) -> int:
    print(one_line(f"buildguide import: {message}"), file=sys.stderr)
    return 2

"""The downloads offered on each guide page: the build as JSON, its part list as CSV and as forum Markdown.

Money stays exact: JSON carries amounts as decimal strings, never floats. The JSON is also what the compare
page fetches, so it is the one machine-readable form of a build.

Catalog figures carry their provenance (see `provenance`). Each line item from the catalog has

- `specs`: field -> value, the entry's figures (decimals as strings, like the money);
- `sources`: every source the entry cites, `{"url", "kind", "read", "figures", "note"}` (`read` is
  YYYY-MM-DD, or null for a page cited but not re-read);
- `provenance`: field -> `{"verified", "sources", "disputed"}` for every field in `specs`. `verified` is true
  when a read source that is not a parts database gives the figure; `sources` lists each source that gives it,
  `{"url", "kind", "read"}`, whether or not it verifies it; `disputed` lists other sources' readings,
  `{"value", "url", "kind", "read", "note"}`, which the checks also ran with.

`last_changed` is the date (YYYY-MM-DD) of the last commit that changed the build file, or null where the
repository's history cannot tell (see `history`): a commit date, so the same commit gives the same bytes.

A free-form line (no catalog part) has `specs`, `sources` and `provenance` empty. Under `compatibility`, each
finding and each `not_checked` entry has `figures`: the catalog figures its check read,
`{"part_id", "field", "value", "verified"}`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from pydantic_core import to_jsonable_python

from . import provenance
from .facts import Facts, key_specs
from .pricing import PricedLine, exact
from .project import Guide
from .provenance import Figure, Source

CSV_COLUMNS = ["section", "role", "part_id", "item", "quantity", "unit_price", "line_total", "currency"]
CSV_COLUMNS += ["retailer", "price_basis", "price_date", "url"]


def _money(amount: Decimal, currency: str) -> str:
    """An exact decimal string in the currency's minor units: '7981.34', '120000'."""
    return str(exact(amount, currency))


def _source(source: Source) -> dict[str, Any]:
    return {"url": source.url, "kind": source.kind, "read": source.read.isoformat() if source.read else None}


def _provenance(part: Any, field: str) -> dict[str, Any]:
    found = provenance.figure(part, field)
    return {
        "verified": found.verified,
        "sources": [_source(s) for s in part.sources if field in s.figures],
        "disputed": [reading.model_dump(mode="json") for reading in found.disputed],
    }


def _figure(f: Figure) -> dict[str, Any]:
    return {"part_id": f.part_id, "field": f.field, "value": to_jsonable_python(f.value), "verified": f.verified}


def _line(line: PricedLine, guide: Guide) -> dict[str, Any]:
    item, part = line.item.item, line.item.part
    specs = part.model_dump(mode="json", exclude=provenance.NOT_FIGURES, exclude_none=True) if part else {}
    sources = [_source(s) | {"figures": s.figures, "note": s.note} for s in part.sources] if part else []
    return {
        "role": item.role,
        "part_id": item.part,
        "name": line.item.name,
        "anchor": line.item.anchor,
        "quantity": item.quantity,
        "unit_price": _money(item.unit_price, guide.pricing.currency),
        "line_total": _money(line.total, guide.pricing.currency),
        "line_total_display": guide.pricing.money(line.total),
        "retailer": item.retailer,
        "price_basis": item.price_basis,
        "price_date": (item.price_date or guide.loaded.build.prices_as_of).isoformat(),
        "url": item.url,
        "key_specs": key_specs(line.item),
        "specs": specs,
        "sources": sources,
        "provenance": {field: _provenance(part, field) for field in specs},
        "alternatives": [{"name": name, "why_not": why} for name, why in line.item.alternatives],
    }


def build_data(guide: Guide, f: Facts, last_changed: dt.date | None = None) -> dict[str, Any]:
    b, pricing, report = guide.loaded.build, guide.pricing, guide.report
    return {
        "slug": guide.slug,
        "title": b.title,
        "summary": b.summary,
        "author": b.author,
        "date": b.date.isoformat(),
        "purpose": b.purpose,
        "tags": b.tags,
        "currency": b.currency,
        "prices_as_of": b.prices_as_of.isoformat(),
        "last_changed": last_changed.isoformat() if last_changed else None,
        "part_list_url": b.part_list_url,
        "facts": {"cpu": f.cpu, "gpus": f.gpus, "gpu_memory_gb": f.gpu_memory_gb, "ram": f.ram},
        "load": {
            "estimated_w": guide.load.total_w,
            "complete": not guide.load.missing,
            "missing": list(guide.load.missing),
            "psu_w": guide.load.psu_w,
            "display": f.load,
            "lines": [
                {"label": line.label, "part": line.item.name if line.item else None, "count": line.count}
                | {"each_w": str(line.each_w), "total_w": str(line.total_w), "basis": line.basis}
                for line in guide.load.lines
            ],
        },
        "sections": [
            {
                "id": ps.section.id,
                "title": ps.section.title,
                "optional": ps.section.optional,
                "subtotal": _money(ps.subtotal, pricing.currency),
                "items": [_line(line, guide) for line in ps.lines],
            }
            for ps in pricing.sections
        ],
        "totals": {
            "core": _money(pricing.core_total, pricing.currency),
            "optional": _money(pricing.optional_total, pricing.currency),
            "grand": _money(pricing.grand_total, pricing.currency),
            "core_display": pricing.money(pricing.core_total),
        },
        "compatibility": {
            "verdict": report.verdict,
            "findings": [
                {"rule": x.rule, "severity": x.severity.label, "message": x.message, "acknowledged": x.acknowledged}
                | {"figures": [_figure(fig) for fig in x.figures]}
                for x in report.findings
            ],
            "not_checked": [
                {"rule": c.rule, "missing": c.missing, "figures": [_figure(fig) for fig in c.figures]}
                for c in report.skipped
            ],
        },
    }


def build_json(data: dict[str, Any]) -> str:
    # Compact: the json module writes indented JSON in Python, not C (2.5 s of a 1,000-build render), and a
    # browser shows a JSON file folded and indented anyway.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _cell(value: str) -> str:
    """Spreadsheets run cells that start like a formula; contributor text must not become one."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def part_list_csv(data: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for section in data["sections"]:
        for item in section["items"]:
            row = [section["id"], item["role"], item["part_id"] or "", item["name"], str(item["quantity"])]
            row += [item["unit_price"], item["line_total"], data["currency"], item["retailer"]]
            row += [item["price_basis"], item["price_date"], item["url"] or ""]
            writer.writerow([_cell(cell) for cell in row])
    return out.getvalue()


def _md(text: str) -> str:
    """Plain text inside a Markdown table cell: no markup, no HTML, no column breaks."""
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", text)


def _link(url: str) -> str:
    """A link target no forum's Markdown can end early or turn into an image, a cell break or HTML."""
    return quote(url, safe=":/?#@!$&'+,;=%-._~")


def forum_markdown(guide: Guide) -> str:
    b, pricing = guide.loaded.build, guide.pricing
    rows = ["Type | Item | Price", ":---- | :---- | ----:"]
    for ps in pricing.sections:
        for line in ps.lines:
            item = line.item.item
            name = _md(line.item.name) + (f" × {item.quantity}" if item.quantity > 1 else "")
            if item.url:
                name = f"[{name}]({_link(item.url)})"
            kind = item.role.upper() if item.role in ("cpu", "gpu", "psu") else item.role.capitalize()
            optional = " (optional)" if ps.section.optional else ""
            rows.append(f"**{kind}**{optional} | {name} | {pricing.money(line.total)}")
    rows.append(f" | *Total* | **{pricing.money(pricing.core_total)}**")
    if pricing.optional_total:
        rows.append(f" | *With optional parts* | {pricing.money(pricing.grand_total)}")
    rows.append(f" | *Prices as of {b.prices_as_of.isoformat()}, {b.currency}* | ")
    return f"**{_md(b.title)}**\n\n" + "\n".join(rows) + "\n"

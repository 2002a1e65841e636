"""The Markdown table readers: PCPartPicker's Markdown for forums, and this site's own forum download.

PCPartPicker's is a `Type|Item|Price` table whose rows are `**CPU** | [name](product URL) | $174.99 @ Retailer`;
this site's (exports.forum_markdown) writes the build's roles, `× N` for several of one part, line totals rather
than unit prices, and `*Prices as of YYYY-MM-DD, CUR*` as its last row.
"""

from __future__ import annotations

import re
from decimal import Decimal, DecimalException

from .rows import LINK, NUMBER, OWN_TYPES, SUMMARY, ListError, PartList, Price, Row, iso_date, read_price

_MD_HEADER = re.compile(r"\|?\s*Type\s*\|\s*Item\s*\|\s*Price\s*\|?", re.I)
_MD_RULE = re.compile(r"\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*){2}\|?")
_OWN_FOOTER = re.compile(r"\*Prices as of (\d{4}-\d{2}-\d{2}), ([A-Z]{3})\*")
_UNESCAPE = re.compile(r"\\([\\`*_\[\]<>|#()!.+\-{}])")


def find_markdown(lines: list[str]) -> list[int]:
    return [
        n
        for n, line in enumerate(lines[:-1])
        if _MD_HEADER.fullmatch(line.strip()) and _MD_RULE.fullmatch(lines[n + 1].strip())
    ]


def _cells(line: str, piped: bool) -> list[str]:
    """A table row's cells; `piped` tables write a `|` at both ends of every row."""
    cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())]
    if piped:
        cells = cells[1:] if cells and cells[0] == "" else cells
        cells = cells[:-1] if len(cells) > 1 and cells[-1] == "" else cells
    return cells


def read_markdown(lines: list[str], start: int) -> PartList:
    piped = lines[start].strip().startswith("|")
    body: list[tuple[int, list[str]]] = []
    for n in range(start + 2, len(lines)):
        if "|" not in lines[n]:
            break
        body.append((n + 1, _cells(lines[n], piped)))
    footer = next((m for _, cells in body for cell in cells if (m := _OWN_FOOTER.fullmatch(cell))), None)
    if footer:
        rows = [_own_row(n, cells) for n, cells in body if cells[0]]
        return PartList("this site's forum download", rows, iso_date(footer[1]), currency=footer[2])
    rows = [_pcpp_row(n, cells) for n, cells in body if cells[0] and not SUMMARY.match(cells[0].strip("*_ "))]
    return PartList("a PCPartPicker Markdown table", rows)


def _item(n: int, cells: list[str]) -> tuple[str, str, str | None, str]:
    """(type, name, url, price cell) of a part row."""
    if len(cells) < 3:
        raise ListError(f"a part row has three cells, Type | Item | Price; this one has {len(cells)}", line=n)
    kind = cells[0].strip("*_ ")
    link = LINK.fullmatch(cells[1])
    name, url = (link["text"], link["url"].replace("%29", ")")) if link else (cells[1], None)
    name = " ".join(_UNESCAPE.sub(r"\1", name).split())
    if not name:
        raise ListError(f"the {kind} row names no part", line=n)
    return kind, name, url if url and re.match(r"https?://", url) else None, cells[2]


def _pcpp_row(n: int, cells: list[str]) -> Row:
    kind, name, url, price = _item(n, cells)
    return Row(n, kind, name, url, read_price(n, price))


def _own_row(n: int, cells: list[str]) -> Row:
    kind, name, url, total = _item(n, cells)
    optional = kind.endswith("(optional)")
    kind = kind.removesuffix("(optional)").strip("*_ ").lower()
    if kind not in OWN_TYPES:
        raise ListError(f"'{cells[0]}' is not a role this site's download writes", line=n)
    counted = re.fullmatch(r"(.*\S) × (\d+)", name)
    quantity = int(counted[2]) if counted else 1
    if quantity < 1:
        raise ListError(f"'{name}' has a quantity of {quantity}: a part on the list is there once or more", line=n)
    name = counted[1] if counted else name
    money = re.fullmatch(rf"\D*?(?P<amount>{NUMBER})(?: [A-Z]{{3}})?", total)
    if not money:
        raise ListError(f"'{total}' is not a price", line=n)
    line_total = Decimal(money["amount"].replace(",", ""))
    try:
        unit = (line_total / quantity).quantize(line_total)  # to as many decimals as the line total has
    except DecimalException:  # past Decimal's 28 digits, which no price needs
        raise ListError(f"'{total}' has more digits than a price can have", line=n) from None
    if unit * quantity != line_total:
        raise ListError(f"{total} for {quantity} does not split into {quantity} equal prices", line=n)
    return Row(n, kind, name, url, Price("", unit, "", ""), quantity, optional)

"""Money in a currency other than the dollar: its own minor units on the page and in the downloads, exact totals."""

from __future__ import annotations

import dataclasses
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from buildguide.pricing import format_money
from buildguide.render import render

from .conftest import SEED


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        ("7981.34", "USD", "$7,981.34"),
        ("1299", "EUR", "€1,299.00"),
        ("120000", "JPY", "¥120,000"),
        ("1050.5", "CAD", "CA$1,050.50"),
        ("1050.5", "CHF", "1,050.50 CHF"),
        ("12.125", "BHD", "12.125 BHD"),
    ],
)
def test_amounts_show_in_the_currency_s_own_units(amount: str, currency: str, shown: str) -> None:
    assert format_money(Decimal(amount), currency) == shown


def test_a_yen_build_has_whole_yen_everywhere_and_totals_that_add_up(repo: Path) -> None:
    seed = repo / "builds" / f"{SEED}.yaml"
    text = seed.read_text().replace("currency: USD", "currency: JPY")
    yen: list[int] = []

    def to_yen(match: re.Match[str]) -> str:
        yen.append(int(Decimal(match.group(1)) * 150))
        return f"unit_price: {yen[-1]}"

    seed.write_text(re.sub(r"unit_price: ([0-9.]+)", to_yen, text))
    render(repo)
    data = json.loads((repo / "docs" / "downloads" / f"{SEED}.json").read_text())
    lines = [item for section in data["sections"] for item in section["items"]]
    assert [item["unit_price"] for item in lines] == [str(y) for y in yen]
    assert all("." not in item["line_total"] for item in lines)
    core = sum(int(i["line_total"]) for s in data["sections"] if not s["optional"] for i in s["items"])
    assert data["totals"]["core"] == str(core)
    assert data["totals"]["core_display"] == f"¥{core:,}"
    page = (repo / "docs" / "builds" / SEED / "index.md").read_text()
    assert f'<td class="bg-num">¥{core:,}</td>' in page  # the build total row
    assert not re.search(r"¥[0-9,]+\.[0-9]", page)  # no yen amount with decimals anywhere


def test_totals_worked_out_once_match_the_lines_and_cannot_go_stale(repo: Path) -> None:
    """Subtotals and totals are cached per build: they must equal the sums, and what they sum can never change."""
    pricing = render(repo).views[SEED].pricing
    for section in pricing.sections:
        assert section.subtotal == sum((line.total for line in section.lines), Decimal(0))
        with pytest.raises(dataclasses.FrozenInstanceError):
            section.lines = ()  # type: ignore[misc]
    core = sum((s.subtotal for s in pricing.sections if not s.section.optional), Decimal(0))
    assert pricing.core_total == core == Decimal("7981.34")
    assert pricing.grand_total == core + pricing.optional_total > core
    with pytest.raises(dataclasses.FrozenInstanceError):
        pricing.sections = ()  # type: ignore[misc]


def test_a_price_of_minus_zero_is_published_as_zero(repo: Path) -> None:
    """-0.00 is not below zero, so the model takes it; no page or download may then print '$-0.00'."""
    seed = repo / "builds" / f"{SEED}.yaml"
    seed.write_text(seed.read_text().replace("unit_price: 1189.00", "unit_price: -0.00", 1))
    render(repo)
    data = json.loads((repo / "docs" / "downloads" / f"{SEED}.json").read_text())
    first = data["sections"][0]["items"][0]
    assert (first["unit_price"], first["line_total"]) == ("0.00", "0.00")
    downloads = [repo / "docs" / "downloads" / f"{SEED}.{ext}" for ext in ("json", "csv", "forum.txt")]
    for path in [repo / "docs" / "builds" / SEED / "index.md", *downloads]:
        text = path.read_text()
        assert "$-" not in text and "-0.00" not in text, path


def test_the_index_sorts_totals_within_each_currency_never_across(repo: Path) -> None:
    """A yen total is a bigger number than any dollar total: sorted as numbers, they would interleave. The keys
    are compared as text, as the table's sort compares them."""
    seed = repo / "builds" / f"{SEED}.yaml"
    yen = re.sub(r"unit_price: ([0-9]+)\.([0-9]+)", r"unit_price: \1\2", seed.read_text())  # 100 times as many
    seed.write_text(yen.replace("currency: USD", "currency: JPY"))
    render(repo)
    index = (repo / ".buildguide" / "index.html").read_text()
    keys = re.findall(r'data-label="Total" data-sort="([^"]+)"', index)
    assert len(keys) >= 3 and any(k.startswith("JPY ") for k in keys) and any(k.startswith("USD ") for k in keys)
    ordered = [(currency, Decimal(amount)) for currency, amount in (k.split(" ") for k in sorted(keys))]
    assert ordered == sorted(ordered)  # by currency, then by amount

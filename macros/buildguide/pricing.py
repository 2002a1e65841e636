"""Exact money: Decimal line totals, section subtotals and the build total, in the build's one currency."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache, cached_property

from babel.numbers import get_currency_symbol

from .load import Item, LoadedBuild
from .model import CURRENCIES, Section


@dataclass(frozen=True)
class PricedLine:
    item: Item
    total: Decimal


@dataclass(frozen=True)
class PricedSection:
    section: Section
    lines: tuple[PricedLine, ...]

    @cached_property  # the page, the downloads and the cost shares each ask for it
    def subtotal(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal(0))


@dataclass(frozen=True)
class Pricing:
    currency: str
    sections: tuple[PricedSection, ...]

    @cached_property
    def core_total(self) -> Decimal:
        """What the machine itself costs: optional sections such as peripherals are totalled apart."""
        return sum((s.subtotal for s in self.sections if not s.section.optional), Decimal(0))

    @cached_property
    def optional_total(self) -> Decimal:
        return sum((s.subtotal for s in self.sections if s.section.optional), Decimal(0))

    @cached_property
    def grand_total(self) -> Decimal:
        return self.core_total + self.optional_total

    def money(self, amount: Decimal) -> str:
        return format_money(amount, self.currency)

    @property
    def sort_key(self) -> str:
        """The core total as the builds index sorts it: by currency first, then amount ('USD 000…7981.340'), so
        no column sort sets dollars against yen. Padded, as the table compares the keys as text."""
        return f"{self.currency} {self.core_total:022.3f}"


def exact(amount: Decimal, currency: str) -> Decimal:
    """The amount with the currency's minor units ($7,981.34, ¥120,000); prices never have more, so this never
    rounds a total."""
    return amount.quantize(Decimal(1).scaleb(-CURRENCIES[currency]), rounding=ROUND_HALF_EVEN)


def format_money(amount: Decimal, currency: str) -> str:
    """'$7,981.34', '€1,299.00', '¥120,000', 'CA$1,050.00'; '1,050.00 CHF' where English has no symbol."""
    text = f"{exact(amount, currency):,.{CURRENCIES[currency]}f}"
    symbol = _symbol(currency)
    return f"{text} {currency}" if symbol == currency else f"{symbol}{text}"


@cache  # Babel parses its locale data on every call: 86,000 amounts at 1,000 builds took 2 s
def _symbol(currency: str) -> str:
    return get_currency_symbol(currency, locale="en_US")


def price(build: LoadedBuild) -> Pricing:
    by_section: dict[int, list[PricedLine]] = {}
    for item in build.items:
        line = PricedLine(item, item.item.unit_price * item.item.quantity)
        by_section.setdefault(int(item.loc[1]), []).append(line)
    sections = tuple(PricedSection(s, tuple(by_section.get(n, ()))) for n, s in enumerate(build.build.sections))
    return Pricing(build.build.currency, sections)

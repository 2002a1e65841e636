"""Where the money goes: each role's share of the core total, and the geometry of the bar that pictures it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from .catalog import category_label
from .pricing import Pricing

# Fixed per role so the same role has the same colour on every page; mid-tones read on light and dark.
COLOURS = {
    "gpu": "#3f6ad8",
    "cpu": "#d8543f",
    "memory": "#2f9e6e",
    "motherboard": "#c99a16",
    "storage": "#8e5bd1",
    "psu": "#d1487f",
    "case": "#5d8aa8",
    "cooler": "#3fa7b8",
    "fan": "#8a8f2e",
    "bridge": "#a5673f",
    "accessory": "#7a7a7a",
}


@dataclass(frozen=True)
class Share:
    role: str
    label: str
    amount: Decimal
    percent: Decimal  # one decimal place
    colour: str
    x: Decimal  # where its segment starts on a 0..100 bar
    width: Decimal


def shares(pricing: Pricing) -> list[Share]:
    """Roles of the non-optional sections, largest first; empty when the core total is zero."""
    amounts: dict[str, Decimal] = {}
    for section in pricing.sections:
        if section.section.optional:
            continue
        for line in section.lines:
            role = line.item.item.role
            amounts[role] = amounts.get(role, Decimal(0)) + line.total
    total = pricing.core_total
    if not total:
        return []
    result, before = [], Decimal(0)
    for role, amount in sorted(amounts.items(), key=lambda kv: (-kv[1], kv[0])):
        # Edges come from running sums, so the last segment ends at exactly 100 despite rounding.
        x, end = before * 100 / total, (before + amount) * 100 / total
        percent = (amount * 100 / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN)
        label = category_label(role)
        result.append(Share(role, label, amount, percent, COLOURS.get(role, "#888888"), x, end - x))
        before += amount
    return result

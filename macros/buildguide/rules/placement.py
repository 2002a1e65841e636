"""Where graphics cards can sit: which x16 slots they use and how many slot positions each one covers."""

from __future__ import annotations

import math
from decimal import Decimal
from itertools import combinations, pairwise, permutations

from ..load import Item
from .registry import need


def slots_covered(width: Decimal) -> int:
    """A 2.5-slot card blocks three slot positions."""
    return math.ceil(width)


def x16_positions(board: Item) -> list[int]:
    return sorted(slot.position for slot in need(board, "pcie_x16_slots"))


def cards(gpus: list[Item]) -> list[tuple[Item, int]]:
    """One entry per physical card (a line item of quantity 2 is two cards), with the slot positions it covers."""
    return [(gpu, slots_covered(need(gpu, "slot_width"))) for gpu in gpus for _ in range(gpu.item.quantity)]


def place(positions: list[int], widths: list[int]) -> list[tuple[int, int]] | None:
    """(position, width) per card, top to bottom, with no card covering another's slot, reaching as little
    far down as possible; None when the cards cannot all be seated."""
    best: list[tuple[int, int]] | None = None
    for chosen in combinations(sorted(positions), len(widths)):
        for order in sorted(set(permutations(widths))):
            seated = list(zip(chosen, order, strict=True))
            clear = all(p + w <= nxt for (p, w), (nxt, _) in pairwise(seated))
            if clear and (best is None or bottom(seated) < bottom(best)):
                best = seated
    return best


def bottom(seated: list[tuple[int, int]]) -> int:
    """The lowest slot position the cards reach."""
    return max(p + w - 1 for p, w in seated) if seated else 0

"""Where graphics cards can sit: which x16 slots they use and how many slot positions each one covers."""

from __future__ import annotations

import math
from decimal import Decimal
from functools import cache

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
    far down as possible (ties: the higher slots, then the narrower card first); None when they cannot all sit.

    Memoised over (next slot, cards left): trying every order of every choice of slots was factorial, and a build
    of a dozen cards would never finish.
    """
    slots = sorted(set(positions))

    @cache
    def best(start: int, left: tuple[int, ...]) -> tuple[int, tuple[tuple[int, int], ...]] | None:
        if not left:
            return 0, ()
        options = []
        for i in range(start, len(slots) - len(left) + 1):
            for width in sorted(set(left)):
                rest = list(left)
                rest.remove(width)
                after = next((j for j in range(i + 1, len(slots)) if slots[j] >= slots[i] + width), len(slots))
                sub = best(after, tuple(rest))
                if sub is not None:
                    options.append((max(slots[i] + width - 1, sub[0]), ((slots[i], width), *sub[1])))
        return min(options) if options else None

    found = best(0, tuple(sorted(widths)))
    return list(found[1]) if found is not None else None


def bottom(seated: list[tuple[int, int]]) -> int:
    """The lowest slot position the cards reach."""
    return max(p + w - 1 for p, w in seated) if seated else 0

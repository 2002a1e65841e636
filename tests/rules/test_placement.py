"""Seating many cards and drives: exact answers for sizes where trying every order would never finish."""

from __future__ import annotations

from buildguide.catalog import M2Slot, Storage
from buildguide.rules.placement import place
from buildguide.rules.storage import seat_all


def test_a_dozen_cards_are_seated_without_trying_every_order() -> None:
    assert place(list(range(1, 13)), [1] * 12) == [(p, 1) for p in range(1, 13)]
    assert place(list(range(1, 13)), [1] * 6 + [2] * 6) is None  # 18 positions of cards on a 12-position board
    mixed = place(list(range(1, 13)), [3, 1, 2, 2, 1, 3])
    assert mixed == [(1, 1), (2, 1), (3, 2), (5, 2), (7, 3), (10, 3)]  # narrow cards first: the lowest reach is 12


def test_cards_never_cover_a_slot_another_card_uses() -> None:
    assert place([1, 4, 5, 7], [2, 2]) == [(1, 2), (4, 2)]
    assert place([1, 2], [2, 2]) is None


class _Drive:
    """Just enough of a line item for `fits`: its catalog part and name."""

    def __init__(self, form_factor: str, interface: str) -> None:
        source = {"url": "https://example.com/drive", "kind": "maker"}
        self.part = Storage(
            category="storage",
            maker="X",
            model=form_factor,
            form_factor=form_factor,
            interface=interface,
            sources=[source],
        )
        self.name = form_factor


def test_many_drives_find_the_one_arrangement_that_fits() -> None:
    long_slot = M2Slot(key="M", lengths=[2280, 22110], interfaces=["pcie"])
    short_slot = M2Slot(key="M", lengths=[2280], interfaces=["pcie"])
    drives = [_Drive("M.2 22110", "nvme")] + [_Drive("M.2 2280", "nvme")] * 11
    assert seat_all(drives, [short_slot] * 11 + [long_slot])  # the long drive must take the one long slot
    assert not seat_all(drives, [short_slot] * 12)

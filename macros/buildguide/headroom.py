"""Upgrade headroom: what a build leaves free for later, each figure from the catalog or marked unknown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .load import LoadedBuild
from .power import Load
from .rules.memory import modules, total_gb
from .rules.placement import cards, place, x16_positions
from .rules.registry import Missing, NotApplicable, count, need, num, one, some


@dataclass(frozen=True)
class Row:
    label: str
    free: int | None = None
    of: int | None = None
    unit: str = ""
    missing: str | None = None  # why the figure is unknown

    @property
    def text(self) -> str:
        """'1 of 2', '0 GB of 128 GB', '328 W of 1,200 W'."""
        if self.free is None or self.of is None:
            return "not known"
        if self.unit:
            return f"{num(self.free)} {self.unit} of {num(self.of)} {self.unit}"
        return f"{num(self.free)} of {num(self.of)}"


@dataclass(frozen=True)
class Headroom:
    rows: tuple[Row, ...]


def _dimm_slots(build: LoadedBuild, load: Load) -> tuple[int, int]:
    slots = need(one(build, "motherboard"), "dimm_slots")
    return slots - modules(some(build, "memory")), slots


def _memory_gb(build: LoadedBuild, load: Load) -> tuple[int, int]:
    # The lower of the board's and the CPU's limits is what an upgrade can reach.
    limit = min(need(one(build, "motherboard"), "max_memory_gb"), need(one(build, "cpu"), "max_memory_gb"))
    return limit - total_gb(some(build, "memory")), limit


def _m2_slots(build: LoadedBuild, load: Load) -> tuple[int, int]:
    slots = len(need(one(build, "motherboard"), "m2_slots"))
    drives = [d for d in build.by_role("storage") if need(d, "form_factor").startswith("M.2")]
    return slots - count(drives), slots


def _x16_slots(build: LoadedBuild, load: Load) -> tuple[int, int]:
    """x16 slots neither used by a card nor covered by a wide card's cooler."""
    positions = x16_positions(one(build, "motherboard"))
    seated = place(positions, [w for _, w in cards(build.by_role("gpu"))])
    if seated is None:
        raise NotApplicable("the cards do not fit; the compatibility findings say why")
    blocked = {p + n for p, w in seated for n in range(w)}
    return len([p for p in positions if p not in blocked]), len(positions)


def _psu_w(build: LoadedBuild, load: Load) -> tuple[int, int]:
    watts = need(one(build, "psu"), "wattage_w")
    if load.missing:
        raise Missing(f"the load estimate is incomplete: {load.missing[0]}")
    return watts - load.total_w, watts


ROWS: tuple[tuple[str, str, Callable[[LoadedBuild, Load], tuple[int, int]]], ...] = (
    ("Free DIMM slots", "", _dimm_slots),
    ("RAM to the maximum", "GB", _memory_gb),
    ("Free M.2 slots", "", _m2_slots),
    ("Free PCIe x16 slots", "", _x16_slots),
    ("Power supply spare", "W", _psu_w),
)


def headroom(build: LoadedBuild, load: Load) -> Headroom:
    rows = []
    for label, unit, figure in ROWS:
        try:
            free, of = figure(build, load)
        except NotApplicable:
            continue
        except Missing as missing:
            rows.append(Row(label, unit=unit, missing=str(missing)))
            continue
        rows.append(Row(label, free, of, unit))
    return Headroom(tuple(rows))

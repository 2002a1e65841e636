"""The estimated full load of a build: the makers' figures where the catalog has them, stated assumptions elsewhere.

The CPU's TDP and each GPU's board power come from the catalog. Nothing else in a PC has a published wattage
that means the same thing, so the other lines use the round figures below, each with where it comes from; the
page shows every line so a reader can redo the sum.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from .load import Item, LoadedBuild

# Crucial's rule of thumb for DDR3/DDR4 is 3 W per 8 GB; we apply it to DDR5 as well.
MEMORY_W_PER_8GB = Decimal(3)
MEMORY_BASIS = "3 W per 8 GB (Crucial's rule of thumb for desktop memory)"
MEMORY_SOURCE = "https://www.crucial.com/support/articles-faq-memory/how-much-power-does-memory-use"
# Our own round figures, not makers' data: each sits at or above what such parts commonly draw at full load.
BOARD_W, BOARD_BASIS = Decimal(50), "assumed: chipset, voltage-regulator losses and onboard controllers"
DRIVE_W = {"M.2": Decimal(8), "2.5in": Decimal(5), "3.5in": Decimal(10)}
DRIVE_BASIS = "assumed: a drive's active power, M.2 8 W, 2.5-inch 5 W, 3.5-inch 10 W"
FAN_W, FAN_BASIS = Decimal(3), "assumed: 3 W per fan (0.25 A at 12 V)"
PUMP_W, PUMP_BASIS = Decimal(5), "assumed: 5 W for a liquid cooler's pump"
OTHER_W, OTHER_BASIS = Decimal(20), "assumed: USB devices, lighting and anything the catalog does not list"


# Every catalog figure `estimate` and `Load` read, by the role of the part they read it from: the rules that use
# the estimate record these as read (rules/psu.py), so a disputed one re-runs them (rules/report.py).
READS = {
    "cpu": ("tdp_w",),
    "gpu": ("tdp_w",),
    "memory": ("modules", "module_gb"),
    "storage": ("form_factor",),
    "cooler": ("fans", "kind"),
    "psu": ("wattage_w", "efficiency_percent"),
}


def watts(value: Decimal | int) -> str:
    """'1,440 W', '1.5 W': whole watts without a decimal point, fractions as they are."""
    exact = Decimal(value)
    shown = f"{exact:,.0f}" if exact == exact.to_integral_value() else f"{exact.normalize():,f}"
    return f"{shown} W"


@dataclass(frozen=True)
class PowerLine:
    label: str
    item: Item | None
    count: int
    each_w: Decimal
    basis: str
    source: str | None = None

    @property
    def total_w(self) -> Decimal:
        return self.each_w * self.count


@dataclass(frozen=True)
class Load:
    lines: tuple[PowerLine, ...]
    missing: tuple[str, ...]  # figures the catalog lacks: the total then leaves those parts out
    psu: Item | None

    @property
    def total_w(self) -> int:
        """Whole watts, rounded up: an estimate should not come out lower than its parts."""
        total = sum((line.total_w for line in self.lines), Decimal(0))
        return int(total.to_integral_value(rounding=ROUND_CEILING))

    @property
    def psu_w(self) -> int | None:
        return getattr(self.psu.part, "wattage_w", None) if self.psu else None

    @property
    def spare_w(self) -> int | None:
        return None if self.psu_w is None else self.psu_w - self.total_w

    @property
    def headroom_percent(self) -> Decimal | None:
        """Spare capacity as a share of the load, the way 'load + 10 %' rules of thumb count it."""
        if self.spare_w is None or not self.total_w:
            return None
        return (Decimal(self.spare_w) * 100 / self.total_w).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    watts = staticmethod(watts)  # for the page: {{ load.watts(line.each_w) }}

    @property
    def efficiency(self) -> Decimal | None:
        return getattr(self.psu.part, "efficiency_percent", None) if self.psu else None

    @property
    def wall_w(self) -> int | None:
        """What the PSU draws from the socket to deliver the estimated load."""
        if self.efficiency is None:
            return None
        return int((self.total_w * 100 / self.efficiency).to_integral_value(rounding=ROUND_CEILING))


def _specced(label: str, item: Item, field: str, missing: list[str]) -> list[PowerLine]:
    watts = getattr(item.part, field, None)
    if watts is None:
        missing.append(f"{item.name} has no '{field}' in the catalog")
        return []
    return [PowerLine(label, item, item.item.quantity, Decimal(watts), f"catalog: {field}")]


def _drive_w(item: Item) -> Decimal:
    form = getattr(item.part, "form_factor", None) or "M.2"
    return DRIVE_W["M.2" if form.startswith("M.2") else form]


def _cooler(item: Item) -> list[PowerLine]:
    lines = []
    fans = getattr(item.part, "fans", None) or 0
    if fans:
        lines.append(PowerLine("Cooler fans", item, fans * item.item.quantity, FAN_W, FAN_BASIS))
    if getattr(item.part, "kind", None) == "liquid":
        lines.append(PowerLine("Cooler pump", item, item.item.quantity, PUMP_W, PUMP_BASIS))
    return lines


def estimate(build: LoadedBuild) -> Load:
    lines: list[PowerLine] = []
    missing: list[str] = []
    for item in build.by_role("cpu"):
        lines += _specced("CPU", item, "tdp_w", missing)
    for item in build.by_role("gpu"):
        lines += _specced("GPU", item, "tdp_w", missing)
    for item in build.by_role("motherboard"):
        lines.append(PowerLine("Motherboard", item, item.item.quantity, BOARD_W, BOARD_BASIS))
    for item in build.by_role("memory"):
        modules, size = getattr(item.part, "modules", None), getattr(item.part, "module_gb", None)
        if modules is None or size is None:
            missing.append(f"{item.name} has no '{'modules' if modules is None else 'module_gb'}' in the catalog")
            continue
        each = MEMORY_W_PER_8GB * size / 8
        lines.append(PowerLine("Memory", item, modules * item.item.quantity, each, MEMORY_BASIS, MEMORY_SOURCE))
    for item in build.by_role("storage"):
        lines.append(PowerLine("Storage", item, item.item.quantity, _drive_w(item), DRIVE_BASIS))
    for item in build.by_role("cooler"):
        lines += _cooler(item)
    for item in build.by_role("fan"):
        lines.append(PowerLine("Case fans", item, item.item.quantity, FAN_W, FAN_BASIS))
    lines.append(PowerLine("Other", None, 1, OTHER_W, OTHER_BASIS))
    psus = build.by_role("psu")
    return Load(tuple(lines), tuple(missing), psus[0] if psus else None)

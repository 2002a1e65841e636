"""The few figures readers compare builds by: CPU, GPUs, GPU memory, RAM, and a one-line spec summary per part.

Cards, the builds index, the compare data, the downloads and the social description all read them from here,
so they can never disagree with each other.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .load import Item
from .power import watts
from .project import Guide


@dataclass(frozen=True)
class Facts:
    cpu: str | None
    gpus: str | None  # "2 × NVIDIA TITAN RTX", models joined by " + " when they differ
    gpu_count: int
    gpu_memory_gb: int | None  # None when any GPU lacks a vram figure: a partial sum would mislead
    ram_gb: int | None
    ram: str | None  # "128 GB DDR4-3200"
    load_w: int  # estimated full load; a lower bound when load_complete is false
    load_complete: bool
    psu_w: int | None

    @property
    def load(self) -> str:
        """'781 W of 1,200 W', or 'at least 431 W' when the catalog lacks a part's figure."""
        text = watts(self.load_w) if self.load_complete else f"at least {watts(self.load_w)}"
        return f"{text} of {watts(self.psu_w)}" if self.psu_w else text


def _number(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _gpu_text(gpus: list[Item]) -> str | None:
    counts: Counter[str] = Counter()
    for item in gpus:
        counts[item.name] += item.item.quantity
    return " + ".join(f"{n} × {name}" for name, n in counts.items()) or None


def _ram(kits: list[Item]) -> tuple[int | None, str | None]:
    """The total and, say, "128 GB DDR4-3200": as much as the catalog knows ("256 GB DDR5" without a speed,
    "DDR4-3200, size unknown" without a module count), never a partial sum."""
    if not kits:
        return None, None
    parts = [k.part for k in kits]
    kinds = " / ".join(sorted({_kind(p) for p in parts} - {""}))
    if any(getattr(p, "modules", None) is None or getattr(p, "module_gb", None) is None for p in parts):
        return None, f"{kinds}, size unknown" if kinds else "size unknown"
    total = sum(k.part.modules * k.part.module_gb * k.item.quantity for k in kits)  # type: ignore[union-attr]
    return total, f"{total} GB {kinds}".strip()


def _kind(part: object) -> str:
    kind, speed = getattr(part, "type", None), getattr(part, "speed_mts", None)
    return f"{kind}-{speed}" if kind and speed else kind or ""


def facts(guide: Guide) -> Facts:
    build = guide.loaded
    cpus, gpus = build.by_role("cpu"), build.by_role("gpu")
    vram = [v for g in gpus if (v := getattr(g.part, "vram_gb", None)) is not None]
    known = bool(gpus) and len(vram) == len(gpus)
    gpu_memory = sum(v * g.item.quantity for v, g in zip(vram, gpus, strict=True)) if known else None
    ram_gb, ram = _ram(build.by_role("memory"))
    return Facts(
        cpu=cpus[0].name if cpus else None,
        gpus=_gpu_text(gpus),
        gpu_count=sum(g.item.quantity for g in gpus),
        gpu_memory_gb=gpu_memory,
        ram_gb=ram_gb,
        ram=ram,
        load_w=guide.load.total_w,
        load_complete=not guide.load.missing,
        psu_w=guide.load.psu_w,
    )


# The specs worth a glance when two parts of the same role sit side by side: (field, unit).
KEY_SPECS: dict[str, tuple[tuple[str, str], ...]] = {
    "cpu": (("cores", " cores"), ("socket", ""), ("tdp_w", " W")),
    "motherboard": (("socket", ""), ("chipset", ""), ("form_factor", ""), ("memory_type", "")),
    "cooler": (("kind", ""), ("height_mm", " mm tall"), ("radiator_mm", " mm radiator")),
    "case": (("form_factor", ""), ("max_gpu_length_mm", " mm GPU max")),
    "gpu": (("vram_gb", " GB"), ("tdp_w", " W"), ("slot_width", "-slot")),
    "bridge": (("kind", ""), ("slot_spacing", "-slot spacing")),
    "memory": (("type", ""), ("speed_mts", " MT/s"), ("module_gb", " GB modules")),
    "storage": (("capacity_gb", " GB"), ("interface", ""), ("form_factor", "")),
    "psu": (("wattage_w", " W"), ("efficiency_rating", "")),
    "fan": (("size_mm", " mm"), ("max_rpm", " rpm")),
    "peripheral": (("kind", ""),),
    "accessory": (("kind", ""),),
}


def key_specs(item: Item) -> str:
    """'24 GB · 280 W · 2-slot'; empty for free-form items and figures the catalog lacks."""
    if item.part is None:
        return ""
    values = ((getattr(item.part, name, None), unit) for name, unit in KEY_SPECS.get(item.item.role, ()))
    return " · ".join(f"{_number(value)}{unit}" for value, unit in values if value is not None)

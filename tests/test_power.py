"""The estimated load: catalog wattages where they exist, stated assumptions elsewhere, and the PSU figures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from buildguide.power import estimate
from buildguide.project import load_project

from .conftest import SEED
from .rules.changes import unset
from .rules.conftest import test_build  # noqa: F401 - a fixture

ROOT = Path(__file__).resolve().parents[1]


def test_the_seed_load_is_broken_down_part_by_part() -> None:
    load = load_project(ROOT).guides[SEED].load
    assert [(line.label, line.count, line.each_w, line.total_w) for line in load.lines] == [
        ("CPU", 1, 165, 165),  # Intel's TDP for the i9-9920X
        ("GPU", 2, 280, 560),  # NVIDIA's board power for the TITAN RTX
        ("Motherboard", 1, 50, 50),
        ("Memory", 8, 6, 48),  # 16 GB modules at 3 W per 8 GB
        ("Storage", 1, 8, 8),
        ("Cooler fans", 2, 3, 6),
        ("Case fans", 5, 3, 15),
        ("Other", 1, 20, 20),
    ]
    assert (load.total_w, load.psu_w, load.spare_w, load.headroom_percent) == (872, 1200, 328, Decimal("37.6"))
    assert load.wall_w == 948  # 872 W / 0.92, rounded up
    assert load.missing == ()


def test_a_missing_board_power_is_named_and_left_out_of_the_total(test_build) -> None:  # noqa: F811
    load = estimate(test_build(unset("gpu", "tdp_w")))
    assert load.missing == ("NVIDIA Card-T has no 'tdp_w' in the catalog",)
    assert "GPU" not in [line.label for line in load.lines]
    assert load.total_w == 125 + 50 + 4 * 12 + 8 + 5 + 3 + 20


def test_fractional_memory_watts_are_kept_and_the_total_rounds_up(test_build) -> None:  # noqa: F811
    def small_modules(parts, items) -> None:
        parts["ram"]["module_gb"] = 4

    load = estimate(test_build(small_modules))
    memory = next(line for line in load.lines if line.label == "Memory")
    assert (memory.count, memory.each_w, memory.total_w) == (4, Decimal("1.5"), 6)
    assert load.watts(memory.each_w) == "1.5 W"
    assert load.total_w == 125 + 600 + 50 + 6 + 8 + 5 + 3 + 20

"""A small, fully specified build in which every rule passes, for the rule tests to change one figure at a time."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from buildguide import rules
from buildguide.catalog_load import load_catalog
from buildguide.load import LoadedBuild, load_build

SRC = [{"url": "https://example.com/spec", "kind": "maker"}]
PARTS: dict[str, dict[str, Any]] = {
    "cpu": {
        "category": "cpu",
        "maker": "Intel",
        "model": "Core i7-T",
        "sources": SRC,
        "socket": "LGA1700",
        "cores": 8,
        "threads": 16,
        "tdp_w": 125,
        "memory_types": ["DDR5"],
        "memory_channels": 2,
        "max_memory_gb": 192,
        "pcie_lanes": 20,
    },
    "board": {
        "category": "motherboard",
        "maker": "ASUS",
        "model": "Board-T",
        "sources": SRC,
        "socket": "LGA1700",
        "form_factor": "ATX",
        "memory_type": "DDR5",
        "dimm_slots": 4,
        "max_memory_gb": 192,
        "pcie_x16_slots": [{"position": 1, "lanes": 16}, {"position": 4, "lanes": 16}],
        "expansion_slots": 7,
        "m2_slots": [
            {"key": "M", "lengths": [2280], "interfaces": ["pcie"]},
            {"key": "M", "lengths": [2242, 2280], "interfaces": ["pcie", "sata"]},
        ],
        "sata_ports": 4,
    },
    "cooler": {
        "category": "cooler",
        "maker": "Noctua",
        "model": "Tower-T",
        "sources": SRC,
        "kind": "air",
        "height_mm": 160,
        "sockets": ["LGA1700", "AM5"],
        "ram_clearance_mm": 40,
        "fans": 1,
        "tdp_rating_w": 180,
    },
    "case": {
        "category": "case",
        "maker": "Fractal",
        "model": "Case-T",
        "sources": SRC,
        "motherboard_form_factors": ["ATX", "Micro-ATX"],
        "max_gpu_length_mm": 350,
        "max_cooler_height_mm": 170,
        "expansion_slots": 7,
        "psu_form_factors": ["ATX"],
    },
    "gpu": {
        "category": "gpu",
        "maker": "NVIDIA",
        "model": "Card-T",
        "sources": SRC,
        "vram_gb": 24,
        "tdp_w": 300,
        "length_mm": 300,
        "slot_width": 3,
        "cooler": "blower",
        "power_connectors": {"8-pin": 2},
        "nvlink": True,
    },
    "bridge": {
        "category": "bridge",
        "maker": "NVIDIA",
        "model": "Bridge-T",
        "sources": SRC,
        "kind": "nvlink",
        "slot_spacing": 3,
    },
    "ram": {
        "category": "memory",
        "maker": "Corsair",
        "model": "Kit-T",
        "sources": SRC,
        "type": "DDR5",
        "modules": 2,
        "module_gb": 32,
        "height_mm": 35,
    },
    "nvme": {
        "category": "storage",
        "maker": "Samsung",
        "model": "NVMe-T",
        "sources": SRC,
        "interface": "nvme",
        "form_factor": "M.2 2280",
        "capacity_gb": 1000,
    },
    "ssd": {
        "category": "storage",
        "maker": "Crucial",
        "model": "SATA-T",
        "sources": SRC,
        "interface": "sata",
        "form_factor": "2.5in",
        "capacity_gb": 1000,
    },
    "psu": {
        "category": "psu",
        "maker": "Seasonic",
        "model": "PSU-T",
        "sources": SRC,
        "wattage_w": 1200,
        "form_factor": "ATX",
        "pcie_8pin": 4,
        "pcie_12v_2x6": 1,
        "efficiency_percent": 90,
    },
}
ITEMS = [
    ("cpu", "cpu", 1), ("motherboard", "board", 1), ("cooler", "cooler", 1), ("case", "case", 1),
    ("gpu", "gpu", 2), ("bridge", "bridge", 1), ("memory", "ram", 2), ("storage", "nvme", 1),
    ("storage", "ssd", 1), ("psu", "psu", 1),
]  # fmt: skip


def build_data(items: list[tuple[str, str, int]]) -> dict[str, Any]:
    return {
        "title": "Test build",
        "summary": "A build for the rule tests.",
        "author": "Tests",
        "date": "2024-01-01",
        "purpose": "Deep learning",
        "use": ["machine learning"],
        "tags": ["deep learning"],
        "currency": "USD",
        "prices_as_of": "2024-01-01",
        "sections": [
            {
                "id": "core",
                "title": "Core parts",
                "items": [
                    {"role": role, "part": part, "quantity": n, "unit_price": 1, "retailer": "Shop"}
                    for role, part, n in items
                ],
            }
        ],
    }


Change = Callable[[dict[str, dict[str, Any]], list[tuple[str, str, int]]], None]


@pytest.fixture
def test_build(repo: Path, write) -> Callable[[Change | None], LoadedBuild]:
    """Write the test catalog and build (after `change` edits them) into the repo copy and load them.

    JSON is YAML, and keeps the shared sources list from turning into an anchor the loader refuses."""

    def load(change: Change | None = None) -> LoadedBuild:
        parts, items = copy.deepcopy(PARTS), list(ITEMS)
        if change:
            change(parts, items)
        shutil.rmtree(repo / "builds")
        write("builds/parts/test.yaml", json.dumps(parts, indent=2))
        build = write("builds/test-build.yaml", json.dumps(build_data(items), indent=2))
        catalog, problems = load_catalog(repo)
        loaded, found = load_build(build, repo, catalog)
        assert problems + found == []
        assert loaded is not None
        return loaded

    return load


@pytest.fixture
def evaluate(test_build: Callable[[Change | None], LoadedBuild]) -> Callable[[Change | None], rules.Report]:
    """Run every rule on the test build after `change`."""
    return lambda change=None: rules.evaluate(test_build(change))

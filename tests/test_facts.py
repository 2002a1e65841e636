"""The figures readers compare builds by (index, compare page, JSON): as much as the catalog knows, never a guess."""

from __future__ import annotations

import pytest

from buildguide.facts import facts
from buildguide.project import load_project

from .conftest import ROOT, SEED

PROJECT = load_project(ROOT)


@pytest.mark.parametrize(
    ("slug", "total", "shown"),
    [
        (SEED, 128, "128 GB DDR4-3200"),  # 8 × 16 GB modules
        ("quad-rtx-pro-6000-max-q-threadripper-pro-2025", 256, "256 GB DDR5"),  # no speed in the catalog
        ("quad-rtx-3090-blower-workstation-2020", None, "DDR4-3200, size unknown"),  # no module count
    ],
)
def test_ram_says_what_the_catalog_knows(slug: str, total: int | None, shown: str) -> None:
    f = facts(PROJECT.guides[slug])
    assert (f.ram_gb, f.ram) == (total, shown)

"""Upgrade headroom: what a build leaves free, and 'not known' with the reason where the catalog lacks a figure."""

from __future__ import annotations

from pathlib import Path

from buildguide import render
from buildguide.headroom import headroom
from buildguide.power import estimate
from buildguide.project import load_project

from .conftest import SEED
from .rules.changes import qty
from .rules.conftest import test_build  # noqa: F401 - a fixture

ROOT = Path(__file__).resolve().parents[1]


def test_the_seed_headroom() -> None:
    rows = load_project(ROOT).guides[SEED].headroom.rows
    assert [(row.label, row.text, row.missing) for row in rows] == [
        ("Free DIMM slots", "0 of 8", None),
        ("RAM to the maximum", "0 GB of 128 GB", None),
        ("Free M.2 slots", "1 of 2", None),
        ("Free PCIe x16 slots", "not known", "MSI X299 SLI PLUS has no 'pcie_x16_slots' in the catalog"),
        ("Power supply spare", "328 W of 1,200 W", None),
    ]


def test_an_x16_slot_under_a_wide_card_is_not_free(test_build) -> None:  # noqa: F811
    # The test board has x16 slots at positions 1 and 4; a 3-slot card in slot 1 covers positions 1 to 3.
    for cards, free in ((1, "1 of 2"), (2, "0 of 2")):
        build = test_build(qty("gpu", cards))
        row = headroom(build, estimate(build)).get("Free PCIe x16 slots")
        assert row is not None and row.text == free


def test_the_headroom_section_shows_the_load_and_what_is_left() -> None:
    guide = load_project(ROOT).guides[SEED]
    section = render._ENV.get_template("headroom.md.j2").render(g=guide)
    assert (
        '<tr class="bg-total"><th scope="row" colspan="3">Estimated load</th><td class="bg-num">872 W</td>' in section
    )
    assert (
        '<tr><th scope="row" colspan="3">From the wall at 92 % efficiency</th><td class="bg-num">948 W</td>'
    ) in section
    assert '<tr><td>Power supply spare</td><td class="bg-num">328 W of 1,200 W</td><td></td></tr>' in section
    assert (
        '<tr><td>Free PCIe x16 slots</td><td class="bg-num">not known</td><td>MSI X299 SLI PLUS has no '
        "&#39;pcie_x16_slots&#39; in the catalog</td></tr>"
    ) in section

"""Upgrade headroom: what a build leaves free, and 'not known' with the reason where the catalog lacks a figure."""

from __future__ import annotations

from pathlib import Path

from buildguide import pages
from buildguide.headroom import headroom
from buildguide.power import estimate
from buildguide.project import load_project
from buildguide.view import view

from .conftest import SEED
from .htmltree import Element, page_tree
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
        rows = headroom(build, estimate(build)).rows
        assert next(row.text for row in rows if row.label == "Free PCIe x16 slots") == free


def rows(table: Element, part: str) -> list[list[str]]:
    return [row.cells for row in table.find(part).find_all("tr")]


def test_the_headroom_section_shows_the_load_and_what_is_left() -> None:
    page = page_tree(pages.guide_source(view(load_project(ROOT).guides[SEED])))
    power = page.find("div", "bg-power").find("table")
    assert power.find("caption").text == "Estimated full load"
    footer = rows(power, "tfoot")
    assert footer[0] == ["Estimated load", "872 W", ""]
    assert footer[1][0].startswith("Power supply rating:") and footer[1][1] == "1,200 W"
    assert footer[2][:2] == ["From the wall at 92 % efficiency", "948 W"]
    free = rows(page.find("div", "bg-headroom").find("table"), "tbody")
    assert ["Power supply spare", "328 W of 1,200 W", ""] in free
    assert ["Free PCIe x16 slots", "not known", "MSI X299 SLI PLUS has no 'pcie_x16_slots' in the catalog"] in free
    # The summary's load figure links to this section.
    assert page.find("h2", id_="headroom").text.startswith("Power and upgrade headroom")
    facts = page.find("dl", "bg-facts")
    load = next(div for div in facts.find_all("div") if div.find("dt").text == "Estimated load")
    assert load.find("a").get("href") == "#headroom" and load.find("dd").text == "872 W of 1,200 W"

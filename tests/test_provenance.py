"""Provenance: which figures a source vouches for, disputed readings checked both ways, and what the page shows."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from buildguide import pages, provenance, rules
from buildguide.errors import DataError
from buildguide.project import load_project
from buildguide.view import view

from .conftest import ROOT, SEED
from .htmltree import page_tree

PROJECT = load_project(ROOT)
LPX = "corsair-vengeance-lpx-128gb-ddr4-3200-c16"


def test_only_a_read_source_that_is_not_a_database_verifies_a_figure() -> None:
    cpu = PROJECT.catalog.parts["intel-core-i9-9920x"]
    assert provenance.figure(cpu, "cores").verified  # ARK, read 2026-11-28
    assert not provenance.figure(cpu, "socket").verified  # not in the row that was read
    gpu = PROJECT.catalog.parts["nvidia-titan-rtx"]
    assert provenance.figure(gpu, "tdp_w").verified  # launch reviews
    assert not provenance.figure(gpu, "length_mm").verified  # only a parts database gives it
    assert "length_mm" in provenance.unverified(gpu) and "tdp_w" not in provenance.unverified(gpu)


def test_a_disputed_figure_is_checked_with_each_reading_and_the_page_shows_both() -> None:
    guide = PROJECT.guides[SEED]
    messages = [f.message for f in guide.report.findings if f.rule == "cooler-ram-clearance"]
    assert messages[0].startswith(
        "If Corsair Vengeance LPX 128GB (8x16GB) DDR4-3200 C16 (CMK128GX4M8B3200C16)'s height_mm is 33.5, as a "
        "parts database gives it: Corsair Vengeance LPX 128GB (8x16GB) DDR4-3200 C16 (CMK128GX4M8B3200C16) modules "
        "are 33.5 mm tall, but Noctua NH-D15 chromax.black leaves 32 mm under its front fan"
    )
    assert "they fit, with 1 mm to spare" in messages[1]  # the catalog's own 31 mm reading
    page = page_tree(pages.guide_source(view(guide)))
    part = next(p for p in page.find_all("div", "bg-part") if "Vengeance LPX" in p.text)
    disputed = part.find("ul", "bg-disputed").text
    assert (
        "Sources disagree on height_mm: this catalog has 31, a parts database (read 2026-11-28) gives 33.5" in disputed
    )


def test_findings_say_which_figures_no_source_has_confirmed() -> None:
    page = page_tree(pages.guide_source(view(PROJECT.guides[SEED])))
    airflow = page.find("li", "bg-finding", data_rule="gpu-airflow")
    assert airflow.find("span", "bg-unverified").text == (
        "Rests on figures no source has confirmed yet: NVIDIA TITAN RTX cooler = open-air."
    )
    specs = next(p for p in page.find_all("p", "bg-specs") if "hothardware" in str(p))
    assert "review (read 2026-11-28: vram_gb, tdp_w, slot_width, power_connectors)" in specs.text
    assert "Unverified: length_mm, cooler." in specs.text


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("    figures: [cores,", "    figures: [cores_count,"),
            "intel-core-i9-9920x.sources.0.figures.0: 'cores_count' is not a figure of this entry",
        ),
        (
            ("    - value: 33.5\n", "    - value: tall\n"),
            f"{LPX}.disputed.height_mm.0.value: not a valid height_mm: must be a number written in digits, not text",
        ),
        (
            ("  disputed:\n    height_mm:\n    - value: 33.5\n", "  disputed:\n    modules:\n    - value: true\n"),
            f"{LPX}.disputed.modules.0.value: not a valid modules: must be a whole number, not true",
        ),
        (
            ("  disputed:\n    height_mm:\n", "  disputed:\n    heigth_mm:\n"),
            f"{LPX}.disputed.heigth_mm: 'heigth_mm' is not a figure of this entry",
        ),
    ],
    ids=["unknown-figure", "bad-reading", "flag-for-a-count", "unknown-disputed-field"],
)
def test_provenance_mistakes_are_located(repo: Path, change: tuple[str, str], expected: str) -> None:
    for path in (repo / "builds" / "parts").glob("*.yaml"):
        text = path.read_text()
        if change[0] in text:
            path.write_text(text.replace(change[0], change[1], 1))
            break
    with pytest.raises(DataError) as caught:
        load_project(repo)
    assert any(expected in str(p) for p in caught.value.problems), [str(p) for p in caught.value.problems]


def test_a_disputed_reading_cites_its_own_value_once_the_catalog_s_was_read() -> None:
    """Catalog parts are shared by every build: a page that read the catalog's figure first must not lend it to
    the copy of the part that carries the other reading."""
    loaded = PROJECT.guides[SEED].loaded
    memory = PROJECT.catalog.parts[LPX]
    assert provenance.figure(memory, "height_mm").value == Decimal("31")
    report = rules.evaluate(loaded)
    cited = {f.value for x in report.findings for f in x.figures if x.rule == "cooler-ram-clearance"}
    assert {Decimal("31"), Decimal("33.5")} <= cited

"""The rules on the real seed build: one changed spec makes it incompatible, and an acknowledgement lets it build."""

from __future__ import annotations

from pathlib import Path

import pytest

from buildguide import pages, rules
from buildguide.cli import main
from buildguide.project import Guide, load_project
from buildguide.view import view

from ..conftest import ROOT, SEED
from ..htmltree import Element, page_tree

SOCKET_ERROR = (
    "[cpu-socket] Intel Core i9-9920X needs socket AM4, but MSI X299 SLI PLUS has socket LGA2066: "
    "the CPU cannot be installed on this board."
)


def move_cpu_to_am4(repo: Path) -> None:
    catalog = repo / "builds" / "parts" / "cpu.yaml"
    text = catalog.read_text()
    start = text.index("intel-core-i9-9920x:")
    at = text.index("socket: LGA2066", start)
    catalog.write_text(text[:at] + "socket: AM4" + text[at + len("socket: LGA2066") :])


def seed_file(repo: Path) -> Path:
    return repo / "builds" / f"{SEED}.yaml"


def guide_page(guide: Guide) -> Element:
    """The build's page as the site's Markdown makes it."""
    return page_tree(pages.guide_source(view(guide)))


def test_a_cpu_socket_changed_to_am4_makes_the_seed_incompatible(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    move_cpu_to_am4(repo)
    line = seed_file(repo).read_text().splitlines().index("      - role: cpu") + 1
    assert main(["check", "--root", str(repo)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"builds/{SEED}.yaml:{line}:9: sections.0.items.0: {SOCKET_ERROR}",
        "1 problem found",
    ]


def test_an_acknowledged_error_builds_and_shows_its_reason(repo: Path) -> None:
    move_cpu_to_am4(repo)
    with seed_file(repo).open("a") as build:
        build.write("acknowledge:\n  - rule: cpu-socket\n    reason: The board is swapped for an **AM4** one later.\n")
    guide = load_project(repo).guides[SEED]
    page = guide_page(guide)
    assert guide.report.verdict == "compatible with warnings"
    # The sentence counts what the verdict weighs: an acknowledged error is no "No problems".
    assert guide.report.summary.startswith("1 acknowledged error and ")
    finding = page.find("li", "bg-finding", data_rule="cpu-socket")
    assert {"bg-error", "bg-acknowledged"} <= finding.classes
    assert finding.find("span", "bg-severity").text == "error, acknowledged"
    assert finding.text.startswith(f"error, acknowledged {SOCKET_ERROR.removeprefix('[cpu-socket] ')} ")
    # The parts it names link to their sections on the same page.
    parts = [(a.get("href"), a.text) for a in finding.find("span", "bg-finding-parts").find_all("a")]
    assert parts == [("#part-1-1", "Intel Core i9-9920X"), ("#part-1-2", "MSI X299 SLI PLUS")]
    for href, name in parts:
        assert page.find(id_=href[1:]).text.startswith(name)
    assert finding.find("code").text == "cpu-socket"
    ack = finding.find("span", "bg-ack")
    assert ack.text == "Acknowledged by the builder: The board is swapped for an AM4 one later."
    assert ack.find("strong").text == "AM4"  # the reason is Markdown


def test_acknowledging_a_rule_that_finds_no_error_is_refused(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    with seed_file(repo).open("a") as build:
        build.write("acknowledge:\n  - rule: cpu-socket\n    reason: Nothing to excuse.\n")
    line = len(seed_file(repo).read_text().splitlines()) - 1
    assert main(["check", "--root", str(repo)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"builds/{SEED}.yaml:{line}:11: acknowledge.0.rule: rule 'cpu-socket' reports no error for this build; "
        "remove the acknowledgement",
        "1 problem found",
    ]


def test_the_seed_page_shows_its_verdict_ram_clearance_and_what_was_not_checked() -> None:
    report = load_project(ROOT).guides[SEED].report
    page = guide_page(load_project(ROOT).guides[SEED])
    verdict = page.find("p", "bg-verdict")
    # The second warning is the disputed module height: 33.5 mm, as a parts database gives sister kits. Among
    # what could not run: the cooler's rating against the CPU's TDP (the catalog has no wattage for the NH-D15).
    assert verdict.text == f"Compatible with warnings: 2 warnings found in {report.run} checks; 7 could not run."
    assert report.run + len(report.skipped) <= len(rules.RULES)  # the rest do not apply (no liquid cooler, say)
    assert verdict.find("strong").text == "Compatible with warnings"
    compat = page.find("div", "bg-compat")
    assert (
        "Corsair Vengeance LPX 128GB (8x16GB) DDR4-3200 C16 (CMK128GX4M8B3200C16) modules are 31 mm tall and "
        "Noctua NH-D15 chromax.black leaves 32 mm under its front fan: they fit, with 1 mm to spare."
    ) in compat.text
    # MSI's page gives no slot positions for the X299 SLI PLUS, so the NVLink spacing is not checked, not passed.
    skipped = compat.find("ul", "bg-skipped").find("li", data_rule="bridge-spacing")
    assert skipped.text == (
        "The bridge's slot spacing matches two x16 slots the cards can use: "
        "MSI X299 SLI PLUS has no 'pcie_x16_slots' in the catalog bridge-spacing"
    )
    assert not compat.find_all("li", "bg-finding", data_rule="bridge-spacing")

"""A contributor's whole path in a copy of the repo: new -> fill in -> check -> the site shows the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from buildguide.cli import main

from .test_site_build import mkdocs_build, page_text

FILLED = {
    "title: FILL IN the guide's title": "title: Quiet office workstation",
    "summary: FILL IN one or two sentences on what this machine is and what makes it interesting.": (
        "summary: A 12-core workstation for builds and data work."
    ),
    "author: FILL IN your name": "author: Ada Contributor",
    "date:          # FILL IN when the build was finished, e.g. 2026-01-31": "date: 2026-01-31",
    "purpose: FILL IN what it is for, e.g. Deep learning": "purpose: Software builds",
    "prices_as_of:  # FILL IN the date the prices refer to": "prices_as_of: 2026-01-15",
    "  FILL IN the story: what you needed, your budget, what you would do differently.": "  It replaced a laptop.",
    "        part:            # FILL IN a catalog id, e.g. intel-core-i9-9920x": "        part: intel-core-i9-9920x",
    "        unit_price:      # FILL IN, e.g. 499.99": "        unit_price: 411.50",
    "        retailer: FILL IN the shop, or the maker for a list price": "        retailer: Corner Computers",
    "          FILL IN why this part.": "          Twelve cores at a fair second-hand price.",
    "          - name: FILL IN another part you considered (or give its catalog id as part)": (
        "          - part: intel-core-i9-9820x"
    ),
    "            why_not: FILL IN why you did not choose it.": "            why_not: Two cores fewer.",
}


def test_new_fill_check_and_publish(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "--root", str(repo), "quiet-office-workstation"]) == 0
    path = repo / "builds" / "quiet-office-workstation.yaml"
    text = path.read_text()
    for placeholder, value in FILLED.items():
        assert placeholder in text, placeholder
        text = text.replace(placeholder, value)
    path.write_text(text)

    capsys.readouterr()
    assert main(["check", "--root", str(repo)]) == 0, capsys.readouterr().err
    result = mkdocs_build(repo)
    assert result.returncode == 0, result.stderr
    page = " ".join(page_text(repo, "quiet-office-workstation").split())
    assert "Quiet office workstation" in page and "Intel Core i9-9920X" in page and "$411.50" in page

    path.write_text(text.replace("unit_price: 411.50", "unit_price: cheap"))
    line = path.read_text().splitlines().index("        unit_price: cheap") + 1
    capsys.readouterr()
    assert main(["check", "--root", str(repo), "--format", "github"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"::error file=builds/quiet-office-workstation.yaml,line={line},col=21,title=sections.0.items.0.unit_price::"
        f"builds/quiet-office-workstation.yaml:{line}:21: sections.0.items.0.unit_price: "
        "input should be a valid decimal"
    ]

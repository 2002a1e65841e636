"""A contributor's whole path in a copy of the repo: new -> fill in -> check -> the site shows the page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from buildguide.cli import main

from .conftest import SEED
from .test_site_build import built_guide, mkdocs_build, page_text

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
    "          - name: FILL IN another part you considered (or give its catalog id as part)": (
        "          - part: intel-core-i9-9820x"
    ),
    "            why_not: FILL IN why you did not choose it.": "            why_not: Two cores fewer.",
}
# What the contributor paid for the part of each core role (the scaffold's example ids are one compatible build).
PRICES = {"cpu": "411.50", "motherboard": "259.99", "cooler": "99.90", "memory": "599.99", "storage": "249.99"}
PRICES |= {"gpu": "2499.00", "case": "109.99", "psu": "269.99"}


def fill_in(scaffold: str) -> str:
    """The scaffold as a contributor leaves it: every FILL IN replaced, each item the part its comment suggests."""
    for placeholder, value in FILLED.items():
        assert placeholder in scaffold, placeholder
        scaffold = scaffold.replace(placeholder, value)
    lines, role = [], ""
    for line in scaffold.splitlines():
        indent, text = line[: len(line) - len(line.lstrip())], line.strip()
        role = found[1] if (found := re.fullmatch(r"- role: (\w+)", text)) else role
        if text.startswith("part: FILL IN"):
            line = indent + "part: " + re.findall(r"e\.g\. ([a-z0-9-]+)", text)[0]
        elif text.startswith("unit_price:") and "FILL IN" in text:
            line = f"{indent}unit_price: {PRICES[role]}"
        elif text.startswith("retailer: FILL IN"):
            line = f"{indent}retailer: Corner Computers"
        elif text == "FILL IN why this part.":
            line = f"{indent}Chosen for this test: it fits the other parts."
        lines.append(line)
    return "\n".join(lines) + "\n"


def test_new_fill_check_and_publish(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "--root", str(repo), "quiet-office-workstation"]) == 0
    path = repo / "builds" / "quiet-office-workstation.yaml"
    text = fill_in(path.read_text())
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
        "must be a number written in digits, not text"
    ]


def test_start_from_a_build_fill_check_and_publish(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "--root", str(repo), "my-titan-workstation", "--from", SEED]) == 0
    path = repo / "builds" / "my-titan-workstation.yaml"
    text = re.sub(r"^title: FILL IN.*$", "title: My own Titan workstation", path.read_text(), flags=re.M)
    path.write_text(re.sub(r"FILL IN[^\n]*", "In the new builder's own words.", text))

    capsys.readouterr()
    assert main(["check", "--root", str(repo)]) == 0, capsys.readouterr().err
    raw, page = built_guide(repo, tmp_path / "built", "my-titan-workstation")
    assert "My own Titan workstation" in page and "In the new builder's own words." in page
    assert "Intel Core i9-9920X" in page and "$1,189.00" in page and "$4,998.00" in page  # the prices, kept
    assert "Rahul Agarwal" not in page and "airflow.png" not in raw  # the original's author and photos, not
    assert "inside.png" not in raw and "parts.png" not in raw and "bg-hero" not in raw

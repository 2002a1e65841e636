"""The catalog status page (/catalog/): every entry with its verified and unverified figures, the totals, and
each build's checks that could not run with the figure they need. Written by the render step, built by both
engines, contributor text escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from buildguide import provenance, status
from buildguide.catalog import CATEGORIES
from buildguide.project import load_project
from buildguide.render import STATUS, render
from buildguide.session import Session
from buildguide.view import newest_first, view

from .browser.sites import ENGINES, real_site
from .conftest import ROOT, SEED
from .htmltree import Element, page_tree, parse

SKIP = {"category", "maker", "model", "sources", "notes", "disputed"}  # an entry's fields that are not figures


def page(root: Path = ROOT) -> Element:
    project = load_project(root)
    views = newest_first({slug: view(guide) for slug, guide in project.guides.items()})
    return page_tree(status.page_source(project.catalog, views))


def catalog_yaml(root: Path = ROOT) -> dict[str, dict[str, Any]]:
    parts: dict[str, dict[str, Any]] = {}
    for file in sorted((root / "builds" / "parts").glob("*.yaml")):
        parts |= yaml.safe_load(file.read_text())
    return parts


def counted(entry: dict[str, Any]) -> tuple[int, int]:
    """(verified, unverified) for one entry, straight from its YAML: a figure is verified when a source with a
    read date, not a parts database, names it under figures."""
    fields = [name for name in entry if name not in SKIP]
    vouched = {f for s in entry["sources"] if s.get("read") and s["kind"] != "database" for f in s.get("figures", [])}
    verified = len([f for f in fields if f in vouched])
    return verified, len(fields) - verified


def test_every_catalog_entry_is_listed_once_under_its_category() -> None:
    tree = page()
    parts = catalog_yaml()
    listed = [row.get("data-part") for row in tree.iter() if row.tag == "tr" and row.get("data-part")]
    assert sorted(listed) == sorted(parts) and len(listed) == len(set(listed)) == len(parts)
    for part_id, entry in parts.items():
        table = next(t for t in tree.find_all("div", "bg-status-entries") if t.find_all("tr", data_part=part_id))
        assert table.get("data-category") == entry["category"]
        row = table.find("tr", data_part=part_id)
        assert row.cells[0] == f"{entry['maker']} {entry['model']} {part_id}"
        assert row.find("a", "bg-status-part").get("href") == f"../parts/{part_id}/"  # the one list of them all


def test_each_entry_shows_its_counts_sources_and_disputed_readings() -> None:
    tree = page()
    cpu = tree.find("tr", data_part="intel-core-i9-9920x")
    assert cpu.cells[1:4] == ["9", "1", "socket"]  # everything but the socket comes from ARK
    assert cpu.cells[4] == "maker's page (read 2026-11-28)"
    link = cpu.find_all("a")[1]  # the first source, after the link to the part page
    assert (link.get("href") or "").startswith("https://ark.intel.com/") and link.get("rel") == "nofollow noopener"
    assert cpu.cells[5] == "—"
    lpx = tree.find("tr", data_part="corsair-vengeance-lpx-128gb-ddr4-3200-c16")
    assert lpx.cells[4] == "maker's page (not re-read)"
    assert lpx.cells[5] == "height_mm: 33.5 (parts database, read 2026-11-28)"
    titan = tree.find("tr", data_part="nvidia-titan-rtx")
    assert "length_mm" in titan.cells[3].split(", ") and "tdp_w" not in titan.cells[3].split(", ")
    for a in tree.find("div", "bg-status-entries", data_category="gpu").find_all("a"):
        assert a.get("rel") == "nofollow noopener" or a.get("class") == "bg-status-part"


def test_the_counts_add_up_to_the_catalog() -> None:
    """Totals per category and overall, computed here from the YAML and checked against provenance too."""
    tree = page()
    project = load_project(ROOT)
    by_category: dict[str, list[int]] = {}
    for part_id, entry in catalog_yaml().items():
        verified, unverified = counted(entry)
        part = project.catalog.parts[part_id]
        assert verified + unverified == len(provenance.spec_fields(part)), part_id
        assert unverified == len(provenance.unverified(part)), part_id
        row = tree.find("tr", data_part=part_id)
        assert row.cells[1:3] == [str(verified), str(unverified)], part_id
        tally = by_category.setdefault(entry["category"], [0, 0, 0])
        tally[0] += 1
        tally[1] += verified
        tally[2] += unverified
    totals = tree.find("div", "bg-status-totals")
    for category, (entries, verified, unverified) in by_category.items():
        cells = totals.find("tr", data_category=category).cells
        assert cells[1:5] == [str(entries), str(verified + unverified), str(verified), str(unverified)], category
    entries, verified, unverified = (sum(t[i] for t in by_category.values()) for i in range(3))
    assert [row.get("data-category") for row in totals.iter() if row.tag == "tr" and row.get("data-category")] == [
        *[c for c in CATEGORIES if c in by_category],
        "all",
    ]
    assert totals.find("tr", data_category="all").cells[1:5] == [
        str(entries),
        str(verified + unverified),
        str(verified),
        str(unverified),
    ]
    summary = tree.find("p", "bg-status-summary").text
    assert summary == (
        f"The catalog holds {entries} entries with {verified + unverified} figures: {verified} verified "
        f"({verified * 100 // (verified + unverified)} %) and {unverified} unverified."
    )


def test_the_seeds_checks_that_could_not_run_name_the_figure_they_need() -> None:
    tree = page()
    row = tree.find("tr", data_build=SEED)
    link = row.find("a")
    assert link.get("href") == f"../builds/{SEED}/#compatibility"
    assert link.text == "Dual Titan RTX deep-learning workstation (2020)"
    needs = row.cells[1]
    assert (
        "MSI X299 SLI PLUS has no 'pcie_x16_slots' in the catalog: bridge-spacing gpu-x16-slots gpu-slot-fit "
        "gpu-case-slots" in needs
    )
    assert "Corsair HX1200 (CP-9020140) has no 'pcie_8pin' in the catalog: psu-pcie-plugs" in needs
    guide = load_project(ROOT).guides[SEED]
    for check in guide.report.skipped:  # every check that could not run, with its figure and its title
        assert check.missing and check.missing in needs and check.rule in needs
        key = tree.find("div", "bg-status-checks").find("tr", data_rule=check.rule)
        assert key.cells[:2] == [check.rule, check.title]
    assert "bridge-spacing" in [c.rule for c in guide.report.skipped]
    used = row.cells[2]
    assert "NVIDIA TITAN RTX: length_mm, cooler" in used
    for figure in guide.report.unverified:
        assert f"{figure.part}: " in used and figure.field in used


def test_only_builds_with_a_gap_get_a_row_and_at_most_one() -> None:
    project = load_project(ROOT)
    views = newest_first({slug: view(guide) for slug, guide in project.guides.items()})
    found = status.status(project.catalog, views)
    gapped = [v.slug for v in views if v.guide.report.skipped or v.guide.report.unverified]
    assert [g.view.slug for g in found.builds] == gapped
    rows = [r.get("data-build") for r in page().iter() if r.tag == "tr" and r.get("data-build")]
    assert rows == gapped
    complete = status.status(project.catalog, [])
    assert complete.builds == () and complete.build_count == 0


def test_hostile_catalog_and_build_text_is_escaped(repo: Path) -> None:
    gpus = repo / "builds" / "parts" / "gpu.yaml"
    hostile = "TITAN RTX <script>alert(1)</script> {{ 7 * 191 }}"
    gpus.write_text(gpus.read_text().replace("model: TITAN RTX\n", f"model: '{hostile}'\n", 1))
    memory = repo / "builds" / "parts" / "memory.yaml"
    reading = re.search(r"url: (https://github\.com/buildcores/\S+)", memory.read_text())
    assert reading
    # Quotes are refused in links now; a single quote is what an attribute breakout can still try.
    memory.write_text(memory.read_text().replace(reading.group(1), "\"https://example.com/'onmouseover='alert(2)\""))
    seed = repo / "builds" / f"{SEED}.yaml"
    title = "title: <b onmouseover=alert(3)>Dual</b> Titan RTX"
    seed.write_text(seed.read_text().replace("title: Dual Titan RTX", title))
    render(repo)
    source = (repo / "docs" / "catalog" / "index.md").read_text()
    assert "<script>" not in source and "'onmouseover='" not in source and "<b onmouseover" not in source
    assert "TITAN RTX &lt;script&gt;alert(1)&lt;/script&gt; {{ 7 * 191 }}" in source
    tree = page_tree(source)
    assert not tree.find_all("script") and not tree.find_all("b")
    disputed = tree.find("tr", data_part="corsair-vengeance-lpx-128gb-ddr4-3200-c16").find_all("a")[-1]
    assert disputed.get("href") == "https://example.com/'onmouseover='alert(2)" and "onmouseover" not in disputed.attrs
    assert tree.find("tr", data_part="nvidia-titan-rtx").cells[0].startswith(f"NVIDIA {hostile}")
    row = tree.find("tr", data_build=SEED)
    assert row.find("a").text.startswith("<b onmouseover=alert(3)>Dual</b>")
    assert f"NVIDIA {hostile}: length_mm" in row.cells[2]


def test_the_page_is_generated_owned_and_never_a_template(repo: Path) -> None:
    site = render(repo)
    path = repo / "docs" / "catalog" / "index.md"
    assert STATUS == "docs/catalog/index.md" and site.files[STATUS] == path.read_bytes()
    source = path.read_text()
    meta = yaml.safe_load(source[4 : source.index("\n---\n", 4)])
    assert meta["render_macros"] is False and "search" not in meta  # searchable, by part name
    manifest = json.loads((repo / ".buildguide" / "manifest.json").read_text())
    assert STATUS in manifest["files"]
    stray = repo / "docs" / "catalog" / "old.md"
    stray.write_text("left over")
    render(repo)
    assert not stray.exists() and path.is_file()


def test_the_preview_rerenders_the_page_when_the_catalog_changes(repo: Path) -> None:
    session = Session(repo)
    path = repo / STATUS
    gpus = repo / "builds" / "parts" / "gpu.yaml"
    gpus.write_text(gpus.read_text().replace("model: TITAN RTX\n", "model: TITAN RTX (edited)\n", 1))
    written = session.update({gpus})
    assert STATUS in written and "NVIDIA TITAN RTX (edited)" in path.read_text()
    assert path.read_bytes() == render(repo).files[STATUS]


def test_the_home_page_links_the_status_page_and_claims_no_more_than_the_data() -> None:
    home = (ROOT / "docs" / "index.md").read_text()
    text = " ".join(home.split())
    assert "[catalog status](catalog/index.md)" in text
    assert "makers' own spec pages" not in text
    assert "A figure counts as verified only when a source that was read gives it" in text
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text())["nav"]
    contributing = next(entry["Contributing"] for entry in nav if "Contributing" in entry)
    assert {"Catalog status": "catalog/index.md"} in contributing


@pytest.mark.parametrize("engine", ENGINES)
def test_both_engines_build_it_searchable_by_part_name(tmp_path_factory: pytest.TempPathFactory, engine: str) -> None:
    """`python -m buildguide.cli build --engine <engine> -d …` on a copy of the project, in strict mode."""
    built = real_site(tmp_path_factory, engine)
    html = (built.site / "catalog" / "index.html").read_text()
    tree = parse(html)
    listed = {row.get("data-part") for row in tree.iter() if row.tag == "tr" and row.get("data-part")}
    assert listed == set(catalog_yaml())
    assert tree.find("tr", data_build=SEED).find("a").get("href") == f"../builds/{SEED}/#compatibility"
    assert re.search(r'href="(\.\./)?catalog/"', (built.site / "index.html").read_text())  # in the nav
    index = built.site / ("search/search_index.json" if engine == "mkdocs" else "search.json")
    docs = json.loads(index.read_text())["docs" if engine == "mkdocs" else "items"]
    sections = {d["location"]: d.get("text", "") for d in docs if d["location"].startswith("catalog/")}
    assert "NVIDIA TITAN RTX" in sections["catalog/#entries-gpu"]
    assert sections["catalog/#builds"] == ""  # the per-build roll-up is left out of search

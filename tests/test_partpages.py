"""Part pages (/parts/<id>/): a page per catalog entry with its figures (units, provenance, disputes), its
sources and notes, the builds that use it with what each paid (a table per currency) and the builds that
considered it instead; guide pages link to them. Written by the render step, built by both engines."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from buildguide import pages, partpages
from buildguide.project import load_project
from buildguide.render import render
from buildguide.session import Session
from buildguide.view import newest_first, view

from .browser.sites import ENGINES, real_site
from .conftest import ROOT, SEED
from .htmltree import Element, page_tree, parse

TITAN = "nvidia-titan-rtx"
CPU = "intel-core-i9-9920x"  # the seed's CPU
RIVAL = "intel-core-i9-9820x"  # an alternative the seed considered for it
HOTHARDWARE = "https://hothardware.com/news/nvidia-titan-rtx-turing-gpu-24gb-gddr6-11-gigarays-ray-tracing"
DATABASE = "https://github.com/buildcores/buildcores-open-db/"


def sources(root: Path = ROOT) -> dict[str, str]:
    """Every part page's source, by part id."""
    project = load_project(root)
    views = newest_first({slug: view(guide) for slug, guide in project.guides.items()})
    found = partpages.part_pages(project.catalog, views)
    return {key.split("/")[1]: source for key, source in found.items()}


def page(part_id: str, root: Path = ROOT) -> Element:
    return page_tree(sources(root)[part_id])


def figure(tree: Element, field: str) -> Element:
    return tree.find("div", "bg-part-figures").find("tr", data_field=field)


def test_every_catalog_entry_gets_a_page_at_its_id() -> None:
    found = sources()
    catalog = set()
    for file in (ROOT / "builds" / "parts").glob("*.yaml"):
        catalog |= set(yaml.safe_load(file.read_text()))
    assert set(found) == catalog
    for part_id, source in found.items():
        assert source.startswith("---\n")
        meta = yaml.safe_load(source[4 : source.index("\n---\n", 4)])
        assert meta["render_macros"] is False
        assert partpages.path(part_id) == f"parts/{part_id}/index.md"


@pytest.mark.parametrize(
    ("field", "unit"),
    [
        ("length_mm", "mm"),
        ("tdp_w", "W"),
        ("tdp_rating_w", "W"),
        ("vram_gb", "GB"),
        ("boost_clock_ghz", "GHz"),
        ("speed_mts", "MT/s"),
        ("airflow_cfm", "CFM"),
        ("voltage_v", "V"),
        ("efficiency_percent", "%"),
        ("max_rpm", "rpm"),
        ("cores", ""),
        ("slot_width", ""),
    ],
)
def test_a_figures_unit_comes_from_its_field_names_suffix(field: str, unit: str) -> None:
    assert partpages.unit(field) == unit


def test_the_titan_rtx_page_shows_its_figures_with_units_and_where_each_comes_from() -> None:
    tree = page(TITAN)
    assert tree.find("h1").text.startswith("NVIDIA TITAN RTX")
    tdp = figure(tree, "tdp_w")
    assert tdp.cells[:2] == ["TDP tdp_w", "280 W"]
    assert tdp.find("span", "bg-verified").text == "Verified"
    hothardware = tdp.find("a", href=HOTHARDWARE)
    assert hothardware.text == "review"
    assert "review (hothardware.com, read 2026-11-28)" in tdp.cells[2]
    assert figure(tree, "vram_gb").cells[1] == "24 GB"
    assert figure(tree, "power_connectors").cells[1] == "2 × 8-pin"
    assert figure(tree, "nvlink").cells[1] == "yes"
    length = figure(tree, "length_mm")
    assert length.cells[1] == "267 mm"
    assert length.find("span", "bg-unverified").text == "Unverified"
    assert not length.find_all("span", "bg-verified")
    assert "given by parts database (github.com, read 2026-11-28)" in length.cells[2]  # a lead, shown as one
    assert figure(tree, "cooler").cells[2] == "Unverified"  # no source names it at all
    listed = tree.find("ol", "bg-part-sources").find_all("li")
    assert len(listed) == 5 and "maker's page (nvidia.com, not re-read)" in listed[0].text
    assert "read 2026-11-28): vram_gb, tdp_w, slot_width, power_connectors" in listed[1].text
    assert "Founders Edition design" in tree.find("div", "bg-notes").text


def test_a_disputed_figure_shows_every_reading() -> None:
    lpx = "corsair-vengeance-lpx-128gb-ddr4-3200-c16"
    height = figure(page(lpx), "height_mm")
    assert height.cells[1] == "31 mm"
    assert "Disputed: a parts database (" in height.cells[2] and ") gives 33.5 mm" in height.cells[2]


def test_the_seed_build_is_listed_with_the_price_it_paid_and_the_dates() -> None:
    tree = page(TITAN)
    table = tree.find("div", "bg-part-uses", data_currency="USD")
    assert "data-search-exclude" in table.attrs  # grows with the builds: out of the search index
    assert table.find("caption").text == "Prices in USD: 1 build, $2,499.00 a unit"
    (row,) = table.find("tbody").find_all("tr")
    assert row.cells == [
        "Dual Titan RTX deep-learning workstation (2020)",
        "2020-08-09",  # built
        "2",
        "$2,499.00",
        "2018-12-03, list price",  # the price's own date and basis
    ]
    assert row.find("a").get("href") == f"../../builds/{SEED}/#part-1-5"


def test_builds_in_two_currencies_get_a_table_each(repo: Path) -> None:
    seed = (repo / "builds" / f"{SEED}.yaml").read_text()
    assert "\ncurrency: USD\n" in seed
    euro = seed.replace("\ncurrency: USD\n", "\ncurrency: EUR\n").replace("\ntitle: Dual", "\ntitle: Euro dual", 1)
    (repo / "builds" / "euro-titan.yaml").write_text(euro)
    tree = page(TITAN, repo)
    groups = tree.find_all("div", "bg-part-uses")
    assert [g.get("data-currency") for g in groups] == ["EUR", "USD"]  # as many builds each: by code
    eur = groups[0].find("tbody").find_all("tr")
    assert [r.cells[0] for r in eur] == ["Euro dual Titan RTX deep-learning workstation (2020)"]
    assert eur[0].cells[3] == "€2,499.00"
    assert groups[0].find("caption").text == "Prices in EUR: 1 build, €2,499.00 a unit"
    assert groups[1].find("tbody").find("tr").cells[3] == "$2,499.00"
    assert "Used in 2 builds" in tree.find("div", "bg-part-intro").text


def test_a_part_considered_instead_lists_the_build_the_part_it_chose_and_why_not() -> None:
    tree = page(RIVAL)
    assert "No build uses this part yet." in tree.text
    considered = tree.find("div", "bg-part-considered")
    assert "data-search-exclude" in considered.attrs
    (row,) = considered.find("tbody").find_all("tr")
    assert row.cells == [
        "Dual Titan RTX deep-learning workstation (2020)",
        "Intel Core i9-9920X",
        "Ten cores; the 9920X's two extra cores were affordable.",
    ]
    build, chosen = row.find_all("a")
    assert build.get("href") == f"../../builds/{SEED}/#part-1-1"
    assert chosen.get("href") == f"../{CPU}/"
    assert "considered instead in 1" in tree.find("div", "bg-part-intro").text


def test_the_guide_page_links_each_catalog_part_its_pricing_row_and_its_alternatives_to_part_pages() -> None:
    project = load_project(ROOT)
    guide = page_tree(pages.guide_source(view(project.guides[SEED])))
    heading = guide.find("h3", id="part-1-5")
    assert [a.get("class") for a in heading.find_all("a")] == ["headerlink"]  # the heading stays the part's name
    gpu = guide.find("div", "bg-part", data_role="gpu")
    link = gpu.find("a", "bg-partpage-link")
    assert link.get("href") == f"../../parts/{TITAN}/" and link.text == "Part page"
    rows = guide.find("div", "bg-pricing").find("tbody").find_all("tr")
    linked = [a.get("href") for row in rows for a in row.find_all("a", "bg-partpage-link")]
    parts = [item.part for item in project.guides[SEED].loaded.items if item.part]
    assert linked == [f"../../parts/{part.id}/" for part in parts]
    cpu = guide.find("div", "bg-part", data_role="cpu").find("div", "bg-alternatives")
    assert [(a.text, a.get("href")) for a in cpu.find_all("a")] == [
        ("Intel Core i9-9820X", f"../../parts/{RIVAL}/"),
        ("Intel Core i9-9980XE Extreme Edition", "../../parts/intel-core-i9-9980xe/"),
        ("AMD Ryzen Threadripper 2950X", "../../parts/amd-ryzen-threadripper-2950x/"),
    ]


def test_hostile_text_in_a_catalog_entry_is_escaped(repo: Path) -> None:
    cpus = repo / "builds" / "parts" / "cpu.yaml"
    text = cpus.read_text()
    model = '"<script>alert(1)</script> <img src=x onerror=alert(2)> {: onclick=alert(3) } **bold** {{ 7*7 }}"'
    assert "  model: Core i9-9920X\n" in text
    text = text.replace("  model: Core i9-9920X\n", f"  model: {model}\n", 1)
    notes = "  notes: '<script>alert(4)</script> <b onclick=alert(6)>b</b>'\n"
    text = re.sub(r"  notes: 'boost is Turbo.*\n", notes, text, count=1)
    assert notes in text
    cpus.write_text(text)
    source = sources(repo)[CPU]
    tree = page_tree(source)
    name = "Intel <script>alert(1)</script> <img src=x onerror=alert(2)> {: onclick=alert(3) } **bold** {{ 7*7 }}"
    assert tree.find("h1").text.startswith(name)
    html = str(source)
    assert "<script>" not in html and "<img" not in html and "<b onclick" not in html
    assert not [e for e in tree.iter() if any(a.startswith("on") for a in e.attrs)]
    assert not [a for a in tree.find_all("a") if (a.get("href") or "").startswith("javascript:")]
    assert "<script>alert(4)</script>" in tree.find("div", "bg-notes").text  # shown as text


def test_the_preview_updates_the_part_pages_a_catalog_save_changes(repo: Path) -> None:
    session = Session(repo)
    gpus = repo / "builds" / "parts" / "gpu.yaml"
    gpus.write_text(gpus.read_text().replace("  tdp_w: 280\n", "  tdp_w: 281\n", 1))
    written = session.update({gpus})
    assert f"docs/parts/{TITAN}/index.md" in written
    assert "281 W" in (repo / "docs" / "parts" / TITAN / "index.md").read_text()
    assert [p for p in written if p.startswith("docs/parts/")] == [f"docs/parts/{TITAN}/index.md"]
    entry = "\nspare-card:\n  category: gpu\n  maker: Spare\n  model: Card\n  sources:\n"
    entry += "  - url: https://example.com/spare\n    kind: maker\n"
    before = gpus.read_text()
    gpus.write_text(before + entry)
    assert "docs/parts/spare-card/index.md" in session.update({gpus})  # a new entry gets its page
    gpus.write_text(before)
    session.update({gpus})
    assert not (repo / "docs" / "parts" / "spare-card").exists()  # and a deleted one loses it


def test_a_render_writes_the_part_pages_and_prunes_the_deleted(repo: Path) -> None:
    render(repo)
    assert (repo / "docs" / "parts" / TITAN / "index.md").is_file()
    stray = repo / "docs" / "parts" / "gone-part" / "index.md"
    stray.parent.mkdir(parents=True)
    stray.write_text("left over")
    render(repo)
    assert not stray.parent.exists()


def _links(site: Path, page: Path) -> list[str]:
    hrefs = [a.get("href") or "" for a in parse(page.read_text()).find_all("a")]
    return [h for h in hrefs if h and not h.startswith(("#", "http:", "https:", "mailto:"))]


@pytest.mark.parametrize("engine", ENGINES)
def test_part_pages_are_built_and_their_links_resolve(tmp_path_factory: pytest.TempPathFactory, engine: str) -> None:
    site = real_site(tmp_path_factory, engine).site
    titan = site / "parts" / TITAN / "index.html"
    assert titan.is_file()
    tree = parse(titan.read_text())
    assert tree.find("h1").text.startswith("NVIDIA TITAN RTX")
    assert "$2,499.00" in tree.find("div", "bg-part-uses").text
    checked = set()
    pages_ = [titan, site / "parts" / RIVAL / "index.html", site / "builds" / SEED / "index.html"]
    for page_ in pages_:
        for href in _links(site, page_):
            target = page_.parent / unquote(urlsplit(href).path)
            if target.is_dir():
                target /= "index.html"
            assert target.resolve().is_file(), f"{page_.relative_to(site)}: {href}"
            checked.add(href)
    assert f"../../parts/{TITAN}/" in checked and f"../../builds/{SEED}/" in {h.split("#")[0] for h in checked}
    assert f"../{CPU}/" in checked  # from the rival's page to the part the seed chose
    index = site / ("search/search_index.json" if engine == "mkdocs" else "search.json")
    entries = json.loads(index.read_text())
    found = {e["location"]: e for e in entries.get("docs") or entries["items"]}
    assert found[f"parts/{CPU}/"]["title"] == "Intel Core i9-9920X"  # the name: a model number search finds it
    sections = {key for key in found if key.startswith(f"parts/{TITAN}/")}
    assert sections == {f"parts/{TITAN}/", f"parts/{TITAN}/#sources"}  # the tables stay out (the notes are in)
    nav = parse((site / "index.html").read_text()).find_all("nav")
    assert not [a for n in nav for a in n.find_all("a") if "parts/" in (a.get("href") or "")]  # out of the nav

"""MkDocs and Zensical build the same site from the same sources: `buildguide build --engine …` on a copy of the
project, both in strict mode. No browser."""

from __future__ import annotations

import html
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from buildguide.compact import compact

from .browser.sites import ENGINES, Built, build, copy_project, real_site
from .conftest import ROOT, SEED


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    return {engine: real_site(tmp_path_factory, engine) for engine in ENGINES}


def files(site: Path, folder: str = "", name: str = "*") -> set[str]:
    return {p.relative_to(site).as_posix() for p in (site / folder).rglob(name) if p.is_file()}


def article_text(page: Path) -> str:
    """The page content as a reader sees it, without the headings' permalink signs, which the two themes place
    differently, and Zensical's hidden tag list (it renders one even without a tags plugin)."""
    source = page.read_text(encoding="utf-8")
    found = re.search(r"<article\b[^>]*>(.*)</article>", source, re.DOTALL)
    assert found, page
    content = re.sub(r'<nav class="md-tags" hidden>.*?</nav>', "", found.group(1), flags=re.DOTALL)
    content = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", content, flags=re.DOTALL)
    text = html.unescape(re.sub(r"<[^>]+>", " ", content))
    return " ".join(text.split())


def test_both_builds_pass_in_strict_mode(sites: dict[str, Built]) -> None:
    assert yaml.safe_load((ROOT / "mkdocs.yml").read_text())["strict"] is True
    for engine, built in sites.items():
        assert built.result.returncode == 0, engine
        output = built.result.stdout + built.result.stderr
        # MkDocs logs "WARNING -  …" and "ERROR -  …"; Zensical prints "Warning: …" and "Error: …".
        assert not re.search(r"^(WARNING|ERROR)\b|(warning|error):", output, re.IGNORECASE | re.MULTILINE), output


@pytest.mark.parametrize("engine", ENGINES)
def test_strict_mode_is_in_force(tmp_path: Path, engine: str) -> None:
    """A warning (here a broken link on a hand-written page) fails the build with either engine."""
    root = copy_project(tmp_path / "repo")
    page = root / "docs" / "contributing.md"
    page.write_text(page.read_text() + "\nSee [the missing page](missing.md).\n")
    result = build(root, engine, tmp_path / "site")
    assert result.returncode != 0
    assert "missing.md" in result.stdout + result.stderr or "contributing.md" in result.stdout + result.stderr


@pytest.mark.parametrize("engine", ENGINES)
def test_a_failed_build_leaves_the_last_site_alone(tmp_path: Path, engine: str) -> None:
    root = copy_project(tmp_path / "repo")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site")
    seed = root / "builds" / f"{SEED}.yaml"
    seed.write_text(seed.read_text().replace("unit_price: 1189.00", "unit_price: -1189.00"))
    result = build(root, engine, site)
    assert result.returncode != 0
    assert "sections.0.items.0.unit_price: input should be greater than or equal to 0" in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text() == "the last good site"
    assert not list(tmp_path.glob(".site-*"))  # no scratch folder left behind


def test_every_page_links_the_feed(sites: dict[str, Built]) -> None:
    for engine, built in sites.items():
        for page in built.site.rglob("index.html"):
            depth = len(page.relative_to(built.site).parts) - 1
            html_text = page.read_text()
            expected = {"../" * depth + "feed.xml", "./" * (depth == 0) + "feed.xml"}
            found = re.search(
                r'<link rel="alternate" type="application/atom\+xml" title="New builds" href="([^"]+)"', html_text
            )
            assert found and found.group(1) in expected, (engine, page)
        assert (built.site / "feed.xml").is_file()


def test_each_tag_link_on_a_build_page_lands_on_a_tags_page_section_that_lists_the_build(
    sites: dict[str, Built],
) -> None:
    for engine, built in sites.items():
        tags_page = (built.site / "tags" / "index.html").read_text()
        sections = dict(re.findall(r'<h2 id="(tag:[^"]+)">(.*?)(?=<h2 |</article>)', tags_page, re.DOTALL))
        linked = set()
        for slug in sorted(p.stem for p in (built.site / "downloads").glob("*.json")):
            page = built.site / "builds" / slug / "index.html"
            anchors = re.findall(r'<a href="\.\./\.\./tags/#(tag:[^"]+)" class="md-tag">', page.read_text())
            assert anchors, (engine, slug)  # every bundled build has tags
            for anchor in anchors:
                assert f'<a href="../builds/{slug}/">' in sections[anchor], (engine, slug, anchor)
            linked |= set(anchors)
        assert linked == set(sections), engine  # and every section has a build that links to it


def test_search_finds_a_build_by_its_tags_from_the_tags_field_not_from_the_tag_row(sites: dict[str, Built]) -> None:
    tags = ["deep learning", "multi-gpu", "workstation", "air cooled"]
    indexes = {
        "mkdocs": json.loads((sites["mkdocs"].site / "search" / "search_index.json").read_text())["docs"],
        "zensical": json.loads((sites["zensical"].site / "search.json").read_text())["items"],
    }
    for engine, entries in indexes.items():
        (page,) = [e for e in entries if e["location"] == f"builds/{SEED}/"]
        assert page["tags"] == tags, engine  # ranked by the theme's search
        assert "compatible with warnings" in page["text"], engine
        assert "multi-gpu" not in page["text"], engine  # the row of links would open every result's preview
        # The facts list reads as label then value in a result's preview, not run together ("PurposeDeep …").
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page["text"])).split())
        assert "Purpose Deep learning and data science Built 2020-08-09" in text, engine


def test_same_pages_downloads_and_images(sites: dict[str, Built]) -> None:
    mkdocs, zensical = sites["mkdocs"].site, sites["zensical"].site
    pages = files(mkdocs, name="index.html")
    assert f"builds/{SEED}/index.html" in pages and len(pages) >= 10
    assert files(zensical, name="index.html") == pages
    downloads = files(mkdocs, "downloads")
    slugs = {p.stem for p in (ROOT / "builds").glob("*.yaml")}
    builds = {f"downloads/{s}.{ext}" for s in slugs for ext in ("json", "csv", "forum.txt")}
    assert downloads == builds | {"downloads/site/pages.json"}  # the list the 404 page suggests from
    assert files(zensical, "downloads") == downloads
    images = files(mkdocs, "assets/builds")
    assert images and files(zensical, "assets/builds") == images
    for path in downloads | images:  # written by the render step, copied as they are by both engines
        assert (zensical / path).read_bytes() == (mkdocs / path).read_bytes(), path


def test_every_page_says_the_same_under_both_engines(sites: dict[str, Built]) -> None:
    mkdocs, zensical = sites["mkdocs"].site, sites["zensical"].site
    for page in sorted(files(mkdocs, name="index.html")):
        assert article_text(zensical / page) == article_text(mkdocs / page), page


def _usd(amount: Decimal) -> str:
    return f"${amount:,.2f}"


def test_both_engines_publish_pages_without_the_themes_indentation(sites: dict[str, Built]) -> None:
    """MkDocs' hook and `buildguide build --engine zensical` both take it out; `test_compact` shows that leaves
    what a browser shows alone."""
    for engine, built in sites.items():
        pages = sorted(built.site.rglob("*.html"))
        assert len(pages) >= 10
        for page in pages:
            text = page.read_text(encoding="utf-8")
            assert compact(text) == text, (engine, page)
            assert not re.search(r"\n[ \t]+<(li|ul|nav|div)\b", text), (engine, page)  # no indented nav is left


def test_zensical_seed_page_shows_every_part_price_and_the_totals(sites: dict[str, Built]) -> None:
    text = article_text(sites["zensical"].site / "builds" / SEED / "index.html")
    build_file = yaml.safe_load((ROOT / "builds" / f"{SEED}.yaml").read_text())
    catalog: dict[str, dict] = {}
    for file in (ROOT / "builds" / "parts").glob("*.yaml"):
        catalog.update(yaml.safe_load(file.read_text()))
    totals = {False: Decimal(0), True: Decimal(0)}
    for section in build_file["sections"]:
        for item in section["items"]:
            part = catalog[item["part"]] if "part" in item else None
            name = f"{part['maker']} {part['model']}" if part else item["name"]
            assert name in text, name
            unit = Decimal(str(item["unit_price"]))
            line = unit * item.get("quantity", 1)
            assert _usd(unit) in text and _usd(line) in text, name
            totals[section.get("optional", False)] += line
    assert _usd(totals[False]) == "$7,981.34"
    assert f"Build total {_usd(totals[False])}" in text
    assert f"Total with optional sections {_usd(totals[False] + totals[True])}" in text


def test_zensical_search_index_stays_small(sites: dict[str, Built]) -> None:
    """Zensical's search.json holds every page's text once: about the size of MkDocs' index, not a multiple."""
    zensical = sites["zensical"].site / "search.json"
    mkdocs = sites["mkdocs"].site / "search" / "search_index.json"
    index = json.loads(zensical.read_text())
    locations = [item["location"] for item in index["items"]]
    assert len(locations) == len(set(locations))  # no section indexed twice
    pages = len(files(sites["zensical"].site, name="index.html"))
    assert zensical.stat().st_size <= 1.25 * mkdocs.stat().st_size
    assert zensical.stat().st_size <= 40_000 * pages


@pytest.mark.parametrize("folder", [".", "docs", "builds/images", "macros"])
def test_a_site_folder_that_would_destroy_the_project_is_refused(tmp_path: Path, folder: str) -> None:
    root = copy_project(tmp_path / "repo")
    before = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if "docs/" not in p.as_posix())
    result = build(root, "mkdocs", root / folder)
    assert result.returncode == 2
    assert result.stderr.startswith(f"buildguide build: not building into {(root / folder).resolve()}: ")
    assert (root / "docs" / "index.md").is_file() and (root / "builds" / "parts").is_dir()
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if "docs/" not in p.as_posix()) == before


def test_a_zensical_build_elsewhere_leaves_the_site_folder_alone(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "repo")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("the MkDocs site CI uploads")
    assert build(root, "zensical", tmp_path / "elsewhere").returncode == 0
    assert (root / "site" / "index.html").read_text() == "the MkDocs site CI uploads"
    assert (tmp_path / "elsewhere" / "builds" / SEED / "index.html").is_file()
    assert not list(root.glob(".site-kept-*"))

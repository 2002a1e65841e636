"""A missing address gets the site's 404 page (the test server serves it as GitHub Pages does, for every missing
path): it says so, links the builds, the catalog and the home page from any depth, and suggests the closest builds
and parts; a renamed build's or part's old address lands on its new page, #anchor kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from ..conftest import SEED
from ..test_redirects import rename_build, rename_part
from .conftest import Tab, local_page, serve
from .sites import built_site

TITLE = "Dual Titan RTX deep-learning workstation (2020)"
MISSING = "Failed to load resource: the server responded with a status of 404 (Not Found)"
OVERFLOW = "Math.max(...[document.documentElement, document.body].map(e => e.scrollWidth - e.clientWidth))"


def missing(tab: Tab) -> list[str]:
    """Every address that answered 404, as the page is used."""
    found: list[str] = []
    tab.page.on("response", lambda response: response.status == 404 and found.append(response.url))
    return found


def clean(tab: Tab, missing: list[str], address: str) -> None:
    """Nothing went wrong but the missing page itself (which Chromium logs as a console error)."""
    assert missing == [tab.base + address]
    assert [e for e in tab.errors if e != MISSING] == [] and tab.foreign == []


@pytest.mark.parametrize("width", [1280, 390])
def test_a_mistyped_build_address_suggests_the_build(tab: Tab, width: int) -> None:
    tab.page.set_viewport_size({"width": width, "height": 900})
    gone = missing(tab)
    response = tab.page.goto(tab.base + "/builds/dual-titan-rtx-deep-learnin/", wait_until="load")
    assert response is not None and response.status == 404
    page = tab.page
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    suggestions = page.locator(".bg-notfound-suggestions li a")
    expect(suggestions.first).to_have_text(TITLE)
    assert suggestions.first.get_attribute("href") == f"{tab.base}/builds/{SEED}/"
    assert page.evaluate(OVERFLOW) == 0
    tab.shot(f"404-{width}")
    suggestions.first.click()
    page.wait_for_url(f"{tab.base}/builds/{SEED}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    clean(tab, gone, "/builds/dual-titan-rtx-deep-learnin/")


def test_the_404_links_work_from_any_depth(tab: Tab) -> None:
    gone = missing(tab)
    page = tab.open("/no/such/deep/address/")
    for name, path in (("all builds", "/builds/"), ("parts catalog", "/catalog/"), ("home page", "/")):
        link = page.locator("article").get_by_role("link", name=name, exact=True)
        href = link.evaluate("a => a.href")
        assert href == tab.base + path, name
        assert page.request.get(href).status == 200, name
    expect(page.locator(".bg-notfound-suggestions")).to_be_hidden()  # nothing close to "no-such-deep-address"
    clean(tab, gone, "/no/such/deep/address/")


def test_a_mistyped_part_address_suggests_the_part(tab: Tab) -> None:
    gone = missing(tab)
    page = tab.open("/parts/intel-core-i9-9920/")
    first = page.locator(".bg-notfound-suggestions li").first
    expect(first).to_have_text("Intel Core i9-9920X (part)")
    clean(tab, gone, "/parts/intel-core-i9-9920/")


@pytest.mark.parametrize(
    ("address", "first"),
    [
        (
            "/builds/titan/",
            {TITLE + " (build)", "NVIDIA TITAN RTX (part)", "NVIDIA TITAN RTX NVLink Bridge (3-slot) (part)"},
        ),
        (
            "/builds/rtx-4090/",
            {
                "RTX 4090 in a 10.4-litre Fractal Terra (2023) (build)",
                "NVIDIA GeForce RTX 4090 Founders Edition (part)",
            },
        ),
    ],
    ids=["one-word", "a-model"],
)
def test_an_address_cut_down_to_a_word_suggests_what_holds_it_first(tab: Tab, address: str, first: set[str]) -> None:
    """Letter pairs alone found nothing for these: too short beside any whole name."""
    gone = missing(tab)
    page = tab.open(address)
    suggestions = page.locator(".bg-notfound-suggestions li")
    expect(suggestions.first).to_be_visible()
    assert set(suggestions.all_inner_texts()[: len(first)]) == first
    clean(tab, gone, address)


def _renamed(root: Path) -> None:
    rename_build(root, SEED, "dual-titan-rtx-2020")
    rename_part(root, "intel-core-i9-9920x", "intel-i9-9920x")


@pytest.fixture(scope="module")
def renamed(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(built_site(tmp_path_factory, "renamed", engine, _renamed).site) as base:
        yield base


def test_an_old_address_lands_on_the_renamed_page(browser: Browser, renamed: str) -> None:
    with local_page(browser, renamed) as (page, foreign):
        page.goto(f"{renamed}/builds/{SEED}/#compatibility")
        page.wait_for_url(f"{renamed}/builds/dual-titan-rtx-2020/#compatibility")
        expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
        page.goto(f"{renamed}/parts/intel-core-i9-9920x/")
        page.wait_for_url(f"{renamed}/parts/intel-i9-9920x/")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Core i9-9920X")
        assert foreign == []

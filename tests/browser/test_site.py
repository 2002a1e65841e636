"""The built site in a real browser: it loads cleanly, stays local, and its interactive parts work."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ..conftest import SEED
from .conftest import Tab, Theme


def _pages(site: Path) -> list[str]:
    folders = (p.relative_to(site).parent.as_posix() for p in site.rglob("index.html"))
    return sorted("/" if folder == "." else f"/{folder}/" for folder in folders)


def _builds(site: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted((site / "downloads").glob("*.json"))]


def test_every_page_loads_without_errors_or_foreign_requests(tab: Tab, site: Path) -> None:
    pages = _pages(site)
    assert {"/", "/builds/", "/compare/", "/tags/", f"/builds/{SEED}/"} <= set(pages)
    for path in pages:
        tab.open(path)
        tab.page.wait_for_load_state("networkidle")
        assert tab.errors == [], path
        assert tab.foreign == [], path
    tab.open("/")
    tab.shot("home")


def test_searching_titan_lists_the_seed_build(tab: Tab, theme: Theme) -> None:
    page = tab.open("/")
    results = theme.search(page, "Titan")
    hit = results.and_(page.locator(f"[href*='builds/{SEED}/']")).first
    expect(hit).to_be_visible()
    expect(hit).to_contain_text("Dual Titan RTX")
    tab.shot("search")
    hit.click()
    page.wait_for_url(f"**/builds/{SEED}/**")
    expect(page.locator("h1")).to_contain_text("Dual Titan RTX")
    assert tab.errors == [] and tab.foreign == []


def test_guide_downloads_are_served(tab: Tab, site: Path) -> None:
    """The three download links on a guide page resolve on the built site, whatever the engine did to links."""
    page = tab.open(f"/builds/{SEED}/")
    links = page.locator(".bg-downloads a[download]")
    expect(links).to_have_count(3)
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    assert [h.rsplit("/", 1)[1] for h in hrefs] == [f"{SEED}.json", f"{SEED}.csv", f"{SEED}.forum.txt"]
    bodies = [page.request.get(href) for href in hrefs]
    assert [b.status for b in bodies] == [200, 200, 200]
    data, csv_text, forum = (b.text() for b in bodies)
    assert json.loads(data)["slug"] == SEED
    assert csv_text.startswith("section,role,part_id,item,")
    assert "$7,981.34" in forum
    assert (site / "downloads" / f"{SEED}.forum.txt").read_text() == forum


def _totals(tab: Tab) -> list[tuple[str, Decimal]]:
    cells = tab.page.locator(".bg-sortable table tbody tr td:nth-child(4)")
    keys = cells.evaluate_all("cells => cells.map(c => c.dataset.sort)")
    return [(currency, Decimal(amount)) for currency, amount in (key.split(" ") for key in keys)]


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_index_sorts_by_total_both_ways(tab: Tab, site: Path, width: int) -> None:
    """By mouse on a desktop; on a phone by keyboard too, the headings shown above the cards (once hidden there)."""
    expected = sorted((b["currency"], Decimal(b["totals"]["core"])) for b in _builds(site))
    assert len(expected) >= 2
    tab.page.set_viewport_size({"width": width, "height": 844})
    page = tab.open("/builds/")
    header = page.locator(".bg-sortable table th", has_text="Total")
    if width == 390:
        header.focus()
        expect(header).to_be_in_viewport(ratio=1)
    orders = []
    for _ in range(2):
        if width == 390:
            page.keyboard.press("Enter")
        else:
            header.click()
        orders.append(_totals(tab))
    first, second = orders
    assert {tuple(first), tuple(second)} == {tuple(expected), tuple(reversed(expected))}
    assert header.get_attribute("aria-sort") in ("ascending", "descending")
    tab.shot("index-sorted")


def test_compare_shows_two_builds_side_by_side(tab: Tab, site: Path) -> None:
    a, b = _builds(site)[:2]
    page = tab.open("/compare/")
    page.select_option("#bg-compare-a", a["slug"])
    page.select_option("#bg-compare-b", b["slug"])
    page.get_by_role("button", name="Compare").click()
    table = page.locator("#bg-compare-result table")
    expect(table.locator("thead th")).to_have_text([a["title"], b["title"]])
    total = table.locator("tr", has=page.locator("th", has_text="Total"))
    expect(total.locator("td")).to_have_text(
        [f"{a['totals']['core_display']} {a['currency']}", f"{b['totals']['core_display']} {b['currency']}"]
    )
    expect(total).to_have_class("bg-diff")
    gpu = table.locator("tr[data-role='gpu'] td").first
    expect(gpu).to_contain_text(a["facts"]["gpus"].split(" × ")[-1])
    assert page.url.endswith(f"?a={a['slug']}&b={b['slug']}")
    tab.shot("compare")
    tab.open(f"/compare/?a={a['slug']}&b={a['slug']}")  # a build against itself: nothing differs
    expect(table.locator("thead th")).to_have_text([a["title"], a["title"]])
    expect(table.locator("tr.bg-diff")).to_have_count(0)


def test_guide_page_has_slot_diagram_and_cost_picture_with_text(tab: Tab, site: Path) -> None:
    page = tab.open(f"/builds/{SEED}/")
    diagram = page.locator("svg.bg-slot-diagram")
    expect(diagram).to_be_visible()
    assert diagram.get_attribute("role") == "img"
    expect(page.locator("#bg-slots-caption")).to_have_text("Slots used on the MSI X299 SLI PLUS")
    expect(page.locator("#bg-slots-text li")).to_have_text(
        [
            "Memory: 8 of 8 DIMM slots used.",
            "Graphics cards: NVIDIA TITAN RTX, 2 slots wide, slot not known; NVIDIA TITAN RTX, 2 slots wide, "
            "slot not known. (MSI X299 SLI PLUS has no x16 slot positions in the catalog.)",
            "M.2: 1 of 2 sockets used.",
        ]
    )
    bar = page.locator("svg.bg-costbar")
    expect(bar).to_be_visible()
    rows = page.locator("table.bg-costshare-table tbody tr")
    expect(bar.locator("rect")).to_have_count(rows.count())
    expect(rows.first).to_have_text("GPU$4,998.0062.6 %")
    expect(page.locator("#bg-costshare-caption")).to_contain_text("GPU 62.6 %")
    tab.shot("guide")


# How far the widest content reaches past the page's width. Both the root and the body: Zensical keeps a
# scrollbar gutter, so its <html> is 15 px wider than its content box and the body is the tighter measure.
OVERFLOW = "Math.max(...[document.documentElement, document.body].map(e => e.scrollWidth - e.clientWidth))"


def test_no_page_scrolls_sideways_on_a_phone(tab: Tab, site: Path) -> None:
    tab.page.set_viewport_size({"width": 390, "height": 844})
    for path in _pages(site):
        page = tab.open(path)
        if path == "/compare/":
            page.locator("#bg-compare-result table").wait_for()  # drawn after the two builds are fetched
        overflow = page.evaluate(OVERFLOW)
        assert overflow == 0, path
        if path in ("/", f"/builds/{SEED}/"):
            tab.shot("phone" + path.replace("/", "-").rstrip("-"))


def _inside(box: dict | None, width: int) -> bool:
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width


def test_on_a_phone_every_price_column_and_total_is_on_screen(tab: Tab) -> None:
    """At 390 px the table's own scroll box once hid Qty, Line total and the totals: now every cell is in view."""
    tab.page.set_viewport_size({"width": 390, "height": 844})
    page = tab.open(f"/builds/{SEED}/")
    cells = page.locator(".bg-pricing td")
    assert cells.count() > 20
    for n in range(cells.count()):
        assert _inside(cells.nth(n).bounding_box(), 390), cells.nth(n).inner_text()
    total = page.locator(".bg-pricing tr.bg-total")
    total.scroll_into_view_if_needed()
    assert _inside(total.locator("td").bounding_box(), 390)
    expect(total.locator("td")).to_have_text("$7,981.34")
    row = page.locator(".bg-pricing tbody tr:not(.bg-section-row):not(.bg-subtotal)").first
    expect(row.locator("td[data-label='Line total']")).to_be_visible()
    page = tab.open("/builds/")
    for n in range(page.locator(".bg-builds td").count()):
        assert _inside(page.locator(".bg-builds td").nth(n).bounding_box(), 390)
    tab.shot("phone-pricing")


# Every table cell and caption on the page that lies outside the viewport, sideways (a header row that only
# screen readers get, clipped to a pixel, aside).
OFF_SCREEN = """() => Array.from(document.querySelectorAll('.md-content table :is(td, th, caption)')).filter(cell => {
  const box = cell.getBoundingClientRect(), head = cell.closest('thead');
  if (box.width === 0 && box.height === 0) return false;
  if (head && head.getBoundingClientRect().width <= 1) return false;
  return box.left < -0.5 || box.right > window.innerWidth + 0.5;
}).map(cell => cell.innerText.slice(0, 40))"""
# Table scroll boxes that scroll sideways: a card layout that fits needs none (one once scrolled by Material's bleed).
SCROLLING = """() => Array.from(document.querySelectorAll('.md-typeset__scrollwrap, .bg-table-wrap'))
  .filter(box => /auto|scroll/.test(getComputedStyle(box).overflowX) && box.scrollWidth > box.clientWidth + 1)
  .map(box => box.className)"""
PHONE_PAGES = [
    f"/builds/{SEED}/",  # pricing, power, headroom, cost shares, checklist
    "/parts/nvidia-titan-rtx/",  # figures, the builds that use it and what they paid
    "/builds/",
    "/catalog/",
    f"/compare/?a={SEED}&b=rtx-4090-fractal-terra-sff-2023",  # drawn by its script
]


def test_on_a_phone_every_generated_table_fits_the_screen(tab: Tab) -> None:
    """Not only the pricing table: the power table once put Watts and the load total off-screen, a part page its
    prices, the catalog its counts, and the compare page the second build."""
    tab.page.set_viewport_size({"width": 390, "height": 844})
    for url in PHONE_PAGES:
        page = tab.open(url)
        expect(page.locator(".md-content table").first).to_be_attached()
        assert page.locator(".md-content table").count() >= 1, url
        assert page.evaluate(OFF_SCREEN) == [], url
        assert page.evaluate(OVERFLOW) == 0, url
        assert page.evaluate(SCROLLING) == [], url
    tab.shot("phone-compare")


def test_a_part_page_link_is_big_enough_to_tap(tab: Tab) -> None:
    page = tab.open(f"/builds/{SEED}/")
    links = page.locator("a.bg-partpage-link")
    assert links.count() > 10
    for n in range(links.count()):
        box = links.nth(n).bounding_box()
        assert box is not None and box["height"] >= 24 and box["width"] >= 24, links.nth(n).get_attribute("href")


def test_the_full_checklist_lists_every_check_that_ran_collapsed(tab: Tab) -> None:
    page = tab.open(f"/builds/{SEED}/")
    checklist = page.locator("details.bg-checklist")
    expect(checklist).not_to_have_attribute("open", "")
    height = page.locator(".bg-check-passed").first
    expect(height).to_be_hidden()
    checklist.locator("summary").click()
    passed = checklist.locator("li[data-rule='cooler-height']")
    expect(passed).to_be_visible()
    expect(passed).to_contain_text("fits under Phanteks Enthoo Pro Tempered Glass (PH-ES614PTG_SWT)'s 193 mm limit")
    expect(checklist.locator("li[data-rule='gpu-airflow']")).to_contain_text("see warning above")
    # A check that could not run is listed once, below the checklist, with the figure it lacks.
    expect(checklist.locator("li[data-rule='bridge-spacing']")).to_have_count(0)
    skipped = page.locator(".bg-skipped li[data-rule='bridge-spacing']")
    expect(skipped).to_be_visible()
    expect(skipped).to_contain_text("no 'pcie_x16_slots' in the catalog")


def test_dark_toggle_switches_the_palette(tab: Tab) -> None:
    page = tab.open("/")
    body = page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    expect(body).not_to_have_attribute("data-md-color-scheme", before or "")
    assert {before, body.get_attribute("data-md-color-scheme")} == {"default", "slate"}
    tab.shot("home-toggled")


def test_print_keeps_the_part_list_and_prices_without_the_site_chrome(tab: Tab) -> None:
    page = tab.open(f"/builds/{SEED}/")
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".bg-downloads")).to_be_hidden()
    total = page.locator(".bg-pricing tr.bg-total td.bg-num")
    expect(total).to_have_text("$7,981.34")
    assert total.evaluate("cell => getComputedStyle(cell).textAlign") == "right"
    tab.page.pdf(path=str(tab.artifact("guide-print.pdf")))


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_searching_a_model_number_lands_on_its_part_page(tab: Tab, theme: Theme, width: int) -> None:
    tab.page.set_viewport_size({"width": width, "height": 844})
    page = tab.open("/")
    results = theme.search(page, "9920X")
    hit = results.and_(page.locator("[href*='parts/intel-core-i9-9920x/']")).first
    expect(hit).to_be_visible()
    expect(hit).to_contain_text("9920X")
    tab.shot(f"search-part-{width}")
    hit.click()
    page.wait_for_url("**/parts/intel-core-i9-9920x/**")
    expect(page.locator("h1")).to_contain_text("Intel Core i9-9920X")
    expect(page.locator(".bg-part-uses[data-currency='USD']")).to_contain_text("$1,189.00")
    assert tab.errors == [] and tab.foreign == []


def test_a_model_number_in_brackets_is_found(tab: Tab, theme: Theme) -> None:
    """Makers' part numbers often sit in brackets after the name: "Silent Wings 3 140mm PWM high-speed (BL071)"."""
    page = tab.open("/")
    results = theme.search(page, "BL071")
    expect(
        results.and_(page.locator("[href*='parts/be-quiet-silent-wings-3-140mm-pwm-high-speed/']")).first
    ).to_be_visible()


def test_a_guide_pages_part_page_link_lands_on_the_part_page(tab: Tab) -> None:
    page = tab.open(f"/builds/{SEED}/")
    page.locator(".bg-part[data-role='gpu'] a.bg-partpage-link").click()
    page.wait_for_url("**/parts/nvidia-titan-rtx/**")
    expect(page.locator("h1")).to_contain_text("NVIDIA TITAN RTX")
    expect(page.locator("tr[data-field='tdp_w']")).to_contain_text("280 W")
    row = page.locator(".bg-part-uses[data-currency='USD'] tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("$2,499.00")
    tab.shot("part-page")
    row.locator("a").click()
    page.wait_for_url(f"**/builds/{SEED}/**")
    assert tab.errors == [] and tab.foreign == []

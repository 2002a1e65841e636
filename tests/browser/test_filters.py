"""The builds index filters (docs/assets/filters.js), in Chromium under both engines: the issue's "two or more GPUs,
under $10,000" through the form and through the URL, each other filter, the keyboard and the live region, a
site in two currencies, Material's instant navigation, and the redraw time of a 1,000-row index.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, TimeoutError, expect

from ..conftest import ROOT, SEED
from .conftest import Tab, local_page, serve
from .sites import built_site

ROWS = ".bg-builds tbody tr"
# The slugs of the rows a reader sees: a filtered-out row has no box at all.
SHOWN = "rows => rows.filter(r => r.getClientRects().length > 0).map(r => r.querySelector('a').getAttribute('href'))"


def _builds(site: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text()) for p in sorted((site / "downloads").glob("*.json"))}


def _core_items(build: dict, role: str) -> list[dict]:
    return [i for s in build["sections"] if not s["optional"] for i in s["items"] if i["role"] == role]


def _gpus(build: dict) -> int:
    return sum(i["quantity"] for i in _core_items(build, "gpu"))


def _spec(build: dict, role: str, name: str) -> str | None:
    items = _core_items(build, role)
    return items[0]["specs"].get(name) if items else None


def _shown(page: Page) -> set[str]:
    return {href.rstrip("/").rsplit("/", 1)[-1] for href in page.locator(ROWS).evaluate_all(SHOWN)}


def _query(page: Page, expected: dict[str, list[str]]) -> dict[str, list[str]]:
    """The page's query once it says `expected` (the address follows the form a moment after the redraw)."""
    with suppress(TimeoutError):  # then the assertion shows the query it has
        page.wait_for_url(lambda url: parse_qs(urlsplit(url).query) == expected, timeout=5000)
    return parse_qs(urlsplit(page.url).query)


def _script_errors(tab: Tab) -> list[str]:
    """Errors thrown or logged by scripts (a missing file is test_site's business, on every page)."""
    return [e for e in tab.errors if not e.startswith("Failed to load resource")]


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_two_or_more_gpus_under_10000_usd_and_the_url_reproduces_it(tab: Tab, site: Path, width: int) -> None:
    tab.page.set_viewport_size({"width": width, "height": 844})
    builds = _builds(site)
    expected = {
        slug
        for slug, b in builds.items()
        if _gpus(b) >= 2 and b["currency"] == "USD" and float(b["totals"]["core"]) < 10_000
    }
    assert SEED in expected and 0 < len(expected) < len(builds)
    page = tab.open("/builds/")
    form = page.locator("form#bg-filters")
    expect(form).to_be_visible()
    expect(page.locator("#bg-filter-status")).to_have_text(f"{len(builds)} of {len(builds)} builds shown")
    expect(form.locator("select[name='currency']")).to_have_count(0)  # one currency: nothing to choose
    form.get_by_label("Minimum count").fill("2")
    form.get_by_label("Maximum", exact=True).fill("10000")
    assert _shown(page) == expected
    expect(page.locator("#bg-filter-status")).to_have_text(f"{len(expected)} of {len(builds)} builds shown")
    assert _query(page, q := {"gpus": ["2"], "max": ["10000"]}) == q
    shared = page.url
    tab.shot(f"filters-{width}")

    page = tab.open(shared.removeprefix(tab.base))  # a fresh load of the shared address
    assert _shown(page) == expected
    expect(page.get_by_label("Minimum count")).to_have_value("2")
    expect(page.get_by_label("Maximum", exact=True)).to_have_value("10000")
    expect(page.locator("#bg-filter-status")).to_have_text(f"{len(expected)} of {len(builds)} builds shown")

    page.get_by_role("button", name="Clear filters").click()
    expect(page.locator("#bg-filter-status")).to_have_text(f"{len(builds)} of {len(builds)} builds shown")
    assert _shown(page) == set(builds)
    assert _query(page, {}) == {}
    assert _script_errors(tab) == [] and tab.foreign == []


def _maker(slug: str) -> str | None:
    from buildguide.project import load_project

    cpus = load_project(ROOT).guides[slug].loaded.by_role("cpu")
    return cpus[0].part.maker if cpus and cpus[0].part else None


FILTERS: list[tuple[str, str, str, Callable[[str, dict], bool]]] = [
    # (label, control name, value, which builds it keeps)
    ("Compatibility", "verdict", "partly checked", lambda s, b: b["compatibility"]["verdict"] == "partly checked"),
    ("Year", "year", "2020", lambda s, b: b["date"].startswith("2020-")),
    ("Platform (CPU socket)", "socket", "AM5", lambda s, b: _spec(b, "cpu", "socket") == "AM5"),
    ("CPU maker", "cpu-maker", "Intel", lambda s, b: _maker(s) == "Intel"),
    ("Case type", "case", "Mid tower", lambda s, b: _spec(b, "case", "form_factor") == "Mid tower"),
    ("Tag", "tag", "multi-gpu", lambda s, b: "multi-gpu" in b["tags"]),
]


@pytest.mark.parametrize(("label", "name", "value", "keeps"), FILTERS, ids=[f[1] for f in FILTERS])
def test_each_select_filters_the_rows_and_the_url(
    tab: Tab, site: Path, label: str, name: str, value: str, keeps: Callable[[str, dict], bool]
) -> None:
    builds = _builds(site)
    expected = {slug for slug, b in builds.items() if keeps(slug, b)}
    assert 0 < len(expected) < len(builds), "the seed builds no longer tell this filter apart"
    page = tab.open("/builds/")
    page.get_by_label(label, exact=True).select_option(value)
    assert _shown(page) == expected
    assert _query(page, q := {name: [value]}) == q
    page = tab.open(f"/builds/?{name}={value.replace(' ', '+')}")
    assert _shown(page) == expected
    expect(page.get_by_label(label, exact=True)).to_have_value(value)


def test_use_boxes_keep_builds_with_any_ticked_use_and_combine_with_the_rest(tab: Tab, site: Path) -> None:
    from buildguide.project import load_project

    project = load_project(ROOT)
    uses = {slug: set(g.loaded.build.use) for slug, g in project.guides.items()}
    builds = _builds(site)
    page = tab.open("/builds/")
    form = page.locator("form#bg-filters")
    form.get_by_label("rendering").check()
    assert _shown(page) == {s for s in builds if "rendering" in uses[s]}
    form.get_by_label("gaming").check()
    either = {s for s in builds if uses[s] & {"rendering", "gaming"}}
    assert _shown(page) == either
    assert _query(page, q := {"use": ["gaming", "rendering"]}) == q
    form.get_by_label("Minimum total memory (GB)").fill("48")
    both = {s for s in either if (builds[s]["facts"]["gpu_memory_gb"] or 0) >= 48}
    assert _shown(page) == both and both != either
    assert _query(page, q := {**q, "gpu-memory": ["48"]}) == q
    page = tab.open("/builds/?" + urlsplit(page.url).query)
    assert _shown(page) == both
    expect(form.get_by_label("rendering")).to_be_checked()
    expect(form.get_by_label("machine learning")).not_to_be_checked()


def test_a_keyboard_reaches_the_filters_and_the_live_region_announces_the_count(tab: Tab, site: Path) -> None:
    total = len(_builds(site))
    page = tab.open("/builds/")
    status = page.locator("#bg-filter-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "gpus":
            break
    else:
        pytest.fail("Tab never reached the GPU count")
    page.keyboard.type("4")
    four = {s for s, b in _builds(site).items() if _gpus(b) >= 4}
    expect(status).to_have_text(f"{len(four)} of {total} builds shown")
    page.keyboard.press("Tab")  # to the GPU memory
    page.keyboard.press("Tab")  # to the first use box
    assert page.evaluate("document.activeElement.type") == "checkbox"
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    expect(status).not_to_have_text(f"{len(four)} of {total} builds shown")
    page.get_by_role("button", name="Clear filters").focus()
    page.keyboard.press("Enter")
    expect(status).to_have_text(f"{total} of {total} builds shown")


def test_filters_work_after_instant_navigation(tab: Tab, site: Path) -> None:
    # Material matches links against sitemap.xml with the sitemap's port (site_url has none), so on a test server's
    # port it would load the page afresh: the sitemap is served with the server's port, as on a real deploy.
    port = urlsplit(tab.base).port
    tab.page.route(
        "**/sitemap.xml",
        lambda route: route.fulfill(
            response=(response := route.fetch()),
            body=re.sub(r"<loc>(https?://[^/<]+)/", rf"<loc>\1:{port}/", response.text()),
        ),
    )
    page = tab.open("/")
    page.wait_for_load_state("networkidle")  # the theme navigates instantly only once it has the sitemap
    page.evaluate("window.bgSamePage = true")
    page.locator("article").get_by_role("link", name="builds index").click()
    page.wait_for_url("**/builds/")
    expect(page.locator("form#bg-filters")).to_be_visible()
    assert page.evaluate("window.bgSamePage") is True  # instant navigation: the page was not loaded again
    page.get_by_label("Minimum count").fill("2")
    assert _shown(page) == {s for s, b in _builds(site).items() if _gpus(b) >= 2}
    assert _query(page, q := {"gpus": ["2"]}) == q
    assert _script_errors(tab) == []


def test_a_build_s_tag_leads_to_its_builds_and_to_the_index_filtered_by_it(tab: Tab, site: Path) -> None:
    tagged = {slug for slug, b in _builds(site).items() if "air cooled" in b["tags"]}
    assert SEED in tagged and 1 < len(tagged) < len(_builds(site))
    page = tab.open(f"/builds/{SEED}/")
    page.wait_for_load_state("networkidle")  # a click before the theme is ready is a plain page load
    page.locator("nav.bg-tags").get_by_role("link", name="air cooled").click()
    page.wait_for_url("**/tags/#tag:air-cooled")
    section = page.locator("h2#tag\\:air-cooled")
    expect(section).to_be_in_viewport()
    listed = section.locator("xpath=following-sibling::ul[1]").get_by_role("link")
    assert {href.strip("/").rsplit("/", 1)[-1] for href in listed.evaluate_all("a => a.map(x => x.href)")} == tagged
    page.wait_for_load_state("networkidle")
    page.get_by_role("link", name="Filter the builds index by “air cooled”").click()
    page.wait_for_url("**/builds/?tag=air%20cooled")
    expect(page.locator("#bg-filter-tag")).to_have_value("air cooled")
    expect(page.locator("#bg-filter-status")).to_have_text(f"{len(tagged)} of {len(_builds(site))} builds shown")
    assert _shown(page) == tagged
    assert _script_errors(tab) == []


CLONE = """n => {
  const body = document.querySelector('.bg-builds tbody');
  const rows = Array.from(body.rows);
  const extra = document.createDocumentFragment();
  for (let i = rows.length; i < n; i++) extra.appendChild(rows[i % rows.length].cloneNode(true));
  body.appendChild(extra);
  return body.rows.length;
}"""


def clone_rows(page: Page, rows: int) -> int:
    """Copy the builds index's rows until it has `rows` of them (benchmarks/filters.py times such an index)."""
    return int(page.evaluate(CLONE, rows))


@pytest.mark.parametrize("width", [1280, 390])
def test_a_1000_row_index_draws_only_rows_near_the_viewport_and_filters_them_all(tab: Tab, width: int) -> None:
    """What keeps a filter change on 1,000 rows fast: rows far from the viewport are not laid out. How fast it is
    (within 100 ms) is measured by benchmarks/filters.py, not asserted here, where a busy machine would decide."""
    tab.page.set_viewport_size({"width": width, "height": 900})
    page = tab.open("/builds/")
    shown = page.locator(".bg-builds tbody tr:not([hidden])").count()
    count = clone_rows(page, 1000)
    assert count == 1000
    form = page.locator("#bg-filters")
    form.locator("[name='year']").select_option("2020")
    expect(page.locator(".bg-builds")).to_have_class(re.compile(r"\bbg-many\b"))
    per_copy = page.locator(".bg-builds tbody tr:not([hidden])").count()
    assert 0 < per_copy < 1000
    expect(page.locator("#bg-filter-status")).to_have_text(f"{per_copy} of 1000 builds shown")
    form.locator("[name='year']").select_option("")
    expect(page.locator("#bg-filter-status")).to_have_text("1000 of 1000 builds shown")
    assert page.locator(".bg-builds tbody tr:not([hidden])").count() == 1000 > shown
    laid_out = page.evaluate(
        "Array.from(document.querySelectorAll('.bg-builds tbody tr'))"
        ".filter(row => getComputedStyle(row).contentVisibility === 'auto').length"
    )
    assert laid_out == 1000  # every row may be skipped by the browser until it nears the viewport


def _two_currencies(root: Path) -> None:
    """One more build, the seed priced in euros."""
    text = (root / "builds" / f"{SEED}.yaml").read_text()
    (root / "builds" / "euro-titan.yaml").write_text(text.replace("currency: USD", "currency: EUR", 1))


@pytest.fixture(scope="module")
def euro(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = built_site(tmp_path_factory, "two-currencies", engine, _two_currencies).site
    with serve(site) as base:
        yield base


def test_with_two_currencies_a_price_range_applies_within_the_chosen_one(browser: Browser, euro: str) -> None:
    with local_page(browser, euro) as (page, foreign):
        page.goto(euro + "/builds/")
        form = page.locator("form#bg-filters")
        currency = form.get_by_label("Currency")
        expect(currency).to_be_visible()
        expect(form.get_by_label("Maximum", exact=True)).to_be_disabled()  # no range across currencies
        currency.select_option("EUR")
        assert _shown(page) == {"euro-titan"}
        currency.select_option("USD")
        form.get_by_label("Maximum", exact=True).fill("10000")
        usd = _shown(page)
        assert SEED in usd and "euro-titan" not in usd
        assert _query(page, q := {"currency": ["USD"], "max": ["10000"]}) == q
        page.goto(page.url)
        assert _shown(page) == usd
        assert foreign == []

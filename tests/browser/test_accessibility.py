"""axe-core (vendored in vendor/axe-core/, never published) finds no serious or critical accessibility problem on
any kind of page, in the light and the dark scheme, under both engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import SEED
from .conftest import Tab

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text("utf-8")
PAGES = [
    "/",
    "/builds/",
    f"/builds/{SEED}/",
    f"/compare/?a={SEED}&b=rtx-4090-fractal-terra-sff-2023",
    "/tags/",
    "/catalog/",
    "/parts/nvidia-titan-rtx/",  # a part page with the builds that use it
    "/contributing/",
    "/reference/",
    "/performance/",
    "/builds/dual-titan-rtx-deep-learnin/",  # missing: the 404 page, with its suggestions
]
RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")}`);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_no_serious_accessibility_violations(tab: Tab, site: Path, scheme: str, width: int) -> None:
    """At both widths: a phone's layout has its own scroll boxes and stacked cards."""
    tab.page.set_viewport_size({"width": width, "height": 844})
    tab.page.emulate_media(color_scheme=scheme)
    for path in PAGES:
        page = tab.open(path)
        if path.startswith("/compare/"):
            page.locator("#bg-compare-result table").wait_for()
        if path.endswith("-learnin/"):
            page.locator(".bg-notfound-suggestions li").first.wait_for()
        page.add_script_tag(content=AXE)
        assert page.evaluate(RUN) == [], f"{scheme} {path}"


# Each table scroll box on the page: whether it scrolls sideways, and whether it is a named focus stop.
BOXES = """() => Array.from(document.querySelectorAll('.md-typeset__scrollwrap, .bg-table-wrap')).map(box => [
  /auto|scroll/.test(getComputedStyle(box).overflowX) && box.scrollWidth > box.clientWidth + 1,
  box.getAttribute('role') === 'region' && box.tabIndex === 0 && !!box.getAttribute('aria-label'),
])"""


def test_a_table_box_is_a_focus_stop_exactly_while_it_scrolls(tab: Tab) -> None:
    """Set on load and again when the window changes size (a phone turned sideways)."""
    tab.page.set_viewport_size({"width": 390, "height": 844})
    page = tab.open("/performance/")
    narrow = page.evaluate(BOXES)
    assert any(scrolls for scrolls, _ in narrow) and all(scrolls == stop for scrolls, stop in narrow)
    page.set_viewport_size({"width": 1100, "height": 1000})  # wide enough for the second table, not the first
    page.wait_for_function(f"() => ({BOXES})().every(([scrolls, stop]) => scrolls === stop)")
    wide = page.evaluate(BOXES)
    assert sum(scrolls for scrolls, _ in wide) < sum(scrolls for scrolls, _ in narrow)

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

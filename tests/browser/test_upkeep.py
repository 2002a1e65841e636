"""On a site built from a git checkout, a build page shows when its file last changed, and a build with prices
more than a year old shows the notice above its summary, on a desktop and on a phone, under both engines."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from ..conftest import SEED
from ..test_history import git
from .conftest import local_page, serve
from .sites import built_site

OVERFLOW = "Math.max(...[document.documentElement, document.body].map(e => e.scrollWidth - e.clientWidth))"


def _committed(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "the project", date="2024-03-01T12:00:00+00:00")


@pytest.fixture(scope="module")
def committed(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(built_site(tmp_path_factory, "committed", engine, _committed).site) as base:
        yield base


@pytest.mark.parametrize("width", [1280, 390])
def test_a_build_page_shows_its_last_change_and_its_old_prices(browser: Browser, committed: str, width: int) -> None:
    with local_page(browser, committed, width) as (page, foreign):
        page.goto(f"{committed}/builds/{SEED}/")
        fact = page.locator("dl.bg-facts > div").filter(has=page.locator("dt", has_text="Last changed"))
        expect(fact.locator("dd")).to_have_text("2024-03-01")
        expect(fact).to_be_visible()
        # Prices from 2018 and 2020: more than a year before any day these tests run.
        notice = page.locator(".bg-stale-prices")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("Prices here are from 2018-10-09 to 2020-08-09, more than a year old")
        summary = page.locator(".bg-summary").bounding_box()
        box = notice.bounding_box()
        assert box is not None and summary is not None and box["y"] + box["height"] <= summary["y"]
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert page.evaluate(OVERFLOW) == 0
        assert foreign == []

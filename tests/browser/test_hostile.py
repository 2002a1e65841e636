"""A site built from builds full of XSS payloads: in Chromium, nothing runs, nothing opens, nothing leaves.

The hostile site (`hostile.py`) is built with both engines. Text that `check` refuses (links to other schemes,
images from other hosts, line breaks in one-line fields) must stop `buildguide build` with the located error.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from ..conftest import SEED
from .conftest import Theme, guard_local, serve
from .hostile import FLAG, LINE, PART, SLUG, hostile_site
from .sites import ENGINES, build, copy_project


@pytest.fixture(scope="module", params=ENGINES)
def hostile(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The hostile site built with one engine and served: (engine, base URL)."""
    engine = str(request.param)
    with serve(hostile_site(tmp_path_factory, engine).site) as base:
        yield engine, base


# Every event an injected handler could wait for without a click (a click would navigate away).
EVENTS = ["mouseover", "mouseenter", "pointerover", "focus", "focusin", "error", "load", "toggle", "animationstart"]
PROBE = """events => {
  for (const el of document.querySelectorAll('*'))
    for (const type of events) el.dispatchEvent(new Event(type));
  for (const el of document.querySelectorAll('*')) if (el.shadowRoot)
    for (const inner of el.shadowRoot.querySelectorAll('*'))
      for (const type of events) inner.dispatchEvent(new Event(type));
}"""
# What the live DOM (including what the themes' scripts built) must not hold.
LIVE = """() => {
  const all = [...document.querySelectorAll('*')];
  for (const el of document.querySelectorAll('*')) if (el.shadowRoot) all.push(...el.shadowRoot.querySelectorAll('*'));
  return {
    handlers: all.flatMap(el => [...el.attributes].filter(a => /^on/i.test(a.name)).map(a => el.tagName + a.name)),
    frames: all.filter(el => /^(IFRAME|OBJECT|EMBED|BASE|FRAME)$/.test(el.tagName)).map(el => el.outerHTML),
    scripts: all.filter(el => el.tagName === 'SCRIPT' && /pwned/.test(el.textContent)).map(el => el.outerHTML),
  };
}"""


class Watch:
    """A fresh browser context on the hostile site that records dialogs, page errors and foreign requests."""

    def __init__(self, browser: Browser, base: str) -> None:
        self.base = base
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.foreign: list[str] = []
        self.errors: list[str] = []
        guard_local(self.context, base, self.foreign)
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))

    def open(self, path: str) -> Page:
        self.page.goto(self.base + path, wait_until="load")
        return self.page

    def assert_inert(self, where: str) -> None:
        self.page.evaluate(PROBE, EVENTS)
        self.page.wait_for_timeout(200)
        assert self.page.evaluate("window.__pwned") is None, where
        assert self.page.evaluate(LIVE) == {"handlers": [], "frames": [], "scripts": []}, where
        assert (self.dialogs, self.foreign, self.errors) == ([], [], []), where

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watch(browser: Browser, hostile: tuple[str, str]) -> Iterator[Watch]:
    watched = Watch(browser, hostile[1])
    yield watched
    watched.close()


PAGES = [f"/builds/{SLUG}/", "/", "/builds/", "/compare/", f"/compare/?a={SLUG}&b={SEED}", "/tags/", f"/parts/{PART}/"]


@pytest.mark.parametrize("path", PAGES)
def test_payloads_stay_inert(watch: Watch, path: str) -> None:
    page = watch.open(path)
    page.wait_for_load_state("networkidle")
    if path.startswith("/compare/"):
        page.locator("#bg-compare-result table").wait_for()  # drawn from the JSON downloads
    watch.assert_inert(path)
    if path in (f"/builds/{SLUG}/", "/", "/builds/"):
        assert LINE in page.locator("article").inner_text()  # the title, every character as written
    if path == f"/builds/{SLUG}/":
        body = page.locator("article").inner_text()
        # Every Text field of the build is on the page: summary, intro, two rationales, two reasons not and the
        # acknowledgement (the catalog entry's notes are on its part page).
        assert body.count("Opening <script>") == 7 and "Acknowledged by the builder" in body
        assert f"<script>{FLAG}</script>" in body  # shown as text
        # Never a template (Markdown may take the dunders for bold, but the braces stay).
        assert "{{ ''." in body and "{% if true %}" in body and "{# comment #}" in body
        assert "{{ 7 * 191 }}" in page.locator("h1").inner_text() and "1337" not in body
        assert "<!-- buildguide:html -->" in body  # a forged marker is text, not a block boundary
        # The lightbox copies a photo's caption and credit: as text, for the hero and every other photo.
        page.locator("figure.bg-hero a.bg-photo").click()
        caption = page.locator("dialog.bg-lightbox figcaption")
        expect(caption).to_have_text(f"{LINE} Image: {LINE}")
        for _ in range(3):
            page.keyboard.press("ArrowRight")
            watch.assert_inert(f"{path}, lightbox")
        expect(caption).to_contain_text(LINE)
        page.keyboard.press("Escape")
    if path == f"/parts/{PART}/":  # the entry's maker, model and notes, as text
        assert LINE in page.locator("article").inner_text()
        expect(page.locator(".bg-notes")).to_contain_text("Opening <script>")
    if path == f"/compare/?a={SLUG}&b={SEED}":
        expect(page.locator("#bg-compare-result thead th").first).to_have_text(LINE)


def test_search_results_stay_inert(watch: Watch, hostile: tuple[str, str]) -> None:
    """The themes draw search results from the search index, which holds the hostile text."""
    page = watch.open("/")
    results = Theme(hostile[0]).search(page, "Opening")  # the first word of every hostile text
    expect(results.first).to_be_visible()
    watch.assert_inert("search results")
    hit = results.and_(page.locator(f"[href*='builds/{SLUG}/']")).first
    expect(hit).to_contain_text(f"<script>{FLAG}</script>")  # the title, shown as text
    hit.hover()
    watch.assert_inert("search results, hovered")


# A build whose only faults are in the text: everything else is valid, so the located errors are all there is.
REFUSED_TEXT = """\
title: Refused text
summary: |
  A first paragraph, then a link to another scheme after a blank line.

  [x](javascript:alert(1))
author: Tester
date: 2024-01-01
purpose: Testing
currency: USD
prices_as_of: 2024-01-01
intro: |
  A first paragraph, then an image from another host after a blank line.

  ![](https://evil.example/p.gif)
sections:
  - id: core
    title: Core parts
    items:
      - role: cpu
        part: intel-core-i9-9920x
        unit_price: 1.00
        retailer: Shop
        rationale: |
          Fine.

          [y][ref] and [z](  JAVASCRIPT:alert(1) "t")

          [ref]: javascript:alert(1)
        alternatives:
          - name: Something else
            why_not: |
              Fine.

              ![tracker](//evil.example/p.gif)
acknowledge: []
"""
REFUSED_TEXT_ERRORS = [
    "builds/refused.yaml:2:10: summary: link target 'javascript:alert(1)' is not allowed; only http:// and https://"
    " links",
    "builds/refused.yaml:11:8: intro: images in text are not allowed; list them under 'images' so they are served"
    " locally",
    "builds/refused.yaml:23:20: sections.0.items.0.rationale: link target 'javascript:alert(1)' is not allowed;"
    " only http:// and https:// links",
    "builds/refused.yaml:23:20: sections.0.items.0.rationale: link target 'JAVASCRIPT:alert(1)' is not allowed;"
    " only http:// and https:// links",
    "builds/refused.yaml:31:22: sections.0.items.0.alternatives.0.why_not: images in text are not allowed; list"
    " them under 'images' so they are served locally",
]

# Line breaks in every kind of one-line field, in a build and in a catalog entry. (Carriage returns and the
# Unicode line separators are refused earlier, by the YAML reader, as control characters.)
MULTILINE_BUILD = """\
title: |
  Two
  lines
summary: Fine.
author: "Tester\\n{: onclick=x }"
date: 2024-01-01
purpose: "Testing\\n\\n    indented"
currency: USD
prices_as_of: 2024-01-01
sections:
  - id: core
    title: |-
      Core

      <script>x</script>
    items:
      - role: cpu
        part: intel-core-i9-9920x
        unit_price: 1.00
        retailer: "Shop\\nagain"
        alternatives:
          - name: |
              Other
              cpu
            why_not: Fine.
        images:
          - path: images/dual-titan-rtx-deep-learning-2020/airflow.png
            alt: "Alt\\n\\n{: tabindex=1 autofocus onfocus=x }"
            caption: "Caption\\n[x](javascript:x)"
      - role: peripheral
        name: "Monitor\\nsecond line"
        unit_price: 1.00
        retailer: Shop
"""
MULTILINE_CATALOG = """\
evil-fan:
  category: fan
  maker: "Maker\\nline two"
  model: |
    Model
    two
  sources: [{url: "https://x.example/", kind: maker}]
"""
SINGLE_LINE = "must be a single line; use a text field such as rationale for paragraphs"
MULTILINE_ERRORS = [
    f"builds/multiline.yaml:1:8: title: {SINGLE_LINE}",
    f"builds/multiline.yaml:5:9: author: {SINGLE_LINE}",
    f"builds/multiline.yaml:7:10: purpose: {SINGLE_LINE}",
    f"builds/multiline.yaml:12:12: sections.0.title: {SINGLE_LINE}",
    f"builds/multiline.yaml:20:19: sections.0.items.0.retailer: {SINGLE_LINE}",
    f"builds/multiline.yaml:22:19: sections.0.items.0.alternatives.0.name: {SINGLE_LINE}",
    f"builds/multiline.yaml:28:18: sections.0.items.0.images.0.alt: {SINGLE_LINE}",
    f"builds/multiline.yaml:29:22: sections.0.items.0.images.0.caption: {SINGLE_LINE}",
    f"builds/multiline.yaml:31:15: sections.0.items.1.name: {SINGLE_LINE}",
    f"builds/parts/zz-multiline.yaml:3:10: evil-fan.maker: {SINGLE_LINE}",
    f"builds/parts/zz-multiline.yaml:4:10: evil-fan.model: {SINGLE_LINE}",
]


def _refused(tmp_path: Path, engine: str, files: dict[str, str]) -> tuple[list[str], Path]:
    root = copy_project(tmp_path / "repo")
    for name, text in files.items():
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    site = tmp_path / "site"
    result = build(root, engine, site)
    assert result.returncode != 0, result.stdout + result.stderr
    return result.stderr.splitlines(), site


@pytest.mark.parametrize("engine", ENGINES)
def test_links_to_other_schemes_and_remote_images_fail_the_build(tmp_path: Path, engine: str) -> None:
    lines, site = _refused(tmp_path, engine, {"builds/refused.yaml": REFUSED_TEXT})
    problems = [line for line in lines if re.match(r"builds/\S+:\d+:\d+: ", line)]
    assert sorted(problems) == sorted(REFUSED_TEXT_ERRORS)
    assert not site.exists()


@pytest.mark.parametrize("engine", ENGINES)
def test_line_breaks_in_one_line_fields_fail_the_build(tmp_path: Path, engine: str) -> None:
    files = {"builds/multiline.yaml": MULTILINE_BUILD, "builds/parts/zz-multiline.yaml": MULTILINE_CATALOG}
    lines, site = _refused(tmp_path, engine, files)
    problems = [line for line in lines if re.match(r"builds/\S+:\d+:\d+: ", line)]
    assert sorted(problems) == sorted(MULTILINE_ERRORS)
    assert not site.exists()

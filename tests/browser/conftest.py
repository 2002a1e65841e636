"""The site built with each engine, one local web server per site and one Chromium per test session; a fresh
browser context per test. Every browser test runs once against the MkDocs site and once against Zensical's.

Where the two themes differ (Zensical's search is a dialog opened from a button, Material's an input in the
header), `Theme` holds the engine's way of doing it, so each test states one behaviour for both sites.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Request, Route, sync_playwright

from ..conftest import ROOT
from .sites import ENGINES, real_site

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass(frozen=True)
class Theme:
    """What differs between Material (MkDocs) and Zensical's theme, as a reader would use it."""

    engine: str

    def search(self, page: Page, query: str) -> Locator:
        """Type `query` into the site search; the links of the results."""
        phone = page.locator("label.md-header__button[for='__search']")  # on a phone, both themes' search icon
        if self.engine == "zensical":
            # A button in the header opens a modal dialog (in an open shadow root, which CSS locators pierce).
            opener = page.locator("button.md-search__button")
            (opener if opener.is_visible() else phone).click()
            dialog = page.get_by_role("dialog", name="Search")
            dialog.get_by_role("combobox", name="Search").press_sequentially(query)
            return dialog.locator("ol[role='listbox'] a[role='option']")
        field = page.locator("input.md-search__input")
        if not field.is_visible():
            phone.click()
        # Typed key by key: Material searches on keyboard events, which fill() does not send.
        field.press_sequentially(query)
        return page.locator(".md-search-result__list a")


@pytest.fixture(scope="session", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def theme(engine: str) -> Theme:
    return Theme(engine)


@pytest.fixture(scope="session")
def site(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`buildguide build --engine <engine>` of a copy of the project (the work tree is left as it is)."""
    return real_site(tmp_path_factory, engine).site


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing address gets the site's 404.html with status 404, as GitHub Pages serves it, at any depth."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """A static server for `directory` on a free local port; its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(directory)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    with serve(site) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def guard_local(context: BrowserContext, base: str, foreign: list[str]) -> None:
    """Refuse (and record in `foreign`) every request that is not to `base`, so no test reaches the internet."""
    local = urlsplit(base).netloc

    def guard(route: Route, request: Request) -> None:
        if urlsplit(request.url).netloc == local or request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            foreign.append(request.url)
            route.abort()

    context.route("**/*", guard)


@contextmanager
def local_page(browser: Browser, base: str, width: int = 1280) -> Iterator[tuple[Page, list[str]]]:
    """A fresh page for a site served at `base`, and the list of requests to other hosts it made (all refused)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    foreign: list[str] = []
    guard_local(context, base, foreign)
    try:
        yield context.new_page(), foreign
    finally:
        context.close()


@dataclass
class Tab:
    """A page plus what it did wrong: console errors, uncaught exceptions, requests to other hosts."""

    page: Page
    base: str
    engine: str
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def open(self, path: str) -> Page:
        self.page.goto(self.base + path, wait_until="load")
        return self.page

    def artifact(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        return ARTIFACTS / f"{self.engine}-{name}"

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(self.artifact(f"{name}.png")), full_page=True)


@pytest.fixture
def tab(browser: Browser, server: str, engine: str) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watched = Tab(page, server, engine)
    guard_local(context, server, watched.foreign)
    page.on("console", lambda msg: msg.type == "error" and watched.errors.append(msg.text))
    page.on("pageerror", lambda exc: watched.errors.append(str(exc)))
    yield watched
    context.close()

"""Every page of the hostile site (and of the real one), read as HTML: no script URL, no event handler, nothing
loaded from another host, no active element in the page content. Built with both engines; no browser.

The hostile build and catalog entry (tests/browser/hostile.py) put XSS payloads in every text and one-line
field. What the themes (Material, Zensical's) write around the content must pass the same checks: neither
emits a `data:` URI, an inline handler or a remote asset, so nothing is allowlisted but two exact,
non-loading cases named below.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .browser.hostile import FLAG, LINE, SLUG, hostile_site
from .browser.sites import ENGINES, real_site

# Attributes a browser follows or fetches as a URL.
URL_ATTRS = {"href", "src", "action", "formaction", "srcset", "data", "poster", "background", "cite", "ping"}
URL_ATTRS |= {"xlink:href", "codebase", "manifest", "longdesc", "lowsrc", "dynsrc", "imagesrcset"}
# Of those, the ones fetched as the page loads (or, for forms, where typed data goes), wherever they appear.
LOAD_ATTRS = {"src", "srcset", "data", "poster", "background", "lowsrc", "dynsrc", "imagesrcset", "action"}
LOAD_ATTRS |= {"formaction", "codebase", "manifest"}
# <link rel=…> values that make the browser fetch (or connect to) the href.
LOADING_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "prerender", "icon", "apple-touch-icon"}
LOADING_RELS |= {"mask-icon", "manifest", "preconnect", "dns-prefetch", "import"}
SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:")
# Inside the page content (<article>), only template and contributor markup: none of these may appear there.
ACTIVE = {"script", "style", "link", "meta", "base", "iframe", "frame", "frameset", "object", "embed", "applet"}
ACTIVE |= {"portal", "template", "foreignobject", "animate", "set", "handler", "listener", "math"}
# Anywhere on the page: the site never redirects or rebases itself.
NEVER = {"base", "iframe", "frame", "frameset", "object", "embed", "applet", "portal"}
C0_AND_SPACE = "".join(map(chr, range(0x21)))


def url_forms(value: str) -> set[str]:
    """A URL attribute as the browser reads it (the parser has already decoded character references once; the
    URL parser drops leading and trailing controls and spaces and every tab and newline), lower-cased. Also
    the same decoded a second time: stricter than a browser, so double-encoded schemes are caught too."""
    forms = set()
    for decoded in (value, html.unescape(value)):
        url = re.sub(r"[\t\n\r]", "", decoded.strip(C0_AND_SPACE))
        forms.add(url.lower())
    return forms


def candidates(attr: str, value: str) -> list[str]:
    """The URLs of an attribute: one, or each candidate of a srcset."""
    if attr in ("srcset", "imagesrcset"):
        return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    return [value]


def off_site(url: str) -> bool:
    """Absolute (any scheme), or scheme-relative (browsers read backslashes as slashes in http(s) URLs)."""
    return bool(re.match(r"[a-z][a-z0-9+.\-]*:|[/\\]{2}", url))


@dataclass(frozen=True)
class Finding:
    kind: str  # "script-url", "handler", "off-site", "active", "payload"
    page: str
    line: int
    tag: str
    what: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.kind}: {self.what}"


class _Reader(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.findings: list[Finding] = []
        self.article = 0
        self.tag = ""

    def found(self, kind: str, what: str) -> None:
        self.findings.append(Finding(kind, self.page, self.getpos()[0], self.tag, what[:300]))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tag = tag
        values = {name: value or "" for name, value in attrs}
        if tag == "article":
            self.article += 1
        if tag in NEVER or (self.article and tag in ACTIVE):
            self.found("active", self.get_starttag_text() or tag)
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.found("active", self.get_starttag_text() or tag)
        rels = set(values.get("rel", "").lower().split())
        for name, value in values.items():
            if name.startswith("on"):
                self.found("handler", f"<{tag} {name}={value!r}>")
            if name == "style" and re.search(r"url\s*\(|@import|expression\s*\(", value, re.IGNORECASE):
                self.found("off-site", f"<{tag} style={value!r}>")
            if name not in URL_ATTRS:
                continue
            for url in candidates(name, value):
                forms = url_forms(url)
                if any(form.startswith(SCRIPT_SCHEMES) for form in forms):
                    self.found("script-url", f"<{tag} {name}={value!r}>")
                loads = name in LOAD_ATTRS or (tag == "link" and name == "href" and rels & LOADING_RELS)
                if loads and any(off_site(form) for form in forms):
                    self.found("off-site", f"<{tag} {name}={value!r}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.article -= 1
        self.tag = ""

    def handle_data(self, data: str) -> None:
        if self.tag == "script" and FLAG in data:
            self.found("payload", f"<script>{data[:200]}")
        if self.tag == "style" and re.search(r"url\s*\(\s*['\"]?\s*(?:[a-z]+:|//)|@import", data, re.IGNORECASE):
            self.found("off-site", f"<style>{data[:200]}")


def read_site(site: Path) -> tuple[list[str], list[Finding]]:
    pages, findings = [], []
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        reader = _Reader(page)
        reader.feed(path.read_text(encoding="utf-8"))
        reader.close()
        pages.append(page)
        findings += reader.findings
    return pages, findings


SITES = [(kind, engine) for kind in ("hostile", "real") for engine in ENGINES]


@pytest.fixture(scope="module", params=SITES, ids=[f"{kind}-{engine}" for kind, engine in SITES])
def pages(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str], list]:
    kind, engine = request.param
    built = (hostile_site if kind == "hostile" else real_site)(tmp_path_factory, engine)
    return (kind, *read_site(built.site))


def _of(findings: list[Finding], kind: str) -> list[str]:
    return [str(f) for f in findings if f.kind == kind]


def test_every_page_was_read(pages: tuple[str, list[str], list[Finding]]) -> None:
    kind, read, _ = pages
    assert {"index.html", "404.html", "builds/index.html", "compare/index.html", "tags/index.html"} <= set(read)
    if kind == "hostile":
        assert f"builds/{SLUG}/index.html" in read


def test_no_script_urls(pages: tuple[str, list[str], list[Finding]]) -> None:
    assert _of(pages[2], "script-url") == []


def test_no_event_handler_attributes(pages: tuple[str, list[str], list[Finding]]) -> None:
    assert _of(pages[2], "handler") == []


def test_nothing_loads_from_another_host(pages: tuple[str, list[str], list[Finding]]) -> None:
    assert _of(pages[2], "off-site") == []


def test_no_active_elements_and_no_payload_in_scripts(pages: tuple[str, list[str], list[Finding]]) -> None:
    assert _of(pages[2], "active") == []
    assert _of(pages[2], "payload") == []


def test_the_reader_catches_what_it_looks_for() -> None:
    """The checks above pass on both sites; this shows they would not pass on a page that broke the rules."""
    page = f"""<html><head><link rel="stylesheet preload" href=" //evil.example/x.css"><meta http-equiv=Refresh
    content="0;url=https://evil.example/"></head><body><article><p>ok</p><style>@import "x.css";</style>
    <a href="&#106;ava&#x09;script:x">a</a> <a href="&amp;#106;avascript:x">b</a> <a href="https://fine.example/">c</a>
    <img srcset="a.png 1x, https://evil.example/b.png 2x" src="a.png" oNeRrOr="{FLAG}">
    <svg><a xlink:href="data:text/html,x">d</a></svg><form action="\\\\evil.example\\x"></form>
    <div style="background:url(https://evil.example/p.gif)"></div><script>{FLAG}</script></article>
    <iframe src="about:blank"></iframe></body></html>"""
    reader = _Reader("probe.html")
    reader.feed(page)
    kinds = [(f.kind, f.tag) for f in reader.findings]
    assert kinds == [
        ("off-site", "link"),  # a stylesheet from another host, even behind a leading space
        ("active", "meta"),  # a refresh
        ("active", "style"),
        ("off-site", "style"),
        ("script-url", "a"),  # an entity and a tab inside the scheme
        ("script-url", "a"),  # double-encoded
        ("off-site", "img"),  # the second srcset candidate
        ("handler", "img"),
        ("script-url", "a"),  # xlink:href with data:
        ("off-site", "form"),  # backslashes for slashes
        ("off-site", "div"),
        ("active", "script"),
        ("payload", "script"),
        ("active", "iframe"),
        ("off-site", "iframe"),
    ], kinds


class _Titles(HTMLParser):
    """The document title, the og:title and the text of the first <h1> (without its permalink sign)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}
        self.open = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("property") == "og:title":
            self.found["og:title"] = values.get("content") or ""
        if tag in ("title", "h1") and tag not in self.found:
            self.open, self.found[tag] = tag, ""
        if tag == "a" and self.open == "h1":
            self.open = ""  # the headerlink closes the heading text

    def handle_endtag(self, tag: str) -> None:
        if tag == self.open:
            self.open = ""

    def handle_data(self, data: str) -> None:
        if self.open:
            self.found[self.open] += data


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_hostile_title_reads_as_written(tmp_path_factory: pytest.TempPathFactory, engine: str) -> None:
    page = hostile_site(tmp_path_factory, engine).site / "builds" / SLUG / "index.html"
    titles = _Titles()
    titles.feed(page.read_text(encoding="utf-8"))
    assert titles.found == {"title": f"{LINE} - PC Build Guides", "og:title": LINE, "h1": LINE}

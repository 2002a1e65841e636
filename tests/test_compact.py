"""Taking the theme's indentation out of a page changes nothing a browser shows."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from buildguide import engine
from buildguide.compact import compact

HERE = Path(__file__).parent
VERBATIM = ("pre", "textarea", "script", "style", "code", "kbd")  # white space shows there (Material's print CSS)

PAGE = """<!doctype html>
<html>
  <body>
    <nav>
      <ul>
        <li><a href="#a">A</a></li>

        <li>  <span>B</span>   <span>C</span>
        </li>
      </ul>
    </nav>
    <p>one <em>two</em>
       three</p>
    <p><strong>Ａ</strong>@ideo@
    　<strong>Ｂ</strong> and <code>a</code>@nbsp@
    <code>b</code></p>
    <p>Press <kbd>Ctrl</kbd>
      <kbd>C</kbd> <code>x  <span>y</span>
      <span>z</span></code></p>
    <pre><code>def f():

    return 1~~~
  <span>x</span>
</code></pre>
    <textarea>
  kept
    </textarea>
    <script>const t = `a
    <b>
    c`;</script>
    <style>
      p > a { color: red }
    </style>
  </body>
</html>
""".replace("~~~", "   ")  # white space at the end of a line of code, which must stay
PAGE = PAGE.replace("@ideo@", "\u3000").replace("@nbsp@", "\u00a0")  # at a line's end: spaces a reader sees


class _Shown(HTMLParser):
    """Tags with their attributes, and text as a browser lays it out: white space runs as one space."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, ...]] = []
        self.verbatim = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, repr(attrs)))
        self.verbatim += tag in VERBATIM

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag))
        self.verbatim -= tag in VERBATIM

    def handle_data(self, data: str) -> None:
        # HTML collapses only ASCII white space: a no-break or ideographic space shows.
        shown = data if self.verbatim else re.sub(r"[ \t\n\r\f]+", " ", data)
        if self.events and self.events[-1][0] == "text":
            self.events[-1] = ("text", self.events[-1][1] + shown)
        else:
            self.events.append(("text", shown))


def _shown(page: str) -> list[tuple[str, ...]]:
    parser = _Shown()
    parser.feed(page)
    parser.close()
    return parser.events


def test_white_space_between_tags_goes_and_what_a_browser_shows_stays() -> None:
    out = compact(PAGE)
    assert _shown(out) == _shown(PAGE)
    assert "\n    <nav>" not in out and ">\n<nav>" in out
    for verbatim in (
        "<pre><code>def f():\n\n    return 1   \n  <span>x</span>\n</code></pre>",
        "<textarea>\n  kept\n    </textarea>",
        "`a\n    <b>\n    c`",
        "\n      p > a { color: red }\n    ",
    ):
        assert verbatim in out


def test_material_s_own_page_shows_the_same_and_loses_its_indentation() -> None:
    """Material 9.8's output for a build page (header, nav, table of contents, scripts; the article left out)."""
    page = (HERE / "data" / "material-page.html").read_text()
    out = compact(page)
    assert _shown(out) == _shown(page)
    assert len(out) < 0.9 * len(page)


def test_zensical_pages_are_compacted_and_files_copied_from_the_docs_are_not(tmp_path: Path) -> None:
    """`buildguide build --engine zensical` does what MkDocs' hook does: rendered pages only."""
    site, docs = tmp_path / "site", tmp_path / "docs"
    indented = "<html>\n  <body>\n    <p>x</p>\n  </body>\n</html>\n"
    for path in ("page/index.html", "builds/old-name/index.html"):
        (site / path).parent.mkdir(parents=True)
        (site / path).write_text(indented)
    (docs / "builds" / "old-name").mkdir(parents=True)
    (docs / "builds" / "old-name" / "index.html").write_text(indented)  # a redirect page, copied as it is
    (site / "latin1.html").write_bytes("<p>\n  caf\xe9</p>".encode("latin-1"))
    engine._compact_pages(site, docs)
    assert (site / "page" / "index.html").read_text() == compact(indented) != indented
    assert (site / "builds" / "old-name" / "index.html").read_text() == indented
    assert (site / "latin1.html").read_bytes() == "<p>\n  caf\xe9</p>".encode("latin-1")

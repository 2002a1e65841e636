"""Contributor Markdown to inert HTML: raw HTML is shown as text, links must be http(s), no remote images.

The result is never passed through a template engine, so `{{ … }}` in a rationale stays literal text.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import markdown
from markdown.blockprocessors import HRProcessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

MAX_BRACKETS = 100  # per text: Python-Markdown's link search is quadratic (20,000 took 74 s)
MAX_LINES = 400  # per text: 5,000 one-word headings took 4 s; a long rationale has a few dozen lines
MAX_DEPTH = 16  # lists and quotes inside each other: Python-Markdown recurses, and 500 levels overflow the stack
# A list marker is one only before a space or the line's end ('----------' is a rule); '>' always quotes.
_MARKERS = re.compile(r"([ \t]*)((?:(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))[ \t]*)*)")
_MARKER = re.compile(r"[-*+>]|\d{1,9}[.)]")
_RULE = HRProcessor.SEARCH_RE  # a horizontal rule, exactly as the parser tells one from a list
_SAFE_HREF = re.compile(r"^https?://[^\s/@]+(/|$)", re.IGNORECASE)


class _Inert(Treeprocessor):
    """Keeps only http(s) links, turns images into their alt text, and demotes headings below the page's."""

    def run(self, root: ET.Element) -> None:
        self.bad: list[str] = []
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "a":
                    self._link(child)
                elif child.tag == "img":
                    self.bad_image(parent, child)
                elif re.fullmatch(r"h[1-6]", child.tag):
                    child.tag = f"h{min(int(child.tag[1]) + 3, 6)}"

    def _link(self, element: ET.Element) -> None:
        href = element.get("href", "")
        if _SAFE_HREF.match(href):
            element.set("rel", "nofollow ugc noopener")
            return
        # Autolinks such as <a@b.example> arrive entity-encoded; report the address as the contributor wrote it.
        shown = html.unescape(href.replace(markdown.util.AMP_SUBSTITUTE, "&"))
        self.bad.append(f"link target '{shown}' is not allowed; only http:// and https:// links")
        element.tag = "span"
        element.attrib.clear()

    def bad_image(self, parent: ET.Element, image: ET.Element) -> None:
        self.bad.append("images in text are not allowed; list them under 'images' so they are served locally")
        image.tag = "span"
        image.text = image.get("alt", "")
        image.attrib.clear()
        del parent  # the element is replaced in place


def _converter() -> tuple[markdown.Markdown, _Inert]:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")  # raw HTML is then escaped as ordinary text
    md.inlinePatterns.deregister("html")
    inert = _Inert(md)
    md.treeprocessors.register(inert, "inert", 0)
    return md, inert


_MD, _INERT = _converter()


# Text Markdown would only cut into paragraphs: no inline syntax, nothing the serializer escapes, no control
# characters, no whitespace at either end of a line, single blank lines, and no line that could open a list, a
# heading, a rule or a quote. Most rationale is such prose; it skips the parser, with byte-identical output.
_NOT_PROSE = re.compile(
    r"[\\`*_\[\]<>&#\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]|\n\n\n|^\s|\s\Z|[^\S\n]\n|\n[^\S\n]"
    r"|(?:^|\n)(?:[-+=]|\d+[.)])"
)


def render(text: str) -> tuple[Markup, list[str]]:
    """HTML for a contributor's Markdown, and what had to be neutralised (reported as errors by `check`)."""
    if text and not _NOT_PROSE.search(text):
        return Markup("\n".join(f"<p>{paragraph}</p>" for paragraph in text.split("\n\n"))), []
    html = _MD.reset().convert(text)
    return Markup(html), list(_INERT.bad)


def limits(text: str) -> str | None:
    """Why a text would cost the Markdown parser too much, or None: a fixed bound a test can assert."""
    if (brackets := text.count("[")) > MAX_BRACKETS:
        return (
            f"has {brackets:,} '[' characters; at most {MAX_BRACKETS} are allowed in one text "
            "(each can open a link, and Markdown's link search grows with the square of their number)"
        )
    if (lines := text.count("\n") + 1) > MAX_LINES:
        return f"has {lines:,} lines; at most {MAX_LINES} are allowed in one text"
    for line in text.splitlines():
        if _RULE.match(line):  # '* * * * *' draws a line; it opens no list
            continue
        found = _MARKERS.match(line)
        indent, markers = found.group(1), found.group(2)  # type: ignore[union-attr]
        depth = len(indent.expandtabs(4)) // 4 + len(_MARKER.findall(markers))
        if depth > MAX_DEPTH:
            return f"nests lists or quotes {depth} levels deep; at most {MAX_DEPTH} are allowed"
    return None


def may_link(text: str) -> bool:
    """Whether the text can hold a link or an image: Markdown writes both with '[', autolinks with '<'.

    Only links and images are reported by `render`, so `check` skips rendering text that has neither character.
    """
    return "[" in text or "<" in text


def inline(text: str) -> Markup:
    """Plain text made safe inside a Markdown line (headings, table cells): no HTML, no Markdown syntax."""
    escaped = re.sub(r"([\\`*_\[\]()#+\-.!])", r"\\\1", text)
    escaped = html.escape(escaped, quote=False)  # quotes are harmless in text and would show as &#34; in <title>
    # Braces as entities, not backslash escapes: mkdocs-macros takes a heading with "{%" for a template and
    # would then show the escaped Markdown (a \{% b) as the page's title. Last, so their "#" stays unescaped.
    return Markup(escaped.replace("{", "&#123;").replace("}", "&#125;"))

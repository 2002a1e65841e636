"""A Python-Markdown extension that keeps template-made HTML away from the engine's Markdown.

The render step wraps every HTML block its templates make between two marker lines. This preprocessor moves
each marked block into Markdown's own HTML stash before any other block processing, so the engine's Markdown
(attr_list, raw-HTML handling, code blocks) never parses it; Markdown puts it back unchanged at the end.
Contributor text inside a block was already rendered by `markup` and cannot forge a marker: every `<` it
holds is escaped. Enable it as `buildguide.blocks` in `markdown_extensions`.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

START = "<!-- buildguide:html -->"
END = "<!-- /buildguide:html -->"
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def mark(html: str) -> str:
    """An HTML block as a page source holds it: blank lines around, so it stands apart from any Markdown."""
    return f"\n{START}\n{html.strip(chr(10))}\n{END}\n\n"


class _Stash(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] | None = None
        fence = ""  # inside a fenced code block, a marker line is an example, not a marker
        for line in lines:
            if block is None:
                if opened := _FENCE.match(line):
                    mark = opened.group(1)
                    if not fence:
                        fence = mark
                    elif mark[0] == fence[0] and len(mark) >= len(fence) and not line.strip().strip(mark[0]):
                        fence = ""
                if line == START and not fence:
                    block = []
                else:
                    out.append(line)
            elif line == END:
                out += ["", self.md.htmlStash.store("\n".join(block)), ""]
                block = None
            else:
                block.append(line)
        if block is not None:
            raise ValueError(f"a template opened an HTML block ({START}) and never closed it")
        return out


class TemplateHtml(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After mkdocs-macros under Zensical (35) and whitespace normalising (30, which drops the stash's
        # placeholder characters), before raw HTML handling (20).
        md.preprocessors.register(_Stash(md), "buildguide_html", 25)


def makeExtension(**kwargs: object) -> TemplateHtml:
    return TemplateHtml(**kwargs)

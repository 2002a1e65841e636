"""The `buildguide.blocks` Markdown extension: template HTML between marker lines comes out exactly as it went in."""

from __future__ import annotations

import html
import re

import markdown
import pytest

from buildguide import blocks

# One element holding what Markdown would parse if it looked inside: a blank line, a four-space indent, attr_list
# braces, link and emphasis syntax.
NESTED = (
    '<div class="bg-part">\n'
    "<p>before a blank line</p>\n"
    "\n"
    "    <p>indented by four spaces</p>\n"
    "<p>{: onclick=x }</p>\n"
    "<p>[x](javascript:alert(1)) and *em* and __strong__</p>\n"
    "</div>"
)
# The same between elements, where Markdown does parse it: a code block, an attribute list, a javascript: link.
LOOSE = "<p>first</p>\n\n    four spaces in\n{: onclick=x }\n[x](javascript:alert(1)) *em*\n\n<p>last</p>"


def convert(text: str, *extensions: str) -> str:
    return markdown.Markdown(extensions=["buildguide.blocks", "attr_list", *extensions]).convert(text)


@pytest.mark.parametrize("block", [NESTED, LOOSE], ids=["nested", "loose"])
def test_a_marked_block_is_kept_byte_for_byte_and_the_markdown_around_it_still_renders(block: str) -> None:
    after = "Some *prose* and [a link](https://example.com/).\n"
    rendered = '<p>Some <em>prose</em> and <a href="https://example.com/">a link</a>.</p>'
    text = "# Parts {: #parts }\n" + blocks.mark(block) + after
    assert convert(text) == f'<h1 id="parts">Parts</h1>\n{block}\n{rendered}'


def test_marked_blocks_in_a_row_each_come_back_in_place() -> None:
    table = "<table><tr><td>*b*</td></tr></table>"
    text = blocks.mark("<p>one *a*</p>") + "## Between {: #between }\n" + blocks.mark(table)
    assert convert(text) == f'<p>one *a*</p>\n<h2 id="between">Between</h2>\n{table}'


def test_without_the_markers_the_same_html_would_be_parsed() -> None:
    # What the markers prevent: Markdown turns the loose lines into a code block, a link and emphasis.
    plain = convert(LOOSE)
    assert "<pre><code>four spaces in" in plain and "<em>em</em>" in plain and 'href="javascript' in plain


def test_an_unclosed_block_is_an_error() -> None:
    with pytest.raises(ValueError, match="never closed"):
        convert(f"# Title\n\n{blocks.START}\n<div>\n\n*x*\n")


def test_a_marker_inside_a_line_is_text_not_a_marker() -> None:
    text = f"A line that mentions {blocks.START} in passing.\n\n*em*\n\nAnd {blocks.END} too.\n\n*more*\n"
    out = convert(text)  # no ValueError for the unclosed-looking START
    assert "<p><em>em</em></p>" in out and "<p><em>more</em></p>" in out
    indented = convert(f"  {blocks.START}\n\n*em*\n")  # not the whole line either
    assert "<p><em>em</em></p>" in indented


def test_mark_puts_the_block_on_lines_of_its_own() -> None:
    marked = blocks.mark("\n<div>x</div>\n")
    assert marked == f"\n{blocks.START}\n<div>x</div>\n{blocks.END}\n\n"
    assert convert("Text right before" + marked + "and right after.") == (
        "<p>Text right before</p>\n<div>x</div>\n<p>and right after.</p>"
    )


def test_marker_lines_inside_a_fenced_code_block_stay_code() -> None:
    text = f"```html\n{blocks.START}\n<b>bold</b>\n{blocks.END}\n```\n"
    out = convert(text, "pymdownx.superfences")
    assert "<b>" not in out  # shown as code, not made bold
    shown = html.unescape(re.sub(r"<[^>]+>", "", out))
    assert f"{blocks.START}\n<b>bold</b>\n{blocks.END}" in shown

"""Guide pages hand their HTML blocks around Python-Markdown and get them back unchanged."""

from __future__ import annotations

import markdown

from buildguide.site import _Stash


def test_html_blocks_skip_markdown_and_come_back_in_place() -> None:
    page = (
        '## Parts {: #parts }\n\n<div class="x">\n<p>a *b*</p>\n</div>\n\n'
        "Some *prose*.\n\n<table><tr><td>1</td></tr></table>"
    )
    stash = _Stash()
    hidden = stash.hide(page)
    assert "<div" not in hidden and "<table>" not in hidden
    html = stash.restore(markdown.markdown(hidden, extensions=["attr_list"]))
    assert html == (
        '<h2 id="parts">Parts</h2>\n<div class="x">\n<p>a *b*</p>\n</div>\n<p>Some <em>prose</em>.</p>\n'
        "<table><tr><td>1</td></tr></table>"
    )
    assert stash.blocks == {}  # each block is handed back once, then dropped


def test_a_forged_placeholder_stays_text() -> None:
    stash, other = _Stash(), _Stash()
    other.hide("<div>secret</div>")
    forged = f"<p>bgstash{other.token}n0</p>"  # another build's token, as a contributor might guess one
    assert stash.restore(forged) == forged

"""Contributor Markdown: the plain-prose shortcut gives exactly what the sanitising parser gives."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buildguide import markup

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "1500"))
# Words, the whitespace between them and the starts of Markdown blocks, so that both the shortcut and the
# parser are taken often and the edge cases (three newlines, trailing spaces, a line that opens a list) come up.
TOKENS = ["Titan", "é", "12", ".", ",", "(", ")", "'", '"', "%", " ", "  ", "\t", "\n", "\n\n", "\n\n\n"]
TOKENS += ["- ", "+ ", "= ", "1. ", "2) ", "# ", "> ", "*", "_", "`", "[", "]", "<", "&", "|", "{", "}", "\u2028"]
PROSE = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=24).map("".join)


def _parsed(text: str) -> str:
    return markup._MD.reset().convert(text)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(PROSE)
def test_the_prose_shortcut_matches_the_parser(text: str) -> None:
    html, problems = markup.render(text)
    assert str(html) == _parsed(text)
    assert problems == list(markup._INERT.bad)


def test_the_shortcut_is_taken_for_plain_paragraphs() -> None:
    text = "Two cards, one bridge.\n\nA second paragraph."
    assert not markup._NOT_PROSE.search(text)
    assert str(markup.render(text)[0]) == "<p>Two cards, one bridge.</p>\n<p>A second paragraph.</p>"


@pytest.mark.parametrize("rule", ["-" * 40, "*" * 40, "_" * 40, "* " * 20, "- " * 20, "-5 °C at idle, " * 20])
def test_a_rule_or_a_dash_is_not_taken_for_deep_lists(rule: str) -> None:
    """Only a marker before a space opens a list; the nesting guard counted every dash of a rule as a level."""
    assert markup.limits(f"Above.\n\n{rule}\n\nBelow.") is None
    html, bad = markup.render(f"Above.\n\n{rule}\n\nBelow.")
    assert bad == [] and "Below." in html


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("- " * 17 + "x", 17),
        ("> " * 17 + "x", 17),
        (">" * 17 + " x", 17),
        ("1. " * 17 + "x", 17),
        ("    " * 17 + "- x", 18),
        ("-    " * 17, 17),  # four spaces apart is no rule to the parser: it is lists
    ],
)
def test_nesting_past_the_limit_is_still_refused(text: str, depth: int) -> None:
    assert markup.limits(text) == f"nests lists or quotes {depth} levels deep; at most 16 are allowed"

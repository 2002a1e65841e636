"""The characters a contributor's YAML file may not hold, and where in the file one stands.

Refused: C0 controls but tab and line feed, and whatever does not show as itself (errors.INVISIBLE), in values
and keys (`yamlfile` reports each at its field) and in comments, which reviewers read; and anywhere, the line
breaks only YAML sees (`hidden_breaks`), which would turn the rest of a comment into keys.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import INVISIBLE, Problem

# C0 controls but tab and line feed, and every character that does not show as itself (errors.INVISIBLE).
CONTROL = re.compile(rf"[\x00-\x08\x0b-\x1f{INVISIBLE}]")
# What YAML reads as a line break but editors and diffs do not show as one: a key after it in a comment would
# be read while a reviewer sees a comment. A carriage return is one only before a line feed.
HIDDEN_BREAK = re.compile(r"\r(?!\n)|[\x85\u2028\u2029]")
_NAMES = {
    "\r": "carriage return U+000D without a line feed",
    "\x85": "next line U+0085",
    "\u2028": "line separator U+2028",
    "\u2029": "paragraph separator U+2029",
}
_READ = "YAML reads it as a line break that editors and diffs do not show"
# Outside values (in comments, say) the same characters as CONTROL, but for the \r of a \r\n line end.
CONTROL_OUTSIDE = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f{INVISIBLE}]")


def name(char: str) -> str:
    what = "control character" if unicodedata.category(char) == "Cc" else "invisible formatting character"
    return f"{what} U+{ord(char):04X}"


def position(text: str, index: int) -> tuple[int, int]:
    """Line and column of text[index], counting only line feeds as line ends, as editors and diffs do."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def hidden_breaks(path: str, text: str) -> list[Problem]:
    if not any(char in text for char in _NAMES):  # most files: four scans in C, a hundredth of the regex's time
        return []
    return [
        Problem(path, *position(text, found.start()), "(file)", f"{_NAMES[found.group()]} is not allowed: {_READ}")
        for found in HIDDEN_BREAK.finditer(text)
    ]


def outside(path: str, text: str, texts: list[tuple[int, int, str]]) -> list[Problem]:
    """The refused characters outside every text value and key: in comments, which reviewers read. `texts` holds
    the span of each text ("text", or "block" for a | or > block) and of each node the walk refused ("whole")."""
    spans = sorted(
        (start if kind == "whole" else _text_start(text, start, end, kind), end) for start, end, kind in texts
    )
    found: dict[int, Problem] = {}  # the first on each line: a line of 5,000 zero-width spaces is one problem
    n, reach = 0, -1  # how far the spans that start before this character reach (they may nest)
    for match in CONTROL_OUTSIDE.finditer(text):
        while n < len(spans) and spans[n][0] <= match.start():
            reach = max(reach, spans[n][1])
            n += 1
        if reach > match.start():
            continue  # inside a value: reported there, at its field
        line, col = position(text, match.start())
        message = f"{name(match.group())} is not allowed, in comments too"
        found.setdefault(line, Problem(path, line, col, "(file)", message))
    return list(found.values())


# A tag before a value, and any comments between them: `!!str # note` then the text on the next line.
_TAG_AND_COMMENTS = re.compile(r"![^\s]*(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]*")


def _text_start(text: str, start: int, end: int, kind: str) -> int:
    """Where a text's own characters start: after its tag and the comments after that, if it has one, and for a
    block on the line after its `|` or `>`, where a comment may follow (or at its end, if the file stops there)."""
    if text.startswith("!", start):
        start = min(end, _TAG_AND_COMMENTS.match(text, start).end())  # type: ignore[union-attr]
    if kind != "block":
        return start
    line_end = text.find("\n", start, end)
    return end if line_end < 0 else line_end + 1


def may_refuse(text: str) -> bool:
    """Whether any value can hold a refused character: one scan of the file spares most files one per value."""
    if "\\" in text:  # a double-quoted escape ("\u200b") makes a character the raw text does not show
        return True
    if text.isascii():  # most files: C's isprintable is quicker than the regex, and refuses the same characters
        return not text.replace("\t", "").replace("\n", "").isprintable()
    return CONTROL.search(text) is not None

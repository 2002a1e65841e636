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


def outside(path: str, text: str, texts: list[tuple[int, int, bool]]) -> list[Problem]:
    """The refused characters outside every text value and key (their spans in `texts`, and whether each is a
    block): in comments, which reviewers read."""
    # A block's text starts on the line after its `|` or `>`, where a comment may follow.
    spans = sorted((text.find("\n", start) + 1 if block else start, end) for start, end, block in texts)
    found, n = [], 0
    for match in CONTROL_OUTSIDE.finditer(text):
        while n < len(spans) and spans[n][1] <= match.start():
            n += 1
        if n < len(spans) and spans[n][0] <= match.start():
            continue  # inside a value: reported there, at its field
        message = f"{name(match.group())} is not allowed, in comments too"
        found.append(Problem(path, *position(text, match.start()), "(file)", message))
    return found


def may_refuse(text: str) -> bool:
    """Whether any value can hold a refused character: one scan of the file spares most files one per value."""
    if "\\" in text:  # a double-quoted escape ("\u200b") makes a character the raw text does not show
        return True
    if text.isascii():  # most files: C's isprintable is quicker than the regex, and refuses the same characters
        return not text.replace("\t", "").replace("\n", "").isprintable()
    return CONTROL.search(text) is not None

"""The theme's indentation taken out of a finished page, with nothing a browser shows changed.

Material's templates indent every nav and table-of-contents entry, about 5 KB of a build page. Between two tags,
a run of white space that holds a line break becomes one line break: HTML shows any such run as one space (or
none), so the page looks the same. Inside <pre>, <textarea>, <script> and <style> white space is content, and
so it is in <code> and <kbd> when Material prints a page; those are copied as they are.
"""

from __future__ import annotations

import re

_VERBATIM = re.compile(r"(<(pre|textarea|script|style|code|kbd)\b.*?</\2\s*>)", re.S | re.I)
# HTML's white space only: a no-break or ideographic space is a character a reader sees (\s would match it).
_BETWEEN_TAGS = re.compile(r">[ \t\r\f]*\n[ \t\n\r\f]*<")


def compact(page: str) -> str:
    pieces = _VERBATIM.split(page)  # text, verbatim element, its tag name, text, …
    out = []
    for n in range(0, len(pieces), 3):
        out.append(_BETWEEN_TAGS.sub(">\n<", pieces[n]))
        if n + 1 < len(pieces):
            out.append(pieces[n + 1])
    return "".join(out)

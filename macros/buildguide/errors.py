"""The one exception type for mistakes in user data, and the one-line form every mistake is reported in."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Characters that do not show as themselves, as the inside of a character class: C1 controls, line and
# paragraph separators, the bidirectional marks and overrides that make text read differently from how it is
# stored, and what shows as nothing at all: invisible spaces, joiners and format marks (zero-width space, word
# joiner, BOM, soft hyphen, combining grapheme joiner, Arabic number signs, Egyptian format controls), the blank
# letters that pass for nothing (Hangul and Khmer fillers), variation selectors that follow no base meant for
# them (they can spell out hidden bytes), interlinear annotation marks, Unicode tags (which carry hidden ASCII),
# and noncharacters (XML cannot hold them, so a feed would not parse). ZWJ and ZWNJ (U+200C, U+200D) and the
# emoji and text presentation selectors (U+FE0E, U+FE0F) stay: scripts and emoji need them. The YAML reader
# refuses all of these in a file, and C0 controls but tab and line feed; an error line escapes them.
INVISIBLE = (
    r"\x7f-\x9f\xad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    r"\u180b-\u180f\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0d\ufeff\uffa0"
    r"\ufdd0-\ufdef\ufff0-\ufffb\ufffe\uffff\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    r"\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
_ESCAPED = re.compile(rf"[\x00-\x1f{INVISIBLE}]")


def one_line(text: str) -> str:
    """Control and bidirectional characters (from a file name, say) escaped, so a problem stays on its own line
    and a terminal or an annotation shows it as written."""
    return _ESCAPED.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, pointed at the place a contributor has to edit."""

    path: str
    line: int
    col: int
    field: str
    message: str

    def __str__(self) -> str:
        return one_line(f"{self.path}:{self.line}:{self.col}: {self.field}: {self.message}")


class DataError(Exception):
    """Raised with every problem found in a run, so a contributor sees all of them at once."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(map(str, self.problems)))

    def __reduce__(self) -> tuple[type[DataError], tuple[list[Problem]]]:
        # Rebuilt from its problems when a worker process sends it back (by default, from its message).
        return DataError, (self.problems,)

"""The one exception type for mistakes in user data, and the one-line form every mistake is reported in."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_CONTROL = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u180e\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def one_line(text: str) -> str:
    """Control and bidirectional characters (from a file name, say) escaped, so a problem stays on its own line
    and a terminal or an annotation shows it as written."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


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

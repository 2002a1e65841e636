"""Do the memory modules fit the board?"""

from __future__ import annotations

from collections.abc import Iterator

from ..load import LoadedBuild
from .registry import Issue, error, need, one, rule


@rule("memory-type", "Memory type matches the motherboard")
def memory_type(build: LoadedBuild) -> Iterator[Issue]:
    board = one(build, "motherboard")
    board_type = need(board, "memory_type")
    for kit in build.by_role("memory"):
        kit_type = need(kit, "type")
        if kit_type.upper() != board_type.upper():
            yield error(
                f"{kit.name} is {kit_type}, but {board.name} takes {board_type}: "
                f"{kit_type} and {board_type} modules are keyed differently and do not fit each other's slots.",
                kit,
                board,
            )

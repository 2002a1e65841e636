"""Does the CPU fit the board?"""

from __future__ import annotations

from collections.abc import Iterator

from ..load import LoadedBuild
from .registry import Issue, error, need, one, rule


def same_socket(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return s.upper().replace(" ", "").replace("-", "")

    return norm(a) == norm(b)


@rule("cpu-socket", "CPU socket matches the motherboard")
def cpu_socket(build: LoadedBuild) -> Iterator[Issue]:
    cpu, board = one(build, "cpu"), one(build, "motherboard")
    cpu_socket, board_socket = need(cpu, "socket"), need(board, "socket")
    if not same_socket(cpu_socket, board_socket):
        yield error(
            f"{cpu.name} needs socket {cpu_socket}, but {board.name} has socket {board_socket}: "
            "the CPU cannot be installed on this board.",
            cpu,
            board,
        )

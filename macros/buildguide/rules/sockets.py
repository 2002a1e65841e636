"""Does the CPU fit the board, and does the cooler mount on that socket?"""

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


@rule("cooler-socket", "CPU cooler mounts on the CPU's socket")
def cooler_socket(build: LoadedBuild) -> Iterator[Issue]:
    cooler, cpu = one(build, "cooler"), one(build, "cpu")
    sockets, cpu_socket = need(cooler, "sockets"), need(cpu, "socket")
    if not any(same_socket(s, cpu_socket) for s in sockets):
        yield error(
            f"{cooler.name} mounts on {', '.join(sockets)}, but {cpu.name} uses socket {cpu_socket}: "
            "the cooler's mounting kit does not fit this socket.",
            cooler,
            cpu,
        )

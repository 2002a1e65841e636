"""Does the CPU fit the board, and does the cooler mount on that socket?"""

from __future__ import annotations

from collections.abc import Iterator

from ..load import LoadedBuild
from ..vocabulary import mounting
from .registry import Issue, error, need, note, ok, one, rule


@rule("cpu-socket", "CPU socket matches the motherboard")
def cpu_socket(build: LoadedBuild) -> Iterator[Issue]:
    cpu, board = one(build, "cpu"), one(build, "motherboard")
    cpu_socket, board_socket = need(cpu, "socket"), need(board, "socket")
    if cpu_socket == board_socket:
        yield ok(f"{cpu.name} and {board.name} are both socket {cpu_socket}.")
    else:
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
    if cpu_socket in sockets:
        yield ok(f"{cooler.name} lists socket {cpu_socket} among the sockets it mounts on.")
        return
    family = next((f for s in sockets if (f := mounting(s, cpu_socket))), None)
    if family is not None:
        listed = next(s for s in sockets if s in family.sockets)
        sources = "; ".join(url for _, url in family.sources)
        mounts = f"{cooler.name} lists {listed}, which mounts like {cpu_socket}: {family.why} ({sources})"
        if family.caveat:
            yield note(f"{mounts}; but {family.caveat}: check the cooler maker's list.", cooler, cpu)
        else:
            yield ok(f"{mounts}.")
        return
    yield error(
        f"{cooler.name} mounts on {', '.join(sockets)}, but {cpu.name} uses socket {cpu_socket}: "
        "the cooler's mounting kit does not fit this socket.",
        cooler,
        cpu,
    )

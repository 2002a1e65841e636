"""Does the NVLink or SLI bridge reach between two x16 slots the cards can sit in?"""

from __future__ import annotations

from collections.abc import Iterator

from ..load import LoadedBuild
from .placement import cards, x16_positions
from .registry import Issue, NotApplicable, count, error, names, need, ok, one, rule, some


@rule("bridge-spacing", "The bridge's slot spacing matches two x16 slots the cards can use")
def bridge_spacing(build: LoadedBuild) -> Iterator[Issue]:
    bridge, gpus, board = one(build, "bridge"), some(build, "gpu"), one(build, "motherboard")
    spacing, positions = need(bridge, "slot_spacing"), x16_positions(board)
    widest = max(w for _, w in cards(gpus))
    # Two cards can be bridged from slot a to slot b when b - a equals the bridge's spacing and the upper card
    # does not cover slot b.
    usable = sorted({b - a for a in positions for b in positions if b - a >= widest})
    if spacing not in usable:
        offered = " or ".join(map(str, usable)) if usable else "none"
        yield error(
            f"{bridge.name} spans {spacing} slots, but two {widest}-slot cards in {board.name}'s x16 slots "
            f"(positions {', '.join(map(str, positions))}) can sit {offered} slots apart: "
            "the bridge will not reach both cards' connectors.",
            bridge,
            *gpus,
            board,
        )
        return
    upper, lower = next((a, b) for a in positions for b in positions if b - a == spacing)
    yield ok(
        f"{bridge.name} spans {spacing} slots, joining cards in {board.name}'s x16 slots at positions {upper} and "
        f"{lower}, where a {widest}-slot card in the upper slot leaves the lower one free."
    )


@rule("bridge-gpus", "The bridge joins two cards that support it")
def bridge_gpus(build: LoadedBuild) -> Iterator[Issue]:
    bridge, gpus = one(build, "bridge"), some(build, "gpu")
    if need(bridge, "kind") != "nvlink":
        raise NotApplicable("the catalog does not record which cards take an SLI bridge")
    unsupported = [g for g in gpus if not need(g, "nvlink")]
    if unsupported:
        yield error(
            f"{bridge.name} is an NVLink bridge, but there is no NVLink connector on {names(unsupported)}: "
            "the bridge has nothing to plug into.",
            bridge,
            *unsupported,
        )
    elif count(gpus) < 2:
        yield error(
            f"{bridge.name} joins two cards, but the build has {count(gpus)} graphics card: "
            "a bridge needs a second card to connect to.",
            bridge,
            *gpus,
        )
    else:
        yield ok(
            f"{bridge.name} is an NVLink bridge, and each of the {count(gpus)} cards ({names(gpus)}) has an NVLink "
            "connector."
        )

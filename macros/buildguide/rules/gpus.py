"""Do the graphics cards fit the board's x16 slots and the case, and can stacked cards breathe?"""

from __future__ import annotations

from collections.abc import Iterator

from ..load import LoadedBuild
from .placement import bottom, cards, place, x16_positions
from .registry import Issue, NotApplicable, count, error, names, need, num, one, rule, some, warning


def _positions(positions: list[int]) -> str:
    return ", ".join(map(str, positions))


@rule("gpu-x16-slots", "One PCIe x16 slot per graphics card")
def gpu_x16_slots(build: LoadedBuild) -> Iterator[Issue]:
    gpus, board = some(build, "gpu"), one(build, "motherboard")
    wanted, slots = count(gpus), len(need(board, "pcie_x16_slots"))
    if wanted > slots:
        yield error(
            f"{names(gpus)} need {wanted} PCIe x16 slots, but {board.name} has {slots}: "
            "each card needs a full-length slot of its own (or a riser cable).",
            *gpus,
            board,
        )


@rule("gpu-slot-fit", "Graphics cards fit the board's x16 slot positions without covering each other")
def gpu_slot_fit(build: LoadedBuild) -> Iterator[Issue]:
    gpus, board = some(build, "gpu"), one(build, "motherboard")
    seated, positions = cards(gpus), x16_positions(board)
    if len(seated) > len(positions):
        raise NotApplicable("gpu-x16-slots reports the shortage")
    widths = [w for _, w in seated]
    if place(positions, widths) is None:
        yield error(
            f"{names(gpus)} cover {' + '.join(map(str, widths))} = {sum(widths)} slot positions, but the x16 slots of "
            f"{board.name} are at positions {_positions(positions)}: every arrangement has one card covering the "
            "slot another card needs.",
            *gpus,
            board,
        )


@rule("gpu-case-slots", "Graphics cards fit within the case's expansion slots")
def gpu_case_slots(build: LoadedBuild) -> Iterator[Issue]:
    gpus, case = some(build, "gpu"), one(build, "case")
    seated, limit = cards(gpus), need(case, "expansion_slots")
    widths = [w for _, w in seated]
    if sum(widths) > limit:  # too wide in any arrangement, whatever the board
        yield error(
            f"{names(gpus)} cover {sum(widths)} slot positions together, but {case.name} has {limit} expansion "
            "slots: the cards cannot all fit through the case's back panel.",
            *gpus,
            case,
        )
        return
    board = one(build, "motherboard")
    positions = x16_positions(board)
    best = place(positions, widths)
    if best is None:
        raise NotApplicable("gpu-slot-fit or gpu-x16-slots reports the problem")
    if bottom(best) > limit:
        yield error(
            f"In {board.name}'s x16 slots (positions {_positions(positions)}) the lowest card reaches slot position "
            f"{bottom(best)}, but {case.name} has {limit} expansion slots: the bottom card overhangs the case's "
            "last slot opening.",
            *gpus,
            board,
            case,
        )


@rule("gpu-length", "Graphics card length within the case's maximum")
def gpu_length(build: LoadedBuild) -> Iterator[Issue]:
    gpus, case = some(build, "gpu"), one(build, "case")
    limit = need(case, "max_gpu_length_mm")
    for gpu in gpus:
        length = need(gpu, "length_mm")
        if length > limit:
            yield error(
                f"{gpu.name} is {num(length)} mm long, but {case.name} takes cards up to {num(limit)} mm: "
                "the card would hit the front of the case or its drive cage.",
                gpu,
                case,
            )


@rule("gpu-airflow", "Stacked graphics cards can exhaust their heat")
def gpu_airflow(build: LoadedBuild) -> Iterator[Issue]:
    gpus = some(build, "gpu")
    if count(gpus) < 2:
        raise NotApplicable("a single card")
    open_air = [g for g in gpus if need(g, "cooler") == "open-air"]
    if count(open_air) < 2:
        return
    yield warning(
        f"{names(open_air)} are {count(open_air)} open-air cards in one case: an open-air card blows its heat into "
        "the case, so in a stack the upper card breathes the lower card's exhaust and runs hotter, and may slow "
        "down. Leave empty slots between the cards and add case airflow, or choose blower-style cards, which push "
        "their heat out through the back panel.",
        *open_air,
    )

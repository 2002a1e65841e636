"""Do the graphics cards fit the board's x16 slots and the case, and can stacked cards breathe?"""

from __future__ import annotations

from collections.abc import Iterator

from ..load import LoadedBuild
from .placement import bottom, cards, place, x16_positions
from .registry import Issue, NotApplicable, count, error, names, need, num, ok, one, plural, rule, some, warning


def _positions(positions: list[int]) -> str:
    return ", ".join(map(str, positions))


def _and(words: list[str]) -> str:
    """'1, 4 and 7': a list as a sentence names it."""
    return " and ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + " and " + words[-1]


def _span(position: int, width: int) -> str:
    return f"{position} to {position + width - 1}" if width > 1 else str(position)


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
    else:
        each = ", one slot each" if wanted > 1 else ""
        free = f", {slots - wanted} free" if slots > wanted else ""
        yield ok(
            f"{names(gpus)}: {plural(wanted, 'card')} in {board.name}'s {plural(slots, 'PCIe x16 slot')}{each}{free}."
        )


@rule("gpu-slot-fit", "Graphics cards fit the board's x16 slot positions without covering each other")
def gpu_slot_fit(build: LoadedBuild) -> Iterator[Issue]:
    gpus, board = some(build, "gpu"), one(build, "motherboard")
    seated, positions = cards(gpus), x16_positions(board)
    if len(seated) > len(positions):
        raise NotApplicable("gpu-x16-slots reports the shortage")
    widths = [w for _, w in seated]
    if (best := place(positions, widths)) is None:
        yield error(
            f"{names(gpus)} cover {' + '.join(map(str, widths))} = {sum(widths)} slot positions, but the x16 slots of "
            f"{board.name} are at positions {_positions(positions)}: every arrangement has one card covering the "
            "slot another card needs.",
            *gpus,
            board,
        )
    elif len(best) == 1:
        ((position, width),) = best
        yield ok(
            f"{names(gpus)} sits in {board.name}'s x16 slot at position {position}, covering slot positions "
            f"{_span(position, width)}."
        )
    else:
        yield ok(
            f"{names(gpus)} sit in {board.name}'s x16 slots at positions {_and([str(p) for p, _ in best])}, covering "
            f"slot positions {_and([_span(p, w) for p, w in best])}: no card covers another card's slot."
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
        return
    lowest = bottom(best)
    card = f"The lowest of {names(gpus)}" if len(best) > 1 else names(gpus)
    spare = f", {plural(limit - lowest, 'slot')} to spare" if limit > lowest else ""
    yield ok(
        f"{card} reaches slot position {lowest} in {board.name}'s x16 slots, within {case.name}'s {limit} expansion "
        f"slots{spare}."
    )


@rule("gpu-length", "Graphics card length within the case's maximum")
def gpu_length(build: LoadedBuild) -> Iterator[Issue]:
    gpus, case = some(build, "gpu"), one(build, "case")
    limit = need(case, "max_gpu_length_mm")
    lengths = []
    for gpu in gpus:
        length = need(gpu, "length_mm")
        lengths.append((length, gpu))
        if length > limit:
            yield error(
                f"{gpu.name} is {num(length)} mm long, but {case.name} takes cards up to {num(limit)} mm: "
                "the card would hit the front of the case or its drive cage.",
                gpu,
                case,
            )
    length, longest = max(lengths, key=lambda pair: pair[0])
    if length <= limit:
        card = (
            f"The longest card, the {num(length)} mm {longest.name},"
            if len(gpus) > 1
            else f"The {num(length)} mm {longest.name}"
        )
        spare = f", {num(limit - length)} mm to spare" if length < limit else " exactly"
        yield ok(f"{card} fits {case.name}'s {num(limit)} mm card-length limit{spare}.")


@rule("gpu-airflow", "Stacked graphics cards can exhaust their heat")
def gpu_airflow(build: LoadedBuild) -> Iterator[Issue]:
    gpus = some(build, "gpu")
    if count(gpus) < 2:
        raise NotApplicable("a single card")
    open_air = [g for g in gpus if need(g, "cooler") == "open-air"]
    if count(open_air) < 2:
        kinds = [
            (kind, count(g for g in gpus if need(g, "cooler") == kind))
            for kind in ("open-air", "blower", "liquid", "passive")
        ]
        present = [(kind, n) for kind, n in kinds if n]
        mix = " and ".join(f"{n} {kind}" for kind, n in present) if len(present) > 1 else present[0][0]
        why = "none" if not open_air else "only one"
        yield ok(
            f"{names(gpus)} are {mix} cards: {why} is an open-air card blowing its heat into the case, so no card "
            "breathes another card's exhaust."
        )
        return
    yield warning(
        f"{names(open_air)} are {count(open_air)} open-air cards in one case: an open-air card blows its heat into "
        "the case, so in a stack the upper card breathes the lower card's exhaust and runs hotter, and may slow "
        "down. Leave empty slots between the cards and add case airflow, or choose blower-style cards, which push "
        "their heat out through the back panel.",
        *open_air,
    )

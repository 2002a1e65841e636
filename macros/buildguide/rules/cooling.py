"""Does the CPU cooler fit under the side panel and over the memory?"""

from __future__ import annotations

from collections.abc import Iterator

from ..load import Item, LoadedBuild
from .registry import Issue, NotApplicable, error, need, note, num, ok, one, rule, some, warning


def air_cooler(build: LoadedBuild) -> Item:
    cooler = one(build, "cooler")
    if need(cooler, "kind") != "air":
        raise NotApplicable("a liquid cooler's block sits low; its radiator is checked by cooler-radiator")
    return cooler


@rule("cooler-radiator", "Liquid cooler's radiator fits one of the case's radiator mounts")
def cooler_radiator(build: LoadedBuild) -> Iterator[Issue]:
    cooler, case = one(build, "cooler"), one(build, "case")
    if need(cooler, "kind") != "liquid":
        raise NotApplicable("an air cooler has no radiator")
    size, mounts = need(cooler, "radiator_mm"), need(case, "radiator_mounts")
    fitting = [m for m in mounts if m.max_mm >= size]
    if fitting:
        places = " or ".join(f"{m.position} (up to {num(m.max_mm)} mm)" for m in fitting)
        yield ok(f"{cooler.name}'s {num(size)} mm radiator fits {case.name}'s {places} mount.")
        return
    largest = max((m.max_mm for m in mounts), default=0)
    yield error(
        f"{cooler.name} has a {size} mm radiator, but the largest radiator {case.name} takes is "
        f"{largest} mm: the radiator has nowhere to go. Choose a smaller radiator or another case.",
        cooler,
        case,
    )


@rule("cooler-tdp", "Cooler rated for the CPU's heat")
def cooler_tdp(build: LoadedBuild) -> Iterator[Issue]:
    cooler, cpu = one(build, "cooler"), one(build, "cpu")
    rating, tdp = need(cooler, "tdp_rating_w"), need(cpu, "tdp_w")
    if rating < tdp:
        yield warning(
            f"{cooler.name} is rated for {num(rating)} W, but {cpu.name}'s TDP is {num(tdp)} W: under a long full "
            "load the CPU may slow itself down to stay within its temperature limit. Makers rate coolers in their "
            f"own ways, so check reviews at this load, or choose a cooler rated for at least {num(tdp)} W.",
            cooler,
            cpu,
        )
    else:
        yield ok(
            f"{cooler.name} is rated for {num(rating)} W, {num(rating - tdp)} W above {cpu.name}'s {num(tdp)} W TDP."
        )


@rule("cooler-height", "CPU cooler height within the case's maximum")
def cooler_height(build: LoadedBuild) -> Iterator[Issue]:
    cooler, case = air_cooler(build), one(build, "case")
    height, limit = need(cooler, "height_mm"), need(case, "max_cooler_height_mm")
    if height > limit:
        yield error(
            f"{cooler.name} is {num(height)} mm tall, but {case.name} takes coolers up to {num(limit)} mm: "
            "the side panel will not close.",
            cooler,
            case,
        )
    elif height < limit:
        yield ok(
            f"The {num(height)} mm {cooler.name} fits under {case.name}'s {num(limit)} mm limit, "
            f"{num(limit - height)} mm to spare."
        )
    else:
        yield ok(f"The {num(height)} mm {cooler.name} fits under {case.name}'s {num(limit)} mm limit exactly.")


@rule("cooler-ram-clearance", "Memory modules fit under the CPU cooler")
def cooler_ram_clearance(build: LoadedBuild) -> Iterator[Issue]:
    cooler, kits = air_cooler(build), some(build, "memory")
    clearance = need(cooler, "ram_clearance_mm")
    tallest = max(kits, key=lambda kit: need(kit, "height_mm"))
    height = need(tallest, "height_mm")
    if height <= clearance:
        # Shown even when it fits: it is the clearance most part lists leave unchecked.
        yield note(
            f"{tallest.name} modules are {num(height)} mm tall and {cooler.name} leaves {num(clearance)} mm under "
            f"its front fan: they fit, with {num(clearance - height)} mm to spare.",
            tallest,
            cooler,
        )
        return
    # The usual remedy on tower coolers: clip the front fan higher, which adds the overlap to the total height.
    case = one(build, "case")
    raise_mm = height - clearance
    raised, limit = need(cooler, "height_mm") + raise_mm, need(case, "max_cooler_height_mm")
    clash = (
        f"{tallest.name} modules are {num(height)} mm tall, but {cooler.name} leaves {num(clearance)} mm under its "
        f"front fan: raising the fan by {num(raise_mm)} mm makes the cooler {num(raised)} mm tall"
    )
    if raised > limit:
        yield error(
            f"{clash}, over {case.name}'s {num(limit)} mm limit. Choose low-profile modules of at most "
            f"{num(clearance)} mm.",
            *kits,
            cooler,
            case,
        )
        return
    # Whether the fan can move that far is a figure few makers publish; without it the remedy is unproven.
    without_fan = need(cooler, "ram_clearance_no_fan_mm")
    if height > without_fan:
        yield error(
            f"{tallest.name} modules are {num(height)} mm tall, but {cooler.name} leaves {num(without_fan)} mm even "
            f"without its front fan: the modules do not fit under the heatsink. Choose modules of at most "
            f"{num(clearance)} mm.",
            *kits,
            cooler,
        )
        return
    yield warning(
        f"{clash}, within {case.name}'s {num(limit)} mm limit: raise the fan, or choose modules of at most "
        f"{num(clearance)} mm.",
        *kits,
        cooler,
        case,
    )

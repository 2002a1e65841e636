"""Do the memory modules fit the board and the CPU, and how do they fill the memory channels?"""

from __future__ import annotations

from collections.abc import Iterator

from ..load import Item, LoadedBuild
from .registry import Issue, error, names, need, note, num, ok, one, plural, rule, some, warning


def modules(kits: list[Item]) -> int:
    return sum(need(kit, "modules") * kit.item.quantity for kit in kits)


def agree(kits: list[Item], single: str, several: str) -> str:
    """'is' for a single kit, 'are' for several: how a sentence that names the kits goes on."""
    return single if len(kits) == 1 and kits[0].item.quantity == 1 else several


def total_gb(kits: list[Item]) -> int:
    return sum(need(kit, "modules") * need(kit, "module_gb") * kit.item.quantity for kit in kits)


def _not_taken(kits: list[Item], taken: list[str]) -> list[tuple[Item, str]]:
    """The kits whose memory type is not among `taken`, each with its type."""
    wanted = {t.upper() for t in taken}
    return [(kit, kit_type) for kit in kits if (kit_type := need(kit, "type")).upper() not in wanted]


@rule("memory-type", "Memory type matches the motherboard")
def memory_type(build: LoadedBuild) -> Iterator[Issue]:
    board = one(build, "motherboard")
    board_type = need(board, "memory_type")
    kits = some(build, "memory")
    wrong = _not_taken(kits, [board_type])
    for kit, kit_type in wrong:
        yield error(
            f"{kit.name} is {kit_type}, but {board.name} takes {board_type}: "
            f"{kit_type} and {board_type} modules are keyed differently and do not fit each other's slots.",
            kit,
            board,
        )
    if not wrong:
        yield ok(f"{names(kits)} {agree(kits, 'is', 'are')} {board_type}, the memory type {board.name} takes.")


@rule("memory-cpu-type", "Memory type is one the CPU's memory controller takes")
def memory_cpu_type(build: LoadedBuild) -> Iterator[Issue]:
    cpu = one(build, "cpu")
    taken = need(cpu, "memory_types")
    kits = some(build, "memory")
    wrong = _not_taken(kits, taken)
    for kit, kit_type in wrong:
        yield error(
            f"{kit.name} is {kit_type}, but {cpu.name}'s memory controller takes {' or '.join(taken)}: "
            "the CPU cannot drive it, whatever slots the board has.",
            kit,
            cpu,
        )
    if not wrong:
        yield ok(f"{names(kits)} {agree(kits, 'is', 'are')} a type {cpu.name} takes ({', '.join(taken)}).")


@rule("memory-slots", "Memory modules fit the motherboard's DIMM slots")
def memory_slots(build: LoadedBuild) -> Iterator[Issue]:
    kits, board = some(build, "memory"), one(build, "motherboard")
    count, slots = modules(kits), need(board, "dimm_slots")
    if count > slots:
        yield error(
            f"{names(kits)} come as {count} modules, but {board.name} has {slots} DIMM slots: "
            f"{plural(count - slots, 'module')} would have nowhere to go.",
            *kits,
            board,
        )
    else:
        free = f", {slots - count} free" if slots > count else ""
        yield ok(f"{names(kits)}: {plural(count, 'module')} in {board.name}'s {plural(slots, 'DIMM slot')}{free}.")


def _total_within(build: LoadedBuild, role: str, verb: str, reason: str) -> Iterator[Issue]:
    """The memory total against the `max_memory_gb` of the part in `role` (board or CPU)."""
    kits, holder = some(build, "memory"), one(build, role)
    total, limit = total_gb(kits), need(holder, "max_memory_gb")
    if total > limit:
        yield error(
            f"{names(kits)} add up to {total} GB, but {holder.name} {verb} at most {limit} GB: {reason}", *kits, holder
        )
    else:
        yield ok(f"{names(kits)}: {num(total)} GB of memory, within the {num(limit)} GB {holder.name} {verb}.")


@rule("memory-board-max", "Memory total within the motherboard's maximum")
def memory_board_max(build: LoadedBuild) -> Iterator[Issue]:
    reason = "the board's maker does not support more, and it may not boot or may not see all of it."
    yield from _total_within(build, "motherboard", "supports", reason)


@rule("memory-cpu-max", "Memory total within the CPU's maximum")
def memory_cpu_max(build: LoadedBuild) -> Iterator[Issue]:
    reason = "the memory controller is in the CPU, and it cannot use the rest."
    yield from _total_within(build, "cpu", "addresses", reason)


@rule("memory-channels", "Memory modules populate the CPU's memory channels evenly")
def memory_channels(build: LoadedBuild) -> Iterator[Issue]:
    kits, cpu, board = some(build, "memory"), one(build, "cpu"), one(build, "motherboard")
    count, channels, slots = modules(kits), need(cpu, "memory_channels"), need(board, "dimm_slots")
    fitted = f"{plural(count, 'memory module')} ({names(kits)})"
    platform = f"{cpu.name} has {channels} memory channels"
    if count < channels:
        yield warning(
            f"{fitted} on a platform where {platform}: only {count} of {channels} channels in use, so memory "
            f"bandwidth is {count}/{channels} of what the platform can reach; use at least {channels} modules.",
            *kits,
            cpu,
        )
    elif count % channels:
        yield warning(
            f"{fitted} on a platform where {platform}: {count} modules do not divide evenly over {channels} "
            f"channels, so some channels hold more memory than others and bandwidth is uneven; use a multiple "
            f"of {channels}.",
            *kits,
            cpu,
        )
    elif count < slots:
        yield note(
            f"{fitted} fill {count} of {board.name}'s {slots} DIMM slots, and {platform}: "
            f"{plural(count // channels, 'module')} per channel, every channel in use, and {slots - count} slots "
            "free for matching modules later.",
            *kits,
            board,
        )
    else:
        filled = f", filling all of {board.name}'s {slots} DIMM slots" if count == slots else ""
        yield ok(
            f"{fitted} {'is' if count == 1 else 'are'} spread evenly over {cpu.name}'s "
            f"{plural(channels, 'memory channel')}, "
            f"{plural(count // channels, 'module')} per channel{filled}."
        )

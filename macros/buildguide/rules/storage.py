"""Do the drives fit the board's M.2 slots and SATA ports?"""

from __future__ import annotations

from collections.abc import Iterator

from ..catalog import M2Slot
from ..load import Item, LoadedBuild
from .registry import Issue, Missing, NotApplicable, count, error, names, need, ok, one, plural, rule, some

# A drive's interface decides which slot interface it needs; E-key slots are for Wi-Fi cards, never drives.
SLOT_INTERFACE = {"nvme": "pcie", "sata": "sata"}
LABEL = {"nvme": "NVMe", "sata": "SATA"}


def m2_drives(build: LoadedBuild) -> list[Item]:
    drives = [d for d in some(build, "storage") if need(d, "form_factor").startswith("M.2")]
    if not drives:
        raise NotApplicable("no M.2 drive")
    return drives


def board_m2_slots(board: Item) -> list[M2Slot]:
    return need(board, "m2_slots")


def fits(drive: Item, slot: M2Slot) -> bool:
    length = int(need(drive, "form_factor").removeprefix("M.2 "))
    interface = SLOT_INTERFACE[need(drive, "interface")]
    # A B-key slot takes only B+M-keyed drives, which are SATA; NVMe drives are M-keyed.
    keyed = slot.key in ("M", "B+M") or (slot.key == "B" and interface == "sata")
    return keyed and interface in slot.interfaces and length in (slot.lengths or ())


def seat_all(drives: list[Item], slots: list[M2Slot]) -> bool:
    """Whether every drive gets a slot it fits: a bipartite matching by augmenting paths, so a board with many
    slots costs drives x slots steps, not the factorial of trying every order."""
    owner: dict[int, int] = {}  # slot index -> drive index

    def seat(d: int, tried: set[int]) -> bool:
        for n, slot in enumerate(slots):
            if n not in tried and fits(drives[d], slot):
                tried.add(n)
                if n not in owner or seat(owner[n], tried):
                    owner[n] = d
                    return True
        return False

    return all(seat(d, set()) for d in range(len(drives)))


def _specs(drives: list[Item]) -> str:
    return ", ".join(sorted({f"{need(d, 'form_factor')} {LABEL[need(d, 'interface')]}" for d in drives}))


def _slot_spec(slot: M2Slot) -> str:
    lengths = "/".join(map(str, slot.lengths or ()))
    interfaces = " or ".join("SATA" if i == "sata" else "PCIe" for i in slot.interfaces)
    return f"{slot.key} key, {lengths}, {interfaces}"


def _describe(n: int, slot: M2Slot) -> str:
    return f"slot {n}: {_slot_spec(slot)}"


@rule("m2-slots", "M.2 drives fit the motherboard's M.2 slots")
def m2_slots(build: LoadedBuild) -> Iterator[Issue]:
    drives, board = m2_drives(build), one(build, "motherboard")
    wanted, slots = count(drives), len(board_m2_slots(board))
    if wanted > slots:
        yield error(
            f"{names(drives)} are {wanted} M.2 drives, but {board.name} has {plural(slots, 'M.2 slot')}: "
            "each M.2 drive needs a slot of its own.",
            *drives,
            board,
        )
    else:
        free = f", {slots - wanted} free" if slots > wanted else ""
        yield ok(f"{names(drives)}: {plural(wanted, 'M.2 drive')} in {board.name}'s {plural(slots, 'M.2 slot')}{free}.")


@rule("m2-fit", "Each M.2 drive fits a slot of its length, key and interface")
def m2_fit(build: LoadedBuild) -> Iterator[Issue]:
    drives, board = m2_drives(build), one(build, "motherboard")
    slots = board_m2_slots(board)
    units = [d for d in drives for _ in range(d.item.quantity)]
    if len(units) > len(slots):
        raise NotApplicable("m2-slots reports the shortage")
    for n, slot in enumerate(slots):
        if slot.lengths is None:
            raise Missing(f"{board.name} has no 'm2_slots.{n}.lengths' in the catalog")
    if not seat_all(units, slots):
        specs = _specs(drives)
        layout = "; ".join(_describe(n, s) for n, s in enumerate(slots, 1))
        yield error(
            f"{names(drives)} ({specs}) cannot all be seated in {board.name}'s M.2 slots ({layout}): "
            "each drive needs a slot of its length that carries its interface.",
            *drives,
            board,
        )
    elif len(units) == 1:
        n, slot = next((n, s) for n, s in enumerate(slots, 1) if fits(units[0], s))
        yield ok(f"{names(drives)}, an {_specs(drives)} drive, fits {board.name}'s M.2 slot {n} ({_slot_spec(slot)}).")
    else:
        yield ok(
            f"{names(drives)} ({_specs(drives)}) can all be seated in {board.name}'s "
            f"{plural(len(slots), 'M.2 slot')}, each drive in a slot of its length, key and interface."
        )


@rule("sata-ports", "SATA drives fit the motherboard's SATA ports")
def sata_ports(build: LoadedBuild) -> Iterator[Issue]:
    storage, board = some(build, "storage"), one(build, "motherboard")
    drives = [d for d in storage if need(d, "interface") == "sata" and not need(d, "form_factor").startswith("M.2")]
    if not drives:
        raise NotApplicable("no SATA drive")
    wanted, ports = count(drives), need(board, "sata_ports")
    if wanted > ports:
        yield error(
            f"{names(drives)} are {wanted} SATA drives, but {board.name} has {plural(ports, 'SATA port')}: "
            "each drive needs its own port (or an add-in controller).",
            *drives,
            board,
        )
    else:
        free = f", {ports - wanted} free" if ports > wanted else ""
        yield ok(
            f"{names(drives)}: {plural(wanted, 'SATA drive')} on {board.name}'s {plural(ports, 'SATA port')}{free}."
        )

"""Which motherboard slots a build fills: DIMMs, PCIe x16 slots with the GPUs over them, M.2 sockets.

Only catalog figures are drawn. When the board lacks a figure the diagram says so and draws what it can,
instead of guessing slot positions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .load import Item, LoadedBuild
from .rules.placement import place, slots_covered

ROW = 22  # height of one expansion-slot row in the SVG
BOARD_W = 340
# The most of each thing the picture draws, however many the data claims (100,000 modules once made a 568 MB
# page); the list under the picture gives the real counts.
DRAWN = {"dimm": 16, "row": 12, "m2": 8, "loose": 8}


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    kind: str  # CSS class suffix: board, socket, dimm, dimm-used, pcie, x16, gpu, gpu-loose, m2, m2-used
    label: str = ""


@dataclass
class SlotUsage:
    dimm_slots: int | None
    modules: int | None  # None when a memory kit's module count is not in the catalog
    m2_slots: int | None
    m2_drives: int
    gpus: list[tuple[str, int | None, int | None]] = field(default_factory=list)  # (name, slot position, width)
    x16_known: bool = False
    lines: list[str] = field(default_factory=list)  # the text equivalent, one sentence per slot type
    rects: list[Rect] = field(default_factory=list)
    height: int = 0


def _each(items: list[Item]) -> list[Item]:
    return [item for item in items for _ in range(item.item.quantity)]


def _place_gpus(board: Item, gpus: list[Item]) -> tuple[list[tuple[str, int | None, int | None]], bool]:
    """Seat the cards the way the placement rule does, so the picture and the verdict agree."""
    x16 = [slot.position for slot in getattr(board.part, "pcie_x16_slots", None) or []]
    cards = [(gpu.name, _width(gpu)) for gpu in _each(gpus)]
    widths = [width for _, width in cards]
    seated = place(x16, widths) if x16 and cards and None not in widths else None  # type: ignore[arg-type]
    if seated is None:
        return [(name, None, width) for name, width in cards], bool(x16)
    placed: list[tuple[str, int | None, int | None]] = []
    waiting = list(cards)
    for position, width in seated:
        card = next(c for c in waiting if c[1] == width)
        waiting.remove(card)
        placed.append((card[0], position, width))
    return placed, True


def _width(gpu: Item) -> int | None:
    width = getattr(gpu.part, "slot_width", None)
    return slots_covered(width) if width is not None else None


def usage(build: LoadedBuild) -> SlotUsage | None:
    """None when the build has no motherboard: there is nothing to draw."""
    boards = build.by_role("motherboard")
    if not boards:
        return None
    board = boards[0]
    part = board.part
    kits = build.by_role("memory")
    counts = [n for k in kits if (n := getattr(k.part, "modules", None)) is not None]
    modules = sum(n * k.item.quantity for n, k in zip(counts, kits, strict=True)) if len(counts) == len(kits) else None
    m2 = [s for s in build.by_role("storage") if str(getattr(s.part, "form_factor", "") or "").startswith("M.2")]
    gpus, known = _place_gpus(board, build.by_role("gpu"))
    result = SlotUsage(
        dimm_slots=getattr(part, "dimm_slots", None),
        modules=modules,
        m2_slots=len(part.m2_slots) if getattr(part, "m2_slots", None) else None,  # type: ignore[union-attr]
        m2_drives=sum(s.item.quantity for s in m2),
        gpus=gpus,
        x16_known=known,
    )
    result.lines = _sentences(result, board)
    _draw(result, getattr(part, "expansion_slots", None), getattr(part, "pcie_x16_slots", None) or [])
    return result


def _of(used: int, total: int | None, noun: str) -> str:
    """'1 of 2 M.2 sockets used', '1 of 1 M.2 socket used'."""
    if total is None:
        return f"{used} {noun}s used (the board's count is not in the catalog)"
    return f"{used} of {total} {noun}{'s' if total != 1 else ''} used"


def _sentences(u: SlotUsage, board: Item) -> list[str]:
    if u.modules is None:
        slots = f" of {u.dimm_slots}" if u.dimm_slots else ""
        lines = [f"Memory: the module count is not in the catalog, so how many{slots} DIMM slots are used is unknown."]
    else:
        lines = [f"Memory: {_of(u.modules, u.dimm_slots, 'DIMM slot')}."]
    if u.gpus:
        cards = "; ".join(
            f"{name}, "
            + (f"{width} slots wide" if width else "width not in the catalog")
            + (f", in slot {pos}" if pos else ", slot not known")
            for name, pos, width in u.gpus
        )
        missing = "" if u.x16_known else f" ({board.name} has no x16 slot positions in the catalog.)"
        if u.x16_known and any(pos is None for _, pos, _ in u.gpus):
            missing = " (They cannot all be seated in the board's x16 slots: see the compatibility section.)"
        lines.append(f"Graphics cards: {cards}.{missing}")
    lines.append(f"M.2: {_of(u.m2_drives, u.m2_slots, 'socket')}.")
    return lines


def _fit(label: str, chars: int = 34) -> str:
    """Card labels must stay inside a 250-unit box; the full text is in the list under the diagram."""
    return label if len(label) <= chars else label[: chars - 1].rstrip() + "…"


def _draw(u: SlotUsage, expansion: int | None, x16: list) -> None:
    r = u.rects
    modules = u.modules or 0
    r.append(Rect(24, 20, 76, 76, "socket", "CPU"))
    for n in range(min(u.dimm_slots or modules, DRAWN["dimm"])):
        r.append(Rect(118 + n * 14, 14, 8, 92, "dimm-used" if n < modules else "dimm"))
    used = "?" if u.modules is None else u.modules
    r.append(Rect(118, 122, 0, 0, "label", f"DIMM {used}/{u.dimm_slots or '?'}"))
    rows = min(max(expansion or 0, *(p + (w or 1) - 1 for _, p, w in u.gpus if p), 1), DRAWN["row"])
    top = 140
    lanes = {s.position: s.lanes for s in x16}
    for pos in range(1, rows + 1):
        y = top + (pos - 1) * ROW + 8
        if pos in lanes:
            r.append(Rect(24, y, 236, 7, "x16"))
            r.append(Rect(278, y + 7, 0, 0, "label", f"x{lanes[pos]} · {pos}"))
        elif expansion:
            r.append(Rect(24, y, 60, 7, "pcie"))
    for name, seat, width in u.gpus:
        if seat and seat + (width or 1) - 1 <= rows:
            r.append(Rect(20, top + (seat - 1) * ROW + 2, 250, (width or 1) * ROW - 4, "gpu", _fit(name)))
    loose = [g for g in u.gpus if not g[1]][: DRAWN["loose"]]
    y = top + rows * ROW + 10
    for name, _, width in loose:
        r.append(Rect(20, y, 250, (width or 1) * ROW - 4, "gpu-loose", _fit(f"{name} (slot unknown)")))
        y += (width or 1) * ROW + 4
    m2 = min(u.m2_slots or u.m2_drives, DRAWN["m2"])
    for n in range(m2):
        r.append(Rect(236, 24 + n * 18, 80, 9, "m2-used" if n < u.m2_drives else "m2"))
    r.append(Rect(236, 24 + m2 * 18 + 10, 0, 0, "label", f"M.2 {u.m2_drives}/{u.m2_slots if u.m2_slots else '?'}"))
    u.height = int(y + 8)
    r.insert(0, Rect(4, 4, BOARD_W - 8, top + rows * ROW, "board"))

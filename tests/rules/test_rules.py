"""Every rule, passing and failing, with the exact message a builder reads."""

from __future__ import annotations

from typing import Any

import pytest

from buildguide import rules

from .conftest import Change

Parts = dict[str, dict[str, Any]]
Items = list[tuple[str, str, int]]


def spec(part: str, **values: Any) -> Change:
    def change(parts: Parts, items: Items) -> None:
        parts[part].update(values)

    return change


def unset(part: str, field: str) -> Change:
    def change(parts: Parts, items: Items) -> None:
        del parts[part][field]

    return change


def qty(part: str, n: int) -> Change:
    def change(parts: Parts, items: Items) -> None:
        items[:] = [(role, p, n if p == part else q) for role, p, q in items]

    return change


def drop(*gone: str) -> Change:
    def change(parts: Parts, items: Items) -> None:
        items[:] = [i for i in items if i[1] not in gone]

    return change


def both(*changes: Change) -> Change:
    def change(parts: Parts, items: Items) -> None:
        for c in changes:
            c(parts, items)

    return change


E, W, N = rules.Severity.ERROR, rules.Severity.WARNING, rules.Severity.NOTE
AIRFLOW = (
    "2 × NVIDIA Card-T are 2 open-air cards in one case: an open-air card blows its heat into the case, so in a "
    "stack the upper card breathes the lower card's exhaust and runs hotter, and may slow down. Leave empty slots "
    "between the cards and add case airflow, or choose blower-style cards, which push their heat out through the "
    "back panel."
)
LANES_OVER = (
    "2 × NVIDIA Card-T and Samsung NVMe-T would use 36 lanes (x16 per card, x4 per drive), but Intel Core i7-T "
    "provides 20: some cards run at x8 (or drives hang off the chipset), which costs little for training on one "
    "machine but slows transfers between cards."
)
CASES: list[tuple[str, Change | None, Any]] = [
    # (rule, change to the passing test build, None for a pass or (severity, exact message))
    ("cpu-socket", None, None),
    (
        "cpu-socket",
        spec("cpu", socket="AM5"),
        (
            E,
            "Intel Core i7-T needs socket AM5, but ASUS Board-T has socket LGA1700: the CPU cannot "
            "be installed on this board.",
        ),
    ),
    ("cooler-socket", None, None),
    (
        "cooler-socket",
        spec("cooler", sockets=["AM4", "AM5"]),
        (
            E,
            "Noctua Tower-T mounts on AM4, AM5, but Intel Core i7-T uses socket LGA1700: the "
            "cooler's mounting kit does not fit this socket.",
        ),
    ),
    ("memory-type", None, None),
    (
        "memory-type",
        spec("ram", type="DDR4"),
        (
            E,
            "Corsair Kit-T is DDR4, but ASUS Board-T takes DDR5: DDR4 and DDR5 modules are keyed "
            "differently and do not fit each other's slots.",
        ),
    ),
    ("memory-slots", None, None),
    (
        "memory-slots",
        qty("ram", 3),
        (
            E,
            "3 × Corsair Kit-T come as 6 modules, but ASUS Board-T has 4 DIMM slots: 2 modules would "
            "have nowhere to go.",
        ),
    ),
    ("memory-board-max", None, None),
    (
        "memory-board-max",
        spec("board", max_memory_gb=64),
        (
            E,
            "2 × Corsair Kit-T add up to 128 GB, but ASUS Board-T supports at most 64 GB: the "
            "board's maker does not support more, and it may not boot or may not see all of it.",
        ),
    ),
    ("memory-cpu-max", None, None),
    (
        "memory-cpu-max",
        spec("cpu", max_memory_gb=96),
        (
            E,
            "2 × Corsair Kit-T add up to 128 GB, but Intel Core i7-T addresses at most 96 GB: the "
            "memory controller is in the CPU, and it cannot use the rest.",
        ),
    ),
    ("memory-channels", None, None),
    (
        "memory-channels",
        qty("ram", 1),
        (
            N,
            "2 memory modules (Corsair Kit-T) fill 2 of ASUS Board-T's 4 DIMM slots, and Intel Core "
            "i7-T has 2 memory channels: 1 module per channel, every channel in use, and 2 slots "
            "free for matching modules later.",
        ),
    ),
    (
        "memory-channels",
        both(qty("ram", 1), spec("ram", modules=1)),
        (
            W,
            "1 memory module (Corsair Kit-T) on a platform where Intel Core i7-T has 2 memory "
            "channels: only 1 of 2 channels in use, so memory bandwidth is 1/2 of what the platform "
            "can reach; use at least 2 modules.",
        ),
    ),
    (
        "memory-channels",
        both(qty("ram", 1), spec("ram", modules=3)),
        (
            W,
            "3 memory modules (Corsair Kit-T) on a platform where Intel Core i7-T has 2 memory "
            "channels: 3 modules do not divide evenly over 2 channels, so some channels hold more "
            "memory than others and bandwidth is uneven; use a multiple of 2.",
        ),
    ),
    ("m2-slots", None, None),
    (
        "m2-slots",
        qty("nvme", 3),
        (
            E,
            "3 × Samsung NVMe-T are 3 M.2 drives, but ASUS Board-T has 2 M.2 slots: each M.2 drive "
            "needs a slot of its own.",
        ),
    ),
    ("m2-fit", None, None),
    (
        "m2-fit",
        spec("nvme", form_factor="M.2 22110"),
        (
            E,
            "Samsung NVMe-T (M.2 22110 NVMe) cannot all be seated in ASUS Board-T's M.2 slots (slot "
            "1: M key, 2280, PCIe; slot 2: M key, 2242/2280, PCIe or SATA): each drive needs a slot "
            "of its length that carries its interface.",
        ),
    ),
    (
        "m2-fit",
        both(qty("nvme", 2), spec("nvme", interface="sata")),
        (
            E,
            "2 × Samsung NVMe-T (M.2 2280 SATA) cannot all be seated in ASUS Board-T's M.2 slots "
            "(slot 1: M key, 2280, PCIe; slot 2: M key, 2242/2280, PCIe or SATA): each drive needs a "
            "slot of its length that carries its interface.",
        ),
    ),
    ("sata-ports", None, None),
    (
        "sata-ports",
        qty("ssd", 5),
        (
            E,
            "5 × Crucial SATA-T are 5 SATA drives, but ASUS Board-T has 4 SATA ports: each drive "
            "needs its own port (or an add-in controller).",
        ),
    ),
    ("gpu-x16-slots", None, None),
    (
        "gpu-x16-slots",
        qty("gpu", 3),
        (
            E,
            "3 × NVIDIA Card-T need 3 PCIe x16 slots, but ASUS Board-T has 2: each card needs a "
            "full-length slot of its own (or a riser cable).",
        ),
    ),
    ("gpu-slot-fit", None, None),
    (
        "gpu-slot-fit",
        spec("gpu", slot_width=3.5),
        (
            E,
            "2 × NVIDIA Card-T cover 4 + 4 = 8 slot positions, but the x16 slots of ASUS Board-T are "
            "at positions 1, 4: every arrangement has one card covering the slot another card needs.",
        ),
    ),
    ("gpu-case-slots", None, None),
    (
        "gpu-case-slots",
        spec("case", expansion_slots=5),
        (
            E,
            "2 × NVIDIA Card-T cover 6 slot positions together, but Fractal Case-T has 5 expansion "
            "slots: the cards cannot all fit through the case's back panel.",
        ),
    ),
    (
        "gpu-case-slots",
        spec("board", pcie_x16_slots=[{"position": 1, "lanes": 16}, {"position": 6, "lanes": 16}]),
        (
            E,
            "In ASUS Board-T's x16 slots (positions 1, 6) the lowest card reaches slot position 8, "
            "but Fractal Case-T has 7 expansion slots: the bottom card overhangs the case's last "
            "slot opening.",
        ),
    ),
    ("gpu-length", None, None),
    (
        "gpu-length",
        spec("gpu", length_mm=360),
        (
            E,
            "NVIDIA Card-T is 360 mm long, but Fractal Case-T takes cards up to 350 mm: the card "
            "would hit the front of the case or its drive cage.",
        ),
    ),
    ("gpu-airflow", None, None),
    ("gpu-airflow", spec("gpu", cooler="open-air"), (W, AIRFLOW)),
    ("bridge-spacing", None, None),
    (
        "bridge-spacing",
        spec("bridge", slot_spacing=4),
        (
            E,
            "NVIDIA Bridge-T spans 4 slots, but two 3-slot cards in ASUS Board-T's x16 slots "
            "(positions 1, 4) can sit 3 slots apart: the bridge will not reach both cards' "
            "connectors.",
        ),
    ),
    ("bridge-gpus", None, None),
    (
        "bridge-gpus",
        spec("gpu", nvlink=False),
        (
            E,
            "NVIDIA Bridge-T is an NVLink bridge, but there is no NVLink connector on 2 × NVIDIA "
            "Card-T: the bridge has nothing to plug into.",
        ),
    ),
    (
        "bridge-gpus",
        qty("gpu", 1),
        (
            E,
            "NVIDIA Bridge-T joins two cards, but the build has 1 graphics card: a bridge needs a "
            "second card to connect to.",
        ),
    ),
    ("cooler-height", None, None),
    (
        "cooler-height",
        spec("cooler", height_mm=175),
        (
            E,
            "Noctua Tower-T is 175 mm tall, but Fractal Case-T takes coolers up to 170 mm: the side "
            "panel will not close.",
        ),
    ),
    (
        "cooler-ram-clearance",
        None,
        (
            N,
            "Corsair Kit-T modules are 35 mm tall and Noctua Tower-T leaves 40 mm under its front "
            "fan: they fit, with 5 mm to spare.",
        ),
    ),
    (
        "cooler-ram-clearance",
        spec("ram", height_mm=52),
        (
            E,
            "Corsair Kit-T modules are 52 mm tall, but Noctua Tower-T leaves 40 mm under its front "
            "fan: raising the fan by 12 mm makes the cooler 172 mm tall, over Fractal Case-T's 170 "
            "mm limit. Choose low-profile modules of at most 40 mm.",
        ),
    ),
    ("case-motherboard", None, None),
    ("case-motherboard", spec("board", form_factor="Micro ATX"), None),
    (
        "case-motherboard",
        spec("board", form_factor="E-ATX"),
        (
            E,
            "ASUS Board-T is E-ATX, but Fractal Case-T takes ATX, Micro-ATX: the board's mounting "
            "holes and size do not match the case's standoffs.",
        ),
    ),
    ("case-psu", None, None),
    (
        "case-psu",
        spec("psu", form_factor="SFX"),
        (
            N,
            "Seasonic PSU-T is SFX and Fractal Case-T takes ATX: an SFX unit fits an ATX mount with "
            "an SFX-to-ATX adapter bracket.",
        ),
    ),
    (
        "case-psu",
        spec("psu", form_factor="TFX"),
        (E, "Seasonic PSU-T is TFX, but Fractal Case-T takes ATX: the power supply does not fit the case's mount."),
    ),
    ("psu-capacity", None, None),
    (
        "psu-capacity",
        spec("psu", wattage_w=900),
        (
            W,
            "Seasonic PSU-T is rated 900 W for an estimated load of 859 W: 41 W (4.8 %) spare, under "
            "the 10 % margin for power spikes; a 945 W or larger unit leaves room.",
        ),
    ),
    (
        "psu-capacity",
        spec("psu", wattage_w=850),
        (
            E,
            "Seasonic PSU-T is rated 850 W, but the parts' estimated load is 859 W: at full load the "
            "supply would shut down or fail.",
        ),
    ),
    ("psu-pcie-plugs", None, None),
    (
        "psu-pcie-plugs",
        spec("psu", pcie_8pin=3),
        (
            E,
            "2 × NVIDIA Card-T need a PCIe 8-pin (6+2) plug for each of their 4 sockets, but "
            "Seasonic PSU-T has 3: splitting one cable over two sockets (a pigtail) or using "
            "adapters risks overloading the cable.",
        ),
    ),
    (
        "psu-pcie-plugs",
        spec("gpu", power_connectors={"12v-2x6": 1}),
        (
            E,
            "2 × NVIDIA Card-T need a 12V-2x6 plug for each of their 2 sockets, but Seasonic PSU-T "
            "has 1: splitting one cable over two sockets (a pigtail) or using adapters risks "
            "overloading the cable.",
        ),
    ),
    ("psu-wall-circuit", None, None),
    (
        "psu-wall-circuit",
        both(spec("gpu", tdp_w=450), spec("psu", wattage_w=1600, efficiency_percent=80)),
        (
            W,
            "The estimated load of 1,159 W at Seasonic PSU-T's 80 % efficiency draws about 1,449 W "
            "from the wall, over the 1,440 W a 120 V / 15 A household circuit may carry "
            "continuously: on 120 V mains, give the machine a 20 A circuit of its own, or run it on "
            "230 V.",
        ),
    ),
    ("dl-system-ram", None, None),
    (
        "dl-system-ram",
        spec("gpu", vram_gb=48),
        (
            W,
            "2 × Corsair Kit-T give 128 GB of system memory for 96 GB of GPU memory on 2 × NVIDIA "
            "Card-T: under the 192 GB (twice the GPU memory) recommended so the system can hold and "
            "stage everything the cards work on without swapping.",
        ),
    ),
    ("dl-cpu-threads", None, None),
    (
        "dl-cpu-threads",
        spec("cpu", threads=6),
        (
            W,
            "Intel Core i7-T has 6 threads for 2 × NVIDIA Card-T: under the 8 (4 per GPU) needed to "
            "keep data loading and preprocessing ahead of the cards.",
        ),
    ),
    (
        "dl-pcie-lanes",
        spec("cpu", pcie_lanes=48),
        (
            N,
            "2 × NVIDIA Card-T and Samsung NVMe-T would use 36 lanes (x16 per card, x4 per drive); "
            "Intel Core i7-T provides 48, so every card can run at x16.",
        ),
    ),
    ("dl-pcie-lanes", None, (N, LANES_OVER)),
    ("build-complete", None, None),
    (
        "build-complete",
        drop("psu", "case"),
        (
            W,
            "The build has no power supply or case: the checks that need those parts did not run, "
            "and the total leaves them out.",
        ),
    ),
]


def test_the_table_covers_every_rule() -> None:
    assert {rule for rule, _, _ in CASES} == set(rules.RULES)
    failing = {rule for rule, _, expected in CASES if expected and expected[0] is not N}
    assert failing == set(rules.RULES) - {"dl-pcie-lanes"}  # information only: it never warns


@pytest.mark.parametrize(("rule", "change", "expected"), CASES)
def test_rule(evaluate, rule: str, change: Change | None, expected: tuple[rules.Severity, str] | None) -> None:
    report = evaluate(change)
    found = [(f.severity, f.message) for f in report.findings if f.rule == rule]
    assert found == ([expected] if expected else [])
    assert rule not in {s.rule for s in report.skipped}
    assert (rule in report.passed) is (expected is None)


NOT_CHECKED = [
    ("cpu-socket", unset("cpu", "socket"), "Intel Core i7-T has no 'socket' in the catalog"),
    ("bridge-spacing", unset("board", "pcie_x16_slots"), "ASUS Board-T has no 'pcie_x16_slots' in the catalog"),
    (
        "m2-fit",
        spec("board", m2_slots=[{"key": "M", "interfaces": ["pcie"]}]),
        "ASUS Board-T has no 'm2_slots.0.lengths' in the catalog",
    ),
    ("psu-capacity", unset("gpu", "tdp_w"), "NVIDIA Card-T has no 'tdp_w' in the catalog"),
    ("psu-pcie-plugs", unset("psu", "pcie_8pin"), "Seasonic PSU-T has no 'pcie_8pin' in the catalog"),
    # Clear of the case limit when the fan is raised, but nobody says whether the fan can be raised that far.
    (
        "cooler-ram-clearance",
        spec("ram", height_mm=45),
        "Noctua Tower-T has no 'ram_clearance_no_fan_mm' in the catalog",
    ),
]


@pytest.mark.parametrize(("rule", "change", "missing"), NOT_CHECKED)
def test_missing_figure_is_not_checked_never_passed(evaluate, rule: str, change: Change, missing: str) -> None:
    report = evaluate(change)
    assert (rule, missing) in [(s.rule, s.missing) for s in report.skipped]
    assert {s.missing for s in report.skipped} == {missing}  # every rule that needs the figure, and no other
    assert rule not in report.passed
    assert rule not in {f.rule for f in report.findings}
    assert report.run == len(rules.RULES) - len(report.skipped)

"""Sockets, memory, drives, cooler and form factors: each rule passing and failing, with its exact message."""

from __future__ import annotations

import pytest

from .changes import Case, E, Expected, N, W, assert_case, both, qty, spec

CASES: list[Case] = [
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
    # Same mounting, another socket name: LGA1851 boards take LGA1700 coolers, LGA2066 ones LGA2011 coolers.
    ("cooler-socket", spec("cooler", sockets=["LGA1851"]), None),
    (
        "cooler-socket",
        both(spec("cpu", socket="LGA2066"), spec("board", socket="LGA2066"), spec("cooler", sockets=["LGA2011"])),
        (
            N,
            "Noctua Tower-T lists LGA2011, which mounts like LGA2066: LGA2066 carried LGA2011-3's cooler mounting "
            "over, and desktop LGA2011 boards use the same square ILM "
            "(https://www.servethehome.com/narrow-ilm-square-ilm-lga2011-heatsink-differences/; "
            "https://blog.ocworks.com/archives/52050082); but server boards may use the narrow ILM instead, which "
            "square-ILM coolers do not fit: check the cooler maker's list.",
        ),
    ),
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
    ("memory-cpu-type", None, None),
    (
        "memory-cpu-type",
        both(spec("ram", type="DDR4"), spec("board", memory_type="DDR4")),
        (
            E,
            "Corsair Kit-T is DDR4, but Intel Core i7-T's memory controller takes DDR5: the CPU cannot drive it, "
            "whatever slots the board has.",
        ),
    ),
    ("cooler-tdp", None, None),
    (
        "cooler-tdp",
        spec("cooler", tdp_rating_w=95),
        (
            W,
            "Noctua Tower-T is rated for 95 W, but Intel Core i7-T's TDP is 125 W: under a long full load the CPU "
            "may slow itself down to stay within its temperature limit. Makers rate coolers in their own ways, so "
            "check reviews at this load, or choose a cooler rated for at least 125 W.",
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
    (
        "cooler-radiator",
        both(
            spec("cooler", kind="liquid", radiator_mm=360),
            spec("case", radiator_mounts=[{"position": "front", "max_mm": 360}, {"position": "top", "max_mm": 240}]),
        ),
        None,
    ),
    (
        "cooler-radiator",
        both(
            spec("cooler", kind="liquid", radiator_mm=420),
            spec("case", radiator_mounts=[{"position": "top", "max_mm": 360}]),
        ),
        (
            E,
            "Noctua Tower-T has a 420 mm radiator, but the largest radiator Fractal Case-T takes is 360 mm: the "
            "radiator has nowhere to go. Choose a smaller radiator or another case.",
        ),
    ),
    ("case-motherboard", None, None),
    ("case-motherboard", spec("board", form_factor="Micro-ATX"), None),
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
]


@pytest.mark.parametrize(("rule", "change", "expected"), CASES)
def test_rule(evaluate, rule: str, change, expected: Expected) -> None:
    assert_case(evaluate(change), rule, expected)

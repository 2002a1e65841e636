"""GPUs, bridge, power, deep-learning sizing, completeness: each rule passing and failing, with its exact message."""

from __future__ import annotations

import pytest

from .changes import Case, E, Expected, N, W, assert_case, both, drop, qty, spec

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
CASES: list[Case] = [
    # (rule, change to the passing test build, None for a pass or (severity, exact message))
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


@pytest.mark.parametrize(("rule", "change", "expected"), CASES)
def test_rule(evaluate, rule: str, change, expected: Expected) -> None:
    assert_case(evaluate(change), rule, expected)

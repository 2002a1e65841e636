"""Can the power supply carry the estimated load, feed every card, and run from one household circuit?"""

from __future__ import annotations

import math
from collections.abc import Iterator
from decimal import Decimal

from .. import power
from ..load import LoadedBuild
from .registry import (
    Issue,
    Missing,
    NotApplicable,
    Source,
    error,
    names,
    need,
    num,
    ok,
    one,
    plural,
    read,
    rule,
    some,
    warning,
)

DETTMERS = Source(
    "Tim Dettmers, A Full Hardware Guide to Deep Learning",
    "https://timdettmers.com/2018/12/16/deep-learning-hardware-guide/",
)
NEC = Source(
    "US National Electrical Code (NFPA 70): a continuous load may use 80 % of a circuit's rating",
    "https://www.nfpa.org/codes-and-standards/nfpa-70-standard-development/70",
)
MARGIN = Decimal("0.10")
CIRCUIT_W = 1440  # 80 % of a 120 V, 15 A circuit's 1,800 W
# A PSU's 6+2 PCIe plug feeds one 8-pin or one 6-pin socket on a card.
PCIE_SOCKETS = ("8-pin", "6-pin")


def load(build: LoadedBuild) -> power.Load:
    for role, fields in power.READS.items():
        for item in build.by_role(role):
            read(item, *fields)
    estimate = power.estimate(build)
    if estimate.missing:
        raise Missing(estimate.missing[0])
    return estimate


@rule("psu-capacity", f"Power supply rating covers the estimated load with {num(MARGIN * 100)} % headroom", DETTMERS)
def psu_capacity(build: LoadedBuild) -> Iterator[Issue]:
    psu = one(build, "psu")
    watts, estimate = need(psu, "wattage_w"), load(build)
    total = estimate.total_w
    if watts < total:
        yield error(
            f"{psu.name} is rated {num(watts)} W, but the parts' estimated load is {num(total)} W: "
            "at full load the supply would shut down or fail.",
            psu,
        )
    elif watts < total * (1 + MARGIN):
        yield warning(
            f"{psu.name} is rated {num(watts)} W for an estimated load of {num(total)} W: "
            f"{num(watts - total)} W ({num(estimate.headroom_percent or 0)} %) spare, under the {num(MARGIN * 100)} % "
            f"margin for power spikes; a {num(math.ceil(total * (1 + MARGIN)))} W or larger unit leaves room.",
            psu,
        )
    else:
        margin = "above" if watts > total * (1 + MARGIN) else "exactly"
        yield ok(
            f"{psu.name} is rated {num(watts)} W for an estimated load of {num(total)} W: {num(watts - total)} W "
            f"({num(estimate.headroom_percent or 0)} %) spare, {margin} the {num(MARGIN * 100)} % margin for power "
            "spikes."
        )


@rule("psu-pcie-plugs", "Power supply has a PCIe plug for every graphics-card power socket")
def psu_pcie_plugs(build: LoadedBuild) -> Iterator[Issue]:
    gpus, psu = some(build, "gpu"), one(build, "psu")
    wanted = {"pcie": 0, "12v-2x6": 0}
    for gpu in gpus:
        for kind, n in need(gpu, "power_connectors").items():
            wanted["pcie" if kind in PCIE_SOCKETS else kind] += n * gpu.item.quantity
    if not any(wanted.values()):
        raise NotApplicable("the cards draw all their power from the slot")
    fed, short = [], False
    for kind, field, label in (("pcie", "pcie_8pin", "PCIe 8-pin (6+2)"), ("12v-2x6", "pcie_12v_2x6", "12V-2x6")):
        if not wanted[kind]:
            continue
        have = need(psu, field)
        if wanted[kind] > have:
            short = True
            yield error(
                f"{names(gpus)} need a {label} plug for each of their {wanted[kind]} sockets, but {psu.name} has "
                f"{have}: "
                "splitting one cable over two sockets (a pigtail) or using adapters risks overloading the cable.",
                *gpus,
                psu,
            )
        else:
            fed.append(f"{label}, {plural(have, 'plug')} for {plural(wanted[kind], 'socket')}")
    if not short:
        yield ok(f"{psu.name} has a plug for every power socket on {names(gpus)}: {'; '.join(fed)}.")


@rule("psu-wall-circuit", "Wall draw within a 120 V / 15 A circuit's continuous limit", NEC)
def psu_wall_circuit(build: LoadedBuild) -> Iterator[Issue]:
    psu = one(build, "psu")
    efficiency, estimate = need(psu, "efficiency_percent"), load(build)
    total, wall = estimate.total_w, estimate.wall_w or 0
    if wall > CIRCUIT_W:
        yield warning(
            f"The estimated load of {num(total)} W at {psu.name}'s {num(efficiency)} % efficiency draws about "
            f"{num(wall)} W from the wall, over the {num(CIRCUIT_W)} W a 120 V / 15 A household circuit may carry "
            "continuously: on 120 V mains, give the machine a 20 A circuit of its own, or run it on 230 V.",
            psu,
        )
    else:
        yield ok(
            f"The estimated load of {num(total)} W at {psu.name}'s {num(efficiency)} % efficiency draws about "
            f"{num(wall)} W from the wall, within the {num(CIRCUIT_W)} W a 120 V / 15 A household circuit may carry "
            "continuously."
        )

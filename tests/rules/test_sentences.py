"""A passed check says what it checked, with its numbers; a check with findings, or not run, says no such thing."""

from __future__ import annotations

import pytest

from buildguide import rules
from buildguide.load import LoadedBuild
from buildguide.project import load_project
from buildguide.rules.registry import Missing, NotApplicable

from ..conftest import ROOT, SEED
from . import test_coverage
from .changes import both, qty, spec

SENTENCES = {
    "bridge-spacing": (
        "NVIDIA Bridge-T spans 3 slots, joining cards in ASUS Board-T's x16 slots at positions 1 and 4, where a "
        "3-slot card in the upper slot leaves the lower one free."
    ),
    "bridge-gpus": (
        "NVIDIA Bridge-T is an NVLink bridge, and each of the 2 cards (2 × NVIDIA Card-T) has an NVLink connector."
    ),
    "build-complete": (
        "The build lists all 6 essential parts: a CPU, motherboard, memory, storage, power supply and case."
    ),
    "cooler-height": "The 160 mm Noctua Tower-T fits under Fractal Case-T's 170 mm limit, 10 mm to spare.",
    "case-motherboard": "ASUS Board-T is ATX, one of the form factors Fractal Case-T takes.",
    "case-psu": "Seasonic PSU-T is ATX, which Fractal Case-T takes.",
    "gpu-x16-slots": "2 × NVIDIA Card-T: 2 cards in ASUS Board-T's 2 PCIe x16 slots, one slot each.",
    "gpu-slot-fit": (
        "2 × NVIDIA Card-T sit in ASUS Board-T's x16 slots at positions 1 and 4, covering slot positions 1 to 3 "
        "and 4 to 6: no card covers another card's slot."
    ),
    "gpu-case-slots": (
        "The lowest of 2 × NVIDIA Card-T reaches slot position 6 in ASUS Board-T's x16 slots, within Fractal "
        "Case-T's 7 expansion slots, 1 slot to spare."
    ),
    "gpu-length": "The 300 mm NVIDIA Card-T fits Fractal Case-T's 350 mm card-length limit, 50 mm to spare.",
    "gpu-airflow": (
        "2 × NVIDIA Card-T are blower cards: none is an open-air card blowing its heat into the case, so no card "
        "breathes another card's exhaust."
    ),
    "memory-type": "2 × Corsair Kit-T are DDR5, the memory type ASUS Board-T takes.",
    "memory-cpu-type": "2 × Corsair Kit-T are a type Intel Core i7-T takes (DDR5).",
    "cooler-tdp": "Noctua Tower-T is rated for 180 W, 55 W above Intel Core i7-T's 125 W TDP.",
    "memory-slots": "2 × Corsair Kit-T: 4 modules in ASUS Board-T's 4 DIMM slots.",
    "memory-board-max": "2 × Corsair Kit-T: 128 GB of memory, within the 192 GB ASUS Board-T supports.",
    "memory-cpu-max": "2 × Corsair Kit-T: 128 GB of memory, within the 192 GB Intel Core i7-T addresses.",
    "memory-channels": (
        "4 memory modules (2 × Corsair Kit-T) are spread evenly over Intel Core i7-T's 2 memory channels, "
        "2 modules per channel, filling all of ASUS Board-T's 4 DIMM slots."
    ),
    "psu-capacity": (
        "Seasonic PSU-T is rated 1,200 W for an estimated load of 859 W: 341 W (39.7 %) spare, above the 10 % "
        "margin for power spikes."
    ),
    "psu-pcie-plugs": (
        "Seasonic PSU-T has a plug for every power socket on 2 × NVIDIA Card-T: PCIe 8-pin (6+2), 4 plugs for "
        "4 sockets."
    ),
    "psu-wall-circuit": (
        "The estimated load of 859 W at Seasonic PSU-T's 90 % efficiency draws about 955 W from the wall, within "
        "the 1,440 W a 120 V / 15 A household circuit may carry continuously."
    ),
    "dl-system-ram": (
        "2 × Corsair Kit-T give 128 GB of system memory for 48 GB of GPU memory on 2 × NVIDIA Card-T, at least "
        "the 96 GB (twice the GPU memory) recommended."
    ),
    "dl-cpu-threads": (
        "Intel Core i7-T has 16 threads for 2 × NVIDIA Card-T, at least the 8 (4 per GPU) needed to keep data "
        "loading ahead of the cards."
    ),
    "cpu-socket": "Intel Core i7-T and ASUS Board-T are both socket LGA1700.",
    "cooler-socket": "Noctua Tower-T lists socket LGA1700 among the sockets it mounts on.",
    "m2-slots": "Samsung NVMe-T: 1 M.2 drive in ASUS Board-T's 2 M.2 slots, 1 free.",
    "m2-fit": "Samsung NVMe-T, an M.2 2280 NVMe drive, fits ASUS Board-T's M.2 slot 1 (M key, 2280, PCIe).",
    "sata-ports": "Crucial SATA-T: 1 SATA drive on ASUS Board-T's 4 SATA ports, 3 free.",
}
# Their result on the passing test build is a note, which already says what they found.
NOTE_ONLY = {"cooler-ram-clearance", "dl-pcie-lanes"}


def sentences(report: rules.Report) -> dict[str, str | None]:
    return {c.rule: c.sentence for c in report.checks if c.status == "passed"}


def assert_sentences_only_on_passes(report: rules.Report) -> None:
    for check in report.checks:
        assert (check.sentence is not None) is (check.status == "passed"), check


def assert_one_sentence_at_most(build: LoadedBuild) -> None:
    """Run each rule by hand: at most one sentence, never beside a finding, never before the rule gives up."""
    for rule in rules.RULES.values():
        issues = []
        try:
            issues.extend(rule.check(build))
        except (Missing, NotApplicable):
            stopped = True
        else:
            stopped = False
        said = [i for i in issues if i.severity is None]
        found = [i for i in issues if i.severity is not None]
        assert len(said) <= 1, rule.id
        assert not (said and (found or stopped)), rule.id


def test_every_passed_check_on_the_test_build_says_what_it_found(test_build) -> None:
    build = test_build(None)
    assert_one_sentence_at_most(build)
    report = rules.evaluate(build)
    assert sentences(report) == SENTENCES
    assert {c.rule for c in report.checks} == set(SENTENCES) | NOTE_ONLY
    assert_sentences_only_on_passes(report)


def test_the_seed_builds_passed_checks_all_have_a_sentence() -> None:
    guides = load_project(ROOT).guides
    report = guides[SEED].report
    assert report.passed
    assert all(check.sentence for check in report.passed)
    for guide in guides.values():
        assert_sentences_only_on_passes(guide.report)
        for check in guide.report.passed:
            assert check.sentence is not None
            assert check.sentence.endswith(".") and "\n" not in check.sentence, check.sentence


VARIANTS = [
    (
        "cooler-height",
        spec("cooler", height_mm=170),
        "The 170 mm Noctua Tower-T fits under Fractal Case-T's 170 mm limit exactly.",
    ),
    (
        "gpu-length",
        spec("gpu", length_mm=350),
        "The 350 mm NVIDIA Card-T fits Fractal Case-T's 350 mm card-length limit exactly.",
    ),
    ("memory-slots", qty("ram", 1), "Corsair Kit-T: 2 modules in ASUS Board-T's 4 DIMM slots, 2 free."),
    ("memory-type", qty("ram", 1), "Corsair Kit-T is DDR5, the memory type ASUS Board-T takes."),
    (
        "psu-capacity",
        spec("psu", wattage_w=1000),
        "Seasonic PSU-T is rated 1,000 W for an estimated load of 859 W: 141 W (16.4 %) spare, above the 10 % "
        "margin for power spikes.",
    ),
    (
        "gpu-x16-slots",
        qty("gpu", 1),
        "NVIDIA Card-T: 1 card in ASUS Board-T's 2 PCIe x16 slots, 1 free.",
    ),
    (
        "gpu-slot-fit",
        qty("gpu", 1),
        "NVIDIA Card-T sits in ASUS Board-T's x16 slot at position 1, covering slot positions 1 to 3.",
    ),
    (
        "gpu-case-slots",
        qty("gpu", 1),
        "NVIDIA Card-T reaches slot position 3 in ASUS Board-T's x16 slots, within Fractal Case-T's 7 expansion "
        "slots, 4 slots to spare.",
    ),
    (
        "m2-fit",
        qty("nvme", 2),
        "2 × Samsung NVMe-T (M.2 2280 NVMe) can all be seated in ASUS Board-T's 2 M.2 slots, each drive in a slot "
        "of its length, key and interface.",
    ),
    (
        "psu-pcie-plugs",
        both(spec("gpu", power_connectors={"8-pin": 1, "12v-2x6": 1}), spec("psu", pcie_12v_2x6=3)),
        "Seasonic PSU-T has a plug for every power socket on 2 × NVIDIA Card-T: PCIe 8-pin (6+2), 4 plugs for "
        "2 sockets; 12V-2x6, 3 plugs for 2 sockets.",
    ),
    (
        "memory-channels",
        both(qty("ram", 1), spec("board", dimm_slots=2)),
        "2 memory modules (Corsair Kit-T) are spread evenly over Intel Core i7-T's 2 memory channels, 1 module per "
        "channel, filling all of ASUS Board-T's 2 DIMM slots.",
    ),
]


@pytest.mark.parametrize(("rule", "change", "sentence"), VARIANTS)
def test_a_passed_check_says_what_it_found_in_other_builds(test_build, rule: str, change, sentence: str) -> None:
    build = test_build(change)
    assert_one_sentence_at_most(build)
    report = rules.evaluate(build)
    assert sentences(report).get(rule) == sentence
    assert_sentences_only_on_passes(report)


FAILING = [(rule, change) for rule, change, expected in test_coverage.CASES if expected is not None]
FAILING += [(rule, change) for rule, change, _ in test_coverage.NOT_CHECKED]


@pytest.mark.parametrize(("rule", "change"), FAILING)
def test_a_check_with_findings_or_not_run_has_no_sentence(test_build, rule: str, change) -> None:
    build = test_build(change)
    assert_one_sentence_at_most(build)
    report = rules.evaluate(build)
    check = next(c for c in report.checks if c.rule == rule)
    assert check.status != "passed"
    assert check.sentence is None
    assert_sentences_only_on_passes(report)

"""The rule tables cover every rule, and a missing catalog figure is reported as not checked, never as a pass."""

from __future__ import annotations

import pytest

from buildguide import rules

from . import test_fit, test_gpus_power
from .changes import N, spec, unset

CASES = test_fit.CASES + test_gpus_power.CASES


def test_the_tables_cover_every_rule_passing_and_failing() -> None:
    passing = {rule for rule, _, expected in CASES if expected is None or expected[0] is N}
    failing = {rule for rule, _, expected in CASES if expected is not None and expected[0] is not N}
    assert passing == set(rules.RULES)
    assert failing == set(rules.RULES) - {"dl-pcie-lanes"}  # information only: it never warns


NOT_CHECKED = [
    (
        "cooler-radiator",
        spec("cooler", kind="liquid", radiator_mm=360),
        "Fractal Case-T has no 'radiator_mounts' in the catalog",
    ),
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
def test_missing_figure_is_not_checked_never_passed(evaluate, rule: str, change, missing: str) -> None:
    report = evaluate(change)
    assert (rule, missing) in [(s.rule, s.missing) for s in report.skipped]
    assert {s.missing for s in report.skipped} == {missing}  # every rule that needs the figure, and no other
    assert rule not in {c.rule for c in report.passed}
    assert rule not in {f.rule for f in report.findings}
    assert report.run + len(report.skipped) <= len(rules.RULES)  # the rest do not apply to this build

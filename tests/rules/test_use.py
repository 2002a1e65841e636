"""The deep-learning sizing checks follow the build's `use`, never its free-text purpose."""

from __future__ import annotations

from pathlib import Path

from buildguide.project import load_project

GAMING = "rtx-4090-fractal-terra-sff-2023"
DL_RULES = {"dl-system-ram", "dl-cpu-threads", "dl-pcie-lanes"}


def test_a_gaming_build_is_not_held_to_training_rules_whatever_its_purpose_says(repo: Path) -> None:
    path = repo / "builds" / f"{GAMING}.yaml"
    text = path.read_text()
    path.write_text(
        text.replace("purpose: Small-form-factor 4K gaming", "purpose: 4K gaming and some AI / ML / deep learning")
    )
    checks = {c.rule for c in load_project(repo).guides[GAMING].report.checks}
    assert not checks & DL_RULES


def test_use_machine_learning_turns_the_training_checks_on(repo: Path) -> None:
    path = repo / "builds" / f"{GAMING}.yaml"
    path.write_text(path.read_text().replace("use: [gaming]", "use: [gaming, machine learning]"))
    report = load_project(repo).guides[GAMING].report
    assert {c.rule for c in report.checks} >= DL_RULES
    lanes = next(f for f in report.findings if f.rule == "dl-pcie-lanes")
    assert "would use" in lanes.message

"""A rule is a function of the catalog figures it records as read: what `evaluate` relies on to re-run, for a
disputed figure's other reading, only the rules that read it."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from buildguide import power, provenance
from buildguide.project import load_project
from buildguide.rules import RULES, report

from ..conftest import ROOT

PROJECT = load_project(ROOT)


def _outcome(check: report.Check) -> tuple[object, ...]:
    return check.status, check.sentence, check.missing, tuple((f.severity, f.message) for f in check.findings)


def _other(value: object) -> object:
    """Another value of the same kind, or None: what a second source might have said."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return None
    return value * 2 + 1


@pytest.mark.parametrize("slug", sorted(PROJECT.guides))
def test_a_figure_no_rule_read_changes_no_rule_s_result(slug: str) -> None:
    build = PROJECT.guides[slug].loaded
    base = {rule.id: report._run(rule, build, {}) for rule in RULES.values()}
    tried = 0
    for item in (i for i in build.items if i.part is not None):
        for name in provenance.spec_fields(item.part):
            for value in {None, _other(getattr(item.part, name))}:
                variant = report._with_reading(build, [item], name, value)
                for rule in RULES.values():
                    if report._read(base[rule.id], item, name):
                        continue  # a reader: its result may change, and evaluate re-runs it
                    tried += 1
                    assert _outcome(report._run(rule, variant, {})) == _outcome(base[rule.id]), (rule.id, name)
    assert tried > 1000


def test_the_power_estimate_reads_only_what_it_declares() -> None:
    """psu rules record power.READS as read; a figure the estimate read without declaring it would go unnoticed."""
    for guide in PROJECT.guides.values():
        build = guide.loaded
        for item in (i for i in build.items if i.part is not None):
            declared = power.READS.get(item.item.role, ())
            for name in provenance.spec_fields(item.part):
                if name in declared:
                    continue
                variant = report._with_reading(build, [item], name, _other(getattr(item.part, name)))
                before, after = power.estimate(build), power.estimate(variant)
                assert (after.total_w, after.missing, after.efficiency) == (
                    before.total_w,
                    before.missing,
                    before.efficiency,
                ), (item.item.role, name)


def _readings(checks: report.Report) -> list[str]:
    return sorted(f.message for f in checks.findings if f.message.startswith("If "))


def test_a_reading_holds_for_every_line_of_its_part_and_costs_one_run_per_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Forty lines of a part with a disputed figure once meant forty times the runs and findings; a file of
    thousands of lines kept `check` busy for minutes."""
    build = next(g.loaded for g in PROJECT.guides.values() if any(i.part and i.part.disputed for i in g.loaded.items))
    disputed = next(i for i in build.items if i.part and i.part.disputed)
    runs: list[str] = []
    real = report._run

    def counted(rule: report.Rule, variant: report.LoadedBuild, acks: dict[str, str]) -> report.Check:
        runs.append(rule.id)
        return real(rule, variant, acks)

    monkeypatch.setattr(report, "_run", counted)
    once = report.evaluate(build)
    one_line = len(runs)
    runs.clear()
    # Lines of their own (another quantity each), as a file with forty lines of the part loads.
    more = [
        dataclasses.replace(disputed, item=disputed.item.model_copy(update={"quantity": n % 3 + 1})) for n in range(40)
    ]
    forty = report.evaluate(report.LoadedBuild(build.slug, build.path, build.doc, build.build, [*build.items, *more]))
    assert len(runs) == one_line > len(RULES)  # every rule once, then once per reading for each rule that read it
    assert _readings(forty) == _readings(once) != []

"""Edits to the passing test build, one figure or one line item at a time."""

from __future__ import annotations

from typing import Any

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
Expected = tuple[rules.Severity, str] | None  # None: the rule runs and finds nothing
Case = tuple[str, Change | None, Expected]


def assert_case(report: rules.Report, rule: str, expected: Expected) -> None:
    found = [(f.severity, f.message) for f in report.findings if f.rule == rule]
    assert found == ([expected] if expected else [])
    assert rule not in {s.rule for s in report.skipped}
    assert (rule in {c.rule for c in report.passed}) is (expected is None)

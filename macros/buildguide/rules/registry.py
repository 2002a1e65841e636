"""The compatibility-rule registry: a rule is one function that yields what it found about one build."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import IntEnum
from typing import Any, NamedTuple

from ..load import Item, LoadedBuild


class Severity(IntEnum):
    """Ordered worst first, so sorting findings puts errors on top."""

    ERROR = 0
    WARNING = 1
    NOTE = 2

    @property
    def label(self) -> str:
        return self.name.lower()


class Source(NamedTuple):
    """Where a rule of thumb comes from, shown beside every finding of that rule."""

    title: str
    url: str


@dataclass(frozen=True)
class Issue:
    severity: Severity
    message: str
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    items: tuple[Item, ...]
    source: Source | None
    acknowledged: str | None = None


@dataclass(frozen=True)
class Skipped:
    rule: str
    title: str
    missing: str


class Missing(Exception):
    """A spec a rule needs is not in the catalog: the check is reported as not run, never as passed."""


class NotApplicable(Exception):
    """The build has none of the parts this rule is about, or another rule already reports the problem."""


RuleFunc = Callable[[LoadedBuild], Iterator[Issue]]


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    check: RuleFunc
    source: Source | None = None


RULES: dict[str, Rule] = {}


def rule(rule_id: str, title: str, source: Source | None = None) -> Callable[[RuleFunc], RuleFunc]:
    def register(func: RuleFunc) -> RuleFunc:
        if rule_id in RULES:
            raise ValueError(f"rule id {rule_id!r} registered twice")
        RULES[rule_id] = Rule(rule_id, title, func, source)
        return func

    return register


def need(item: Item, spec: str) -> Any:
    value = getattr(item.part, spec, None)
    if value is None:
        raise Missing(f"{item.name} has no '{spec}' in the catalog")
    return value


def one(build: LoadedBuild, role: str) -> Item:
    items = build.by_role(role)
    if not items:
        raise NotApplicable(role)
    return items[0]


def some(build: LoadedBuild, role: str) -> list[Item]:
    """Every line item of a role in the core build; the rule does not apply when there is none."""
    items = build.by_role(role)
    if not items:
        raise NotApplicable(role)
    return items


def count(items: Iterable[Item]) -> int:
    return sum(i.item.quantity for i in items)


def names(items: Iterable[Item]) -> str:
    """'2 × NVIDIA TITAN RTX and Samsung 970 EVO Plus': how messages name a group of parts."""
    parts = [f"{i.item.quantity} × {i.name}" if i.item.quantity > 1 else i.name for i in items]
    return " and ".join(parts) if len(parts) < 3 else ", ".join(parts[:-1]) + " and " + parts[-1]


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def num(value: Decimal | float | int) -> str:
    """A figure as people write it: 1,440 and 31.5, never 1440.0 or 3.15E+1."""
    exact = Decimal(str(value))
    if exact == exact.to_integral_value():
        return f"{exact:,.0f}"
    return f"{exact.normalize():,f}"


def error(message: str, *items: Item) -> Issue:
    return Issue(Severity.ERROR, message, items)


def warning(message: str, *items: Item) -> Issue:
    return Issue(Severity.WARNING, message, items)


def note(message: str, *items: Item) -> Issue:
    return Issue(Severity.NOTE, message, items)


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def run(self) -> int:
        not_run = {s.rule for s in self.skipped}
        return len(self.passed) + len({f.rule for f in self.findings} - not_run)

    @property
    def verdict(self) -> str:
        if any(f.severity is Severity.ERROR and not f.acknowledged for f in self.findings):
            return "incompatible"
        if any(f.severity <= Severity.WARNING for f in self.findings):
            return "compatible with warnings"
        return "compatible"

    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR and not f.acknowledged]


def evaluate(build: LoadedBuild) -> Report:
    report = Report()
    acks = {ack.rule: ack.reason for ack in build.build.acknowledge}
    for r in RULES.values():
        issues: list[Issue] = []
        try:
            # Issues found before a missing figure stops the rule are real and stay; the rule still counts as not run.
            for issue in r.check(build):
                issues.append(issue)
        except NotApplicable:
            pass
        except Missing as missing:
            report.skipped.append(Skipped(r.id, r.title, str(missing)))
        else:
            if not issues:
                report.passed.append(r.id)
        for issue in issues:
            ack = acks.get(r.id) if issue.severity is Severity.ERROR else None
            report.findings.append(Finding(r.id, issue.severity, issue.message, issue.items, r.source, ack))
    report.findings.sort(key=lambda f: (f.severity, f.rule))
    return report

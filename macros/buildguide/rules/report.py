"""What the rules found about one build: a result per check, with the catalog figures it used and their sources.

Where the catalog keeps a disputed figure (two sources disagree), the rules run again with the other reading,
and whatever that finds is reported too, saying which reading it rests on: the worse reading decides.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cached_property

from .. import provenance
from ..load import Item, LoadedBuild
from ..provenance import Figure
from . import registry
from .registry import RULES, Issue, Missing, NotApplicable, Rule, Severity, Source

Used = tuple[tuple[Item, str], ...]  # (item, catalog field) pairs, in the order a rule read them


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    items: tuple[Item, ...]
    source: Source | None
    acknowledged: str | None = None
    used: Used = ()  # what the rule read to reach it

    @cached_property
    def figures(self) -> tuple[Figure, ...]:
        return _figures(self.used)

    @property
    def unverified(self) -> tuple[Figure, ...]:
        return tuple(f for f in self.figures if not f.verified)


@dataclass(frozen=True)
class Check:
    """One rule's result: passed (with what it found), findings, or not run (with the figure it lacked)."""

    rule: str
    title: str
    status: str  # "passed", "findings" or "not run"
    used: Used = ()
    findings: tuple[Finding, ...] = ()
    sentence: str | None = None  # a passed check: what it found, with its numbers
    missing: str | None = None  # a check not run: the figure the catalog lacks
    estimated: Used = ()  # what it read through the power estimate: not shown, but its result depends on them

    @cached_property
    def figures(self) -> tuple[Figure, ...]:
        return _figures(self.used)


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)

    @cached_property
    def findings(self) -> list[Finding]:
        found = [f for check in self.checks for f in check.findings]
        return sorted(found, key=lambda f: (f.severity, f.rule))

    @cached_property
    def skipped(self) -> list[Check]:
        return [c for c in self.checks if c.status == "not run"]

    @cached_property
    def passed(self) -> list[Check]:
        return [c for c in self.checks if c.status == "passed"]

    @property
    def run(self) -> int:
        return len([c for c in self.checks if c.status != "not run"])

    @property
    def verdict(self) -> str:
        if self.errors():
            return "incompatible"
        if any(f.severity <= Severity.WARNING for f in self.findings):
            return "compatible with warnings"
        return "partly checked" if self.skipped else "compatible"

    @property
    def summary(self) -> str:
        """'No problems found in 21 checks; 6 could not run.' The verdict in a sentence, with the same counts."""

        def counted(n: int, noun: str) -> str:
            return f"{n} {noun}{'s' if n != 1 else ''}"

        acknowledged = len([f for f in self.findings if f.severity is Severity.ERROR and f.acknowledged])
        found = [
            counted(n, noun)
            for n, noun in (
                (len(self.errors()), "error"),
                (acknowledged, "acknowledged error"),
                (len([f for f in self.findings if f.severity is Severity.WARNING]), "warning"),
            )
            if n
        ]
        text = f"{' and '.join(found) if found else 'No problems'} found in {counted(self.run, 'check')}"
        not_run = len(self.skipped)
        return text + (f"; {not_run} could not run." if not_run else ".")

    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR and not f.acknowledged]

    @cached_property
    def unverified(self) -> list[Figure]:
        """Every unverified figure a check used, once."""
        seen: dict[tuple[str, str], Figure] = {}
        for check in self.checks:
            for figure in check.figures:
                if not figure.verified:
                    seen.setdefault((figure.part_id, figure.field), figure)
        return list(seen.values())


def _figures(used: Used) -> tuple[Figure, ...]:
    """The provenance of what a check read, worked out when a page or a download asks: `check` never does."""
    figures: dict[tuple[str, str], Figure] = {}
    for item, name in used:
        if item.part is not None and getattr(item.part, name) is not None:
            figures.setdefault((item.part.id, name), provenance.figure(item.part, name))
    return tuple(figures.values())


def _run(rule: Rule, build: LoadedBuild, acks: dict[str, str]) -> Check:
    issues: list[Issue] = []
    used: list[tuple[Item, str]] = []
    estimated: list[tuple[Item, str]] = []
    tokens = registry.USED.set(used), registry.ESTIMATED.set(estimated)
    try:
        # Issues found before a missing figure stops the rule are real and stay; the rule still counts as not run.
        for issue in rule.check(build):
            issues.append(issue)
    except NotApplicable:  # what it read to decide that counts: another reading may make it apply
        return Check(rule.id, rule.title, "not applicable", tuple(used), estimated=tuple(estimated))
    except Missing as missing:
        return _check(rule, issues, tuple(used), tuple(estimated), acks, missing=str(missing))
    finally:
        registry.USED.reset(tokens[0])
        registry.ESTIMATED.reset(tokens[1])
    return _check(rule, issues, tuple(used), tuple(estimated), acks)


def _check(
    rule: Rule, issues: list[Issue], used: Used, estimated: Used, acks: dict[str, str], missing: str | None = None
) -> Check:
    findings = tuple(
        Finding(
            rule.id,
            issue.severity,
            issue.message,
            issue.items,
            rule.source,
            acks.get(rule.id) if issue.severity is Severity.ERROR else None,
            used,
        )
        for issue in issues
        if issue.severity is not None
    )
    sentence = next((issue.message for issue in issues if issue.severity is None), None)
    status = "not run" if missing else "findings" if findings else "passed"
    return Check(rule.id, rule.title, status, used, findings, sentence, missing, estimated)


def _read(check: Check, item: Item, name: str) -> bool:
    return any(i is item and f == name for i, f in (*check.used, *check.estimated))


def _with_reading(build: LoadedBuild, items: list[Item], name: str, value: object) -> LoadedBuild:
    """The build with every line of one part carrying another reading of one of its figures."""
    part = items[0].part.model_copy(update={name: value})  # type: ignore[union-attr]
    vars(part).pop("figure_cache", None)  # the copy's figures differ from the catalog part's: a cache of its own
    changed = {id(item) for item in items}
    lines = [dataclasses.replace(i, part=part) if id(i) in changed else i for i in build.items]
    return LoadedBuild(build.slug, build.path, build.doc, build.build, lines)


def evaluate(build: LoadedBuild) -> Report:
    acks = {ack.rule: ack.reason for ack in build.build.acknowledge}
    checks = {rule.id: _run(rule, build, acks) for rule in RULES.values()}
    # A reading belongs to the part, so it holds for every line of it at once (two cards are both longer), and
    # the checks run once per reading, not once per line and reading.
    lines: dict[int, list[Item]] = {}
    for item in build.items:
        if item.part and item.part.disputed:
            lines.setdefault(id(item.part), []).append(item)  # the catalog holds one object per part
    for items in lines.values():
        for name, readings in (items[0].part.disputed or {}).items():  # type: ignore[union-attr]
            # A rule is a function of the figures it read: only those that read this one can find anything else.
            readers = [RULES[r] for r, check in checks.items() if any(_read(check, i, name) for i in items)]
            for reading in readings:
                variant = _with_reading(build, items, name, reading.value)
                for rule in readers:
                    checks[rule.id] = _merge(checks[rule.id], _run(rule, variant, acks), items[0], name, reading)
    return Report([c for c in checks.values() if c.status != "not applicable"])


def _merge(base: Check, other: Check, item: Item, name: str, reading: provenance.Reading) -> Check:
    """The base result plus what the other reading of a disputed figure finds that the base does not."""
    known = {(f.rule, f.message) for f in base.findings}
    reading_of = f"If {item.name}'s {name} is {reading.value}, as a {provenance.KIND_NAMES[reading.kind]} gives it"
    extra = tuple(
        dataclasses.replace(f, message=f"{reading_of}: {f.message}")
        for f in other.findings
        if (f.rule, f.message) not in known
    )
    if not extra:
        return base
    status = "findings" if base.status != "not run" else base.status
    # A check that fails on another reading did not pass: its passed sentence no longer holds.
    return dataclasses.replace(base, status=status, findings=base.findings + extra, sentence=None)

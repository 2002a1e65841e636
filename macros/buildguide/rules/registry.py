"""The compatibility-rule registry: a rule is one function that yields what it found about one build."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum
from functools import cache
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
    severity: Severity | None  # None: not a finding but the sentence that says what a passed check found
    message: str
    items: tuple[Item, ...] = ()


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


# The figures the rule being evaluated has read, in order; set by report.evaluate around each rule. A context
# variable, so the preview's threads each keep their own.
USED: ContextVar[list[tuple[Item, str]] | None] = ContextVar("used_figures", default=None)
# Those it read through the power estimate: its result depends on them, but the page does not list them.
ESTIMATED: ContextVar[list[tuple[Item, str]] | None] = ContextVar("estimated_figures", default=None)


@cache  # pydantic's model_fields is a property that builds its answer: need() asks 100,000 times at 1,000 builds
def _fields(kind: type) -> frozenset[str]:
    return frozenset(kind.model_fields)  # type: ignore[attr-defined]


def need(item: Item, spec: str) -> Any:
    """A catalog figure a rule needs: recorded as used, and Missing (the check is not run) when absent."""
    if item.part is None or spec not in _fields(type(item.part)):
        raise TypeError(f"{type(item.part).__name__} has no field {spec!r}")  # a misspelt name is a bug, not data
    value = getattr(item.part, spec)
    if (used := USED.get()) is not None:
        used.append((item, spec))
    if value is None:
        raise Missing(f"{item.name} has no '{spec}' in the catalog")
    return value


def read(item: Item, *specs: str) -> None:
    """Record catalog figures a rule reads through the power estimate, for `report` to know what it depends on."""
    if item.part is None:
        return
    if unknown := [spec for spec in specs if spec not in _fields(type(item.part))]:
        raise TypeError(f"{type(item.part).__name__} has no field {unknown[0]!r}")  # a misspelt name, as in need()
    if (estimated := ESTIMATED.get()) is not None:
        estimated += [(item, spec) for spec in specs]


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


def ok(message: str) -> Issue:
    """What a passed check found, with its numbers: '165 mm under a 185 mm limit, 20 mm to spare'."""
    return Issue(None, message)

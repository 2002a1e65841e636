"""Compatibility rules. Importing this package registers every rule module below, in the order they run."""

from __future__ import annotations

from . import (  # noqa: F401 - imported for their @rule registrations
    bridge,
    completeness,
    cooling,
    form_factor,
    gpus,
    memory,
    psu,
    sizing,
    sockets,
    storage,
)
from .registry import RULES, Severity, Source
from .report import Check, Finding, Report, evaluate

__all__ = ["RULES", "Check", "Finding", "Report", "Severity", "Source", "evaluate"]

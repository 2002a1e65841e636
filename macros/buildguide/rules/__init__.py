"""Compatibility rules. Importing this package registers every rule module below."""

from __future__ import annotations

from . import memory, sockets  # noqa: F401 - imported for their @rule registrations
from .registry import RULES, Finding, Report, Severity, evaluate

__all__ = ["RULES", "Finding", "Report", "Severity", "evaluate"]

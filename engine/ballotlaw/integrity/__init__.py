"""Checks of the results' own arithmetic, run before any outcome is computed (docs/contracts.md, section 13)."""

from .universal import IntegrityReport, universal_checks

__all__ = ["IntegrityReport", "universal_checks"]

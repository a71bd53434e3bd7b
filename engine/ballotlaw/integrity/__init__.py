"""Checks of the results' own arithmetic, run before any outcome is computed (docs/contracts.md, section 13)."""

from .universal import IntegrityReport, universal_checks

# The turnout of the forensic indicators (indicators.py) unless one is named; kept here, where naming it
# (the CLI's default) does not load pyarrow.
DEFAULT_TURNOUT = "voters_took_part / registered_voters"

__all__ = ["DEFAULT_TURNOUT", "IntegrityReport", "universal_checks"]

"""The exception hierarchy: every error a user can cause carries its diagnostics."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .diagnostics.diagnostic import Diagnostic


class BallotlawError(Exception):
    """Root of every error ballotlaw raises on purpose."""


class FindingsError(BallotlawError):
    """The input has problems; each one is a diagnostic with a position."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...]) -> None:
        self.diagnostics = diagnostics
        super().__init__("; ".join(d.message for d in diagnostics))


class RuleFileError(FindingsError):
    """A rule file does not parse or does not check."""


class DataError(FindingsError):
    """A results file cannot be read or does not fit the rule file."""


class UsageError(BallotlawError):
    """The command line is wrong, or a named file cannot be opened."""

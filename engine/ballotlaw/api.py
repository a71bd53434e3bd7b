"""The public API: load a law, load results, evaluate. Each step returns warnings beside its value and
raises a FindingsError subclass (with positioned diagnostics) on errors."""

from __future__ import annotations

import attrs

from .check import check
from .check.amendments import resolve_amendments
from .diagnostics.diagnostic import Diagnostic
from .errors import RuleFileError
from .evaluate import evaluate
from .files import read_bytes
from .model import Law
from .outcome import Outcome
from .results.load import load_results
from .results.model import Results
from .source import SourceFile
from .syntax.ast import RuleFile
from .syntax.parser import parse_source


def read_source(path: str) -> SourceFile:
    """Read a rule file as UTF-8; a missing file is a usage error, bad encoding a rule-file error."""
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        from .source import Span

        placeholder = SourceFile(path, raw.decode("utf-8", errors="replace"))
        raise RuleFileError(
            (
                Diagnostic(
                    code="E110",
                    message=f"the file is not UTF-8 text (byte {error.start})",
                    span=Span(placeholder, line, 1, line, 2),
                    hint="save the rule file as UTF-8",
                ),
            )
        ) from None
    return SourceFile(path, text)


def _load(source: SourceFile) -> tuple[Law, tuple[Diagnostic, ...]]:
    read: dict[str, SourceFile] = {}

    def parse_base(path: str) -> RuleFile:
        read[path] = read_source(path)
        return parse_source(read[path])

    rule_file = resolve_amendments(parse_source(source), parse_base)
    law, warnings = check(rule_file)
    bases = tuple((path, read[path].sha256) for path in rule_file.bases)
    return attrs.evolve(law, bases=bases), warnings


def load_law_text(text: str, path: str = "<text>") -> tuple[Law, tuple[Diagnostic, ...]]:
    """Parse and check rule-file text."""
    return _load(SourceFile(path, text))


def load_law(path: str) -> tuple[Law, tuple[Diagnostic, ...]]:
    """Parse and check a rule file (with the earlier versions it amends)."""
    return _load(read_source(path))


def run(rules_path: str, results_path: str) -> tuple[Outcome, tuple[Diagnostic, ...]]:
    """Load both files and evaluate; warnings of both are returned beside the outcome."""
    law, rule_warnings = load_law(rules_path)
    results, data_warnings = load_results(law, results_path)
    return evaluate(law, results), rule_warnings + data_warnings


__all__ = ["Law", "Outcome", "Results", "evaluate", "load_law", "load_law_text", "load_results", "run"]

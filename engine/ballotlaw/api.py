"""The public API: load a law, load results, evaluate. Each step returns warnings beside its value and
raises a FindingsError subclass (with positioned diagnostics) on errors."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

import attrs
from attrs import frozen

from .check import check
from .check.amendments import resolve_amendments
from .diagnostics.diagnostic import DataLocation, Diagnostic
from .errors import DataError, RuleFileError, UsageError
from .evaluate import evaluate
from .files import read_bytes
from .integrity import IntegrityReport, universal_checks
from .model import Law
from .outcome import DataChecks, Outcome
from .results.load import load_results
from .results.model import Results
from .results.wide import read_mapping
from .source import SourceFile
from .syntax.parser import parse_source

T = TypeVar("T")

if TYPE_CHECKING:  # pyarrow is imported only by `validate`, the path that reads columns with it
    from .integrity.indicators import Indicators, TurnoutSpec


def read_source(path: str) -> SourceFile:
    """Read a rule file as UTF-8; a missing file, or a name that is not UTF-8 text (it could not be shown in
    UTF-8 output), is a usage error; bad encoding a rule-file error at the first byte that is not UTF-8."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        shown = path.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="replace")
        raise UsageError(f"{shown}: the file name is not UTF-8 text; rename the file") from None
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        from .source import Span

        line = raw.count(b"\n", 0, error.start) + 1
        start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[start : error.start].decode("utf-8-sig", errors="replace")) + 1
        placeholder = SourceFile(path, raw.decode("utf-8-sig", errors="replace"))
        raise RuleFileError(
            (
                Diagnostic(
                    code="E110",
                    message=f"the file is not UTF-8 text (byte {error.start})",
                    span=Span(placeholder, line, column, line, column + 1),
                    hint="save the rule file as UTF-8",
                ),
            )
        ) from None
    return SourceFile(path, text)


def _load(source: SourceFile) -> tuple[Law, tuple[Diagnostic, ...]]:
    read: dict[str, SourceFile] = {}

    def read_base(path: str) -> SourceFile:
        read[path] = read_source(path)
        return read[path]

    rule_file = resolve_amendments(parse_source(source), read_base)
    law, warnings = check(rule_file)
    bases = tuple((path, read[path].sha256) for path in rule_file.bases)
    return attrs.evolve(law, bases=bases), warnings


def load_law_text(text: str, path: str = "<text>") -> tuple[Law, tuple[Diagnostic, ...]]:
    """Parse and check rule-file text. A lone surrogate (no UTF-8 file holds one; it could not be hashed or
    printed) is E110 at its line and column."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        from .source import Span

        line = text.count("\n", 0, error.start) + 1
        column = error.start - (text.rfind("\n", 0, error.start) + 1) + 1
        placeholder = SourceFile(path, text.encode("utf-8", errors="replace").decode("utf-8"))
        raise RuleFileError(
            (
                Diagnostic(
                    code="E110",
                    message=f"the text holds a lone surrogate (U+{ord(text[error.start]):04X}), which is not UTF-8",
                    span=Span(placeholder, line, column, line, column + 1),
                    hint="pass the rule file's text as read from UTF-8",
                ),
            )
        ) from None
    return _load(SourceFile(path, text))


def load_law(path: str) -> tuple[Law, tuple[Diagnostic, ...]]:
    """Parse and check a rule file (with the earlier versions it amends)."""
    return _load(read_source(path))


def run(
    rules_path: str, results_path: str, accept_data_errors: bool = False, mapping: str | None = None
) -> tuple[Outcome, tuple[Diagnostic, ...]]:
    """Load both files, check the results' arithmetic, evaluate; warnings are returned beside the outcome.

    Results whose own arithmetic is wrong raise a DataError, unless `accept_data_errors` is given: then the
    outcome is computed and marked not certifiable, with the errors it accepted.
    """
    law, rule_warnings = load_law(rules_path)
    results, data_warnings = load_results(law, results_path, mapping)
    outcome, report = evaluate_checked(law, results, accept_data_errors)
    return outcome, rule_warnings + data_warnings + tuple(d for d in report.findings if not d.is_error)


def evaluate_checked(law: Law, results: Results, accept_data_errors: bool = False) -> tuple[Outcome, IntegrityReport]:
    """Check the results' own arithmetic (docs/contracts.md, section 13), then evaluate: the outcome carries the
    checks, the report every finding. Errors raise a DataError unless `accept_data_errors` is given: then the
    outcome is computed and marked not certifiable, with the errors it accepted."""
    report = universal_checks(law, results)
    errors = tuple(d for d in report.findings if d.is_error)
    if errors and not accept_data_errors:
        raise DataError(report.findings)
    warnings = tuple(d.message for d in report.findings if not d.is_error)
    checks = DataChecks(report.checked, tuple(f"{d.code}: {d.message}" for d in errors), warnings)
    return attrs.evolve(evaluate(law, results), data_checks=checks), report


@runtime_checkable
class StageCounter(Protocol):
    """A progress display that can be told how many stages are coming."""

    def expect(self, stages: int) -> None: ...


@frozen
class Validation:
    """What `validate` found in a results file: the checks' report and the warnings of reading both files."""

    path: str
    sha256: str
    report: IntegrityReport
    warnings: tuple[Diagnostic, ...]
    by_columns: bool  # read and checked column by column (a wide CSV without a single doubtful cell)
    indicators: Indicators | None = None  # forensic indicators, when asked for


def validate(
    rules_path: str,
    results_path: str,
    mapping: str | None = None,
    step: Callable[[str], None] = lambda _: None,
    turnout: str | None = None,
) -> Validation:
    """Check the arithmetic of a results file. A wide CSV is checked column by column when every cell is
    plain (results/columns.py); anything else is read row by row, which names each problem it finds.
    `step` is told the name of each stage (for a progress display). With `turnout` (`TOOK_PART / REGISTERED`,
    each a count or counts joined by `+`), the forensic indicators are computed too."""
    from concurrent.futures import ThreadPoolExecutor

    from .integrity.columnar import columnar_checks, stages
    from .integrity.indicators import TurnoutSpec, indicators_of_columns, indicators_of_results
    from .results.columns import absent_columns, read_wide_columns

    law, rule_warnings = load_law(rules_path)
    spec = TurnoutSpec.parse(turnout, list(law.counts)) if turnout is not None else None
    if mapping is not None:
        table = read_mapping(mapping)
        step("reading the columns")
        data = read_bytes(results_path)
        with ThreadPoolExecutor(max_workers=1) as pool:  # hashing releases the GIL: it runs beside the read
            digest = pool.submit(lambda: hashlib.sha256(data).hexdigest())
            columns = read_wide_columns(law, results_path, data, lambda: digest.result(), table)
        sha256 = digest.result()
        del data
        if columns is not None:
            if isinstance(step, StageCounter):
                step.expect(1 + stages(law, columns) + (1 if spec is not None else 0))
            report = columnar_checks(law, columns, step)
            if report is not None:
                warnings = rule_warnings + absent_columns(law, columns)
                if spec is not None:
                    step("forensic indicators")
                found, beyond = _indicators(results_path, lambda given: indicators_of_columns(given, columns), spec)
                return Validation(results_path, sha256, report, warnings + beyond, True, found)
    if isinstance(step, StageCounter):
        step.expect(2)
    step("reading the rows")
    results, data_warnings = load_results(law, results_path, mapping)
    step("checking the rows")
    report = universal_checks(law, results)
    found, beyond = _indicators(results.path, lambda given: indicators_of_results(given, results), spec)
    return Validation(results.path, results.sha256, report, rule_warnings + data_warnings + beyond, False, found)


def _indicators(
    path: str, compute: Callable[[TurnoutSpec], T], spec: TurnoutSpec | None
) -> tuple[T | None, tuple[Diagnostic, ...]]:
    """The forensic indicators, or none with a warning (W103) where the counts are too large for the 64-bit
    column arithmetic they are computed with (counts up to 2^63 - 1 are valid; their sums may not fit)."""
    if spec is None:
        return None, ()
    import pyarrow as pa

    try:
        return compute(spec), ()
    except pa.ArrowInvalid:
        return None, (
            Diagnostic(
                code="W103",
                message="the forensic indicators are not computed: sums or multiples of these counts exceed 2^63 - 1",
                location=DataLocation(path),
                hint="the checks of the results' arithmetic above are unaffected; indicators need smaller counts",
            ),
        )


__all__ = [
    "Law",
    "Outcome",
    "Results",
    "evaluate",
    "evaluate_checked",
    "load_law",
    "load_law_text",
    "load_results",
    "run",
    "validate",
]

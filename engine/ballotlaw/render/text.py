"""Render an outcome as tables for people. Formats only what evaluation recorded; computes nothing.

Every text that reaches the console is escaped (render/escape.py) and printed without markup: a name from the
results or the rule file is shown as it is written, never read as a style or a terminal control.
"""

from __future__ import annotations

import io
import textwrap

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..exact import percent
from ..model import Law
from ..outcome import ContestOutcome, Outcome, SelectionOutcome, UnitOutcome
from ..states import CheckResult, Status, Verdict
from .escape import escape
from .phrases import say

_STATUS_STYLE: dict[Status, str] = {
    Status.ELECTED: "bold green",
    Status.PROVISIONAL: "bold yellow",
    Status.RERUN: "bold red",
    Status.VOID: "bold red",
    Status.LOT_NEEDED: "bold magenta",
}
_RESULT_STYLE: dict[Verdict | CheckResult, str] = {
    Verdict.PASSED: "green",
    Verdict.FAILED: "red",
    Verdict.NOT_EVALUATED: "yellow",
    CheckResult.VALID: "green",
    CheckResult.VOID: "red",
    CheckResult.RERUN: "red",
    CheckResult.NO_RERUN: "green",
    CheckResult.BINDING: "magenta",
}


PROSE_WIDTH = 110


def _say(console: Console, text: str, indent: int = 2, hanging: int = 2) -> None:
    """Print prose wrapped at PROSE_WIDTH with a hanging indent (tables are never wrapped)."""
    lines = textwrap.wrap(
        escape(text),
        width=PROSE_WIDTH,
        initial_indent=" " * indent,
        subsequent_indent=" " * (indent + hanging),
        break_on_hyphens=False,
        break_long_words=False,
    )
    for line in lines:
        console.print(line, markup=False, highlight=False)


def make_console(color: bool, width: int = 200) -> tuple[Console, io.StringIO]:
    """A console that writes into a buffer; fixed width so that output is byte-identical run to run."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        markup=False,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
    return console, buffer


def _votes(selection: SelectionOutcome) -> str:
    figure = selection.votes
    if figure.known:
        return f"{figure.value:,}"
    if figure.at_most is not None:
        return f"{figure.status} (<= {figure.at_most:,})"
    return figure.status


def _sort_key(selection: SelectionOutcome) -> tuple[int, int, str]:
    votes = selection.votes.value if selection.votes.known else (selection.votes.at_most or 0)
    return (-(selection.seats or 0), -(votes or 0) - (1 if selection.votes.known else 0), selection.id)


def _header(console: Console, outcome: Outcome, law: Law | None) -> None:
    rules = outcome.rules
    console.print(Text(escape(str(rules.get("election") or "")), style="bold"))
    lines = [
        ("law", rules.get("law")),
        (
            "version",
            f"{rules.get('version')}" + (f" (in force from {rules.get('in_force')})" if rules.get("in_force") else "")
            if rules.get("version")
            else None,
        ),
        ("polling day", rules.get("polling_day")),
        ("rules", f"{rules.get('file')}  sha256 {str(rules.get('sha256'))[:16]}"),
        ("results", f"{outcome.results.get('file')}  sha256 {str(outcome.results.get('sha256'))[:16]}"),
    ]
    for label, value in lines:
        if value:
            console.print(f"  {label:<12} {escape(str(value))}")
    checks = outcome.data_checks
    if checks is not None:
        line = f"{checks.checked} relation(s) of the results' arithmetic checked"
        if checks.unchecked:
            line += f", {len(checks.unchecked)} level(s) not checked (see the warnings)"
        if checks.errors:
            console.print(
                Text.assemble(
                    f"  {'data':<12} {line}; ",
                    (f"{len(checks.errors)} ERROR(S) ACCEPTED BY OVERRIDE: NOT CERTIFIABLE", "bold red"),
                )
            )
            for error in checks.errors:
                console.print(f"{'':<15}{escape(str(error))}")
        else:
            console.print(f"  {'data':<12} {line}: no errors")
    console.print(
        Text.assemble("  status       ", (escape(outcome.status.upper()), _STATUS_STYLE.get(outcome.status, "")))
    )
    console.print()


def _share_base(unit: UnitOutcome) -> str | None:
    """The base of the share column: that of the first share measured (a list measured only on another base
    shows none, so shares of different bases never stand in one column)."""
    return next((t.base for s in unit.selections for t in s.tests if t.share is not None and t.base), None)


def _list_table(unit: UnitOutcome) -> Table:
    test_columns: dict[str, str] = {}  # each clause's full label -> its own label, the column's title
    for selection in unit.selections:
        for test in selection.tests:
            test_columns.setdefault(test.clause, test.provenance.label)
    share_base = _share_base(unit)
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("list", no_wrap=True, max_width=60, overflow="ellipsis")
    table.add_column("votes", justify="right", no_wrap=True)
    if share_base:
        table.add_column("share", justify="right", no_wrap=True)
    for label in test_columns.values():
        table.add_column(escape(label), no_wrap=True)
    table.add_column("qualified", no_wrap=True)
    table.add_column("seats", justify="right", no_wrap=True)
    for selection in sorted(unit.selections, key=_sort_key):
        row: list[Text | str] = [escape(selection.id), escape(_votes(selection))]
        if share_base:
            measured = next((t.share for t in selection.tests if t.base == share_base and t.share is not None), None)
            row.append(percent(measured) if measured is not None else "-")
        for clause in test_columns:
            found = next((t for t in selection.tests if t.clause == clause), None)
            row.append(Text(escape(found.result), style=_RESULT_STYLE.get(found.result, "")) if found else "-")
        row.append(escape(selection.qualified or "-"))
        row.append("-" if selection.seats is None else str(selection.seats))
        table.add_row(*row)
    return table


def _candidate_table(unit: UnitOutcome, kind: str) -> Table:
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("option" if kind == "options" else "candidate", no_wrap=True)
    table.add_column("votes", justify="right", no_wrap=True)
    runoff = any(s.qualified for s in unit.selections)
    if runoff:
        table.add_column("second round", no_wrap=True)
    table.add_column("approved" if kind == "options" else "elected", no_wrap=True)
    for selection in sorted(unit.selections, key=_sort_key):
        elected = "-" if selection.elected is None else ("yes" if selection.elected else "no")
        row = [selection.id, _votes(selection)] + ([selection.qualified or "-"] if runoff else []) + [elected]
        row = [escape(cell) for cell in row]
        table.add_row(*row)
    return table


def _unit(console: Console, contest: ContestOutcome, unit: UnitOutcome, sources: dict[str, str]) -> None:
    status = (escape(unit.status), _STATUS_STYLE.get(unit.status, ""))
    console.print(Text.assemble(escape(f"{unit.unit}"), ("  status ", ""), status))
    console.print(_list_table(unit) if contest.kind == "lists" else _candidate_table(unit, contest.kind))
    if contest.kind == "lists":
        base = _share_base(unit)
        if base is not None:
            _say(console, f"share: of {base} (exact fractions in --json)")
        total = sum(s.seats or 0 for s in unit.selections)
        available = unit.seats_available if unit.seats_available is not None else contest.seats_total
        _say(console, f"seats: {total} of {available} ({unit.seats_status})")
        if unit.distribution:
            by_list: dict[str, list[str]] = {}
            for given in unit.distribution:
                by_list.setdefault(given.selection, []).append(f"{given.unit} {given.seats}")
            _say(console, "distributed: " + "; ".join(f"{name}: {', '.join(parts)}" for name, parts in by_list.items()))
    _say(console, say(unit.seats_note))
    if unit.checks:
        console.print("  checks:")
        for check in unit.checks:
            _say(console, f"{check.result:<14}{check.clause}: {say(check.detail)}", indent=4, hanging=14)
    if unit.reasons:
        console.print(f"  why {escape(unit.status)}:")
        for reason in unit.reasons:
            _say(console, f"- {reason.clause}: {say(reason.text)}", indent=4)
    if unit.unpublished:
        console.print("  not published in the data:")
        for item in unit.unpublished:
            bound = f" (at most {item.at_most:,} each)" if item.at_most is not None else ""
            where = f" [source {item.source}]" if item.source else ""
            _say(console, f"- {item.what}: {item.status}{bound}: {', '.join(item.items)}{where}", indent=4)
            if item.source:
                sources.setdefault(item.source, f"{item.source_title} <{item.source_url}>")
    console.print()


def render_outcome(outcome: Outcome, law: Law | None = None, color: bool = False) -> str:
    """The outcome as text: a header, then per contest and unit a table, checks and reasons."""
    console, buffer = make_console(color)
    _header(console, outcome, law)
    sources: dict[str, str] = {}
    for contest in outcome.contests:
        console.print(
            Text.assemble(
                (escape(f"{contest.id}"), "bold"),
                escape(f": {contest.title}  "),
                ("status ", ""),
                (escape(contest.status), _STATUS_STYLE.get(contest.status, "")),
            )
        )
        for reason in contest.reasons:
            _say(console, f"- {reason.clause}: {say(reason.text)}")
        if contest.reasons:
            console.print()
        for unit in contest.units:
            _unit(console, contest, unit, sources)
        if contest.adjustment:
            console.print("adjustment seats (the national tier):")
            for line in contest.adjustment:
                _say(
                    console,
                    f"{line.selection}: {line.district_seats} district + {line.adjustment_seats} adjustment "
                    f"= {line.entitlement}",
                )
            if contest.placed:
                _say(console, "placed: " + ", ".join(f"{p.selection} in {p.unit}" for p in contest.placed))
            console.print()
    if sources:
        console.print("sources of the figures that are not published:")
        for key, text in sources.items():
            _say(console, f"{key}: {text}")
    return buffer.getvalue()

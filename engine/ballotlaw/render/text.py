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

from ..i18n import _, ngettext, pgettext, speaking
from ..i18n.formats import date, grouped, integer, percent
from ..model import Law
from ..outcome import ContestOutcome, Outcome, SelectionOutcome, UnitOutcome
from ..states import CheckResult, Qualification, Status, Verdict
from .escape import escape
from .phrases import say
from .phrases.words import figure_name, figure_status, word

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
        return grouped(figure.value or 0)
    if figure.at_least is not None:
        high = f", <= {grouped(figure.at_most)}" if figure.at_most is not None else ""
        return f"{figure_status(figure.status)} (>= {grouped(figure.at_least)}{high})"
    if figure.at_most is not None:
        return f"{figure_status(figure.status)} (<= {grouped(figure.at_most)})"
    return figure_status(figure.status)


def _sort_key(selection: SelectionOutcome) -> tuple[int, int, str]:
    votes = selection.votes.value if selection.votes.known else (selection.votes.at_most or 0)
    return (-(selection.seats or 0), -(votes or 0) - (1 if selection.votes.known else 0), selection.id)


def _header(console: Console, outcome: Outcome, law: Law | None) -> None:
    rules = outcome.rules
    console.print(Text(escape(str(rules.get("election") or "")), style="bold"))
    in_force = rules.get("in_force")
    lines = [
        (pgettext("header", "law"), rules.get("law")),
        (
            pgettext("header", "version"),
            f"{rules.get('version')}"
            + (_(" (in force from {date})").format(date=date(str(in_force))) if in_force else "")
            if rules.get("version")
            else None,
        ),
        (pgettext("header", "polling day"), date(str(rules.get("polling_day") or "")) or None),
        (pgettext("header", "rules"), f"{rules.get('file')}  sha256 {str(rules.get('sha256'))[:16]}"),
        (
            pgettext("header", "results"),
            f"{outcome.results.get('file')}  sha256 {str(outcome.results.get('sha256'))[:16]}",
        ),
    ]
    data, status = pgettext("header", "data"), pgettext("header", "status")
    width = max(12, 1 + max(len(label) for label in (*(label for label, _value in lines), data, status)))
    for label, value in lines:
        if value:
            console.print(f"  {label:<{width}} {escape(str(value))}")
    checks = outcome.data_checks
    if checks is not None:
        line = ngettext(
            "{count} relation(s) of the results' arithmetic checked",
            "{count} relation(s) of the results' arithmetic checked",
            checks.checked,
        ).format(count=integer(checks.checked))
        if checks.unchecked:
            line += ngettext(
                ", {count} level(s) not checked (see the warnings)",
                ", {count} level(s) not checked (see the warnings)",
                len(checks.unchecked),
            ).format(count=integer(len(checks.unchecked)))
        if checks.errors:
            errors = ngettext(
                "{count} ERROR(S) ACCEPTED BY OVERRIDE: NOT CERTIFIABLE",
                "{count} ERROR(S) ACCEPTED BY OVERRIDE: NOT CERTIFIABLE",
                len(checks.errors),
            ).format(count=integer(len(checks.errors)))
            console.print(Text.assemble(f"  {data:<{width}} {line}; ", (errors, "bold red")))
            for error in checks.errors:
                console.print(f"{'':<{width + 3}}{escape(str(error))}")
        else:
            console.print(f"  {data:<{width}} " + _("{checked}: no errors").format(checked=line))
    console.print(
        Text.assemble(
            f"  {status:<{width}} ", (escape(word(outcome.status).upper()), _STATUS_STYLE.get(outcome.status, ""))
        )
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
    table.add_column(pgettext("column", "list"), no_wrap=True, max_width=60, overflow="ellipsis")
    table.add_column(pgettext("column", "votes"), justify="right", no_wrap=True)
    if share_base:
        table.add_column(pgettext("column", "share"), justify="right", no_wrap=True)
    for label in test_columns.values():
        table.add_column(escape(label), no_wrap=True)
    table.add_column(pgettext("column", "qualified"), no_wrap=True)
    table.add_column(pgettext("column", "seats"), justify="right", no_wrap=True)
    for selection in sorted(unit.selections, key=_sort_key):
        row: list[Text | str] = [escape(selection.id), escape(_votes(selection))]
        if share_base:
            measured = next((t.share for t in selection.tests if t.base == share_base and t.share is not None), None)
            row.append(percent(measured) if measured is not None else "-")
        for clause in test_columns:
            found = next((t for t in selection.tests if t.clause == clause), None)
            row.append(Text(escape(word(found.result)), style=_RESULT_STYLE.get(found.result, "")) if found else "-")
        row.append(escape(word(selection.qualified) or "-"))
        row.append("-" if selection.seats is None else integer(selection.seats))
        table.add_row(*row)
    return table


def _candidate_table(unit: UnitOutcome, kind: str) -> Table:
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    options = kind == "options"
    table.add_column(pgettext("column", "option") if options else pgettext("column", "candidate"), no_wrap=True)
    table.add_column(pgettext("column", "votes"), justify="right", no_wrap=True)
    runoff = any(s.qualified for s in unit.selections)
    if runoff:
        table.add_column(pgettext("column", "second round"), no_wrap=True)
    table.add_column(pgettext("column", "approved") if options else pgettext("column", "elected"), no_wrap=True)
    for selection in sorted(unit.selections, key=_sort_key):
        elected = (
            "-" if selection.elected is None else word(Qualification.YES if selection.elected else Qualification.NO)
        )
        second = [word(selection.qualified) or "-"] if runoff else []
        row = [selection.id, _votes(selection), *second, elected]
        row = [escape(cell) for cell in row]
        table.add_row(*row)
    return table


def _unit(console: Console, contest: ContestOutcome, unit: UnitOutcome, sources: dict[str, str]) -> None:
    status = (escape(word(unit.status)), _STATUS_STYLE.get(unit.status, ""))
    console.print(Text.assemble(escape(f"{unit.unit}"), ("  " + pgettext("header", "status") + " ", ""), status))
    console.print(_list_table(unit) if contest.kind == "lists" else _candidate_table(unit, contest.kind))
    if contest.kind == "lists":
        base = _share_base(unit)
        if base is not None:
            _say(console, _("share: of {base} (exact fractions in --json)").format(base=base))
        total = sum(s.seats or 0 for s in unit.selections)
        available = unit.seats_available if unit.seats_available is not None else contest.seats_total
        shown = "None" if available is None else integer(available)
        _say(
            console,
            _("seats: {total} of {available} ({status})").format(
                total=integer(total), available=shown, status=word(unit.seats_status)
            ),
        )
        if unit.distribution:
            by_list: dict[str, list[str]] = {}
            for given in unit.distribution:
                by_list.setdefault(given.selection, []).append(f"{given.unit} {integer(given.seats)}")
            parts = "; ".join(f"{name}: {', '.join(parts)}" for name, parts in by_list.items())
            _say(console, _("distributed: {parts}").format(parts=parts))
    _say(console, say(unit.seats_note))
    if unit.checks:
        console.print("  " + _("checks:"))
        results = {check.result: word(check.result) for check in unit.checks}
        column = max(14, 1 + max(len(text) for text in results.values()))
        for check in unit.checks:
            line = f"{results[check.result]:<{column}}{check.clause}: {say(check.detail)}"
            _say(console, line, indent=4, hanging=column)
    if unit.reasons:
        console.print("  " + _("why {status}:").format(status=escape(word(unit.status))))
        for reason in unit.reasons:
            _say(console, f"- {reason.clause}: {say(reason.text)}", indent=4)
    if unit.unpublished:
        console.print("  " + _("not published in the data:"))
        for item in unit.unpublished:
            bound = ""
            if item.at_most is not None:
                bound = (_(" (at most {value} each)") if len(item.items) > 1 else _(" (at most {value})")).format(
                    value=grouped(item.at_most)
                )
            if item.at_least is not None:
                limits = [_("at least {value}").format(value=grouped(item.at_least))]
                limits += [_("at most {value}").format(value=grouped(item.at_most))] if item.at_most is not None else []
                each = _(" each") if len(item.items) > 1 else ""
                bound = f" ({', '.join(limits)}{each})"
            where = _(" [source {source}]").format(source=item.source) if item.source else ""
            line = f"- {figure_name(item.what)}: {figure_status(item.status)}{bound}: {', '.join(item.items)}{where}"
            _say(console, line, indent=4)
            if item.source:
                sources.setdefault(item.source, f"{item.source_title} <{item.source_url}>")
    console.print()


def render_outcome(outcome: Outcome, law: Law | None = None, color: bool = False, lang: str = "en") -> str:
    """The outcome as text in `lang` (ballotlaw.i18n.LANGUAGES): a header, then per contest and unit a table,
    checks and reasons."""
    with speaking(lang):
        return _render(outcome, law, color)


def _render(outcome: Outcome, law: Law | None, color: bool) -> str:
    console, buffer = make_console(color)
    _header(console, outcome, law)
    sources: dict[str, str] = {}
    for contest in outcome.contests:
        console.print(
            Text.assemble(
                (escape(f"{contest.id}"), "bold"),
                escape(f": {contest.title}  "),
                (pgettext("header", "status") + " ", ""),
                (escape(word(contest.status)), _STATUS_STYLE.get(contest.status, "")),
            )
        )
        for reason in contest.reasons:
            _say(console, f"- {reason.clause}: {say(reason.text)}")
        if contest.reasons:
            console.print()
        for unit in contest.units:
            _unit(console, contest, unit, sources)
        if contest.adjustment:
            console.print(_("adjustment seats (the national tier):"))
            for line in contest.adjustment:
                _say(
                    console,
                    _("{name}: {district} district + {adjustment} adjustment = {entitlement}").format(
                        name=line.selection,
                        district=integer(line.district_seats),
                        adjustment=integer(line.adjustment_seats),
                        entitlement=integer(line.entitlement),
                    ),
                )
            if contest.placed:
                counted = any(p.seats != 1 for p in contest.placed)  # one seat each (Norway): no count said
                placed = ", ".join(
                    _("{name} in {unit}").format(name=p.selection, unit=p.unit)
                    if not counted
                    else ngettext("{name}: {seats} seat in {unit}", "{name}: {seats} seats in {unit}", p.seats).format(
                        name=p.selection, seats=integer(p.seats), unit=p.unit
                    )
                    for p in contest.placed
                )
                _say(console, _("placed: {placed}").format(placed=placed))
            console.print()
    if sources:
        console.print(_("sources of the figures that are not published:"))
        for key, text in sources.items():
            _say(console, f"{key}: {text}")
    return buffer.getvalue()

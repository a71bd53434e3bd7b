"""What the report shows, taken from an evaluation as `run` makes it: the outcome, its trace, the results' checks
and the law they applied. Everything is read, nothing decided: shares, seats, verdicts and reasons are the
outcome's; sentences about facts are `say()`'s in the current language; only the margins between published
counts of candidates are subtracted here, for display."""

from __future__ import annotations

from fractions import Fraction

from attrs import frozen

from ..diagnostics.diagnostic import Diagnostic
from ..i18n import formats
from ..integrity import IntegrityReport
from ..model import Contest, Law
from ..outcome import ContestOutcome, Outcome, SelectionOutcome, UnitOutcome
from ..render.escape import escape
from ..render.phrases import say
from ..render.phrases.words import figure_name
from ..results.model import Figure
from ..trace import Step
from . import charts
from .words import _, word


@frozen
class Input:
    role: str
    file: str
    sha256: str


@frozen
class Cited:
    text: str
    url: str
    title: str


@frozen
class Said:
    """A reason or a check: the clause it comes from, what it found in words, its result if any."""

    clause: str
    text: str
    result: str = ""
    where: str = ""


@frozen
class Row:
    cells: tuple[str, ...]
    seats: int | None
    qualified: bool
    unpublished: bool


@frozen
class UnitView:
    name: str
    status: str
    status_key: str
    columns: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: tuple[Row, ...]
    hemicycle: charts.Hemicycle | None
    shares: charts.ShareChart | None
    share_base: str | None
    not_drawn: tuple[str, ...]
    seats_line: str
    seats_note: str
    winner: str
    checks: tuple[Said, ...]
    reasons: tuple[Said, ...]
    unpublished: tuple[Said, ...]
    distribution: tuple[str, ...]


@frozen
class ContestView:
    id: str
    title: str
    kind: str
    status: str
    status_key: str
    reasons: tuple[Said, ...]
    units: tuple[UnitView, ...]
    adjustment: tuple[str, ...]


@frozen
class StepView:
    n: int
    clause: str
    kind: str
    where: str
    position: str
    citations: tuple[Cited, ...]
    assumption: str
    inputs: tuple[tuple[str, str], ...]
    decision: str
    result: str


@frozen
class Checks:
    checked: int
    unpublished: int
    unchecked: tuple[str, ...]
    errors: tuple[Said, ...]
    warnings: tuple[Said, ...]


@frozen
class ReportView:
    lang: str
    election: str
    facts: tuple[tuple[str, str], ...]  # (label, value) of the header
    sources: tuple[Cited, ...]
    inputs: tuple[Input, ...]
    status: str
    status_key: str
    headline: str
    reasons: tuple[Said, ...]
    certifiable: bool
    checks: Checks
    contests: tuple[ContestView, ...]
    trace: tuple[StepView, ...]


def text(value: object) -> str:
    """Text from input shown safely: controls and bidirectional marks as visible escapes (the HTML escaping is the
    template's)."""
    return escape(str(value))


def link(url: str) -> str:
    """A source's address as a link target: only a web address (http or https) is linked, never a script."""
    return url if url.lower().startswith(("https://", "http://")) else ""


def votes(figure: Figure) -> str:
    if figure.known and figure.value is not None:
        return formats.grouped(figure.value)
    if figure.at_most is not None:
        return _("{status} (at most {bound})").format(
            status=_figure_status(figure.status), bound=formats.grouped(figure.at_most)
        )
    return _figure_status(figure.status)


def _figure_status(status: str) -> str:
    return _("not published") if status == "not published" else text(status)


def _sort_key(selection: SelectionOutcome) -> tuple[int, int, str]:
    """The order of the seat table: most seats, then most votes (a published count before a bound), then name."""
    figure = selection.votes
    count = figure.value if figure.known else figure.at_most
    return (-(selection.seats or 0), -(count or 0) - (1 if figure.known else 0), selection.id)


def _share_base(unit: UnitOutcome) -> str | None:
    return next((t.base for s in unit.selections for t in s.tests if t.share is not None and t.base), None)


def _share(selection: SelectionOutcome, base: str | None) -> Fraction | None:
    return next((t.share for t in selection.tests if t.base == base and t.share is not None), None)


def _said(clause: str, fact: object, result: object = "", context: str = "") -> Said:
    return Said(text(clause), text(say(fact)), word(context, result) if result != "" else "")  # type: ignore[arg-type]


def _threshold_lines(rule_contest: Contest | None, base: str | None) -> tuple[list[tuple[Fraction, str]], list[str]]:
    """The thresholds measured in the unit itself on the chart's base (drawn), and the others (named)."""
    drawn: list[tuple[Fraction, str]] = []
    named: list[str] = []
    if rule_contest is None:
        return drawn, named
    for rule in rule_contest.thresholds:
        label = f"{formats.written_percent(rule.percent_text)} {rule.provenance.label}"
        if rule.level is None and rule.base == base and rule.at_least_units is None:
            drawn.append((rule.share, text(label)))
        else:
            where = rule.level or ""
            named.append(
                text(
                    _("{label}: of {base} in each unit of level {level} (not drawn)").format(
                        label=label, base=rule.base, level=where
                    )
                    if where
                    else _("{label}: of {base} (not drawn)").format(label=label, base=rule.base)
                )
            )
    return drawn, named


def _list_unit(contest: ContestOutcome, unit: UnitOutcome, rule_contest: Contest | None) -> UnitView:
    ordered = sorted(unit.selections, key=_sort_key)
    labels: dict[str, str] = {}
    for selection in ordered:
        for test in selection.tests:
            labels.setdefault(test.clause, test.provenance.label)
    base = _share_base(unit)
    columns = [_("list"), _("votes")]
    numeric = [False, True]
    if base:
        columns.append(_("share"))
        numeric.append(True)
    columns += [text(label) for label in labels.values()]
    numeric += [False] * len(labels)
    columns += [_("qualified"), _("seats")]
    numeric += [False, True]
    rows = []
    bars: list[tuple[str, Fraction | None, str, bool]] = []
    for selection in ordered:
        share = _share(selection, base)
        cells = [text(selection.id), votes(selection.votes)]
        if base:
            cells.append(formats.percent(share) if share is not None else "–")
        for clause in labels:
            found = next((t for t in selection.tests if t.clause == clause), None)
            cells.append(word("verdict", found.result) if found else "–")
        cells.append(word("qualified", selection.qualified) if selection.qualified else "–")
        cells.append("–" if selection.seats is None else str(selection.seats))
        qualified = selection.qualified == "yes"
        rows.append(Row(tuple(cells), selection.seats, qualified, not selection.votes.known))
        if base:
            if share is not None:
                shown = formats.percent(share)
            elif selection.votes.known:
                shown = _("{votes} votes, no share measured").format(votes=votes(selection.votes))
            else:
                shown = votes(selection.votes)
            bars.append((text(selection.id), share, shown, selection.qualified != "no"))
    owners = [(text(s.id), s.seats or 0) for s in ordered if s.seats]
    drawn, named = _threshold_lines(rule_contest, base)
    total = sum(s.seats or 0 for s in unit.selections)
    available = unit.seats_available if unit.seats_available is not None else contest.seats_total
    seats_line = _("{given} of {available} seats ({status})").format(
        given=formats.integer(total),
        available=formats.integer(available),
        status=word("seats", unit.seats_status),
    )
    return UnitView(
        name=text(unit.name or unit.unit),
        status=word("status", unit.status),
        status_key=_key(unit.status),
        columns=tuple(columns),
        numeric=tuple(numeric),
        rows=tuple(rows),
        hemicycle=charts.hemicycle(owners),
        shares=charts.share_chart(bars, drawn, lambda tick: formats.percent_number(tick * 100, 0)) if base else None,
        share_base=text(base) if base else None,
        not_drawn=tuple(named),
        seats_line=seats_line,
        seats_note=text(say(unit.seats_note)),
        winner="",
        checks=tuple(_said(c.clause, c.detail, c.result, "check") for c in unit.checks),
        reasons=tuple(_said(r.clause, r.text) for r in unit.reasons),
        unpublished=_unpublished(unit),
        distribution=_distribution(unit),
    )


def _unpublished(unit: UnitOutcome) -> tuple[Said, ...]:
    found = []
    for item in unit.unpublished:
        status = _figure_status(item.status)
        if item.at_most is not None:
            status = _("{status} (at most {bound} each)").format(status=status, bound=formats.grouped(item.at_most))
        found.append(Said(text(figure_name(item.what)), text(", ".join(item.items)), status, text(item.source or "")))
    return tuple(found)


def _distribution(unit: UnitOutcome) -> tuple[str, ...]:
    by_list: dict[str, list[str]] = {}
    for given in unit.distribution:
        by_list.setdefault(given.selection, []).append(f"{given.unit} {given.seats}")
    return tuple(text(f"{name}: {', '.join(parts)}") for name, parts in by_list.items())


def _candidate_unit(contest: ContestOutcome, unit: UnitOutcome) -> UnitView:
    ordered = sorted(unit.selections, key=_sort_key)
    options = contest.kind == "options"
    runoff = any(s.qualified for s in unit.selections)
    leader = next((s.votes.value for s in ordered if s.votes.known and s.votes.value is not None), None)
    columns = [_("option") if options else _("candidate"), _("votes")]
    numeric = [False, True]
    if not options:
        columns.append(_("behind the most votes"))
        numeric.append(True)
    if runoff:
        columns.append(_("second round"))
        numeric.append(False)
    columns.append(_("approved") if options else _("elected"))
    numeric.append(False)
    rows = []
    for selection in ordered:
        cells = [text(selection.id), votes(selection.votes)]
        if not options:
            known = selection.votes.known and selection.votes.value is not None and leader is not None
            cells.append(formats.grouped(leader - selection.votes.value) if known else "–")  # type: ignore[operator]
        if runoff:
            cells.append(word("qualified", selection.qualified) if selection.qualified else "–")
        cells.append("–" if selection.elected is None else (_("yes") if selection.elected else _("no")))
        rows.append(Row(tuple(cells), None, bool(selection.elected), not selection.votes.known))
    winners = [text(s.id) for s in ordered if s.elected]
    bars = [
        (text(s.id), s.votes.value if s.votes.known else None, votes(s.votes), s.elected is not False) for s in ordered
    ]
    return UnitView(
        name=text(unit.name or unit.unit),
        status=word("status", unit.status),
        status_key=_key(unit.status),
        columns=tuple(columns),
        numeric=tuple(numeric),
        rows=tuple(rows),
        hemicycle=None,
        shares=charts.vote_chart(bars),
        share_base=None,
        not_drawn=(),
        seats_line="",
        seats_note=text(say(unit.seats_note)),
        winner=", ".join(winners),
        checks=tuple(_said(c.clause, c.detail, c.result, "check") for c in unit.checks),
        reasons=tuple(_said(r.clause, r.text) for r in unit.reasons),
        unpublished=_unpublished(unit),
        distribution=(),
    )


def _key(status: object) -> str:
    return str(status).replace(" ", "-")


def _contest(contest: ContestOutcome, law: Law) -> ContestView:
    rule_contest = law.contest(contest.id)
    units = tuple(
        _list_unit(contest, u, rule_contest) if contest.kind == "lists" else _candidate_unit(contest, u)
        for u in contest.units
    )
    adjustment = tuple(
        text(
            _("{list}: {district} district + {adjustment} adjustment = {total}").format(
                list=line.selection,
                district=formats.integer(line.district_seats),
                adjustment=formats.integer(line.adjustment_seats),
                total=formats.integer(line.entitlement),
            )
        )
        for line in contest.adjustment
    )
    return ContestView(
        id=text(contest.id),
        title=text(contest.title),
        kind=str(contest.kind),
        status=word("status", contest.status),
        status_key=_key(contest.status),
        reasons=tuple(_said(r.clause, r.text) for r in contest.reasons),
        units=units,
        adjustment=adjustment,
    )


def _step(step: Step) -> StepView:
    prov = step.provenance
    citations: tuple[Cited, ...] = ()
    if prov is not None:
        citations = tuple(Cited(text(str(c)), link(c.source.url), text(c.source.title)) for c in prov.citations)
    inputs = tuple(
        (text(figure_name(name)), formats.number(value) if isinstance(value, (Fraction, int)) else text(value))
        for name, value in step.inputs
    )
    return StepView(
        n=step.n,
        clause=text(step.clause),
        kind=word("kind", step.kind),
        where=text(f"{step.contest} · {step.unit}"),
        position=text(f"{prov.span}") if prov else _("(the engine)"),
        citations=citations,
        assumption=text(prov.assumption) if prov and prov.assumption else "",
        inputs=inputs,
        decision=text(say(step.decision)),
        result=word("result", step.result),
    )


def _headline(status: str) -> str:
    """The status as a sentence (each written out so that extraction finds it)."""
    table = {
        "elected": _("On these results the law's outcome is final."),
        "provisional": _("The outcome is not final, for the reasons below."),
        "rerun": _("The law orders a repeat election."),
        "void": _("Under the law the vote is void."),
        "lot needed": _("A tie that the law resolves by drawing lots."),
        "runoff": _("A second round is needed."),
        "recount": _("The law orders a recount before anyone is declared elected."),
        "approved": _("The question is approved."),
        "rejected": _("The question is not approved."),
    }
    return table.get(status, text(status))


def _all_reasons(outcome: Outcome) -> tuple[Said, ...]:
    """Every reason a contest or a unit gives for its status, once each, in the outcome's order."""
    found: list[Said] = []
    for contest in outcome.contests:
        for reason in contest.reasons:
            found.append(Said(text(reason.clause), text(say(reason.text)), where=text(contest.id)))
        for unit in contest.units:
            for reason in unit.reasons:
                found.append(
                    Said(text(reason.clause), text(say(reason.text)), where=text(f"{contest.id} · {unit.unit}"))
                )
    unique: dict[tuple[str, str, str], Said] = {}
    for said in found:
        unique.setdefault((said.clause, said.text, said.where), said)
    return tuple(unique.values())


def _diagnostic(found: Diagnostic) -> Said:
    where = str(found.location) if found.location is not None else (str(found.span) if found.span else "")
    return Said(found.code, text(found.message), found.severity, text(where))


def build_view(law: Law, outcome: Outcome, report: IntegrityReport, inputs: tuple[Input, ...], lang: str) -> ReportView:
    """The report of `outcome` in the current language (the caller speaks `lang`)."""
    rules = outcome.rules
    facts: list[tuple[str, str]] = []
    for label, key in (
        (_("Jurisdiction"), "jurisdiction"),
        (_("Law"), "law"),
        (_("Version"), "version"),
        (_("In force from"), "in_force"),
        (_("Polling day"), "polling_day"),
    ):
        value = rules.get(key)
        if value:
            shown = formats.date(str(value)) if key in ("in_force", "polling_day") else str(value)
            facts.append((label, text(shown)))
    checks = outcome.data_checks
    errors = tuple(_diagnostic(d) for d in report.findings if d.is_error)
    warnings = tuple(_diagnostic(d) for d in report.findings if not d.is_error)
    return ReportView(
        lang=lang,
        election=text(rules.get("election") or law.title),
        facts=tuple(facts),
        sources=tuple(Cited(text(s.id), link(s.url), text(s.title)) for s in law.sources.values()),
        inputs=inputs,
        status=word("status", outcome.status),
        status_key=_key(outcome.status),
        headline=_headline(str(outcome.status)),
        reasons=_all_reasons(outcome),
        certifiable=checks is None or checks.certifiable,
        checks=Checks(
            checked=report.checked,
            unpublished=report.unpublished,
            unchecked=tuple(text(u) for u in (checks.unchecked if checks else ())),
            errors=errors,
            warnings=warnings,
        ),
        contests=tuple(_contest(c, law) for c in outcome.contests),
        trace=tuple(_step(s) for s in outcome.trace),
    )


__all__ = ["Input", "ReportView", "build_view"]

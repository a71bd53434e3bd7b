"""A contest of candidates in one unit: validity, the election rule (plurality), ties, re-run checks."""

from __future__ import annotations

from ..facts import Fact
from ..facts.allocation import TheSeat
from ..facts.contest import (
    CandidatesElected,
    CheckNotEvaluated,
    DrawByLot,
    ElectedWithoutPoll,
    ElectionVoid,
    NoCandidate,
    NoSecondRound,
    NotEvaluated,
    PluralityElected,
    PluralityTied,
    RecountFirst,
    RegistrationCancelled,
    RepeatElection,
    SeatByLot,
    SeatsVacantByLimit,
    SecondRound,
    SecondRoundBetween,
    TieBroken,
    TieRuleNotEvaluated,
    WinnerAwaitsFigures,
    WinnerNotDetermined,
)
from ..figures import Named, at, named, votes_of, with_status, word
from ..methods.ranked.rules import RANKED_RULES
from ..outcome import Reason, SelectionOutcome, UnitOutcome
from ..results.model import NOT_PUBLISHED
from ..states import CheckKind, CheckResult, Qualification, SeatsStatus, Status, StepKind, StepResult
from ..trace import InputValue
from .context import UnitContext, figure_input
from .gender import Limited, elect_within_limit
from .lists import check_reruns, check_validity
from .ranked import evaluate_ranked_unit
from .ties import break_tie
from .unpublished import unpublished_figures


def _plurality(ctx: UnitContext) -> tuple[list[str], tuple[str, ...], int, tuple[str, ...]]:
    """Winners sure by votes, the tied group at the cut and its seats, and missing figures."""
    contest = ctx.contest
    figures = {s: ctx.vote(s) for s in ctx.selections}
    inputs: list[tuple[str, InputValue]] = [(votes_of(s), figure_input(f)) for s, f in figures.items()]
    available = contest.seats_in(ctx.unit)
    if available is None:
        missing_seats = (named(Named.NO_SEATS_GIVEN, ctx.unit),)
        ctx.record(
            StepKind.ELECTION, contest.elect_provenance, inputs, NotEvaluated(missing_seats), StepResult.NOT_EVALUATED
        )
        return [], (), 0, missing_seats
    inputs.append((word("seats"), available))
    unknown = [s for s, f in figures.items() if not f.known]
    if unknown:
        missing = tuple(with_status(votes_of(s), figures[s].status) for s in unknown)
        ctx.record(StepKind.ELECTION, contest.elect_provenance, inputs, NotEvaluated(missing), StepResult.NOT_EVALUATED)
        return [], (), 0, missing
    votes = {s: f.value or 0 for s, f in figures.items()}
    ranked = sorted(ctx.selections, key=lambda s: -votes[s])
    seats = min(available, len(ranked))
    if seats == 0:
        ctx.record(StepKind.ELECTION, contest.elect_provenance, inputs, NoCandidate(), StepResult.NO_CANDIDATE)
        return [], (), 0, ()
    cut = votes[ranked[seats - 1]]
    sure = [s for s in ranked if votes[s] > cut]
    group = tuple(s for s in ranked if votes[s] == cut)
    left = seats - len(sure)
    if len(group) <= left:
        winners = sure + list(group)
        ctx.record(
            StepKind.ELECTION,
            contest.elect_provenance,
            inputs,
            PluralityElected(tuple((w, votes[w]) for w in winners)),
            StepResult.ELECTED,
        )
        return winners, (), 0, ()
    ctx.record(StepKind.ELECTION, contest.elect_provenance, inputs, PluralityTied(group, cut, left), StepResult.TIED)
    return sure, group, left, ()


def _runoff(ctx: UnitContext) -> tuple[str, ...]:
    """Who goes to the second round under the contest's runoff clause (all votes are known here)."""
    rule = ctx.contest.runoff
    assert rule is not None
    votes = {s: ctx.vote(s).value or 0 for s in ctx.selections}
    ranked = sorted(ctx.selections, key=lambda s: -votes[s])
    inputs: list[tuple[str, InputValue]] = [(votes_of(s), votes[s]) for s in ranked]
    if rule.top is not None:
        cut = votes[ranked[rule.top - 1]] if len(ranked) >= rule.top else -1
        chosen = [s for s in ranked if votes[s] >= cut] if cut >= 0 else ranked
        found = SecondRound(tuple(chosen), top=rule.top, past_cut=len(chosen) > rule.top)
    else:
        assert rule.share is not None and rule.base is not None
        base = ctx.count(rule.base)
        inputs.append((at(rule.base, ctx.unit), figure_input(base)))
        if not base.known:
            missing = (with_status(rule.base, NOT_PUBLISHED),)
            ctx.record(StepKind.RUNOFF, rule.provenance, inputs, NotEvaluated(missing), StepResult.NOT_EVALUATED)
            return ()
        assert base.value is not None
        a, b = rule.share.numerator, rule.share.denominator
        chosen = [
            s for s in ranked if (votes[s] * b >= a * base.value if rule.inclusive else votes[s] * b > a * base.value)
        ]
        floor = rule.floor if rule.floor is not None and len(chosen) < rule.floor else None
        if floor is not None:
            chosen = ranked[:floor]
        found = SecondRound(tuple(chosen), None, False, rule.inclusive, rule.percent_text, rule.base, floor)
    ctx.record(StepKind.RUNOFF, rule.provenance, inputs, found, StepResult.RUNOFF)
    return found.chosen


def _set_aside_cancelled(ctx: UnitContext) -> list[str]:
    """The candidates whose registration is cancelled, taken out of the unit's selections, in a step."""
    cancelled = ctx.cancelled()
    if cancelled:
        ctx.selections = [s for s in ctx.selections if s not in cancelled]
        ctx.record(
            StepKind.CANCELLED,
            None,
            [(votes_of(s), figure_input(ctx.vote(s))) for s in cancelled],
            RegistrationCancelled(tuple(cancelled)),
            StepResult.CANCELLED,
        )
    return cancelled


def _without_poll(ctx: UnitContext) -> UnitOutcome | None:
    """`elected without a poll if the candidates are no more than the seats`: where they are (those whose
    registration is cancelled not counted), every candidate standing is elected whatever the votes (none were
    cast); None where the clause is absent or a poll decides."""
    rule, seats = ctx.contest.unopposed, ctx.contest.seats_in(ctx.unit)
    if rule is None or seats is None:
        return None
    if not 0 < len(ctx.selections) - len(ctx.cancelled()) <= seats:
        return None
    cancelled = _set_aside_cancelled(ctx)
    standing = tuple(ctx.selections)
    counted: list[tuple[str, InputValue]] = [(word("candidates"), len(standing)), (word("seats"), seats)]
    ctx.record(StepKind.ELECTION, rule, counted, ElectedWithoutPoll(standing, seats), StepResult.ELECTED)
    elected = [SelectionOutcome(s, ctx.vote(s), (), Qualification.NONE, 1, True) for s in standing]
    barred = [SelectionOutcome(s, ctx.vote(s), (), Qualification.NONE, 0, False) for s in cancelled]
    return UnitOutcome(
        unit=ctx.unit,
        name=ctx.results.units[ctx.unit].name,
        status=Status.ELECTED,
        reasons=(),
        selections=(*elected, *barred),
        checks=(),
        seats_status=SeatsStatus.COMPUTED,
        seats_note=CandidatesElected(standing),
        tied=(),
        tied_seats=0,
        unpublished=(),
    )


def evaluate_candidate_unit(ctx: UnitContext) -> UnitOutcome:
    """The whole contest of candidates in one unit (a district)."""
    contest = ctx.contest
    unopposed = _without_poll(ctx)
    if unopposed is not None:
        return unopposed
    if contest.elect_rule in RANKED_RULES:
        return evaluate_ranked_unit(ctx)
    reasons: list[Reason] = []
    cancelled = _set_aside_cancelled(ctx)
    checks = check_validity(ctx)
    runoff_to: tuple[str, ...] = ()
    majority = None
    if contest.elect_if is not None:
        majority = ctx.check_condition(contest.elect_if, CheckKind.MAJORITY)
        checks.append(majority)
    winners: list[str]
    tied: tuple[str, ...]
    limited: Limited | None = None
    if majority is not None and majority.result != CheckResult.MAJORITY:
        winners, tied, tied_seats, missing = [], (), 0, majority.missing
        if majority.result == CheckResult.NO_MAJORITY:
            if contest.runoff is not None:
                runoff_to = _runoff(ctx)
            else:
                reasons.append(Reason(majority.clause, NoSecondRound()))
    elif contest.gender_limit is not None:
        limited = elect_within_limit(ctx)
        winners, tied, tied_seats, missing = list(limited.winners), limited.tied, limited.tied_seats, limited.missing
    else:
        winners, tied, tied_seats, missing = _plurality(ctx)
    if missing:
        reasons.append(
            Reason(
                contest.elect_provenance.full_label if contest.elect_provenance else contest.id,
                WinnerNotDetermined(missing),
                missing,
            )
        )
    tie_missing: tuple[str, ...] = limited.tie_missing if limited is not None else ()
    broken: TieBroken | None = None
    if limited is not None:
        if tie_missing:
            reasons.append(Reason("ties", TieRuleNotEvaluated(tie_missing), tie_missing))
        if limited.vacant:
            assert contest.gender_limit is not None
            reasons.append(
                Reason(contest.gender_limit[1].full_label, SeatsVacantByLimit(limited.vacant, contest.gender_limit[0]))
            )
    elif tied:
        tie = break_tie(ctx, contest.tie_rule, tied, tied_seats, TheSeat())
        if tie.winners and contest.tie_rule is not None:
            losers = tuple(s for s in tied if s not in tie.winners)
            broken = TieBroken(losers, contest.tie_rule.keys, contest.tie_rule.provenance.full_label)
        winners.extend(tie.winners)
        tied, tied_seats, tie_missing = tie.still_tied, tie.seats_left, tie.missing
        if tie_missing:
            reasons.append(Reason("ties", TieRuleNotEvaluated(tie_missing), tie_missing))
    checks.extend(check_reruns(ctx))
    checks.extend(ctx.check_condition(rule, CheckKind.RECOUNT) for rule in contest.recounts)
    results = {check.result for check in checks}
    for check in checks:
        if check.result == CheckResult.NOT_EVALUATED:
            reasons.append(Reason(check.clause, CheckNotEvaluated(check.kind, check.missing), check.missing))
    no_second_round = majority is not None and majority.result == CheckResult.NO_MAJORITY and contest.runoff is None
    if CheckResult.VOID in results:
        status = Status.VOID
    elif CheckResult.RERUN in results:
        status = Status.RERUN
    elif missing or tie_missing or CheckResult.NOT_EVALUATED in results or no_second_round:
        status = Status.PROVISIONAL
    elif CheckResult.RECOUNT in results:
        status = Status.RECOUNT
    elif runoff_to:
        status = Status.RUNOFF
    elif tied:
        status = Status.LOT_NEEDED
        reasons.append(Reason("ties", DrawByLot(tied_seats, tied)))
    else:
        status = Status.ELECTED
    final = status == Status.ELECTED
    everyone = [*ctx.selections, *cancelled]
    selections = tuple(
        SelectionOutcome(
            id=s,
            votes=ctx.vote(s),
            tests=(),
            qualified=_second_round(s, runoff_to) if status == Status.RUNOFF else Qualification.NONE,
            seats=(1 if s in winners else 0) if final else None,
            elected=(s in winners) if final else None,
        )
        for s in everyone
    )
    note: Fact = {
        Status.ELECTED: CandidatesElected(tuple(winners), broken),
        Status.RERUN: RepeatElection(),
        Status.VOID: ElectionVoid(),
        Status.LOT_NEEDED: SeatByLot(),
        Status.PROVISIONAL: WinnerAwaitsFigures(),
        Status.RECOUNT: RecountFirst(),
        Status.RUNOFF: SecondRoundBetween(runoff_to),
    }[status]
    return UnitOutcome(
        unit=ctx.unit,
        name=ctx.results.units[ctx.unit].name,
        status=status,
        reasons=tuple(reasons),
        selections=selections,
        checks=tuple(checks),
        seats_status=_seats_status(status),
        seats_note=note,
        tied=tied,
        tied_seats=tied_seats,
        unpublished=unpublished_figures(ctx),
    )


def _second_round(selection: str, chosen: tuple[str, ...]) -> Qualification:
    return Qualification.YES if selection in chosen else Qualification.NO


def _seats_status(status: Status) -> SeatsStatus:
    if status == Status.ELECTED:
        return SeatsStatus.COMPUTED
    return SeatsStatus.VOID if status in (Status.RERUN, Status.VOID) else SeatsStatus.NOT_COMPUTED

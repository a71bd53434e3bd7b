"""A contest of candidates elected by ranked ballots in one unit: the law's rules for faulty rankings, then
instant runoff or the single transferable vote (methods/ranked/), every round or stage in the trace."""

from __future__ import annotations

from fractions import Fraction

from .. import model
from ..facts import Fact
from ..facts.contest import ElectionVoid, NotEvaluated, RepeatElection, WinnerNotDetermined
from ..facts.ranked import (
    BallotsCounted,
    CountStopped,
    Excluded,
    FaultWithoutRule,
    KeepValues,
    LastContinuing,
    MajorityReached,
    NoBallots,
    QuotaReached,
    QuotaSet,
    RankedElected,
    RankedLotNeeded,
    RankedTieBroken,
    RoundVotes,
    SeatsFilledByRemaining,
    Transferred,
)
from ..figures import Named, named, word
from ..methods.ranked.common import Prepared, TieKeys, prepare
from ..methods.ranked.irv import Count, instant_runoff
from ..methods.ranked.meek import meek
from ..methods.ranked.rules import INSTANT_RUNOFF
from ..methods.ranked.stv import gregory, quota_of
from ..outcome import CheckOutcome, Reason, SelectionOutcome, UnitOutcome
from ..results.ballots import Ballots
from ..results.model import PUBLISHED, Figure
from ..states import CheckResult, Qualification, SeatsStatus, Status, StepKind, StepResult
from ..trace import InputValue
from .context import UnitContext
from .lists import check_reruns, check_validity

_ATTRIBUTES = ("ballot_number", "registration_order", "age_order", "lot_order")


def evaluate_ranked_unit(ctx: UnitContext) -> UnitOutcome:
    """The whole count of one unit's ranked ballots."""
    contest = ctx.contest
    ballots = ctx.results.ballots.get(ctx.unit)
    elect = contest.elect_provenance
    checks = check_validity(ctx)
    checks.extend(check_reruns(ctx))
    results = {check.result for check in checks}
    if CheckResult.VOID in results or CheckResult.RERUN in results:
        status = Status.VOID if CheckResult.VOID in results else Status.RERUN
        note: Fact = ElectionVoid() if status == Status.VOID else RepeatElection()
        return _outcome(ctx, status, (), note, (), checks, ballots, None)
    if ballots is None:
        ctx.record(StepKind.BALLOTS, elect, [], NoBallots(), StepResult.NOT_EVALUATED)
        reason = Reason(_label(contest), NoBallots(), (named(Named.RANKED_BALLOTS_OF, ctx.unit),))
        return _outcome(ctx, Status.PROVISIONAL, (reason,), CountStopped(), (), checks, ballots, None)
    rules = {rule.fault: rule for rule in contest.ballot_rules}
    prepared = prepare(ballots.rankings, rules, ballots.withdrawn)
    counted = BallotsCounted(
        prepared.total,
        prepared.valid,
        tuple(
            (fault, n, rules[fault].effect, rules[fault].run) if fault in rules else (fault, n, "no rule", 1)
            for fault, n in prepared.faults.items()
        ),
        prepared.empty,
    )
    ballot_inputs: list[tuple[str, InputValue]] = [(word("ballots"), prepared.total), (word("valid"), prepared.valid)]
    ballot_inputs += [(named(Named.BALLOTS_WITH, fault), n) for fault, n in prepared.faults.items()]
    provenance = contest.ballot_rules[0].provenance if contest.ballot_rules else elect
    ctx.record(StepKind.BALLOTS, _provenance(provenance), ballot_inputs, counted, StepResult.COUNTED)
    if prepared.unruled:
        reasons = tuple(
            Reason(_label(contest), FaultWithoutRule(fault, n), (named(Named.RULE_FOR_FAULT, fault),))
            for fault, n in prepared.unruled.items()
        )
        return _outcome(ctx, Status.PROVISIONAL, reasons, CountStopped(), (), checks, ballots, None)
    seats = contest.seats_in(ctx.unit)
    if seats is None:
        missing = (named(Named.NO_SEATS_GIVEN, ctx.unit),)
        ctx.record(StepKind.ELECTION, elect, [], NotEvaluated(missing), StepResult.NOT_EVALUATED)
        reason = Reason(_label(contest), WinnerNotDetermined(missing), missing)
        return _outcome(ctx, Status.PROVISIONAL, (reason,), CountStopped(), (), checks, ballots, None)
    count = _count(ctx, ballots, prepared, seats)
    _record(ctx, ballots, count)
    if count.lot_needed:
        tied = next(e for e in reversed(count.events.items) if isinstance(e, RankedLotNeeded))
        reason = Reason(contest.tie_rule.provenance.full_label if contest.tie_rule else "ties", tied)
        return _outcome(ctx, Status.LOT_NEEDED, (reason,), CountStopped(), (), checks, ballots, count)
    elected = tuple(ballots.candidates[c] for c in count.elected)
    done = RankedElected(elected, len(count.history), count.exhausted, counted)
    return _outcome(ctx, Status.ELECTED, (), done, elected, checks, ballots, count)


def _label(contest: model.Contest) -> str:
    return contest.elect_provenance.full_label if contest.elect_provenance else contest.id


def _provenance(provenance: object) -> model.Provenance | None:
    return provenance if isinstance(provenance, model.Provenance) else None


def _count(ctx: UnitContext, ballots: Ballots, prepared: Prepared, seats: int) -> Count:
    contest = ctx.contest
    index = {name: i for i, name in enumerate(ballots.candidates)}
    attributes: dict[str, dict[int, int]] = {}
    for name in _ATTRIBUTES:
        for candidate, i in index.items():
            value = ctx.results.attribute(ctx.unit, candidate, name)
            if value is not None:
                attributes.setdefault(name, {})[i] = value
    ties = TieKeys(contest.tie_rule.keys if contest.tie_rule else (), attributes)
    standing = frozenset(range(len(ballots.candidates))) - ballots.withdrawn - _cancelled(ctx, index)
    bulk = contest.bulk_exclusion is not None
    if contest.elect_rule == INSTANT_RUNOFF:
        of_all = contest.majority_base is not None and contest.majority_base.of == "all"
        return instant_runoff(
            ballots.candidates,
            prepared.groups,
            prepared.valid,
            of_all=of_all,
            bulk=bulk,
            ties=ties,
            standing=standing,
            exhausted_at_start=prepared.empty,
        )
    transfer = contest.transfer
    assert transfer is not None
    if transfer.name == "meek":
        return meek(
            ballots.candidates,
            prepared.groups,
            prepared.valid,
            seats,
            transfer=transfer,
            bulk=bulk,
            ties=ties,
            standing=standing,
            exhausted_at_start=prepared.empty,
        )
    assert contest.quota is not None
    quota, reaching = quota_of(contest.quota.name, prepared.valid, seats)
    ctx.record(
        StepKind.ROUND,
        _provenance(contest.quota.provenance),
        [(word("valid ballots"), prepared.valid), (word("seats"), seats)],
        QuotaSet(contest.quota.name, prepared.valid, seats, quota),
        StepResult.COUNTED,
    )
    return gregory(
        ballots.candidates,
        prepared.groups,
        quota,
        reaching,
        seats,
        transfer=transfer,
        bulk=bulk,
        ties=ties,
        standing=standing,
        exhausted_at_start=prepared.empty,
    )


def _cancelled(ctx: UnitContext, index: dict[str, int]) -> frozenset[int]:
    """Candidates whose registration is cancelled: passed over, as if withdrawn."""
    return frozenset(i for name, i in index.items() if ctx.results.attribute(ctx.unit, name, "registration_cancelled"))


def _votes(votes: tuple[tuple[str, Fraction], ...], kind: Named | None = None) -> list[tuple[str, InputValue]]:
    return [(named(kind, name) if kind is not None else name, _number(v)) for name, v in votes]


def _number(value: Fraction) -> InputValue:
    return value.numerator if value.denominator == 1 else value


def _record(ctx: UnitContext, ballots: Ballots, count: Count) -> None:
    """Every fact of the count as a step of the trace, with the clause it applies."""
    contest = ctx.contest
    elect = contest.elect_provenance
    tie = contest.tie_rule.provenance if contest.tie_rule else None
    transfer = _provenance(contest.transfer.provenance) if contest.transfer else None
    for event in count.events.items:
        if isinstance(event, RoundVotes):
            inputs = [*_votes(event.votes), (word("exhausted"), _number(event.exhausted))]
            ctx.record(StepKind.ROUND, elect, inputs, event, StepResult.COUNTED)
        elif isinstance(event, MajorityReached | LastContinuing | QuotaReached | SeatsFilledByRemaining):
            ctx.record(StepKind.ELECTION, elect, [], event, StepResult.ELECTED)
        elif isinstance(event, Excluded):
            where = contest.bulk_exclusion if event.bulk else elect
            ctx.record(StepKind.EXCLUSION, where, _votes(event.names), event, StepResult.EXCLUDED)
        elif isinstance(event, Transferred):
            where = transfer if event.surplus is not None else elect
            inputs = [*_votes(event.to, Named.TRANSFERRED_TO), (word("exhausted"), _number(event.exhausted))]
            ctx.record(StepKind.TRANSFER, where, inputs, event, StepResult.TRANSFERRED)
        elif isinstance(event, KeepValues):
            ctx.record(StepKind.TRANSFER, transfer, _votes(event.keep, Named.KEEP_VALUE_OF), event, StepResult.COUNTED)
        elif isinstance(event, RankedTieBroken):
            ctx.record(StepKind.TIE, tie, [(word("tied"), ", ".join(event.tied))], event, StepResult.DECIDED)
        elif isinstance(event, RankedLotNeeded):
            ctx.record(StepKind.TIE, tie, [(word("tied"), ", ".join(event.tied))], event, StepResult.LOT_NEEDED)


def _outcome(
    ctx: UnitContext,
    status: Status,
    reasons: tuple[Reason, ...],
    note: Fact,
    elected: tuple[str, ...],
    checks: list[CheckOutcome],
    ballots: Ballots | None,
    count: Count | None,
) -> UnitOutcome:
    names = list(ballots.candidates) if ballots is not None else list(ctx.selections)
    first = count.history[0] if count is not None and count.history else None
    final = status == Status.ELECTED

    def votes(i: int, name: str) -> Figure:
        if first is not None and first[i].denominator == 1:
            return Figure(PUBLISHED, value=first[i].numerator)
        return ctx.vote(name)

    selections = tuple(
        SelectionOutcome(
            id=name,
            votes=votes(i, name),
            tests=(),
            qualified=Qualification.NONE,
            seats=(1 if name in elected else 0) if final else None,
            elected=(name in elected) if final else None,
        )
        for i, name in enumerate(names)
    )
    return UnitOutcome(
        unit=ctx.unit,
        name=ctx.results.units[ctx.unit].name,
        status=status,
        reasons=reasons,
        selections=selections,
        checks=tuple(checks),
        seats_status=SeatsStatus.COMPUTED if final else SeatsStatus.NOT_COMPUTED,
        seats_note=note,
    )

"""The national tier of compensation (adjustment) seats, after the district seats of a contest decided in every
district: the lists that pass the tier's threshold in the nation get, by the tier's method, their share of all
the seats, less the district seats they won. A list that won more district seats than that share keeps them
and is set aside; the share of the others is computed again without it (and without its seats), until no list
is over. The search ends: each round sets at least one list aside."""

from __future__ import annotations

import attrs

from .. import model
from ..facts import Fact
from ..facts.qualifying import (
    AdjustmentLot,
    AdjustmentShares,
    DistrictsNotFinal,
    NationalVotesUnpublished,
    NoSingleNation,
    SeriesContinued,
    TierThresholdUndecided,
    WinsCounted,
)
from ..figures import Named, named, votes_of, word
from ..methods.kernels import allocate
from ..outcome import AdjustedSeats, Reason, UnitOutcome
from ..results.model import Results
from ..states import SeatsStatus, Status, StepKind, StepResult, Verdict
from ..trace import InputValue
from .context import Recorder, UnitContext
from .surplus import return_surplus
from .thresholds import apply_threshold


def adjust(
    law: model.Law, results: Results, contest: model.Contest, units: list[UnitOutcome], recorder: Recorder
) -> tuple[list[UnitOutcome], tuple[AdjustedSeats, ...], tuple[Reason, ...], bool]:
    """(the districts, with any surplus seats returned, the national tier, reasons it is not final, whether a lot
    is needed)."""
    rule = contest.adjustment
    assert rule is not None
    label = rule.provenance.full_label

    def not_computed(why: Fact) -> tuple[list[UnitOutcome], tuple[AdjustedSeats, ...], tuple[Reason, ...], bool]:
        return units, (), (Reason(label, why),), False

    not_final = [u.unit for u in units if u.status != Status.ELECTED or u.seats_status != SeatsStatus.COMPUTED]
    if not units or not_final:
        return not_computed(DistrictsNotFinal(tuple(not_final)))
    tops = {results.root(u.unit) for u in units}
    if len(tops) != 1 or any(u.unit in tops for u in units):
        return not_computed(NoSingleNation())
    nation = str(next(iter(tops)))
    ctx = UnitContext(law, results, attrs.evolve(contest, every=False), nation, recorder, results.selections(nation))
    won = _district_seats(units)
    names = list(dict.fromkeys([*ctx.selections, *won]))
    tests = {name: apply_threshold(ctx, rule.threshold, name) for name in names}
    if rule.seats_won is not None:  # `, or at least N seats won in a district`: the district seats just given
        for name, test in tests.items():
            if test.result != Verdict.PASSED:
                enough = won.get(name, 0) >= rule.seats_won
                found = WinsCounted(name, won.get(name, 0), rule.seats_won, enough)
                inputs_won: list[tuple[str, InputValue]] = [(named(Named.DISTRICT_SEATS_OF, name), won.get(name, 0))]
                ctx.record(
                    StepKind.THRESHOLD, rule.provenance, inputs_won, found, Verdict.PASSED if enough else test.result
                )
                tests[name] = attrs.evolve(test, result=Verdict.PASSED, missing=()) if enough else test
    undecided = [n for n, t in tests.items() if t.result == Verdict.NOT_EVALUATED]
    if undecided:
        return not_computed(TierThresholdUndecided(tuple(undecided)))
    votes = {n: ctx.vote(n).value for n in names}
    eligible = [n for n in names if tests[n].result == Verdict.PASSED]
    unknown = [n for n in eligible if votes[n] is None]
    if unknown:
        return not_computed(NationalVotesUnpublished(tuple(unknown)))
    seats = rule.seats if rule.seats is not None else _left_over(contest, units)
    if rule.continued:
        return units, *_continued(ctx, rule, {n: votes[n] or 0 for n in eligible}, won, seats)
    house = sum(won.values()) + seats - sum(won.get(n, 0) for n in names if n not in eligible)
    result = allocate(rule.method, {n: votes[n] or 0 for n in eligible}, house, eligible)
    if contest.surplus_return is not None:  # Sweden: the surplus goes back before any list is set aside
        if result.tied:
            return units, (), (Reason(label, AdjustmentLot(abs(result.tied_seats), result.tied)),), True
        units, returned = return_surplus(ctx, contest, units, {n: result.seats[n] for n in eligible})
        if returned:
            return units, (), returned, True
        won = _district_seats(units)
    while True:
        over = [n for n in eligible if won.get(n, 0) > result.seats[n]]
        inputs: list[tuple[str, InputValue]] = [(votes_of(n), votes[n] or 0) for n in eligible]
        inputs += [(named(Named.DISTRICT_SEATS_OF, n), won.get(n, 0)) for n in eligible]
        shares = AdjustmentShares(house, tuple((n, result.seats[n]) for n in eligible), tuple(over))
        ctx.record(
            StepKind.ADJUSTMENT,
            rule.provenance,
            [*inputs, (word("seats"), house)],
            shares,
            StepResult.OVER if over else StepResult.ALLOCATED,
        )
        if not over:
            break
        eligible = [n for n in eligible if n not in over]
        house -= sum(won.get(n, 0) for n in over)
        result = allocate(rule.method, {n: votes[n] or 0 for n in eligible}, house, eligible)
    tier = tuple(AdjustedSeats(n, won.get(n, 0), result.seats[n], result.seats[n] - won.get(n, 0)) for n in eligible)
    if result.tied:
        return units, tier, (Reason(label, AdjustmentLot(abs(result.tied_seats), result.tied)),), True
    return units, tier, (), False


def _continued(
    ctx: UnitContext, rule: model.Adjustment, votes: dict[str, int], won: dict[str, int], seats: int
) -> tuple[tuple[AdjustedSeats, ...], tuple[Reason, ...], bool]:
    """`, each list's series continued after its district seats` (Estonia, § 62(5)): the `seats` go one at a time
    to the highest of each list's national votes over its next divisor after the district seats it won; a list
    that won more than its share simply takes no more."""
    eligible = list(votes)
    held = {n: won.get(n, 0) for n in eligible}
    result = allocate(rule.method, votes, seats, eligible, held)
    inputs: list[tuple[str, InputValue]] = [(votes_of(n), votes[n]) for n in eligible]
    inputs += [(named(Named.DISTRICT_SEATS_OF, n), held[n]) for n in eligible]
    given = tuple((n, held[n], result.seats[n]) for n in eligible)
    found = SeriesContinued(seats, given, result.tied)
    ctx.record(StepKind.ADJUSTMENT, rule.provenance, [*inputs, (word("seats"), seats)], found, StepResult.ALLOCATED)
    tier = tuple(AdjustedSeats(n, held[n], held[n] + result.seats[n], result.seats[n]) for n in eligible)
    if result.tied:
        label = rule.provenance.full_label
        return tier, (Reason(label, AdjustmentLot(abs(result.tied_seats), result.tied)),), True
    return tier, (), False


def _left_over(contest: model.Contest, units: list[UnitOutcome]) -> int:
    """The seats the districts' full quotas left over: each district's seats less those it gave."""
    return sum((contest.seats_in(u.unit) or 0) - sum(s.seats or 0 for s in u.selections) for u in units)


def _district_seats(units: list[UnitOutcome]) -> dict[str, int]:
    """Each list's seats in all the districts."""
    won: dict[str, int] = {}
    for unit in units:
        for selection in unit.selections:
            won[selection.id] = won.get(selection.id, 0) + (selection.seats or 0)
    return won

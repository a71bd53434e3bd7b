"""The national pool of a contest decided in every district whose method gives full quotas only (the Czech
second scrutiny): in each district a list's remainder is its votes less its seats times the district's quota
(all its votes where it won no seat); the remainders of every list are added up over the districts, and the
seats the districts left over are allocated on those sums by the pool's method. Each list's pooled seats are
then placed in districts: the (list, district) pairs in order of the list's remainder there, largest first,
each taking a seat while the list has pooled seats to place and the district has seats left.

Where the law says so (Cyprus's second distribution): the district's quota is of a count (`hare quota of
valid_votes ...`), and a list's remainder is its votes less its seats times that quota; thresholds written `, only
for the seats left over` decide, in the nation, which lists take part in the pool (they take nothing from a
list's seats in the districts); independent candidates may take no part; and a pool by full quotas only gives
the seats it leaves to the lists that pass a second threshold, by the largest remainders of its quota."""

from __future__ import annotations

from fractions import Fraction

import attrs

from .. import model
from ..facts import Fact
from ..facts import allocation as f
from ..facts.qualifying import NoNation
from ..figures import Named, in_unit, named, word
from ..methods.kernels import QuotaMethod, allocate, leftover_by_remainders
from ..outcome import Reason, UnitOutcome
from ..results.model import Results
from ..states import Qualification, SeatsStatus, Status, StepKind, StepResult, Verdict
from ..trace import InputValue
from .claims import place_by_claims
from .context import Recorder, UnitContext
from .lists import qualifying_test

#: The unit the pool's steps are recorded under: the districts together.
ALL = "(all districts)"


def pool(
    law: model.Law, results: Results, contest: model.Contest, units: list[UnitOutcome], recorder: Recorder
) -> tuple[list[UnitOutcome], tuple[Reason, ...]]:
    """(the districts' outcomes with their pooled seats placed, reasons the pool is not final)."""
    rule = contest.pooled
    assert rule is not None and isinstance(contest.method, QuotaMethod)
    method, provenance = rule.method, rule.provenance
    label = provenance.full_label

    def not_computed(why: Fact, lot: bool = False) -> tuple[list[UnitOutcome], tuple[Reason, ...]]:
        marked = [
            attrs.evolve(
                u, status=Status.LOT_NEEDED if lot else Status.PROVISIONAL if u.status == Status.ELECTED else u.status
            )
            for u in units
        ]
        return marked, (Reason(label, f.LeftOverNotAllocated(why)),)

    unsettled = [u.unit for u in units if u.seats_status != SeatsStatus.COMPUTED or u.status != Status.ELECTED]
    if not units or unsettled:
        return not_computed(f.QuotasNotFinal(tuple(unsettled)))
    remainders: dict[tuple[str, str], Fraction] = {}
    free: dict[str, int] = {}
    for unit in units:
        qualifying = [s for s in unit.selections if s.qualified == Qualification.YES]
        votes = {s.id: s.votes.value or 0 for s in qualifying}
        available = contest.seats_in(unit.unit) or 0
        given = sum(s.seats or 0 for s in unit.selections)
        free[unit.unit] = available - given
        if not votes or not sum(votes.values()):
            continue
        quota = contest.method.quota(_quota_total(contest, results, unit.unit, votes), available)
        for s in qualifying:
            remainders[(unit.unit, s.id)] = votes[s.id] - (s.seats or 0) * quota
    nation = _nation_context(law, results, contest, units, recorder)
    if nation is None and (contest.pool_thresholds or rule.parties_only or rule.then is not None):
        return not_computed(NoNation(units[0].unit, counting=False))  # the pool's shares are the nation's
    taking_part, problem = _taking_part(rule, contest, nation, {name for _unit, name in remainders})
    if problem is not None:
        return not_computed(problem)
    remainders = {key: value for key, value in remainders.items() if key[1] in taking_part}
    totals: dict[str, Fraction] = {}
    for (_unit, name), remainder in remainders.items():
        totals[name] = totals.get(name, Fraction(0)) + remainder
    names = list(totals)
    left_over = sum(free.values())
    whole = {n: int(v) if v.denominator == 1 else v for n, v in totals.items()}
    result = allocate(method, whole, left_over, names)  # type: ignore[arg-type]
    inputs: list[tuple[str, InputValue]] = [(named(Named.REMAINDERS_OF, n), totals[n]) for n in names]
    national = result.details.get("quota")
    pooled = f.Pooled(
        method.name,
        tuple((n, result.seats[n]) for n in names if result.seats[n]),
        national if isinstance(national, Fraction) else None,
    )
    recorder.add(
        contest.id,
        ALL,
        StepKind.POOLED,
        provenance,
        [*inputs, (word("seats left over"), left_over)],
        pooled,
        StepResult.LOT_NEEDED if result.tied else StepResult.ALLOCATED,
    )
    if result.tied:
        return not_computed(f.PoolTied(result.tied), lot=True)
    seats = dict(result.seats)
    still = left_over - sum(seats.values())
    if rule.then is not None and still > 0 and isinstance(national, Fraction):
        added, problem, lot = _second_phase(rule.then, nation, totals, seats, national, still)
        if problem is not None:
            return not_computed(problem, lot)
        seats = {n: seats[n] + added.get(n, 0) for n in names}
    found = place_by_claims(remainders, seats, free)
    if found.tie is not None:
        value, pairs = found.tie
        return not_computed(f.RemaindersTied(value, pairs), True)
    if found.short:
        return not_computed(f.NoRemainderToPlace(found.short))
    placed = found.seats
    recorder.add(
        contest.id,
        ALL,
        StepKind.POOLED,
        provenance,
        [(in_unit(named(Named.REMAINDER_OF, n), u), remainders[(u, n)]) for (u, n) in placed],
        f.PooledPlaced(tuple((u, n, k) for (u, n), k in placed.items())),
        StepResult.PLACED,
    )
    updated = []
    for u in units:
        mine = {n: k for (d, n), k in placed.items() if d == u.unit}
        if not mine:
            updated.append(u)
            continue
        selections = tuple(
            attrs.evolve(s, seats=(s.seats or 0) + mine.get(s.id, 0), elected=((s.seats or 0) + mine.get(s.id, 0)) > 0)
            for s in u.selections
        )
        note = f.PooledHere(u.seats_note, tuple(mine.items()))
        updated.append(attrs.evolve(u, selections=selections, seats_note=note))
    return updated, ()


def _quota_total(contest: model.Contest, results: Results, unit: str, votes: dict[str, int]) -> int:
    """What the district's quota divided: the count the law names (published, or the district's seats would not
    be final), else the votes of the lists that shared its seats."""
    base = contest.quota_base
    if base is not None and base.count is not None:
        figure = results.count(unit, base.count)
        if figure.known and figure.value is not None:
            return max(figure.value, sum(votes.values()))
    return sum(votes.values())


def _nation_context(
    law: model.Law, results: Results, contest: model.Contest, units: list[UnitOutcome], recorder: Recorder
) -> UnitContext | None:
    """The nation as a unit of its own, where the pool's thresholds are measured (None without a nation)."""
    nation = results.root(units[0].unit)
    if nation == units[0].unit:
        return None
    whole = attrs.evolve(contest, every=False)  # measured in the nation, recorded under it
    return UnitContext(law, results, whole, nation, recorder, results.selections(nation))


def _passes(ctx: UnitContext, rule: model.ThresholdRule, name: str) -> tuple[bool | None, tuple[Fact | str, ...]]:
    """Whether a list passes one threshold in the nation, as the districts' thresholds are measured (True where it
    does not bind the list; None: undecided, with what is missing)."""
    test = qualifying_test(ctx, rule, name)
    if test is None:
        return True, ()
    if test.result == Verdict.NOT_EVALUATED:
        return None, test.missing
    return test.result == Verdict.PASSED, ()


def _taking_part(
    rule: model.PoolRule, contest: model.Contest, nation: UnitContext | None, names: set[str]
) -> tuple[set[str], Fact | None]:
    """The lists that take part in the pool, or why that is not decided."""
    if not contest.pool_thresholds and not rule.parties_only:
        return names, None
    assert nation is not None  # pool() has said so where the data has no nation
    ordered = sorted(names)
    if rule.parties_only:
        independent = tuple(n for n in ordered if nation.results.attribute(nation.unit, n, "independent"))
        if independent:
            inputs: list[tuple[str, InputValue]] = [
                (named(Named.ATTRIBUTE_OF, n, "independent"), 1) for n in independent
            ]
            found = f.PoolTakesNoPart(independent)
            nation.recorder.add(contest.id, ALL, StepKind.POOLED, rule.provenance, inputs, found, StepResult.PASSED)
        ordered = [n for n in ordered if n not in independent]
    missing: list[Fact | str] = []
    kept: set[str] = set()
    for name in ordered:
        verdicts = [_passes(nation, threshold, name) for threshold in contest.pool_thresholds]
        if any(verdict is False for verdict, _ in verdicts):
            continue
        missing += [m for verdict, lacking in verdicts if verdict is None for m in lacking]
        kept.add(name)
    if missing:
        return set(), f.MissingData(tuple(missing))
    return kept, None


def _second_phase(
    then: model.ThresholdRule,
    nation: UnitContext | None,
    totals: dict[str, Fraction],
    seats: dict[str, int],
    quota: Fraction,
    still: int,
) -> tuple[dict[str, int], Fact | None, bool]:
    """The seats a pool by full quotas only left, to the lists that pass `then`, by the largest remainders of the
    pool's quota: (seats given, why not decided, whether a lot decides)."""
    assert nation is not None  # pool() has said so where the data has no nation
    verdicts = {name: _passes(nation, then, name) for name in totals}
    missing = tuple(m for verdict, lacking in verdicts.values() if verdict is None for m in lacking)
    if missing:
        return {}, f.MissingData(missing), False
    eligible = [name for name in totals if verdicts[name][0] and totals[name] > 0]  # nothing pooled, no seat
    if not eligible:
        return {}, f.NoListForSecondPhase(still), False
    left = {name: totals[name] - seats[name] * quota for name in eligible}
    found = leftover_by_remainders(left, still, eligible)
    given = tuple((name, k) for name, k in found.seats.items() if k)
    rounds = found.details.get(word("rounds"), 0)
    decision = f.PoolSecondPhase(still, tuple(eligible), given, rounds if isinstance(rounds, int) else 0)
    inputs: list[tuple[str, InputValue]] = [(named(Named.REMAINDER_AFTER_POOL, n), left[n]) for n in eligible]
    result = StepResult.LOT_NEEDED if found.tied else StepResult.ALLOCATED
    inputs.append((word("seats still left"), still))
    nation.recorder.add(nation.contest.id, ALL, StepKind.POOLED, then.provenance, inputs, decision, result)
    if found.tied:
        return {}, f.PoolTied(found.tied), True
    return dict(found.seats), None, False

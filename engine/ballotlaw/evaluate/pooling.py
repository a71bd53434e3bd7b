"""The national pool of a contest decided in every district whose method gives full quotas only (the Czech
second scrutiny): in each district a list's remainder is its votes less its seats times the district's quota
(all its votes where it won no seat); the remainders of every list are added up over the districts, and the
seats the districts left over are allocated on those sums by the pool's method. Each list's pooled seats are
then placed in districts: the (list, district) pairs in order of the list's remainder there, largest first,
each taking a seat while the list has pooled seats to place and the district has seats left."""

from __future__ import annotations

from fractions import Fraction

import attrs

from .. import model
from ..facts import Fact
from ..facts import allocation as f
from ..methods.kernels import QuotaMethod, allocate
from ..outcome import Reason, UnitOutcome
from ..states import Qualification, SeatsStatus, Status, StepKind, StepResult
from ..trace import InputValue
from .claims import place_by_claims
from .context import Recorder


def pool(
    contest: model.Contest, units: list[UnitOutcome], recorder: Recorder
) -> tuple[list[UnitOutcome], tuple[Reason, ...]]:
    """(the districts' outcomes with their pooled seats placed, reasons the pool is not final)."""
    assert contest.pooled is not None and isinstance(contest.method, QuotaMethod)
    method, provenance = contest.pooled
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
        quota = contest.method.quota(sum(votes.values()), available)
        for s in qualifying:
            remainders[(unit.unit, s.id)] = votes[s.id] - (s.seats or 0) * quota
    totals: dict[str, Fraction] = {}
    for (_unit, name), remainder in remainders.items():
        totals[name] = totals.get(name, Fraction(0)) + remainder
    names = list(totals)
    left_over = sum(free.values())
    whole = {n: int(v) if v.denominator == 1 else v for n, v in totals.items()}
    result = allocate(method, whole, left_over, names)  # type: ignore[arg-type]
    inputs: list[tuple[str, InputValue]] = [(f"remainders of {n}", totals[n]) for n in names]
    national = result.details.get("quota")
    pooled = f.Pooled(
        method.name,
        tuple((n, result.seats[n]) for n in names if result.seats[n]),
        national if isinstance(national, Fraction) else None,
    )
    recorder.add(
        contest.id,
        "(all districts)",
        StepKind.POOLED,
        provenance,
        [*inputs, ("seats left over", left_over)],
        pooled,
        StepResult.LOT_NEEDED if result.tied else StepResult.ALLOCATED,
    )
    if result.tied:
        return not_computed(f.PoolTied(result.tied), lot=True)
    found = place_by_claims(remainders, result.seats, free)
    if found.tie is not None:
        value, pairs = found.tie
        return not_computed(f.RemaindersTied(value, pairs), True)
    if found.short:
        return not_computed(f.NoRemainderToPlace(found.short))
    placed = found.seats
    recorder.add(
        contest.id,
        "(all districts)",
        StepKind.POOLED,
        provenance,
        [(f"remainder of {n} in {u}", remainders[(u, n)]) for (u, n) in placed],
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

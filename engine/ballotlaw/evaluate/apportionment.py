"""The seats of each unit of competition when the law shares the house among them on a count of the election
itself (`seats 200, apportioned to every region by <method> on valid_votes`; the Czech § 48): the method on
each unit's count. A missing count or a tie leaves every unit without a number of seats, and says why."""

from __future__ import annotations

import attrs

from .. import model
from ..facts import Fact
from ..facts import allocation as f
from ..figures import Named, named, word
from ..methods.kernels import allocate
from ..outcome import Reason
from ..results.model import Results
from ..states import StepKind, StepResult
from ..trace import InputValue
from .context import Recorder, figure_input


def share_seats(
    contest: model.Contest, results: Results, recorder: Recorder
) -> tuple[model.Contest, tuple[Reason, ...]]:
    """(the contest with the seats of each unit, reasons they could not be shared)."""
    assert contest.apportioned is not None and contest.level is not None
    base, method, provenance = contest.apportioned
    label = provenance.full_label
    units = [u.id for u in results.units_of(contest.level)]
    figures = {u: results.count(u, base) for u in units}
    inputs: list[tuple[str, InputValue]] = [
        (named(Named.OF_UNIT, base, u), figure_input(f)) for u, f in figures.items()
    ]
    unknown = [u for u, f in figures.items() if not f.known or f.value is None]
    unshared = attrs.evolve(contest, seats_by_unit={})
    if not units or unknown:
        why: Fact = f.CountsUnpublished(base, tuple(unknown)) if unknown else f.NoUnitsOfLevel(contest.level)
        recorder.add(
            contest.id,
            "(all units)",
            StepKind.APPORTIONMENT,
            provenance,
            inputs,
            f.NotEvaluatedBecause(why),
            StepResult.NOT_EVALUATED,
        )
        return unshared, (Reason(label, f.UnitsNotShared(why)),)
    counts = {u: f.value or 0 for u, f in figures.items()}
    result = allocate(method, counts, contest.seats, units)
    decision = f.SharedAmongUnits(method.name, base, tuple((u, result.seats[u]) for u in units))
    recorder.add(
        contest.id,
        "(all units)",
        StepKind.APPORTIONMENT,
        provenance,
        [*inputs, (word("seats"), contest.seats)],
        decision,
        StepResult.LOT_NEEDED if result.tied else StepResult.ALLOCATED,
    )
    if result.tied:
        return unshared, (Reason(label, f.HouseTied(result.tied)),)
    return attrs.evolve(contest, seats_by_unit=dict(result.seats)), ()

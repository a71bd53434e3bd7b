"""A second tier: each list's seats shared among the units of a lower level by the list's votes there."""

from __future__ import annotations

from .. import model
from ..facts import allocation as f
from ..figures import seats_of, votes_of
from ..methods.kernels import AllocationMethod, allocate
from ..outcome import DistributedSeats, Reason
from ..states import StepKind, StepResult
from ..trace import InputValue
from .allocation import method_round
from .context import UnitContext


def distribute(
    ctx: UnitContext, seats: dict[str, int], rule: tuple[str, AllocationMethod, model.Provenance]
) -> tuple[tuple[DistributedSeats, ...], list[Reason], list[Reason]]:
    """Each list's seats shared among the units of `level` below this unit by the list's votes there:
    (the seats per list and unit, reasons it could not be done, ties the law leaves to a lot)."""
    level, method, provenance = rule
    label = provenance.full_label
    units = [u.id for u in ctx.descendants(level)]
    if not units:
        return (), [Reason(label, f.NoUnitsUnder(level, ctx.unit))], []
    out: list[DistributedSeats] = []
    problems: list[Reason] = []
    drawn: list[Reason] = []
    for name in ctx.selections:
        given = seats.get(name, 0)
        if given <= 0:
            continue
        figures = {u: ctx.vote(name, u) for u in units}
        unknown = [u for u, f in figures.items() if not f.known or f.value is None]
        if unknown:
            missing = tuple(votes_of(name, u) for u in unknown)
            not_evaluated = f.DistributionNotEvaluated(name, missing)
            ctx.record(StepKind.DISTRIBUTION, provenance, [], not_evaluated, StepResult.NOT_EVALUATED)
            problems.append(Reason(label, f.NotDistributed(name, missing), missing))
            continue
        votes = {u: figures[u].value or 0 for u in units}
        result = allocate(method, votes, given, units)
        inputs: list[tuple[str, InputValue]] = [(votes_of(name, u), votes[u]) for u in units]
        decision = f.DistributedRound(name, method_round(method, result.details, result.seats, units, given))
        ctx.record(
            StepKind.DISTRIBUTION,
            provenance,
            [*inputs, (seats_of(name), given)],
            decision,
            StepResult.DISTRIBUTED,
        )
        if result.tied:
            drawn.append(Reason(label, f.SeatsByLot(result.tied_seats, result.tied, name)))
        out.extend(DistributedSeats(name, u, result.seats[u]) for u in units if result.seats[u])
    return tuple(out), problems, drawn

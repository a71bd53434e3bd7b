"""A second tier: each list's seats shared among the units of a lower level by the list's votes there."""

from __future__ import annotations

from .. import model
from ..methods.kernels import AllocationMethod, allocate
from ..outcome import DistributedSeats, Reason
from ..trace import InputValue
from .allocation import describe_allocation
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
        return (), [Reason(label, f"the results give no unit of level `{level}` under {ctx.unit}")], []
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
            missing = tuple(f"votes of {name} in {u}" for u in unknown)
            ctx.record("distribution", provenance, [], f"{name}: not evaluated: {'; '.join(missing)}", "not evaluated")
            problems.append(Reason(label, f"the seats of {name} are not distributed: " + "; ".join(missing), missing))
            continue
        votes = {u: figures[u].value or 0 for u in units}
        result = allocate(method, votes, given, units)
        inputs: list[tuple[str, InputValue]] = [(f"votes of {name} in {u}", votes[u]) for u in units]
        decision = f"{name}: " + describe_allocation(method, result.details, result.seats, units, given)
        ctx.record("distribution", provenance, [*inputs, (f"seats of {name}", given)], decision, "distributed")
        if result.tied:
            what = "to be drawn by lot among" if result.tied_seats > 0 else "to be taken back, by lot, from one of"
            drawn.append(Reason(label, f"{abs(result.tied_seats)} seat(s) of {name} {what} " + ", ".join(result.tied)))
        out.extend(DistributedSeats(name, u, result.seats[u]) for u in units if result.seats[u])
    return tuple(out), problems, drawn

"""Where the adjustment seats go (Norway): in every district, a list that has adjustment seats claims the
district's seat with its votes there over the method's next divisor after its district seats there, over the
district's votes per district seat (all the lists' votes over its seats). The highest claim takes its district's
seat; a district takes one, a list no more than its adjustment seats; then the next highest claim. Equal claims
competing for fewer seats are a lot."""

from __future__ import annotations

from fractions import Fraction

from .. import model
from ..facts import allocation as f
from ..figures import Named, in_unit, named
from ..methods.kernels import DivisorMethod
from ..outcome import AdjustedSeats, DistributedSeats, Reason, UnitOutcome
from ..states import StepKind, StepResult
from ..trace import InputValue
from .claims import place_by_claims
from .context import Recorder


def place(
    contest: model.Contest, units: list[UnitOutcome], tier: tuple[AdjustedSeats, ...], recorder: Recorder
) -> tuple[tuple[DistributedSeats, ...], tuple[Reason, ...], bool]:
    """(one seat per district for the lists of the tier, reasons it is not final, whether a lot is needed)."""
    assert contest.placement is not None
    method, provenance = contest.placement
    assert isinstance(method, DivisorMethod)
    label = provenance.full_label
    owed = {a.selection: a.adjustment_seats for a in tier if a.adjustment_seats > 0}
    if sum(owed.values()) > len(units):
        return (
            (),
            (Reason(label, f.MoreAdjustmentSeatsThanDistricts()),),
            False,
        )
    claims: dict[tuple[str, str], Fraction] = {}
    for unit in units:
        seats = contest.seats_in(unit.unit)
        votes = {s.id: s.votes.value for s in unit.selections}
        if seats is None or any(v is None for v in votes.values()):
            return (
                (),
                (Reason(label, f.PlacementUnknown(unit.unit)),),
                False,
            )
        per_seat = Fraction(sum(v or 0 for v in votes.values()), seats)
        for s in unit.selections:
            if s.id in owed and s.votes.value and per_seat:
                claims[(unit.unit, s.id)] = Fraction(s.votes.value) / method.divisor(s.seats or 0) / per_seat
    found = place_by_claims(claims, owed, {u.unit: 1 for u in units})
    placed = [DistributedSeats(name, unit, 1) for (unit, name) in found.seats]
    if found.tie is not None:
        value, pairs = found.tie
        return tuple(placed), (Reason(label, f.ClaimsTied(value, pairs)),), True
    if found.short:
        return tuple(placed), (Reason(label, f.NoDistrictLeft(found.short)),), False
    inputs: list[tuple[str, InputValue]] = [
        (in_unit(named(Named.CLAIM_OF, p.selection), p.unit), claims[(p.unit, p.selection)]) for p in placed
    ]
    recorder.add(
        contest.id,
        "(all districts)",
        StepKind.PLACEMENT,
        provenance,
        inputs,
        f.AdjustmentPlaced(tuple((p.selection, p.unit) for p in placed)),
        StepResult.PLACED,
    )
    return tuple(placed), (), False

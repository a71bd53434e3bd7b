"""Where the adjustment seats go.

Norway (`one per district`): in every district, a list that has adjustment seats claims the district's seat with
its votes there over the method's next divisor after its district seats there, over the district's votes per
district seat (all the lists' votes over its seats). The highest claim takes its district's seat; a district
takes one, a list no more than its adjustment seats; then the next highest claim. Equal claims competing for
fewer seats are a lot.

Sweden (`of each list in its district with the highest next quotient`): each list's adjustment seats go one at a
time to the district where its votes over the method's next divisor after the seats it already holds there
(district seats, then those placed) are highest: the divisor kernel with the district seats held. Lists are
placed independently and no district has a limit; equal quotients for fewer seats are a lot."""

from __future__ import annotations

from fractions import Fraction

from .. import model
from ..facts import allocation as f
from ..figures import Named, in_unit, named
from ..methods.kernels import DivisorMethod, allocate
from ..outcome import AdjustedSeats, DistributedSeats, Reason, SelectionOutcome, UnitOutcome
from ..states import StepKind, StepResult
from ..trace import InputValue
from .claims import place_by_claims
from .context import Recorder


def place(
    contest: model.Contest, units: list[UnitOutcome], tier: tuple[AdjustedSeats, ...], recorder: Recorder
) -> tuple[tuple[DistributedSeats, ...], tuple[Reason, ...], bool]:
    """(one seat per district for the lists of the tier, reasons it is not final, whether a lot is needed)."""
    if contest.placement_by_list is not None:
        return place_each_list(contest, units, tier, recorder)
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


def place_each_list(
    contest: model.Contest, units: list[UnitOutcome], tier: tuple[AdjustedSeats, ...], recorder: Recorder
) -> tuple[tuple[DistributedSeats, ...], tuple[Reason, ...], bool]:
    """(each list's adjustment seats by district, reasons it is not final, whether a lot is needed). Lists are
    placed independently: a list whose equal quotients compete for fewer seats is left to a lot, the others are
    placed."""
    assert contest.placement_by_list is not None
    method, provenance = contest.placement_by_list
    assert isinstance(method, DivisorMethod)
    label = provenance.full_label
    placed: list[DistributedSeats] = []
    inputs: list[tuple[str, InputValue]] = []
    problems: list[Reason] = []
    lists: dict[str, list[tuple[str, SelectionOutcome]]] = {}  # each list's (district, selection) pairs
    for unit in units:
        for selection in unit.selections:
            lists.setdefault(selection.id, []).append((unit.unit, selection))
    for adjusted in tier:
        name, owed = adjusted.selection, adjusted.adjustment_seats
        if owed <= 0:
            continue
        votes: dict[str, int] = {}
        held: dict[str, int] = {}
        for unit_id, selection in lists.get(name, []):
            if selection.votes.value is None or selection.seats is None:
                return (), (Reason(label, f.PlacementUnknown(unit_id)),), False
            if selection.votes.value > 0:
                votes[unit_id], held[unit_id] = selection.votes.value, selection.seats
        if not votes:
            problems.append(Reason(label, f.NoDistrictLeft((name,))))
            continue
        found = allocate(method, votes, owed, list(votes), held=held)
        if found.tied:
            tied = found.details.get("tied_average")
            value = tied if isinstance(tied, Fraction) else Fraction(0)
            problems.append(Reason(label, f.ClaimsTied(value, tuple((u, name) for u in found.tied))))
            continue
        for unit_id in votes:
            seats = found.seats[unit_id]
            if seats:
                placed.append(DistributedSeats(name, unit_id, seats))
                last = Fraction(votes[unit_id]) / method.divisor(held[unit_id] + seats - 1)
                inputs.append((in_unit(named(Named.CLAIM_OF, name), unit_id), last))
    lot = any(isinstance(p.text, f.ClaimsTied) for p in problems)
    if not problems:
        decision = f.PlacedByQuotient(tuple((p.selection, p.unit, p.seats) for p in placed))
        recorder.add(contest.id, "(all districts)", StepKind.PLACEMENT, provenance, inputs, decision, StepResult.PLACED)
    return tuple(placed), tuple(problems), lot

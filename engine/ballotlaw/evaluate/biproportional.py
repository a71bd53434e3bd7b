"""The seats of a contest decided in every district by biproportional apportionment: the lists' seats in the
whole contest by the method (the upper apportionment, on the lists' votes in all districts), then the seats of
every (district, list) cell at once (the lower apportionment, methods/biproportional.py). A list takes part
where it qualifies; its cells elsewhere weigh nothing. The districts' own outcomes are then given their seats.
"""

from __future__ import annotations

import attrs

from .. import model
from ..facts import Fact
from ..facts import allocation as f
from ..figures import Named, named, word
from ..methods.biproportional import biproportional
from ..methods.kernels import DivisorMethod, allocate
from ..outcome import Reason, UnitOutcome
from ..states import Qualification, SeatsStatus, Status, StepKind, StepResult
from ..trace import InputValue
from .context import Recorder


def apportion(
    contest: model.Contest, units: list[UnitOutcome], recorder: Recorder
) -> tuple[list[UnitOutcome], tuple[Reason, ...]]:
    """(the districts' outcomes with their seats, reasons the seats are not computed)."""
    rule = contest.biproportional
    assert rule is not None
    method, provenance = rule.method, rule.provenance
    assert isinstance(method, DivisorMethod)
    label = provenance.full_label

    def not_computed(why: Fact, lot: bool = False) -> tuple[list[UnitOutcome], tuple[Reason, ...]]:
        """Every district unsettled: a lot is needed in all of them, or the elected ones become provisional."""
        reason = Reason(label, f.SeatsNotComputed(why))
        marked = [
            attrs.evolve(
                u,
                status=Status.LOT_NEEDED if lot else Status.PROVISIONAL if u.status == Status.ELECTED else u.status,
                seats_status=SeatsStatus.NOT_COMPUTED,
                selections=tuple(attrs.evolve(s, seats=None, elected=None) for s in u.selections),
            )
            for u in units
        ]
        return marked, (reason,)

    open_units = [u for u in units if u.seats_status in (SeatsStatus.COMPUTED, SeatsStatus.CONDITIONAL)]
    if len(open_units) != len(units) or not units:
        return not_computed(f.NotEveryDistrict())
    seats = {u.unit: contest.seats_in(u.unit) for u in units}
    missing = [d for d, n in seats.items() if n is None]
    if missing:
        return not_computed(f.NoSeatsGiven(tuple(missing)))
    names = list(dict.fromkeys(s.id for u in units for s in u.selections))
    votes: dict[str, dict[str, int]] = {}
    for u in units:
        row: dict[str, int] = {}
        for s in u.selections:
            if s.qualified == Qualification.YES:
                if not s.votes.known or s.votes.value is None:
                    return not_computed(f.VotesUnpublished(s.id, u.unit))
                row[s.id] = s.votes.value
        votes[u.unit] = row
    eligible = [n for n in names if any(n in row for row in votes.values())]
    if rule.voter_numbers:  # each district's votes divided by its seats, rounded half up, added up
        totals = {n: sum(_half_up(row.get(n, 0), seats[d] or 1) for d, row in votes.items()) for n in eligible}
    else:
        totals = {n: sum(row.get(n, 0) for row in votes.values()) for n in eligible}
    house = sum(n for n in seats.values() if n is not None)
    upper = allocate(method, totals, house, eligible)
    what = "voter numbers" if rule.voter_numbers else "votes"
    inputs: list[tuple[str, InputValue]] = [(named(Named.ATTRIBUTE_OF, n, what), totals[n]) for n in eligible]
    recorder.add(
        contest.id,
        "(all districts)",
        StepKind.UPPER_APPORTIONMENT,
        provenance,
        [*inputs, (word("seats"), house)],
        f.UpperApportionment(method.name, rule.voter_numbers, tuple((n, upper.seats[n]) for n in eligible)),
        StepResult.ALLOCATED if not upper.tied else StepResult.LOT_NEEDED,
    )
    if upper.tied:
        return not_computed(f.UpperTied(upper.tied), lot=True)
    found = biproportional(method, votes, {d: n for d, n in seats.items() if n is not None}, upper.seats)
    if not found.done:
        assert found.problem is not None
        return not_computed(f.LowerNotFound(found.problem, found.where, found.rounds), lot=found.tied)
    cells = tuple((d, tuple((p, found.seats[(d, p)]) for p in eligible if found.seats[(d, p)])) for d in votes)
    recorder.add(
        contest.id,
        "(all districts)",
        StepKind.LOWER_APPORTIONMENT,
        provenance,
        [(word("districts"), len(units)), (word("rounds"), found.rounds)],
        f.LowerApportionment(cells),
        StepResult.ALLOCATED,
    )
    updated = []
    for u in units:
        selections = tuple(
            attrs.evolve(
                s,
                seats=found.seats.get((u.unit, s.id), 0),
                elected=(found.seats.get((u.unit, s.id), 0) > 0) if u.status == Status.ELECTED else None,
            )
            for s in u.selections
        )
        note = f.ApportionedTogether(u.seats_note, found.rounds)
        updated.append(attrs.evolve(u, selections=selections, seats_available=seats[u.unit], seats_note=note))
    return updated, ()


def _half_up(votes: int, seats: int) -> int:
    """votes / seats rounded to the nearest whole number, a half up (exact, in integers)."""
    return (2 * votes + seats) // (2 * seats)

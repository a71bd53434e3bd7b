"""The seats of a contest decided in every district by biproportional apportionment: the lists' seats in the
whole contest by the method (the upper apportionment, on the lists' votes in all districts), then the seats of
every (district, list) cell at once (the lower apportionment, methods/biproportional.py). A list takes part
where it qualifies; its cells elsewhere weigh nothing. The districts' own outcomes are then given their seats.
"""

from __future__ import annotations

import attrs

from .. import model
from ..methods.biproportional import biproportional
from ..methods.kernels import DivisorMethod, allocate
from ..outcome import ELECTED, LOT_NEEDED, PROVISIONAL, Reason, UnitOutcome
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

    def not_computed(why: str, lot: bool = False) -> tuple[list[UnitOutcome], tuple[Reason, ...]]:
        """Every district unsettled: a lot is needed in all of them, or the elected ones become provisional."""
        reason = Reason(label, f"seats not computed: {why}")
        marked = [
            attrs.evolve(
                u,
                status=LOT_NEEDED if lot else PROVISIONAL if u.status == ELECTED else u.status,
                seats_status="not computed",
                selections=tuple(attrs.evolve(s, seats=None, elected=None) for s in u.selections),
            )
            for u in units
        ]
        return marked, (reason,)

    open_units = [u for u in units if u.seats_status in ("computed", "conditional")]
    if len(open_units) != len(units) or not units:
        return not_computed("the seats of every district are apportioned together, and not every district can be")
    seats = {u.unit: contest.seats_in(u.unit) for u in units}
    missing = [d for d, n in seats.items() if n is None]
    if missing:
        return not_computed(f"the rule file gives no number of seats for {', '.join(missing)}")
    names = list(dict.fromkeys(s.id for u in units for s in u.selections))
    votes: dict[str, dict[str, int]] = {}
    for u in units:
        row: dict[str, int] = {}
        for s in u.selections:
            if s.qualified == "yes":
                if not s.votes.known or s.votes.value is None:
                    return not_computed(f"the votes of {s.id} in {u.unit} are not published")
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
    inputs: list[tuple[str, InputValue]] = [(f"{what} of {n}", totals[n]) for n in eligible]
    given = ", ".join(f"{n} {upper.seats[n]}" for n in eligible)
    recorder.add(
        contest.id,
        "(all districts)",
        "upper apportionment",
        provenance,
        [*inputs, ("seats", house)],
        f"{method.name} on the lists' {what} in all districts: {given}",
        "allocated" if not upper.tied else "lot needed",
    )
    if upper.tied:
        return not_computed(
            f"equal claims between {', '.join(upper.tied)} in the upper apportionment: a lot is needed", lot=True
        )
    found = biproportional(method, votes, {d: n for d, n in seats.items() if n is not None}, upper.seats)
    if not found.done:
        return not_computed(found.problem, lot=found.tied)
    recorder.add(
        contest.id,
        "(all districts)",
        "lower apportionment",
        provenance,
        [("districts", len(units)), ("rounds", found.rounds)],
        "seats of every district and list: "
        + "; ".join(
            f"{d}: " + ", ".join(f"{p} {found.seats[(d, p)]}" for p in eligible if found.seats[(d, p)]) for d in votes
        ),
        "allocated",
    )
    updated = []
    for u in units:
        selections = tuple(
            attrs.evolve(
                s,
                seats=found.seats.get((u.unit, s.id), 0),
                elected=(found.seats.get((u.unit, s.id), 0) > 0) if u.status == ELECTED else None,
            )
            for s in u.selections
        )
        note = f"{u.seats_note}; apportioned with the other districts (biproportional: {found.rounds} round(s))"
        updated.append(attrs.evolve(u, selections=selections, seats_available=seats[u.unit], seats_note=note))
    return updated, ()


def _half_up(votes: int, seats: int) -> int:
    """votes / seats rounded to the nearest whole number, a half up (exact, in integers)."""
    return (2 * votes + seats) // (2 * seats)

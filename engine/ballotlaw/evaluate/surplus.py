"""District seats beyond a list's share of all the seats, returned (Sweden, Instrument of Government ch. 3 § 8 and
Elections Act ch. 14 § 4a): a list whose district seats exceed its share of the whole house gives the surplus
back one seat at a time, each time the seat it won with the lowest quotient (its votes in the district over the
divisor of its last seat there), never in a district with fewer seats than the law says; the seat goes to the
list of that district with the highest next quotient among those below their own share (and qualified there).
A district where no such list stands returns nothing, and the next lowest quotient is tried; what no district
can return, the list keeps. Equal quotients for the choice are a lot. The lists return their surplus in the
order of the national tier. The search ends: each seat moved brings a list nearer to its share, and none moves
past it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fractions import Fraction

import attrs

from .. import model
from ..facts.qualifying import SeatReturned, SurplusKept, SurplusReturnLot
from ..figures import Named, named, votes_of
from ..methods.kernels import DivisorMethod
from ..outcome import Reason, UnitOutcome
from ..states import Qualification, StepKind, StepResult
from ..trace import InputValue
from .context import UnitContext


def return_surplus(
    nation: UnitContext, contest: model.Contest, units: list[UnitOutcome], shares: dict[str, int]
) -> tuple[list[UnitOutcome], tuple[Reason, ...]]:
    """The districts with the surplus seats returned (`shares`: each list's share of all the seats, in the national
    tier), and the reason the return is not final (a lot), if any. Steps of a seat returned are recorded in its
    district; a surplus kept, in the nation."""
    rule, method = contest.surplus_return, contest.method
    assert rule is not None and isinstance(method, DivisorMethod)
    seats = {u.unit: {s.id: s.seats or 0 for s in u.selections} for u in units}
    votes = {u.unit: {s.id: s.votes.value or 0 for s in u.selections} for u in units}
    qualified = {u.unit: [s.id for s in u.selections if s.qualified == Qualification.YES] for u in units}
    won = {name: sum(table.get(name, 0) for table in seats.values()) for name in shares}
    large = [u.unit for u in units if (contest.seats_in(u.unit) or 0) >= rule.smallest]

    def finished(reasons: tuple[Reason, ...] = ()) -> tuple[list[UnitOutcome], tuple[Reason, ...]]:
        return [_updated(u, seats[u.unit]) for u in units], reasons

    for name in shares:
        tried: set[str] = set()
        while won[name] > shares[name]:
            held = {
                d: Fraction(votes[d][name]) / method.divisor(seats[d][name] - 1)
                for d in large
                if d not in tried and seats[d].get(name, 0) > 0
            }
            if not held:
                kept = won[name] - shares[name]
                inputs: list[tuple[str, InputValue]] = [
                    (named(Named.DISTRICT_SEATS_OF, name), won[name]),
                    (named(Named.SEATS_OF, name), shares[name]),
                ]
                nation.record(
                    StepKind.SURPLUS_RETURN, rule.provenance, inputs, SurplusKept(name, kept), StepResult.OVER
                )
                break
            district, lowest, tied = _extreme(held, min)
            if tied:
                return finished((Reason(rule.provenance.full_label, SurplusReturnLot(name, tied)),))
            claims = {
                other: Fraction(votes[district][other]) / method.divisor(seats[district][other])
                for other in qualified[district]
                if other != name and other in shares and won[other] < shares[other] and votes[district][other] > 0
            }
            if not claims:
                tried.add(district)
                continue
            receiver, best, tied = _extreme(claims, max)
            if tied:
                return finished((Reason(rule.provenance.full_label, SurplusReturnLot(name, tied)),))
            inputs = [
                (votes_of(name), votes[district][name]),
                (named(Named.SEATS_OF, name), seats[district][name]),
                (votes_of(receiver), votes[district][receiver]),
                (named(Named.SEATS_OF, receiver), seats[district][receiver]),
            ]
            fact = SeatReturned(name, lowest, receiver, best, won[name] - shares[name])
            nation.recorder.add(
                contest.id, district, StepKind.SURPLUS_RETURN, rule.provenance, inputs, fact, StepResult.TRANSFERRED
            )
            seats[district][name] -= 1
            seats[district][receiver] += 1
            won[name] -= 1
            won[receiver] += 1
    return finished()


def _extreme(
    values: dict[str, Fraction], pick: Callable[[Iterable[Fraction]], Fraction]
) -> tuple[str, Fraction, tuple[str, ...]]:
    """The name with the lowest (`min`) or highest (`max`) value, the value, and the names that share it where
    more than one does (a lot; empty otherwise)."""
    value = pick(values.values())
    names = sorted(name for name, found in values.items() if found == value)
    return names[0], value, tuple(names) if len(names) > 1 else ()


def _updated(unit: UnitOutcome, seats: dict[str, int]) -> UnitOutcome:
    """The unit with its lists' seats as the returns left them (unchanged where none moved)."""
    if all((s.seats or 0) == seats[s.id] for s in unit.selections):
        return unit
    selections = tuple(attrs.evolve(s, seats=seats[s.id], elected=seats[s.id] > 0) for s in unit.selections)
    return attrs.evolve(unit, selections=selections)

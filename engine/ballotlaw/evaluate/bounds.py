"""What the results' own arithmetic says of a figure that is not published (docs/contracts.md, sections 7 and 13).

Within a unit, the votes of the selections add up to at most `valid_votes`, those are at most
`voters_took_part`, and those at most `registered_voters` (the relations C104, C103, C102). So an unpublished
total is at least the sum of its published parts, and an unpublished part at most what its published whole
leaves after the other parts. A bound the data states (`not published (at least L, at most H)`) counts too.
Bounds that contradict each other prove a figure wrong: it is then taken as not bounded at all, so that nothing
is decided on them. Figures of other units are not used: a unit above may count another ballot (a list tier
over districts of candidates), and its sums are checked only where every unit is given (C101).
"""

from __future__ import annotations

from fractions import Fraction

from attrs import frozen

from ..facts.qualifying import BoundFrom
from ..figures import at, votes_of
from ..results.model import Figure, Results
from .bases import combined, is_combined
from .intervals import Interval, of_figure

VOTES = "votes"  # what stands for the selections' votes of a unit, added up
CHAIN = (VOTES, "valid_votes", "voters_took_part", "registered_voters")  # each at most the next


@frozen
class Bounds:
    """A figure's interval and the other published figures that set its bounds (none: its own alone)."""

    interval: Interval
    by: tuple[BoundFrom, ...] = ()


def _votes_low(results: Results, unit: str, leave_out: str | None = None) -> int:
    """The least the selections' votes of `unit` add up to (without `leave_out`'s)."""
    return sum(results.vote(unit, s).lower for s in results.selections(unit) if s != leave_out)


def _member_low(results: Results, unit: str, name: str) -> int:
    return _votes_low(results, unit) if name == VOTES else results.count(unit, name).lower


Found = list[tuple[int, "BoundFrom"]]


def _settle(figure: Figure, name: str, lows: Found, highs: Found) -> Bounds:
    """The tightest of the bounds found; none at all when they cross (the data is wrong somewhere)."""
    own = of_figure(figure, name)
    low, high = own.low, own.high
    low_by: BoundFrom | None = None
    high_by: BoundFrom | None = None
    for value, source in lows:
        if value > low:
            low, low_by = Fraction(value), source
    for value, source in highs:
        if high is None or value < high:
            high, high_by = Fraction(value), source
    if high is not None and low > high:
        return Bounds(Interval(Fraction(0), None, own.missing))
    by = tuple(b for b in (low_by, high_by) if b is not None)
    if low == high and by:  # pinned by the figures around it: as good as published
        return Bounds(Interval(low, high), by)
    return Bounds(Interval(low, high, own.missing), by)


def count_bounds(results: Results, unit: str, name: str, what: str | None = None) -> Bounds:
    """The interval of count `name` at `unit`, from its own figure and the published figures around it (`what`:
    how a `not evaluated` message names it)."""
    figure = combined(results, unit, name) if is_combined(name) else results.count(unit, name)
    what = what or at(name, unit)
    if figure.known or unit not in results.units or is_combined(name):
        return Bounds(of_figure(figure, what))
    lows: Found = []
    highs: Found = []
    if name in CHAIN:
        place = CHAIN.index(name)
        lows += [(_member_low(results, unit, part), BoundFrom(part)) for part in CHAIN[:place]]
        for whole in CHAIN[place + 1 :]:
            upper = results.count(unit, whole).upper
            if upper is not None:
                highs.append((upper, BoundFrom(whole)))
    return _settle(figure, what, lows, highs)


def vote_bounds(results: Results, unit: str, selection: str, what: str | None = None) -> Bounds:
    """The interval of a selection's votes at `unit`: at most what the unit's published totals leave of them
    after the other selections' votes."""
    figure = results.vote(unit, selection)
    what = what or at(votes_of(selection), unit)
    if figure.known or unit not in results.units:
        return Bounds(of_figure(figure, what))
    others = _votes_low(results, unit, leave_out=selection)
    highs: Found = []
    for whole in CHAIN[1:]:
        upper = results.count(unit, whole).upper
        if upper is not None:
            highs.append((upper - others, BoundFrom(whole)))
    return _settle(figure, what, [], highs)

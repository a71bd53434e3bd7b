"""Seats a list short of candidates cannot fill, handed down the remainders (Lithuania, Election Code Art. 170(6):
"the remaining mandates shall be further distributed to other lists by applying the largest remainder method").

The round's quota and whole quotas stay; the seats the short lists cannot fill go one a list to the other lists in
the order of their remainders, first to those the round gave no seat left over, then, in further passes, to every
other list again; a list never takes more seats than it has candidates. Equal remainders for fewer seats go to the
law's tie rule. Seats no list can take stay vacant."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ..facts import allocation as f
from ..figures import Named, named, seats_of
from ..states import StepKind, StepResult
from ..trace import InputValue
from .ties import break_tie

if TYPE_CHECKING:
    from .allocation import Allocation


def hand_down(alloc: Allocation, active: list[str], given: dict[str, int], limits: dict[str, int]) -> dict[str, int]:
    """Every list's seats of the round once the seats the lists of `limits` cannot fill are handed down."""
    contest = alloc.ctx.contest
    rule = contest.exhaustion
    assert rule is not None
    quota, full = alloc.details.get("quota"), alloc.details.get("full_quotas", {})
    assert isinstance(quota, Fraction) and isinstance(full, dict)
    votes = alloc.votes(active)
    seats = {n: min(given.get(n, 0), limits[n]) if n in limits else given.get(n, 0) for n in active}
    left = sum(given.get(n, 0) for n in active) - sum(seats.values())
    remainder = {n: votes[n] - full.get(n, 0) * quota for n in active}
    room = {n: limit[0] if (limit := alloc.limit(n)) is not None else None for n in active}
    handed: dict[str, int] = {}
    others = [n for n in active if n not in limits]
    first = [n for n in others if given.get(n, 0) <= full.get(n, 0)]  # the round gave them no seat left over
    ranking = first
    while left > 0:
        took = 0
        for value in sorted({remainder[n] for n in ranking}, reverse=True):
            open_ = [n for n in ranking if remainder[n] == value and _has_room(room[n], seats[n])]
            if not open_ or left == 0:
                continue
            if len(open_) > left:  # equal remainders for fewer seats: the law's tie rule, else a lot
                tie = break_tie(alloc.ctx, contest.tie_rule, tuple(open_), left, f.LastSeats(left))
                alloc.tied, alloc.tied_seats, alloc.tie_missing = tie.still_tied, tie.seats_left, tie.missing
                open_, left = list(tie.winners), left - tie.seats_left
            for name in open_:
                seats[name] += 1
                handed[name] = handed.get(name, 0) + 1
                left, took = left - 1, took + 1
        if took == 0 and ranking is not first:
            break  # no list can take more: the rest stay vacant
        ranking = others  # a further pass: every other list, down the remainders again
    alloc.vacant = left
    inputs: list[tuple[str, InputValue]] = [(seats_of(n), given.get(n, 0)) for n in active]
    inputs += [(named(Named.REMAINDER_OF, n), remainder[n]) for n in active if n not in limits]
    held = tuple((n, limits[n], f.Limit.CANDIDATES) for n in active if n in limits)
    fact = f.HandedDown(held, tuple(sorted(handed.items())), left)
    alloc.ctx.record(StepKind.HANDED_DOWN, rule.provenance, inputs, fact, StepResult.DISTRIBUTED)
    return seats


def _has_room(limit: int | None, seats: int) -> bool:
    return limit is None or seats < limit

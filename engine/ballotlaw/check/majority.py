"""Clauses of seats given outside the proportional share: a majority bonus (fixed or sliding), a stable
majority reached by adding seats, and seats reserved for a national minority's leading list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model
from ..syntax import ast
from .allocation import rational_divisors
from .conditions import condition
from .kinds import LISTS, declare
from .qualifying import threshold_rule

if TYPE_CHECKING:
    from .contest import ContestChecker
    from .registry import Rules


def bonus(cc: ContestChecker, body: ast.Bonus, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    return {"bonus": _bonus_rule(cc, body, provenance)}


def _bonus_rule(cc: ContestChecker, body: ast.Bonus, provenance: model.Provenance) -> model.BonusRule | None:
    seats = cc.c.whole_number(body.seats, "a number of seats")
    if body.threshold is None:
        checked = condition(cc, body.condition) if body.condition is not None else None
        if seats is None or (body.condition is not None and checked is None):
            return None
        return model.BonusRule(seats, checked, provenance)
    rule = threshold_rule(cc, body.threshold, provenance)
    assert body.step is not None and body.most is not None and body.per_step is not None
    step = cc.c.share(body.step, "the step of a sliding bonus")
    if step == 0:
        cc.c.fail(
            "E219",
            body.step.span,
            "the step of a sliding bonus is 0%: the bonus would grow without end",
            hint="write the share that earns each further seat, e.g. `for every further 0.5%`",
        )
        step = None
    if seats is not None and body.most < seats:
        cc.c.fail(
            "E219",
            body.span,
            f"the bonus starts at {seats} seats but may be at most {body.most}",
            hint=f"the most a sliding bonus gives is its largest value: write `at most {seats} seats` or more",
        )
        return None
    if seats is None or rule is None or step is None:
        return None
    return model.BonusRule(seats, None, provenance, rule, body.per_step, step, body.most)


def stable_majority(
    cc: ContestChecker, body: ast.StableMajority, clause: ast.Clause, provenance: model.Provenance
) -> Rules:
    share = cc.c.share(body.share, "a share of the seats")
    if share is not None and not 0 < share < 1:
        cc.c.fail(
            "E220",
            body.share.span,
            f"a stable majority of {body.share.text} of the seats cannot be reached by adding seats",
            hint="the law's share is more than 0% and less than 100%, e.g. `at least 54% of the seats`",
        )
        return {}
    if share is None:
        return {}
    if body.held is None:
        return {"stable_majority": (share, provenance)}
    held = cc.c.share(body.held.share, "a share of the seats")
    if held is None:
        return {}
    inclusive = body.held.comparator == "at least"
    if held > share or (held == share and not inclusive):
        cc.c.fail(
            "E220",
            body.held.span,
            f"a list that holds {body.held.comparator} {body.held.share.text} of the seats already has "
            f"{body.share.text}: no seat would ever be added",
            hint="the condition is a smaller share than the majority, e.g. `, if it holds more than 50% of the seats`",
        )
        return {}
    return {"stable_majority": (share, provenance), "stable_when": (inclusive, held)}


@declare(
    ast.OppositionSeats,
    "opposition_seats",
    "a guarantee of seats for the lists other than the leading one",
    LISTS,
    ("opposition",),
)
def opposition_seats(
    cc: ContestChecker, body: ast.OppositionSeats, clause: ast.Clause, provenance: model.Provenance
) -> Rules:
    """`the lists other than the leading one get at least 1/3 of the seats, with seats added` (the opposition's
    guarantee, Armenia's Electoral Code Art. 96): the mirror of the stable majority."""
    share = cc.c.share(body.share, "a share of the seats")
    if share is not None and not 0 < share < 1:
        cc.c.fail(
            "E220",
            body.share.span,
            f"the other lists cannot hold {body.share.text} of the seats by adding seats",
            hint="the law's share is more than 0% and less than 100%, e.g. `at least 1/3 of the seats`",
        )
        return {}
    return {} if share is None else {"opposition": (share, provenance)}


@declare(
    ast.MinoritySeats,
    "minority_seats",
    "seats added for national minorities",
    LISTS,
    ("minority_seats",),
)
def minority_seats(
    cc: ContestChecker, body: ast.MinoritySeats, clause: ast.Clause, provenance: model.Provenance
) -> Rules:
    """`4 seats added for national minorities by d'hondt divisors, the seat of a minority passing to the next list
    | left vacant where a list has none of its candidates` (Armenia, Electoral Code Art. 95(9), 100(2))."""
    method = rational_divisors(cc, body.method, "has no averages to give the minorities' seats by")
    if body.seats <= 0:
        cc.c.fail("E220", body.span, "seats added for national minorities must be at least one")
        return {}
    if method is None:
        return {}
    return {"minority_seats": model.MinoritySeatsRule(provenance, body.seats, method, body.vacant)}


def reserved_seat(
    cc: ContestChecker, body: ast.ReservedSeat, clause: ast.Clause, provenance: model.Provenance
) -> Rules:
    rule = threshold_rule(cc, body.threshold, provenance)
    if body.seats <= 0 or body.minority <= 0:
        cc.c.fail(
            "E213",
            body.span,
            "a reserved seat needs at least one seat and a minority number of 1 or more",
            hint="write e.g. `1 seat to the leading list of national minority 3 ...`; the results give "
            "each minority list that number as `national_minority`",
        )
    elif any(seat.minority == body.minority for seat in cc.rules["reserved"]):
        cc.c.fail(
            "E401",
            body.span,
            f"seats reserved for national minority {body.minority} are defined a second time",
            hint="a contest states each rule once: remove one clause",
        )
    elif rule is not None:
        return {"reserved": model.ReservedSeat(body.seats, body.minority, rule, provenance)}
    return {}

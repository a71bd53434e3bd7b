"""Clauses of seats given outside the proportional share: a majority bonus (fixed or sliding), a stable
majority reached by adding seats, and seats reserved for a national minority's leading list."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from .. import model
from ..methods.kernels import DivisorMethod, QuotaMethod
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


def _share_of_seats(cc: ContestChecker, number: ast.Number, message: str, example: str) -> Fraction | None:
    """A share of the seats that seats added (or passed) can reach: more than 0% and less than 100% (E220)."""
    share = cc.c.share(number, "a share of the seats")
    if share is not None and not 0 < share < 1:
        cc.c.fail(
            "E220",
            number.span,
            message,
            hint=f"the law's share is more than 0% and less than 100%, e.g. `{example}`",
        )
        return None
    return share


def stable_majority(
    cc: ContestChecker, body: ast.StableMajority, clause: ast.Clause, provenance: model.Provenance
) -> Rules:
    message = f"a stable majority of {body.share.text} of the seats cannot be reached by adding seats"
    share = _share_of_seats(cc, body.share, message, "at least 54% of the seats")
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
    message = f"the other lists cannot hold {body.share.text} of the seats by adding seats"
    share = _share_of_seats(cc, body.share, message, "at least 1/3 of the seats")
    return {} if share is None else {"opposition": (share, provenance)}


def _majority_seat_fits(cc: ContestChecker, contest: model.Contest, clause: ast.Clause) -> bool:
    """E406 where the seat given last is not defined: a method that gives no seats one after another in an order
    of claims (a quota's seats left over to the most votes, or none; divisors that are not rational), or a clause
    that changes the seats after the method, which ballotlaw does not apply together with it."""
    method = contest.method
    ordered = (isinstance(method, QuotaMethod) and method.leftover in ("largest remainders", "highest averages")) or (
        isinstance(method, DivisorMethod) and method.kind in ("linear", "sequence", "harmonic")
    )
    if contest.leftover_by_votes is not None or not ordered:
        cc.c.fail(
            "E406",
            clause.span,
            f"the seat given last is not defined for `{method.name if method else ''}`"
            + (" with the seats left over to the most votes" if contest.leftover_by_votes is not None else ""),
            hint="the seats must go one after another by claims: a divisor method with rational divisors, or a "
            "quota with largest remainders or highest averages, e.g. `allocate by hare quota and highest averages`",
        )
        return False
    others = (
        (contest.cap or contest.exhaustion, "a cap or lists short of candidates"),
        (contest.minimum, "a minimum of seats"),
        (contest.bonus, "a majority bonus"),
        (contest.reserved, "a reserved seat"),
        (contest.agreements, "agreements between lists"),
        (any(t.joint_seats is not None for t in contest.thresholds), "minority lists together"),
        (contest.stable_majority or contest.opposition or contest.minority_seats, "seats added after the allocation"),
        (contest.mixed, "constituency seats"),
        (contest.adjustment or contest.pooled or contest.biproportional, "a second tier of seats"),
    )
    found = next((what for present, what in others if present), None)
    if found is not None:
        cc.c.fail(
            "E406",
            clause.span,
            "ballotlaw does not apply the seat given last to a list with a majority of the votes together with "
            + found,
            hint="the clause moves the seat the method gave last; with a clause that changes the seats after the "
            "method, which seat was given last is not defined, so ballotlaw refuses the file rather than guess",
        )
        return False
    return True


@declare(
    ast.MajoritySeat,
    "majority_seat",
    "the seat given last to a list with a majority of the votes",
    LISTS,
    ("majority_seat",),
    after=_majority_seat_fits,
)
def majority_seat(
    cc: ContestChecker, body: ast.MajoritySeat, clause: ast.Clause, provenance: model.Provenance
) -> Rules:
    """`a list with more than 50% of valid_votes but at most 50% of the seats takes the seat given last to another
    list` (Kieswet Art. P 9). The share of the votes is measured in the unit of competition; it is half or more
    (E220), so that no two lists meet it, and the share of the seats is more than 0% and less than 100% (E220)."""
    threshold = body.threshold
    if cc.every and cc.level is not None:  # measured where the contest is decided, not in the nation
        threshold = attrs.evolve(threshold, level=ast.Name(text=cc.level, span=body.span))
    votes = threshold_rule(cc, threshold, provenance)
    message = f"a list holds at most {body.seats.text} of the seats: the seat would never (or always) pass"
    seats = _share_of_seats(cc, body.seats, message, "but at most 50% of the seats")
    if votes is not None and (votes.share < Fraction(1, 2) or (votes.share == Fraction(1, 2) and votes.inclusive)):
        cc.c.fail(
            "E220",
            threshold.number.span,
            f"two lists could each have {threshold.comparator} {threshold.number.text} of the votes",
            hint="the law gives the seat to a list with a majority: write `more than 50% of ...`",
        )
        return {}
    if votes is None or seats is None:
        return {}
    return {"majority_seat": model.MajoritySeatRule(provenance, votes, seats)}


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

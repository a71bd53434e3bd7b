"""Clauses of one contest that contradict the method or each other: refused, never one silently ignored."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model
from ..methods.kernels import AllocationMethod, DivisorMethod, QuotaMethod
from ..syntax import ast
from .ranked import ranked_together
from .registry import KINDS

if TYPE_CHECKING:
    from .contest import ContestChecker

#: Clauses that need a contest decided in every unit of a level: (kind, why, what to write instead).
_NEEDS_UNITS: tuple[tuple[type, str, str], ...] = (
    (ast.Adjustment, "adjustment seats follow district seats", "for the district seats"),
    (ast.Biproportional, "a biproportional apportionment needs districts", "for the districts"),
    (ast.Pooled, "a national pool takes what districts leave over", "for the districts"),
    (ast.Placement, "adjustment seats are placed in districts", "for the districts"),
    (ast.PlacementByList, "adjustment seats are placed in districts", "for the districts"),
    (ast.SeatsByUnit, "seats per unit need a contest decided in every unit of a level", "or `seats 150`"),
    (ast.SeatsApportioned, "seats apportioned to units need a contest decided in every unit", "for them"),
)

#: Clauses ballotlaw does not apply together with a biproportional apportionment.
_NOT_BIPROPORTIONAL: tuple[tuple[type, str], ...] = (
    (ast.Cap, "a cap"),
    (ast.Minimum, "a minimum of seats"),
    (ast.Bonus, "a majority bonus"),
    (ast.StableMajority, "a stable majority"),
    (ast.Agreements, "agreements between lists"),
    (ast.Multiplier, "a multiplier of averages"),
    (ast.ReservedSeat, "a reserved seat"),
    (ast.Mixed, "the deduction of constituency seats"),
    (ast.Exhaustion, "lists short of candidates"),
)


def _left_over_fits(
    cc: ContestChecker, contest: model.Contest, method: AllocationMethod | None, allocate: ast.Clause | None
) -> bool:
    """`the seats left over as adjustment seats` need a method that leaves seats over (E402); one more seat for a
    part of a quota leaves them to adjustment seats only (E406: a pool would share remainders a seat has used)."""
    leaves = isinstance(method, QuotaMethod) and method.leftover == "none"
    tier = cc.clause_of(ast.Adjustment)
    if tier is not None and isinstance(tier.body, ast.Adjustment) and tier.body.seats is None and not leaves and method:
        cc.c.fail(
            "E402",
            tier.span,
            "the adjustment seats are the seats left over, but the district seats leave none over",
            hint="allocate the district seats by full quotas (`allocate by the quota of valid_votes over seats plus "
            "0, with full quotas only`), or write the number of adjustment seats",
        )
        return False
    part = isinstance(method, QuotaMethod) and method.part is not None
    if part and allocate is not None and (contest.pooled is not None or contest.leftover_by_votes is not None):
        cc.c.fail(
            "E406",
            allocate.span,
            "a remainder that took one more seat has no votes left to pool or to rank, and the seats left over go "
            "to a pool or to the most votes",
            hint="give the seats left over to adjustment seats: `the seats left over as adjustment seats for lists "
            "with at least P of BASE nationally, by METHOD`",
        )
        return False
    return True


def combine(cc: ContestChecker, contest: model.Contest) -> bool:
    """Whether the clauses of the assembled contest hold together; a diagnostic for the first that does not."""
    placement = cc.clause_of(ast.Placement) or cc.clause_of(ast.PlacementByList)
    placed = contest.placement is not None or contest.placement_by_list is not None
    if placed and contest.adjustment is None and placement is not None:
        cc.c.fail(
            "E402",
            placement.span,
            "the contest places adjustment seats but has none",
            hint="add `N adjustment seats for lists with at least P of BASE nationally, by METHOD [source]`",
        )
        return False
    method = contest.method
    allocate = cc.clause_of(ast.Allocate)
    if not _left_over_fits(cc, contest, method, allocate):
        return False
    to_tier = contest.adjustment is not None and contest.adjustment.seats is None
    left_over = contest.pooled is None and contest.leftover_by_votes is None and not to_tier
    if isinstance(method, QuotaMethod) and method.leftover == "none" and left_over and allocate:
        cc.c.fail(
            "E402",
            allocate.span,
            "full quotas only leave seats over, and the contest does not say where they go",
            hint="add `seats left over pooled nationally by <method> [source]` (the Czech second scrutiny), "
            "`seats left over to the lists with the most votes [source]`, or allocate the seats left over in the "
            "district: `... and largest remainders`",
        )
        return False
    if not ranked_together(cc, contest):
        return False
    for written in cc.contest.clauses:  # a threshold for the seats left over needs seats left over to a pool
        body = written.body
        if isinstance(body, ast.Threshold) and body.pool_only and contest.pooled is None:
            cc.c.fail(
                "E402",
                body.span,
                "the threshold decides who takes part in the seats left over, and the contest pools none",
                hint="add `seats left over pooled nationally by <method> [source]`, or remove `, only for the seats "
                "left over` if the threshold bars a list from every seat",
            )
            return False
    for written in cc.contest.clauses:  # what a clause needs of the assembled contest (kinds.ClauseKind.after)
        after = KINDS[type(written.body)].after
        if after is not None and not after(cc, contest, written):
            return False
    alone = _biproportional_alone(cc, contest)
    if not (_contradictions(cc, contest) and alone):
        return False
    for kind, why, instead in _NEEDS_UNITS if not contest.every else ():
        clause = cc.clause_of(kind)
        if clause is not None:
            cc.c.fail(
                "E406",
                clause.span,
                f"{why}, but `{cc.block}` is decided once, in the nation",
                hint=f"write `lists compete in every district` {instead}",
            )
            return False
    return True


def _biproportional_alone(cc: ContestChecker, contest: model.Contest) -> bool:
    """E406 for each clause a biproportional apportionment would leave unapplied."""
    if contest.biproportional is None:
        return True
    ok = True
    for kind, what in _NOT_BIPROPORTIONAL:
        found = cc.clause_of(kind)
        if found is not None:
            cc.c.fail(
                "E406",
                found.span,
                f"{what}: ballotlaw does not apply it together with a biproportional apportionment",
                hint="the biproportional apportionment gives every district and list its seats at once; "
                "ballotlaw would not apply this clause, so it refuses the file rather than ignore it",
            )
            ok = False
    return ok


def _contradictions(cc: ContestChecker, contest: model.Contest) -> bool:
    """E406/E220 for a clause the method or the other clauses make impossible."""
    method, seats = contest.method, contest.seats
    fewer, take = (contest.fallback.fewer_than, contest.fallback.take) if contest.fallback else (0, 0)
    least = contest.minimum.seats if contest.minimum and contest.seats_by_unit is None else 0
    bonus = contest.bonus.largest if contest.bonus and contest.seats_by_unit is None else 0
    counted = contest.mixed is not None and contest.mixed[0] == "counted"
    joint = any(t.joint_seats is not None for t in contest.thresholds)
    contradictions: tuple[tuple[bool, str, type, str, str], ...] = (
        (
            contest.minority_factor is not None and isinstance(method, QuotaMethod),
            "E406",
            ast.Multiplier,
            f"`{method.name if method else ''}` has no averages to multiply",
            "averages (quotients) are those of a divisor method, e.g. `allocate by d'hondt divisors`",
        ),
        (
            take < fewer,
            "E220",
            ast.Fallback,
            f"the fallback lets {take} list(s) qualify when fewer than {fewer} do: still too few",
            f"write `the {fewer} lists with the most votes qualify` (or more), as the law says",
        ),
        (
            least > seats,
            "E220",
            ast.Minimum,
            f"a minimum of {least} seats per list is more than the {seats} seats of `{cc.block}`",
            "check the number of seats and the minimum against the law",
        ),
        (
            bonus > seats,
            "E220",
            ast.Bonus,
            f"a bonus of up to {bonus} seats is more than the {seats} seats of `{cc.block}`",
            "check the number of seats and the bonus against the law",
        ),
        (
            counted and not isinstance(method, DivisorMethod),
            "E406",
            ast.Mixed,
            "constituency seats can be counted only in the divisors of a divisor method",
            "the additional member system gives its list seats by highest averages, e.g. `allocate by d'hondt "
            "divisors`",
        ),
        (
            counted and (contest.agreements is not None or joint),
            "E406",
            ast.Mixed,
            "constituency seats counted in the divisors do not combine with lists allocated together "
            "(agreements, a joint minority list) in ballotlaw",
            "ballotlaw would not count them there, so it refuses the file rather than ignore the clause",
        ),
    )
    ok = True
    for holds, code, clause_kind, message, hint in contradictions:
        if holds and (clause := cc.clause_of(clause_kind)) is not None:
            cc.c.fail(code, clause.span, message, hint=hint)
            ok = False
    return ok

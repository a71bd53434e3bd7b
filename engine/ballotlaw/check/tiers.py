"""Clauses of seats across tiers and districts: constituency seats deducted (mixed-member systems), a list's
seats distributed to regions, adjustment seats and their placing, a national pool of the seats left over, and
biproportional apportionment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model
from ..methods.kernels import AllocationMethod, DivisorMethod, QuotaMethod
from ..states import Overhang
from ..syntax import ast
from .allocation import known_method, rational_divisors
from .kinds import LISTS, declare
from .qualifying import threshold_rule

if TYPE_CHECKING:
    from .contest import ContestChecker
    from .registry import Rules


def mixed(cc: ContestChecker, body: ast.Mixed, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    return {"mixed": (Overhang(body.overhang), provenance)}


def distribute(cc: ContestChecker, body: ast.Distribute, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    method = known_method(cc, body.method)
    if method is not None and cc.c.known_level(body.level):
        return {"distribution": (body.level.text, method, provenance)}
    return {}


def _decided_level(cc: ContestChecker, level: ast.Name, what: str, before: str, after: str = "") -> bool:
    """Whether a level a tier's clause names is the one the contest is decided in (E406 otherwise; an unknown level
    has its own error). The hint writes the clause's words `before` and `after` the level."""
    if not cc.c.known_level(level) or level.text == cc.level:
        return True
    cc.c.fail(
        "E406",
        level.span,
        f"{what} in the units the contest is decided in (`{cc.level}`), not in `{level.text}`",
        hint=f"write `{before} {cc.level}{after}`",
    )
    return False


def adjustment(cc: ContestChecker, body: ast.Adjustment, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    rule = threshold_rule(cc, body.threshold, provenance)
    method = known_method(cc, body.method)
    won = None
    if body.seats_won is not None:
        won, level = body.seats_won
        if not _decided_level(cc, level, "the seats a list won are counted", f", or at least {won} seat won in a"):
            return {}
        if won <= 0:
            cc.c.fail("E220", body.span, "a list with no seat won always has at least 0: write 1 or more")
            return {}
    if body.continued_after is not None and not _continued_fits(cc, body, body.continued_after, method):
        return {}
    if rule is not None and method is not None:
        continued = body.continued_after is not None
        return {"adjustment": model.Adjustment(body.seats, rule, method, provenance, won, continued)}
    return {}


def _continued_fits(cc: ContestChecker, body: ast.Adjustment, level: ast.Name, method: AllocationMethod | None) -> bool:
    """`, each list's series continued after its district seats`: of the units the contest is decided in, and of a
    divisor method (a quota has no series to continue): E406."""
    what = "a list's series continues after the seats it won"
    if not _decided_level(cc, level, what, ", each list's series continued after its", " seats"):
        return False
    if method is not None and not isinstance(method, DivisorMethod):
        cc.c.fail(
            "E406",
            body.method.span,
            f"`{body.method.phrase}` has no series of divisors to continue after the district seats",
            hint="name a divisor method (`estonian divisors`, `d'hondt divisors`), or remove `, each list's series "
            "continued ...` to give each list its share of all the seats less its district seats",
        )
        return False
    return True


def _placing_method(
    cc: ContestChecker, body: ast.Placement | ast.PlacementByList, form: str
) -> AllocationMethod | None:
    """The divisor method of a clause placing adjustment seats, in the units the contest is decided in (E406);
    `form` is the clause's opening, with `{level}` for the level, for the hint."""
    method = rational_divisors(cc, body.method, "has no next divisor to place seats by")
    start, _, end = form.partition(" {level}")
    if not _decided_level(cc, body.level, "adjustment seats are placed", start, f"{end} by ..."):
        return None
    return method


def placement(cc: ContestChecker, body: ast.Placement, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    method = _placing_method(cc, body, "place the adjustment seats one per {level}")
    return {"placement": (method, provenance)} if method is not None else {}


@declare(
    ast.PlacementByList,
    "placement",
    "the placing of each list's adjustment seats in its districts",
    LISTS,
    ("placement_by_list",),
)
def placement_by_list(
    cc: ContestChecker, body: ast.PlacementByList, clause: ast.Clause, provenance: model.Provenance
) -> Rules:
    """`place the adjustment seats of each list in its district with the highest next quotient by METHOD`."""
    form = "place the adjustment seats of each list in its {level} with the highest next quotient"
    method = _placing_method(cc, body, form)
    return {"placement_by_list": (method, provenance)} if method is not None else {}


def _surplus_return_fits(cc: ContestChecker, contest: model.Contest, clause: ast.Clause) -> bool:
    """E402 without adjustment seats (a list's share of all the seats is the tier's); E406 where the district
    seats are not given by rational divisors, whose quotients say which seat was won with the least."""
    if contest.adjustment is None:
        cc.c.fail(
            "E402",
            clause.span,
            "the contest returns district seats beyond a list's share of all the seats, but has no adjustment seats "
            "to measure that share",
            hint="add `N adjustment seats for lists with at least P of BASE nationally, by METHOD [source]`",
        )
        return False
    if contest.adjustment.continued:
        cc.c.fail(
            "E406",
            clause.span,
            "seats are returned beyond a list's share of all the seats, but the adjustment seats continue each "
            "list's series after its district seats and share no house",
            hint="remove `, each list's series continued ...` from the adjustment seats, or the return of seats",
        )
        return False
    method = contest.method
    if not (isinstance(method, DivisorMethod) and method.kind in ("linear", "sequence")):
        why = "is not a divisor method with rational divisors: its seats have no quotients to compare"
    elif method.divisor(0) == 0:
        why = "has a first divisor 0: every list's first seat has an infinite quotient"
    else:
        return True
    cc.c.fail(
        "E406",
        clause.span,
        f"seats are returned from the lowest quotients, but `{method.name if method else ''}` {why}",
        hint="the district seats must be given by a divisor method, e.g. `allocate by swedish sainte-lague divisors`",
    )
    return False


@declare(
    ast.SurplusReturn,
    "surplus_return",
    "the return of district seats beyond a list's share",
    LISTS,
    ("surplus_return",),
    after=_surplus_return_fits,
)
def surplus_return(
    cc: ContestChecker, body: ast.SurplusReturn, clause: ast.Clause, provenance: model.Provenance
) -> Rules:
    """`surplus district seats returned from the lowest quotients to the other lists, not in a district with
    fewer than 3 seats` (Sweden, Elections Act ch. 14 § 4a)."""
    levels = [body.level] + ([body.smallest[0]] if body.smallest is not None else [])
    for level in levels:
        after = " seats returned from the lowest quotients to the other lists"
        if not _decided_level(cc, level, "seats are returned", "surplus", after):
            return {}
    smallest = 0
    if body.smallest is not None:
        smallest = body.smallest[1]
        if smallest < 2:
            cc.c.fail(
                "E220",
                body.span,
                f"every {cc.level} that returns a seat has at least one: `fewer than {smallest} seats` excludes none",
                hint="write 2 or more, or leave out `, not in a ... with fewer than N seats`",
            )
            return {}
    return {"surplus_return": model.SurplusReturnRule(provenance, smallest)}


def pooled(cc: ContestChecker, body: ast.Pooled, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    """The pool's method (E204 where its full quotas would leave seats nobody takes, or where a second phase
    follows a method that leaves nothing over) and its second phase, a threshold measured in the nation."""
    method = known_method(cc, body.method)
    full_only = isinstance(method, QuotaMethod) and method.leftover == "none"
    if full_only and body.then is None:
        cc.c.fail(
            "E204",
            body.method.span,
            f"`{body.method.phrase}` leaves seats over itself: the pool must hand out every seat",
            hint="pool with a method that gives the seats left over, e.g. "
            "`hagenbach-bischoff quota rounded to a whole number and largest remainders`, or say where they go: "
            "`, the seats still left to the lists with at least 7.2% of valid_votes nationally, by largest "
            "remainders`",
        )
        return {}
    if method is not None and body.then is not None and not full_only:
        cc.c.fail(
            "E204",
            body.then.span,
            f"`{body.method.phrase}` hands out every seat of the pool: no seat is still left for a second phase",
            hint="pool by full quotas only, e.g. `hare quota rounded down and full quotas only`, or remove the "
            "second phase",
        )
        return {}
    then = None
    if body.then is not None:
        written = ast.Threshold(
            comparator=body.then.comparator,
            number=body.then.number,
            base=body.then.base,
            level=None,
            span=body.then.span,
        )
        then = threshold_rule(cc, written, provenance)
        if then is None:
            return {}
    if method is None:
        return {}
    return {"pooled": model.PoolRule(provenance, method, body.parties_only, then)}


def biproportional(
    cc: ContestChecker, body: ast.Biproportional, clause: ast.Clause, provenance: model.Provenance
) -> Rules:
    method = rational_divisors(cc, body.method, "cannot round a biproportional apportionment")
    if method is None:
        return {}
    return {
        "biproportional": model.Biproportional(method, provenance, body.voter_numbers),
        "method": method,
        "method_provenance": provenance,
    }

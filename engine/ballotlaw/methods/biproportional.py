"""Biproportional apportionment (Balinski and Demange; Pukelsheim's "double proportional" method of Swiss
cantons): seats of every (district, list) cell such that each district fills its seats and each list gets its
seats, with one divisor per district and one per list, x = round(votes / (district divisor x list divisor)),
rounded by the divisor method.

Found by alternating scaling: the districts' divisors are fitted to their seats with the lists' fixed, then the
lists' to theirs with the districts' fixed, until both hold. Every step is an exact apportionment by the
divisor kernel over Fraction weights; a divisor is taken in the middle of the interval the apportionment
allows, so nothing is rounded by chance. The search is bounded; a tie (an empty interval) or a search that does
not end is reported, never decided.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from attrs import frozen

from ..facts.allocation import Stop
from .kernels import DivisorMethod, allocate

ROUNDS = 500  # alternating steps tried before the search is given up (it ends in a few on real elections)


@frozen
class BiproportionalResult:
    seats: dict[tuple[str, str], int]  # (district, list) -> seats; empty unless `done`
    done: bool
    rounds: int
    problem: Stop | None = None  # why it is not done: a tie, or no convergence
    where: str = ""  # the district or list with equal claims
    district_divisors: dict[str, Fraction] | None = None
    list_divisors: dict[str, Fraction] | None = None
    tied: bool = False  # not done because of equal claims: a lot is needed


def supports(method: DivisorMethod) -> bool:
    """Biproportional rounding needs rational divisors with a positive first one."""
    return method.kind in ("linear", "sequence") and method.divisor(0) > 0


def biproportional(
    method: DivisorMethod,
    votes: Mapping[str, Mapping[str, int]],
    district_seats: Mapping[str, int],
    list_seats: Mapping[str, int],
) -> BiproportionalResult:
    """`votes[district][list]`; the seats of each district and of each list (they must add up alike)."""
    districts = list(district_seats)
    lists = list(list_seats)
    if sum(district_seats.values()) != sum(list_seats.values()):
        return BiproportionalResult({}, False, 0, Stop.SEATS_DIFFER)
    list_div = {p: Fraction(1) for p in lists}
    district_div = {d: Fraction(1) for d in districts}
    for rounds in range(1, ROUNDS + 1):
        # The districts fitted to their seats with the lists' divisors fixed, then the lists to theirs.
        fitted = _fit(method, districts, lists, district_seats, votes, list_div, districts_outside=True)
        if isinstance(fitted, str):
            return BiproportionalResult({}, False, rounds, Stop.DISTRICT_TIED, fitted, tied=True)
        cells, district_div = fitted
        if all(sum(cells[(d, p)] for d in districts) == list_seats[p] for p in lists):
            return BiproportionalResult(cells, True, rounds, None, "", district_div, dict(list_div))
        fitted = _fit(method, lists, districts, list_seats, votes, district_div, districts_outside=False)
        if isinstance(fitted, str):
            return BiproportionalResult({}, False, rounds, Stop.LIST_TIED, fitted, tied=True)
        by_list, list_div = fitted
        cells = {(d, p): by_list[(p, d)] for d in districts for p in lists}
        if all(sum(cells[(d, p)] for p in lists) == district_seats[d] for d in districts):
            return BiproportionalResult(cells, True, rounds, None, "", dict(district_div), list_div)
    return BiproportionalResult({}, False, ROUNDS, Stop.NO_END)


def _fit(
    method: DivisorMethod,
    outer: Sequence[str],
    inner: Sequence[str],
    targets: Mapping[str, int],
    votes: Mapping[str, Mapping[str, int]],
    inner_divisors: Mapping[str, Fraction],
    districts_outside: bool,
) -> tuple[dict[tuple[str, str], int], dict[str, Fraction]] | str:
    """Each `outer` (a district, or a list) apportions its target seats among the `inner` (the lists, or the
    districts) by their votes over the inner divisors: the cells and each outer's divisor, or the outer whose
    apportionment has equal claims at the cut."""
    cells: dict[tuple[str, str], int] = {}
    divisors: dict[str, Fraction] = {}
    for o in outer:
        cast = {i: votes[o].get(i, 0) if districts_outside else votes[i].get(o, 0) for i in inner}
        found = _apportion(method, {i: cast[i] / inner_divisors[i] for i in inner}, targets[o], inner)
        if found is None:
            return o
        given, divisors[o] = found
        cells.update({(o, i): given[i] for i in inner})
    return cells, divisors


def _apportion(
    method: DivisorMethod, weights: dict[str, Fraction], seats: int, order: Sequence[str]
) -> tuple[dict[str, int], Fraction] | None:
    """The divisor method's seats for `weights`, and a divisor strictly inside the interval that gives them;
    None when the interval is empty (equal claims at the cut)."""
    result = allocate(method, weights, seats, order)  # type: ignore[arg-type]
    if result.tied:
        return None
    given = result.seats
    # A weight w earns its (k+1)-th seat at divisors up to w / d(k): the divisor must lie above every claim not
    # given (w / d(x)) and at or below every claim given (w / d(x - 1)).
    above = max((weights[n] / method.divisor(given[n]) for n in order), default=Fraction(0))
    below = [weights[n] / method.divisor(given[n] - 1) for n in order if given[n] > 0]
    if not below:
        return given, above + 1
    low_given = min(below)
    if above >= low_given:
        return None
    return given, (above + low_given) / 2

"""Seat allocation kernels: one divisor kernel and one quota kernel, configured by data.

Every method of the registry (registry.py) is an instance of DivisorMethod or QuotaMethod. The kernels use
int and Fraction only, and never loop once per seat: the divisor kernel starts from a provably safe estimate
and then awards at most about two seats per list one by one; the quota kernel is a single pass plus a sort.

Divisors that are not rational (Huntington-Hill's sqrt(k(k+1))) are compared exactly through their squares:
a list's k-th average v / d(k) is ranked by v^2 / d(k)^2, which orders the averages the same way.

A kernel never breaks a tie. When the last seats go to selections with equal claims, it returns them as
`tied` with the number of seats left for them; the caller applies the law's tie rule.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from attrs import frozen


@frozen
class KernelResult:
    """Seats given outright, plus any seats left to a tie the law must break."""

    seats: dict[str, int]
    tied: tuple[str, ...]
    tied_seats: int
    details: dict[str, object]


@frozen
class DivisorMethod:
    """Highest averages: the k-th seat of a list (k = 0, 1, ...) is claimed at votes / d(k).

    `kind` says what d is:
    - "linear": d(k) = step * k + offset, with d(0) = first when given (D'Hondt 1, 2, 3...; Sainte-Lague
      1, 3, 5...; modified Sainte-Lague 1.4, 3, 5...; Danish 1, 4, 7...; Imperiali 2, 3, 4...; Adams 0, 1, 2...);
    - "geometric": d(k) = sqrt(k (k + 1)) (Huntington-Hill);
    - "harmonic": d(k) = k (k + 1) / (k + 1/2) (Dean);
    - "sequence": the divisors listed in `sequence`, then on by the last difference.
    Every d(k) satisfies step * k <= d(k) <= step * (k + 1), which the starting estimate relies on.
    """

    name: str
    step: Fraction
    offset: Fraction = Fraction(0)
    first: Fraction | None = None
    kind: str = "linear"
    sequence: tuple[Fraction, ...] = ()
    reference: str = ""

    def divisor_squared(self, k: int) -> Fraction:
        """d(k)^2, exact for every kind."""
        if self.kind == "geometric":
            return Fraction(k * (k + 1))
        if self.kind == "harmonic":
            d = Fraction(k * (k + 1)) / (k + Fraction(1, 2))
            return d * d
        d = self.divisor(k)
        return d * d

    def divisor(self, k: int) -> Fraction:
        """d(k) for the rational kinds."""
        if self.kind == "sequence":
            if k < len(self.sequence):
                return self.sequence[k]
            last = self.sequence[-1]
            step = last - self.sequence[-2] if len(self.sequence) > 1 else last
            return last + step * (k - len(self.sequence) + 1)
        if self.kind == "harmonic":
            return Fraction(k * (k + 1)) / (k + Fraction(1, 2))
        if k == 0 and self.first is not None:
            return self.first
        return self.step * k + self.offset

    def seats_at(self, votes: int, level: Fraction) -> int:
        """How many of this list's averages are at least `level` (> 0): the largest c with d(c-1) <= v/level."""
        if self.kind == "linear" and self.step > 0:
            return self._linear_seats_at(votes, level)
        bound = Fraction(votes) / level
        bound_squared = bound * bound
        low, high = 0, int(bound / self.step) + 2  # d(k) >= step * k, so no k beyond this qualifies
        while low < high:
            middle = (low + high + 1) // 2
            if self.divisor_squared(middle - 1) <= bound_squared:
                low = middle
            else:
                high = middle - 1
        return low

    def _linear_seats_at(self, votes: int, level: Fraction) -> int:
        """seats_at for d(k) = step * k + offset (d(0) = first when given), in closed form and in integers: the
        k from the first one counted whose divisor is at most the bound votes / level (divisors rise with k)."""
        ln, ld = level.numerator, level.denominator  # bound = votes * ld / ln
        start = 0
        count = 0
        if self.first is not None:
            if self.first.numerator * ln > votes * ld * self.first.denominator:  # first > bound
                return 0
            start, count = 1, 1
        # d(k) <= bound  <=>  k <= (bound - offset) / step = ((votes*ld*od - on*ln) * sd) / (ln * od * sn)
        on, od = self.offset.numerator, self.offset.denominator
        sn, sd = self.step.numerator, self.step.denominator
        last = ((votes * ld * od - on * ln) * sd) // (ln * od * sn)
        return count + max(0, last - start + 1)

    def linear_parts(self, k: int) -> tuple[int, int]:
        """d(k) as (numerator, denominator) integers, for the linear kind, without building a Fraction."""
        if k == 0 and self.first is not None:
            return self.first.numerator, self.first.denominator
        sn, sd = self.step.numerator, self.step.denominator
        on, od = self.offset.numerator, self.offset.denominator
        return sn * k * od + on * sd, sd * od


#: How each `quota_rounding` reads in the language and in the trace.
ROUNDING_WORDS = {
    "none": "",
    "up": "rounded up",
    "down": "rounded down",
    "nearest": "rounded to a whole number",
    "down_plus_one": "its whole part plus 1",
}


@frozen
class QuotaMethod:
    """Quota methods: quota = total / (seats + quota_offset), rounded as `quota_rounding` says ('none',
    'down', 'up', 'nearest', or 'down_plus_one' for Droop); each list gets floor(votes / quota) seats. The
    seats left over go to the largest remainders, or (`leftover` = 'highest averages') to the highest
    votes / (seats + 1), or (`leftover` = 'none') nowhere: a national pool takes them (evaluate/pooling.py).
    When the quota hands out more seats than there are, seats are taken back from the lists with the smallest
    remainders."""

    name: str
    quota_offset: int
    quota_rounding: str = "none"
    leftover: str = "largest remainders"
    reference: str = ""

    def quota(self, total: int, seats: int) -> Fraction:
        """The quota; a quota rounded to a whole number is never less than 1 (a quota of 0 would hand out
        unlimited seats)."""
        exact = Fraction(total, seats + self.quota_offset)
        if self.quota_rounding in ("down", "up", "nearest"):
            return max(Fraction(1), self._rounded(exact))
        if self.quota_rounding == "down_plus_one":
            return Fraction(total // (seats + self.quota_offset) + 1)
        return exact

    def _rounded(self, exact: Fraction) -> Fraction:
        if self.quota_rounding == "down":
            return Fraction(exact.numerator // exact.denominator)
        if self.quota_rounding == "up":
            return Fraction(-(-exact.numerator // exact.denominator))
        if self.quota_rounding == "nearest":
            return Fraction((2 * exact.numerator + exact.denominator) // (2 * exact.denominator))
        return exact


AllocationMethod = DivisorMethod | QuotaMethod


def allocate(
    method: AllocationMethod,
    votes: Mapping[str, int],
    seats: int,
    order: Sequence[str],
    held: Mapping[str, int] | None = None,
) -> KernelResult:
    """Allocate `seats` among `votes` (keys in `order`, for deterministic output). `held`: seats each list
    already has, which a divisor method counts in its divisors (the additional member system); the seats
    returned are the new ones only."""
    if isinstance(method, QuotaMethod):
        assert held is None, "a quota method has no divisors to count seats in"
        return _quota(method, votes, seats, order)
    return _highest_averages(method, votes, seats, order, held)


def _tie_at_boundary(ranked: list[tuple[object, str]], available: int) -> tuple[list[str], list[str], int]:
    """Split `ranked` (best first) into those surely awarded and a tied group at the cut, if any."""
    if available <= 0:
        return [], [], 0
    if available >= len(ranked):
        return [name for _, name in ranked], [], 0
    cut_value = ranked[available - 1][0]
    if ranked[available][0] != cut_value:
        return [name for _, name in ranked[:available]], [], 0
    first_at_cut = next(i for i, (value, _) in enumerate(ranked) if value == cut_value)
    sure = [name for _, name in ranked[:first_at_cut]]
    group = [name for value, name in ranked if value == cut_value]
    return sure, group, available - len(sure)


def _quota(method: QuotaMethod, votes: Mapping[str, int], seats: int, order: Sequence[str]) -> KernelResult:
    total = sum(votes[name] for name in order)
    index = {name: i for i, name in enumerate(order)}
    if total == 0 or seats == 0:
        return KernelResult(
            seats={name: 0 for name in order},
            tied=tuple(order) if seats else (),
            tied_seats=seats,
            details={"quota": None, "note": "no votes: every list has an equal claim"},
        )
    quota = method.quota(total, seats)
    # Remainders are compared in units of 1 / (the quota's denominator): whole numbers when the votes are, and
    # the order is that of the remainders themselves (no Fraction is built per list when the votes are whole).
    unit = quota.denominator
    step: int | Fraction = quota.numerator  # a quota, in those units
    scaled = {name: votes[name] * unit for name in order}
    full = {name: int(scaled[name] // step) for name in order}
    remainders = {name: scaled[name] - full[name] * step for name in order}
    given = sum(full.values())
    details: dict[str, object] = {"quota": quota, "total": total, "full_quotas": dict(full)}
    result = dict(full)
    if given > seats:
        # Too many seats: take them back one by one from the smallest remainders (a list that gives one back
        # has its remainder grow by a quota). Equal remainders at the cut are left to the law.
        def smallest(name: str) -> object:
            return remainders[name]

        taken, group, left = _one_by_one(
            order,
            index,
            given - seats,
            smallest,
            lambda n: result[n] > 0,
            lambda n: _take_back(n, result, remainders, step),
            descending=False,
            settles=True,
        )
        details["taken_back"] = tuple(taken)
        return KernelResult(seats=result, tied=tuple(group), tied_seats=-left if group else 0, details=details)
    if method.leftover == "none":  # full quotas only: the seats left over are pooled elsewhere
        details["remainder_seats"] = ()
        details["left_over"] = seats - given
        return KernelResult(seats=result, tied=(), tied_seats=0, details=details)
    if method.leftover == "highest averages":

        def claim(name: str) -> object:
            return Fraction(votes[name], result[name] + 1)

        def give(name: str) -> None:
            result[name] += 1
    else:

        def claim(name: str) -> object:
            return remainders[name]

        def give(name: str) -> None:
            result[name] += 1
            remainders[name] -= step

    awarded, group, left = _one_by_one(
        order,
        index,
        seats - given,
        claim,
        lambda n: votes[n] > 0 or method.leftover != "highest averages",
        give,
        descending=True,
        settles=method.leftover != "highest averages",
    )
    details["remainder_seats"] = tuple(awarded)
    return KernelResult(seats=result, tied=tuple(group), tied_seats=left, details=details)


def _take_back(name: str, result: dict[str, int], remainders: dict[str, Any], quota: int | Fraction) -> None:
    result[name] -= 1
    remainders[name] += quota


def _one_by_one(
    order: Sequence[str],
    index: Mapping[str, int],
    count: int,
    claim: Callable[[str], object],
    eligible: Callable[[str], bool],
    act: Callable[[str], None],
    descending: bool,
    settles: bool = False,
) -> tuple[list[str], list[str], int]:
    """Act `count` times on the list with the best claim (highest, or lowest when not `descending`), whole
    groups of equal claims at a time; return who was acted on, and a tied group with what is left for it.

    Usually `count` is below the number of lists, so each list is acted on at most once; a quota rounded to a
    whole number can leave more, and the claims are then updated after each act."""
    done: list[str] = []
    if settles:
        # A list acted on drops out of contention (its remainder falls below 0, or rises above a quota), so
        # while `count` does not exceed the lists, one sort decides: no loop per seat.
        candidates = [n for n in order if eligible(n)]
        if count <= len(candidates):
            sign = -1 if descending else 1
            keyed = {n: claim(n) for n in candidates}
            ranked = sorted(candidates, key=lambda n: (sign * keyed[n], index[n]))  # type: ignore[operator]
            sure, group, left = _tie_at_boundary([(keyed[n], n) for n in ranked], count)
            for name in sure:
                act(name)
            return sure, group, left if group else 0
    while count > 0:
        candidates = [n for n in order if eligible(n)]
        if not candidates:
            break
        values = {n: claim(n) for n in candidates}
        best = (max if descending else min)(values.values())  # type: ignore[type-var]
        group = sorted((n for n in candidates if values[n] == best), key=index.__getitem__)
        if len(group) > count:
            return done, group, count
        for name in group:
            act(name)
            done.append(name)
        count -= len(group)
    return done, [], 0


def _initial_level(method: DivisorMethod, total: int, seats: int, lists: int) -> Fraction | None:
    """A level at which the averages at or above it are surely no more than `seats` in number.

    Since d(k) >= step * k for all k, a list has at most votes / (step * level) + 1 averages at or
    above `level`; the sum is at most total / (step * level) + lists = seats when
    level = total / (step * (seats - lists)).
    """
    if seats <= lists or total == 0:
        return None
    return Fraction(total) / (method.step * (seats - lists))


def _start(
    method: DivisorMethod, votes: Mapping[str, int], order: Sequence[str], total: int, seats: int
) -> tuple[Fraction | None, dict[str, int]]:
    """The seats every list surely has before the seats are given one by one: those of its averages at or above
    a level at which they are no more than `seats` in all. First the level total / (step * seats), which is
    that of D'Hondt's quota and leaves at most a seat a list; when it gives too many (Sainte-Laguë and the
    other methods can), the level that is always safe."""
    if total > 0 and seats > 0:
        tight = Fraction(total) / (method.step * seats)
        result = {name: method.seats_at(votes[name], tight) for name in order}
        if sum(result.values()) <= seats:
            return tight, result
    level = _initial_level(method, total, seats, len(order))
    return level, {name: (method.seats_at(votes[name], level) if level else 0) for name in order}


def _highest_averages(
    method: DivisorMethod,
    votes: Mapping[str, int],
    seats: int,
    order: Sequence[str],
    held: Mapping[str, int] | None = None,
) -> KernelResult:
    total = sum(votes[name] for name in order)
    index = {name: i for i, name in enumerate(order)}
    if held:  # the averages start after the seats already held: given one by one (few: list seats of a region)
        level, result = None, dict.fromkeys(order, 0)
    else:
        level, result = _start(method, votes, order, total, seats)
    before = held or {}
    left = seats - sum(result.values())
    details: dict[str, object] = {"start_level": level, "start_seats": dict(result)}

    def key(name: str) -> _Claim:
        return _Claim.of(method, votes[name], before.get(name, 0) + result[name], index[name], name)

    heap = [key(n) for n in order]
    heapq.heapify(heap)
    last: _Claim | None = None
    while left > 0 and heap:
        top = heapq.heappop(heap)
        group = [top.name]
        while heap and heap[0].equals(top):
            group.append(heapq.heappop(heap).name)
        group.sort(key=index.__getitem__)
        if len(group) > left:
            details["last_average"] = _average(last)
            details["tied_average"] = _average(top)
            return KernelResult(seats=result, tied=tuple(group), tied_seats=left, details=details)
        for name in group:
            result[name] += 1
            heapq.heappush(heap, key(name))
        left -= len(group)
        last = top
    details["last_average"] = _average(last)
    return KernelResult(seats=result, tied=(), tied_seats=0, details=details)


class _Claim:
    """A list's claim to its next seat, votes / d(k), as a pair of integers compared by cross-multiplication
    (no Fraction is built per seat). Divisor functions with irrational values (Huntington-Hill's square root)
    are compared squared: v^2 / d(k)^2. A zero divisor makes the claim infinite (den 0). In the heap a larger
    claim comes first, and of equal claims the list earlier in the order (only the order of the heap: equal
    claims are then taken together and left to the tie rule)."""

    __slots__ = ("den", "index", "name", "num", "squared")

    def __init__(self, num: int, den: int, squared: bool, index: int = 0, name: str = "") -> None:
        self.num, self.den, self.squared, self.index, self.name = num, den, squared, index, name

    @classmethod
    def of(cls, method: DivisorMethod, votes: int, k: int, index: int = 0, name: str = "") -> _Claim:
        if method.kind == "geometric":
            d2 = method.divisor_squared(k)
            if d2 == 0:
                return cls(1, 0, True, index, name) if votes > 0 else cls(0, 1, True, index, name)
            return cls(votes * votes * d2.denominator, d2.numerator, True, index, name)
        if method.kind == "linear":
            p, q = method.linear_parts(k)
        else:
            d = method.divisor(k)
            p, q = d.numerator, d.denominator
        if p == 0:
            return cls(1, 0, False, index, name) if votes > 0 else cls(0, 1, False, index, name)
        return cls(votes * q, p, False, index, name)

    def __lt__(self, other: _Claim) -> bool:  # larger claims first; equal ones in list order
        left, right = self.num * other.den, other.num * self.den
        return left > right or (left == right and self.index < other.index)

    def equals(self, other: _Claim) -> bool:
        return self.num * other.den == other.num * self.den


def _average(claim: _Claim | None) -> Fraction | None:
    """The average behind a claim, for the trace (for a squared claim, its square root only when rational)."""
    if claim is None or claim.den == 0:
        return None
    if not claim.squared:
        return Fraction(claim.num, claim.den)
    squared = Fraction(claim.num, claim.den)
    numerator, denominator = squared.numerator, squared.denominator
    from math import isqrt

    root_n, root_d = isqrt(numerator), isqrt(denominator)
    if root_n * root_n == numerator and root_d * root_d == denominator:
        return Fraction(root_n, root_d)
    return None

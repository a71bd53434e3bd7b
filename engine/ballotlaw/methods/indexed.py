"""The two kernels of kernels.py for the plain case, over lists of integers in ballot order instead of
mappings by name: the same arithmetic (int only, cross-multiplication), for the unit whose seats need nothing but
the method (evaluate/plain.py).

Each returns None wherever kernels.py would do more than the plain case records: a tie at the last seat, a
starting estimate that gives too many seats, whole rounds of seats left over, seats a rounded quota hands out
beyond the house. The caller then evaluates the unit by the general path, so these functions decide nothing
kernels.py would decide otherwise; tests/test_plain_path.py compares both on drawn elections.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from typing import NamedTuple

import attrs
from attrs import frozen

from .kernels import Claim, DivisorMethod, QuotaMethod


class DivisorSeats(NamedTuple):
    """Seats by a linear divisor method, and the average at which the last seat given one by one went, as a pair
    (numerator, denominator) of the claim votes * q / p (None when the starting estimate gave every seat)."""

    seats: list[int]
    last: tuple[int, int] | None


class QuotaSeats(NamedTuple):
    """Seats by a quota and the largest remainders: the full quotas, the lists that took a seat left over (indices,
    largest remainder first), and the quota as (numerator, denominator), unreduced."""

    seats: list[int]
    full: list[int]
    remainder_seats: list[int]
    quota: tuple[int, int]


@frozen
class LinearDivisors:
    """A linear divisor method's terms as integers, read once: step = sn / sd, offset = on / od, so that
    d(k) = (slope * k + intercept) / q for k >= 1, and for k = 0 too unless `first` (numerator, denominator)."""

    method: DivisorMethod
    sn: int
    sd: int
    on: int
    od: int
    first: tuple[int, int] | None
    slope: int = attrs.field(init=False)
    intercept: int = attrs.field(init=False)
    q: int = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "slope", self.sn * self.od)
        object.__setattr__(self, "intercept", self.on * self.sd)
        object.__setattr__(self, "q", self.sd * self.od)


def linear_divisors(method: DivisorMethod) -> LinearDivisors | None:
    """The integer terms of a linear method with a positive step (None for the other kinds)."""
    if method.kind != "linear" or method.step <= 0:
        return None
    first = (method.first.numerator, method.first.denominator) if method.first is not None else None
    step, offset = method.step, method.offset
    return LinearDivisors(method, step.numerator, step.denominator, offset.numerator, offset.denominator, first)


def divisor_seats(divisors: LinearDivisors, votes: list[int], seats: int) -> DivisorSeats | None:
    """kernels._highest_averages for a linear method with no seats held: the start at the level
    total / (step * seats), then the seats left one at a time to the highest claim (at most about one a list)."""
    total = sum(votes)
    if total == 0 or seats <= 0:
        return None
    sn, sd, on, od, first = divisors.sn, divisors.sd, divisors.on, divisors.od, divisors.first
    ln, ld = total * sd, sn * seats  # the level total / (step * seats), unreduced: the floors below do not change
    if first is None:  # kernels.DivisorMethod._linear_seats_at: the k from 0 whose divisor is at most votes / level
        a, b, e = ld * od, on * ln, ln * od * sn
        result = [((v * a - b) * sd) // e + 1 for v in votes]
        if min(result) < 0 or 0 in votes:  # none below 0; a list without votes has no averages
            result = [max(0, k) if v else 0 for v, k in zip(votes, result, strict=True)]
    else:
        result = []
        for v in votes:
            if v == 0 or first[0] * ln > v * ld * first[1]:
                result.append(0)
                continue
            last = ((v * ld * od - on * ln) * sd) // (ln * od * sn)
            result.append(1 + (last if last >= 1 else 0))
    left = seats - sum(result)
    if left < 0:
        return None
    if left == 0:
        return DivisorSeats(result, None)
    return _seats_left(divisors, votes, result, left)


#: Above this many seats left times lists, the seats left one at a time go through a heap (kernels.py's way);
#: below it a scan of the lists for each seat is faster.
_SCAN = 400


def _seats_left(divisors: LinearDivisors, votes: list[int], result: list[int], left: int) -> DivisorSeats | None:
    """The seats left after the start: at once where no list takes two of them, else one at a time to the highest
    claim (a scan of the lists, or a heap when many seats are left among many lists). A claim votes / d(k) is kept
    as the pair (votes * q, p) for d(k) = p / q (DivisorMethod.linear_parts, in integers)."""
    slope, intercept, q, first = divisors.slope, divisors.intercept, divisors.q, divisors.first
    voting: Sequence[int]
    if 0 in votes:  # a list without votes has no claim
        voting = [i for i, v in enumerate(votes) if v]
        if not voting:
            return None
        nums = [votes[i] * q for i in voting]
        dens = [slope * result[i] + intercept for i in voting]
    else:
        voting = range(len(votes))
        nums = [v * q for v in votes]
        dens = [slope * k + intercept for k in result]
    if first is not None:  # a list's first seat is claimed at votes / first
        for j, i in enumerate(voting):
            if result[i] == 0:
                nums[j], dens[j] = votes[i] * first[1], first[0]
    if 0 in dens:
        return None  # a divisor 0: an infinite claim (kernels.py counts it apart)
    if left < len(voting):
        found = _at_once(result, left, voting, nums, dens, slope)
        if found is not None:
            return found
    if left * len(votes) > _SCAN:
        return _by_heap(divisors.method, votes, result, left)
    return _by_scan(divisors, votes, result, left, voting, nums, dens)


def _by_scan(
    divisors: LinearDivisors,
    votes: list[int],
    result: list[int],
    left: int,
    voting: Sequence[int],
    nums: list[int],
    dens: list[int],
) -> DivisorSeats | None:
    """The seats left one at a time, each to the highest of the lists' next claims (`nums` / `dens`, one a list of
    `voting`), found by a scan."""
    slope, intercept, q = divisors.slope, divisors.intercept, divisors.q
    latest: tuple[int, int] | None = None
    positions = range(1, len(voting))
    while left > 0:
        best, best_num, best_den, group = 0, nums[0], dens[0], 1
        for j in positions:
            a, b = nums[j] * best_den, best_num * dens[j]
            if a > b:
                best, best_num, best_den, group = j, nums[j], dens[j], 1
            elif a == b:
                group += 1
        if group > 1:
            return None  # equal claims: given together, or left to the law's tie rule, by kernels.py
        i = voting[best]
        result[i] += 1
        left -= 1
        latest = (best_num, best_den)
        nums[best], dens[best] = votes[i] * q, slope * result[i] + intercept
    return DivisorSeats(result, latest)


def _at_once(
    result: list[int], left: int, voting: Sequence[int], nums: list[int], dens: list[int], slope: int
) -> DivisorSeats | None:
    """The seats left at once, where they go to the `left` highest next claims with no list taking two: the claims
    ranked by an exact integer key (each claim times the least common multiple of their denominators), the one
    below the cut strictly lower, and each chosen list's following claim lower than the last one chosen. None
    where that does not hold (the scan decides then)."""
    common = math.lcm(*dens)
    keys = [num * (common // den) for num, den in zip(nums, dens)]  # noqa: B905 (of one length)
    ranked = sorted(range(len(keys)), key=keys.__getitem__, reverse=True)
    cut = ranked[left - 1]
    last = keys[cut]  # the last claim chosen, times `common`
    if keys[ranked[left]] == last:
        return None
    chosen = ranked[:left]
    for j in chosen:  # the following claim, nums / (dens + slope), below the last one chosen
        if nums[j] * common >= last * (dens[j] + slope):
            return None
    for j in chosen:
        result[voting[j]] += 1
    return DivisorSeats(result, (nums[cut], dens[cut]))


def _by_heap(method: DivisorMethod, votes: list[int], result: list[int], left: int) -> DivisorSeats | None:
    """The seats left through a heap of claims, as kernels._highest_averages gives them."""
    heap = [Claim.of(method, v, result[i], i) for i, v in enumerate(votes) if v]
    if any(claim.den == 0 for claim in heap):
        return None
    heapq.heapify(heap)
    latest: tuple[int, int] | None = None
    while left > 0 and heap:
        top = heapq.heappop(heap)
        if heap and heap[0].equals(top):
            return None
        result[top.index] += 1
        left -= 1
        latest = (top.num, top.den)
        heapq.heappush(heap, Claim.of(method, votes[top.index], result[top.index], top.index))
    return DivisorSeats(result, latest) if left == 0 else None


def quota_seats(method: QuotaMethod, votes: list[int], seats: int) -> QuotaSeats | None:
    """kernels._quota for a quota of the votes with the seats left over to the largest remainders, one a list."""
    if method.leftover != "largest remainders" or method.part is not None:
        return None
    total = sum(votes)
    if total == 0 or seats <= 0:
        return None
    over = seats + method.quota_offset
    rounding = method.quota_rounding
    if rounding == "none":
        step, unit = total, over  # the quota total / over, unreduced: the floors and the order of remainders hold
    elif rounding == "down_plus_one":
        step, unit = total // over + 1, 1
    elif rounding == "down":
        step, unit = max(1, total // over), 1
    elif rounding == "up":
        step, unit = max(1, -(-total // over)), 1
    elif rounding == "nearest":
        step, unit = max(1, (2 * total + over) // (2 * over)), 1
    else:
        return None
    full = [v * unit // step for v in votes]
    left = seats - sum(full)
    if left < 0:
        return None  # seats taken back
    voting = [i for i, v in enumerate(votes) if v] if 0 in votes else range(len(votes))
    if left >= len(voting):
        return None  # whole rounds of seats left over
    if not left:
        return QuotaSeats(full, full, [], (step, unit))
    remainders = [v * unit % step for v in votes]  # v * unit - full * step
    # the largest remainders first, equal ones in ballot order (a stable sort keeps it, reversed or not)
    ranked = sorted(voting, key=remainders.__getitem__, reverse=True)
    if remainders[ranked[left - 1]] == remainders[ranked[left]]:
        return None  # equal remainders at the cut
    given = ranked[:left]
    result = full[:]
    for i in given:
        result[i] += 1
    return QuotaSeats(result, full, given, (step, unit))

"""Seat allocation kernels: one divisor kernel and one quota kernel, configured by data.

Every method of the registry (registry.py) is an instance of DivisorMethod or QuotaMethod. The kernels use
int and Fraction only, and never loop once per seat: the divisor kernel starts from a provably safe estimate
and then awards at most about one seat per list; the quota kernel is a single pass plus a sort.

A kernel never breaks a tie. When the last seats go to selections with equal claims, it returns them as
`tied` with the number of seats left for them; the caller applies the law's tie rule.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from fractions import Fraction

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
    """Highest averages: the k-th seat of a list (k = 0, 1, ...) is claimed at votes / divisor(k),
    divisor(k) = step * k + offset, except divisor(0) = first when given (e.g. 1.4 for modified
    Sainte-Lague)."""

    name: str
    step: Fraction
    offset: Fraction
    first: Fraction | None = None
    reference: str = ""

    def divisor(self, k: int) -> Fraction:
        if k == 0 and self.first is not None:
            return self.first
        return self.step * k + self.offset

    def seats_at(self, votes: int, level: Fraction) -> int:
        """How many of this list's averages are at least `level` (> 0)."""
        ratio = votes / level
        if ratio < self.divisor(0):
            return 0
        return 1 + max(0, (ratio - self.offset) // self.step)


@frozen
class QuotaMethod:
    """Largest remainders: quota = total / (seats + quota_offset), rounded as `quota_rounding` says
    ('none' or 'down_plus_one' for Droop); each list gets floor(votes / quota) seats, the rest go to
    the largest remainders."""

    name: str
    quota_offset: int
    quota_rounding: str = "none"
    reference: str = ""

    def quota(self, total: int, seats: int) -> Fraction:
        if self.quota_rounding == "down_plus_one":
            return Fraction(total // (seats + self.quota_offset) + 1)
        return Fraction(total, seats + self.quota_offset)


AllocationMethod = DivisorMethod | QuotaMethod


def allocate(method: AllocationMethod, votes: Mapping[str, int], seats: int, order: Sequence[str]) -> KernelResult:
    """Allocate `seats` among `votes` (keys in `order`, for deterministic output)."""
    if isinstance(method, QuotaMethod):
        return _largest_remainders(method, votes, seats, order)
    return _highest_averages(method, votes, seats, order)


def _tie_at_boundary(ranked: list[tuple[Fraction, str]], available: int) -> tuple[list[str], list[str], int]:
    """Split `ranked` (best first) into those surely awarded and a tied group at the cut, if any."""
    if available <= 0:
        return [], [], 0
    if available >= len(ranked):
        return [name for _, name in ranked], [], 0
    cut_value = ranked[available - 1][0]
    if ranked[available][0] != cut_value:
        return [name for _, name in ranked[:available]], [], 0
    sure = [name for value, name in ranked if value > cut_value]
    group = [name for value, name in ranked if value == cut_value]
    return sure, group, available - len(sure)


def _largest_remainders(
    method: QuotaMethod, votes: Mapping[str, int], seats: int, order: Sequence[str]
) -> KernelResult:
    total = sum(votes[name] for name in order)
    if total == 0:
        return KernelResult(
            seats={name: 0 for name in order},
            tied=tuple(order) if seats else (),
            tied_seats=seats,
            details={"quota": None, "note": "no votes: every list has an equal claim"},
        )
    quota = method.quota(total, seats)
    full = {name: int(votes[name] // quota) for name in order}
    given = sum(full.values())
    details: dict[str, object] = {"quota": quota, "total": total, "full_quotas": dict(full)}
    if given > seats:
        details["overflow"] = given - seats
        return KernelResult(seats=full, tied=(), tied_seats=0, details=details)
    remainders = {name: votes[name] - full[name] * quota for name in order}
    details["remainders"] = remainders
    index = {name: i for i, name in enumerate(order)}
    ranked = sorted(((remainders[n], n) for n in order), key=lambda item: (-item[0], index[item[1]]))
    sure, group, left = _tie_at_boundary(ranked, seats - given)
    result = dict(full)
    for name in sure:
        result[name] += 1
    details["remainder_seats"] = tuple(sure)
    return KernelResult(seats=result, tied=tuple(group), tied_seats=left, details=details)


def _initial_level(method: DivisorMethod, total: int, seats: int, lists: int) -> Fraction | None:
    """A level at which the averages at or above it are surely no more than `seats` in number.

    Since divisor(k) >= step * k for all k, a list has at most votes / (step * level) + 1 averages at or
    above `level`; the sum is at most total / (step * level) + lists = seats when
    level = total / (step * (seats - lists)).
    """
    if seats <= lists or total == 0:
        return None
    return Fraction(total) / (method.step * (seats - lists))


def _highest_averages(
    method: DivisorMethod, votes: Mapping[str, int], seats: int, order: Sequence[str]
) -> KernelResult:
    total = sum(votes[name] for name in order)
    index = {name: i for i, name in enumerate(order)}
    level = _initial_level(method, total, seats, len(order))
    result = {name: (method.seats_at(votes[name], level) if level else 0) for name in order}
    left = seats - sum(result.values())
    details: dict[str, object] = {"start_level": level, "start_seats": dict(result)}
    # Award the remaining seats to the highest next averages; equal averages form one group.
    heap = [(-(votes[n] / method.divisor(result[n])), index[n], n) for n in order]
    heapq.heapify(heap)
    last_average: Fraction | None = None
    while left > 0 and heap:
        top = -heap[0][0]
        group: list[str] = []
        while heap and -heap[0][0] == top:
            group.append(heapq.heappop(heap)[2])
        group.sort(key=index.__getitem__)
        if len(group) > left:
            details["last_average"] = last_average
            details["tied_average"] = top
            return KernelResult(seats=result, tied=tuple(group), tied_seats=left, details=details)
        for name in group:
            result[name] += 1
            heapq.heappush(heap, (-(votes[name] / method.divisor(result[name])), index[name], name))
        left -= len(group)
        last_average = top
    details["last_average"] = last_average
    return KernelResult(seats=result, tied=(), tied_seats=0, details=details)

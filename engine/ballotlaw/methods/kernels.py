"""Seat allocation kernels: one divisor kernel and one quota kernel, configured by data.

Every method of the registry (registry.py) is an instance of DivisorMethod or QuotaMethod. The kernels use
int and Fraction only, and never loop once per seat: the divisor kernel starts from a provably safe estimate
and then awards at most about two seats per list one by one; the quota kernel is a single pass plus a sort.
Where a rounded quota leaves (or hands out) more seats than there are lists, whole rounds of one seat per list
are counted at once and only the last, partial round is ranked.

Divisors that are not rational (Huntington-Hill's sqrt(k(k+1))) are compared exactly through their squares:
a list's k-th average v / d(k) is ranked by v^2 / d(k)^2, which orders the averages the same way. Divisors that
are powers, d(k) = (k + 1)^(p/q) (Estonia's 1, 2^0.9, 3^0.9, ...), are compared through q-th powers:
v^q / (k + 1)^p, integers, so a/i^0.9 against b/j^0.9 is a^10 j^9 against b^10 i^9.

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
    details: dict[str, object]  # numbers for the trace; seats given or taken back as (list, seats) pairs


@frozen
class DivisorMethod:
    """Highest averages: the k-th seat of a list (k = 0, 1, ...) is claimed at votes / d(k).

    `kind` says what d is:
    - "linear": d(k) = step * k + offset, with d(0) = first when given (D'Hondt 1, 2, 3...; Sainte-Lague
      1, 3, 5...; modified Sainte-Lague 1.4, 3, 5...; Danish 1, 4, 7...; Imperiali 2, 3, 4...; Adams 0, 1, 2...);
    - "geometric": d(k) = sqrt(k (k + 1)) (Huntington-Hill);
    - "harmonic": d(k) = k (k + 1) / (k + 1/2) (Dean);
    - "sequence": the divisors listed in `sequence`, then on by the last difference;
    - "power": d(k) = (k + 1)^exponent, 0 < exponent (Estonia: 1, 2^0.9, 3^0.9, ...).
    Every d(k) but the powers' satisfies step * k <= d(k) <= step * (k + 1), which the starting estimate relies
    on; the powers start from a level found by halving instead.
    """

    name: str
    step: Fraction
    offset: Fraction = Fraction(0)
    first: Fraction | None = None
    kind: str = "linear"
    sequence: tuple[Fraction, ...] = ()
    reference: str = ""
    exponent: Fraction = Fraction(1)

    def divisor_power(self, k: int) -> int:
        """d(k)^q for the kind "power" with exponent p/q: the integer (k + 1)^p."""
        power: int = (k + 1) ** self.exponent.numerator
        return power

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
        """d(k) for the rational kinds (of a power, d(0) = 1 only: the others are compared through divisor_power)."""
        if self.kind == "power":
            if k != 0:
                raise ValueError(f"{self.name}: divisor {k + 1}^{self.exponent} is not rational")
            return Fraction(1)
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
        """How many of this list's averages are at least `level` (> 0): the largest c with d(c-1) <= v/level.
        A list without votes has no averages (0 / d(0) is no claim, even where d(0) = 0)."""
        if votes == 0:
            return 0
        if self.kind == "linear" and self.step > 0:
            return self._linear_seats_at(votes, level)
        if self.kind == "power":
            return self._power_seats_at(votes, level)
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

    def _power_seats_at(self, votes: int, level: Fraction) -> int:
        """seats_at for d(k) = (k + 1)^(p/q): the largest c with c^p <= (votes / level)^q, in integers:
        c^p * ln^q <= (votes * ld)^q. c is at most (votes / level)^(q/p) < (bound + 1)^ceil(q/p)."""
        p, q = self.exponent.numerator, self.exponent.denominator
        ln, ld = level.numerator, level.denominator
        right, scale = (votes * ld) ** q, ln**q
        low, high = 0, (votes * ld // ln + 1) ** (-(-q // p)) + 1
        while low < high:
            middle = (low + high + 1) // 2
            if middle**p * scale <= right:
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
    seats left over go to the largest remainders, or (`leftover` = 'most votes') to the lists with the most
    votes, one a list, or (`leftover` = 'highest averages') to the highest votes / (seats + 1), or (`leftover` =
    'none') nowhere: a national pool takes them (evaluate/pooling.py). A list without votes never gets a seat
    left over; when more seats are left than there are lists with votes, each of them gets one in every whole
    round and the last, partial round is ranked. When the quota hands out more seats than there are, seats are
    taken back from the lists with the smallest remainders."""

    name: str
    quota_offset: int
    quota_rounding: str = "none"
    leftover: str = "largest remainders"
    reference: str = ""
    part: Fraction | None = None  # with leftover 'none': one more seat for a remainder of at least this part of a quota

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
    total: int | None = None,
) -> KernelResult:
    """Allocate `seats` among `votes` (keys in `order`, for deterministic output). `held`: seats each list
    already has, which a divisor method counts in its divisors (the additional member system); the seats
    returned are the new ones only. `total`: what a quota divides, when the law says another count than the
    votes of these lists (at least their votes: the caller checks)."""
    if isinstance(method, QuotaMethod):
        assert held is None, "a quota method has no divisors to count seats in"
        return _quota(method, votes, seats, order, total)
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


def _quota(
    method: QuotaMethod, votes: Mapping[str, int], seats: int, order: Sequence[str], base: int | None = None
) -> KernelResult:
    total = sum(votes[name] for name in order)
    if base is not None and total > 0:
        total = base
    index = {name: i for i, name in enumerate(order)}
    if total == 0 or seats == 0:
        return KernelResult(
            seats={name: 0 for name in order},
            tied=tuple(order) if seats else (),
            tied_seats=seats,
            details={"quota": None},  # no votes: every list has an equal claim
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
        # Too many seats: taken back from the smallest remainders (a list that gives one back has its remainder
        # grow by a quota). Equal remainders at the cut are left to the law.
        taken, group, left = _take_back(order, index, given - seats, remainders, result)
        details["taken_back"] = taken
        return KernelResult(seats=result, tied=tuple(group), tied_seats=-left if group else 0, details=details)
    if method.leftover == "none" and method.part is not None:
        return _one_more_for_part(method.part, votes, seats, order, index, step, remainders, result, details)
    if method.leftover == "none":  # full quotas only: the seats left over are pooled elsewhere
        details["remainder_seats"] = ()
        details["left_over"] = seats - given
        return KernelResult(seats=result, tied=(), tied_seats=0, details=details)
    if method.leftover == "highest averages":
        awarded, group, left = _leftover_by_averages(votes, seats, total, order, index, result)
    elif method.leftover == "d'hondt on the remainders":
        voting = [name for name in order if votes[name] > 0]
        awarded, group, left = _leftover_by_remainder_divisors(remainders, voting, seats - given, index, result)
    else:
        # A list without votes has no remainder to claim a seat with, even when the seats left outnumber the lists.
        voting = [name for name in order if votes[name] > 0]
        ranking = remainders if method.leftover == "largest remainders" else {n: votes[n] for n in order}
        awarded, group, left = _leftover_by_remainders(voting, index, seats - given, ranking, result)
        details["rounds"] = (seats - given) // len(voting)
    details["remainder_seats"] = awarded
    return KernelResult(seats=result, tied=tuple(group), tied_seats=left, details=details)


def _one_more_for_part(
    part: Fraction,
    votes: Mapping[str, int],
    seats: int,
    order: Sequence[str],
    index: Mapping[str, int],
    step: int | Fraction,
    remainders: Mapping[str, Any],
    result: dict[str, int],
    details: dict[str, object],
) -> KernelResult:
    """Full quotas, and one more seat to each list with votes whose remainder is at least `part` of a quota
    (Estonia's district mandates, 75%); the seats still left are left over (a tier above takes them). Where more
    lists reach the part than seats are left, the largest remainders take them, and equal ones at the cut go to
    the law's tie rule. Remainders are in the kernel's scaled units, as `step` (a quota) is."""
    left = seats - sum(result.values())
    reaching = [n for n in order if votes[n] > 0 and remainders[n] * part.denominator >= part.numerator * step]
    ranked = sorted(reaching, key=lambda n: (-remainders[n], index[n]))
    sure, group, tied_seats = _tie_at_boundary([(remainders[n], n) for n in ranked], left)
    for name in sure:
        result[name] += 1
    details["remainder_seats"] = tuple((name, 1) for name in sure)
    details["left_over"] = left - len(sure) - (tied_seats if group else 0)
    return KernelResult(seats=result, tied=tuple(group), tied_seats=tied_seats if group else 0, details=details)


def _named(ranked: Sequence[str], counts: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    """The lists that got (or gave back) seats, in `ranked` order, each with how many."""
    return tuple((name, counts[name]) for name in ranked if counts.get(name, 0) > 0)


def _leftover_by_remainders(
    order: Sequence[str], index: Mapping[str, int], count: int, remainders: Mapping[str, Any], result: dict[str, int]
) -> tuple[tuple[tuple[str, int], ...], list[str], int]:
    """The seats left over to the largest remainders (or to the largest of any other ranking, e.g. the votes), one
    a list of `order`. Giving a list a seat lowers its remainder by a quota, below every remainder not yet served;
    so when more seats are left than there are lists, every list gets one in each whole round, and the last,
    partial round goes to the largest remainders."""
    ranked = sorted(order, key=lambda n: (-remainders[n], index[n]))
    rounds, count = divmod(count, len(order)) if order else (0, 0)
    sure, group, left = _tie_at_boundary([(remainders[n], n) for n in ranked], count)
    counts = {name: rounds for name in order}
    for name in sure:
        counts[name] += 1
    for name in order:
        result[name] += counts[name]
    return _named(ranked, counts), group, left


def leftover_by_remainders(remainders: Mapping[str, Fraction], count: int, order: Sequence[str]) -> KernelResult:
    """`count` seats to the largest `remainders` among the lists of `order` (at least one: those that may take a
    seat), one a list, in whole rounds when there are more seats than lists (a pool's second phase: the remainders
    of its quota). The seats given are the new ones only; equal remainders at the cut are left tied."""
    index = {name: i for i, name in enumerate(order)}
    result = dict.fromkeys(order, 0)
    awarded, group, left = _leftover_by_remainders(order, index, count, remainders, result)
    details: dict[str, object] = {"rounds": count // len(order), "remainder_seats": awarded}
    return KernelResult(seats=result, tied=tuple(group), tied_seats=left if group else 0, details=details)


def _take_back(
    order: Sequence[str], index: Mapping[str, int], count: int, remainders: Mapping[str, Any], result: dict[str, int]
) -> tuple[tuple[tuple[str, int], ...], list[str], int]:
    """`count` seats taken back, each from the list with the smallest remainder that still has a seat. A list that
    gives one back has its remainder raised by a quota, above every remainder not yet raised: the seats are taken
    in whole rounds (one from each list that still has one) and a last, partial round by the smallest remainders.
    k whole rounds take sum(min(seats, k)) seats; the largest k that takes no more than `count` is found by
    halving, not by taking seat after seat."""
    holding = [n for n in order if result[n] > 0]
    low, high = 0, max((result[n] for n in holding), default=0)
    while low < high:
        middle = (low + high + 1) // 2
        if sum(min(result[n], middle) for n in holding) <= count:
            low = middle
        else:
            high = middle - 1
    counts = {name: min(result[name], low) for name in holding}
    count -= sum(counts.values())
    ranked = sorted((n for n in holding if result[n] > low), key=lambda n: (remainders[n], index[n]))
    sure, group, left = _tie_at_boundary([(remainders[n], n) for n in ranked], count)
    for name in sure:
        counts[name] += 1
    for name, taken in counts.items():
        result[name] -= taken
    return _named(sorted(holding, key=lambda n: (remainders[n], index[n])), counts), group, left


def _leftover_by_averages(
    votes: Mapping[str, int],
    seats: int,
    total: int,
    order: Sequence[str],
    index: Mapping[str, int],
    result: dict[str, int],
) -> tuple[tuple[tuple[str, int], ...], list[str], int]:
    """The seats left over one by one to the highest votes / (seats + 1), that is D'Hondt from the full quotas.

    When at least as many seats are left as there are lists, the quota is at least total / seats (with a
    smaller quota the full quotas leave fewer seats than lists), so no list's full quotas exceed
    floor(votes * seats / total): every claim of at least total / seats then fits in the seats, and they are
    given at once; fewer seats than lists remain for the claims below it."""
    awarded: list[tuple[str, int]] = []  # (list, seats) in the order given, one seat at a time after the jump
    if seats - sum(result.values()) >= len(order):
        level = {name: votes[name] * seats // total for name in order}
        if all(level[n] >= result[n] for n in order) and sum(level.values()) <= seats:
            jumped = {name: level[name] - result[name] for name in order}
            awarded.extend(_named(order, jumped))
            result.update(level)

    def claim(name: str) -> object:
        return Fraction(votes[name], result[name] + 1)

    def give(name: str) -> None:
        result[name] += 1
        awarded.append((name, 1))

    left = seats - sum(result.values())
    group, rest = _one_by_one([n for n in order if votes[n] > 0], index, left, claim, give)
    return tuple(awarded), group, rest


def _leftover_by_remainder_divisors(
    remainders: Mapping[str, Any],
    voting: Sequence[str],
    count: int,
    index: Mapping[str, int],
    result: dict[str, int],
) -> tuple[tuple[tuple[str, int], ...], list[str], int]:
    """The seats left over by D'Hondt on the remainders: one at a time to the highest remainder / (k + 1), k the
    seats a list has already taken this way (a list may take more than one). Where no list has a remainder, the
    lists with votes have equal claims: one seat each in every whole round, the last round tied."""
    claimants = [name for name in voting if remainders[name] > 0]
    if not claimants:
        return _leftover_by_remainders(voting, index, count, remainders, result)
    taken = {name: 0 for name in claimants}
    awarded: list[tuple[str, int]] = []

    def claim(name: str) -> object:
        return Fraction(remainders[name], taken[name] + 1)

    def give(name: str) -> None:
        taken[name] += 1
        result[name] += 1
        awarded.append((name, 1))

    group, rest = _one_by_one(claimants, index, count, claim, give)
    return tuple(awarded), group, rest


def _one_by_one(
    candidates: Sequence[str],
    index: Mapping[str, int],
    count: int,
    claim: Callable[[str], object],
    act: Callable[[str], None],
) -> tuple[list[str], int]:
    """Act `count` times on the candidate with the highest claim, whole groups of equal claims at a time; return
    a tied group with what is left for it. The callers keep `count` below the number of candidates, so this
    runs at most once a list."""
    while count > 0 and candidates:
        values = {n: claim(n) for n in candidates}
        best = max(values.values())  # type: ignore[type-var]
        group = sorted((n for n in candidates if values[n] == best), key=index.__getitem__)
        if len(group) > count:
            return group, count
        for name in group:
            act(name)
        count -= len(group)
    return [], 0


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


def _held_start(
    method: DivisorMethod, votes: Mapping[str, int], order: Sequence[str], seats: int, held: Mapping[str, int]
) -> tuple[Fraction | None, dict[str, int]]:
    """With seats already held, the new seats every list surely has: at a level L, a list with votes has
    max(0, averages at or above L - seats held) new ones, a count that only grows as L falls. The level is
    found by halving an interval [low, high] (too many seats at low, not too many at high) until at most as
    many seats are left as there are lists, plus one: a level just above the last one that gives too many
    leaves at most one seat a list (one average each at a level). Exact Fractions; about one halving a bit."""
    none: dict[str, int] = dict.fromkeys(order, 0)
    voting = [n for n in order if votes[n] > 0]
    if seats <= len(order) or not voting:
        return None, none

    def new_seats(level: Fraction) -> dict[str, int]:
        return {n: max(0, method.seats_at(votes[n], level) - held.get(n, 0)) if votes[n] > 0 else 0 for n in order}

    high = Fraction(max(votes[n] for n in voting) + 1)
    low = high
    for _ in range(_HALVINGS):  # above every finite average; an infinite first one (a divisor 0) counts once
        if sum(new_seats(high).values()) <= seats:
            break
        high *= 2
    else:
        return None, none
    for _ in range(_HALVINGS):
        if sum(new_seats(low).values()) > seats:
            break
        low /= 2
    else:
        return None, none
    best = new_seats(high)
    for _ in range(_HALVINGS):
        if sum(best.values()) + len(order) >= seats:
            break
        middle = (low + high) / 2
        trial = new_seats(middle)
        if sum(trial.values()) <= seats:
            high, best = middle, trial
        else:
            low = middle
    return high, best


#: Halvings of an interval of levels: 2^63 votes over 2^63 seats of divisors with small denominators are told
#: apart in far fewer.
_HALVINGS = 1024


def _highest_averages(
    method: DivisorMethod,
    votes: Mapping[str, int],
    seats: int,
    order: Sequence[str],
    held: Mapping[str, int] | None = None,
) -> KernelResult:
    total = sum(votes[name] for name in order)
    index = {name: i for i, name in enumerate(order)}
    if total == 0:  # no list has a claim (0 / d is none, 0 / 0 not a number): the seats are left to the law's tie rule
        nothing = dict.fromkeys(order, 0)
        details_none: dict[str, object] = {"start_level": None, "start_seats": dict(nothing)}
        return KernelResult(seats=nothing, tied=tuple(order) if seats else (), tied_seats=seats, details=details_none)
    if held or method.kind == "power":  # after the seats already held; powers have no linear bound to start from
        level, result = _held_start(method, votes, order, seats, held or {})
    else:
        level, result = _start(method, votes, order, total, seats)
    before = held or {}
    left = seats - sum(result.values())
    details: dict[str, object] = {"start_level": level, "start_seats": dict(result)}

    def key(name: str) -> Claim:
        return Claim.of(method, votes[name], before.get(name, 0) + result[name], index[name], name)

    heap = [key(n) for n in order if votes[n] > 0]  # a list without votes never has a claim to a seat
    heapq.heapify(heap)
    last: Claim | None = None
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


class Claim:
    """A list's claim to its next seat, votes / d(k), as a pair of integers compared by cross-multiplication
    (no Fraction is built per seat). Divisor functions with irrational values are compared raised to a power
    `root`: Huntington-Hill's square root squared, v^2 / d(k)^2; a power p/q to the q-th, v^q / (k + 1)^p
    (every claim of a method is raised alike, so the order is the averages'). A zero divisor makes the claim
    infinite (den 0). In the heap a larger claim comes first, and of equal claims the list earlier in the order
    (only the order of the heap: equal claims are then taken together and left to the tie rule)."""

    __slots__ = ("den", "index", "name", "num", "root")

    def __init__(self, num: int, den: int, root: int, index: int = 0, name: str = "") -> None:
        self.num, self.den, self.root, self.index, self.name = num, den, root, index, name

    @classmethod
    def of(cls, method: DivisorMethod, votes: int, k: int, index: int = 0, name: str = "") -> Claim:
        if method.kind == "geometric":
            d2 = method.divisor_squared(k)
            if d2 == 0:
                return cls(1, 0, 2, index, name) if votes > 0 else cls(0, 1, 2, index, name)
            return cls(votes * votes * d2.denominator, d2.numerator, 2, index, name)
        if method.kind == "power":
            q = method.exponent.denominator
            return cls(votes**q, method.divisor_power(k), q, index, name)
        if method.kind == "linear":
            p, q = method.linear_parts(k)
        else:
            d = method.divisor(k)
            p, q = d.numerator, d.denominator
        if p == 0:
            return cls(1, 0, 1, index, name) if votes > 0 else cls(0, 1, 1, index, name)
        return cls(votes * q, p, 1, index, name)

    def __lt__(self, other: Claim) -> bool:  # larger claims first; equal ones in list order
        left, right = self.num * other.den, other.num * self.den
        return left > right or (left == right and self.index < other.index)

    def equals(self, other: Claim) -> bool:
        return self.num * other.den == other.num * self.den


def _average(claim: Claim | None) -> Fraction | None:
    """The average behind a claim, for the trace (for a claim raised to a power, its root only when rational)."""
    if claim is None or claim.den == 0:
        return None
    if claim.root == 1:
        return Fraction(claim.num, claim.den)
    raised = Fraction(claim.num, claim.den)
    root_n, root_d = _exact_root(raised.numerator, claim.root), _exact_root(raised.denominator, claim.root)
    return None if root_n is None or root_d is None else Fraction(root_n, root_d)


def _exact_root(value: int, root: int) -> int | None:
    """The whole r-th root of `value` >= 0, or None when it is not whole (bisection over integers)."""
    low, high = 0, 1 << (value.bit_length() // root + 1)
    while low < high:
        middle = (low + high + 1) // 2
        if middle**root <= value:
            low = middle
        else:
            high = middle - 1
    return low if low**root == value else None

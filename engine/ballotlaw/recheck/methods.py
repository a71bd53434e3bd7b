"""The allocation methods as the checker knows them, written apart from the engine's kernels, and the two
checks that confirm a round of seats from its witness alone.

- Divisor methods: seats s_i of lists with votes v_i (and h_i seats already held, in the additional member
  system) are the method's outcome iff there is a level D with every seat served above it and every next claim
  below it: v_i / d(h_i + s_i - 1) > D > v_i / d(h_i + s_i) (Balinski and Young, *Fair Representation*, 1982;
  Pukelsheim, *Proportional Representation*, 2014, ch. 4). A claim equal to D is a tie the witness must name.
  Claims are compared through their squares, so that Huntington-Hill's sqrt(k (k + 1)) stays exact; divisors
  (k + 1)^(p/q) (Estonia's 2^0.9, 3^0.9, ...) through q-th powers, the level stated as D^q (`divisor_power`).
- Quota methods: the quota is recomputed from the law's rule; each list's whole quotas and remainder follow from
  it; the seats left go to the largest remainders (or are taken back from the smallest), which the witness lists
  in order; or, with highest averages, as D'Hondt from the whole quotas (a divisor witness).

One pass over the lists, exact fractions, no loop over seats.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise

from .numbers import Malformed, show


@dataclass(frozen=True)
class Divisors:
    """d(k) = step * k + offset (d(0) = first when given); or `harmonic` k(k+1)/(k+1/2); or `geometric`
    sqrt(k(k+1)), known only through its square."""

    kind: str = "linear"
    step: Fraction = Fraction(1)
    offset: Fraction = Fraction(0)
    first: Fraction | None = None
    sequence: tuple[Fraction, ...] = ()  # `divisors 1.4, 3, 5` as a law writes them, then on by the last step
    exponent: Fraction = Fraction(1)  # kind `power`: d(k) = (k + 1)^exponent

    def squared(self, k: int) -> Fraction:
        """d(k)^2, exact."""
        if self.kind == "geometric":
            return Fraction(k * (k + 1))
        if self.kind == "harmonic":
            d = Fraction(k * (k + 1)) / (k + Fraction(1, 2))
        elif self.sequence:
            last = self.sequence[-1]
            step = last - self.sequence[-2] if len(self.sequence) > 1 else last
            d = self.sequence[k] if k < len(self.sequence) else last + step * (k - len(self.sequence) + 1)
        elif k == 0 and self.first is not None:
            d = self.first
        else:
            d = self.step * k + self.offset
        return d * d


@dataclass(frozen=True)
class Quota:
    """quota = total / (seats + offset), rounded as `rounding` says; the seats left to `leftover`."""

    offset: int
    rounding: str = "none"
    leftover: str = "largest remainders"
    part: Fraction | None = None  # with leftover 'none': one more seat for a remainder of at least this part

    def quota(self, total: Fraction, seats: int) -> Fraction:
        exact = total / (seats + self.offset)
        if self.rounding == "down_plus_one":
            return Fraction(math.floor(exact) + 1)
        rounded = {
            "none": exact,
            "down": Fraction(math.floor(exact)),
            "up": Fraction(math.ceil(exact)),
            "nearest": Fraction(math.floor(exact + Fraction(1, 2))),
        }[self.rounding]
        return rounded if self.rounding == "none" else max(Fraction(1), rounded)


DHONDT = Divisors(offset=Fraction(1))
_HARE = "hare quota"
_HB = "hagenbach-bischoff quota"
_LR = "and largest remainders"

#: Every method a rule file may name, as the checker reads it (a test holds it to the engine's registry).
METHODS: dict[str, Divisors | Quota] = {
    f"{_HARE} {_LR}": Quota(0),
    f"{_HARE} rounded to a whole number {_LR}": Quota(0, "nearest"),
    f"droop quota {_LR}": Quota(1, "down_plus_one"),
    f"{_HB} {_LR}": Quota(1),
    f"{_HB} rounded up {_LR}": Quota(1, "up"),
    f"{_HB} rounded to a whole number {_LR}": Quota(1, "nearest"),
    f"imperiali quota {_LR}": Quota(2),
    "imperiali quota rounded to a whole number and full quotas only": Quota(2, "nearest", "none"),
    f"{_HARE} rounded down and full quotas only": Quota(0, "down", "none"),
    f"{_HARE} and highest averages": Quota(0, "none", "highest averages"),
    "d'hondt divisors": DHONDT,
    "sainte-lague divisors": Divisors(step=Fraction(2), offset=Fraction(1)),
    "modified sainte-lague divisors": Divisors(step=Fraction(2), offset=Fraction(1), first=Fraction(7, 5)),
    "swedish sainte-lague divisors": Divisors(step=Fraction(2), offset=Fraction(1), first=Fraction(6, 5)),
    "danish divisors": Divisors(step=Fraction(3), offset=Fraction(1)),
    "imperiali divisors": Divisors(offset=Fraction(2)),
    "adams divisors": Divisors(),
    "dean divisors": Divisors(kind="harmonic"),
    "huntington-hill divisors": Divisors(kind="geometric"),
    "estonian divisors": Divisors(kind="power", exponent=Fraction(9, 10)),
}


_WRITTEN_QUOTA = re.compile(
    r"the quota of votes over seats plus ([0-9]{1,6})"
    r"( rounded up| rounded down| rounded to a whole number| raised to the next whole number)?, "
    r"with (largest remainders|highest averages|full quotas only|none|d'hondt divisors on the remainders"
    r"|full quotas and one more seat for a remainder of at least ([0-9]{1,6})(%|/[0-9]{1,6}) of a quota)"
)
_WRITTEN_DIVISORS = re.compile(r"divisors ([0-9]{1,30}(?:\.[0-9]{1,30})?(?:, [0-9]{1,30}(?:\.[0-9]{1,30})?){0,99})")
_ROUNDED = {None: "none", " rounded up": "up", " rounded down": "down", " rounded to a whole number": "nearest"}
_ROUNDED[" raised to the next whole number"] = "down_plus_one"
REMAINDERS = "d'hondt on the remainders"
_LEFTOVER = {"full quotas only": "none", "d'hondt divisors on the remainders": REMAINDERS}


def method_named(name: str) -> Divisors | Quota:
    """A method of the registry by its name, or one a law writes out: `the quota of votes over seats plus N
    [rounded ...], with ...`, or `divisors 1.4, 3, 5`."""
    found = METHODS.get(name)
    if found is not None:
        return found
    quota = _WRITTEN_QUOTA.fullmatch(name)
    if quota is not None:
        leftover = _LEFTOVER.get(quota.group(3), quota.group(3))
        if quota.group(4) is not None:  # one more seat for a remainder of at least a part of a quota (Estonia)
            over = 100 if quota.group(5) == "%" else int(quota.group(5)[1:])
            return Quota(int(quota.group(1)), _ROUNDED[quota.group(2)], "none", Fraction(int(quota.group(4)), over))
        return Quota(int(quota.group(1)), _ROUNDED[quota.group(2)], leftover)
    divisors = _WRITTEN_DIVISORS.fullmatch(name)
    if divisors is not None:
        values = tuple(Fraction(text) for text in divisors.group(1).split(", "))
        if any(b <= a for a, b in pairwise(values)):
            raise Malformed(f"the divisors of `{name}` do not grow")
        return Divisors(kind="sequence", sequence=values)
    raise Malformed(f"the method `{name}` is not one the checker knows")


def _claim_against(divisors: Divisors, votes: Fraction, k: int, level2: Fraction | None) -> int:
    """The sign of (votes / d(k))^2 - level2: 1 above, 0 equal, -1 below. `level2` None is an infinite level; a
    divisor 0 gives a list with votes an infinite claim and a list without votes none (a claim of 0)."""
    if divisors.kind == "power":  # the claim and the level to the q-th power: votes^q / (k + 1)^p
        if level2 is None:
            return -1
        raised = votes**divisors.exponent.denominator / Fraction((k + 1) ** divisors.exponent.numerator)
        return (raised > level2) - (raised < level2)
    d2 = divisors.squared(k)
    if d2 == 0 and votes > 0:
        return 0 if level2 is None else 1
    claim2 = Fraction(0) if d2 == 0 else votes * votes / d2
    return -1 if level2 is None else (claim2 > level2) - (claim2 < level2)


@dataclass(frozen=True)
class Round:
    """One round of an allocation as its witness states it: seats given outright and a tie left to the law."""

    lists: list[str]
    votes: dict[str, Fraction]
    seats: int
    result: dict[str, int]
    tied: list[str]
    tied_seats: int  # seats left to the tie; negative: seats to take back from one of `tied`


def check_divisors(
    divisors: Divisors, round_: Round, held: dict[str, int], level2: Fraction | None, what: str = ""
) -> list[str]:
    """Every seat served above the level, every next claim below it, ties exactly at it."""
    problems = _check_total(round_)
    if all(votes == 0 for votes in round_.votes.values()):  # no list has a claim: every seat is left to the tie
        expected = round_.lists if round_.seats else []
        if any(round_.result.values()) or sorted(round_.tied) != sorted(expected):
            problems.append(f"{what}with no votes no list has a claim, and every seat is left to the tie")
        return problems
    if round_.tied and not 0 < round_.tied_seats < len(round_.tied):
        problems.append(f"{what}{round_.tied_seats} seat(s) for {len(round_.tied)} tied lists is not a tie")
    if round_.seats == 0 and not round_.tied:
        return problems
    level = "the divisor" if level2 is None or divisors.kind not in ("geometric", "power") else "the level"
    for name in round_.lists:
        votes, seats, before = round_.votes[name], round_.result[name], held.get(name, 0)
        if votes < 0:
            problems.append(f"{what}{name}: negative votes")
            continue
        served = _claim_against(divisors, votes, before + seats - 1, level2) if seats > 0 else 1
        if served < 0 or (served == 0 and level2 != 0):
            problems.append(f"{what}{name}'s seat {seats} is not above {level} (the seat is not earned)")
        nxt = _claim_against(divisors, votes, before + seats, level2)
        if name in round_.tied and nxt != 0:
            problems.append(f"{what}{name} is named as tied, but its next claim is not at {level}")
        elif name not in round_.tied and (nxt > 0 or (nxt == 0 and level2 != 0)):  # a level 0: no list has votes
            problems.append(f"{what}{name}'s next claim is not below {level} (it would take seat {seats + 1})")
    return problems


def _check_total(round_: Round, left_over: bool = False) -> list[str]:
    """The seats given add up to the round's (`left_over`: to at most them, the rest pooled elsewhere)."""
    problems = []
    if any(seats < 0 for seats in round_.result.values()):
        problems.append("a list has fewer than 0 seats")
    given = sum(round_.result.values())
    if left_over and round_.tied_seats == 0 and given <= round_.seats:
        pass
    elif round_.tied_seats >= 0 and given + round_.tied_seats != round_.seats:
        problems.append(f"{given} seat(s) given and {round_.tied_seats} tied do not add up to {round_.seats}")
    elif round_.tied_seats < 0 and given + round_.tied_seats != round_.seats:
        problems.append(f"{given} seat(s) given, less {-round_.tied_seats} to take back, are not {round_.seats}")
    if not set(round_.tied) <= set(round_.lists):
        problems.append("a tied name is not one of the lists")
    if not round_.tied and round_.tied_seats:
        problems.append("seats are left to a tie that names no list")
    return problems


@dataclass(frozen=True)
class QuotaWitness:
    """What a quota witness states besides the round: the quota, whole quotas, remainders and their order."""

    total: Fraction
    counted: bool  # the quota divides a count the law names (at least the votes), not the votes added up
    quota: Fraction | None
    full: dict[str, int]
    remainders: dict[str, Fraction]
    order: list[str]
    level2: Fraction | None  # the D'Hondt level of the seats left (`hare quota and highest averages`)


def check_quota(method: Quota, round_: Round, witness: QuotaWitness) -> list[str]:
    """The quota, each list's whole quotas and remainder, and the seats left, from the law's rule."""
    problems = _check_total(round_, left_over=method.leftover == "none")
    total = sum(round_.votes.values(), Fraction(0))
    if witness.total != total and not (witness.counted and witness.total >= total > 0):
        return [*problems, f"the total {show(witness.total)} is not the votes added up ({show(total)})"]
    total = witness.total
    if total == 0 or round_.seats == 0:
        expected = round_.lists if round_.seats else []
        if witness.quota is not None or any(round_.result.values()) or sorted(round_.tied) != sorted(expected):
            problems.append("with no votes or no seats there is no quota, and every seat is an equal claim")
        return problems
    quota = method.quota(total, round_.seats)
    if witness.quota != quota:
        return [*problems, f"the quota {show(witness.quota)} is not {show(quota)}, the law's quota"]
    for name in round_.lists:
        full = math.floor(round_.votes[name] / quota)
        if witness.full[name] != full:
            problems.append(f"{name}: {witness.full[name]} whole quota(s) stated, {full} in its votes")
        elif witness.remainders[name] != round_.votes[name] - full * quota:
            problems.append(f"{name}: the remainder {show(witness.remainders[name])} is not its votes less its quotas")
    if problems:
        return problems
    given = sum(witness.full.values())
    if given > round_.seats:
        return _check_taken_back(round_, witness, given - round_.seats)
    if method.leftover == "none":  # whole quotas, and one more for a remainder of the part of a quota, if named
        more = {n: round_.result[n] - witness.full[n] for n in round_.lists}
        reach = [n for n in witness.order if method.part is not None and witness.remainders[n] >= method.part * quota]
        winners = [n for n in reach if more[n] == 1]
        if any(more[n] != (n in winners) for n in round_.lists) or (round_.tied and not reach):
            return ["with full quotas, each list has its whole quotas, and one more only for the part the law names"]
        voting = [n for n in round_.lists if round_.votes[n] > 0]
        problems = _ordered(witness.order, witness.remainders, voting, descending=True) if reach else []
        cut = min(round_.seats - given, len(reach))
        return problems or (_check_cut(witness.remainders, round_, winners, cut, reach, "largest") if reach else [])
    if method.leftover == "highest averages" or (method.leftover == REMAINDERS and any(witness.remainders.values())):
        on_remainders = method.leftover == REMAINDERS  # D'Hondt on the remainders, else from the whole quotas
        extra_seats = {n: round_.result[n] - witness.full[n] for n in round_.lists}
        votes = dict(witness.remainders) if on_remainders else round_.votes
        extra = Round(round_.lists, votes, round_.seats - given, extra_seats, round_.tied, round_.tied_seats)
        return check_divisors(DHONDT, extra, {} if on_remainders else witness.full, witness.level2, "seats left over: ")
    return _check_largest_remainders(round_, witness, round_.seats - given, method.leftover == "most votes")


def _ordered(order: list[str], values: dict[str, Fraction], lists: list[str], descending: bool) -> list[str]:
    """Problems with the stated order (a permutation of `lists`, ranked by `values`)."""
    if sorted(order) != sorted(lists):
        return ["the order of remainders does not name every list once"]
    if any((a < b) if descending else (a > b) for a, b in pairwise(values[n] for n in order)):
        return [f"the remainders are not in {'descending' if descending else 'ascending'} order"]
    return []


def _check_largest_remainders(round_: Round, witness: QuotaWitness, left: int, by_votes: bool) -> list[str]:
    """The seats left one to a list with votes, in whole rounds, the last partial round to the largest
    remainders (or, `by_votes`, to the most votes)."""
    voting = [n for n in round_.lists if round_.votes[n] > 0]
    if not voting or any(v < 0 for v in round_.votes.values()):
        return ["negative votes, or no list with votes to give the seats left to"]
    values = round_.votes if by_votes else witness.remainders
    problems = _ordered(witness.order, values, voting, descending=True)
    if problems:
        return problems
    rounds, part = divmod(left, len(voting))
    extra = {n: round_.result[n] - witness.full[n] for n in round_.lists}
    if any(extra[n] not in ((rounds, rounds + 1) if n in voting else (0,)) for n in round_.lists):
        return [f"each list with votes gets {rounds} or {rounds + 1} of the {left} seat(s) left, and one does not"]
    winners = [n for n in witness.order if extra[n] == rounds + 1]
    return _check_cut(values, round_, winners, part, witness.order, "largest")


def _check_cut(
    values: dict[str, Fraction], round_: Round, winners: list[str], part: int, ranked: list[str], word: str
) -> list[str]:
    """The lists of the last, partial round come first in `ranked`, then the tied ones, all strictly apart."""
    tied, tied_seats = round_.tied, round_.tied_seats
    if len(winners) + abs(tied_seats) != part or set(winners) & set(tied):
        return [f"{len(winners)} remainder seat(s) and {abs(tied_seats)} tied are not the {part} of the last round"]
    if ranked[: len(winners)] != winners or set(ranked[len(winners) : len(winners) + len(tied)]) != set(tied):
        return [f"the remainder seats do not go to the {word} remainders in the stated order"]
    rest = ranked[len(winners) + len(tied) :]
    groups = [g for g in ([values[n] for n in winners], [values[n] for n in tied], [values[n] for n in rest]) if g]
    if tied and len(set(values[n] for n in tied)) != 1:
        return ["the lists named as tied do not have equal remainders"]
    for before, after in pairwise(groups):
        if not (min(before) > max(after) if word == "largest" else max(before) < min(after)):
            return [f"a list given a remainder seat does not have a strictly {word.replace('est', 'er')} remainder"]
    return []


def _check_taken_back(round_: Round, witness: QuotaWitness, count: int) -> list[str]:
    """Whole quotas that give more seats than there are: seats are taken back, whole rounds first (one from
    each list that still has one), then from the smallest remainders."""
    holding = [n for n in round_.lists if witness.full[n] > 0]
    low, high = 0, max((witness.full[n] for n in holding), default=0)
    while low < high:
        middle = (low + high + 1) // 2
        if sum(min(witness.full[n], middle) for n in holding) <= count:
            low = middle
        else:
            high = middle - 1
    base = {n: min(witness.full[n], low) for n in holding}
    taken = {n: witness.full[n] - round_.result[n] for n in round_.lists}
    if any(taken[n] != 0 for n in round_.lists if n not in holding):
        return ["a seat is taken back from a list without whole quotas"]
    if any(taken[n] - base[n] not in (0, 1) or (taken[n] > base[n] and witness.full[n] <= low) for n in holding):
        return ["the seats taken back are not whole rounds and one last, partial round"]
    problems = _ordered(witness.order, witness.remainders, [n for n in holding if witness.full[n] > low], False)
    if problems:
        return problems
    losers = [n for n in witness.order if taken[n] > base[n]]
    part = count - sum(base.values())
    return _check_cut(witness.remainders, round_, losers, part, witness.order, "smallest")

"""Every allocation method a rule file can name, against its textbook definition.

The kernels (methods/kernels.py) are fast: closed-form starting points, integer claims compared by
cross-multiplication, remainders in whole units. Here each method is written out naively from its definition,
with exact Fractions, one seat at a time, and the two must agree on seeded random elections wherever the
definition itself gives no tie. The table must name every method of the registry, so a method added without a
definition here fails this file. docs/catalogue.md lists them all with where each is proven on a real election.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest

from ballotlaw.methods.kernels import allocate
from ballotlaw.methods.registry import METHODS
from support.builders import list_law

Claim = Callable[[int, int], Fraction | None]  # (votes, seats held) -> the claim on the next seat; None = first


def _linear(first: Fraction, step: int, offset: int) -> Claim:
    def claim(votes: int, held: int) -> Fraction | None:
        divisor = first if held == 0 else Fraction(step * held + offset)
        return None if divisor == 0 else Fraction(votes) / divisor

    return claim


def _dean(votes: int, held: int) -> Fraction | None:
    # the harmonic mean of held and held + 1: 2 held (held + 1) / (2 held + 1)
    return None if held == 0 else Fraction(votes * (2 * held + 1), 2 * held * (held + 1))


def _huntington_hill(votes: int, held: int) -> Fraction | None:
    # votes / sqrt(held (held + 1)), ranked by its square
    return None if held == 0 else Fraction(votes * votes, held * (held + 1))


def _estonian(votes: int, held: int) -> Fraction | None:
    # votes / (held + 1)^0.9, ranked by its tenth power
    return Fraction(votes**10, (held + 1) ** 9)


DIVISORS: dict[str, Claim] = {
    "d'hondt divisors": _linear(Fraction(1), 1, 1),  # 1, 2, 3, ...
    "sainte-lague divisors": _linear(Fraction(1), 2, 1),  # 1, 3, 5, ...
    "modified sainte-lague divisors": _linear(Fraction(7, 5), 2, 1),  # 1.4, 3, 5, ...
    "swedish sainte-lague divisors": _linear(Fraction(6, 5), 2, 1),  # 1.2, 3, 5, ...
    "danish divisors": _linear(Fraction(1), 3, 1),  # 1, 4, 7, ...
    "imperiali divisors": _linear(Fraction(2), 1, 2),  # 2, 3, 4, ...
    "adams divisors": _linear(Fraction(0), 1, 0),  # 0, 1, 2, ...: a first seat to every list
    "dean divisors": _dean,
    "huntington-hill divisors": _huntington_hill,
    "estonian divisors": _estonian,
}


def _hare(total: int, seats: int) -> Fraction:
    return Fraction(total, seats)


def _droop(total: int, seats: int) -> Fraction:
    return Fraction(total // (seats + 1) + 1)


def _hagenbach_bischoff(total: int, seats: int) -> Fraction:
    return Fraction(total, seats + 1)


def _imperiali(total: int, seats: int) -> Fraction:
    return Fraction(total, seats + 2)


def _up(quota: Fraction) -> Fraction:
    return max(Fraction(1), Fraction(-(-quota.numerator // quota.denominator)))


def _down(quota: Fraction) -> Fraction:
    """The quota's whole part, at least 1."""
    return max(Fraction(1), Fraction(quota.numerator // quota.denominator))


def _nearest(quota: Fraction) -> Fraction:
    return max(Fraction(1), Fraction((2 * quota.numerator + quota.denominator) // (2 * quota.denominator)))


QUOTAS: dict[str, tuple[Callable[[int, int], Fraction], str]] = {  # the quota, and what the seats left over get
    "hare quota and largest remainders": (_hare, "remainders"),
    "hare quota rounded to a whole number and largest remainders": (lambda t, s: _nearest(_hare(t, s)), "remainders"),
    "droop quota and largest remainders": (_droop, "remainders"),
    "hagenbach-bischoff quota and largest remainders": (_hagenbach_bischoff, "remainders"),
    "hagenbach-bischoff quota rounded up and largest remainders": (
        lambda t, s: _up(_hagenbach_bischoff(t, s)),
        "remainders",
    ),
    "hagenbach-bischoff quota rounded to a whole number and largest remainders": (
        lambda t, s: _nearest(_hagenbach_bischoff(t, s)),
        "remainders",
    ),
    "imperiali quota and largest remainders": (_imperiali, "remainders"),
    "imperiali quota rounded to a whole number and full quotas only": (
        lambda t, s: _nearest(_imperiali(t, s)),
        "nothing",
    ),
    "hare quota and highest averages": (_hare, "averages"),
    "hare quota rounded down and full quotas only": (lambda t, s: _down(_hare(t, s)), "nothing"),
}


def naive_divisor(claim: Claim, votes: dict[str, int], seats: int) -> dict[str, int] | None:
    """One seat at a time to the highest claim (a first seat where the divisor is 0); None on a tie."""
    held = dict.fromkeys(votes, 0)
    for _ in range(seats):
        claims = {name: claim(v, held[name]) for name, v in votes.items()}
        first = [name for name, c in claims.items() if c is None and votes[name] > 0]
        if first:
            if len(first) > 1 and len(first) > seats - sum(held.values()):
                return None
            held[first[0]] += 1
            continue
        best = max(c for c in claims.values() if c is not None)
        winners = [name for name, c in claims.items() if c == best]
        if len(winners) > 1:
            return None  # equal claims: the law's tie rule decides, not the definition
        held[winners[0]] += 1
    return held


def naive_quota(
    quota_of: Callable[[int, int], Fraction], leftover: str, votes: dict[str, int], seats: int
) -> dict[str, int] | None:
    """Full quotas; seats given beyond the total taken back from the smallest remainders; the seats left go to
    the largest remainders (at most one each), to the highest votes / (seats + 1), or nowhere. None on a tie."""
    quota = quota_of(sum(votes.values()), seats)
    held = {name: int(v // quota) for name, v in votes.items()}
    remainder = {name: Fraction(v) - held[name] * quota for name, v in votes.items()}
    while sum(held.values()) > seats:
        smallest = min(remainder[n] for n in held if held[n] > 0)
        losers = [n for n in held if held[n] > 0 and remainder[n] == smallest]
        if len(losers) > sum(held.values()) - seats:
            return None
        held[losers[0]] -= 1
        remainder[losers[0]] += quota
    left = seats - sum(held.values())
    if leftover == "nothing" or left == 0:
        return held
    if leftover == "remainders":
        if left > len(votes):
            return None  # more seats left than lists: the definition says no more
        ranked = sorted(remainder.values(), reverse=True)
        if left < len(ranked) and ranked[left - 1] == ranked[left]:
            return None
        for name in [n for n in votes if remainder[n] >= ranked[left - 1]]:
            held[name] += 1
        return held
    for _ in range(left):  # highest averages
        claims = {name: Fraction(v, held[name] + 1) for name, v in votes.items()}
        best = max(claims.values())
        winners = [name for name, c in claims.items() if c == best]
        if len(winners) > 1:
            return None
        held[winners[0]] += 1
    return held


def naive(method: str, votes: dict[str, int], seats: int) -> dict[str, int] | None:
    if method in DIVISORS:
        return naive_divisor(DIVISORS[method], votes, seats)
    quota_of, leftover = QUOTAS[method]
    return naive_quota(quota_of, leftover, votes, seats)


def test_every_registered_method_has_a_definition_here() -> None:
    assert set(DIVISORS) | set(QUOTAS) == set(METHODS)
    assert not set(DIVISORS) & set(QUOTAS)


@pytest.mark.parametrize("method", sorted(METHODS))
def test_the_kernel_gives_what_the_definition_gives(method: str) -> None:
    rng = random.Random(method)  # a seed per method: reproducible, and not the same elections for all
    compared = 0
    for _ in range(300):
        lists = rng.randint(2, 7)
        votes = {f"L{i}": rng.randint(1, 3000) for i in range(lists)}
        seats = rng.randint(1, 30)
        expected = naive(method, votes, seats)
        if expected is None:
            continue
        result = allocate(METHODS[method], votes, seats, list(votes))
        assert not result.tied, (votes, seats)
        assert result.seats == expected, (votes, seats)
        compared += 1
    assert compared >= 200  # ties are rare: the comparison really ran


@pytest.mark.parametrize("method", sorted(METHODS))
def test_one_vote_in_two_to_the_55_decides(method: str) -> None:
    """Counts above 2^53 that floats cannot tell apart: two lists one vote apart share 3 seats, and the odd seat
    goes to the one with the vote more under every method (a method of full quotas only leaves it over, to be
    pooled: each list has its one full quota, and one seat is left)."""
    big = 2**55
    votes = {"B": big, "C": big + 1}
    expected = naive(method, votes, 3)
    assert float(big) == float(big + 1)
    result = allocate(METHODS[method], votes, 3, list(votes))
    assert expected is not None and result.seats == expected and not result.tied
    if QUOTAS.get(method, (None, ""))[1] == "nothing" and method.startswith("hare"):
        assert expected == {"B": 1, "C": 1} and result.details["left_over"] == 1
    else:
        assert expected["C"] > expected["B"]


def test_the_catalogue_names_every_method() -> None:
    catalogue = (Path(__file__).resolve().parent.parent / "docs" / "catalogue.md").read_text(encoding="utf-8")
    missing = [name for name in METHODS if f"`{name}`" not in catalogue]
    assert not missing, f"docs/catalogue.md does not list {missing}"


def test_a_divisor_sequence_written_in_the_rule_file_goes_on_by_its_last_difference() -> None:
    """`allocate by divisors 1.4, 3, 5` is the modified Sainte-Laguë sequence written out: 1.4, 3, 5, 7, ..."""
    law = list_law(method="divisors 1.4, 3, 5", thresholds="")
    (contest,) = law.contests
    assert contest.method is not None
    rng = random.Random("sequence")
    compared = 0
    for _ in range(200):
        votes = {f"L{i}": rng.randint(1, 3000) for i in range(rng.randint(2, 7))}
        seats = rng.randint(1, 30)
        expected = naive("modified sainte-lague divisors", votes, seats)
        if expected is None:
            continue
        assert allocate(contest.method, votes, seats, list(votes)).seats == expected
        compared += 1
    assert compared >= 150

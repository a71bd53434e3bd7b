"""Differential tests of the allocation kernels against votelib 0.4.0 and apportionment 1.0 (development
dependencies only) on seeded random elections, and the known defects of those oracles, asserted.

Agreement is required wherever ballotlaw reports no tie: where it does, the law's tie rule decides, and both
oracles are known to break such ties silently (or to fail)."""

from __future__ import annotations

import random
from fractions import Fraction

import apportionment.methods as apportionment
import pytest
import votelib.evaluate.proportional as votelib_pr
import votelib.evaluate.threshold as votelib_threshold

from ballotlaw.methods.kernels import allocate
from ballotlaw.methods.registry import METHODS

VOTELIB = {
    "d'hondt divisors": ("divisor", "d_hondt"),
    "sainte-lague divisors": ("divisor", "sainte_lague"),
    "danish divisors": ("divisor", "danish"),
    "imperiali divisors": ("divisor", "imperiali"),
    "hare quota and largest remainders": ("quota", "hare"),
    "droop quota and largest remainders": ("quota", "droop"),
    "hagenbach-bischoff quota and largest remainders": ("quota", "hagenbach_bischoff"),
}
APPORTIONMENT = {
    "huntington-hill divisors": "huntington",
    "adams divisors": "adams",
    "dean divisors": "dean",
    "d'hondt divisors": "dhondt",
    "sainte-lague divisors": "saintelague",
    "modified sainte-lague divisors": "modified_saintelague",
}


def elections(seed: int, count: int = 200) -> list[tuple[dict[str, int], int]]:
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        lists = rng.randint(2, 8)
        cases.append(({f"L{i}": rng.randint(0, 5000) for i in range(lists)}, rng.randint(1, 40)))
    return cases


@pytest.mark.parametrize("method", sorted(VOTELIB))
def test_agrees_with_votelib_where_there_is_no_tie(method: str) -> None:
    kind, name = VOTELIB[method]
    oracle = (
        votelib_pr.HighestAverages(divisor_function=name)
        if kind == "divisor"
        else votelib_pr.LargestRemainder(quota_function=name)
    )
    compared = 0
    for votes, seats in elections(seed=len(method)):
        ours = allocate(METHODS[method], votes, seats, list(votes))
        if ours.tied:
            continue
        theirs = {k: int(v) for k, v in oracle.evaluate(votes, seats).items() if v}
        assert {k: v for k, v in ours.seats.items() if v} == theirs, (votes, seats)
        compared += 1
    assert compared >= 150


@pytest.mark.parametrize("method", sorted(APPORTIONMENT))
def test_agrees_with_apportionment_where_there_is_no_tie(method: str) -> None:
    compared = 0
    for votes, seats in elections(seed=100 + len(method)):
        ours = allocate(METHODS[method], votes, seats, list(votes))
        if ours.tied or sum(1 for v in votes.values() if v) == 0:
            continue
        theirs = apportionment.compute(
            APPORTIONMENT[method], list(votes.values()), seats, fractions=True, verbose=False
        )
        assert [ours.seats[name] for name in votes] == list(theirs), (votes, seats)
        compared += 1
    assert compared >= 100


def test_huntington_hill_is_exact_where_floats_would_not_be() -> None:
    # sqrt(k(k+1)) is irrational; ballotlaw compares v^2 / (k(k+1)). Worked by hand: A 100, B 50, C 10, 5 seats:
    # each gets one (divisor 0); then A 100/sqrt2 = 70.7, B 35.4, A 100/sqrt6 = 40.8 -> A 3, B 1, C 1.
    result = allocate(METHODS["huntington-hill divisors"], {"A": 100, "B": 50, "C": 10}, 5, ["A", "B", "C"])
    assert result.seats == {"A": 3, "B": 1, "C": 1} and not result.tied


def test_oracle_defect_votelib_drops_a_list_at_exactly_the_threshold() -> None:
    """votelib 0.4.0 drops B with exactly 5% even with accept_equal=True; ballotlaw's thresholds keep it
    (tests/test_thresholds.py::test_exactly_at_threshold_qualifies_and_more_than_does_not)."""
    kept = votelib_threshold.RelativeThreshold(Fraction(1, 20), accept_equal=True).evaluate({"A": 950, "B": 50})
    assert kept == ["A"]  # the defect: B (50 of 1000 = 5.000%) should pass "at least 5%"
    assert 50 * 20 >= 1 * 1000  # what ballotlaw computes: 50 >= 5% of 1000


def test_oracle_defect_apportionment_breaks_ties_silently() -> None:
    """Adams: A 100, B 50, C 10 for 5 seats: after one seat each, A (100/1), then A (100/2 = 50) and B (50/1 = 50)
    tie for the last seat. ballotlaw reports the tie; apportionment gives it to the first list."""
    ours = allocate(METHODS["adams divisors"], {"A": 100, "B": 50, "C": 10}, 5, ["A", "B", "C"])
    assert ours.tied == ("A", "B") and ours.tied_seats == 1
    assert list(apportionment.compute("adams", [100, 50, 10], 5, fractions=True, verbose=False)) == [3, 1, 1]


def test_oracle_defect_votelib_fails_when_the_imperiali_quota_gives_too_many_seats() -> None:
    """The Imperiali quota can hand out more seats than there are; laws that use it say to take them back
    (ballotlaw: from the smallest remainders); votelib raises instead."""
    votes, seats = {"A": 40, "B": 35, "C": 25}, 2  # quota 100 / 4 = 25: full quotas 1, 1, 1 = 3 > 2
    ours = allocate(METHODS["imperiali quota and largest remainders"], votes, seats, list(votes))
    assert ours.seats == {"A": 1, "B": 1, "C": 0}  # C has the smallest remainder (0) and gives its seat back
    with pytest.raises(Exception, match="awarded total 3 seats, 2 expected"):
        votelib_pr.LargestRemainder(quota_function="imperiali").evaluate(votes, seats)


def test_divisor_sequence_written_in_the_law() -> None:
    from pathlib import Path

    from ballotlaw.api import load_law_text

    base = Path(__file__).parent / "verify" / "laws" / "dhondt.rules"
    text = base.read_text(encoding="utf-8").replace("allocate by d'hondt divisors", "allocate by divisors 1.4, 3, 5")
    law, _ = load_law_text(text, "sequence.rules")
    method = law.contests[0].method
    assert method is not None
    modified = METHODS["modified sainte-lague divisors"]
    for votes, seats in elections(seed=7, count=100):
        assert (
            allocate(method, votes, seats, list(votes)).seats
            == allocate(
                modified,
                votes,
                seats,
                list(votes),
            ).seats
        )

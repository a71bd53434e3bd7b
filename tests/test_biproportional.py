"""Biproportional apportionment: every result found fills each district's seats and gives each list its seats,
and every cell is the divisor method's rounding of votes / (district divisor x list divisor) with the divisors
returned; a worked example; ties are reported, not decided."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ballotlaw.api import load_law_text
from ballotlaw.errors import RuleFileError
from ballotlaw.facts.allocation import Stop
from ballotlaw.methods.biproportional import biproportional
from ballotlaw.methods.kernels import DivisorMethod, allocate
from ballotlaw.methods.registry import METHODS
from support.builders import DISTRICTS_PREAMBLE, outcome_of, seats, unit, write_csv


def _divisors(name: str) -> DivisorMethod:
    method = METHODS[name]
    assert isinstance(method, DivisorMethod)
    return method


SAINTE_LAGUE = _divisors("sainte-lague divisors")


def _rounded(votes: int, divisor: Fraction, seats: int) -> bool:
    """Whether `seats` is Sainte-Lague's rounding (with the divisors 1, 3, 5, ... the quotient is halved) of
    votes / divisor, strictly inside its interval."""
    quotient = Fraction(votes) / divisor / 2
    return (seats == 0 or quotient > seats - Fraction(1, 2)) and quotient < seats + Fraction(1, 2)


def test_a_worked_example() -> None:
    # North (4 seats): A 700, B 200, C 100; South (2 seats): A 100, B 300, C 200. Upper apportionment of 6 seats
    # on 800 / 500 / 300 by Sainte-Lague: 800, 500, 300, 266.7, 166.7, 160 -> A 3, B 2, C 1.
    # North alone would give A 3, B 1 and South B 1, C 1: A 3, B 2, C 1 already; the method keeps it.
    votes = {"North": {"A": 700, "B": 200, "C": 100}, "South": {"A": 100, "B": 300, "C": 200}}
    found = biproportional(SAINTE_LAGUE, votes, {"North": 4, "South": 2}, {"A": 3, "B": 2, "C": 1})
    assert found.done
    assert found.seats == {
        ("North", "A"): 3, ("North", "B"): 1, ("North", "C"): 0,
        ("South", "A"): 0, ("South", "B"): 1, ("South", "C"): 1,
    }  # fmt: skip


def test_a_district_that_alone_would_favour_a_list_gives_way() -> None:
    # One seat each. Alone, A wins both (60 to 40 in North, 55 to 45 in South); but the lists have 115 and 85
    # votes, and 2 seats by Sainte-Lague give A 1, B 1. B takes the seat where it is closest: South.
    votes = {"North": {"A": 60, "B": 40}, "South": {"A": 55, "B": 45}}
    found = biproportional(SAINTE_LAGUE, votes, {"North": 1, "South": 1}, {"A": 1, "B": 1})
    assert found.done
    assert found.seats == {("North", "A"): 1, ("North", "B"): 0, ("South", "A"): 0, ("South", "B"): 1}


def test_equal_claims_are_reported() -> None:
    votes = {"North": {"A": 50, "B": 50}, "South": {"A": 50, "B": 50}}
    found = biproportional(SAINTE_LAGUE, votes, {"North": 1, "South": 1}, {"A": 1, "B": 1})
    assert not found.done and found.tied and found.problem in (Stop.DISTRICT_TIED, Stop.LIST_TIED)


@settings(max_examples=150, deadline=None)
@given(
    cells=st.lists(st.lists(st.integers(0, 500), min_size=2, max_size=4), min_size=2, max_size=4),
    magnitudes=st.lists(st.integers(1, 8), min_size=4, max_size=4),
)
def test_what_is_found_holds_both_ways(cells: list[list[int]], magnitudes: list[int]) -> None:
    width = min(len(row) for row in cells)
    lists = [f"L{i}" for i in range(width)]
    votes = {f"D{d}": {p: row[i] for i, p in enumerate(lists)} for d, row in enumerate(cells)}
    seats = {d: magnitudes[i] for i, d in enumerate(votes)}
    totals = {p: sum(votes[d][p] for d in votes) for p in lists}
    if min(totals.values()) == 0:
        return
    upper = allocate(SAINTE_LAGUE, totals, sum(seats.values()), lists)
    if upper.tied:
        return
    found = biproportional(SAINTE_LAGUE, votes, seats, upper.seats)
    if not found.done:
        assert found.problem  # a tie or no convergence is said, never guessed
        return
    assert found.district_divisors is not None and found.list_divisors is not None
    for d in votes:
        assert sum(found.seats[(d, p)] for p in lists) == seats[d]
        for p in lists:
            divisor = found.district_divisors[d] * found.list_divisors[p]
            assert _rounded(votes[d][p], divisor, found.seats[(d, p)]), (d, p)
    for p in lists:
        assert sum(found.seats[(d, p)] for d in votes) == upper.seats[p]


RULES = (
    DISTRICTS_PREAMBLE.replace('"Lists in every district"', '"Biproportional"')
    + """\
contest council "Council"
  lists compete in every district   [act]
  seats 1 in "North", 1 in "South"   [act]
  threshold at least 5% of valid_votes nationally   [act]
  biproportional apportionment by sainte-lague divisors   [act Art. 7]
  valid at any turnout   [act]
  ties broken by lot   [act]
end
"""
)
ROWS = [
    "nation,N,,valid_votes,,200,",
    "nation,N,,votes,A,115,",
    "nation,N,,votes,B,85,",
    "district,North,N,valid_votes,,100,",
    "district,North,N,votes,A,60,",
    "district,North,N,votes,B,40,",
    "district,South,N,valid_votes,,100,",
    "district,South,N,votes,A,55,",
    "district,South,N,votes,B,45,",
]


def test_the_contest_gives_each_district_its_share_of_the_lists_seats(tmp_path: Path) -> None:
    law, _ = load_law_text(RULES, "t.rules")
    outcome = outcome_of(law, write_csv(tmp_path / "r.csv", ROWS))
    assert seats(unit(outcome, "council", "North")) == {"A": 1, "B": 0}
    south = unit(outcome, "council", "South")
    assert south.status == "elected" and seats(south) == {"A": 0, "B": 1}  # A has more votes, B the seat
    kinds = [step.kind for step in outcome.trace if step.contest == "council"]
    assert "upper apportionment" in kinds and "lower apportionment" in kinds


def test_a_district_without_seats_leaves_every_district_not_computed(tmp_path: Path) -> None:
    law, _ = load_law_text(RULES.replace(', 1 in "South"', ""), "t.rules")
    outcome = outcome_of(law, write_csv(tmp_path / "r.csv", ROWS))
    assert all(u.seats_status == "not computed" for u in outcome.contest("council").units)  # type: ignore[union-attr]
    assert outcome.contest("council").status == "provisional"  # type: ignore[union-attr]


def test_biproportional_rounding_needs_a_divisor_method() -> None:
    text = RULES.replace("by sainte-lague divisors   [act Art. 7]", "by hare quota and largest remainders   [act]")
    with pytest.raises(RuleFileError) as refused:
        load_law_text(text, "t.rules")
    assert "E204" in [d.code for d in refused.value.diagnostics]


def test_voter_numbers_weigh_each_district_by_its_seats(tmp_path: Path) -> None:
    # North elects 4 (each voter has 4 votes): A 500, B 310; South elects 1: A 60, B 140.
    # On votes: A 560, B 450 -> 5 seats by Sainte-Lague: 560, 450, 186.7, 150, 112 -> A 3, B 2.
    # On voter numbers: A 500/4 = 125 + 60 = 185, B 310/4 = 77.5 -> 78, + 140 = 218 -> 218, 185, 72.7, 61.7,
    # 43.6 -> B 3, A 2; North A 2, B 2 and South B 1.
    rows = [
        "nation,N,,valid_votes,,1010,",
        "nation,N,,votes,A,560,",
        "nation,N,,votes,B,450,",
        "district,North,N,valid_votes,,810,",
        "district,North,N,votes,A,500,",
        "district,North,N,votes,B,310,",
        "district,South,N,valid_votes,,200,",
        "district,South,N,votes,A,60,",
        "district,South,N,votes,B,140,",
    ]
    text = RULES.replace('seats 1 in "North"', 'seats 4 in "North"')
    totals: dict[str, dict[str, int]] = {}
    for variant, clause in (("votes", ""), ("voter numbers", ", on voter numbers")):
        law, _ = load_law_text(
            text.replace("sainte-lague divisors   [act Art. 7]", f"sainte-lague divisors{clause}   [act Art. 7]"),
            "t.rules",
        )
        outcome = outcome_of(law, write_csv(tmp_path / "r.csv", rows))
        north, south = unit(outcome, "council", "North"), unit(outcome, "council", "South")
        both = [seats(north), seats(south)]
        totals[variant] = {p: sum(count for s in both if (count := s[p]) is not None) for p in "AB"}
        assert all(s[p] is not None for s in both for p in "AB")
        if variant == "voter numbers":
            assert seats(north) == {"A": 2, "B": 2} and seats(south) == {"A": 0, "B": 1}
    assert totals == {"votes": {"A": 3, "B": 2}, "voter numbers": {"A": 2, "B": 3}}

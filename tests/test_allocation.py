"""Allocation kernels and the rules around them: Hare and D'Hondt, ties, the cap."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from ballotlaw.methods.kernels import AllocationMethod, allocate
from ballotlaw.methods.registry import METHODS
from ballotlaw.render.jsonform import missing as missing_words
from ballotlaw.render.phrases import say
from support.builders import list_law, national_rows, outcome_of, seats, unit, write_csv

HARE = METHODS["hare quota and largest remainders"]
DHONDT = METHODS["d'hondt divisors"]
SAINTE_LAGUE = METHODS["sainte-lague divisors"]


def test_hare_and_dhondt_differ_where_they_should() -> None:
    votes = {"A": 61, "B": 24, "C": 15}
    # Worked by hand. Hare: quota 10; full quotas 6, 2, 1; remainders 1, 4, 5 -> the last seat to C.
    hare = allocate(HARE, votes, 10, list(votes))
    assert hare.seats == {"A": 6, "B": 2, "C": 2} and not hare.tied
    assert hare.details["quota"] == Fraction(10)
    # D'Hondt: the 10 highest averages are 61, 30.5, 24, 20.3, 15.25, 15, 12.2, 12, 10.2, 8.7 -> A 7, B 2, C 1.
    dhondt = allocate(DHONDT, votes, 10, list(votes))
    assert dhondt.seats == {"A": 7, "B": 2, "C": 1}


def test_divisor_kernel_handles_many_seats_without_a_loop_per_seat() -> None:
    votes = {f"L{i}": 1000 + 37 * i for i in range(200)}
    result = allocate(DHONDT, votes, 5000, list(votes))
    assert sum(result.seats.values()) + result.tied_seats == 5000
    start = result.details["start_seats"]
    # The start never exceeds the seats and leaves at most two seats a list to award one by one.
    assert isinstance(start, dict) and 5000 - 2 * 200 <= sum(start.values()) <= 5000


@pytest.mark.parametrize("method", [HARE, DHONDT, SAINTE_LAGUE], ids=lambda m: m.name)
def test_exact_tie_is_reported_not_broken(method: AllocationMethod) -> None:
    result = allocate(method, {"A": 10, "B": 10}, 3, ["A", "B"])
    assert result.seats == {"A": 1, "B": 1}
    assert result.tied == ("A", "B") and result.tied_seats == 1


def test_tie_by_lot_makes_the_outcome_lot_needed(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", national_rows(100, {"A": 50, "B": 50}))
    national = unit(outcome_of(list_law(seats=3), path), "national")
    assert national.status == "lot needed"
    assert national.tied == ("A", "B") and national.tied_seats == 1
    assert seats(national) == {"A": 1, "B": 1}


def test_tie_broken_by_more_votes(tmp_path: Path) -> None:
    # Hare, 2 seats, quota 60: A 1 full (remainder 10); B and C 0 full with remainders 25 and 25 (a tie of
    # remainders, since B and C have equal votes) -> `more votes` cannot break it, `lot` must.
    path = write_csv(tmp_path / "r.csv", national_rows(120, {"A": 70, "B": 25, "C": 25}))
    law = list_law(seats=2, thresholds="", ties="ties broken by more votes, then lot")
    national = unit(outcome_of(law, path), "national")
    assert national.status == "lot needed" and set(national.tied) == {"B", "C"}


def test_cap_redistributes_when_it_binds(tmp_path: Path) -> None:
    """A would get 8 of 10 seats; the cap holds it at 6 and the other 4 go to B and C by the same method.
    Worked by hand: Hare over B 160 and C 40 for 4 seats: quota 50, full quotas 3 and 0, remainders 10 and 40
    -> the fourth seat to C."""
    path = write_csv(tmp_path / "r.csv", national_rows(1000, {"A": 800, "B": 160, "C": 40}))
    law = list_law(thresholds="", extra="  cap 6 seats per list, excess redistributed   [act Art. 8]\n")
    national = unit(outcome_of(law, path), "national")
    assert seats(national) == {"A": 6, "B": 3, "C": 1}
    assert national.status == "elected"
    cap = next(c for c in national.checks if c.kind == "cap")
    assert cap.result == "binding"


def test_cap_left_vacant_loses_seats(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", national_rows(1000, {"A": 800, "B": 160, "C": 40}))
    law = list_law(thresholds="", extra="  cap 6 seats per list, excess left vacant   [act Art. 8]\n")
    national = unit(outcome_of(law, path), "national")
    assert seats(national) == {"A": 6, "B": 2, "C": 0}
    assert sum(s.seats or 0 for s in national.selections) == 8
    assert "2 seat(s) stay vacant" in say(next(c for c in national.checks if c.kind == "cap").detail)


def test_rerun_when_against_all_beats_the_leading_list(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", national_rows(1000, {"A": 300, "B": 200}, against_all=301))
    law = list_law(extra="  against_all: rerun if against_all > votes of the leading list   [act Art. 8]\n")
    national = unit(outcome_of(law, path), "national")
    assert national.status == "rerun"
    assert all(s.seats is None for s in national.selections)


def test_a_list_short_of_candidates_keeps_only_as_many_seats(tmp_path: Path) -> None:
    """Hare over A 800, B 160, C 40 gives A 8, B 2, C 0; A has only 5 candidates. Redistributed: the 5 other
    seats go to B and C by the same method (quota 40: B 4, C 1). Left vacant: 3 seats stay empty."""
    rows = [*national_rows(1000, {"A": 800, "B": 160, "C": 40}), "nation,N,,candidates,A,5,"]
    path = write_csv(tmp_path / "r.csv", rows)
    redistributed = list_law(thresholds="", extra="  lists short of candidates, excess redistributed   [act Art. 9]\n")
    national = unit(outcome_of(redistributed, path), "national")
    assert seats(national) == {"A": 5, "B": 4, "C": 1}
    assert next(c for c in national.checks if c.clause == "national.exhausted").result == "binding"
    vacant = list_law(thresholds="", extra="  lists short of candidates, excess left vacant   [act Art. 9]\n")
    assert seats(unit(outcome_of(vacant, path), "national")) == {"A": 5, "B": 2, "C": 0}


def test_minority_averages_multiplied(tmp_path: Path) -> None:
    """D'Hondt, 10 seats, A 1000 and minority list M 300. Worked by hand: without a multiplier the ten highest
    averages give A 8, M 2; with M's averages multiplied by 1.35 (405, 202.5, 135, ...) A 7, M 3."""
    rows = [*national_rows(1300, {"A": 1000, "M": 300}), "nation,N,,national_minority,M,1,"]
    path = write_csv(tmp_path / "r.csv", rows)
    plain = list_law(thresholds="", method="d'hondt divisors")
    assert seats(unit(outcome_of(plain, path), "national")) == {"A": 8, "M": 2}
    boosted = list_law(
        thresholds="",
        method="d'hondt divisors",
        extra="  multiply the averages of national minorities by 1.35   [act Art. 8]\n",
    )
    assert seats(unit(outcome_of(boosted, path), "national")) == {"A": 7, "M": 3}


def test_fixed_majority_bonus(tmp_path: Path) -> None:
    """A 500, B 300, C 200 of 1000; 12 seats with a bonus of 2 to the leader if it has at least 40%. Worked by
    hand: the other 10 seats by Hare (quota 100): 5, 3, 2; A gets 5 + 2 = 7."""
    path = write_csv(tmp_path / "r.csv", national_rows(1000, {"A": 500, "B": 300, "C": 200}))
    law = list_law(
        seats=12,
        thresholds="",
        extra="  bonus 2 seats to the leading list if votes of the leading list >= 40% of voters_took_part"
        "   [act Art. 8]\n",
    )
    assert seats(unit(outcome_of(law, path), "national")) == {"A": 7, "B": 3, "C": 2}
    below = write_csv(tmp_path / "s.csv", national_rows(1000, {"A": 399, "B": 351, "C": 250}))
    # No bonus: 12 seats by Hare (quota 1000/12): 4.788, 4.212, 3.0 -> 4, 4, 3 and the 12th to A (.788).
    assert seats(unit(outcome_of(law, below), "national")) == {"A": 5, "B": 4, "C": 3}


SLIDING = (
    "  bonus 20 seats to the leading list with at least 25% of valid_votes nationally, 1 more seat for every further"
    " 0.5%, at most 50 seats   [act Art. 8]\n"
)


@pytest.mark.parametrize(
    ("votes", "bonus", "a_seats"),
    [
        # exactly 40%: 20 + 30 whole steps of 0.5% = 50; the other 250 by Hare: 100, 90, 60
        ({"A": 400_000, "B": 360_000, "C": 240_000}, 50, 150),
        # 39.9999%: 29 whole steps, 49; 251 by Hare: 100.3997, 90.36, 60.24, the last seat to A
        ({"A": 399_999, "B": 360_001, "C": 240_000}, 49, 150),
        # 70%: 20 + 90 = 110, at most 50; 250 by Hare: 175, 45, 30
        ({"A": 700_000, "B": 180_000, "C": 120_000}, 50, 225),
        # exactly 25%: 20, no step; 280 by Hare: 70, 67.2, 64.4, 50.68, 27.72, the two left to E and D
        ({"A": 250_000, "B": 240_000, "C": 230_000, "D": 181_000, "E": 99_000}, 20, 90),
        # below 25%: no bonus; 300 by Hare: 74.9997, 72, 69.0003, 54.3, 29.7, the two left to A and E
        ({"A": 249_999, "B": 240_000, "C": 230_001, "D": 181_000, "E": 99_000}, 0, 75),
    ],
)
def test_sliding_bonus_counts_whole_steps_exactly(
    tmp_path: Path, votes: dict[str, int], bonus: int, a_seats: int
) -> None:
    """Greece's scale of 2023 (20 seats at 25%, one more per whole 0.5%, at most 50) on 1,000,000 valid votes,
    worked by hand: the
    trace's bonus step gives the bonus seats, and the leader gets them besides its Hare share of the rest."""
    path = write_csv(tmp_path / "r.csv", national_rows(1_000_000, votes, valid_votes=1_000_000))
    outcome = outcome_of(list_law(seats=300, thresholds="", extra=SLIDING), path)
    steps = [s for s in outcome.trace if s.kind == "bonus" and s.result in ("bonus", "no bonus")]
    won = seats(unit(outcome, "national"))
    assert sum(v or 0 for v in won.values()) == 300
    assert won["A"] == a_seats
    assert len(steps) == 1
    assert say(steps[0].decision).endswith(f": {bonus} bonus seat(s)") if bonus else steps[0].result == "no bonus"


def test_sliding_bonus_is_not_evaluated_without_the_base(tmp_path: Path) -> None:
    """valid_votes is absent: at least the lists' 1000 votes and at most the 1100 voters who took part, so A's
    share is not known exactly. (With 1000 voters the figures around it pin it to 1000: tests/test_bounds.py.)"""
    path = write_csv(tmp_path / "r.csv", national_rows(1100, {"A": 500, "B": 300, "C": 200}))
    law = list_law(seats=300, thresholds="", extra=SLIDING)
    national = unit(outcome_of(law, path), "national")
    assert national.status != "elected"
    assert any(
        "valid_votes" in " ".join(missing_words(r.missing)) or "valid_votes" in say(r.text) for r in national.reasons
    )


def test_stable_majority_adds_seats(tmp_path: Path) -> None:
    """A 460, B 340, C 200; 10 seats by Hare (quota 100): 4.6, 3.4, 2 -> 4, 3, 2 and the tenth to A: 5, 3, 2.
    A must hold 54%: with x seats added, (5 + x) / (10 + x) >= 54/100 gives x >= 0.87, so 1 seat is added and A
    holds 6 of 11."""
    path = write_csv(tmp_path / "r.csv", national_rows(1000, {"A": 460, "B": 340, "C": 200}))
    law = list_law(
        seats=10,
        thresholds="",
        extra="  the leading list gets at least 54% of the seats, with seats added   [act Art. 8]\n",
    )
    result = seats(unit(outcome_of(law, path), "national"))
    assert result == {"A": 6, "B": 3, "C": 2}


def test_the_general_quota_phrase_names_the_same_methods_as_the_named_ones() -> None:
    """`the quota of votes over seats plus N[ rounded ...], with ...` is votes / (seats + N): with N = 0, 1, 2 it
    gives what Hare, Hagenbach-Bischoff and Imperiali give, on seeded random results."""
    import random

    named = {
        0: "hare quota and largest remainders",
        1: "hagenbach-bischoff quota and largest remainders",
        2: "imperiali quota and largest remainders",
    }
    rng = random.Random(7)
    for offset, name in named.items():
        law = list_law(method=f"the quota of votes over seats plus {offset}, with largest remainders", thresholds="")
        general = law.contests[0].method
        assert (
            general is not None
            and general.name == f"the quota of votes over seats plus {offset}, with largest remainders"
        )
        for _ in range(200):
            votes = {f"L{i}": rng.randint(0, 10_000) for i in range(rng.randint(2, 8))}
            seats = rng.randint(1, 30)
            assert allocate(general, votes, seats, list(votes)) == allocate(METHODS[name], votes, seats, list(votes))


def test_a_bonus_larger_than_a_districts_seats_is_not_evaluated(tmp_path: Path) -> None:
    """The checker refuses a bonus above a fixed house (E220); where the seats vary by district, a district with
    fewer seats than the bonus gets no bonus silently and no seats beyond its own: the bonus is not evaluated."""
    from ballotlaw.api import load_law_text
    from support.builders import DISTRICTS_PREAMBLE

    law, _ = load_law_text(
        DISTRICTS_PREAMBLE
        + """
contest council "Seats by district, a bonus of 4"
  lists compete in every district   [act]
  seats 3 in "D1", 10 in "D2"   [act]
  allocate by d'hondt divisors   [act]
  bonus 4 seats to the leading list   [act]
  ties broken by lot   [act]
  valid at any turnout   [act]
end
""",
        "bonus.rules",
    )
    rows = [
        "nation,N,,valid_votes,,200,",
        "district,D1,N,valid_votes,,100,",
        "district,D1,N,votes,A,60,",
        "district,D1,N,votes,B,40,",
        "district,D2,N,valid_votes,,100,",
        "district,D2,N,votes,A,60,",
        "district,D2,N,votes,B,40,",
    ]
    outcome = outcome_of(law, write_csv(tmp_path / "r.csv", rows))
    d1, d2 = unit(outcome, "council", "D1"), unit(outcome, "council", "D2")
    assert d1.status == "provisional" and sum(s.seats or 0 for s in d1.selections) <= 3
    assert any("more than the 3 seats here" in say(r.text) for r in d1.reasons)
    # D2: 4 bonus seats to A, the other 6 by D'Hondt on 60 / 40: the averages 60 A, 40 B, 30 A, 20 A, 20 B, 15 A
    # (the two of 20 both within the 6): A 4 + 4, B 2.
    assert d2.status == "elected" and seats(d2) == {"A": 8, "B": 2}

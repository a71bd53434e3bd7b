"""A minimum of seats for every list that qualifies, worked by hand with D'Hondt."""

from __future__ import annotations

from pathlib import Path

from ballotlaw.outcome import UnitOutcome
from ballotlaw.render.phrases import say
from support.builders import list_law, national_rows, outcome_of, seats, unit, write_csv


def _unit(tmp_path: Path, seats_: int, least: int, votes: dict[str, int]) -> UnitOutcome:
    law = list_law(
        seats=seats_,
        method="d'hondt divisors",
        thresholds="  threshold at least 5% of valid_votes nationally   [act]\n",
        extra=f"  at least {least} seats for every list that qualifies   [act Art. 9]\n",
    )
    rows = national_rows(sum(votes.values()), votes, valid_votes=sum(votes.values()))
    return unit(outcome_of(law, write_csv(tmp_path / "r.csv", rows)), "national")


def test_two_lists_raised_in_turn(tmp_path: Path) -> None:
    # 12 seats, at least 2 each. D'Hondt gives A 10 (700 ... 70), B 2 (200, 100), C and D none (60): C and D are
    # raised to 2. A and B share 8: 700, 350, 233.3, 200, 175, 140, 116.7 -> A 6, B 1, and the eighth is a tie at
    # 100 (A's seventh, B's second); B, below 2 either way, is raised to 2, and A takes the other 6.
    found = _unit(tmp_path, 12, 2, {"A": 700, "B": 200, "C": 60, "D": 60})
    assert found.status == "elected"
    assert seats(found) == {"A": 6, "B": 2, "C": 2, "D": 2}


def test_a_minimum_the_seats_cannot_meet_leaves_the_seats_provisional(tmp_path: Path) -> None:
    # 3 seats, at least 1 each, 4 lists qualify (each has at least 5%): the minimum cannot be met.
    found = _unit(tmp_path, 3, 1, {"A": 400, "B": 300, "C": 200, "D": 100})
    assert found.status == "provisional"
    assert any("minimum" in say(r.text) for r in found.reasons)

"""A minimum of seats for every list that qualifies, worked by hand with D'Hondt."""

from __future__ import annotations

from pathlib import Path

from ballotlaw.api import load_law_text
from support.builders import outcome_of, seats, unit, write_csv

RULES = """\
ballotlaw 1
election "Minimum"
  jurisdiction "Testland"
  law "Act"   [act]
end
source act "Act" "https://example.org/act"
level nation
count valid_votes "valid votes" on nation   [act]
votes "votes" on nation   [act]
contest house "House"
  lists compete in the nation   [act]
  seats {seats}   [act]
  threshold at least 5% of valid_votes nationally   [act]
  allocate by d'hondt divisors   [act]
  at least {least} seat(s) for every list that qualifies   [act Art. 9]
  ties broken by lot   [act]
  valid at any turnout   [act]
end
"""


def _unit(tmp_path: Path, seats_: int, least: int, votes: dict[str, int]):  # type: ignore[no-untyped-def]
    law, _ = load_law_text(RULES.format(seats=seats_, least=least).replace("seat(s)", "seats"), "t.rules")
    rows = [f"nation,N,,valid_votes,,{sum(votes.values())},"]
    rows += [f"nation,N,,votes,{name},{v}," for name, v in votes.items()]
    return unit(outcome_of(law, write_csv(tmp_path / "r.csv", rows)), "house")


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
    assert any("minimum" in r.text for r in found.reasons)

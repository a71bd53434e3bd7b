"""A second tier: each list's seats distributed to the regions by the list's votes there (Hare quota and
largest remainders), worked by hand; ties among regions go to a lot, missing votes leave it provisional."""

from __future__ import annotations

from pathlib import Path

from ballotlaw.api import load_law_text
from ballotlaw.outcome import UnitOutcome
from ballotlaw.render.phrases import say
from support.builders import outcome_of, seats, unit, write_csv

RULES = """\
ballotlaw 1
election "Distribution"
  jurisdiction "Testland"
  law "Act"   [act]
end
source act "Act" "https://example.org/act"
level nation
level region   [act]
count valid_votes "valid votes" on nation, region   [act]
votes "votes" on nation, region, may be not published   [act]
contest house "House"
  lists compete in the nation   [act]
  seats 10   [act]
  threshold at least 5% of valid_votes nationally   [act]
  allocate by hare quota and largest remainders   [act]
  seats of each list distributed to every region by hare quota and largest remainders   [act Art. 9]
  valid at any turnout   [act]
  ties broken by lot   [act]
end
"""


def _unit(tmp_path: Path, north: dict[str, int | str], south: dict[str, int | str]) -> UnitOutcome:
    law, _ = load_law_text(RULES, "t.rules")
    rows = ["nation,N,,valid_votes,,1000,", "nation,N,,votes,A,600,", "nation,N,,votes,B,400,"]
    for region, votes in (("North", north), ("South", south)):
        rows.append(f"region,{region},N,valid_votes,,500,")
        rows += [f"region,{region},N,votes,{name},{v}," for name, v in votes.items()]
    return unit(outcome_of(law, write_csv(tmp_path / "r.csv", rows)), "house")


def _distributed(found: UnitOutcome) -> dict[tuple[str, str], int]:
    return {(d.selection, d.unit): d.seats for d in found.distribution}


def test_each_list_seats_go_to_the_regions_by_its_votes_there(tmp_path: Path) -> None:
    # A: 6 seats, quota 600 / 6 = 100: North 380 -> 3 and .8, South 220 -> 2 and .2: the 6th seat to North.
    # B: 4 seats, quota 100: North 120 -> 1 and .2, South 280 -> 2 and .8: the 4th seat to South.
    found = _unit(tmp_path, {"A": 380, "B": 120}, {"A": 220, "B": 280})
    assert found.status == "elected" and seats(found) == {"A": 6, "B": 4}
    assert _distributed(found) == {("A", "North"): 4, ("A", "South"): 2, ("B", "North"): 1, ("B", "South"): 3}


def test_equal_remainders_among_regions_go_to_a_lot(tmp_path: Path) -> None:
    found = _unit(tmp_path, {"A": 350, "B": 150}, {"A": 250, "B": 250})  # A: 3.5 and 2.5; B: 1.5 and 2.5
    assert found.status == "lot needed"
    assert any("1 seat(s) of A to be drawn by lot among North, South" in say(r.text) for r in found.reasons)


def test_unpublished_regional_votes_leave_the_distribution_provisional(tmp_path: Path) -> None:
    found = _unit(tmp_path, {"A": 380, "B": "not published"}, {"A": 220, "B": 280})
    assert found.status == "provisional" and seats(found) == {"A": 6, "B": 4}  # the list seats stand
    assert any("votes of B in North" in say(r.text) for r in found.reasons)

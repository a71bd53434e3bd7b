"""The national pool of the seats districts leave over (the Czech second scrutiny), worked by hand: full Imperiali
quotas rounded to a whole number in each district, the remainders added up in the nation and allocated by the
Hagenbach-Bischoff quota rounded to a whole number and largest remainders, then placed by largest remainder."""

from __future__ import annotations

from pathlib import Path

from ballotlaw.api import load_law_text
from ballotlaw.outcome import ContestOutcome
from ballotlaw.render.phrases import say
from support.builders import DISTRICTS_PREAMBLE, outcome_of, write_csv

RULES = (
    DISTRICTS_PREAMBLE
    + """\
contest house "House"
  lists compete in every district   [act]
  seats 4 in "D1", 4 in "D2"   [act]
  {threshold}allocate by imperiali quota rounded to a whole number and full quotas only   [act Art. 50]
  seats left over pooled nationally by hagenbach-bischoff quota rounded to a whole number and largest remainders \
  [act Art. 51]
  ties broken by lot   [act]
  valid at any turnout   [act]
end
"""
)


def _house(tmp_path: Path, districts: dict[str, dict[str, int]], threshold: str = "") -> ContestOutcome:
    law, _ = load_law_text(RULES.format(threshold=threshold), "t.rules")
    rows = []
    for district, votes in districts.items():
        rows += [f"district,{district},,valid_votes,,{sum(votes.values())},"]
        rows += [f"district,{district},,votes,{n},{v}," for n, v in votes.items()]
    found = outcome_of(law, write_csv(tmp_path / "r.csv", rows)).contest("house")
    assert found is not None
    return found


def _seats(contest: ContestOutcome) -> dict[str, dict[str, int]]:
    return {u.unit: {s.id: s.seats for s in u.selections if s.seats} for u in contest.units}


def test_two_pooled_seats_go_where_each_list_has_its_largest_remainder(tmp_path: Path) -> None:
    # D1 (quota 1000 / 6 = 166.67 -> 167): A 1 (rem. 133), B 1 (83), C 1 (33), D 0 (150), E 0 (100): 1 seat left.
    # D2 (votes 500 / 6 = 83.3 -> 83): A 3 (rem. 1), B 0 (70), C 0 (60), D 0 (50), E 0 (70)... 3 given, 1 left.
    # Pool: 2 seats on A 134, B 153, C 93, D 200, E 170 (total 750; quota 750 / 3 = 250): none full; the largest
    # remainders D 200 and E 170 take them; D's largest remainder is in D1 (150), E's in D1 (100) but D1 is full
    # by then, so E's seat goes to D2 (70).
    found = _house(
        tmp_path,
        {
            "D1": {"A": 300, "B": 250, "C": 200, "D": 150, "E": 100},
            "D2": {"A": 250, "B": 70, "C": 60, "D": 50, "E": 70},
        },
    )
    assert found.status == "elected"
    assert _seats(found) == {"D1": {"A": 1, "B": 1, "C": 1, "D": 1}, "D2": {"A": 3, "E": 1}}


def test_equal_remainders_for_fewer_seats_need_a_lot(tmp_path: Path) -> None:
    # The same votes in both districts: each leaves one seat; the pool gives D (300) and A (266) one each, and
    # D's remainders are 150 in both districts: which district gets D's seat is for a lot.
    same = {"A": 300, "B": 250, "C": 200, "D": 150, "E": 100}
    found = _house(tmp_path, {"D1": same, "D2": dict(same)})
    assert found.status == "lot needed"
    assert any("equal remainders (150)" in say(r.text) for r in found.reasons)


def test_only_lists_that_pass_share_a_district_and_too_many_full_quotas_are_taken_back(tmp_path: Path) -> None:
    # 20% of each district's valid votes. D1: A, B and C pass (40%, 33%, 27%); quota 750 / 6 = 125: A 2 (rem. 50),
    # B 2 (0), C 1 (75) = 5 > 4: one is taken back from B, the smallest remainder. D2: only A passes (66%); quota
    # 250 / 6 = 41.7 -> 42: A 5 > 4, one taken back. Nothing is left over, so the pool has no seat to give.
    found = _house(
        tmp_path,
        {"D1": {"A": 300, "B": 250, "C": 200}, "D2": {"A": 250, "B": 70, "C": 60}},
        threshold="threshold at least 20% of valid_votes in every district   [act]\n  ",
    )
    assert found.status == "elected"
    assert _seats(found) == {"D1": {"A": 2, "B": 1, "C": 1}, "D2": {"A": 4}}


def test_a_list_places_several_pooled_seats_in_one_district_in_turns(tmp_path: Path) -> None:
    # One district of 200 seats and one list of 707 votes: the Imperiali quota 707 / 202 = 3.5 rounds to 4, so
    # the full quotas give 176; the 24 seats left go to the pool, all to A, and all are placed in the one
    # district, a seat per turn (found by verification: before, only one per district was placed).
    law, _ = load_law_text(
        RULES.format(threshold="").replace('seats 4 in "D1", 4 in "D2"', 'seats 200 in "N1"'), "t.rules"
    )
    rows = ["district,N1,,valid_votes,,707,", "district,N1,,votes,A,707,"]
    found = outcome_of(law, write_csv(tmp_path / "r.csv", rows)).contest("house")
    assert found is not None and found.status == "elected"
    assert _seats(found) == {"N1": {"A": 200}}

"""The house shared among the districts by a count of the election itself (the Czech § 48), worked by hand."""

from __future__ import annotations

from pathlib import Path

from ballotlaw.api import load_law_text
from ballotlaw.outcome import ContestOutcome
from ballotlaw.render.phrases import say
from support.builders import DISTRICTS_PREAMBLE, outcome_of, write_csv

RULES = (
    DISTRICTS_PREAMBLE.replace(
        "on nation, district   [act]\nvotes", "on nation, district, may be not published   [act]\nvotes"
    )
    + """\
contest house "House"
  lists compete in every district   [act]
  seats 5, apportioned to every district by hare quota and largest remainders on valid_votes   [act Art. 48]
  allocate by d'hondt divisors   [act]
  ties broken by lot   [act]
  valid at any turnout   [act]
end
"""
)


def _house(tmp_path: Path, valid: dict[str, str]) -> ContestOutcome:
    law, _ = load_law_text(RULES, "t.rules")
    rows = []
    for district, count in valid.items():
        rows += [
            f"district,{district},,valid_votes,,{count},",
            f"district,{district},,votes,A,{count if count.isdigit() else 0},",
        ]
    found = outcome_of(law, write_csv(tmp_path / "r.csv", rows)).contest("house")
    assert found is not None
    return found


def test_the_house_is_shared_by_the_districts_counts(tmp_path: Path) -> None:
    # 5 seats on 520 / 300 / 180 (quota 200): 2 (120 over), 1 (100), 0 (180): the two left go to D3 and D1.
    found = _house(tmp_path, {"D1": "520", "D2": "300", "D3": "180"})
    assert found.status == "elected"
    assert {u.unit: u.seats_available for u in found.units} == {"D1": 3, "D2": 1, "D3": 1}


def test_a_count_not_published_leaves_every_district_without_seats(tmp_path: Path) -> None:
    found = _house(tmp_path, {"D1": "520", "D2": "not published", "D3": "180"})
    assert found.status == "provisional"
    assert any("valid_votes of D2 not published" in say(r.text) for r in found.reasons)
    assert all(u.seats_status == "not computed" for u in found.units)

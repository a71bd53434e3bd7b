"""Lists competing in every district: a `nationally` threshold is measured on the nation's figures (Poland's
5% of the valid votes in the country, applied before D'Hondt in each district), never on the district's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ballotlaw.api import load_law_text
from ballotlaw.errors import RuleFileError
from ballotlaw.render.phrases import say
from support.builders import DISTRICTS_PREAMBLE, outcome_of, seats, unit, write_csv

RULES = (
    DISTRICTS_PREAMBLE
    + """\
contest house "House"
  lists compete in every district   [act]
  seats 3   [act]
  national: threshold at least 5% of valid_votes nationally   [act]
  allocate by d'hondt divisors   [act]
  valid at any turnout   [act]
  ties broken by lot   [act]
end
"""
)

NATION = ["nation,N,,valid_votes,,1000,", "nation,N,,votes,A,600,", "nation,N,,votes,B,370,", "nation,N,,votes,C,30,"]
DISTRICTS = [
    "district,D1,N,valid_votes,,500,",
    "district,D1,N,votes,A,300,",
    "district,D1,N,votes,B,170,",
    "district,D1,N,votes,C,30,",  # 6% of the district, 3% of the nation
    "district,D2,N,valid_votes,,500,",
    "district,D2,N,votes,A,300,",
    "district,D2,N,votes,B,200,",
    "district,D2,N,votes,C,0,",
]


def test_the_national_threshold_is_measured_on_the_nation(tmp_path: Path) -> None:
    law, _ = load_law_text(RULES, "t.rules")
    outcome = outcome_of(law, write_csv(tmp_path / "r.csv", NATION + DISTRICTS))
    d1 = unit(outcome, "house", "D1")
    assert seats(d1) == {"A": 2, "B": 1, "C": 0}
    c = next(s for s in d1.selections if s.id == "C")
    assert c.qualified == "no"  # 30 of 1000 nationally, though 30 of 500 (6%) in D1
    assert [say(t.detail) for t in c.tests] == ["30 is not >= 5% of 1000 = 50"]
    assert seats(unit(outcome, "house", "D2")) == {"A": 2, "B": 1, "C": 0}


def test_without_the_nation_the_national_threshold_is_not_evaluated(tmp_path: Path) -> None:
    law, _ = load_law_text(RULES, "t.rules")
    rows = [row.replace(",N,", ",,") for row in DISTRICTS]  # districts without a nation above them
    d1 = unit(outcome_of(law, write_csv(tmp_path / "r.csv", rows)), "house", "D1")
    assert d1.status != "elected"
    details = [say(t.detail) for s in d1.selections for t in s.tests]
    assert details and all("no unit above D1" in d for d in details)


def _per_unit(seats_clause: str) -> str:
    return RULES.replace("  seats 3   [act]", f"  {seats_clause}   [act Annex 1]")


def test_each_district_fills_the_seats_the_law_gives_it(tmp_path: Path) -> None:
    law, _ = load_law_text(_per_unit('seats 3 in "D1", 5 in "D2"'), "t.rules")
    outcome = outcome_of(law, write_csv(tmp_path / "r.csv", NATION + DISTRICTS))
    assert seats(unit(outcome, "house", "D1")) == {"A": 2, "B": 1, "C": 0}
    d2 = unit(outcome, "house", "D2")
    assert seats(d2) == {"A": 3, "B": 2, "C": 0}  # D'Hondt on 300 / 200: quotients 300, 200, 150, 100, 100
    assert d2.seats_available == 5


def test_a_district_the_law_gives_no_seats_is_not_computed(tmp_path: Path) -> None:
    law, _ = load_law_text(_per_unit('seats 3 in "D1"'), "t.rules")
    d2 = unit(outcome_of(law, write_csv(tmp_path / "r.csv", NATION + DISTRICTS)), "house", "D2")
    assert d2.seats_status == "not computed"
    assert any("gives no number of seats for D2" in say(r.text) for r in d2.reasons)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda t: t.replace("  seats 3   [act]", '  seats 3   [act]\n  seats 3 in "D1", 5 in "D2"   [act]'), "E401"),
        (lambda t: _per_unit('seats 3 in "D1", 4 in "D1"'), "E401"),
        (lambda t: _per_unit('seats 3 in "D1", 0 in "D2"'), "E213"),
        (
            lambda t: _per_unit('seats 3 in "D1"').replace("compete in every district", "compete in the nation"),
            "E406",
        ),
    ],
)
def test_mistakes_in_seats_per_district(change: Any, code: str) -> None:
    with pytest.raises(RuleFileError) as refused:
        load_law_text(change(RULES), "t.rules")
    assert code in [d.code for d in refused.value.diagnostics]


def test_in_at_least_n_districts_counts_the_districts_of_the_nation(tmp_path: Path) -> None:
    # C has 6% in D1 only: `in at least 1 district` lets it take part in D2 too (where it has 0%),
    # `in at least 2 districts` excludes it everywhere (it was measured only in the district before).
    for needed, qualifies in ((1, "yes"), (2, "no")):
        text = RULES.replace(
            "  national: threshold at least 5% of valid_votes nationally   [act]",
            f"  local: threshold at least 5% of valid_votes in at least {needed} district   [act]",
        )
        law, _ = load_law_text(text, "t.rules")
        outcome = outcome_of(law, write_csv(tmp_path / "r.csv", NATION + DISTRICTS))
        for district in ("D1", "D2"):
            c = next(s for s in unit(outcome, "house", district).selections if s.id == "C")
            assert c.qualified == qualifies, (needed, district)

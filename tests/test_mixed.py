"""Mixed-member proportional: constituency seats deducted from each list's entitlement, overhang kept or
levelled, constituency seats of lists that do not qualify taken off the seats shared out. Expected seats are
worked by hand (Sainte-Lague, divisors 1, 3, 5, ...)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ballotlaw.api import load_law_text
from ballotlaw.errors import RuleFileError
from ballotlaw.outcome import UnitOutcome
from ballotlaw.render.jsonform import missing as missing_words
from ballotlaw.render.phrases import say
from support.builders import DISTRICTS_PREAMBLE, outcome_of, seats, unit, write_csv

RULES = """\
ballotlaw 1
election "MMP"
  jurisdiction "Testland"
  law "Act"   [act]
end
source act "Act" "https://example.org/act"
level nation
count valid_votes "valid party votes" on nation   [act]
votes "party votes" on nation   [act]
contest house "House"
  lists compete in the nation   [act]
  seats 12   [act]
  threshold at least 5% of valid_votes nationally{alternative}   [act]
  allocate by sainte-lague divisors   [act]
  constituency seats deducted, overhang {overhang}   [act]
  valid at any turnout   [act]
  ties broken by lot   [act]
end
"""

VOTES = {"A": 1000, "B": 700, "C": 90, "D": 80, "E": 130}  # of 2000; C and D are below 5%
WINS = {"A": 3, "B": 2, "C": 2, "D": 0, "E": 0}


def _outcome(
    tmp_path: Path, overhang: str, alternative: str = ", or 1 constituency wins", wins: dict[str, int] = WINS
) -> UnitOutcome:
    law, _ = load_law_text(RULES.format(overhang=overhang, alternative=alternative), "t.rules")
    rows = ["nation,N,,valid_votes,,2000,"]
    rows += [f"nation,N,,votes,{name},{v}," for name, v in VOTES.items()]
    rows += [f"nation,N,,constituency_wins,{name},{w}," for name, w in wins.items()]
    return unit(outcome_of(law, write_csv(tmp_path / "r.csv", rows)), "house")


def test_overhang_kept(tmp_path: Path) -> None:
    # Entitlements of 12 seats among A, B, C (by its 2 wins) and E: 6, 4, 1, 1. C won 2: it keeps them, 13 seats.
    found = _outcome(tmp_path, "kept")
    assert found.status == "elected"
    assert seats(found) == {"A": 6, "B": 4, "C": 2, "D": 0, "E": 1}
    assert "the house grows by 1 seat(s) (overhang seats kept)" in say(found.seats_note)
    assert found.seats_added == 1


def test_overhang_levelled(tmp_path: Path) -> None:
    # The house grows until C's entitlement reaches its 2 wins: C's second quotient is 90/3 = 30. Quotients
    # above 30: A 1000/(2k+1) for k = 0..16 (17), B 700/(2k+1) for k = 0..11 (12), E 130 and 130/3 (2), C 90 (1):
    # 32, so C's second seat is the 33rd (no quotient equals 30). At 33 seats: A 17, B 12, C 2, E 2; no overhang.
    found = _outcome(tmp_path, "levelled")
    assert seats(found) == {"A": 17, "B": 12, "C": 2, "D": 0, "E": 2}
    assert "the house grows by 21 seat(s) (the house levelled to the constituency seats)" in say(found.seats_note)


def test_constituency_seats_of_a_list_that_does_not_qualify_are_taken_off(tmp_path: Path) -> None:
    # Without the alternative, C (4.5%) does not qualify: it keeps its 2 constituency seats and 10 seats are
    # shared among A, B and E: 5, 4, 1 (Sainte-Lague). A keeps 5 (3 constituency), B 4 (2 constituency).
    found = _outcome(tmp_path, "kept", alternative="")
    assert seats(found) == {"A": 5, "B": 4, "C": 2, "D": 0, "E": 1}


def test_missing_constituency_wins_are_not_read_as_zero(tmp_path: Path) -> None:
    found = _outcome(tmp_path, "kept", alternative="", wins={k: v for k, v in WINS.items() if k != "B"})
    assert found.status == "provisional"
    assert any("constituency_wins of B" in say(r.text) for r in found.reasons)


def test_two_mixed_clauses_are_a_conflict() -> None:
    text = RULES.format(overhang="kept", alternative="").replace(
        "  valid at any turnout", "  constituency seats deducted, overhang levelled   [act]\n  valid at any turnout"
    )
    with pytest.raises(RuleFileError) as refused:
        load_law_text(text, "t.rules")
    assert "E401" in [d.code for d in refused.value.diagnostics]


AMS = (
    DISTRICTS_PREAMBLE
    + """\
contest regional "Regional list seats"
  lists compete in every district   [act]
  seats 4 in "North", 3 in "South"   [act]
  threshold at least 5% of valid_votes in every district   [act]
  allocate by d'hondt divisors   [act]
  constituency seats counted in the divisors   [act]
  valid at any turnout   [act]
  ties broken by lot   [act]
end
"""
)


def _ams(tmp_path: Path, north_wins: dict[str, str]) -> tuple[UnitOutcome, UnitOutcome]:
    law, _ = load_law_text(AMS, "ams.rules")
    rows = [
        "nation,N,,valid_votes,,2000,",
        "district,North,N,valid_votes,,1000,",
        "district,South,N,valid_votes,,1000,",
    ]
    north = {"A": 500, "B": 300, "C": 160, "D": 40}  # D has 4%: below 5% in North
    south = {"A": 300, "B": 300, "C": 400}
    rows += [f"district,North,N,votes,{n},{v}," for n, v in north.items()]
    rows += [f"district,South,N,votes,{n},{v}," for n, v in south.items()]
    rows += [f"district,North,N,constituency_wins,{n},{w}," for n, w in north_wins.items()]
    rows += [f"district,South,N,constituency_wins,{n},{w}," for n, w in {"A": 0, "B": 2, "C": 3}.items()]
    outcome = outcome_of(law, write_csv(tmp_path / "r.csv", rows))
    return unit(outcome, "regional", "North"), unit(outcome, "regional", "South")


def test_additional_member_system_counts_constituency_seats_in_the_divisors(tmp_path: Path) -> None:
    """North, 4 list seats; A won 6 constituencies, B 1, C 0: averages A 500/7 = 71.4, 62.5, ...; B 300/2 = 150,
    100, 75; C 160, 80, 53.3. The 4 highest: 160 C, 150 B, 100 B, 80 C -> B 2, C 2, A none (the house stays 4).
    South, 3 list seats; B won 2, C 3, A 0: A 300, 150, 100; B 100, 75; C 100, 80. The 3 highest: 300 A, 150 A,
    then 100 three times (A, B, C) for the one seat left: a lot."""
    north, south = _ams(tmp_path, {"A": "6", "B": "1", "C": "0", "D": "0"})
    assert north.status == "elected"
    assert seats(north) == {"A": 0, "B": 2, "C": 2, "D": 0}
    assert south.status == "lot needed"
    assert seats(south) == {"A": 2, "B": 0, "C": 0}
    assert set(south.tied) == {"A", "B", "C"} and south.tied_seats == 1
    assert "each list's divisors count its constituency seats (A 6, B 1, C 0)" in say(north.seats_note)


def test_additional_member_system_without_the_wins_is_provisional(tmp_path: Path) -> None:
    """A's wins in North are not in the data: never counted as 0 silently."""
    north, _south = _ams(tmp_path, {"B": "1", "C": "0", "D": "0"})
    assert north.status == "provisional"
    assert any("constituency_wins of A" in " ".join(missing_words(r.missing)) for r in north.reasons)
    assert "(A not in the data, B 1, C 0)" in say(north.seats_note)

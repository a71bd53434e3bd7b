"""Mixed-member proportional: constituency seats deducted from each list's entitlement, overhang kept or
levelled, constituency seats of lists that do not qualify taken off the seats shared out. Expected seats are
worked by hand (Sainte-Lague, divisors 1, 3, 5, ...)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ballotlaw.api import load_law_text
from ballotlaw.errors import RuleFileError
from support.builders import outcome_of, seats, unit, write_csv

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


def _outcome(tmp_path: Path, overhang: str, alternative: str = ", or 1 constituency wins", wins=WINS):  # type: ignore[no-untyped-def]
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
    assert "the house grows by 1 seat(s) (overhang seats kept)" in found.seats_note
    assert found.seats_added == 1


def test_overhang_levelled(tmp_path: Path) -> None:
    # The house grows until C's entitlement reaches its 2 wins: C's second quotient is 90/3 = 30. Quotients
    # above 30: A 1000/(2k+1) for k = 0..16 (17), B 700/(2k+1) for k = 0..11 (12), E 130 and 130/3 (2), C 90 (1):
    # 32, so C's second seat is the 33rd (no quotient equals 30). At 33 seats: A 17, B 12, C 2, E 2; no overhang.
    found = _outcome(tmp_path, "levelled")
    assert seats(found) == {"A": 17, "B": 12, "C": 2, "D": 0, "E": 2}
    assert "the house grows by 21 seat(s) (the house levelled to the constituency seats)" in found.seats_note


def test_constituency_seats_of_a_list_that_does_not_qualify_are_taken_off(tmp_path: Path) -> None:
    # Without the alternative, C (4.5%) does not qualify: it keeps its 2 constituency seats and 10 seats are
    # shared among A, B and E: 5, 4, 1 (Sainte-Lague). A keeps 5 (3 constituency), B 4 (2 constituency).
    found = _outcome(tmp_path, "kept", alternative="")
    assert seats(found) == {"A": 5, "B": 4, "C": 2, "D": 0, "E": 1}


def test_missing_constituency_wins_are_not_read_as_zero(tmp_path: Path) -> None:
    found = _outcome(tmp_path, "kept", alternative="", wins={k: v for k, v in WINS.items() if k != "B"})
    assert found.status == "provisional"
    assert any("constituency_wins of B" in r.text for r in found.reasons)


def test_two_mixed_clauses_are_a_conflict() -> None:
    text = RULES.format(overhang="kept", alternative="").replace(
        "  valid at any turnout", "  constituency seats deducted, overhang levelled   [act]\n  valid at any turnout"
    )
    with pytest.raises(RuleFileError) as refused:
        load_law_text(text, "t.rules")
    assert "E401" in [d.code for d in refused.value.diagnostics]

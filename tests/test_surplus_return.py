"""District seats beyond a list's share of all the seats, returned (Sweden, Instrument of Government ch. 3 § 8 and
Elections Act ch. 14 § 4a: `surplus district seats returned from the lowest quotients to the other lists, not in a
district with fewer than 3 seats`). Every figure is worked by hand in the docstrings, by the Swedish divisors
1.2, 3, 5, 7, ...

The base case: D1 (6 seats) 480 / 420 / 100: A 400, 160, 96; B 350, 140, 84; C 83.3: A 3, B 3, C 0. D2 (3 seats)
300 / 200 / 100: A 250, 100; B 166.7; C 83.3: A 2, B 1. D3 (2 seats) 160 / 140 / 100: A 133.3, B 116.7: A 1, B 1.
The 12 seats (1 adjustment seat) on 940 / 760 / 300: A 783.3, 313.3, 188, 134.3, 104.4, 85.5; B 633.3, 253.3,
152, 108.6; C 250, 100: A 6, B 4, C 2 (the twelfth, A's 85.5, before B's 84.4). B holds 5, one beyond its
share."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ballotlaw.api import load_law_text
from ballotlaw.facts.qualifying import SurplusKept
from ballotlaw.states import Status
from conftest import run_cli
from support.builders import PREAMBLE, outcome_of, write_csv, write_files

CLAUSE = (
    "  surplus district seats returned from the lowest quotients to the other lists, not in a district with fewer"
    " than 3 seats   [act ch. 14 § 4a]\n"
)
VOTES = {"D1": (480, 420, 100), "D2": (300, 200, 100), "D3": (160, 140, 100)}


def _law(clause: str = CLAUSE, method: str = "swedish sainte-lague divisors", adjustment: bool = True) -> str:
    tier = (
        "  1 adjustment seats for lists with at least 4% of valid_votes nationally, by swedish sainte-lague divisors"
        "   [act ch. 3 § 8]\n"
        if adjustment
        else ""
    )
    return (
        PREAMBLE
        + f"""
level nation
level district   [act ch. 2]
count valid_votes on nation, district   [act ch. 14]
votes on nation, district   [act ch. 14]

contest riksdag "Riksdag"
  lists compete in every district   [act ch. 3 § 6]
  seats 6 in "D1", 3 in "D2", 2 in "D3"   [act ch. 3 § 6]
  allocate by {method}   [act ch. 14 § 3]
{tier}{clause}  ties broken by lot   [act ch. 14 § 2]
  valid at any turnout   [act ch. 3]
end
"""
    )


def _rows(votes: dict[str, tuple[int, int, int]]) -> list[str]:
    totals = [sum(v[i] for v in votes.values()) for i in range(3)]
    rows = [f"nation,N,,valid_votes,,{sum(totals)},"]
    rows += [f"nation,N,,votes,{name},{total}," for name, total in zip("ABC", totals, strict=True)]
    for unit, figures in votes.items():
        rows.append(f"district,{unit},N,valid_votes,,{sum(figures)},")
        rows += [f"district,{unit},N,votes,{name},{value}," for name, value in zip("ABC", figures, strict=True)]
    return rows


def _outcome(tmp_path: Path, law: str, votes: dict[str, tuple[int, int, int]] = VOTES) -> dict[str, Any]:
    ran = run_cli("run", *write_files(tmp_path, _rows(votes), law), "--json")
    assert ran.code in (0, 1), ran.stderr
    contest: dict[str, Any] = json.loads(ran.stdout)["contests"][0]
    return contest


def _seats(contest: dict[str, Any]) -> dict[str, dict[str, int]]:
    return {u["unit"]: {s["id"]: s["seats"] for s in u["selections"]} for u in contest["units"]}


def _tier(contest: dict[str, Any]) -> dict[str, tuple[int, int]]:
    return {a["selection"]: (a["district_seats"], a["adjustment_seats"]) for a in contest["adjustment"]}


def test_the_seat_won_with_the_lowest_quotient_goes_back(tmp_path: Path) -> None:
    """B's quotients: 420 / 5 = 84 in D1, 200 / 1.2 = 166.7 in D2 (D3 has fewer than 3 seats): D1 returns the
    seat, to C (100 / 1.2 = 83.3; A holds its share of 6). C, at 1 of 2, takes the adjustment seat."""
    contest = _outcome(tmp_path, _law())
    assert _seats(contest)["D1"] == {"A": 3, "B": 2, "C": 1}
    assert _seats(contest)["D2"] == {"A": 2, "B": 1, "C": 0}
    assert _tier(contest) == {"A": (6, 0), "B": (4, 0), "C": (1, 1)}


def test_without_the_clause_the_surplus_is_kept(tmp_path: Path) -> None:
    """The rule before 2018: B keeps 5 and is set aside; A and C share 7 (A 783.3, 313.3, 250 C, 188, 134.3,
    104.4, 100 C: A 5, C 2), so A's 6 are over too and set aside; C takes the 1 seat left: A 6, B 5, C 1."""
    contest = _outcome(tmp_path, _law(clause=""))
    assert _seats(contest)["D1"] == {"A": 3, "B": 3, "C": 0}
    assert _tier(contest) == {"C": (0, 1)}


def test_a_district_without_a_list_to_take_it_is_passed_over(tmp_path: Path) -> None:
    """D1 480 / 420 / 0: A 3, B 3 (as above; C has no votes). D2 (3 seats) 320 / 140 / 120: A 266.7, 106.7; B 116.7;
    C 100: A 2, B 1. D3 (2 seats) 220 / 140 / 120: A 183.3, B 116.7, C 100: A 1, B 1. The 12 on 1,020 / 700 / 240:
    A 850, 340, 204, 145.7, 113.3, 92.7; B 583.3, 233.3, 140, 100; C 200, 80 (before A's 78.5): A 6, B 4, C 2.
    B holds one beyond its share; its lowest quotient is D1's 84, but there A is at its share and C has no votes:
    D1 is passed over, and D2 (B's 140 / 1.2 = 116.7) returns it to C (120 / 1.2 = 100): D2 A 2, B 0, C 1."""
    votes = {"D1": (480, 420, 0), "D2": (320, 140, 120), "D3": (220, 140, 120)}
    contest = _outcome(tmp_path, _law(), votes)
    assert _seats(contest)["D1"] == {"A": 3, "B": 3, "C": 0}
    assert _seats(contest)["D2"] == {"A": 2, "B": 0, "C": 1}
    assert _tier(contest) == {"A": (6, 0), "B": (4, 0), "C": (1, 1)}


def test_districts_too_small_keep_the_surplus(tmp_path: Path) -> None:
    """`fewer than 7 seats`: no district may return (6, 3 and 2 seats); B keeps its 5 and the trace says so."""
    law = _law(clause=CLAUSE.replace("fewer than 3 seats", "fewer than 7 seats"))
    rules, data = write_files(tmp_path, _rows(VOTES), law)
    assert _seats(_outcome(tmp_path, law))["D1"] == {"A": 3, "B": 3, "C": 0}
    explained = run_cli("explain", rules, data).stdout
    assert "B keeps 1 district seat(s) beyond its share: no district may return them" in explained


def test_equal_lowest_quotients_are_a_lot(tmp_path: Path) -> None:
    """D1 480 / 420 / 100: A 3, B 3 (B's third at 420 / 5 = 84). D2 200 / 252 / 20: B 210, A 166.7, B 84 (C 16.7):
    A 1, B 2. D3 100 / 60 / 40: A 83.3, B 50: A 1, B 1. The 12 on 780 / 732 / 160: A 650, 260, 156, 111.4, 86.7,
    70.9; B 610, 244, 146.4, 104.6, 81.3; C 133.3 (the twelfth is A's 70.9, before B's 66.5): A 6, B 5, C 1.
    B holds 6: its lowest quotients are 84 in D1 and 252 / 3 = 84 in D2, equal: which district returns the seat is
    a lot."""
    votes = {"D1": (480, 420, 100), "D2": (200, 252, 20), "D3": (100, 60, 40)}
    contest = _outcome(tmp_path, _law(), votes)
    assert contest["status"] == "lot needed"
    rules, data = write_files(tmp_path, _rows(votes), _law())
    ran = run_cli("run", rules, data)
    said = " ".join(ran.stdout.split())  # the text output wraps its lines
    assert "which seat of B's surplus is returned, or to whom, is to be drawn by lot among D1, D2" in said


def test_the_step_is_said_in_each_language(tmp_path: Path) -> None:
    """The step in D1 names B's quotient 84 and C's 83.3 (100 / 1.2), in English, Russian and Kyrgyz."""
    rules, data = write_files(tmp_path, _rows(VOTES), _law())
    english = run_cli("explain", rules, data).stdout
    assert "its seat won with the lowest quotient here (84) goes to C" in english
    assert "(surplus return, riksdag at D1)" in english
    russian = run_cli("explain", rules, data, "--lang", "ru").stdout
    assert "переходит к C" in russian and "возврат излишка" in russian
    kyrgyz = run_cli("explain", rules, data, "--lang", "ky").stdout
    assert "C тизмесине өтөт" in kyrgyz


@pytest.mark.parametrize(
    ("law", "code", "message"),
    [
        (_law(adjustment=False), "E402", "has no adjustment seats"),
        (_law(method="hare quota and largest remainders"), "E406", "is not a divisor method"),
        (_law(method="adams divisors"), "E406", "has a first divisor 0"),
        (_law(clause=CLAUSE.replace("fewer than 3", "fewer than 1")), "E220", "excludes none"),
    ],
)
def test_what_the_clause_needs(tmp_path: Path, law: str, code: str, message: str) -> None:
    """Each refusal names the clause's line, where the clause is written."""
    rules, _ = write_files(tmp_path, [], law)
    checked = run_cli("check", rules)
    out = checked.stdout + checked.stderr
    line = law.splitlines().index(next(x for x in law.splitlines() if "surplus district" in x)) + 1
    assert checked.code == 1 and code in out and message in out and f"law.rules:{line}:" in out


def test_the_certificate_says_what_is_not_composed(tmp_path: Path) -> None:
    """The certificate re-checks what it can and names the step and the district's seats it does not."""
    rules, data = write_files(tmp_path, _rows(VOTES), _law())
    assert run_cli("certify", rules, data, "-o", str(tmp_path / "cert")).code == 0
    checked = run_cli("recheck", str(tmp_path / "cert"), "--rules", rules, "--results", data)
    assert checked.code == 0, checked.stdout + checked.stderr
    assert "witness not provided for surplus return" in checked.stdout
    assert "composition of the seats with surplus return" in checked.stdout


LAW, _ = load_law_text(_law(), "law.rules")
SIZES = {"D1": 6, "D2": 3, "D3": 2}


@settings(max_examples=120, deadline=None)
@given(st.lists(st.lists(st.integers(0, 600), min_size=3, max_size=3), min_size=3, max_size=3))
def test_what_the_returns_keep(table: list[list[int]]) -> None:
    """On any votes (about two draws in five return a seat): each district keeps its number of seats; where the
    outcome is final, every list that passes the tier stays in it and ends with exactly its share of all the
    seats, unless the trace says it keeps a surplus no district could return (without the clause, a list over its
    share is set aside instead, and the first assertion fails)."""
    votes = {unit: (row[0], row[1], row[2]) for unit, row in zip(SIZES, table, strict=True)}
    with tempfile.TemporaryDirectory() as folder:
        outcome = outcome_of(LAW, write_csv(Path(folder) / "results.csv", _rows(votes)))
    contest = outcome.contests[0]
    if contest.status != Status.ELECTED:
        return
    for unit in contest.units:
        assert sum(s.seats or 0 for s in unit.selections) == SIZES[unit.unit]
    kept = {s.decision.selection for s in outcome.trace if isinstance(s.decision, SurplusKept)}
    totals = {name: sum(row[i] for row in table) for i, name in enumerate("ABC")}
    passing = {name for name, total in totals.items() if total * 100 >= 4 * sum(totals.values())}
    assert passing - kept <= {tier.selection for tier in contest.adjustment}  # none set aside with its surplus
    for tier in contest.adjustment:
        if tier.selection not in kept:
            assert tier.district_seats <= tier.entitlement
            assert tier.district_seats + tier.adjustment_seats == tier.entitlement

"""Seats a list short of candidates cannot fill, handed down the round's remainders (Lithuania, Election Code
Art. 170(6): `lists short of candidates, excess to the next largest remainders`). Every figure is worked by hand
in the docstrings: 10 seats, the Hare quota of 1,000 votes over 10 = 100."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli
from support.builders import PREAMBLE, write_files

CLAUSE = "  lists short of candidates, excess to the next largest remainders   [act Art. 170(6)]\n"


def _law(clause: str = CLAUSE, method: str = "hare quota and largest remainders", extra: str = "") -> str:
    return (
        PREAMBLE
        + f"""
level nation
count valid_votes on nation   [act Art. 1]
votes on nation   [act Art. 1]

contest tier "List tier"
  lists compete in the nation   [act Art. 2]
  seats 10   [act Art. 2]
  allocate by {method}   [act Art. 170(1)-(4)]
  ties broken by ballot order   [act Art. 170(5)]
{clause}{extra}  valid at any turnout   [act Art. 3]
end
"""
    )


def _rows(votes: dict[str, int], candidates: dict[str, int], extra: tuple[str, ...] = ()) -> list[str]:
    rows = [f"nation,N,,valid_votes,,{sum(votes.values())},"]
    rows += [f"nation,N,,votes,{name},{value}," for name, value in votes.items()]
    rows += [f"nation,N,,candidates,{name},{value}," for name, value in candidates.items()]
    return rows + list(extra)


def _seats(tmp_path: Path, law: str, rows: list[str]) -> dict[str, Any]:
    ran = run_cli("run", *write_files(tmp_path, rows, law), "--json")
    assert ran.code in (0, 1), ran.stderr
    unit: dict[str, Any] = json.loads(ran.stdout)["contests"][0]["units"][0]
    return unit


def test_first_to_the_lists_without_a_seat_left_over_then_down_again(tmp_path: Path) -> None:
    """A 800, B 160, C 40: A 8, B 1 (remainder 60), C 0 (40); the seat left over to B. A has 5 candidates: its 3
    seats go to C (no seat left over yet), then B (60) and C (40) again: A 5, B 3, C 2."""
    unit = _seats(tmp_path, _law(), _rows({"A": 800, "B": 160, "C": 40}, {"A": 5}))
    assert {s["id"]: s["seats"] for s in unit["selections"]} == {"A": 5, "B": 3, "C": 2}


def test_the_other_way_shares_them_by_a_new_quota(tmp_path: Path) -> None:
    """`excess redistributed`: B and C share the 5 seats A cannot fill by a new quota (200 / 5 = 40): B 4, C 1."""
    law = _law(clause=CLAUSE.replace("excess to the next largest remainders", "excess redistributed"))
    unit = _seats(tmp_path, law, _rows({"A": 800, "B": 160, "C": 40}, {"A": 5}))
    assert {s["id"]: s["seats"] for s in unit["selections"]} == {"A": 5, "B": 4, "C": 1}


def test_a_list_takes_no_more_than_its_own_candidates(tmp_path: Path) -> None:
    """As the first, but C has 1 candidate: C +1 (first pass), B +1; the third seat would go to C again, which has
    no one left, so B takes it: A 5, B 4, C 1; with B at 3 candidates too, the last seat stays vacant."""
    unit = _seats(tmp_path, _law(), _rows({"A": 800, "B": 160, "C": 40}, {"A": 5, "C": 1}))
    assert {s["id"]: s["seats"] for s in unit["selections"]} == {"A": 5, "B": 4, "C": 1}
    unit = _seats(tmp_path, _law(), _rows({"A": 800, "B": 160, "C": 40}, {"A": 5, "B": 3, "C": 1}))
    assert {s["id"]: s["seats"] for s in unit["selections"]} == {"A": 5, "B": 3, "C": 1}


def test_equal_remainders_go_to_the_tie_rule(tmp_path: Path) -> None:
    """A 800, B 100, C 50, D 50: quota 100; A 8, B 1, C 0 (50), D 0 (50); the 1 seat left over: C and D tie at 50
    for it, ballot order gives it to C (ballot number 1): A 8, B 1, C 1. A has 7: its seat goes first to the
    lists with no seat left over, D (50) and B (0): D: A 7, B 1, C 1, D 1."""
    rows = _rows(
        {"A": 800, "B": 100, "C": 50, "D": 50},
        {"A": 7},
        ("nation,N,,ballot_number,C,1,", "nation,N,,ballot_number,D,2,", "nation,N,,ballot_number,B,3,"),
    )
    rows.append("nation,N,,ballot_number,A,4,")
    unit = _seats(tmp_path, _law(), rows)
    assert {s["id"]: s["seats"] for s in unit["selections"]} == {"A": 7, "B": 1, "C": 1, "D": 1}


@pytest.mark.parametrize(
    ("law", "message"),
    [
        (_law(method="d'hondt divisors"), "ranks no remainders"),
        (_law(extra="  cap 6 seats per list, excess redistributed   [act Art. 4]\n"), "a cap changes the round"),
        (
            _law(clause="  cap 6 seats per list, excess to the next largest remainders   [act Art. 4]\n"),
            "only the seats a list short of candidates cannot fill",
        ),
    ],
)
def test_what_it_needs(tmp_path: Path, law: str, message: str) -> None:
    """E406, at the clause: a method without remainders, a cap beside it, or a cap written so."""
    rules, _ = write_files(tmp_path, [], law)
    checked = run_cli("check", rules)
    out = checked.stdout + checked.stderr
    assert checked.code == 1 and "E406" in out and message in out


def test_the_trace_and_the_certificate(tmp_path: Path) -> None:
    """The step names the remainders and what each list took, in three languages; the certificate says the unit's
    seats are not composed, and re-checks the rest."""
    rules, data = write_files(tmp_path, _rows({"A": 800, "B": 160, "C": 40}, {"A": 5}), _law())
    english = run_cli("explain", rules, data).stdout
    assert "A held at 5 (its 5 candidate(s)); the seats they cannot fill go down the remainders: B +1, C +2" in english
    assert "(handed down, tier at N)" in english
    assert "передача по остаткам" in run_cli("explain", rules, data, "--lang", "ru").stdout
    assert "калдыктар боюнча өтөт" in run_cli("explain", rules, data, "--lang", "ky").stdout
    assert run_cli("certify", rules, data, "-o", str(tmp_path / "cert")).code == 0
    checked = run_cli("recheck", str(tmp_path / "cert"), "--rules", rules, "--results", data)
    assert checked.code == 0, checked.stdout + checked.stderr
    assert "the composition of the seats with handed down" in checked.stdout

"""The tie rule `younger candidate` (Italy, D.P.R. 361/1957, Art. 77(1)(b) as amended by Law 165/2017: with equal
votes in a single-member constituency the younger candidate is elected): the results rank the candidates by age
with `age_order` (1 the oldest), as for `older candidate`, and the rule reads that order from the other end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ballotlaw.certify.build import build, seal
from ballotlaw.recheck import check_certificate
from conftest import run_cli
from support.builders import PREAMBLE, write_files


def _law(rule: str) -> str:
    return (
        PREAMBLE
        + f"""
level district   [act Art. 1]
votes on district   [act Art. 2]

contest seat "One seat per constituency"
  candidates compete in every district   [act Art. 1]
  seats 1   [act Art. 1]
  elect by plurality   [act Art. 77]
  ties broken by {rule}   [act Art. 77(1)(b)]
  valid at any turnout   [act Art. 3]
end
"""
    )


#: A and B tie at 400 for the seat; A is the older (age order 1), B the younger (2); C trails.
TIED = [
    "district,D1,,votes,A,400,",
    "district,D1,,votes,B,400,",
    "district,D1,,votes,C,100,",
    "district,D1,,age_order,A,1,",
    "district,D1,,age_order,B,2,",
    "district,D1,,age_order,C,3,",
]


def _unit(tmp_path: Path, rule: str, rows: list[str]) -> dict[str, Any]:
    ran = run_cli("run", *write_files(tmp_path, rows, _law(rule)), "--json")
    assert ran.code in (0, 1), ran.stderr
    unit: dict[str, Any] = json.loads(ran.stdout)["contests"][0]["units"][0]
    return unit


@pytest.mark.parametrize(("rule", "winner"), [("younger candidate", "B"), ("older candidate", "A")])
def test_the_age_order_decides_from_either_end(tmp_path: Path, rule: str, winner: str) -> None:
    """400 each for A (the oldest) and B: the younger rule elects B, the older rule A."""
    unit = _unit(tmp_path, rule, TIED)
    assert unit["status"] == "elected"
    assert [s["id"] for s in unit["selections"] if s["elected"]] == [winner]


def test_without_the_age_order_no_one_is_elected(tmp_path: Path) -> None:
    """The results do not give B's age: the tie is not broken, and the seat is not evaluated (never a guess)."""
    unit = _unit(tmp_path, "younger candidate", [r for r in TIED if "age_order,B" not in r])
    assert unit["status"] == "provisional"
    assert [s["id"] for s in unit["selections"] if s["elected"]] == []


def test_in_a_count_of_ranked_ballots_it_is_refused(tmp_path: Path) -> None:
    """Counts of ranked ballots know the age order from the oldest only: the rule is refused there, by name."""
    law = _law("younger candidate").replace("elect by plurality", "elect by instant runoff")
    rules, _ = write_files(tmp_path, [], law)
    checked = run_cli("check", rules)
    assert checked.code == 1 and "younger candidate" in checked.stdout + checked.stderr


def test_the_certificate_re_decides_the_tie(tmp_path: Path) -> None:
    """The tie witness names the rule and each tied candidate's age order; the checker gives the seat to B again,
    and a witness that gives it to A is found."""
    rules, data = write_files(tmp_path, TIED, _law("younger candidate"))
    assert run_cli("certify", rules, data, "-o", str(tmp_path / "cert")).code == 0
    checked = run_cli("recheck", str(tmp_path / "cert"), "--rules", rules, "--results", data)
    assert checked.code == 0, checked.stdout + checked.stderr
    certificate, _ = build(rules, data)
    forged = json.loads(certificate.data)
    (witness,) = [w for w in forged["witnesses"] if isinstance(w.get("tie"), dict)]
    assert witness["tie"]["values"] == {
        "A": {"lot": None, "younger candidate": 1},
        "B": {"lot": None, "younger candidate": 2},
    }
    witness["tie"]["winners"] = ["A"]
    assert check_certificate(seal(forged).data).failures != []

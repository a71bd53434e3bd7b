"""A tie rule that ranks by the votes in the whole country, in a contest decided in every district (Latvia, Saeima
Election Law Art. 38(2): equal quotients for a constituency's last seat go to the list with the most votes in all
constituencies). D1 elects 12 by Sainte-Laguë: A 500, B 500, C 300 give A 4, B 4, C 3, and A's and B's fifth
quotients, 500 / 9, are equal for the twelfth seat."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ballotlaw.certify.build import build, seal
from ballotlaw.recheck import check_certificate
from conftest import run_cli
from support.builders import PREAMBLE, write_files

LAW = (
    PREAMBLE
    + """
level nation
level district   [act Art. 1]
count valid_votes on nation, district   [act Art. 1]
votes on nation, district, may be not published   [act Art. 1]

contest house "House"
  lists compete in every district   [act Art. 2]
  seats 12 in "D1"   [act Art. 2]
  threshold at least 5% of valid_votes nationally   [act Art. 3]
  allocate by sainte-lague divisors   [act Art. 4]
  ties broken by {rule}   [act Art. 4]
  valid at any turnout   [act Art. 5]
end
"""
)
DISTRICT = ["district,D1,N,valid_votes,,1300,", "district,D1,N,votes,A,500,", "district,D1,N,votes,B,500,"]
DISTRICT += ["district,D1,N,votes,C,300,"]


def _rows(a: int | str, b: int | str) -> list[str]:
    nation = ["nation,N,,valid_votes,,3000,", f"nation,N,,votes,A,{a},", f"nation,N,,votes,B,{b},"]
    return [*nation, "nation,N,,votes,C,450,", *DISTRICT]


def _unit(tmp_path: Path, rule: str, rows: list[str]) -> dict[str, Any]:
    ran = run_cli("run", *write_files(tmp_path, rows, LAW.format(rule=rule)), "--json")
    assert ran.code in (0, 1), ran.stderr
    unit: dict[str, Any] = json.loads(ran.stdout)["contests"][0]["units"][0]
    return unit


def test_the_nations_votes_decide(tmp_path: Path) -> None:
    """A has 1,300 votes in the country, B 1,250: A takes the twelfth seat; with B ahead, B does."""
    unit = _unit(tmp_path, "more votes nationally, then lot", _rows(1300, 1250))
    assert {s["id"]: s["seats"] for s in unit["selections"]} == {"A": 5, "B": 4, "C": 3}
    (tmp_path / "b").mkdir()
    unit = _unit(tmp_path / "b", "more votes nationally, then lot", _rows(1250, 1300))
    assert {s["id"]: s["seats"] for s in unit["selections"]} == {"A": 4, "B": 5, "C": 3}


def test_the_districts_votes_would_not(tmp_path: Path) -> None:
    """`more votes` compares the district's votes, 500 each: the tie goes on to the lot."""
    unit = _unit(tmp_path, "more votes, then lot", _rows(1300, 1250))
    assert unit["status"] == "lot needed"


def test_without_the_nations_votes_nothing_is_guessed(tmp_path: Path) -> None:
    """B's votes in the country not published: the twelfth seat is not given."""
    unit = _unit(tmp_path, "more votes nationally, then lot", _rows(1300, "not published"))
    assert {s["id"]: s["seats"] for s in unit["selections"]}["A"] == 4
    assert unit["status"] != "elected"


def test_the_certificate(tmp_path: Path) -> None:
    """The tie witness gives each list's votes in the country; the checker gives the seat to A, and finds a
    witness that gives it to B."""
    rules, data = write_files(tmp_path, _rows(1300, 1250), LAW.format(rule="more votes nationally, then lot"))
    certificate, _ = build(rules, data)
    assert check_certificate(certificate.data).failures == []
    forged = json.loads(certificate.data)
    (seats,) = [w for w in forged["witnesses"] if w.get("type") == "seats"]
    (tie,) = [stage for stage in seats["stages"] if stage["stage"] == "tie"]
    assert tie["values"]["A"]["more votes nationally"] == 1300 and tie["winners"] == ["A"]
    tie["winners"] = ["B"]
    assert check_certificate(seal(forged).data).failures != []

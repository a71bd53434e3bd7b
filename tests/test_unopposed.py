"""An election without a poll (`elected without a poll if the candidates are no more than the seats`, as the
Representation of the People Act 1951 of India, s. 53(2), has it): the candidates standing are elected where they
are no more than the seats, whatever the votes (the data writes them `no poll`); a poll decides everywhere else;
without the clause nothing is elected on absent votes; the certificate witnesses it and the checker re-decides."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ballotlaw.certify.build import build, seal
from ballotlaw.recheck import check_certificate
from conftest import run_cli
from support.builders import PREAMBLE, write_files

CLAUSE = "  elected without a poll if the candidates are no more than the seats   [act s. 53(2)]\n"


def _law(clause: str = CLAUSE, seats: int = 1) -> str:
    return (
        PREAMBLE
        + f"""
level district   [act s. 1]
votes on district   [act s. 2]

contest members "Members"
  candidates compete in every district   [act s. 3]
  seats {seats}   [act s. 3]
{clause}  elect by plurality   [act s. 4]
  ties broken by lot   [act s. 5]
  valid at any turnout   [act s. 6]
end
"""
    )


POLLED = ["district,D1,,votes,A,300,", "district,D1,,votes,B,200,"]
UNOPPOSED = ["district,D2,,votes,C,no poll,"]


def _units(tmp_path: Path, rows: list[str], law: str) -> dict[str, dict[str, Any]]:
    ran = run_cli("run", *write_files(tmp_path, rows, law), "--json")
    assert ran.code in (0, 1), ran.stderr
    outcome = json.loads(ran.stdout)
    return {u["unit"]: u for u in outcome["contests"][0]["units"]}


def test_the_only_candidate_is_elected_without_a_poll(tmp_path: Path) -> None:
    """D2 has one candidate for one seat and no votes: C is elected; D1 is decided by its poll."""
    units = _units(tmp_path, POLLED + UNOPPOSED, _law())
    assert units["D2"]["status"] == "elected"
    assert [(s["id"], s["elected"], s["votes_status"]) for s in units["D2"]["selections"]] == [("C", True, "absent")]
    assert [s["id"] for s in units["D1"]["selections"] if s["elected"]] == ["A"]


def test_without_the_clause_absent_votes_elect_no_one(tmp_path: Path) -> None:
    """The same data under a law that does not say so: D2's winner is not evaluated, never assumed."""
    units = _units(tmp_path, POLLED + UNOPPOSED, _law(clause=""))
    assert units["D2"]["status"] == "provisional"
    assert all(s["elected"] is None for s in units["D2"]["selections"])


def test_fewer_candidates_than_seats_are_all_elected(tmp_path: Path) -> None:
    """Two candidates for three seats: both elected, the third seat stays unfilled."""
    rows = ["district,D1,,votes,A,no poll,", "district,D1,,votes,B,no poll,"]
    units = _units(tmp_path, rows, _law(seats=3))
    assert units["D1"]["status"] == "elected"
    assert [s["id"] for s in units["D1"]["selections"] if s["elected"]] == ["A", "B"]


def test_more_candidates_than_seats_need_a_poll(tmp_path: Path) -> None:
    """Two candidates for one seat without votes: the clause does not apply and the winner is not evaluated."""
    rows = ["district,D1,,votes,A,no poll,", "district,D1,,votes,B,no poll,"]
    units = _units(tmp_path, rows, _law())
    assert units["D1"]["status"] == "provisional"


def test_a_cancelled_registration_leaves_one_standing(tmp_path: Path) -> None:
    """B's registration is cancelled: A alone stands for the seat and is elected without a poll."""
    rows = [
        "district,D1,,votes,A,no poll,",
        "district,D1,,votes,B,no poll,",
        "district,D1,,registration_cancelled,B,1,",
    ]
    units = _units(tmp_path, rows, _law())
    assert units["D1"]["status"] == "elected"
    assert {s["id"]: s["elected"] for s in units["D1"]["selections"]} == {"A": True, "B": False}


def test_the_step_says_why_in_each_language(tmp_path: Path) -> None:
    """The trace states the candidates and seats it compared, and the clause's citation."""
    rules, data = write_files(tmp_path, POLLED + UNOPPOSED, _law())
    ran = run_cli("explain", rules, data)
    assert "elected without a poll: C (candidates 1, seats 1)" in ran.stdout
    assert "members.unopposed" in ran.stdout and "act s. 53(2)" in ran.stdout
    russian = run_cli("explain", rules, data, "--lang", "ru")
    assert "elected without a poll" not in russian.stdout and "C" in russian.stdout


def test_the_clause_is_for_contests_of_candidates(tmp_path: Path) -> None:
    """In a contest of lists the clause is refused with a diagnostic naming it."""
    law = _law().replace("candidates compete in every district", "lists compete in every district")
    law = law.replace("  elect by plurality   [act s. 4]\n", "  allocate by d'hondt divisors   [act s. 4]\n")
    rules, _ = write_files(tmp_path, POLLED, law)
    checked = run_cli("check", rules)
    assert checked.code == 1
    assert "election without a poll" in checked.stdout + checked.stderr


def test_the_certificate_witnesses_it_and_a_forgery_is_found(tmp_path: Path) -> None:
    """The witness states the candidates and seats; the checker holds it; a witness that leaves out a candidate
    standing, or claims an election without a poll where two stand for one seat, is refused."""
    rules, data = write_files(tmp_path, POLLED + UNOPPOSED, _law())
    assert run_cli("certify", rules, data, "-o", str(tmp_path / "cert")).code == 0
    checked = run_cli("recheck", str(tmp_path / "cert"), "--rules", rules, "--results", data)
    assert checked.code == 0, checked.stdout + checked.stderr
    document = json.loads((tmp_path / "cert" / "certificate.json").read_text(encoding="utf-8"))
    (witness,) = [w for w in document["witnesses"] if w.get("unopposed") is True]
    assert witness["candidates"] == witness["elected"] == ["C"] and witness["seats"] == 1

    rows = [*POLLED, *UNOPPOSED, "district,D2,,votes,E,no poll,"]
    rules, data = write_files(tmp_path, rows, _law(seats=2))
    certificate, _ = build(rules, data)
    forged = json.loads(certificate.data)
    witness = next(w for w in forged["witnesses"] if w.get("unopposed") is True)
    witness["candidates"], witness["elected"], witness["votes"] = ["C"], ["C"], {"C": None}
    assert check_certificate(seal(forged).data).failures != []
    witness["candidates"], witness["elected"], witness["seats"] = ["C", "E"], ["C", "E"], 1
    witness["votes"] = {"C": None, "E": None}
    assert check_certificate(seal(forged).data).failures != []

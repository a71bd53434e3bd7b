"""Terms of conditions about candidates. `the number of candidates` and the rule it states (Belarus, Electoral Code
Arts. 82 and 87): a sole candidate is elected only with more than half of the votes of those who took part, else
the district votes again. `the margin for the last seat` (Croatia's minorities): a tie voted on again only where it
decides the last of the unit's seats. Each figure below is worked by hand in its test's docstring."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ballotlaw.certify.build import build, seal
from ballotlaw.recheck import check_certificate
from conftest import run_cli
from support.builders import PREAMBLE, write_files

CLAUSE = (
    "  sole: rerun if the number of candidates = 1 and votes of the leading candidate <= 50% of voters_took_part"
    "   [act Art. 82]\n"
)


def _law(clause: str = CLAUSE) -> str:
    return (
        PREAMBLE
        + f"""
level district   [act Art. 1]
count voters_took_part on district   [act Art. 2]
votes on district, may be not published   [act Art. 2]

contest deputy "Deputy"
  candidates compete in every district   [act Art. 3]
  seats 1   [act Art. 3]
  elect by plurality   [act Art. 82]
{clause}  ties broken by lot   [act Art. 4]
  valid at any turnout   [act Art. 5]
end
"""
    )


def _units(tmp_path: Path, rows: list[str], law: str | None = None) -> dict[str, dict[str, Any]]:
    ran = run_cli("run", *write_files(tmp_path, rows, law or _law()), "--json")
    assert ran.code in (0, 1), ran.stderr
    return {u["unit"]: u for u in json.loads(ran.stdout)["contests"][0]["units"]}


def _district(unit: str, took_part: int | str, *votes: tuple[str, int | str]) -> list[str]:
    rows = [f"district,{unit},,voters_took_part,,{took_part},"]
    return rows + [f"district,{unit},,votes,{name},{value}," for name, value in votes]


def _elected(unit: dict[str, Any]) -> list[str]:
    return [s["id"] for s in unit["selections"] if s["elected"]]


def test_a_sole_candidate_needs_more_than_half_of_those_who_took_part(tmp_path: Path) -> None:
    """D1: A alone, 3,001 of 6,000 (more than 3,000): elected. D2: A alone, 3,000 of 6,000 (exactly half, not
    more): a repeat election. D3: two candidates, 2,900 and 2,800 of 6,000: the clause does not apply (2 != 1)
    and plurality elects A with less than half."""
    rows = _district("D1", 6000, ("A", 3001))
    rows += _district("D2", 6000, ("A", 3000))
    rows += _district("D3", 6000, ("A", 2900), ("B", 2800))
    units = _units(tmp_path, rows)
    assert (units["D1"]["status"], _elected(units["D1"])) == ("elected", ["A"])
    assert units["D2"]["status"] == "rerun" and _elected(units["D2"]) == []
    assert (units["D3"]["status"], _elected(units["D3"])) == ("elected", ["A"])


def test_without_the_clause_the_sole_candidate_is_elected_by_plurality(tmp_path: Path) -> None:
    """The same D2 under a law without the clause: A's 3,000 are the most votes, so A is elected."""
    units = _units(tmp_path, _district("D2", 6000, ("A", 3000)), _law(clause=""))
    assert (units["D2"]["status"], _elected(units["D2"])) == ("elected", ["A"])


def test_a_cancelled_registration_still_counts_as_on_the_ballot(tmp_path: Path) -> None:
    """A 2,000 and B 1,000 of 6,000, B's registration cancelled after the vote: two stood on the ballot, so the
    vote was not on one candidate and the clause does not hold; A is elected by plurality with a third."""
    rows = [*_district("D1", 6000, ("A", 2000), ("B", 1000)), "district,D1,,registration_cancelled,B,1,"]
    units = _units(tmp_path, rows)
    assert (units["D1"]["status"], _elected(units["D1"])) == ("elected", ["A"])


def test_a_vote_not_published_leaves_it_not_evaluated(tmp_path: Path) -> None:
    """A alone with votes not published (at most 6,000): 3,000 or fewer would order a repeat election, more would
    elect; nothing is assumed, so the district is not final."""
    units = _units(tmp_path, _district("D1", 6000, ("A", "not published")))
    assert units["D1"]["status"] != "elected" and _elected(units["D1"]) == []


def test_bounds_decide_it_where_they_can(tmp_path: Path) -> None:
    """A alone with votes not published, at least 3,100 of 6,000: more than half whatever the figure, so no
    repeat election is ordered; the winner's exact votes are still unknown, so A's election follows plurality."""
    rules, data = write_files(tmp_path, _district("D1", 6000, ("A", "not published (at least 3100)")), _law())
    ran = run_cli("explain", rules, data)
    assert "deputy.sole" in ran.stdout
    assert "is false" in ran.stdout and "no repeat election" in ran.stdout


@pytest.mark.parametrize(
    ("competes", "method"),
    [
        ("lists compete in every district", "allocate by d'hondt divisors"),
        ("options compete in every district", 'approve "yes" if votes for "yes" > 50% of voters_took_part'),
    ],
)
def test_the_term_is_for_contests_of_candidates(tmp_path: Path, competes: str, method: str) -> None:
    """In a contest of lists or of options the term is E406 at its own place (line 17 of the file, column 12)."""
    law = _law().replace("candidates compete in every district", competes)
    law = law.replace("  elect by plurality   [act Art. 82]\n", f"  {method}   [act Art. 82]\n")
    law = law.replace("votes of the leading candidate <= 50% of voters_took_part", "voters_took_part > 0")
    rules, _ = write_files(tmp_path, [], law)
    checked = run_cli("check", rules)
    out = checked.stdout + checked.stderr
    assert checked.code == 1
    line = law.splitlines().index(next(x for x in law.splitlines() if "the number of candidates" in x)) + 1
    assert f"law.rules:{line}:" in out and "E406" in out and "only candidates are counted" in out


def test_the_step_names_the_count_in_each_language(tmp_path: Path) -> None:
    """The trace gives the number counted and the votes compared, in English, Russian and Kyrgyz."""
    rules, data = write_files(tmp_path, _district("D2", 6000, ("A", 3000)), _law())
    english = run_cli("explain", rules, data).stdout
    assert "number of candidates = 1" in english and "votes of the leading candidate = 3000" in english
    russian = run_cli("explain", rules, data, "--lang", "ru").stdout
    assert "число кандидатов = 1" in russian and "голоса ведущего кандидата = 3\u00a0000" in russian
    kyrgyz = run_cli("explain", rules, data, "--lang", "ky").stdout
    assert "талапкерлердин саны = 1" in kyrgyz


def test_the_certificate_witnesses_the_condition(tmp_path: Path) -> None:
    """The repeat election's condition is witnessed with the values of its comparisons (1 = 1; 3,000 <= 3,000)
    and the checker re-decides it; a witness whose count says 2 no longer holds the rerun."""
    rules, data = write_files(tmp_path, _district("D2", 6000, ("A", 3000)), _law())
    assert run_cli("certify", rules, data, "-o", str(tmp_path / "cert")).code == 0
    checked = run_cli("recheck", str(tmp_path / "cert"), "--rules", rules, "--results", data)
    assert checked.code == 0, checked.stdout + checked.stderr
    document = json.loads((tmp_path / "cert" / "certificate.json").read_text(encoding="utf-8"))
    (witness,) = [w for w in document["witnesses"] if w.get("clause") == "deputy.sole"]
    first, second = witness["condition"]["all"]
    assert (first["compare"]["left"], first["compare"]["right"]) == (1, 1)
    assert (second["compare"]["left"], second["compare"]["right"]) == (3000, 3000)

    certificate, _ = build(rules, data)
    forged = json.loads(certificate.data)
    witness = next(w for w in forged["witnesses"] if w.get("clause") == "deputy.sole")
    witness["condition"]["all"][0]["compare"]["left"] = 2
    assert check_certificate(seal(forged).data).failures != []


MINORITY = """
level minority   [act Art. 1]
votes on minority   [act Art. 2]

contest minorities "Minorities"
  candidates compete in every minority   [act Art. 3]
  seats 3 in "S", 1 in "H"   [act Art. 3]
  elect by plurality   [act Art. 17]
  tie: rerun if the margin for the last seat = 0   [act Art. 43]
  ties broken by lot   [act Art. 43]
  valid at any turnout   [act Art. 4]
end
"""


@pytest.mark.parametrize(
    ("votes", "status"),
    [
        ({"A": 500, "B": 500, "C": 300, "D": 200}, "elected"),  # the top two tie, both elected: 300 - 200 = 100
        ({"A": 500, "B": 400, "C": 300, "D": 300}, "rerun"),  # C and D tie for the third seat: 300 - 300 = 0
        ({"A": 500, "B": 400, "C": 300}, "elected"),  # no one left out: 300 - 0
    ],
)
def test_the_margin_for_the_last_seat(tmp_path: Path, votes: dict[str, int], status: str) -> None:
    """Croatia's minorities (Art. 43 of the 2003 Act): a tie is voted on again only where it decides the last of
    the unit's seats; a unit of one seat is `the margin` itself (H: 400 and 400, a repeat election)."""
    rows = [f"minority,S,,votes,{name},{value}," for name, value in votes.items()]
    rows += ["minority,H,,votes,X,400,", "minority,H,,votes,Y,400,"]
    ran = run_cli("run", *write_files(tmp_path, rows, PREAMBLE + MINORITY), "--json")
    units = {u["unit"]: u for u in json.loads(ran.stdout)["contests"][0]["units"]}
    assert units["S"]["status"] == status and units["H"]["status"] == "rerun"
    english = run_cli("explain", *write_files(tmp_path, rows, PREAMBLE + MINORITY)).stdout
    assert "margin for the last seat = " in english
    russian = run_cli("explain", *write_files(tmp_path, rows, PREAMBLE + MINORITY), "--lang", "ru").stdout
    assert "разрыв за последний мандат = " in russian


def test_the_margin_for_the_last_seat_is_for_candidates(tmp_path: Path) -> None:
    """In a contest of lists the term is E406 (lists are not elected to seats in turn)."""
    law = (PREAMBLE + MINORITY).replace("candidates compete in every minority", "lists compete in every minority")
    law = law.replace("elect by plurality", "allocate by d'hondt divisors")
    rules, _ = write_files(tmp_path, [], law)
    checked = run_cli("check", rules)
    assert checked.code == 1 and "are elected to seats in turn" in checked.stdout + checked.stderr

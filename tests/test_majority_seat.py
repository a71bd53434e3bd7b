"""The seat given last to a list with a majority of the votes (the Netherlands, Kieswet Art. P 9): issue 14's
constructs real laws use. Every figure below is worked by hand in its docstring."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ballotlaw.certify.build import build, seal
from ballotlaw.recheck import check_certificate
from conftest import run_cli
from support.builders import PREAMBLE

P9 = "a list with more than 50% of valid_votes but at most 50% of the seats takes the seat given last to another list"
LAW = (
    PREAMBLE  # no braces: the template below formats only its own fields
    + """
level nation
level district   [act Art. 2]
count valid_votes on nation, district, may be not published   [act Art. 3]
votes on nation, district   [act Art. 3]

contest house "The house"
  lists compete {where}   [act Art. 4]
  seats {seats}   [act Art. 4]
  allocate by {method}   [act Art. 6]
  {p9}   [act Art. 9]
  ties broken by {ties}   [act Art. 7]
  valid at any turnout   [act Art. 8]
end
"""
)

HIGHEST_AVERAGES = "hare quota and highest averages"


def _files(
    tmp_path: Path,
    rows: list[str],
    seats: int = 10,
    method: str = HIGHEST_AVERAGES,
    where: str = "in the nation",
    ties: str = "lot",
) -> list[str]:
    law = tmp_path / "law.rules"
    law.write_text(LAW.format(seats=seats, method=method, where=where, ties=ties, p9=P9), encoding="utf-8")
    data = tmp_path / "results.csv"
    data.write_text("level,unit,parent,count,selection,value,source\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return [str(law), str(data)]


def _nation(valid: int | str, **votes: int) -> list[str]:
    return [f"nation,N,,valid_votes,,{valid},", *(f"nation,N,,votes,{k},{v}," for k, v in votes.items())]


def _run(files: list[str]) -> dict[str, Any]:
    ran = run_cli("run", *files, "--json")
    assert ran.code in (0, 1), ran.stderr
    found: dict[str, Any] = json.loads(ran.stdout)
    return found


def _seats(outcome: dict[str, Any], unit: int = 0) -> dict[str, int]:
    return {s["id"]: s["seats"] for s in outcome["contests"][0]["units"][unit]["selections"]}


def test_the_seat_given_last_by_the_divisors_passes(tmp_path: Path) -> None:
    """D'Hondt, 2 seats: A 51 (the first seat), then B's 49 before A's 25.5. A has a majority of the votes and 1 of
    2 seats: B's seat, the one given last, passes to A."""
    outcome = _run(_files(tmp_path, _nation(100, A=51, B=49), seats=2, method="d'hondt divisors"))
    assert _seats(outcome) == {"A": 2, "B": 0}
    assert outcome["status"] == "elected"


def test_the_last_of_the_seats_left_over_passes_not_the_first(tmp_path: Path) -> None:
    """Quota 100: full quotas A 5, B 1, C 1, D 1; B (95) then C (85, before A's 84.2): C's seat passes, not B's."""
    files = _files(tmp_path, _nation(1000, A=505, B=190, C=170, D=135))
    assert _seats(_run(files)) == {"A": 6, "B": 2, "C": 1, "D": 1}
    explained = run_cli("explain", *files).stdout
    assert "the seat given last to another list, C's, passes to it" in explained
    assert "A: passed: 505 > 50% of 1000" in explained


def test_largest_remainders_the_seat_of_the_smallest_remainder_given(tmp_path: Path) -> None:
    """8 seats, quota 125: full quotas A 4 (remainder 20), B 2 (50), C 1 (55); the eighth seat to C's 55. A has 52%
    of the votes and 4 of 8 seats: C's seat passes. With A 560, B 300, C 140, A's 4 full quotas and the seat of
    its remainder 60 (before B's 50 and C's 15) give it 5 of 8: nothing passes."""
    method = "hare quota and largest remainders"
    assert _seats(_run(_files(tmp_path, _nation(1000, A=520, B=300, C=180), 8, method))) == {"A": 5, "B": 2, "C": 1}
    assert _seats(_run(_files(tmp_path, _nation(1000, A=560, B=300, C=140), 8, method))) == {"A": 5, "B": 2, "C": 1}


def test_equal_claims_for_the_last_seat_are_the_tie_rules(tmp_path: Path) -> None:
    """4 seats, quota 25: full quotas A 2 (52), B 0, C 0; the two left to B and C (24 each, before A's 17.3). A
    holds 2 of 4: the seat given last is B's or C's, equal claims: the law's lot decides which one A takes."""
    outcome = _run(_files(tmp_path, _nation(100, A=52, B=24, C=24), seats=4))
    assert outcome["status"] == "lot needed"
    unit = outcome["contests"][0]["units"][0]
    assert unit["tied"] == ["B", "C"]
    assert _seats(outcome)["A"] == 3
    explained = run_cli("explain", *_files(tmp_path, _nation(100, A=52, B=24, C=24), seats=4)).stdout
    assert "the tie rule decides whose it was" in explained


def test_exactly_half_the_votes_is_not_a_majority(tmp_path: Path) -> None:
    """A 500 of 1,000 is not more than 50%: full quotas give A 5, B 3, C 2 and nothing passes."""
    assert _seats(_run(_files(tmp_path, _nation(1000, A=500, B=300, C=200)))) == {"A": 5, "B": 3, "C": 2}


def test_a_base_not_published_leaves_the_seats_provisional(tmp_path: Path) -> None:
    """The valid votes are not published (and not bounded enough): whether A (505 of the lists' 1,000 votes) has
    more than half of them is open, so the seats are provisional and the base is named as missing."""
    outcome = _run(_files(tmp_path, _nation("not published", A=505, B=190, C=170, D=135)))
    unit = outcome["contests"][0]["units"][0]
    assert unit["status"] == "provisional"
    assert any("valid_votes" in str(r["missing"]) for r in unit["reasons"])
    assert "used only by other checks" not in run_cli("run", *_files(tmp_path, _nation("not published", A=505))).stdout


def test_measured_in_each_district_of_a_contest_in_every_district(tmp_path: Path) -> None:
    """Two districts of 2 seats by D'Hondt. D1: A 51, B 49 of 100: B's seat passes to A. D2: A 30, B 70: B already
    holds both seats. The nation's figures (A 81 of 200) play no part."""
    rows = [
        "nation,N,,valid_votes,,200,",
        "district,D1,N,valid_votes,,100,",
        "district,D1,N,votes,A,51,",
        "district,D1,N,votes,B,49,",
        "district,D2,N,valid_votes,,100,",
        "district,D2,N,votes,A,30,",
        "district,D2,N,votes,B,70,",
    ]
    files = _files(tmp_path, rows, seats=2, method="d'hondt divisors", where="in every district")
    outcome = _run(files)
    assert _seats(outcome, 0) == {"A": 2, "B": 0}
    assert _seats(outcome, 1) == {"A": 0, "B": 2}


@pytest.mark.parametrize(
    ("method", "line"),
    [
        ("huntington-hill divisors", 20),  # divisors that are not rational: no claims compared here
        (
            "hare quota rounded down and full quotas only   [act Art. 6]\n"
            "  seats left over to the lists with the most votes",
            21,
        ),
    ],
)
def test_methods_without_an_order_of_seats_are_refused(tmp_path: Path, method: str, line: int) -> None:
    """Which seat was given last is defined for claims compared one after another: E406 at the clause."""
    ran = run_cli("check", _files(tmp_path, [], method=method)[0])
    assert ran.refused("E406")
    assert f"law.rules:{line}:3: error[E406" in ran.stdout + ran.stderr


def test_certificate_composes_the_seats_where_no_seat_passes_and_says_so_where_one_does(tmp_path: Path) -> None:
    """The checker re-checks the seats of a unit where the clause moved nothing; where it moved a seat the
    certificate says the composition is not witnessed (and the checker does not fail the right outcome)."""
    kept = tmp_path / "kept"
    kept.mkdir()
    law, data = _files(kept, _nation(1000, A=560, B=250, C=190))
    assert run_cli("certify", law, data, "-o", str(kept / "cert")).code == 0
    assert run_cli("recheck", str(kept / "cert"), "--rules", law, "--results", data).code == 0
    moved = tmp_path / "moved"
    moved.mkdir()
    law, data = _files(moved, _nation(1000, A=505, B=190, C=170, D=135))
    assert run_cli("certify", law, data, "-o", str(moved / "cert")).code == 0
    checked = run_cli("recheck", str(moved / "cert"), "--rules", law, "--results", data)
    assert checked.code == 0, checked.stdout + checked.stderr
    assert "majority seat" in checked.stdout


@pytest.mark.parametrize(
    ("language", "words"),
    [("ru", "переходит к нему"), ("ky", "ага өтөт")],
)
def test_the_step_is_said_in_russian_and_kyrgyz(tmp_path: Path, language: str, words: str) -> None:
    files = _files(tmp_path, _nation(1000, A=505, B=190, C=170, D=135))
    assert words in run_cli("explain", *files, "--lang", language).stdout


def test_the_checker_measures_the_majority_again(tmp_path: Path) -> None:
    """The share of the votes is witnessed as a threshold: a certificate whose witness says A (505 of 1,000) has
    no majority is found out by the independent checker."""
    law, data = _files(tmp_path, _nation(1000, A=505, B=190, C=170, D=135))
    certificate, _warnings = build(law, data, accept=True)
    assert check_certificate(certificate.data).failures == []
    document = json.loads(certificate.data)
    witness = next(w for w in document["witnesses"] if w["clause"] == "house.majority_seat")
    assert (witness["selection"], witness["result"]) == ("A", "passed")
    witness["result"] = "failed"
    failures = check_certificate(seal(document).data).failures
    assert any("the numbers give `passed`, the witness states `failed`" in f for f in failures), failures

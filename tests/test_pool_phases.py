"""A national pool with its own participants, a quota of all the valid votes, and a second phase (Cyprus's second
distribution, Law 72/1979 ss. 32-33; issue 14, item 1: the construct Cyprus's law needs)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ballotlaw.certify.build import build, seal
from ballotlaw.recheck import check_certificate
from conftest import run_cli
from support.builders import PREAMBLE

HEAD = (
    PREAMBLE
    + """
level nation
level district
count valid_votes on nation, district   [act Art. 3]
votes on nation, district, may be not published   [act Art. 3]

contest house "The house"
  lists compete in every district   [act Art. 4]
  seats 4 in "D1", 3 in "D2"   [act Art. 4]
  allocate by hare quota of valid_votes rounded down and full quotas only   [act Art. 5]
  parties: threshold at least 3.6% of valid_votes nationally for parties, only for the seats left over   [act Art. 6]
{second}
  ties broken by lot   [act Art. 7]
  valid at any turnout   [act Art. 9]
end
"""
)


SECOND = (
    "  second: seats left over pooled nationally by hare quota rounded down and full quotas only, without independent"
    " candidates, the seats still left to the lists with at least {phase_b} of valid_votes nationally, by largest"
    " remainders   [act Art. 6]"
)


def _law(phase_b: str) -> str:
    return HEAD.format(second=SECOND.format(phase_b=phase_b))


def _run(tmp_path: Path, rows: list[str], phase_b: str = "7.2%", command: str = "run") -> dict[str, Any]:
    law = tmp_path / "law.rules"
    law.write_text(_law(phase_b), encoding="utf-8")
    data = tmp_path / "results.csv"
    data.write_text("level,unit,parent,count,selection,value,source\n" + "\n".join(rows) + "\n", encoding="utf-8")
    ran = run_cli(command, str(law), str(data), "--json")
    assert ran.code in (0, 1), ran.stderr
    found: dict[str, Any] = json.loads(ran.stdout)
    return found


def _rows(unit: str, parent: str, level: str, valid: int, **votes: int | str) -> list[str]:
    return [
        f"{level},{unit},{parent},valid_votes,,{valid},",
        *(f"{level},{unit},{parent},votes,{k},{v}," for k, v in votes.items()),
    ]


def _seats(outcome: dict[str, Any]) -> dict[str, dict[str, int]]:
    return {u["unit"]: {s["id"]: s["seats"] for s in u["selections"]} for u in outcome["contests"][0]["units"]}


def test_a_list_below_the_pool_threshold_keeps_its_full_quota(tmp_path: Path) -> None:
    """W has 3% of the nation (below 3.6%) and a full quota in D1 (quota 250): it keeps that seat, and takes no
    part in the pool. D1: X 2, W 1, one seat left; D2 (quota 200): X 2, one left. Unused votes X 20 + 100 = 120,
    Y 220 + 100 = 320; second quota 440 / 2 = 220: Y 1 (100 left); phase B: X's 120 before Y's 100."""
    rows = [
        *_rows("N", "", "nation", 8400, X=6020, Y=2120, W=260),
        *_rows("D1", "N", "district", 1000, X=520, Y=220, W=260),
        *_rows("D2", "N", "district", 600, X=500, Y=100),
        *_rows("D3", "N", "district", 6800, X=5000, Y=1800),
    ]
    outcome = _run(tmp_path, rows[:-3])  # D3 stands for the rest of the country in the nation's figures only
    assert _seats(outcome) == {"D1": {"X": 2, "Y": 1, "W": 1}, "D2": {"X": 3, "Y": 0}}
    assert outcome["status"] == "elected"


def test_an_undecided_share_leaves_the_pool_not_computed(tmp_path: Path) -> None:
    """The nation's votes of Z are not published, and its district votes do not decide its 3.6%: who takes part
    in the pool is not known, so the seats left over are not allocated (provisional), never guessed."""
    rows = [
        *_rows("N", "", "nation", 2000, X=1200, Y=700, Z="not published"),
        *_rows("D1", "N", "district", 1000, X=560, Y=380, Z=60),
        *_rows("D2", "N", "district", 600, X=420, Y=170, Z=10),
    ]
    outcome = _run(tmp_path, rows)
    assert outcome["status"] == "provisional"
    reasons = [r["text"] for r in outcome["contests"][0]["reasons"]]
    assert any("not allocated" in text for text in reasons), reasons


def test_the_second_phase_goes_by_the_remainders_after_the_pools_quota(tmp_path: Path) -> None:
    """D1 (quota 250): X 2 (120 left), Y 1 (130); D2 (quota 200): X 0 (180), Y 2 (20); a seat left in each.
    Unused votes X 300, Y 150; second quota 450 / 2 = 225: phase A gives X 1 (75 left); phase B gives the seat
    still left to Y's 150 before X's 75. X's pooled seat goes to D2 (180), Y's to D1 (130)."""
    rows = [
        *_rows("N", "", "nation", 1600, X=800, Y=800),
        *_rows("D1", "N", "district", 1000, X=620, Y=380),
        *_rows("D2", "N", "district", 600, X=180, Y=420),
    ]
    outcome = _run(tmp_path, rows)
    assert _seats(outcome) == {"D1": {"X": 2, "Y": 2}, "D2": {"X": 1, "Y": 2}}
    assert outcome["status"] == "elected"


def test_equal_remainders_in_the_second_phase_need_a_lot(tmp_path: Path) -> None:
    """D1 (quota 250): X 2, Y 2, nothing left; D2 (quota 200): X 1 (100 left), Y 1 (100 left), one seat left.
    The second quota 200 / 1 = 200 gives nothing; phase B: X and Y have 100 each for one seat, and the law's
    rule is a lot."""
    rows = [
        *_rows("N", "", "nation", 1600, X=800, Y=800),
        *_rows("D1", "N", "district", 1000, X=500, Y=500),
        *_rows("D2", "N", "district", 600, X=300, Y=300),
    ]
    outcome = _run(tmp_path, rows)
    assert outcome["status"] == "lot needed"
    unit = {u["unit"]: u for u in outcome["contests"][0]["units"]}
    assert unit["D2"]["status"] == "lot needed"
    assert {s["id"]: s["seats"] for s in unit["D1"]["selections"]} == {"X": 2, "Y": 2}


def test_no_list_in_the_second_phase_leaves_its_seats_unallocated(tmp_path: Path) -> None:
    """Phase B for lists with more than 60%: none has it; the seat still left is not given to anyone."""
    rows = [
        *_rows("N", "", "nation", 1600, X=800, Y=800),
        *_rows("D1", "N", "district", 1000, X=500, Y=500),
        *_rows("D2", "N", "district", 600, X=300, Y=300),
    ]
    outcome = _run(tmp_path, rows, phase_b="60%")
    assert outcome["status"] == "provisional"
    reasons = [r["text"] for r in outcome["contests"][0]["reasons"]]
    assert any("no list passes the second phase" in text for text in reasons), reasons


def test_independent_candidates_take_no_part(tmp_path: Path) -> None:
    """I, an independent candidate, has the largest unused votes (240 in D1) but takes no part in the pool.
    D1 (quota 250): X 2 (10 left), Y 1 (0), I 0 (240); D2 (quota 200): X 2 (110), Y 0 (90); a seat left in
    each. Pool of X and Y: 120 and 90; second quota 210 / 2 = 105: X 1 (15 left); phase B: Y's 90 before X's 15.
    X's pooled seat goes to D2 (110); Y's, D2 being full, to D1."""
    rows = [
        *_rows("N", "", "nation", 1600, X=1020, Y=340, I=240),
        "nation,N,,independent,I,1,",
        *_rows("D1", "N", "district", 1000, X=510, Y=250, I=240),
        *_rows("D2", "N", "district", 600, X=510, Y=90),
    ]
    outcome = _run(tmp_path, rows)
    assert _seats(outcome) == {"D1": {"X": 2, "Y": 2, "I": 0}, "D2": {"X": 3, "Y": 0}}
    explained = _run(tmp_path, rows, command="explain")
    decisions = [s["decision"] for s in explained["steps"] if s["kind"] == "pooled"]
    assert any("independent candidates take no part in the pool: I" in d for d in decisions), decisions


def test_the_certificate_of_such_a_pool_is_rechecked(tmp_path: Path) -> None:
    """The certificate says the pool's witness is not provided (its form does not hold these phases yet) and the
    rest of it re-checks."""
    rows = [
        *_rows("N", "", "nation", 1600, X=900, Y=700),
        *_rows("D1", "N", "district", 1000, X=530, Y=470),
        *_rows("D2", "N", "district", 600, X=370, Y=230),
    ]
    law = tmp_path / "law.rules"
    law.write_text(_law("7.2%"), encoding="utf-8")
    data = tmp_path / "results.csv"
    data.write_text("level,unit,parent,count,selection,value,source\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert run_cli("certify", str(law), str(data), "-o", str(tmp_path / "cert")).code == 0
    checked = run_cli("recheck", str(tmp_path / "cert"), "--rules", str(law), "--results", str(data))
    assert checked.code == 0, checked.stdout + checked.stderr


def _forged(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> list[str]:
    """The failures of the certificate of the Cypriot law on its 2021 results, changed by `change` and sealed
    again (a new digest: only the witnesses can tell)."""
    certificate, _ = build("rules/cy/house-2021.rules", "data/cy/2021/results.csv")
    document = json.loads(certificate.data)
    assert check_certificate(certificate.data).failures == []
    change(document)
    return check_certificate(seal(document).data).failures


def _pool(document: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = next(w for w in document["witnesses"] if w["type"] == "pool")
    return found


def test_a_forged_share_of_the_pool_is_rejected(tmp_path: Path) -> None:
    """The witness of who takes part: a party below 3.6% said to pass; its votes raised to pass while the test
    still says `failed` (its unused votes then belong in the pool); the second phase's base changed so that other
    parties pass 7.2%: all are found."""

    def said_to_pass(document: dict[str, Any]) -> None:
        failed = next(t for t in _pool(document)["taking_part"]["tests"] if t["result"] == "failed")
        failed["result"] = "passed"

    def pass_below(document: dict[str, Any]) -> None:
        failed = next(t for t in _pool(document)["taking_part"]["tests"] if t["result"] == "failed")
        failed["votes"] = failed["base"]

    def second_base(document: dict[str, Any]) -> None:
        _pool(document)["second_phase"]["base"] = 100

    assert any("decided otherwise" in f for f in _forged(tmp_path, said_to_pass))
    assert any("pool" in f for f in _forged(tmp_path, pass_below))
    assert _forged(tmp_path, second_base) != []


def test_without_the_nation_the_pool_is_not_computed(tmp_path: Path) -> None:
    """The pool's thresholds are shares of the nation: results that give the districts alone leave the seats left
    over not allocated (provisional), never allocated on a guess."""
    rows = [
        *_rows("D1", "", "district", 1000, X=560, Y=360, Z=80),
        *_rows("D2", "", "district", 600, X=420, Y=170, Z=10),
    ]
    outcome = _run(tmp_path, rows)
    assert outcome["status"] == "provisional"
    assert any("not allocated" in r["text"] for r in outcome["contests"][0]["reasons"])


def test_a_constituency_win_lets_a_list_under_the_share_take_part(tmp_path: Path) -> None:
    """`, or 1 constituency wins`: W has 2.7% of the nation but won a constituency, so it pools its 230 unused
    votes. D1 (quota 250): X 2 (20 left), Y 1 (0), W 0 (230); D2 (quota 200): X 2 (100), Y 0 (100). Pool of X, Y
    and W: 120, 100, 230; second quota 450 / 2 = 225: W 1; phase B (W under 7.2%): X's 120 before Y's 100. W's seat
    is placed in D1, X's in D2."""
    rows = [
        *_rows("N", "", "nation", 8400, X=6020, Y=2150, W=230),
        "nation,N,,constituency_wins,W,1,",
        "nation,N,,constituency_wins,X,3,",
        "nation,N,,constituency_wins,Y,2,",
        *_rows("D1", "N", "district", 1000, X=520, Y=250, W=230),
        *_rows("D2", "N", "district", 600, X=500, Y=100),
    ]
    law = tmp_path / "law.rules"
    text = _law("7.2%").replace("nationally for parties, only", "nationally, or 1 constituency wins for parties, only")
    law.write_text(text, encoding="utf-8")
    data = tmp_path / "results.csv"
    data.write_text("level,unit,parent,count,selection,value,source\n" + "\n".join(rows) + "\n", encoding="utf-8")
    outcome = json.loads(run_cli("run", str(law), str(data), "--json").stdout)
    assert _seats(outcome) == {"D1": {"X": 2, "Y": 1, "W": 1}, "D2": {"X": 3, "Y": 0}}

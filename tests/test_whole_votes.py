"""A threshold the law counts in whole votes: `threshold at least 5% of valid_votes nationally, rounded down to
whole votes` (Romania, Law 208/2015 Art. 94(3): "the non-rounded integer, without decimals"). The votes needed
are the whole part of the share of the base; every figure is worked by hand in the docstrings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ballotlaw.certify.build import build, seal
from ballotlaw.recheck import check_certificate
from conftest import run_cli
from support.builders import PREAMBLE, write_files

WHOLE = ", rounded down to whole votes"
LAW = (
    PREAMBLE
    + """
level nation
level district: 3 units   [act Art. 1]
count valid_votes on nation, district, may be not published   [act Art. 1]
votes on nation, district   [act Art. 1]

contest house "House"
  lists compete in the nation   [act Art. 2]
  seats 10   [act Art. 2]
  threshold {threshold}   [act Art. 3]
  allocate by d'hondt divisors   [act Art. 4]
  ties broken by lot   [act Art. 5]
  valid at any turnout   [act Art. 6]
end
"""
)


def _qualified(tmp_path: Path, threshold: str, rows: list[str]) -> dict[str, str]:
    ran = run_cli("run", *write_files(tmp_path, rows, LAW.format(threshold=threshold)), "--json")
    assert ran.code in (0, 1), ran.stderr
    unit: dict[str, Any] = json.loads(ran.stdout)["contests"][0]["units"][0]
    return {s["id"]: s["qualified"] for s in unit["selections"]}


def _nation(valid: int | str, votes: dict[str, int]) -> list[str]:
    return [f"nation,N,,valid_votes,,{valid},"] + [f"nation,N,,votes,{n},{v}," for n, v in votes.items()]


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [
        # 5% of 10,010 is 500.5: C's 500 fails the exact share, and meets its whole part, 500.
        ("at least 5% of valid_votes nationally", "no"),
        ("at least 5% of valid_votes nationally" + WHOLE, "yes"),
        # More than 500 votes: 500 is not more.
        ("more than 5% of valid_votes nationally" + WHOLE, "no"),
    ],
)
def test_the_whole_part_of_the_share(tmp_path: Path, threshold: str, expected: str) -> None:
    found = _qualified(tmp_path, threshold, _nation(10010, {"A": 6000, "B": 3510, "C": 500}))
    assert found == {"A": "yes", "B": "yes", "C": expected}


def test_a_base_known_only_within_bounds(tmp_path: Path) -> None:
    """The valid votes not published, at most 10,019 and at least the lists' 10,000: 5% of them lies between 500
    and 500.95, whose whole parts are both 500: C's 500 passes, decided by the bounds alone (exactly it would
    not be decided: 500 against 500 to 500.95)."""
    rows = _nation("not published (at most 10019)", {"A": 6000, "B": 3500, "C": 500})
    assert _qualified(tmp_path, "at least 5% of valid_votes nationally" + WHOLE, rows)["C"] == "yes"
    (tmp_path / "exact").mkdir()
    assert _qualified(tmp_path / "exact", "at least 5% of valid_votes nationally", rows)["C"] == "undetermined"


def test_the_alternative_share_too(tmp_path: Path) -> None:
    """R has 400 of 9,003 votes nationally (4.4%), and 20% of 1,003 = 200.6 in D1 (its whole part, 200: R has 200)
    and 200 of 1,000 in D2: `in at least 2 district` is met in whole votes only."""
    rows = _nation(9003, {"A": 5000, "B": 3603, "R": 400})
    districts = {
        "D1": {"A": 500, "B": 303, "R": 200},
        "D2": {"A": 500, "B": 300, "R": 200},
        "D3": {"A": 4000, "B": 3000, "R": 0},
    }
    for unit, votes in districts.items():
        rows.append(f"district,{unit},N,valid_votes,,{sum(votes.values())},")
        rows += [f"district,{unit},N,votes,{name},{value}," for name, value in votes.items()]
    main = "at least 5% of valid_votes nationally"
    other = ", or at least 20% of valid_votes in at least 2 district"
    assert _qualified(tmp_path, main + other + WHOLE, rows)["R"] == "yes"
    (tmp_path / "exact").mkdir()
    assert _qualified(tmp_path / "exact", main + other, rows)["R"] == "no"


def test_the_trace_and_the_certificate(tmp_path: Path) -> None:
    """The trace gives the exact share and its whole part, in three languages; the checker re-decides the test
    in whole votes, and finds a witness that drops `whole_votes`."""
    rules, data = write_files(
        tmp_path,
        _nation(10010, {"A": 6000, "B": 3510, "C": 500}),
        LAW.format(threshold="at least 5% of valid_votes nationally" + WHOLE),
    )
    english = run_cli("explain", rules, data).stdout
    assert "C: passed: 500 >= 5% of 10010 = 500.5, rounded down to whole votes: 500" in english
    assert "целых голосов" in run_cli("explain", rules, data, "--lang", "ru").stdout
    assert "бүтүн добуш" in run_cli("explain", rules, data, "--lang", "ky").stdout
    certificate, _ = build(rules, data)
    assert check_certificate(certificate.data).failures == []
    forged = json.loads(certificate.data)
    (witness,) = [w for w in forged["witnesses"] if w.get("type") == "threshold" and w.get("selection") == "C"]
    assert witness["whole_votes"] is True
    del witness["whole_votes"]
    assert check_certificate(seal(forged).data).failures != []


@pytest.mark.parametrize(
    "extra",
    [", only for the seats left over", " for national minorities below the others, jointly up to 2 seats"],
)
def test_where_the_exact_share_is_measured_it_is_refused(tmp_path: Path, extra: str) -> None:
    """A pool's threshold and a joint threshold of minorities are measured exactly (E406, at the threshold)."""
    law = LAW.format(threshold="at least 5% of valid_votes nationally" + WHOLE + extra)
    rules, _ = write_files(tmp_path, [], law)
    checked = run_cli("check", rules)
    assert checked.code == 1 and "E406" in checked.stdout + checked.stderr

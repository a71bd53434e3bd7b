"""`if only 1 list qualifies, the 2 lists with the most votes qualify` (Uzbekistan, the Electoral Code as amended
in December 2023): the fallback applies when exactly that many lists pass, not when none does, and while the
lists not yet decided leave that open, the lists it would admit stay undetermined. Figures worked by hand in the
docstrings; 1,000 voters took part, so 7% is 70 votes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli
from support.builders import PREAMBLE, write_files

LAW = (
    PREAMBLE
    + """
level nation
count registered_voters on nation   [act Art. 1]
count voters_took_part on nation   [act Art. 1]
votes on nation, may be not published   [act Art. 1]

contest house "House"
  lists compete in the nation   [act Art. 2]
  seats 10   [act Art. 2]
  threshold at least 7% of voters_took_part nationally   [act Art. 3]
  {fallback}   [act Art. 3]
  no_list: rerun if no list qualifies   [act Art. 3]
  allocate by hare quota and largest remainders   [act Art. 4]
  ties broken by lot   [act Art. 5]
  valid at any turnout   [act Art. 6]
end
"""
)
ONLY = "if only 1 list qualifies, the 2 lists with the most votes qualify"
FEWER = "if fewer than 2 lists qualify, the 2 lists with the most votes qualify"


def _rows(votes: dict[str, int | str]) -> list[str]:
    rows = ["nation,N,,registered_voters,,2000,", "nation,N,,voters_took_part,,1000,"]
    return rows + [f"nation,N,,votes,{name},{value}," for name, value in votes.items()]


def _run(tmp_path: Path, fallback: str, votes: dict[str, int | str]) -> tuple[dict[str, Any], tuple[str, str]]:
    files = write_files(tmp_path, _rows(votes), LAW.format(fallback=fallback))
    ran = run_cli("run", *files, "--json")
    assert ran.code in (0, 1), ran.stderr
    unit: dict[str, Any] = json.loads(ran.stdout)["contests"][0]["units"][0]
    return unit, files


def _qualified(unit: dict[str, Any]) -> dict[str, str]:
    return {s["id"]: s["qualified"] for s in unit["selections"]}


@pytest.mark.parametrize(
    ("votes", "expected", "rerun"),
    [
        # Only A passes: B, next by votes, joins it (C's 40 is below B's 60).
        ({"A": 800, "B": 60, "C": 40}, {"A": "yes", "B": "yes", "C": "no"}, False),
        # None passes: the rule admits no list, and the election is held again.
        ({"A": 60, "B": 50, "C": 40}, {"A": "no", "B": "no", "C": "no"}, True),
        # Two pass: the rule does not apply; C stays out.
        ({"A": 700, "B": 100, "C": 40}, {"A": "yes", "B": "yes", "C": "no"}, False),
    ],
)
def test_only_when_exactly_one_passes(
    tmp_path: Path, votes: dict[str, int | str], expected: dict[str, str], rerun: bool
) -> None:
    unit, _ = _run(tmp_path, ONLY, votes)
    assert _qualified(unit) == expected
    assert (unit["status"] == "rerun") == rerun


def test_fewer_than_admits_lists_when_none_passes(tmp_path: Path) -> None:
    """The other form, for comparison: with no list at 7%, `fewer than 2` admits A and B."""
    unit, _ = _run(tmp_path, FEWER, {"A": 60, "B": 50, "C": 40})
    assert _qualified(unit) == {"A": "yes", "B": "yes", "C": "no"}


def test_while_it_is_open_whether_one_passes(tmp_path: Path) -> None:
    """A's votes are not published (at most 80): A may pass 7% or not. If it fails, no list qualifies and the
    rule admits none; if it passes, the rule admits the list next by votes. B (50, surely among the two with the
    most votes) and C (40, maybe) therefore stay undetermined, never admitted: `fewer than 2` would admit B."""
    votes: dict[str, int | str] = {"A": "not published (at most 80)", "B": 50, "C": 40}
    unit, files = _run(tmp_path, ONLY, votes)
    assert _qualified(unit) == {"A": "undetermined", "B": "undetermined", "C": "undetermined"}
    (tmp_path / "fewer").mkdir()
    other, _ = _run(tmp_path / "fewer", FEWER, votes)
    assert _qualified(other)["B"] == "yes"
    assert run_cli("certify", *files, "-o", str(tmp_path / "cert")).code == 0
    checked = run_cli("recheck", str(tmp_path / "cert"), "--rules", files[0], "--results", files[1])
    assert checked.code == 0, checked.stdout  # the checker re-decides it the same way


def test_the_certificate_when_one_passes(tmp_path: Path) -> None:
    """The fallback's witness says `at_least`; the checker re-decides the admission of B."""
    _, files = _run(tmp_path, ONLY, {"A": 800, "B": 60, "C": 40})
    assert run_cli("certify", *files, "-o", str(tmp_path / "cert")).code == 0
    document = json.loads((tmp_path / "cert" / "certificate.json").read_text(encoding="utf-8"))
    (witness,) = [w for w in document["witnesses"] if w.get("type") == "fallback"]
    assert witness["at_least"] == 1 and witness["fewer_than"] == 2
    checked = run_cli("recheck", str(tmp_path / "cert"), "--rules", files[0], "--results", files[1])
    assert checked.code == 0, checked.stdout


def test_a_fallback_that_admits_no_more_is_refused(tmp_path: Path) -> None:
    """`if only 2 lists qualify, the 2 lists ...` admits no list: E220, as `fewer than 3 ..., the 2` is."""
    rules, _ = write_files(
        tmp_path, [], LAW.format(fallback=ONLY.replace("only 1 list qualifies", "only 2 lists qualify"))
    )
    checked = run_cli("check", rules)
    assert checked.code == 1 and "E220" in checked.stdout + checked.stderr

"""A threshold passed by either of two shares (`threshold at least 5% of valid_votes nationally, or at least 20% of
valid_votes in at least 2 district`, as Romania's and Sweden's laws have it): a list passes by either, fails only
by both, and stays undecided while the figures cannot decide. Each test runs the real command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import run_cli

LAW = """ballotlaw 1

election "Either share"
  jurisdiction "Test"
  law "Act"   [act]
  version "v"   [act]
  polling day 2025-01-01   [act]
end

source act "Act" "https://example.org/act"

level nation
level district

count valid_votes "valid votes" on nation, district   [act]
votes "votes for each list" on nation, district, may be not published   [act]

contest house "10 seats"
  lists compete in the nation                                                                         [act Art. 1]
  seats 10                                                                                            [act Art. 1]
  threshold at least 5% of valid_votes nationally, or at least 20% of valid_votes in at least 2 district   [act Art. 2]
  allocate by hare quota and largest remainders                                                       [act Art. 3]
  ties broken by lot                                                                                  [act Art. 4]
  valid at any turnout                                                                                [act Art. 5]
end
"""

# R: 4.5% nationally, 25% and 20% in D1 and D2. C: 3% nationally, 19% at most in a district.
ROWS: dict[str, dict[str, int | str]] = {
    "D1": {"valid_votes": 100, "A": 36, "B": 20, "R": 25, "C": 19},
    "D2": {"valid_votes": 100, "A": 40, "B": 40, "R": 20, "C": 0},
    "D3": {"valid_votes": 400, "A": 209, "B": 180, "R": 0, "C": 11},
    "D4": {"valid_votes": 400, "A": 220, "B": 180, "R": 0, "C": 0},
}


def _csv(rows: dict[str, dict[str, int | str]]) -> str:
    lines = ["level,unit,parent,count,selection,value,source", "nation,N,,valid_votes,,1000,"]
    totals = {"A": 505, "B": 420, "R": 45, "C": 30}
    lines += [f"nation,N,,votes,{name},{value}," for name, value in totals.items()]
    for unit, figures in rows.items():
        for name, value in figures.items():
            if name == "valid_votes":
                lines.append(f"district,{unit},N,valid_votes,,{value},")
            else:
                lines.append(f"district,{unit},N,votes,{name},{value},")
    return "\n".join(lines) + "\n"


def _unit(tmp_path: Path, results: str, law: str = LAW) -> dict[str, Any]:
    rules = tmp_path / "law.rules"
    rules.write_text(law, encoding="utf-8")
    data = tmp_path / "results.csv"
    data.write_text(results, encoding="utf-8")
    ran = run_cli("run", "--json", str(rules), str(data))
    assert ran.code == 0, ran.stdout + ran.stderr
    unit: dict[str, Any] = json.loads(ran.stdout)["contests"][0]["units"][0]
    return unit


def _by_id(unit: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in unit["selections"]}


def test_a_list_passes_by_its_regional_strength(tmp_path: Path) -> None:
    """Defect 2: R misses 5% nationally but has 20% in two districts: it qualifies and takes the last seat."""
    unit = _unit(tmp_path, _csv(ROWS))
    lists = _by_id(unit)
    assert lists["R"]["qualified"] == "yes" and lists["R"]["seats"] == 1
    assert lists["C"]["qualified"] == "no" and lists["C"]["seats"] == 0
    assert (lists["A"]["seats"], lists["B"]["seats"]) == (5, 4)


def test_an_undecided_alternative_is_never_taken_as_failed(tmp_path: Path) -> None:
    """Defect 2: R's district votes unpublished where they would decide: R is undetermined, not excluded."""
    rows: dict[str, dict[str, int | str]] = {unit: dict(figures) for unit, figures in ROWS.items()}
    rows["D2"]["R"] = "not published"
    unit = _unit(tmp_path, _csv(rows))
    assert _by_id(unit)["R"]["qualified"] == "undetermined"
    assert unit["status"] != "elected"


def test_the_alternative_is_decided_by_the_figures_it_has(tmp_path: Path) -> None:
    """Defect 2: an unpublished figure where two districts already decide changes nothing."""
    rows: dict[str, dict[str, int | str]] = {unit: dict(figures) for unit, figures in ROWS.items()}
    rows["D4"]["R"] = "not published"
    assert _by_id(_unit(tmp_path, _csv(rows)))["R"]["qualified"] == "yes"


def test_an_alternative_measured_where_the_threshold_is_is_refused(tmp_path: Path) -> None:
    """Defect 2: `..., or at least 3% of valid_votes nationally`: one of the shares always decides: E322."""
    law = LAW.replace(
        "or at least 20% of valid_votes in at least 2 district", "or at least 3% of valid_votes nationally"
    )
    rules = tmp_path / "law.rules"
    rules.write_text(law, encoding="utf-8")
    ran = run_cli("check", str(rules))
    assert ran.refused("E322")
    assert "law.rules:21:50" in ran.stdout + ran.stderr


def test_an_alternative_without_a_base_is_refused(tmp_path: Path) -> None:
    """Defect 2: the alternative's base is written out like the threshold's: E403 where it is missing."""
    law = LAW.replace("or at least 20% of valid_votes in at least 2 district", "or at least 20% in at least 2 district")
    rules = tmp_path / "law.rules"
    rules.write_text(law, encoding="utf-8")
    assert run_cli("check", str(rules)).refused("E403")

"""A limit of seats per gender in a district of several seats (`at most 2 seats to candidates of one gender`,
Kyrgyzstan's Jogorku Kenesh since 2025): who is passed over, ties inside the limit, seats nobody can take, a
candidate without a gender, and the clause's mistakes. Each test runs the real command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ballotlaw.api import load_law_text
from ballotlaw.evaluate import evaluate
from ballotlaw.results.load import load_results
from ballotlaw.verify.properties import PROPERTIES, Check
from ballotlaw.verify.strategies import Case, Probe
from conftest import ROOT, run_cli

LAW = """ballotlaw 1

election "Three deputies a district"
  jurisdiction "Test"
  law "Act"   [act]
  version "v"   [act]
  polling day 2025-11-30   [act]
end

source act "Act" "https://example.org/act"

level district

count registered_voters "registered" on district   [act]
count voters_took_part "took part" on district   [act]
votes "votes for each candidate" on district   [act]

contest deputies "Three deputies, at most two of one gender"
  candidates compete in every district          [act Art. 64]
  seats 3                                       [act Art. 64]
  elect by plurality                            [act Art. 64]
  at most 2 seats to candidates of one gender   [act Art. 64]
  ties broken by earlier registration           [act Art. 65]
  valid at any turnout                          [act Art. 66]
end
"""

HEADER = "level,unit,parent,count,selection,value,source\n"


def _results(votes: dict[str, int], genders: dict[str, int], extra: str = "") -> str:
    rows = ["district,D1,,registered_voters,,10000,", "district,D1,,voters_took_part,,5000,"]
    rows += [f"district,D1,,votes,{name},{count}," for name, count in votes.items()]
    rows += [f"district,D1,,gender,{name},{value}," for name, value in genders.items()]
    return HEADER + "\n".join(rows) + "\n" + extra


def _run(tmp_path: Path, results: str, law: str = LAW) -> dict[str, Any]:
    rules = tmp_path / "law.rules"
    rules.write_text(law, encoding="utf-8")
    data = tmp_path / "results.csv"
    data.write_text(results, encoding="utf-8")
    ran = run_cli("run", "--json", str(rules), str(data))
    assert ran.code == 0, ran.stderr
    unit: dict[str, Any] = json.loads(ran.stdout)["contests"][0]["units"][0]
    return unit


def _elected(unit: dict[str, Any]) -> list[str]:
    return sorted(s["id"] for s in unit["selections"] if s["elected"])


def test_the_third_man_is_passed_over_for_the_leading_woman(tmp_path: Path) -> None:
    """Defect 1: the law elects at most two of one gender; without the clause three men would be elected."""
    unit = _run(
        tmp_path,
        _results({"A": 2000, "B": 1500, "C": 1200, "D": 800, "E": 500}, {"A": 2, "B": 2, "C": 2, "D": 1, "E": 1}),
    )
    assert unit["status"] == "elected"
    assert _elected(unit) == ["A", "B", "D"]


def test_the_limit_applies_to_women_as_to_men(tmp_path: Path) -> None:
    """Defect 1: three women lead; the fourth, a man, takes the third seat."""
    unit = _run(tmp_path, _results({"A": 900, "B": 800, "C": 700, "D": 100}, {"A": 1, "B": 1, "C": 1, "D": 2}))
    assert _elected(unit) == ["A", "B", "D"]


def test_a_tie_inside_one_gender_goes_to_the_tie_rule(tmp_path: Path) -> None:
    """Defect 1: two men tie for the men's last seat; the earlier registered takes it, the woman's seat is sure."""
    extra = "district,D1,,registration_order,B,2,\ndistrict,D1,,registration_order,C,1,\n"
    unit = _run(
        tmp_path, _results({"A": 2000, "B": 1500, "C": 1500, "D": 1500}, {"A": 2, "B": 2, "C": 2, "D": 1}, extra)
    )
    assert unit["status"] == "elected"
    assert _elected(unit) == ["A", "C", "D"]


def test_a_tie_the_rule_cannot_break_is_never_guessed(tmp_path: Path) -> None:
    """Defect 1: without the registration order the tie stays open: provisional, nobody declared elected."""
    unit = _run(tmp_path, _results({"A": 2000, "B": 1500, "C": 1500, "D": 1500}, {"A": 2, "B": 2, "C": 2, "D": 1}))
    assert unit["status"] == "provisional"
    assert not _elected(unit)
    assert any("registration_order" in " ".join(r["missing"]) for r in unit["reasons"])


def test_a_tie_across_genders_for_the_seats_left(tmp_path: Path) -> None:
    """Defect 1: a man and two women tie for two seats; the limit allows any two: the tie rule picks them."""
    extra = "".join(f"district,D1,,registration_order,{n},{r},\n" for n, r in (("B", 3), ("C", 1), ("D", 2)))
    unit = _run(
        tmp_path, _results({"A": 2000, "B": 1500, "C": 1500, "D": 1500}, {"A": 2, "B": 2, "C": 1, "D": 1}, extra)
    )
    assert _elected(unit) == ["A", "C", "D"]


def test_seats_nobody_may_take_are_left_vacant_and_said(tmp_path: Path) -> None:
    """Defect 1: only men stand: two are elected and the outcome says the third seat is vacant."""
    unit = _run(tmp_path, _results({"A": 300, "B": 200, "C": 100}, {"A": 2, "B": 2, "C": 2}))
    assert _elected(unit) == ["A", "B"]
    assert any("vacant" in r["text"] for r in unit["reasons"])


def test_a_candidate_without_a_gender_is_not_guessed(tmp_path: Path) -> None:
    """Defect 1: a gender the results do not give leaves the district undecided, never a silent default."""
    unit = _run(tmp_path, _results({"A": 300, "B": 200, "C": 100}, {"A": 2, "B": 1}))
    assert unit["status"] == "provisional"
    assert not _elected(unit)


def test_the_order_of_rows_changes_nobody(tmp_path: Path) -> None:
    """Defect 1: the outcome is the same whatever order the candidates are listed in."""
    votes = {"A": 2000, "B": 1500, "C": 1200, "D": 800, "E": 500}
    genders = {"A": 2, "B": 2, "C": 2, "D": 1, "E": 1}
    forward = _run(tmp_path, _results(votes, genders))
    backward = _run(tmp_path, _results(dict(reversed(votes.items())), dict(reversed(genders.items()))))
    assert _elected(forward) == _elected(backward) == ["A", "B", "D"]


def test_a_limit_not_below_the_seats_is_refused(tmp_path: Path) -> None:
    """Defect 1: `at most 3 seats` of 3 never applies: E320 with the clause's place."""
    rules = tmp_path / "law.rules"
    rules.write_text(LAW.replace("at most 2 seats", "at most 3 seats"), encoding="utf-8")
    ran = run_cli("check", str(rules))
    assert ran.refused("E320")
    assert "law.rules:22:3" in ran.stdout + ran.stderr


def test_a_limit_of_zero_is_refused(tmp_path: Path) -> None:
    """Defect 1: `at most 0 seats` would elect nobody: E320."""
    rules = tmp_path / "law.rules"
    rules.write_text(LAW.replace("at most 2 seats", "at most 0 seats"), encoding="utf-8")
    assert run_cli("check", str(rules)).refused("E320")


def test_a_limit_needs_plurality(tmp_path: Path) -> None:
    """Defect 1: a limit with a majority rule has no ranking to pass over: E321."""
    law = LAW.replace(
        "elect by plurality                            [act Art. 64]",
        "elect the leading candidate if votes of the leading candidate > 50% of voters_took_part   [act Art. 64]",
    )
    rules = tmp_path / "law.rules"
    rules.write_text(law, encoding="utf-8")
    assert run_cli("check", str(rules)).refused("E321")


def test_a_limit_in_a_contest_of_lists_is_refused(tmp_path: Path) -> None:
    """Defect 1: the limit is a clause of a contest of candidates (E406 in a contest of lists)."""
    law = LAW.replace("candidates compete in every district", "lists compete in every district")
    rules = tmp_path / "law.rules"
    rules.write_text(law, encoding="utf-8")
    assert run_cli("check", str(rules)).refused("E406")


def test_the_kyrgyz_law_of_2025_and_its_examples() -> None:
    """Defect 1: the Jogorku Kenesh law of 2025 could not be stated; its examples are worked by hand."""
    ran = run_cli("test", str(ROOT / "rules/kg/jogorku-kenesh-2025.rules"))
    assert ran.code == 0, ran.stdout + ran.stderr
    assert "4 passed, 0 failed" in ran.stdout + ran.stderr


def test_the_property_of_the_limit_finds_a_breach(tmp_path: Path) -> None:
    """Defect 1: the spec's property of the limit fails on an outcome that elects three of one gender (here the
    law's outcome without its limit clause) and holds on the law's own outcome."""
    law, _ = load_law_text(LAW)
    unlimited, _ = load_law_text(LAW.replace("  at most 2 seats to candidates of one gender   [act Art. 64]\n", ""))
    path = tmp_path / "results.csv"
    path.write_text(_results({"A": 300, "B": 200, "C": 100, "D": 50}, {"A": 2, "B": 2, "C": 2, "D": 1}), "utf-8")
    results, _ = load_results(law, str(path))
    prop = PROPERTIES["no gender holds more seats of a unit than the limit"]
    contest = law.contests[0]
    case = Case(results, Probe(0, 0, 0, 0))
    breach = prop.check(Check(law, contest, case, evaluate(unlimited, results)))
    assert breach is not None and "above the limit of 2" in breach.summary
    assert prop.check(Check(law, contest, case, evaluate(law, results))) is None

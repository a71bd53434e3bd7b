"""Forensic indicators: exact values on a hand-worked file, the same from columns and from rows, and never a
pass or a fail (the exit code is the checks' alone)."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from ballotlaw.api import validate
from ballotlaw.cli import main
from ballotlaw.errors import UsageError
from ballotlaw.integrity.indicators import TurnoutSpec

RULES = """\
ballotlaw 1
election "Indicators test"
  jurisdiction "Testland"
  law "Act on tests"   [act]
end
source act "Act on tests" "https://example.org/act"
level precinct   [act]
count registered_voters "voters on the list" on precinct   [act Art. 1]
count voters_took_part "voters who took part" on precinct   [act Art. 1]
votes "votes for each list" on precinct   [act Art. 1]
"""

# unit, registered, took part, votes A, votes B  (worked by hand in the test below)
UNITS = [("U1", 200, 100, 60, 40), ("U2", 300, 250, 125, 125), ("U3", 7, 7, 3, 4), ("U4", 10, 11, 11, 0)]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    rules = tmp_path / "law.rules"
    rules.write_text(RULES, encoding="utf-8")
    wide = tmp_path / "wide.csv"
    wide.write_text("id,R,T,A,B\n" + "".join(",".join(map(str, u)) + "\n" for u in UNITS), encoding="utf-8")
    mapping = tmp_path / "mapping.json"
    table = {
        "format": "ballotlaw.mapping",
        "version": 1,
        "level": "precinct",
        "unit": "id",
        "counts": {"registered_voters": "R", "voters_took_part": "T"},
        "votes": {"A": "A", "B": "B"},
    }
    mapping.write_text(json.dumps(table), encoding="utf-8")
    long = tmp_path / "long.csv"
    rows = ["level,unit,parent,count,selection,value,source"]
    for unit, registered, took, a, b in UNITS:
        rows += [f"precinct,{unit},,registered_voters,,{registered},", f"precinct,{unit},,voters_took_part,,{took},"]
        rows += [f"precinct,{unit},,votes,A,{a},", f"precinct,{unit},,votes,B,{b},"]
    long.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return {"rules": str(rules), "wide": str(wide), "mapping": str(mapping), "long": str(long)}


def test_the_indicators_of_a_hand_worked_file(files: dict[str, str]) -> None:
    done = validate(files["rules"], files["wide"], files["mapping"], turnout="voters_took_part / registered_voters")
    found = done.indicators
    assert done.by_columns and found is not None
    assert found.leader == "A"  # 199 votes against 169
    grid = {(t, s): n for t, row in enumerate(found.histogram) for s, n in enumerate(row) if n}
    # U1: 50% turnout, A 60%; U2: 83.3%, 50%; U3: exactly 100% (top decile), 42.9%; U4: 110%, left out
    assert grid == {(5, 6): 1, (8, 5): 1, (9, 4): 1}
    assert (found.histogram_units, found.above_whole) == (3, 1)
    # whole percentages: turnout at U1 (50), U3 (100), U4 (110); A's share at U1 (60), U2 (50), U4 (100)
    assert (found.integer_turnout.units, found.integer_turnout.observed) == (4, 3)
    assert found.integer_turnout.expected == Fraction(101, 201) + Fraction(101, 301) + Fraction(2, 8) + 1
    assert (found.integer_leader.units, found.integer_leader.observed) == (4, 3)
    assert found.integer_leader.expected == 1 + Fraction(51, 251) + Fraction(2, 8) + Fraction(2, 12)
    # counts of at least 10: 60, 125, 11 (A) and 40, 125 (B): last digits 0, 5, 1, 0, 5
    assert found.digits == (2, 1, 0, 0, 0, 2, 0, 0, 0, 0)
    assert found.chi_square == 13  # 4.5 + 0.5 + 4.5 + 7 x 0.5


def test_columns_and_rows_give_the_same_indicators(files: dict[str, str]) -> None:
    by_columns = validate(files["rules"], files["wide"], files["mapping"], turnout="voters_took_part/registered_voters")
    by_rows = validate(files["rules"], files["long"], turnout="voters_took_part/registered_voters")
    assert by_columns.by_columns and not by_rows.by_columns
    assert by_columns.indicators == by_rows.indicators


def test_indicators_never_change_the_exit_code(files: dict[str, str]) -> None:
    runner = CliRunner()
    plain = runner.invoke(main, ["validate", files["rules"], files["wide"], "--mapping", files["mapping"]])
    shown = runner.invoke(
        main, ["validate", "--indicators", files["rules"], files["wide"], "--mapping", files["mapping"]]
    )
    assert plain.exit_code == shown.exit_code == 1  # U4: 11 took part of 10 registered (C102)
    assert "INDICATORS, not findings" in shown.stdout and "INDICATORS" not in plain.stdout
    as_json = runner.invoke(
        main, ["validate", "--json", "--indicators", files["rules"], files["wide"], "--mapping", files["mapping"]]
    )
    report = json.loads(as_json.stdout)
    assert report["indicators"]["label"] == "indicators, not findings"
    assert report["indicators"]["chi_square"] == "13"
    assert "indicators" not in json.loads(
        runner.invoke(main, ["validate", "--json", files["rules"], files["wide"], "--mapping", files["mapping"]]).stdout
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("voters_took_part", "write TOOK_PART / REGISTERED"),
        ("voters_took_part + / registered_voters", "write TOOK_PART / REGISTERED"),
        ("ballots / registered_voters", "`ballots` is not a count of the rule file"),
    ],
)
def test_a_bad_turnout_is_a_usage_error(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        TurnoutSpec.parse(text, ["voters_took_part", "registered_voters"])

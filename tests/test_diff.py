"""`ballotlaw diff`: the Kyrgyz law of 2015 against that of 2021 on the official 2021 results."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ballotlaw.cli import main

ROOT = Path(__file__).resolve().parent.parent
OLD = str(ROOT / "rules" / "kg" / "jogorku-kenesh-2015.rules")
NEW = str(ROOT / "rules" / "kg" / "jogorku-kenesh-2021.rules")
RESULTS = str(ROOT / "data" / "kg" / "2021" / "results.csv")


def test_diff_names_the_clauses_that_change_the_outcome() -> None:
    result = CliRunner().invoke(main, ["diff", "--json", OLD, NEW, RESULTS])
    assert result.exit_code == 1  # the laws differ
    found = json.loads(result.stdout)
    assert found["format"] == "ballotlaw.diff"
    effective = {c["label"] for c in found["clauses"] if c["changes_outcome"]}
    assert effective == {"national_list.national_threshold", "national_list.seats"}
    changed = {c["label"]: c for c in found["clauses"]}
    assert changed["national_list.regional_threshold"]["change"] == "changed"
    assert not changed["national_list.regional_threshold"]["changes_outcome"]  # not evaluated under either law
    assert changed["districts.compete"]["change"] == "added"
    unit = found["units"][0]
    yiman = next(s for s in unit["selections"] if s["id"] == "Yiman Nuru")
    # Under the 7% threshold of 2015, Yiman Nuru (79,025 of 1,281,622 = 6.17%) would not have passed.
    assert yiman["qualified"] == ["no", "undetermined"] and yiman["seats"] == [0, 5]
    assert yiman["tests"][0]["clause"] == "national_list.national_threshold"
    assert yiman["tests"][0]["old"].startswith("failed") and yiman["tests"][0]["new"].startswith("passed")


def test_diff_of_a_law_with_itself_is_empty() -> None:
    result = CliRunner().invoke(main, ["diff", NEW, NEW, RESULTS])
    assert result.exit_code == 0
    assert "nowhere: both laws give the same outcome" in result.stdout

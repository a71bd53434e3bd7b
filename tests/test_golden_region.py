"""The election laws of the former Soviet republics and Mongolia (issue 14, items 3 and 5): every rule file
checks and its examples, worked by hand, pass; and the golden elections of the region reproduce the official
seats typed from the official source cited in each data folder's EXPECTED.md (never produced by ballotlaw)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ballotlaw.api import load_law, run
from ballotlaw.examples import run_examples
from ballotlaw.outcome import Outcome, UnitOutcome
from ballotlaw.render.phrases import say

ROOT = Path(__file__).resolve().parent.parent
REGION = ("am", "az", "by", "ge", "kz", "lv", "mn", "ru", "tj", "tm", "ua", "uz")
REGION_LAWS = sorted(
    path for code in REGION for path in (ROOT / "rules" / code).glob("*.rules") if "precinct-protocol" not in path.name
)


def test_every_state_of_the_region_has_a_law() -> None:  # else the tests below would pass on fewer files
    assert {path.parent.name for path in REGION_LAWS} == set(REGION)


@pytest.mark.parametrize("path", REGION_LAWS, ids=lambda p: str(p.relative_to(ROOT)))
def test_law_checks_and_its_examples_pass(path: Path) -> None:
    law, diagnostics = load_law(str(path))
    assert law is not None
    assert [d.message for d in diagnostics if d.is_error] == []
    results = list(run_examples(law))
    assert len(results) >= 2
    assert [r.example.id.text for r in results if not r.passed] == []


def _unit(rules: str, data: str) -> tuple[Outcome, UnitOutcome]:
    """The outcome on the golden data and the one unit of its first contest, which must be elected."""
    outcome, _ = run(str(ROOT / "rules" / rules), str(ROOT / "data" / data / "results.csv"))
    (unit,) = outcome.contests[0].units
    assert unit.status == "elected"
    return outcome, unit


KAZAKHSTAN_2023_SEATS = {  # the CEC's final results of 27 March 2023 (data/kz/2023/EXPECTED.md)
    "Партия «AMANAT»": 40,
    "Народно-демократическая патриотическая партия «Ауыл»": 8,
    "Партия «Respublica»": 6,
    "Демократическая партия Казахстана «Ак жол»": 6,
    "Народная партия Казахстана": 5,
    "Общенациональная социал-демократическая партия": 4,
}


def test_kazakhstan_2023_mazhilis_party_lists() -> None:
    outcome, unit = _unit("kz/mazhilis-2023.rules", "kz/2023")
    assert {s.id: s.seats for s in unit.selections if s.seats} == KAZAKHSTAN_2023_SEATS
    # Seven parties on the ballot; Baytaq's 2.30% fails the 5%.
    assert len(unit.selections) == 7
    assert [s.id for s in unit.selections if s.qualified == "no"] == ["Партия зелёных «Байтак»"]
    # The quota is the votes of the six parties admitted (5,971,719) over 69, not all 6,366,441 ballots; the
    # 69th seat goes to the OSDP's remainder (0.825 of a quota) before Amanat's (0.650).
    (allocation,) = [s for s in outcome.trace if s.kind == "allocation"]
    decision = say(allocation.decision)
    assert "quota = 5971719 " in decision and "/ 69 seats" in decision

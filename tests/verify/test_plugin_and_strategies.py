"""The pytest plugin collects rule-file examples and spec properties; the exported strategies generate valid
results."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

from ballotlaw import evaluate, load_law
from ballotlaw.strategies import results_for

ROOT = Path(__file__).resolve().parent.parent.parent
LAW, _ = load_law(str(ROOT / "rules" / "kg" / "jogorku-kenesh-2021.rules"))

pytest_plugins = ["pytester"]


@settings(max_examples=60, deadline=None)
@given(results_for(LAW))
def test_generated_results_are_complete_and_evaluate(results: object) -> None:
    outcome = evaluate(LAW, results)  # type: ignore[arg-type]
    national = outcome.contest("national_list")
    assert national is not None and len(national.units) == 1
    unit = national.units[0]
    assert not unit.unpublished  # generated results publish every figure the law needs
    if unit.seats_status == "computed" and unit.status == "elected":
        assert sum(s.seats or 0 for s in unit.selections) <= 54


def test_results_for_names_a_contest() -> None:
    with pytest.raises(ValueError, match="no contest 'nowhere'"):
        results_for(LAW, "nowhere")


def test_plugin_collects_examples_and_properties(pytester: pytest.Pytester) -> None:
    law = (ROOT / "tests" / "verify" / "laws" / "hare.rules").read_text(encoding="utf-8")
    law += """
example passes "Two lists, ten seats"   [pukelsheim]
  given nation "N": voters_took_part 100, votes "A" 60, votes "B" 40
  expect house: "A" gets 6 seats, "B" gets 4 seats
end

example fails "A wrong expectation"   [pukelsheim]
  given nation "N": voters_took_part 100, votes "A" 60, votes "B" 40
  expect house: "A" gets 7 seats
end
"""
    pytester.mkdir("rules")
    pytester.path.joinpath("rules", "hare.rules").write_text(law, encoding="utf-8")
    pytester.mkdir("specs")
    spec = (ROOT / "specs" / "standard-proportional.spec").read_text(encoding="utf-8")
    pytester.path.joinpath("specs", "standard.spec").write_text(spec, encoding="utf-8")
    pytester.makeini("[pytest]\nballotlaw_examples = 400\n")
    result = pytester.runpytest("rules", "specs", "-p", "no:cacheprovider", "-p", "no:asyncio")
    outcomes = result.parseoutcomes()
    # 2 examples (1 fails) + 12 properties of which house monotonicity fails and lower quota is skipped.
    assert outcomes.get("passed") == 12 and outcomes.get("failed") == 2 and outcomes.get("skipped") == 1
    result.stdout.fnmatch_lines(['*expected "A" gets 7 seats, but seats: 6*', "*Alabama paradox*"])

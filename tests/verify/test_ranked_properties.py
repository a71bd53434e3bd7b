"""Known theorems of instant runoff, checked by search: it breaks monotonicity (a winner who loses by gaining
first preferences) and participation (the no-show paradox), and keeps later-no-harm. The counterexamples are
written as ballots files that `ballotlaw run` replays, and as example blocks that pin them into the rule file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ballotlaw.api import load_law
from ballotlaw.evaluate import evaluate
from ballotlaw.results.load import load_results
from ballotlaw.verify.report import save
from ballotlaw.verify.runner import PropertyResult, verify
from conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent.parent
SPEC = ROOT / "specs" / "standard-ranked.spec"
IRV = ROOT / "rules" / "us" / "oakland-mayor-2010.rules"
STV = ROOT / "rules" / "gb" / "scottish-council-ward-2022.rules"


def verified(rules: Path, examples: int, seed: int = 0) -> dict[str, PropertyResult]:
    law, _ = load_law(str(rules))
    spec, _ = load_law(str(SPEC))
    return {r.property.provenance.label: r for r in verify(law, spec.specs, examples, seed)}


@pytest.fixture(scope="module")
def instant_runoff() -> dict[str, PropertyResult]:
    return verified(IRV, 600)


def elected(rules: Path, results_path: str) -> list[str]:
    law, _ = load_law(str(rules))
    results, _ = load_results(law, results_path)
    (unit,) = evaluate(law, results).contests[0].units
    return [s.id for s in unit.selections if s.elected]


def test_instant_runoff_breaks_monotonicity(instant_runoff: dict[str, PropertyResult], tmp_path: Path) -> None:
    found = instant_runoff["monotonicity"]  # the rule file declares it a known failure of instant runoff
    assert found.status == "known failure" and found.violation is not None
    law, _ = load_law(str(IRV))
    files = save(law, found, tmp_path, "oakland-mayor-2010.rules")
    assert files.variant is not None
    # Replayed: the winner of the counterexample loses on the changed ballots, which only rank them higher.
    winner = elected(IRV, files.results)
    assert len(winner) == 1 and winner[0] not in elected(IRV, files.variant)
    assert f"{winner[0]} loses" in found.violation.summary
    ran = run_cli("run", str(IRV), files.results)
    assert ran.code == 0 and f"elected: {winner[0]}" in ran.stdout


def test_instant_runoff_breaks_participation(instant_runoff: dict[str, PropertyResult], tmp_path: Path) -> None:
    found = instant_runoff["participation"]
    assert found.status == "known failure" and found.violation is not None
    law, _ = load_law(str(IRV))
    files = save(law, found, tmp_path, "oakland-mayor-2010.rules")
    assert files.variant is not None
    before, after = elected(IRV, files.results), elected(IRV, files.variant)
    assert before != after and "stay home" in found.violation.summary


def test_instant_runoff_keeps_later_no_harm(instant_runoff: dict[str, PropertyResult]) -> None:
    assert instant_runoff["later_no_harm"].status == "passed"
    assert instant_runoff["later_no_harm"].examples == 600


def test_the_counterexample_pins_into_the_rule_file(instant_runoff: dict[str, PropertyResult], tmp_path: Path) -> None:
    """The example block written beside the counterexample passes when appended to the rule file."""
    law, _ = load_law(str(IRV))
    files = save(law, instant_runoff["monotonicity"], tmp_path, "oakland-mayor-2010.rules")
    pinned = tmp_path / "pinned.rules"
    pinned.write_text(IRV.read_text(encoding="utf-8") + "\n" + Path(files.example).read_text(encoding="utf-8"))
    ran = run_cli("test", str(pinned))
    assert ran.code == 0, ran.stdout + ran.stderr
    assert "monotonicity_counterexample" in ran.stdout


def test_properties_of_ranked_ballots_do_not_apply_to_plurality() -> None:
    law, _ = load_law(str(ROOT / "rules" / "us" / "georgia-us-senate-2022.rules"))
    spec, _ = load_law(str(SPEC))
    results = verify(law, spec.specs, 5)
    assert results and all(r.status == "not applicable" for r in results)


def test_single_transferable_vote_is_searched_on_ranked_ballots() -> None:
    """The Scottish rules on generated ballots: the properties run on every election (participation is for
    contests of one seat, so it holds trivially here)."""
    results = verified(STV, 40)
    assert {name: r.examples for name, r in results.items() if r.status == "passed"}.get("participation") == 40

"""The parts of a search: a property found failing in one part is not shrunk again in the later ones, and the
report is the one every part shrinking its own failures gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from ballotlaw.api import load_law
from ballotlaw.verify import runner

ROOT = Path(__file__).resolve().parent.parent.parent
RULES = str(ROOT / "rules" / "kg" / "jogorku-kenesh-2021.rules")
SPEC = str(ROOT / "specs" / "standard-proportional.spec")


def _failing(part: list[runner.PropertyResult]) -> set[tuple[str, str, str]]:
    return {(r.spec, r.contest, r.property.provenance.full_label) for r in part if r.violation is not None}


def test_a_settled_failure_is_not_shrunk_and_changes_nothing_else() -> None:
    law, _ = load_law(RULES)
    specs = load_law(SPEC)[0].specs
    plain = runner._verify_part(law, specs, 100, 7)
    settled = _failing(plain)
    assert settled, "the standard spec has known failures on the Kyrgyz law"
    runner.TIMING.update(search=0.0, shrink=0.0)
    again = runner._verify_part(law, specs, 100, 7, settled=frozenset(settled))
    assert runner.TIMING["shrink"] == 0.0  # nothing shrunk
    assert _failing(again) == settled
    for before, after in zip(plain, again, strict=True):
        assert (before.status, before.examples) == (after.status, after.examples)
        if before.violation is None:
            assert before == after


def test_the_merged_report_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "PART", 100)
    law, _ = load_law(RULES)
    specs = load_law(SPEC)[0].specs
    budgets = runner.parts(300, 3)
    assert len(budgets) == 3
    each_shrinking = runner.merge([runner._verify_part(law, specs, budget, seed) for budget, seed in budgets])
    assert runner.verify(law, specs, 300, 3) == each_shrinking

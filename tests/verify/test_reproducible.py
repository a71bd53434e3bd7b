"""The same law, spec, budget and seed give the same report, whatever else is loaded: Hypothesis draws now and
then constants from the source of modules it deems local, which the searches switch off (verify/runner.py)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from hypothesis.internal.conjecture import providers

from ballotlaw.api import load_law
from ballotlaw.verify.runner import reproducible, verify

HERE = Path(__file__).parent
STANDARD = HERE.parent.parent / "specs" / "standard-proportional.spec"


def _report() -> list[tuple[str, str, int]]:
    law, _ = load_law(str(HERE / "laws" / "hare.rules"))
    spec, _ = load_law(str(STANDARD))
    return [(r.property.provenance.label, r.status, r.examples) for r in verify(law, spec.specs, 300, 0)]


def test_a_new_local_module_full_of_constants_changes_nothing(tmp_path: Path) -> None:
    before = _report()
    module = tmp_path / "ballotlaw_probe_constants.py"
    module.write_text("".join(f"C{i} = {i * 7919 + 11}\n" for i in range(300)), encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        importlib.import_module("ballotlaw_probe_constants")
        assert _report() == before
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("ballotlaw_probe_constants", None)


def test_inside_a_search_the_pool_of_local_constants_is_empty() -> None:
    with reproducible():
        assert len(providers._get_local_constants()) == 0
        assert len(providers.CONSTANTS_CACHE.cache) == 0


def test_a_search_after_other_hypothesis_tests_gives_the_same_report() -> None:
    """Other Hypothesis tests fill Hypothesis's cache of permitted constants with local ones; a search run after
    them must not use that cache."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    before = _report()

    @settings(max_examples=200, database=None)
    @given(st.integers(), st.text())
    def other(number: int, text: str) -> None:
        pass

    other()
    assert _report() == before

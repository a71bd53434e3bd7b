"""Known theorems of apportionment, checked by search (never by a seeded example): divisor methods are house-
and vote-monotone, D'Hondt meets lower quota, largest remainders meet quota; Hare largest remainders break
house monotonicity (the Alabama paradox) and Sainte-Lague can violate quota. Also: a broken rule file gets a
shrunk counterexample that `ballotlaw run` replays."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from ballotlaw.api import load_law, load_law_text
from ballotlaw.cli import main
from ballotlaw.evaluate import evaluate
from ballotlaw.results.load import load_results
from ballotlaw.verify.report import save
from ballotlaw.verify.runner import PropertyResult, verify

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
STANDARD = ROOT / "specs" / "standard-proportional.spec"
THEOREMS = HERE / "theorems.spec"


def run(
    law_name: str, spec: Path, examples: int = 1000, seed: int = 0, only: tuple[str, ...] = ()
) -> dict[str, PropertyResult]:
    """Verify a test law against a spec (or only some of its properties)."""
    law, _ = load_law(str(HERE / "laws" / f"{law_name}.rules"))
    spec_law, _ = load_law(str(spec))
    specs = tuple(
        attrs.evolve(s, properties=tuple(p for p in s.properties if not only or p.provenance.label in only))
        for s in spec_law.specs
    )
    return {r.property.provenance.label: r for r in verify(law, specs, examples, seed)}


def test_hare_largest_remainder_breaks_house_monotonicity(tmp_path: Path) -> None:
    """Found by search within the default budget of `ballotlaw verify` (1000 elections)."""
    house = run("hare", STANDARD, only=("house_monotonicity",))["house_monotonicity"]
    assert house.status == "failed" and "Alabama paradox" in house.violation.summary  # type: ignore[union-attr]
    # Replay the written counterexample: some list has fewer seats in a house of 11 than in a house of 10.
    law, _ = load_law(str(HERE / "laws" / "hare.rules"))
    files = save(law, house, tmp_path, "hare.rules")
    replayed, _ = load_results(law, files.results)
    with_10 = evaluate(law, replayed).contests[0].units[0]
    law_11 = attrs.evolve(law, contests=(attrs.evolve(law.contests[0], seats=11),))
    with_11 = evaluate(law_11, replayed).contests[0].units[0]
    before = {s.id: s.seats for s in with_10.selections}
    after = {s.id: s.seats for s in with_11.selections}
    assert any(after[name] < seats for name, seats in before.items())  # type: ignore[operator]


def test_hare_passes_the_rest_of_the_standard_spec() -> None:
    results = run("hare", STANDARD, examples=300)
    for name, result in results.items():
        if name == "lower_quota":
            assert result.status == "not applicable"
        elif name != "house_monotonicity":
            assert result.status == "passed", (name, result.violation)


def test_divisor_methods_are_monotone_and_dhondt_meets_lower_quota() -> None:
    for law_name in ("dhondt", "sainte-lague"):
        results = run(law_name, THEOREMS, examples=400, only=("house_monotonicity", "vote_monotonicity"))
        assert results["house_monotonicity"].status == "passed"
        assert results["vote_monotonicity"].status == "passed"
    assert run("dhondt", THEOREMS, examples=400, only=("lower_quota",))["lower_quota"].status == "passed"


def test_largest_remainders_meet_quota_and_dhondt_can_exceed_it() -> None:
    assert run("hare", THEOREMS, examples=400, only=("quota",))["quota"].status == "passed"
    assert run("dhondt", THEOREMS, examples=400, only=("quota",))["quota"].status == "failed"


def test_sainte_lague_can_violate_quota() -> None:
    quota = run("sainte-lague", THEOREMS, examples=1000, only=("quota",))["quota"]
    assert quota.status == "failed"
    assert "its exact quota is" in quota.violation.summary  # type: ignore[union-attr]


def test_broken_cap_gets_a_counterexample_that_run_replays(tmp_path: Path) -> None:
    rules = str(HERE / "laws" / "broken-cap.rules")
    result = CliRunner().invoke(
        main, ["verify", rules, "--spec", str(STANDARD), "--examples", "300", "--save", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "FAILED  standard_proportional.seat_total" in result.stdout
    counterexample = tmp_path / "house.standard_proportional.seat_total.csv"
    replay = CliRunner().invoke(main, ["run", "--json", rules, str(counterexample)])
    assert replay.exit_code == 0
    import json

    unit = json.loads(replay.stdout)["contests"][0]["units"][0]
    assert sum(s["seats"] or 0 for s in unit["selections"]) < 10
    example = (tmp_path / "house.standard_proportional.seat_total.example.rules").read_text(encoding="utf-8")
    assert example.startswith("example seat_total_counterexample") and "expect house:" in example


def test_verify_is_deterministic_for_a_seed() -> None:
    first = run("hare", STANDARD, examples=200, seed=7, only=("house_monotonicity", "quota"))
    second = run("hare", STANDARD, examples=200, seed=7, only=("house_monotonicity", "quota"))
    assert {k: (v.status, v.violation) for k, v in first.items()} == {
        k: (v.status, v.violation) for k, v in second.items()
    }


@pytest.mark.parametrize("spec", ["standard-proportional", "standard-majoritarian"])
def test_kg2021_standard_specs_report_every_property(spec: str, tmp_path: Path) -> None:
    rules = str(ROOT / "rules" / "kg" / "jogorku-kenesh-2021.rules")
    result = CliRunner().invoke(
        main,
        [
            "verify",
            rules,
            "--spec",
            str(ROOT / "specs" / f"{spec}.spec"),
            "--examples",
            "200",
            "--save",
            str(tmp_path),
            "--json",
        ],
    )
    assert result.exit_code in (0, 1)
    import json

    report = json.loads(result.stdout)
    assert report["format"] == "ballotlaw.verify"
    spec_law, _ = load_law(str(ROOT / "specs" / f"{spec}.spec"))
    assert {p["property"] for p in report["properties"]} == {
        p.provenance.full_label for s in spec_law.specs for p in s.properties
    }
    for item in report["properties"]:
        assert item["status"] in ("passed", "failed", "known failure", "not applicable")
        if item["status"] in ("failed", "known failure"):
            assert Path(item["counterexample"]).exists()


def test_mixed_member_seats_add_up_and_lists_below_the_threshold_keep_their_constituencies() -> None:
    # Generated elections give every list constituency wins (0 to 3). The seats always add up to the house plus
    # the seats the law adds (overhang); a list below the threshold keeps the constituencies it won, which the
    # standard property "a list that does not qualify gets no seat" reports: the law means it.
    results = run("mixed-kept", STANDARD, examples=300, only=("seat_total", "threshold_respected"))
    assert results["seat_total"].status == "passed"
    found = results["threshold_respected"]
    assert found.status == "failed" and "does not qualify but gets" in found.violation.summary  # type: ignore[union-attr]


def test_a_law_decided_in_every_district_is_really_searched() -> None:
    # Generated elections put the district (named as the law names it) under a nation, so the national
    # threshold is measured and outcomes are final: a cap that leaves seats vacant is found to break the total.
    results = run("districts-vacant-cap", STANDARD, examples=300, only=("seat_total",))
    found = results["seat_total"]
    assert found.status == "failed" and "the seats add up to" in found.violation.summary  # type: ignore[union-attr]


def test_a_counterexample_block_carries_the_lists_attributes() -> None:
    """The Montenegrin joint minority list fails the seat total only when its lists are marked as a minority's:
    the example block must say so, or pinning it into the rule file would not reproduce the failure."""
    from ballotlaw.examples import run_examples
    from ballotlaw.verify.report import example_block

    path = ROOT / "rules" / "me" / "parliament-2023.rules"
    law, _ = load_law(str(path))
    spec_law, _ = load_law(str(STANDARD))
    specs = tuple(
        attrs.evolve(s, properties=tuple(p for p in s.properties if p.provenance.label == "seat_total"))
        for s in spec_law.specs
    )
    (result,) = verify(law, specs, 2000, 0)
    assert result.status == "known failure"
    block = example_block(law, result)
    assert "national_minority of" in block
    pinned, _ = load_law_text(path.read_text(encoding="utf-8") + "\n" + block, str(path))
    results = run_examples(pinned)
    assert results and all(r.passed for r in results)

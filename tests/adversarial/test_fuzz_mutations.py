"""Fuzzing results files: the shipped results of `data/` (and the small cases of this folder), mutated as long
CSV, as ballotlaw JSON, as NIST SP 1500-100 reports and as wide CSV with their mapping, and read against their
rule files by `run`, `explain`, `validate` and `convert`.

The oracle (fuzzing.survive): each verb either succeeds or raises the project's own findings or usage errors,
within the time bound; what `convert` writes reads back with the same figures; and the same figures written
otherwise (rows, keys and columns reordered, quoted, padded, CRLF, a BOM, another format) decide the same
outcome. The budget is BALLOTLAW_FUZZ_EXAMPLES inputs per test (`make fuzz` sets it large).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from fuzzing import (
    CSV_MUTATIONS,
    essence,
    fuzz_settings,
    mutated,
    mutated_document,
    results_document,
    rewritten_csv,
    rewritten_json,
    survive,
)
from hypothesis import given
from hypothesis import strategies as st

from ballotlaw.api import load_law, run, validate
from ballotlaw.diagnostics.render import render_diagnostics
from ballotlaw.errors import FindingsError, UsageError
from ballotlaw.integrity import universal_checks
from ballotlaw.model import Law
from ballotlaw.outcome import Outcome
from ballotlaw.render.explain import render_trace
from ballotlaw.render.jsonform import outcome_json, trace_json, validation_json
from ballotlaw.render.text import render_outcome
from ballotlaw.results.load import load_results
from ballotlaw.results.model import Results
from ballotlaw.results.nist_write import ReportMeta, to_nist
from ballotlaw.results.write import to_csv
from test_snapshots import PAIRS as SHIPPED_PAIRS

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CASES = HERE / "cases"
# Every shipped law with its shipped results (the snapshots' table), less the reconstruction whose arithmetic
# fails by design, the Arizona count that its recount file stands for and the ranked ballots (BLT files: these
# fuzzers rewrite counts and votes, which a ballots file does not have; hostile ballot files are
# tests/test_ranked_ballots.py's); and the small cases of this folder.
NOT_FUZZED = {
    "data/kg/2021/reconstructed-erroneous-display.csv",
    "data/us/2022-arizona-attorney-general-recount/results.csv",
}
PAIRS = [pair for pair in SHIPPED_PAIRS if pair[1] not in NOT_FUZZED and not pair[1].endswith(".blt")] + [
    ("tests/adversarial/cases/small.rules", "tests/adversarial/cases/small.csv"),
    ("tests/adversarial/cases/small.rules", "tests/adversarial/cases/small.json"),
    ("tests/adversarial/cases/small.rules", "tests/adversarial/cases/small-nist.json"),
]
SMALL = "tests/adversarial/cases/small"
WIDE = [  # a law, a wide CSV and its mapping
    (
        "rules/ru/state-duma-precinct-protocol-2018.rules",
        "docs/examples/ru-precinct-protocols-wide.csv",
        "docs/examples/ru-precinct-mapping.json",
    ),
    (f"{SMALL}.rules", f"{SMALL}-wide.csv", f"{SMALL}-mapping.json"),
]
TURNOUT = "voters_took_part / registered_voters"  # the default of `validate --turnout` (docs/contracts.md)
META = ReportMeta("Commission", "CEC", "certified", "2024-06-10T12:00:00+00:00")


@functools.cache
def loaded(rules: str, results: str) -> tuple[Law, Results]:
    law = load_law(str(ROOT / rules))[0]
    return law, load_results(law, str(ROOT / results))[0]


@functools.cache
def json_form(rules: str, results: str) -> dict[str, object]:
    return results_document(loaded(rules, results)[1])


@functools.cache
def nist_form(rules: str, results: str) -> dict[str, object] | None:
    """The results as a NIST report, or None where NIST has no form for them (several top units, no date)."""
    law, read = loaded(rules, results)
    try:
        return to_nist(law, read, META)[0]
    except UsageError:
        return None


NIST_PAIRS = [pair for pair in PAIRS if nist_form(*pair) is not None]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-results")


# ---- what each verb does with a results file ------------------------------------------------------------------


def rendered(outcome: Outcome) -> Outcome:
    assert outcome_json(outcome) and trace_json(outcome) and render_outcome(outcome) and render_trace(outcome)
    return outcome


def do_run(rules: str, path: str, mapping: str | None, accept: bool) -> object:
    """`run` and `explain`: the outcome and its trace, in text and JSON."""
    return rendered(run(rules, path, accept_data_errors=accept, mapping=mapping)[0])


def do_validate(rules: str, path: str, mapping: str | None, indicators: bool) -> object:
    """`validate`: the findings and their count, in text and JSON (with the indicators when asked)."""
    done = validate(rules, path, mapping, turnout=TURNOUT if indicators else None)
    found = done.warnings + done.report.findings
    if found:
        assert render_diagnostics(found)
    return validation_json(done.path, done.sha256, done.report.checked, done.report.unpublished, found, {})


def do_convert(rules: str, path: str, mapping: str | None, folder: Path) -> object:
    """`convert`: results whose arithmetic holds are written as long CSV and as NIST; both read back, with the
    same units and the same published figures."""
    law = load_law(rules)[0]
    results = load_results(law, path, mapping)[0]
    if universal_checks(law, results).has_errors:
        return None
    written = folder / "converted.csv"
    written.write_text(to_csv(results), encoding="utf-8")
    again = _read_back(law, written)
    assert _tree(again) == _tree(results) and again.counts == results.counts, "the CSV does not read back the same"
    assert again.votes == results.votes and again.attributes == results.attributes, "the CSV lost figures"
    assert again.every_selection == results.every_selection and again.shares == results.shares, "the CSV lost figures"
    try:
        document, _left_out = to_nist(law, results, META)
    except UsageError:  # NIST has no form for these results (several top units); refused as the CLI does
        return None
    nist = folder / "converted.json"
    nist.write_text(json.dumps(document), encoding="utf-8")
    assert _published(_read_back(law, nist)) == _published(results), "the NIST report does not read back the same"
    return document


def _read_back(law: Law, path: Path) -> Results:
    """What `convert` wrote, read again: refusing it is a defect (what ballotlaw writes, it reads)."""
    try:
        return load_results(law, str(path))[0]
    except FindingsError as error:
        raise AssertionError(f"the converted file is refused:\n{render_diagnostics(error.diagnostics)}") from None


def _tree(results: Results) -> list[tuple[str, str, str]]:
    """The units with figures of their own, as a long CSV carries them (one row per figure, no unit names)."""
    carried = {unit for unit, _ in results.counts} | {unit for unit, _ in results.attributes}
    carried |= {unit for unit, table in results.votes.items() if table}
    return sorted((u.id, u.level, u.parent or "") for u in results.units.values() if u.id in carried)


def _published(results: Results) -> tuple[object, ...]:
    """The published figures of results and the units that have one (what a NIST report can carry); the votes
    of every selection (`*`) count as each selection's."""
    counts = {key: f.value for key, f in results.counts.items() if f.known}
    names = {name for table in results.votes.values() for name in table}
    figures = {(u, name): results.vote(u, name) for u in results.units for name in names}
    votes = {key: f.value for key, f in figures.items() if f.known}
    having = {unit for unit, _ in counts} | {unit for unit, _ in votes}
    tree = sorted((u.id, u.level, u.parent or "") for u in results.units.values() if u.id in having)
    return (tree, counts, votes)


@st.composite
def verbs(draw: st.DrawFn) -> tuple[str, bool]:
    return draw(st.sampled_from(["run", "validate", "convert"])), draw(st.booleans())


def exercise(test: str, rules: str, path: str, mapping: str | None, verb: tuple[str, bool], folder: Path) -> None:
    name, flag = verb
    if name == "run":
        survive(test, lambda: do_run(rules, path, mapping, flag))
    elif name == "validate":
        survive(test, lambda: do_validate(rules, path, mapping, flag))
    else:
        survive(test, lambda: do_convert(rules, path, mapping, folder))


# ---- the tests --------------------------------------------------------------------------------------------------

CSV_PAIRS = [pair for pair in PAIRS if pair[1].endswith(".csv")]


@fuzz_settings()
@given(pair=st.sampled_from(CSV_PAIRS), data=st.data(), verb=verbs())
def test_mutated_long_csv(pair: tuple[str, str], data: st.DataObject, verb: tuple[str, bool], folder: Path) -> None:
    """Shipped long CSV results with cells, rows, bytes and numbers changed."""
    rules, results = pair
    text = data.draw(mutated((ROOT / results).read_bytes(), extra=CSV_MUTATIONS), label="results")
    path = folder / "results.csv"
    path.write_bytes(text)
    exercise("results: long CSV", str(ROOT / rules), str(path), None, verb, folder)


@fuzz_settings()
@given(pair=st.sampled_from(PAIRS), data=st.data(), verb=verbs())
def test_mutated_json_results(pair: tuple[str, str], data: st.DataObject, verb: tuple[str, bool], folder: Path) -> None:
    """Shipped results written as ballotlaw JSON, with values, keys and structure changed."""
    rules = pair[0]
    text = data.draw(mutated_document(json_form(*pair)), label="results")
    path = folder / "results.json"
    path.write_bytes(text)
    exercise("results: JSON", str(ROOT / rules), str(path), None, verb, folder)


@fuzz_settings()
@given(pair=st.sampled_from(NIST_PAIRS), data=st.data(), verb=verbs())
def test_mutated_nist_reports(pair: tuple[str, str], data: st.DataObject, verb: tuple[str, bool], folder: Path) -> None:
    """Shipped results written as NIST SP 1500-100 reports, with values, keys and structure changed."""
    rules = pair[0]
    report = nist_form(*pair)
    assert report is not None
    text = data.draw(mutated_document(report), label="report")
    path = folder / "report.json"
    path.write_bytes(text)
    exercise("results: NIST", str(ROOT / rules), str(path), None, verb, folder)


@fuzz_settings()
@given(triple=st.sampled_from(WIDE), data=st.data(), verb=verbs())
def test_mutated_wide_csv_and_mapping(
    triple: tuple[str, str, str], data: st.DataObject, verb: tuple[str, bool], folder: Path
) -> None:
    """A wide CSV and its mapping, either or both changed."""
    rules, wide, mapping = triple
    wide_text, mapping_text = (ROOT / wide).read_bytes(), (ROOT / mapping).read_bytes()
    which = data.draw(st.sampled_from(["wide", "mapping", "both"]), label="which")
    if which in ("wide", "both"):
        wide_text = data.draw(mutated(wide_text, extra=CSV_MUTATIONS), label="wide")
    if which in ("mapping", "both"):
        mapping_text = data.draw(mutated_document(json.loads(mapping_text)), label="mapping")
    (folder / "wide.csv").write_bytes(wide_text)
    (folder / "mapping.json").write_bytes(mapping_text)
    exercise(
        "results: wide CSV", str(ROOT / rules), str(folder / "wide.csv"), str(folder / "mapping.json"), verb, folder
    )


@functools.cache
def decided(rules: str, results: str, mapping: str | None) -> list[str]:
    """What the law decides on a shipped results file (fuzzing.essence)."""
    return essence(run(str(ROOT / rules), str(ROOT / results), accept_data_errors=True, mapping=mapping)[0])


def nist_carries_everything(pair: tuple[str, str]) -> bool:
    """Whether a NIST report of the results holds every figure: it has no form for a figure not published (left
    out with a warning, W102), for the votes of every selection (`*`) or for published shares."""
    results = loaded(*pair)[1]
    figures = [*results.counts.values(), *(f for table in results.votes.values() for f in table.values())]
    plain = not (results.every_selection or results.shares)
    return plain and all(f.known for f in figures) and nist_form(*pair) is not None


REWRITTEN = [(rules, results, None) for rules, results in PAIRS] + WIDE


@fuzz_settings()
@given(triple=st.sampled_from(REWRITTEN), data=st.data())
def test_rewritten_results_give_the_same_outcome(
    triple: tuple[str, str, str | None], data: st.DataObject, folder: Path
) -> None:
    """The same figures written otherwise (rows, keys and columns in another order, quoting, padding, line ends,
    a BOM; a long CSV as JSON, or as a NIST report where it holds every figure) give the same outcome: how a
    file is written never changes what the law decides."""
    rules, results, mapping = triple
    forms = ["as written", "as JSON"] if mapping is None and results.endswith(".csv") else ["as written"]
    if mapping is None and nist_carries_everything((rules, results)):
        forms.append("as NIST")
    form = data.draw(st.sampled_from(forms), label="form")
    if form == "as NIST":
        text = data.draw(rewritten_json(nist_form(rules, results)), label="rewritten")
    elif form == "as JSON":
        text = data.draw(rewritten_json(json_form(rules, results)), label="rewritten")
    elif results.endswith(".json"):
        text = data.draw(rewritten_json(json.loads((ROOT / results).read_bytes())), label="rewritten")
    else:
        text = data.draw(rewritten_csv((ROOT / results).read_bytes(), wide=mapping is not None), label="rewritten")
    path = folder / ("rewritten.csv" if form == "as written" and results.endswith(".csv") else "rewritten.json")
    path.write_bytes(text)
    wide = str(ROOT / mapping) if mapping else None

    def same() -> None:
        after = run(str(ROOT / rules), str(path), accept_data_errors=True, mapping=wide)[0]
        assert essence(after) == decided(rules, results, wide), "the same figures, written otherwise, decide otherwise"

    got = survive("results: rewritten", same)
    assert not isinstance(got, FindingsError | UsageError), f"a rewritten file is refused: {got}"


@pytest.mark.parametrize("pair", PAIRS, ids=lambda pair: pair[1])
def test_the_clean_inputs_are_accepted(pair: tuple[str, str], tmp_path: Path) -> None:
    """The fuzzers start from inputs that are accepted, as JSON and as NIST too, and convert back and forth
    (else they would mutate files that are refused anyway)."""
    rules, results = pair
    forms = [("json", json_form(*pair)), ("nist.json", nist_form(*pair))]
    for form, document in [(form, document) for form, document in forms if document is not None]:
        path = tmp_path / f"results.{form}"
        path.write_text(json.dumps(document), encoding="utf-8")
        try:
            outcome, _warnings = run(str(ROOT / rules), str(path), accept_data_errors=True)
        except FindingsError as error:
            pytest.fail(f"the {form} form is refused: {render_diagnostics(error.diagnostics)}")
        assert outcome_json(outcome)
    do_convert(str(ROOT / rules), str(ROOT / results), None, tmp_path)

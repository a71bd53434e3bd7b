"""Every construct of the language, evaluated on numbers it was not written for: each worked example of
docs/language.md keeps its units, lists and attributes, and Hypothesis redraws every count, vote and attribute
(zeros, ties, lists with everything, published figures left out). Evaluation must give an outcome, never an
exception: the rule language always terminates and bad luck in the data is reported, not crashed on."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ballotlaw.api import load_law_text
from ballotlaw.errors import FindingsError
from ballotlaw.evaluate import evaluate
from ballotlaw.examples import results_of
from ballotlaw.results.load import load_results
from ballotlaw.results.model import NOT_PUBLISHED, PUBLISHED, Figure

PAGE = (Path(__file__).resolve().parent.parent / "docs" / "language.md").read_text(encoding="utf-8")
PREAMBLE = re.search(r"```preamble\n(.*?)```", PAGE, re.DOTALL).group(1)  # type: ignore[union-attr]
CASES = []
for block in re.findall(r"```rules\n(.*?)```", PAGE, re.DOTALL):
    law, _ = load_law_text(PREAMBLE + "\n" + block, "docs/language.md")
    for example in law.examples:
        results, problems = results_of(law, example)
        assert results is not None and not problems
        CASES.append((law, example.id.text, results))

figure = st.one_of(
    st.integers(min_value=0, max_value=3000).map(lambda v: Figure(PUBLISHED, v)),
    st.just(Figure(NOT_PUBLISHED)),
    st.integers(min_value=0, max_value=3000).map(lambda v: Figure(NOT_PUBLISHED, at_most=v)),
)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(case=st.sampled_from(CASES), data=st.data())
def test_every_construct_gives_an_outcome_on_any_numbers(case: tuple[object, str, object], data: st.DataObject) -> None:
    law, _name, results = case
    counts = {key: data.draw(figure) for key in results.counts}  # type: ignore[attr-defined]
    votes = {
        unit: {selection: data.draw(figure) for selection in table}
        for unit, table in results.votes.items()  # type: ignore[attr-defined]
    }
    attributes = {
        key: {name: data.draw(st.integers(min_value=0, max_value=8)) for name in values}
        for key, values in results.attributes.items()  # type: ignore[attr-defined]
    }
    redrawn = attrs.evolve(results, counts=counts, votes=votes, attributes=attributes)  # type: ignore[misc]
    outcome = evaluate(law, redrawn)  # type: ignore[arg-type]
    for contest in outcome.contests:
        for unit in contest.units:
            for selection in unit.selections:
                assert selection.seats is None or selection.seats >= 0


def _redrawing(data: st.DataObject, over_100: bool) -> Callable[[re.Match[str]], str]:
    """A replacement for NUMBER: a percent drawn from shares that matter (0, exact edges, over 100% when asked),
    a number from 0 to 400."""
    shares = ["0", "0.5", "1", "5", "25", "50", "99.9", "100"] + (["150"] if over_100 else [])

    def redraw(match: re.Match[str]) -> str:
        if match.group(2):
            return f"{data.draw(st.sampled_from(shares))}%"
        return str(data.draw(st.integers(min_value=0, max_value=400)))

    return redraw


BLOCKS = re.findall(r"```rules\n(.*?)```", PAGE, re.DOTALL)
NUMBER = re.compile(r"(?<![\w.\"/])(\d+(?:\.\d+)?)(%?)(?![\w\"/])")


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(block=st.sampled_from(BLOCKS), data=st.data())
def test_every_construct_with_other_numbers_in_the_law_is_refused_or_evaluated(block: str, data: st.DataObject) -> None:
    """The numbers of one clause of the law redrawn (seats, shares, steps, caps, most, minimums): the file is
    refused with diagnostics or evaluated on its examples without an exception."""

    redraw = _redrawing(data, over_100=True)
    lines, clauses, in_example = block.splitlines(), [], False
    for i, line in enumerate(lines):
        in_example = line.startswith("example ") or (in_example and line != "end")
        if line.startswith("  ") and not in_example and NUMBER.search(line.partition("[")[0]):
            clauses.append(i)
    chosen = data.draw(st.sampled_from(clauses))  # one clause at a time, so that the rest stays valid
    clause, bracket, citation = lines[chosen].partition("[")
    lines[chosen] = NUMBER.sub(redraw, clause) + bracket + citation
    text = "\n".join(lines)
    try:
        law, _ = load_law_text(PREAMBLE + "\n" + text, "fuzz.rules")
    except FindingsError as error:
        assert error.diagnostics
        return
    for example in law.examples:
        results, _ = results_of(law, example)
        if results is not None:
            evaluate(law, results)


ROOT = Path(__file__).resolve().parent.parent
GOLDEN = [  # real laws with their real results (data/README.md)
    ("rules/be/chamber-2024.rules", "data/be/2024/results.csv"),
    ("rules/kg/jogorku-kenesh-2021.rules", "data/kg/2021/results.csv"),
    ("rules/cz/chamber-2021.rules", "data/cz/2021/results.csv"),
    ("rules/de/bundestag-2025.rules", "data/de/2025/results.csv"),
    ("rules/il/knesset-2022.rules", "data/il/2022/results.csv"),
    ("rules/lt/seimas-2016.rules", "data/lt/2016/results.csv"),
    ("rules/me/parliament-2023.rules", "data/me/2023/results.csv"),
    ("rules/no/storting-2021.rules", "data/no/2021/results.csv"),
    ("rules/nz/house-2023.rules", "data/nz/2023/results.csv"),
    ("rules/pl/sejm-2023.rules", "data/pl/2023/results.csv"),
    ("rules/sk/national-council-2023.rules", "data/sk/2023/results.csv"),
]


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(pair=st.sampled_from(GOLDEN), data=st.data())
def test_real_laws_with_one_clause_renumbered_are_refused_or_evaluated_on_real_results(
    pair: tuple[str, str], data: st.DataObject
) -> None:
    rules, results_path = pair
    text = (ROOT / rules).read_text(encoding="utf-8")
    lines = text.splitlines()
    clauses = [i for i, line in enumerate(lines) if line.startswith("  ") and NUMBER.search(line.partition("[")[0])]
    chosen = data.draw(st.sampled_from(clauses))
    clause, bracket, citation = lines[chosen].partition("[")

    redraw = _redrawing(data, over_100=False)
    lines[chosen] = NUMBER.sub(redraw, clause) + bracket + citation
    try:
        law, _ = load_law_text("\n".join(lines), rules)
    except FindingsError as error:
        assert error.diagnostics
        return
    results, _ = load_results(law, str(ROOT / results_path))
    evaluate(law, results)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(pair=st.sampled_from(GOLDEN), data=st.data())
def test_real_laws_on_redrawn_results_give_an_outcome(pair: tuple[str, str], data: st.DataObject) -> None:
    """The golden laws on their real units and lists with every figure redrawn: an outcome, never an exception."""
    rules, results_path = pair
    law, _ = load_law_text((ROOT / rules).read_text(encoding="utf-8"), rules)
    results, _ = load_results(law, str(ROOT / results_path))
    scale = data.draw(st.sampled_from([1, 10, 1000]))
    redrawn_figure = figure.map(lambda f: attrs.evolve(f, value=f.value * scale) if f.value is not None else f)
    counts = {key: data.draw(redrawn_figure) for key in results.counts}
    votes = {unit: {s: data.draw(redrawn_figure) for s in table} for unit, table in results.votes.items()}
    outcome = evaluate(law, attrs.evolve(results, counts=counts, votes=votes))
    assert outcome.contests

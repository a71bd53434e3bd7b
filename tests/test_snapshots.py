"""Snapshots of what every shipped law says on its data and on its examples, byte for byte.

They pin the behaviour before the engine is reshaped: `run` (text and `--json`) and `explain` (text and `--json`)
on every pair of a shipped rule file and a shipped results file, and the outcome of every example block of every
shipped rule file. A snapshot changes only with a deliberate change of output: then the JSON form's version or the
engine's version is bumped where docs/contracts.md says so, CHANGELOG.md says why, and the snapshots are written
anew with `BALLOTLAW_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from ballotlaw.api import load_law
from ballotlaw.cli import main
from ballotlaw.examples import run_examples
from ballotlaw.render.explain import render_trace
from ballotlaw.render.jsonform import outcome_json, trace_json
from ballotlaw.render.text import render_outcome

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "tests" / "snapshots"
UPDATE = os.environ.get("BALLOTLAW_UPDATE_SNAPSHOTS") == "1"

# Every shipped rule file with every shipped results file it is meant for (data/*/SOURCES.md, EXPECTED.md).
PAIRS: tuple[tuple[str, str], ...] = (
    ("rules/kg/jogorku-kenesh-2021.rules", "data/kg/2021/results.csv"),
    ("rules/kg/jogorku-kenesh-2021.rules", "data/kg/2021/illustrative-districts.csv"),
    ("rules/kg/jogorku-kenesh-2021.rules", "data/kg/2021/preliminary-display.csv"),
    ("rules/kg/jogorku-kenesh-2021.rules", "data/kg/2021/reconstructed-erroneous-display.csv"),
    ("rules/kg/jogorku-kenesh-2021.rules", "data/kg/2022-repeat-elections-bishkek/results.csv"),
    ("rules/kg/referendum-2021-01.rules", "data/kg/2021-referendum-january/results.csv"),
    ("rules/kg/president-2021.rules", "data/kg/2021-president-january/results.csv"),
    ("rules/kz/mazhilis-2023.rules", "data/kz/2023/results.csv"),
    ("rules/at/nationalrat-2024.rules", "data/at/2024/results.csv"),
    ("rules/be/chamber-2024.rules", "data/be/2024/results.csv"),
    ("rules/ch/federal-vote-people-and-cantons.rules", "data/ch/2020-responsible-business-initiative/results.csv"),
    ("rules/cz/chamber-2021.rules", "data/cz/2021/results.csv"),
    ("rules/cy/house-2021.rules", "data/cy/2021/results.csv"),
    ("rules/de/bundestag-2025.rules", "data/de/2025/results.csv"),
    ("rules/fr/legislatives-2022.rules", "data/fr/2022-legislatives-hauts-de-seine-03/results-round1.csv"),
    ("rules/il/knesset-2022.rules", "data/il/2022/results.csv"),
    ("rules/it/referendum-abrogative.rules", "data/it/2016-referendum-trivelle/results.csv"),
    ("rules/lt/seimas-2016.rules", "data/lt/2016/results.csv"),
    ("rules/md/parliament-2021.rules", "data/md/2021/results.csv"),
    ("rules/me/parliament-2023.rules", "data/me/2023/results.csv"),
    ("rules/nl/tweede-kamer-2023.rules", "data/nl/2023/results.csv"),
    ("rules/no/storting-2021.rules", "data/no/2021/results.csv"),
    ("rules/nz/house-2023.rules", "data/nz/2023/results.csv"),
    ("rules/pl/sejm-2023.rules", "data/pl/2023/results.csv"),
    ("rules/pt/assembleia-2024.rules", "data/pt/2024/results.csv"),
    ("rules/ru/state-duma-2021.rules", "data/ru/2021/results.csv"),
    ("rules/si/national-assembly-2022.rules", "data/si/2022/results.csv"),
    ("rules/sk/national-council-2023.rules", "data/sk/2023/results.csv"),
    ("rules/us/arizona-attorney-general-2022.rules", "data/us/2022-arizona-attorney-general-recount/results.csv"),
    ("rules/ca/house-of-commons-2021.rules", "data/ca/2021/results.csv"),
    ("rules/es/congreso-2019-04.rules", "data/es/2019-april/results.csv"),
    ("rules/tw/legislative-yuan-2024.rules", "data/tw/2024/results.csv"),
    ("rules/in/lok-sabha-2024.rules", "data/in/2024/results.csv"),
    (
        "rules/us/arizona-attorney-general-2022.rules",
        "data/us/2022-arizona-attorney-general-recount/results-recount.csv",
    ),
    ("rules/us/georgia-us-senate-2022.rules", "data/us/2022-georgia-senate-runoff/results-round1.csv"),
    ("rules/us/georgia-us-senate-2022-runoff.rules", "data/us/2022-georgia-senate-runoff/results-round2.csv"),
    ("rules/us/burlington-mayor-2009.rules", "data/us/2009-burlington-mayor/burlington.blt"),
    ("rules/us/oakland-mayor-2010.rules", "data/us/2010-oakland-mayor/oakland.blt"),
    ("rules/us/san-francisco-mayor-2011.rules", "data/us/2011-san-francisco-mayor/san-francisco.blt"),
    ("rules/gb/scottish-council-ward-2007.rules", "data/gb/2007-glasgow-greater-pollok/greater-pollok.blt"),
    ("rules/gb/scottish-council-ward-2022.rules", "data/gb/2022-glasgow-pollokshields/pollokshields.blt"),
    ("rules/ie/dail-2002-dublin-west.rules", "data/ie/2002-dublin-west/dublin-west.blt"),
    ("rules/ru/state-duma-precinct-protocol-2018.rules", "docs/examples/ru-precinct-protocols.csv"),
)
VERBS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("run.txt", ("run",)),
    ("run.json", ("run", "--json")),
    ("explain.txt", ("explain",)),
    ("explain.json", ("explain", "--json")),
)
SHIPPED_LAWS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "rules").rglob("*.rules"))


def _name(path: str) -> str:
    return path.removesuffix(".rules").removesuffix(".csv").replace("/", "_")


def _compare(name: str, got: str) -> None:
    path = SNAPSHOTS / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
        return
    assert path.exists(), f"no snapshot {name}: write it with BALLOTLAW_UPDATE_SNAPSHOTS=1"
    want = path.read_text(encoding="utf-8")
    assert got == want, f"{name} differs from its snapshot (see the module's docstring for a deliberate change)"


@pytest.mark.parametrize(("rules", "results"), PAIRS, ids=[f"{_name(r)}+{_name(d)}" for r, d in PAIRS])
def test_outputs_on_shipped_data(rules: str, results: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for suffix, verb in VERBS:
        done = CliRunner().invoke(main, [*verb, rules, results])
        got = f"exit {done.exit_code}\n--- stdout\n{done.stdout}--- stderr\n{done.stderr}"
        _compare(f"{_name(rules)}+{_name(results)}.{suffix}", got)


def test_every_shipped_results_file_is_pinned() -> None:
    """A new results file in data/ joins PAIRS with the law it is the results of; every law's examples are
    pinned by `test_outputs_on_examples` whether or not it has data. The official-seats files are expected
    outcomes typed from official sources, not results."""
    shipped = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "data").rglob("*")
        if p.is_file() and p.suffix in {".csv", ".json", ".blt", ".xml"} and p.name != "official-seats.csv"
    }
    assert shipped <= {d for _, d in PAIRS}, sorted(shipped - {d for _, d in PAIRS})
    assert {r for r, _ in PAIRS} <= set(SHIPPED_LAWS)


@pytest.mark.parametrize("rules", SHIPPED_LAWS, ids=[_name(p) for p in SHIPPED_LAWS])
def test_outputs_on_examples(rules: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    law, _ = load_law(rules)
    forms: dict[str, list[str]] = {"txt": [], "json": [], "explain.txt": [], "explain.json": []}
    for result in run_examples(law):
        header = f"=== example {result.example.id.text}: {'passed' if result.passed else 'FAILED'}\n"
        outcome = result.outcome
        rendered = {
            "txt": render_outcome(outcome) if outcome else "(no outcome)\n",
            "json": outcome_json(outcome) if outcome else "null\n",
            "explain.txt": render_trace(outcome) if outcome else "(no outcome)\n",
            "explain.json": trace_json(outcome) if outcome else "null\n",
        }
        for form, text in rendered.items():
            forms[form].append(header + text)
    for form, parts in forms.items():
        _compare(f"examples/{_name(rules)}.{form}", "".join(parts))

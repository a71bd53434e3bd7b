"""Wide CSV (one row per unit, one column per protocol line) read through a mapping: the same figures as the
long CSV, and every error names the file, the row and the column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ballotlaw.api import load_law
from ballotlaw.cli import main
from ballotlaw.errors import DataError
from ballotlaw.results.load import load_results

ROOT = Path(__file__).resolve().parent.parent
RULES = str(ROOT / "rules" / "ru" / "state-duma-precinct-protocol-2018.rules")
EXAMPLES = ROOT / "docs" / "examples"
LONG = str(EXAMPLES / "ru-precinct-protocols.csv")
WIDE = str(EXAMPLES / "ru-precinct-protocols-wide.csv")
MAPPING = str(EXAMPLES / "ru-precinct-mapping.json")


def test_wide_and_long_give_the_same_figures_and_findings() -> None:
    law, _ = load_law(RULES)
    long, _ = load_results(law, LONG)
    wide, _ = load_results(law, WIDE, MAPPING)
    assert {k: f.value for k, f in wide.counts.items()} == {k: f.value for k, f in long.counts.items()}
    assert {u: {s: f.value for s, f in v.items()} for u, v in wide.votes.items()} == {
        u: {s: f.value for s, f in v.items()} for u, v in long.votes.items()
    }
    cli = CliRunner()
    on_wide = json.loads(cli.invoke(main, ["validate", "--json", "--mapping", MAPPING, RULES, WIDE]).stdout)
    on_long = json.loads(cli.invoke(main, ["validate", "--json", RULES, LONG]).stdout)
    assert [d["message"] for d in on_wide["diagnostics"]] == [d["message"] for d in on_long["diagnostics"]]
    assert [(d["row"], d["field"]) for d in on_wide["diagnostics"]] == [(5, "L2"), (6, "L10")]


def _wide(tmp_path: Path, text: str) -> str:
    path = tmp_path / "wide.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _codes(path: str, mapping: str = MAPPING) -> list[tuple[str, int | None, str | None]]:
    law, _ = load_law(RULES)
    with pytest.raises(DataError) as refused:
        load_results(law, path, mapping)
    return [
        (d.code, d.location.row if d.location else None, d.location.column if d.location else None)
        for d in refused.value.diagnostics
    ]


def test_a_bad_cell_is_named_by_row_and_column(tmp_path: Path) -> None:
    text = Path(WIDE).read_text(encoding="utf-8").replace("P2,900,800", "P2,900,8OO")
    assert _codes(_wide(tmp_path, text)) == [("D103", 5, "L2")]


def test_a_column_the_mapping_names_must_be_in_the_header(tmp_path: Path) -> None:
    text = Path(WIDE).read_text(encoding="utf-8").replace(",L14", ",L15")
    assert _codes(_wide(tmp_path, text)) == [("D102", 3, None)]


@pytest.mark.parametrize(
    "mapping",
    ["not json", '{"format": "other", "version": 1}', '{"format": "ballotlaw.mapping", "version": 1, "unit": "uik"}'],
)
def test_a_bad_mapping_is_d118(mapping: str, tmp_path: Path) -> None:
    path = tmp_path / "mapping.json"
    path.write_text(mapping, encoding="utf-8")
    assert {code for code, _, _ in _codes(WIDE, str(path))} == {"D118"}

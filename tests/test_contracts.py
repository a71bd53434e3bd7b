"""docs/contracts.md stays true: the JSON keys, the verbs, the codes documented."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from ballotlaw.cli import main
from ballotlaw.diagnostics.codes import CODES

DOCS = Path(__file__).resolve().parent.parent / "docs"


def outcome(kg2021_rules: str, kg2021_results: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["run", "--json", kg2021_rules, kg2021_results])
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_outcome_keys_are_the_documented_ones(kg2021_rules: str, kg2021_results: str) -> None:
    document = outcome(kg2021_rules, kg2021_results)
    assert set(document) == {"format", "version", "engine", "rules", "results", "status", "data_checks", "contests"}
    assert set(document["data_checks"]) == {"checked", "errors_accepted", "unchecked", "certifiable"}
    contest = document["contests"][0]
    assert set(contest) == {
        "id",
        "title",
        "kind",
        "status",
        "seats_per_unit",
        "reasons",
        "units",
        "adjustment",
        "adjustment_placed",
    }
    unit = contest["units"][0]
    assert set(unit) == {
        "unit",
        "name",
        "status",
        "reasons",
        "selections",
        "checks",
        "seats_status",
        "seats_note",
        "tied",
        "tied_seats",
        "unpublished",
        "seats_available",
        "seats_added",
        "distribution",
    }
    assert set(unit["selections"][0]) == {
        "id",
        "votes",
        "votes_status",
        "votes_at_most",
        "tests",
        "qualified",
        "seats",
        "elected",
    }
    test_keys = {"clause", "result", "detail", "share", "display", "base", "missing"}
    assert set(unit["selections"][0]["tests"][0]) == test_keys
    assert set(unit["unpublished"][0]) == {"what", "items", "status", "at_most", "source", "source_title", "source_url"}
    text = (DOCS / "contracts.md").read_text(encoding="utf-8")
    for key in (
        "data_checks",
        "errors_accepted",
        "certifiable",
        "seats_per_unit",
        "votes_at_most",
        "seats_status",
        "unpublished",
        "source_url",
        "tied_seats",
        "seats_available",
        "seats_added",
    ):
        assert f'"{key}"' in text


def test_documented_verbs_exist() -> None:
    text = (DOCS / "contracts.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `ballotlaw (\w+)", text, re.MULTILINE))
    assert documented == set(main.commands)


def test_every_code_is_documented() -> None:
    text = (DOCS / "diagnostics.md").read_text(encoding="utf-8")
    for code in CODES.values():
        assert f"| `{code.code}` | {code.slug} | {code.severity} |" in text


def test_diagnostics_page_is_up_to_date(monkeypatch: object) -> None:
    import importlib.util
    import os

    root = DOCS.parent
    spec = importlib.util.spec_from_file_location("diagnostics_doc", DOCS / "tools" / "diagnostics_doc.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cwd = os.getcwd()
    os.chdir(root)
    try:
        built = module.build()
    finally:
        os.chdir(cwd)
    assert built == (DOCS / "diagnostics.md").read_text(encoding="utf-8"), "run python docs/tools/diagnostics_doc.py"

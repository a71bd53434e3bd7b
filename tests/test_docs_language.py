"""docs/language.md runs as written: every `rules` block, after the preamble, checks and its examples pass;
every `mistake CODE` block gets that diagnostic."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ballotlaw.api import load_law_text
from ballotlaw.errors import RuleFileError
from ballotlaw.examples import run_examples
from ballotlaw.integrity import universal_checks
from ballotlaw.results.load import load_results

PAGE = (Path(__file__).resolve().parent.parent / "docs" / "language.md").read_text(encoding="utf-8")
PREAMBLE = re.search(r"```preamble\n(.*?)```", PAGE, re.DOTALL).group(1)  # type: ignore[union-attr]
RULES = re.findall(r"```rules\n(.*?)```", PAGE, re.DOTALL)
MISTAKES = re.findall(r"```mistake (\w+)\n(.*?)```", PAGE, re.DOTALL)
RELATIONS = re.findall(r"```relations\n(.*?)```.*?```results ?([A-Z0-9 ]*)\n(.*?)```", PAGE, re.DOTALL)


def test_the_page_has_examples_and_mistakes() -> None:
    assert len(RULES) >= 3 and len(MISTAKES) >= 6


@pytest.mark.parametrize("block", RULES, ids=[f"rules{i}" for i in range(len(RULES))])
def test_rules_block_checks_and_its_examples_pass(block: str) -> None:
    law, _ = load_law_text(PREAMBLE + "\n" + block, "docs/language.md")
    results = run_examples(law)
    assert results, "every rules block on the page carries examples"
    for result in results:
        assert result.passed, [d.message for d in result.failures]


@pytest.mark.parametrize(("code", "block"), MISTAKES, ids=[code for code, _ in MISTAKES])
def test_mistake_gets_its_diagnostic(code: str, block: str) -> None:
    with pytest.raises(RuleFileError) as caught:
        load_law_text(PREAMBLE + "\n" + block, "docs/language.md")
    assert code in [d.code for d in caught.value.diagnostics]


def test_the_page_has_relations() -> None:
    assert len(RELATIONS) >= 1


@pytest.mark.parametrize(("block", "expected", "rows"), RELATIONS, ids=[f"relations{i}" for i in range(len(RELATIONS))])
def test_relations_block_finds_what_the_page_says(block: str, expected: str, rows: str, tmp_path: Path) -> None:
    law, _ = load_law_text(PREAMBLE + "\n" + block, "docs/language.md")
    assert law.relations
    path = tmp_path / "results.csv"
    path.write_text(rows, encoding="utf-8")
    results, _ = load_results(law, str(path))
    assert [d.code for d in universal_checks(law, results).findings] == expected.split()

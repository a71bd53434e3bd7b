"""Control relations written in a rule file: the Russian precinct protocol (20-FZ, Appendix 5), conditions,
plausibility warnings, unpublished figures, and the checker's errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ballotlaw.api import load_law, load_law_text
from ballotlaw.cli import main
from ballotlaw.errors import RuleFileError
from ballotlaw.integrity import universal_checks
from ballotlaw.model import Law
from ballotlaw.results.load import load_results
from support.builders import write_csv

ROOT = Path(__file__).resolve().parent.parent
RU_RULES = str(ROOT / "rules" / "ru" / "state-duma-precinct-protocol-2018.rules")
RU_EXAMPLE = str(ROOT / "docs" / "examples" / "ru-precinct-protocols.csv")

HEADER = """ballotlaw 1

election "Protocol checks"
  jurisdiction "Testland"
  law "Election Act"   [act]
end

source act "Election Act of Testland" "https://example.org/act"

level precinct   [act]
count registered_voters on precinct   [act]
count voters_took_part on precinct, may be not published   [act]
count invalid_ballots on precinct   [act]
count ballots_issued on precinct   [act]
count ballots_found on precinct   [act]
votes on precinct   [act]
"""


def law_with(relations: str) -> Law:
    law, _ = load_law_text(HEADER + 'relations protocol "Checks"\n' + relations + "end\n", "t.rules")
    return law


def findings(relations: str, rows: list[str], tmp_path: Path) -> tuple[list[str], int, int]:
    law = law_with(relations)
    results, _ = load_results(law, write_csv(tmp_path / "r.csv", rows))
    report = universal_checks(law, results)
    return [d.code for d in report.findings], report.checked, report.unpublished


def protocol(unit: str, **lines: int | str) -> list[str]:
    return [f"precinct,{unit},,{name},,{value}," for name, value in lines.items()]


def test_the_russian_protocol_relations_find_the_two_broken_protocols() -> None:
    result = CliRunner().invoke(main, ["validate", "--json", RU_RULES, RU_EXAMPLE])
    assert result.exit_code == 1
    form = json.loads(result.stdout)
    assert form["checked"] == 12  # 4 relations x 3 precincts
    broken = [(d["code"], d["message"].split("`")[1], d["row"]) for d in form["diagnostics"]]
    assert broken == [("C110", "protocol.ballots_balance", 22), ("C110", "protocol.valid_are_votes", 44)]
    assert "799" in form["diagnostics"][0]["message"]  # the sum with line 12 subtracted, shown


def test_a_plausibility_warning_does_not_fail_validation(tmp_path: Path) -> None:
    relation = "  many_invalid: invalid_ballots <= 3% of voters_took_part in every precinct, warning   [act Art. 9]\n"
    ok = protocol("P1", registered_voters=1000, voters_took_part=500, invalid_ballots=15)
    assert findings(relation, ok, tmp_path)[0] == []  # 15 is exactly 3% of 500: the relation holds
    high = protocol("P1", registered_voters=1000, voters_took_part=500, invalid_ballots=16)
    assert findings(relation, high, tmp_path)[0] == ["C111"]


def test_a_relation_with_a_condition_applies_only_where_it_holds(tmp_path: Path) -> None:
    relation = "  balance: ballots_issued = ballots_found in every precinct, when ballots_issued > 100, error   [act]\n"
    small = protocol("P1", registered_voters=1000, ballots_issued=50, ballots_found=49)
    assert findings(relation, small, tmp_path)[:2] == ([], 0)
    large = protocol("P1", registered_voters=1000, ballots_issued=500, ballots_found=499)
    assert findings(relation, large, tmp_path)[:2] == (["C110"], 1)


def test_an_unpublished_figure_leaves_the_relation_unchecked(tmp_path: Path) -> None:
    relation = "  turnout: voters_took_part <= registered_voters in every precinct, error   [act]\n"
    rows = protocol("P1", registered_voters=1000, voters_took_part="not published")
    codes, checked, unpublished = findings(relation, rows, tmp_path)
    assert (codes, unpublished) == ([], 1)
    assert checked == 0  # neither the written relation nor the universal one could be checked


@pytest.mark.parametrize(
    ("relation", "code"),
    [
        ("  r: ballots_isued >= 0 in every precinct, error   [act]\n", "E203"),  # unknown count
        ("  r: ballots_issued >= 5% in every precinct, error   [act]\n", "E211"),  # a percent of nothing
        (
            "  r: ballots_issued >= votes of the leading list in every precinct, error   [act]\n",
            "E101",
        ),  # not a term of a relation
        ("  r: ballots_issued >= 0 in every region, error   [act]\n", "E202"),  # unknown level
        ("  r: ballots_issued >= 0 in every precinct, error\n", "E301"),  # no citation
    ],
)
def test_the_checker_rejects_bad_relations(relation: str, code: str) -> None:
    with pytest.raises(RuleFileError) as error:
        law_with(relation)
    assert code in [d.code for d in error.value.diagnostics]


def test_two_relations_with_one_label_are_an_error() -> None:
    twice = (
        "  r: ballots_issued >= 0 in every precinct, error   [act]\n"
        "  r: ballots_found >= 0 in every precinct, error   [act]\n"
    )
    with pytest.raises(RuleFileError) as error:
        law_with(twice)
    assert [d.code for d in error.value.diagnostics] == ["E302"]


def test_a_later_version_keeps_the_relations_it_does_not_replace(tmp_path: Path) -> None:
    base = (
        HEADER
        + 'relations protocol "Checks"\n  r: ballots_found <= ballots_issued in every precinct, error   [act]\nend\n'
    )
    (tmp_path / "base.rules").write_text(base, encoding="utf-8")
    later = (
        'ballotlaw 1\namends "base.rules"   [act2]\n\nelection "Protocol checks, amended"\n  jurisdiction "Testland"\n'
        '  law "Election Act, as amended"   [act2]\nend\n\nsource act2 "Amending act" "https://example.org/act2"\n'
    )
    (tmp_path / "later.rules").write_text(later, encoding="utf-8")
    law, _ = load_law(str(tmp_path / "later.rules"))
    assert [r.provenance.full_label for r in law.relations] == ["protocol.r"]
    replaced = later + 'relations protocol "Checks"\n  r2: ballots_found >= 0 in every precinct, error   [act2]\nend\n'
    (tmp_path / "later.rules").write_text(replaced, encoding="utf-8")
    law, _ = load_law(str(tmp_path / "later.rules"))
    assert [r.provenance.full_label for r in law.relations] == ["protocol.r2"]


def test_a_finding_names_its_unit_clause_citation_and_the_prescribed_action(tmp_path: Path) -> None:
    relation = (
        "  balance: ballots_found <= ballots_issued in every precinct, error: "
        '"recount the ballots found in the boxes"   [act Art. 12]\n'
    )
    rules = tmp_path / "t.rules"
    rules.write_text(HEADER + 'relations protocol "Checks"\n' + relation + "end\n", encoding="utf-8")
    data = write_csv(tmp_path / "r.csv", protocol("P7", registered_voters=900, ballots_issued=500, ballots_found=501))
    result = CliRunner().invoke(main, ["validate", "--json", str(rules), data])
    (finding,) = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "C110"]
    assert finding["finding"] == {
        "unit": "P7",
        "clause": "protocol.balance",
        "citation": "act Art. 12",
        "action": "recount the ballots found in the boxes",
    }
    assert finding["hint"] == "recount the ballots found in the boxes"


GAP = """\
  gap_up: ballots_issued - ballots_found < 2% of ballots_issued in every precinct, \
when ballots_issued - ballots_found >= 15, warning   [act]
  gap_down: ballots_found - ballots_issued < 2% of ballots_issued in every precinct, \
when ballots_found - ballots_issued >= 15, warning   [act]
"""


@pytest.mark.parametrize(
    ("issued", "found", "codes", "checked"),
    [
        (1000, 980, ["C111"], 1),  # 20 missing: at least 15 and at least 2% (20): flagged by gap_up
        (1000, 1020, ["C111"], 1),  # 20 too many: flagged by gap_down
        (1000, 985, [], 1),  # 15 missing but under 2% of 1000: the guard holds, the relation too
        (500, 490, [], 0),  # 10 missing (2%) but fewer than 15: neither guard holds
        (1000, 1000, [], 0),
    ],
)
def test_issued_and_found_differ_by_2_percent_and_15_ballots(
    issued: int, found: int, codes: list[str], checked: int, tmp_path: Path
) -> None:
    rows = protocol("P1", registered_voters=2000, invalid_ballots=0, ballots_issued=issued, ballots_found=found)
    got, relations_checked, _ = findings(GAP, rows, tmp_path)
    assert got == codes
    assert relations_checked == checked  # a relation whose guard does not hold is not checked there

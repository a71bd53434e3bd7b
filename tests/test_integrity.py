"""The results' own arithmetic: each universal relation fails on a minimal bad protocol and holds on a good one;
`run` refuses bad data unless told to accept it, and then marks the outcome not certifiable."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ballotlaw.api import run
from ballotlaw.cli import main
from ballotlaw.errors import DataError
from ballotlaw.integrity import universal_checks
from ballotlaw.results.load import load_results
from support.builders import HEADER, list_law, write_csv

CONTEST = """
contest national "National list tier"
  lists compete in the nation   [act Art. 4]
  seats 10   [act Art. 4]
  threshold at least 5% of voters_took_part nationally   [act Art. 5]
  allocate by hare quota and largest remainders   [act Art. 6]
  ties broken by lot   [act Art. 7]
  valid at any turnout   [act Art. 9]
end
"""

# Two regions (the test law declares exactly 2), each with its own figures; the nation holds the totals.
GOOD = [
    "nation,N,,registered_voters,,2000,",
    "nation,N,,voters_took_part,,1000,",
    "nation,N,,valid_votes,,990,",
    "nation,N,,against_all,,0,",
    "nation,N,,votes,A,600,",
    "nation,N,,votes,B,390,",
    "region,R1,N,voters_took_part,,600,",
    "region,R1,N,valid_votes,,595,",
    "region,R1,N,votes,A,400,",
    "region,R1,N,votes,B,195,",
    "region,R2,N,voters_took_part,,400,",
    "region,R2,N,valid_votes,,395,",
    "region,R2,N,votes,A,200,",
    "region,R2,N,votes,B,195,",
]


def codes(rows: list[str], tmp_path: Path) -> list[str]:
    law = list_law()
    results, _ = load_results(law, write_csv(tmp_path / "r.csv", rows))
    return [d.code for d in universal_checks(law, results).findings]


def replaced(old: str, new: str) -> list[str]:
    assert old in GOOD
    return [new if row == old else row for row in GOOD]


def test_good_protocol_passes_every_relation(tmp_path: Path) -> None:
    law = list_law()
    results, _ = load_results(law, write_csv(tmp_path / "r.csv", GOOD))
    report = universal_checks(law, results)
    assert report.findings == ()
    # Sums into N: voters_took_part, valid_votes, votes A, votes B. Orderings: took part <= registered at N,
    # valid <= took part at N, R1, R2. Votes within valid votes at N, R1, R2.
    assert report.checked == 4 + 4 + 3


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("region,R2,N,votes,A,200,", "region,R2,N,votes,A,199,", "C101"),  # the regions no longer add up
        ("nation,N,,registered_voters,,2000,", "nation,N,,registered_voters,,999,", "C102"),
        ("nation,N,,valid_votes,,990,", "nation,N,,valid_votes,,1001,", "C103"),
        ("region,R1,N,valid_votes,,595,", "region,R1,N,valid_votes,,594,", "C104"),
    ],
)
def test_each_relation_fails_on_a_minimal_bad_protocol(old: str, new: str, code: str, tmp_path: Path) -> None:
    assert code in codes(replaced(old, new), tmp_path)


def test_sum_mismatch_names_the_figures_and_the_row(tmp_path: Path) -> None:
    law = list_law()
    results, _ = load_results(
        law, write_csv(tmp_path / "r.csv", replaced("region,R2,N,votes,A,200,", "region,R2,N,votes,A,199,"))
    )
    (finding,) = [d for d in universal_checks(law, results).findings if d.code == "C101"]
    assert "600" in finding.message and "599" in finding.message
    assert finding.location is not None and finding.location.row == 6  # the nation's votes for A


def test_an_incomplete_level_is_reported_not_checked(tmp_path: Path) -> None:
    rows = [r for r in GOOD if not r.startswith("region,R2")]  # one region of the two the law declares
    assert codes(rows, tmp_path) == ["C901"]


def test_unpublished_figures_are_not_checked(tmp_path: Path) -> None:
    rows = replaced("region,R2,N,voters_took_part,,400,", "region,R2,N,voters_took_part,,not published,")
    rows = [r.replace("nation,N,,voters_took_part,,1000,", "nation,N,,voters_took_part,,1,") for r in rows]
    # The nation's 1 cannot be compared with R1 + an unpublished R2; only the ordering relations see it.
    assert codes(rows, tmp_path) == ["C103"]


def _files(tmp_path: Path, rows: list[str]) -> tuple[str, str]:
    rules = tmp_path / "t.rules"
    rules.write_text(HEADER + CONTEST, encoding="utf-8")
    return str(rules), write_csv(tmp_path / "r.csv", rows)


def test_run_refuses_bad_data_and_the_override_marks_it_not_certifiable(tmp_path: Path) -> None:
    rules, data = _files(tmp_path, replaced("region,R2,N,votes,A,200,", "region,R2,N,votes,A,199,"))
    with pytest.raises(DataError) as refused:
        run(rules, data)
    assert [d.code for d in refused.value.diagnostics] == ["C101"]
    outcome, _ = run(rules, data, accept_data_errors=True)
    assert outcome.data_checks is not None and not outcome.data_checks.certifiable
    assert outcome.data_checks.errors[0].startswith("C101")

    cli = CliRunner()
    refused_cli = cli.invoke(main, ["run", rules, data])
    assert refused_cli.exit_code == 1 and "C101" in refused_cli.stderr
    accepted = cli.invoke(main, ["run", "--json", "--accept-data-errors", rules, data])
    assert accepted.exit_code == 0
    assert json.loads(accepted.stdout)["data_checks"]["certifiable"] is False
    text = cli.invoke(main, ["run", "--accept-data-errors", rules, data])
    assert "NOT CERTIFIABLE" in text.stdout


def test_validate_verb(tmp_path: Path) -> None:
    rules, good = _files(tmp_path, GOOD)
    cli = CliRunner()
    ok = cli.invoke(main, ["validate", rules, good])
    assert ok.exit_code == 0 and "11 relation(s) checked, no errors" in ok.stdout
    bad = write_csv(
        tmp_path / "bad.csv", replaced("nation,N,,registered_voters,,2000,", "nation,N,,registered_voters,,999,")
    )
    failed = cli.invoke(main, ["validate", "--json", rules, bad])
    assert failed.exit_code == 1
    form = json.loads(failed.stdout)
    assert form["format"] == "ballotlaw.validation" and form["errors"] == 1
    assert [d["code"] for d in form["diagnostics"]] == ["C102"]
    outcome = json.loads(cli.invoke(main, ["run", "--json", rules, good]).stdout)
    assert outcome["data_checks"] == {"checked": 11, "errors_accepted": [], "unchecked": [], "certifiable": True}


def test_published_shares_above_the_whole_are_an_error(tmp_path: Path) -> None:
    """The shape of the 28 Nov 2021 incident: displayed shares of one whole adding up to more than 150%."""
    fine = [*GOOD, "nation,N,,share,A,60.00,", "nation,N,,share,B,39.00,"]  # of the 1000 who took part
    assert codes(fine, tmp_path) == []
    # Rounding: 33.34 + 33.33 + 33.34 = 100.01 is within 3 x 0.005 of 100; 33.34 three times (100.02) is not:
    # each true share would be at least 33.335, and three of them more than the whole. (Shares of selections
    # whose votes the file does not give: only their sum is checked.)
    rounded = {"X": "33.34", "Y": "33.33", "Z": "33.34"}
    assert codes([*GOOD, *(f"nation,N,,share,{s},{v}," for s, v in rounded.items())], tmp_path) == []
    assert codes([*GOOD, *(f"nation,N,,share,{s},33.34," for s in "XYZ")], tmp_path) == ["C105"]
    doubled = [*GOOD, "nation,N,,share,X,90.91,", "nation,N,,share,Y,59.09,"]
    assert codes(doubled, tmp_path) == ["C105"]


@pytest.mark.parametrize("value", ["16,86", "16.86%", "-1.0", "100.01", "abc", "not published"])
def test_a_share_is_a_plain_percentage(value: str, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", [*GOOD, f'nation,N,,share,A,"{value}",'])
    with pytest.raises(DataError) as refused:
        load_results(list_law(), path)
    assert [d.code for d in refused.value.diagnostics] == ["D117"]


def test_the_corrected_kyrgyz_display_of_28_november_2021_is_accepted() -> None:
    root = Path(__file__).resolve().parent.parent
    rules = str(root / "rules" / "kg" / "jogorku-kenesh-2021.rules")
    display = str(root / "data" / "kg" / "2021" / "preliminary-display.csv")
    result = CliRunner().invoke(main, ["validate", "--json", rules, display])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["checked"] == 2  # voters vs registered, and the 22 shares (89.13%)


def test_the_reconstructed_erroneous_display_is_refused_naming_the_relation() -> None:
    root = Path(__file__).resolve().parent.parent
    tool = root / "docs" / "tools" / "reconstruct_kg_display.py"
    assert subprocess.run([sys.executable, str(tool), "--check"], check=False).returncode == 0, (
        "data/kg/2021/reconstructed-erroneous-display.csv is stale: run docs/tools/reconstruct_kg_display.py"
    )
    rules = str(root / "rules" / "kg" / "jogorku-kenesh-2021.rules")
    display = str(root / "data" / "kg" / "2021" / "reconstructed-erroneous-display.csv")
    result = CliRunner().invoke(main, ["validate", "--json", rules, display])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    [finding] = report["diagnostics"]
    assert finding["code"] == "C105"
    assert "168.04%" in finding["message"]  # 22 shares; the press reported "more than 150%"

"""The command line: verbs, exit codes (docs/contracts.md 1.1), JSON forms, determinism, atomic output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ballotlaw.cli import main

BAD = Path(__file__).parent / "errors" / "bad"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_good_file_exits_0(kg2021_rules: str) -> None:
    code, out, _ = invoke("check", kg2021_rules)
    assert code == 0 and "no problems" in out


def test_check_reports_three_semantic_mistakes_with_positions() -> None:
    path = str(BAD / "three_semantic_mistakes.rules")
    code, out, _ = invoke("check", path)
    assert code == 1
    for position in (f"{path}:24:9: error[E211", f"{path}:25:28: error[E203", f"{path}:26:35: error[E201"):
        assert position in out
    assert "3 errors" in out


def test_check_json_form() -> None:
    code, out, _ = invoke("check", "--json", str(BAD / "three_semantic_mistakes.rules"))
    assert code == 1
    document = json.loads(out)
    assert document["format"] == "ballotlaw.diagnostics" and document["version"] == 1
    assert [d["code"] for d in document["diagnostics"]] == ["E211", "E203", "E201"]
    assert {"line", "column", "end_line", "end_column", "hint", "slug", "severity"} <= set(document["diagnostics"][0])


def test_syntax_error_exits_1_without_traceback() -> None:
    code, out, _ = invoke("check", str(BAD / "syntax_misspelled_keyword.rules"))
    assert code == 1 and "E101" in out and "Traceback" not in out


def test_missing_file_is_a_usage_error() -> None:
    code, _, err = invoke("check", "no/such/file.rules")
    assert code == 2 and "no such file" in err


def test_unknown_verb_and_missing_argument_are_usage_errors(kg2021_rules: str) -> None:
    assert invoke("frobnicate")[0] == 2
    assert invoke("run", kg2021_rules)[0] == 2


def test_run_prints_the_outcome(kg2021_rules: str, kg2021_results: str) -> None:
    code, out, _ = invoke("run", kg2021_rules, kg2021_results)
    assert code == 0
    assert "PROVISIONAL" in out and "Ata-Jurt Kyrgyzstan" in out and "54 of 54" in out
    assert "not evaluated" in out and "not published" in out


def test_run_on_bad_data_exits_1(kg2021_rules: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("level,unit,parent,count,selection,value,source\nnation,KG,,votes,A,-1,\n", encoding="utf-8")
    code, _, err = invoke("run", kg2021_rules, str(bad))
    assert code == 1 and f"{bad}:2:value: error[D103" in err


def test_run_json_is_versioned_and_deterministic(kg2021_rules: str, kg2021_results: str) -> None:
    first = invoke("run", "--json", kg2021_rules, kg2021_results)[1]
    second = invoke("run", "--json", kg2021_rules, kg2021_results)[1]
    assert first == second
    document = json.loads(first)
    assert document["format"] == "ballotlaw.outcome" and document["version"] == 1
    assert document["status"] == "provisional"
    assert "." not in json.dumps([s["votes"] for s in document["contests"][0]["units"][0]["selections"]])


def test_explain_names_clauses_and_citations(kg2021_rules: str, kg2021_results: str) -> None:
    code, out, _ = invoke("explain", kg2021_rules, kg2021_results)
    assert code == 0
    assert "national_list.national_threshold" in out and "law2015_art64 Art. 64(3)" in out
    assert "assumption:" in out and "jogorku-kenesh-2021.rules:" in out
    trace = json.loads(invoke("explain", "--json", kg2021_rules, kg2021_results)[1])
    assert trace["format"] == "ballotlaw.trace"
    step = trace["steps"][0]
    assert step["span"]["line"] > 0 and step["citations"]


def test_output_file_is_written_whole(kg2021_rules: str, kg2021_results: str, tmp_path: Path) -> None:
    target = tmp_path / "outcome.json"
    code, out, _ = invoke("run", "--json", "--output", str(target), kg2021_rules, kg2021_results)
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "ballotlaw.outcome"
    assert [p.name for p in tmp_path.iterdir()] == ["outcome.json"]


def test_failed_run_leaves_no_output_file(kg2021_rules: str, tmp_path: Path) -> None:
    target = tmp_path / "outcome.json"
    code, _, _ = invoke("run", "--output", str(target), kg2021_rules, str(tmp_path / "missing.csv"))
    assert code == 2 and not target.exists()


def test_internal_error_exits_3(kg2021_rules: str, kg2021_results: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr("ballotlaw.cli.run", broken)
    code, _, err = invoke("run", kg2021_rules, kg2021_results)
    assert code == 3 and "internal error" in err and "Traceback" not in err


def test_examples_in_the_rule_file_pass(kg2021_rules: str) -> None:
    code, out, _ = invoke("test", kg2021_rules)
    assert code == 0 and "examples: 3 passed, 0 failed" in out


def test_a_failing_example_exits_1(kg2021_rules: str, tmp_path: Path) -> None:
    text = Path(kg2021_rules).read_text(encoding="utf-8").replace('"C" gets 3 seats', '"C" gets 4 seats')
    base = Path(kg2021_rules).with_name("jogorku-kenesh-2015.rules")
    (tmp_path / base.name).write_text(base.read_text(encoding="utf-8"), encoding="utf-8")  # the law it amends
    changed = tmp_path / "law.rules"
    changed.write_text(text, encoding="utf-8")
    code, out, err = invoke("test", str(changed))
    assert code == 1 and "examples: 2 passed, 1 failed" in out
    assert "X103" in err and 'expected "C" gets 4 seats, but seats: 3' in err


@pytest.mark.skipif(
    shutil.which("ballotlaw") is None and not (Path(sys.executable).parent / "ballotlaw").exists(),
    reason="console script not installed",
)
def test_console_script_runs(kg2021_rules: str) -> None:
    script = shutil.which("ballotlaw") or str(Path(sys.executable).parent / "ballotlaw")
    done = subprocess.run(
        [script, "check", kg2021_rules],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_many_alike_data_errors_are_shown_once_with_where_the_others_are(kg2021_rules: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    rows = [f"province,P{i},,votes,X,1," for i in range(12)]
    bad.write_text("level,unit,parent,count,selection,value,source\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", kg2021_rules, str(bad)])
    assert result.exit_code == 1
    assert result.output.count("error[D105") == 3
    assert "... and 9 more error(s) [D105] like it, at row 5, row 6, row 7, row 8, row 9, ..." in result.output
    assert "12 errors" in result.output
    as_json = CliRunner().invoke(main, ["run", "--json", kg2021_rules, str(bad)])
    assert sum(d["code"] == "D105" for d in json.loads(as_json.stdout)["diagnostics"]) == 12

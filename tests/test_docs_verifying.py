"""docs/verifying-a-law.md runs as written: each `$ ballotlaw ...` line exits as it says, and the lines the
guide shows as output appear in what the commands print."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from ballotlaw.cli import main

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "verifying-a-law.md"


def commands() -> list[tuple[str, int]]:
    text = GUIDE.read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```console\n(.*?)```", text, re.DOTALL):
        for line in block.splitlines():
            if line.startswith("$ "):
                command, _, comment = line[2:].partition("#")
                exits = re.search(r"exits (\d+)", comment)
                found.append((command.strip(), int(exits.group(1)) if exits else 0))
    return found


def test_the_guide_runs_as_written(tmp_path: Path) -> None:
    cwd = os.getcwd()
    os.chdir(ROOT)
    printed = ""
    try:
        for command, exit_code in commands():
            args = shlex.split(command)[1:]
            if args[0] == "verify":
                args += ["--save", str(tmp_path / "counterexamples")]
            args = [str(tmp_path / a) if a.startswith("counterexamples/") else a for a in args]
            result = CliRunner().invoke(main, args)
            assert result.exit_code == exit_code, (command, result.output)
            printed += result.stdout.replace(str(tmp_path) + "/", "")
    finally:
        os.chdir(cwd)
    shown = re.search(r"Among the lines it prints:\n\n```\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)
    assert shown is not None
    for line in shown.group(1).splitlines():
        assert line in printed, line
    example = tmp_path / "counterexamples" / "house.standard_proportional.house_monotonicity.example.rules"
    assert example.read_text(encoding="utf-8") in GUIDE.read_text(encoding="utf-8")


@pytest.mark.parametrize("phrase", ["Alabama paradox", "known failure", "--differs"])
def test_the_guide_covers(phrase: str) -> None:
    assert phrase in GUIDE.read_text(encoding="utf-8")

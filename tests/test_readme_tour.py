"""The README's tour runs as written: every `$ ballotlaw ...` line exits as it says (0 unless `# exits N`),
and the output lines shown under it (up to `...`) appear in what it prints."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from ballotlaw.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"


def tour() -> list[tuple[str, int, list[str]]]:
    blocks = re.findall(r"```console\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    commands: list[tuple[str, int, list[str]]] = []
    for block in blocks:
        for line in block.splitlines():
            if line.startswith("$ "):
                command, _, comment = line[2:].partition("#")
                exits = re.search(r"exits (\d+)", comment)
                commands.append((command.strip(), int(exits.group(1)) if exits else 0, []))
            elif commands and line != "..." and not commands[-1][2] == ["..."]:
                commands[-1][2].append(line)
    return commands


TOUR = tour()


def test_the_tour_has_commands() -> None:
    assert len(TOUR) >= 6


@pytest.mark.parametrize(("command", "exit_code", "shown"), TOUR, ids=[c for c, _, _ in TOUR])
def test_tour_command(command: str, exit_code: int, shown: list[str], tmp_path: Path) -> None:
    args = shlex.split(command)
    assert args[0] == "ballotlaw"
    if args[1] == "verify":
        args += ["--save", str(tmp_path)]  # keep counterexample files out of the working tree
    cwd = os.getcwd()
    os.chdir(README.parent)
    try:
        result = CliRunner().invoke(main, args[1:])
    finally:
        os.chdir(cwd)
    assert result.exit_code == exit_code, result.output
    printed = result.stdout + result.stderr
    for line in shown:
        if line == "...":
            break
        assert line in printed, f"README shows {line!r}, the command printed:\n{printed}"

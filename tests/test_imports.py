"""Pay only for what is read (issue 13, items 4 and 6): importing ballotlaw, or running `ballotlaw run`, loads
none of the heavy libraries the other paths use (pyarrow and numpy for columns, rich for tables and progress,
Hypothesis for verification); and no name in the package is one pytest would take for a test."""

from __future__ import annotations

import importlib
import inspect
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import ballotlaw

ROOT = Path(__file__).resolve().parent.parent
HEAVY = (
    "pyarrow",
    "numpy",
    "rich",
    "hypothesis",
    "pygls",
    "lsprotocol",
    "starlette",
    "uvicorn",
    "cryptography",
    "rfc8785",
    "jinja2",
    "weasyprint",
    "babel",
    "ijson",
)
RULES = str(ROOT / "rules" / "kg" / "jogorku-kenesh-2021.rules")
RESULTS = str(ROOT / "data" / "kg" / "2021" / "results.csv")


def loaded_after(code: str) -> list[str]:
    """The heavy libraries a fresh interpreter has loaded after running `code`."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False, env=os.environ.copy()
    )
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout.splitlines()[-1]))


@pytest.mark.parametrize("module", ["ballotlaw", "ballotlaw.cli", "ballotlaw.pytest_plugin"])
def test_import_loads_no_heavy_library(module: str) -> None:
    """Issue 13, item 4: `import ballotlaw` and `import ballotlaw.cli` loaded pyarrow, numpy and rich."""
    assert loaded_after(f"import {module}") == []


def _run_verb(*args: str) -> str:
    """Code that runs `ballotlaw ARGS` in-process (exit 0, or 1 for findings), its output discarded."""
    return (
        "import contextlib, io\n"
        "from ballotlaw.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    try: main({list(args)!r})\n"
        "    except SystemExit as done: assert done.code in (0, 1), done.code\n"
    )


def test_run_loads_only_rich_for_its_tables() -> None:
    """Issue 13, item 4: `ballotlaw run` loaded pyarrow and numpy, which only `validate` by columns uses."""
    assert loaded_after(_run_verb("run", RULES, RESULTS)) == ["rich"]
    assert loaded_after(_run_verb("run", RULES, RESULTS, "--json")) == []


def test_validate_by_columns_still_loads_pyarrow() -> None:
    """The lazy imports move pyarrow to the path that uses it; they do not lose it."""
    examples = ROOT / "docs" / "examples"
    rules = str(ROOT / "rules" / "ru" / "state-duma-precinct-protocol-2018.rules")
    wide, mapping = str(examples / "ru-precinct-protocols-wide.csv"), str(examples / "ru-precinct-mapping.json")
    assert "pyarrow" in loaded_after(_run_verb("validate", "--json", "--mapping", mapping, rules, wide))


def _package_modules() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.walk_packages(ballotlaw.__path__, "ballotlaw.")
        if not info.name.endswith("__main__")
    )


def test_no_name_in_the_package_looks_like_a_test() -> None:
    """Issue 13, item 6: `TestResult` and `test_threshold` (and the `test` verb's function) were names pytest
    collects, or warns it cannot collect, wherever a test module imports them."""
    suspects = []
    for name in _package_modules():
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if inspect.isclass(value) and attribute.startswith("Test"):
                suspects.append(f"{name}.{attribute}")
            elif not inspect.isclass(value) and callable(value) and attribute.startswith("test"):
                suspects.append(f"{name}.{attribute}")
    assert suspects == []

"""Shared fixtures: paths of the repository's rule files and data; the Hypothesis profile; the adversarial suite's
runner (`run_cli`: the real `ballotlaw` command in a child process, under a time bound;
every hostile case asserts a diagnostic code and exit 1 or 2: never 3, never a hang).

The tests' generated examples are derandomized by default (profile `ci`): the same code gives the same examples
on every run and machine, so a failure in CI is a failure on a clean checkout too. `HYPOTHESIS_PROFILE=explore`
draws new examples on every run, to look for what the fixed ones miss.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
TIME_BOUND = 60.0  # seconds: a case that runs longer is a hang


@attrs.frozen
class Ran:
    """What one run of the command did."""

    code: int
    out: bytes
    err: bytes

    @property
    def stdout(self) -> str:
        return self.out.decode("utf-8", errors="replace")

    @property
    def stderr(self) -> str:
        return self.err.decode("utf-8", errors="replace")

    def refused(self, code: str | None = None, exit_code: int | None = None) -> bool:
        """Refused cleanly: exit 1 or 2 (or exactly `exit_code`), no traceback, and `code` named if given."""
        expected = {1, 2} if exit_code is None else {exit_code}
        text = self.stdout + self.stderr
        return self.code in expected and "Traceback" not in text and (code is None or code in text)


def run_cli(
    *args: str,
    cwd: Path | str | None = None,
    env: Mapping[str, str] | None = None,
    stdin: bytes | None = None,
    timeout: float = TIME_BOUND,
) -> Ran:
    """Run `ballotlaw ARGS` as a user would; a run past `timeout` fails the test as a hang."""
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "BALLOTLAW_DEBUG")}
    environment.update(env or {})
    try:
        done = subprocess.run(
            [sys.executable, "-m", "ballotlaw.cli", *args],
            cwd=cwd or ROOT,
            env=environment,
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"ballotlaw {' '.join(args)} did not finish in {timeout} s (a hang)")
    return Ran(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def kg2021_rules() -> str:
    return str(ROOT / "rules" / "kg" / "jogorku-kenesh-2021.rules")


@pytest.fixture
def kg2021_results() -> str:
    return str(ROOT / "data" / "kg" / "2021" / "results.csv")


@pytest.fixture
def kg_rules() -> str:
    return str(ROOT / "rules" / "kg" / "jogorku-kenesh-2021.rules")


@pytest.fixture
def kg_results() -> str:
    return str(ROOT / "data" / "kg" / "2021" / "results.csv")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """After fuzz tests ran: how many inputs they tried (tests/adversarial/fuzzing.py counts them)."""
    fuzzing = sys.modules.get("fuzzing")
    line = fuzzing.summary() if fuzzing is not None else None
    if line:
        terminalreporter.write_sep("-", line)


# ---- the browser of the page tests (tests/test_serve_browser.py, tests/test_report_browser.py) ----


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium through Playwright; skipped when either is missing, unless in CI."""
    executable = _chromium()
    in_ci = os.environ.get("CI") == "true"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if in_ci:
            pytest.fail("Playwright is not installed (pip install -e '.[dev]')")
        pytest.skip("Playwright is not installed")
    if executable is None:
        if in_ci:
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium package")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()

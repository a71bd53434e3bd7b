"""Shared fixtures: paths of the repository's rule files and data; the Hypothesis profile.

The tests' generated examples are derandomized by default (profile `ci`): the same code gives the same examples
on every run and machine, so a failure in CI is a failure on a clean checkout too. `HYPOTHESIS_PROFILE=explore`
draws new examples on every run, to look for what the fixed ones miss.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def kg2021_rules() -> str:
    return str(ROOT / "rules" / "kg" / "jogorku-kenesh-2021.rules")


@pytest.fixture
def kg2021_results() -> str:
    return str(ROOT / "data" / "kg" / "2021" / "results.csv")

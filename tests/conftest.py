"""Shared fixtures: paths of the repository's rule files and data."""

from __future__ import annotations

from pathlib import Path

import pytest

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

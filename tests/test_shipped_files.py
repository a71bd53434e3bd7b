"""Every rule file shipped in rules/ checks without an error, and every data folder names its sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from ballotlaw.api import load_law

ROOT = Path(__file__).resolve().parent.parent
RULE_FILES = sorted((ROOT / "rules").rglob("*.rules"))
DATA_FOLDERS = sorted({path.parent for path in (ROOT / "data").rglob("*.csv")})


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_rule_file_checks_without_error(path: Path) -> None:
    _law, diagnostics = load_law(str(path))
    assert [d.message for d in diagnostics if d.is_error] == []


@pytest.mark.parametrize("folder", DATA_FOLDERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_data_folder_names_its_sources(folder: Path) -> None:
    sources = folder / "SOURCES.md"
    assert sources.exists(), f"{folder.relative_to(ROOT)} has no SOURCES.md"
    assert "http" in sources.read_text(encoding="utf-8")


def test_the_globs_find_the_shipped_files() -> None:  # else the tests above would pass on nothing
    assert len(RULE_FILES) >= 20 and len(DATA_FOLDERS) >= 15

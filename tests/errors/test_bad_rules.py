"""Every malformed rule file in bad/ reports the codes and positions its `# expect:` lines name, and no
Python traceback: a golden table of diagnostics (each file says what is wrong with it in its first line)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ballotlaw.api import load_law
from ballotlaw.diagnostics.render import render_diagnostics
from ballotlaw.errors import RuleFileError

BAD = sorted((Path(__file__).parent / "bad").glob("*.rules"))
EXPECT = re.compile(r"^# expect: (\w+) at (\d+):(\d+)$", re.MULTILINE)


def expectations(path: Path) -> list[tuple[str, int, int]]:
    return [(code, int(line), int(col)) for code, line, col in EXPECT.findall(path.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_rule_file_reports_expected_diagnostics(path: Path) -> None:
    wanted = expectations(path)
    assert wanted, f"{path.name} states no expectation"
    with pytest.raises(RuleFileError) as caught:
        load_law(str(path))
    found = [(d.code, d.span.line, d.span.column) for d in caught.value.diagnostics if d.is_error and d.span]
    assert sorted(found) == sorted(wanted), render_diagnostics(caught.value.diagnostics)


def test_table_covers_enough_codes() -> None:
    codes = {code for path in BAD for code, _, _ in expectations(path)}
    syntax = {code for code in codes if code.startswith("E1")}
    assert len(codes) >= 10 and len(syntax) >= 3, sorted(codes)


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_every_diagnostic_renders_with_caret_and_position(path: Path) -> None:
    with pytest.raises(RuleFileError) as caught:
        load_law(str(path))
    text = render_diagnostics(caught.value.diagnostics)
    assert "Traceback" not in text and "__ANON" not in text
    for diagnostic in caught.value.diagnostics:
        assert diagnostic.span is not None
        assert f"{path}:{diagnostic.span.line}:{diagnostic.span.column}: " in text
    assert "^" in text

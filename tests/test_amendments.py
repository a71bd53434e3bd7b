"""Law versions: a rule file that amends an earlier one, clause by clause, by label."""

from __future__ import annotations

from pathlib import Path

import pytest

from ballotlaw.api import load_law
from ballotlaw.errors import RuleFileError

ROOT = Path(__file__).resolve().parent.parent
BASE = (ROOT / "tests" / "verify" / "laws" / "dhondt.rules").read_text(encoding="utf-8")

AMENDMENT = """ballotlaw 1
amends "base.rules"   [act]

election "The same house after the amendment"
  jurisdiction "Textbook"
  law "Apportionment act, as amended"   [act]
  polling day 2025-01-01
end

source act "Amending act (constructed for this test)" "https://example.org/amending-act"

amend contest house
{changes}
end
"""


def write(tmp_path: Path, changes: str) -> str:
    (tmp_path / "base.rules").write_text(BASE, encoding="utf-8")
    path = tmp_path / "amended.rules"
    path.write_text(AMENDMENT.format(changes=changes), encoding="utf-8")
    return str(path)


def test_replace_add_remove(tmp_path: Path) -> None:
    law, _ = load_law(
        write(
            tmp_path,
            "  replace seats 12   [act Art. 2]\n"
            "  add threshold at least 5% of voters_took_part nationally   [act Art. 3]\n"
            "  remove ties   [act Art. 4]",
        )
    )
    contest = law.contests[0]
    assert contest.seats == 12 and contest.seats_provenance.span.file.endswith("amended.rules")
    assert len(contest.thresholds) == 1 and contest.tie_rule is None
    assert contest.method_provenance is not None and contest.method_provenance.span.file.endswith("base.rules")
    assert law.bases[0][0].endswith("base.rules") and law.title == "The same house after the amendment"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ("  replace quota: threshold at least 5% of voters_took_part nationally   [act]", "E307"),
        ("  remove cap   [act]", "E307"),
        ("  add seats 12   [act]", "E302"),
    ],
)
def test_amendment_errors_name_the_clause(tmp_path: Path, changes: str, code: str) -> None:
    with pytest.raises(RuleFileError) as caught:
        load_law(write(tmp_path, changes))
    assert [d.code for d in caught.value.diagnostics] == [code]
    span = caught.value.diagnostics[0].span
    assert span is not None and span.line == 13


def test_missing_base_and_escaping_path(tmp_path: Path) -> None:
    path = tmp_path / "amended.rules"
    path.write_text(AMENDMENT.format(changes="  replace seats 12   [act]"), encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_law(str(path))
    assert caught.value.diagnostics[0].code == "E306"
    path.write_text(AMENDMENT.format(changes="").replace('"base.rules"', '"../base.rules"'), encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_law(str(path))
    assert caught.value.diagnostics[0].code == "E306"


def test_a_file_cannot_amend_itself(tmp_path: Path) -> None:
    path = tmp_path / "base.rules"
    path.write_text(AMENDMENT.format(changes="").replace('"base.rules"', '"base.rules"'), encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_law(str(path))
    assert caught.value.diagnostics[0].code == "E308"


def test_the_kyrgyz_line_2015_to_2021() -> None:
    law, _ = load_law(str(ROOT / "rules" / "kg" / "jogorku-kenesh-2021.rules"))
    national = law.contest("national_list")
    assert national is not None and national.seats == 54 and national.cap is not None and national.cap.seats == 27
    assert [t.percent_text for t in national.thresholds] == ["5%", "0.5%"]
    assert national.method_provenance is not None
    assert national.method_provenance.span.file.endswith("jogorku-kenesh-2015.rules")  # inherited
    assert law.contest("districts") is not None and law.bases[0][0].endswith("jogorku-kenesh-2015.rules")

"""The column-wise path of `validate` (results/columns.py, integrity/columnar.py) against the row path.

Both must give the same findings (code, message, file:row:column), the same number of relations checked and
left unchecked, and the same warnings; whatever the column path cannot vouch for goes to the row path, which
names the problem. The row path is the reference: it is the one that reads every cell in Python.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ballotlaw.api import load_law_text, validate
from ballotlaw.diagnostics.diagnostic import Diagnostic
from ballotlaw.errors import DataError
from ballotlaw.integrity import universal_checks
from ballotlaw.render.progress import progress_display
from ballotlaw.results.load import load_results

RULES = """\
ballotlaw 1
election "Protocol relations for the column tests"
  jurisdiction "Testland"
  law "Act on tests"   [act]
end
source act "Act on tests" "https://example.org/act"
level precinct   [act]
count registered_voters "voters on the list" on precinct   [act Art. 1]
count voters_took_part "voters who took part" on precinct   [act Art. 1]
count valid_votes "valid ballots" on precinct   [act Art. 1]
count issued "ballots issued" on precinct   [act Art. 1]
count found "ballots found" on precinct, may be not published   [act Art. 1]
votes "votes for each list" on precinct   [act Art. 1]
relations protocol "Control relations"
  balance: issued = found in every precinct, error   [act Art. 2]
  valid_are_votes: valid_votes = all votes in every precinct, error   [act Art. 2]
  many_invalid: voters_took_part - valid_votes <= 3% of voters_took_part in every precinct, \
when voters_took_part > 10, warning   [act Art. 3]
  gap: issued - found <= 2 in every precinct, \
when issued - found > 5 and found > 5 or valid_votes = 0, warning: "look"   [act Art. 3]
  ratio: 12.5% of issued + 1 <= found + 2 in every precinct, error   [act Art. 4]
end
"""

COLUMNS = {
    "registered_voters": "R",
    "voters_took_part": "T",
    "valid_votes": "V",
    "issued": "I",
    "found": "F",
}


def _files(tmp: Path, rows: list[list[int]], counts: dict[str, str], lists: int, head: str = "") -> tuple[str, str]:
    header = ["uik", *counts.values(), *(f"L{k}" for k in range(lists))]
    body = "".join(f"P{i}," + ",".join(str(v) for v in row) + "\n" for i, row in enumerate(rows))
    data = tmp / "wide.csv"
    data.write_text(head + ",".join(header) + "\n" + body, encoding="utf-8")
    mapping = tmp / "mapping.json"
    table = {
        "format": "ballotlaw.mapping",
        "version": 1,
        "level": "precinct",
        "unit": "uik",
        "counts": counts,
        "votes": {f"List {k}": f"L{k}" for k in range(lists)},
    }
    mapping.write_text(json.dumps(table), encoding="utf-8")
    return str(data), str(mapping)


# (code, message, location, hint) of each finding, then the rows checked, the figures not published, the file's hash
Shown = tuple[tuple[tuple[str, str, str, str | None], ...], int, int, str]


def _both(tmp: Path, data: str, mapping: str) -> tuple[Shown, Shown, bool]:
    rules = tmp / "law.rules"
    rules.write_text(RULES, encoding="utf-8")
    done = validate(str(rules), data, mapping)
    law, _ = load_law_text(RULES, str(rules))
    results, warnings = load_results(law, data, mapping)
    report = universal_checks(law, results)

    def key(findings: tuple[Diagnostic, ...], checked: int, unpublished: int, sha: str) -> Shown:
        shown = tuple((d.code, d.message, str(d.location), d.hint) for d in findings)
        return shown, checked, unpublished, sha

    columnar = key(done.warnings + done.report.findings, done.report.checked, done.report.unpublished, done.sha256)
    by_rows = key(warnings + report.findings, report.checked, report.unpublished, results.sha256)
    return columnar, by_rows, done.by_columns


counts_st = st.dictionaries(st.sampled_from(sorted(COLUMNS)), st.just(""), min_size=0, max_size=5)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    mapped=counts_st,
    lists=st.integers(min_value=0, max_value=3),
    cells=st.lists(st.lists(st.integers(min_value=0, max_value=30), min_size=8, max_size=8), min_size=1, max_size=12),
)
def test_columns_and_rows_agree(
    mapped: dict[str, str], lists: int, cells: list[list[int]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    if not mapped and not lists:
        return  # a mapping must map a column
    counts = {name: COLUMNS[name] for name in sorted(mapped)}
    rows = [row[: len(counts) + lists] for row in cells]
    tmp = tmp_path_factory.mktemp("wide")
    data, mapping = _files(tmp, rows, counts, lists)
    columnar, by_rows, by_columns = _both(tmp, data, mapping)
    assert by_columns
    assert columnar == by_rows


def test_agreement_on_a_file_with_every_kind_of_finding(tmp_path: Path) -> None:
    rows = [
        [100, 50, 49, 20, 20, 39, 10],  # holds everywhere
        [100, 120, 118, 20, 20, 108, 10],  # took part above registered (C102)
        [100, 50, 49, 21, 20, 39, 10],  # issued != found (C110 balance); the gap of 1 is within 2
        [100, 50, 30, 20, 20, 30, 10],  # votes above valid (C104, C110 valid_are_votes), 20 of 50 invalid (C111)
        [100, 50, 0, 24, 0, 0, 0],  # C110 balance and ratio (3 + 1 > 0 + 2); C111 gap ("look") and many_invalid
    ]
    data, mapping = _files(tmp_path, rows, dict(COLUMNS), 2, head='# source act "Act" https://example.org/act\n')
    columnar, by_rows, by_columns = _both(tmp_path, data, mapping)
    assert by_columns
    assert columnar == by_rows
    codes = sorted(code for code, *_ in columnar[0])
    assert codes == ["C102", "C104", "C110", "C110", "C110", "C110", "C111", "C111", "C111"]


def test_a_missing_column_leaves_its_relations_unchecked_in_both(tmp_path: Path) -> None:
    counts = {k: v for k, v in COLUMNS.items() if k != "found"}  # `found` may be not published
    data, mapping = _files(tmp_path, [[100, 50, 40, 20, 30, 10]] * 1, counts, 2)
    columnar, by_rows, by_columns = _both(tmp_path, data, mapping)
    assert by_columns and columnar == by_rows
    assert columnar[2] == 3  # balance, gap (its guard needs `found`) and ratio are not checked


def test_sums_beyond_64_bits_are_checked_exactly_by_the_row_path(tmp_path: Path) -> None:
    big = 2**62
    rows = [[big, big, big, big, big, big + 1, big - 1]]  # votes add up to 2^63: beyond int64
    data, mapping = _files(tmp_path, rows, dict(COLUMNS), 2)
    columnar, by_rows, by_columns = _both(tmp_path, data, mapping)
    assert not by_columns  # pyarrow's checked sum overflowed; nothing wrapped around
    assert columnar == by_rows


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("0x1F", "D103"),  # pyarrow would read 31
        ("-0", "D103"),  # pyarrow would read 0
        ("-3", "D103"),
        ("+3", "D103"),
        ("3.0", "D103"),
        ("", "D114"),
        ("not published", "D110"),
        ("9223372036854775808", "D104"),
    ],
)
def test_a_doubtful_cell_goes_to_the_row_path_which_names_it(cell: str, code: str, tmp_path: Path) -> None:
    data, mapping = _files(tmp_path, [[100, 50, 40, 20, 20, 30, 10]] * 2, dict(COLUMNS), 2)
    text = Path(data).read_text(encoding="utf-8").replace("P1,100,", f"P1,{cell},")
    Path(data).write_text(text, encoding="utf-8")
    rules = tmp_path / "law.rules"
    rules.write_text(RULES, encoding="utf-8")
    with pytest.raises(DataError) as refused:
        validate(str(rules), data, mapping)
    [problem] = refused.value.diagnostics
    assert (problem.code, str(problem.location)) == (code, f"{data}:3:R")


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t.replace("P1,", "P0,"),  # a unit twice
        lambda t: t.replace("P1,", ","),  # a row without a unit
        lambda t: t.replace("\nP1,", "\n\nP1,"),  # a blank line among the rows
        lambda t: t.replace("\nP1,", "\n# a note\nP1,"),  # a comment among the rows
        lambda t: t.replace("P1,", '"P\n1",'),  # a unit over two lines
        lambda t: t.replace(",L0", ",R"),  # a column twice in the header
        lambda t: t[: t.rindex(",")],  # cut short in the last row
    ],
)
def test_irregular_files_are_read_by_rows_with_the_same_answer(change: Callable[[str], str], tmp_path: Path) -> None:
    data, mapping = _files(tmp_path, [[100, 50, 40, 20, 20, 30, 10]] * 3, dict(COLUMNS), 2)
    Path(data).write_text(change(Path(data).read_text(encoding="utf-8")), encoding="utf-8")
    rules = tmp_path / "law.rules"
    rules.write_text(RULES, encoding="utf-8")
    law, _ = load_law_text(RULES, str(rules))
    try:
        results, _warnings = load_results(law, data, mapping)
    except DataError as expected:
        with pytest.raises(DataError) as refused:
            validate(str(rules), data, mapping)
        assert [str(d) for d in refused.value.diagnostics] == [str(d) for d in expected.diagnostics]
        return
    done = validate(str(rules), data, mapping)
    assert not done.by_columns
    assert done.report == universal_checks(law, results)


def test_the_russian_example_is_checked_by_columns(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    done = validate(
        str(root / "rules" / "ru" / "state-duma-precinct-protocol-2018.rules"),
        str(root / "docs" / "examples" / "ru-precinct-protocols-wide.csv"),
        str(root / "docs" / "examples" / "ru-precinct-mapping.json"),
    )
    assert done.by_columns
    assert [(d.code, str(d.location)) for d in done.report.findings] == [
        ("C110", "docs/examples/ru-precinct-protocols-wide.csv:5:L2".replace("docs", str(root / "docs"), 1)),
        ("C110", "docs/examples/ru-precinct-protocols-wide.csv:6:L10".replace("docs", str(root / "docs"), 1)),
    ]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_shown_on_a_terminal_only() -> None:
    shown = _Terminal()
    with progress_display(shown) as step:
        step.expect(2)
        step("reading the columns")
        step("protocol.balance")
    assert "/2 stages" in shown.getvalue()
    piped = io.StringIO()
    with progress_display(piped) as step:
        step("reading the columns")
    assert piped.getvalue() == ""


class _Counter:
    def __init__(self) -> None:
        self.labels: list[str] = []
        self.expected: int | None = None

    def __call__(self, label: str) -> None:
        self.labels.append(label)

    def expect(self, stages: int) -> None:
        self.expected = stages


def test_the_progress_is_told_exactly_how_many_stages_come(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    counter = _Counter()
    validate(
        str(root / "rules" / "ru" / "state-duma-precinct-protocol-2018.rules"),
        str(root / "docs" / "examples" / "ru-precinct-protocols-wide.csv"),
        str(root / "docs" / "examples" / "ru-precinct-mapping.json"),
        counter,
    )
    assert counter.expected == len(counter.labels) == 5  # reading, then the four relations of the protocol

"""Results files: every bad input gives its code with file, row and field; nothing is guessed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ballotlaw.errors import DataError
from ballotlaw.results.load import load_results
from support.builders import list_law

GOOD = ["nation,N,,voters_took_part,,1000,", "nation,N,,votes,A,600,", "nation,N,,votes,B,400,"]
HEADER = "level,unit,parent,count,selection,value,source"

CASES = [
    ("negative", "nation,N,,votes,C,-5,", "D103", 5, "value"),
    ("decimal", "nation,N,,votes,C,5.5,", "D103", 5, "value"),
    ("separators", 'nation,N,,votes,C,"1,281,622",', "D103", 5, "value"),
    ("empty value", "nation,N,,votes,C,,", "D114", 5, "value"),
    ("above 2^63-1", "nation,N,,votes,C,9223372036854775808,", "D104", 5, "value"),
    ("unknown level", "province,P,N,votes,C,5,", "D105", 5, "level"),
    ("unknown count", "nation,N,,turnout,,5,", "D106", 5, "value"),
    ("duplicate figure", "nation,N,,votes,A,600,", "D107", 5, "value"),
    ("child without parent", "region,R,X,voters_took_part,,5,", "D108", 5, "level"),
    ("unit with two levels", "region,N,,voters_took_part,,5,", "D109", 5, "level"),
    ("not published where required", "nation,N,,valid_votes,,not published,", "D110", 5, "value"),
    ("count on the wrong level", "region,R,N,registered_voters,,5,", "D111", 5, "value"),
    ("bad attribute", "nation,N,,ballot_number,A,first,", "D112", 5, "value"),
    ("too few fields", "nation,N,,votes,C", "D114", 5, None),
    ("undeclared data source", "nation,N,,votes,C,5,nowhere", "D116", 5, "value"),
    ("unknown selection", "nation,N,,ballot_number,Bb,2,", "D120", 5, "selection"),
]


@pytest.mark.parametrize(("row", "code", "line", "field"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_row_is_located(tmp_path: Path, row: str, code: str, line: int, field: str | None) -> None:
    path = tmp_path / "results.csv"
    path.write_text("\n".join([HEADER, *GOOD, row]) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_results(list_law(), str(path))
    found = [(d.code, d.location.row, d.location.column) for d in caught.value.diagnostics if d.location]
    assert (code, line, field) in found, caught.value.diagnostics


def test_bad_header(tmp_path: Path) -> None:
    path = tmp_path / "results.csv"
    path.write_text("unit,count,value\nN,votes,5\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_results(list_law(), str(path))
    assert caught.value.diagnostics[0].code == "D102"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "D115"),
        (b"level,unit,parent,count,selection,value,source\n", "D115"),
        (b'level,unit,parent,count,selection,value,source\nnation,N,,votes,A,"60', "D101"),
        ("level,unit,parent,count,selection,value,source\nnation,N,,votes,Ümit,5,\n".encode("cp1252"), "D101"),
    ],
    ids=["empty", "header only", "truncated", "wrong encoding"],
)
def test_unreadable_files(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "results.csv"
    path.write_bytes(content)
    with pytest.raises(DataError) as caught:
        load_results(list_law(), str(path))
    assert caught.value.diagnostics[0].code == code
    location = caught.value.diagnostics[0].location
    assert location is not None and location.file == str(path)


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "results.csv"
    path.write_text(
        "\n".join([HEADER, *GOOD, "nation,N,,votes,C,-1,", "nation,N,,votes,D,x,"]) + "\n", encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        load_results(list_law(), str(path))
    assert [d.location.row for d in caught.value.diagnostics if d.location] == [5, 6]


def test_absent_figure_is_a_warning_not_a_zero(tmp_path: Path) -> None:
    path = tmp_path / "results.csv"
    path.write_text("\n".join([HEADER, "nation,N,,votes,A,600,"]) + "\n", encoding="utf-8")
    results, warnings = load_results(list_law(), str(path))
    assert "W101" in {w.code for w in warnings}
    assert results.count("N", "voters_took_part").status == "absent"


def test_json_results_match_csv(tmp_path: Path) -> None:
    document = {
        "format": "ballotlaw.results",
        "version": 1,
        "units": [
            {
                "id": "N",
                "level": "nation",
                "parent": None,
                "counts": {"voters_took_part": 1000, "against_all": {"not_published": True, "at_most": 9}},
                "votes": {"A": 600, "B": 400},
            }
        ],
    }
    path = tmp_path / "results.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    results, _ = load_results(list_law(), str(path))
    assert results.vote("N", "A").value == 600
    assert results.count("N", "against_all").at_most == 9


def test_json_errors_name_a_pointer(tmp_path: Path) -> None:
    document = {
        "format": "ballotlaw.results",
        "version": 1,
        "units": [{"id": "N", "level": "nation", "votes": {"A": -3, "B": 1.5}}],
    }
    path = tmp_path / "results.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_results(list_law(), str(path))
    pointers = sorted(d.location.pointer for d in caught.value.diagnostics if d.location and d.location.pointer)
    assert pointers == ["/units/0/votes/A", "/units/0/votes/B"]

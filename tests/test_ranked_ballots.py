"""Ranked ballots as data (BLT, ballots CSV, the JSON form, NIST cast vote records) and the clauses that count
them, through the real command: outcomes, hostile files, and the rule-file errors of the clauses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import run_cli

HEAD = """ballotlaw 1

election "Ranked"
  jurisdiction "Exampleland"
  law "Election Act"   [act]
  version "2024", in force from 2024-01-01   [act]
  polling day 2024-06-02   [act]
end

source act "Election Act" "https://example.org/act"

level ward
votes "votes for each candidate" on ward   [act Art. 1]
"""

IRV = """
contest mayor "Mayor"
  candidates compete in every ward               [act Art. 2]
  seats 1                                        [act Art. 2]
  elect by instant runoff                        [act Art. 3]
  overvotes exhaust the ballot                   [act Art. 4]
  ties broken by previous rounds, then lot       [act Art. 5]
  valid at any turnout                           [act Art. 6]
end
"""

STV = """
contest council "Council"
  candidates compete in every ward                                  [act Art. 2]
  seats 3                                                           [act Art. 2]
  elect by single transferable vote                                 [act Art. 3]
  quota droop                                                       [act Art. 4]
  surplus transferred by weighted inclusive gregory, values rounded down to 5 decimal places   [act Art. 5]
  ties broken by first difference, then lot                         [act Art. 6]
  valid at any turnout                                              [act Art. 7]
end
"""

FOOD_BLT = """5 3
4 1 0
2 2 1 0
8 3 4 0
4 3 5 0
1 4 0
1 5 0
0
"Orange"
"Pear"
"Chocolate"
"Strawberry"
"Bonbon"
"Food election"
"""


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _outcome(tmp_path: Path, rules: str, results: str) -> dict[str, object]:
    ran = run_cli("run", rules, results, "--json")
    assert ran.code == 0, ran.stderr
    return dict(json.loads(ran.stdout))


def _winners(outcome: dict[str, object]) -> list[str]:
    contest = outcome["contests"][0]  # type: ignore[index]
    unit = contest["units"][0]
    return [s["id"] for s in unit["selections"] if s["elected"]]


def test_a_blt_file_elects_by_stv(tmp_path: Path) -> None:
    rules = _write(tmp_path, "council.rules", HEAD + STV)
    outcome = _outcome(tmp_path, rules, _write(tmp_path, "food.blt", FOOD_BLT))
    assert sorted(_winners(outcome)) == ["Chocolate", "Orange", "Strawberry"]
    explained = run_cli("explain", rules, str(tmp_path / "food.blt"))
    assert explained.code == 0
    assert "surplus 6 of Chocolate transferred at 0.5: Strawberry 4, Bonbon 2" in explained.stdout


def test_a_ballots_csv_a_json_form_and_cast_vote_records_give_the_same_count(tmp_path: Path) -> None:
    rules = _write(tmp_path, "mayor.rules", HEAD + IRV)
    csv_file = _write(tmp_path, "w1.csv", "count,rank1,rank2\n40,A,\n35,B,A\n20,C,B\n5,C,\n3,A|C,B\n")
    assert _winners(_outcome(tmp_path, rules, csv_file)) == ["B"]
    rankings = [
        {"count": 40, "ranks": ["A"]},
        {"count": 35, "ranks": ["B", "A"]},
        {"count": 20, "ranks": ["C", "B"]},
        {"count": 5, "ranks": ["C"]},
        {"count": 3, "ranks": [["A", "C"], "B"]},
    ]
    document = {
        "format": "ballotlaw.results",
        "version": 1,
        "units": [{"id": "w1", "level": "ward", "ballots": {"candidates": ["A", "B", "C"], "rankings": rankings}}],
    }
    json_file = _write(tmp_path, "w1.json", json.dumps(document))
    assert _winners(_outcome(tmp_path, rules, json_file)) == ["B"]
    cvr_file = _write(tmp_path, "w1-cvr.json", json.dumps(_cvr(rankings)))
    assert _winners(_outcome(tmp_path, rules, cvr_file)) == ["B"]
    again = run_cli("run", rules, cvr_file, "--json")
    assert again.stdout == run_cli("run", rules, cvr_file, "--json").stdout


def _cvr(rankings: list[dict[str, Any]]) -> dict[str, object]:
    """The rankings as a NIST SP 1500-103 cast vote record report, one record per ballot."""
    names = ["A", "B", "C"]
    records = []
    for entry in rankings:
        for _ in range(int(entry["count"])):
            selections = []
            for rank, mark in enumerate(entry["ranks"], start=1):
                for name in mark if isinstance(mark, list) else [mark]:
                    selections.append(
                        {
                            "ContestSelectionId": f"cs-{name}",
                            "SelectionPosition": [{"HasIndication": "yes", "NumberVotes": 1, "Rank": rank}],
                        }
                    )
            records.append(
                {
                    "@type": "CVR.CVR",
                    "CurrentSnapshotId": "s",
                    "CVRSnapshot": [
                        {
                            "@id": "s",
                            "Type": "original",
                            "CVRContest": [{"ContestId": "mayor", "CVRContestSelection": selections}],
                        }
                    ],
                }
            )
    return {
        "@type": "CVR.CastVoteRecordReport",
        "Election": [
            {
                "@id": "e",
                "Candidate": [{"@id": f"c-{n}", "Name": n} for n in names],
                "Contest": [
                    {
                        "@id": "mayor",
                        "Name": "Mayor",
                        "ContestSelection": [{"@id": f"cs-{n}", "CandidateIds": [f"c-{n}"]} for n in names],
                    }
                ],
            }
        ],
        "GpUnit": [{"@id": "g", "Type": "city"}],
        "CVR": records,
    }


def test_a_fault_the_law_says_nothing_of_stops_the_count(tmp_path: Path) -> None:
    """Skipped ranks in the data, no rule for them: provisional, never a silent choice."""
    rules = _write(tmp_path, "mayor.rules", HEAD + IRV)
    results = _write(tmp_path, "w1.csv", "count,rank1,rank2,rank3\n4,A,,B\n3,B,,\n")
    outcome = _outcome(tmp_path, rules, results)
    assert outcome["contests"][0]["units"][0]["status"] == "provisional"  # type: ignore[index]


def test_hostile_ballot_files_are_refused_with_their_place(tmp_path: Path) -> None:
    stv = _write(tmp_path, "council.rules", HEAD + STV)
    irv = _write(tmp_path, "mayor.rules", HEAD + IRV)
    cases = [
        (stv, "cut.blt", "3 1\n1 1 2 0\n", "D140"),
        (stv, "number.blt", '3 1\n1 1 7 0\n0\n"A"\n"B"\n"C"\n', "D141"),
        (stv, "weight.blt", '3 1\nx 1 2 0\n0\n"A"\n"B"\n"C"\n', "D140"),
        (stv, "seats.blt", '3 2\n1 1 2 0\n0\n"A"\n"B"\n"C"\n', "D146"),
        (stv, "header.blt", "three candidates\n", "D140"),
        (stv, "names.blt", '3 1\n1 1 2 0\n0\n"A"\n', "D140"),
        (irv, "unknown.csv", "# candidates,A,B\ncount,rank1,rank2\n1,A,Z\n", "D141"),
        (irv, "header.csv", "count,rank2\n1,A\n", "D144"),
        (irv, "zero.csv", "count,rank1\n0,A\n", "D142"),
        (irv, "sum.csv", "count,rank1\n9223372036854775807,A\n1,B\n", "D142"),
        (irv, "wide.csv", "count," + ",".join(f"rank{i}" for i in range(1, 1003)) + "\n", "D144"),
        (irv, "fields.csv", "count,rank1\n1,A,B\n", "D144"),
        (stv, "long.blt", "3 1\n1 " + "1 " * 1001 + '0\n0\n"A"\n"B"\n"C"\n', "D143"),
        (stv, "many.blt", "2000 1\n0\n", "D140"),
        (irv, "cvr.json", '{"@type": "CVR.CastVoteRecordReport", "Election": 5, "CVR": []}', "D145"),
        (irv, "cut-cvr.json", '{"@type": "CVR.CastVoteRecordReport", "Election": [{"@id": "e"', "D145"),
        (irv, "twice-cvr.json", '{"CVR": [], "Election": [{"@id": "e", "@id": "f"}]}', "D107"),
    ]
    for rules, name, text, code in cases:
        ran = run_cli("run", rules, _write(tmp_path, name, text))
        assert ran.refused(code, 1), (name, ran.code, ran.stderr)
        assert name in ran.stderr
    binary = tmp_path / "binary.blt"
    binary.write_bytes(b"3 1\n\xff\xfe\n")
    assert run_cli("run", stv, str(binary)).refused("D101", 1)
    located = run_cli("run", stv, str(tmp_path / "number.blt"))
    assert "number.blt:2:column 3" in located.stderr
    plain = HEAD + IRV.replace("elect by instant runoff", "elect by plurality").replace(
        "  overvotes exhaust the ballot                   [act Art. 4]\n", ""
    ).replace("previous rounds, then lot", "lot")
    unit = run_cli("run", _write(tmp_path, "plain.rules", plain), _write(tmp_path, "food.blt", FOOD_BLT))
    assert unit.refused("D147", 1)


def test_hostile_json_ballots_are_refused_at_their_pointer(tmp_path: Path) -> None:
    rules = _write(tmp_path, "mayor.rules", HEAD + IRV)
    for ballots, code in (
        ({"rankings": [{"count": True, "ranks": ["A"]}]}, "D142"),
        ({"rankings": [{"count": 1, "ranks": [5]}]}, "D145"),
        ({"rankings": "A"}, "D145"),
        ({"candidates": ["A"], "rankings": [{"count": 1, "ranks": ["B"]}]}, "D141"),
    ):
        document = {
            "format": "ballotlaw.results",
            "version": 1,
            "units": [{"id": "w", "level": "ward", "ballots": ballots}],
        }
        ran = run_cli("run", rules, _write(tmp_path, "w.json", json.dumps(document)))
        assert ran.refused(code, 1), (ballots, ran.stderr)
        assert "/units/0/ballots" in ran.stderr


def test_the_clauses_mistakes(tmp_path: Path) -> None:
    stv_lines = STV.splitlines(keepends=True)
    cases = [
        (IRV.replace("  overvotes exhaust", "  quota droop   [act Art. 4]\n  overvotes exhaust"), "E260"),
        (STV.replace("quota droop", "quota drop"), "E261"),
        (STV.replace("weighted inclusive gregory", "gregory"), "E262"),
        (STV.replace("5 decimal places", "31 decimal places"), "E263"),
        (IRV.replace("overvotes exhaust the ballot", "2 consecutive skipped ranks are passed over"), "E264"),
        (IRV.replace("seats 1 ", "seats 2 "), "E220"),
        (STV.replace("first difference", "more votes"), "E205"),
        ("".join(line for line in stv_lines if "quota" not in line), "E402"),
        (
            IRV.replace(
                "  overvotes exhaust the ballot",
                "  a: skipped ranks are passed over   [act Art. 4]\n"
                "  b: 2 consecutive skipped ranks exhaust the ballot",
            ),
            "E401",
        ),
        (
            IRV.replace("elect by instant runoff", "elect by plurality").replace(
                "  overvotes exhaust the ballot                   [act Art. 4]\n", ""
            ),
            "E205",
        ),
    ]
    for contest, code in cases:
        ran = run_cli("check", _write(tmp_path, "law.rules", HEAD + contest))
        assert ran.refused(code, 1), (code, ran.stdout, ran.stderr)


def test_convert_refuses_to_drop_ranked_ballots(tmp_path: Path) -> None:
    """Neither the long CSV nor a NIST election report has ranked ballots: converting would lose them."""
    rules = _write(tmp_path, "council.rules", HEAD + STV)
    ran = run_cli("convert", rules, _write(tmp_path, "food.blt", FOOD_BLT), "--to", "csv")
    assert ran.refused(None, 2) and "ranked ballots" in ran.stderr


def test_identical_rows_are_added_up_whole_and_a_problem_still_names_its_first_line() -> None:
    """The readers add identical ballot rows up as whole lines first (a million-ballot file in C); a file with
    anything else, or with a problem, is read again row by row: the same ballots, the problem at its line."""
    from ballotlaw.results.blt import read_blt
    from ballotlaw.results.rankcsv import read_ballots_csv

    csv_good = "# candidates,A,B,C\ncount,rank1,rank2\n1,A,B\n\n2,B,\n1,A,B\n3,A,B\n# a comment\n1,C,A\n2,B,\n"
    blt_good = '3 1\n1 1 2 0\n2 2 0\n1 1 2 0\n\n3 1 2 0\n1 3 1 0\n2 2 0\n0\n"A"\n"B"\n"C"\n'
    for fast, slow in (
        (read_ballots_csv("b.csv", csv_good), read_ballots_csv("b.csv", csv_good, fast=False)),
        (read_blt("b.blt", blt_good), read_blt("b.blt", blt_good, fast=False)),
    ):
        assert fast[0] is not None and slow[0] is not None and not fast[1]
        assert list(fast[0].rankings.items()) == list(slow[0].rankings.items()) == [((0, 1), 5), ((1,), 4), ((2, 0), 1)]
        assert fast[0].candidates == slow[0].candidates
    csv_bad = "# candidates,A,B\ncount,rank1,rank2\n1,A,B\n1,A,B\n1,B,A\n1,A,Z\n1,A,Z\n"
    ballots, problems = read_ballots_csv("b.csv", csv_bad)
    assert ballots is None and [(p.code, str(p.location)) for p in problems] == [("D141", "b.csv:6:rank2")]
    blt_bad = '2 1\n1 1 2 0\n1 1 2 0\n1 2 7 0\n1 2 7 0\n0\n"A"\n"B"\n'
    ballots, problems = read_blt("b.blt", blt_bad)
    assert ballots is None and [(p.code, str(p.location)) for p in problems] == [("D141", "b.blt:4:column 3")]

"""Golden real elections by ranked ballots: instant runoff (Burlington 2009, Oakland 2010, San Francisco 2011) and
the single transferable vote (two Glasgow wards, 2007 and 2022; Dublin West 2002), counted from every ballot.

Each expected figure is typed from the official result cited in the data folder's EXPECTED.md and SOURCES.md
(never produced by ballotlaw); where ballotlaw's figure differs, EXPECTED.md says why and the test pins it.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from ballotlaw.api import run
from ballotlaw.facts.ranked import QuotaReached, RoundVotes
from ballotlaw.outcome import Outcome
from conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent


def count(rules: str, ballots: str) -> Outcome:
    outcome, _ = run(str(ROOT / "rules" / rules), str(ROOT / "data" / ballots))
    return outcome


def rounds(outcome: Outcome) -> dict[int, dict[str, Fraction]]:
    """Each round's or stage's votes of the continuing candidates, by stage number."""
    found: dict[int, dict[str, Fraction]] = {}
    for step in outcome.trace:
        if isinstance(step.decision, RoundVotes):
            found[step.decision.stage] = dict(step.decision.votes)
    return found


def exhausted(outcome: Outcome) -> dict[int, Fraction]:
    return {s.decision.stage: s.decision.exhausted for s in outcome.trace if isinstance(s.decision, RoundVotes)}


def elected(outcome: Outcome) -> list[str]:
    """The candidates elected, sorted."""
    (contest,) = outcome.contests
    (unit,) = contest.units
    return sorted(s.id for s in unit.selections if s.elected)


def test_burlington_2009_rounds_as_the_official_detail_report() -> None:
    outcome = count("us/burlington-mayor-2009.rules", "us/2009-burlington-mayor/burlington.blt")
    assert outcome.status == "elected" and elected(outcome) == ["Bob Kiss"]
    by_round = rounds(outcome)
    assert by_round[1] == {
        "Bob Kiss": 2585,
        "Andy Montroll": 2063,
        "James Simpson": 35,
        "Dan Smith": 1306,
        "Kurt Wright": 2951,
        "Write-in": 36,
    }
    # Round 2: Smith, Write-in and Simpson defeated together ("Simultaneous Drop: When mathematically inevitable").
    assert by_round[2] == {"Bob Kiss": 2981, "Andy Montroll": 2554, "Kurt Wright": 3294}
    # Round 3: Kiss 4,313 as reported; Wright 4,061 in the report, 4,060 here: the one ballot whose overvoted rank
    # marks a defeated and a continuing candidate (EXPECTED.md) is exhausted by the rule file's clause.
    assert by_round[3] == {"Bob Kiss": 4313, "Kurt Wright": 4061 - 1}
    # The report's exhausted pile (4, 151, 606) plus the 4 ballots without a mark it counts invalid (+1 in round 3).
    assert exhausted(outcome) == {1: 4 + 4, 2: 151 + 4, 3: 606 + 4 + 1}
    assert len(by_round) == 3


def test_oakland_2010_quan_wins_from_second_place_in_round_ten() -> None:
    outcome = count("us/oakland-mayor-2010.rules", "us/2010-oakland-mayor/oakland.blt")
    assert elected(outcome) == ["JEAN QUAN"]
    by_round = rounds(outcome)
    assert by_round[1]["JEAN QUAN"] == 29266 and by_round[1]["DON PERATA"] == 40342
    assert by_round[1]["JOE TUMAN"] == 14347
    assert by_round[10] == {"JEAN QUAN": 53897, "DON PERATA": 51872}
    # Each eliminated candidate's votes in the last round they were counted (the county's report).
    last_round = {
        "REBECCA KAPLAN": (9, 32719),
        "JOE TUMAN": (8, 15462),
        "MARCIE HODGE": (7, 3625),
        "TERENCE CANDELL": (6, 2680),
        "DON MACLEAY": (5, 1852),
        "GREG HARLAND": (4, 1087),
        "LARRY LIONEL ''LL'' YOUNG JR.": (3, 976),
    }
    for name, (n, votes) in last_round.items():
        assert by_round[n][name] == votes, name
        assert name not in by_round[n + 1], name


def test_san_francisco_2011_first_and_final_rounds() -> None:
    outcome = count("us/san-francisco-mayor-2011.rules", "us/2011-san-francisco-mayor/san-francisco.blt")
    assert elected(outcome) == ["ED LEE"]
    by_round = rounds(outcome)
    assert by_round[1]["ED LEE"] == 59775 and by_round[1]["JOHN AVALOS"] == 37445
    assert by_round[max(by_round)] == {"ED LEE": 84457, "JOHN AVALOS": 57160}


def test_glasgow_2007_greater_pollok_four_councillors() -> None:
    outcome = count("gb/scottish-council-ward-2007.rules", "gb/2007-glasgow-greater-pollok/greater-pollok.blt")
    assert elected(outcome) == ["Alex Glass", "Patricia Duffy", "Tommy Morrison", "William O'Rourke"]
    first = rounds(outcome)[1]
    assert {
        name: first[name] for name in first if name not in ("Patricia Duffy", "Fleming Carswell", "Caroline Scott")
    } == {
        "Alex Glass": 1637,
        "William O'Rourke": 1296,
        "Tommy Morrison": 1180,
        "Alice Sheridan": 630,
        "Keith Baldassara": 591,
        "Rory O'Brien": 549,
    }
    reached = {
        name: s.decision.stage
        for s in outcome.trace
        if isinstance(s.decision, QuotaReached)
        for name, _ in s.decision.names
    }
    assert reached["Alex Glass"] == 4
    # Morrison and O'Rourke are elected at count 8, the last stage, as the two continuing for two seats.
    assert max(rounds(outcome)) == 8


def test_glasgow_2022_pollokshields_stage_by_stage() -> None:
    outcome = count("gb/scottish-council-ward-2022.rules", "gb/2022-glasgow-pollokshields/pollokshields.blt")
    assert elected(outcome) == ["Hanif M RAJA", "Jon MOLYNEUX", "Norman MACLEOD", "Zen GHANI"]
    by_stage = rounds(outcome)
    assert by_stage[1]["Jon MOLYNEUX"] == 2290
    reached = [s.decision for s in outcome.trace if isinstance(s.decision, QuotaReached)]
    assert reached[0].stage == 1 and [n for n, _ in reached[0].names] == ["Jon MOLYNEUX"]
    # Zen Ghani at counts 1 to 7, as declared (whole votes).
    ghani = [1755, 1824, 1843, 1864, 1945, 2044, 2097]
    assert [round(by_stage[n]["Zen GHANI"]) for n in range(1, 8)] == ghani
    # The weighted inclusive Gregory values are exact to five decimal places, never floats.
    assert by_stage[2]["Zen GHANI"] == Fraction("1824.357")


def test_dublin_west_2002_three_members() -> None:
    outcome = count("ie/dail-2002-dublin-west.rules", "ie/2002-dublin-west/dublin-west.blt")
    assert elected(outcome) == ["Burton", "Higgins", "Lenihan"]
    first = rounds(outcome)[1]
    # The parties' first preferences (How Ireland Voted 2002): FF, FG, Lab, PD, Green, SF, others.
    assert first["Lenihan"] + first["Ryan"] == 10386
    parties = {"Terry": 3694, "Burton": 3810, "Morrissey": 2370, "Bonnie": 748, "McDonald": 2404}
    assert {name: first[name] for name in parties} == parties
    assert first["Higgins"] + first["Smyth"] == 6576
    assert sum(first.values()) == 29988
    reached = [s.decision for s in outcome.trace if isinstance(s.decision, QuotaReached)]
    assert reached[0].stage == 1 and [n for n, _ in reached[0].names] == ["Lenihan"]


@pytest.mark.parametrize(
    ("rules", "ballots"),
    [
        ("us/burlington-mayor-2009.rules", "us/2009-burlington-mayor/burlington.blt"),
        ("gb/scottish-council-ward-2022.rules", "gb/2022-glasgow-pollokshields/pollokshields.blt"),
    ],
)
def test_the_cli_reproduces_the_golden_elections(rules: str, ballots: str) -> None:
    """`ballotlaw run` from the repository reproduces them (exit 0: no findings)."""
    ran = run_cli("run", f"rules/{rules}", f"data/{ballots}", cwd=str(ROOT))
    assert ran.code == 0, ran.stderr
    assert "status       ELECTED" in ran.stdout

"""Golden real elections decided district by district, each district against its official outcome.

The expected winners and seats are typed from the official sources cited in each data folder's EXPECTED.md and
official-seats.csv (never produced by ballotlaw).
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from ballotlaw.api import run
from ballotlaw.outcome import ContestOutcome

ROOT = Path(__file__).resolve().parent.parent


def _contest(rules: str, data: str) -> ContestOutcome:
    outcome, _ = run(str(ROOT / "rules" / rules), str(ROOT / "data" / data / "results.csv"))
    (contest,) = outcome.contests
    return contest


def _official(data: str, key: str, value: str) -> dict[str, str]:
    with (ROOT / "data" / data / "official-seats.csv").open(encoding="utf-8") as file:
        rows = csv.DictReader(line for line in file if not line.startswith("#"))
        return {row[key]: row[value] for row in rows}


# Canada, House of Commons, 20 September 2021: Elections Canada's Official Voting Results, table 7 (candidates
# elected by affiliation), summed over the provinces and territories (data/ca/2021/EXPECTED.md).
CANADA_2021_SEATS = {
    "Liberal": 160,
    "Conservative": 119,
    "Bloc Québécois": 32,
    "NDP-New Democratic Party": 25,
    "Green Party": 2,
}


def _affiliation(candidate: str) -> str:
    """The affiliation in English, as table 12 writes it after the name (`Liberal/Libéral` -> `Liberal`)."""
    english = candidate.rsplit("/", 1)[0]
    return next(name for name in CANADA_2021_SEATS if english.endswith(name))


def test_canada_2021_every_district_elects_the_official_member() -> None:
    """337 districts elect Table 11's member; Châteauguay--Lacolle, whose published figures are those of the
    judicial recount (margin 12 < 48,683 / 1000), is a recount under s. 300(1), with the official member
    leading."""
    contest = _contest("ca/house-of-commons-2021.rules", "ca/2021")
    official = _official("ca/2021", "district", "candidate")
    assert len(contest.units) == len(official) == 338
    elected = {u.unit: [s.id for s in u.selections if s.elected] for u in contest.units}
    recount = [u for u in contest.units if u.status != "elected"]
    assert [u.unit for u in recount] == ["24021 Châteauguay--Lacolle"] and recount[0].status == "recount"
    assert elected.pop("24021 Châteauguay--Lacolle") == []
    assert {unit: winners for unit, winners in elected.items()} == {unit: [official[unit]] for unit in elected}
    leader = max(recount[0].selections, key=lambda s: s.votes.value or 0)
    assert leader.id == official["24021 Châteauguay--Lacolle"] == "Brenda Shanahan ** Liberal/Libéral"
    seats = Counter(_affiliation(winner) for winners in elected.values() for winner in winners)
    seats[_affiliation(leader.id)] += 1
    assert dict(seats) == CANADA_2021_SEATS


# Taiwan, 11th Legislative Yuan, 13 January 2024, the 73 regional districts: the Central Election Commission's
# candidate file marks the member elected in each (data/tw/2024/EXPECTED.md); by party 36, 36 and one
# independent.
TAIWAN_2024_SEATS = {"中國國民黨": 36, "民主進步黨": 36, "無": 1}


def test_taiwan_2024_every_district_elects_the_official_member() -> None:
    """All 73 districts elect the Commission's member; none is within art. 69(1)'s 3/1000 (the closest,
    Taoyuan 2, has a margin of 1,229 in 215,204 valid votes)."""
    contest = _contest("tw/legislative-yuan-2024.rules", "tw/2024")
    official = _official("tw/2024", "district", "candidate")
    assert len(contest.units) == len(official) == 73
    assert all(u.status == "elected" for u in contest.units)
    elected = {u.unit: [s.id for s in u.selections if s.elected] for u in contest.units}
    assert elected == {unit: [winner] for unit, winner in official.items()}
    parties = Counter(winner.rsplit(" (", 1)[1].rstrip(")") for (winner,) in elected.values())
    assert dict(parties) == TAIWAN_2024_SEATS

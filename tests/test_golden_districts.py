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


# India, Lok Sabha, general election of 2024: the Election Commission of India's party-wise results page
# (data/in/2024/EXPECTED.md), the parties with more than two seats; seven more have two and seventeen one
# (42 in all, 543 seats).
INDIA_2024_SEATS = {
    "Bharatiya Janata Party": 240,
    "Indian National Congress": 99,
    "Samajwadi Party": 37,
    "All India Trinamool Congress": 29,
    "Dravida Munnetra Kazhagam": 22,
    "Telugu Desam": 16,
    "Janata Dal  (United)": 12,
    "Shiv Sena (Uddhav Balasaheb Thackrey)": 9,
    "Nationalist Congress Party – Sharadchandra Pawar": 8,
    "Independent": 7,
    "Shiv Sena": 7,
    "Lok Janshakti Party(Ram Vilas)": 5,
    "Communist Party of India  (Marxist)": 4,
    "Rashtriya Janata Dal": 4,
    "Yuvajana Sramika Rythu Congress Party": 4,
    "Aam Aadmi Party": 3,
    "Indian Union Muslim League": 3,
    "Jharkhand Mukti Morcha": 3,
}


def _party(candidate: str) -> str:
    """The party in the brackets that end a candidate's name, which may hold brackets of their own."""
    depth = 0
    for at in range(len(candidate) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(candidate[at], 0)
        if depth == 0:
            return candidate[at + 1 : -1]
    raise ValueError(candidate)


def test_india_2024_every_constituency_elects_the_official_member() -> None:
    """All 543 constituencies elect the Commission's member: 542 by plurality (the closest, Mumbai North West,
    by 48 votes), Surat without a poll (s. 53(2): one candidate left); NOTA elects no one, even in Indore where it
    came second."""
    contest = _contest("in/lok-sabha-2024.rules", "in/2024")
    official = _official("in/2024", "district", "candidate")
    assert len(contest.units) == len(official) == 543
    assert contest.status == "elected" and all(u.status == "elected" for u in contest.units)
    elected = {u.unit: [s.id for s in u.selections if s.elected] for u in contest.units}
    assert elected == {unit: [winner] for unit, winner in official.items()}
    (surat,) = [u for u in contest.units if u.unit == "S06-24 SURAT (Gujarat)"]
    assert [s.votes.status for s in surat.selections] == ["absent"]
    parties = Counter(_party(winner) for (winner,) in elected.values())
    assert {party: seats for party, seats in parties.items() if seats > 2} == INDIA_2024_SEATS
    assert sorted(seats for seats in parties.values() if seats <= 2) == [1] * 17 + [2] * 7  # 42 parties in all

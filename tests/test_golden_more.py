"""Golden elections reproduced district by district: the official seats of every list in every district, typed or
converted from the official results cited in each data folder's SOURCES.md (never produced by ballotlaw), against
`ballotlaw run` and the API."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from ballotlaw.api import run
from ballotlaw.outcome import ContestOutcome
from conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent


def _official(data: str) -> dict[str, dict[str, int]]:
    """The official seats beside the data (`official-seats.csv`: district, list, seats), lists with seats only."""
    text = (ROOT / "data" / data / "official-seats.csv").read_text(encoding="utf-8")
    _header, *rows = csv.reader(line for line in text.splitlines() if not line.startswith("#"))
    official: dict[str, dict[str, int]] = {}
    for district, name, seats in rows:
        official.setdefault(district, {})
        if int(seats):
            official[district][name] = int(seats)
    return official


def _contest(rules: str, data: str) -> ContestOutcome:
    outcome, _ = run(str(ROOT / "rules" / rules), str(ROOT / "data" / data / "results.csv"))
    (contest,) = outcome.contests
    return contest


def _seats(contest: ContestOutcome) -> dict[str, dict[str, int]]:
    return {u.unit: {s.id: s.seats for s in u.selections if s.seats} for u in contest.units}


PORTUGAL_2024_TERRITORY = {  # the SGMAI's national-territory record (data/pt/2024/EXPECTED.md)
    "PS": 77,
    "PPD/PSD.CDS-PP.PPM": 76,
    "CH": 48,
    "IL": 8,
    "B.E.": 5,
    "PCP-PEV": 4,
    "L": 4,
    "PAN": 1,
    "PPD/PSD.CDS-PP": 3,
}


def test_portugal_2024_assembly_in_every_constituency_of_the_territory() -> None:
    """The 20 constituencies of the national territory, D'Hondt without a threshold, against the seats the SGMAI
    published for every list; the two constituencies abroad are not in the data, so the contest stays
    provisional and says which seats are not awarded."""
    contest = _contest("pt/assembleia-2024.rules", "pt/2024")
    official = _official("pt/2024")
    assert len(official) == 20 and len(contest.units) == 20
    assert all(u.status == "elected" for u in contest.units)
    assert _seats(contest) == official
    totals: dict[str, int] = {}
    for seats in official.values():
        for name, won in seats.items():
            totals[name] = totals.get(name, 0) + won
    assert totals == PORTUGAL_2024_TERRITORY and sum(totals.values()) == 226
    assert contest.status == "provisional"
    # Beja's 3 seats: PS 24,408, CH 16,595, the AD 12,890; the CDU's 11,570 falls just short of the third.
    beja = next(u for u in contest.units if u.unit == "Beja")
    assert {s.id: s.seats for s in beja.selections if s.id in ("PPD/PSD.CDS-PP.PPM", "PCP-PEV")} == {
        "PPD/PSD.CDS-PP.PPM": 1,
        "PCP-PEV": 0,
    }


def test_portugal_2024_by_the_command() -> None:
    """`ballotlaw run --json` on the shipped files: the same seats in every constituency, and the two
    constituencies abroad named as missing, not silently dropped."""
    ran = run_cli("run", "--json", "rules/pt/assembleia-2024.rules", "data/pt/2024/results.csv", cwd=ROOT)
    assert ran.code == 0, ran.stderr
    (contest,) = json.loads(ran.stdout)["contests"]
    got = {u["unit"]: {s["id"]: s["seats"] for s in u["selections"] if s["seats"]} for u in contest["units"]}
    assert got == _official("pt/2024")
    (reason,) = contest["reasons"]
    assert reason["missing"] == ["district Europa", "district Fora da Europa"]


SLOVENIA_2022_SEATS = {  # the DVK's results file of 7 May 2022 (data/si/2022/EXPECTED.md)
    "GIBANJE SVOBODA": 41,
    "SLOVENSKA DEMOKRATSKA STRANKA - SDS": 27,
    "NOVA SLOVENIJA - KRŠČANSKI DEMOKRATI": 8,
    "SOCIALNI DEMOKRATI - SD": 7,
    "LEVICA": 5,
}


def test_slovenia_2022_national_assembly() -> None:
    """The 88 list seats in the whole country: 4% of the valid votes, then D'Hondt; the official seats."""
    contest = _contest("si/national-assembly-2022.rules", "si/2022")
    (unit,) = contest.units
    assert unit.status == "elected"
    assert {s.id: s.seats for s in unit.selections if s.seats} == SLOVENIA_2022_SEATS
    assert len(unit.selections) == 21 and sum(s.qualified == "no" for s in unit.selections) == 16
    lms = next(s for s in unit.selections if s.id == "LISTA MARJANA ŠARCA - LMŠ")  # 44,401 of 1,192,293: 3.72%
    assert lms.qualified == "no" and lms.seats == 0


RUSSIA_2021_SEATS = {  # the CEC's decision of 24 September 2021 as reported (data/ru/2021/EXPECTED.md)
    'Всероссийская политическая партия "ЕДИНАЯ РОССИЯ"': 126,
    'Политическая партия "КОММУНИСТИЧЕСКАЯ ПАРТИЯ РОССИЙСКОЙ ФЕДЕРАЦИИ"': 48,
    "Политическая партия ЛДПР – Либерально-демократическая партия России": 19,
    "Партия СПРАВЕДЛИВАЯ РОССИЯ – ЗА ПРАВДУ": 19,
    'Политическая партия "НОВЫЕ ЛЮДИ"': 13,
}


def test_russia_2021_state_duma_federal_constituency() -> None:
    """The 225 list seats from the CEC's 96,325 polling-station protocols added up: 5% of the voters who took
    part, then the Hare quotient over the lists admitted and the largest remainders."""
    outcome, _ = run(str(ROOT / "rules/ru/state-duma-2021.rules"), str(ROOT / "data/ru/2021/results.csv"))
    federal, single_mandate = outcome.contests
    (unit,) = federal.units
    assert unit.status == "elected"
    assert {s.id: s.seats for s in unit.selections if s.seats} == RUSSIA_2021_SEATS
    assert len(unit.selections) == 14 and sum(s.qualified == "no" for s in unit.selections) == 9
    # The single-mandate districts are not in the data: that contest is not evaluated, never silently empty.
    assert single_mandate.units == () and single_mandate.status == "provisional"
    assert [r.missing for r in single_mandate.reasons] == [("units of level district",)]
    assert outcome.status == "provisional"

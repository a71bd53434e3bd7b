"""Golden real list-PR elections: the official seats and the official lists that failed the threshold, typed
from the official source cited in each data folder's EXPECTED.md (never produced by ballotlaw)."""

from __future__ import annotations

from pathlib import Path

from ballotlaw.api import run

ROOT = Path(__file__).resolve().parent.parent

SLOVAKIA_2023_SEATS = {  # SO SR table tab04; the State Commission's announcement of 1 Oct 2023
    "SMER - sociálna demokracia": 42,
    "Progresívne Slovensko": 32,
    "HLAS - sociálna demokracia": 27,
    "OĽANO A PRIATELIA: OBYČAJNÍ ĽUDIA (OĽANO), NEZÁVISLÍ KANDIDÁTI (NEKA), NOVA, SLOBODNÍ A ZODPOVEDNÍ, "
    "PAČIVALE ROMA, MAGYAR SZÍVEK a Kresťanská únia a ZA ĽUDÍ": 16,
    "Kresťanskodemokratické hnutie": 12,
    "Sloboda a Solidarita": 11,
    "Slovenská národná strana": 10,
}


def test_slovakia_2023_national_council() -> None:
    outcome, _ = run(
        str(ROOT / "rules" / "sk" / "national-council-2023.rules"), str(ROOT / "data" / "sk" / "2023" / "results.csv")
    )
    (unit,) = outcome.contests[0].units
    assert unit.status == "elected"
    assert {s.id: s.seats for s in unit.selections if s.seats} == SLOVAKIA_2023_SEATS
    # 25 lists on the ballot; the 18 others failed the threshold (EXPECTED.md lists them).
    assert len(unit.selections) == 25
    assert sum(s.qualified == "no" for s in unit.selections) == 18
    coalition = next(s for s in unit.selections if s.id.startswith("OĽANO A PRIATELIA"))
    assert [t.clause for t in coalition.tests] == ["national_council.small_coalitions"]  # measured against 7%


NETHERLANDS_2023_SEATS = {  # the Kiesraad's result of 4 December 2023 (data/nl/2023/EXPECTED.md)
    "PVV (Partij voor de Vrijheid)": 37,
    "GROENLINKS / Partij van de Arbeid (PvdA)": 25,
    "VVD": 24,
    "Nieuw Sociaal Contract": 20,
    "D66": 9,
    "BBB": 7,
    "CDA": 5,
    "SP (Socialistische Partij)": 5,
    "DENK": 3,
    "Partij voor de Dieren": 3,
    "Forum voor Democratie": 3,
    "Staatkundig Gereformeerde Partij (SGP)": 3,
    "ChristenUnie": 3,
    "Volt": 2,
    "JA21": 1,
}


def test_netherlands_2023_tweede_kamer() -> None:
    outcome, _ = run(
        str(ROOT / "rules" / "nl" / "tweede-kamer-2023.rules"), str(ROOT / "data" / "nl" / "2023" / "results.csv")
    )
    (unit,) = outcome.contests[0].units
    assert unit.status == "elected"
    assert {s.id: s.seats for s in unit.selections if s.seats} == NETHERLANDS_2023_SEATS
    # 26 lists on the ballot; the 11 without a seat are below one kiesdeler (10,432,726 / 150).
    assert len(unit.selections) == 26
    failed = {s.id for s in unit.selections if s.qualified == "no"}
    assert len(failed) == 11 and "BVNL / Groep Van Haga" in failed and "JA21" not in failed


MOLDOVA_2021_SEATS = {  # the CEC's announcement of 19 July 2021 (data/md/2021/EXPECTED.md)
    "Partidul Politic „Partidul Acțiune și Solidaritate”": 63,
    "Blocul electoral al Comuniștilor și Socialiștilor": 32,
    "Partidul Politic „Șor”": 6,
}


def test_moldova_2021_parliament() -> None:
    outcome, _ = run(
        str(ROOT / "rules" / "md" / "parliament-2021.rules"), str(ROOT / "data" / "md" / "2021" / "results.csv")
    )
    (unit,) = outcome.contests[0].units
    assert unit.status == "elected"
    assert {s.id: s.seats for s in unit.selections if s.seats} == MOLDOVA_2021_SEATS
    assert len(unit.selections) == 23
    assert sum(s.qualified == "no" for s in unit.selections) == 20
    tests = {s.id: [t.clause for t in s.tests] for s in unit.selections}
    assert tests["Blocul Electoral „RENATO USATÎI”"] == ["parliament.blocs"]  # 4.10%, measured against 7%
    assert tests["Candidat independent, Valico Veaceslav"] == ["parliament.independents"]  # against 2%

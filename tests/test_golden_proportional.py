"""Golden real list-PR elections: the official seats and the official lists that failed the threshold, typed
from the official source cited in each data folder's EXPECTED.md (never produced by ballotlaw)."""

from __future__ import annotations

import csv
from fractions import Fraction
from pathlib import Path

import attrs

from ballotlaw.api import load_law, run
from ballotlaw.evaluate import evaluate
from ballotlaw.outcome import ContestOutcome, Outcome, UnitOutcome
from ballotlaw.render.phrases import say
from ballotlaw.render.text import render_outcome
from ballotlaw.results.load import load_results

ROOT = Path(__file__).resolve().parent.parent


def _national(rules: str, data: str) -> tuple[Outcome, UnitOutcome]:
    """The outcome on the golden data and the one unit of its first contest, which must be elected."""
    outcome, _ = run(str(ROOT / "rules" / rules), str(ROOT / "data" / data / "results.csv"))
    (unit,) = outcome.contests[0].units
    assert unit.status == "elected"
    return outcome, unit


def _national_unit(rules: str, data: str) -> UnitOutcome:
    return _national(rules, data)[1]


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
    unit = _national_unit("sk/national-council-2023.rules", "sk/2023")
    assert {s.id: s.seats for s in unit.selections if s.seats} == SLOVAKIA_2023_SEATS
    # 25 lists on the ballot; the 18 others failed the threshold (EXPECTED.md lists them).
    assert len(unit.selections) == 25
    assert sum(s.qualified == "no" for s in unit.selections) == 18
    coalition = next(s for s in unit.selections if s.id.startswith("OĽANO A PRIATELIA"))
    assert [t.clause for t in coalition.tests] == ["national_council.small_coalitions"]  # measured against 7%


LITHUANIA_2016_SEATS = {  # the VRK's page of 11 Oct 2016, column "Mandatų skaičius" (data/lt/2016/EXPECTED.md)
    "Tėvynės sąjunga - Lietuvos krikščionys demokratai": 20,
    "Lietuvos valstiečių ir žaliųjų sąjunga": 19,
    "Lietuvos socialdemokratų partija": 13,
    "Lietuvos Respublikos liberalų sąjūdis": 8,
    "Lietuvos lenkų rinkimų akcija-Krikščioniškų šeimų sąjunga": 5,
    "Partija Tvarka ir teisingumas": 5,
}


def test_lithuania_2016_seimas_multi_member_constituency() -> None:
    outcome, unit = _national("lt/seimas-2016.rules", "lt/2016")
    assert {s.id: s.seats for s in unit.selections if s.seats} == LITHUANIA_2016_SEATS
    assert len(unit.selections) == 14 and sum(s.qualified == "no" for s in unit.selections) == 8
    # The joint list with 6.06% of the voters who took part is measured against 7%, not 5%.
    joint = next(s for s in unit.selections if s.id.startswith("Antikorupcinė"))
    assert [(t.clause, t.result) for t in joint.tests] == [("multi_member.joint_lists", "failed")]
    # The quota the VRK printed, 14,073 (985,050 / 70 rounded up), and the 60% rule not needed.
    (allocation,) = [s for s in outcome.trace if s.kind == "allocation"]
    assert "= 14072.1429~, rounded up: 14073;" in say(allocation.decision)
    (sixty,) = [s for s in outcome.trace if s.clause == "multi_member.sixty"]
    assert sixty.result == "not needed"
    # The table shows every list's share of the voters who took part, the joint lists' too (measured by
    # another clause on the same base); the VRK's page prints 6.06% and 0.54% for them.
    text = render_outcome(outcome)
    line = next(line for line in text.splitlines() if line.startswith("Antikorupcinė"))
    assert "6.06%" in line and "share: of voters_took_part" in text


NEW_ZEALAND_2023 = {  # the Electoral Commission's Summary of Overall Results: (list, electorate) seats
    "National Party": (5, 43),
    "Labour Party": (17, 17),
    "Green Party": (12, 3),
    "ACT New Zealand": (9, 2),
    "New Zealand First Party": (8, 0),
    "Te Pāti Māori": (0, 6),
}


def test_new_zealand_2023_mixed_member_with_overhang() -> None:
    unit = _national_unit("nz/house-2023.rules", "nz/2023")
    won = {s.id: s.seats for s in unit.selections if s.seats}
    assert won == {party: list_seats + electorates for party, (list_seats, electorates) in NEW_ZEALAND_2023.items()}
    assert sum(won.values()) == 122 and unit.seats_added == 2  # 120 and Te Pāti Māori's 2 overhang seats
    assert len(unit.selections) == 17 and sum(s.qualified == "no" for s in unit.selections) == 11
    # Te Pāti Māori has 3.08% of the party votes: it qualifies by its electorates, not by the 5%.
    maori = next(s for s in unit.selections if s.id == "Te Pāti Māori")
    (test,) = maori.tests
    assert test.result == "passed" and "6 constituency wins" in say(test.detail)


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
    unit = _national_unit("nl/tweede-kamer-2023.rules", "nl/2023")
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
    unit = _national_unit("md/parliament-2021.rules", "md/2021")
    assert {s.id: s.seats for s in unit.selections if s.seats} == MOLDOVA_2021_SEATS
    assert len(unit.selections) == 23
    assert sum(s.qualified == "no" for s in unit.selections) == 20
    tests = {s.id: [t.clause for t in s.tests] for s in unit.selections}
    assert tests["Blocul Electoral „RENATO USATÎI”"] == ["parliament.blocs"]  # 4.10%, measured against 7%
    assert tests["Candidat independent, Valico Veaceslav"] == ["parliament.independents"]  # against 2%


MONTENEGRO_2023_SEATS = {  # the DIK's final result of 14 July 2023 (data/me/2023/EXPECTED.md)
    "Evropa sad – Milojko Spajić": 24,
    "Zajedno! Za budućnost koja ti pripada – Danijel Živković": 21,
    "Za budućnost Crne Gore": 13,
    "Aleksa i Dritan – Hrabro se broji!": 11,
    "Jasno je! – Bošnjačka stranka – mr Ervin Ibrahimović": 6,
    "SNP – Demos – Za tebe": 2,
    "Albanski forum – Nik Gjeloshaj": 2,
    "Albanska alijansa": 1,
    "HGI – Na pravoj strani svijeta!": 1,
}
MONTENEGRO_2023_FAILED = {  # EXPECTED.md: the six lists below the threshold
    "SDP – Za našu kuću",
    "Pravda za sve! – dr Vladimir Leposavić",
    "Preokret za sigurnu Crnu Goru – Srđan Perić",
    "Narodna koalicija – složno i tačka",
    "Pokret za promjene – Prvo Crna Gora – Nebojša Medojević – Reforme za spas zemlje",
    "Da. Mi možemo za građansku Crnu Goru!",
}


def test_montenegro_2023_parliament() -> None:
    unit = _national_unit("me/parliament-2023.rules", "me/2023")
    assert {s.id: s.seats for s in unit.selections if s.seats} == MONTENEGRO_2023_SEATS
    assert len(unit.selections) == 15
    assert {s.id for s in unit.selections if s.qualified == "no"} == MONTENEGRO_2023_FAILED
    # The Albanian lists qualify only together (Art. 94(2)(1)); the Croatian list by its reserved seat.
    tests = {s.id: {t.clause: t.result for t in s.tests} for s in unit.selections}
    assert tests["Albanska alijansa"] == {"parliament.general": "failed", "parliament.minority_lists": "passed"}
    assert tests["HGI – Na pravoj strani svijeta!"]["parliament.croatian_seat"] == "passed"


POLAND_2023_SEATS = {  # the PKW's national result (data/pl/2023/EXPECTED.md)
    "KOMITET WYBORCZY PRAWO I SPRAWIEDLIWOŚĆ": 194,
    "KOALICYJNY KOMITET WYBORCZY KOALICJA OBYWATELSKA PO .N IPL ZIELONI": 157,
    "KOALICYJNY KOMITET WYBORCZY TRZECIA DROGA POLSKA 2050 SZYMONA HOŁOWNI - POLSKIE STRONNICTWO LUDOWE": 65,
    "KOMITET WYBORCZY NOWA LEWICA": 26,
    "KOMITET WYBORCZY KONFEDERACJA WOLNOŚĆ I NIEPODLEGŁOŚĆ": 18,
}


def _every_district(
    rules: str, data: str, column: str, seats: str = "seats", country: str | None = None
) -> tuple[ContestOutcome, dict[str, int]]:
    """Run a contest decided in every district and hold each district to the official seats of every list
    (`official-seats.csv` beside the data: district, list, seats; rows of the `country` skipped); return the
    contest and the national totals."""
    outcome, _ = run(str(ROOT / "rules" / rules), str(ROOT / "data" / data / "results.csv"))
    (contest,) = outcome.contests
    lines = (ROOT / "data" / data / "official-seats.csv").read_text(encoding="utf-8").splitlines()
    official: dict[str, dict[str, int]] = {}
    for row in csv.DictReader(line for line in lines if not line.startswith("#")):
        name = row["list"] if "list" in row else row["committee"]
        if row[column] != country and int(row[seats]):
            official.setdefault(row[column], {})[name] = int(row[seats])
    assert {u.unit for u in contest.units} >= set(official)
    totals: dict[str, int] = {}
    for unit in contest.units:
        assert unit.status == "elected", unit.unit
        assert {s.id: s.seats for s in unit.selections if s.seats} == official.get(unit.unit, {}), unit.unit
        for s in unit.selections:
            totals[s.id] = totals.get(s.id, 0) + (s.seats or 0)
    return contest, {k: v for k, v in totals.items() if v}


def test_poland_2023_sejm_in_every_district() -> None:
    """All 41 districts against the official seats of every list (the KBW candidates file, counted)."""
    contest, totals = _every_district("pl/sejm-2023.rules", "pl/2023", "district")
    assert len(contest.units) == 41
    assert totals == POLAND_2023_SEATS
    # The six committees below 5%; the German minority's list (exempt, Art. 197) shares the seats of district 21.
    failed = {s.id for u in contest.units for s in u.selections if s.qualified == "no"}
    assert len(failed) == 6 and "KOMITET WYBORCZY BEZPARTYJNI SAMORZĄDOWCY" in failed
    minority = next(s for u in contest.units for s in u.selections if "MNIEJSZOŚĆ" in s.id)
    assert minority.qualified == "yes" and minority.seats == 0


BELGIUM_2024_SEATS = {  # the FPS Interior's national result by party (data/be/2024/EXPECTED.md)
    "N-VA": 24,
    "VLAAMS BELANG": 20,
    "MR": 20,
    "PS": 16,
    "PVDA": 15,  # the lists PVDA (Flanders), PTB (Wallonia) and PTB-PVDA (Brussels)
    "LES ENGAGÉS": 14,
    "Vooruit": 13,
    "cd&v": 11,
    "Open Vld": 7,
    "GROEN": 6,
    "ECOLO": 3,
    "DéFI": 1,
}


def test_belgium_2024_chamber_in_every_constituency() -> None:
    """All 11 constituencies against the official seats, with the 5% threshold of each constituency."""
    contest, totals = _every_district("be/chamber-2024.rules", "be/2024", "constituency")
    assert len(contest.units) == 11
    by_party: dict[str, int] = {}
    for name, seats in totals.items():
        party = "PVDA" if name in ("PTB", "PTB-PVDA") else name
        by_party[party] = by_party.get(party, 0) + seats
    assert by_party == BELGIUM_2024_SEATS
    hainaut = next(u for u in contest.units if u.unit == "Circonscription de Hainaut")
    ecolo = next(s for s in hainaut.selections if s.id == "ECOLO")  # 36,750 of 739,851: 4.967%, just below 5%
    assert ecolo.qualified == "no" and ecolo.seats == 0


GERMANY_2025_SEATS = {  # the Bundeswahlausschuss, 14 March 2025 (data/de/2025/EXPECTED.md)
    "CDU": 164,
    "AfD": 152,
    "SPD": 120,
    "GRÜNE": 85,
    "Die Linke": 64,
    "CSU": 44,
    "SSW": 1,
}
GERMANY_2025_LAND_SEATS = {  # bpb.de, "Sitzverteilung Bundestagswahl 2025": the Länder named there
    "Nordrhein-Westfalen": 136,
    "Bayern": 101,
    "Baden-Württemberg": 79,
    "Bremen": 5,
    "Saarland": 8,
}


def test_germany_2025_bundestag() -> None:
    unit = _national_unit("de/bundestag-2025.rules", "de/2025")
    assert {s.id: s.seats for s in unit.selections if s.seats} == GERMANY_2025_SEATS
    assert len(unit.selections) == 29
    assert sum(s.qualified == "no" for s in unit.selections) == 22
    bsw = next(s for s in unit.selections if s.id == "BSW")  # 4.98%, no constituency won
    assert bsw.qualified == "no" and bsw.tests[0].share is not None and bsw.tests[0].share < Fraction(5, 100)
    # The Unterverteilung to the Land lists: the Länder whose seats the official summary names.
    per_land: dict[str, int] = {}
    for cell in unit.distribution:
        per_land[cell.unit] = per_land.get(cell.unit, 0) + cell.seats
    assert {land: per_land[land] for land in GERMANY_2025_LAND_SEATS} == GERMANY_2025_LAND_SEATS
    assert sum(per_land.values()) == 630


ISRAEL_2022_SEATS = {  # the Central Elections Committee's final official results (data/il/2022/EXPECTED.md)
    "הליכוד בהנהגת בנימין נתניהו לראשות הממשלה": 32,
    "יש עתיד בראשות יאיר לפיד לראשות הממשלה": 24,
    "הציונות הדתית בראשות בצלאל סמוטריץ` ועוצמה יהודית": 14,
    "המחנה הממלכתי בהנהגת בני גנץ לראשות הממשלה": 12,
    "התאחדות הספרדים שומרי תורה תנועתו של מרן הרב עובדי": 11,
    "יהדות התורה והשבת אגודת ישראל - דגל התורה": 7,
    "ישראל ביתנו בראשות אביגדור ליברמן": 6,
    "הרשימה הערבית המאוחדת": 5,
    'חד"ש תע"ל בראשות איימן עודה ואחמד טיבי': 5,
    "מפלגת העבודה בראשות מרב מיכאלי": 4,
}


def test_israel_2022_knesset_with_surplus_agreements() -> None:
    unit = _national_unit("il/knesset-2022.rules", "il/2022")
    assert {s.id: s.seats for s in unit.selections if s.seats} == ISRAEL_2022_SEATS
    assert len(unit.selections) == 40
    assert sum(s.qualified == "no" for s in unit.selections) == 30  # all below 3.25%, Meretz (3.16%) among them
    # The agreements decide a seat: without them the same law gives Likud 31 and Labor 5.
    law, _ = load_law(str(ROOT / "rules" / "il" / "knesset-2022.rules"))
    results, _ = load_results(law, str(ROOT / "data" / "il" / "2022" / "results.csv"))
    plain = attrs.evolve(results, attributes={})
    (alone,) = evaluate(law, plain).contests[0].units
    seats = {s.id: s.seats for s in alone.selections}
    assert seats["הליכוד בהנהגת בנימין נתניהו לראשות הממשלה"] == 31
    assert seats["מפלגת העבודה בראשות מרב מיכאלי"] == 5


NORWAY_2021_LEVELLING = {  # the ministry's press release of 28 September 2021 and valgresultat.no
    "Venstre": 5,
    "SV - Sosialistisk Venstreparti": 5,
    "Fremskrittspartiet": 4,
    "Rødt": 4,
    "Høyre": 1,
}


def test_norway_2021_storting_district_and_levelling_seats() -> None:
    """The district seats of every list in all 19 constituencies, and the 19 levelling seats by party."""
    contest, totals = _every_district(
        "no/storting-2021.rules", "no/2021", "constituency", seats="district_seats", country="Norge"
    )
    assert len(contest.units) == 19 and sum(totals.values()) == 150
    assert totals["Pasientfokus"] == 1  # a district seat in Finnmark with 0.17% of the country: no threshold there
    levelling = {a.selection: a.adjustment_seats for a in contest.adjustment if a.adjustment_seats}
    assert levelling == NORWAY_2021_LEVELLING
    # Where each levelling seat went, one per constituency (official-seats.csv, `levelling_seats`).
    lines = (ROOT / "data" / "no" / "2021" / "official-seats.csv").read_text(encoding="utf-8").splitlines()
    official = {
        row["constituency"]: row["list"]
        for row in csv.DictReader(line for line in lines if not line.startswith("#"))
        if row["constituency"] != "Norge" and int(row["levelling_seats"])
    }
    assert {p.unit: p.selection for p in contest.placed} == official
    assert len(official) == 19


CZECHIA_2021_SEATS = {  # the Czech Statistical Office's results (data/cz/2021/EXPECTED.md)
    "ANO 2011": 72,
    "SPOLU – ODS, KDU-ČSL, TOP 09": 71,
    "PIRÁTI a STAROSTOVÉ": 37,
    "Svoboda a přímá demokracie (SPD)": 20,
}


def test_czechia_2021_chamber_in_every_region_with_a_second_scrutiny() -> None:
    """All 14 regions against the official seats: full Imperiali quotas in the regions, the seats left over
    pooled in the country on the remainders (one seat in 2021)."""
    contest, totals = _every_district("cz/chamber-2021.rules", "cz/2021", "region")
    assert len(contest.units) == 14
    assert totals == CZECHIA_2021_SEATS
    failed = {s.id for s in contest.units[0].selections if s.qualified == "no"}
    assert "Česká strana sociálně demokratická" in failed  # 4.65%
    outcome, _ = run(
        str(ROOT / "rules" / "cz" / "chamber-2021.rules"), str(ROOT / "data" / "cz" / "2021" / "results.csv")
    )
    pooled = [say(step.decision) for step in outcome.trace if step.kind == "pooled"]
    assert len(pooled) == 2 and "SPOLU – ODS, KDU-ČSL, TOP 09 1" in pooled[0]  # the one seat of the second scrutiny


# Spain, Congress of Deputies, 28 April 2019: the Ministry of the Interior's results file, the national rows
# (data/es/2019-april/EXPECTED.md), where a party's regional lists are grouped under its national name.
SPAIN_2019_APRIL_GROUPS = {
    "PARTIDO SOCIALISTA OBRERO ESPAÑOL": (
        123,
        (
            "PARTIDO SOCIALISTA OBRERO ESPAÑOL",
            "PARTIT DELS SOCIALISTES DE CATALUNYA (PSC-PSOE)",
            "PARTIDO DOS SOCIALISTAS DE GALICIA-PARTIDO SOCIALI",
            "PARTIDO SOCIALISTA DE EUSKADI-EUSKADIKO EZKERRA (P",
            "PARTIT SOCIALISTA OBRER ESPANYOL",
        ),
    ),
    "PARTIDO POPULAR": (66, ("PARTIDO POPULAR", "PARTIDO POPULAR/PARTIT POPULAR", "PARTIDO POPULAR - FORO")),
    "CIUDADANOS": (57, ("CIUDADANOS-PARTIDO DE LA CIUDADANÍA", "CIUTADANS-PARTIDO DE LA CIUDADANÍA")),
    "UNIDAS PODEMOS": (
        33,
        (
            "UNIDAS PODEMOS",
            "ELKARREKIN PODEMOS-UNIDAS PODEMOS",
            "UNIDAS PODEMOS-UNIDES PODEM",
            "UNIDAS PODEMOS-XUNIES PODEMOS",
        ),
    ),
    "VOX": (24, ("VOX",)),
    "ESQUERRA REPUBLICANA": (15, ("ESQUERRA REPUBLICANA DE CATALUNYA-SOBIRANISTES",)),
    "JUNTS": (7, ("JUNTS PER CATALUNYA-JUNTS",)),
    "EN COMÚ PODEM": (7, ("EN COMÚ PODEM - GUANYEM EL CANVI",)),
    "PNV": (6, ("EUZKO ALDERDI JELTZALEA-PARTIDO NACIONALISTA VASCO",)),
    "EH BILDU": (4, ("EUSKAL HERRIA BILDU",)),
    "EN COMÚN": (2, ("EN COMÚN-UNIDAS PODEMOS",)),
    "NAVARRA SUMA": (2, ("NAVARRA SUMA",)),
    "COALICIÓN CANARIA": (2, ("COALICION CANARIA-PARTIDO NACIONALISTA CANARIO",)),
    "PRC": (1, ("PARTIDO REGIONALISTA DE CANTABRIA",)),
    "COMPROMÍS": (1, ("COMPROMÍS: BLOC-INICIATIVA-VERDSEQUO",)),
}


def test_spain_2019_april_congress_in_every_province() -> None:
    """All 52 constituencies against the official seats of every list (582 cells of the Ministry's file), and
    the parties' national seats as the file's national rows group their regional lists."""
    contest, totals = _every_district("es/congreso-2019-04.rules", "es/2019-april", "district")
    assert len(contest.units) == 52 and sum(totals.values()) == 350
    grouped = {
        party: sum(totals.get(name, 0) for name in names) for party, (_, names) in SPAIN_2019_APRIL_GROUPS.items()
    }
    assert grouped == {party: seats for party, (seats, _) in SPAIN_2019_APRIL_GROUPS.items()}
    assert sum(grouped.values()) == 350
    # 3% of a constituency's valid votes, blank ballots included (LOREG Arts. 96.5, 163.1.a): Vox in Girona
    # (2.80%) is excluded there, and qualifies in Araba / Álava (3.16%) without winning a seat.
    girona = next(u for u in contest.units if u.unit == "Girona")
    araba = next(u for u in contest.units if u.unit == "Araba / Álava")
    assert next(s for s in girona.selections if s.id == "VOX").qualified == "no"
    vox = next(s for s in araba.selections if s.id == "VOX")
    assert vox.qualified == "yes" and vox.seats == 0

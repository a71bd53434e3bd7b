"""Golden real cases beyond list PR: referendums, majorities and run-offs, a recount, an annulment.

Each expected outcome is typed from the official result cited in the data folder's EXPECTED.md and
SOURCES.md (never produced by ballotlaw).
"""

from __future__ import annotations

from pathlib import Path

from ballotlaw.api import run
from ballotlaw.outcome import UnitOutcome

ROOT = Path(__file__).resolve().parent.parent


def only_unit(rules: str, results: str) -> UnitOutcome:
    outcome, _ = run(str(ROOT / "rules" / rules), str(ROOT / "data" / results))
    (contest,) = [c for c in outcome.contests if c.units]
    (unit,) = contest.units
    return unit


def test_kyrgyz_referendum_january_2021_presidential_form_adopted() -> None:
    # CEC, 20 Jan 2021: held (39.12% took part > 30%); presidential republic 81.30% of those who took part.
    unit = only_unit("kg/referendum-2021-01.rules", "kg/2021-referendum-january/results.csv")
    assert unit.status == "approved"
    assert [s.id for s in unit.selections if s.elected] == ["presidential republic"]
    assert next(c for c in unit.checks if c.clause.endswith(".quorum")).result == "valid"


def test_italian_referendum_2016_fails_the_quorum() -> None:
    # Ministry of the Interior: 31.19% took part, below the majority of those entitled (Art. 75): not valid,
    # although yes had 85.8% of the valid votes.
    unit = only_unit("it/referendum-abrogative.rules", "it/2016-referendum-trivelle/results.csv")
    assert unit.status == "void"
    assert not any(s.elected for s in unit.selections)


def test_swiss_initiative_2020_people_yes_cantons_no() -> None:
    # Federal Chancellery: yes 1,299,173 (50.73%) but cantons 8 1/2 to 12 5/2: rejected (Art. 142(2)).
    unit = only_unit("ch/federal-vote-people-and-cantons.rules", "ch/2020-responsible-business-initiative/results.csv")
    assert unit.status == "rejected"


def test_georgia_senate_2022_goes_to_a_runoff_between_the_top_two() -> None:
    # Secretary of State: Warnock 49.44% of the votes cast, no majority: run-off Warnock v. Walker.
    unit = only_unit("us/georgia-us-senate-2022.rules", "us/2022-georgia-senate-runoff/results-round1.csv")
    assert unit.status == "runoff"
    assert sorted(s.id for s in unit.selections if s.qualified == "yes") == [
        "Herschel Junior Walker",
        "Raphael Warnock",
    ]


def test_georgia_senate_2022_runoff_elects_warnock() -> None:
    unit = only_unit("us/georgia-us-senate-2022-runoff.rules", "us/2022-georgia-senate-runoff/results-round2.csv")
    assert unit.status == "elected" and [s.id for s in unit.selections if s.elected] == ["Raphael Warnock"]


def test_french_constituency_2022_three_way_second_round() -> None:
    # Ministry of the Interior, Hauts-de-Seine 3rd: no one elected; Taquillain, Juvin and Tij each have at least
    # 12.5% of the 82,668 registered voters (10,333.5): Tij 10,348.
    unit = only_unit("fr/legislatives-2022.rules", "fr/2022-legislatives-hauts-de-seine-03/results-round1.csv")
    assert unit.status == "runoff"
    assert sorted(s.id for s in unit.selections if s.qualified == "yes") == [
        "Aurélie Taquillain (ENS)",
        "Philippe Juvin (LR)",
        "Sara Tij (NUP)",
    ]


def test_arizona_attorney_general_2022_automatic_recount() -> None:
    # A recount was ordered (court, 29 Dec 2022): margin 510 (511 in the canvass) <= 0.5% of the two totals.
    unit = only_unit("us/arizona-attorney-general-2022.rules", "us/2022-arizona-attorney-general-recount/results.csv")
    assert unit.status == "recount"


def test_sverdlovsky_2022_annulled_votes_below_one_third_no_repeat_vote() -> None:
    # CEC (24.kg): Murtazaliev's registration cancelled, his 5,806 votes annulled; below one third of the
    # 29,737 who took part, so no repeat vote. The other candidates' counts were not read: the winner cannot
    # be confirmed from this file, and the outcome says so.
    outcome, _ = run(
        str(ROOT / "rules" / "kg" / "jogorku-kenesh-2021.rules"),
        str(ROOT / "data" / "kg" / "2022-repeat-elections-bishkek" / "results.csv"),
    )
    districts = outcome.contest("districts")
    assert districts is not None
    sverdlovsky = next(u for u in districts.units if u.unit == "No. 29")
    annulled = next(c for c in sverdlovsky.checks if c.clause == "districts.annulled")
    assert annulled.result == "no rerun"
    assert sverdlovsky.status == "provisional"
    assert not any(s.elected for s in sverdlovsky.selections)

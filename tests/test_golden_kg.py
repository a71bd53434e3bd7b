"""Kyrgyzstan in full: the President, local keneshes, referendums and the versions of the parliamentary law.

The golden outcome is typed from the official source cited in data/kg/2021-president-january/EXPECTED.md,
never produced by ballotlaw. The versions of the parliamentary law are compared with `ballotlaw diff` on results
made up for the purpose (nine regions of equal figures), whose outcomes under each version were worked by hand:

| list | votes | of 9,000 registered | of 5,400 who took part |
|---|---|---|---|
| A | 2,700 | 30% | 50% |
| B | 1,350 | 15% | 25% |
| C | 432 | 4.8% | 8% |
| D | 324 | 3.6% | 6% |

- 2007 (90 seats; 5% of the registered voters): A and B qualify; Hare quota 4,050 / 90 = 45: A 60, B 30.
- 2010 (120 seats, cap 65): quota 33.75: A 80, B 40; the cap holds A at 65 and B takes the other 55.
- 2015 (7% and 0.7% of the voters who took part): C (8%) qualifies too; quota 4,482 / 120: A 72.29, B 36.14,
  C 11.57, the last seat to C; A held at 65, and 55 seats shared again by B and C (quota 32.4): B 41.67,
  C 13.33, the last seat to B: A 65, B 42, C 13.
- 2021 (54 seats, 5% and 0.5%, cap 27): D (6%) qualifies too; quota 4,806 / 54 = 89: A 30.34, B 15.17,
  C 4.85, D 3.64, the two seats left to C and D; A held at 27, and 27 seats shared again by B, C and D (quota
  78): B 17.31, C 5.54, D 4.15, the last seat to C: A 27, B 17, C 6, D 4.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ballotlaw.api import load_law, run
from ballotlaw.cli import main
from ballotlaw.examples import run_examples

ROOT = Path(__file__).resolve().parent.parent
KG = ROOT / "rules" / "kg"
KYRGYZ_LAWS = sorted(KG.glob("*.rules"))


def _write_chain_results(path: Path, regional_register: bool) -> Path:
    rows = ["level,unit,parent,count,selection,value,source"]

    def unit(level: str, name: str, parent: str, figures: dict[str, int], votes: dict[str, int]) -> None:
        rows.extend(f"{level},{name},{parent},{count},,{value}," for count, value in figures.items())
        rows.extend(f"{level},{name},{parent},votes,{selection},{value}," for selection, value in votes.items())

    unit(
        "nation",
        "KG",
        "",
        {"registered_voters": 9000, "voters_took_part": 5400, "invalid_ballots": 594},
        {"A": 2700, "B": 1350, "C": 432, "D": 324},
    )
    for number in range(1, 10):
        figures = {"voters_took_part": 600, "invalid_ballots": 66}
        if regional_register:
            figures = {"registered_voters": 1000, **figures}
        unit("region", f"R{number}", "KG", figures, {"A": 300, "B": 150, "C": 48, "D": 36})
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _diff(old: int, new: int, tmp_path: Path, regional_register: bool) -> dict[str, object]:
    """`ballotlaw diff --json` of the parliamentary law of year OLD against that of year NEW."""
    results = _write_chain_results(tmp_path / "results.csv", regional_register)
    old_law, new_law = KG / f"jogorku-kenesh-{old}.rules", KG / f"jogorku-kenesh-{new}.rules"
    done = CliRunner().invoke(main, ["diff", "--json", str(old_law), str(new_law), str(results)])
    assert done.exit_code == 1, done.output  # the versions differ
    found: dict[str, object] = json.loads(done.stdout)
    return found


def _changed(found: dict[str, object]) -> dict[str, tuple[str, bool]]:
    clauses = found["clauses"]
    assert isinstance(clauses, list)
    return {c["label"]: (c["change"], c["changes_outcome"]) for c in clauses}


def _seats(found: dict[str, object]) -> dict[str, tuple[str, list[int]]]:
    units = found["units"]
    assert isinstance(units, list)
    (unit,) = units
    return {s["id"]: (s["qualified"][0] + "->" + s["qualified"][1], s["seats"]) for s in unit["selections"]}


def test_president_january_2021_japarov_elected_in_the_first_round() -> None:
    # CEC protocol of 20 Jan 2021 (MFA): 1,105,248 of the 1,395,513 who took part (79.20%): elected.
    outcome, _ = run(str(KG / "president-2021.rules"), str(ROOT / "data/kg/2021-president-january/results.csv"))
    (contest,) = outcome.contests
    (unit,) = contest.units
    assert unit.status == "elected"
    assert [s.id for s in unit.selections if s.elected] == ["Sadyr Japarov"]
    results = {c.clause: c.result for c in unit.checks}
    assert results["president.majority"] == "majority"
    # "Against all" is not published; its bound (at most 290,265) decides that there is no repeat election.
    assert results["president.against_all"] == "no rerun"


def test_2007_to_2010_the_house_grows_to_120_and_a_cap_of_65_appears(tmp_path: Path) -> None:
    # The regional threshold changes reading too: the CEC's 0.5% of the national register in every region (2007)
    # becomes 0.5% of each region's own register (2010, Art. 77 as cited then).
    found = _diff(2007, 2010, tmp_path, regional_register=True)
    assert _changed(found) == {
        "national_list.seats": ("changed", True),
        "national_list.cap": ("added", False),
        "national_list.regional_threshold": ("changed", True),
    }
    # D fails 5% nationally under both; its regional test differs between the readings, so the diff names it.
    assert _seats(found) == {"A": ("yes->yes", [60, 65]), "B": ("yes->yes", [30, 55]), "D": ("no->no", [0, 0])}


def test_2010_to_2015_the_thresholds_move_to_the_voters_who_took_part(tmp_path: Path) -> None:
    # No regional register: the 2015 law declares the register on the nation only, so 2010's regional threshold
    # has no base in the regions (what it decides is left to the bounds of the published figures), and 2015's
    # against-all rule has no figure (status provisional). The seats do not depend on either.
    found = _diff(2010, 2015, tmp_path, regional_register=False)
    assert _changed(found) == {
        "national_list.national_threshold": ("changed", True),
        "national_list.regional_threshold": ("changed", True),
        "national_list.against_all": ("added", False),
        "national_list.no_list": ("added", False),
    }
    seats = _seats(found)
    assert seats["C"] == ("no->yes", [0, 13])  # 432 is below 5% of 9,000 registered, above 7% of 5,400 who took part
    assert seats["B"][1] == [55, 42]
    assert seats.get("A", ("", [65, 65]))[1] == [65, 65]
    assert seats["D"][1] == [0, 0]


def test_2015_to_2021_fewer_seats_lower_thresholds_a_cap_of_27(tmp_path: Path) -> None:
    found = _diff(2015, 2021, tmp_path, regional_register=False)
    changed = _changed(found)
    assert {label: change for label, change in changed.items() if label.startswith("national_list.")} == {
        "national_list.seats": ("changed", True),
        "national_list.national_threshold": ("changed", True),
        "national_list.regional_threshold": ("changed", False),
        "national_list.cap": ("changed", True),
    }
    assert changed["districts.compete"] == ("added", False)  # the single-mandate tier is new in 2021
    assert _seats(found) == {
        "A": ("yes->yes", [65, 27]),
        "B": ("yes->yes", [42, 17]),
        "C": ("yes->yes", [13, 6]),
        "D": ("no->yes", [0, 4]),
    }


@pytest.mark.parametrize("path", KYRGYZ_LAWS, ids=lambda p: p.name)
def test_every_kyrgyz_law_checks_is_formatted_and_has_two_examples_that_pass(path: Path) -> None:
    checked = CliRunner().invoke(main, ["check", str(path)])
    assert checked.exit_code == 0 and "no problems" in checked.output, checked.output
    formatted = CliRunner().invoke(main, ["fmt", "--check", str(path)])
    assert formatted.exit_code == 0, formatted.output
    law, _ = load_law(str(path))
    results = list(run_examples(law))
    assert len(results) >= 2
    assert all(r.passed for r in results)


def test_the_kyrgyz_laws_cover_every_kind_of_election() -> None:
    names = {p.name for p in KYRGYZ_LAWS}
    assert {
        "jogorku-kenesh-2007.rules",
        "jogorku-kenesh-2010.rules",
        "jogorku-kenesh-2015.rules",
        "jogorku-kenesh-2021.rules",
        "president-2021.rules",
        "local-keneshes-2021.rules",
        "referendum-2021-01.rules",
    } <= names
    law, _ = load_law(str(KG / "jogorku-kenesh-2010.rules"))
    assert [Path(base).name for base, _digest in law.bases] == ["jogorku-kenesh-2007.rules"]

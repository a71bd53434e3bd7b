"""Constructs real laws need (issue 14) and the defects found on the way: the law's tie rule when a rounded quota
hands out a seat too many (defect 5), no seat to a list without votes when the seats left over outnumber the
lists (defect 6), the base of a quota written out, threshold bases that add or take away counts, the seats left
over to the lists with the most votes, a multiplier for minority lists below a share, and the count a lawyer
writes in words inside a quota.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import ROOT, run_cli

HEAD = """ballotlaw 1

election "Test election"
  jurisdiction "Testland"
  law "Election Act"   [act]
  polling day 2024-01-01
end

source act "Election Act of Testland" "https://example.org/act"

level nation
count valid_votes "valid votes" on nation   [act]
count voters_took_part "voters who took part" on nation, may be not published   [act]
count none_of_the_above "ballots for none of the above" on nation, may be not published   [act]
count against_all "ballots against all" on nation, may be not published   [act]
votes "votes" on nation   [act]
"""


def law(tmp_path: Path, *clauses: str, seats: int = 10, ties: str = "more votes, then lot") -> str:
    """A rule file with one contest of lists in the nation: `clauses` (threshold, method, ...) as written."""
    body = "".join(f"  {clause}   [act]\n" for clause in clauses)
    text = (
        f'{HEAD}\ncontest house "House"\n  lists compete in the nation   [act]\n  seats {seats}   [act]\n{body}'
        f"  ties broken by {ties}   [act]\n  valid at any turnout   [act]\nend\n"
    )
    path = tmp_path / "law.rules"
    path.write_text(text, encoding="utf-8")
    return str(path)


def results(tmp_path: Path, votes: dict[str, int], minority: dict[str, int] | None = None, **counts: object) -> str:
    """The nation's results: the lists' votes, `national_minority` numbers, and counts (`not published` allowed)."""
    rows = ["level,unit,parent,count,selection,value,source"]
    rows += [f"nation,N,,{name},,{value}," for name, value in counts.items()]
    rows += [f"nation,N,,votes,{name},{value}," for name, value in votes.items()]
    rows += [f"nation,N,,national_minority,{name},{value}," for name, value in (minority or {}).items()]
    path = tmp_path / "results.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def run(rules: str, data: str) -> tuple[dict[str, Any], dict[str, int]]:
    """The unit's JSON outcome and each list's seats."""
    ran = run_cli("run", "--json", rules, data)
    assert ran.code in (0, 1), ran.stderr
    unit = json.loads(ran.stdout)["contests"][0]["units"][0]
    return unit, {s["id"]: s["seats"] for s in unit["selections"]}


def explain(rules: str, data: str) -> str:
    ran = run_cli("explain", rules, data)
    assert ran.code in (0, 1), ran.stderr
    return ran.stdout


# ---- defect 5: the law's tie rule when a rounded quota hands out a seat too many ------------------------------

HB_ROUNDED = "allocate by hagenbach-bischoff quota rounded to a whole number and largest remainders"


def test_seat_handed_out_too_many_is_taken_back_by_the_tie_rule(tmp_path: Path) -> None:
    """Defect 5: quota 7 / 3 rounded to 2 gives A 2, B 1 of 2 seats; A and B both have remainder 0, and the law
    breaks ties by more votes: B (fewer votes) gives its seat back. It was `lot needed` and `seats: 3 of 2`."""
    rules = law(tmp_path, "threshold at least 1% of valid_votes nationally", HB_ROUNDED, seats=2)
    data = results(tmp_path, {"A": 4, "B": 2, "C": 1}, valid_votes=7)
    unit, seats = run(rules, data)
    assert seats == {"A": 2, "B": 0, "C": 0}
    assert unit["status"] == "elected" and unit["tied"] == []
    assert "seats: 2 of 2" in run_cli("run", rules, data).stdout
    assert "by `more votes`, A take(s) the seat(s)" in explain(rules, data)


def test_seat_taken_back_by_lot_when_the_law_says_lot(tmp_path: Path) -> None:
    """Defect 5: with `ties broken by lot`, the seat to take back is a lot among the lists with equal remainders."""
    rules = law(tmp_path, "threshold at least 1% of valid_votes nationally", HB_ROUNDED, seats=2, ties="lot")
    unit, _seats = run(rules, results(tmp_path, {"A": 4, "B": 2, "C": 1}, valid_votes=7))
    assert unit["status"] == "lot needed"
    assert sorted(unit["tied"]) == ["A", "B"] and unit["tied_seats"] == -1


# ---- defect 6: a list without votes never gets a seat ---------------------------------------------------------

DROOP = "allocate by droop quota and largest remainders"


def test_droop_gives_no_seat_left_over_to_a_list_without_votes(tmp_path: Path) -> None:
    """Defect 6: Droop's quota 1 (4 votes, 10 seats) leaves 6 seats over after A's 3 and C's 1 full quotas: more
    than the lists. They went round all three lists, B with no votes too (A 5, B 2, C 3); they go round the lists
    with votes only, and the trace says so."""
    rules = law(tmp_path, "threshold at least 0% of valid_votes nationally", DROOP)
    data = results(tmp_path, {"A": 3, "B": 0, "C": 1}, valid_votes=4)
    _unit, seats = run(rules, data)
    assert seats == {"A": 6, "B": 0, "C": 4}
    assert "a list without votes gets none" in explain(rules, data)


def test_droop_tie_for_a_seat_left_over_leaves_out_a_list_without_votes(tmp_path: Path) -> None:
    """Defect 6: with 5 seats one is left over and every remainder is 0; B, with no votes, is not among the tied."""
    rules = law(tmp_path, "threshold at least 0% of valid_votes nationally", DROOP, seats=5, ties="lot")
    unit, seats = run(rules, results(tmp_path, {"A": 3, "B": 0, "C": 1}, valid_votes=4))
    assert unit["status"] == "lot needed" and sorted(unit["tied"]) == ["A", "C"]
    assert seats["B"] == 0


# ---- the base of a quota -------------------------------------------------------------------------------------

VOTES = {"A": 460, "B": 290, "C": 110, "D": 80, "E": 60}
THRESHOLD = "threshold at least 10% of valid_votes nationally"


def test_quota_of_the_valid_votes(tmp_path: Path) -> None:
    """Quota 1000 / 10 = 100 (not 860 / 10 = 86 of the qualifying lists): A 4, B 2, C 1 and three seats over."""
    rules = law(tmp_path, THRESHOLD, "allocate by hare quota of valid_votes and largest remainders")
    data = results(tmp_path, VOTES, valid_votes=1000)
    assert run(rules, data)[1] == {"A": 5, "B": 3, "C": 2, "D": 0, "E": 0}
    assert "quota = valid_votes 1000 / 10 seats = 100" in explain(rules, data)


def test_quota_without_a_base_keeps_its_meaning_and_the_trace_names_it(tmp_path: Path) -> None:
    for method in (
        "allocate by hare quota and largest remainders",
        "allocate by hare quota of the votes of the lists that qualify and largest remainders",
        "allocate by the quota of the votes of the lists that qualify over seats plus 0, with largest remainders",
    ):
        rules = law(tmp_path, THRESHOLD, method)
        data = results(tmp_path, VOTES, valid_votes=1000)
        assert run(rules, data)[1] == {"A": 5, "B": 4, "C": 1, "D": 0, "E": 0}, method
        assert "quota = 860 votes of the lists sharing the seats / 10 seats = 86" in explain(rules, data)


def test_written_quota_of_a_count(tmp_path: Path) -> None:
    method = "allocate by the quota of valid_votes over seats plus 0, with largest remainders"
    rules = law(tmp_path, THRESHOLD, method)
    assert run(rules, results(tmp_path, VOTES, valid_votes=1000))[1]["B"] == 3


def test_quota_base_not_published_leaves_the_seats_provisional(tmp_path: Path) -> None:
    rules = law(
        tmp_path,
        "threshold at least 10% of valid_votes nationally",
        "allocate by hare quota of voters_took_part and largest remainders",
    )
    unit, _seats = run(rules, results(tmp_path, VOTES, valid_votes=1000, voters_took_part="not published"))
    assert unit["status"] == "provisional"
    assert any("voters_took_part" in json.dumps(reason) for reason in unit["reasons"])
    assert "voters_took_part (used only by other checks)" not in unit["seats_note"]


def test_quota_base_below_the_votes_it_divides_is_not_used(tmp_path: Path) -> None:
    """A base below the lists' votes would hand out more seats than the house: the seats stay provisional."""
    rules = law(tmp_path, THRESHOLD, "allocate by hare quota of against_all and largest remainders")
    unit, _seats = run(rules, results(tmp_path, VOTES, valid_votes=1000, against_all=5))
    assert unit["status"] == "provisional"
    assert "against_all (5) is below the votes" in json.dumps(unit)


def test_quota_base_of_a_divisor_method_is_e280(tmp_path: Path) -> None:
    rules = law(tmp_path, THRESHOLD, "allocate by d'hondt divisors of valid_votes")
    assert run_cli("check", rules).refused("E280", 1)


def test_quota_base_in_words_suggests_the_count(tmp_path: Path) -> None:
    """Issue 14 item 7: `hare quota of valid votes` names the count `valid_votes`, not a method
    `hare quota votes and largest remainders`."""
    rules = law(tmp_path, THRESHOLD, "allocate by hare quota of valid votes and largest remainders")
    ran = run_cli("check", rules)
    assert ran.refused("E203", 1) and "did you mean `valid_votes`?" in ran.stdout + ran.stderr
    assert "E204" not in ran.stdout + ran.stderr
    rules = law(tmp_path, THRESHOLD, "allocate by hare quota of the votes cast and largest remainders")
    ran = run_cli("check", rules)
    assert ran.refused("E101", 1) and "did you mean `valid_votes`?" in ran.stdout + ran.stderr


# ---- threshold bases that add or take away counts ------------------------------------------------------------


def test_threshold_of_valid_votes_less_none_of_the_above(tmp_path: Path) -> None:
    """5% of 1000 - 200 = 40: C's 40 passes, D's 39 does not (5% of the valid votes, 50, would exclude both)."""
    rules = law(
        tmp_path, "threshold at least 5% of valid_votes - none_of_the_above nationally", "allocate by d'hondt divisors"
    )
    data = results(tmp_path, {"A": 400, "B": 321, "C": 40, "D": 39}, valid_votes=1000, none_of_the_above=200)
    unit, _seats = run(rules, data)
    qualified = {s["id"]: s["qualified"] for s in unit["selections"]}
    assert qualified == {"A": "yes", "B": "yes", "C": "yes", "D": "no"}


def test_threshold_of_valid_votes_plus_against_all_with_a_bound(tmp_path: Path) -> None:
    """5% of 1000 + against_all: against_all not published but at most 100 bounds the base by 1100, 5% by 55: A's
    60 passes whatever it is; B's 50 passes only if against_all is 0, so B is undetermined, never guessed."""
    rules = law(
        tmp_path, "threshold at least 5% of valid_votes + against_all nationally", "allocate by d'hondt divisors"
    )
    data = results(tmp_path, {"A": 60, "B": 50, "C": 890}, valid_votes=1000, against_all="not published (at most 100)")
    unit, _seats = run(rules, data)
    qualified = {s["id"]: s["qualified"] for s in unit["selections"]}
    assert qualified["A"] == "yes" and qualified["B"] == "undetermined"


def test_a_count_twice_in_a_base_is_e282(tmp_path: Path) -> None:
    rules = law(
        tmp_path, "threshold at least 5% of valid_votes - valid_votes nationally", "allocate by d'hondt divisors"
    )
    assert run_cli("check", rules).refused("E282", 1)


def test_an_unknown_count_in_a_base_is_e203(tmp_path: Path) -> None:
    rules = law(
        tmp_path, "threshold at least 5% of valid_votes - blank_ballots nationally", "allocate by d'hondt divisors"
    )
    assert run_cli("check", rules).refused("E203", 1)


# ---- seats left over to the lists with the most votes ---------------------------------------------------------

FULL_QUOTAS = "allocate by the quota of valid_votes over seats plus 0, with full quotas only"


def test_seats_left_over_to_the_most_votes(tmp_path: Path) -> None:
    """Quota 100: full quotas A 4, B 2, C 1, D 0, E 0; the 3 seats left go to A, B and C, the most voted (the
    largest remainders would have given them to B 90, D 80 and one of A and E, 60 each)."""
    rules = law(
        tmp_path,
        "threshold at least 5% of valid_votes nationally",
        FULL_QUOTAS,
        "seats left over to the lists with the most votes",
    )
    data = results(tmp_path, VOTES, valid_votes=1000)
    assert run(rules, data)[1] == {"A": 5, "B": 3, "C": 2, "D": 0, "E": 0}
    assert "3 seat(s) left over after the full quotas go to the lists with the most votes: A, B, C" in explain(
        rules, data
    )


def test_seats_left_over_to_the_most_votes_with_equal_votes_is_the_tie_rule(tmp_path: Path) -> None:
    rules = law(
        tmp_path,
        "threshold at least 5% of valid_votes nationally",
        FULL_QUOTAS,
        "seats left over to the lists with the most votes",
        seats=3,
        ties="ballot order, then lot",
    )
    unit, seats = run(rules, results(tmp_path, {"A": 150, "B": 150, "C": 100}, valid_votes=400))
    # quota 400 / 3 = 133.3: A 1, B 1, C 0; the seat left goes to the most votes, A and B tied: no ballot order given
    assert unit["status"] == "provisional" and seats["C"] == 0


def test_seats_left_over_where_the_method_gives_them_is_e281(tmp_path: Path) -> None:
    rules = law(
        tmp_path,
        THRESHOLD,
        "allocate by hare quota and largest remainders",
        "seats left over to the lists with the most votes",
    )
    assert run_cli("check", rules).refused("E281", 1)
    rules = law(tmp_path, THRESHOLD, "allocate by d'hondt divisors", "seats left over to the lists with the most votes")
    assert run_cli("check", rules).refused("E281", 1)


def test_full_quotas_only_without_a_rule_for_the_rest_is_still_e402(tmp_path: Path) -> None:
    assert run_cli("check", law(tmp_path, THRESHOLD, FULL_QUOTAS)).refused("E402", 1)


# ---- a multiplier for minority lists below a share (Serbia, Art. 140) -------------------------------------------

SERBIA = (
    "threshold at least 5% of valid_votes nationally, except national minorities",
    "allocate by d'hondt divisors",
    "multiply the averages of national minorities by 1.35, for lists with less than 3% of voters_took_part nationally",
)


def test_minority_list_below_the_share_is_multiplied(tmp_path: Path) -> None:
    """D (2.9%) divides 1.35 x 29 = 39.15 and takes the 25th seat from A's 11th average 36.4."""
    rules = law(tmp_path, *SERBIA, seats=25)
    data = results(tmp_path, {"A": 400, "B": 290, "C": 281, "D": 29}, {"D": 1}, valid_votes=1000, voters_took_part=1000)
    assert run(rules, data)[1] == {"A": 10, "B": 7, "C": 7, "D": 1}


def test_minority_list_at_or_above_the_share_is_not_multiplied(tmp_path: Path) -> None:
    """D (3.1%) is not multiplied (1.35 x 31 = 41.85 would have won the seat): A keeps its 11th."""
    rules = law(tmp_path, *SERBIA, seats=25)
    data = results(tmp_path, {"A": 400, "B": 290, "C": 279, "D": 31}, {"D": 1}, valid_votes=1000, voters_took_part=1000)
    assert run(rules, data)[1] == {"A": 11, "B": 7, "C": 7, "D": 0}
    assert "D: 31 >= 3% of voters_took_part = 30: its votes are not multiplied" in explain(rules, data)


def test_minority_share_not_published_leaves_the_seats_provisional(tmp_path: Path) -> None:
    rules = law(tmp_path, *SERBIA, seats=25)
    data = results(
        tmp_path, {"A": 400, "B": 290, "C": 279, "D": 31}, {"D": 1}, valid_votes=1000, voters_took_part="not published"
    )
    unit, _seats = run(rules, data)
    assert unit["status"] == "provisional"


def test_quota_of_a_count_with_a_national_pool_pools_the_remainders_of_that_quota(tmp_path: Path) -> None:
    """The districts' quota of a count (100 of the 1,000 valid votes, 10 seats) and the pool's remainders are of
    the same quota (before 0.3.1 the file was refused, E406). D1: A 550 -> 5 (50 left), B 350 -> 3 (50); D2: A 420
    -> 4 (20), B 480 -> 4 (80); 4 seats left. Pool (Hare on 70 and 130, quota 50): A 1, B 2, the last to B's 30
    before A's 20. Placed: B in D2 (80), A and B in D1 (50 each, D1's two seats), B's third in D2 again. Over
    the lists' votes instead (quota 90 in D1), A would have 6 full quotas there."""
    text = (
        f'{HEAD}level district   [act]\ncount district_valid "valid votes" on district   [act]\n'
        'votes "district votes" on district   [act]\n'
    )
    text = text.replace('votes "votes" on nation   [act]\n', "").replace(
        'votes "district votes" on district', 'votes "votes" on nation, district'
    )
    text += (
        'contest house "House"\n  lists compete in every district   [act]\n  seats 10   [act]\n'
        "  allocate by hare quota of district_valid rounded down and full quotas only   [act]\n"
        "  seats left over pooled nationally by hare quota and largest remainders   [act]\n"
        "  ties broken by lot   [act]\n  valid at any turnout   [act]\nend\n"
    )
    path = tmp_path / "pooled.rules"
    path.write_text(text, encoding="utf-8")
    assert run_cli("check", str(path)).code == 0
    rows = [
        "nation,N,,valid_votes,,1800,",
        "nation,N,,votes,A,970,",
        "nation,N,,votes,B,830,",
        "district,D1,N,district_valid,,1000,",
        "district,D1,N,votes,A,550,",
        "district,D1,N,votes,B,350,",
        "district,D2,N,district_valid,,1000,",
        "district,D2,N,votes,A,420,",
        "district,D2,N,votes,B,480,",
    ]
    data = tmp_path / "results.csv"
    data.write_text("level,unit,parent,count,selection,value,source\n" + "\n".join(rows) + "\n", encoding="utf-8")
    outcome = json.loads(run_cli("run", str(path), str(data), "--json").stdout)
    seats = {u["unit"]: {s["id"]: s["seats"] for s in u["selections"]} for u in outcome["contests"][0]["units"]}
    assert seats == {"D1": {"A": 6, "B": 4}, "D2": {"A": 4, "B": 6}}


def test_the_standard_specification_checks_that_no_seat_goes_without_votes(tmp_path: Path) -> None:
    """Defect 6: `a list without votes gets no seat` is a property of the standard specification, and Droop with
    few votes for many seats (where the seats left over outnumbered the lists) keeps it."""
    rules = law(tmp_path, "threshold at least 0% of valid_votes nationally", DROOP, seats=10, ties="lot")
    spec = str(ROOT / "specs" / "standard-proportional.spec")
    ran = run_cli("verify", rules, "-n", "100", "--spec", spec, cwd=tmp_path)  # counterexamples go to tmp_path
    assert "Traceback" not in ran.stderr
    line = next(x for x in ran.stdout.splitlines() if "no_votes_no_seat" in x)
    assert line.split()[0] == "passed", ran.stdout


def test_minority_share_is_measured_nationally_in_a_contest_of_districts(tmp_path: Path) -> None:
    """`nationally` in a contest decided in every district: M's 29 votes are 2.9% of the nation's 1000 voters
    (5.8% of its district's 500), so its votes are multiplied in the district."""
    text = HEAD.replace("on nation", "on nation, district").replace(
        "level nation\n", "level nation\nlevel district   [act]\n"
    )
    text += (
        'contest house "House"\n  lists compete in every district   [act]\n  seats 5   [act]\n'
        "  threshold at least 5% of valid_votes in every district, except national minorities   [act]\n"
        "  allocate by d'hondt divisors   [act]\n"
        f"  {SERBIA[2]}   [act]\n  ties broken by lot   [act]\n  valid at any turnout   [act]\nend\n"
    )
    rules = tmp_path / "districts.rules"
    rules.write_text(text, encoding="utf-8")
    rows = ["level,unit,parent,count,selection,value,source"]
    for unit, parent, took, a, b, m in (("N", "", 1000, 700, 271, 29), ("D1", "N", 500, 300, 171, 29)):
        level = "nation" if not parent else "district"
        rows += [f"{level},{unit},{parent},{c},,{took}," for c in ("valid_votes", "voters_took_part")]
        rows += [f"{level},{unit},{parent},votes,{n},{v}," for n, v in (("A", a), ("B", b), ("M", m))]
        rows.append(f"{level},{unit},{parent},national_minority,M,1,")
    rows += ["district,D2,N,valid_votes,,500,", "district,D2,N,voters_took_part,,500,"]
    rows += ["district,D2,N,votes,A,400,", "district,D2,N,votes,B,100,", "district,D2,N,votes,M,0,"]
    rows.append("district,D2,N,national_minority,M,1,")
    data = tmp_path / "districts.csv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert "M: 29 < 3% of voters_took_part = 30: its votes are multiplied" in explain(str(rules), str(data))

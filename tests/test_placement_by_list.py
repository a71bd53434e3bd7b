"""Each list's adjustment seats placed where its next quotient is highest (`place the adjustment seats of each list
in its district with the highest next quotient by sainte-lague divisors`, Sweden's Elections Act ch. 14): one at
a time, the list's votes in a district over the next divisor after the seats it holds there; no district has a
limit, unlike Norway's one per district. Worked by hand; the certificate witnesses the placing and the checker
re-derives it."""

from __future__ import annotations

import json
from pathlib import Path

from ballotlaw.certify.build import build, seal
from ballotlaw.recheck import check_certificate
from ballotlaw.render.phrases import say
from conftest import run_cli
from support.builders import ADJUSTMENT_RULES

PLACE = (
    "  place the adjustment seats of each list in its district with the highest next quotient "
    "by sainte-lague divisors   [act Art. 21]\n"
)
NORWAY = "  place the adjustment seats one per district by sainte-lague divisors over votes per seat   [act Art. 21]\n"


def _law(placement: str = PLACE, extra: int = 2) -> str:
    return ADJUSTMENT_RULES.format(seats='3 in "D1", 3 in "D2"', extra=extra, placement=placement)


#: D1 (3 seats, D'Hondt 300, 260, 240): A, B, C one each; D2 (600, 300, 200): A 3. The 8 seats by Sainte-Lague
#: on A 900, B 310, C 280 (900, 310, 300, 280, 180, 128.6, 103.3, 100): A 5, B 2, C 1, so A and B get one
#: adjustment seat each. A's next quotient is 300 / 3 = 100 in D1 against 600 / 7 = 85.7 in D2; B's 260 / 3 =
#: 86.7 in D1 against 50 / 1 in D2: both seats go to D1, which one-per-district placing would not allow.
BOTH_IN_D1 = {"D1": {"A": 300, "B": 260, "C": 240}, "D2": {"A": 600, "B": 50, "C": 40}}


def _files(tmp_path: Path, districts: dict[str, dict[str, int]], law: str) -> tuple[str, str]:
    names = list(next(iter(districts.values())))
    totals = {n: sum(d[n] for d in districts.values()) for n in names}
    rows = [f"nation,N,,valid_votes,,{sum(totals.values())},"]
    rows += [f"nation,N,,votes,{n},{v}," for n, v in totals.items()]
    for district, votes in districts.items():
        rows += [f"district,{district},N,valid_votes,,{sum(votes.values())},"]
        rows += [f"district,{district},N,votes,{n},{v}," for n, v in votes.items()]
    rules, data = tmp_path / "law.rules", tmp_path / "results.csv"
    rules.write_text(law, encoding="utf-8")
    data.write_text("level,unit,parent,count,selection,value,source\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return str(rules), str(data)


def _contest(tmp_path: Path, districts: dict[str, dict[str, int]], law: str | None = None) -> dict:  # type: ignore[type-arg]
    ran = run_cli("run", *_files(tmp_path, districts, law or _law()), "--json")
    assert ran.code in (0, 1), ran.stderr
    return json.loads(ran.stdout)["contests"][0]  # type: ignore[no-any-return]


def test_two_lists_may_place_their_seats_in_one_district(tmp_path: Path) -> None:
    contest = _contest(tmp_path, BOTH_IN_D1)
    assert contest["status"] == "elected"
    assert {a["selection"]: a["adjustment_seats"] for a in contest["adjustment"]} == {"A": 1, "B": 1, "C": 0}
    placed = {(p["selection"], p["unit"], p["seats"]) for p in contest["adjustment_placed"]}
    assert placed == {("A", "D1", 1), ("B", "D1", 1)}
    one_per_district = _contest(tmp_path, BOTH_IN_D1, _law(NORWAY))
    assert {p["unit"] for p in one_per_district["adjustment_placed"]} == {"D1", "D2"}


def test_a_list_takes_a_second_seat_where_its_quotient_is_still_highest(tmp_path: Path) -> None:
    # D1 (330, 165, 110 | B 100 | C 90): A 3; D2 (A 100, B 580, C 20): B 3 (580, 290, 193.3). The 8 seats on
    # A 430, B 680, C 110 (680, 430, 226.7, 143.3, 136, 110, 97.1, 86): B 4, A 3, C 1; district seats A 3, B 3,
    # C 0, so B gets 1 and C 1. The tier gives 2: B's quotient 100 / 1 in D1 against 580 / 7 = 82.9 in D2: D1;
    # C's 90 / 1 in D1 against 20 / 1 in D2: D1.
    districts = {"D1": {"A": 330, "B": 100, "C": 90}, "D2": {"A": 100, "B": 580, "C": 20}}
    contest = _contest(tmp_path, districts)
    assert {a["selection"]: a["adjustment_seats"] for a in contest["adjustment"]} == {"A": 0, "B": 1, "C": 1}
    assert {(p["selection"], p["unit"], p["seats"]) for p in contest["adjustment_placed"]} == {
        ("B", "D1", 1),
        ("C", "D1", 1),
    }
    # With 3 adjustment seats (the 9th: B's 680 / 9 = 75.6 against A's 430 / 7 = 61.4), B owes 2: 100 / 1 in D1,
    # then 580 / 7 = 82.9 in D2 against its 100 / 3 = 33.3 in D1: one in each.
    contest = _contest(tmp_path, districts, _law(extra=3))
    assert ("B", "D2", 1) in {(p["selection"], p["unit"], p["seats"]) for p in contest["adjustment_placed"]}


def test_equal_quotients_for_the_last_seat_need_a_lot(tmp_path: Path) -> None:
    # D1 (500, 250, 166.7): A 3; D2 (450, 225, 200): B 2, A 1. C's 20 of 1,260 is below 4%. The 8 seats on A 700,
    # B 540 (700, 540, 233.3, 180, 140, 108, 100, 77.8): A 5, B 3, so A and B owe one seat each. A's quotients:
    # 500 / 7 = 71.4 in D1, 200 / 3 = 66.7 in D2: D1. B's: 90 / 1 in D1 and 450 / 5 in D2, both 90: a lot.
    districts = {"D1": {"A": 500, "B": 90, "C": 10}, "D2": {"A": 200, "B": 450, "C": 10}}
    contest = _contest(tmp_path, districts)
    assert contest["status"] == "lot needed"
    assert [(p["selection"], p["unit"]) for p in contest["adjustment_placed"]] == [("A", "D1")]
    # With 3 adjustment seats (9th seat: B's 540 / 7 = 77.1 against A's 700 / 11), B owes 2: one in each.
    contest = _contest(tmp_path, districts, _law(extra=3))
    assert contest["status"] == "elected"
    assert {(p["selection"], p["unit"]) for p in contest["adjustment_placed"]} == {
        ("A", "D1"),
        ("B", "D1"),
        ("B", "D2"),
    }


def test_the_step_names_each_seat_placed(tmp_path: Path) -> None:
    rules, data = _files(tmp_path, BOTH_IN_D1, _law())
    ran = run_cli("explain", rules, data)
    assert "each list's adjustment seats placed where its next quotient is highest" in ran.stdout
    assert "A: 1 seat in D1" in ran.stdout and "B: 1 seat in D1" in ran.stdout
    assert "claim of A in D1" in ran.stdout and "house.placement" in ran.stdout


def test_the_clause_is_refused_where_it_cannot_apply(tmp_path: Path) -> None:
    """The placing needs an adjustment tier (E402), districts of the contest's own level (E406), and says one
    placing only (Norway's and Sweden's together define the placement twice)."""
    without_tier = _law().replace(
        "  adjustment: 2 adjustment seats for lists with at least 4% of valid_votes nationally, by sainte-lague "
        "divisors   [act Art. 20]\n",
        "",
    )
    rules, _ = _files(tmp_path, BOTH_IN_D1, without_tier)
    checked = run_cli("check", rules)
    assert checked.code == 1 and "E402" in checked.stdout + checked.stderr
    rules, _ = _files(tmp_path, BOTH_IN_D1, _law(PLACE.replace("its district", "its nation")))
    checked = run_cli("check", rules)
    assert checked.code == 1 and "E406" in checked.stdout + checked.stderr
    rules, _ = _files(tmp_path, BOTH_IN_D1, _law(PLACE + NORWAY))
    checked = run_cli("check", rules)
    assert checked.code == 1 and "placement" in checked.stdout + checked.stderr


def test_the_certificate_witnesses_the_placing_and_a_forgery_is_found(tmp_path: Path) -> None:
    rules, data = _files(tmp_path, BOTH_IN_D1, _law())
    assert run_cli("certify", rules, data, "-o", str(tmp_path / "cert")).code == 0
    checked = run_cli("recheck", str(tmp_path / "cert"), "--rules", rules, "--results", data)
    assert checked.code == 0, checked.stdout + checked.stderr
    certificate, _ = build(rules, data)
    document = json.loads(certificate.data)
    (witness,) = [w for w in document["witnesses"] if w.get("type") == "placement"]
    assert witness["each_list"] is True and witness["method"] == "sainte-lague divisors"
    assert sorted(witness["claims"]) == [["D1", "A", 100], ["D1", "B", "260/3"]]
    placed = document["outcome"]["contests"][0]["adjustment_placed"]
    moved = next(p for p in placed if p["selection"] == "B")
    moved["unit"] = "D2"  # B's seat where its quotient (50) is lower
    failures = check_certificate(seal(document).data).failures
    assert any("elsewhere than the highest claims" in f for f in failures), failures


def test_the_phrase_is_written_in_each_language() -> None:
    from ballotlaw.facts.allocation import PlacedByQuotient
    from ballotlaw.i18n import speaking

    fact = PlacedByQuotient((("A", "D1", 2),))
    assert say(fact) == "each list's adjustment seats placed where its next quotient is highest: A: 2 seats in D1"
    for language in ("ru", "ky"):
        with speaking(language):
            assert "each list" not in say(fact) and "D1" in say(fact)


def test_a_district_without_votes_gives_no_claim_to_the_checker() -> None:
    """Hostile input: a certificate whose district has no votes at all; the checker finds no claim there (no
    division by its zero votes per seat) and says the seat is not placed where the claims put it."""
    from ballotlaw.recheck.placing import check_placement

    def unit(name: str, votes: dict[str, int]) -> dict[str, object]:
        lists = [{"id": n, "votes": v, "seats": 0} for n, v in votes.items()]
        return {"unit": name, "seats_available": 2, "selections": lists}

    contest: dict[str, object] = {
        "adjustment": [{"selection": "B", "adjustment_seats": 1}],
        "units": [unit("D1", {"A": 0, "B": 0}), unit("D2", {"A": 300, "B": 100})],
        "adjustment_placed": [{"unit": "D1", "selection": "B", "seats": 1}],
    }
    problems = check_placement({"method": "sainte-lague divisors", "claims": []}, contest)
    assert any("elsewhere than the highest claims" in p for p in problems), problems

"""The national tier of adjustment (compensation) seats after district seats, worked by hand: district seats by
D'Hondt, 4% nationally for the tier, shares of all seats by Sainte-Lague (divisors 1, 3, 5, ...)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ballotlaw.api import load_law_text
from ballotlaw.errors import RuleFileError
from ballotlaw.outcome import ContestOutcome
from ballotlaw.render.phrases import say
from support.builders import ADJUSTMENT_RULES, outcome_of, write_csv

RULES = ADJUSTMENT_RULES


def _contest(
    tmp_path: Path,
    seats: int,
    extra: int,
    districts: dict[str, dict[str, int]],
    nation: bool = True,
    placement: str = "",
) -> ContestOutcome:
    law, _ = load_law_text(RULES.format(seats=seats, extra=extra, placement=placement), "t.rules")
    names = list(next(iter(districts.values())))
    rows = []
    if nation:
        totals = {n: sum(d[n] for d in districts.values()) for n in names}
        rows += [f"nation,N,,valid_votes,,{sum(totals.values())},"]
        rows += [f"nation,N,,votes,{n},{v}," for n, v in totals.items()]
    for district, votes in districts.items():
        parent = "N" if nation else ""
        rows += [f"district,{district},{parent},valid_votes,,{sum(votes.values())},"]
        rows += [f"district,{district},{parent},votes,{n},{v}," for n, v in votes.items()]
    found = outcome_of(law, write_csv(tmp_path / "r.csv", rows)).contest("house")
    assert found is not None
    return found


def _tier(contest: ContestOutcome) -> dict[str, tuple[int, int, int]]:
    return {a.selection: (a.district_seats, a.adjustment_seats, a.entitlement) for a in contest.adjustment}


def test_adjustment_seats_bring_each_list_to_its_share(tmp_path: Path) -> None:
    # D1 (4 seats): 300, 150 (A), 120 (B), 100 (A) -> A 3, B 1. D2: 220 (A), 180 (B), 110 (A), 100 (C) -> A 2, B 1,
    # C 1. All seats: 8 + 2 = 10 by Sainte-Lague on 520 / 300 / 180: A 5, B 3, C 2 (B/5 = C/3 = 60, both in).
    found = _contest(tmp_path, 4, 2, {"D1": {"A": 300, "B": 120, "C": 80}, "D2": {"A": 220, "B": 180, "C": 100}})
    assert found.status == "elected"
    assert _tier(found) == {"A": (5, 0, 5), "B": (2, 1, 3), "C": (1, 1, 2)}


def test_a_list_over_its_share_keeps_its_district_seats_and_the_others_share_again(tmp_path: Path) -> None:
    # D1 (2 seats): 300, 150 -> A 2. D2: 200 (B), 150 (A) -> B 1, A 1. All seats: 4 + 1 = 5 on 450 / 300 / 240:
    # 450, 300, 240, 150, 100 -> A 2, but A won 3: it keeps them; the other 2 seats on 300 / 240: B 1, C 1.
    found = _contest(tmp_path, 2, 1, {"D1": {"A": 300, "B": 100, "C": 100}, "D2": {"A": 150, "B": 200, "C": 140}})
    assert found.status == "elected"
    assert _tier(found) == {"B": (1, 0, 1), "C": (0, 1, 1)}


def test_a_list_below_the_tier_threshold_takes_no_adjustment_seat(tmp_path: Path) -> None:
    # C has 30 of 1000 (3%) nationally: it keeps nothing from the tier. D1: A 2 (300, 150), D2: A 1, B 1.
    # All seats 4 + 2 = 6, minus C's 0 district seats, on A 620 / B 350: 620, 350, 206.7, 124, 116.7, 88.6 -> A 4, B 2.
    found = _contest(tmp_path, 2, 2, {"D1": {"A": 400, "B": 80, "C": 20}, "D2": {"A": 220, "B": 270, "C": 10}})
    assert _tier(found) == {"A": (3, 1, 4), "B": (1, 1, 2)}


def test_without_a_nation_the_tier_is_not_computed(tmp_path: Path) -> None:
    found = _contest(tmp_path, 2, 1, {"D1": {"A": 300, "B": 100}, "D2": {"A": 150, "B": 200}}, nation=False)
    assert found.status == "provisional" and not found.adjustment
    assert any("no single nation above the districts" in say(r.text) for r in found.reasons)


def test_adjustment_seats_need_district_seats() -> None:
    text = RULES.format(seats=4, extra=2, placement="").replace("compete in every district", "compete in the nation")
    with pytest.raises(RuleFileError) as refused:
        load_law_text(text, "t.rules")
    assert "E406" in [d.code for d in refused.value.diagnostics]


PLACE = "  place the adjustment seats one per district by sainte-lague divisors over votes per seat   [act Art. 21]\n"


def test_adjustment_seats_are_placed_by_the_highest_claim_one_per_district(tmp_path: Path) -> None:
    # As the first example: B and C get one adjustment seat each. Votes per seat: 500 / 4 = 125 in both districts.
    # Claims (votes / next Sainte-Lague divisor / 125): C in D1 80 / 1 = 0.64; B in D2 180 / 3 = 0.48; B in D1
    # 120 / 3 = 0.32; C in D2 100 / 3 = 0.27. C takes D1, then B takes D2.
    found = _contest(
        tmp_path, 4, 2, {"D1": {"A": 300, "B": 120, "C": 80}, "D2": {"A": 220, "B": 180, "C": 100}}, placement=PLACE
    )
    assert found.status == "elected"
    assert [(p.selection, p.unit) for p in found.placed] == [("C", "D1"), ("B", "D2")]


def test_equal_claims_for_one_district_need_a_lot(tmp_path: Path) -> None:
    # Two identical districts (A 2, B 1, C 1 each); all 10 seats: A 5, B 3, C 2, so A and B get one adjustment
    # seat each. A's claim is 300 / 5 / 150 = 0.4 in both districts: which one it takes is for a lot.
    same = {"A": 300, "B": 160, "C": 140}
    found = _contest(tmp_path, 4, 2, {"D1": same, "D2": dict(same)}, placement=PLACE)
    assert found.status == "lot needed"
    assert any("equal claims" in say(r.text) for r in found.reasons)

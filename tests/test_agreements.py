"""Apparentment (surplus agreements): lists the results give the same `agreement` number are allocated as one
list, and their seats are then split between them by the same method. Worked by hand with D'Hondt."""

from __future__ import annotations

from pathlib import Path

from ballotlaw.outcome import UnitOutcome
from ballotlaw.render.phrases import say
from support.builders import list_law, national_rows, outcome_of, seats, unit, write_csv

AGREEMENTS = "  lists in an agreement share their seats first   [act]\n"
TEN_PERCENT = "  threshold at least 10% of valid_votes nationally   [act]\n"


def _unit(
    tmp_path: Path, votes: dict[str, int], agreement: dict[str, int], clause: bool = True, ties: str = "lot"
) -> UnitOutcome:
    law = list_law(
        seats=5,
        method="d'hondt divisors",
        thresholds=TEN_PERCENT,
        extra=AGREEMENTS if clause else "",
        ties=f"ties broken by {ties}",
    )
    rows = national_rows(sum(votes.values()), votes, valid_votes=sum(votes.values()))
    rows += [f"nation,N,,agreement,{name},{n}," for name, n in agreement.items()]
    return unit(outcome_of(law, write_csv(tmp_path / "r.csv", rows)), "national")


def test_an_agreement_is_allocated_as_one_list_then_split(tmp_path: Path) -> None:
    votes = {"A": 480, "B": 270, "C": 250}
    # Alone: quotients 480 A, 270 B, 250 C, 240 A, 160 A -> A 3, B 1, C 1.
    assert seats(_unit(tmp_path, votes, {"B": 1, "C": 1}, clause=False)) == {"A": 3, "B": 1, "C": 1}
    # B + C together (520): 520 BC, 480 A, 260 BC, 240 A, 173.3 BC -> BC 3, A 2; split: 270 B, 250 C, 135 B.
    together = _unit(tmp_path, votes, {"B": 1, "C": 1})
    assert together.status == "elected"
    assert seats(together) == {"A": 2, "B": 2, "C": 1}


def test_a_member_below_the_threshold_leaves_the_other_alone(tmp_path: Path) -> None:
    votes = {"A": 480, "B": 440, "C": 80}  # C has 8% of 1000, below 10%: the agreement has one member left
    # A 480, B 440, A 240, B 220, A 160 -> A 3, B 2
    assert seats(_unit(tmp_path, votes, {"B": 1, "C": 1})) == {"A": 3, "B": 2, "C": 0}


def test_equal_claims_of_an_agreement_and_a_list_are_not_decided_silently(tmp_path: Path) -> None:
    votes = {"A": 400, "B": 200, "C": 200}  # B + C = 400 = A: the fifth seat is between A (400/3) and BC (400/3)
    found = _unit(tmp_path, votes, {"B": 1, "C": 1})
    # The law breaks ties by lot only: the agreement ties as one list, and the outcome says a lot is needed.
    assert found.status == "lot needed"
    assert set(found.tied) == {"A", "B + C"} and found.tied_seats == 1
    # With a tie rule that ranks lists (more votes first), an agreement has no rank of its own: provisional.
    ranked = _unit(tmp_path, votes, {"B": 1, "C": 1}, ties="more votes, then lot")
    assert ranked.status == "provisional"
    assert any("no tie rule is applied" in say(r.text) for r in ranked.reasons)


def test_equal_claims_inside_an_agreement_go_to_the_tie_rule(tmp_path: Path) -> None:
    # B + C (600) against A (100): 600, 300, 200, 150, 120 all go to B + C before A's 100: B + C 5. Split between
    # B 300 and C 300: 300, 300, 150, 150, then 100 and 100 for the fifth: B and C are tied for one seat, and the
    # law's tie rule (a lot) decides it: the outcome says a lot is needed.
    found = _unit(tmp_path, {"A": 100, "B": 300, "C": 300}, {"B": 1, "C": 1})
    assert found.status == "lot needed"
    assert set(found.tied) == {"B", "C"} and found.tied_seats == 1
    assert seats(found) == {"A": 0, "B": 2, "C": 2}

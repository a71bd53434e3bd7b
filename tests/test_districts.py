"""Single-member districts: plurality, the against-all re-run, and ties by earlier registration."""

from __future__ import annotations

from pathlib import Path

from ballotlaw.render.phrases import say
from support.builders import district_law, outcome_of, unit, write_csv


def district(name: str, votes: dict[str, int], against_all: int, order: dict[str, int] | None = None) -> list[str]:
    rows = [
        f"district,{name},,registered_voters,,100000,",
        f"district,{name},,voters_took_part,,30000,",
        f"district,{name},,against_all,,{against_all},",
    ]
    rows += [f"district,{name},,votes,{c},{v}," for c, v in votes.items()]
    rows += [f"district,{name},,registration_order,{c},{n}," for c, n in (order or {}).items()]
    return rows


def test_plurality_winner_needs_no_majority(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", district("D1", {"A": 6100, "B": 5900, "C": 5800}, 2000))
    d1 = unit(outcome_of(district_law(), path), "districts", "D1")
    assert d1.status == "elected"
    assert [s.id for s in d1.selections if s.elected] == ["A"]


def test_against_all_beating_the_leader_orders_a_rerun(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", district("D27", {"A": 6500, "B": 5200}, 6501))
    d27 = unit(outcome_of(district_law(), path), "districts", "D27")
    assert d27.status == "rerun"
    assert not any(s.elected for s in d27.selections)


def test_against_all_equal_to_the_leader_is_no_rerun(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", district("D27", {"A": 6500, "B": 5200}, 6500))
    assert unit(outcome_of(district_law(), path), "districts", "D27").status == "elected"


def test_tie_goes_to_the_earlier_registration(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "r.csv", district("T", {"A": 9000, "B": 9000, "C": 7000}, 100, {"A": 2, "B": 1, "C": 3})
    )
    t = unit(outcome_of(district_law(), path), "districts", "T")
    assert t.status == "elected"
    assert [s.id for s in t.selections if s.elected] == ["B"]
    assert "earlier registration" in say(t.seats_note)


def test_tie_without_registration_order_is_not_guessed(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", district("T", {"A": 9000, "B": 9000}, 100))
    t = unit(outcome_of(district_law(), path), "districts", "T")
    assert t.status == "provisional"
    assert any("registration_order" in say(r.text) for r in t.reasons)


def test_tie_by_lot_is_reported(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", district("T", {"A": 9000, "B": 9000}, 100))
    t = unit(outcome_of(district_law(ties="ties broken by lot"), path), "districts", "T")
    assert t.status == "lot needed" and set(t.tied) == {"A", "B"}


def test_unpublished_against_all_leaves_the_district_provisional(tmp_path: Path) -> None:
    rows = district("D", {"A": 6500, "B": 5200}, 0)
    rows[2] = "district,D,,against_all,,not published,"
    t = unit(outcome_of(district_law(), write_csv(tmp_path / "r.csv", rows)), "districts", "D")
    assert t.status == "provisional"
    assert t.checks[-1].result == "not evaluated"


def test_the_published_draw_decides_a_tie_by_lot(tmp_path: Path) -> None:
    rows = district("T", {"A": 9000, "B": 9000}, 100)
    rows += ["district,T,,lot_order,B,1,", "district,T,,lot_order,A,2,"]  # the commission drew B first
    t = unit(outcome_of(district_law(ties="ties broken by lot"), write_csv(tmp_path / "r.csv", rows)), "districts", "T")
    assert t.status == "elected" and [s.id for s in t.selections if s.elected] == ["B"]


def test_a_draw_given_for_only_some_of_the_tied_does_not_decide(tmp_path: Path) -> None:
    rows = [*district("T", {"A": 9000, "B": 9000}, 100), "district,T,,lot_order,B,1,"]
    t = unit(outcome_of(district_law(ties="ties broken by lot"), write_csv(tmp_path / "r.csv", rows)), "districts", "T")
    assert t.status == "lot needed" and set(t.tied) == {"A", "B"}

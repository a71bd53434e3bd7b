"""Thresholds: the base is explicit, equality meets "at least", and counts beyond 2^53 stay exact."""

from __future__ import annotations

from pathlib import Path

from ballotlaw.render.phrases import say
from support.builders import list_law, national_rows, outcome_of, seats, unit, write_csv


def test_threshold_base_trap(tmp_path: Path) -> None:
    """C has 4.95% of the voters who took part but 5.2% of the valid votes: it must not qualify."""
    law = list_law()
    path = write_csv(tmp_path / "r.csv", national_rows(2000, {"A": 800, "B": 700, "C": 99, "D": 300}, valid_votes=1899))
    national = unit(outcome_of(law, path), "national")
    assert {s.id: s.qualified for s in national.selections} == {"A": "yes", "B": "yes", "C": "no", "D": "yes"}
    # The same votes on a law measured on valid votes let C in: the base decides.
    on_valid = list_law(thresholds="  threshold at least 5% of valid_votes nationally   [act Art. 5]\n")
    assert {s.id: s.qualified for s in unit(outcome_of(on_valid, path), "national").selections}["C"] == "yes"


def test_exactly_at_threshold_qualifies_and_more_than_does_not(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", national_rows(2000, {"A": 1900, "B": 100}))
    at_least = unit(outcome_of(list_law(), path), "national")
    assert {s.id: s.qualified for s in at_least.selections} == {"A": "yes", "B": "yes"}
    more_than = list_law(thresholds="  threshold more than 5% of voters_took_part nationally   [act Art. 5]\n")
    assert {s.id: s.qualified for s in unit(outcome_of(more_than, path), "national").selections}["B"] == "no"


def test_counts_beyond_2_to_the_53_are_exact(tmp_path: Path) -> None:
    """5% of 20 * (2^55 + 1) is exactly 2^55 + 1. As floats, 2^55 and 2^55 + 1 are the same number, so a
    float comparison would let the list with 2^55 votes pass; exact arithmetic keeps it out."""
    base = 20 * (2**55 + 1)
    assert float(2**55) == float(2**55 + 1)  # the trap this test guards against
    law = list_law()
    exact = write_csv(tmp_path / "a.csv", national_rows(base, {"Big": base - (2**55 + 1), "Edge": 2**55 + 1}))
    below = write_csv(tmp_path / "b.csv", national_rows(base, {"Big": base - 2**55, "Edge": 2**55}))
    assert {s.id: s.qualified for s in unit(outcome_of(law, exact), "national").selections}["Edge"] == "yes"
    assert {s.id: s.qualified for s in unit(outcome_of(law, below), "national").selections}["Edge"] == "no"


def test_largest_count_is_accepted_and_seats_still_add_up(tmp_path: Path) -> None:
    top = 2**63 - 1
    path = write_csv(tmp_path / "r.csv", national_rows(top, {"A": top // 2, "B": top // 3, "C": top // 6}))
    national = unit(outcome_of(list_law(), path), "national")
    assert sum(s.seats or 0 for s in national.selections) == 10


def test_regional_threshold_fails_in_one_region(tmp_path: Path) -> None:
    law = list_law(
        thresholds="  threshold at least 5% of voters_took_part nationally   [act Art. 5]\n"
        "  regional: threshold at least 1% of voters_took_part in every region   [act Art. 5]\n"
    )
    rows = national_rows(2000, {"A": 1000, "B": 1000})
    rows += [
        "region,R1,N,voters_took_part,,1000,",
        "region,R1,N,votes,A,500,",
        "region,R1,N,votes,B,500,",
        "region,R2,N,voters_took_part,,1000,",
        "region,R2,N,votes,A,995,",
        "region,R2,N,votes,B,5,",
    ]
    national = unit(outcome_of(law, write_csv(tmp_path / "r.csv", rows)), "national")
    b = next(s for s in national.selections if s.id == "B")
    regional = next(t for t in b.tests if t.clause == "national.regional")
    assert regional.result == "failed" and "R2" in say(regional.detail)
    assert seats(national) == {"A": 10, "B": 0}
    assert national.status == "elected"


def test_threshold_in_at_least_n_regions(tmp_path: Path) -> None:
    law = list_law(
        thresholds="  regions: threshold at least 10% of voters_took_part in at least 1 region   [act Art. 5]\n"
    )
    rows = national_rows(2000, {"A": 1250, "B": 750})
    for region, a, b in (("R1", 950, 50), ("R2", 300, 700)):
        rows += [
            f"region,{region},N,voters_took_part,,1000,",
            f"region,{region},N,votes,A,{a},",
            f"region,{region},N,votes,B,{b},",
        ]
    national = unit(outcome_of(law, write_csv(tmp_path / "r.csv", rows)), "national")
    # B has 5% in R1 but 70% in R2: one region is enough.
    assert {s.id: s.qualified for s in national.selections} == {"A": "yes", "B": "yes"}
    rows[-1] = "region,R2,N,votes,B,99,"  # 9.9% in R2 as well: no region
    national = unit(outcome_of(law, write_csv(tmp_path / "s.csv", rows)), "national")
    assert {s.id: s.qualified for s in national.selections}["B"] == "no"


def test_threshold_or_constituency_wins(tmp_path: Path) -> None:
    law = list_law(
        thresholds="  threshold at least 5% of voters_took_part nationally, or 3 constituency wins   [act Art. 5]\n"
    )
    rows = [*national_rows(1000, {"A": 600, "B": 370, "C": 30}), "nation,N,,constituency_wins,C,3,"]
    national = unit(outcome_of(law, write_csv(tmp_path / "r.csv", rows)), "national")
    assert {s.id: s.qualified for s in national.selections} == {"A": "yes", "B": "yes", "C": "yes"}
    for wins in ("2", "0"):
        rows[-1] = f"nation,N,,constituency_wins,C,{wins},"
        national = unit(outcome_of(law, write_csv(tmp_path / f"s{wins}.csv", rows)), "national")
        assert {s.id: s.qualified for s in national.selections}["C"] == "no"


def test_fallback_when_too_few_lists_pass(tmp_path: Path) -> None:
    law = list_law(
        thresholds="  threshold at least 40% of voters_took_part nationally   [act Art. 5]\n",
        extra="  if fewer than 2 lists qualify, the 2 lists with the most votes qualify   [act Art. 6]\n",
    )
    rows = national_rows(1000, {"A": 500, "B": 300, "C": 200})
    national = unit(outcome_of(law, write_csv(tmp_path / "r.csv", rows)), "national")
    # Only A has 40%; the fallback lets the two largest (A, B) in. Hare 10 seats over 800: 6.25, 3.75 -> 6 + 4.
    assert {s.id: s.qualified for s in national.selections} == {"A": "yes", "B": "yes", "C": "no"}
    assert seats(national) == {"A": 6, "B": 4, "C": 0}


def test_constituency_wins_absent_is_not_evaluated(tmp_path: Path) -> None:
    """A list below the share whose wins the results do not give is undetermined, never counted as 0 wins."""
    law = list_law(
        thresholds="  threshold at least 5% of voters_took_part nationally, or 3 constituency wins   [act Art. 5]\n"
    )
    national = unit(
        outcome_of(law, write_csv(tmp_path / "r.csv", national_rows(1000, {"A": 600, "B": 370, "C": 30}))), "national"
    )
    assert {s.id: s.qualified for s in national.selections} == {"A": "yes", "B": "yes", "C": "undetermined"}


def test_fallback_tie_at_the_edge_is_not_broken_silently(tmp_path: Path) -> None:
    law = list_law(
        thresholds="  threshold at least 60% of voters_took_part nationally   [act Art. 5]\n",
        extra="  if fewer than 2 lists qualify, the 2 lists with the most votes qualify   [act Art. 6]\n",
    )
    national = unit(
        outcome_of(law, write_csv(tmp_path / "r.csv", national_rows(1000, {"A": 500, "B": 250, "C": 250}))), "national"
    )
    assert {s.id: s.qualified for s in national.selections} == {"A": "yes", "B": "undetermined", "C": "undetermined"}


SIXTY = (
    "  sixty: if the lists that qualify have less than 60% of voters_took_part, the lists with the most votes qualify"
    " until they have it   [act Art. 6]\n"
)


def test_share_fallback_adds_lists_in_order_of_votes_until_the_share_is_held(tmp_path: Path) -> None:
    """Lithuania's 60% rule (Seimas Elections Law Art. 89(2)): A (300 of 1000) passes 20% alone; B (190) joins,
    490 is still short of 600, so C and D, with equal votes, join together (690); E stays out."""
    law = list_law(thresholds="  threshold at least 20% of voters_took_part nationally   [act Art. 5]\n", extra=SIXTY)
    rows = national_rows(1000, {"A": 300, "B": 190, "C": 100, "D": 100, "E": 90})
    outcome = outcome_of(law, write_csv(tmp_path / "r.csv", rows))
    national = unit(outcome, "national")
    qualified = {s.id: s.qualified for s in national.selections}
    assert qualified == {"A": "yes", "B": "yes", "C": "yes", "D": "yes", "E": "no"}
    (step,) = [s for s in outcome.trace if s.clause == "national.sixty"]
    assert step.result == "fallback" and "B, C, D join" in say(step.decision) and "they hold 690" in say(step.decision)


def test_share_fallback_with_every_list_short_of_the_share_takes_them_all(tmp_path: Path) -> None:
    """Many voters cast invalid ballots: all lists together hold 500 of 1000, short of 600; all take part."""
    law = list_law(thresholds="  threshold at least 20% of voters_took_part nationally   [act Art. 5]\n", extra=SIXTY)
    rows = national_rows(1000, {"A": 300, "B": 150, "C": 50})
    outcome = outcome_of(law, write_csv(tmp_path / "r.csv", rows))
    assert {s.id: s.qualified for s in unit(outcome, "national").selections} == {"A": "yes", "B": "yes", "C": "yes"}
    (step,) = [s for s in outcome.trace if s.clause == "national.sixty"]
    assert "every list has joined and they still hold less than 600" in say(step.decision)


def test_share_fallback_without_the_base_is_not_evaluated(tmp_path: Path) -> None:
    """The voters who took part are not published: neither the threshold nor the 60% rule can be decided; no list
    is silently excluded or admitted, and the seats are only conditional."""
    law = list_law(thresholds="  threshold at least 20% of voters_took_part nationally   [act Art. 5]\n", extra=SIXTY)
    rows = national_rows("not published", {"A": 300, "B": 250, "C": 100})
    outcome = outcome_of(law, write_csv(tmp_path / "r.csv", rows))
    national = unit(outcome, "national")
    assert {s.qualified for s in national.selections} == {"undetermined"}
    assert national.status == "provisional" and national.seats_status == "conditional"
    (step,) = [s for s in outcome.trace if s.clause == "national.sixty"]
    assert step.result == "not evaluated" and "voters_took_part at N" in say(step.decision)


def test_share_fallback_needs_no_figure_of_the_others_when_the_qualifying_lists_hold_the_share(
    tmp_path: Path,
) -> None:
    """The lists that pass hold 700 of 1000 (70%): the 60% rule adds nobody, whatever the unpublished votes of
    the lists that failed (bounded below the threshold, as in Kyrgyzstan 2021): the outcome is final."""
    law = list_law(thresholds="  threshold at least 20% of voters_took_part nationally   [act Art. 5]\n", extra=SIXTY)
    rows = national_rows(1000, {"A": 400, "B": 300, "C": "not published (at most 150)"})
    outcome = outcome_of(law, write_csv(tmp_path / "r.csv", rows))
    national = unit(outcome, "national")
    assert national.status == "elected"
    assert {s.id: s.qualified for s in national.selections} == {"A": "yes", "B": "yes", "C": "no"}
    (step,) = [s for s in outcome.trace if s.clause == "national.sixty"]
    assert step.result == "not needed"

"""The allocation family's facts and their words: evaluation records facts (exact numbers, names, enumerated
results) and writes no sentence; the phrases say them in the very words the trace used before. The sentences
the shipped laws' snapshots (tests/test_snapshots.py) do not reach are pinned here."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from unittest import mock

import pytest

from ballotlaw.facts import Fact
from ballotlaw.facts import allocation as f
from ballotlaw.render import phrases
from ballotlaw.render.phrases import say
from ballotlaw.states import StepKind, StepResult
from support.builders import list_law, national_rows, outcome_of, write_csv

PINNED: list[tuple[Fact, str]] = [
    (f.NotEvaluatedBecause(f.BonusLeadShared()), "not evaluated: two lists share the lead"),
    (
        f.MinimumUnmet(f.MinimumShort(3, 2, 6, 5)),
        "the minimum cannot be met: 3 lists at 2 seat(s) each need 6, more than the 5",
    ),
    (
        f.AgreementTied(("A", "B + C")),
        "equal claims between lists in an agreement allocated as one: no tie rule is applied (A, B + C)",
    ),
    (f.AgreementTakeBack(1, "A + B", ("A", "B")), "1 seat(s) of A + B to take back from equal remainders (A, B)"),
    (
        f.MissingData(("constituency_wins of A", "constituency_wins of B")),
        "not evaluated: constituency_wins of A; constituency_wins of B not in the data",
    ),
    (f.WinsWithoutVotes(), "a list won constituency seats without votes: the house cannot be levelled"),
    (
        f.TieWithoutRule(f.TheSeat(), ("Ann", "Bob"), 1),
        "the seat: Ann, Bob are tied for 1 seat(s); the rule file states no tie rule, so a lot (or a decision of the "
        "commission) is needed",
    ),
    (
        f.TieUnbroken(f.LastSeats(2), ("A", "B", "C"), 2),
        "the last 2 seat(s) (equal claims): A, B, C remain tied for 2 seat(s) after every tie rule; a lot is needed",
    ),
    (
        f.TieRanked(f.LastSeats(block="A + B"), "ballot order", (), ("A", "B"), 1),
        "the last seat(s) of A + B (equal claims): by `ballot order`, no one is ahead; A, B remain tied for 1",
    ),
    (f.TieByLot(f.TheTie(), ("A", "B"), 1), "the tie: A, B are tied for 1 seat(s); the law decides by lot"),
    (f.TieByLot(None, ("A", "B"), 3), "A, B are tied for 3 seat(s); the law decides by lot"),
    (f.NoVotesRound("d'hondt divisors"), "d'hondt divisors: no votes, every list has an equal claim"),
    (
        f.QuotaRound(
            "droop quota and largest remainders",
            total=100,
            seats=3,
            offset=1,
            exact=Fraction(25),
            quota=Fraction(26),
            rounding="down_plus_one",
            full=(("A", 2), ("B", 0)),
            remainder_seats=(("B", 1),),
            given=(("A", 2), ("B", 1)),
        ),
        "droop quota and largest remainders: quota = 100 votes / (3 seats + 1) = 25, its whole part plus 1: 26; "
        "full quotas: A 2, B 0; remainder seats to: B; seats: A 2, B 1",
    ),
    (
        f.QuotaRound(
            "hare quota and highest averages",
            total=10,
            seats=7,
            offset=0,
            exact=Fraction(10, 7),
            quota=Fraction(10, 7),
            rounding="none",
            full=(("A", 4), ("B", 0)),
            remainder_seats=(("A", 2), ("B", 1)),
            given=(("A", 6), ("B", 1)),
        ),
        "hare quota and highest averages: quota = 10 votes / 7 seats = 1.4286~; full quotas: A 4, B 0; remainder "
        "seats to: A (2 seats), B; seats: A 6, B 1",
    ),
    (f.ReservedTooFew(3), "national minority 3: fewer seats than the reserved ones: no reserved seat"),
    (
        f.UnitsNotShared(f.NoUnitsOfLevel("region")),
        "the seats of the units are not shared: the results have no region",
    ),
    (f.HouseTied(("R1", "R2")), "equal claims of R1, R2 to the seats of the house: a lot is needed"),
    (
        f.SeatsNotComputed(f.NoSeatsGiven(("D2", "D3"))),
        "seats not computed: the rule file gives no number of seats for D2, D3",
    ),
    (
        f.SeatsNotComputed(f.VotesUnpublished("A", "D1")),
        "seats not computed: the votes of A in D1 are not published",
    ),
    (
        f.SeatsNotComputed(f.LowerNotFound(f.Stop.NO_END, "", 500)),
        "seats not computed: no apportionment found in 500 rounds",
    ),
    (
        f.SeatsNotComputed(f.LowerNotFound(f.Stop.LIST_TIED, "B", 3)),
        "seats not computed: equal claims for list B: a lot is needed",
    ),
    (
        f.LeftOverNotAllocated(f.NoRemainderToPlace(("A", "B"))),
        "the seats left over are not allocated: no district with seats left has a remainder of A, B to place its "
        "seat in",
    ),
    (
        f.LeftOverNotAllocated(f.QuotasNotFinal(())),
        "the seats left over are not allocated: the full quotas of no district are not final",
    ),
    (f.NoDistrictLeft(("A",)), "no district is left for the adjustment seat(s) of A"),
    (f.PlacementUnknown("Oslo"), "adjustment seats not placed: the votes or seats of Oslo are not known"),
    (f.NoUnitsUnder("region", "national"), "the results give no unit of level `region` under national"),
    (f.SeatsByLot(-2, ("A", "B"), "C"), "2 seat(s) of C to be taken back, by lot, from one of A, B"),
    (
        f.LimitBinding((("A", 3, f.Limit.CAP), ("B", 2, f.Limit.CANDIDATES)), None, 4),
        "A held at 3 (the cap of 3); B held at 2 (its 2 candidate(s)); 4 seat(s) stay vacant",
    ),
    (
        f.Entitlements(10, (("A", 4, 6), ("B", 6, 1)), 2, levelled=False),
        "entitlements of 10 seats: A 4 (6 constituency + 0 list); B 6 (1 constituency + 5 list); 2 overhang seat(s) "
        "kept, the house has 12",
    ),
    (
        f.Entitlements(12, (("A", 6, 6), ("B", 6, 1)), 0, levelled=True),
        "entitlements of 12 seats: A 6 (6 constituency + 0 list); B 6 (1 constituency + 5 list); no overhang: the "
        "house has 12",
    ),
]


@pytest.mark.parametrize(("fact", "words"), PINNED, ids=[type(fact).__name__ for fact, _ in PINNED])
def test_a_fact_is_said_in_the_words_of_the_trace(fact: Fact, words: str) -> None:
    assert say(fact) == words


def test_every_allocation_fact_has_a_phrase() -> None:
    say(f.TheTie())  # fills the table
    kinds = [v for v in vars(f).values() if isinstance(v, type) and issubclass(v, Fact) and v.__module__ == f.__name__]
    assert kinds and [k.__name__ for k in kinds if k not in phrases.PHRASES] == []


class _Unreadable(dict):  # type: ignore[type-arg]
    """A phrasebook that fails when read: evaluation must say nothing."""

    def __getitem__(self, kind: object) -> object:
        raise AssertionError(f"a {kind} was said during evaluation")


def test_an_allocation_is_recorded_as_facts_and_said_only_when_read(tmp_path: Path) -> None:
    """Equal votes for 3 seats: the method's round, then the tie for the last seat, which the law leaves to a
    lot. Evaluating writes no words (say is never called); the facts hold the numbers, and say them as before."""
    path = write_csv(tmp_path / "r.csv", national_rows(1000, {"A": 500, "B": 500}))
    law = list_law(seats=3, thresholds="")
    with mock.patch.object(phrases, "PHRASES", _Unreadable()):
        outcome = outcome_of(law, path)
    steps = [s for s in outcome.trace if s.kind in (StepKind.ALLOCATION, StepKind.TIE)]
    assert [(s.kind, s.result) for s in steps] == [
        (StepKind.ALLOCATION, StepResult.ALLOCATED),
        (StepKind.TIE, StepResult.LOT_NEEDED),
    ]
    allocation, tie = steps[0].decision, steps[1].decision
    assert isinstance(allocation, f.Allocated) and isinstance(allocation.result, f.QuotaRound)
    assert allocation.result.exact == Fraction(1000, 3) and allocation.result.full == (("A", 1), ("B", 1))
    assert tie == f.TieByLot(f.LastSeats(1), ("A", "B"), 1)
    assert say(allocation) == (
        "hare quota and largest remainders: quota = 1000 votes of the lists sharing the seats / 3 seats = 333.3333~; "
        "full quotas: A 1, B 1; remainder seats to: none; seats: A 1, B 1"
    )
    assert say(tie) == "the last 1 seat(s) (equal claims): A, B are tied for 1 seat(s); the law decides by lot"

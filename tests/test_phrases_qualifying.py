"""The qualifying family's facts and their words: thresholds, the alternative of constituency wins, fallbacks,
national minorities, a sliding bonus, the tier of adjustment seats, a list unit's reasons and seats note, and a
question's outcome. Evaluation records facts and writes no sentence; the phrases say them in the very words the
outcome and the trace used before. The sentences the shipped laws' snapshots (tests/test_snapshots.py) do not
reach are pinned here."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from unittest import mock

import pytest

from ballotlaw.facts import Fact
from ballotlaw.facts import qualifying as q
from ballotlaw.render import phrases
from ballotlaw.render.jsonform import outcome_json
from ballotlaw.render.phrases import say
from ballotlaw.states import CheckKind, Status, Verdict
from support.builders import list_law, national_rows, outcome_of, unit, write_csv


def _measured(votes: int, base: int, needed: Fraction, met: bool, inclusive: bool = True) -> q.Measured:
    need = q.Need("5%", q.Reported(base, "published"), q.Amount(needed))
    return q.Measured(q.Amount(Fraction(votes)), False, inclusive, met, need)


BOUND = q.Need("25%", q.Reported(None, "not published", 1000), q.Amount(None, Fraction(250)))

PINNED: list[tuple[Fact, str]] = [
    (q.Amount(None), "not published"),
    (
        q.Measured(
            q.Amount(None, Fraction(64081)),
            True,
            True,
            False,
            q.Need("5%", q.Reported(1281622, "published"), q.Amount(Fraction(640811, 10))),
        ),
        "at most 64081 (its published bound) is not >= 5% of 1281622 = 64081.1",
    ),
    (
        q.ThresholdMeasured("A", Verdict.PASSED, _measured(400, 1200, Fraction(60), True), Fraction(1, 3)),
        "A: passed: 400 >= 5% of 1200 = 60 (share 33.33% = 33.333333~%)",
    ),
    (
        q.Undecided(None, "N", "not published", "valid_votes", "not published"),
        "votes of each list in N not published; valid_votes in N not published",
    ),
    (q.NoNation("D1", counting=False), "the data gives no unit above D1 to measure the national share in"),
    (q.NoNation("D1", counting=True), "the data gives no unit above D1 to count the districts in"),
    (q.UnitsIncomplete(3, 2, "region", "N"), "the data has 3 of the 2 units of level `region` under N"),
    (q.UnitsIncomplete(0, None, "district", "N"), "the data has no units of level `district` under N"),
    (
        q.BelowInUnits(True, "5%", "voters_took_part", (("R2", _measured(5, 1000, Fraction(50), False)),)),
        "below at least 5% of voters_took_part in R2: 5 is not >= 5% of 1000 = 50",
    ),
    (
        q.UnpublishedInUnits(None, 2, "valid_votes", 1, 3, "region", ("R1", "R2")),
        "not published: votes of each list in 2 and valid_votes in 1 of the 3 units of level `region` (R1, R2)",
    ),
    (
        q.MetInAllUnits(False, "1%", "valid_votes", 2, "region"),
        "more than 1% of valid_votes in all 2 units of level `region`",
    ),
    (
        q.MetInSomeUnits(True, "10%", "valid_votes", 1, 3, "region", 2, Verdict.NOT_EVALUATED, ("R3",)),
        "at least 10% of valid_votes in 1 of 3 units of level `region`; needed: 2; not published in 1 (R3)",
    ),
    (
        q.MetInSomeUnits(True, "10%", "valid_votes", 1, 3, "region", 2, Verdict.FAILED, ()),
        "at least 10% of valid_votes in 1 of 3 units of level `region`; needed: 2",
    ),
    (
        q.WinsNotInData("A", 2),
        "A: the alternative of 2 constituency wins is not evaluated: constituency_wins of A not in the data",
    ),
    (
        q.WithoutWins(q.Undecided("A", None, "not published", "valid_votes", None), "A"),
        "votes of A not published; constituency_wins of A not in the data",
    ),
    (q.WinsCounted("A", 1, 2, enough=False), "A: 1 constituency wins, fewer than 2"),
    (
        q.FewerNotEvaluated(1, 2, ("A", "B")),
        "only 1 list(s) qualify, fewer than 2; the fallback is not evaluated: the votes of A, B, as far as the data "
        "gives them, do not decide which lists have the most",
    ),
    (
        q.FewerQualify(1, 3, 3, ("A", "B"), ("C", "D")),
        "only 1 list(s) qualify, fewer than 3: the 3 with the most votes qualify: A, B; undecided among C, D",
    ),
    (q.TiedForFallback(), "tied for the fallback's last place"),
    (
        q.QualifiesEitherWay(0, 2, 2, 2, ("A", "B"), ("C",)),
        "0 list(s) qualify and 2 are undetermined: the rule may apply; if any undetermined list fails, fewer than 2 "
        "qualify and the 2 with the most votes do; A, B, surely among them, qualify either way; it may admit C",
    ),
    (
        q.Reported(None, "not published", 3000, 1940, (q.BoundFrom("valid_votes"), q.BoundFrom("registered_voters"))),
        "not published (at least 1940, at most 3000: from the published valid_votes, registered_voters)",
    ),
    (
        q.Reported(None, "absent", 1000, 1000, (q.BoundFrom("votes"), q.BoundFrom("voters_took_part")), "valid_votes"),
        "valid_votes absent (1000: from the published votes of the lists, voters_took_part)",
    ),
    (q.Amount(None, Fraction(150), Fraction(97)), "at least 97, at most 150"),
    (q.BoundFrom("votes"), "votes of the lists"),
    (q.QualifiesByShare(Fraction(3, 5)), "qualifies by the fallback (60% rule)"),
    (
        q.ShareJoined(Fraction(600), ("A", "B"), 500, reached=False),
        "the qualifying lists hold less than 600 votes: A, B join in order of votes, and they hold 500; every list "
        "has joined and they still hold less than 600",
    ),
    (
        q.JointNotApplied(2, (), ("M1", "M2")),
        "national minority 2: the joint threshold does not apply: whether M1, M2 qualify is not known",
    ),
    (q.JointUndecided(("M1",), ("M2",)), "joint threshold: M1 qualifies by the other thresholds"),
    (
        q.JointList(2, ("M1", "M2"), 1),
        "national minority 2: M1 + M2 take part as one list, which takes at most 1 seat(s)",
    ),
    (q.NoMinorityList(3), "national minority 3: no list"),
    (q.MinorityLeadTied(3, ("H1", "H2")), "the lead of national minority 3 is tied: H1, H2"),
    (
        q.ReservedNotEvaluated((q.NoNation("D1", counting=False),)),
        "reserved seat not evaluated: the data gives no unit above D1 to measure the national share in",
    ),
    (
        q.BelowBonusThreshold("A", False, "25%", "valid_votes", _measured(240, 1000, Fraction(250), False, False)),
        "A leads with no more than 25% of valid_votes: no bonus (240 is not > 5% of 1000 = 250)",
    ),
    (
        q.BonusNotEvaluated(q.ShareNotExact("A", q.Measured(q.Amount(Fraction(300)), False, True, True, BOUND))),
        "not evaluated: the share of A is not known exactly: 300 >= 25% of not published (at most 1000) = at most 250",
    ),
    (
        q.SlidingBonus("A", Fraction(4056, 10000), "valid_votes", "25%", 20, 1, 31, Fraction(1, 200), 51, 50, 50),
        "A leads with 40.56% of valid_votes, 25% needed: 20 seat(s) and 1 more for each of 31 whole step(s) of 0.5% "
        "above it = 51, at most 50: 50 bonus seat(s)",
    ),
    (q.DistrictsNotFinal(()), "adjustment seats not computed: the district seats of no district are not final"),
    (q.NoSingleNation(), "adjustment seats not computed: the results give no single nation above the districts"),
    (
        q.TierThresholdUndecided(("A", "B")),
        "adjustment seats not computed: the threshold of the tier is not evaluated for A, B",
    ),
    (
        q.NationalVotesUnpublished(("A",)),
        "adjustment seats not computed: the national votes of A are not published",
    ),
    (
        q.AdjustmentShares(10, (("A", 4), ("B", 6)), ("A",)),
        "shares of 10 seats: A 4, B 6; A won more district seats and keep them; the others again",
    ),
    (q.AdjustmentLot(1, ("A", "B")), "1 adjustment seat(s) to be drawn by lot among A, B"),
    (
        q.NothingQualifies(rerun_rule=False),
        "no list qualifies: no seat can be allocated; the rule file states no rule for this case (write `rerun if no "
        "list qualifies` if the law orders a repeat election)",
    ),
    (q.QualifiersWithoutVotes(), "the lists that qualify have no votes: no seat can be allocated"),
    (q.SeatsUnknown("D2", apportioned=False), "the rule file gives no number of seats for D2: seats not computed"),
    (
        q.SeatsUnknown("D2", apportioned=True),
        "the seats of D2 are not known: the house could not be shared among the units",
    ),
    (q.PartNotEvaluated(q.Part.MINIMUM, ("a", "b")), "minimum seats not given: a; b"),
    (q.PartNotEvaluated(q.Part.TIES, ("lot_order of A",)), "tie rule not evaluated: lot_order of A"),
    (
        q.PartNotEvaluated(q.Part.MIXED, ("constituency_wins of B",)),
        "constituency seats not taken into account: constituency_wins of B",
    ),
    (
        q.SeatsFromVotes(3, 2, ("against_all",), True, ("c.t1", "c.t2")),
        "seats computed from the published votes of the 3 list(s) that are not excluded; they do not depend on the "
        "unpublished votes of 2 list(s), each excluded by a threshold on its published bound nor on against_all (used "
        "only by other checks); they are conditional: they hold if the lists also pass c.t1, c.t2, which could not be "
        "evaluated",
    ),
    (
        q.HouseGrows(q.SeatsFromVotes(2, 0, (), False, ()), 3, q.Growth.ADDED),
        "seats computed from the published votes of the 2 list(s) that are not excluded; the house grows by 3 "
        "seat(s) (seats added)",
    ),
    (
        q.ListSeatsCounted(q.NoSeatsAwarded(), (("A", None), ("B", 1))),
        "no seats are awarded: the election in this unit is void or must be repeated; these are list seats: each "
        "list's divisors count its constituency seats (A not in the data, B 1)",
    ),
    (
        q.ConditionNotEvaluated(CheckKind.APPROVE, ("votes for yes at N not published",)),
        "approve not evaluated: votes for yes at N not published",
    ),
    (q.QuestionDecided(Status.APPROVED, ("yes",)), "approved: yes"),
    (q.QuestionDecided(Status.REJECTED, ()), "no option is approved"),
    (q.QuestionDecided(Status.RECOUNT, ()), "a recount is ordered before the result is declared"),
]


@pytest.mark.parametrize(("fact", "words"), PINNED, ids=[type(fact).__name__ for fact, _ in PINNED])
def test_a_fact_is_said_in_the_words_of_the_outcome(fact: Fact, words: str) -> None:
    assert say(fact) == words


def test_every_qualifying_fact_has_a_phrase() -> None:
    say(q.TiedForFallback())  # fills the table
    kinds = [v for v in vars(q).values() if isinstance(v, type) and issubclass(v, Fact) and v.__module__ == q.__name__]
    assert kinds and [k.__name__ for k in kinds if k not in phrases.PHRASES] == []


class _Unreadable(dict):  # type: ignore[type-arg]
    """A phrasebook that fails when read: evaluation must say nothing."""

    def __getitem__(self, kind: object) -> object:
        raise AssertionError(f"a {kind} was said during evaluation")


REGIONAL = "  threshold at least 1% of voters_took_part in every region   [act Art. 5]\n"


def test_a_threshold_left_open_for_several_lists_is_said_once_of_each_list(tmp_path: Path) -> None:
    """The votes of A and B in R2 are not published: the unit's reason names both lists and says the detail of
    each list (a field of the fact, not an edit of A's sentence); what is missing is each list's own detail."""
    rows = [
        *national_rows(2000, {"A": 1200, "B": 800}),
        "region,R1,N,voters_took_part,,1000,",
        "region,R1,N,votes,A,600,",
        "region,R1,N,votes,B,400,",
        "region,R2,N,voters_took_part,,1000,",
        "region,R2,N,votes,A,not published,",
        "region,R2,N,votes,B,not published,",
    ]
    path = write_csv(tmp_path / "r.csv", rows)
    with mock.patch.object(phrases, "PHRASES", _Unreadable()):
        outcome = outcome_of(list_law(thresholds=REGIONAL), path)
    national = unit(outcome, "national")
    (reason,) = national.reasons[:1]
    assert reason.text == q.ListsNotEvaluated(
        ("A", "B"), q.UnpublishedInUnits(None, 1, "voters_took_part", 0, 2, "region", ("R2",))
    )
    assert say(reason.text) == (
        "not evaluated for 2 list(s) (A, B): not published: votes of each list in 1 of the 2 units of level "
        "`region` (R2)"
    )
    reasons = json.loads(outcome_json(outcome))["contests"][0]["units"][0]["reasons"]
    assert reasons[0]["missing"] == [
        "not published: votes of A in 1 of the 2 units of level `region` (R2)",
        "not published: votes of B in 1 of the 2 units of level `region` (R2)",
    ]


SLIDING = (
    "  bonus 4 seats to the leading list with at least 25% of voters_took_part nationally, 1 more seat for every"
    " further 5%, at most 8 seats   [act Art. 8]\n"
)


def test_a_bonus_whose_share_is_bounded_only_is_not_evaluated_and_says_why(tmp_path: Path) -> None:
    """A's 300 votes pass 25% of at most 1000 voters, but its share is not known: the bonus is not evaluated,
    and what is missing is a fact, said as before in the reason and in the JSON form."""
    path = write_csv(tmp_path / "r.csv", national_rows("not published (at most 1000)", {"A": 300, "B": 200}))
    with mock.patch.object(phrases, "PHRASES", _Unreadable()):
        outcome = outcome_of(list_law(seats=20, thresholds="", extra=SLIDING), path)
    national = unit(outcome, "national")
    assert national.status == Status.PROVISIONAL
    why = (
        "the share of A is not known exactly: 300 >= 25% of voters_took_part not published (at least 500, at most "
        "1000: from the published votes of the lists) = at least 125, at most 250"
    )
    (reason,) = national.reasons
    assert reason.clause == "bonus" and isinstance(reason.missing[0], q.ShareNotExact)
    assert say(reason.text) == f"majority bonus not evaluated: {why}"
    found = json.loads(outcome_json(outcome))["contests"][0]["units"][0]["reasons"][0]
    assert found == {"clause": "bonus", "missing": [why], "text": f"majority bonus not evaluated: {why}"}

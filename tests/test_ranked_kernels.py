"""The counts of ranked ballots (methods/ranked/) against hand-worked cases and a published worked example."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ballotlaw.facts.ranked import Excluded, KeepValues, RankedLotNeeded, RankedTieBroken, RoundVotes, Transferred
from ballotlaw.methods.ranked import common, irv, piles, stv
from ballotlaw.methods.ranked import meek as meek_module
from ballotlaw.methods.ranked.common import OVERVOTE, SKIP, Ranking, TieKeys, prepare
from ballotlaw.methods.ranked.irv import Count, instant_runoff
from ballotlaw.methods.ranked.meek import meek
from ballotlaw.methods.ranked.rules import BallotRule, TransferRule
from ballotlaw.methods.ranked.stv import gregory, quota_of

NO_TIES = TieKeys(())
#: The example of the Wikipedia article "Single transferable vote": 20 ballots, 3 seats, Droop quota 6.
FOOD_NAMES = ("Orange", "Pear", "Chocolate", "Strawberry", "Bonbon")
FOOD: dict[Ranking, int] = {(0,): 4, (1, 0): 2, (2, 3): 8, (2, 4): 4, (3,): 1, (4,): 1}


def _rule(fault: str, effect: str, run: int = 1) -> BallotRule:
    return BallotRule(None, fault, effect, run)  # type: ignore[arg-type]


def _transfer(name: str, places: int | None = None, up: bool = False) -> TransferRule:
    return TransferRule(None, name, places, up)  # type: ignore[arg-type]


def _stv(names: Sequence[str], rankings: dict[Ranking, int], seats: int, transfer: TransferRule, **kw: object) -> Count:
    prepared = prepare(rankings, {}, frozenset())
    quota, reaching = quota_of("droop", prepared.valid, seats)
    return gregory(
        names,
        prepared.groups,
        quota,
        reaching,
        seats,
        transfer=transfer,
        bulk=bool(kw.get("bulk", False)),
        ties=NO_TIES,
        standing=frozenset(range(len(names))),
    )


def _irv(names: Sequence[str], rankings: dict[Ranking, int], ties: TieKeys = NO_TIES, bulk: bool = False) -> Count:
    prepared = prepare(rankings, {}, frozenset())
    return instant_runoff(
        names,
        prepared.groups,
        prepared.valid,
        of_all=False,
        bulk=bulk,
        ties=ties,
        standing=frozenset(range(len(names))),
    )


def _elected(count: Count, names: Sequence[str]) -> list[str]:
    return [names[c] for c in count.elected]


def test_the_wikipedia_example_elects_chocolate_orange_strawberry_under_every_gregory_rule() -> None:
    for name in ("weighted inclusive gregory", "inclusive gregory", "last parcel gregory"):
        count = _stv(FOOD_NAMES, FOOD, 3, _transfer(name))
        assert _elected(count, FOOD_NAMES) == ["Chocolate", "Orange", "Strawberry"], name
        surplus = next(e for e in count.events.items if isinstance(e, Transferred) and e.surplus is not None)
        assert surplus.surplus == 6 and dict(surplus.to)["Strawberry"] == 4 and dict(surplus.to)["Bonbon"] == 2


def test_the_quotas() -> None:
    assert quota_of("droop", 20, 3) == (Fraction(6), True)
    assert quota_of("exact droop", 20, 3) == (Fraction(5), False)
    assert quota_of("hare", 20, 3) == (Fraction(20, 3), True)


def test_weighted_inclusive_gregory_rounds_each_value_down_to_five_places_and_reports_the_loss() -> None:
    """A's surplus 4 of 9: each ballot passes at 0.44444 (4/9 rounded down), B gets 7 x 0.44444 = 3.11108, C
    2 x 0.44444; 0.00004 is lost to rounding."""
    names = ("A", "B", "C")
    count = _stv(names, {(0, 1): 7, (0, 2): 2, (1,): 3, (2,): 1}, 2, _transfer("weighted inclusive gregory", 5))
    surplus = next(e for e in count.events.items if isinstance(e, Transferred) and e.surplus is not None)
    assert surplus.value == Fraction(4, 9)
    assert dict(surplus.to) == {"B": Fraction("3.11108"), "C": Fraction("0.88888")}
    assert surplus.lost == Fraction("0.00004")
    assert _elected(count, names) == ["A", "B"]
    exact = _stv(names, {(0, 1): 7, (0, 2): 2, (1,): 3, (2,): 1}, 2, _transfer("weighted inclusive gregory"))
    assert dict(next(e for e in exact.events.items if isinstance(e, Transferred)).to)["B"] == Fraction(28, 9)


def test_last_parcel_and_inclusive_gregory_can_elect_differently() -> None:
    """D is excluded; its 2 ballots elect A (6, quota 5). Last parcel: only D's 2 ballots pass, at 1/2, to C
    (4 against B's 3): B is excluded, C elected. Inclusive: all 6 of A's ballots pass at 1/6: B 3 + 2/3, C 3 +
    1/3: C is excluded, B elected."""
    names = ("A", "B", "C", "D")
    rankings: dict[Ranking, int] = {(0, 1): 4, (1,): 3, (2,): 3, (3, 0, 2): 2}
    last = _stv(names, rankings, 2, _transfer("last parcel gregory"))
    assert _elected(last, names) == ["A", "C"]
    inclusive = _stv(names, rankings, 2, _transfer("inclusive gregory"))
    assert _elected(inclusive, names) == ["A", "B"]
    moved = next(e for e in inclusive.events.items if isinstance(e, Transferred) and e.surplus is not None)
    assert dict(moved.to) == {"B": Fraction(2, 3), "C": Fraction(1, 3)}


def test_meek_elects_the_wikipedia_three_with_keep_values_on_nine_places() -> None:
    prepared = prepare(FOOD, {}, frozenset())
    count = meek(
        FOOD_NAMES,
        prepared.groups,
        prepared.valid,
        3,
        transfer=_transfer("meek", 9, True),
        bulk=False,
        ties=NO_TIES,
        standing=frozenset(range(5)),
    )
    assert sorted(_elected(count, FOOD_NAMES)) == ["Chocolate", "Orange", "Strawberry"]
    keeps = [v for e in count.events.items if isinstance(e, KeepValues) for _, v in e.keep]
    assert keeps and all((v * 10**9).denominator == 1 and 0 < v <= 1 for v in keeps)


def test_instant_runoff_transfers_until_a_majority_of_the_continuing_ballots() -> None:
    names = ("A", "B", "C")
    count = _irv(names, {(0,): 40, (1, 0): 35, (2, 1): 20, (2,): 5})
    assert _elected(count, names) == ["B"]
    assert count.exhausted == 5 and len(count.history) == 2


def test_bulk_exclusion_excludes_the_lowest_together_when_they_cannot_pass_the_next() -> None:
    """D 6 + E 4 = 10 < C 20: both go at once; C + D + E = 30 is not fewer than B's 30."""
    names = ("A", "B", "C", "D", "E")
    count = _irv(names, {(0,): 40, (1,): 30, (2, 1): 20, (3, 2): 6, (4, 2): 4}, bulk=True)
    first = next(e for e in count.events.items if isinstance(e, Excluded))
    assert first.bulk and [n for n, _ in first.names] == ["E", "D"]
    single = _irv(names, {(0,): 40, (1,): 30, (2, 1): 20, (3, 2): 6, (4, 2): 4})
    assert [n for n, _ in next(e for e in single.events.items if isinstance(e, Excluded)).names] == ["E"]


def test_a_tie_for_exclusion_is_broken_by_the_previous_round_else_a_lot_is_needed() -> None:
    """Round 2: B 7 and C 7; in round 1 C had 6 against B's 7: C is excluded."""
    names = ("A", "B", "C", "D")
    rankings: dict[Ranking, int] = {(0,): 10, (1,): 7, (2,): 6, (3, 2): 1}
    count = _irv(names, rankings, TieKeys(("previous rounds", "lot")))
    broken = next(e for e in count.events.items if isinstance(e, RankedTieBroken))
    assert broken.chosen == "C" and broken.key == "previous rounds"
    stuck = _irv(names, {(0,): 10, (1,): 7, (2,): 7}, TieKeys(("previous rounds", "lot")))
    assert stuck.lot_needed and not stuck.elected
    assert any(isinstance(e, RankedLotNeeded) for e in stuck.events.items)
    drawn = TieKeys(("lot",), {"lot_order": {1: 1, 2: 2}})
    assert not _irv(names, {(0,): 10, (1, 0): 7, (2,): 7}, drawn).lot_needed


def test_the_laws_rules_for_faulty_rankings() -> None:
    """A skip passed over, two in a row exhaust; an overvote exhausts, or invalidates; a repeat passed over."""
    rankings: dict[Ranking, int] = {
        (0, SKIP, 1): 1,
        (0, SKIP, SKIP, 1): 2,
        (OVERVOTE, 1): 4,
        (0, 0, 1): 8,
    }
    rules = {
        "skipped": _rule("skipped", "exhausts", 2),
        "overvote": _rule("overvote", "exhausts"),
        "repeated": _rule("repeated", "passed over"),
    }
    prepared = prepare(rankings, rules, frozenset())
    assert dict(prepared.groups) == {(0, 1): 9, (0,): 2}
    assert prepared.empty == 4 and prepared.valid == 15 and not prepared.unruled
    assert prepared.faults == {"overvote": 4, "repeated": 8, "skipped": 3}
    invalid = prepare(rankings, {**rules, "overvote": _rule("overvote", "invalid")}, frozenset())
    assert invalid.valid == 11 and invalid.empty == 0
    silent = prepare(rankings, {}, frozenset())
    assert silent.unruled == {"overvote": 4, "repeated": 8, "skipped": 3}


def test_a_withdrawn_candidate_is_passed_over() -> None:
    prepared = prepare({(0, 1): 3, (1,): 2}, {}, frozenset({0}))
    assert dict(prepared.groups) == {(1,): 5}


rankings_strategy = st.dictionaries(
    st.lists(st.integers(min_value=-2, max_value=4), min_size=0, max_size=6).map(tuple),
    st.integers(min_value=1, max_value=30),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(
    rankings=rankings_strategy,
    seats=st.integers(min_value=1, max_value=4),
    method=st.sampled_from(["weighted inclusive gregory", "inclusive gregory", "last parcel gregory", "meek"]),
    effect=st.sampled_from(["passed over", "exhausts", "invalid"]),
)
def test_every_count_ends_with_distinct_winners_and_keeps_every_vote(
    rankings: dict[Ranking, int], seats: int, method: str, effect: str
) -> None:
    """On any ballots: the count ends (a lot or the seats filled), elects distinct candidates, no more than the
    seats, and (exact Gregory) the continuing and elected candidates' votes and the exhausted add up to the
    valid ballots at every stage."""
    names = ("A", "B", "C", "D", "E")
    rules = {fault: _rule(fault, effect) for fault in ("skipped", "overvote", "repeated")}
    prepared = prepare(rankings, rules, frozenset())
    ties = TieKeys(("previous rounds", "first preferences"))
    standing = frozenset(range(5))
    if method == "meek":
        count = meek(
            names,
            prepared.groups,
            prepared.valid,
            seats,
            transfer=_transfer("meek", 9, True),
            bulk=True,
            ties=ties,
            standing=standing,
            exhausted_at_start=prepared.empty,
        )
    else:
        quota, reaching = quota_of("droop", prepared.valid, seats)
        count = gregory(
            names,
            prepared.groups,
            quota,
            reaching,
            seats,
            transfer=_transfer(method),
            bulk=True,
            ties=ties,
            standing=standing,
            exhausted_at_start=prepared.empty,
        )
    for stage in count.events.items:
        if isinstance(stage, RoundVotes):
            assert sum((v for _, v in stage.votes), Fraction(0)) + stage.exhausted == prepared.valid
    assert len(set(count.elected)) == len(count.elected) <= seats
    if not count.lot_needed:
        assert len(count.elected) == seats
    irv = instant_runoff(
        names,
        prepared.groups,
        prepared.valid,
        of_all=False,
        bulk=True,
        ties=ties,
        standing=standing,
        exhausted_at_start=prepared.empty,
    )
    assert len(irv.elected) == (0 if irv.lot_needed else 1)


@settings(max_examples=300, deadline=None)
@given(
    rankings=rankings_strategy,
    seats=st.integers(min_value=1, max_value=4),
    method=st.sampled_from(
        ["weighted inclusive gregory", "inclusive gregory", "last parcel gregory", "meek", "instant runoff"]
    ),
    places=st.integers(min_value=0, max_value=9),
    up=st.booleans(),
    quota_name=st.sampled_from(["droop", "exact droop", "hare"]),
    bulk=st.booleans(),
    withdrawn=st.sets(st.integers(min_value=0, max_value=4), max_size=2),
    cancelled=st.sets(st.integers(min_value=0, max_value=4), max_size=2),
)
def test_the_counts_on_arrays_give_the_same_facts_as_the_counts_in_python(
    rankings: dict[Ranking, int],
    seats: int,
    method: str,
    places: int,
    up: bool,
    quota_name: str,
    bulk: bool,
    withdrawn: set[int],
    cancelled: set[int],
) -> None:
    """Over many distinct rankings the counts hold them in int64 arrays (methods/ranked/piles.py: Gregory where
    the law rounds values to decimal places, Meek, instant runoff, and the check of the rankings for faults);
    they record exactly the facts, votes and winners of the same counts in Python's integers and Fractions.
    (A cancelled candidate, unlike a withdrawn one, stays in the rankings without standing.)"""
    names = ("A", "B", "C", "D", "E")
    ties = TieKeys(("previous rounds", "first preferences"))
    standing = frozenset(range(5)) - withdrawn - cancelled

    def count() -> tuple[object, ...]:
        prepared = prepare(rankings, {}, frozenset(withdrawn))
        if method == "instant runoff":
            done = instant_runoff(
                names,
                prepared.groups,
                prepared.valid,
                of_all=up,
                bulk=bulk,
                ties=ties,
                standing=standing,
                exhausted_at_start=prepared.empty,
            )
        elif method == "meek":
            done = meek(
                names,
                prepared.groups,
                prepared.valid,
                seats,
                transfer=_transfer("meek", places, True),
                bulk=bulk,
                ties=ties,
                standing=standing,
                exhausted_at_start=prepared.empty,
            )
        else:
            quota, reaching = quota_of(quota_name, prepared.valid, seats)
            done = gregory(
                names,
                prepared.groups,
                quota,
                reaching,
                seats,
                transfer=_transfer(method, places, up),
                bulk=bulk,
                ties=ties,
                standing=standing,
                exhausted_at_start=prepared.empty,
            )
        return (prepared, done.events.items, done.elected, done.history, done.exhausted, done.lot_needed)

    with pytest.MonkeyPatch.context() as patch:
        for module in (common, irv, stv, meek_module):
            patch.setattr(module, "ARRAYS_FROM", 0)
        on_arrays = count()
    with pytest.MonkeyPatch.context() as patch:
        for module in (common, irv, stv, meek_module):
            patch.setattr(module, "ARRAYS_FROM", 10**9)
        in_python = count()
    assert on_arrays == in_python


def test_the_units_count_falls_back_to_fractions_where_int64_could_overflow() -> None:
    """A count whose ballots times the unit, or whose unit squared, would pass 2^62 is not held in int64
    arrays; it is counted in Python's integers, the same way."""
    assert piles.fits([((0, 1), 10**13)], 10**5)
    assert not piles.fits([((0, 1), 10**14)], 10**5)
    assert not piles.fits([((0, 1), 1)], 10**10)
    long_and_short = [(tuple(range(999)), 1)] + [((i % 7,), 1) for i in range(10_000)]
    assert piles.fits(long_and_short[:5000], 1) and not piles.fits(long_and_short + long_and_short, 1)
    assert not piles.all_clean([ranking for ranking, _ in long_and_short] * 2)  # not known: checked one by one
    big = {(0, 1): 4 * 10**14, (1,): 3 * 10**14, (2, 0): 10**14}
    count = _stv(("A", "B", "C"), big, 2, _transfer("weighted inclusive gregory", 5))
    assert _elected(count, ("A", "B", "C")) == ["A", "B"]

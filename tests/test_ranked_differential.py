"""Differential tests of the ranked-ballot counts against pyrankvote 2.0 and votelib 0.4.0 (development dependencies
only) on seeded random elections, and their known differences, asserted.

Where the rules are the same, the elected must be the same, wherever ballotlaw reports no tie (a tie is the law's
to break; pyrankvote breaks it by the most second choices or at random, votelib by candidate order):

- instant runoff: ballotlaw's `elect by instant runoff` (a majority of the continuing ballots; the lowest candidate
  excluded one at a time) against pyrankvote's `instant_runoff_voting` and votelib's `TransferableVoteSelector`
  with the Droop quota and one seat. votelib elects at a majority of all ballots, or the last candidate left;
  pyrankvote excludes in batches; neither changes who wins an instant runoff without ties.
- single transferable vote, weighted inclusive Gregory: `quota droop` and `surplus transferred by weighted
  inclusive gregory` (exact, without the Scottish rounding to five decimal places) against votelib's
  `TransferableVoteSelector(transferer="Gregory", quota_function="droop")`, which is the same rule in exact
  fractions.
- single transferable vote, inclusive Gregory: `quota exact droop` and `surplus transferred by inclusive gregory`
  against pyrankvote's `single_transferable_vote`. pyrankvote counts in floats (a tolerance of 1e-6), elects at
  the exact Droop quota reached or passed (ballotlaw: passed), elects several at once and transfers their
  surpluses together, and passes an excluded candidate's ballots each at the candidate's average value rather
  than at their own values. On the seeded elections below those differences never change the elected.

The differences that do change an outcome are asserted on their own cases: pyrankvote elects a candidate with
exactly half of the continuing ballots, where a majority means more than half; after a surplus, pyrankvote's
batch rejection can reject a candidate with more votes than one it keeps (the comparison skips the elections
where its rounds show that, and one is pinned); votelib stops with "infinite loop in STV" on an election where
a candidate without first preferences would take the last seat (the comparison accepts that error only there).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyrankvote
import pytest
import votelib.evaluate.core as votelib_core
import votelib.evaluate.sequential as votelib_sequential
from pyrankvote import Ballot, Candidate

from ballotlaw.api import run
from ballotlaw.facts.ranked import RankedLotNeeded, RankedTieBroken
from ballotlaw.outcome import UnitOutcome

Ranking = tuple[str, ...]

LAW = """ballotlaw 1

election "A seeded election"
  jurisdiction "Test"
  law "A test law"   [act]
  polling day 2020-01-01   [act]
end

source act "A test law" "https://example.org/act"

level ward: 1 units "the ward"   [act]

contest ward "The ward"
  candidates compete in every ward   [act]
  seats {seats}   [act]
{clauses}  ties broken by lot   [act]
  valid at any turnout   [act]
end
"""
IRV = "  elect by instant runoff   [act]\n"
WIG = (
    "  elect by single transferable vote   [act]\n  quota droop   [act]\n"
    "  surplus transferred by weighted inclusive gregory   [act]\n"
)
INCLUSIVE = (
    "  elect by single transferable vote   [act]\n  quota exact droop   [act]\n"
    "  surplus transferred by inclusive gregory   [act]\n"
)


def election(rng: random.Random) -> tuple[list[str], dict[Ranking, int]]:
    """3 to 7 candidates of unequal support, 20 to 300 ballots ranking 1 to all of them."""
    names = [f"C{i}" for i in range(rng.randint(3, 7))]
    support = {name: rng.random() ** 2 + 0.05 for name in names}
    ballots: dict[Ranking, int] = {}
    for _ in range(rng.randint(20, 300)):
        pool = list(names)
        ranking: list[str] = []
        for _ in range(rng.randint(1, len(names))):
            chosen = rng.choices(pool, weights=[support[name] for name in pool])[0]
            pool.remove(chosen)
            ranking.append(chosen)
        ballots[tuple(ranking)] = ballots.get(tuple(ranking), 0) + 1
    return names, ballots


def ballotlaw_count(
    tmp: Path, clauses: str, seats: int, names: Sequence[str], ballots: dict[Ranking, int]
) -> tuple[UnitOutcome, bool]:
    """The unit's outcome, and whether a tie had to be broken (by the tie rule or a lot)."""
    rules = tmp / "law.rules"
    rules.write_text(LAW.format(seats=seats, clauses=clauses), encoding="utf-8")
    blt = tmp / "w1.blt"
    lines = [f"{len(names)} {seats}"]
    lines += [f"{n} {' '.join(str(names.index(c) + 1) for c in r)} 0" for r, n in ballots.items()]
    lines += ["0", *(f'"{name}"' for name in names)]
    blt.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcome, _ = run(str(rules), str(blt))
    tied = any(isinstance(step.decision, (RankedTieBroken, RankedLotNeeded)) for step in outcome.trace)
    ((unit,),) = [contest.units for contest in outcome.contests]
    return unit, tied


def elected(unit: UnitOutcome) -> list[str]:
    return sorted(s.id for s in unit.selections if s.elected)


def pyrankvote_result(names: Sequence[str], ballots: dict[Ranking, int], seats: int) -> Any:
    candidates = {name: Candidate(name) for name in names}
    papers = [Ballot([candidates[c] for c in r]) for r, n in ballots.items() for _ in range(n)]
    if seats == 1:
        return pyrankvote.instant_runoff_voting(list(candidates.values()), papers)
    return pyrankvote.single_transferable_vote(list(candidates.values()), papers, number_of_seats=seats)


def pyrankvote_count(names: Sequence[str], ballots: dict[Ranking, int], seats: int) -> list[str]:
    return sorted(c.name for c in pyrankvote_result(names, ballots, seats).get_winners())


def rejected_out_of_order(result: Any) -> bool:
    """Whether pyrankvote, in some round, rejected a candidate with more votes than one it kept hopeful."""
    for round_ in result.rounds:
        hopeful = [r.number_of_votes for r in round_.candidate_results if r.status == "Hopeful"]
        rejected = [r.number_of_votes for r in round_.candidate_results if r.status == "Rejected"]
        if hopeful and rejected and max(rejected) > min(hopeful):
            return True
    return False


def no_first_preference(names: Sequence[str], ballots: dict[Ranking, int]) -> bool:
    return bool(set(names) - {ranking[0] for ranking in ballots})


def votelib_count(ballots: dict[Ranking, int], seats: int) -> list[str]:
    selector = votelib_sequential.TransferableVoteSelector(
        transferer="Gregory", quota_function="droop", accept_quota_equal=True
    )
    return sorted(selector.evaluate(dict(ballots), seats))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_instant_runoff_elects_as_pyrankvote_and_votelib(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    compared = 0
    for _ in range(25):
        names, ballots = election(rng)
        unit, tied = ballotlaw_count(tmp_path, IRV, 1, names, ballots)
        if tied:
            continue
        ours = elected(unit)
        assert ours == pyrankvote_count(names, ballots, 1), ballots
        assert ours == votelib_count(ballots, 1), ballots
        compared += 1
    assert compared >= 15


@pytest.mark.parametrize(("seed", "seats"), [(11, 2), (12, 3), (13, 2), (14, 3)])
def test_single_transferable_vote_elects_as_votelib_and_pyrankvote(tmp_path: Path, seed: int, seats: int) -> None:
    rng = random.Random(seed)
    compared = {"votelib": 0, "pyrankvote": 0}
    for _ in range(15):
        names, ballots = election(rng)
        if len(names) <= seats:
            continue
        wig, tied = ballotlaw_count(tmp_path, WIG, seats, names, ballots)
        inclusive, tied_too = ballotlaw_count(tmp_path, INCLUSIVE, seats, names, ballots)
        if tied or tied_too:
            continue
        try:
            assert elected(wig) == votelib_count(ballots, seats), ballots
            compared["votelib"] += 1
        except votelib_core.VotingSystemError:  # votelib's defect (below), only where a candidate has no vote
            assert no_first_preference(names, ballots), ballots
        result = pyrankvote_result(names, ballots, seats)
        if not rejected_out_of_order(result):  # pyrankvote's defect (below)
            assert elected(inclusive) == sorted(c.name for c in result.get_winners()), ballots
            compared["pyrankvote"] += 1
    assert min(compared.values()) >= 6, compared


def test_pyrankvote_elects_with_exactly_half(tmp_path: Path) -> None:
    """pyrankvote elects A with 4 of 8 continuing ballots (it needs ceil(8 / 2)); a majority is more than half,
    so ballotlaw excludes C, whose ballot passes to B: A and B are tied at 4 and the law's lot decides."""
    names = ["A", "B", "C"]
    ballots: dict[Ranking, int] = {("A",): 4, ("B",): 3, ("C", "B"): 1}
    assert pyrankvote_count(names, ballots, 1) == ["A"]
    unit, tied = ballotlaw_count(tmp_path, IRV, 1, names, ballots)
    assert tied and unit.status == "lot needed" and elected(unit) == []


def test_pyrankvote_rejects_out_of_order_after_a_surplus(tmp_path: Path) -> None:
    """pyrankvote's batch rejection can take the candidates out of the order of their votes after a surplus: in
    this seeded election (194 ballots, 2 seats) C4 is elected with 68 and its surplus passed on; then pyrankvote
    rejects C1 (13.2 votes) together with C3 (8.2) while C0 (9.2) stays hopeful, and elects C5 where the law,
    excluding the lowest candidate one at a time (C3, C0, C1, then C5), elects C2."""
    rng = random.Random(11)
    for _ in range(12):
        names, ballots = election(rng)
    assert sum(ballots.values()) == 194
    result = pyrankvote_result(names, ballots, 2)
    assert rejected_out_of_order(result)
    inclusive, tied = ballotlaw_count(tmp_path, INCLUSIVE, 2, names, ballots)
    assert not tied and elected(inclusive) == ["C2", "C4"]
    assert pyrankvote_count(names, ballots, 2) == ["C4", "C5"]


def test_votelib_loops_on_a_candidate_without_first_preferences(tmp_path: Path) -> None:
    """votelib 0.4.0 stops with `VotingSystemError: infinite loop in STV` on this seeded election (23 ballots, 3
    seats), where C1 has no first preference and would reach the last seat on transfers alone. ballotlaw elects
    C0 and C2 at the first stage, passes their surpluses on, excludes C3, and elects C1 as the one continuing
    candidate for the one seat left."""
    rng = random.Random(12)
    for _ in range(13):
        names, ballots = election(rng)
    assert sum(ballots.values()) == 23 and no_first_preference(names, ballots)
    with pytest.raises(votelib_core.VotingSystemError):
        votelib_count(ballots, 3)
    unit, tied = ballotlaw_count(tmp_path, WIG, 3, names, ballots)
    assert not tied and elected(unit) == ["C0", "C1", "C2"]

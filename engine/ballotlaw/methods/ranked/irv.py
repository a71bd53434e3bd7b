"""Instant runoff, exactly: each ballot counts for its first continuing preference; while no candidate has more
than half of the base (the continuing ballots, or all valid ballots), the lowest candidate is excluded (or, where
the law allows, every lowest candidate whose votes together are fewer than the next one's) and their ballots pass
on. Ballots wait in the pile of the candidate they count for, so a round moves only the excluded piles: a count
costs about the distinct rankings times their length, not the rounds times the ballots. Over many distinct
rankings the piles are int64 arrays (piles.py), with the same figures."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from attrs import frozen

from ...facts.ranked import Excluded, LastContinuing, MajorityReached, RoundVotes, Transferred
from .common import Events, TieKeys, lowest_to_exclude
from .piles import ARRAYS_FROM, Piles, fits


@frozen
class Count:
    """A finished (or stopped) count: the elected in order, the facts, the votes of every stage."""

    elected: tuple[int, ...]
    events: Events
    history: list[list[Fraction]]
    exhausted: Fraction
    lot_needed: bool


def instant_runoff(
    names: Sequence[str],
    groups: Sequence[tuple[tuple[int, ...], int]],
    valid: int,
    *,
    of_all: bool,
    bulk: bool,
    ties: TieKeys,
    standing: frozenset[int],
    exhausted_at_start: int = 0,
) -> Count:
    """Count `groups` (preferences, ballots) among the candidates `standing`; `valid` ballots in all."""
    n = len(names)
    continuing = [c in standing for c in range(n)]
    pile: list[list[int]] = [[] for _ in range(n)]  # the rows each candidate holds (without `piles`)
    tally = [0] * n
    position = [0] * len(groups)
    exhausted = exhausted_at_start
    piles = Piles(groups, n, continuing, 1) if len(groups) >= ARRAYS_FROM and fits(groups, 1) else None
    if piles is not None:
        tally, lost_at_start = piles.start()
        exhausted += lost_at_start
    for g, (prefs, count) in enumerate(groups if piles is None else ()):
        p = 0
        while p < len(prefs) and not continuing[prefs[p]]:
            p += 1
        if p == len(prefs):
            exhausted += count
            continue
        position[g] = p
        pile[prefs[p]].append(g)
        tally[prefs[p]] += count
    events = Events()
    history: list[list[Fraction]] = []
    stage = 0
    while True:
        stage += 1
        history.append([Fraction(v) for v in tally])
        standing_now = [c for c in range(n) if continuing[c]]
        total = sum(tally[c] for c in standing_now)
        base = valid if of_all else total
        events.add(
            RoundVotes(
                stage,
                tuple((names[c], Fraction(tally[c])) for c in standing_now),
                Fraction(exhausted),
                Fraction(base // 2 + 1),
                Fraction(base),
            )
        )
        if not standing_now:
            return Count((), events, history, Fraction(exhausted), False)
        leader = max(standing_now, key=lambda c: tally[c])
        if 2 * tally[leader] > base:
            events.add(MajorityReached(stage, names[leader], Fraction(tally[leader]), Fraction(base)))
            return Count((leader,), events, history, Fraction(exhausted), False)
        if len(standing_now) == 1:
            events.add(LastContinuing(stage, names[leader], Fraction(tally[leader])))
            return Count((leader,), events, history, Fraction(exhausted), False)
        out = lowest_to_exclude(names, standing_now, tally, bulk, 1, ties, history, stage, events)
        if out is None:
            return Count((), events, history, Fraction(exhausted), True)
        chosen, next_votes = out
        events.add(
            Excluded(
                stage,
                tuple((names[c], Fraction(tally[c])) for c in chosen),
                len(chosen) > 1,
                Fraction(next_votes) if next_votes is not None else None,
            )
        )
        for c in chosen:
            continuing[c] = False
        moved = [0] * n
        lost = 0
        if piles is not None:
            rows = piles.held(chosen)
            moved, lost = piles.move(rows, piles.values(rows))
            for target in range(n):
                tally[target] += moved[target]
        for c in chosen:
            for g in pile[c]:
                prefs, count = groups[g]
                p = position[g] + 1
                while p < len(prefs) and not continuing[prefs[p]]:
                    p += 1
                if p == len(prefs):
                    lost += count
                    continue
                position[g] = p
                target = prefs[p]
                pile[target].append(g)
                tally[target] += count
                moved[target] += count
            pile[c] = []
            tally[c] = 0
        exhausted += lost
        events.add(
            Transferred(
                stage,
                tuple(names[c] for c in chosen),
                None,
                None,
                tuple((names[c], Fraction(moved[c])) for c in range(n) if continuing[c]),
                Fraction(lost),
                Fraction(0),
            )
        )

"""Meek's method of the single transferable vote, exactly with the law's rounding.

Every candidate has a keep value: 1 while hopeful, 0 once excluded, and for an elected candidate the share of
each ballot reaching them that they keep. A ballot gives each candidate in its order its remaining weight times
the candidate's keep value (rounded down to the law's places) and passes the rest on; what is left after the
last preference is the excess. The quota is (valid ballots - excess) / (seats + 1), rounded down to the places,
plus one unit of the last place. Keep values are multiplied by quota / votes and rounded up to the places, until
the elected candidates' surpluses together are below 0.00001 (or stop changing); then the hopeful candidates
with the quota are elected, or, if none is, the lowest is excluded.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from ...facts.ranked import Excluded, KeepValues, QuotaReached, RoundVotes, SeatsFilledByRemaining
from .common import Events, TieKeys, lowest_to_exclude
from .irv import Count
from .piles import ARRAYS_FROM, Rows, fits
from .rules import TransferRule
from .stv import _by_votes

#: Iterations of one stage at most: keep values rounded to the law's places settle long before.
MAX_ITERATIONS = 1000
TOLERANCE = Fraction(1, 100000)


def meek(
    names: Sequence[str],
    groups: Sequence[tuple[tuple[int, ...], int]],
    valid: int,
    seats: int,
    *,
    transfer: TransferRule,
    bulk: bool,
    ties: TieKeys,
    standing: frozenset[int],
    exhausted_at_start: int = 0,
) -> Count:
    """The count (ballots without a preference, `exhausted_at_start`, are excess from the start). Every value
    is a multiple of one unit of the law's last decimal place, so the arithmetic runs on whole numbers of those
    units (exact, and far faster than fractions)."""
    assert transfer.places is not None
    scale = 10**transfer.places
    n = len(names)
    keep = [scale if c in standing else 0 for c in range(n)]
    hopeful = [c in standing for c in range(n)]
    elected: list[int] = []
    events = Events()
    history: list[list[Fraction]] = []
    stage = 0

    rows = Rows(groups, n) if len(groups) >= ARRAYS_FROM and fits(groups, scale) else None

    def distribute() -> tuple[list[int], int, int]:
        """Votes and excess in units; the quota in units: (valid - excess) / (seats + 1) rounded down, plus 1."""
        if rows is not None and max(keep) <= scale:  # a keep value above 1 could pass int64's bounds
            votes, left = rows.distribute(keep, scale)
            excess = exhausted_at_start * scale + left
            return votes, excess, (valid * scale - excess) // (seats + 1) + 1
        votes = [0] * n
        excess = exhausted_at_start * scale
        for prefs, count in groups:
            weight = scale
            for c in prefs:
                k = keep[c]
                if k == 0:
                    continue
                if k == scale:
                    votes[c] += weight * count
                    weight = 0
                    break
                part = weight * k // scale
                votes[c] += part * count
                weight -= part
                if weight == 0:
                    break
            excess += weight * count
        return votes, excess, (valid * scale - excess) // (seats + 1) + 1

    def fraction(units: int) -> Fraction:
        return Fraction(units, scale)

    while True:
        stage += 1
        iterations = 0
        votes, excess, quota = distribute()
        while elected and iterations < MAX_ITERATIONS:
            surplus = sum(votes[c] - quota for c in elected)
            if surplus * TOLERANCE.denominator < scale * TOLERANCE.numerator:
                break
            changed = False
            for c in elected:
                if votes[c] > 0:
                    new = -((-keep[c] * quota) // votes[c])  # rounded up
                    changed = changed or new != keep[c]
                    keep[c] = new
            if not changed:
                break
            iterations += 1
            votes, excess, quota = distribute()
        shown = [fraction(v) for v in votes]
        history.append(shown)
        events.add(
            RoundVotes(
                stage, tuple((names[c], shown[c]) for c in range(n) if keep[c] > 0), fraction(excess), fraction(quota)
            )
        )
        if elected:
            events.add(
                KeepValues(
                    stage,
                    tuple((names[c], fraction(keep[c])) for c in elected),
                    fraction(quota),
                    iterations,
                    fraction(excess),
                )
            )
        reached = [c for c in range(n) if hopeful[c] and votes[c] >= quota]
        if reached:
            order = _by_votes(names, reached, shown, ties, history, stage, "election", events)
            if order is None:
                return Count(tuple(elected), events, history, fraction(excess), True)
            for c in order:
                hopeful[c] = False
                elected.append(c)
            events.add(QuotaReached(stage, tuple((names[c], shown[c]) for c in order), fraction(quota)))
            if len(elected) >= seats:
                return Count(tuple(elected[:seats]), events, history, fraction(excess), False)
            continue
        left = [c for c in range(n) if hopeful[c]]
        if len(left) <= seats - len(elected):
            order = _by_votes(names, left, shown, ties, history, stage, "election", events)
            if order is None:
                return Count(tuple(elected), events, history, fraction(excess), True)
            elected.extend(order)
            events.add(SeatsFilledByRemaining(stage, tuple((names[c], shown[c]) for c in order)))
            return Count(tuple(elected), events, history, fraction(excess), False)
        out = lowest_to_exclude(names, left, shown, bulk, seats - len(elected), ties, history, stage, events)
        if out is None:
            return Count(tuple(elected), events, history, fraction(excess), True)
        chosen, next_votes = out
        events.add(Excluded(stage, tuple((names[c], shown[c]) for c in chosen), len(chosen) > 1, next_votes))
        for c in chosen:
            hopeful[c] = False
            keep[c] = 0

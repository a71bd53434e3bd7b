"""The single transferable vote with Gregory surplus transfers, exactly (or rounded exactly as the law says).

Ballots are held in parcels: bundles of identical preferences at one value, in the order a candidate received
them. At each stage the candidates with the quota are elected; then the largest surplus not yet transferred
passes on (inclusive Gregory: every ballot at the surplus over the candidate's ballots; weighted inclusive
Gregory: every ballot at its value times the surplus over the candidate's votes; last parcel: the last parcel
received, at its value times the surplus over the parcel's transferable value, at most its value); with no
surplus left, the lowest candidate is excluded (or several together where the law allows it) and their ballots
pass on at their values. When as many candidates continue as seats are left, all are elected.

Where the law rounds values to decimal places and the rankings are many, the parcels are int64 arrays of whole
units of the last place (piles.py); the facts recorded are the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from operator import itemgetter

from ...facts.ranked import (
    Excluded,
    QuotaReached,
    RoundVotes,
    SeatsFilledByRemaining,
    Transferred,
)
from .common import Events, TieKeys, lowest_to_exclude
from .irv import Count
from .piles import ARRAYS_FROM, Piles, fits
from .rules import TransferRule

Bundle = tuple[int, int, Fraction]  # group, position in its preferences, value of each ballot
Parcel = list[Bundle]


def quota_of(name: str, valid: int, seats: int) -> tuple[Fraction, bool]:
    """The quota and whether reaching it elects (True) or only exceeding it (False)."""
    if name == "droop":
        return Fraction(valid // (seats + 1) + 1), True
    if name == "exact droop":
        return Fraction(valid, seats + 1), False
    return Fraction(valid, seats), True


def gregory(
    names: Sequence[str],
    groups: Sequence[tuple[tuple[int, ...], int]],
    quota: Fraction,
    reaching: bool,
    seats: int,
    *,
    transfer: TransferRule,
    bulk: bool,
    ties: TieKeys,
    standing: frozenset[int],
    exhausted_at_start: int = 0,
) -> Count:
    n = len(names)
    counts = list(map(itemgetter(1), groups))
    continuing = [c in standing for c in range(n)]
    parcels: list[list[Parcel]] = [[] for _ in range(n)]
    whole = [0] * n
    exhausted = Fraction(exhausted_at_start)
    first: list[Parcel] = [[] for _ in range(n)]
    one = Fraction(1)
    piles = (
        Piles(groups, n, continuing, 10**transfer.places)
        if transfer.places is not None and len(groups) >= ARRAYS_FROM and fits(groups, 10**transfer.places)
        else None
    )
    if piles is not None:
        whole, lost_at_start = piles.start()
        exhausted += lost_at_start
    for g, (prefs, count) in enumerate(groups if piles is None else ()):
        p = _next(prefs, -1, continuing)
        if p is None:
            exhausted += count
            continue
        first[prefs[p]].append((g, p, one))
        whole[prefs[p]] += count
    votes = [Fraction(v) for v in whole]
    for c in range(n):
        if first[c]:
            parcels[c].append(first[c])
    events = Events()
    history: list[list[Fraction]] = []
    elected: list[int] = []
    pending: list[int] = []
    stage = 1

    def snapshot() -> None:
        history.append(list(votes))
        events.add(
            RoundVotes(
                stage,
                tuple((names[c], votes[c]) for c in range(n) if continuing[c] or c in elected),
                exhausted,
                quota,
            )
        )

    def done(lot: bool) -> Count:
        return Count(tuple(elected), events, history, exhausted, lot)

    snapshot()
    while True:
        reached = [c for c in range(n) if continuing[c] and (votes[c] >= quota if reaching else votes[c] > quota)]
        if reached:
            order = _by_votes(names, reached, votes, ties, history, stage, "election", events)
            if order is None:
                return done(True)
            for c in order:
                continuing[c] = False
                elected.append(c)
                if votes[c] > quota:
                    pending.append(c)
            events.add(QuotaReached(stage, tuple((names[c], votes[c]) for c in order), quota))
        if len(elected) >= seats:
            return done(False)
        left = [c for c in range(n) if continuing[c]]
        if len(left) <= seats - len(elected):
            order = _by_votes(names, left, votes, ties, history, stage, "election", events)
            if order is None:
                return done(True)
            elected.extend(order)
            for c in order:
                continuing[c] = False
            events.add(SeatsFilledByRemaining(stage, tuple((names[c], votes[c]) for c in order)))
            return done(False)
        stage += 1
        if pending:
            largest = max(votes[c] for c in pending)
            tied = [c for c in pending if votes[c] == largest]
            source = tied[0] if len(tied) == 1 else ties.settle(names, tied, history, True, stage, "surplus", events)
            if source is None:
                return done(True)
            pending.remove(source)
            exhausted += _surplus(
                names, groups, counts, parcels, votes, continuing, source, quota, transfer, stage, events, piles
            )
        else:
            out = lowest_to_exclude(names, left, votes, bulk, seats - len(elected), ties, history, stage, events)
            if out is None:
                return done(True)
            chosen, next_votes = out
            events.add(Excluded(stage, tuple((names[c], votes[c]) for c in chosen), len(chosen) > 1, next_votes))
            for c in chosen:
                continuing[c] = False
            exhausted += _exclusion(
                names, groups, counts, parcels, votes, continuing, chosen, stage, events, transfer, piles
            )
        snapshot()


def _next(prefs: tuple[int, ...], p: int, continuing: list[bool]) -> int | None:
    p += 1
    while p < len(prefs) and not continuing[prefs[p]]:
        p += 1
    return p if p < len(prefs) else None


def _by_votes(
    names: Sequence[str],
    chosen: list[int],
    votes: list[Fraction],
    ties: TieKeys,
    history: list[list[Fraction]],
    stage: int,
    what: str,
    events: Events,
) -> list[int] | None:
    """`chosen` from the most votes down, equal votes ordered by the tie rule (None: a lot is needed)."""
    order: list[int] = []
    for value in sorted({votes[c] for c in chosen}, reverse=True):
        group = [c for c in chosen if votes[c] == value]
        while len(group) > 1:
            best = ties.settle(names, group, history, True, stage, what, events)
            if best is None:
                return None
            order.append(best)
            group.remove(best)
        order.extend(group)
    return order


def _move(
    groups: Sequence[tuple[tuple[int, ...], int]],
    counts: list[int],
    bundles: list[Bundle],
    value_of: dict[int, Fraction] | None,
    parcels: list[list[Parcel]],
    votes: list[Fraction],
    continuing: list[bool],
    transfer: TransferRule | None,
    scale: Fraction | None,
) -> tuple[list[Fraction], Fraction]:
    """Pass `bundles` to their next continuing preferences (a new parcel each), each ballot at its value times
    `scale` (rounded as the law says) or at its own value; -> votes moved to each candidate, value exhausted."""
    n = len(votes)
    if (
        transfer is not None
        and transfer.places is not None
        and all(10**transfer.places % b[2].denominator == 0 for b in bundles)
    ):
        return _move_in_units(groups, counts, bundles, value_of, parcels, votes, continuing, transfer, scale)
    moved = [Fraction(0)] * n
    received: dict[int, Parcel] = {}
    exhausted = Fraction(0)
    for g, p, value in bundles:
        new = value if scale is None else value * scale
        if transfer is not None:
            new = transfer.rounded(new)
        if value_of is not None:
            new = value_of.get(g, new)
        prefs = groups[g][0]
        q = _next(prefs, p, continuing)
        worth = new * counts[g]
        if q is None:
            exhausted += worth
            continue
        target = prefs[q]
        received.setdefault(target, []).append((g, q, new))
        moved[target] += worth
        votes[target] += worth
    for target, parcel in received.items():
        parcels[target].append(parcel)
    return moved, exhausted


def _move_in_units(
    groups: Sequence[tuple[tuple[int, ...], int]],
    counts: list[int],
    bundles: list[Bundle],
    value_of: dict[int, Fraction] | None,
    parcels: list[list[Parcel]],
    votes: list[Fraction],
    continuing: list[bool],
    transfer: TransferRule,
    scale: Fraction | None,
) -> tuple[list[Fraction], Fraction]:
    """`_move` where the law rounds values to its decimal places and every value is a multiple of the last
    place's unit: the same numbers, in whole units (fractions are built once per distinct value and total)."""
    assert transfer.places is not None
    unit = 10**transfer.places
    n = len(votes)
    moved_units = [0] * n
    exhausted_units = 0
    made: dict[int, Fraction] = {}
    received: dict[int, Parcel] = {}
    fixed = next(iter(value_of.values())) if value_of else None
    fixed_units = (
        None
        if fixed is None
        else -((-fixed.numerator * unit) // fixed.denominator)
        if transfer.up
        else (fixed.numerator * unit // fixed.denominator)
    )
    top, bottom = (scale.numerator, scale.denominator) if scale is not None else (1, 1)
    for g, p, value in bundles:
        own = value.numerator * (unit // value.denominator)
        if fixed_units is not None:
            new = fixed_units
        elif transfer.up:
            new = -((-own * top) // bottom)
        else:
            new = own * top // bottom
        prefs = groups[g][0]
        q = _next(prefs, p, continuing)
        worth = new * counts[g]
        if q is None:
            exhausted_units += worth
            continue
        target = prefs[q]
        shown = made.get(new)
        if shown is None:
            shown = made[new] = Fraction(new, unit)
        received.setdefault(target, []).append((g, q, shown))
        moved_units[target] += worth
    moved = [Fraction(m, unit) if m else Fraction(0) for m in moved_units]
    for target, parcel in received.items():
        parcels[target].append(parcel)
        votes[target] += moved[target]
    return moved, Fraction(exhausted_units, unit)


def _surplus(
    names: Sequence[str],
    groups: Sequence[tuple[tuple[int, ...], int]],
    counts: list[int],
    parcels: list[list[Parcel]],
    votes: list[Fraction],
    continuing: list[bool],
    source: int,
    quota: Fraction,
    transfer: TransferRule,
    stage: int,
    events: Events,
    piles: Piles | None = None,
) -> Fraction:
    """Transfer the surplus of `source`; -> the value exhausted or lost to rounding."""
    surplus = votes[source] - quota
    value: Fraction | None
    if piles is not None:
        moved, exhausted, value = _surplus_in_units(piles, votes, source, surplus, transfer)
        return _transferred(names, votes, continuing, source, quota, surplus, value, moved, exhausted, stage, events)
    held = [b for parcel in parcels[source] for b in parcel]
    if transfer.name == "last parcel gregory":
        last = parcels[source][-1] if parcels[source] else []
        movable = [b for b in last if _next(groups[b[0]][0], b[1], continuing) is not None]
        worth = sum((b[2] * counts[b[0]] for b in movable), Fraction(0))
        scale = None if worth <= surplus else surplus / worth
        bundles = movable
        value = None if scale is None else scale
    elif transfer.name == "inclusive gregory":
        papers = sum(counts[b[0]] for b in held)
        value = transfer.rounded(surplus / papers) if papers else Fraction(0)
        bundles = held
        scale = None
    else:  # weighted inclusive gregory
        scale = surplus / votes[source] if votes[source] else Fraction(0)
        bundles = held
        value = scale
    fixed = {b[0]: value for b in bundles} if transfer.name == "inclusive gregory" and value is not None else None
    moved, exhausted = _move(groups, counts, bundles, fixed, parcels, votes, continuing, transfer, scale)
    if transfer.name == "last parcel gregory" and scale is None:
        exhausted += surplus - sum(moved, Fraction(0))  # the parcel carries less than the surplus: the rest stays
    parcels[source] = []
    return _transferred(names, votes, continuing, source, quota, surplus, value, moved, exhausted, stage, events)


def _surplus_in_units(
    piles: Piles, votes: list[Fraction], source: int, surplus: Fraction, transfer: TransferRule
) -> tuple[list[Fraction], Fraction, Fraction | None]:
    """`_surplus`'s transfer where every value is a whole number of units (`piles`): the same numbers."""
    unit = piles.unit
    value: Fraction | None
    if transfer.name == "last parcel gregory":
        rows = piles.movable(piles.last_parcel(source))
        worth = Fraction(piles.worth(rows), unit)
        scale = None if worth <= surplus else surplus / worth
        value = scale
        new = (
            piles.values(rows) if scale is None else piles.scaled(rows, scale.numerator, scale.denominator, transfer.up)
        )
    elif transfer.name == "inclusive gregory":
        rows = piles.held([source])
        papers = int(piles.counts[rows].sum())
        value = transfer.rounded(surplus / papers) if papers else Fraction(0)
        new = piles.values(rows)
        new[:] = value.numerator * (unit // value.denominator)
    else:  # weighted inclusive gregory
        rows = piles.held([source])
        scale = surplus / votes[source] if votes[source] else Fraction(0)
        value = scale
        new = piles.scaled(rows, scale.numerator, scale.denominator, transfer.up)
    units, lost_units = piles.move(rows, new)
    moved = [Fraction(m, unit) if m else Fraction(0) for m in units]
    for target, m in enumerate(moved):
        votes[target] += m
    exhausted = Fraction(lost_units, unit)
    if transfer.name == "last parcel gregory" and scale is None:
        exhausted += surplus - sum(moved, Fraction(0))
    return moved, exhausted, value


def _transferred(
    names: Sequence[str],
    votes: list[Fraction],
    continuing: list[bool],
    source: int,
    quota: Fraction,
    surplus: Fraction,
    value: Fraction | None,
    moved: list[Fraction],
    exhausted: Fraction,
    stage: int,
    events: Events,
) -> Fraction:
    """Record a surplus transfer; -> the value exhausted or lost to rounding."""
    lost = surplus - sum(moved, Fraction(0)) - exhausted  # what rounding the values down (or up) lost (or made)
    votes[source] = quota
    events.add(
        Transferred(
            stage,
            (names[source],),
            surplus,
            value,
            tuple((names[c], moved[c]) for c in range(len(votes)) if continuing[c]),
            exhausted,
            lost,
        )
    )
    return exhausted + lost


def _exclusion(
    names: Sequence[str],
    groups: Sequence[tuple[tuple[int, ...], int]],
    counts: list[int],
    parcels: list[list[Parcel]],
    votes: list[Fraction],
    continuing: list[bool],
    chosen: list[int],
    stage: int,
    events: Events,
    transfer: TransferRule,
    piles: Piles | None = None,
) -> Fraction:
    """Pass the ballots of the excluded candidates on at their values (the law's rounding leaves them as they
    are: they are already rounded)."""
    if piles is not None:
        rows = piles.held(chosen)
        units, lost_units = piles.move(rows, piles.values(rows))
        moved = [Fraction(m, piles.unit) if m else Fraction(0) for m in units]
        for target, m in enumerate(moved):
            votes[target] += m
        exhausted = Fraction(lost_units, piles.unit)
    else:
        bundles = [b for c in chosen for parcel in parcels[c] for b in parcel]
        moved, exhausted = _move(groups, counts, bundles, None, parcels, votes, continuing, transfer, None)
    for c in chosen:
        parcels[c] = []
        votes[c] = Fraction(0)
    events.add(
        Transferred(
            stage,
            tuple(names[c] for c in chosen),
            None,
            None,
            tuple((names[c], moved[c]) for c in range(len(votes)) if continuing[c]),
            exhausted,
            Fraction(0),
        )
    )
    return exhausted

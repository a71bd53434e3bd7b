"""The candidates with the most votes, within a limit of seats per gender (`at most 2 seats to candidates of one
gender`): down the ranking by votes, a candidate whose gender already holds the limit is passed over and the seat
goes to the next candidate. Equal votes at a cut go to the law's tie rule, first within each gender whose room
they exceed, then for the seats left (the same as walking the tie rule's order and passing over a full gender).
"""

from __future__ import annotations

from attrs import frozen

from ..facts.allocation import TheSeat
from ..facts.contest import LimitedPlurality, NotEvaluated, PluralityTied, SeatsVacantByLimit
from ..figures import Named, named, votes_of, with_status, word
from ..states import StepKind, StepResult
from ..trace import InputValue
from .context import UnitContext, figure_input
from .ties import break_tie


@frozen
class Limited:
    """Who is elected, what is still tied (for how many seats), what the walk lacked, seats left vacant."""

    winners: tuple[str, ...]
    tied: tuple[str, ...] = ()
    tied_seats: int = 0
    missing: tuple[str, ...] = ()
    tie_missing: tuple[str, ...] = ()
    vacant: int = 0


def elect_within_limit(ctx: UnitContext) -> Limited:
    """Elect the unit's seats by plurality within the contest's limit per gender."""
    contest = ctx.contest
    assert contest.gender_limit is not None
    limit, provenance = contest.gender_limit
    figures = {s: ctx.vote(s) for s in ctx.selections}
    genders = {s: ctx.results.attribute(ctx.unit, s, "gender") for s in ctx.selections}
    inputs: list[tuple[str, InputValue]] = [(votes_of(s), figure_input(f)) for s, f in figures.items()]
    inputs += [(named(Named.ATTRIBUTE_OF, s, "gender"), g if g is not None else "absent") for s, g in genders.items()]
    available = contest.seats_in(ctx.unit)
    missing = tuple(with_status(votes_of(s), f.status) for s, f in figures.items() if not f.known)
    missing += tuple(named(Named.NO_GENDER_GIVEN, s) for s, g in genders.items() if g is None)
    if available is None:
        missing = (named(Named.NO_SEATS_GIVEN, ctx.unit), *missing)
    if missing:
        ctx.record(StepKind.ELECTION, provenance, inputs, NotEvaluated(missing), StepResult.NOT_EVALUATED)
        return Limited((), missing=missing)
    assert available is not None
    inputs.append((word("seats"), available))
    votes = {s: figures[s].value or 0 for s in ctx.selections}
    gender = {s: g or 0 for s, g in genders.items()}
    held: dict[int, int] = {}
    winners: list[str] = []
    passed: list[str] = []
    left = available
    for value in sorted({votes[s] for s in ctx.selections}, reverse=True):
        if left == 0:
            break
        group = [s for s in ctx.selections if votes[s] == value]
        passed += [s for s in group if held.get(gender[s], 0) >= limit]
        eligible = [s for s in group if held.get(gender[s], 0) < limit]
        rooms = {g: limit - held.get(g, 0) for g in {gender[s] for s in eligible}}
        count = {g: sum(1 for s in eligible if gender[s] == g) for g in rooms}
        capacity = sum(min(rooms[g], count[g]) for g in rooms)
        chosen: list[str] = []
        for g in sorted(rooms):
            members = tuple(s for s in eligible if gender[s] == g)
            if count[g] <= rooms[g]:
                chosen += members
                continue
            tie = break_tie(ctx, contest.tie_rule, members, rooms[g], TheSeat())
            if tie.still_tied or tie.missing:
                if capacity <= left and all(count[h] <= rooms[h] for h in rooms if h != g):
                    others = [s for s in eligible if gender[s] != g]  # each of the other genders fits its room
                    found = Limited((*winners, *others, *tie.winners), tie.still_tied, tie.seats_left)
                else:
                    found = Limited(tuple(winners), tuple(eligible), min(left, capacity))
                return _unsettled(ctx, inputs, found, tie.missing)
            chosen += tie.winners
        if len(chosen) > left:
            tie = break_tie(ctx, contest.tie_rule, tuple(chosen), left, TheSeat())
            if tie.still_tied or tie.missing:
                return _unsettled(
                    ctx, inputs, Limited((*winners, *tie.winners), tie.still_tied, tie.seats_left), tie.missing
                )
            chosen = list(tie.winners)
        for s in chosen:
            held[gender[s]] = held.get(gender[s], 0) + 1
        winners += chosen
        left -= len(chosen)
    ctx.record(
        StepKind.ELECTION,
        provenance,
        inputs,
        LimitedPlurality(tuple((w, votes[w]) for w in winners), tuple(passed), limit),
        StepResult.ELECTED,
    )
    vacant = left if left and passed else 0
    if vacant:
        ctx.record(
            StepKind.ELECTION,
            provenance,
            [(word("seats"), available)],
            SeatsVacantByLimit(vacant, limit),
            StepResult.NO_SEAT,
        )
    return Limited(tuple(winners), vacant=vacant)


def _unsettled(
    ctx: UnitContext, inputs: list[tuple[str, InputValue]], found: Limited, missing: tuple[str, ...]
) -> Limited:
    """A tie the law's rule does not settle: the seats above it are sure, the rest wait for the lot (or figures)."""
    assert ctx.contest.gender_limit is not None
    provenance = ctx.contest.gender_limit[1]
    cut = ctx.vote(found.tied[0]).value or 0 if found.tied else 0
    ctx.record(StepKind.ELECTION, provenance, inputs, PluralityTied(found.tied, cut, found.tied_seats), StepResult.TIED)
    return Limited(found.winners, found.tied, found.tied_seats, tie_missing=missing)

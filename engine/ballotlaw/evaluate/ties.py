"""Apply the law's tie rule to selections with equal claims; never break a tie the law does not break.

Each key of the rule (more votes, fewer votes, ballot order, earlier registration) ranks the tied selections;
seats go down the ranking while whole groups fit. What is still tied when the keys run out, or when the key is `lot`,
is reported as needing a lot, with the selections and the number of seats, unless the results give the lot
as the commission drew and published it (`lot_order` of every tied selection): then the draw decides.
"""

from __future__ import annotations

from attrs import frozen

from .. import model
from ..facts import Fact
from ..facts import allocation as f
from ..figures import Named, named, votes_of, word
from ..results.model import ABSENT_FIGURE, Figure
from ..states import StepKind, StepResult
from ..trace import InputValue
from .context import UnitContext, figure_input

_ATTRIBUTE = {
    "ballot order": "ballot_number",
    "earlier registration": "registration_order",
    "older candidate": "age_order",
    "younger candidate": "age_order",  # ranked from the other end
}
#: Keys that rank by the selections' votes: more first, or fewer first; or more in the whole country.
_BY_VOTES = ("more votes", "fewer votes")
_NATIONALLY = "more votes nationally"
VOTE_KEYS = (*_BY_VOTES, _NATIONALLY)


@frozen
class TieBreak:
    winners: tuple[str, ...]
    still_tied: tuple[str, ...]
    seats_left: int
    missing: tuple[str, ...] = ()


def key_votes(ctx: UnitContext, key: str, selection: str) -> tuple[str | None, Figure]:
    """The votes a key ranks by: the unit's, or (`more votes nationally`) the nation's, with where they are."""
    if key != _NATIONALLY:
        return None, ctx.vote(selection)
    nation = ctx.nation()
    where = None if nation == ctx.unit else nation
    return where, ctx.vote(selection, nation) if nation is not None else ABSENT_FIGURE


def _rank_value(ctx: UnitContext, key: str, selection: str) -> int | None:
    if key in VOTE_KEYS:
        figure = key_votes(ctx, key, selection)[1]
        if not figure.known or figure.value is None:
            return None
        return figure.value if key == "fewer votes" else -figure.value
    value = ctx.results.attribute(ctx.unit, selection, _ATTRIBUTE[key])
    return -value if value is not None and key == "younger candidate" else value


def _published_draw(
    ctx: UnitContext, provenance: model.Provenance | None, group: list[str], winners: list[str], seats: int, what: Fact
) -> TieBreak | None:
    """The lot as drawn and published (the results give `lot_order` for every tied selection, 1 = drawn
    first): it decides. None when the results do not give the draw for every tied selection."""
    given = {s: ctx.results.attribute(ctx.unit, s, "lot_order") for s in group}
    order = {s: v for s, v in given.items() if v is not None}
    if len(order) != len(group):
        return None
    drawn = sorted(group, key=lambda s: (order[s], s))
    chosen = drawn[:seats]
    ctx.record(
        StepKind.TIE,
        provenance,
        [(named(Named.ATTRIBUTE_OF, s, "lot_order"), order[s]) for s in drawn],
        f.TieDrawn(what, tuple(group), seats, tuple(chosen)),
        StepResult.DRAWN,
    )
    return TieBreak((*winners, *chosen), (), 0)


def break_tie(ctx: UnitContext, rule: model.TieRule | None, tied: tuple[str, ...], seats: int, what: Fact) -> TieBreak:
    """Give `seats` among `tied` as the rule says; `what` is what the tie is for (a fact the trace names it by)."""
    winners: list[str] = []
    group = list(tied)
    if rule is None:
        if (drawn := _published_draw(ctx, None, group, winners, seats, what)) is not None:
            return drawn
        ctx.record(
            StepKind.TIE,
            None,
            [(word("tied"), ", ".join(group)), (word("seats"), seats)],
            f.TieWithoutRule(what, tuple(group), seats),
            StepResult.LOT_NEEDED,
        )
        return TieBreak((), tuple(group), seats)
    for key in rule.keys:
        if key == "lot":
            if (drawn := _published_draw(ctx, rule.provenance, group, winners, seats, what)) is not None:
                return drawn
            ctx.record(
                StepKind.TIE,
                rule.provenance,
                [(word("tied"), ", ".join(group)), (word("seats"), seats)],
                f.TieByLot(what, tuple(group), seats),
                StepResult.LOT_NEEDED,
            )
            return TieBreak(tuple(winners), tuple(group), seats)
        values = {s: _rank_value(ctx, key, s) for s in group}
        inputs: list[tuple[str, InputValue]] = []
        for s in group:
            if key in VOTE_KEYS:
                where, figure = key_votes(ctx, key, s)
                inputs.append((votes_of(s, where), figure_input(figure)))
            else:
                value = values[s]
                inputs.append((named(Named.ATTRIBUTE_OF, s, _ATTRIBUTE[key]), value if value is not None else "absent"))
        unknown = [s for s in group if values[s] is None]
        if unknown:
            missing = tuple(named(Named.ATTRIBUTE_OF, s, _ATTRIBUTE.get(key, "votes")) for s in unknown)
            ctx.record(
                StepKind.TIE, rule.provenance, inputs, f.TieKeyMissing(what, key, missing), StepResult.NOT_EVALUATED
            )
            return TieBreak(tuple(winners), tuple(group), seats, missing)
        ranked = sorted(set(v for v in values.values() if v is not None))
        next_group: list[str] = []
        for value in ranked:
            members = [s for s in group if values[s] == value]
            if len(members) <= seats:
                winners.extend(members)
                seats -= len(members)
                continue
            next_group = members
            break
        decided = tuple(s for s in winners if s in group)
        ctx.record(
            StepKind.TIE,
            rule.provenance,
            inputs,
            f.TieRanked(what, key, decided, tuple(next_group), seats),
            StepResult.DECIDED if not next_group or seats == 0 else StepResult.STILL_TIED,
        )
        if seats == 0 or not next_group:
            return TieBreak(tuple(winners), (), 0)
        group = next_group
    ctx.record(
        StepKind.TIE,
        rule.provenance,
        [(word("tied"), ", ".join(group)), (word("seats"), seats)],
        f.TieUnbroken(what, tuple(group), seats),
        StepResult.LOT_NEEDED,
    )
    return TieBreak(tuple(winners), tuple(group), seats)

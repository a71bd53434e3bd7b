"""Witnesses of clauses that decide who takes part: a fallback that admits lists when the thresholds leave too
few (`if fewer than N lists qualify ...`, `... until they have 60% of ...`), cancelled registrations, the share
under which a minority list's votes are multiplied, and counts of ranked ballots."""

from __future__ import annotations

from collections.abc import Callable

from ..evaluate.bounds import count_bounds, vote_bounds
from ..evaluate.context import UnitContext
from ..facts.allocation import MultiplierNotDecided, MultiplierShare
from ..facts.qualifying import JointList, JointNotApplied, QualifiesEitherWay
from ..facts.ranked import BallotsCounted, QuotaReached, QuotaSet, RankedTieBroken, SeatsFilledByRemaining
from ..figures import Named, subject
from ..methods.ranked.rules import INSTANT_RUNOFF, SINGLE_TRANSFERABLE_VOTE
from ..outcome import UnitOutcome
from ..states import Qualification
from ..trace import Step
from .rounds import number_json

#: The attribute of the results each key of a tie rule of a count of ranked ballots reads (lower comes first).
RANKED_ATTRIBUTES = {
    "ballot order": "ballot_number",
    "earlier registration": "registration_order",
    "older candidate": "age_order",
    "lot": "lot_order",
}
#: The tie witness of a group of tied lists for a number of places (the law's tie rule, as for seats).
TieWitness = Callable[[UnitContext, tuple[str, ...], int, list[Step]], dict[str, object]]


def fallback_witness(
    ctx: UnitContext, unit: UnitOutcome, step: Step, tie: TieWitness, ties: list[Step]
) -> dict[str, object] | None:
    """The rule, every list's votes, the lists that qualified before the fallback (by the outcome's tests: those
    it did not admit) and, for `fewer than N`, the tie at the edge broken by the law's rule."""
    label = step.clause
    admitted = {s.id for s in unit.selections if any(t.clause == label for t in s.tests)}
    # Lists undetermined by the thresholds that the rule admits whatever they turn out to be: undetermined before.
    either = {
        s.id
        for s in unit.selections
        if any(t.clause == label and isinstance(t.detail, QualifiesEitherWay) for t in s.tests)
    }
    before = [s.id for s in unit.selections if s.qualified == Qualification.YES and s.id not in admitted]
    undetermined = [
        s.id
        for s in unit.selections
        if (s.qualified == Qualification.UNDETERMINED and s.id not in admitted) or s.id in either
    ]
    figures = {s: ctx.vote(s) for s in ctx.selections}
    votes = {s: number_json(f.value) if f.known and f.value is not None else None for s, f in figures.items()}
    body: dict[str, object] = {
        "clause": label,
        "votes": votes,
        "before": before,
        "undetermined": undetermined,
        "result": step.result,
    }
    by_number = ctx.contest.fallback
    by_share = ctx.contest.share_fallback
    if by_number is not None and by_number.provenance.full_label == label:
        take = by_number.take
        body.update(rule="number", fewer_than=by_number.fewer_than, take=take, tie=None)
        body |= {"at_least": by_number.at_least} if by_number.at_least else {}
        bounds = {s: vote_bounds(ctx.results, ctx.unit, s).interval for s, f in figures.items() if not f.known}
        body["bounds"] = {
            s: {"low": number_json(b.low), "high": None if b.high is None else number_json(b.high)}
            for s, b in bounds.items()
        }
        known = {s: f.value or 0 for s, f in figures.items()}
        ranked = sorted(ctx.selections, key=lambda s: -known[s])
        if step.result == "fallback" and 0 < take < len(ranked) and known[ranked[take - 1]] == known[ranked[take]]:
            edge = known[ranked[take]]
            tied = tuple(s for s in ranked if known[s] == edge)
            body["tie"] = tie(ctx, tied, take - sum(1 for s in ranked if known[s] > edge), ties)
        return body
    if by_share is not None and by_share[2].full_label == label:
        share, base_name, _provenance = by_share
        where = ctx.nation() or ctx.unit
        base = ctx.count(base_name, where)
        most = count_bounds(ctx.results, where, base_name).interval.high
        value: object = number_json(base.value) if base.known and base.value is not None else None
        if value is None and most is not None:
            value = {"at_most": number_json(most)}  # the bound the results give it (evaluate/bounds.py)
        body.update(rule="share", share=number_json(share), base=value)
        return body
    return None


def multiplier_witness(ctx: UnitContext, step: Step) -> dict[str, object] | None:
    """A minority list measured against the share under which the law multiplies its votes: the factor, the
    share, the list's votes and the base where measured (the nation), null where not published."""
    rule, factor = ctx.contest.minority_below, ctx.contest.minority_factor
    decision = step.decision
    if rule is None or factor is None or not isinstance(decision, MultiplierShare | MultiplierNotDecided):
        return None
    where = ctx.nation() or ctx.unit
    values = dict(step.inputs)
    votes, base = values.get(f"votes of {decision.selection}"), values.get(rule.base)
    return {
        "selection": decision.selection,
        "where": where,
        "factor": number_json(factor),
        "share": number_json(rule.share),
        "base": rule.base,
        "votes": votes if isinstance(votes, int) else None,
        "base_value": base if isinstance(base, int) else None,
        "result": step.result,
    }


def cancelled_witness(ctx: UnitContext, step: Step) -> dict[str, object]:
    """Each candidate of the unit with the results' mark of a cancelled registration, and those the step names."""
    everyone = ctx.results.selections(ctx.unit)
    marks = {s: bool(ctx.results.attribute(ctx.unit, s, "registration_cancelled")) for s in everyone}
    named = [who for name, _value in step.inputs if (who := subject(name, Named.VOTES_OF)) is not None]
    return {"registration_cancelled": marks, "cancelled": named, "result": step.result}


def joint_witness(ctx: UnitContext, step: Step) -> dict[str, object] | None:
    """The joint list of a national minority: the minority's lists (by the results' `national_minority`), the
    most seats the joint list takes, and the lists it joins (those that pass the clause's own threshold)."""
    fact = step.decision
    if not isinstance(fact, JointList | JointNotApplied):
        return None
    rule = next((r for r in ctx.contest.thresholds if r.provenance.full_label == step.clause), None)
    if rule is None or rule.joint_seats is None:
        return None
    marks = {s: ctx.results.attribute(ctx.unit, s, "national_minority") for s in ctx.selections}
    return {
        "clause": step.clause,
        "minority": fact.minority,
        "lists": [s for s, mark in marks.items() if mark == fact.minority],
        "most": rule.joint_seats,
        "members": list(fact.members) if isinstance(fact, JointList) else [],
        "result": step.result,
    }


def ranked_gap(ctx: UnitContext, steps: list[Step]) -> str | None:
    """Why a count of ranked ballots that decided something has no witness (None where it has one, or decided
    nothing): Meek's method, whose keep values are an iteration the checker does not repeat, or a tie the law's
    rule broke for the order of election or of surpluses, or left to a lot. `recheck --rules` counts the ballots
    again."""
    if not any(s.kind == "election" for s in steps):
        return None
    again = "(`recheck --rules` counts the ballots again)"
    transfer = ctx.contest.transfer
    if transfer is not None and transfer.name == "meek":
        return f"witness not provided for a count by Meek's method {again}"
    if any(s.kind == "tie" for s in steps):
        return f"witness not provided for a count of ranked ballots with a tie other than for an exclusion {again}"
    return None


def ranked_witness(ctx: UnitContext, steps: list[Step]) -> dict[str, object] | None:
    """A count of ranked ballots: the valid ballots and the law's options (bulk exclusion; the base of the
    majority of an instant runoff; the quota and the seats of a single transferable vote, with the candidates
    each election step names; the tie rule's keys and the tied candidates' values where it chose whom to
    exclude); the checker re-decides each round from the counts the trace records. None for Meek's method, and
    where a tie was for the order of election or of surpluses, or left to a lot."""
    contest = ctx.contest
    kinds = [str(s.kind) for s in steps]
    ballots = next((s.decision for s in steps if isinstance(s.decision, BallotsCounted)), None)
    ties = [s.decision for s in steps if s.kind == "tie"]
    excluding = all(isinstance(t, RankedTieBroken) and t.what == "exclusion" for t in ties)
    if ballots is None or not excluding or "election" not in kinds:
        return None
    body: dict[str, object] = {
        "rule": contest.elect_rule,
        "valid": ballots.valid,
        "bulk": contest.bulk_exclusion is not None,
    }
    if ties:  # the rule's keys, and each tied candidate's attributes (lower first) and published lot
        keys = list(contest.tie_rule.keys) if contest.tie_rule is not None else []
        tied = sorted({name for t in ties if isinstance(t, RankedTieBroken) for name in t.tied})
        attribute = {k: v for k, v in RANKED_ATTRIBUTES.items() if k in keys}
        values = {n: {k: ctx.results.attribute(ctx.unit, n, a) for k, a in attribute.items()} for n in tied}
        body["ties"] = {"rule": keys, "values": values}
    if contest.elect_rule == INSTANT_RUNOFF:
        of_all = contest.majority_base is not None and contest.majority_base.of == "all"
        return {**body, "majority_of": "all" if of_all else "continuing"}
    quota = next((s.decision for s in steps if isinstance(s.decision, QuotaSet)), None)
    gregory = contest.transfer is None or contest.transfer.name != "meek"
    if contest.elect_rule != SINGLE_TRANSFERABLE_VOTE or quota is None or not gregory:
        return None
    elected = {
        str(s.n): [name for name, _votes in s.decision.names]
        for s in steps
        if isinstance(s.decision, QuotaReached | SeatsFilledByRemaining)
    }
    return {**body, "quota": quota.name, "seats": quota.seats, "elected": elected}

"""A question put to the voters (a referendum): validity (turnout quorum), approval rules, recount."""

from __future__ import annotations

from .. import model
from ..outcome import APPROVED, PROVISIONAL, RECOUNT, REJECTED, VOID, Reason, SelectionOutcome, UnitOutcome
from .context import UnitContext
from .lists import check_validity
from .unpublished import unpublished_figures


def evaluate_options_unit(ctx: UnitContext) -> UnitOutcome:
    contest = ctx.contest
    checks = check_validity(ctx)
    approvals = [
        (rule.option, ctx.check_condition(model.ConditionRule(rule.provenance, rule.condition), "approve"))
        for rule in contest.approvals
    ]
    checks += [check for _, check in approvals]
    checks += [ctx.check_condition(rule, "recount") for rule in contest.recounts]
    reasons = [
        Reason(c.clause, f"{c.kind} not evaluated: {'; '.join(c.missing)}", c.missing)
        for c in checks
        if c.result == "not evaluated"
    ]
    approved = [option for option, check in approvals if check.result == "approved"]
    if any(c.result == "void" for c in checks):
        status, note = VOID, "the vote is void: a validity condition (such as a turnout quorum) is not met"
    elif reasons:
        status, note = PROVISIONAL, "the result cannot be confirmed until the missing figures are published"
    elif any(c.result == "recount" for c in checks):
        status, note = RECOUNT, "a recount is ordered before the result is declared"
    elif approved:
        status, note = APPROVED, f"approved: {', '.join(approved)}"
    else:
        status, note = REJECTED, "no option is approved"
    final = status in (APPROVED, REJECTED)
    selections = tuple(
        SelectionOutcome(
            id=s, votes=ctx.vote(s), tests=(), qualified="", seats=None, elected=(s in approved) if final else None
        )
        for s in ctx.selections
    )
    return UnitOutcome(
        unit=ctx.unit,
        name=ctx.results.units[ctx.unit].name,
        status=status,
        reasons=tuple(reasons),
        selections=selections,
        checks=tuple(checks),
        seats_status="computed" if final else ("void" if status == VOID else "not computed"),
        seats_note=note,
        unpublished=unpublished_figures(ctx),
    )

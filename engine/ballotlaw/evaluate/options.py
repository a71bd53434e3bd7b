"""A question put to the voters (a referendum): validity (turnout quorum), approval rules, recount."""

from __future__ import annotations

from .. import model
from ..facts.qualifying import ConditionNotEvaluated, QuestionDecided
from ..outcome import Reason, SelectionOutcome, UnitOutcome
from ..states import CheckKind, CheckResult, Qualification, SeatsStatus, Status
from .context import UnitContext
from .lists import check_validity
from .unpublished import unpublished_figures


def evaluate_options_unit(ctx: UnitContext) -> UnitOutcome:
    contest = ctx.contest
    checks = check_validity(ctx)
    approvals = [
        (rule.option, ctx.check_condition(model.ConditionRule(rule.provenance, rule.condition), CheckKind.APPROVE))
        for rule in contest.approvals
    ]
    checks += [check for _, check in approvals]
    checks += [ctx.check_condition(rule, CheckKind.RECOUNT) for rule in contest.recounts]
    reasons = [
        Reason(c.clause, ConditionNotEvaluated(c.kind, c.missing), c.missing)
        for c in checks
        if c.result == CheckResult.NOT_EVALUATED
    ]
    approved = tuple(option for option, check in approvals if check.result == CheckResult.APPROVED)
    if any(c.result == CheckResult.VOID for c in checks):
        status = Status.VOID
    elif reasons:
        status = Status.PROVISIONAL
    elif any(c.result == CheckResult.RECOUNT for c in checks):
        status = Status.RECOUNT
    else:
        status = Status.APPROVED if approved else Status.REJECTED
    final = status in (Status.APPROVED, Status.REJECTED)
    selections = tuple(
        SelectionOutcome(
            id=s,
            votes=ctx.vote(s),
            tests=(),
            qualified=Qualification.NONE,
            seats=None,
            elected=(s in approved) if final else None,
        )
        for s in ctx.selections
    )
    if final:
        seats_status = SeatsStatus.COMPUTED
    else:
        seats_status = SeatsStatus.VOID if status == Status.VOID else SeatsStatus.NOT_COMPUTED
    return UnitOutcome(
        unit=ctx.unit,
        name=ctx.results.units[ctx.unit].name,
        status=status,
        reasons=tuple(reasons),
        selections=selections,
        checks=tuple(checks),
        seats_status=seats_status,
        seats_note=QuestionDecided(status, approved if status == Status.APPROVED else ()),
        unpublished=unpublished_figures(ctx),
    )

"""Conditions and terms of a contest, and the clauses that are a condition: `rerun if`, `valid only if`,
`valid at any turnout`, `recount if`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model
from ..states import RerunCandidates
from ..syntax import ast

if TYPE_CHECKING:
    from .contest import ContestChecker
    from .registry import Rules


def rerun(cc: ContestChecker, body: ast.Rerun, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    checked = condition(cc, body.condition)
    if checked is None:
        return {}
    return {"reruns": model.ConditionRule(provenance, checked, _rerun_candidates(body.candidates))}


def _rerun_candidates(written: str | None) -> RerunCandidates | None:
    return None if written is None else RerunCandidates(written)


def valid_if(cc: ContestChecker, body: ast.ValidIf, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    checked = condition(cc, body.condition)
    return {} if checked is None else {"validity": model.ConditionRule(provenance, checked)}


def valid_always(cc: ContestChecker, body: ast.ValidAlways, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    return {"valid_always": provenance}


def recount(cc: ContestChecker, body: ast.Recount, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    checked = condition(cc, body.condition)
    return {} if checked is None else {"recounts": model.ConditionRule(provenance, checked)}


def condition(cc: ContestChecker, node: ast.Condition) -> model.Condition | None:
    """A condition of a contest with its terms checked; None after a diagnostic."""
    if isinstance(node, ast.NoListQualifies):
        if cc.competitors == "candidates":
            cc.c.fail(
                "E406",
                node.span,
                f"`no list qualifies` is about lists, but in `{cc.block}` candidates compete",
                hint="candidates have no threshold; remove the condition",
            )
            return None
        return model.NoListQualifies()
    if isinstance(node, ast.Comparison):
        left, right = term(cc, node.left), term(cc, node.right)
        if left is None or right is None:
            return None
        return model.Compare(left, node.operator, right, node.span.text or node.operator)
    if isinstance(node, ast.SumComparison):
        raise AssertionError("the grammar gives sums in the `when` of control relations only")
    items = [condition(cc, item) for item in node.items]
    if any(item is None for item in items):
        return None
    checked = tuple(item for item in items if item is not None)
    return model.AllOf(checked) if isinstance(node, ast.AllOf) else model.AnyOf(checked)


def term(cc: ContestChecker, expr: ast.Expr) -> model.Term | None:
    """A term of a contest's condition; the leading competitor must be the contest's."""
    if isinstance(expr, ast.OptionVotes):
        return model.OptionTerm(expr.option.text)
    if isinstance(expr, ast.Aggregate):
        if expr.kind in ("cancelled", "candidates", "last seat") and cc.competitors != "candidates":
            what = {
                "cancelled": "have their registration cancelled",
                "candidates": "are counted",
                "last seat": "are elected to seats in turn",
            }[expr.kind]
            cc.c.fail(
                "E406",
                expr.span,
                f"only candidates {what}"
                + (f", but in `{cc.block}` {cc.competitors} compete" if cc.competitors else ""),
                hint="use this term in a contest of candidates",
            )
            return None
        return model.AggregateTerm(expr.kind)
    if isinstance(expr, ast.ShareOf) and expr.aggregate is not None:
        share = cc.c.share(expr.number, "a share of the votes")
        if share is None:
            return None
        label = "the votes cast" if expr.aggregate == "cast" else "votes of the top two"
        return model.ShareTerm(share, expr.number.text, label, expr.aggregate)
    if isinstance(expr, (ast.CountRef, ast.Literal, ast.ShareOf)):
        return cc.c.plain_term(expr, cc.level)
    if isinstance(expr, ast.AllVotes):
        cc.c.fail("E406", expr.span, "`all votes` belongs to control relations", hint="write `the votes cast`")
        return None
    competitor = {"lists": "list", "candidates": "candidate"}.get(cc.competitors or "", "option")
    if cc.competitors is not None and expr.kind != competitor:
        cc.c.fail(
            "E217",
            expr.span,
            f"`votes of the leading {expr.kind}`, but in `{cc.block}` {cc.competitors} compete",
            hint=f"write `votes of the leading {competitor}`",
        )
        return None
    return model.LeaderTerm(expr.kind)

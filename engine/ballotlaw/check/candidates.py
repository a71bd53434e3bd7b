"""Clauses of who is elected or approved: `elect by ...`, `elect the leading candidate if ...`, a second round,
and `approve "OPTION" if ...` for a question."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model
from ..methods.registry import ELECTION_RULES
from ..syntax import ast
from .conditions import condition
from .names import suggest_known

if TYPE_CHECKING:
    from .contest import ContestChecker
    from .registry import Rules


def elect(cc: ContestChecker, body: ast.Elect, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    if body.rule.phrase not in ELECTION_RULES:
        cc.c.fail(
            "E207",
            body.rule.span,
            f"`{body.rule.phrase}` is not an election rule ballotlaw knows",
            hint=suggest_known(body.rule.phrase, ELECTION_RULES),
        )
        return {}
    return {"elect_rule": body.rule.phrase, "elect_provenance": provenance}


def elect_if(cc: ContestChecker, body: ast.ElectIf, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    checked = condition(cc, body.condition)
    return {} if checked is None else {"elect_if": model.ConditionRule(provenance, checked)}


def runoff(cc: ContestChecker, body: ast.Runoff, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    return {"runoff": _runoff_rule(cc, body, provenance)}


def _runoff_rule(cc: ContestChecker, body: ast.Runoff, provenance: model.Provenance) -> model.RunoffRule | None:
    if body.top is not None:
        top = cc.c.whole_number(body.top, "a number of candidates")
        return None if top is None else model.RunoffRule(provenance, top, True, None, None, None, None)
    assert body.number is not None and body.base is not None
    share = cc.c.share(body.number, "a share for the second round")
    count = cc.c.known_count(body.base)
    floor = cc.c.whole_number(body.floor, "a number of candidates") if body.floor is not None else None
    if share is None or count is None:
        return None
    return model.RunoffRule(
        provenance, None, body.comparator == "at least", share, body.number.text, body.base.text, floor
    )


def approve(cc: ContestChecker, body: ast.Approve, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    checked = condition(cc, body.condition)
    return {} if checked is None else {"approvals": model.ApproveRule(provenance, body.option.text, checked)}

"""Clauses of who is elected or approved: `elect by ...`, `elect the leading candidate if ...`, a second round,
and `approve "OPTION" if ...` for a question."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model
from ..methods.registry import ELECTION_RULES
from ..syntax import ast
from .conditions import condition
from .kinds import CANDIDATES, declare
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


def _limit_fits(cc: ContestChecker, contest: model.Contest, clause: ast.Clause) -> bool:
    """E321 unless the contest elects by plurality; E320 unless the limit is below the seats of a unit."""
    if contest.gender_limit is None:
        return True  # the clause itself was refused
    limit = contest.gender_limit[0]
    if contest.elect_rule != "plurality" or contest.elect_if is not None:
        cc.c.fail(
            "E321",
            clause.span,
            "a limit of seats per gender passes over candidates in the order of their votes; this contest does "
            "not elect by plurality",
            hint="write `elect by plurality` (the candidates with the most votes, within the limit)",
        )
        return False
    seats = contest.seats if contest.seats_by_unit is None else max(contest.seats_by_unit.values(), default=0)
    if limit >= seats:
        cc.c.fail(
            "E320",
            clause.span,
            f"at most {limit} seats to one gender, of {seats}: the limit never passes over a candidate",
            hint=f"the law's limit is below the seats of a unit, e.g. `at most {max(seats - 1, 1)} seats to "
            "candidates of one gender`",
        )
        return False
    return True


@declare(
    ast.GenderLimit,
    "gender_limit",
    "a limit of seats per gender",
    CANDIDATES,
    ("gender_limit",),
    after=_limit_fits,
)
def gender_limit(cc: ContestChecker, body: ast.GenderLimit, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    """`at most 2 seats to candidates of one gender` (the results give each candidate's `gender`)."""
    limit = cc.c.whole_number(body.number, "a number of seats")
    if limit is None:
        return {}
    if limit == 0:
        cc.c.fail(
            "E320",
            body.number.span,
            "at most 0 seats to one gender would elect nobody",
            hint="write the law's limit, e.g. `at most 2 seats to candidates of one gender`",
        )
        return {}
    return {"gender_limit": (limit, provenance)}


@declare(ast.Unopposed, "unopposed", "an election without a poll", CANDIDATES, ("unopposed",))
def unopposed(cc: ContestChecker, body: ast.Unopposed, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    """`elected without a poll if the candidates are no more than the seats`."""
    return {"unopposed": provenance}

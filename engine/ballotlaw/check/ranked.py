"""Clauses of a count of ranked ballots: the quota, the surplus transfer, bulk exclusion, the majority of
instant runoff, and what a faulty ranking does; and how they hold together with the election rule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model
from ..methods.ranked.common import RANKED_TIE_KEYS
from ..methods.ranked.rules import (
    INSTANT_RUNOFF,
    QUOTAS,
    RANKED_RULES,
    SINGLE_TRANSFERABLE_VOTE,
    TRANSFERS,
    BallotRule,
    MajorityRule,
    QuotaRule,
    TransferRule,
)
from ..syntax import ast
from .kinds import CANDIDATES, Rules, declare
from .names import suggest_known

if TYPE_CHECKING:
    from .contest import ContestChecker

#: The most decimal places a law rounds transfer or keep values to.
MAX_PLACES = 30


@declare(ast.Quota, "quota", "the quota of a single transferable vote", CANDIDATES, ("quota",), keywords=("quota",))
def quota(cc: ContestChecker, body: ast.Quota, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    if body.name.phrase not in QUOTAS:
        cc.c.fail(
            "E261",
            body.name.span,
            f"`{body.name.phrase}` is not a quota ballotlaw knows",
            hint=suggest_known(body.name.phrase, QUOTAS),
        )
        return {}
    return {"quota": QuotaRule(provenance, body.name.phrase)}


@declare(ast.Surplus, "surplus", "a surplus transfer", CANDIDATES, ("transfer",), keywords=("surplus",))
def surplus(cc: ContestChecker, body: ast.Surplus, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    method = body.method.phrase
    if method not in TRANSFERS:
        cc.c.fail(
            "E262",
            body.method.span,
            f"`{method}` is not a surplus transfer ballotlaw knows",
            hint=suggest_known(method, TRANSFERS),
        )
        return {}
    places = None
    if body.places is not None:
        places = cc.c.whole_number(body.places, "a number of decimal places")
        if places is None:
            return {}
        if places > MAX_PLACES:
            cc.c.fail("E263", body.places.span, f"{places} decimal places; a law rounds to at most {MAX_PLACES}")
            return {}
    if method == "meek" and (places is None or not body.up):
        cc.c.fail(
            "E263",
            body.span,
            "Meek's method needs the law's rounding of keep values",
            hint="add `, values rounded up to 9 decimal places` (New Zealand's rule), or the law's own places",
        )
        return {}
    return {"transfer": TransferRule(provenance, method, places, body.up)}


@declare(ast.BulkExclusion, "bulk_exclusion", "bulk exclusion", CANDIDATES, ("bulk_exclusion",), keywords=("bulk",))
def bulk_exclusion(
    cc: ContestChecker, body: ast.BulkExclusion, clause: ast.Clause, provenance: model.Provenance
) -> Rules:
    return {"bulk_exclusion": provenance}


@declare(
    ast.MajorityBase,
    "majority",
    "the base of an instant runoff's majority",
    CANDIDATES,
    ("majority_base",),
    keywords=("elected",),
)
def majority_base(
    cc: ContestChecker, body: ast.MajorityBase, clause: ast.Clause, provenance: model.Provenance
) -> Rules:
    return {"majority_base": MajorityRule(provenance, body.of)}


@declare(
    ast.SkippedRanks,
    "skipped",
    "a rule for skipped ranks",
    CANDIDATES,
    ("ballot_rules",),
    once=False,
    keywords=("skipped",),
)
@declare(
    ast.Overvotes,
    "overvotes",
    "a rule for overvotes",
    CANDIDATES,
    ("ballot_rules",),
    once=False,
    keywords=("overvotes",),
)
@declare(
    ast.RepeatedCandidates,
    "repeated",
    "a rule for repeated candidates",
    CANDIDATES,
    ("ballot_rules",),
    once=False,
    keywords=("repeated",),
)
def ballot_rule(cc: ContestChecker, body: ast.BallotRule, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    run = 1
    if body.run is not None:
        checked = cc.c.whole_number(body.run, "a number of skipped ranks")
        if checked is None:
            return {}
        if checked < 1 or checked > 1000:
            cc.c.fail("E264", body.run.span, "a run of skipped ranks is from 1 to 1000")
            return {}
        if body.effect != "exhausts":
            cc.c.fail(
                "E264",
                body.span,
                "a run of skipped ranks can only exhaust the ballot",
                hint="write `2 consecutive skipped ranks exhaust the ballot`, or `skipped ranks ...` for every skip",
            )
            return {}
        run = checked
    return {"ballot_rules": BallotRule(provenance, body.fault, body.effect, run, body.span)}


#: The clauses of ranked ballots: AST class -> (the election rules they belong to, what they are called).
_BELONGS: tuple[tuple[type, frozenset[str], str], ...] = (
    (ast.Quota, frozenset({SINGLE_TRANSFERABLE_VOTE}), "a quota"),
    (ast.Surplus, frozenset({SINGLE_TRANSFERABLE_VOTE}), "a surplus transfer"),
    (ast.MajorityBase, frozenset({INSTANT_RUNOFF}), "the base of the majority"),
    (ast.BulkExclusion, frozenset(RANKED_RULES), "bulk exclusion"),
    (ast.SkippedRanks, frozenset(RANKED_RULES), "a rule for skipped ranks"),
    (ast.Overvotes, frozenset(RANKED_RULES), "a rule for overvotes"),
    (ast.RepeatedCandidates, frozenset(RANKED_RULES), "a rule for repeated candidates"),
)


def ranked_together(cc: ContestChecker, contest: model.Contest) -> bool:
    """The clauses of ranked ballots belong to the contest's election rule, STV has its quota and transfer, each
    fault has one rule, and the tie rule uses keys a count of ranked ballots has."""
    rule = contest.elect_rule
    for kind, rules, what in _BELONGS:
        clause = cc.clause_of(kind)
        if clause is not None and rule not in rules:
            cc.c.fail(
                "E260",
                clause.span,
                f"{what} belongs to a count of ranked ballots by {' or '.join(sorted(rules))}; "
                f"`{contest.id}` is elected {'by ' + rule if rule else 'by a condition'}",
                hint="write `elect by " + sorted(rules)[0] + "` or remove the clause",
            )
            return False
    by_unit = contest.seats_by_unit
    if rule == INSTANT_RUNOFF and (any(s != 1 for s in by_unit.values()) if by_unit else contest.seats != 1):
        cc.c.fail(
            "E220",
            contest.seats_provenance.span,
            "instant runoff fills one seat",
            hint="write `seats 1`, or `elect by single transferable vote` for several seats",
        )
        return False
    if rule == SINGLE_TRANSFERABLE_VOTE:
        elect = cc.clause_of(ast.Elect)
        span = elect.span if elect is not None else cc.contest.id.span
        if contest.transfer is None or (contest.quota is None and contest.transfer.name != "meek"):
            missing = "a quota (`quota droop`)" if contest.quota is None else "a surplus transfer"
            cc.c.fail(
                "E402",
                span,
                f"a single transferable vote needs {missing}",
                hint="add `quota droop [source]` and `surplus transferred by weighted inclusive gregory [source]`",
            )
            return False
        if contest.transfer.name == "meek" and contest.quota is not None:
            cc.c.fail(
                "E260",
                contest.quota.provenance.span,
                "Meek's method sets its own quota at every iteration",
                hint="remove the quota clause",
            )
            return False
    seen: dict[str, BallotRule] = {}
    for ballot in contest.ballot_rules:
        if ballot.fault in seen:
            cc.c.fail(
                "E401",
                ballot.span or ballot.provenance.span,
                f"two rules for {ballot.fault} rankings in `{contest.id}`",
                hint="the law gives one rule for each fault",
            )
            return False
        seen[ballot.fault] = ballot
    ranked_only = ("previous rounds", "first difference", "first preferences")
    if rule not in RANKED_RULES and contest.tie_rule is not None:
        for key in contest.tie_rule.keys:
            if key in ranked_only:
                cc.c.fail(
                    "E205",
                    contest.tie_rule.provenance.span,
                    f"`{key}` breaks ties of a count of ranked ballots; `{contest.id}` has no rounds",
                    hint="use `more votes`, `ballot order`, `earlier registration`, `older candidate` or `lot`",
                )
                return False
    if rule in RANKED_RULES and contest.tie_rule is not None:
        for key in contest.tie_rule.keys:
            if key != "lot" and key not in RANKED_TIE_KEYS:
                cc.c.fail(
                    "E205",
                    contest.tie_rule.provenance.span,
                    f"`{key}` does not break a tie of a count of ranked ballots",
                    hint="use " + ", ".join(f"`{k}`" for k in RANKED_TIE_KEYS) + " or `lot`",
                )
                return False
    return True

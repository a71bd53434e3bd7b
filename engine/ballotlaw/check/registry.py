"""The clause registry: one entry for every kind of clause the rule language has.

An entry names the AST class (syntax/ast.py), the clause's default label, what it is called in messages, the
contests it may appear in (by their competitors), whether a contest may hold it once only, what it defines
(two clauses defining the same thing conflict when either may be written once), the keywords offered when a
clause's first word is misspelled, the function that checks it and the fields of model.Contest it produces.

A family module may also declare a kind beside its check function (kinds.declare); those follow the entries
listed here. A check function takes the contest's checker, the clause's body, the clause and its provenance,
reports what is wrong through the checker, and returns the model.Contest fields it sets (none after an error). A
clause that may appear more than once adds to a tuple field instead of setting it. tests/test_clause_registry.py
holds every member of ast.ClauseBody to one entry here.
"""

from __future__ import annotations

from typing import Any

from ..syntax import ast
from . import allocation, candidates, conditions, majority, qualifying, seats, tiers
from . import ranked as ranked  # declares the clauses of ranked ballots (kinds.declare)
from .kinds import ANY, CANDIDATES, DECLARED, LISTS, OPTIONS, ClauseKind, Rules

__all__ = ["ANY", "CANDIDATES", "CLAUSES", "KINDS", "LISTS", "OPTIONS", "ClauseKind", "Rules"]


#: Every kind of clause. Keywords are offered in this order.
CLAUSES: tuple[ClauseKind[Any], ...] = (
    ClauseKind(
        ast.Compete, "compete", "who competes where", ANY, seats.compete, ("compete",), keywords=("lists", "candidates")
    ),
    ClauseKind(
        ast.Seats, "seats", "the number of seats", ANY, seats.seats, ("seats", "seats_provenance"), keywords=("seats",)
    ),
    ClauseKind(
        ast.SeatsByUnit,
        "seats",
        "the seats of each unit",
        ANY,
        seats.seats_by_unit,
        ("seats_by_unit", "seats", "seats_provenance"),
        keywords=("seats",),
    ),
    ClauseKind(
        ast.SeatsApportioned,
        "seats",
        "the seats apportioned to units",
        ANY,
        seats.seats_apportioned,
        ("seats", "seats_provenance", "apportioned"),
        keywords=("seats",),
    ),
    ClauseKind(
        ast.Threshold,
        "threshold",
        "a threshold",
        LISTS,
        qualifying.threshold,
        ("thresholds", "pool_thresholds"),
        once=False,
        keywords=("threshold",),
    ),
    ClauseKind(
        ast.Allocate,
        "allocate",
        "an allocation method",
        LISTS,
        allocation.allocate,
        ("method", "method_provenance", "quota_base"),
        keywords=("allocate",),
    ),
    ClauseKind(ast.Ties, "ties", "a rule for breaking ties", ANY, allocation.ties, ("tie_rule",), keywords=("ties",)),
    ClauseKind(ast.Cap, "cap", "a cap per list", LISTS, allocation.cap, ("cap",), keywords=("cap",)),
    ClauseKind(
        ast.Rerun,
        "rerun",
        "a rule for re-running the election",
        ANY,
        conditions.rerun,
        ("reruns",),
        once=False,
        keywords=("rerun",),
    ),
    ClauseKind(
        ast.ValidIf,
        "valid",
        "a condition of validity",
        ANY,
        conditions.valid_if,
        ("validity",),
        once=False,
        keywords=("valid",),
    ),
    ClauseKind(
        ast.ValidAlways,
        "valid",
        "validity at any turnout",
        ANY,
        conditions.valid_always,
        ("valid_always",),
        keywords=("valid",),
    ),
    ClauseKind(
        ast.Elect,
        "elect",
        "a rule for electing candidates",
        CANDIDATES,
        candidates.elect,
        ("elect_rule", "elect_provenance"),
        keywords=("elect",),
    ),
    ClauseKind(
        ast.ElectIf,
        "elect",
        "a rule for electing candidates",
        CANDIDATES,
        candidates.elect_if,
        ("elect_if",),
        keywords=("elect",),
    ),
    ClauseKind(
        ast.Placement,
        "placement",
        "the placing of adjustment seats in districts",
        LISTS,
        tiers.placement,
        ("placement",),
        keywords=("place",),
    ),
    ClauseKind(ast.Bonus, "bonus", "a majority bonus", LISTS, majority.bonus, ("bonus",), keywords=("bonus",)),
    ClauseKind(
        ast.Multiplier,
        "multiplier",
        "a multiplier of minority lists' averages",
        LISTS,
        allocation.multiplier,
        ("minority_factor", "minority_factor_provenance", "minority_below"),
        keywords=("multiply",),
    ),
    ClauseKind(
        ast.Mixed,
        "mixed",
        "the deduction of constituency seats",
        LISTS,
        tiers.mixed,
        ("mixed",),
        keywords=("constituency",),
    ),
    ClauseKind(
        ast.Biproportional,
        "biproportional",
        "a biproportional apportionment",
        LISTS,
        tiers.biproportional,
        ("biproportional", "method", "method_provenance"),
        keywords=("biproportional",),
        defines="allocate",
    ),
    ClauseKind(ast.Runoff, "runoff", "a second round", CANDIDATES, candidates.runoff, ("runoff",)),
    ClauseKind(
        ast.Approve,
        "approve",
        "a rule for approving an option",
        OPTIONS,
        candidates.approve,
        ("approvals",),
        once=False,
    ),
    ClauseKind(ast.Recount, "recount", "a rule for a recount", ANY, conditions.recount, ("recounts",), once=False),
    ClauseKind(
        ast.Exhaustion,
        "exhausted",
        "a rule for lists short of candidates",
        LISTS,
        allocation.exhaustion,
        ("exhaustion",),
        keywords=("lists",),
        after=allocation.exhaustion_fits,
    ),
    ClauseKind(ast.Minimum, "minimum", "a minimum of seats per list", LISTS, allocation.minimum, ("minimum",)),
    ClauseKind(
        ast.Fallback,
        "fallback",
        "a fallback for too few qualifying lists",
        LISTS,
        qualifying.fallback,
        ("fallback",),
    ),
    ClauseKind(
        ast.ShareFallback,
        "fallback",
        "a fallback for qualifying lists holding too small a share",
        LISTS,
        qualifying.share_fallback,
        ("share_fallback",),
        defines="share_fallback",
    ),
    ClauseKind(
        ast.StableMajority,
        "stable_majority",
        "a stable-majority rule",
        LISTS,
        majority.stable_majority,
        ("stable_majority", "stable_when"),
    ),
    ClauseKind(
        ast.Agreements,
        "agreements",
        "apparentment of lists",
        LISTS,
        allocation.agreements,
        ("agreements",),
        keywords=("lists",),
    ),
    ClauseKind(
        ast.Distribute,
        "distribution",
        "the distribution of a list's seats",
        LISTS,
        tiers.distribute,
        ("distribution",),
        keywords=("seats",),
    ),
    ClauseKind(ast.Adjustment, "adjustment", "adjustment seats", LISTS, tiers.adjustment, ("adjustment",)),
    ClauseKind(
        ast.ReservedSeat,
        "reserved",
        "a seat reserved for a national minority",
        LISTS,
        majority.reserved_seat,
        ("reserved",),
        once=False,
    ),
    ClauseKind(
        ast.Pooled,
        "pooled",
        "a national pool of the seats left over",
        LISTS,
        tiers.pooled,
        ("pooled",),
        keywords=("seats",),
    ),
    # a control relation of the results, in a `relations` block: checked by relations.py into model.Relation
    ClauseKind(ast.Relation, "relation", "a control relation of the results", frozenset(), None, (), once=False),
    # the kinds declared beside their check functions (kinds.declare)
    *DECLARED,
)

#: AST class -> its entry.
KINDS: dict[type, ClauseKind[Any]] = {kind.node: kind for kind in CLAUSES}

#: The words that start a clause, offered for a misspelled one (syntax/syntax_errors.py).
CLAUSE_KEYWORDS: tuple[str, ...] = tuple(dict.fromkeys(word for kind in CLAUSES for word in kind.keywords))


def default_label(body: ast.ClauseBody) -> str:
    """The label of a clause written without one: its kind's keyword (docs/contracts.md, section 4)."""
    return KINDS[type(body)].label


def no_rules() -> Rules:
    """Every model.Contest field a clause produces, as it is before any clause: None, or an empty list to add to."""
    return {name: None if kind.once else [] for kind in CLAUSES for name in kind.produces}

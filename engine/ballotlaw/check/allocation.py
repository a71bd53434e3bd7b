"""Clauses of how seats are allocated among lists: the method (`allocate by ...`), ties, a cap, a minimum, lists
short of candidates, a multiplier of minority lists' averages, and agreements between lists."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from .. import model
from ..methods.biproportional import supports as supports_biproportional
from ..methods.kernels import ROUNDING_WORDS, AllocationMethod, DivisorMethod, QuotaMethod
from ..methods.registry import METHODS, TIE_RULES
from ..syntax import ast
from .names import suggest_known

if TYPE_CHECKING:
    from .contest import ContestChecker
    from .registry import Rules


def known_method(cc: ContestChecker, words: ast.Words) -> AllocationMethod | None:
    """The allocation method a phrase names; E204 with the closest names when there is none."""
    method = METHODS.get(words.phrase)
    if method is None:
        cc.c.fail(
            "E204",
            words.span,
            f"`{words.phrase}` is not an allocation method ballotlaw knows",
            hint=suggest_known(words.phrase, METHODS),
        )
    return method


def rational_divisors(cc: ContestChecker, words: ast.Words, why: str) -> DivisorMethod | None:
    """A divisor method with rational divisors (E204 naming `why` when the phrase names another)."""
    method = known_method(cc, words)
    if method is not None and not (isinstance(method, DivisorMethod) and supports_biproportional(method)):
        cc.c.fail(
            "E204",
            words.span,
            f"`{words.phrase}` {why}",
            hint="use a divisor method with rational divisors: `sainte-lague divisors`, `d'hondt divisors`",
        )
        return None
    return method if isinstance(method, DivisorMethod) else None


def allocate(cc: ContestChecker, body: ast.Allocate, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    if body.quota is not None:
        method: AllocationMethod | None = _written_quota(body.quota)
    elif body.divisors:
        method = _divisor_sequence(cc, body)
    else:
        method = known_method(cc, body.method)
    return {} if method is None else {"method": method, "method_provenance": provenance}


def _written_quota(quota: tuple[int, str, str]) -> QuotaMethod:
    """`the quota of votes over seats plus N[ rounded ...], with ...`, as the law writes it."""
    offset, rounding, leftover = quota
    rounded = f" {ROUNDING_WORDS[rounding]}" if ROUNDING_WORDS[rounding] else ""
    return QuotaMethod(
        name=f"the quota of votes over seats plus {offset}{rounded}, with {leftover}",
        quota_offset=offset,
        quota_rounding=rounding,
        leftover=leftover,
        reference=f"quota = votes / (seats + {offset}), rounded {rounding}; seats left over: {leftover}",
    )


def _divisor_sequence(cc: ContestChecker, body: ast.Allocate) -> DivisorMethod | None:
    """`allocate by divisors 1.4, 3, 5`: E211/E212 unless they are numbers that grow evenly enough."""
    values = []
    for number in body.divisors:
        if number.kind in ("percent", "fraction"):
            cc.c.fail("E211", number.span, f"`{number.text}` is not a divisor", hint="write a number such as 1.4")
            return None
        values.append(number.value)
    if any(b <= a for a, b in itertools.pairwise(values)) or values[0] < 0:
        cc.c.fail(
            "E212",
            body.span,
            "the divisors must be zero or more and grow",
            hint="write them in order, e.g. `allocate by divisors 1.4, 3, 5`",
        )
        return None
    step = values[-1] - values[-2]
    # Every divisor must stay within step * k and step * (k + 1) for the fast kernel's estimate.
    if any(not (step * k <= d <= step * (k + 1)) for k, d in enumerate(values)):
        cc.c.fail(
            "E212",
            body.span,
            "these divisors grow unevenly; ballotlaw needs step * k <= d(k) <= "
            "step * (k + 1), with the step of the last two",
            hint="for example 1.4, 3, 5 or 1, 2, 3",
        )
        return None
    text = ", ".join(number.text for number in body.divisors)
    return DivisorMethod(
        name=f"divisors {text}",
        step=step,
        kind="sequence",
        sequence=tuple(values),
        reference=f"the divisors written in the law: {text}, then on by {step}",
    )


def ties(cc: ContestChecker, body: ast.Ties, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    keys = []
    for words in body.rules:
        if words.phrase not in TIE_RULES:
            cc.c.fail(
                "E205",
                words.span,
                f"`{words.phrase}` is not a tie rule ballotlaw knows",
                hint=suggest_known(words.phrase, TIE_RULES),
            )
        keys.append(words.phrase)
    return {"tie_rule": model.TieRule(provenance, tuple(keys))}


def cap(cc: ContestChecker, body: ast.Cap, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    seats = cc.c.whole_number(body.number, "a number of seats")
    if seats is not None and seats <= 0:
        cc.c.fail("E213", body.number.span, "a cap must allow at least one seat")
        seats = None
    if body.excess is None:
        cc.c.fail(
            "E405",
            clause.span,
            "the cap does not say what happens to seats above it",
            hint="end the clause with `, excess redistributed` or `, excess left vacant`; if the "
            'law is silent, say which you assume with `assumption "..."`',
        )
    elif seats is not None:
        return {"cap": model.CapRule(provenance, seats, body.excess == "redistributed")}
    return {}


def minimum(cc: ContestChecker, body: ast.Minimum, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    least = cc.c.whole_number(body.number, "a number of seats")
    if least is not None and least <= 0:
        cc.c.fail("E213", body.number.span, "a minimum must be at least one seat")
    elif least is not None:
        return {"minimum": model.CapRule(provenance, least, True)}
    return {}


def exhaustion(cc: ContestChecker, body: ast.Exhaustion, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    if body.excess is None:
        cc.c.fail(
            "E405",
            clause.span,
            "the clause does not say what happens to the seats a list cannot fill",
            hint="end it with `, excess redistributed` or `, excess left vacant`",
        )
        return {}
    return {"exhaustion": model.CapRule(provenance, 0, body.excess == "redistributed")}


def multiplier(cc: ContestChecker, body: ast.Multiplier, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    if body.factor.kind in ("percent", "fraction") or body.factor.value <= 0:
        cc.c.fail(
            "E212",
            body.factor.span,
            f"`{body.factor.text}` is not a multiplier",
            hint="write a positive number such as 1.35",
        )
        return {}
    return {"minority_factor": body.factor.value, "minority_factor_provenance": provenance}


def agreements(cc: ContestChecker, body: ast.Agreements, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    return {"agreements": provenance}

"""Witnesses of seats decided over a contest's districts together: the pool of the seats the districts leave
(the Czech second scrutiny) and the placement of adjustment seats in districts (Norway). Both state the numbers
the clause used, from the outcome's typed fields and the step's recorded decision; the checker re-decides them.
"""

from __future__ import annotations

from fractions import Fraction

from .. import model
from ..facts.allocation import PooledPlaced
from ..methods.kernels import QuotaMethod
from ..outcome import ContestOutcome
from ..states import Qualification
from ..trace import Step
from .rounds import number_json, round_witness


def pool_witness(contest: model.Contest, outcome: ContestOutcome, steps: list[Step]) -> dict[str, object] | None:
    """Each district's seats, qualifying lists, their votes and district seats; the round on the remainders
    added up; and where the pooled seats went."""
    if contest.pooled is None or not isinstance(contest.method, QuotaMethod) or not steps:
        return None
    placed_step = next((s for s in steps if isinstance(s.decision, PooledPlaced)), None)
    placed = placed_step.decision.placed if placed_step is not None else ()  # type: ignore[attr-defined]
    here = {(unit, name): k for unit, name, k in placed}
    districts: dict[str, object] = {}
    for unit in outcome.units:
        lists = {
            s.id: {"votes": number_json(s.votes.value or 0), "seats": (s.seats or 0) - here.get((unit.unit, s.id), 0)}
            for s in unit.selections
            if s.qualified == Qualification.YES
        }
        seats = unit.seats_available if unit.seats_available is not None else contest.seats_in(unit.unit)
        districts[unit.unit] = {"seats": seats or 0, "lists": lists}
    first = steps[0]
    totals = [(k[len("remainders of ") :], v) for k, v in first.inputs if k.startswith("remainders of ")]
    left = dict(first.inputs).get("seats left over")
    if not isinstance(left, int) or any(not isinstance(v, int | Fraction) for _k, v in totals):
        return None
    votes = {name: v for name, v in totals if isinstance(v, int | Fraction)}
    body, _result = round_witness(contest.pooled[0], list(votes), votes, left)
    return {
        "district_method": contest.method.name,
        "districts": districts,
        "round": body,
        "placed": [[unit, name, k] for unit, name, k in placed],
        "result": first.result,
    }


def placement_witness(contest: model.Contest, outcome: ContestOutcome, step: Step) -> dict[str, object] | None:
    """The divisor method whose next divisor makes each claim, and the claims of the seats placed; the checker
    takes every district's votes and seats and the tier's adjustment seats from the outcome."""
    if contest.placement is None:
        return None
    recorded = dict(step.inputs)
    claims = [(p.unit, p.selection, recorded.get(f"claim of {p.selection} in {p.unit}")) for p in outcome.placed]
    if not claims or any(not isinstance(c, int | Fraction) for _u, _n, c in claims):
        return None
    return {
        "method": contest.placement[0].name,
        "claims": [[u, n, number_json(c)] for u, n, c in claims if isinstance(c, int | Fraction)],
    }

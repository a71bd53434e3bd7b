"""Witnesses of seats decided over a contest's districts together: the pool of the seats the districts leave
(the Czech second scrutiny) and the placement of adjustment seats in districts (Norway). Both state the numbers
the clause used, from the outcome's typed fields and the step's recorded decision; the checker re-decides them.
"""

from __future__ import annotations

from fractions import Fraction

from .. import model
from ..facts.allocation import Pooled, PooledPlaced, PoolSecondPhase, PoolTakesNoPart
from ..facts.qualifying import Measured, ThresholdMeasured
from ..figures import Named, subject
from ..methods.kernels import QuotaMethod
from ..outcome import ContestOutcome
from ..results.model import Results
from ..states import Qualification
from ..trace import Step
from .rounds import number_json, round_witness


def pool_witness(
    contest: model.Contest, outcome: ContestOutcome, steps: list[Step], results: Results, tests: list[Step]
) -> dict[str, object] | None:
    """Each district's seats, qualifying lists, their votes and district seats (and what its quota divided, where
    the law names a count); the round on the remainders added up; and where the pooled seats went. Where the law
    decides who takes part (`tests`: the pool's thresholds measured in the nation; independent candidates set
    aside) and gives what the pool's full quotas leave to a second phase, the figures of both."""
    rule = contest.pooled
    if rule is None or not isinstance(contest.method, QuotaMethod) or not steps:
        return None
    pooled = next((s for s in steps if isinstance(s.decision, Pooled)), None)
    if pooled is None:
        return None
    placed_step = next((s for s in steps if isinstance(s.decision, PooledPlaced)), None)
    placed = placed_step.decision.placed if placed_step is not None else ()  # type: ignore[attr-defined]
    here = {(unit, name): k for unit, name, k in placed}
    base = contest.quota_base.count if contest.quota_base is not None else None
    districts: dict[str, object] = {}
    for unit in outcome.units:
        lists = {
            s.id: {"votes": number_json(s.votes.value or 0), "seats": (s.seats or 0) - here.get((unit.unit, s.id), 0)}
            for s in unit.selections
            if s.qualified == Qualification.YES
        }
        seats = unit.seats_available if unit.seats_available is not None else contest.seats_in(unit.unit)
        district: dict[str, object] = {"seats": seats or 0, "lists": lists}
        if base is not None:
            figure = results.count(unit.unit, base)
            if not figure.known or figure.value is None:
                return None
            district |= {"quota_of": base, "total": figure.value}
        districts[unit.unit] = district
    totals = [(who, v) for k, v in pooled.inputs if (who := subject(k, Named.REMAINDERS_OF)) is not None]
    left = dict(pooled.inputs).get("seats left over")
    if not isinstance(left, int) or any(not isinstance(v, int | Fraction) for _k, v in totals):
        return None
    votes = {name: v for name, v in totals if isinstance(v, int | Fraction)}
    body, result = round_witness(rule.method, list(votes), votes, left)
    witness: dict[str, object] = {
        "district_method": contest.method.name,
        "districts": districts,
        "round": body,
        "placed": [[unit, name, k] for unit, name, k in placed],
        "result": pooled.result,
    }
    if rule.parties_only or contest.pool_thresholds:
        aside = next((s.decision for s in steps if isinstance(s.decision, PoolTakesNoPart)), None)
        rules = {r.provenance.full_label: r for r in contest.pool_thresholds}
        measured = [_measure(step, rules.get(step.clause)) for step in tests if step.clause in rules]
        if any(m is None for m in measured):
            return None
        witness["taking_part"] = {
            "independent": list(aside.lists) if isinstance(aside, PoolTakesNoPart) else [],
            "tests": measured,
        }
    if rule.then is not None:
        second = next((s for s in steps if isinstance(s.decision, PoolSecondPhase)), None)
        nation = results.root(outcome.units[0].unit) if outcome.units else None
        phase = _second_phase(rule.then, second, results, nation, list(votes)) if nation else None
        if phase is None and sum(result.seats.values()) < left:
            return None
        witness["second_phase"] = phase
    return witness


def _share(rule: model.ThresholdRule) -> dict[str, object]:
    return {"clause": rule.provenance.full_label, "share": number_json(rule.share), "inclusive": rule.inclusive}


def _measure(step: Step, rule: model.ThresholdRule | None) -> dict[str, object] | None:
    """One threshold of the pool measured on one list in the nation: its votes and the base as the step used them
    (None where they are not both exact figures: the checker then has nothing exact to compare)."""
    fact = step.decision
    if rule is None or not isinstance(fact, ThresholdMeasured) or not isinstance(fact.detail, Measured):
        return None
    recorded = dict(step.inputs)
    votes = recorded.get(f"votes of {fact.selection}")
    base = recorded.get(rule.base)
    if not isinstance(votes, int) or not isinstance(base, int) or len(recorded) != 2:
        return None
    return {**_share(rule), "list": fact.selection, "votes": votes, "base": base, "result": str(step.result)}


def _second_phase(
    then: model.ThresholdRule, step: Step | None, results: Results, nation: str, lists: list[str]
) -> dict[str, object] | None:
    """The share the second phase asks, each pooled list's votes and the base in the nation, and the step's
    result (None where a figure is not published)."""
    base = results.count(nation, then.base)
    votes = {name: results.vote(nation, name) for name in lists}
    if not base.known or base.value is None or any(not v.known or v.value is None for v in votes.values()):
        return None
    return {
        **_share(then),
        "base": base.value,
        "votes": {name: v.value for name, v in votes.items()},
        "result": None if step is None else str(step.result),
    }


def placement_witness(contest: model.Contest, outcome: ContestOutcome, step: Step) -> dict[str, object] | None:
    """The divisor method whose next divisor makes each claim, and the claims of the seats placed (one per district,
    or, with `each_list`, each list's where its next quotient is highest: the last quotient that took a seat); the
    checker takes every district's votes and seats and the tier's adjustment seats from the outcome."""
    rule = contest.placement or contest.placement_by_list
    if rule is None:
        return None
    recorded = dict(step.inputs)
    claims = [(p.unit, p.selection, recorded.get(f"claim of {p.selection} in {p.unit}")) for p in outcome.placed]
    if not claims or any(not isinstance(c, int | Fraction) for _u, _n, c in claims):
        return None
    return {
        "method": rule[0].name,
        **({"each_list": True} if contest.placement_by_list is not None else {}),
        "claims": [[u, n, number_json(c)] for u, n, c in claims if isinstance(c, int | Fraction)],
    }

"""Witnesses of conditions (validity, re-run, majority, recount, approval): the condition as a tree whose
comparisons carry the value of each side, an exact number or the interval a figure that is not published allows.
The terms are evaluated by the engine's own term reader (on a scratch trace); the checker re-decides every
comparison and every `and` / `or` from these values."""

from __future__ import annotations

from .. import model
from ..evaluate.context import UnitContext
from ..evaluate.intervals import Interval
from ..trace import InputValue, Step
from .rounds import number_json


def _rule(contest: model.Contest, step: Step) -> model.Condition | str | None:
    """The condition a step evaluated (by its clause), `always` for `valid at any turnout`, or None."""
    label = step.clause
    if step.kind == "validity" and contest.valid_always is not None and contest.valid_always.full_label == label:
        return "always"
    table: dict[str, tuple[model.ConditionRule | model.ApproveRule, ...]] = {
        "validity": contest.validity,
        "rerun": contest.reruns,
        "recount": contest.recounts,
        "majority": (contest.elect_if,) if contest.elect_if is not None else (),
        "approve": contest.approvals,
    }
    rules = table.get(step.kind, ())
    found = [r for r in rules if r.provenance.full_label == label]
    return found[0].condition if len(found) == 1 else None


def _interval(value: Interval) -> object:
    if value.exact is not None:
        return number_json(value.exact)
    return {"low": number_json(value.low), "high": None if value.high is None else number_json(value.high)}


def _tree(ctx: UnitContext, condition: model.Condition) -> dict[str, object] | None:
    if isinstance(condition, model.NoListQualifies):
        qualification = [str(value) for value in ctx.qualification.values()]
        counts = {"qualifying": qualification.count("yes"), "undetermined": qualification.count("undetermined")}
        return {"no list qualifies": counts}
    if isinstance(condition, model.Compare):
        scratch: list[tuple[str, InputValue]] = []
        left, right = ctx.term(condition.left, scratch), ctx.term(condition.right, scratch)
        return {
            "compare": {
                "text": condition.text,
                "left": _interval(left),
                "operator": condition.operator,
                "right": _interval(right),
            }
        }
    if isinstance(condition, model.AllOf | model.AnyOf):
        parts = [_tree(ctx, item) for item in condition.items]
        if any(part is None for part in parts):
            return None
        return {"all" if isinstance(condition, model.AllOf) else "any": parts}
    return None


def condition_witness(ctx: UnitContext, step: Step) -> dict[str, object] | None:
    """The witness of a condition step, or None where its clause is not found or the condition has a form the
    checker does not read."""
    found = _rule(ctx.contest, step)
    if found is None:
        return None
    tree = {"always": True} if found == "always" else _tree(ctx, found)  # type: ignore[arg-type]
    if tree is None:
        return None
    return {"kind": step.kind, "clause": step.clause, "condition": tree, "result": step.result}

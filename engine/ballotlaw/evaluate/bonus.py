"""A majority bonus on a sliding scale (as in Greece since 2020): the leading list gets a number of seats once its
share meets a threshold, more for every whole step of share above it, up to a most. Exact: the steps are the
floor of a Fraction; a share exactly on a step earns it."""

from __future__ import annotations

from .. import model
from ..exact import show
from ..trace import InputValue
from .context import UnitContext
from .thresholds import test_threshold


def sliding_bonus(ctx: UnitContext, rule: model.BonusRule, leader: str) -> tuple[int | None, tuple[str, ...]]:
    """The bonus seats of the leading list (0 below the threshold), or None with what is missing."""
    assert rule.threshold is not None and rule.step is not None and rule.most is not None
    test = test_threshold(ctx, rule.threshold, leader, kind="bonus")
    if test.result == "not evaluated":
        return None, test.missing
    if test.result == "failed":
        short = "less than" if rule.threshold.inclusive else "no more than"
        decision = f"{leader} leads with {short} {rule.threshold.percent_text} of {rule.threshold.base}: no bonus"
        ctx.record("bonus", rule.provenance, [], f"{decision} ({test.detail})", "no bonus")
        return 0, ()
    share = test.share  # measured by the test just recorded, on the figures it names
    if share is None:
        missing = f"the share of {leader} is not known exactly: {test.detail}"
        ctx.record("bonus", rule.provenance, [], f"not evaluated: {missing}", "not evaluated")
        return None, (missing,)
    steps = (share - rule.threshold.share) // rule.step  # whole steps above the threshold; exact
    scaled = rule.seats + rule.per_step * steps
    seats = min(scaled, rule.most)
    inputs: list[tuple[str, InputValue]] = [("share", share), ("whole steps", steps)]
    capped = f", at most {rule.most}" if scaled > rule.most else ""
    decision = (
        f"{leader} leads with {show(share * 100, 6)}% of {rule.threshold.base}, "
        f"{rule.threshold.percent_text} needed: {rule.seats} seat(s) and {rule.per_step} more for each of "
        f"{steps} whole step(s) of {show(rule.step * 100)}% above it = {scaled}{capped}: {seats} bonus seat(s)"
    )
    ctx.record("bonus", rule.provenance, inputs, decision, "bonus")
    return seats, ()

"""A majority bonus on a sliding scale (as in Greece since 2020): the leading list gets a number of seats once its
share meets a threshold, more for every whole step of share above it, up to a most. Exact: the steps are the
floor of a Fraction; a share exactly on a step earns it."""

from __future__ import annotations

from fractions import Fraction

from .. import model
from ..exact import show
from ..trace import InputValue
from .context import UnitContext, figure_input
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
    unit = ctx.nation() or ctx.unit
    votes, base = ctx.vote(leader, unit), ctx.count(rule.threshold.base, unit)
    inputs: list[tuple[str, InputValue]] = [
        (f"votes of {leader}", figure_input(votes)),
        (rule.threshold.base, figure_input(base)),
    ]
    if not (votes.known and base.known) or not base.value:
        missing = f"the share of {leader} is not known exactly: {votes.describe()} of {base.describe()}"
        ctx.record("bonus", rule.provenance, inputs, f"not evaluated: {missing}", "not evaluated")
        return None, (missing,)
    assert votes.value is not None
    share = Fraction(votes.value, base.value)
    steps = (share - rule.threshold.share) // rule.step  # whole steps above the threshold; exact
    scaled = rule.seats + rule.per_step * steps
    seats = min(scaled, rule.most)
    inputs.append(("share", share))
    inputs.append(("whole steps", steps))
    capped = f", at most {rule.most}" if scaled > rule.most else ""
    decision = (
        f"{leader} leads with {show(share * 100, 6)}% of {rule.threshold.base}, "
        f"{rule.threshold.percent_text} needed: {rule.seats} seat(s) and {rule.per_step} more for each of "
        f"{steps} whole step(s) of {show(rule.step * 100)}% above it = {scaled}{capped}: {seats} bonus seat(s)"
    )
    ctx.record("bonus", rule.provenance, inputs, decision, "bonus")
    return seats, ()

"""A majority bonus on a sliding scale (as in Greece since 2020): the leading list gets a number of seats once its
share meets a threshold, more for every whole step of share above it, up to a most. Exact: the steps are the
floor of a Fraction; a share exactly on a step earns it."""

from __future__ import annotations

from .. import model
from ..facts.qualifying import BelowBonusThreshold, BonusNotEvaluated, Missing, ShareNotExact, SlidingBonus
from ..figures import word
from ..states import StepKind, StepResult, Verdict
from ..trace import InputValue
from .context import UnitContext
from .thresholds import apply_threshold


def sliding_bonus(ctx: UnitContext, rule: model.BonusRule, leader: str) -> tuple[int | None, Missing]:
    """The bonus seats of the leading list (0 below the threshold), or None with what is missing."""
    threshold = rule.threshold
    assert threshold is not None and rule.step is not None and rule.most is not None
    test = apply_threshold(ctx, threshold, leader, kind=StepKind.BONUS)
    if test.result == Verdict.NOT_EVALUATED:
        return None, test.missing
    if test.result == Verdict.FAILED:
        below = BelowBonusThreshold(leader, threshold.inclusive, threshold.percent_text, threshold.base, test.detail)
        ctx.record(StepKind.BONUS, rule.provenance, [], below, StepResult.NO_BONUS)
        return 0, ()
    share = test.share  # measured by the test just recorded, on the figures it names
    if share is None:
        unknown = ShareNotExact(leader, test.detail)
        ctx.record(StepKind.BONUS, rule.provenance, [], BonusNotEvaluated(unknown), StepResult.NOT_EVALUATED)
        return None, (unknown,)
    steps = (share - threshold.share) // rule.step  # whole steps above the threshold; exact
    scaled = rule.seats + rule.per_step * steps
    seats = min(scaled, rule.most)
    inputs: list[tuple[str, InputValue]] = [(word("share"), share), (word("whole steps"), steps)]
    found = SlidingBonus(
        leader,
        share,
        threshold.base,
        threshold.percent_text,
        rule.seats,
        rule.per_step,
        steps,
        rule.step,
        scaled,
        rule.most,
        seats,
    )
    ctx.record(StepKind.BONUS, rule.provenance, inputs, found, StepResult.BONUS)
    return seats, ()

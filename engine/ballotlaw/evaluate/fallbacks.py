"""What the law does when the thresholds leave too few lists: `if fewer than N lists qualify, the M lists with
the most votes qualify`, and `if the lists that qualify have less than 60% of voters_took_part, the lists with the
most votes qualify until they have it` (Lithuania, Seimas Elections Law Art. 89(2))."""

from __future__ import annotations

from ..exact import show
from ..facts import Fact
from ..facts.allocation import FallbackPlaces
from ..facts.contest import NotEvaluated
from ..facts.qualifying import (
    FallbackPending,
    FewerNotEvaluated,
    FewerQualify,
    QualifiesByNumber,
    QualifiesByShare,
    ShareHeld,
    ShareJoined,
    TiedForFallback,
)
from ..model import Provenance
from ..outcome import QualifyingTest
from ..states import Qualification, StepKind, StepResult, Verdict
from ..trace import InputValue
from .context import UnitContext, figure_input
from .ties import break_tie

Qualified = dict[str, Qualification]
Tests = dict[str, list[QualifyingTest]]


def fallback_by_number(ctx: UnitContext, qualified: Qualified, tests: Tests) -> None:
    """`if fewer than N lists qualify, the M lists with the most votes qualify`."""
    rule = ctx.contest.fallback
    if rule is None:
        return
    fewer_than, take, provenance = rule
    passing = [s for s, q in qualified.items() if q == Qualification.YES]
    if len(passing) >= fewer_than or Qualification.UNDETERMINED in qualified.values():
        return
    unknown = [s for s in ctx.selections if not ctx.vote(s).known or ctx.vote(s).value is None]
    if unknown:
        _not_evaluated(
            ctx,
            qualified,
            tests,
            provenance,
            [(f"votes of {s}", figure_input(ctx.vote(s))) for s in unknown],
            FewerNotEvaluated(len(passing), fewer_than, tuple(unknown)),
            [f"votes of {s}" for s in unknown],
        )
        return
    votes = {s: ctx.vote(s).value or 0 for s in ctx.selections}
    ranked = sorted(ctx.selections, key=lambda s: -votes[s])
    chosen = list(ranked[:take])
    tied_out: tuple[str, ...] = ()
    if 0 < take < len(ranked) and votes[ranked[take - 1]] == votes[ranked[take]]:
        edge = votes[ranked[take]]
        above = [s for s in ranked if votes[s] > edge]
        tied = tuple(s for s in ranked if votes[s] == edge)
        tie = break_tie(ctx, ctx.contest.tie_rule, tied, take - len(above), FallbackPlaces())
        chosen = above + list(tie.winners)
        tied_out = tie.still_tied
    ctx.record(
        StepKind.FALLBACK,
        provenance,
        [(f"votes of {s}", votes[s]) for s in ranked],
        FewerQualify(len(passing), fewer_than, take, tuple(chosen), tied_out),
        StepResult.FALLBACK,
    )
    for selection in chosen:
        if qualified[selection] != Qualification.YES:
            qualified[selection] = Qualification.YES
            tests[selection].append(QualifyingTest(provenance, Verdict.PASSED, QualifiesByNumber(len(passing))))
    for selection in tied_out:
        if qualified[selection] != Qualification.YES:
            qualified[selection] = Qualification.UNDETERMINED
            tests[selection].append(QualifyingTest(provenance, Verdict.NOT_EVALUATED, TiedForFallback()))


def fallback_by_share(ctx: UnitContext, qualified: Qualified, tests: Tests) -> None:
    """Lists join in order of votes (lists with equal votes together) until the qualifying lists hold the share
    of the base. When the lists that surely qualify already hold it, nothing else is needed; otherwise the rule
    is not evaluated while a list's qualification or a figure it needs is unknown."""
    rule = ctx.contest.share_fallback
    if rule is None:
        return
    share, base_name, provenance = rule
    unit = ctx.nation() or ctx.unit
    base = ctx.count(base_name, unit)
    inputs: list[tuple[str, InputValue]] = [(base_name, figure_input(base))]
    surely = [s for s in ctx.selections if qualified[s] == Qualification.YES]
    missing = [f"{base_name} at {unit}"] if not base.known or base.value is None else []
    missing += [f"votes of {s}" for s in surely if not ctx.vote(s).known]
    if missing:
        _not_evaluated(ctx, qualified, tests, provenance, inputs, NotEvaluated(tuple(missing)), missing)
        return
    assert base.value is not None
    votes = {s: ctx.vote(s).value or 0 for s in ctx.selections}
    held = sum(votes[s] for s in surely)
    needed = share * base.value
    inputs.append(("votes of the qualifying lists", held))
    inputs.append((f"{show(share * 100)}% of {base_name}", needed))
    if held >= needed:
        ctx.record(StepKind.FALLBACK, provenance, inputs, ShareHeld(held, needed), StepResult.NOT_NEEDED)
        return
    missing = [f"the qualification of {s}" for s, q in qualified.items() if q == Qualification.UNDETERMINED]
    missing += [f"votes of {s}" for s in ctx.selections if qualified[s] == Qualification.NO and not ctx.vote(s).known]
    if missing:
        _not_evaluated(ctx, qualified, tests, provenance, inputs, NotEvaluated(tuple(missing)), missing)
        return
    waiting = sorted((s for s in ctx.selections if qualified[s] == Qualification.NO), key=lambda s: -votes[s])
    added: list[str] = []
    while held < needed and waiting:
        top = votes[waiting[0]]
        group = [s for s in waiting if votes[s] == top]  # lists with equal votes join together
        waiting = waiting[len(group) :]
        added.extend(group)
        held += top * len(group)
    inputs.append(("votes held after", held))
    ctx.record(
        StepKind.FALLBACK,
        provenance,
        inputs,
        ShareJoined(needed, tuple(added), held, held >= needed),
        StepResult.FALLBACK,
    )
    for selection in added:
        qualified[selection] = Qualification.YES
        tests[selection].append(QualifyingTest(provenance, Verdict.PASSED, QualifiesByShare(share)))


def _not_evaluated(
    ctx: UnitContext,
    qualified: Qualified,
    tests: Tests,
    provenance: Provenance,
    inputs: list[tuple[str, InputValue]],
    decision: Fact,
    missing: list[str],
) -> None:
    """A fallback that cannot be decided: every list it could admit is left undetermined, never excluded."""
    ctx.record(StepKind.FALLBACK, provenance, inputs, decision, StepResult.NOT_EVALUATED)
    for selection in ctx.selections:
        if qualified[selection] == Qualification.NO:
            qualified[selection] = Qualification.UNDETERMINED
            tests[selection].append(
                QualifyingTest(provenance, Verdict.NOT_EVALUATED, FallbackPending(), None, tuple(missing))
            )

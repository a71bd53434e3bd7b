"""What the law does when the thresholds leave too few lists: `if fewer than N lists qualify, the M lists with
the most votes qualify`, and `if the lists that qualify have less than 60% of voters_took_part, the lists with the
most votes qualify until they have it` (Lithuania, Seimas Elections Law Art. 89(2))."""

from __future__ import annotations

from collections.abc import Sequence

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
    QualifiesEitherWay,
    ShareHeld,
    ShareJoined,
    TiedForFallback,
)
from ..figures import Named, at, named, votes_of, word
from ..model import Provenance
from ..outcome import QualifyingTest
from ..states import Qualification, StepKind, StepResult, Verdict
from ..trace import InputValue
from .bounds import count_bounds, vote_bounds
from .context import UnitContext, figure_input
from .intervals import Interval
from .ties import break_tie

Qualified = dict[str, Qualification]
Tests = dict[str, list[QualifyingTest]]


def fallback_by_number(ctx: UnitContext, qualified: Qualified, tests: Tests) -> None:
    """`if fewer than N lists qualify, the M lists with the most votes qualify`. Votes not published rank by
    their bounds (evaluate/bounds.py): a list is surely among the M when fewer than M others can reach its
    votes, surely not when M others surely have more. A list the rule could admit is left undetermined only
    where the bounds do not decide it, or where lists not yet decided may make the rule apply."""
    rule = ctx.contest.fallback
    if rule is None:
        return
    fewer_than, take, provenance, at_least = rule.fewer_than, rule.take, rule.provenance, rule.at_least
    passing = sum(q == Qualification.YES for q in qualified.values())
    maybe = sum(q == Qualification.UNDETERMINED for q in qualified.values())
    if passing >= fewer_than or passing + maybe < at_least:
        return
    votes = {s: vote_bounds(ctx.results, ctx.unit, s, votes_of(s)).interval for s in ctx.selections}
    applies = passing + maybe < fewer_than and passing >= at_least
    if applies and all(v.exact is not None for v in votes.values()):
        _take_exact(ctx, qualified, tests, passing, {s: int(v.exact or 0) for s, v in votes.items()})
        return
    inside, outside = _ranked_by_bounds(votes, take)
    unsure = [s for s in ctx.selections if s not in inside and s not in outside]
    inputs: list[tuple[str, InputValue]] = [(votes_of(s), _shown(votes[s])) for s in ctx.selections]
    if applies and not unsure:
        chosen = tuple(sorted(inside, key=lambda s: (-votes[s].low, ctx.selections.index(s))))
        taken = FewerQualify(passing, fewer_than, take, chosen, ())
        ctx.record(StepKind.FALLBACK, provenance, inputs, taken, StepResult.FALLBACK)
        _admit(qualified, tests, provenance, chosen, passing)
        return
    if applies:
        # The rule applies: the lists surely among the M qualify; those the bounds leave open wait for them.
        waiting = [s for s in unsure if qualified[s] == Qualification.NO]
        missing = [m for s in unsure for m in votes[s].missing]
        decision: Fact = FewerNotEvaluated(passing, fewer_than, tuple(unsure))
        ctx.record(StepKind.FALLBACK, provenance, inputs, decision, StepResult.NOT_EVALUATED)
        _admit(qualified, tests, provenance, tuple(s for s in ctx.selections if s in inside), passing)
        _pending(qualified, tests, provenance, waiting, missing)
        return
    # Lists not yet decided may make the rule apply. Where any one of them failing would leave fewer than N,
    # those surely among the M qualify either way; a list below the thresholds that the rule could admit waits.
    either = [s for s in ctx.selections if s in inside and qualified[s] == Qualification.UNDETERMINED]
    if passing + maybe > fewer_than or passing < at_least:  # the rule may not apply at all
        either = []
    waiting = [s for s in ctx.selections if s not in outside and qualified[s] == Qualification.NO]
    if not either and not waiting:
        return  # whether the rule applies or not, it admits no list that is not already counted
    missing = [named(Named.QUALIFICATION_OF, s) for s, q in qualified.items() if q == Qualification.UNDETERMINED]
    missing = [m for m in missing if m.removeprefix("the qualification of ") not in either]
    certain = QualifiesEitherWay(passing, maybe, fewer_than, take, tuple(either), tuple(waiting))
    ctx.record(
        StepKind.FALLBACK,
        provenance,
        inputs,
        certain,
        StepResult.NOT_EVALUATED if waiting else StepResult.FALLBACK,
    )
    for selection in either:
        qualified[selection] = Qualification.YES
        tests[selection].append(QualifyingTest(provenance, Verdict.PASSED, certain))
    _pending(qualified, tests, provenance, waiting, missing)


def _pending(
    qualified: Qualified, tests: Tests, provenance: Provenance, waiting: list[str], missing: list[str]
) -> None:
    """Lists the rule could admit, left undetermined (never excluded) until the figures decide it."""
    for selection in waiting:
        qualified[selection] = Qualification.UNDETERMINED
        tests[selection].append(
            QualifyingTest(provenance, Verdict.NOT_EVALUATED, FallbackPending(), None, tuple(missing))
        )


def _shown(interval: Interval) -> InputValue:
    return interval.exact if interval.exact is not None else interval.describe()


def _ranked_by_bounds(votes: dict[str, Interval], take: int) -> tuple[set[str], set[str]]:
    """The lists surely among the `take` with the most votes, and those surely not (a possible tie at the cut
    leaves both lists in neither)."""
    inside: set[str] = set()
    outside: set[str] = set()
    for selection, own in votes.items():
        reach = sum(1 for o, v in votes.items() if o != selection and (v.high is None or v.high >= own.low))
        above = sum(1 for o, v in votes.items() if o != selection and own.high is not None and v.low > own.high)
        if reach < take:
            inside.add(selection)
        elif above >= take:
            outside.add(selection)
    return inside, outside


def _admit(qualified: Qualified, tests: Tests, provenance: Provenance, chosen: tuple[str, ...], passing: int) -> None:
    for selection in chosen:
        if qualified[selection] != Qualification.YES:
            qualified[selection] = Qualification.YES
            tests[selection].append(QualifyingTest(provenance, Verdict.PASSED, QualifiesByNumber(passing)))


def _take_exact(ctx: UnitContext, qualified: Qualified, tests: Tests, passing: int, votes: dict[str, int]) -> None:
    """Every list's votes published: the `take` with the most qualify, a tie at the cut to the tie rule."""
    rule = ctx.contest.fallback
    assert rule is not None
    fewer_than, take, provenance = rule.fewer_than, rule.take, rule.provenance
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
        [(votes_of(s), votes[s]) for s in ranked],
        FewerQualify(passing, fewer_than, take, tuple(chosen), tied_out),
        StepResult.FALLBACK,
    )
    _admit(qualified, tests, provenance, tuple(chosen), passing)
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
    missing = [votes_of(s) for s in surely if not ctx.vote(s).known]
    most = count_bounds(ctx.results, unit, base_name).interval.high
    if not missing and not base.known and most is not None:
        # The base is not published, but bounded: the lists that qualify may already hold the share of its most.
        held = sum(ctx.vote(s).value or 0 for s in surely)
        if held >= share * most:
            inputs.append((word("votes of the qualifying lists"), held))
            inputs.append((f"{show(share * 100)}% of at most {show(most)}", share * most))
            decided = ShareHeld(held, share * most)
            ctx.record(StepKind.FALLBACK, provenance, inputs, decided, StepResult.NOT_NEEDED)
            return
    missing = ([at(base_name, unit)] if not base.known or base.value is None else []) + missing
    if missing:
        _not_evaluated(ctx, qualified, tests, provenance, inputs, NotEvaluated(tuple(missing)), missing)
        return
    assert base.value is not None
    votes = {s: ctx.vote(s).value or 0 for s in ctx.selections}
    held = sum(votes[s] for s in surely)
    needed = share * base.value
    inputs.append((word("votes of the qualifying lists"), held))
    inputs.append((named(Named.SHARE_OF, f"{show(share * 100)}%", base_name), needed))
    if held >= needed:
        ctx.record(StepKind.FALLBACK, provenance, inputs, ShareHeld(held, needed), StepResult.NOT_NEEDED)
        return
    missing = [named(Named.QUALIFICATION_OF, s) for s, q in qualified.items() if q == Qualification.UNDETERMINED]
    missing += [votes_of(s) for s in ctx.selections if qualified[s] == Qualification.NO and not ctx.vote(s).known]
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
    inputs.append((word("votes held after"), held))
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
    missing: Sequence[str],
) -> None:
    """A fallback that cannot be decided: every list it could admit is left undetermined, never excluded."""
    ctx.record(StepKind.FALLBACK, provenance, inputs, decision, StepResult.NOT_EVALUATED)
    for selection in ctx.selections:
        if qualified[selection] == Qualification.NO:
            qualified[selection] = Qualification.UNDETERMINED
            tests[selection].append(
                QualifyingTest(provenance, Verdict.NOT_EVALUATED, FallbackPending(), None, tuple(missing))
            )

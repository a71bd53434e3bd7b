"""Threshold tests: is a list's vote at least (or more than) a share of an explicit base, nationally or in
every unit of a level? Exact: votes * denominator is compared with numerator * base, never via floats."""

from __future__ import annotations

import functools
from fractions import Fraction

import attrs

from .. import model
from ..facts import Fact
from ..facts.qualifying import (
    Amount,
    BelowInUnits,
    EitherShare,
    Measured,
    MembersUnknown,
    MetInAllUnits,
    MetInSomeUnits,
    Need,
    NoNation,
    Reported,
    ThresholdMeasured,
    Undecided,
    UnitsIncomplete,
    UnpublishedInUnits,
)
from ..figures import Named, in_unit, named, votes_of
from ..outcome import QualifyingTest
from ..results.model import ABSENT_FIGURE, Figure, Results
from ..states import StepKind, Verdict
from ..trace import InputValue
from .bounds import Bounds, count_bounds, vote_bounds
from .context import UnitContext, figure_input
from .intervals import Interval, compare

VERDICTS: dict[bool | None, Verdict] = {True: Verdict.PASSED, False: Verdict.FAILED, None: Verdict.NOT_EVALUATED}


def amount(interval: Interval) -> Amount:
    """An interval as the amount a sentence states: exact, within its bounds, or not known."""
    exact = interval.exact
    return Amount(exact) if exact is not None else Amount(None, interval.high, interval.low or None)


@functools.lru_cache(maxsize=1024)
def _need_of(
    percent_text: str, numerator: int, denominator: int, base: Figure, bounds: Bounds | None, name: str
) -> Need:
    """Cached by the share's terms (a `Fraction` hashes slowly)."""
    share = Fraction(numerator, denominator)
    if base.known:
        assert base.value is not None
        return Need(percent_text, Reported(base.value, base.status), Amount(share * base.value))
    if bounds is None:
        bound = None if base.at_most is None else share * base.at_most
        return Need(percent_text, Reported(None, base.status, base.at_most), Amount(None, bound))
    low, high = bounds.interval.low, bounds.interval.high
    high_int = None if high is None else int(high)
    reported = Reported(None, base.status, high_int, int(low) or None, bounds.by, name if bounds.by else None)
    return Need(percent_text, reported, amount(bounds.interval.scaled(share)))


def _need(rule: model.ThresholdRule, base: Figure, bounds: Bounds | None = None) -> Need:
    """`5% of 1281622 = 64081.1`: what the threshold needs of `base` (one fact for every list measured there),
    within `bounds` where the base is not published; its whole part where the law rounds it down to whole votes."""
    need = _need_of(rule.percent_text, rule.share.numerator, rule.share.denominator, base, bounds, rule.base)
    if not rule.whole_votes:
        return need
    n = need.needed
    return attrs.evolve(need, whole=Amount(_floor(n.exact), _floor(n.at_most), _floor(n.at_least)))


def _floor(value: Fraction | None) -> Fraction | None:
    """The whole part (floor division of the exact fraction: no float)."""
    return None if value is None else Fraction(value.numerator // value.denominator)


def _whole(interval: Interval) -> Interval:
    """The votes a share needs, rounded down to whole votes (both bounds: the floor is monotone)."""
    low = _floor(interval.low)
    assert low is not None
    return Interval(low, _floor(interval.high), interval.missing)


def _measure(
    ctx: UnitContext,
    rule: model.ThresholdRule,
    selection: str,
    unit: str,
    inputs: list[tuple[str, InputValue]],
    where: str | None,
    always: bool = False,
) -> tuple[bool | None, Measured | Undecided | None, Fraction | None]:
    """Whether the selection meets the threshold in `unit`; the detail is built only where it is shown
    (`where` is None for the unit of competition, a failure in a sub-unit is always shown, and so is the
    national measure of a contest decided in every district: `always`)."""
    vote = ctx.results.vote(unit, selection)
    counted = base_unit(ctx.results, rule, unit)
    base = ctx.count(rule.base, counted) if counted is not None else ABSENT_FIGURE
    inputs.append((votes_of(selection, where), figure_input(vote)))
    place = where if rule.base_level is None else counted or rule.base_level  # the name says where it is counted
    inputs.append((in_unit(rule.base, place) if place is not None else rule.base, figure_input(base)))
    if vote.known and base.known:
        assert vote.value is not None and base.value is not None
        # Exact: votes >= share * base  <=>  votes * denominator >= numerator * base.
        left, right = vote.value * rule.share.denominator, rule.share.numerator * base.value
        if rule.whole_votes:  # the whole part of share * base, in votes
            left, right = vote.value, right // rule.share.denominator
        result = left >= right if rule.inclusive else left > right
        if where is not None and result and not always:
            return True, None, None
        share = Fraction(vote.value, base.value) if base.value and (always or where is None) else None
        return result, Measured(Amount(Fraction(vote.value)), False, rule.inclusive, result, _need(rule, base)), share
    voted = vote_bounds(ctx.results, unit, selection)
    if counted is None:  # the data has no enclosing unit of the base's level: the base is not known
        unknown = Undecided(selection, where, None if vote.known else vote.status, rule.base_name, base.status)
        return None, unknown, None
    based = count_bounds(ctx.results, counted, rule.base)
    votes, needed = voted.interval, based.interval.scaled(rule.share)
    needed = _whole(needed) if rule.whole_votes else needed
    decided = compare(votes, ">=" if rule.inclusive else ">", needed)
    if decided is None:
        unknown = Undecided(
            selection, where, None if vote.known else vote.status, rule.base_name, None if base.known else base.status
        )
        return None, unknown, None
    need = _need(rule, base, None if base.known else based)
    share = None
    if votes.exact is not None and based.interval.exact and (always or where is None):
        share = votes.exact / based.interval.exact  # figures pinned by the published ones around them
    return decided, Measured(amount(votes), not vote.known, rule.inclusive, decided, need, voted.by), share


def base_unit(results: Results, rule: model.ThresholdRule, unit: str) -> str | None:
    """The unit whose count is the base where `unit` is measured: the unit itself, or, for a base written `of
    registered_voters of the nation`, the unit of that level that encloses it (None where the data has none)."""
    if rule.base_level is None:
        return unit
    return results.enclosing(unit, rule.base_level)


def apply_threshold(
    ctx: UnitContext, rule: model.ThresholdRule, selection: str, kind: StepKind = StepKind.THRESHOLD
) -> QualifyingTest:
    """Apply one threshold clause to one selection and record the step (of `kind`: a bonus or a reserved seat
    measures its list the same way under its own name)."""
    inputs: list[tuple[str, InputValue]] = []
    detail: Fact | None
    if rule.level is None:
        nation = ctx.nation()
        if nation is None:
            return _finish(ctx, rule, selection, inputs, None, NoNation(ctx.unit, counting=False), None, kind)
        where = None if nation == ctx.unit else nation
        result, detail, share = _measure(ctx, rule, selection, nation, inputs, where, always=True)
        assert detail is not None  # measured `always`
        return _finish(ctx, rule, selection, inputs, result, detail, share, kind)
    same_level = rule.level == ctx.results.units[ctx.unit].level
    if same_level and rule.at_least_units is None:  # `in every district` of a contest in every district
        result, detail, share = _measure(ctx, rule, selection, ctx.unit, inputs, None)
        assert detail is not None  # measured in the unit of competition
        return _finish(ctx, rule, selection, inputs, result, detail, share, kind)
    if same_level:  # `in at least N districts` of a contest in every district: counted in the whole nation
        nation = ctx.nation()
        if nation is None:
            return _finish(ctx, rule, selection, inputs, None, NoNation(ctx.unit, counting=True), None, kind)
        units = ctx.results.descendants(nation, rule.level)
    else:
        units = ctx.descendants(rule.level)
    expected = ctx.law.levels[rule.level].unit_count
    incomplete = UnitsIncomplete(len(units), expected, rule.level, ctx.unit)
    if not units or (expected is not None and len(units) > expected):
        return _finish(ctx, rule, selection, inputs, None, incomplete, None, kind)
    # Units the rule file counts and the results lack decide nothing, but those given may: a list below the share
    # in one of them fails `in every`, and one that meets it in N of them passes `in at least N` (contracts §7).
    absent = expected - len(units) if expected is not None else 0
    failed: list[tuple[str, Measured]] = []
    unknown: list[str] = []
    missing_votes = missing_base = 0
    for unit in units:
        result, measured, _ = _measure(ctx, rule, selection, unit.id, inputs, unit.id)
        if result is False:
            assert isinstance(measured, Measured)  # a decided measure
            failed.append((unit.id, measured))
        elif result is None:
            unknown.append(unit.id)
            missing_votes += not ctx.vote(selection, unit.id).known
            counted = base_unit(ctx.results, rule, unit.id)
            missing_base += counted is None or not ctx.count(rule.base, counted).known
    if rule.at_least_units is not None:
        met = len(units) - len(failed) - len(unknown)
        needed = rule.at_least_units
        decided = True if met >= needed else (False if met + len(unknown) + absent < needed else None)
        if decided is None and absent:
            return _finish(ctx, rule, selection, inputs, None, incomplete, None, kind)
        detail = MetInSomeUnits(
            rule.inclusive,
            rule.percent_text,
            rule.base_name,
            met,
            len(units),
            rule.level,
            needed,
            VERDICTS[decided],
            tuple(unknown),
        )
        return _finish(ctx, rule, selection, inputs, decided, detail, None, kind)
    if failed:
        detail = BelowInUnits(rule.inclusive, rule.percent_text, rule.base_name, tuple(failed))
        return _finish(ctx, rule, selection, inputs, False, detail, None, kind)
    if absent:
        return _finish(ctx, rule, selection, inputs, None, incomplete, None, kind)
    if unknown:
        detail = UnpublishedInUnits(
            selection, missing_votes, rule.base_name, missing_base, len(units), rule.level, tuple(unknown)
        )
        return _finish(ctx, rule, selection, inputs, None, detail, None, kind)
    detail = MetInAllUnits(rule.inclusive, rule.percent_text, rule.base_name, len(units), rule.level)
    return _finish(ctx, rule, selection, inputs, True, detail, None, kind)


def threshold_applies(ctx: UnitContext, rule: model.ThresholdRule, selection: str) -> bool | None:
    """Whether a threshold binds the selection, by the results' attributes; None where it is an alliance (the
    results give `alliance`) whose number of parties they do not give and the threshold binds only some
    numbers of them (`for coalitions of 2 to 3 parties`)."""
    given = ctx.results.attributes.get((ctx.unit, selection))
    if not given:  # the results give the list no attribute: a single party, no minority, not independent
        return rule.applies(1, False, False)
    members = given.get("coalition_members")
    minority = bool(given.get("national_minority"))
    independent = bool(given.get("independent"))
    alliance = bool(given.get("alliance"))
    if members is None and alliance and isinstance(rule.applies_to, model.Members) and not independent:
        low, high = rule.applies_to.low, rule.applies_to.high
        if high is not None and high < 2:
            return False  # a threshold for single parties: an alliance has two parties or more
        return True if low <= 2 and high is None else None
    return rule.applies(members or 1, minority, independent)


def members_unknown(ctx: UnitContext, rule: model.ThresholdRule, selection: str) -> QualifyingTest:
    """The test of a threshold that may or may not bind an alliance of an unknown number of parties: passed
    when the alliance meets it (whether it binds or not), else not evaluated."""
    assert isinstance(rule.applies_to, model.Members)
    measured = apply_threshold(ctx, rule, selection)
    if measured.result == Verdict.PASSED:
        return measured
    detail = MembersUnknown(selection, rule.applies_to.low, rule.applies_to.high)
    inputs: list[tuple[str, InputValue]] = [
        (named(Named.ATTRIBUTE_OF, selection, "alliance"), 1),
        (named(Named.ATTRIBUTE_OF, selection, "coalition_members"), "not in the data"),
    ]
    ctx.record(StepKind.THRESHOLD, rule.provenance, inputs, detail, Verdict.NOT_EVALUATED)
    return QualifyingTest(
        rule.provenance,
        Verdict.NOT_EVALUATED,
        detail,
        None,
        (named(Named.ATTRIBUTE_OF, selection, "coalition_members"),),
    )


def _finish(
    ctx: UnitContext,
    rule: model.ThresholdRule,
    selection: str,
    inputs: list[tuple[str, InputValue]],
    result: bool | None,
    detail: Fact,
    share: Fraction | None,
    kind: StepKind,
) -> QualifyingTest:
    verdict = VERDICTS[result]
    ctx.record(kind, rule.provenance, inputs, ThresholdMeasured(selection, verdict, detail, share), verdict)
    missing = (detail,) if result is None else ()
    return QualifyingTest(rule.provenance, verdict, detail, share, missing, rule.base)


def with_alternative(
    ctx: UnitContext, rule: model.ThresholdRule, selection: str, test: QualifyingTest
) -> QualifyingTest:
    """`, or at least 20% of valid_votes in at least 4 county`: a list that does not pass the threshold is measured
    by its alternative (a step of its own); it passes if either passes, fails if both fail, else is undecided."""
    if rule.alternative is None or test.result == Verdict.PASSED:
        return test
    other = apply_threshold(ctx, rule.alternative, selection)
    missing: tuple[Fact | str, ...] = ()
    if other.result == Verdict.PASSED:
        result = Verdict.PASSED
    elif other.result == Verdict.FAILED and test.result == Verdict.FAILED:
        result = Verdict.FAILED
    else:
        result, missing = Verdict.NOT_EVALUATED, (*test.missing, *other.missing)
    return QualifyingTest(
        test.provenance, result, EitherShare(test.detail, other.detail), test.share, missing, test.base
    )

"""Threshold tests: is a list's vote at least (or more than) a share of an explicit base, nationally or in
every unit of a level? Exact: votes * denominator is compared with numerator * base, never via floats."""

from __future__ import annotations

from fractions import Fraction

from .. import model
from ..exact import percent, show_ratio
from ..outcome import TestResult
from ..trace import InputValue
from .context import UnitContext, figure_input
from .intervals import compare, of_figure


def _need_text(ctx: UnitContext, rule: model.ThresholdRule, unit: str) -> str:
    """`5% of 1281622 = 64081.1`, computed once per clause and unit (every list is measured against it)."""
    key = (rule.provenance.full_label, unit)
    text = ctx.cache.get(key)
    if text is None:
        base = ctx.count(rule.base, unit)
        needed = of_figure(base, rule.base).scaled(rule.share)
        text = f"{rule.percent_text} of {base.describe()} = {needed.describe()}"
        ctx.cache[key] = text
    return text


def _measure(
    ctx: UnitContext,
    rule: model.ThresholdRule,
    selection: str,
    unit: str,
    inputs: list[tuple[str, InputValue]],
    where: str,
    always: bool = False,
) -> tuple[bool | None, str | None, Fraction | None]:
    """Whether the selection meets the threshold in `unit`; the detail is built only where it is shown
    (`where` is empty for the unit of competition, a failure in a sub-unit is always shown, and so is the
    national measure of a contest decided in every district: `always`)."""
    vote = ctx.vote(selection, unit)
    base = ctx.count(rule.base, unit)
    inputs.append((f"votes of {selection}{where}", figure_input(vote)))
    inputs.append((f"{rule.base}{where}", figure_input(base)))
    sign = ">=" if rule.inclusive else ">"
    if vote.known and base.known:
        assert vote.value is not None and base.value is not None
        # Exact: votes >= share * base  <=>  votes * denominator >= numerator * base.
        left, right = vote.value * rule.share.denominator, rule.share.numerator * base.value
        result = left >= right if rule.inclusive else left > right
        if where and result and not always:
            return True, None, None
        share = Fraction(vote.value, base.value) if base.value and (always or not where) else None
        verdict = sign if result else f"is not {sign}"
        return result, f"{vote.value} {verdict} {_need_text(ctx, rule, unit)}", share
    votes = of_figure(vote, f"votes of {selection}{where}")
    needed = of_figure(base, f"{rule.base}{where}").scaled(rule.share)
    decided = compare(votes, sign, needed)
    if decided is None:
        return None, "; ".join((*votes.missing, *needed.missing)), None
    bound = " (its published bound)" if not vote.known else ""
    verdict = sign if decided else f"is not {sign}"
    return decided, f"{votes.describe()}{bound} {verdict} {_need_text(ctx, rule, unit)}", None


def test_threshold(ctx: UnitContext, rule: model.ThresholdRule, selection: str, kind: str = "threshold") -> TestResult:
    """Apply one threshold clause to one selection and record the step (of `kind`: a bonus or a reserved seat
    measures its list the same way under its own name)."""
    inputs: list[tuple[str, InputValue]] = []
    comparison = "at least" if rule.inclusive else "more than"
    label = rule.provenance.full_label
    if rule.level is None:
        nation = ctx.nation()
        if nation is None:
            absent = f"the data gives no unit above {ctx.unit} to measure the national share in"
            return _finish(ctx, rule, selection, inputs, None, absent, None, label, kind)
        where = "" if nation == ctx.unit else f" in {nation}"
        result, detail, share = _measure(ctx, rule, selection, nation, inputs, where, always=True)
        return _finish(ctx, rule, selection, inputs, result, detail or "", share, label, kind)
    same_level = rule.level == ctx.results.units[ctx.unit].level
    if same_level and rule.at_least_units is None:  # `in every district` of a contest in every district
        result, detail, share = _measure(ctx, rule, selection, ctx.unit, inputs, "")
        return _finish(ctx, rule, selection, inputs, result, detail or "", share, label, kind)
    if same_level:  # `in at least N districts` of a contest in every district: counted in the whole nation
        nation = ctx.nation()
        if nation is None:
            absent = f"the data gives no unit above {ctx.unit} to count the districts in"
            return _finish(ctx, rule, selection, inputs, None, absent, None, label, kind)
        units = ctx.results.descendants(nation, rule.level)
    else:
        units = ctx.descendants(rule.level)
    expected = ctx.law.levels[rule.level].unit_count
    if not units or (expected is not None and len(units) != expected):
        have = f"{len(units)} of the {expected}" if expected is not None else "no"
        detail = f"the data has {have} units of level `{rule.level}` under {ctx.unit}"
        return _finish(ctx, rule, selection, inputs, None, detail, None, label, kind)
    failed: list[str] = []
    unknown: list[str] = []
    missing_votes = missing_base = 0
    for unit in units:
        result, detail, _ = _measure(ctx, rule, selection, unit.id, inputs, f" in {unit.id}")
        if result is False:
            failed.append(f"{unit.id}: {detail}")
        elif result is None:
            unknown.append(unit.id)
            missing_votes += not ctx.vote(selection, unit.id).known
            missing_base += not ctx.count(rule.base, unit.id).known
    if rule.at_least_units is not None:
        return _at_least(ctx, rule, selection, inputs, label, len(units), failed, unknown, kind)
    if failed:
        return _finish(
            ctx,
            rule,
            selection,
            inputs,
            False,
            f"below {comparison} {rule.percent_text} of {rule.base} in {'; '.join(failed)}",
            None,
            label,
            kind,
        )
    if unknown:
        what = []
        if missing_votes:
            what.append(f"votes of {selection} in {missing_votes}")
        if missing_base:
            what.append(f"{rule.base} in {missing_base}")
        detail = (
            f"not published: {' and '.join(what)} of the {len(units)} units of level `{rule.level}` "
            f"({', '.join(unknown)})"
        )
        return _finish(ctx, rule, selection, inputs, None, detail, None, label, kind)
    return _finish(
        ctx,
        rule,
        selection,
        inputs,
        True,
        f"{comparison} {rule.percent_text} of {rule.base} in all {len(units)} units of level `{rule.level}`",
        None,
        label,
        kind,
    )


def _at_least(
    ctx: UnitContext,
    rule: model.ThresholdRule,
    selection: str,
    inputs: list[tuple[str, InputValue]],
    label: str,
    total: int,
    failed: list[str],
    unknown: list[str],
    kind: str,
) -> TestResult:
    """`in at least N regions`: decided once N units surely meet it, or too few can."""
    needed = rule.at_least_units or 0
    met = total - len(failed) - len(unknown)
    comparison = "at least" if rule.inclusive else "more than"
    what = f"{comparison} {rule.percent_text} of {rule.base} in {met} of {total} units of level `{rule.level}`"
    if met >= needed:
        return _finish(ctx, rule, selection, inputs, True, f"{what} (needed: {needed})", None, label, kind)
    if met + len(unknown) < needed:
        return _finish(ctx, rule, selection, inputs, False, f"{what}; needed: {needed}", None, label, kind)
    detail = f"{what}; needed: {needed}; not published in {len(unknown)} ({', '.join(unknown)})"
    return _finish(ctx, rule, selection, inputs, None, detail, None, label, kind)


def _finish(
    ctx: UnitContext,
    rule: model.ThresholdRule,
    selection: str,
    inputs: list[tuple[str, InputValue]],
    result: bool | None,
    detail: str,
    share: Fraction | None,
    label: str,
    kind: str,
) -> TestResult:
    word = {True: "passed", False: "failed", None: "not evaluated"}[result]
    exact = show_ratio(share.numerator * 100, share.denominator, 6) if share is not None else ""
    shown = f" (share {percent(share)} = {exact}%)" if share is not None else ""
    decision = f"{selection}: {word}: {detail}{shown}"
    ctx.record(kind, rule.provenance, inputs, decision, word)
    missing = (detail,) if result is None else ()
    return TestResult(label, word, detail, share, missing, rule.base)

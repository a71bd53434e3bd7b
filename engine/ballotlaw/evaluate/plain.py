"""The plain path: a unit of a contest of lists whose law says nothing but thresholds of a share of a count measured
in the unit, a divisor method or a quota with the largest remainders, a tie rule and `valid at any turnout`, and
whose figures are all published. Such a unit is decided in one pass over lists of integers, and what it decided
is kept as one record (`PlainUnit`): the votes, the bases, each threshold's verdict on each list, the kernel's
numbers and the seats. The unit's outcome and its steps in the trace are built from that record when they are
first read (outcome and trace are `Deferred` sequences), exactly as the general path (lists.py) builds them.

What the plain path cannot decide alone (a tie, a figure not published, an attribute of a list, no list
qualifying, whole rounds of seats left over) it leaves to the general path, unit by unit. Which contests it
takes is decided once per contest (`plan_of`), field by field of the model: a field the plan does not know must
be at its default, so a clause added to the language later goes the general way until this module learns it.
tests/test_plain_path.py holds both paths to the same outcome and trace.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import compress
from typing import Any

import attrs

from .. import model
from ..deferred import Pending
from ..facts.allocation import Allocated, DivisorRound, MethodRound, QuotaRound
from ..facts.qualifying import (
    Amount,
    Measured,
    NoTurnoutMinimum,
    SeatsFromVotes,
    ThresholdMeasured,
    ValidAtAnyTurnout,
)
from ..figures import at, votes_of, word
from ..methods.indexed import DivisorSeats, LinearDivisors, QuotaSeats, divisor_seats, linear_divisors, quota_seats
from ..methods.kernels import DivisorMethod, QuotaMethod
from ..outcome import CheckOutcome, QualifyingTest, SelectionOutcome, UnitOutcome, Unpublished
from ..results.model import ABSENT_FIGURE, PUBLISHED, Figure, Results
from ..states import (
    CheckKind,
    CheckResult,
    Competitors,
    Qualification,
    SeatsStatus,
    Status,
    StepKind,
    StepResult,
    Verdict,
)
from ..trace import InputValue, Step
from .bases import is_combined
from .thresholds import _need

#: Fields of a contest the plan reads; every other field must be at its default (or the empty value given here).
_READ = frozenset(
    {
        "id",
        "title",
        "competitors",
        "level",
        "every",
        "compete",
        "seats",
        "seats_provenance",
        "thresholds",
        "method",
        "method_provenance",
        "tie_rule",
        "valid_always",
        "seats_by_unit",
        "quota_base",
    }
)
_EMPTY: dict[str, object] = {"elect_rule": None, "elect_provenance": None, "cap": None, "reruns": (), "validity": ()}

#: Fields of a threshold the plan reads; the others must be at their defaults.
_THRESHOLD_READ = frozenset({"provenance", "inclusive", "share", "percent_text", "base", "level"})


@attrs.frozen
class PlainPlan:
    """A contest the plain path can decide: its thresholds, its method, and the counts its units must publish."""

    contest: model.Contest
    method: DivisorMethod | QuotaMethod
    divisors: LinearDivisors | None  # a divisor method's terms in integers
    thresholds: tuple[model.ThresholdRule, ...]
    terms: tuple[tuple[str, int, int, bool], ...]  # each threshold's base, share (numerator, denominator), inclusive
    counts: tuple[str, ...]  # the counts the law declares at the contest's level: all must be published
    leaf: bool  # thresholds named at the contest's level: the unit must have no units below it
    fixed_steps: int  # the steps of a unit whatever its lists: validity (where the law says so), the allocation
    steps_per_list: int  # and those of each list: one a threshold


def _at_default(record: Any, read: frozenset[str], empty: dict[str, object]) -> bool:
    for field in attrs.fields(type(record)):
        if field.name in read:
            continue
        if field.default is attrs.NOTHING:
            default = empty[field.name]  # a new field without a default: say here what the plain path expects
        elif isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            default = field.default.factory()  # type: ignore[attr-defined]
        else:
            default = field.default
        if getattr(record, field.name) != default:
            return False
    return True


def _plain_threshold(contest: model.Contest, rule: model.ThresholdRule) -> bool:
    """A share of a count, measured in the unit of competition itself, binding every list."""
    if not _at_default(rule, _THRESHOLD_READ, {}) or is_combined(rule.base):
        return False
    if rule.level is None:
        return not contest.every
    return contest.every and rule.level == contest.level


def _plan(law: model.Law, contest: model.Contest) -> PlainPlan | None:
    if contest.competitors is not Competitors.LISTS or not _at_default(contest, _READ, _EMPTY):
        return None
    method = contest.method
    divisors = None
    if isinstance(method, DivisorMethod):
        divisors = linear_divisors(method)
        if divisors is None:
            return None
    elif not isinstance(method, QuotaMethod) or method.leftover != "largest remainders" or method.part is not None:
        return None
    if contest.quota_base is not None and contest.quota_base.count is not None:
        return None  # a quota of a count: the general path reads it (the votes of the lists, written out, are plain)
    if not all(_plain_threshold(contest, rule) for rule in contest.thresholds):
        return None
    counts = tuple(
        c.name for c in law.counts.values() if not c.per_selection and c.levels and contest.level in c.levels
    )
    terms = tuple((r.base, r.share.numerator, r.share.denominator, r.inclusive) for r in contest.thresholds)
    leaf = any(r.level is not None for r in contest.thresholds)
    fixed = (contest.valid_always is not None) + 1
    return PlainPlan(contest, method, divisors, contest.thresholds, terms, counts, leaf, fixed, len(terms))


#: The plans of the contests last evaluated, by the contest's identity (a law is evaluated many times over by
#: `verify`; the plan is a property of the contest alone, never of the results).
_PLANS: dict[int, tuple[model.Contest, PlainPlan | None]] = {}


def plan_of(law: model.Law, contest: model.Contest) -> PlainPlan | None:
    """The plain plan of `contest`, or None where the general path must decide its units."""
    found = _PLANS.get(id(contest))
    if found is not None and found[0] is contest:
        return found[1]
    plan = _plan(law, contest)
    if len(_PLANS) >= 256:
        _PLANS.clear()
    _PLANS[id(contest)] = (contest, plan)
    return plan


class PlainUnit(Pending):
    """What a plain unit decided, as numbers in ballot order; its outcome and steps are built from them."""

    __slots__ = (
        "bases",
        "first",
        "kernel",
        "met",
        "name",
        "plan",
        "seats",
        "step_count",
        "table",
        "tests",
        "unit",
        "unpublished",
        "values",
    )

    #: a plain unit is decided: its seats are computed and no clause leaves them open
    status = Status.ELECTED

    def __init__(
        self,
        plan: PlainPlan,
        unit: str,
        name: str | None,
        seats: int,
        table: dict[str, Figure],
        values: list[int],
        bases: list[Figure],
        met: list[list[bool]],
        kernel: DivisorSeats | QuotaSeats,
        first: int,
    ) -> None:
        self.plan, self.unit, self.seats, self.table, self.values, self.bases = plan, unit, seats, table, values, bases
        self.met, self.kernel, self.first = met, kernel, first
        #: the steps this unit adds to the trace: validity, a threshold on each list, the allocation
        self.step_count = plan.fixed_steps + plan.steps_per_list * len(table)
        self.name = name  # the unit's name in the results
        self.unpublished: tuple[Unpublished, ...] = ()  # the counts of the unit the results do not publish
        self.tests: list[list[tuple[QualifyingTest, ThresholdMeasured]]] | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The lists, in ballot order."""
        return tuple(self.table)

    @property
    def figures(self) -> tuple[Figure, ...]:
        """The lists' votes as the results give them."""
        return tuple(self.table.values())

    @property
    def contenders(self) -> list[int]:
        """The lists that meet every threshold (all of them where the law has none), in ballot order."""
        return [i for i in range(len(self.values)) if all(met[i] for met in self.met)]

    def won(self, contenders: list[int]) -> list[int]:
        """Each list's seats, in ballot order (0 for the lists that do not qualify)."""
        seats = [0] * len(self.values)
        for i, won in zip(contenders, self.kernel.seats, strict=True):
            seats[i] = won
        return seats

    def _measured(self) -> list[list[tuple[QualifyingTest, ThresholdMeasured]]]:
        """Each threshold's test of each list, and the fact its step records (built once)."""
        if self.tests is None:
            self.tests = []
            for rule, base, met in zip(self.plan.thresholds, self.bases, self.met, strict=True):
                need = _need(rule, base)
                found = []
                for selection, value, passed in zip(self.table, self.values, met, strict=True):
                    verdict = Verdict.PASSED if passed else Verdict.FAILED
                    detail = Measured(Amount(Fraction(value)), False, rule.inclusive, passed, need)
                    share = Fraction(value, base.value) if base.value else None
                    test = QualifyingTest(rule.provenance, verdict, detail, share, (), rule.base)
                    found.append((test, ThresholdMeasured(selection, verdict, detail, share)))
                self.tests.append(found)
        return self.tests

    def _round(self, contenders: list[int]) -> MethodRound:
        """The method's round as kernels.py and allocation.method_round state it."""
        method, kernel = self.plan.method, self.kernel
        everyone = self.names
        names = [everyone[i] for i in contenders]
        given = tuple(zip(names, kernel.seats, strict=True))
        if isinstance(kernel, DivisorSeats):
            last = Fraction(*kernel.last) if kernel.last is not None else None
            return DivisorRound(method.name, given, last)
        assert isinstance(method, QuotaMethod)
        total = sum(self.values[i] for i in contenders)
        seats = self.seats
        return QuotaRound(
            method=method.name,
            total=total,
            seats=seats,
            offset=method.quota_offset,
            exact=Fraction(total, seats + method.quota_offset),
            quota=Fraction(*kernel.quota),
            rounding=method.quota_rounding,
            full=tuple(zip(names, kernel.full, strict=True)),
            remainder_seats=tuple((names[i], 1) for i in kernel.remainder_seats),
            given=given,
            base="",
            rounds=0,
            leftover=method.leftover,
            part=None,
            left_over=0,
        )

    def steps(self) -> list[Step]:
        """The unit's steps, numbered from `first`, as the general path records them."""
        contest = self.plan.contest
        out: list[Step] = []
        n = self.first
        if contest.valid_always is not None:
            out.append(
                Step(
                    n,
                    contest.id,
                    self.unit,
                    StepKind.VALIDITY,
                    contest.valid_always,
                    (),
                    NoTurnoutMinimum(),
                    StepResult.VALID,
                )
            )
            n += 1
        for rule, found, base in zip(self.plan.thresholds, self._measured(), self.bases, strict=True):
            for (test, fact), selection, value in zip(found, self.table, self.values, strict=True):
                inputs: tuple[tuple[str, InputValue], ...] = (
                    (votes_of(selection), value),
                    (rule.base, base.value or 0),
                )
                out.append(
                    Step(n, contest.id, self.unit, StepKind.THRESHOLD, rule.provenance, inputs, fact, test.result)
                )
                n += 1
        names, contenders = self.names, self.contenders
        inputs = (*((votes_of(names[i]), self.values[i]) for i in contenders), (word("seats"), self.seats))
        decision = Allocated(self._round(contenders), False)
        out.append(
            Step(
                n,
                contest.id,
                self.unit,
                StepKind.ALLOCATION,
                contest.method_provenance,
                inputs,
                decision,
                StepResult.ALLOCATED,
            )
        )
        return out

    def outcome(self) -> UnitOutcome:
        """The unit's outcome, as lists.evaluate_list_unit builds it."""
        contest = self.plan.contest
        measured = self._measured()
        contenders = self.contenders
        seats = self.won(contenders)
        qualified = set(contenders)
        selections = tuple(
            SelectionOutcome(
                id=selection,
                votes=figure,
                tests=tuple(found[i][0] for found in measured),
                qualified=Qualification.YES if i in qualified else Qualification.NO,
                seats=seats[i],
                elected=seats[i] > 0,
            )
            for i, (selection, figure) in enumerate(zip(self.names, self.figures, strict=True))
        )
        checks: tuple[CheckOutcome, ...] = ()
        if contest.valid_always is not None:
            check = CheckOutcome(
                contest.valid_always.full_label, CheckKind.VALIDITY, CheckResult.VALID, ValidAtAnyTurnout()
            )
            checks = (check,)
        return UnitOutcome(
            unit=self.unit,
            name=self.name,
            status=Status.ELECTED,
            reasons=(),
            selections=selections,
            checks=checks,
            seats_status=SeatsStatus.COMPUTED,
            seats_note=SeatsFromVotes(len(contenders), 0, tuple(u.items[0] for u in self.unpublished), False, (), ()),
            tied=(),
            tied_seats=0,
            unpublished=self.unpublished,
            seats_available=self.seats if contest.seats_by_unit is not None else None,
            seats_added=0,
            distribution=(),
        )


def plain_unit(plan: PlainPlan, results: Results, unit: str, first: int) -> PlainUnit | None:
    """Decide `unit` by the plain path, its steps numbered from `first`; None where the general path must."""
    table = results.votes.get(unit)
    if not table:
        return None
    published = [figure.value for figure in table.values() if figure.status == PUBLISHED]
    if len(published) != len(table) or None in published:
        return None
    values: list[int] = published  # type: ignore[assignment]  # none is None (checked above)
    if results.attributes and any(results.attributes.get((unit, s)) for s in table):
        return None
    counts = results.counts
    missing: list[tuple[str, Figure]] = []  # counts the law declares here and the results do not publish
    for count in plan.counts:
        figure = counts.get((unit, count))
        if figure is None or figure.status != PUBLISHED:
            missing.append((count, figure or ABSENT_FIGURE))
    if plan.leaf and results.has_children(unit):
        return None
    bases: list[Figure] = []
    met: list[list[bool]] = []
    votes = values
    for base_name, numerator, denominator, inclusive in plan.terms:
        base = counts.get((unit, base_name))
        if base is None or base.status != PUBLISHED or base.value is None:
            return None
        # Exact: votes >= share * base  <=>  votes * denominator >= numerator * base.
        need = numerator * base.value
        if inclusive:
            passed = [v * denominator >= need for v in values]
        else:
            passed = [v * denominator > need for v in values]
        bases.append(base)
        met.append(passed)
    if met:  # the votes of the lists that meet every threshold
        votes = list(compress(values, met[0] if len(met) == 1 else map(all, zip(*met, strict=True))))
        if not votes:
            return None
    contest = plan.contest
    seats = contest.seats if contest.seats_by_unit is None else contest.seats_by_unit.get(unit)
    if seats is None:
        return None
    kernel: DivisorSeats | QuotaSeats | None
    if plan.divisors is not None:
        kernel = divisor_seats(plan.divisors, votes, seats)
    else:
        kernel = quota_seats(plan.method, votes, seats)  # type: ignore[arg-type]
    if kernel is None:
        return None
    record = PlainUnit(plan, unit, results.units[unit].name, seats, table, values, bases, met, kernel, first)
    if missing:
        record.unpublished = _unpublished(results, unit, missing)
    return record


def _unpublished(results: Results, unit: str, missing: list[tuple[str, Figure]]) -> tuple[Unpublished, ...]:
    """The counts of the unit not published, as unpublished.unpublished_figures groups them (one a count here:
    the plain unit's votes are all published and it has no units below it)."""
    out = []
    for name, figure in missing:
        title, url = results.sources.get(figure.source, ("", "")) if figure.source else ("", "")
        what = at(name, unit)
        out.append(
            Unpublished(what, (name,), figure.status, figure.at_most, figure.source, title, url, figure.at_least)
        )
    return tuple(out)  # type: ignore[arg-type]


def expand_steps(part: object) -> Sequence[Step]:
    assert isinstance(part, PlainUnit)
    return part.steps()


def expand_unit(part: object) -> Sequence[UnitOutcome]:
    assert isinstance(part, PlainUnit)
    return (part.outcome(),)

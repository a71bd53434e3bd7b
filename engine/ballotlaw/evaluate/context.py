"""What every evaluation step needs: the law, the results, the unit, and the trace being written."""

from __future__ import annotations

from fractions import Fraction

from attrs import define, field

from .. import model
from ..deferred import Pending
from ..facts import Fact
from ..facts.contest import ConditionFound, NotEvaluated
from ..figures import Named, at, named, votes_of, word
from ..outcome import CheckOutcome
from ..results.model import PUBLISHED, Figure, Results, Unit
from ..states import CheckKind, CheckResult, Qualification
from ..trace import InputValue, Kind, Result, Step
from .bases import combined, is_combined
from .bounds import count_bounds, vote_bounds
from .intervals import Interval, all_of, any_of, compare, maximum, of_figure


class Recorder:
    """Appends numbered steps to the trace; a plain unit's steps are kept as its record until they are read
    (evaluate/plain.py), numbered in their place. (A plain class: one is made for every evaluation.)"""

    __slots__ = ("count", "deferred", "steps")

    def __init__(self) -> None:
        self.steps: list[Step | Pending] = []
        self.count = 0  # the steps recorded so far, those of the pending records included
        self.deferred = False  # whether a pending record stands for some of them

    def add(
        self,
        contest: str,
        unit: str,
        kind: Kind,
        provenance: model.Provenance | None,
        inputs: list[tuple[str, InputValue]],
        decision: Fact,
        result: Result,
    ) -> Step:
        self.count += 1
        step = Step(self.count, contest, unit, kind, provenance, tuple(inputs), decision, result)
        self.steps.append(step)
        return step

    def defer(self, record: Pending, count: int) -> None:
        """Keep `record` in place of its `count` steps."""
        self.steps.append(record)
        self.count += count
        self.deferred = True


def figure_input(figure: Figure) -> InputValue:
    return figure.value if figure.status == PUBLISHED and figure.value is not None else figure.describe()


#: The names the trace gives the aggregate terms of a condition, and the leading competitor's votes (fixed words,
#: said in the renderer's language).
_AGGREGATE_NAMES = {
    "margin": "margin",
    "last seat": "margin for the last seat",
    "top two": "top two",
    "cancelled": "votes of cancelled candidates",
    "candidates": "number of candidates",
}
_LEADER_NAMES = {"list": "votes of the leading list", "candidate": "votes of the leading candidate"}


@define
class UnitContext:
    """One unit of competition of one contest."""

    law: model.Law
    results: Results
    contest: model.Contest
    unit: str
    recorder: Recorder
    selections: list[str]
    qualification: dict[str, Qualification] = field(factory=dict)
    _descendants: dict[str, list[Unit]] = field(factory=dict)

    def descendants(self, level: str) -> list[Unit]:
        """Units of `level` below this unit (computed once per level)."""
        if level not in self._descendants:
            self._descendants[level] = self.results.descendants(self.unit, level)
        return self._descendants[level]

    def record(
        self,
        kind: Kind,
        provenance: model.Provenance | None,
        inputs: list[tuple[str, InputValue]],
        decision: Fact,
        result: Result,
    ) -> Step:
        return self.recorder.add(self.contest.id, self.unit, kind, provenance, inputs, decision, result)

    def nation(self) -> str | None:
        """The unit a `nationally` clause is measured in: this unit when the contest is decided in the nation,
        else its top ancestor (None when the data does not give one)."""
        if not self.contest.every:
            return self.unit
        top = self.results.root(self.unit)
        return top if top != self.unit else None

    def count(self, name: str, unit: str | None = None) -> Figure:
        if is_combined(name):  # a base written as a sum or difference of counts
            return combined(self.results, unit or self.unit, name)
        return self.results.count(unit or self.unit, name)

    def vote(self, selection: str, unit: str | None = None) -> Figure:
        return self.results.vote(unit or self.unit, selection)

    # ---- conditions ---------------------------------------------------------------------------------

    def term(self, term: model.Term, inputs: list[tuple[str, InputValue]]) -> Interval:
        if isinstance(term, model.CountTerm):
            figure = self.count(term.name)
            inputs.append((at(term.name, self.unit), figure_input(figure)))
            return count_bounds(self.results, self.unit, term.name).interval
        if isinstance(term, model.ConstTerm):
            return Interval(Fraction(term.value), Fraction(term.value))
        if isinstance(term, model.ShareTerm) and term.aggregate is not None:
            total = self.aggregate(term.aggregate)
            inputs.append((word(term.base), total.exact if total.exact is not None else total.describe()))
            return total.scaled(term.share)
        if isinstance(term, model.ShareTerm):
            figure = self.count(term.base)
            inputs.append((at(term.base, self.unit), figure_input(figure)))
            return count_bounds(self.results, self.unit, term.base).interval.scaled(term.share)
        if isinstance(term, model.OptionTerm):
            figure = self.vote(term.option)
            inputs.append((named(Named.VOTES_FOR, term.option), figure_input(figure)))
            return vote_bounds(
                self.results, self.unit, term.option, at(named(Named.VOTES_FOR, term.option), self.unit)
            ).interval
        if isinstance(term, model.AggregateTerm):
            value = self.aggregate(term.kind)
            inputs.append(
                (word(_AGGREGATE_NAMES[term.kind]), value.exact if value.exact is not None else value.describe())
            )
            return value
        if isinstance(term, model.AllVotesTerm):
            total = self.aggregate("cast")
            inputs.append((word("all votes"), total.exact if total.exact is not None else total.describe()))
            return total
        leader = self.leader_interval()
        inputs.append((word(_LEADER_NAMES[term.kind]), leader.exact if leader.exact is not None else leader.describe()))
        return leader

    def cancelled(self) -> list[str]:
        """Candidates whose registration was cancelled (their votes are annulled; they cannot be elected)."""
        return [
            s
            for s in self.results.selections(self.unit)
            if self.results.attribute(self.unit, s, "registration_cancelled")
        ]

    def aggregate(self, kind: str) -> Interval:
        if kind == "cancelled":
            return _sum([of_figure(self.vote(s), votes_of(s)) for s in self.cancelled()])
        if kind == "candidates":  # those on the ballot, whatever their votes and whether or not since cancelled
            standing = Fraction(len(self.results.selections(self.unit)))
            return Interval(standing, standing)
        figures = [of_figure(self.vote(s), votes_of(s)) for s in self.selections]
        if any(f.exact is None for f in figures):
            missing = tuple(m for f in figures for m in f.missing)
            return Interval(Fraction(0), None, missing)
        seats = (self.contest.seats_in(self.unit) or 1) if kind == "last seat" else 1
        ranked = sorted((f.exact for f in figures if f.exact is not None), reverse=True) + [Fraction(0)] * (seats + 1)
        if kind == "cast":
            value = sum(ranked, Fraction(0))
        elif kind == "last seat":  # the last of the unit's seats against the first candidate left out
            value = ranked[seats - 1] - ranked[seats]
        else:
            value = ranked[0] - ranked[1] if kind == "margin" else ranked[0] + ranked[1]
        return Interval(value, value)

    def leader_interval(self) -> Interval:
        return maximum([vote_bounds(self.results, self.unit, s, votes_of(s)).interval for s in self.selections])

    def condition(
        self, condition: model.Condition, inputs: list[tuple[str, InputValue]], missing: list[str]
    ) -> bool | None:
        if isinstance(condition, model.NoListQualifies):
            qualification = list(self.qualification.values())
            inputs.append((word("lists that qualify"), sum(v == Qualification.YES for v in qualification)))
            if Qualification.YES in qualification:
                return False
            if Qualification.UNDETERMINED in qualification:
                missing.append(word("the qualification of some lists could not be evaluated"))
                return None
            return True
        if isinstance(condition, model.Compare):
            left = self.term(condition.left, inputs)
            right = self.term(condition.right, inputs)
            value = compare(left, condition.operator, right)
            if value is None:
                missing.extend(m for m in (*left.missing, *right.missing) if m not in missing)
            return value
        if isinstance(condition, model.SumCompare):
            raise AssertionError("the checker gives sums in the `when` of control relations only")
        values = [self.condition(item, inputs, missing) for item in condition.items]
        return all_of(values) if isinstance(condition, model.AllOf) else any_of(values)

    def check_condition(self, rule: model.ConditionRule, kind: CheckKind) -> CheckOutcome:
        """Evaluate a re-run, validity, recount, majority or approval condition and record the step."""
        inputs: list[tuple[str, InputValue]] = []
        missing: list[str] = []
        holds = self.condition(rule.condition, inputs, missing)
        decision: Fact
        if holds is None:
            result, decision = CheckResult.NOT_EVALUATED, NotEvaluated(tuple(missing))
        else:
            result = _RESULTS[kind][holds]
            decision = ConditionFound(kind, rule.condition, holds, tuple(inputs), rule.candidates)
        self.record(kind, rule.provenance, inputs, decision, result)
        return CheckOutcome(rule.provenance.full_label, kind, result, decision, tuple(missing))


#: kind of condition -> {holds: what it found}
_RESULTS: dict[CheckKind, dict[bool, CheckResult]] = {
    CheckKind.RERUN: {True: CheckResult.RERUN, False: CheckResult.NO_RERUN},
    CheckKind.VALIDITY: {True: CheckResult.VALID, False: CheckResult.VOID},
    CheckKind.RECOUNT: {True: CheckResult.RECOUNT, False: CheckResult.NO_RECOUNT},
    CheckKind.APPROVE: {True: CheckResult.APPROVED, False: CheckResult.NOT_APPROVED},
    CheckKind.MAJORITY: {True: CheckResult.MAJORITY, False: CheckResult.NO_MAJORITY},
}


def _sum(intervals: list[Interval]) -> Interval:
    low = sum((i.low for i in intervals), Fraction(0))
    high = (
        None if any(i.high is None for i in intervals) else sum((i.high or Fraction(0) for i in intervals), Fraction(0))
    )
    return Interval(low, high, tuple(m for i in intervals for m in i.missing))

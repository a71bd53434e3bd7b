"""A contest of lists in one unit: validity, thresholds, allocation with ties and cap, re-run check."""

from __future__ import annotations

import attrs

from .. import model
from ..facts import Fact
from ..facts.allocation import SeatsByLot
from ..facts.contest import CheckNotEvaluated
from ..facts.qualifying import (
    Growth,
    HouseGrows,
    ListSeatsCounted,
    ListsNotEvaluated,
    Missing,
    NoSeatsAwarded,
    NothingQualifies,
    NoTurnoutMinimum,
    Part,
    PartNotEvaluated,
    QualifiersWithoutVotes,
    SeatsAwaitFigures,
    SeatsFromVotes,
    SeatsUnknown,
    Undecided,
    UnpublishedInUnits,
    ValidAtAnyTurnout,
    VotesUnpublished,
    WinsCounted,
    WinsNotInData,
    WithoutWins,
    WithWins,
)
from ..figures import Named, named, votes_of
from ..outcome import (
    CheckOutcome,
    DistributedSeats,
    QualifyingTest,
    Reason,
    SelectionOutcome,
    UnitOutcome,
)
from ..states import CheckKind, CheckResult, Qualification, SeatsStatus, Status, StepKind, StepResult, Verdict
from .allocation import Allocation, method_counts
from .context import UnitContext
from .distribution import distribute
from .fallbacks import fallback_by_number, fallback_by_share
from .minorities import joint_minority_lists, joint_seats, reserved_seats
from .thresholds import apply_threshold, members_unknown, threshold_applies, with_alternative
from .unpublished import unpublished_figures


def check_validity(ctx: UnitContext) -> list[CheckOutcome]:
    """Validity clauses of the contest, each recorded; `valid at any turnout` is recorded as such."""
    checks = []
    if ctx.contest.valid_always is not None:
        ctx.record(StepKind.VALIDITY, ctx.contest.valid_always, [], NoTurnoutMinimum(), StepResult.VALID)
        checks.append(
            CheckOutcome(
                ctx.contest.valid_always.full_label, CheckKind.VALIDITY, CheckResult.VALID, ValidAtAnyTurnout()
            )
        )
    for rule in ctx.contest.validity:
        checks.append(ctx.check_condition(rule, CheckKind.VALIDITY))
    return checks


def check_reruns(ctx: UnitContext) -> list[CheckOutcome]:
    return [ctx.check_condition(rule, CheckKind.RERUN) for rule in ctx.contest.reruns]


def qualifying_test(ctx: UnitContext, rule: model.ThresholdRule, selection: str) -> QualifyingTest | None:
    """One threshold measured on one list, with its alternatives (a share measured elsewhere, constituency wins);
    None where the threshold does not bind the list."""
    applies = threshold_applies(ctx, rule, selection)
    if applies is None:  # an alliance whose number of parties the data does not give
        return members_unknown(ctx, rule, selection)
    if not applies:
        return None
    test = with_alternative(ctx, rule, selection, apply_threshold(ctx, rule, selection))
    return _with_wins(ctx, rule, selection, test)


def _with_wins(ctx: UnitContext, rule: model.ThresholdRule, selection: str, test: QualifyingTest) -> QualifyingTest:
    """`, or N constituency wins`: a list that misses the share passes with that many wins."""
    if rule.alternative_wins is None or test.result == Verdict.PASSED:
        return test
    needed = rule.alternative_wins
    wins = ctx.results.attribute(ctx.unit, selection, "constituency_wins")
    if wins is None:
        missing = named(Named.ATTRIBUTE_OF, selection, "constituency_wins")
        ctx.record(
            StepKind.THRESHOLD,
            rule.provenance,
            [(missing, "absent")],
            WinsNotInData(selection, needed),
            Verdict.NOT_EVALUATED,
        )
        return QualifyingTest(
            test.provenance,
            Verdict.NOT_EVALUATED,
            WithoutWins(test.detail, selection),
            test.share,
            (*test.missing, missing),
            test.base,
        )
    passed = wins >= needed
    ctx.record(
        StepKind.THRESHOLD,
        rule.provenance,
        [(named(Named.CONSTITUENCY_WINS_OF, selection), wins)],
        WinsCounted(selection, wins, needed, passed),
        Verdict.PASSED if passed else Verdict.FAILED,
    )
    return QualifyingTest(
        test.provenance,
        Verdict.PASSED if passed else test.result,
        WithWins(test.detail, wins, needed),
        test.share,
        () if passed else test.missing,
        test.base,
    )


def _qualification(tests: list[QualifyingTest]) -> Qualification:
    if any(t.result == Verdict.FAILED for t in tests):
        return Qualification.NO
    return Qualification.YES if all(t.result == Verdict.PASSED for t in tests) else Qualification.UNDETERMINED


def _of_each_list(detail: Fact) -> Fact:
    """A test's detail said of each list rather than of the list it measured."""
    if isinstance(detail, Undecided | UnpublishedInUnits):
        return attrs.evolve(detail, selection=None)
    if isinstance(detail, WithoutWins | WithWins):
        return attrs.evolve(detail, detail=_of_each_list(detail.detail))
    return detail


def _undetermined(
    ctx: UnitContext, qualified: dict[str, Qualification], tests: dict[str, list[QualifyingTest]]
) -> list[Reason]:
    """For each threshold, the lists whose qualification it leaves open, and why (said once, of each list)."""
    reasons = []
    for rule in ctx.contest.thresholds:
        label = rule.provenance.full_label
        undetermined = [
            s
            for s in ctx.selections
            if qualified[s] == Qualification.UNDETERMINED
            and any(t.clause == label and t.result == Verdict.NOT_EVALUATED for t in tests[s])
        ]
        if undetermined:
            example = next(t for t in tests[undetermined[0]] if t.clause == label)
            missing = tuple(t.detail for s in undetermined for t in tests[s] if t.clause == label)
            reasons.append(
                Reason(label, ListsNotEvaluated(tuple(undetermined), _of_each_list(example.detail)), missing)
            )
    return reasons


def evaluate_list_unit(ctx: UnitContext) -> UnitOutcome:
    """The whole contest of lists in one unit of competition."""
    contest = ctx.contest
    reasons: list[Reason] = []
    checks = check_validity(ctx)
    tests: dict[str, list[QualifyingTest]] = {s: [] for s in ctx.selections}
    for rule in contest.thresholds:
        if joint_seats(rule) is not None:
            continue
        for selection in ctx.selections:
            test = qualifying_test(ctx, rule, selection)
            if test is not None:
                tests[selection].append(test)
    qualified = {s: _qualification(tests[s]) for s in ctx.selections}
    joint = joint_minority_lists(ctx, qualified, tests)
    fallback_by_number(ctx, qualified, tests)
    fallback_by_share(ctx, qualified, tests)
    reserved = reserved_seats(ctx, tests, reasons)
    ctx.qualification = qualified
    reasons.extend(_undetermined(ctx, qualified, tests))
    contenders = [s for s in ctx.selections if qualified[s] is not Qualification.NO]
    unknown_votes = [s for s in contenders if not ctx.vote(s).known]
    seats: dict[str, int] | None = None
    allocation = None
    method_clause = contest.method_provenance.full_label if contest.method_provenance else contest.id
    if not contenders:
        rerun_rule = any(isinstance(r.condition, model.NoListQualifies) for r in contest.reruns)
        reasons.append(Reason(method_clause, NothingQualifies(rerun_rule)))
    elif not unknown_votes and sum(ctx.vote(s).value or 0 for s in contenders) == 0:
        reasons.append(Reason(method_clause, QualifiersWithoutVotes()))
    elif contest.seats_in(ctx.unit) is None:
        reasons.append(
            Reason(contest.seats_provenance.full_label, SeatsUnknown(ctx.unit, contest.apportioned is not None))
        )
    elif unknown_votes:
        reasons.append(
            Reason(method_clause, VotesUnpublished(tuple(unknown_votes)), tuple(votes_of(s) for s in unknown_votes))
        )
    elif contest.biproportional is not None:
        seats = {}  # given for every district at once, at the level of the contest (evaluate/biproportional.py)
    else:
        allocation = Allocation(ctx, contenders, joint=joint, reserved=reserved)
        allocation.run()
        seats = allocation.seats
        for name in allocation.reserved:
            qualified[name] = Qualification.YES
    if allocation is not None:
        checks.extend(allocation.cap_checks)
    checks.extend(check_reruns(ctx))
    status, seats_status = _status(checks, qualified, seats, allocation, reasons)
    distribution: tuple[DistributedSeats, ...] = ()
    if contest.distribution is not None and seats is not None and seats_status is not SeatsStatus.VOID:
        distribution, problems, drawn = distribute(ctx, seats, contest.distribution)
        reasons.extend(problems + drawn)
        if problems and status is Status.ELECTED:
            status = Status.PROVISIONAL
        elif drawn and status is Status.ELECTED:
            status = Status.LOT_NEEDED
    note = _seats_note(ctx, contenders, seats_status, tests)
    if allocation is not None and allocation.added and seats_status is not SeatsStatus.VOID:
        note = HouseGrows(note, allocation.added, _growth(contest))
    if allocation is not None and allocation.counted is not None:
        note = ListSeatsCounted(note, tuple(allocation.counted.items()))
    selections = tuple(
        SelectionOutcome(
            id=s,
            votes=ctx.vote(s),
            tests=tuple(tests[s]),
            qualified=qualified[s],
            seats=(seats.get(s, 0) if seats is not None and seats_status is not SeatsStatus.VOID else None),
            elected=((seats.get(s, 0) > 0) if seats is not None and status is Status.ELECTED else None),
        )
        for s in ctx.selections
    )
    unit = ctx.results.units[ctx.unit]
    return UnitOutcome(
        unit=ctx.unit,
        name=unit.name,
        status=status,
        reasons=tuple(reasons),
        selections=selections,
        checks=tuple(checks),
        seats_status=seats_status,
        seats_note=note,
        tied=allocation.tied if allocation else (),
        tied_seats=allocation.tied_seats if allocation else 0,
        unpublished=unpublished_figures(ctx),
        seats_available=contest.seats_in(ctx.unit) if contest.seats_by_unit is not None else None,
        seats_added=allocation.added if allocation is not None and seats_status is not SeatsStatus.VOID else 0,
        distribution=distribution,
    )


def _growth(contest: model.Contest) -> Growth:
    """Why the house grows: overhang seats kept, levelling, a stable majority, or seats added otherwise."""
    mode = contest.mixed[0] if contest.mixed else None
    if mode == "kept":
        return Growth.OVERHANG_KEPT
    if mode == "levelled":
        return Growth.LEVELLED
    return Growth.STABLE_MAJORITY if contest.stable_majority else Growth.ADDED


def _status(
    checks: list[CheckOutcome],
    qualified: dict[str, Qualification],
    seats: dict[str, int] | None,
    allocation: Allocation | None,
    reasons: list[Reason],
) -> tuple[Status, SeatsStatus]:
    for check in checks:
        if check.result == CheckResult.NOT_EVALUATED:
            reasons.append(Reason(check.clause, CheckNotEvaluated(check.kind, check.missing), check.missing))
    if any(c.result == CheckResult.VOID for c in checks):
        return Status.VOID, SeatsStatus.VOID
    if any(c.result == CheckResult.RERUN for c in checks):
        return Status.RERUN, SeatsStatus.VOID
    if seats is None:
        return Status.PROVISIONAL, SeatsStatus.NOT_COMPUTED
    conditional = Qualification.UNDETERMINED in qualified.values()
    seats_status = SeatsStatus.CONDITIONAL if conditional else SeatsStatus.COMPUTED
    if allocation is not None:
        parts: tuple[tuple[Part, Missing], ...] = (
            (Part.BONUS, allocation.bonus_missing),
            (Part.MIXED, allocation.mixed_missing),
            (Part.TIES, allocation.tie_missing),
            (Part.MINIMUM, allocation.minimum_missing),
            (Part.ALLOCATE, allocation.method_missing),
        )
        for part, missing in parts:
            if missing:
                reasons.append(Reason(part.value, PartNotEvaluated(part, missing), missing))
                return Status.PROVISIONAL, seats_status
    if any(c.result == CheckResult.NOT_EVALUATED for c in checks) or conditional:
        return Status.PROVISIONAL, seats_status
    if allocation is not None and allocation.tied:
        reasons.append(Reason("ties", SeatsByLot(allocation.tied_seats, allocation.tied)))
        return Status.LOT_NEEDED, seats_status
    return Status.ELECTED, seats_status


def _seats_note(
    ctx: UnitContext,
    contenders: list[str],
    seats_status: SeatsStatus,
    tests: dict[str, list[QualifyingTest]],
) -> Fact:
    """What the seats rest on: nothing (void), missing figures, or the votes of the lists not excluded."""
    if seats_status is SeatsStatus.VOID:
        return NoSeatsAwarded()
    if seats_status is SeatsStatus.NOT_COMPUTED:
        return SeatsAwaitFigures()
    unpublished = [s for s in ctx.selections if not ctx.vote(s).known]
    counts = [
        c.name
        for c in ctx.law.counts.values()
        if not c.per_selection
        and ctx.unit in ctx.results.units
        and not ctx.count(c.name).known
        and c.levels
        and ctx.results.units[ctx.unit].level in c.levels
    ]
    pending: tuple[str, ...] = ()
    if seats_status is SeatsStatus.CONDITIONAL:
        pending = tuple(sorted({t.clause for s in contenders for t in tests[s] if t.result == Verdict.NOT_EVALUATED}))
    measured = {t.base for found in tests.values() for t in found if t.base is not None}
    open_bases = {t.base for found in tests.values() for t in found if t.result == Verdict.NOT_EVALUATED}
    if (share_fallback := ctx.contest.share_fallback) is not None:  # it measures its base too
        measured.add(share_fallback[1])
        label = share_fallback[2].full_label
        if any(t.clause == label and t.result == Verdict.NOT_EVALUATED for found in tests.values() for t in found):
            open_bases.add(share_fallback[1])
    bounded = tuple(c for c in counts if c in measured and c not in open_bases)
    unused = tuple(c for c in counts if c not in measured and c not in method_counts(ctx.contest))
    return SeatsFromVotes(
        len(contenders), len(unpublished), unused, seats_status is SeatsStatus.CONDITIONAL, pending, bounded
    )

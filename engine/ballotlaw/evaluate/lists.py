"""A contest of lists in one unit: validity, thresholds, allocation with ties and cap, re-run check."""

from __future__ import annotations

from .. import model
from ..outcome import (
    ELECTED,
    LOT_NEEDED,
    PROVISIONAL,
    RERUN,
    VOID,
    CheckOutcome,
    DistributedSeats,
    Reason,
    SelectionOutcome,
    TestResult,
    UnitOutcome,
)
from .allocation import Allocation
from .context import UnitContext
from .distribution import distribute
from .fallbacks import fallback_by_number, fallback_by_share
from .minorities import joint_minority_lists, joint_seats, reserved_seats
from .thresholds import test_threshold
from .unpublished import unpublished_figures


def check_validity(ctx: UnitContext) -> list[CheckOutcome]:
    """Validity clauses of the contest, each recorded; `valid at any turnout` is recorded as such."""
    checks = []
    if ctx.contest.valid_always is not None:
        ctx.record("validity", ctx.contest.valid_always, [], "the law sets no turnout minimum: valid", "valid")
        checks.append(CheckOutcome(ctx.contest.valid_always.full_label, "validity", "valid", "valid at any turnout"))
    for rule in ctx.contest.validity:
        checks.append(ctx.check_condition(rule, "validity"))
    return checks


def check_reruns(ctx: UnitContext) -> list[CheckOutcome]:
    return [ctx.check_condition(rule, "rerun") for rule in ctx.contest.reruns]


def _with_wins(ctx: UnitContext, rule: model.ThresholdRule, selection: str, test: TestResult) -> TestResult:
    """`, or N constituency wins`: a list that misses the share passes with that many wins."""
    if rule.alternative_wins is None or test.result == "passed":
        return test
    needed = rule.alternative_wins
    wins = ctx.results.attribute(ctx.unit, selection, "constituency_wins")
    if wins is None:
        missing = f"constituency_wins of {selection}"
        ctx.record(
            "threshold",
            rule.provenance,
            [(missing, "absent")],
            f"{selection}: the alternative of {needed} constituency wins is not evaluated: {missing} not in the data",
            "not evaluated",
        )
        return TestResult(
            test.clause,
            "not evaluated",
            f"{test.detail}; {missing} not in the data",
            test.share,
            (*test.missing, missing),
            test.base,
        )
    passed = wins >= needed
    word = "passed" if passed else test.result
    ctx.record(
        "threshold",
        rule.provenance,
        [(f"constituency wins of {selection}", wins)],
        f"{selection}: {wins} constituency wins, {'at least' if passed else 'fewer than'} {needed}",
        "passed" if passed else "failed",
    )
    return TestResult(
        test.clause,
        word,
        f"{test.detail}; {wins} constituency wins (needed: {needed})",
        test.share,
        () if passed else test.missing,
        test.base,
    )


def _qualification(tests: list[TestResult]) -> str:
    if any(t.result == "failed" for t in tests):
        return "no"
    return "yes" if all(t.result == "passed" for t in tests) else "undetermined"


def evaluate_list_unit(ctx: UnitContext) -> UnitOutcome:
    """The whole contest of lists in one unit of competition."""
    contest = ctx.contest
    reasons: list[Reason] = []
    checks = check_validity(ctx)
    tests: dict[str, list[TestResult]] = {s: [] for s in ctx.selections}
    for rule in contest.thresholds:
        if joint_seats(rule) is not None:
            continue
        for selection in ctx.selections:
            members = ctx.results.attribute(ctx.unit, selection, "coalition_members") or 1
            minority = bool(ctx.results.attribute(ctx.unit, selection, "national_minority"))
            independent = bool(ctx.results.attribute(ctx.unit, selection, "independent"))
            if rule.applies(members, minority, independent):
                tests[selection].append(_with_wins(ctx, rule, selection, test_threshold(ctx, rule, selection)))
    qualified = {s: _qualification(tests[s]) for s in ctx.selections}
    joint = joint_minority_lists(ctx, qualified, tests)
    fallback_by_number(ctx, qualified, tests)
    fallback_by_share(ctx, qualified, tests)
    reserved = reserved_seats(ctx, tests, reasons)
    ctx.qualification = qualified
    for rule in contest.thresholds:
        undetermined = [
            s
            for s in ctx.selections
            if qualified[s] == "undetermined"
            and any(t.clause == rule.provenance.full_label and t.result == "not evaluated" for t in tests[s])
        ]
        if undetermined:
            example = next(t for t in tests[undetermined[0]] if t.clause == rule.provenance.full_label)
            detail = example.detail.replace(f"votes of {undetermined[0]}", "votes of each list")
            missing = tuple(t.detail for s in undetermined for t in tests[s] if t.clause == rule.provenance.full_label)
            reasons.append(
                Reason(
                    rule.provenance.full_label,
                    f"not evaluated for {len(undetermined)} list(s) ({', '.join(undetermined)}): {detail}",
                    missing,
                )
            )
    contenders = [s for s in ctx.selections if qualified[s] != "no"]
    unknown_votes = [s for s in contenders if not ctx.vote(s).known]
    seats: dict[str, int] | None = None
    allocation = None
    if not contenders:
        reasons.append(
            Reason(
                contest.method_provenance.full_label if contest.method_provenance else contest.id,
                "no list qualifies: no seat can be allocated"
                + (
                    ""
                    if any(isinstance(r.condition, model.NoListQualifies) for r in contest.reruns)
                    else "; the rule file states no rule for this case (write `rerun if no list qualifies` if the "
                    "law orders a repeat election)"
                ),
            )
        )
    elif not unknown_votes and sum(ctx.vote(s).value or 0 for s in contenders) == 0:
        reasons.append(
            Reason(
                contest.method_provenance.full_label if contest.method_provenance else contest.id,
                "the lists that qualify have no votes: no seat can be allocated",
            )
        )
    elif contest.seats_in(ctx.unit) is None:
        reasons.append(
            Reason(
                contest.seats_provenance.full_label,
                f"the seats of {ctx.unit} are not known: the house could not be shared among the units"
                if contest.apportioned is not None
                else f"the rule file gives no number of seats for {ctx.unit}: seats not computed",
            )
        )
    elif unknown_votes:
        reasons.append(
            Reason(
                contest.method_provenance.full_label if contest.method_provenance else contest.id,
                "seats not computed: the votes of "
                + ", ".join(unknown_votes)
                + " are not published and the lists may qualify",
                tuple(f"votes of {s}" for s in unknown_votes),
            )
        )
    elif contest.biproportional is not None:
        seats = {}  # given for every district at once, at the level of the contest (evaluate/biproportional.py)
    else:
        allocation = Allocation(ctx, contenders, joint=joint, reserved=reserved)
        allocation.run()
        seats = allocation.seats
        for name in allocation.reserved:
            qualified[name] = "yes"
    if allocation is not None:
        checks.extend(allocation.cap_checks)
    checks.extend(check_reruns(ctx))
    status, seats_status = _status(checks, qualified, seats, allocation, reasons)
    distribution: tuple[DistributedSeats, ...] = ()
    if contest.distribution is not None and seats is not None and seats_status != "void":
        distribution, problems, drawn = distribute(ctx, seats, contest.distribution)
        reasons.extend(problems + drawn)
        if problems and status == ELECTED:
            status = PROVISIONAL
        elif drawn and status == ELECTED:
            status = LOT_NEEDED
    note = _seats_note(ctx, contenders, qualified, seats_status, tests)
    mode = contest.mixed[0] if contest.mixed else None
    if allocation is not None and allocation.added and seats_status != "void":
        why = {"kept": "overhang seats kept", "levelled": "the house levelled to the constituency seats"}.get(
            mode or "", "seats added for a stable majority" if contest.stable_majority else "seats added"
        )
        note += f"; the house grows by {allocation.added} seat(s) ({why})"
    if allocation is not None and allocation.counted is not None:
        wins = ", ".join(f"{s} {'not in the data' if w is None else w}" for s, w in allocation.counted.items())
        note += f"; these are list seats: each list's divisors count its constituency seats ({wins})"
    selections = tuple(
        SelectionOutcome(
            id=s,
            votes=ctx.vote(s),
            tests=tuple(tests[s]),
            qualified=qualified[s],
            seats=(seats.get(s, 0) if seats is not None and seats_status not in ("void",) else None),
            elected=((seats.get(s, 0) > 0) if seats is not None and status == ELECTED else None),
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
        seats_added=allocation.added if allocation is not None and seats_status != "void" else 0,
        distribution=distribution,
    )


def _status(
    checks: list[CheckOutcome],
    qualified: dict[str, str],
    seats: dict[str, int] | None,
    allocation: Allocation | None,
    reasons: list[Reason],
) -> tuple[str, str]:
    for check in checks:
        if check.result == "not evaluated":
            reasons.append(
                Reason(check.clause, f"{check.kind} check not evaluated: {'; '.join(check.missing)}", check.missing)
            )
    if any(c.result == "void" for c in checks):
        return VOID, "void"
    if any(c.result == "rerun" for c in checks):
        return RERUN, "void"
    if seats is None:
        return PROVISIONAL, "not computed"
    conditional = any(q == "undetermined" for q in qualified.values())
    seats_status = "conditional" if conditional else "computed"
    if allocation is not None:
        for key, what, missing in (
            ("bonus", "majority bonus not evaluated", allocation.bonus_missing),
            ("mixed", "constituency seats not taken into account", allocation.mixed_missing),
            ("ties", "tie rule not evaluated", allocation.tie_missing),
            ("minimum", "minimum seats not given", allocation.minimum_missing),
        ):
            if missing:
                reasons.append(Reason(key, f"{what}: " + "; ".join(missing), missing))
                return PROVISIONAL, seats_status
    if any(c.result == "not evaluated" for c in checks) or conditional:
        return PROVISIONAL, seats_status
    if allocation is not None and allocation.tied:
        what = "to be drawn by lot among" if allocation.tied_seats > 0 else "to be taken back, by lot, from one of"
        reasons.append(Reason("ties", f"{abs(allocation.tied_seats)} seat(s) {what} " + ", ".join(allocation.tied)))
        return LOT_NEEDED, seats_status
    return ELECTED, seats_status


def _seats_note(
    ctx: UnitContext,
    contenders: list[str],
    qualified: dict[str, str],
    seats_status: str,
    tests: dict[str, list[TestResult]],
) -> str:
    if seats_status == "void":
        return "no seats are awarded: the election in this unit is void or must be repeated"
    if seats_status == "not computed":
        return "seats cannot be computed until the missing figures are published"
    unpublished = [s for s in ctx.selections if not ctx.vote(s).known]
    counts = [
        c
        for c in ctx.law.counts.values()
        if not c.per_selection
        and ctx.unit in ctx.results.units
        and not ctx.count(c.name).known
        and c.levels
        and ctx.results.units[ctx.unit].level in c.levels
    ]
    parts = [f"seats computed from the published votes of the {len(contenders)} list(s) that are not excluded"]
    independent = []
    if unpublished:
        independent.append(
            f"the unpublished votes of {len(unpublished)} list(s), each excluded by a threshold on its published bound"
        )
    if counts:
        independent.append(", ".join(c.name for c in counts) + " (used only by other checks)")
    if independent:
        parts.append("they do not depend on " + " nor on ".join(independent))
    if seats_status == "conditional":
        pending = sorted({t.clause for s in contenders for t in tests[s] if t.result == "not evaluated"})
        parts.append(
            f"they are conditional: they hold if the lists also pass {', '.join(pending)}, which could not be evaluated"
        )
    return "; ".join(parts)

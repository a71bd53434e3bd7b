"""National minorities in a contest of lists: the joint list of a minority's lists that fail the other thresholds
(Montenegro, Art. 94(2)(1)) and the seat reserved for a minority none of whose lists wins one (Art. 94(2)(2));
the allocation (evaluate/allocation.py) holds the joint list to its most seats and gives the reserved seat."""

from __future__ import annotations

from .. import model
from ..facts.allocation import MinorityLead, MissingData
from ..facts.qualifying import (
    JointList,
    JointNotApplied,
    JointUndecided,
    MinorityLeadTied,
    NoMinorityList,
    ReservedNotEvaluated,
)
from ..figures import Named, named, votes_of
from ..outcome import QualifyingTest, Reason
from ..states import Qualification, StepKind, StepResult, Verdict
from .context import UnitContext
from .thresholds import apply_threshold
from .ties import break_tie


def joint_seats(rule: model.ThresholdRule) -> int | None:
    """The most seats of a joint minority list, when `rule` is a threshold for minorities below the others."""
    return rule.joint_seats


def _minority(ctx: UnitContext, selection: str) -> int:
    return ctx.results.attribute(ctx.unit, selection, "national_minority") or 0


def joint_minority_lists(
    ctx: UnitContext, qualified: dict[str, Qualification], tests: dict[str, list[QualifyingTest]]
) -> dict[str, tuple[list[str], int, model.Provenance]]:
    """Lists of a national minority that fail the other thresholds but pass one `for national minorities below
    the others, jointly up to N seats` take part as one list of their minority (Montenegro, Art. 94(2)(1)) when
    no list of that minority qualifies by the other thresholds. Returns each joint list's members and its most
    seats, by its name."""
    joint: dict[str, tuple[list[str], int, model.Provenance]] = {}
    for rule in ctx.contest.thresholds:
        most = joint_seats(rule)
        if most is None:
            continue
        groups: dict[int, list[str]] = {}
        for selection in ctx.selections:
            if number := _minority(ctx, selection):
                groups.setdefault(number, []).append(selection)
        for number, lists in groups.items():
            seated = tuple(s for s in lists if qualified[s] == Qualification.YES)
            pending = tuple(s for s in lists if qualified[s] == Qualification.UNDETERMINED)
            if seated or pending:
                ctx.record(
                    StepKind.THRESHOLD,
                    rule.provenance,
                    [],
                    JointNotApplied(number, seated, pending),
                    StepResult.NOT_APPLICABLE if seated else StepResult.NOT_EVALUATED,
                )
                for selection in lists:
                    if qualified[selection] == Qualification.NO and pending:
                        qualified[selection] = Qualification.UNDETERMINED
                        tests[selection].append(
                            QualifyingTest(rule.provenance, Verdict.NOT_EVALUATED, JointUndecided(seated, pending))
                        )
                continue
            members = []
            for selection in lists:
                test = apply_threshold(ctx, rule, selection)
                tests[selection].append(test)
                if test.result == Verdict.PASSED:
                    qualified[selection] = Qualification.YES
                    members.append(selection)
                elif test.result == Verdict.NOT_EVALUATED:
                    qualified[selection] = Qualification.UNDETERMINED
            if members:
                name = " + ".join(members)
                joint[name] = (members, most, rule.provenance)
                ctx.record(
                    StepKind.THRESHOLD,
                    rule.provenance,
                    [(named(Named.LISTS_OF_MINORITY, str(number)), ", ".join(members))],
                    JointList(number, tuple(members), most),
                    Verdict.PASSED,
                )
    return joint


def reserved_seats(
    ctx: UnitContext, tests: dict[str, list[QualifyingTest]], reasons: list[Reason]
) -> dict[str, model.ReservedSeat]:
    """`N seat(s) to the leading list of national minority M with at least P of BASE nationally, if none of its
    lists wins a seat otherwise`: the leading list of each such minority that passes P, by its name. Whether a
    list of the minority wins a seat otherwise is for the allocation to say (evaluate/allocation.py)."""
    leaders: dict[str, model.ReservedSeat] = {}
    for rule in ctx.contest.reserved:
        label = rule.provenance.full_label
        lists = [s for s in ctx.selections if _minority(ctx, s) == rule.minority]
        if not lists:
            ctx.record(StepKind.RESERVED, rule.provenance, [], NoMinorityList(rule.minority), StepResult.NO_SEAT)
            continue
        unknown = tuple(votes_of(s) for s in lists if not ctx.vote(s).known or ctx.vote(s).value is None)
        if unknown:
            ctx.record(StepKind.RESERVED, rule.provenance, [], MissingData(unknown), StepResult.NOT_EVALUATED)
            reasons.append(Reason(label, ReservedNotEvaluated(unknown), unknown))
            continue
        votes = {s: ctx.vote(s).value or 0 for s in lists}
        top = max(votes.values())
        tied = tuple(s for s in lists if votes[s] == top)
        leader = tied[0]
        if len(tied) > 1:
            tie = break_tie(ctx, ctx.contest.tie_rule, tied, 1, MinorityLead(rule.minority))
            if not tie.winners:
                reasons.append(Reason(label, MinorityLeadTied(rule.minority, tied)))
                continue
            leader = tie.winners[0]
        test = apply_threshold(ctx, rule.threshold, leader, kind=StepKind.RESERVED)
        tests[leader].append(test)
        if test.result == Verdict.PASSED:
            leaders[leader] = rule
        elif test.result == Verdict.NOT_EVALUATED:
            reasons.append(Reason(label, ReservedNotEvaluated((test.detail,)), test.missing))
    return leaders

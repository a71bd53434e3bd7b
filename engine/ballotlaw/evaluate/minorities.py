"""National minorities in a contest of lists: the joint list of a minority's lists that fail the other thresholds
(Montenegro, Art. 94(2)(1)) and the seat reserved for a minority none of whose lists wins one (Art. 94(2)(2));
the allocation (evaluate/allocation.py) holds the joint list to its most seats and gives the reserved seat."""

from __future__ import annotations

from .. import model
from ..outcome import Reason, TestResult
from .context import UnitContext
from .thresholds import test_threshold
from .ties import break_tie


def joint_seats(rule: model.ThresholdRule) -> int | None:
    """The most seats of a joint minority list, when `rule` is a threshold for minorities below the others."""
    if rule.applies_to is not None and rule.applies_to[0] == "minorities jointly":
        return rule.applies_to[1]
    return None


def _minority(ctx: UnitContext, selection: str) -> int:
    return ctx.results.attribute(ctx.unit, selection, "national_minority") or 0


def joint_minority_lists(
    ctx: UnitContext, qualified: dict[str, str], tests: dict[str, list[TestResult]]
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
            seated = [s for s in lists if qualified[s] == "yes"]
            pending = [s for s in lists if qualified[s] == "undetermined"]
            if seated or pending:
                why = (
                    f"{', '.join(seated)} qualif{'y' if len(seated) > 1 else 'ies'} by the other thresholds"
                    if seated
                    else f"whether {', '.join(pending)} qualif{'y' if len(pending) > 1 else 'ies'} is not known"
                )
                ctx.record(
                    "threshold",
                    rule.provenance,
                    [],
                    f"national minority {number}: the joint threshold does not apply: {why}",
                    "not applicable" if seated else "not evaluated",
                )
                for selection in lists:
                    if qualified[selection] == "no" and pending:
                        qualified[selection] = "undetermined"
                        tests[selection].append(
                            TestResult(rule.provenance.full_label, "not evaluated", f"joint threshold: {why}")
                        )
                continue
            members = []
            for selection in lists:
                test = test_threshold(ctx, rule, selection)
                tests[selection].append(test)
                if test.result == "passed":
                    qualified[selection] = "yes"
                    members.append(selection)
                elif test.result == "not evaluated":
                    qualified[selection] = "undetermined"
            if members:
                name = " + ".join(members)
                joint[name] = (members, most, rule.provenance)
                ctx.record(
                    "threshold",
                    rule.provenance,
                    [(f"lists of national minority {number}", ", ".join(members))],
                    f"national minority {number}: {name} take part as one list, which takes at most {most} seat(s)",
                    "passed",
                )
    return joint


def reserved_seats(
    ctx: UnitContext, tests: dict[str, list[TestResult]], reasons: list[Reason]
) -> dict[str, model.ReservedSeat]:
    """`N seat(s) to the leading list of national minority M with at least P of BASE nationally, if none of its
    lists wins a seat otherwise`: the leading list of each such minority that passes P, by its name. Whether a
    list of the minority wins a seat otherwise is for the allocation to say (evaluate/allocation.py)."""
    leaders: dict[str, model.ReservedSeat] = {}
    for rule in ctx.contest.reserved:
        label = rule.provenance.full_label
        lists = [s for s in ctx.selections if _minority(ctx, s) == rule.minority]
        if not lists:
            ctx.record("reserved", rule.provenance, [], f"national minority {rule.minority}: no list", "no seat")
            continue
        unknown = tuple(f"votes of {s}" for s in lists if not ctx.vote(s).known or ctx.vote(s).value is None)
        if unknown:
            ctx.record(
                "reserved", rule.provenance, [], f"not evaluated: {'; '.join(unknown)} not in the data", "not evaluated"
            )
            reasons.append(Reason(label, "reserved seat not evaluated: " + "; ".join(unknown), unknown))
            continue
        votes = {s: ctx.vote(s).value or 0 for s in lists}
        top = max(votes.values())
        tied = tuple(s for s in lists if votes[s] == top)
        leader = tied[0]
        if len(tied) > 1:
            tie = break_tie(
                ctx, ctx.contest.tie_rule, tied, 1, f"the leading list of national minority {rule.minority}"
            )
            if not tie.winners:
                reasons.append(
                    Reason(label, f"the lead of national minority {rule.minority} is tied: {', '.join(tied)}")
                )
                continue
            leader = tie.winners[0]
        test = test_threshold(ctx, rule.threshold, leader, kind="reserved")
        tests[leader].append(test)
        if test.result == "passed":
            leaders[leader] = rule
        elif test.result == "not evaluated":
            reasons.append(Reason(label, f"reserved seat not evaluated: {test.detail}", test.missing))
    return leaders

"""A contest of candidates in one unit: validity, the election rule (plurality), ties, re-run checks."""

from __future__ import annotations

from ..outcome import (
    ELECTED,
    LOT_NEEDED,
    PROVISIONAL,
    RECOUNT,
    RERUN,
    RUNOFF,
    VOID,
    Reason,
    SelectionOutcome,
    UnitOutcome,
)
from ..trace import InputValue
from .context import UnitContext, figure_input
from .lists import check_reruns, check_validity
from .ties import break_tie
from .unpublished import unpublished_figures


def _plurality(ctx: UnitContext) -> tuple[list[str], tuple[str, ...], int, tuple[str, ...]]:
    """Winners sure by votes, the tied group at the cut and its seats, and missing figures."""
    contest = ctx.contest
    figures = {s: ctx.vote(s) for s in ctx.selections}
    inputs: list[tuple[str, InputValue]] = [(f"votes of {s}", figure_input(f)) for s, f in figures.items()]
    available = contest.seats_in(ctx.unit)
    if available is None:
        missing_seats = (f"the number of seats of {ctx.unit} (the rule file gives none)",)
        ctx.record("election", contest.elect_provenance, inputs, "not evaluated: " + missing_seats[0], "not evaluated")
        return [], (), 0, missing_seats
    inputs.append(("seats", available))
    unknown = [s for s, f in figures.items() if not f.known]
    if unknown:
        missing = tuple(f"votes of {s} {figures[s].status}" for s in unknown)
        ctx.record(
            "election", contest.elect_provenance, inputs, "not evaluated: " + "; ".join(missing), "not evaluated"
        )
        return [], (), 0, missing
    votes = {s: f.value or 0 for s, f in figures.items()}
    ranked = sorted(ctx.selections, key=lambda s: -votes[s])
    seats = min(available, len(ranked))
    if seats == 0:
        ctx.record("election", contest.elect_provenance, inputs, "no candidate stands", "no candidate")
        return [], (), 0, ()
    cut = votes[ranked[seats - 1]]
    sure = [s for s in ranked if votes[s] > cut]
    group = tuple(s for s in ranked if votes[s] == cut)
    left = seats - len(sure)
    if len(group) <= left:
        winners = sure + list(group)
        ctx.record(
            "election",
            contest.elect_provenance,
            inputs,
            f"plurality: {', '.join(winners)} with the most votes ({', '.join(str(votes[w]) for w in winners)})",
            "elected",
        )
        return winners, (), 0, ()
    ctx.record(
        "election",
        contest.elect_provenance,
        inputs,
        f"plurality: {', '.join(group)} are tied with {cut} votes for {left} seat(s)",
        "tied",
    )
    return sure, group, left, ()


def _runoff(ctx: UnitContext) -> tuple[str, ...]:
    """Who goes to the second round under the contest's runoff clause (all votes are known here)."""
    rule = ctx.contest.runoff
    assert rule is not None
    votes = {s: ctx.vote(s).value or 0 for s in ctx.selections}
    ranked = sorted(ctx.selections, key=lambda s: -votes[s])
    inputs: list[tuple[str, InputValue]] = [(f"votes of {s}", votes[s]) for s in ranked]
    if rule.top is not None:
        cut = votes[ranked[rule.top - 1]] if len(ranked) >= rule.top else -1
        chosen = [s for s in ranked if votes[s] >= cut] if cut >= 0 else ranked
        how = f"the top {rule.top}" + (" (equal votes at the cut all go on)" if len(chosen) > rule.top else "")
    else:
        assert rule.share is not None and rule.base is not None
        base = ctx.count(rule.base)
        inputs.append((f"{rule.base} at {ctx.unit}", figure_input(base)))
        if not base.known:
            ctx.record("runoff", rule.provenance, inputs, f"not evaluated: {rule.base} not published", "not evaluated")
            return ()
        assert base.value is not None
        a, b = rule.share.numerator, rule.share.denominator
        chosen = [
            s for s in ranked if (votes[s] * b >= a * base.value if rule.inclusive else votes[s] * b > a * base.value)
        ]
        how = f"candidates with {'at least' if rule.inclusive else 'more than'} {rule.percent_text} of {rule.base}"
        if rule.floor is not None and len(chosen) < rule.floor:
            chosen = ranked[: rule.floor]
            how += f"; fewer than {rule.floor} reach it, so the top {rule.floor}"
    ctx.record("runoff", rule.provenance, inputs, f"second round: {how}: {', '.join(chosen)}", "runoff")
    return tuple(chosen)


def evaluate_candidate_unit(ctx: UnitContext) -> UnitOutcome:
    """The whole contest of candidates in one unit (a district)."""
    contest = ctx.contest
    reasons: list[Reason] = []
    cancelled = ctx.cancelled()
    if cancelled:
        ctx.selections = [s for s in ctx.selections if s not in cancelled]
        ctx.record(
            "cancelled",
            None,
            [(f"votes of {s}", figure_input(ctx.vote(s))) for s in cancelled],
            f"registration cancelled: {', '.join(cancelled)}; their votes are annulled and they cannot be elected",
            "cancelled",
        )
    checks = check_validity(ctx)
    runoff_to: tuple[str, ...] = ()
    majority = None
    if contest.elect_if is not None:
        majority = ctx.check_condition(contest.elect_if, "majority")
        checks.append(majority)
    winners: list[str]
    tied: tuple[str, ...]
    if majority is not None and majority.result != "majority":
        winners, tied, tied_seats, missing = [], (), 0, majority.missing
        if majority.result == "no majority":
            if contest.runoff is not None:
                runoff_to = _runoff(ctx)
            else:
                reasons.append(
                    Reason(
                        majority.clause,
                        "no candidate has the majority the law requires, and the rule file states no second round",
                    )
                )
    else:
        winners, tied, tied_seats, missing = _plurality(ctx)
    if missing:
        reasons.append(
            Reason(
                contest.elect_provenance.full_label if contest.elect_provenance else contest.id,
                "winner not determined: " + "; ".join(missing),
                missing,
            )
        )
    tie_missing: tuple[str, ...] = ()
    tie_text = ""
    if tied:
        tie = break_tie(ctx, contest.tie_rule, tied, tied_seats, "the seat")
        if tie.winners and contest.tie_rule is not None:
            tie_text = (
                f" (tied with {', '.join(s for s in tied if s not in tie.winners)} on votes; decided by "
                f"{', then '.join(contest.tie_rule.keys)}, {contest.tie_rule.provenance.full_label})"
            )
        winners.extend(tie.winners)
        tied, tied_seats, tie_missing = tie.still_tied, tie.seats_left, tie.missing
        if tie_missing:
            reasons.append(Reason("ties", "tie rule not evaluated: " + "; ".join(tie_missing), tie_missing))
    checks.extend(check_reruns(ctx))
    checks.extend(ctx.check_condition(rule, "recount") for rule in contest.recounts)
    for check in checks:
        if check.result == "not evaluated":
            reasons.append(
                Reason(check.clause, f"{check.kind} check not evaluated: {'; '.join(check.missing)}", check.missing)
            )
    if any(c.result == "void" for c in checks):
        status = VOID
    elif any(c.result == "rerun" for c in checks):
        status = RERUN
    elif (
        missing
        or tie_missing
        or any(c.result == "not evaluated" for c in checks)
        or (majority is not None and majority.result == "no majority" and contest.runoff is None)
    ):
        status = PROVISIONAL
    elif any(c.result == "recount" for c in checks):
        status = RECOUNT
    elif runoff_to:
        status = RUNOFF
    elif tied:
        status = LOT_NEEDED
        reasons.append(Reason("ties", f"{tied_seats} seat(s) to be drawn by lot among {', '.join(tied)}"))
    else:
        status = ELECTED
    final = status == ELECTED
    everyone = [*ctx.selections, *cancelled]
    selections = tuple(
        SelectionOutcome(
            id=s,
            votes=ctx.vote(s),
            tests=(),
            qualified=("yes" if s in runoff_to else "no") if status == RUNOFF else "",
            seats=(1 if s in winners else 0) if final else None,
            elected=(s in winners) if final else None,
        )
        for s in everyone
    )
    note = {
        ELECTED: f"elected: {', '.join(winners)}{tie_text}",
        RERUN: "no one is elected: the law orders a repeat election",
        VOID: "no one is elected: the election is void",
        LOT_NEEDED: "the seat is decided by lot",
        PROVISIONAL: "the winner cannot be confirmed until the missing figures are published or the rule file "
        "says what happens",
        RECOUNT: "a recount is ordered before anyone is declared elected",
        RUNOFF: f"no one is elected in this round; second round between {', '.join(runoff_to)}",
    }[status]
    return UnitOutcome(
        unit=ctx.unit,
        name=ctx.results.units[ctx.unit].name,
        status=status,
        reasons=tuple(reasons),
        selections=selections,
        checks=tuple(checks),
        seats_status="computed" if final else ("void" if status in (RERUN, VOID) else "not computed"),
        seats_note=note,
        tied=tied,
        tied_seats=tied_seats,
        unpublished=unpublished_figures(ctx),
    )

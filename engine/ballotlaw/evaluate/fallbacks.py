"""What the law does when the thresholds leave too few lists: `if fewer than N lists qualify, the M lists with
the most votes qualify`, and `if the lists that qualify have less than 60% of voters_took_part, the lists with the
most votes qualify until they have it` (Lithuania, Seimas Elections Law Art. 89(2))."""

from __future__ import annotations

from ..exact import show
from ..model import Provenance
from ..outcome import TestResult
from ..trace import InputValue
from .context import UnitContext, figure_input
from .ties import break_tie


def fallback_by_number(ctx: UnitContext, qualified: dict[str, str], tests: dict[str, list[TestResult]]) -> None:
    """`if fewer than N lists qualify, the M lists with the most votes qualify`."""
    rule = ctx.contest.fallback
    if rule is None:
        return
    fewer_than, take, provenance = rule
    passing = [s for s, q in qualified.items() if q == "yes"]
    if len(passing) >= fewer_than or any(q == "undetermined" for q in qualified.values()):
        return
    label = provenance.full_label
    unknown = [s for s in ctx.selections if not ctx.vote(s).known or ctx.vote(s).value is None]
    if unknown:
        _not_evaluated(
            ctx,
            qualified,
            tests,
            provenance,
            [(f"votes of {s}", figure_input(ctx.vote(s))) for s in unknown],
            f"only {len(passing)} list(s) qualify, fewer than {fewer_than}; the fallback is not evaluated: "
            f"votes of {', '.join(unknown)} not in the data",
            [f"votes of {s}" for s in unknown],
        )
        return
    votes = {s: ctx.vote(s).value or 0 for s in ctx.selections}
    ranked = sorted(ctx.selections, key=lambda s: -votes[s])
    chosen = list(ranked[:take])
    tied_out: tuple[str, ...] = ()
    if 0 < take < len(ranked) and votes[ranked[take - 1]] == votes[ranked[take]]:
        edge = votes[ranked[take]]
        above = [s for s in ranked if votes[s] > edge]
        tied = tuple(s for s in ranked if votes[s] == edge)
        tie = break_tie(ctx, ctx.contest.tie_rule, tied, take - len(above), "the fallback's last place(s)")
        chosen = above + list(tie.winners)
        tied_out = tie.still_tied
    ctx.record(
        "fallback",
        provenance,
        [(f"votes of {s}", votes[s]) for s in ranked],
        f"only {len(passing)} list(s) qualify, fewer than {fewer_than}: the {take} with the most votes "
        f"qualify: {', '.join(chosen)}" + (f"; undecided among {', '.join(tied_out)}" if tied_out else ""),
        "fallback",
    )
    for selection in chosen:
        if qualified[selection] != "yes":
            qualified[selection] = "yes"
            tests[selection].append(TestResult(label, "passed", f"qualifies by the fallback ({len(passing)} passed)"))
    for selection in tied_out:
        if qualified[selection] != "yes":
            qualified[selection] = "undetermined"
            tests[selection].append(TestResult(label, "not evaluated", "tied for the fallback's last place"))


def fallback_by_share(ctx: UnitContext, qualified: dict[str, str], tests: dict[str, list[TestResult]]) -> None:
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
    surely = [s for s in ctx.selections if qualified[s] == "yes"]
    missing = [f"{base_name} at {unit}"] if not base.known or base.value is None else []
    missing += [f"votes of {s}" for s in surely if not ctx.vote(s).known]
    if missing:
        _not_evaluated(ctx, qualified, tests, provenance, inputs, f"not evaluated: {'; '.join(missing)}", missing)
        return
    assert base.value is not None
    votes = {s: ctx.vote(s).value or 0 for s in ctx.selections}
    held = sum(votes[s] for s in surely)
    needed = share * base.value
    inputs.append(("votes of the qualifying lists", held))
    inputs.append((f"{show(share * 100)}% of {base_name}", needed))
    if held >= needed:
        ctx.record(
            "fallback",
            provenance,
            inputs,
            f"the qualifying lists hold {held} votes, at least {show(needed)}: no list is added",
            "not needed",
        )
        return
    missing = [f"the qualification of {s}" for s, q in qualified.items() if q == "undetermined"]
    missing += [f"votes of {s}" for s in ctx.selections if qualified[s] == "no" and not ctx.vote(s).known]
    if missing:
        _not_evaluated(ctx, qualified, tests, provenance, inputs, f"not evaluated: {'; '.join(missing)}", missing)
        return
    waiting = sorted((s for s in ctx.selections if qualified[s] == "no"), key=lambda s: -votes[s])
    added: list[str] = []
    while held < needed and waiting:
        top = votes[waiting[0]]
        group = [s for s in waiting if votes[s] == top]  # lists with equal votes join together
        waiting = waiting[len(group) :]
        added.extend(group)
        held += top * len(group)
    inputs.append(("votes held after", held))
    short = "" if held >= needed else f"; every list has joined and they still hold less than {show(needed)}"
    ctx.record(
        "fallback",
        provenance,
        inputs,
        f"the qualifying lists hold less than {show(needed)} votes: {', '.join(added)} join in order of votes, "
        f"and they hold {held}{short}",
        "fallback",
    )
    for selection in added:
        qualified[selection] = "yes"
        tests[selection].append(
            TestResult(provenance.full_label, "passed", f"qualifies by the fallback ({show(share * 100)}% rule)")
        )


def _not_evaluated(
    ctx: UnitContext,
    qualified: dict[str, str],
    tests: dict[str, list[TestResult]],
    provenance: Provenance,
    inputs: list[tuple[str, InputValue]],
    decision: str,
    missing: list[str],
) -> None:
    """A fallback that cannot be decided: every list it could admit is left undetermined, never excluded."""
    ctx.record("fallback", provenance, inputs, decision, "not evaluated")
    for selection in ctx.selections:
        if qualified[selection] == "no":
            qualified[selection] = "undetermined"
            tests[selection].append(
                TestResult(provenance.full_label, "not evaluated", "fallback not evaluated", None, tuple(missing))
            )

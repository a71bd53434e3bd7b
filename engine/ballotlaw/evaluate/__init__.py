"""Evaluation: a checked law and results -> an outcome and its trace. Pure: no I/O, no clock."""

from __future__ import annotations

from .. import model
from ..outcome import (
    LOT_NEEDED,
    PROVISIONAL,
    AdjustedSeats,
    ContestOutcome,
    DistributedSeats,
    Outcome,
    Reason,
    UnitOutcome,
    combine,
)
from ..results.model import Results
from .adjustment import adjust
from .apportionment import share_seats
from .biproportional import apportion
from .candidates import evaluate_candidate_unit
from .context import Recorder, UnitContext
from .lists import evaluate_list_unit
from .options import evaluate_options_unit
from .placement import place
from .pooling import pool


def _units_of_competition(contest: model.Contest, results: Results) -> list[str]:
    return [unit.id for unit in results.units_of(contest.level)]


def evaluate(law: model.Law, results: Results) -> Outcome:
    """Apply every contest of `law` to `results`."""
    recorder = Recorder()
    contests = []
    for contest in law.contests:
        shared: tuple[Reason, ...] = ()
        if contest.apportioned is not None and contest.level is not None:
            contest, shared = share_seats(contest, results, recorder)
        units: list[UnitOutcome] = []
        for unit in _units_of_competition(contest, results):
            ctx = UnitContext(law, results, contest, unit, recorder, results.selections(unit))
            if contest.competitors == "lists":
                units.append(evaluate_list_unit(ctx))
            elif contest.competitors == "options":
                units.append(evaluate_options_unit(ctx))
            else:
                units.append(evaluate_candidate_unit(ctx))
        reasons: tuple[Reason, ...] = shared
        if not units:
            reasons = (
                Reason(
                    contest.compete.full_label,
                    f"not evaluated: the results have no unit of level `{contest.level}`",
                    (f"units of level {contest.level}",),
                ),
            )
        if contest.biproportional is not None and contest.competitors == "lists":
            units, problems = apportion(contest, units, recorder)
            reasons += problems
        if contest.pooled is not None and contest.competitors == "lists":
            units, problems = pool(contest, units, recorder)
            reasons += problems
        status = combine([u.status for u in units]) if units else PROVISIONAL
        tier: tuple[AdjustedSeats, ...] = ()
        placed: tuple[DistributedSeats, ...] = ()
        if contest.adjustment is not None and contest.competitors == "lists":
            tier, problems, lot = adjust(law, results, contest, units, recorder)
            if contest.placement is not None and tier and not problems:
                placed, problems, lot = place(contest, units, tier, recorder)
            reasons += problems
            if problems:
                status = combine([status, LOT_NEEDED if lot else PROVISIONAL])
        contests.append(
            ContestOutcome(
                contest.id,
                contest.title,
                contest.competitors,
                status,
                contest.seats,
                tuple(units),
                reasons,
                tier,
                placed,
            )
        )
    return Outcome(
        rules=law.header_json(),
        results={"file": results.path, "sha256": results.sha256},
        status=combine([c.status for c in contests]),
        contests=tuple(contests),
        trace=tuple(recorder.steps),
    )

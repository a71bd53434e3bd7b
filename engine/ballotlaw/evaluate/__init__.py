"""Evaluation: a checked law and results -> an outcome and its trace. Pure: no I/O, no clock."""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence

from .. import model
from ..deferred import Deferred
from ..facts.contest import NoUnitOfLevel, UnitsAbsent, UnitsLacking
from ..figures import Named, named
from ..outcome import AdjustedSeats, ContestOutcome, DistributedSeats, Outcome, Reason, UnitOutcome
from ..results.model import Results
from ..states import Competitors, Status, combine
from ..trace import Step
from .adjustment import adjust
from .apportionment import share_seats
from .biproportional import apportion
from .candidates import evaluate_candidate_unit
from .context import Recorder, UnitContext
from .lists import evaluate_list_unit
from .options import evaluate_options_unit
from .placement import place
from .plain import PlainPlan, PlainUnit, expand_steps, expand_unit, plain_unit, plan_of
from .pooling import pool


def _units_of_competition(contest: model.Contest, results: Results) -> list[str]:
    level = contest.level
    return [unit.id for unit in results.units.values() if unit.level == level]


def _missing_units(law: model.Law, contest: model.Contest, present: list[str]) -> tuple[Reason, ...]:
    """The units of competition the law names (seats given unit by unit) or counts (`level X: N units`) that
    the results lack: the contest is not decided in them, so its outcome is provisional."""
    seats_of_units = contest.seats_by_unit or {}
    given: set[str] = set(present) if seats_of_units else set()
    absent = [unit for unit in seats_of_units if unit not in given]
    if absent:
        return (
            Reason(
                contest.seats_provenance.full_label,
                UnitsAbsent(contest.level, tuple((unit, seats_of_units[unit]) for unit in absent), contest.seats),
                tuple(named(Named.UNIT_OF_LEVEL, contest.level, unit) for unit in absent),
            ),
        )
    declared = law.levels[contest.level].unit_count if contest.level in law.levels else None
    if declared is not None and len(present) < declared:
        lacking = declared - len(present)
        return (
            Reason(
                contest.compete.full_label,
                UnitsLacking(contest.level, declared, len(present)),
                (f"{lacking} unit(s) of level {contest.level}",),
            ),
        )
    return ()


#: the evaluation of one unit of competition, by who competes
_EVALUATE: dict[Competitors, Callable[[UnitContext], UnitOutcome]] = {
    Competitors.LISTS: evaluate_list_unit,
    Competitors.CANDIDATES: evaluate_candidate_unit,
    Competitors.OPTIONS: evaluate_options_unit,
}


def evaluate(law: model.Law, results: Results) -> Outcome:
    """Apply every contest of `law` to `results`.

    The cyclic garbage collector is paused meanwhile (and left as it was found): evaluation allocates many small
    objects that reference counting frees, and the collector's passes over the growing outcome took about a
    third of the time of 1,000 districts. Any cycle left is collected once it runs again."""
    running = gc.isenabled()
    if running:
        gc.disable()
    try:
        return _evaluate(law, results)
    finally:
        if running:
            gc.enable()


def _evaluate(law: model.Law, results: Results) -> Outcome:
    recorder = Recorder()
    contests = []
    for contest in law.contests:
        shared: tuple[Reason, ...] = ()
        present = _units_of_competition(contest, results)
        lacking = _missing_units(law, contest, present) if present else ()
        if contest.apportioned is not None and contest.level is not None:
            contest, shared = share_seats(contest, results, recorder)
        plan = plan_of(law, contest)
        if plan is not None:
            contests.append(_plain_contest(law, results, plan, present, lacking, recorder))
            continue
        units: list[UnitOutcome] = []
        for unit in present:
            ctx = UnitContext(law, results, contest, unit, recorder, results.selections(unit))
            units.append(_EVALUATE[contest.competitors](ctx))
        reasons = shared + lacking if units else _no_unit(contest)
        lists = contest.competitors == Competitors.LISTS
        if contest.biproportional is not None and lists:
            units, problems = apportion(contest, units, recorder)
            reasons += problems
        if contest.pooled is not None and lists:
            units, problems = pool(law, results, contest, units, recorder)
            reasons += problems
        status = _contest_status([u.status for u in units], lacking)
        tier: tuple[AdjustedSeats, ...] = ()
        placed: tuple[DistributedSeats, ...] = ()
        if contest.adjustment is not None and lists:
            units, tier, problems, lot = adjust(law, results, contest, units, recorder)
            placing = contest.placement is not None or contest.placement_by_list is not None
            if placing and tier and not problems:
                placed, problems, lot = place(contest, units, tier, recorder)
            reasons += problems
            if problems:
                status = combine([status, Status.LOT_NEEDED if lot else Status.PROVISIONAL])
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
    trace: Sequence[Step]
    if recorder.deferred:
        trace = Deferred(recorder.steps, recorder.count, expand_steps)
    else:
        trace = tuple(step for step in recorder.steps if isinstance(step, Step))
    return Outcome(
        rules=law.header_json(),
        results={"file": results.path, "sha256": results.sha256},
        status=combine([c.status for c in contests]),
        contests=tuple(contests),
        trace=trace,
    )


def _plain_contest(
    law: model.Law,
    results: Results,
    plan: PlainPlan,
    present: list[str],
    lacking: tuple[Reason, ...],
    recorder: Recorder,
) -> ContestOutcome:
    """A contest the plain path can take (evaluate/plain.py): each unit by it where it can, else by the general
    path; the units' outcomes are built when first read."""
    contest = plan.contest
    parts: list[UnitOutcome | PlainUnit] = []
    deferred = False  # whether the plain path decided a unit
    for unit in present:
        record = plain_unit(plan, results, unit, recorder.count + 1)
        if record is not None:
            recorder.defer(record, record.step_count)
            parts.append(record)
            deferred = True
        else:
            ctx = UnitContext(law, results, contest, unit, recorder, results.selections(unit))
            parts.append(evaluate_list_unit(ctx))
    reasons = lacking if parts else _no_unit(contest)
    status = _contest_status([part.status for part in parts], lacking)
    units: Sequence[UnitOutcome] = (
        Deferred(parts, len(parts), expand_unit)
        if deferred
        else tuple(part for part in parts if isinstance(part, UnitOutcome))
    )
    return ContestOutcome(contest.id, contest.title, contest.competitors, status, contest.seats, units, reasons, (), ())


def _no_unit(contest: model.Contest) -> tuple[Reason, ...]:
    """Why a contest whose level has no unit in the results is not decided."""
    missing = (f"units of level {contest.level}",)
    return (Reason(contest.compete.full_label, NoUnitOfLevel(contest.level), missing),)


def _contest_status(statuses: list[Status], lacking: tuple[Reason, ...]) -> Status:
    """A contest's status: that of its units together, provisional where units are lacking or none is given."""
    return combine(statuses) if statuses and not lacking else Status.PROVISIONAL

"""Search for results that break a specification, with Hypothesis; shrink what is found.

One generated election serves every property of a spec. When a property fails, Hypothesis shrinks the
election to a small one that still fails; the search then continues for the other properties with the rest
of the budget (and a derived seed, so it does not repeat what was already checked). A budget above PART
elections is searched in parts of at most PART, each from its own seed, and the parts' verdicts are merged in
their order; `--jobs` only spreads the parts over processes. The same law, spec, budget and seed give the same
report, whatever the number of processes.
"""

from __future__ import annotations

import gc
import multiprocessing
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import attrs
from attrs import frozen
from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import seed as hypothesis_seed

from .. import model
from ..evaluate import evaluate
from .properties import CONDITIONS, PROPERTIES, Check, PropertyKind, Violation
from .strategies import Case, cases_for


@frozen
class PropertyResult:
    """The verdict on one property for one contest."""

    spec: str
    property: model.SpecProperty
    contest: str
    status: str  # "passed", "failed", "known failure", "not applicable"
    examples: int
    violation: Violation | None = None
    case: Case | None = None
    note: str = ""


class _PropertyFailed(Exception):
    def __init__(self, index: int, case: Case, violation: Violation) -> None:
        super().__init__(violation.summary)
        self.index = index
        self.case = case
        self.violation = violation


class _FailedAgain(BaseException):
    """A property that an earlier part of the search already found failing fails again. Not an Exception, so
    Hypothesis does not take it for a failure to shrink: it ends the run at once. The merged report keeps the
    earlier part's shrunk counterexample (`merge`), so shrinking this one would be wasted."""

    def __init__(self, failure: _PropertyFailed) -> None:
        super().__init__(failure.violation.summary)
        self.failure = failure


Progress = Callable[[int], None]


def search_settings(budget: int) -> settings:
    """Hypothesis settings of every search: the budget, no example database (the same seed gives the same
    report, and nothing is written), no deadline, quiet; generate, then shrink what fails."""
    return settings(
        max_examples=budget,
        database=None,
        deadline=None,
        derandomize=False,
        print_blob=False,
        report_multiple_bugs=False,
        verbosity=Verbosity.quiet,
        suppress_health_check=list(HealthCheck),
        phases=(Phase.generate, Phase.shrink),
    )


#: The Hypothesis versions whose private hook `reproducible` uses (pyproject.toml pins the same range).
HYPOTHESIS_RANGE = ">=6.100,<7"


def _constant_pool() -> tuple[Any, Any, Any] | None:
    """Hypothesis's pool of constants taken from local modules: (its module, the function that fills the pool,
    an empty pool); None for a Hypothesis without one. Hypothesis has no public switch for the pool, so this
    reaches into `hypothesis.internal.conjecture.providers`; a Hypothesis that has the pool (it ships
    `hypothesis.internal.constants_ast`) but not these names cannot be made reproducible, and is refused."""
    import importlib.util

    from hypothesis.internal.conjecture import providers

    if importlib.util.find_spec("hypothesis.internal.constants_ast") is None:
        return None  # no pool of local constants: nothing to switch off
    original = getattr(providers, "_get_local_constants", None)
    constants = getattr(providers, "Constants", None)
    cache = getattr(getattr(providers, "CONSTANTS_CACHE", None), "cache", None)
    if original is None or constants is None or cache is None:
        import hypothesis

        raise RuntimeError(
            f"Hypothesis {hypothesis.__version__} draws constants from local modules through names this version "
            "of ballotlaw does not find (hypothesis.internal.conjecture.providers._get_local_constants, Constants, "
            f"CONSTANTS_CACHE): `verify` would not be reproducible; install hypothesis{HYPOTHESIS_RANGE}, the "
            "versions ballotlaw is tested with"
        )
    return providers, original, constants()


@contextmanager
def reproducible() -> Iterator[None]:
    """No constants from the source of "local" modules in the search. Hypothesis now and then draws a constant it
    found in the code of modules it deems local (an editable install of ballotlaw is one): the elections generated
    would then depend on how ballotlaw is installed, on which of its modules a command imported, and on every
    literal in its code, and the same law, spec, budget and seed would not give the same report. This hook is
    private to Hypothesis (there is no public one): pyproject.toml pins the versions it is tested with,
    `_constant_pool` refuses a version without it, and tests/verify/test_reproducible.py and
    tests/adversarial/test_evaluation.py hold it to its purpose."""
    pool = _constant_pool()
    if pool is None:
        yield
        return
    providers, original, empty = pool
    providers._get_local_constants = lambda: empty
    providers.CONSTANTS_CACHE.cache.clear()  # the permitted constants computed from an earlier pool
    try:
        yield
    finally:
        providers._get_local_constants = original
        providers.CONSTANTS_CACHE.cache.clear()


#: Seconds spent generating and checking elections, and shrinking failures (for benchmarks; not reported).
TIMING = {"search": 0.0, "shrink": 0.0}


def _round(
    law: model.Law,
    contest: model.Contest,
    kinds: list[PropertyKind],
    remaining: list[int],
    checked: dict[int, int],
    budget: int,
    seed: int,
    progress: Progress | None,
    settled: frozenset[int] = frozenset(),
) -> tuple[int, _PropertyFailed | None]:
    """One Hypothesis run over the remaining properties: (elections generated, the failure if any: shrunk,
    unless its property is in `settled`, those an earlier part of the search found failing)."""
    state: dict[str, int | None] = {"index": None, "seen": 0}

    @hypothesis_seed(seed)
    @search_settings(budget)
    @given(cases_for(law, contest))
    def run(case: Case) -> None:
        failing = state["index"]
        started = time.perf_counter()
        try:
            check(case, failing)
        finally:
            TIMING["search" if failing is None else "shrink"] += time.perf_counter() - started

    def check(case: Case, failing: int | None) -> None:
        if failing is None:
            state["seen"] = (state["seen"] or 0) + 1
            for index in remaining:
                checked[index] += 1
            if progress is not None:
                progress(1)
        outcome = evaluate(law, case.results)
        # While Hypothesis shrinks a failure, only the property that failed is checked: the shrunk election
        # is a counterexample to that property, and shrinking costs one evaluation, not ten.
        for index in remaining if failing is None else [failing]:
            violation = kinds[index].check(Check(law, contest, case, outcome))
            if violation is not None:
                state["index"] = index
                if failing is None and index in settled:
                    raise _FailedAgain(_PropertyFailed(index, case, violation))
                raise _PropertyFailed(index, case, violation)

    try:
        with reproducible():
            run()
    except _PropertyFailed as failure:
        return state["seen"] or 0, failure
    except _FailedAgain as again:
        return state["seen"] or 0, again.failure
    return state["seen"] or 0, None


def _search(
    law: model.Law,
    contest: model.Contest,
    kinds: list[PropertyKind],
    examples: int,
    seed: int,
    progress: Progress | None,
    settled: frozenset[int] = frozenset(),
) -> tuple[dict[int, tuple[Case, Violation]], dict[int, int]]:
    """Run the properties; return the failures (shrunk, but for those in `settled`) and how many elections each
    property was checked on."""
    failures: dict[int, tuple[Case, Violation]] = {}
    checked = {i: 0 for i in range(len(kinds))}
    remaining = list(range(len(kinds)))
    budget, round_number = examples, 0
    while remaining and budget > 0:
        seen, failure = _round(
            law, contest, kinds, remaining, checked, budget, seed * 1009 + round_number, progress, settled
        )
        if failure is None:
            break
        failures[failure.index] = (failure.case, failure.violation)
        remaining.remove(failure.index)
        budget -= seen
        round_number += 1
    return failures, checked


def _applicable(prop: model.SpecProperty, contest: model.Contest) -> str | None:
    """Why the property does not apply to this contest, or None."""
    if prop.condition is not None and not CONDITIONS[prop.condition].holds(contest):
        return f"not applicable: the condition `{prop.condition}` does not hold for `{contest.id}`"
    return None


#: A property an earlier part of a search found failing: (spec, contest, the property's label).
Settled = frozenset[tuple[str, str, str]]


def verify_contest(
    law: model.Law,
    contest: model.Contest,
    spec: model.Spec,
    examples: int,
    seed: int,
    progress: Progress | None = None,
    settled: Settled = frozenset(),
) -> list[PropertyResult]:
    """Every property of `spec` on one contest (a failure of a property in `settled` is not shrunk)."""
    results: list[PropertyResult | None] = []
    active: list[tuple[int, model.SpecProperty, PropertyKind]] = []
    for prop in spec.properties:
        reason = _applicable(prop, contest)
        if reason is not None:
            results.append(PropertyResult(spec.id, prop, contest.id, "not applicable", 0, note=reason))
        else:
            active.append((len(results), prop, PROPERTIES[prop.phrase]))
            results.append(None)
    again = frozenset(
        position
        for position, (_slot, prop, _kind) in enumerate(active)
        if (spec.id, contest.id, prop.provenance.full_label) in settled
    )
    failures, checked = _search(law, contest, [kind for _, _, kind in active], examples, seed, progress, again)
    for position, (slot, prop, _kind) in enumerate(active):
        if position in failures:
            case, violation = failures[position]
            known = law.known_failures.get(prop.provenance.full_label)
            status = "known failure" if known is not None else "failed"
            results[slot] = PropertyResult(
                spec.id,
                prop,
                contest.id,
                status,
                checked[position],
                violation,
                case,
                note=f"known failure: {known}" if known else "",
            )
        else:
            results[slot] = PropertyResult(spec.id, prop, contest.id, "passed", checked[position])
    return [r for r in results if r is not None]


#: The most elections one part of a search generates (the default budget is one part).
PART = 1000


def parts(examples: int, seed: int) -> list[tuple[int, int]]:
    """(budget, seed) of each part of a search of `examples` elections: as few parts of at most PART as hold
    them, of near-equal budgets; the first keeps `seed`, the others take seed + j * 2^32 (seeds are below 2^32,
    so no two searches share a part)."""
    count = max(1, -(-examples // PART))
    return [(examples // count + (1 if j < examples % count else 0), seed + j * 2**32) for j in range(count)]


def merge(searched: list[list[PropertyResult]]) -> list[PropertyResult]:
    """The verdicts of the parts of one search, taken in the parts' order: a property fails (or is a known
    failure) with the counterexample of the first part that found one, after the elections of the parts before
    it and of that part until it failed; it passes on the elections of every part."""
    merged: list[PropertyResult] = []
    for same in zip(*searched, strict=True):
        before = 0
        verdict = None
        for result in same:
            if result.violation is not None:
                verdict = attrs.evolve(result, examples=before + result.examples)
                break
            before += result.examples
        merged.append(verdict or attrs.evolve(same[0], examples=before))
    return merged


def _verify_part(
    law: model.Law,
    specs: tuple[model.Spec, ...],
    examples: int,
    seed: int,
    progress: Progress | None = None,
    settled: Settled = frozenset(),
) -> list[PropertyResult]:
    out: list[PropertyResult] = []
    for contest in law.contests:
        for spec in specs:
            if spec.scope == contest.competitors:
                out.extend(verify_contest(law, contest, spec, examples, seed, progress, settled))
    return out


def _verify_parts(
    law: model.Law, specs: tuple[model.Spec, ...], budgets: list[tuple[int, int]], progress: Progress | None = None
) -> list[list[PropertyResult]]:
    """The parts of a search, one after the other. A property found failing in one part is not shrunk again in
    the later ones (the merged report keeps the first counterexample): the report is the same, and so is every
    election generated, since a failure ends a part's round before shrinking begins either way."""
    searched: list[list[PropertyResult]] = []
    settled: set[tuple[str, str, str]] = set()
    with _collector_spaced():
        for budget, part_seed in budgets:
            part = _verify_part(law, specs, budget, part_seed, progress, frozenset(settled))
            settled |= {(r.spec, r.contest, r.property.provenance.full_label) for r in part if r.violation is not None}
            searched.append(part)
    return searched


@contextmanager
def _collector_spaced() -> Iterator[None]:
    """The cyclic garbage collector's youngest generation collected every 10,000 allocations instead of 700
    while the search runs (and as it was after): Hypothesis allocates many short-lived objects per election,
    which reference counting frees, and the collector's passes took about a twentieth of the search."""
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], 10_000), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def verify(
    law: model.Law, specs: tuple[model.Spec, ...], examples: int = 1000, seed: int = 0, progress: Progress | None = None
) -> list[PropertyResult]:
    """Every spec on every contest it is for, part after part."""
    return merge(_verify_parts(law, specs, parts(examples, seed), progress))


def _worker(arguments: tuple[str, str, list[tuple[int, int]]]) -> list[list[PropertyResult]]:
    from ..api import load_law

    rules, spec_path, budgets = arguments
    law, _ = load_law(rules)
    spec_law, _ = load_law(spec_path)
    return _verify_parts(law, spec_law.specs, budgets)


def verify_parallel(rules: str, spec_path: str, examples: int, seed: int, jobs: int) -> list[PropertyResult]:
    """`verify` with the parts of the search spread over up to `jobs` processes, each taking a run of
    consecutive parts: the same report."""
    budgets = parts(examples, seed)
    workers = max(1, min(jobs, len(budgets)))
    if workers == 1:
        return merge(_worker((rules, spec_path, budgets)))
    size = -(-len(budgets) // workers)
    runs = [budgets[start : start + size] for start in range(0, len(budgets), size)]
    context = multiprocessing.get_context("spawn")
    with context.Pool(len(runs)) as pool:
        done = pool.map(_worker, [(rules, spec_path, run) for run in runs])
    return merge([part for run in done for part in run])


@frozen
class Difference:
    """Results on which two versions of a law give different outcomes, and what each gives."""

    contest: str
    case: Case
    old: str
    new: str


def _summary(outcome_unit: object) -> tuple[str, frozenset[str], tuple[tuple[str, int | None], ...]]:
    from ..outcome import UnitOutcome

    assert isinstance(outcome_unit, UnitOutcome)
    qualified = frozenset(s.id for s in outcome_unit.selections if s.qualified == "yes")
    seats = tuple((s.id, s.seats) for s in outcome_unit.selections)
    return outcome_unit.status, qualified, seats


def _describe_unit(outcome_unit: object) -> str:
    status, qualified, seats = _summary(outcome_unit)
    shown = ", ".join(f"{name} {n}" for name, n in seats if n)
    return f"status {status}; qualify: {', '.join(sorted(qualified)) or 'none'}; seats: {shown or 'none'}"


def shared_contests(old: model.Law, new: model.Law) -> list[str]:
    """The contests two versions of a law share: the same id, and the same kind of competitors."""
    return [
        c.id for c in new.contests if (before := old.contest(c.id)) is not None and before.competitors == c.competitors
    ]


def find_difference(old: model.Law, new: model.Law, examples: int = 1000, seed: int = 0) -> list[Difference]:
    """For each contest the two laws share (by id), the smallest results found on which they differ: in a
    unit's status, in the lists that qualify, or (when both fill the same number of seats) in the seats."""
    found: list[Difference] = []
    shared = shared_contests(old, new)
    for contest in new.contests:
        before = old.contest(contest.id)
        if before is None or contest.id not in shared:
            continue
        same_house = before.seats == contest.seats

        def differs(case: Case, contest_id: str = contest.id, same: bool = same_house) -> tuple[str, str] | None:
            a = evaluate(old, case.results).contest(contest_id)
            b = evaluate(new, case.results).contest(contest_id)
            assert a is not None and b is not None
            for unit_a, unit_b in zip(a.units, b.units, strict=True):
                sa, sb = _summary(unit_a), _summary(unit_b)
                if sa[0] != sb[0] or sa[1] != sb[1] or (same and sa[2] != sb[2]):
                    return _describe_unit(unit_a), _describe_unit(unit_b)
            return None

        class _Differs(Exception):
            def __init__(self, case: Case, texts: tuple[str, str]) -> None:
                super().__init__(texts[0])
                self.case, self.texts = case, texts

        @hypothesis_seed(seed)
        @search_settings(examples)
        @given(cases_for(new, contest))
        def search(case: Case) -> None:
            texts = differs(case)
            if texts is not None:
                raise _Differs(case, texts)

        try:
            with reproducible():
                search()
        except _Differs as difference:
            found.append(Difference(contest.id, difference.case, difference.texts[0], difference.texts[1]))
    return found

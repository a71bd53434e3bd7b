"""The plain path (evaluate/plain.py, methods/indexed.py) against the general one.

A unit whose law says nothing but plain thresholds, a divisor method or a quota with the largest remainders, a
tie rule and `valid at any turnout` is decided in one pass and its outcome and steps are built when first read.
These tests hold it to the general path: the same outcome and the same trace, record for record, on drawn laws
and results (ties, lists without votes, figures not published, attributes, units below), on every shipped law
with its data and its examples; the indexed kernels against kernels.py; the `Deferred` tuple as a tuple; and the
plan refusing every contest with a clause it does not know.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ballotlaw import model
from ballotlaw.api import load_law, load_law_text
from ballotlaw.deferred import Deferred, Pending
from ballotlaw.errors import DataError
from ballotlaw.evaluate import evaluate
from ballotlaw.evaluate.plain import PlainUnit, _at_default, plan_of
from ballotlaw.examples import results_of
from ballotlaw.methods import indexed
from ballotlaw.methods.indexed import divisor_seats, linear_divisors, quota_seats
from ballotlaw.methods.kernels import DivisorMethod, QuotaMethod, allocate
from ballotlaw.methods.registry import METHODS
from ballotlaw.outcome import Outcome
from ballotlaw.results.load import load_results
from ballotlaw.results.model import NOT_PUBLISHED, PUBLISHED, Figure, Results, Unit

ROOT = Path(__file__).resolve().parent.parent
EVALUATE = sys.modules["ballotlaw.evaluate"]

DIVISORS = sorted(name for name, m in METHODS.items() if isinstance(m, DivisorMethod))
QUOTAS = sorted(name for name, m in METHODS.items() if isinstance(m, QuotaMethod) and m.leftover != "none")


def general(law: model.Law, results: Results) -> Outcome:
    """The outcome by the general path alone."""
    original = getattr(EVALUATE, "plan_of")  # noqa: B009 (a module's attribute, replaced for the call)
    setattr(EVALUATE, "plan_of", lambda law, contest: None)  # noqa: B010
    try:
        return evaluate(law, results)
    finally:
        setattr(EVALUATE, "plan_of", original)  # noqa: B010


def plain_units(outcome: Outcome) -> int:
    """How many units the plain path decided (read before the outcome is built)."""
    count = 0
    for contest in outcome.contests:
        if isinstance(contest.units, Deferred) and contest.units._parts is not None:
            count += sum(isinstance(part, PlainUnit) for part in contest.units._parts)
    return count


def assert_same(law: model.Law, results: Results) -> int:
    """Both paths give equal outcomes and traces; returns the units the plain path decided."""
    fast = evaluate(law, results)
    decided = plain_units(fast)
    slow = general(law, results)
    assert tuple(fast.trace) == tuple(slow.trace)
    for mine, theirs in zip(fast.contests, slow.contests, strict=True):
        assert tuple(mine.units) == tuple(theirs.units)
    assert fast == slow
    return decided


# ---- drawn laws and results ---------------------------------------------------------------------------------


def law_text(
    method: str, seats: int, every: bool, thresholds: list[tuple[bool, int, str]], always: bool | None, tie: str
) -> str:
    """A law of one contest of lists; `always`: `valid at any turnout` (True), a turnout condition (False), or no
    validity clause at all (None)."""
    where = "in every district" if every else "in the nation"
    scope = "in every district" if every else "nationally"
    rules = "".join(
        f"  t{i}: threshold {'at least' if inclusive else 'more than'} {percent}% of {base} {scope}   [act]\n"
        for i, (inclusive, percent, base) in enumerate(thresholds)
    )
    validity = {True: "  valid at any turnout   [act]\n", False: "  valid only if voters >= 1   [act]\n", None: ""}[
        always
    ]
    return f"""ballotlaw 1
election "Drawn"
  jurisdiction "Drawn"
  law "Drawn act"   [act]
  polling day 2024-01-01
end
source act "A drawn law" "https://example.org/drawn"
level nation
level district   [act]
count valid_votes on nation, district   [act]
count voters on nation, district   [act]
votes on nation, district   [act]
contest house "House"
  lists compete {where}   [act]
  seats {seats}   [act]
{rules}  allocate by {method}   [act]
  ties broken by {tie}   [act]
{validity}end
"""


@st.composite
def drawn(draw: st.DrawFn) -> tuple[model.Law, Results]:
    method = draw(st.sampled_from(DIVISORS + QUOTAS))
    every = draw(st.booleans())
    thresholds = draw(
        st.lists(st.tuples(st.booleans(), st.integers(1, 30), st.sampled_from(["valid_votes", "voters"])), max_size=2)
    )
    always = draw(st.sampled_from([True, True, True, True, False, None]))
    tie = draw(st.sampled_from(["lot", "more votes, then lot"]))
    seats = draw(st.integers(1, 12))
    law, problems = load_law_text(law_text(method, seats, every, thresholds, always, tie), "drawn.rules")
    assert not [p for p in problems if p.severity == "error"], problems
    lists = draw(st.integers(1, 7))
    names = [f"L{i + 1}" for i in range(lists)]
    small = draw(st.booleans())  # small votes make ties and equal remainders likely
    count = draw(st.integers(1, 3)) if every else 1
    units: dict[str, Unit] = {"N": Unit("N", "nation", None)} if every else {}
    counts: dict[tuple[str, str], Figure] = {}
    votes: dict[str, dict[str, Figure]] = {}
    attributes: dict[tuple[str, str], dict[str, int]] = {}
    level = "district" if every else "nation"
    for u in range(count):
        unit = f"D{u + 1}" if every else "N"
        units[unit] = Unit(unit, level, "N" if every else None, f"Unit {u + 1}")
        values = draw(st.lists(st.integers(0, 20 if small else 100_000), min_size=lists, max_size=lists))
        table = {}
        for name, value in zip(names, values, strict=True):
            hidden = draw(st.integers(0, 30)) == 0
            table[name] = Figure(NOT_PUBLISHED, None, value + 10) if hidden else Figure(PUBLISHED, value)
        votes[unit] = table
        extra = draw(st.integers(0, 50))
        counts[(unit, "valid_votes")] = Figure(PUBLISHED, sum(values) + extra)
        hidden_voters = draw(st.integers(0, 12))
        if hidden_voters == 0:  # absent from the results
            pass
        elif hidden_voters == 1:  # not published, with a bound and the source that says so
            counts[(unit, "voters")] = Figure(NOT_PUBLISHED, None, sum(values) + 99, "s1")
        else:
            counts[(unit, "voters")] = Figure(PUBLISHED, sum(values) + 2 * extra)
        if draw(st.integers(0, 20)) == 0:
            attributes[(unit, names[0])] = {"national_minority": 1}
    if every and draw(st.integers(0, 10)) == 0:  # a unit below a district
        units["P1"] = Unit("P1", "district", "D1")
        votes["P1"] = {name: Figure(PUBLISHED, 1) for name in names}
        counts[("P1", "valid_votes")] = Figure(PUBLISHED, lists)
        counts[("P1", "voters")] = Figure(PUBLISHED, lists)
    sources = {"s1": ("A drawn source", "https://example.org/source")}
    return law, Results("drawn", "", units, counts, votes, {}, attributes, sources)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn())
def test_the_plain_path_gives_what_the_general_path_gives(case: tuple[model.Law, Results]) -> None:
    assert_same(*case)


def test_the_drawn_cases_exercise_the_plain_path() -> None:
    """The property above is not vacuous: over a fixed sample of drawn cases, the plain path decides units and
    leaves others to the general path."""
    decided = total = 0

    @settings(max_examples=150, deadline=None, database=None, derandomize=True)
    @given(drawn())
    def count(case: tuple[model.Law, Results]) -> None:
        nonlocal decided, total
        outcome = evaluate(*case)
        decided += plain_units(outcome)
        total += sum(len(c.units) for c in outcome.contests)

    count()
    assert 0 < decided < total


def test_a_tie_goes_to_the_general_path() -> None:
    law, _ = load_law_text(law_text("d'hondt divisors", 1, False, [], True, "lot"), "tie.rules")
    units = {"N": Unit("N", "nation", None)}
    votes = {"N": {"A": Figure(PUBLISHED, 10), "B": Figure(PUBLISHED, 10)}}
    counts = {("N", "valid_votes"): Figure(PUBLISHED, 20), ("N", "voters"): Figure(PUBLISHED, 20)}
    results = Results("tie", "", units, counts, votes, {}, {}, {})
    assert plain_units(evaluate(law, results)) == 0
    outcome = evaluate(law, results)
    assert outcome.contests[0].units[0].tied == ("A", "B")
    assert_same(law, results)


# ---- shipped laws -------------------------------------------------------------------------------------------


def shipped() -> Iterator[Path]:
    yield from sorted((ROOT / "rules").rglob("*.rules"))


def data_files(rules: Path) -> list[Path]:
    """The results files of the rule file's jurisdiction (those another law reads are skipped by the test)."""
    country = rules.parent.name
    folder = ROOT / "data" / country
    return sorted(folder.rglob("*.csv")) if folder.is_dir() else []


@pytest.mark.parametrize("rules", list(shipped()), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_law_is_the_same_by_both_paths(rules: Path) -> None:
    law, _ = load_law(str(rules))
    for example in law.examples:
        results, _ = results_of(law, example)
        if results is not None:
            assert_same(law, results)
    for path in data_files(rules):
        try:
            results, _ = load_results(law, str(path))
        except DataError:  # a file of another law of the country, or one read through a mapping
            continue
        assert_same(law, results)


def test_shipped_laws_take_the_plain_path() -> None:
    """Some shipped law decides units by the plain path (else the tests above would compare nothing new)."""
    decided = 0
    for rules in shipped():
        law, _ = load_law(str(rules))
        for example in law.examples:
            results, _ = results_of(law, example)
            if results is not None:
                decided += plain_units(evaluate(law, results))
    assert decided > 0


# ---- the indexed kernels against kernels.py -----------------------------------------------------------------


@settings(max_examples=600, deadline=None)
@given(
    st.sampled_from(DIVISORS + QUOTAS),
    st.lists(st.integers(0, 3000), min_size=1, max_size=9) | st.lists(st.integers(0, 6), min_size=1, max_size=9),
    st.integers(0, 60),
)
def test_the_indexed_kernels_decide_as_kernels_py(method_name: str, votes: list[int], seats: int) -> None:
    method = METHODS[method_name]
    names = [f"L{i}" for i in range(len(votes))]
    expected = allocate(method, dict(zip(names, votes, strict=True)), seats, names)
    if isinstance(method, DivisorMethod):
        divisors = linear_divisors(method)
        if divisors is None:
            assert method.kind != "linear"
            return
        found = divisor_seats(divisors, list(votes), seats)
        if found is None:
            return
        assert not expected.tied, "the indexed kernel decided a tie"
        assert dict(zip(names, found.seats, strict=True)) == expected.seats
        last = expected.details.get("last_average")
        assert (Fraction(*found.last) if found.last is not None else None) == last
        return
    quota = quota_seats(method, list(votes), seats)
    if quota is None:
        return
    assert method.leftover == "largest remainders" and method.part is None
    assert not expected.tied, "the indexed kernel decided a tie"
    assert dict(zip(names, quota.seats, strict=True)) == expected.seats
    assert Fraction(*quota.quota) == expected.details["quota"]
    assert dict(zip(names, quota.full, strict=True)) == expected.details["full_quotas"]
    assert tuple((names[i], 1) for i in quota.remainder_seats) == expected.details["remainder_seats"]


@pytest.mark.parametrize("way", ["scan", "heap"])
def test_each_way_of_giving_the_seats_left_decides_as_kernels_py(way: str) -> None:
    """The seats a divisor method leaves after its start go at once where no list takes two (the usual case, the
    test above), else by a scan of the lists or through a heap: each way forced in turn, against kernels.py."""
    saved = indexed._at_once, indexed._SCAN
    indexed._at_once = lambda *args: None  # type: ignore[assignment]
    indexed._SCAN = 10**9 if way == "scan" else 0
    try:

        @settings(max_examples=300, deadline=None, database=None)
        @given(
            st.sampled_from(DIVISORS),
            st.lists(st.integers(0, 10**5) | st.integers(0, 30), min_size=1, max_size=30),
            st.integers(0, 300),
        )
        def forced(method_name: str, votes: list[int], seats: int) -> None:
            test_the_indexed_kernels_decide_as_kernels_py.hypothesis.inner_test(method_name, votes, seats)  # type: ignore[attr-defined]

        forced()
    finally:
        indexed._at_once, indexed._SCAN = saved  # type: ignore[assignment]


def test_the_indexed_kernels_decide_most_cases() -> None:
    """Not vacuous: on plain elections the indexed kernels answer."""
    votes = [5200, 3100, 900, 650]
    assert divisor_seats(linear_divisors(METHODS["d'hondt divisors"]), votes, 7) is not None  # type: ignore[arg-type]
    method = METHODS["hare quota and largest remainders"]
    assert isinstance(method, QuotaMethod)
    assert quota_seats(method, votes, 7) is not None


# ---- the plan -----------------------------------------------------------------------------------------------


def test_a_clause_the_plan_does_not_know_sends_the_contest_the_general_way() -> None:
    law, _ = load_law_text(law_text("d'hondt divisors", 5, False, [(True, 5, "valid_votes")], True, "lot"), "p.rules")
    contest = law.contests[0]
    assert plan_of(law, contest) is not None
    rule = contest.thresholds[0]
    for changed in (
        attrs.evolve(contest, minimum=model.CapRule(rule.provenance, 1, False)),
        attrs.evolve(contest, cap=model.CapRule(rule.provenance, 2, True)),
        attrs.evolve(contest, thresholds=(attrs.evolve(rule, whole_votes=True),)),
        attrs.evolve(contest, thresholds=(attrs.evolve(rule, at_least_units=2, level="district"),)),
        attrs.evolve(contest, method=METHODS["huntington-hill divisors"]),
        attrs.evolve(contest, method=METHODS["hare quota and highest averages"]),
        attrs.evolve(contest, gender_limit=(1, rule.provenance)),
    ):
        assert plan_of(law, changed) is None


def test_a_field_without_a_default_must_be_named() -> None:
    """A field added to a record without a default is an error of the plan, not a silent pass."""

    @attrs.frozen
    class Grown:
        known: int
        new: int

    assert _at_default(Grown(1, 0), frozenset({"known"}), {"new": 0})
    assert not _at_default(Grown(1, 1), frozenset({"known"}), {"new": 0})
    with pytest.raises(KeyError):
        _at_default(Grown(1, 0), frozenset({"known"}), {})


# ---- Deferred -----------------------------------------------------------------------------------------------


class Two(Pending):
    """Stands for two items."""

    __slots__ = ("base",)

    def __init__(self, base: int) -> None:
        self.base = base


def test_a_deferred_tuple_is_its_tuple() -> None:
    built = []

    def expand(part: object) -> tuple[int, ...]:
        assert isinstance(part, Two)
        built.append(part.base)
        return (part.base, part.base + 1)

    items = Deferred([1, Two(10), 3], 4, expand)
    assert len(items) == 4 and not built  # the length is known before anything is built
    assert items == (1, 10, 11, 3) and (1, 10, 11, 3) == items
    assert items != (1, 10, 11) and items != [1, 10, 11, 3]
    assert items[1] == 10 and items[-1] == 3 and items[1:3] == (10, 11)
    assert list(items) == [1, 10, 11, 3] and 11 in items
    assert hash(items) == hash((1, 10, 11, 3)) and repr(items) == repr((1, 10, 11, 3))
    assert items + (5,) == (1, 10, 11, 3, 5) and (0,) + items == (0, 1, 10, 11, 3)  # noqa: RUF005 (its + and radd)
    assert items == Deferred([1, 10, 11, 3], 4, expand)
    assert built == [10]  # built once


def test_a_deferred_tuple_refuses_a_part_of_another_length() -> None:
    items = Deferred([Two(1)], 3, lambda part: (1, 2))
    with pytest.raises(AssertionError):
        items.items()


def test_an_outcome_read_before_and_after_building_is_the_same() -> None:
    law, _ = load_law_text(
        law_text("sainte-lague divisors", 7, True, [(True, 5, "valid_votes")], True, "lot"), "o.rules"
    )
    units = {"N": Unit("N", "nation", None)}
    votes, counts = {}, {}
    for i, table in enumerate(([4100, 2300, 1200, 90], [3900, 2600, 800, 700])):
        unit = f"D{i + 1}"
        units[unit] = Unit(unit, "district", "N")
        votes[unit] = {f"L{j}": Figure(PUBLISHED, v) for j, v in enumerate(table)}
        counts[(unit, "valid_votes")] = Figure(PUBLISHED, sum(table))
        counts[(unit, "voters")] = Figure(PUBLISHED, sum(table))
    results = Results("o", "", units, counts, votes, {}, {}, {})
    outcome = evaluate(law, results)
    assert plain_units(outcome) == 2
    assert len(outcome.trace) == 2 * (1 + 4 + 1)  # counted before the steps are built
    steps = tuple(outcome.trace)
    assert [s.n for s in steps] == list(range(1, 13))
    assert outcome.contests[0].units[1].selections[3].qualified.value == "yes"
    assert outcome.contests[0].units[0].selections[3].qualified.value == "no"


def test_threads_reading_one_outcome_build_it_once() -> None:
    calls = []
    ready = threading.Barrier(4)

    def expand(part: object) -> tuple[int, ...]:
        calls.append(part)
        return (1, 2)

    items: Deferred[int] = Deferred([Two(1)] * 200, 400, expand)
    seen: list[tuple[int, ...]] = []

    def read() -> None:
        ready.wait()
        seen.append(items.items())

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 200 and len(seen) == 4 and all(found is seen[0] for found in seen)

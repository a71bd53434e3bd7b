"""Run the example blocks of a rule file: build results from `given` lines, evaluate, check `expect` lines.

An example passes when every expectation holds. Failures name the expectation's position, what was
expected and what the law gave (docs/contracts.md, section 6).
"""

from __future__ import annotations

from attrs import frozen

from .diagnostics.diagnostic import Diagnostic
from .evaluate import evaluate
from .methods.ranked.common import OVERVOTE, SKIP
from .model import Law
from .outcome import ContestOutcome, Outcome, UnitOutcome
from .results.ballots import Ballots
from .results.load import CYCLE, MAX_COUNT, NOT_ABOVE, TOO_MANY, tree_problems
from .results.model import ABSENT, NOT_PUBLISHED, PUBLISHED, Figure, Results, Unit
from .source import Span
from .states import Qualification, Status
from .syntax import ast


@frozen
class ExampleResult:
    example: ast.Example
    failures: tuple[Diagnostic, ...]
    outcome: Outcome | None

    @property
    def passed(self) -> bool:
        return not self.failures


def _figure(value: ast.Value) -> Figure:
    if value.count is not None:
        return Figure(PUBLISHED, value=value.count, source="example")
    if value.no_poll:  # no votes were cast: the figure does not exist
        return Figure(ABSENT, source="example")
    return Figure(NOT_PUBLISHED, at_most=value.at_most, source="example", at_least=value.at_least)


def results_of(law: Law, example: ast.Example) -> tuple[Results | None, tuple[Diagnostic, ...]]:
    """The results an example gives, or the problems that keep it from giving any."""
    units: dict[str, Unit] = {}
    counts: dict[tuple[str, str], Figure] = {}
    votes: dict[str, dict[str, Figure]] = {}
    attributes: dict[tuple[str, str], dict[str, int]] = {}
    problems: list[Diagnostic] = []
    ranked: dict[str, list[ast.GivenBallots]] = {}
    for given in example.givens:
        parent = given.parent.text if given.parent else None
        units.setdefault(given.unit.text, Unit(given.unit.text, given.level.text, parent))
        for item in given.items:
            if isinstance(item, ast.GivenCount):
                counts[(given.unit.text, item.name.text)] = _figure(item.value)
            elif isinstance(item, ast.GivenAttribute):
                if item.value > MAX_COUNT:  # as a results file's attribute (D112): a whole number in 64 bits
                    problems.append(
                        Diagnostic(
                            code="E215",
                            span=item.span,
                            message=f"`{item.name.text}` of `{item.selection.text}` is larger than the largest "
                            "count, 2^63 - 1",
                        )
                    )
                    continue
                attributes.setdefault((given.unit.text, item.selection.text), {})[item.name.text] = item.value
            elif isinstance(item, ast.GivenBallots):
                ranked.setdefault(given.unit.text, []).append(item)
            else:
                votes.setdefault(given.unit.text, {})[item.selection.text] = _figure(item.value)
    for given in example.givens:
        if given.parent and given.parent.text not in units:
            problems.append(
                Diagnostic(
                    code="X104",
                    span=given.parent.span,
                    message=f"the unit `{given.parent.text}` is not given in this example",
                    hint=f'add a line: given <level> "{given.parent.text}": ...',
                )
            )
    problems.extend(_tree(law, example, units))
    problems.extend(_ballot_problems(ranked))
    if problems:
        return None, tuple(problems)
    source = example.span.source.path
    results = Results(
        f"{source}#{example.id.text}",
        example.span.source.sha256,
        units,
        counts,
        votes,
        {},
        attributes,
        {"example": (f"example {example.id.text}", "")},
        ballots={unit: example_ballots(items) for unit, items in ranked.items()},
    )
    return results, ()


def example_ballots(items: list[ast.GivenBallots]) -> Ballots:
    """The ranked ballots an example gives a unit (candidates in the order first named)."""
    names: dict[str, int] = {}
    rankings: dict[tuple[int, ...], int] = {}
    for item in items:
        marks = [SKIP if m is None else OVERVOTE if m == "*" else names.setdefault(m, len(names)) for m in item.ranks]
        while marks and marks[-1] == SKIP:
            marks.pop()
        key = tuple(marks)
        rankings[key] = rankings.get(key, 0) + item.count
    return Ballots(tuple(names), rankings)


def _ballot_problems(ranked: dict[str, list[ast.GivenBallots]]) -> list[Diagnostic]:
    """A number of ballots of 0 or beyond 2^63 - 1 (D142, as in a ballot file)."""
    return [
        Diagnostic(code="D142", span=item.span, message=f"{item.count} ballots: a number from 1 to 2^63 - 1")
        for items in ranked.values()
        for item in items
        if not 0 < item.count <= MAX_COUNT
    ]


_TREE_CODES = {CYCLE: "X106", NOT_ABOVE: "X107", TOO_MANY: "X108"}


def _tree(law: Law, example: ast.Example, units: dict[str, Unit]) -> list[Diagnostic]:
    """The results files' tree check (no unit inside itself, parents above, no more units than declared) on
    the units an example gives, each problem at the unit's first `given` line (at its parent, if it names one)."""
    order = {unit: place for place, unit in enumerate(units)}
    where: dict[str, Span] = {}
    for given in example.givens:
        where.setdefault(given.unit.text, given.parent.span if given.parent else given.unit.span)
    return [
        Diagnostic(code=_TREE_CODES[problem.kind], span=where[problem.at], message=problem.message, hint=problem.hint)
        for problem in tree_problems(law, units, order)
    ]


def _unit(contest: ContestOutcome, expect: ast.Expect) -> UnitOutcome | None:
    if expect.unit is not None:
        return next((u for u in contest.units if u.unit == expect.unit.text), None)
    return contest.units[0] if len(contest.units) == 1 else None


def _check(expectation: ast.Expectation, unit: UnitOutcome, contest: ContestOutcome) -> str | None:
    """None when the expectation holds, else what the law gave instead."""
    if expectation.kind == "status":
        assert expectation.status is not None
        want = expectation.status.phrase
        return None if unit.status == want else f"the status is {unit.status}"
    if expectation.kind == "rerun":
        return None if unit.status == Status.RERUN else f"the status is {unit.status}"
    assert expectation.selection is not None
    name = expectation.selection.text
    selection = next((s for s in unit.selections if s.id == name), None)
    if selection is None:
        return f'"{name}" is not in the results of {unit.unit}'
    if expectation.kind == "qualifies":
        return None if selection.qualified == Qualification.YES else f"qualified: {selection.qualified}"
    if expectation.kind == "excluded":
        return None if selection.qualified == Qualification.NO else f"qualified: {selection.qualified}"
    if expectation.kind == "seats":
        return None if selection.seats == expectation.seats else f"seats: {selection.seats}"
    if expectation.kind == "seats in":
        assert expectation.region is not None
        region = expectation.region.text
        got = sum(d.seats for d in unit.distribution if d.selection == name and d.unit == region)
        return None if got == expectation.seats else f"seats in {region}: {got}"
    if expectation.kind == "adjustment":
        got = sum(a.adjustment_seats for a in contest.adjustment if a.selection == name)
        return None if got == expectation.seats else f"adjustment seats: {got}"
    if expectation.kind == "adjustment in":
        assert expectation.region is not None
        district = expectation.region.text
        got = sum(p.seats for p in contest.placed if p.selection == name and p.unit == district)
        return None if got == expectation.seats else f"adjustment seats in {district}: {got}"
    return None if selection.elected else f"elected: {selection.elected}"


def _describe(expectation: ast.Expectation) -> str:
    return expectation.span.source.line_text(expectation.span.line)[
        expectation.span.column - 1 : expectation.span.end_column - 1
    ]


def run_example(law: Law, example: ast.Example) -> ExampleResult:
    results, problems = results_of(law, example)
    if results is None:
        return ExampleResult(example, problems, None)
    outcome = evaluate(law, results)
    failures = []
    for expect in example.expects:
        contest = outcome.contest(expect.contest.text)
        if contest is None:
            continue
        unit = _unit(contest, expect)
        if unit is None and contest.units and all(e.kind in ("adjustment", "adjustment in") for e in expect.items):
            unit = contest.units[0]  # the adjustment tier is the contest's, whatever the unit
        if unit is None:
            where = f'"{expect.unit.text}"' if expect.unit else "a single unit"
            failures.append(
                Diagnostic(
                    code="X105",
                    span=expect.span,
                    message=f"`{expect.contest.text}` has no result for {where} in this example",
                    hint='name the unit: expect <contest> in "<unit>": ...',
                )
            )
            continue
        for expectation in expect.items:
            got = _check(expectation, unit, contest)
            if got is not None:
                failures.append(
                    Diagnostic(
                        code="X103",
                        span=expectation.span,
                        message=f"example `{example.id.text}`: expected {_describe(expectation)}, but {got}",
                    )
                )
    return ExampleResult(example, tuple(failures), outcome)


def run_examples(law: Law) -> list[ExampleResult]:
    return [run_example(law, example) for example in law.examples]

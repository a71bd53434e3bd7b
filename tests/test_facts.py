"""Evaluation returns data; the phrasebook writes the words.

Every record of an outcome that says what a clause found (a step's decision, a test's or a check's detail, a
reason, a unit's seats note) holds a fact, never a sentence; evaluating says nothing (no phrase is called until
something is rendered); every fact class has exactly one phrase, and each phrase gives words for its facts.
"""

from __future__ import annotations

import enum
import importlib
import pkgutil
import types
import typing
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import attrs
import pytest

import ballotlaw.facts
from ballotlaw import model, states
from ballotlaw.api import load_law, run
from ballotlaw.evaluate import evaluate
from ballotlaw.examples import run_examples
from ballotlaw.facts import Fact
from ballotlaw.facts.contest import NoCandidate
from ballotlaw.outcome import Outcome
from ballotlaw.render import phrases
from ballotlaw.results.load import load_results
from test_snapshots import PAIRS, SHIPPED_LAWS

ROOT = Path(__file__).resolve().parent.parent


def _fact_classes() -> list[type[Fact]]:
    """Every subclass of Fact in the modules of ballotlaw.facts (imported here), in a stable order."""
    for module in pkgutil.iter_modules(ballotlaw.facts.__path__):
        importlib.import_module(f"ballotlaw.facts.{module.name}")
    found: list[type[Fact]] = []
    pending = list(Fact.__subclasses__())
    while pending:
        kind = pending.pop()
        found.append(kind)
        pending.extend(kind.__subclasses__())
    return sorted(set(found), key=lambda k: (k.__module__, k.__qualname__))


def _name(kind: type[Fact]) -> str:
    return f"{kind.__module__.removeprefix('ballotlaw.facts.')}.{kind.__qualname__}"


def _said(outcome: Outcome) -> Iterator[tuple[str, object]]:
    """Every value of the outcome that a renderer turns into words, with where it is."""
    for step in outcome.trace:
        yield f"step {step.n} ({step.kind}) decision", step.decision
    for contest in outcome.contests:
        for reason in contest.reasons:
            yield f"{contest.id} reason {reason.clause}", reason.text
        for unit in contest.units:
            yield f"{contest.id} {unit.unit} seats note", unit.seats_note
            for reason in unit.reasons:
                yield f"{contest.id} {unit.unit} reason {reason.clause}", reason.text
            for check in unit.checks:
                yield f"{contest.id} {unit.unit} check {check.clause}", check.detail
            for selection in unit.selections:
                for test in selection.tests:
                    yield f"{contest.id} {unit.unit} {selection.id} test {test.clause}", test.detail


def _missing(outcome: Outcome) -> Iterator[tuple[str, object]]:
    """What the reasons and tests of the outcome lacked: names of figures, or facts saying why."""
    for contest in outcome.contests:
        for reason in contest.reasons:
            yield f"{contest.id} reason {reason.clause} missing", reason.missing
        for unit in contest.units:
            for reason in unit.reasons:
                yield f"{contest.id} {unit.unit} reason {reason.clause} missing", reason.missing
            for selection in unit.selections:
                for test in selection.tests:
                    yield f"{contest.id} {unit.unit} {selection.id} test {test.clause} missing", test.missing


def _nested(value: object) -> Iterator[Fact]:
    """The fact and the facts it holds (in fields, or tuples of them), depth first."""
    if isinstance(value, Fact):
        yield value
        for field in attrs.fields(type(value)):
            yield from _nested(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _nested(item)


def _outcomes() -> Iterator[tuple[str, Outcome]]:
    """The outcome of every shipped law on its shipped data and on its examples."""
    for rules, data in PAIRS:
        yield f"{rules} on {data}", run(str(ROOT / rules), str(ROOT / data), accept_data_errors=True)[0]
    for path in SHIPPED_LAWS:
        for result in run_examples(load_law(str(ROOT / path))[0]):
            if result.outcome is not None:
                yield f"{path} example {result.example.id.text}", result.outcome


@pytest.fixture(scope="module")
def shipped() -> list[tuple[str, Outcome]]:
    return list(_outcomes())


class _Silent(dict[type[Fact], typing.Any]):
    """The phrase table while evaluating: any look-up is a phrase said during evaluation."""

    def __getitem__(self, kind: type[Fact]) -> typing.Any:
        raise AssertionError(f"a {kind.__name__} was put in words while evaluating")


def test_evaluation_says_nothing(kg2021_rules: str, kg2021_results: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`run` without `--explain` builds no prose: evaluating the Kyrgyz 2021 law calls no phrase."""
    law, _ = load_law(kg2021_rules)
    results, _ = load_results(law, kg2021_results)
    phrases.phrasebook()
    monkeypatch.setattr(phrases, "PHRASES", _Silent())
    outcome = evaluate(law, results)
    assert outcome.trace
    with pytest.raises(AssertionError, match="NoCandidate was put in words while evaluating"):
        phrases.say(NoCandidate())  # the table is silenced indeed


def test_outcomes_hold_facts_not_sentences(shipped: list[tuple[str, Outcome]]) -> None:
    """Every decision, detail, reason and seats note of every shipped law's outcome is a fact."""
    sentences = [
        f"{name}: {where}: {value!r}"
        for name, outcome in shipped
        for where, value in _said(outcome)
        if not isinstance(value, Fact)
    ]
    assert not sentences, f"{len(sentences)} sentence(s) where a fact belongs, e.g. " + "; ".join(sentences[:5])


def test_every_fact_class_has_exactly_one_phrase() -> None:
    classes = _fact_classes()
    assert classes, "no fact classes found"
    table = phrases.phrasebook()
    missing = [k.__qualname__ for k in classes if k not in table]
    assert not missing, f"fact classes without a phrase: {missing}"
    strays = [k.__qualname__ for k in table if k not in classes]
    assert not strays, f"phrases of classes that are not facts of ballotlaw.facts: {strays}"
    with pytest.raises(RuntimeError, match="two phrases"):
        phrases.phrase(classes[0])(lambda fact: "again")


@pytest.mark.parametrize("kind", _fact_classes(), ids=_name)
def test_facts_are_frozen_values(kind: type[Fact]) -> None:
    """A fact is an attrs class of its own, frozen, compared and hashed by value."""
    assert "__attrs_attrs__" in vars(kind), f"{kind.__qualname__} is not an attrs class (use @frozen)"
    fact, twin = _build(kind), _build(kind)
    assert fact == twin and hash(fact) == hash(twin)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        fact.__setattr__(attrs.fields(kind)[0].name if attrs.fields(kind) else "x", None)


# ---- each phrase gives words: for the facts the shipped laws produce, and for one built from its fields ----


def _sample(hint: object, choice: int = 0) -> object:
    """A value of the annotated type: a small tuple, a fact built field by field, the `choice`-th member (in
    turn) of an enumeration."""
    if hint == model.Condition:
        return model.Compare(model.CountTerm("turnout"), ">=", model.ConstTerm(50), "turnout >= 50")
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return _sample(next(a for a in args if a is not type(None)), choice)
    if origin is tuple:
        items = [args[0], args[0]] if len(args) == 2 and args[1] is Ellipsis else list(args)
        return tuple(_sample(a, choice) for a in items)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        members = list(hint)
        return members[choice % len(members)]
    if hint is Fact:
        return NoCandidate()
    if isinstance(hint, type) and issubclass(hint, Fact):
        return _build(hint, choice)
    simple: dict[object, object] = {int: 3, str: "A", bool: True, Fraction: Fraction(7, 3)}
    if hint in simple:
        return simple[hint]
    raise AssertionError(f"no sample value for {hint!r}: add one to the table of this test")


def _build(kind: type[Fact], choice: int = 0) -> Fact:
    hints = typing.get_type_hints(kind)
    return kind(**{f.name: _sample(hints[f.name], choice) for f in attrs.fields(kind) if f.init})


def test_every_phrase_says_the_facts_of_the_shipped_laws(shipped: list[tuple[str, Outcome]]) -> None:
    seen: dict[type[Fact], int] = {}
    for name, outcome in shipped:
        for where, value in (*_said(outcome), *_missing(outcome)):
            for fact in _nested(value):
                text = phrases.say(fact)
                assert isinstance(text, str) and text.strip(), f"{name}: {where}: {fact!r} says {text!r}"
                seen[type(fact)] = seen.get(type(fact), 0) + 1
    assert len(seen) >= 10, f"only {len(seen)} kinds of fact in the shipped laws' outcomes"


@pytest.mark.parametrize("kind", _fact_classes(), ids=_name)
def test_every_phrase_says_a_fact_built_from_its_fields(kind: type[Fact]) -> None:
    """A fact built from sample values of its fields' types is said in words (where a field is an enumeration
    of which only some members make sense, the members are tried in turn until one does)."""
    problems: list[str] = []
    for choice in range(_LARGEST_ENUMERATION):
        fact = _build(kind, choice)
        try:
            text = phrases.say(fact)
        except (KeyError, ValueError) as error:
            problems.append(f"{fact!r}: {error!r}")
            continue
        assert isinstance(text, str) and text.strip(), f"{fact!r} says {text!r}"
        assert "\n" not in text, "a phrase is one line (renderers wrap it)"
        return
    pytest.fail(f"no {kind.__qualname__} built from its fields can be said: {problems[:3]}")


#: enough choices to reach every member of every enumeration a fact holds
_LARGEST_ENUMERATION = max(
    len(list(e)) for e in vars(states).values() if isinstance(e, type) and issubclass(e, enum.Enum)
)

"""Evaluate the control relations a rule file writes (`relations ... end`) on every unit of their level.

Sums are exact (counts are integers, `P% of COUNT` an exact fraction). A relation whose figures are not all
published in a unit is not checked there, and is counted as such; a relation whose `when` condition does not
hold is not applicable there. Nothing unpublished is read as zero.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from attrs import define

from .. import model
from ..diagnostics.diagnostic import DataLocation, Diagnostic, Finding
from ..exact import show
from ..results.model import Results

_COMPARE = {
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


@define
class Tally:
    """How many relations were checked, and how many a unit's unpublished figures left unchecked."""

    checked: int = 0
    unpublished: int = 0


class _Unpublished(Exception):
    """A figure the relation needs is not published in this unit."""


def check_relations(law: model.Law, results: Results, tally: Tally) -> Iterator[Diagnostic]:
    for relation in law.relations:
        for unit in results.units_of(relation.level):
            try:
                if relation.guard is not None and not _holds(relation.guard, results, unit.id):
                    continue
                left = [sign * _value(t, results, unit.id) for sign, t in relation.left]
                right = [sign * _value(t, results, unit.id) for sign, t in relation.right]
            except _Unpublished:
                tally.unpublished += 1
                continue
            tally.checked += 1
            if _COMPARE[relation.operator](sum(left), sum(right)):
                continue
            yield _finding(relation, results, unit.id, left, right)


def _value(term: model.Term, results: Results, unit: str) -> int | Fraction:
    """The term's exact value at `unit`: an int, or a Fraction for a percentage of a count."""
    if isinstance(term, model.ConstTerm):
        return term.value
    if isinstance(term, model.CountTerm):
        figure = results.count(unit, term.name)
        if not figure.known or figure.value is None:
            raise _Unpublished
        return figure.value
    if isinstance(term, model.ShareTerm):
        figure = results.count(unit, term.base)
        if not figure.known or figure.value is None:
            raise _Unpublished
        return term.share * figure.value
    if isinstance(term, model.AllVotesTerm):
        votes = [results.vote(unit, s) for s in results.selections(unit)]
        if not votes or any(not v.known or v.value is None for v in votes):
            raise _Unpublished
        return sum(v.value or 0 for v in votes)
    raise AssertionError(f"the checker admits no {type(term).__name__} in a relation")


def _holds(condition: model.Condition, results: Results, unit: str) -> bool:
    if isinstance(condition, model.SumCompare):
        left = sum(sign * _value(t, results, unit) for sign, t in condition.left)
        right = sum(sign * _value(t, results, unit) for sign, t in condition.right)
        return bool(_COMPARE[condition.operator](left, right))
    if isinstance(condition, model.AllOf):
        return all(_holds(item, results, unit) for item in condition.items)
    if isinstance(condition, model.AnyOf):
        return any(_holds(item, results, unit) for item in condition.items)
    raise AssertionError("the checker admits no list condition in a relation")


def _describe(term: model.Term, value: int | Fraction) -> str:
    if isinstance(term, model.CountTerm):
        return f"{term.name} {show(value)}"
    if isinstance(term, model.ShareTerm):
        return f"{term.percent_text} of {term.base} {show(value)}"
    if isinstance(term, model.AllVotesTerm):
        return f"all votes {show(value)}"
    return show(value)


def _finding(
    relation: model.Relation, results: Results, unit: str, left: list[int | Fraction], right: list[int | Fraction]
) -> Diagnostic:
    def side(terms: tuple[tuple[int, model.Term], ...], values: list[int | Fraction]) -> str:
        parts = ""
        for i, ((sign, term), value) in enumerate(zip(terms, values, strict=True)):
            shown = _describe(term, -value if value < 0 else value)
            parts += (f"-{shown}" if sign < 0 else shown) if i == 0 else (f" - {shown}" if sign < 0 else f" + {shown}")
        return parts if len(values) == 1 else f"({parts} = {show(sum(values))})"

    provenance = relation.provenance
    cited = f" [{provenance.cited}]" if provenance.citations else ""
    location = DataLocation(results.path)
    for _sign, term in (*relation.left, *relation.right):
        name = (
            term.name if isinstance(term, model.CountTerm) else term.base if isinstance(term, model.ShareTerm) else None
        )
        figure = results.count(unit, name) if name else None
        if figure is not None and figure.location is not None:
            location = figure.location
            break
    return Diagnostic(
        "C110" if relation.severity == "error" else "C111",
        f"`{provenance.full_label}`{cited}: {relation.text} does not hold at `{unit}`: "
        f"{side(relation.left, left)} {relation.operator} {side(relation.right, right)} is false",
        location=location,
        hint=relation.action
        or (
            "the protocol must be corrected before it is accepted"
            if relation.severity == "error"
            else "the protocol may still be sent; the commission should look at it"
        ),
        finding=Finding(unit, provenance.full_label, provenance.cited or None, relation.action),
    )

"""The checks of universal.py and relations.py evaluated over whole columns, for files of a million protocols.

Each relation becomes one integer comparison per row: every term is scaled by the least common multiple of
the denominators in the relation (`2% of ballots_found` -> 50 x ... against 1 x ...), and pyarrow's checked
arithmetic raises on an overflow instead of wrapping, in which case the caller checks the file row by row.
Only the rows where something fails are read back into Python; their findings are written by the row checks
themselves (universal_checks on those rows), so both paths word every finding alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from math import lcm
from typing import Any, TypeAlias

import pyarrow as pa
import pyarrow.compute as pc

from .. import model
from ..results.columns import WideColumns
from .relations import Tally
from .universal import _ORDERED, IntegrityReport, universal_checks

Mask: TypeAlias = Any  # a pyarrow boolean per row, or a Python bool for every row
Values: TypeAlias = Any  # a pyarrow int64 per row, or a Python int for every row

_COMPARE = {
    ">=": pc.greater_equal,
    "<=": pc.less_equal,
    ">": pc.greater,
    "<": pc.less,
    "=": pc.equal,
    "!=": pc.not_equal,
}


class _Missing(Exception):
    """A figure the relation needs is not in the file (no column is mapped to it)."""


def stages(law: model.Law, table: WideColumns) -> int:
    """How many stages `columnar_checks` reports to its `step` (for a progress display)."""
    ordered = sum(1 for smaller, larger, _code in _ORDERED if smaller in table.counts and larger in table.counts)
    within = 1 if "valid_votes" in table.counts and table.votes else 0
    return ordered + within + sum(1 for r in law.relations if r.level == table.level)


def columnar_checks(
    law: model.Law, table: WideColumns, step: Callable[[str], None] = lambda _label: None
) -> IntegrityReport | None:
    """Every finding of the universal checks and the rule file's relations on `table`, or None when an
    intermediate sum leaves 64 bits (the row checks are exact at any size)."""
    tally = Tally()
    failing: Mask = False
    try:
        for smaller, larger, _code in _ORDERED:
            if smaller in table.counts and larger in table.counts:
                step(f"{smaller} <= {larger}")
                tally.checked += table.rows
                failing = _or(failing, pc.greater(table.counts[smaller].values, table.counts[larger].values))
        if "valid_votes" in table.counts and table.votes:
            step("votes <= valid_votes")
            tally.checked += table.rows
            failing = _or(failing, pc.greater(_all_votes(table), table.counts["valid_votes"].values))
        for relation in law.relations:
            if relation.level != table.level:
                continue
            step(relation.provenance.full_label)
            failing = _or(failing, _relation(relation, table, tally))
    except pa.ArrowInvalid:
        return None
    rows = _indices(failing, table.rows)
    found = universal_checks(law, table.results_for(rows)).findings if rows else ()
    return IntegrityReport(found, tally.checked, tally.unpublished)


def _relation(relation: model.Relation, table: WideColumns, tally: Tally) -> Mask:
    """The rows where the relation is checked and fails; the tally counts the rows checked and unchecked."""
    applies, unpublished = _condition(relation.guard, table) if relation.guard is not None else (True, False)
    try:
        holds = _compare(relation.left, relation.operator, relation.right, table)
    except _Missing:
        tally.unpublished += _count(_or(applies, unpublished), table.rows)
        return False
    tally.unpublished += _count(unpublished, table.rows)
    tally.checked += _count(applies, table.rows)
    return _and(applies, _not(holds))


def _condition(condition: model.Condition, table: WideColumns) -> tuple[Mask, Mask]:
    """(rows where it holds, rows where a figure it reaches is missing), evaluated in the order the row
    checks evaluate it: `all of` stops at the first false item, `any of` at the first true one."""
    if isinstance(condition, model.SumCompare):
        try:
            return _compare(condition.left, condition.operator, condition.right, table), False
        except _Missing:
            return False, True
    if isinstance(condition, model.AllOf):
        reached: Mask = True
        missing: Mask = False
        for item in condition.items:
            holds, lacks = _condition(item, table)
            missing = _or(missing, _and(reached, lacks))
            reached = _and(reached, _and(holds, _not(lacks)))
        return reached, missing
    if isinstance(condition, model.AnyOf):
        open_: Mask = True
        holds_any: Mask = False
        missing = False
        for item in condition.items:
            holds, lacks = _condition(item, table)
            holds_any = _or(holds_any, _and(open_, _and(holds, _not(lacks))))
            missing = _or(missing, _and(open_, lacks))
            open_ = _and(open_, _and(_not(holds), _not(lacks)))
        return holds_any, missing
    raise AssertionError("the checker admits no list condition in a relation")


def _compare(
    left: Sequence[tuple[int, model.Term]], operator: str, right: Sequence[tuple[int, model.Term]], table: WideColumns
) -> Mask:
    terms = [*left, *right]
    scale = lcm(*(_factor(term).denominator for _sign, term in terms))
    result = _COMPARE[operator](_sum(left, table, scale), _sum(right, table, scale))
    return bool(result.as_py()) if isinstance(result, pa.Scalar) else result


def _factor(term: model.Term) -> Fraction:
    if isinstance(term, model.ShareTerm):
        return term.share
    if isinstance(term, model.ConstTerm):
        return Fraction(term.value)
    return Fraction(1)


def _sum(terms: Sequence[tuple[int, model.Term]], table: WideColumns, scale: int) -> Values:
    total: Values = 0
    for sign, term in terms:
        factor = _factor(term) * scale * sign
        assert factor.denominator == 1
        if isinstance(term, model.ConstTerm):
            total = pc.add_checked(total, factor.numerator) if not isinstance(total, int) else total + factor.numerator
            continue
        column = _column(term, table)
        scaled = column if factor == 1 else pc.multiply_checked(column, factor.numerator)
        total = pc.add_checked(scaled, total) if not (isinstance(total, int) and total == 0) else scaled
    return total


def _column(term: model.Term, table: WideColumns) -> pa.ChunkedArray:
    if isinstance(term, model.CountTerm | model.ShareTerm):
        name = term.name if isinstance(term, model.CountTerm) else term.base
        if name not in table.counts:
            raise _Missing
        return table.counts[name].values
    if isinstance(term, model.AllVotesTerm):
        if not table.votes:
            raise _Missing
        return _all_votes(table)
    raise AssertionError(f"the checker admits no {type(term).__name__} in a relation")


def _all_votes(table: WideColumns) -> pa.ChunkedArray:
    return add_columns([column.values for column in table.votes.values()])


def add_columns(columns: Sequence[Any]) -> Any:
    """The row sums of int64 columns (null where a part is null); an overflow raises, it never wraps."""
    total = columns[0]
    for column in columns[1:]:
        total = pc.add_checked(total, column)
    return total


def _or(a: Mask, b: Mask) -> Mask:
    if isinstance(a, bool):
        return True if a else b
    if isinstance(b, bool):
        return True if b else a
    return pc.or_(a, b)


def _and(a: Mask, b: Mask) -> Mask:
    if isinstance(a, bool):
        return b if a else False
    if isinstance(b, bool):
        return a if b else False
    return pc.and_(a, b)


def _not(a: Mask) -> Mask:
    return (not a) if isinstance(a, bool) else pc.invert(a)


def _count(mask: Mask, rows: int) -> int:
    if isinstance(mask, bool):
        return rows if mask else 0
    return int(pc.sum(pc.cast(mask, pa.int64())).as_py() or 0)


def _indices(mask: Mask, rows: int) -> list[int]:
    if isinstance(mask, bool):
        return list(range(rows)) if mask else []
    if not pc.any(mask).as_py():
        return []
    return [int(i) for i in pc.indices_nonzero(mask).to_pylist()]

"""Forensic indicators: patterns in the figures that the literature associates with manipulated counts.

They are INDICATORS, never findings: they do not pass or fail a protocol, do not change the exit code, and a
fair election can show any of them (small precincts, a popular candidate, a local custom). Each is computed
with integers and exact fractions over the units that give every figure it needs:

- turnout against the leader's share: a 10 x 10 table of units by turnout decile and by the decile of the
  vote share of the selection with the most votes overall (Klimek, Yegorov, Hanel, Thurner, "Statistical
  detection of systematic election irregularities", PNAS 109(41), 2012, https://arxiv.org/abs/1201.3087);
- integer percentages: how many units report a turnout, or a leader's share, that is a whole percentage,
  against how many would if every count from 0 to the base were equally likely (a unit with base n has
  gcd(n, 100) + 1 such counts among n + 1) (Kobak, Shpilkin, Pshenichnikov, "Integer percentages as electoral
  falsification fingerprints", Annals of Applied Statistics 10(1), 2016, https://arxiv.org/abs/1410.6059);
- last digits of the vote counts of at least 10, against a uniform spread, with Pearson's chi-square
  statistic (Beber, Scacco, "What the Numbers Say: A Digit-Based Test for Election Fraud", Political Analysis
  20(2), 2012, https://doi.org/10.1093/pan/mps003).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from math import gcd
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from attrs import frozen

from ..errors import UsageError
from ..results.columns import WideColumns
from ..results.model import Results
from .columnar import add_columns

CHI_SQUARE_9_DF_5_PERCENT = Fraction("16.919")  # the value a uniform spread exceeds 5% of the time


@frozen
class TurnoutSpec:
    """Turnout as a ratio of sums of counts, e.g. `line_9 + line_10 / line_1`."""

    took_part: tuple[str, ...]
    registered: tuple[str, ...]

    @classmethod
    def parse(cls, text: str, known: Sequence[str]) -> TurnoutSpec:
        top, slash, bottom = text.partition("/")
        parts = [[name.strip() for name in side.split("+")] for side in (top, bottom)]
        if not slash or any(not name for side in parts for name in side):
            raise UsageError(f"--turnout `{text}`: write TOOK_PART / REGISTERED, each a count or counts joined by +")
        unknown = [name for side in parts for name in side if name not in known]
        if unknown:
            raise UsageError(
                f"--turnout: {', '.join(f'`{n}`' for n in unknown)} is not a count of the rule file "
                f"(counts: {', '.join(known)})"
            )
        return cls(tuple(parts[0]), tuple(parts[1]))

    @property
    def text(self) -> str:
        return f"{' + '.join(self.took_part)} / {' + '.join(self.registered)}"


@frozen
class IntegerPercentages:
    base: str
    units: int
    observed: int
    expected: Fraction  # if every count from 0 to the base were equally likely


@frozen
class Indicators:
    """The three indicators over the units that give the figures each needs."""

    turnout: str
    leader: str | None
    units: int
    histogram: tuple[tuple[int, ...], ...]  # [turnout decile][leader-share decile], 90-100% includes 100%
    histogram_units: int
    above_whole: int  # units with a turnout above 100% (left out of the table; an integrity check names them)
    integer_turnout: IntegerPercentages
    integer_leader: IntegerPercentages
    digits: tuple[int, ...]  # how many vote counts of at least 10 end in 0, 1, ..., 9
    chi_square: Fraction | None


def compute_indicators(spec: TurnoutSpec, counts: dict[str, Any], votes: dict[str, Any], units: int) -> Indicators:
    """Indicators from columns (pyarrow int64 arrays, nulls for unpublished figures), one row per unit."""
    took = _sum([counts[n] for n in spec.took_part if n in counts], len(spec.took_part))
    registered = _sum([counts[n] for n in spec.registered if n in counts], len(spec.registered))
    columns = list(votes.values())
    totals = {name: int(pc.sum(column).as_py() or 0) for name, column in votes.items()}
    leader = max(totals, key=lambda name: (totals[name], name)) if totals else None
    all_votes = _sum(columns, len(columns)) if columns else None
    leader_votes = votes[leader] if leader is not None else None

    turnout_bins = _deciles(took, registered)
    share_bins = _deciles(leader_votes, all_votes)
    grid = [[0] * 10 for _ in range(10)]
    placed = above = 0
    if turnout_bins is not None and share_bins is not None:
        key = pc.add(pc.multiply(turnout_bins, 100), share_bins)
        for value, count in _value_counts(key):
            t, s = divmod(value, 100)
            if t > 9 or s > 9:
                above += count if t > 9 else 0
                continue
            grid[t][s] += count
            placed += count
    elif turnout_bins is not None:
        above = _count(pc.greater(turnout_bins, 9))
    return Indicators(
        turnout=spec.text,
        leader=leader,
        units=units,
        histogram=tuple(tuple(row) for row in grid),
        histogram_units=placed,
        above_whole=above,
        integer_turnout=_integer_percentages(spec.text, took, registered),
        integer_leader=_integer_percentages(f"votes of {leader} / all votes", leader_votes, all_votes),
        digits=(digits := _last_digits(columns)),
        chi_square=_chi_square(digits),
    )


def _sum(columns: list[Any], wanted: int) -> Any:
    """The row sums, null where a part is unpublished; None when a count is not in the data at all."""
    if len(columns) != wanted or not columns:
        return None
    return add_columns(columns)


def _deciles(part: Any, whole: Any) -> Any:
    """floor(10 * part / whole), with exactly 100% in the top decile; null where whole is 0 or unknown."""
    if part is None or whole is None:
        return None
    whole = pc.if_else(pc.equal(whole, 0), pa.scalar(None, pa.int64()), whole)
    decile = pc.divide(pc.multiply_checked(part, 10), whole)
    return pc.if_else(pc.equal(part, whole), 9, decile)


def _integer_percentages(base: str, part: Any, whole: Any) -> IntegerPercentages:
    if part is None or whole is None:
        return IntegerPercentages(base, 0, 0, Fraction(0))
    usable = pc.and_(pc.is_valid(part), pc.and_(pc.is_valid(whole), pc.greater(whole, 0)))
    part, whole = pc.filter(part, usable), pc.filter(whole, usable)
    hundred = pc.multiply_checked(part, 100)
    remainder = pc.subtract(hundred, pc.multiply(pc.divide(hundred, whole), whole))
    observed = _count(pc.equal(remainder, 0))
    expected = sum(
        (Fraction(count * (gcd(n, 100) + 1), n + 1) for n, count in _value_counts(whole)),
        Fraction(0),
    )
    return IntegerPercentages(base, len(part), observed, expected)


def _last_digits(columns: list[Any]) -> tuple[int, ...]:
    digits = [0] * 10
    for column in columns:
        large = pc.filter(column, pc.greater_equal(column, 10))
        last = pc.subtract(large, pc.multiply(pc.divide(large, 10), 10))
        for digit, count in _value_counts(last):
            digits[digit] += count
    return tuple(digits)


def _chi_square(digits: tuple[int, ...]) -> Fraction | None:
    total = sum(digits)
    if total == 0:
        return None
    expected = Fraction(total, 10)
    return sum(((d - expected) ** 2 / expected for d in digits), Fraction(0))


def _value_counts(values: Any) -> list[tuple[int, int]]:
    counted = pc.value_counts(pc.drop_null(values))
    return [(int(v), int(c)) for v, c in zip(counted.field(0).to_pylist(), counted.field(1).to_pylist(), strict=True)]


def _count(mask: Any) -> int:
    return int(pc.sum(pc.cast(mask, pa.int64())).as_py() or 0)


def indicators_of_results(spec: TurnoutSpec, results: Results) -> Indicators:
    """Indicators from results read row by row: the units that give votes (or every unit if none does)."""
    units = [u.id for u in results.units.values() if results.selections(u.id)] or list(results.units)
    names = {name for (_unit, name) in results.counts}

    def column(values: list[int | None]) -> Any:
        return pa.array(values, pa.int64())

    counts = {
        name: column([f.value if f.known else None for f in (results.count(u, name) for u in units)])
        for name in sorted(names)
    }
    selections = list(dict.fromkeys(s for u in units for s in results.selections(u)))
    votes = {s: column([f.value if f.known else None for f in (results.vote(u, s) for u in units)]) for s in selections}
    return compute_indicators(spec, counts, votes, len(units))


def indicators_of_columns(spec: TurnoutSpec, table: WideColumns) -> Indicators:
    counts = {name: c.values for name, c in table.counts.items()}
    votes = {selection: c.values for selection, c in table.votes.items()}
    return compute_indicators(spec, counts, votes, table.rows)

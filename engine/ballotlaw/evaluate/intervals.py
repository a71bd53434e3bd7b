"""Three-valued arithmetic over figures that may not be published.

A figure is an interval: a published count is [v, v]; `not published (at least L, at most H)` is [L, H] (L is 0
and H infinity where the data states no such bound); evaluate/bounds.py narrows it by the figures around it. A
comparison is True or False when every value in the intervals agrees, and otherwise None ("not evaluated"),
with the missing figures named.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from attrs import frozen

from ..exact import show
from ..figures import with_status
from ..results.model import Figure


@frozen
class Interval:
    low: Fraction
    high: Fraction | None  # None: unbounded
    missing: tuple[str, ...] = ()

    @property
    def exact(self) -> Fraction | None:
        return self.low if self.high == self.low and not self.missing else None

    def scaled(self, factor: Fraction) -> Interval:
        return Interval(self.low * factor, None if self.high is None else self.high * factor, self.missing)

    def describe(self) -> str:
        if self.exact is not None:
            return show(self.exact)
        bounds = [f"at least {show(self.low)}"] if self.low else []
        bounds += [f"at most {show(self.high)}"] if self.high is not None else []
        return ", ".join(bounds) if bounds else "not published"


def of_figure(figure: Figure, name: str) -> Interval:
    """The interval a figure allows; `name` says what it is, for `not evaluated: ...` messages."""
    if figure.known:
        assert figure.value is not None
        return Interval(Fraction(figure.value), Fraction(figure.value))
    what = with_status(name, figure.status)
    high = None if figure.at_most is None else Fraction(figure.at_most)
    return Interval(Fraction(figure.lower), high, (what,))


def maximum(intervals: list[Interval]) -> Interval:
    """The interval of the largest of several figures."""
    if not intervals:
        return Interval(Fraction(0), Fraction(0))
    low = max(i.low for i in intervals)
    highs = [i.high for i in intervals]
    high = None if any(h is None for h in highs) else max(h for h in highs if h is not None)
    missing = tuple(m for i in intervals for m in i.missing if i.high is None or i.high > low)
    return Interval(low, high, missing)


def _above(a: Interval, b: Interval, strict: bool) -> bool | None:
    """Is a > b (strict) or a >= b, for every value the intervals allow?"""
    if b.high is not None and (a.low > b.high or (not strict and a.low >= b.high)):
        return True
    if a.high is not None and (a.high < b.low or (strict and a.high <= b.low)):
        return False
    return None


def compare(a: Interval, operator: str, b: Interval) -> bool | None:
    """a OPERATOR b over intervals: True, False, or None when the figures do not decide it."""
    ops: dict[str, Callable[[], bool | None]] = {
        ">": lambda: _above(a, b, strict=True),
        ">=": lambda: _above(a, b, strict=False),
        "<": lambda: _above(b, a, strict=True),
        "<=": lambda: _above(b, a, strict=False),
        "=": lambda: _equal(a, b),
        "!=": lambda: _not(_equal(a, b)),
    }
    return ops[operator]()


def _equal(a: Interval, b: Interval) -> bool | None:
    if a.exact is not None and b.exact is not None:
        return a.exact == b.exact
    if (a.high is not None and a.high < b.low) or (b.high is not None and b.high < a.low):
        return False
    return None


def _not(value: bool | None) -> bool | None:
    return None if value is None else not value


def all_of(values: list[bool | None]) -> bool | None:
    if any(v is False for v in values):
        return False
    return True if all(v is True for v in values) else None


def any_of(values: list[bool | None]) -> bool | None:
    if any(v is True for v in values):
        return True
    return False if all(v is False for v in values) else None

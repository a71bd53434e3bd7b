"""Exact numbers for display and comparison. Nothing here rounds a value the law uses; `show` and
`percent` only format exact fractions for people (rounded half up, marked with ~ when not exact)."""

from __future__ import annotations

from fractions import Fraction


def show(value: Fraction | int, digits: int = 4) -> str:
    """`64081.1` for 640811/10; `15068.2778~` when not exact in `digits` decimals (integer arithmetic only)."""
    if isinstance(value, int):
        return str(value)
    return show_ratio(value.numerator, value.denominator, digits)


def show_ratio(p: int, q: int, digits: int = 4) -> str:
    """`show` of p / q (q > 0), without building a Fraction: the pair need not be in lowest terms."""
    if q == 1:
        return str(p)
    scale = 10**digits
    rounded = (2 * p * scale + q) // (2 * q)  # rounded half up
    sign = "-" if rounded < 0 else ""
    whole, frac = divmod(abs(rounded), scale)
    text = f"{whole}.{frac:0{digits}d}".rstrip("0").rstrip(".")
    return f"{sign}{text}" + ("" if rounded * q == p * scale else "~")


def percent(value: Fraction, digits: int = 2) -> str:
    """A share (a fraction of one) as a percent: Fraction(222005, 1281622) -> `17.32%`."""
    scale = 10**digits
    rounded = (2 * value.numerator * 100 * scale + value.denominator) // (2 * value.denominator)
    whole, frac = divmod(rounded, scale)
    return f"{whole}.{frac:0{digits}d}%"


def fraction_text(value: Fraction | int) -> str:
    """The exact JSON form of a fraction: `"222005/1281622"`, or `"3"` for a whole number."""
    value = Fraction(value)
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"

"""Exact numbers for display and comparison. Nothing here rounds a value the law uses; `show` and
`percent` only format exact fractions for people (rounded half up, marked with ~ when not exact)."""

from __future__ import annotations

from fractions import Fraction


def _round_half_up(value: Fraction, digits: int) -> Fraction:
    scale = 10**digits
    scaled = value * scale
    return Fraction((scaled.numerator * 2 + scaled.denominator) // (scaled.denominator * 2), scale)


def show(value: Fraction | int, digits: int = 4) -> str:
    """`64081.1` for 640811/10; `15068.2778~` when not exact in `digits` decimals."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    rounded = _round_half_up(value, digits)
    sign = "-" if rounded < 0 else ""
    rounded = abs(rounded)
    whole = rounded.numerator // rounded.denominator
    frac = rounded - whole
    text = f"{whole}.{int(frac * 10**digits):0{digits}d}".rstrip("0").rstrip(".")
    return f"{sign}{text}" + ("" if rounded == abs(value) else "~")


def percent(value: Fraction, digits: int = 2) -> str:
    """A share (a fraction of one) as a percent: Fraction(222005, 1281622) -> `17.32%`."""
    rounded = _round_half_up(value * 100, digits)
    whole = rounded.numerator // rounded.denominator
    frac = rounded - whole
    return f"{whole}.{int(frac * 10**digits):0{digits}d}%"


def fraction_text(value: Fraction | int) -> str:
    """The exact JSON form of a fraction: `"222005/1281622"`, or `"3"` for a whole number."""
    value = Fraction(value)
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"

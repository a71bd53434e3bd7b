"""Numbers, percents and dates in the current language, from exact values: never a float.

The digits are those of `ballotlaw.exact` (exact decimals, rounded half up, `~` when not exact); only the
symbols around them follow the language: its decimal sign, its group separator and grouping, its percent pattern
(CLDR, read through Babel), its long date. English is what ballotlaw always printed, byte for byte: numbers
ungrouped in sentences (`number`), grouped with commas in tables (`grouped`), ISO dates.
"""

from __future__ import annotations

import re
from datetime import date as Date
from fractions import Fraction
from functools import cache
from typing import NamedTuple

from .. import exact
from . import DEFAULT_LANGUAGE, current_language

_DECIMAL = re.compile(r"^(-?)(\d+)(?:\.(\d+))?(~?)$")
_WRITTEN_PERCENT = re.compile(r"^(-?\d+(?:\.\d+)?)\s*%$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class Symbols(NamedTuple):
    """What a language writes around the digits of a number (CLDR)."""

    decimal: str
    group: str
    primary: int  # digits in the group nearest the decimal sign
    secondary: int  # digits in each group after it
    percent_prefix: str
    percent_suffix: str
    minus: str


@cache
def symbols(lang: str) -> Symbols:
    """The CLDR number symbols of `lang` (Babel's locale data; loaded only for a language other than English)."""
    from babel import Locale
    from babel.numbers import parse_pattern

    locale = Locale.parse(lang)
    table = locale.number_symbols.get("latn", locale.number_symbols)
    decimal_pattern = parse_pattern(locale.decimal_formats[None].pattern)
    percent_pattern = locale.percent_formats[None].pattern
    prefix, _, rest = percent_pattern.partition("#")
    suffix = rest.lstrip("#,0.")
    primary, secondary = decimal_pattern.grouping
    return Symbols(
        decimal=table["decimal"],
        group=table["group"],
        primary=primary,
        secondary=secondary,
        percent_prefix=prefix.replace("%", table["percentSign"]),
        percent_suffix=suffix.replace("%", table["percentSign"]),
        minus=table["minusSign"],
    )


def _group(digits: str, sym: Symbols) -> str:
    if len(digits) <= sym.primary:
        return digits
    head, tail = digits[: -sym.primary], digits[-sym.primary :]
    groups = [tail]
    while len(head) > sym.secondary:
        groups.append(head[-sym.secondary :])
        head = head[: -sym.secondary]
    groups.append(head)
    return sym.group.join(reversed(groups))


def localise(text: str, lang: str | None = None) -> str:
    """An exact decimal written in English (`-1281622.5~`) in the symbols of `lang` (the current language
    if None); text that is not such a decimal is returned as it is."""
    lang = lang or current_language()
    match = _DECIMAL.match(text)
    if lang == DEFAULT_LANGUAGE or match is None:
        return text
    sym = symbols(lang)
    sign, whole, fraction, approx = match.groups()
    shown = _group(whole, sym) + (sym.decimal + fraction if fraction else "")
    return (sym.minus if sign else "") + shown + approx


def number(value: Fraction | int, digits: int = 4) -> str:
    """A number in a sentence: `exact.show` in English (`64081.1`, `15068.2778~`), localised otherwise."""
    return localise(exact.show(value, digits))


def integer(value: int) -> str:
    """A count in a sentence: `1281622` in English, `1 281 622` (the language's groups) otherwise."""
    return localise(str(value))


def grouped(value: int) -> str:
    """A count in a table: `1,281,622` in English, the language's groups otherwise."""
    lang = current_language()
    return f"{value:,}" if lang == DEFAULT_LANGUAGE else localise(str(value), lang)


def _percent_of(digits_text: str) -> str:
    lang = current_language()
    if lang == DEFAULT_LANGUAGE:
        return f"{digits_text}%"
    sym = symbols(lang)
    return f"{sym.percent_prefix}{localise(digits_text, lang)}{sym.percent_suffix}"


def percent(value: Fraction, digits: int = 2) -> str:
    """A share (a fraction of one) as a percent: `17.32%` in English, `17,32 %` in Russian, `17,32%` in Kyrgyz."""
    return _percent_of(exact.percent(value, digits).removesuffix("%"))


def percent_number(value: Fraction | int, digits: int = 4) -> str:
    """A number of percent (already times 100), exact as `number`: `6.1728~%` in English."""
    return _percent_of(exact.show(value, digits))


def percent_ratio(p: int, q: int, digits: int) -> str:
    """p / q percent, exact to `digits` decimals as `exact.show_ratio`."""
    return _percent_of(exact.show_ratio(p, q, digits))


def written_percent(text: str) -> str:
    """A percent as a rule file writes it (`3.25%`) in the current language; other text unchanged."""
    match = _WRITTEN_PERCENT.match(text)
    if match is None or current_language() == DEFAULT_LANGUAGE:
        return text
    return _percent_of(match.group(1))


def date(text: str) -> str:
    """An ISO date (`2021-11-28`) as the language writes it in full; English, and text that is not a valid ISO
    date, unchanged."""
    lang = current_language()
    match = _ISO_DATE.match(text)
    if lang == DEFAULT_LANGUAGE or match is None:
        return text
    try:
        day = Date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return text
    from babel.dates import format_date

    return format_date(day, format="long", locale=lang)

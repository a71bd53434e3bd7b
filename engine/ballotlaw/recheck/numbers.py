"""Reading the certificate's JSON values: exact numbers, names, lists and objects, each checked for its type.

A value of the wrong shape raises `Malformed`, which the checker reports as a failure of the witness that holds
it; nothing is coerced. Numbers are JSON integers, strings of digits (integers beyond 2^53 - 1, which RFC 8785
cannot write as numbers) or exact fractions `"p/q"`; a float is never accepted.
"""

from __future__ import annotations

import re
from fractions import Fraction

_INTEGER = re.compile(r"-?[0-9]{1,4000}")
_FRACTION = re.compile(r"(-?[0-9]{1,4000})/([0-9]{1,4000})")


class Malformed(ValueError):
    """A witness or a part of the certificate that does not have the form docs/certifying.md gives."""


def number(value: object, what: str) -> Fraction:
    """An exact number: an integer, a string of digits, or `"p/q"` with q > 0."""
    if isinstance(value, bool):
        raise Malformed(f"{what}: a number was expected, not {value!r}")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, str):
        if _INTEGER.fullmatch(value):
            return Fraction(int(value))
        matched = _FRACTION.fullmatch(value)
        if matched and int(matched.group(2)) > 0:
            return Fraction(int(matched.group(1)), int(matched.group(2)))
    raise Malformed(f"{what}: {value!r} is not an exact number")


def whole(value: object, what: str) -> int:
    """A whole number of at least 0 (a count of votes or seats)."""
    found = number(value, what)
    if found.denominator != 1 or found < 0:
        raise Malformed(f"{what}: {value!r} is not a whole number of at least 0")
    return found.numerator


def optional_number(value: object, what: str) -> Fraction | None:
    return None if value is None else number(value, what)


def text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise Malformed(f"{what}: text was expected, not {type(value).__name__}")
    return value


def table(value: object, what: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise Malformed(f"{what}: an object was expected, not {type(value).__name__}")
    return value


def items(value: object, what: str) -> list[object]:
    if not isinstance(value, list):
        raise Malformed(f"{what}: a list was expected, not {type(value).__name__}")
    return value


def names(value: object, what: str) -> list[str]:
    """A list of distinct names."""
    found = [text(item, what) for item in items(value, what)]
    if len(set(found)) != len(found):
        raise Malformed(f"{what}: a name appears twice")
    return found


def field(holder: dict[str, object], key: str, what: str) -> object:
    if key not in holder:
        raise Malformed(f"{what}: `{key}` is missing")
    return holder[key]


def per_name(
    value: object, keys: list[str], what: str, read: type[int] | type[Fraction] = Fraction
) -> dict[str, Fraction]:
    """An object giving a number for exactly the names `keys`."""
    holder = table(value, what)
    if sorted(holder) != sorted(keys):
        raise Malformed(f"{what}: the names do not match the lists of the witness")
    reader = whole if read is int else number
    return {key: Fraction(reader(holder[key], f"{what} of {key}")) for key in keys}


def show(value: Fraction | None) -> str:
    """A number for a message: `3`, `15068 5/18`, or `infinity`."""
    if value is None:
        return "infinity"
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


class J:
    """A JSON object of the certificate, each value read with its type checked (Malformed otherwise)."""

    def __init__(self, value: object, what: str = "an object") -> None:
        self.d, self.what = table(value, what), what

    def __getitem__(self, key: str) -> object:
        return field(self.d, key, self.what)

    def get(self, key: str, default: object = None) -> object:
        return self.d.get(key, default)

    def num(self, key: str) -> Fraction:
        return number(self[key], key)

    def whole(self, key: str) -> int:
        return whole(self[key], key)

    def text(self, key: str) -> str:
        return text(self[key], key)

    def names(self, key: str) -> list[str]:
        return names(self[key], key)

    def per(self, key: str, lists: list[str]) -> dict[str, Fraction]:
        """A number for exactly the names `lists`."""
        return per_name(self[key], lists, key)

    def counts(self, key: str, lists: list[str]) -> dict[str, int]:
        """A whole number for exactly the names `lists`."""
        return {n: int(v) for n, v in per_name(self[key], lists, key, int).items()}

    def obj(self, key: str) -> J:
        return J(self[key], key)

    def objs(self, key: str) -> list[J]:
        return [J(value, key) for value in items(self[key], key)]

    def where(self) -> tuple[object, object]:
        """The contest and unit a witness or a step is of."""
        return self.d.get("contest"), self.d.get("unit")

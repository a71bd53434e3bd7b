"""A base written as a sum or difference of counts (`of valid_votes - none_of_the_above`), as one figure.

The checked model keeps such a base as its text, names joined by ` + ` and ` - ` (a count's name never holds a
space); `combined` reads each count of the unit and adds them up. Published counts give a published figure. A
count not published or absent leaves the figure so, with the bounds its parts give: the most the sum can be is
the most of each part added less the least of each part taken away, and the least the other way round (a
count never below 0). A difference below 0 is no base: the figure is then not published, without bounds."""

from __future__ import annotations

from ..results.model import NOT_PUBLISHED, PUBLISHED, Figure, Results


def is_combined(base: str) -> bool:
    """Whether a base is a sum or difference of counts rather than one count."""
    return " " in base


def terms(base: str) -> list[tuple[int, str]]:
    """The counts of a base with their signs: `a - b + c` -> [(1, a), (-1, b), (1, c)]."""
    words = base.split()
    out = [(1, words[0])]
    for sign, name in zip(words[1::2], words[2::2], strict=True):
        out.append((1 if sign == "+" else -1, name))
    return out


def names(base: str) -> list[str]:
    """The counts a base reads."""
    return [name for _sign, name in terms(base)]


def combined(results: Results, unit: str, base: str) -> Figure:
    """The base's figure in `unit` (see the module's docstring)."""
    parts = [(sign, results.count(unit, name)) for sign, name in terms(base)]
    unknown = next((figure for _sign, figure in parts if not figure.known), None)
    if unknown is None:
        value = sum(sign * (figure.value or 0) for sign, figure in parts)
        return Figure(PUBLISHED, value) if value >= 0 else Figure(NOT_PUBLISHED)
    added = [figure for sign, figure in parts if sign > 0]
    taken = [figure for sign, figure in parts if sign < 0]
    most = None
    if all(figure.upper is not None for figure in added):
        most = sum(figure.upper or 0 for figure in added) - sum(figure.lower for figure in taken)
    least = None
    if all(figure.upper is not None for figure in taken):
        least = max(0, sum(figure.lower for figure in added) - sum(figure.upper or 0 for figure in taken))
    if most is not None and most < 0:
        return Figure(NOT_PUBLISHED)
    return Figure(unknown.status, at_most=most, at_least=least or None)

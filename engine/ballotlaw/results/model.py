"""The results model: units in a tree, counts per unit, votes per selection. Loaded by csv_format.py and
json_format.py; read by evaluate/. A figure is a count, `not published` (with an optional published
bound), or absent - never a silent zero."""

from __future__ import annotations

from fractions import Fraction

from attrs import field, frozen

from ..diagnostics.diagnostic import DataLocation
from .ballots import Ballots

PUBLISHED = "published"
NOT_PUBLISHED = "not published"
ABSENT = "absent"


@frozen
class Figure:
    """One figure of the results."""

    status: str
    value: int | None = None
    at_most: int | None = None
    source: str | None = None
    location: DataLocation | None = field(default=None, eq=False)
    at_least: int | None = None  # a published lower bound of a figure not published

    @property
    def known(self) -> bool:
        return self.status == PUBLISHED

    @property
    def upper(self) -> int | None:
        """The largest value the figure can have, if anything bounds it."""
        return self.value if self.known else self.at_most

    @property
    def lower(self) -> int:
        """The smallest value the figure can have: its value, its published lower bound, or 0."""
        if self.known:
            return self.value or 0
        return self.at_least or 0

    def bounds_text(self) -> str:
        """`at least L, at most H` as the data states them ("" when it states none)."""
        parts = [f"at least {self.at_least}"] if self.at_least is not None else []
        parts += [f"at most {self.at_most}"] if self.at_most is not None else []
        return ", ".join(parts)

    def describe(self) -> str:
        if self.known:
            return str(self.value)
        bounds = self.bounds_text()
        return f"{self.status} ({bounds})" if bounds else self.status

    def to_json(self) -> int | str | dict[str, object]:
        if self.known:
            assert self.value is not None
            return self.value
        if self.at_most is not None or self.at_least is not None:
            found: dict[str, object] = {"status": self.status}
            if self.at_least is not None:
                found["at_least"] = self.at_least
            if self.at_most is not None:
                found["at_most"] = self.at_most
            return found
        return self.status


ABSENT_FIGURE = Figure(ABSENT)


@frozen
class PublishedShare:
    """A percentage as published (e.g. on a results page): exact value and the number of decimals shown."""

    value: Fraction
    decimals: int
    location: DataLocation | None = field(default=None, eq=False)

    @property
    def rounding(self) -> Fraction:
        """The most the displayed figure can differ from the true share: half a unit of its last decimal."""
        return Fraction(1, 2 * 10**self.decimals)


@frozen
class Unit:
    id: str
    level: str
    parent: str | None
    name: str | None = None


@frozen
class Results:
    """Everything a results file says."""

    path: str
    sha256: str
    units: dict[str, Unit]
    counts: dict[tuple[str, str], Figure]
    votes: dict[str, dict[str, Figure]]
    every_selection: dict[str, Figure]
    attributes: dict[tuple[str, str], dict[str, int]]
    sources: dict[str, tuple[str, str]] = field(factory=dict)
    shares: dict[str, dict[str, PublishedShare]] = field(factory=dict)
    ballots: dict[str, Ballots] = field(factory=dict)  # ranked ballots, by unit (results/ballots.py)
    index: dict[str, list[Unit]] = field(factory=dict, init=False, eq=False, repr=False)  # children, by parent
    positions: dict[str, int] = field(factory=dict, init=False, eq=False, repr=False)  # place in the file

    def count(self, unit: str, name: str) -> Figure:
        return self.counts.get((unit, name), ABSENT_FIGURE)

    def vote(self, unit: str, selection: str) -> Figure:
        explicit = self.votes.get(unit, {}).get(selection)
        if explicit is not None:
            return explicit
        return self.every_selection.get(unit, ABSENT_FIGURE)

    def selections(self, unit: str) -> list[str]:
        return list(self.votes.get(unit, {}))

    def _below(self) -> dict[str, list[Unit]]:
        """Each unit's children in file order, built once (a walk per call would make a contest of n
        districts cost n squared)."""
        if not self.positions:
            self.positions.update((u, i) for i, u in enumerate(self.units))
            for candidate in self.units.values():
                if candidate.parent is not None:
                    self.index.setdefault(candidate.parent, []).append(candidate)
        return self.index

    def children(self, unit: str, level: str | None = None) -> list[Unit]:
        return [u for u in self._below().get(unit, []) if level is None or u.level == level]

    def has_children(self, unit: str) -> bool:
        return bool(self._below().get(unit))

    def descendants(self, unit: str, level: str) -> list[Unit]:
        """Units of `level` below `unit`, in file order."""
        below = self._below()
        found: list[Unit] = []
        stack = list(reversed(below.get(unit, [])))
        seen = {unit}  # units in a cycle (refused by the loaders) must not make the walk endless
        while stack:
            candidate = stack.pop()
            if candidate.id in seen:
                continue
            seen.add(candidate.id)
            if candidate.level == level:
                found.append(candidate)
            stack.extend(reversed(below.get(candidate.id, [])))
        if len(found) > 1:
            found.sort(key=lambda u: self.positions[u.id])
        return found

    def root(self, unit: str) -> str:
        """The top ancestor of `unit` in the data (the unit itself when it has no parent here)."""
        seen = {unit}
        while (parent := self.units[unit].parent) is not None and parent in self.units and parent not in seen:
            seen.add(parent)
            unit = parent
        return unit

    def enclosing(self, unit: str, level: str) -> str | None:
        """The unit of `level` that `unit` lies in (itself if of that level; None when the data has none)."""
        seen: set[str] = set()
        current: str | None = unit
        while current is not None and current in self.units and current not in seen:
            if self.units[current].level == level:
                return current
            seen.add(current)
            current = self.units[current].parent
        return None

    def units_of(self, level: str) -> list[Unit]:
        return [u for u in self.units.values() if u.level == level]

    def attribute(self, unit: str, selection: str, name: str) -> int | None:
        return self.attributes.get((unit, selection), {}).get(name)

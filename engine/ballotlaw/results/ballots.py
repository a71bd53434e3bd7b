"""Ranked ballots as data: each distinct ranking of a unit with its number of ballots (docs/contracts.md,
section 8, "Ranked ballots").

In memory a unit's ballots are a `Ballots`: the candidates in the order the file gives them, and a dict from a
ranking to its count. A ranking is a tuple of small ints, one per rank as marked: a candidate's index, `SKIP`
(-1) for a rank left blank before a later mark, `OVERVOTE` (-2) for a rank marked for several candidates;
blank ranks after the last mark are dropped. A repeated candidate stays as marked. Readers aggregate identical
rankings as they go, so a file of a million ballots holds one entry per distinct ranking, never one object per
ballot. What a fault of a ranking does (passed over, exhausts the ballot, invalid) is the law's business
(methods/ranked/common.py); an unknown candidate is a data error here.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import field, frozen

from ..diagnostics.diagnostic import DataLocation, Diagnostic
from ..methods.ranked.common import OVERVOTE, SKIP, Ranking

#: Bounds that keep a hostile file from exhausting time or memory.
MAX_CANDIDATES = 1000
MAX_RANKS = 1000
MAX_DISTINCT = 5_000_000
MAX_TOTAL = 2**63 - 1
#: Problems reported for one file at most; the rest are counted.
MAX_PROBLEMS = 50


@frozen
class Ballots:
    """The ranked ballots of one unit."""

    candidates: tuple[str, ...]
    rankings: dict[Ranking, int] = field(hash=False)
    withdrawn: frozenset[int] = frozenset()
    seats: int | None = None  # as the ballot file says (BLT), checked against the rule file
    title: str | None = None

    @property
    def total(self) -> int:
        return sum(self.rankings.values())

    def first_preferences(self) -> dict[str, int]:
        """Ballots whose first mark is each candidate (before the law's rules for faults)."""
        found = dict.fromkeys(self.candidates, 0)
        for ranking, count in self.rankings.items():
            if ranking and ranking[0] >= 0:
                found[self.candidates[ranking[0]]] += count
        return found

    def ranks_as_names(self, ranking: Ranking) -> list[str | None]:
        """A ranking in the JSON form's words: a name, None for a skip, `*` for an overvote."""
        return [None if r == SKIP else "*" if r == OVERVOTE else self.candidates[r] for r in ranking]


class Tally:
    """Counts rankings as a reader streams them, with the problems found (bounded)."""

    def __init__(self, path: str, candidates: Sequence[str] | None) -> None:
        self.path = path
        self.fixed = candidates is not None
        self.candidates: list[str] = list(candidates or [])
        self.index: dict[str, int] = {name: i for i, name in enumerate(self.candidates)}
        self.rankings: dict[Ranking, int] = {}
        self.total = 0
        self.problems: list[Diagnostic] = []
        self.more_problems = 0

    def fail(self, code: str, where: DataLocation, message: str, hint: str | None = None) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Diagnostic(code=code, message=message, location=where, hint=hint))
        else:
            self.more_problems += 1

    def candidate(self, name: str, where: DataLocation) -> int | None:
        """The index of a named candidate (a new one, when the file does not list its candidates)."""
        found = self.index.get(name)
        if found is not None:
            return found
        if self.fixed:
            self.fail("D141", where, f"`{_shown(name)}` is not a candidate of the ballots", hint=self.known())
            return None
        if not name or len(self.candidates) >= MAX_CANDIDATES:
            self.fail("D143", where, f"more than {MAX_CANDIDATES} candidates" if name else "an empty candidate name")
            return None
        self.index[name] = len(self.candidates)
        self.candidates.append(name)
        return self.index[name]

    def known(self) -> str:
        names = ", ".join(f"`{_shown(c)}`" for c in self.candidates[:10])
        return f"candidates: {names}" + (f" and {len(self.candidates) - 10} more" if len(self.candidates) > 10 else "")

    def add(self, ranking: list[int], count: int, at: DataLocation | int) -> None:
        """Count a ranking's ballots; `at` is where it is (an int: a line of the file)."""
        while ranking and ranking[-1] == SKIP:
            ranking.pop()
        if len(ranking) > MAX_RANKS:
            self.fail("D143", self._at(at), f"a ranking of {len(ranking)} ranks; at most {MAX_RANKS} are read")
            return
        key = tuple(ranking)
        if key not in self.rankings and len(self.rankings) >= MAX_DISTINCT:
            self.fail("D143", self._at(at), f"more than {MAX_DISTINCT:,} distinct rankings")
            return
        self.total += count
        if self.total > MAX_TOTAL:
            self.fail("D142", self._at(at), "the ballots add up to more than 2^63 - 1")
            self.total -= count
            return
        self.rankings[key] = self.rankings.get(key, 0) + count

    def _at(self, at: DataLocation | int) -> DataLocation:
        return DataLocation(self.path, at) if isinstance(at, int) else at

    def finish(self) -> list[Diagnostic]:
        if self.more_problems:
            self.problems.append(
                Diagnostic(
                    code=self.problems[-1].code,
                    message=f"and {self.more_problems} more problems of the same file",
                    location=DataLocation(self.path),
                )
            )
        return self.problems


def weight(raw: str) -> int | None:
    """A number of ballots: a whole number from 1 to 2^63 - 1 (None for anything else)."""
    text = raw.strip()
    if not (text.isascii() and text.isdigit()) or len(text.lstrip("0")) > 19:
        return None
    value = int(text)
    return value if 0 < value <= MAX_TOTAL else None


def _shown(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"

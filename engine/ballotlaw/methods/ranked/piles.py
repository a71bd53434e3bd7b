"""Where every distinct ranking's ballots lie during a count whose values are whole units of the law's last
decimal place (the Scottish rules: five places), as numpy arrays of integers instead of Python objects.

One row per distinct ranking: its preferences (padded with `n`, no candidate), its ballots, the position of the
preference it counts for, the candidate holding it (`n`: exhausted or set aside), its value in units and the
transfer it arrived with (a candidate's parcels are its rows by arrival; the first preferences are transfer 0).
Every figure is an int64 whose bound is checked before the arrays are used (`fits`); no float anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Ints = npt.NDArray[np.int64]

#: Counts of at least this many distinct rankings run on arrays (smaller ones in plain Python, which is faster
#: for them).
ARRAYS_FROM = 256
#: int64 products stay below this bound (a value in units times a count, a value times a scale's numerator).
LIMIT = 2**62
#: Cells of a rankings matrix at most (80 MB): a few very long rankings among many short ones stay in Python.
MAX_CELLS = 10_000_000


def fits(groups: Sequence[tuple[tuple[int, ...], int]], unit: int) -> bool:
    """Whether a count of `groups` in units of 1/`unit` stays within int64 (else the exact Python path): a
    value times a value, and the units of all ballots times a value, below 2^62; and its matrix is small."""
    total: int = sum(map(itemgetter(1), groups))
    return total * unit < LIMIT and unit * unit < LIMIT and _small(list(map(itemgetter(0), groups)))


def _small(rankings: Sequence[tuple[int, ...]]) -> bool:
    return not rankings or len(rankings) * (max(map(len, rankings)) + 1) <= MAX_CELLS


def padded(rankings: Sequence[tuple[int, ...]], fill: int) -> tuple[Ints, Ints]:
    """The rankings as one row each of a matrix one column wider than the longest (`fill` after the marks),
    and their lengths."""
    import numpy as np

    size = len(rankings)
    lengths = np.fromiter(map(len, rankings), dtype=np.int64, count=size)
    width = int(lengths.max()) if size else 0
    matrix = np.full((size, width + 1), fill, dtype=np.int64)
    filled = int(lengths.sum())
    flat = np.fromiter(chain.from_iterable(rankings), dtype=np.int64, count=filled)
    rows = np.repeat(np.arange(size, dtype=np.int64), lengths)
    starts = np.cumsum(lengths) - lengths
    matrix[rows, np.arange(filled, dtype=np.int64) - np.repeat(starts, lengths)] = flat
    return matrix, lengths


def all_clean(rankings: Sequence[tuple[int, ...]]) -> bool:
    """Whether every ranking marks at least one candidate, no skip or overvote, no candidate twice (False also
    where the matrix would be too large to check at once)."""
    import numpy as np

    if not rankings:
        return True
    if not _small(rankings):
        return False  # not known: the rankings are checked one by one
    matrix, lengths = padded(rankings, -1)
    if not lengths.all() or (matrix[:, :-1] < -1).any():
        return False
    width = matrix.shape[1]
    pad = -3 - np.arange(width, dtype=np.int64)  # distinct per column, below every mark
    columns = np.arange(width, dtype=np.int64)
    marks = np.where(columns < lengths[:, None], matrix, pad)
    if (marks == -1).any():
        return False
    ordered = np.sort(marks, axis=1)
    return not bool((ordered[:, 1:] == ordered[:, :-1]).any())


class Piles:
    """The rankings' rows and their state; `continuing` is shared with the count and read at each move."""

    def __init__(
        self, groups: Sequence[tuple[tuple[int, ...], int]], n: int, continuing: list[bool], unit: int
    ) -> None:
        import numpy as np

        self.np = np
        self.n = n
        self.unit = unit
        self.continuing = continuing
        size = len(groups)
        self.prefs, _ = padded(list(map(itemgetter(0), groups)), n)
        self.width = self.prefs.shape[1] - 1
        self.counts = np.fromiter(map(itemgetter(1), groups), dtype=np.int64, count=size)
        self.position = np.full(size, -1, dtype=np.int64)
        self.holder = np.full(size, n, dtype=np.int64)
        self.value = np.full(size, unit, dtype=np.int64)
        self.arrival = np.zeros(size, dtype=np.int64)
        self.transfers = 0

    def _advance(self, rows: Ints) -> tuple[Ints, Ints]:
        """The next continuing preference's position and candidate of each row (`n` where none is left)."""
        np = self.np
        live = np.array([*self.continuing, False])
        position = self.position[rows] + 1
        for _ in range(self.width + 1):
            held = self.prefs[rows, position]
            passed = (position < self.width) & ~live[held]
            if not passed.any():
                break
            position += passed
        return position, self.prefs[rows, position]

    def start(self) -> tuple[list[int], int]:
        """Place every ballot with its first continuing preference -> ballots per candidate, ballots exhausted."""
        moved, exhausted = self.move(
            self.np.arange(len(self.counts), dtype=self.np.int64), self.value.copy(), first=True
        )
        return [m // self.unit for m in moved], exhausted // self.unit

    def held(self, candidates: Sequence[int]) -> Ints:
        """The rows the candidates hold."""
        np = self.np
        if len(candidates) == 1:
            rows: Ints = np.flatnonzero(self.holder == candidates[0])
        else:
            rows = np.flatnonzero(np.isin(self.holder, np.array(candidates, dtype=np.int64)))
        return rows

    def last_parcel(self, candidate: int) -> Ints:
        """The rows of the last parcel the candidate received."""
        rows = self.held([candidate])
        if not len(rows):
            return rows
        arrival = self.arrival[rows]
        last: Ints = rows[arrival == arrival.max()]
        return last

    def movable(self, rows: Ints) -> Ints:
        """Those of `rows` with a later continuing preference."""
        _, target = self._advance(rows)
        found: Ints = rows[target < self.n]
        return found

    def worth(self, rows: Ints) -> int:
        """The units the rows carry (their values times their ballots)."""
        return int((self.value[rows] * self.counts[rows]).sum())

    def scaled(self, rows: Ints, top: int, bottom: int, up: bool) -> Ints:
        """The rows' values times top / bottom, in whole units, rounded down (or up)."""
        np = self.np
        values = self.value[rows]
        scaled: Ints
        if top * self.unit < LIMIT:
            product = values * top
            scaled = -((-product) // bottom) if up else product // bottom
        else:
            exact = [-((-int(v) * top) // bottom) if up else int(v) * top // bottom for v in values]
            scaled = np.array(exact, dtype=np.int64)
        return scaled

    def values(self, rows: Ints) -> Ints:
        """A copy of the rows' values."""
        copied: Ints = self.value[rows].copy()
        return copied

    def move(self, rows: Ints, values: Ints, first: bool = False) -> tuple[list[int], int]:
        """Pass `rows` at `values` (units) to their next continuing preferences -> units moved to each
        candidate, units exhausted."""
        np = self.np
        position, target = self._advance(rows)
        worth = values * self.counts[rows]
        gone = target == self.n
        exhausted = int(worth[gone].sum())
        moved: Any = np.zeros(self.n + 1, dtype=np.int64)
        np.add.at(moved, target, worth)
        if not first:
            self.transfers += 1
        self.position[rows] = position
        self.holder[rows] = target
        self.value[rows] = values
        self.arrival[rows] = self.transfers
        return [int(m) for m in moved[: self.n]], exhausted


class Rows:
    """Meek's distribution over the rankings' rows: each ballot gives each candidate in its order its remaining
    weight times the candidate's keep value (in units, rounded down) and keeps the rest for the next."""

    def __init__(self, groups: Sequence[tuple[tuple[int, ...], int]], n: int) -> None:
        import numpy as np

        self.np = np
        self.n = n
        self.prefs, _ = padded(list(map(itemgetter(0), groups)), n)
        self.columns = np.ascontiguousarray(self.prefs.T)
        self.counts = np.fromiter(map(itemgetter(1), groups), dtype=np.int64, count=len(groups))

    def distribute(self, keep: Sequence[int], scale: int) -> tuple[list[int], int]:
        """Votes in units of each candidate under the keep values, and the units left after the last
        preferences (the excess)."""
        np = self.np
        kept = np.array([*keep, 0], dtype=np.int64)
        weight = np.full(len(self.counts), scale, dtype=np.int64)
        given = np.empty(self.columns.shape, dtype=np.int64)
        for column, candidates in enumerate(self.columns):
            part = weight * kept[candidates] // scale
            weight -= part
            given[column] = part * self.counts
        votes: Any = np.zeros(self.n + 1, dtype=np.int64)
        np.add.at(votes, self.columns.ravel(), given.ravel())
        return [int(v) for v in votes[: self.n]], int((weight * self.counts).sum())

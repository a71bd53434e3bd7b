"""`Deferred`: a tuple whose items are built when it is first read.

Evaluation keeps what a plain unit decided as one record (evaluate/plain.py) and builds the unit's outcome and
its steps from it only when someone reads them: `ballotlaw run` reads every unit and no step, a benchmark or a
property test may read neither. A `Deferred` behaves as the tuple it stands for: length (known without building),
indexing, slicing, iteration, equality with tuples and other `Deferred`s, hashing, `repr` and `+`.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar, overload

T = TypeVar("T")

#: Held while a `Deferred` builds its items, so that two threads reading one outcome build it once.
_BUILDING = threading.RLock()


class Pending:
    """A record that stands for items a `Deferred` builds when first read."""

    __slots__ = ()


class Deferred(Sequence[T]):
    """The items of `parts`, where each `Pending` part stands for the items `expand` builds from it."""

    __slots__ = ("_expand", "_items", "_length", "_parts")

    def __init__(self, parts: list[Any], length: int, expand: Callable[[Any], Sequence[T]]) -> None:
        self._parts: list[Any] | None = parts
        self._length = length
        self._expand = expand
        self._items: tuple[T, ...] | None = None

    def items(self) -> tuple[T, ...]:
        """The items as a tuple (built on the first call, once, whichever thread calls)."""
        items = self._items
        if items is None:
            with _BUILDING:
                if self._items is None:
                    self._items = self._build()
                    self._parts = None
                items = self._items
        return items

    def _build(self) -> tuple[T, ...]:
        assert self._parts is not None
        built: list[T] = []
        running = gc.isenabled()  # paused while building, as in evaluate(): many small records, no cycles
        if running:
            gc.disable()
        try:
            for part in self._parts:
                if isinstance(part, Pending):
                    built.extend(self._expand(part))
                else:
                    built.append(part)
        finally:
            if running:
                gc.enable()
        assert len(built) == self._length, "a pending part built another number of items than it stands for"
        return tuple(built)

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        return self.items()[index]

    def __iter__(self) -> Iterator[T]:
        return iter(self.items())

    def __contains__(self, item: object) -> bool:
        return item in self.items()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Deferred):
            return self.items() == other.items()
        if isinstance(other, tuple):
            return self.items() == other
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self.items())

    def __repr__(self) -> str:
        return repr(self.items())

    def __add__(self, other: Sequence[T]) -> tuple[T, ...]:
        return self.items() + tuple(other)

    def __radd__(self, other: Sequence[T]) -> tuple[T, ...]:
        return tuple(other) + self.items()

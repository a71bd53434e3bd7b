"""`frozen`: attrs' frozen classes, with `__repr__`, `__eq__`, `__ne__` and `__hash__` shared by all of them.

attrs writes and compiles the source of these methods for every class it builds, which is most of the cost of
defining a class; the package defines some 400 classes, all of them at start-up. Here attrs builds `__init__` and
the slots, and the four methods are plain functions that read the class's fields (`__attrs_attrs__`) once, on
first use. They behave as the generated ones: the same text (`Name(field=value, ...)`, fields with `repr=False`
left out, a field's own repr function used, `...` for an object inside its own repr), equality only between
instances of the same class over the fields with `eq` set (with their `eq_key`), and a hash over the fields
with `hash` set (or `eq` where `hash` is unset), so that equal records hash alike. tests/test_records.py
compares them with attrs' own.

A class that defines one of the four methods itself, an exception class, or a call with options other than
`kw_only` is built by attrs unchanged.
"""

from __future__ import annotations

import operator
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

__all__ = ["frozen"]

_SHARED = ("__repr__", "__eq__", "__ne__", "__hash__")
_OPTIONS = frozenset({"kw_only"})


class _Plan:
    """What the shared methods of one class read: computed from its fields on first use."""

    __slots__ = ("eq", "eq_keys", "hash", "hash_keys", "marker", "repr")

    def __init__(self, cls: type) -> None:
        fields = attrs.fields(cls)
        eq_fields = [a for a in fields if a.eq]
        hash_fields = [a for a in fields if a.hash is True or (a.hash is None and a.eq is True)]
        self.eq = _getter([a.name for a in eq_fields])
        self.eq_keys = tuple(a.eq_key for a in eq_fields)
        self.hash = _getter([a.name for a in hash_fields])
        self.hash_keys = tuple(a.eq_key for a in hash_fields)
        self.marker = hash((cls.__module__, cls.__qualname__, id(cls)))
        self.repr: tuple[tuple[str, Callable[[Any], str], bool], ...] = tuple(
            (a.name, repr if a.repr is True else a.repr, a.init) for a in fields if a.repr is not False
        )


def _getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The values of `names` as a tuple, in their order."""
    if not names:
        return lambda _instance: ()
    if len(names) == 1:
        (name,) = names
        return lambda instance: (getattr(instance, name),)
    return operator.attrgetter(*names)


_PLANS: dict[type, _Plan] = {}
_REPRING = threading.local()


def _plan(cls: type) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _Plan(cls)
    return plan


def _keyed(values: tuple[Any, ...], keys: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(value if key is None else key(value) for value, key in zip(values, keys, strict=True))


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    plan = _plan(self.__class__)
    mine, theirs = plan.eq(self), plan.eq(other)
    if any(key is not None for key in plan.eq_keys):
        mine, theirs = _keyed(mine, plan.eq_keys), _keyed(theirs, plan.eq_keys)
    return all(map(operator.eq, mine, theirs))


def _ne(self: Any, other: Any) -> Any:
    result = self.__eq__(other)
    if result is NotImplemented:
        return NotImplemented
    return not result


def _hash(self: Any) -> int:
    plan = _plan(self.__class__)
    values = plan.hash(self)
    if any(key is not None for key in plan.hash_keys):
        values = _keyed(values, plan.hash_keys)
    return hash((plan.marker, *values))


def _repr(self: Any) -> str:
    seen: set[int] | None = getattr(_REPRING, "seen", None)
    if seen is None:
        seen = _REPRING.seen = set()
    if id(self) in seen:
        return "..."
    seen.add(id(self))
    try:
        parts = []
        for name, show, init in _plan(self.__class__).repr:
            value = getattr(self, name) if init else getattr(self, name, attrs.NOTHING)
            parts.append(f"{name}={value!r}" if show is repr else f"{name}={show(value)}")
        return f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}({', '.join(parts)})"
    finally:
        seen.discard(id(self))


def _build(cls: type, options: dict[str, Any]) -> type:
    if issubclass(cls, BaseException) or any(name in cls.__dict__ for name in _SHARED):
        return attrs.frozen(cls, **options)  # type: ignore[no-any-return]
    built: type = attrs.frozen(cls, repr=False, eq=False, **options)
    built.__repr__ = _repr  # type: ignore[assignment]
    built.__eq__ = _eq  # type: ignore[assignment]
    built.__ne__ = _ne  # type: ignore[assignment]
    built.__hash__ = _hash  # type: ignore[assignment]
    return built


def _frozen(maybe_cls: type | None = None, **options: Any) -> Any:
    """attrs.frozen, with the four shared methods where the options allow (see the module's docstring)."""
    if not options.keys() <= _OPTIONS:
        return attrs.frozen(maybe_cls, **options)
    if maybe_cls is None:
        return lambda cls: _build(cls, options)
    return _build(maybe_cls, options)


if TYPE_CHECKING:  # type checkers (and attrs' mypy plugin) see attrs' own decorator
    from attrs import frozen as frozen
else:
    frozen = _frozen

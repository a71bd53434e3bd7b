"""records.frozen: the shared `__repr__`, `__eq__`, `__ne__` and `__hash__` behave as the methods attrs generates
(the same text, the same equalities, equal records hashing alike), and are used where they can be."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import attrs
import pytest

from ballotlaw import records


def _pair(kw_only: bool = False) -> tuple[Any, Any]:
    """The same class body built by attrs and by records.frozen."""

    def body() -> type:
        class Sample:
            name: str
            share: Fraction
            parts: tuple[Any, ...] = ()
            hidden: int = attrs.field(default=0, repr=False)
            note: str = attrs.field(default="", eq=False)
            folded: str = attrs.field(default="A", eq=str.lower)
            shown: int = attrs.field(default=7, repr=lambda value: f"<{value}>")

        return Sample

    return attrs.frozen(body(), kw_only=kw_only), records.frozen(body(), kw_only=kw_only)


CASES: list[dict[str, Any]] = [
    {"name": "a", "share": Fraction(1, 3)},
    {"name": "a", "share": Fraction(1, 3), "hidden": 5},
    {"name": "a", "share": Fraction(1, 3), "note": "other"},
    {"name": "a", "share": Fraction(1, 3), "folded": "a"},
    {"name": "a", "share": Fraction(2, 3)},
    {"name": "b", "share": Fraction(1, 3), "parts": ("x", Fraction(1, 2)), "shown": 9},
    {"name": "ÿ 'quoted'\n", "share": Fraction(0)},
]


@pytest.mark.parametrize("kw_only", [False, True])
def test_the_shared_methods_agree_with_attrs(kw_only: bool) -> None:
    generated, shared = _pair(kw_only)
    assert shared.__repr__ is records._repr and generated.__repr__ is not records._repr
    for left in CASES:
        assert repr(shared(**left)) == repr(generated(**left))
        for right in CASES:
            same = generated(**left) == generated(**right)
            assert (shared(**left) == shared(**right)) is same
            assert (shared(**left) != shared(**right)) is (generated(**left) != generated(**right))
            if same:
                assert hash(shared(**left)) == hash(shared(**right))
    assert shared(**CASES[0]) != generated(**CASES[0])  # another class: never equal, as with attrs
    assert shared(**CASES[0]).__eq__(CASES[0]) is NotImplemented
    assert len({shared(**case) for case in CASES}) == len({generated(**case) for case in CASES})


def test_nesting_and_a_record_inside_itself() -> None:
    generated, shared = _pair()
    inner_g, inner_s = generated(name="i", share=Fraction(1)), shared(name="i", share=Fraction(1))
    outer_g = generated(name="o", share=Fraction(2), parts=(inner_g, [inner_g]))
    outer_s = shared(name="o", share=Fraction(2), parts=(inner_s, [inner_s]))
    assert repr(outer_s) == repr(outer_g)
    loop_g: list[Any] = []
    loop_s: list[Any] = []
    cyclic_g = generated(name="c", share=Fraction(1), parts=(loop_g,))
    cyclic_s = shared(name="c", share=Fraction(1), parts=(loop_s,))
    loop_g.append(cyclic_g)
    loop_s.append(cyclic_s)
    assert repr(cyclic_s) == repr(cyclic_g)
    assert "..." in repr(cyclic_s)


def test_a_subclass_adds_its_fields() -> None:
    @records.frozen
    class Base:
        a: int

    @records.frozen
    class Child(Base):
        b: int

    assert repr(Child(1, 2)) == "Child(a=1, b=2)"
    assert Child(1, 2) != Child(1, 3)
    assert Base(1) != Child(1, 2)
    assert hash(Child(1, 2)) == hash(Child(1, 2))


def test_what_attrs_builds_unchanged() -> None:
    """Other options, a class with its own method, and exceptions are left to attrs."""

    @records.frozen(eq=False)
    class Identity:
        a: int

    assert Identity(1) != Identity(1)

    @records.frozen
    class Own:
        a: int

        def __repr__(self) -> str:
            return "own"

    assert repr(Own(1)) == "own" and Own.__eq__ is not records._eq

    @records.frozen
    class Failure(Exception):
        a: int

    assert Failure.__eq__ is not records._eq


def test_the_package_uses_them() -> None:
    """The classes of the syntax tree, the model, the facts and the outcome share the methods."""
    from ballotlaw import model, outcome
    from ballotlaw.facts import allocation, contest, qualifying, ranked
    from ballotlaw.syntax import ast

    for module in (ast, model, outcome, allocation, contest, qualifying, ranked):
        built = [c for c in vars(module).values() if attrs.has(c) and c.__module__ == module.__name__]
        assert built, module.__name__
        assert all(c.__repr__ is records._repr and c.__hash__ is records._hash for c in built), module.__name__

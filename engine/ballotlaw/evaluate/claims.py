"""Seats owed to lists placed in units by their claims there (the Czech second scrutiny's seats by the lists'
remainders, Norway's levelling seats by their quotients): the (unit, list) pairs from the highest claim down,
each taking a seat while its list is owed one and its unit has one free; in turns, so that a list owed more
seats than the units where it has a claim takes a second seat in the next turn. Equal claims competing for
fewer seats are never ordered: the placing stops and says so."""

from __future__ import annotations

from fractions import Fraction

from attrs import frozen

Pair = tuple[str, str]  # (unit, list)


@frozen
class Placed:
    seats: dict[Pair, int]  # in the order placed
    tie: tuple[Fraction, tuple[Pair, ...]] | None  # equal claims for fewer seats: the claim and the pairs
    short: tuple[str, ...]  # lists still owed a seat that no unit with room has a claim of


def place_by_claims(claims: dict[Pair, Fraction], owed: dict[str, int], free: dict[str, int]) -> Placed:
    """`claims` in the order that names them (units, then lists); `owed` and `free` are not changed."""
    owed, free = dict(owed), dict(free)
    groups: dict[Fraction, list[Pair]] = {}
    for pair in sorted(claims, key=lambda pair: -claims[pair]):
        groups.setdefault(claims[pair], []).append(pair)
    placed: dict[Pair, int] = {}
    while any(owed.values()):
        before = sum(owed.values())
        for value, group in groups.items():
            live = [(u, n) for u, n in group if owed.get(n, 0) > 0 and free[u] > 0]
            per_list = {n: sum(1 for _u, m in live if m == n) for _u, n in live}
            per_unit = {u: sum(1 for v, _n in live if v == u) for u, _n in live}
            if any(k > owed[n] for n, k in per_list.items()) or any(k > free[u] for u, k in per_unit.items()):
                return Placed(placed, (value, tuple(live)), ())
            for unit, name in live:
                placed[(unit, name)] = placed.get((unit, name), 0) + 1
                owed[name] -= 1
                free[unit] -= 1
        if sum(owed.values()) == before:
            break
    return Placed(placed, None, tuple(n for n, k in owed.items() if k))

"""Clauses of who competes and for how many seats: `lists compete in ...`, `seats N`, seats per unit, seats
apportioned to units."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model
from ..methods.kernels import QuotaMethod
from ..syntax import ast
from .allocation import known_method

if TYPE_CHECKING:
    from .contest import ContestChecker
    from .registry import Rules


def compete(cc: ContestChecker, body: ast.Compete, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    """The competitors and level are read before the other clauses (ContestChecker.check)."""
    return {"compete": provenance}


def seats(cc: ContestChecker, body: ast.Seats, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    number = cc.c.whole_number(body.number, "a number of seats")
    if number is not None and number <= 0:
        cc.c.fail(
            "E213",
            body.number.span,
            "a contest must have at least one seat",
            hint="write the number of seats the law gives, e.g. `seats 54`",
        )
        return {}
    return {} if number is None else {"seats": number, "seats_provenance": provenance}


def seats_by_unit(cc: ContestChecker, body: ast.SeatsByUnit, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    table: dict[str, int] = {}
    for number, place in body.entries:
        count = cc.c.whole_number(number, "a number of seats")
        if count is not None and count <= 0:
            cc.c.fail("E213", number.span, "a unit must have at least one seat", hint='e.g. `12 in "North"`')
            continue
        if place.text in table:
            cc.c.fail(
                "E401",
                place.span,
                f"the seats of `{place.text}` are given twice",
                hint="give each unit of competition its number of seats once",
            )
            continue
        if count is not None:
            table[place.text] = count
    return {"seats_by_unit": table, "seats": sum(table.values()), "seats_provenance": provenance}


def seats_apportioned(
    cc: ContestChecker, body: ast.SeatsApportioned, clause: ast.Clause, provenance: model.Provenance
) -> Rules:
    number = cc.c.whole_number(body.number, "a number of seats")
    method = known_method(cc, body.method)
    count = cc.c.known_count(body.base)
    if cc.c.known_level(body.level) and body.level.text != cc.level:
        cc.c.fail(
            "E406",
            body.level.span,
            f"the seats are apportioned to the units the contest is decided in (`{cc.level}`), "
            f"not to `{body.level.text}`",
            hint=f"write `apportioned to every {cc.level} by ...`",
        )
    elif isinstance(method, QuotaMethod) and method.leftover == "none":
        cc.c.fail(
            "E204",
            body.method.span,
            f"`{body.method.phrase}` leaves seats over: every seat of the house must go to a unit",
            hint="use a method that gives every seat, e.g. `hare quota and largest remainders`",
        )
    elif number is not None and number > 0 and method is not None and count is not None:
        cc.c.count_on_level(body.base, count, body.level.text)
        return {"seats": number, "seats_provenance": provenance, "apportioned": (body.base.text, method, provenance)}
    return {}

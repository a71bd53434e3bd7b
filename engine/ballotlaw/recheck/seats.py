"""Seats from witnesses: one round of an allocation, a tie broken by the law's rule, a cap, and the composition
of a unit's rounds into the seats its outcome states."""

from __future__ import annotations

from fractions import Fraction

from .methods import Divisors, Quota, QuotaWitness, Round, check_divisors, check_quota, method_named
from .numbers import Malformed, field, items, names, number, per_name, table, text, whole

#: Tie-rule keys and the attribute each compares (lower first), or `more votes` (higher first).
TIE_KEYS = ("more votes", "ballot order", "earlier registration", "older candidate", "lot")


def _level(witness: dict[str, object], key_plain: str, squared: bool) -> Fraction | None:
    """The level of a divisor witness, squared: `divisor` D (D^2 is used) or `divisor_squared`; null is infinite."""
    if squared:
        value = field(witness, "divisor_squared", "the witness")
        return None if value is None else number(value, "divisor_squared")
    value = field(witness, key_plain, "the witness")
    if value is None:
        return None
    level = number(value, key_plain)
    return level * level


def read_round(witness: dict[str, object]) -> tuple[Divisors | Quota, Round, list[str]]:
    """Check one allocation witness; the method, the round it states, and the problems found."""
    method = method_named(text(field(witness, "method", "allocation"), "method"))
    lists = names(field(witness, "lists", "allocation"), "lists")
    votes = per_name(field(witness, "votes", "allocation"), lists, "votes")
    result = {n: int(v) for n, v in per_name(field(witness, "result", "allocation"), lists, "result", int).items()}
    tied = names(field(witness, "tied", "allocation"), "tied")
    tied_seats = int(number(field(witness, "tied_seats", "allocation"), "tied_seats"))
    round_ = Round(lists, votes, whole(field(witness, "seats", "allocation"), "seats"), result, tied, tied_seats)
    if isinstance(method, Divisors):
        held_value = witness.get("held")
        held = {} if held_value is None else {n: int(v) for n, v in per_name(held_value, lists, "held", int).items()}
        level2 = _level(witness, "divisor", method.kind == "geometric")
        return method, round_, check_divisors(method, round_, held, level2)
    quota_value = field(witness, "quota", "allocation")
    stated = QuotaWitness(
        total=number(field(witness, "total", "allocation"), "total"),
        quota=None if quota_value is None else number(quota_value, "quota"),
        full={n: int(v) for n, v in per_name(field(witness, "full_quotas", "allocation"), lists, "", int).items()}
        if quota_value is not None
        else {},
        remainders=per_name(field(witness, "remainders", "allocation"), lists, "remainders")
        if quota_value is not None
        else {},
        order=names(field(witness, "order", "allocation"), "order"),
        level2=_level(witness, "divisor", False) if method.leftover == "highest averages" else None,
    )
    return method, round_, check_quota(method, round_, stated)


def _attribute(values: dict[str, object], key: str, selection: str) -> int | None:
    value = values.get(key)
    return None if value is None else whole(value, f"{key} of {selection}")


def check_tie(witness: dict[str, object]) -> tuple[list[str], list[str], int, list[str]]:
    """Apply the law's tie rule as the witness states it (each tied selection's votes, ballot number,
    registration order, age order, published lot); the winners, what stays tied, seats left, and problems."""
    tied = names(field(witness, "tied", "tie"), "tied")
    seats = whole(field(witness, "seats", "tie"), "seats")
    rule_value = field(witness, "rule", "tie")
    rule = None if rule_value is None else names(rule_value, "rule")
    if rule is not None and any(key not in TIE_KEYS for key in rule):
        raise Malformed("tie: a key of the rule is not one the law's tie rules have")
    values = {s: table(v, f"values of {s}") for s, v in table(field(witness, "values", "tie"), "values").items()}
    if sorted(values) != sorted(tied):
        raise Malformed("tie: the values do not name exactly the tied selections")
    winners, still, left = _break(tied, seats, rule, values)
    problems = []
    if names(field(witness, "winners", "tie"), "winners") != winners:
        problems.append(f"the tie rule gives the seat(s) to {', '.join(winners) or 'no one'}, not as stated")
    if sorted(names(field(witness, "still_tied", "tie"), "still_tied")) != sorted(still) or whole(
        field(witness, "seats_left", "tie"), "seats_left"
    ) != (left if still else 0):
        problems.append("what stays tied is not what the tie rule leaves")
    return winners, still, left if still else 0, problems


def _draw(group: list[str], seats: int, values: dict[str, dict[str, object]]) -> list[str] | None:
    lots = {s: _attribute(values[s], "lot", s) for s in group}
    known = {s: v for s, v in lots.items() if v is not None}
    if len(known) != len(group):
        return None
    return sorted(group, key=lambda s: (known[s], s))[:seats]


def _break(
    tied: list[str], seats: int, rule: list[str] | None, values: dict[str, dict[str, object]]
) -> tuple[list[str], list[str], int]:
    winners: list[str] = []
    group = list(tied)
    if rule is None:
        drawn = _draw(group, seats, values)
        return (drawn, [], 0) if drawn is not None else ([], group, seats)
    for key in rule:
        if key == "lot":
            drawn = _draw(group, seats, values)
            return (winners + drawn, [], 0) if drawn is not None else (winners, group, seats)
        ranks: dict[str, int | None] = {s: _attribute(values[s], key, s) for s in group}
        if any(v is None for v in ranks.values()):
            return winners, group, seats
        known = {s: (-v if key == "more votes" else v) for s, v in ranks.items() if v is not None}
        following: list[str] = []
        for value in sorted(set(known.values())):
            members = [s for s in group if known[s] == value]
            if len(members) <= seats:
                winners.extend(members)
                seats -= len(members)
                continue
            following = members
            break
        if seats == 0 or not following:
            return winners, [], 0
        group = following
    return winners, group, seats


class Composition:
    """The seats of one unit built up stage by stage, as the engine's allocation does: a round, a tie broken,
    a cap that holds lists at their limit (the others sharing the seats left again)."""

    def __init__(self, house: int) -> None:
        self.remaining = house
        self.active: list[str] | None = None
        self.given: dict[str, int] = {}
        self.held: dict[str, int] = {}
        self.pending: tuple[list[str], int] | None = None
        self.unresolved: tuple[list[str], int] = ([], 0)
        self.done = False
        self.first_lists: list[str] = []

    def allocation(self, round_: Round) -> list[str]:
        if self.done:
            return ["a round after the seats were settled"]
        problems = []
        if self.active is None:
            self.active, self.first_lists = list(round_.lists), list(round_.lists)
        elif sorted(round_.lists) != sorted(self.active):
            problems.append("the round is not among the lists left after the cap")
        if round_.seats != self.remaining:
            problems.append(f"the round allocates {round_.seats} seat(s), not the {self.remaining} left")
        self.given = dict(round_.result)
        self.pending = (round_.tied, round_.tied_seats) if round_.tied else None
        self.unresolved = (round_.tied, round_.tied_seats) if round_.tied_seats < 0 else ([], 0)
        return problems

    def tie(self, witness: dict[str, object]) -> list[str]:
        tied = names(field(witness, "tied", "tie"), "tied")
        seats = whole(field(witness, "seats", "tie"), "seats")
        if self.pending is None or sorted(tied) != sorted(self.pending[0]):
            return ["the tie is not the one the round before it left"]
        pending_seats, self.pending = self.pending[1], None
        if pending_seats < 0:  # seats to take back from equal remainders: no tie rule covers it; a lot decides
            return [] if seats == -pending_seats else ["the seats to take back are not those the round leaves"]
        if seats != pending_seats:
            return ["the tie is not for the seats the round before it left"]
        winners, still, left, problems = check_tie(witness)
        for name in winners:
            self.given[name] += 1
        self.unresolved = (still, left)
        return problems

    def cap(self, witness: dict[str, object]) -> list[str]:
        if self.active is None or self.done:
            return ["a cap with no round before it"]
        limits_value = table(field(witness, "limits", "cap"), "limits")
        if sorted(limits_value) != sorted(self.active):
            raise Malformed("cap: the limits do not name the lists of the round")
        limits = {n: None if v is None else whole(v, f"limit of {n}") for n, v in limits_value.items()}
        result = text(field(witness, "result", "cap"), "result")
        over = {n: lim for n, lim in limits.items() if lim is not None and self.given.get(n, 0) > lim}
        if result == "passed":
            self.held.update({n: self.given.get(n, 0) for n in self.active})
            self.done = True
            return [f"{', '.join(over)} have more seats than the cap allows"] if over else []
        if result != "binding" or not over:
            return ["the cap is stated as binding, but no list has more seats than it allows"]
        self.held.update({n: int(lim) for n, lim in over.items()})
        self.active = [n for n in self.active if n not in over]
        self.remaining -= sum(over.values())
        if not (field(witness, "redistribute", "cap") is True and self.active and self.remaining > 0):
            self.held.update({n: self.given.get(n, 0) for n in self.active})
            self.done = True
        return []

    def final(self) -> dict[str, int]:
        if self.done:
            return dict(self.held)
        return {**self.held, **{n: self.given.get(n, 0) for n in self.active or []}}


def compose(
    witness: dict[str, object], house: int, step_of: dict[int, dict[str, object]]
) -> tuple[Composition, list[str]]:
    """Run the stages of a `seats` witness; problems are named by stage and step."""
    composition = Composition(house)
    problems: list[str] = []
    for index, value in enumerate(items(field(witness, "stages", "seats"), "stages")):
        stage = table(value, "stage")
        kind = text(field(stage, "stage", "stage"), "stage")
        steps = [whole(n, "step") for n in items(field(stage, "steps", "stage"), "steps")]
        where = f"stage {index + 1} ({kind}, step {', '.join(map(str, steps))}): "
        for n in steps:
            if n not in step_of or step_of[n].get("kind") != kind:
                problems.append(f"{where}step {n} of the trace is not a {kind} step of this unit")
        if kind == "allocation":
            _method, round_, found = read_round(stage)
            found += composition.allocation(round_)
        elif kind == "tie":
            found = composition.tie(stage)
        elif kind == "cap":
            found = composition.cap(stage)
        else:
            raise Malformed(f"stage {index + 1}: `{kind}` is not a stage the checker composes")
        problems.extend(where + p for p in found)
    if composition.pending is not None:
        problems.append("a round leaves a tie that no stage breaks")
    return composition, problems

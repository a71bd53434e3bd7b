"""Seats from witnesses: one round of an allocation, a tie broken by the law's rule, and the composition of a
unit's stages (a bonus or constituency seats taken first, rounds, agreements and joint lists, ties, a reserved
seat, a cap) into the seats its outcome states."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from .methods import Divisors, Quota, QuotaWitness, Round, check_divisors, check_quota, method_named
from .numbers import J, Malformed, items, names, whole

#: Tie-rule keys besides `lot`, and the attribute each compares (lower first), or the votes; the first two rank the
#: highest first (`more votes`; `younger candidate`, the age order's last), `fewer votes` the lowest.
HIGHEST_FIRST = ("more votes", "younger candidate", "more votes nationally")
TIE_KEYS = (*HIGHEST_FIRST, "fewer votes", "ballot order", "earlier registration", "older candidate")


#: The quota methods whose seats left over go by D'Hondt, with the level of their divisor witness.
_LEVELLED = ("highest averages", "d'hondt on the remainders")


def _level(witness: J, key: str) -> Fraction | None:
    """The level of a divisor witness, squared (`divisor` D gives D^2; `divisor_squared` is one); null: infinite."""
    if witness[key] is None:
        return None
    return witness.num(key) if key in ("divisor_squared", "divisor_power") else witness.num(key) ** 2


def read_round(value: dict[str, object]) -> tuple[Divisors | Quota, Round, list[str]]:
    """Check one allocation witness; the method, the round it states, and the problems found."""
    witness = J(value, "allocation")
    method = method_named(witness.text("method"))
    if isinstance(method, Quota) and witness.get("leftover") == "most votes":  # a clause of its own in the law
        method = replace(method, leftover="most votes")
    lists = witness.names("lists")
    result, tied = witness.counts("result", lists), witness.names("tied")
    round_ = Round(
        lists, witness.per("votes", lists), witness.whole("seats"), result, tied, int(witness.num("tied_seats"))
    )
    if isinstance(method, Divisors):
        held = {} if witness.get("held") is None else witness.counts("held", lists)
        key = {"geometric": "divisor_squared", "power": "divisor_power"}.get(method.kind, "divisor")
        level2 = _level(witness, key)
        return method, round_, check_divisors(method, round_, held, level2)
    known = witness["quota"] is not None
    stated = QuotaWitness(
        total=witness.num("total"),
        counted=witness.get("quota_of") is not None,
        quota=witness.num("quota") if known else None,
        full=witness.counts("full_quotas", lists) if known else {},
        remainders=witness.per("remainders", lists) if known else {},
        order=witness.names("order"),
        level2=_level(witness, "divisor") if method.leftover in _LEVELLED else None,
    )
    return method, round_, check_quota(method, round_, stated)


def check_tie(value: dict[str, object]) -> tuple[list[str], list[str], int, list[str]]:
    """Apply the law's tie rule as the witness states it (each tied selection's votes, ballot number,
    registration order, age order, published lot); the winners, what stays tied, seats left, and problems."""
    witness = J(value, "tie")
    tied, seats = witness.names("tied"), witness.whole("seats")
    rule = None if witness["rule"] is None else witness.names("rule")
    if rule is not None and any(key not in (*TIE_KEYS, "lot") for key in rule):
        raise Malformed("tie: a key of the rule is not one the law's tie rules have")
    values = {s: J(v, f"values of {s}") for s, v in witness.obj("values").d.items()}
    if sorted(values) != sorted(tied):
        raise Malformed("tie: the values do not name exactly the tied selections")
    winners, still, left = break_by_rule(tied, seats, rule, values)
    problems = []
    if witness.names("winners") != winners:
        problems.append(f"the tie rule gives the seat(s) to {', '.join(winners) or 'no one'}, not as stated")
    if sorted(witness.names("still_tied")) != sorted(still) or witness.whole("seats_left") != (left if still else 0):
        problems.append("what stays tied is not what the tie rule leaves")
    return winners, still, left if still else 0, problems


def break_by_rule(
    tied: list[str], seats: int, rule: list[str] | None, values: dict[str, J]
) -> tuple[list[str], list[str], int]:
    """The law's keys in turn, each ranking the group still tied; a lot by its published order, else left open."""
    winners: list[str] = []
    group = list(tied)
    for key in rule if rule is not None else ["lot"]:
        ranks = {s: None if values[s].get(key) is None else values[s].whole(key) for s in group}
        if any(v is None for v in ranks.values()):
            return winners, group, seats
        known = {s: (-v if key in HIGHEST_FIRST else v) for s, v in ranks.items() if v is not None}
        if key == "lot":
            return winners + sorted(group, key=lambda s: (known[s], s))[:seats], [], 0
        following: list[str] = []
        for value in sorted(set(known.values())):
            members = [s for s in group if known[s] == value]
            if len(members) > seats:
                following = members
                break
            winners, seats = winners + members, seats - len(members)
        if seats == 0 or not following:
            return winners, [], 0
        group = following
    return winners, group, seats


class Composition:
    """The seats of one unit built up stage by stage, as the engine's allocation does."""

    def __init__(self, house: int) -> None:
        self.remaining = house
        self.active: list[str] | None = None
        self.given: dict[str, int] = {}
        self.held: dict[str, int] = {}
        self.pending: tuple[list[str], int] | None = None
        self.unresolved: tuple[list[str], int] = ([], 0)
        self.done = False
        self.first_lists: list[str] = []
        self.first_votes: dict[str, Fraction] = {}
        self.votes: list[dict[str, Fraction]] = []  # each list's votes in every agreements stage
        self.joint: list[tuple[list[tuple[list[str], int]], list[str]]] = []  # joint lists (members, most), lists
        self.bonus_to: tuple[str, int] | None = None  # the leading list and its bonus seats
        self.wins: dict[str, int] | None = None  # constituency seats of the lists that share the seats
        self.outside: dict[str, int] = {}  # and of lists that do not
        self.added = 0  # seats the house grows by
        self.extra: dict[str, int] = {}  # seats added after the rounds (stable majority, opposition)
        self.mixed_result = ""

    def allocation(self, round_: Round) -> list[str]:
        if self.done:
            return ["a round after the seats were settled"]
        problems = []
        if self.active is None:
            self.active, self.first_lists, self.first_votes = list(round_.lists), list(round_.lists), round_.votes
        elif sorted(round_.lists) != sorted(self.active):
            problems.append("the round is not among the lists left after the cap")
        if round_.seats != self.remaining:
            problems.append(f"the round allocates {round_.seats} seat(s), not the {self.remaining} left")
        self.given = dict(round_.result)
        self.pending = (round_.tied, round_.tied_seats) if round_.tied else None
        self.unresolved = (round_.tied, round_.tied_seats) if round_.tied_seats < 0 else ([], 0)
        return problems

    def agreements(self, stage: J) -> list[str]:
        """Lists that share an agreement number, and a minority's joint list, allocated as one list, then each
        one's seats split among its lists by the method; single lists keep what the first round gives them."""
        marks = stage.obj("agreement").d
        groups: dict[int, list[str]] = {}
        for name, mark in sorted(marks.items()):
            if mark is not None:
                groups.setdefault(J(marks, "agreement").whole(name), []).append(name)
        held = [(j.names("members"), j.whole("most")) for j in stage.objs("joint")]
        self.joint.append((held, list(marks)))
        expected = [g for g in groups.values() if len(g) > 1] + [members for members, _most in held]
        blocks = [names(b, "block") for b in items(stage["blocks"], "blocks")]
        if sorted(map(sorted, blocks)) != sorted(map(sorted, expected)):
            return ["the agreements are not the lists that share an agreement number and the joint lists"]
        _method, round_, problems = read_round(stage.obj("round").d)
        keys = {" + ".join(b): b for b in blocks}
        singles = [n for n in marks if not any(n in b for b in blocks)]
        if sorted(round_.lists) != sorted([*keys, *singles]):
            return [*problems, "the first round is not over the agreements and the single lists"]
        if any(round_.result.get(" + ".join(m), 0) > most for m, most in held):
            problems.append("a joint list has more seats than it may take")
        splits = stage.obj("splits")
        if sorted(splits.d) != sorted(keys):
            return [*problems, "not every agreement's seats are split"]
        given, votes = {n: round_.result[n] for n in singles}, {n: round_.votes[n] for n in singles}
        for key, members in keys.items():
            _m, split, found = read_round(splits.obj(key).d)
            problems += [f"{key}: {p}" for p in found]
            if (split.lists, split.seats, sum(split.votes.values())) != (
                members,
                round_.result[key],
                round_.votes[key],
            ):
                problems.append(f"{key}: the split is not of its lists' votes and the agreement's seats")
            given.update(split.result)
            votes.update(split.votes)
        self.votes.append(votes)
        return problems + self.allocation(
            Round(sorted(given), votes, round_.seats, given, round_.tied, round_.tied_seats)
        )

    def bonus(self, stage: J) -> list[str]:
        """A sliding majority bonus, taken from the house before the rounds: `seats` once the leading list's
        share meets the threshold, `per_step` more for every whole `step` above it, at most `most`."""
        if self.active is not None:
            return ["a bonus comes before the rounds"]
        rule, seats = stage.obj("sliding"), 0
        if stage["share"] is not None:
            above, step = stage.num("share") - rule.num("threshold"), rule.num("step")
            if step <= 0 or above < 0:
                raise Malformed("bonus: the step is not above 0, or the share is below the threshold")
            seats = min(rule.whole("seats") + rule.whole("per_step") * int(above // step), rule.whole("most"))
        self.bonus_to, self.remaining = (stage.text("leader"), seats), self.remaining - seats
        result = stage.text("result")
        return [] if result == ("bonus" if seats else "no bonus") else [f"the bonus is {seats} seat(s), not `{result}`"]

    def reserved(self, stage: J) -> list[str]:
        """A minority's reserved seat: when the round before gives none of its lists a seat, its leading list
        takes the reserved seat(s) and the other lists share the rest in the next round."""
        lists, seats, result = stage.names("lists"), stage.whole("seats"), stage.text("result")
        won = [n for n in lists if self.given.get(n, 0) > 0]
        needed = bool(lists) and not won and self.remaining >= seats and self.active is not None
        if result != ("seat" if needed else "no seat"):
            return [
                f"the round before gives the minority {'a seat' if won else 'no seat'}: the result is not `{result}`"
            ]
        if needed:
            leader = stage.text("leader")
            if leader not in lists or self.active is None or leader not in self.active:
                return ["the reserved seat goes to a list that is not one of the minority's"]
            self.held[leader], self.remaining = seats, self.remaining - seats
            self.active = [n for n in self.active if n != leader]
        return []

    def mixed(self, stage: J) -> list[str]:
        """A mixed system whose overhang is kept: lists that do not share the seats keep their constituency seats,
        taken from the house first; a list that shares them has the larger of its entitlement and its
        constituency seats, and the house grows by the difference."""
        if self.active is not None or stage.text("overhang") != "kept":
            return ["the constituency seats come before the rounds, and only a kept overhang is composed"]
        wins, outside = stage.obj("wins"), stage.obj("outside")
        self.wins, self.outside = {n: wins.whole(n) for n in wins.d}, {n: outside.whole(n) for n in outside.d}
        self.remaining -= sum(self.outside.values())
        self.added, self.remaining = max(0, -self.remaining), max(0, self.remaining)
        self.mixed_result = stage.text("result")
        return []

    def tie(self, stage: J) -> list[str]:
        tied, seats = stage.names("tied"), stage.whole("seats")
        if self.pending is None or sorted(tied) != sorted(self.pending[0]):
            return ["the tie is not the one the round before it left"]
        pending_seats, self.pending = self.pending[1], None
        if pending_seats < 0:  # seats to take back: the tie rule ranks who keeps a seat, the others give one back
            if stage.get("take_back") != -pending_seats or seats != len(tied) + pending_seats:
                return ["the seats to take back are not those the round leaves"]
            keep, still, left, problems = check_tie(stage.d)
            for name in tied:
                self.given[name] -= 0 if name in keep or name in still else 1
            self.unresolved = (still, left - len(still)) if still else ([], 0)
            return problems
        if seats != pending_seats:
            return ["the tie is not for the seats the round before it left"]
        winners, still, left, problems = check_tie(stage.d)
        for name in winners:
            self.given[name] += 1
        self.unresolved = (still, left)
        return problems

    def cap(self, stage: J) -> list[str]:
        if self.active is None or self.done:
            return ["a cap with no round before it"]
        limits = stage.obj("limits")
        if sorted(limits.d) != sorted(self.active):
            raise Malformed("cap: the limits do not name the lists of the round")
        over = {
            n: limits.whole(n) for n in self.active if limits[n] is not None and self.given.get(n, 0) > limits.whole(n)
        }
        result = stage.text("result")
        if result == "passed":
            self.held.update({n: self.given.get(n, 0) for n in self.active})
            self.done = True
            return [f"{', '.join(over)} have more seats than the cap allows"] if over else []
        if result != "binding" or not over:
            return ["the cap is stated as binding, but no list has more seats than it allows"]
        self.held.update(over)
        self.active = [n for n in self.active if n not in over]
        self.remaining -= sum(over.values())
        if not (stage["redistribute"] is True and self.active and self.remaining > 0):
            self.held.update({n: self.given.get(n, 0) for n in self.active})
            self.done = True
        return []

    def settled(self) -> dict[str, int]:
        """Every list's seats from the stages so far: the rounds, a cap, a reserved seat, the bonus, seats added."""
        final = dict(self.held) if self.done else {**self.held, **{n: self.given.get(n, 0) for n in self.active or []}}
        if self.bonus_to is not None:
            final[self.bonus_to[0]] = final.get(self.bonus_to[0], 0) + self.bonus_to[1]
        return {n: final.get(n, 0) + self.extra.get(n, 0) for n in {*final, *self.extra}}

    def leads(self, leader: str) -> list[str]:
        """The leading list: the most votes of the first round, alone."""
        top = max(self.first_votes.values(), default=None)
        if self.first_votes.get(leader) != top or list(self.first_votes.values()).count(top) != 1:  # type: ignore[arg-type]
            return [f"{leader} does not lead alone"]
        return []

    def stable_majority(self, stage: J) -> list[str]:
        """The leading list gets at least a share of the seats, the house growing by the seats it needs; where
        the law adds a condition (`when`), only if it already holds that share."""
        leader, share, seats = stage.text("leader"), stage.num("share"), self.settled()
        house, mine, added = sum(seats.values()), seats.get(leader, 0), 0
        when = None if stage["when"] is None else stage.obj("when")
        held = when is None or _holds(mine, house, when.num("share"), when.get("inclusive") is True)
        if held:
            added = _needed(mine, house, share)
        self.extra[leader], self.added = self.extra.get(leader, 0) + added, self.added + added
        result = ("seats added" if added else "passed") if held else "not applicable"
        problems = self.leads(leader)
        return problems + ([] if stage.get("result") == result else [f"the leader's seats give `{result}`"])

    def opposition(self, stage: J) -> list[str]:
        """The lists other than the leading one hold at least a share of the seats: as many are added as that
        needs, the others' seats and those added shared among them again by the method (a tie by the law's
        rule); no list keeps fewer than it had, and the house grows by what they gain."""
        leader, seats = stage.text("leader"), self.settled()
        others = [n for n in self.first_lists if n != leader and self.first_votes.get(n)]  # lists with votes
        held, house = sum(seats.get(n, 0) for n in others), sum(seats.values())
        added = _needed(held, house, stage.num("share")) if others else 0
        problems = self.leads(leader)
        if stage.get("result") != ("seats added" if added else "passed"):
            problems.append(f"the other lists hold {held} of {house} seats: `{'seats added' if added else 'passed'}`")
        if not added:
            return problems
        _method, round_, found = read_round(stage.obj("round").d)
        problems += found
        if sorted(round_.lists) != sorted(others) or round_.seats != held + added:
            problems.append(f"the round is not of the other lists' {held} seats and the {added} added")
        if any(round_.votes[n] != self.first_votes.get(n) for n in round_.lists):
            problems.append("the votes of the round are not those of the first round")
        shared = dict(round_.result)
        if round_.tied:
            if stage["tie"] is None or sorted(stage.obj("tie").names("tied")) != sorted(round_.tied):
                return [*problems, "the round leaves a tie that the stage does not break"]
            winners, still, left, found = check_tie(stage.obj("tie").d)
            problems += found
            shared.update({n: shared[n] + 1 for n in winners})
            if still:  # left to a lot, beside what the rounds before left (the outcome states them together)
                self.unresolved, self.added = (
                    ([*self.unresolved[0], *still], self.unresolved[1] + left),
                    self.added + left,
                )
        for name in others:
            grown = max(seats.get(name, 0), shared.get(name, 0)) - seats.get(name, 0)
            self.extra[name], self.added = self.extra.get(name, 0) + grown, self.added + grown
        return problems

    def finish(self) -> tuple[dict[str, int], list[str]]:
        """Every list's seats once every stage is composed, and what does not hold of the bonus and the
        constituency seats."""
        final, problems = self.settled(), []
        if self.bonus_to is not None:
            problems += [f"{p}: the bonus is not its" for p in self.leads(self.bonus_to[0])]
        if self.wins is None:
            return final, problems
        if sorted(self.wins) != sorted(self.first_lists) or set(self.outside) & set(self.wins):
            problems.append("the constituency seats are not of the lists allocated and the lists outside")
        extra = sum(max(0, w - final.get(n, 0)) for n, w in self.wins.items())
        final.update({n: max(final.get(n, 0), w) for n, w in self.wins.items()} | self.outside)
        self.added += extra
        if self.mixed_result != ("overhang" if extra else "no overhang"):
            problems.append(f"the constituency seats give {extra} overhang seat(s), the trace `{self.mixed_result}`")
        return final, problems


def _needed(held: int, house: int, share: Fraction) -> int:
    """The fewest seats to add to `held` (and to the house) for held / house to reach `share`."""
    if not 0 <= share < 1:
        raise Malformed("a share of the seats to reach is at least 0 and below 1")
    a, b = share.numerator, share.denominator
    return 0 if held * b >= a * house else -(-(a * house - b * held) // (b - a))


def _holds(seats: int, house: int, share: Fraction, inclusive: bool) -> bool:
    """seats / house against a share, exactly: at least it (`inclusive`), else more than it."""
    left, right = seats * share.denominator, share.numerator * house
    return left >= right if inclusive else left > right


def compose(witness: J, house: int, step_of: dict[int, J]) -> tuple[Composition, list[str]]:
    """Run the stages of a `seats` witness; problems are named by stage and step."""
    composition, problems = Composition(house), []
    for index, stage in enumerate(witness.objs("stages"), 1):
        kind, steps = stage.text("stage"), [whole(n, "step") for n in items(stage["steps"], "steps")]
        where = f"stage {index} ({kind}, step {', '.join(map(str, steps))}): "
        problems += [
            f"{where}step {n} of the trace is not a {kind} step of this unit"
            for n in steps
            if n not in step_of or step_of[n].get("kind") not in (kind, "tie" if kind == "opposition seats" else kind)
        ]
        if kind == "allocation":
            _method, round_, found = read_round(stage.d)
            found += composition.allocation(round_)
        elif kind in ("bonus", "reserved", "mixed", "agreements", "tie", "cap", "stable majority", "opposition seats"):
            found = getattr(composition, {"stable majority": "stable_majority"}.get(kind, kind.split()[0]))(stage)
        else:
            raise Malformed(f"stage {index}: `{kind}` is not a stage the checker composes")
        problems += [where + p for p in found]
    if composition.pending is not None:
        problems.append("a round leaves a tie that no stage breaks")
    return composition, problems

"""The allocation of seats among the qualifying lists of one unit: the method, ties, caps and lists short of
candidates, a majority bonus, a stable majority, agreements between lists (apparentment), and the deduction
of constituency seats of mixed systems. Each step is recorded with its clause."""

from __future__ import annotations

from fractions import Fraction

from .. import model
from ..exact import show
from ..methods.kernels import ROUNDING_WORDS, AllocationMethod, QuotaMethod, allocate
from ..outcome import CheckOutcome
from ..trace import InputValue
from .bonus import sliding_bonus
from .context import UnitContext
from .ties import break_tie


class Allocation:
    """Seats of the qualifying lists under the method, the tie rule and the cap."""

    def __init__(
        self,
        ctx: UnitContext,
        lists: list[str],
        joint: dict[str, tuple[list[str], int, model.Provenance]] | None = None,
        reserved: dict[str, model.ReservedSeat] | None = None,
    ) -> None:
        self.ctx = ctx
        self.lists = lists
        self.joint = joint or {}  # joint lists of a national minority: members, most seats, clause
        self.reserve = reserved or {}  # leading lists of minorities that may get a reserved seat
        self.reserved: dict[str, int] = {}  # the reserved seats given, by list
        self.seats: dict[str, int] = {name: 0 for name in lists}
        self.tied: tuple[str, ...] = ()
        self.tied_seats = 0
        self.vacant = 0
        self.tie_missing: tuple[str, ...] = ()
        self.cap_checks: list[CheckOutcome] = []
        self.bonus_missing: tuple[str, ...] = ()
        self.mixed_missing: tuple[str, ...] = ()
        self.minimum_missing: tuple[str, ...] = ()
        self.added = 0
        self.counted: dict[str, int | None] | None = None  # constituency seats the divisors count, as read

    def votes(self, names: list[str]) -> dict[str, int]:
        """The votes the method divides: those of national-minority lists multiplied when the law says so
        (then an exact Fraction; the kernels compare votes only through exact arithmetic)."""
        factor = self.ctx.contest.minority_factor
        out: dict[str, int] = {}
        for name in names:
            value = self.ctx.vote(name).value
            assert value is not None
            if factor is not None and self.ctx.results.attribute(self.ctx.unit, name, "national_minority"):
                out[name] = value * factor  # type: ignore[assignment]
            else:
                out[name] = value
        return out

    def limit(self, name: str) -> tuple[int, model.CapRule, str] | None:
        """The most a list may keep: the cap, or the number of its candidates; with the rule that says so."""
        contest = self.ctx.contest
        options: list[tuple[int, model.CapRule, str]] = []
        if contest.cap is not None:
            options.append((contest.cap.seats, contest.cap, f"the cap of {contest.cap.seats}"))
        if contest.exhaustion is not None:
            candidates = self.ctx.results.attribute(self.ctx.unit, name, "candidates")
            if candidates is not None:
                options.append((candidates, contest.exhaustion, f"its {candidates} candidate(s)"))
        return min(options, key=lambda option: option[0]) if options else None

    def leader(self) -> str | None:
        """The list with the most votes among those allocated to; None when two share the lead."""
        votes = self.votes(self.lists)
        top = max(votes.values(), default=0)
        leaders = [name for name in self.lists if votes[name] == top]
        return leaders[0] if len(leaders) == 1 else None

    def take_bonus(self) -> tuple[str | None, int]:
        """A majority bonus taken from the house before the allocation: (who gets it, how many seats)."""
        bonus = self.ctx.contest.bonus
        if bonus is None:
            return None, 0
        seats, condition, provenance = bonus.seats, bonus.condition, bonus.provenance
        leader = self.leader()
        inputs: list[tuple[str, InputValue]] = []
        missing: list[str] = []
        if leader is None:
            self.bonus_missing = ("two lists share the lead",)
            self.ctx.record("bonus", provenance, inputs, "not evaluated: two lists share the lead", "not evaluated")
            return None, 0
        house = self.ctx.contest.seats_in(self.ctx.unit) or 0
        if bonus.largest > house:
            why = f"the bonus of up to {bonus.largest} seats is more than the {house} seats here"
            self.bonus_missing = (why,)
            self.ctx.record("bonus", provenance, inputs, f"not evaluated: {why}", "not evaluated")
            return None, 0
        if bonus.threshold is not None:
            scaled, self.bonus_missing = sliding_bonus(self.ctx, bonus, leader)
            return (leader, scaled) if scaled else (None, 0)
        holds = True if condition is None else self.ctx.condition(condition, inputs, missing)
        if holds is None:
            self.bonus_missing = tuple(missing)
            self.ctx.record("bonus", provenance, inputs, f"not evaluated: {'; '.join(missing)}", "not evaluated")
            return None, 0
        decision = (
            f"{leader} leads: {seats} bonus seat(s) go to it before the allocation"
            if holds
            else "the condition for the bonus does not hold: no bonus"
        )
        self.ctx.record("bonus", provenance, inputs, decision, "bonus" if holds else "no bonus")
        return (leader, seats) if holds else (None, 0)

    def stable_majority(self) -> None:
        """The leading list gets at least a share of the seats, the house growing by the seats it needs."""
        rule = self.ctx.contest.stable_majority
        leader = self.leader()
        if rule is None or leader is None:
            return
        share, provenance = rule
        house = sum(self.seats.values())
        mine = self.seats[leader]
        a, b = share.numerator, share.denominator
        added = 0 if mine * b >= a * house else -(-(a * house - b * mine) // (b - a))
        self.seats[leader] = mine + added
        self.added = added
        self.ctx.record(
            "stable majority",
            provenance,
            [(f"seats of {leader}", mine), ("house", house)],
            f"{leader} has {mine} of {house} seats; "
            + (
                f"{added} seat(s) are added to it, so it holds {mine + added} of {house + added}"
                if added
                else "it already holds the share the law requires"
            ),
            "seats added" if added else "passed",
        )

    def counted_wins(self, active: list[str]) -> dict[str, int] | None:
        """The additional member system: each list's constituency seats, which its divisors count; None when
        the contest does not count them. A list whose wins the data does not give is noted, and counted as
        none only so that the other seats can be shown: the seats are then provisional."""
        if self.ctx.contest.mixed is None or self.ctx.contest.mixed[0] != "counted":
            return None
        if self.counted is None:  # read once, whatever the rounds of a cap
            self.counted = {name: self.wins(name) for name in self.lists}
        return {name: self.counted[name] or 0 for name in active}

    def wins(self, name: str) -> int | None:
        """A list's constituency seats (`constituency_wins`); None, and noted, when the data does not say."""
        wins = self.ctx.results.attribute(self.ctx.unit, name, "constituency_wins")
        if wins is None:
            self.mixed_missing = (*self.mixed_missing, f"constituency_wins of {name}")
        return wins

    def outside_wins(self) -> int:
        """Mixed systems: constituency seats won by lists that do not share the list seats. They keep them, and
        the seats shared out are fewer by as many (not in the additional member system, whose seats are the
        list seats only)."""
        if self.ctx.contest.mixed is None or self.ctx.contest.mixed[0] == "counted":
            return 0
        total = 0
        for name in self.ctx.selections:
            if name not in self.lists and (wins := self.wins(name)):
                self.seats[name] = wins
                total += wins
        return total

    def deduct_constituency_seats(self, house: int) -> None:
        """Mixed systems: a list's entitlement includes its constituency seats; where it won more, it keeps them
        (`kept`), or the house grows until no list won more than its entitlement (`levelled`)."""
        rule = self.ctx.contest.mixed
        if rule is None or rule[0] == "counted":
            return
        overhang, provenance = rule
        wins = {name: self.wins(name) for name in self.lists}
        if self.mixed_missing:
            missing = "; ".join(self.mixed_missing)
            self.ctx.record("mixed", provenance, [], f"not evaluated: {missing} not in the data", "not evaluated")
            return
        known = {name: w or 0 for name, w in wins.items()}
        start = house
        if overhang == "levelled":
            house = self.level(house, known)
        inputs: list[tuple[str, InputValue]] = [(f"constituency seats of {n}", known[n]) for n in self.lists]
        parts = []
        extra = 0
        for name in self.lists:
            entitled = self.seats[name]
            total = max(entitled, known[name])
            extra += total - entitled
            parts.append(f"{name} {entitled} ({known[name]} constituency + {max(entitled - known[name], 0)} list)")
            self.seats[name] = total
        self.added += extra + house - start
        decision = f"entitlements of {house} seats: " + "; ".join(parts)
        if extra:
            decision += f"; {extra} overhang seat(s) kept, the house has {house + extra}"
        elif overhang == "levelled":
            decision += f"; no overhang: the house has {house}"
        self.ctx.record("mixed", provenance, inputs, decision, "overhang" if extra else "no overhang")

    def level(self, house: int, wins: dict[str, int]) -> int:
        """The smallest house, from `house` up, in which no list won more constituency seats than its
        entitlement; the allocation of that house is the one recorded. The search is bounded: a list with a
        share v/V of the votes is entitled to at least (its wins + the number of lists) seats once the house
        reaches (wins + lists + 1) x V / v; a list that won seats with no votes cannot be levelled."""
        method = self.ctx.contest.method
        assert method is not None
        votes = self.votes(self.lists)
        total = sum(votes.values())
        short = [n for n in self.lists if wins[n] > self.seats[n]]
        if not short:
            return house
        if any(votes[n] == 0 for n in short):
            self.mixed_missing = ("a list won constituency seats without votes: the house cannot be levelled",)
            return house
        limit = max(-(-((wins[n] + len(self.lists) + 1) * total) // votes[n]) for n in short)
        while house < limit:
            house += 1
            trial = allocate(method, votes, house, self.lists)
            if all(trial.seats[n] >= wins[n] for n in self.lists):
                self.round(self.lists, house)
                if all(self.seats[n] >= wins[n] for n in self.lists):
                    break
        return house

    def run(self) -> None:
        contest = self.ctx.contest
        active = list(self.lists)
        bonus_to, bonus_seats = self.take_bonus()
        remaining = (contest.seats_in(self.ctx.unit) or 0) - bonus_seats - self.outside_wins()
        remaining = self.reserve_seats(active, remaining)
        if remaining < 0:  # constituency seats of lists that do not qualify exceed the house: it grows
            self.added += -remaining
            remaining = 0
        held: dict[str, int] = {}
        rules = [r for r in (contest.cap, contest.exhaustion) if r is not None]
        while True:
            given = self.round(active, remaining)
            before = set(held)
            if self.raise_to_minimum(active, given, held):
                remaining -= sum(seats for name, seats in held.items() if name not in before)
                active = [n for n in active if n not in held]
                if active and remaining > 0:
                    continue
                break
            if not rules:
                break
            over = {n: lim for n in active if (lim := self.limit(n)) is not None and given.get(n, 0) > lim[0]}
            inputs: list[tuple[str, InputValue]] = [(f"seats of {n}", given.get(n, 0)) for n in active]
            if not over:
                for rule in rules:
                    text = (
                        "no list has more seats than the cap allows"
                        if rule is contest.cap
                        else "no list has more seats than candidates"
                    )
                    self.ctx.record("cap", rule.provenance, inputs, text, "passed")
                    self.cap_checks.append(CheckOutcome(rule.provenance.full_label, "cap", "passed", text))
                break
            excess = sum(given[n] - lim[0] for n, lim in over.items())
            for name, (limit, _rule, _why) in over.items():
                held[name] = limit
            active = [n for n in active if n not in over]
            remaining -= sum(lim[0] for lim in over.values())
            described = "; ".join(f"{n} held at {lim[0]} ({lim[2]})" for n, lim in over.items())
            redistribute = all(lim[1].redistribute for lim in over.values())
            binding = {lim[1].provenance.full_label: lim[1] for lim in over.values()}
            if redistribute and active and remaining > 0:
                text = f"{described}; the {remaining} other seats are allocated again among the other lists"
            else:
                for name in active:
                    held[name] = given.get(name, 0)
                self.vacant = excess if not redistribute else remaining - sum(given.get(n, 0) for n in active)
                text = f"{described}; {self.vacant} seat(s) stay vacant"
            for rule in binding.values():
                self.ctx.record("cap", rule.provenance, inputs, text, "binding")
                self.cap_checks.append(CheckOutcome(rule.provenance.full_label, "cap", "binding", text))
            if redistribute and active and remaining > 0:
                continue
            break
        for name, seats in held.items():
            self.seats[name] = seats
        self.seats.update(self.reserved)
        if bonus_to is not None:
            self.seats[bonus_to] += bonus_seats
        self.stable_majority()
        self.deduct_constituency_seats(remaining)

    def raise_to_minimum(self, active: list[str], given: dict[str, int], held: dict[str, int]) -> bool:
        """`at least N seats for every list that qualifies`: lists below it are held at it (the others share the
        seats left, which the caller allocates again). False when no list is below it, or it cannot be met."""
        rule = self.ctx.contest.minimum
        if rule is None:
            return False
        under = [n for n in active if given.get(n, 0) < rule.seats]
        inputs: list[tuple[str, InputValue]] = [(f"seats of {n}", given.get(n, 0)) for n in active]
        if not under:
            self.ctx.record("minimum", rule.provenance, inputs, f"every list has at least {rule.seats}", "passed")
            return False
        seats = sum(given.get(n, 0) for n in active) + sum(held.values())
        needed = rule.seats * (len(active) + len(held))
        if needed > seats:
            text = f"{len(active) + len(held)} lists at {rule.seats} seat(s) each need {needed}, more than the {seats}"
            self.minimum_missing = (text,)
            self.ctx.record("minimum", rule.provenance, inputs, f"the minimum cannot be met: {text}", "not evaluated")
            return False
        for name in under:
            held[name] = rule.seats
        self.ctx.record(
            "minimum",
            rule.provenance,
            inputs,
            f"{', '.join(under)} raised to {rule.seats} seat(s); the other lists share the seats left",
            "binding",
        )
        return True

    def reserve_seats(self, active: list[str], seats: int) -> int:
        """A minority's reserved seat: when an allocation of all the seats gives none of its lists a seat, its
        leading list gets the reserved seat(s) and the others share the rest. Returns the seats left."""
        for leader, rule in self.reserve.items():
            members = [
                n
                for n in self.ctx.selections
                if self.ctx.results.attribute(self.ctx.unit, n, "national_minority") == rule.minority
            ]
            trial = self.round(active, seats) if active else {}
            won = [n for n in members if trial.get(n, 0) > 0]
            inputs: list[tuple[str, InputValue]] = [(f"seats of {n}", trial.get(n, 0)) for n in members]
            if won or seats < rule.seats:
                self.ctx.record(
                    "reserved",
                    rule.provenance,
                    inputs,
                    f"national minority {rule.minority}: {', '.join(won)} win(s) a seat: no reserved seat"
                    if won
                    else f"national minority {rule.minority}: fewer seats than the reserved ones: no reserved seat",
                    "no seat",
                )
                continue
            self.reserved[leader] = rule.seats
            seats -= rule.seats
            if leader in active:
                active.remove(leader)
            self.ctx.record(
                "reserved",
                rule.provenance,
                inputs,
                f"national minority {rule.minority}: no list of it wins a seat in the allocation of all the seats; its "
                f"leading list {leader} gets {rule.seats} seat(s), and the other lists share the other {seats}",
                "seat",
            )
        return seats

    def agreements(self, active: list[str]) -> list[list[str]]:
        """Apparentment: the lists that share an `agreement` number, in file order (two or more that qualify)."""
        groups: dict[int, list[str]] = {}
        for name in active:
            number = self.ctx.results.attribute(self.ctx.unit, name, "agreement")
            if number is not None:
                groups.setdefault(number, []).append(name)
        return [members for members in groups.values() if len(members) > 1]

    def round(self, active: list[str], seats: int) -> dict[str, int]:
        """One pass of the method over `active` lists for `seats` seats; records the step. Lists in an
        agreement are allocated as one list first, then their seats are split between them."""
        contest = self.ctx.contest
        groups: list[tuple[list[str], int | None, model.Provenance]] = []
        if contest.agreements is not None:
            groups = [(members, None, contest.agreements) for members in self.agreements(active)]
        groups += [
            ([n for n in members if n in active], most, provenance)
            for members, most, provenance in self.joint.values()
            if any(n in active for n in members)
        ]
        if groups:
            return self.round_with_agreements(active, seats, groups)
        return self.plain_round(active, seats)

    def round_with_agreements(
        self, active: list[str], seats: int, groups: list[tuple[list[str], int | None, model.Provenance]]
    ) -> dict[str, int]:
        """Lists in an agreement, and the joint list of a national minority, are allocated as one list first
        (a joint list held at its most seats, the rest allocated again among the others), then split."""
        votes = self.votes(active)
        grouped = {name for members, _most, _rule in groups for name in members}
        blocks = {" + ".join(members): members for members, _most, _rule in groups}
        blocks |= {n: [n] for n in active if n not in grouped}
        rules = {" + ".join(members): (most, rule) for members, most, rule in groups}
        order = [key for key in blocks]
        together = {key: sum((votes[n] for n in members), 0) for key, members in blocks.items()}
        method = self.ctx.contest.method
        assert method is not None
        held: dict[str, int] = {}
        free = list(order)
        while True:
            available = seats - sum(held.values())
            first = allocate(method, {k: together[k] for k in free}, available, free)
            inputs: list[tuple[str, InputValue]] = [(f"votes of {key}", together[key]) for key in free]
            self.ctx.record(
                "agreements",
                next(iter(rules.values()))[1],
                [*inputs, ("seats", available)],
                ("lists in an agreement" if not self.joint else "joint lists and lists in an agreement")
                + " allocated together: "
                + describe_allocation(method, first.details, first.seats, free, available),
                "allocated",
            )
            over = [k for k in free if k in rules and (most := rules[k][0]) is not None and first.seats[k] > most]
            if not over:
                break
            for key in over:
                most, rule = rules[key]
                assert most is not None
                held[key] = most
                self.ctx.record(
                    "cap",
                    rule,
                    [(f"seats of {key}", first.seats[key])],
                    f"{key} is held at {most} seat(s), the most the law lets a joint list take; the other seats "
                    "are allocated again among the other lists",
                    "binding",
                )
            free = [k for k in free if k not in held]
            if not free:
                break
        block_seats = {**{k: first.seats.get(k, 0) for k in free}, **held}
        self.tied, self.tied_seats, self.tie_missing = (), 0, ()
        singles = {key for key, members in blocks.items() if len(members) == 1 and key not in rules}
        lot_only = self.ctx.contest.tie_rule is not None and self.ctx.contest.tie_rule.keys == ("lot",)
        if free and first.tied:
            if first.tied_seats > 0 and set(first.tied) <= singles:
                for name in self.settle(first.tied, first.tied_seats, "the last seat(s) (equal claims)"):
                    block_seats[name] += 1
            elif first.tied_seats > 0 and lot_only:
                # The law breaks every tie by lot: an agreement ties as one list, and the lot is among the claims.
                self.tied, self.tied_seats = tuple(first.tied), first.tied_seats
                self.ctx.record(
                    "tie",
                    self.ctx.contest.tie_rule.provenance if self.ctx.contest.tie_rule else None,
                    [("tied", ", ".join(first.tied)), ("seats", first.tied_seats)],
                    f"{', '.join(first.tied)} are tied for {first.tied_seats} seat(s); the law decides by lot",
                    "lot needed",
                )
            else:
                unresolved = "equal claims between lists in an agreement allocated as one: no tie rule is applied"
                self.tie_missing = (f"{unresolved} ({', '.join(first.tied)})",)
                self.ctx.record(
                    "tie", None, [("tied", ", ".join(first.tied))], f"not evaluated: {unresolved}", "not evaluated"
                )
        given: dict[str, int] = {}
        for key, members in blocks.items():
            if key in singles:
                given[members[0]] = block_seats[key]
                continue
            split = allocate(method, {n: votes[n] for n in members}, block_seats[key], members)
            self.ctx.record(
                "agreements",
                rules[key][1],
                [*((f"votes of {n}", votes[n]) for n in members), ("seats of the agreement", block_seats[key])],
                f"the {block_seats[key]} seat(s) of {key} split: "
                + describe_allocation(method, split.details, split.seats, members, block_seats[key]),
                "allocated",
            )
            given.update(split.seats)
            if split.tied and split.tied_seats > 0:
                for name in self.settle(split.tied, split.tied_seats, f"the last seat(s) of {key} (equal claims)"):
                    given[name] += 1
            elif split.tied:
                unresolved = f"{-split.tied_seats} seat(s) of {key} to take back from equal remainders"
                self.tie_missing = (*self.tie_missing, f"{unresolved} ({', '.join(split.tied)})")
        for name in active:
            self.seats[name] = given[name]
        return given

    def settle(self, tied: tuple[str, ...], seats: int, what: str) -> tuple[str, ...]:
        """The law's tie rule for `seats` among `tied` lists: who takes them; what stays tied is kept for a
        lot (added to what other ties of the round left)."""
        tie = break_tie(self.ctx, self.ctx.contest.tie_rule, tied, seats, what)
        if tie.still_tied:
            self.tied = (*self.tied, *tie.still_tied)
            self.tied_seats += tie.seats_left
        self.tie_missing = (*self.tie_missing, *tie.missing)
        return tie.winners

    def plain_round(self, active: list[str], seats: int) -> dict[str, int]:
        contest = self.ctx.contest
        method = contest.method
        assert method is not None
        votes = self.votes(active)
        self.tied, self.tied_seats, self.tie_missing = (), 0, ()
        held = self.counted_wins(active)
        result = allocate(method, votes, seats, active, held)
        inputs: list[tuple[str, InputValue]] = [(f"votes of {n}", votes[n]) for n in active]
        inputs += [(f"constituency seats of {n}", held[n]) for n in active] if held else []
        inputs.append(("seats", seats))
        decision = describe_allocation(method, result.details, result.seats, active, seats)
        if held:
            decision += " (each list's divisors start after its constituency seats)"
        self.ctx.record("allocation", contest.method_provenance, inputs, decision, "allocated")
        given = dict(result.seats)
        if result.tied and result.tied_seats < 0:
            # Seats to take back from lists with equal remainders: no tie rule of the language covers it.
            self.tied, self.tied_seats = result.tied, result.tied_seats  # negative: seats to take back
            self.ctx.record(
                "tie",
                contest.tie_rule.provenance if contest.tie_rule else None,
                [("tied", ", ".join(result.tied)), ("seats to take back", -result.tied_seats)],
                f"{-result.tied_seats} seat(s) must be taken back from one of {', '.join(result.tied)} "
                "(equal remainders): a lot is needed",
                "lot needed",
            )
        elif result.tied:
            tie = break_tie(
                self.ctx,
                contest.tie_rule,
                result.tied,
                result.tied_seats,
                f"the last {result.tied_seats} seat(s) (equal claims)",
            )
            for name in tie.winners:
                given[name] += 1
            self.tied, self.tied_seats, self.tie_missing = tie.still_tied, tie.seats_left, tie.missing
        for name in active:
            self.seats[name] = given[name]
        return given


def describe_allocation(
    method: AllocationMethod, details: dict[str, object], seats: dict[str, int], active: list[str], available: int
) -> str:
    given = ", ".join(f"{n} {seats[n]}" for n in active)
    if isinstance(method, QuotaMethod):
        quota = details.get("quota")
        if quota is None:
            return f"{method.name}: no votes, every list has an equal claim"
        assert isinstance(quota, Fraction)
        full = details.get("full_quotas", {})
        rem_seats = details.get("remainder_seats", ())
        assert isinstance(full, dict) and isinstance(rem_seats, tuple)
        total = details["total"]
        assert isinstance(total, int)
        offset = method.quota_offset
        over = f"{available} seats" if offset == 0 else f"({available} seats + {offset})"
        exact = Fraction(total, available + offset)
        rounded = "" if quota == exact else f", {ROUNDING_WORDS[method.quota_rounding]}: {show(quota)}"
        return (
            f"{method.name}: quota = {total} votes / {over} = {show(exact)}{rounded}; "
            + "full quotas: "
            + ", ".join(f"{n} {full[n]}" for n in active)
            + f"; remainder seats to: {', '.join(rem_seats) or 'none'}; seats: {given}"
        )
    last = details.get("last_average")
    return f"{method.name}: seats: {given}" + (
        f"; last seat at average {show(last)}" if isinstance(last, Fraction) else ""
    )

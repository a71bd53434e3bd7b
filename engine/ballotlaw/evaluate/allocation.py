"""The allocation of seats among the qualifying lists of one unit: the method, ties, caps and lists short of
candidates, a majority bonus, a stable majority, agreements between lists (apparentment), and the deduction
of constituency seats of mixed systems. Each step is recorded with its clause."""

from __future__ import annotations

from fractions import Fraction

import attrs

from .. import model
from ..facts import Fact
from ..facts import allocation as f
from ..facts.contest import NotEvaluated
from ..facts.qualifying import Missing
from ..figures import Named, at, named, seats_of, votes_of, word
from ..methods.kernels import AllocationMethod, QuotaMethod, allocate
from ..outcome import CheckOutcome
from ..results.model import ABSENT, Figure
from ..states import CheckKind, CheckResult, Overhang, StepKind, StepResult
from ..trace import InputValue
from . import majority
from .bonus import sliding_bonus
from .context import UnitContext, figure_input
from .exhaustion import hand_down
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
        self.tie_missing: Missing = ()
        self.cap_checks: list[CheckOutcome] = []
        self.bonus_missing: Missing = ()  # names of figures, or facts saying what is missing
        self.mixed_missing: Missing = ()
        self.minimum_missing: Missing = ()
        self.added = 0
        self.counted: dict[str, int | None] | None = None  # constituency seats the divisors count, as read
        self.method_missing: Missing = ()  # figures the method needs (a quota's base, a multiplier's share)
        self.multiplied: dict[str, bool] = {}  # minority lists whose votes the multiplier raises, once decided
        self.details: dict[str, object] = {}  # the kernel's details of the last plain round (its quota, full quotas)
        self.method = self.effective_method()

    def effective_method(self) -> AllocationMethod:
        """The contest's method; a quota's seats left over to the most votes when the law says so."""
        method = self.ctx.contest.method
        assert method is not None
        if self.ctx.contest.leftover_by_votes is not None and isinstance(method, QuotaMethod):
            return attrs.evolve(method, leftover="most votes")
        return method

    def quota_total(self, active: list[str]) -> int | None:
        """What the quota divides in a round over `active`, when the law names a count (`hare quota of valid_votes`):
        that count less the votes of the lists the round leaves out (set aside by a cap, a minimum or a reserved
        seat). None: the votes of the lists in the round (not written, or the votes of the lists that qualify).
        A count not published, or below the votes it must hold, leaves the seats provisional."""
        base = self.ctx.contest.quota_base
        if base is None or base.count is None or not isinstance(self.ctx.contest.method, QuotaMethod):
            return None
        figure = self.ctx.count(base.count)
        if not figure.known or figure.value is None:
            self.method_missing = (at(base.count, self.ctx.unit),)
            return None
        votes = self.votes(self.lists)
        total = figure.value - sum((votes[n] for n in self.lists if n not in active), 0)
        if total < sum((votes[n] for n in active), 0):
            self.method_missing = (f.QuotaBaseBelowVotes(base.count, figure.value),)
            return None
        return int(total)

    def votes(self, names: list[str]) -> dict[str, int]:
        """The votes the method divides: those of national-minority lists multiplied when the law says so
        (then an exact Fraction; the kernels compare votes only through exact arithmetic)."""
        factor = self.ctx.contest.minority_factor
        out: dict[str, int] = {}
        for name in names:
            value = self.ctx.vote(name).value
            assert value is not None
            if (
                factor is not None
                and self.ctx.results.attribute(self.ctx.unit, name, "national_minority")
                and self.multiplies(name, value)
            ):
                out[name] = value * factor  # type: ignore[assignment]
            else:
                out[name] = value
        return out

    def multiplies(self, name: str, votes: int) -> bool:
        """Whether the multiplier raises this minority list: always, or, where the law says `for lists with less
        than P of BASE nationally`, when the list's votes are below that share (in the nation, where the contest is
        decided in every district; recorded once a unit). A figure not published leaves the seats provisional; the
        list is then counted as raised."""
        rule = self.ctx.contest.minority_below
        if rule is None:
            return True
        if name in self.multiplied:
            return self.multiplied[name]
        where = self.ctx.nation()
        base = self.ctx.count(rule.base, where) if where is not None else Figure(ABSENT)
        shown: InputValue = votes
        if where is not None and where != self.ctx.unit:  # measured nationally: the list's votes in the nation
            national = self.ctx.vote(name, where)
            shown = figure_input(national)
            votes = national.value if national.known and national.value is not None else -1
        inputs: list[tuple[str, InputValue]] = [(votes_of(name), shown), (rule.base, figure_input(base))]
        if not base.known or base.value is None or votes < 0:
            self.method_missing = (*self.method_missing, at(rule.base, where or "the nation"))
            self.multiplied[name] = True
            decision: Fact = f.MultiplierNotDecided(name, rule.percent_text, rule.base)
            self.ctx.record(StepKind.MULTIPLIER, rule.provenance, inputs, decision, StepResult.NOT_EVALUATED)
            return True
        below = votes * rule.share.denominator < rule.share.numerator * base.value
        self.multiplied[name] = below
        decision = f.MultiplierShare(name, votes, rule.percent_text, rule.base, rule.share * base.value, below)
        result = StepResult.ALLOCATED if below else StepResult.NOT_APPLICABLE
        self.ctx.record(StepKind.MULTIPLIER, rule.provenance, inputs, decision, result)
        return below

    def limit(self, name: str) -> tuple[int, model.CapRule, f.Limit] | None:
        """The most a list may keep: the cap, or the number of its candidates; with the rule that says so."""
        contest = self.ctx.contest
        options: list[tuple[int, model.CapRule, f.Limit]] = []
        if contest.cap is not None:
            options.append((contest.cap.seats, contest.cap, f.Limit.CAP))
        if contest.exhaustion is not None:
            candidates = self.ctx.results.attribute(self.ctx.unit, name, "candidates")
            if candidates is not None:
                options.append((candidates, contest.exhaustion, f.Limit.CANDIDATES))
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
            self.bonus_missing = (f.BonusLeadShared(),)
            shared = f.NotEvaluatedBecause(f.BonusLeadShared())
            self.ctx.record(StepKind.BONUS, provenance, inputs, shared, StepResult.NOT_EVALUATED)
            return None, 0
        house = self.ctx.contest.seats_in(self.ctx.unit) or 0
        if bonus.largest > house:
            too_large = f.BonusTooLarge(bonus.largest, house)
            self.bonus_missing = (too_large,)
            self.ctx.record(
                StepKind.BONUS, provenance, inputs, f.NotEvaluatedBecause(too_large), StepResult.NOT_EVALUATED
            )
            return None, 0
        if bonus.threshold is not None:
            scaled, self.bonus_missing = sliding_bonus(self.ctx, bonus, leader)
            return (leader, scaled) if scaled else (None, 0)
        holds = True if condition is None else self.ctx.condition(condition, inputs, missing)
        if holds is None:
            self.bonus_missing = tuple(missing)
            self.ctx.record(StepKind.BONUS, provenance, inputs, NotEvaluated(tuple(missing)), StepResult.NOT_EVALUATED)
            return None, 0
        if not holds:
            self.ctx.record(StepKind.BONUS, provenance, inputs, f.NoBonus(), StepResult.NO_BONUS)
            return None, 0
        self.ctx.record(StepKind.BONUS, provenance, inputs, f.BonusGiven(leader, seats), StepResult.BONUS)
        return leader, seats

    def stable_majority(self) -> None:
        """Seats added for national minorities, for the stable majority, then for the other lists' guarantee
        (evaluate/majority.py)."""
        self.added += majority.minority_seats(self)
        self.added += majority.stable_majority(self) + majority.opposition_seats(self)

    def counted_wins(self, active: list[str]) -> dict[str, int] | None:
        """The additional member system: each list's constituency seats, which its divisors count; None when
        the contest does not count them. A list whose wins the data does not give is noted, and counted as
        none only so that the other seats can be shown: the seats are then provisional."""
        if self.ctx.contest.mixed is None or self.ctx.contest.mixed[0] is not Overhang.COUNTED:
            return None
        if self.counted is None:  # read once, whatever the rounds of a cap
            self.counted = {name: self.wins(name) for name in self.lists}
        return {name: self.counted[name] or 0 for name in active}

    def wins(self, name: str) -> int | None:
        """A list's constituency seats (`constituency_wins`); None, and noted, when the data does not say."""
        wins = self.ctx.results.attribute(self.ctx.unit, name, "constituency_wins")
        if wins is None:
            self.mixed_missing = (*self.mixed_missing, named(Named.ATTRIBUTE_OF, name, "constituency_wins"))
        return wins

    def outside_wins(self) -> int:
        """Mixed systems: constituency seats won by lists that do not share the list seats. They keep them, and
        the seats shared out are fewer by as many (not in the additional member system, whose seats are the
        list seats only)."""
        if self.ctx.contest.mixed is None or self.ctx.contest.mixed[0] is Overhang.COUNTED:
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
        if rule is None or rule[0] is Overhang.COUNTED:
            return
        overhang, provenance = rule
        wins = {name: self.wins(name) for name in self.lists}
        if self.mixed_missing:
            missing = f.MissingData(self.mixed_missing)
            self.ctx.record(StepKind.MIXED, provenance, [], missing, StepResult.NOT_EVALUATED)
            return
        known = {name: w or 0 for name, w in wins.items()}
        start = house
        if overhang is Overhang.LEVELLED:
            house = self.level(house, known)
        inputs: list[tuple[str, InputValue]] = [(named(Named.CONSTITUENCY_SEATS_OF, n), known[n]) for n in self.lists]
        parts: list[tuple[str, int, int]] = []
        extra = 0
        for name in self.lists:
            entitled = self.seats[name]
            total = max(entitled, known[name])
            extra += total - entitled
            parts.append((name, entitled, known[name]))
            self.seats[name] = total
        self.added += extra + house - start
        decision = f.Entitlements(house, tuple(parts), extra, overhang is Overhang.LEVELLED)
        self.ctx.record(
            StepKind.MIXED, provenance, inputs, decision, StepResult.OVERHANG if extra else StepResult.NO_OVERHANG
        )

    def level(self, house: int, wins: dict[str, int]) -> int:
        """The smallest house, from `house` up, in which no list won more constituency seats than its
        entitlement; the allocation of that house is the one recorded. The search is bounded: a list with a
        share v/V of the votes is entitled to at least (its wins + the number of lists) seats once the house
        reaches (wins + lists + 1) x V / v; a list that won seats with no votes cannot be levelled."""
        method = self.method
        votes = self.votes(self.lists)
        total = sum(votes.values())
        short = [n for n in self.lists if wins[n] > self.seats[n]]
        if not short:
            return house
        if any(votes[n] == 0 for n in short):
            self.mixed_missing = (f.WinsWithoutVotes(),)
            return house
        limit = max(-(-((wins[n] + len(self.lists) + 1) * total) // votes[n]) for n in short)
        while house < limit:
            house += 1
            trial = allocate(method, votes, house, self.lists, total=self.quota_total(self.lists))
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
            inputs: list[tuple[str, InputValue]] = [(seats_of(n), given.get(n, 0)) for n in active]
            if not over:
                for rule in rules:
                    within = f.WithinLimit(f.Limit.CAP if rule is contest.cap else f.Limit.CANDIDATES)
                    self.ctx.record(StepKind.CAP, rule.provenance, inputs, within, CheckResult.PASSED)
                    self.cap_checks.append(
                        CheckOutcome(rule.provenance.full_label, CheckKind.CAP, CheckResult.PASSED, within)
                    )
                break
            if all(lim[1].to_remainders for lim in over.values()):  # Lithuania: down the round's remainders
                held.update(hand_down(self, active, given, {n: lim[0] for n, lim in over.items()}))
                break
            excess = sum(given[n] - lim[0] for n, lim in over.items())
            for name, (limit, _rule, _why) in over.items():
                held[name] = limit
            active = [n for n in active if n not in over]
            remaining -= sum(lim[0] for lim in over.values())
            described = tuple((n, lim[0], lim[2]) for n, lim in over.items())
            redistribute = all(lim[1].redistribute for lim in over.values())
            binding = {lim[1].provenance.full_label: lim[1] for lim in over.values()}
            if redistribute and active and remaining > 0:
                text = f.LimitBinding(described, remaining, 0)
            else:
                for name in active:
                    held[name] = given.get(name, 0)
                self.vacant = excess if not redistribute else remaining - sum(given.get(n, 0) for n in active)
                text = f.LimitBinding(described, None, self.vacant)
            for rule in binding.values():
                self.ctx.record(StepKind.CAP, rule.provenance, inputs, text, CheckResult.BINDING)
                self.cap_checks.append(
                    CheckOutcome(rule.provenance.full_label, CheckKind.CAP, CheckResult.BINDING, text)
                )
            if redistribute and active and remaining > 0:
                continue
            break
        for name, seats in held.items():
            self.seats[name] = seats
        self.seats.update(self.reserved)
        if bonus_to is not None:
            self.seats[bonus_to] += bonus_seats
        majority.majority_seat(self)
        self.stable_majority()
        self.deduct_constituency_seats(remaining)

    def raise_to_minimum(self, active: list[str], given: dict[str, int], held: dict[str, int]) -> bool:
        """`at least N seats for every list that qualifies`: lists below it are held at it (the others share the
        seats left, which the caller allocates again). False when no list is below it, or it cannot be met."""
        rule = self.ctx.contest.minimum
        if rule is None:
            return False
        under = [n for n in active if given.get(n, 0) < rule.seats]
        inputs: list[tuple[str, InputValue]] = [(seats_of(n), given.get(n, 0)) for n in active]
        if not under:
            self.ctx.record(StepKind.MINIMUM, rule.provenance, inputs, f.MinimumHeld(rule.seats), StepResult.PASSED)
            return False
        seats = sum(given.get(n, 0) for n in active) + sum(held.values())
        lists = len(active) + len(held)
        needed = rule.seats * lists
        if needed > seats:
            short = f.MinimumShort(lists, rule.seats, needed, seats)
            self.minimum_missing = (short,)
            unmet = f.MinimumUnmet(short)
            self.ctx.record(StepKind.MINIMUM, rule.provenance, inputs, unmet, StepResult.NOT_EVALUATED)
            return False
        for name in under:
            held[name] = rule.seats
        raised = f.MinimumRaised(tuple(under), rule.seats)
        self.ctx.record(StepKind.MINIMUM, rule.provenance, inputs, raised, CheckResult.BINDING)
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
            inputs: list[tuple[str, InputValue]] = [(seats_of(n), trial.get(n, 0)) for n in members]
            if won or seats < rule.seats:
                none: f.ReservedNotNeeded | f.ReservedTooFew = (
                    f.ReservedNotNeeded(rule.minority, tuple(won)) if won else f.ReservedTooFew(rule.minority)
                )
                self.ctx.record(StepKind.RESERVED, rule.provenance, inputs, none, StepResult.NO_SEAT)
                continue
            self.reserved[leader] = rule.seats
            seats -= rule.seats
            if leader in active:
                active.remove(leader)
            given = f.ReservedGiven(rule.minority, leader, rule.seats, seats)
            self.ctx.record(StepKind.RESERVED, rule.provenance, inputs, given, StepResult.SEAT)
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
        method = self.method
        held: dict[str, int] = {}
        free = list(order)
        while True:
            available = seats - sum(held.values())
            in_round = [n for key in free for n in blocks[key]]
            first = allocate(method, {k: together[k] for k in free}, available, free, total=self.quota_total(in_round))
            inputs: list[tuple[str, InputValue]] = [(votes_of(key), together[key]) for key in free]
            self.ctx.record(
                StepKind.AGREEMENTS,
                next(iter(rules.values()))[1],
                [*inputs, (word("seats"), available)],
                f.AllocatedTogether(
                    method_round(method, first.details, first.seats, free, available, self.quota_of()), bool(self.joint)
                ),
                StepResult.ALLOCATED,
            )
            over = [k for k in free if k in rules and (most := rules[k][0]) is not None and first.seats[k] > most]
            if not over:
                break
            for key in over:
                most, rule = rules[key]
                assert most is not None
                held[key] = most
                self.ctx.record(
                    StepKind.CAP,
                    rule,
                    [(seats_of(key), first.seats[key])],
                    f.JointListHeld(key, most),
                    CheckResult.BINDING,
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
                for name in self.settle(first.tied, first.tied_seats, f.LastSeats()):
                    block_seats[name] += 1
            elif first.tied_seats < 0 and set(first.tied) <= singles:
                self.give_back(block_seats, first.tied, -first.tied_seats)
            elif first.tied_seats > 0 and lot_only:
                # The law breaks every tie by lot: an agreement ties as one list, and the lot is among the claims.
                self.tied, self.tied_seats = tuple(first.tied), first.tied_seats
                self.ctx.record(
                    StepKind.TIE,
                    self.ctx.contest.tie_rule.provenance if self.ctx.contest.tie_rule else None,
                    [(word("tied"), ", ".join(first.tied)), (word("seats"), first.tied_seats)],
                    f.TieByLot(None, tuple(first.tied), first.tied_seats),
                    StepResult.LOT_NEEDED,
                )
            else:
                self.tie_missing = (f.AgreementTied(tuple(first.tied)),)
                self.ctx.record(
                    StepKind.TIE,
                    None,
                    [(word("tied"), ", ".join(first.tied))],
                    f.AgreementTieUnresolved(),
                    StepResult.NOT_EVALUATED,
                )
        given: dict[str, int] = {}
        for key, members in blocks.items():
            if key in singles:
                given[members[0]] = block_seats[key]
                continue
            split = allocate(method, {n: votes[n] for n in members}, block_seats[key], members)
            self.ctx.record(
                StepKind.AGREEMENTS,
                rules[key][1],
                [*((votes_of(n), votes[n]) for n in members), (word("seats of the agreement"), block_seats[key])],
                f.AgreementSplit(
                    key, block_seats[key], method_round(method, split.details, split.seats, members, block_seats[key])
                ),
                StepResult.ALLOCATED,
            )
            given.update(split.seats)
            if split.tied and split.tied_seats > 0:
                for name in self.settle(split.tied, split.tied_seats, f.LastSeats(block=key)):
                    given[name] += 1
            elif split.tied:
                self.give_back(given, split.tied, -split.tied_seats, key)
        for name in active:
            self.seats[name] = given[name]
        return given

    def settle(self, tied: tuple[str, ...], seats: int, what: Fact) -> tuple[str, ...]:
        """The law's tie rule for `seats` among `tied` lists: who takes them; what stays tied is kept for a
        lot (added to what other ties of the round left)."""
        tie = break_tie(self.ctx, self.ctx.contest.tie_rule, tied, seats, what)
        if tie.still_tied:
            self.tied = (*self.tied, *tie.still_tied)
            self.tied_seats += tie.seats_left
        self.tie_missing = (*self.tie_missing, *tie.missing)
        return tie.winners

    def give_back(
        self,
        given: dict[str, int],
        tied: tuple[str, ...],
        count: int,
        block: str | None = None,
        what: Fact | None = None,
    ) -> None:
        """`count` seats a rounded quota handed out beyond the house (or `what` else), to be taken back from lists
        with equal claims: the law's tie rule ranks them, those it ranks first keep their seats and the others give
        one back each. What the rule leaves tied is a lot (`tied_seats` negative: seats still to take back)."""
        keep = len(tied) - count
        tie = break_tie(self.ctx, self.ctx.contest.tie_rule, tied, keep, what or f.SeatsKept(keep, count, block))
        for name in tied:
            if name not in tie.winners and name not in tie.still_tied:
                given[name] -= 1
        if tie.still_tied:
            self.tied = (*self.tied, *tie.still_tied)
            self.tied_seats -= len(tie.still_tied) - tie.seats_left
        self.tie_missing = (*self.tie_missing, *tie.missing)

    def quota_of(self) -> str | None:
        """What the trace says a quota divides: the count the law names, or "" for the votes of the lists that
        share the seats (the meaning when the law does not write a base)."""
        base = self.ctx.contest.quota_base
        return "" if base is None or base.count is None else base.count

    def leftover_step(self, method: AllocationMethod, details: dict[str, object], votes: dict[str, int]) -> None:
        """`seats left over to the lists with the most votes`: the seats the full quotas left, and who took them."""
        rule = self.ctx.contest.leftover_by_votes
        if rule is None or not isinstance(method, QuotaMethod) or details.get("quota") is None:
            return
        given = details.get("remainder_seats", ())
        assert isinstance(given, tuple)
        full = details.get("full_quotas", {})
        assert isinstance(full, dict)
        left = sum(seats for _name, seats in given)
        inputs: list[tuple[str, InputValue]] = [(votes_of(n), votes[n]) for n in full]
        decision = f.LeftToMostVotes(left, given, _rounds(details))
        self.ctx.record(StepKind.ALLOCATION, rule.provenance, inputs, decision, StepResult.ALLOCATED)

    def plain_round(self, active: list[str], seats: int) -> dict[str, int]:
        contest = self.ctx.contest
        method = self.method
        votes = self.votes(active)
        self.tied, self.tied_seats, self.tie_missing = (), 0, ()
        held = self.counted_wins(active)
        result = allocate(method, votes, seats, active, held, self.quota_total(active))
        self.details = result.details
        inputs: list[tuple[str, InputValue]] = [(votes_of(n), votes[n]) for n in active]
        inputs += [(named(Named.CONSTITUENCY_SEATS_OF, n), held[n]) for n in active] if held else []
        if (base := self.quota_of()) and isinstance(method, QuotaMethod):
            inputs.append((base, figure_input(self.ctx.count(base))))
        inputs.append((word("seats"), seats))
        decision = f.Allocated(
            method_round(method, result.details, result.seats, active, seats, self.quota_of()), bool(held)
        )
        self.ctx.record(StepKind.ALLOCATION, contest.method_provenance, inputs, decision, StepResult.ALLOCATED)
        self.leftover_step(method, result.details, votes)
        given = dict(result.seats)
        if result.tied and result.tied_seats < 0:
            self.give_back(given, result.tied, -result.tied_seats)
        elif result.tied:
            tie = break_tie(self.ctx, contest.tie_rule, result.tied, result.tied_seats, f.LastSeats(result.tied_seats))
            for name in tie.winners:
                given[name] += 1
            self.tied, self.tied_seats, self.tie_missing = tie.still_tied, tie.seats_left, tie.missing
        for name in active:
            self.seats[name] = given[name]
        return given


def method_counts(contest: model.Contest) -> set[str]:
    """The counts the allocation itself reads: a quota's base, the share under which a multiplier applies, the
    base of the majority that takes the seat given last."""
    used = {contest.quota_base.count} if contest.quota_base is not None and contest.quota_base.count else set()
    used |= {contest.majority_seat.votes.base} if contest.majority_seat is not None else set()
    return used | ({contest.minority_below.base} if contest.minority_below is not None else set())


def _rounds(details: dict[str, object]) -> int:
    """Whole rounds of one seat to every list with votes that a quota's seats left over made (0 when fewer)."""
    rounds = details.get(word("rounds"), 0)
    assert isinstance(rounds, int)
    return rounds


def _left_over(details: dict[str, object]) -> int:
    """The seats a quota's round left to no list (full quotas, and one more for a part of a quota)."""
    left = details.get("left_over", 0)
    assert isinstance(left, int)
    return left


def method_round(
    method: AllocationMethod,
    details: dict[str, object],
    seats: dict[str, int],
    active: list[str],
    available: int,
    base: str | None = None,
) -> f.MethodRound:
    """What one round of the method found (the kernel's result and details), for the trace. `base`: what a quota
    divides, for the trace to name: a count, or "" for the votes of the lists sharing the seats (None: the trace
    says votes only, as in a list's distribution among units)."""
    given = tuple((n, seats[n]) for n in active)
    if isinstance(method, QuotaMethod):
        quota = details.get("quota")
        if quota is None:
            return f.NoVotesRound(method.name)
        assert isinstance(quota, Fraction)
        full = details.get("full_quotas", {})
        rem_seats = details.get("remainder_seats", ())
        assert isinstance(full, dict) and isinstance(rem_seats, tuple)
        total = details["total"]
        assert isinstance(total, int)
        offset = method.quota_offset
        return f.QuotaRound(
            method=method.name,
            total=total,
            seats=available,
            offset=offset,
            exact=Fraction(total, available + offset),
            quota=quota,
            rounding=method.quota_rounding,
            full=tuple((n, full[n]) for n in active),
            remainder_seats=rem_seats,
            given=given,
            base=base,
            rounds=_rounds(details),
            leftover=method.leftover,
            part=method.part,
            left_over=_left_over(details) if method.part is not None else 0,
        )
    last = details.get("last_average")
    return f.DivisorRound(method.name, given, last if isinstance(last, Fraction) else None)

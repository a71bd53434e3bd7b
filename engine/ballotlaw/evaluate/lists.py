"""A contest of lists in one unit: validity, thresholds, allocation with ties and cap, re-run check."""

from __future__ import annotations

from fractions import Fraction

from .. import model
from ..exact import show
from ..methods.kernels import AllocationMethod, QuotaMethod, allocate
from ..outcome import (
    ELECTED,
    LOT_NEEDED,
    PROVISIONAL,
    RERUN,
    VOID,
    CheckOutcome,
    DistributedSeats,
    Reason,
    SelectionOutcome,
    TestResult,
    UnitOutcome,
)
from ..trace import InputValue
from .context import UnitContext, figure_input
from .thresholds import test_threshold
from .ties import break_tie
from .unpublished import unpublished_figures


def check_validity(ctx: UnitContext) -> list[CheckOutcome]:
    """Validity clauses of the contest, each recorded; `valid at any turnout` is recorded as such."""
    checks = []
    if ctx.contest.valid_always is not None:
        ctx.record("validity", ctx.contest.valid_always, [], "the law sets no turnout minimum: valid", "valid")
        checks.append(CheckOutcome(ctx.contest.valid_always.full_label, "validity", "valid", "valid at any turnout"))
    for rule in ctx.contest.validity:
        checks.append(ctx.check_condition(rule, "validity"))
    return checks


def check_reruns(ctx: UnitContext) -> list[CheckOutcome]:
    return [ctx.check_condition(rule, "rerun") for rule in ctx.contest.reruns]


def _with_wins(ctx: UnitContext, rule: model.ThresholdRule, selection: str, test: TestResult) -> TestResult:
    """`, or N constituency wins`: a list that misses the share passes with that many wins."""
    if rule.alternative_wins is None or test.result == "passed":
        return test
    needed = rule.alternative_wins
    wins = ctx.results.attribute(ctx.unit, selection, "constituency_wins")
    if wins is None:
        missing = f"constituency_wins of {selection}"
        ctx.record(
            "threshold",
            rule.provenance,
            [(missing, "absent")],
            f"{selection}: the alternative of {needed} constituency wins is not evaluated: {missing} not in the data",
            "not evaluated",
        )
        return TestResult(
            test.clause,
            "not evaluated",
            f"{test.detail}; {missing} not in the data",
            test.share,
            (*test.missing, missing),
        )
    passed = wins >= needed
    word = "passed" if passed else test.result
    ctx.record(
        "threshold",
        rule.provenance,
        [(f"constituency wins of {selection}", wins)],
        f"{selection}: {wins} constituency wins, {'at least' if passed else 'fewer than'} {needed}",
        "passed" if passed else "failed",
    )
    return TestResult(
        test.clause,
        word,
        f"{test.detail}; {wins} constituency wins (needed: {needed})",
        test.share,
        () if passed else test.missing,
    )


def _fallback(ctx: UnitContext, qualified: dict[str, str], tests: dict[str, list[TestResult]]) -> None:
    """`if fewer than N lists qualify, the M lists with the most votes qualify`."""
    rule = ctx.contest.fallback
    if rule is None:
        return
    fewer_than, take, provenance = rule
    passing = [s for s, q in qualified.items() if q == "yes"]
    if len(passing) >= fewer_than or any(q == "undetermined" for q in qualified.values()):
        return
    label = provenance.full_label
    unknown = [s for s in ctx.selections if not ctx.vote(s).known or ctx.vote(s).value is None]
    if unknown:
        ctx.record(
            "fallback",
            provenance,
            [(f"votes of {s}", figure_input(ctx.vote(s))) for s in unknown],
            f"only {len(passing)} list(s) qualify, fewer than {fewer_than}; the fallback is not evaluated: "
            f"votes of {', '.join(unknown)} not in the data",
            "not evaluated",
        )
        for selection in ctx.selections:
            if qualified[selection] == "no":
                qualified[selection] = "undetermined"
                tests[selection].append(
                    TestResult(
                        label, "not evaluated", "fallback not evaluated", None, tuple(f"votes of {s}" for s in unknown)
                    )
                )
        return
    votes = {s: ctx.vote(s).value or 0 for s in ctx.selections}
    ranked = sorted(ctx.selections, key=lambda s: -votes[s])
    chosen = list(ranked[:take])
    tied_out: tuple[str, ...] = ()
    if 0 < take < len(ranked) and votes[ranked[take - 1]] == votes[ranked[take]]:
        edge = votes[ranked[take]]
        above = [s for s in ranked if votes[s] > edge]
        tied = tuple(s for s in ranked if votes[s] == edge)
        tie = break_tie(ctx, ctx.contest.tie_rule, tied, take - len(above), "the fallback's last place(s)")
        chosen = above + list(tie.winners)
        tied_out = tie.still_tied
    ctx.record(
        "fallback",
        provenance,
        [(f"votes of {s}", votes[s]) for s in ranked],
        f"only {len(passing)} list(s) qualify, fewer than {fewer_than}: the {take} with the most votes "
        f"qualify: {', '.join(chosen)}" + (f"; undecided among {', '.join(tied_out)}" if tied_out else ""),
        "fallback",
    )
    for selection in chosen:
        if qualified[selection] != "yes":
            qualified[selection] = "yes"
            tests[selection].append(TestResult(label, "passed", f"qualifies by the fallback ({len(passing)} passed)"))
    for selection in tied_out:
        if qualified[selection] != "yes":
            qualified[selection] = "undetermined"
            tests[selection].append(TestResult(label, "not evaluated", "tied for the fallback's last place"))


def _qualification(tests: list[TestResult]) -> str:
    if any(t.result == "failed" for t in tests):
        return "no"
    return "yes" if all(t.result == "passed" for t in tests) else "undetermined"


class Allocation:
    """Seats of the qualifying lists under the method, the tie rule and the cap."""

    def __init__(self, ctx: UnitContext, lists: list[str]) -> None:
        self.ctx = ctx
        self.lists = lists
        self.seats: dict[str, int] = {name: 0 for name in lists}
        self.tied: tuple[str, ...] = ()
        self.tied_seats = 0
        self.vacant = 0
        self.tie_missing: tuple[str, ...] = ()
        self.cap_checks: list[CheckOutcome] = []
        self.bonus_missing: tuple[str, ...] = ()
        self.mixed_missing: tuple[str, ...] = ()
        self.added = 0

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
        seats, condition, provenance = bonus
        leader = self.leader()
        inputs: list[tuple[str, InputValue]] = []
        missing: list[str] = []
        holds = True if condition is None else self.ctx.condition(condition, inputs, missing)
        if leader is None:
            self.bonus_missing = ("two lists share the lead",)
            self.ctx.record("bonus", provenance, inputs, "not evaluated: two lists share the lead", "not evaluated")
            return None, 0
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

    def wins(self, name: str) -> int | None:
        """A list's constituency seats (`constituency_wins`); None, and noted, when the data does not say."""
        wins = self.ctx.results.attribute(self.ctx.unit, name, "constituency_wins")
        if wins is None:
            self.mixed_missing = (*self.mixed_missing, f"constituency_wins of {name}")
        return wins

    def outside_wins(self) -> int:
        """Mixed systems: constituency seats won by lists that do not share the list seats. They keep them, and
        the seats shared out are fewer by as many."""
        if self.ctx.contest.mixed is None:
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
        if rule is None:
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
        if remaining < 0:  # constituency seats of lists that do not qualify exceed the house: it grows
            self.added += -remaining
            remaining = 0
        held: dict[str, int] = {}
        rules = [r for r in (contest.cap, contest.exhaustion) if r is not None]
        while True:
            given = self.round(active, remaining)
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
        if bonus_to is not None:
            self.seats[bonus_to] += bonus_seats
        self.stable_majority()
        self.deduct_constituency_seats(remaining)

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
        if contest.agreements is not None:
            groups = self.agreements(active)
            if groups:
                return self.round_with_agreements(active, seats, groups, contest.agreements)
        return self.plain_round(active, seats)

    def round_with_agreements(
        self, active: list[str], seats: int, groups: list[list[str]], provenance: model.Provenance
    ) -> dict[str, int]:
        votes = self.votes(active)
        grouped = {name for members in groups for name in members}
        blocks = {" + ".join(members): members for members in groups} | {n: [n] for n in active if n not in grouped}
        order = [key for key in blocks]
        together = {key: sum((votes[n] for n in members), 0) for key, members in blocks.items()}
        method = self.ctx.contest.method
        assert method is not None
        first = allocate(method, together, seats, order)
        inputs: list[tuple[str, InputValue]] = [(f"votes of {key}", together[key]) for key in order]
        self.ctx.record(
            "agreements",
            provenance,
            [*inputs, ("seats", seats)],
            "lists in an agreement allocated together: " + _describe(method, first.details, first.seats, order, seats),
            "allocated",
        )
        self.tied, self.tied_seats, self.tie_missing = (), 0, ()
        unresolved = "equal claims in an allocation with agreements: the tie rule is not applied there yet"
        if first.tied:
            self.tie_missing = (f"{unresolved} ({', '.join(first.tied)})",)
            self.ctx.record(
                "tie", None, [("tied", ", ".join(first.tied))], f"not evaluated: {unresolved}", "not evaluated"
            )
        given: dict[str, int] = {}
        for key, members in blocks.items():
            if len(members) == 1:
                given[members[0]] = first.seats[key]
                continue
            split = allocate(method, {n: votes[n] for n in members}, first.seats[key], members)
            self.ctx.record(
                "agreements",
                provenance,
                [*((f"votes of {n}", votes[n]) for n in members), ("seats of the agreement", first.seats[key])],
                f"the {first.seats[key]} seat(s) of {key} split: "
                + _describe(method, split.details, split.seats, members, first.seats[key]),
                "allocated",
            )
            given.update(split.seats)
            if split.tied:
                self.tie_missing = (*self.tie_missing, f"{unresolved} ({', '.join(split.tied)})")
        for name in active:
            self.seats[name] = given[name]
        return given

    def plain_round(self, active: list[str], seats: int) -> dict[str, int]:
        contest = self.ctx.contest
        method = contest.method
        assert method is not None
        votes = self.votes(active)
        self.tied, self.tied_seats, self.tie_missing = (), 0, ()
        result = allocate(method, votes, seats, active)
        inputs: list[tuple[str, InputValue]] = [(f"votes of {n}", votes[n]) for n in active]
        inputs.append(("seats", seats))
        decision = _describe(method, result.details, result.seats, active, seats)
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


def _describe(
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
        return (
            f"{method.name}: quota = {details['total']} votes / {available} seats = {show(quota)}; "
            + "full quotas: "
            + ", ".join(f"{n} {full[n]}" for n in active)
            + f"; remainder seats to: {', '.join(rem_seats) or 'none'}; seats: {given}"
        )
    last = details.get("last_average")
    return f"{method.name}: seats: {given}" + (
        f"; last seat at average {show(last)}" if isinstance(last, Fraction) else ""
    )


def evaluate_list_unit(ctx: UnitContext) -> UnitOutcome:
    """The whole contest of lists in one unit of competition."""
    contest = ctx.contest
    reasons: list[Reason] = []
    checks = check_validity(ctx)
    tests: dict[str, list[TestResult]] = {s: [] for s in ctx.selections}
    for rule in contest.thresholds:
        for selection in ctx.selections:
            members = ctx.results.attribute(ctx.unit, selection, "coalition_members") or 1
            minority = bool(ctx.results.attribute(ctx.unit, selection, "national_minority"))
            independent = bool(ctx.results.attribute(ctx.unit, selection, "independent"))
            if rule.applies(members, minority, independent):
                tests[selection].append(_with_wins(ctx, rule, selection, test_threshold(ctx, rule, selection)))
    qualified = {s: _qualification(tests[s]) for s in ctx.selections}
    _fallback(ctx, qualified, tests)
    ctx.qualification = qualified
    for rule in contest.thresholds:
        undetermined = [
            s
            for s in ctx.selections
            if qualified[s] == "undetermined"
            and any(t.clause == rule.provenance.full_label and t.result == "not evaluated" for t in tests[s])
        ]
        if undetermined:
            example = next(t for t in tests[undetermined[0]] if t.clause == rule.provenance.full_label)
            detail = example.detail.replace(f"votes of {undetermined[0]}", "votes of each list")
            missing = tuple(t.detail for s in undetermined for t in tests[s] if t.clause == rule.provenance.full_label)
            reasons.append(
                Reason(
                    rule.provenance.full_label,
                    f"not evaluated for {len(undetermined)} list(s) ({', '.join(undetermined)}): {detail}",
                    missing,
                )
            )
    contenders = [s for s in ctx.selections if qualified[s] != "no"]
    unknown_votes = [s for s in contenders if not ctx.vote(s).known]
    seats: dict[str, int] | None = None
    allocation = None
    if not contenders:
        reasons.append(
            Reason(
                contest.method_provenance.full_label if contest.method_provenance else contest.id,
                "no list qualifies: no seat can be allocated"
                + (
                    ""
                    if any(isinstance(r.condition, model.NoListQualifies) for r in contest.reruns)
                    else "; the rule file states no rule for this case (write `rerun if no list qualifies` if the "
                    "law orders a repeat election)"
                ),
            )
        )
    elif not unknown_votes and sum(ctx.vote(s).value or 0 for s in contenders) == 0:
        reasons.append(
            Reason(
                contest.method_provenance.full_label if contest.method_provenance else contest.id,
                "the lists that qualify have no votes: no seat can be allocated",
            )
        )
    elif contest.seats_in(ctx.unit) is None:
        reasons.append(
            Reason(
                contest.seats_provenance.full_label,
                f"the rule file gives no number of seats for {ctx.unit}: seats not computed",
            )
        )
    elif unknown_votes:
        reasons.append(
            Reason(
                contest.method_provenance.full_label if contest.method_provenance else contest.id,
                "seats not computed: the votes of "
                + ", ".join(unknown_votes)
                + " are not published and the lists may qualify",
                tuple(f"votes of {s}" for s in unknown_votes),
            )
        )
    else:
        allocation = Allocation(ctx, contenders)
        allocation.run()
        seats = allocation.seats
    if allocation is not None:
        checks.extend(allocation.cap_checks)
    checks.extend(check_reruns(ctx))
    status, seats_status = _status(checks, qualified, seats, allocation, reasons)
    distribution: tuple[DistributedSeats, ...] = ()
    if contest.distribution is not None and seats is not None and seats_status != "void":
        distribution, problems, drawn = _distribute(ctx, seats, contest.distribution)
        reasons.extend(problems + drawn)
        if problems and status == ELECTED:
            status = PROVISIONAL
        elif drawn and status == ELECTED:
            status = LOT_NEEDED
    note = _seats_note(ctx, contenders, qualified, seats_status, tests)
    if allocation is not None and allocation.added and seats_status != "void":
        why = (
            "seats added for a stable majority"
            if contest.mixed is None
            else "overhang seats kept"
            if contest.mixed[0] == "kept"
            else "the house levelled to the constituency seats"
        )
        note += f"; the house grows by {allocation.added} seat(s) ({why})"
    selections = tuple(
        SelectionOutcome(
            id=s,
            votes=ctx.vote(s),
            tests=tuple(tests[s]),
            qualified=qualified[s],
            seats=(seats.get(s, 0) if seats is not None and seats_status not in ("void",) else None),
            elected=((seats.get(s, 0) > 0) if seats is not None and status == ELECTED else None),
        )
        for s in ctx.selections
    )
    unit = ctx.results.units[ctx.unit]
    return UnitOutcome(
        unit=ctx.unit,
        name=unit.name,
        status=status,
        reasons=tuple(reasons),
        selections=selections,
        checks=tuple(checks),
        seats_status=seats_status,
        seats_note=note,
        tied=allocation.tied if allocation else (),
        tied_seats=allocation.tied_seats if allocation else 0,
        unpublished=unpublished_figures(ctx),
        seats_available=contest.seats_in(ctx.unit) if contest.seats_by_unit is not None else None,
        seats_added=allocation.added if allocation is not None and seats_status != "void" else 0,
        distribution=distribution,
    )


def _distribute(
    ctx: UnitContext, seats: dict[str, int], rule: tuple[str, AllocationMethod, model.Provenance]
) -> tuple[tuple[DistributedSeats, ...], list[Reason], list[Reason]]:
    """Each list's seats shared among the units of `level` below this unit by the list's votes there:
    (the seats per list and unit, reasons it could not be done, ties the law leaves to a lot)."""
    level, method, provenance = rule
    label = provenance.full_label
    units = [u.id for u in ctx.descendants(level)]
    if not units:
        return (), [Reason(label, f"the results give no unit of level `{level}` under {ctx.unit}")], []
    out: list[DistributedSeats] = []
    problems: list[Reason] = []
    drawn: list[Reason] = []
    for name in ctx.selections:
        given = seats.get(name, 0)
        if given <= 0:
            continue
        figures = {u: ctx.vote(name, u) for u in units}
        unknown = [u for u, f in figures.items() if not f.known or f.value is None]
        if unknown:
            missing = tuple(f"votes of {name} in {u}" for u in unknown)
            ctx.record("distribution", provenance, [], f"{name}: not evaluated: {'; '.join(missing)}", "not evaluated")
            problems.append(Reason(label, f"the seats of {name} are not distributed: " + "; ".join(missing), missing))
            continue
        votes = {u: figures[u].value or 0 for u in units}
        result = allocate(method, votes, given, units)
        inputs: list[tuple[str, InputValue]] = [(f"votes of {name} in {u}", votes[u]) for u in units]
        decision = f"{name}: " + _describe(method, result.details, result.seats, units, given)
        ctx.record("distribution", provenance, [*inputs, (f"seats of {name}", given)], decision, "distributed")
        if result.tied:
            what = "to be drawn by lot among" if result.tied_seats > 0 else "to be taken back, by lot, from one of"
            drawn.append(Reason(label, f"{abs(result.tied_seats)} seat(s) of {name} {what} " + ", ".join(result.tied)))
        out.extend(DistributedSeats(name, u, result.seats[u]) for u in units if result.seats[u])
    return tuple(out), problems, drawn


def _status(
    checks: list[CheckOutcome],
    qualified: dict[str, str],
    seats: dict[str, int] | None,
    allocation: Allocation | None,
    reasons: list[Reason],
) -> tuple[str, str]:
    for check in checks:
        if check.result == "not evaluated":
            reasons.append(
                Reason(check.clause, f"{check.kind} check not evaluated: {'; '.join(check.missing)}", check.missing)
            )
    if any(c.result == "void" for c in checks):
        return VOID, "void"
    if any(c.result == "rerun" for c in checks):
        return RERUN, "void"
    if seats is None:
        return PROVISIONAL, "not computed"
    conditional = any(q == "undetermined" for q in qualified.values())
    seats_status = "conditional" if conditional else "computed"
    if allocation is not None:
        for key, what, missing in (
            ("bonus", "majority bonus not evaluated", allocation.bonus_missing),
            ("mixed", "constituency seats not deducted", allocation.mixed_missing),
            ("ties", "tie rule not evaluated", allocation.tie_missing),
        ):
            if missing:
                reasons.append(Reason(key, f"{what}: " + "; ".join(missing), missing))
                return PROVISIONAL, seats_status
    if any(c.result == "not evaluated" for c in checks) or conditional:
        return PROVISIONAL, seats_status
    if allocation is not None and allocation.tied:
        what = "to be drawn by lot among" if allocation.tied_seats > 0 else "to be taken back, by lot, from one of"
        reasons.append(Reason("ties", f"{abs(allocation.tied_seats)} seat(s) {what} " + ", ".join(allocation.tied)))
        return LOT_NEEDED, seats_status
    return ELECTED, seats_status


def _seats_note(
    ctx: UnitContext,
    contenders: list[str],
    qualified: dict[str, str],
    seats_status: str,
    tests: dict[str, list[TestResult]],
) -> str:
    if seats_status == "void":
        return "no seats are awarded: the election in this unit is void or must be repeated"
    if seats_status == "not computed":
        return "seats cannot be computed until the missing figures are published"
    unpublished = [s for s in ctx.selections if not ctx.vote(s).known]
    counts = [
        c
        for c in ctx.law.counts.values()
        if not c.per_selection
        and ctx.unit in [u for u in ctx.results.units]
        and not ctx.count(c.name).known
        and c.levels
        and ctx.results.units[ctx.unit].level in c.levels
    ]
    parts = [f"seats computed from the published votes of the {len(contenders)} list(s) that are not excluded"]
    independent = []
    if unpublished:
        independent.append(
            f"the unpublished votes of {len(unpublished)} list(s), each excluded by a threshold on its published bound"
        )
    if counts:
        independent.append(", ".join(c.name for c in counts) + " (used only by other checks)")
    if independent:
        parts.append("they do not depend on " + " nor on ".join(independent))
    if seats_status == "conditional":
        pending = sorted({t.clause for s in contenders for t in tests[s] if t.result == "not evaluated"})
        parts.append(
            f"they are conditional: they hold if the lists also pass {', '.join(pending)}, which could not be evaluated"
        )
    return "; ".join(parts)

"""Check one contest block: each clause's names and types, labels, conflicts and required clauses."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING

from attrs import define, field

from .. import model
from ..diagnostics.diagnostic import Related
from ..methods.biproportional import supports as supports_biproportional
from ..methods.kernels import ROUNDING_WORDS, AllocationMethod, DivisorMethod, QuotaMethod
from ..methods.registry import ELECTION_RULES, METHODS, TIE_RULES
from ..syntax import ast

if TYPE_CHECKING:
    from .checker import Checker

#: Clause kinds of which a contest may hold only one: a second one defines the same thing again.
_SINGLE = (
    ast.Compete,
    ast.Seats,
    ast.SeatsByUnit,
    ast.SeatsApportioned,
    ast.Allocate,
    ast.Ties,
    ast.Cap,
    ast.Minimum,
    ast.Exhaustion,
    ast.Elect,
    ast.ElectIf,
    ast.ValidAlways,
    ast.Runoff,
    ast.Fallback,
    ast.ShareFallback,
    ast.Multiplier,
    ast.Bonus,
    ast.StableMajority,
    ast.Mixed,
    ast.Agreements,
    ast.Distribute,
    ast.Adjustment,
    ast.Pooled,
    ast.Placement,
    ast.Biproportional,
)
_LISTS_ONLY = {
    ast.Threshold: "a threshold",
    ast.Allocate: "an allocation method",
    ast.Cap: "a cap per list",
    ast.Minimum: "a minimum of seats per list",
    ast.Exhaustion: "a rule for lists short of candidates",
    ast.Fallback: "a fallback for too few qualifying lists",
    ast.ShareFallback: "a fallback for qualifying lists holding too small a share",
    ast.Multiplier: "a multiplier of minority lists' averages",
    ast.Bonus: "a majority bonus",
    ast.StableMajority: "a stable-majority rule",
    ast.Mixed: "the deduction of constituency seats",
    ast.Agreements: "apparentment of lists",
    ast.Distribute: "the distribution of a list's seats",
    ast.Adjustment: "adjustment seats",
    ast.ReservedSeat: "a seat reserved for a national minority",
    ast.Pooled: "a national pool of the seats left over",
    ast.Placement: "the placing of adjustment seats in districts",
    ast.Biproportional: "a biproportional apportionment",
}
_CANDIDATES_ONLY = {
    ast.Elect: "a rule for electing candidates",
    ast.ElectIf: "a rule for electing candidates",
    ast.Runoff: "a second round",
}
_OPTIONS_ONLY = {ast.Approve: "a rule for approving an option"}


@define
class Parts:
    """What the clauses of one contest have established so far."""

    compete: model.Provenance | None = None
    seats: tuple[int, model.Provenance] | None = None
    seats_by_unit: dict[str, int] | None = None
    method: tuple[AllocationMethod, model.Provenance] | None = None
    elect: tuple[str, model.Provenance] | None = None
    ties: model.TieRule | None = None
    cap: model.CapRule | None = None
    valid_always: model.Provenance | None = None
    thresholds: list[model.ThresholdRule] = field(factory=list)
    reruns: list[model.ConditionRule] = field(factory=list)
    validity: list[model.ConditionRule] = field(factory=list)
    elect_if: model.ConditionRule | None = None
    runoff: model.RunoffRule | None = None
    approvals: list[model.ApproveRule] = field(factory=list)
    recounts: list[model.ConditionRule] = field(factory=list)
    exhaustion: model.CapRule | None = None
    multiplier: tuple[Fraction, model.Provenance] | None = None
    bonus: model.BonusRule | None = None
    stable_majority: tuple[Fraction, model.Provenance] | None = None
    mixed: tuple[str, model.Provenance] | None = None
    agreements: model.Provenance | None = None
    distribution: tuple[str, AllocationMethod, model.Provenance] | None = None
    adjustment: model.Adjustment | None = None
    biproportional: model.Biproportional | None = None
    fallback: tuple[int, int, model.Provenance] | None = None
    share_fallback: tuple[Fraction, str, model.Provenance] | None = None
    reserved: list[model.ReservedSeat] = field(factory=list)
    pooled: tuple[AllocationMethod, model.Provenance] | None = None
    placement: tuple[AllocationMethod, model.Provenance] | None = None
    minimum: model.CapRule | None = None
    apportioned: tuple[str, AllocationMethod, model.Provenance] | None = None


class ContestChecker:
    """Checks one contest against the declarations the file checker has collected."""

    def __init__(self, checker: Checker, contest: ast.Contest) -> None:
        self.c = checker
        self.contest = contest
        self.block = contest.id.text
        self.competitors: str | None = None
        self.level: str | None = None
        self.every = False  # the contest is decided in every unit of its level

    def check(self) -> model.Contest | None:
        clauses = self.contest.clauses
        self.check_labels(clauses)
        self.check_conflicts(clauses)
        compete = next((cl for cl in clauses if isinstance(cl.body, ast.Compete)), None)
        if compete is None:
            self.c.fail(
                "E402",
                self.contest.id.span,
                f"the contest `{self.block}` does not say who competes where",
                hint="add a clause such as `lists compete in the nation [source]` or "
                "`candidates compete in every district [source]`",
            )
        else:
            assert isinstance(compete.body, ast.Compete)
            self.competitors = compete.body.competitors
            if self.c.known_level(compete.body.level):
                self.level = compete.body.level.text
                self.every = compete.body.every
        parts = Parts()
        for clause in clauses:
            self.check_applicable(clause)
            provenance = self.c.provenance(self.block, clause)
            self.check_clause(clause, provenance, parts)
        return self.assemble(compete, parts)

    # ---- structure ----------------------------------------------------------------------------------

    def check_labels(self, clauses: tuple[ast.Clause, ...]) -> None:
        seen: dict[str, ast.Clause] = {}
        for clause in clauses:
            label = clause.effective_label
            if label in seen and not isinstance(clause.body, _SINGLE):
                written = clause.label.span if clause.label else clause.span
                self.c.fail(
                    "E302",
                    written,
                    f"two clauses of `{self.block}` have the label `{label}`",
                    hint="give each its own label, e.g. `national_threshold:` and `regional_threshold:`",
                    related=(Related("the other one", seen[label].span),),
                )
            seen.setdefault(label, clause)

    def check_conflicts(self, clauses: tuple[ast.Clause, ...]) -> None:
        first: dict[str, ast.Clause] = {}
        for clause in clauses:
            kind = type(clause.body)
            key = (
                "valid"
                if kind in (ast.ValidAlways, ast.ValidIf)
                else "elect"
                if kind in (ast.Elect, ast.ElectIf)
                else "seats"
                if kind in (ast.Seats, ast.SeatsByUnit, ast.SeatsApportioned)
                else "allocate"
                if kind in (ast.Allocate, ast.Biproportional)
                else kind.__name__
            )
            if kind not in _SINGLE and kind is not ast.ValidIf:
                continue
            other = first.get(key)
            if other is not None and (isinstance(other.body, ast.ValidAlways) or kind is not ast.ValidIf):
                self.c.fail(
                    "E401",
                    clause.span,
                    f"this clause defines `{clause.effective_label}` of `{self.block}` a second time",
                    hint="a contest states each rule once: remove one clause, or, if the law changed, "
                    "write the newer version in its own rule file",
                    related=(Related("first defined here", other.span),),
                )
            first.setdefault(key, clause)

    def check_applicable(self, clause: ast.Clause) -> None:
        kind = type(clause.body)
        if kind in _OPTIONS_ONLY and self.competitors in ("lists", "candidates"):
            self.c.fail(
                "E406",
                clause.span,
                f"{_OPTIONS_ONLY[kind]} applies to questions, but in `{self.block}` {self.competitors} compete",
                hint="write `options compete in the nation` for a referendum",
            )
        if self.competitors == "options" and (kind in _LISTS_ONLY or kind in _CANDIDATES_ONLY):
            what = _LISTS_ONLY.get(kind) or _CANDIDATES_ONLY.get(kind)
            self.c.fail(
                "E406",
                clause.span,
                f"{what} does not apply to a question, where options compete",
                hint='decide a question with `approve "yes" if ...`',
            )
        if self.competitors == "candidates" and kind in _LISTS_ONLY:
            self.c.fail(
                "E406",
                clause.span,
                f"{_LISTS_ONLY[kind]} applies to lists, but in `{self.block}` candidates compete",
                hint="move it to the contest of lists, or remove it",
            )
        if self.competitors == "lists" and kind in _CANDIDATES_ONLY:
            self.c.fail(
                "E406",
                clause.span,
                f"{_CANDIDATES_ONLY[kind]} applies to candidates, but in `{self.block}` lists compete",
                hint="use `allocate by ...` for lists",
            )

    # ---- clauses ------------------------------------------------------------------------------------

    def known_method(self, words: ast.Words) -> AllocationMethod | None:
        """The allocation method a phrase names; E204 with the closest names when there is none."""
        method = METHODS.get(words.phrase)
        if method is None:
            self.c.fail(
                "E204",
                words.span,
                f"`{words.phrase}` is not an allocation method ballotlaw knows",
                hint=self.c_suggest(words.phrase, METHODS),
            )
        return method

    def rational_divisors(self, words: ast.Words, why: str) -> DivisorMethod | None:
        """A divisor method with rational divisors (E204 naming `why` when the phrase names another)."""
        method = self.known_method(words)
        if method is not None and not (isinstance(method, DivisorMethod) and supports_biproportional(method)):
            self.c.fail(
                "E204",
                words.span,
                f"`{words.phrase}` {why}",
                hint="use a divisor method with rational divisors: `sainte-lague divisors`, `d'hondt divisors`",
            )
            return None
        return method if isinstance(method, DivisorMethod) else None

    def check_clause(self, clause: ast.Clause, provenance: model.Provenance, parts: Parts) -> None:
        body = clause.body
        if isinstance(body, ast.Compete):
            parts.compete = provenance
        elif isinstance(body, ast.Seats):
            seats = self.c.whole_number(body.number, "a number of seats")
            if seats is not None and seats <= 0:
                self.c.fail(
                    "E213",
                    body.number.span,
                    "a contest must have at least one seat",
                    hint="write the number of seats the law gives, e.g. `seats 54`",
                )
                seats = None
            if seats is not None:
                parts.seats = (seats, provenance)
        elif isinstance(body, ast.SeatsByUnit):
            table: dict[str, int] = {}
            for number, place in body.entries:
                seats = self.c.whole_number(number, "a number of seats")
                if seats is not None and seats <= 0:
                    self.c.fail("E213", number.span, "a unit must have at least one seat", hint='e.g. `12 in "North"`')
                    continue
                if place.text in table:
                    self.c.fail(
                        "E401",
                        place.span,
                        f"the seats of `{place.text}` are given twice",
                        hint="give each unit of competition its number of seats once",
                    )
                    continue
                if seats is not None:
                    table[place.text] = seats
            parts.seats_by_unit = table
            parts.seats = (sum(table.values()), provenance)
        elif isinstance(body, ast.SeatsApportioned):
            seats = self.c.whole_number(body.number, "a number of seats")
            method = self.known_method(body.method)
            count = self.c.known_count(body.base)
            if self.c.known_level(body.level) and body.level.text != self.level:
                self.c.fail(
                    "E406",
                    body.level.span,
                    f"the seats are apportioned to the units the contest is decided in (`{self.level}`), "
                    f"not to `{body.level.text}`",
                    hint=f"write `apportioned to every {self.level} by ...`",
                )
            elif isinstance(method, QuotaMethod) and method.leftover == "none":
                self.c.fail(
                    "E204",
                    body.method.span,
                    f"`{body.method.phrase}` leaves seats over: every seat of the house must go to a unit",
                    hint="use a method that gives every seat, e.g. `hare quota and largest remainders`",
                )
            elif seats is not None and seats > 0 and method is not None and count is not None:
                self.c.count_on_level(body.base, count, body.level.text)
                parts.seats = (seats, provenance)
                parts.apportioned = (body.base.text, method, provenance)
        elif isinstance(body, ast.Threshold):
            rule = self.threshold(body, provenance)
            if rule is not None:
                parts.thresholds.append(rule)
        elif isinstance(body, ast.Allocate) and body.quota is not None:
            offset, rounding, leftover = body.quota
            rounded = f" {ROUNDING_WORDS[rounding]}" if ROUNDING_WORDS[rounding] else ""
            parts.method = (
                QuotaMethod(
                    name=f"the quota of votes over seats plus {offset}{rounded}, with {leftover}",
                    quota_offset=offset,
                    quota_rounding=rounding,
                    leftover=leftover,
                    reference=f"quota = votes / (seats + {offset}), rounded {rounding}; seats left over: {leftover}",
                ),
                provenance,
            )
        elif isinstance(body, ast.Allocate) and body.divisors:
            sequence = self.divisor_sequence(body)
            if sequence is not None:
                parts.method = (sequence, provenance)
        elif isinstance(body, ast.Allocate):
            method = self.known_method(body.method)
            if method is not None:
                parts.method = (method, provenance)
        elif isinstance(body, ast.Elect):
            if body.rule.phrase not in ELECTION_RULES:
                self.c.fail(
                    "E207",
                    body.rule.span,
                    f"`{body.rule.phrase}` is not an election rule ballotlaw knows",
                    hint=self.c_suggest(body.rule.phrase, ELECTION_RULES),
                )
            else:
                parts.elect = (body.rule.phrase, provenance)
        elif isinstance(body, ast.Ties):
            keys = []
            for words in body.rules:
                if words.phrase not in TIE_RULES:
                    self.c.fail(
                        "E205",
                        words.span,
                        f"`{words.phrase}` is not a tie rule ballotlaw knows",
                        hint=self.c_suggest(words.phrase, TIE_RULES),
                    )
                keys.append(words.phrase)
            parts.ties = model.TieRule(provenance, tuple(keys))
        elif isinstance(body, ast.Cap):
            seats = self.c.whole_number(body.number, "a number of seats")
            if seats is not None and seats <= 0:
                self.c.fail("E213", body.number.span, "a cap must allow at least one seat")
                seats = None
            if body.excess is None:
                self.c.fail(
                    "E405",
                    clause.span,
                    "the cap does not say what happens to seats above it",
                    hint="end the clause with `, excess redistributed` or `, excess left vacant`; if the "
                    'law is silent, say which you assume with `assumption "..."`',
                )
            elif seats is not None:
                parts.cap = model.CapRule(provenance, seats, body.excess == "redistributed")
        elif isinstance(body, ast.Minimum):
            least = self.c.whole_number(body.number, "a number of seats")
            if least is not None and least <= 0:
                self.c.fail("E213", body.number.span, "a minimum must be at least one seat")
            elif least is not None:
                parts.minimum = model.CapRule(provenance, least, True)
        elif isinstance(body, ast.Rerun):
            condition = self.condition(body.condition)
            if condition is not None:
                note = {
                    "may stand again": "the same candidates may stand again",
                    "barred": "the candidates of the failed election may not stand again",
                }.get(body.candidates or "")
                parts.reruns.append(model.ConditionRule(provenance, condition, note))
        elif isinstance(body, ast.ValidIf):
            condition = self.condition(body.condition)
            if condition is not None:
                parts.validity.append(model.ConditionRule(provenance, condition))
        elif isinstance(body, ast.ShareFallback):
            target = ast.Threshold(comparator="at least", number=body.share, base=body.base, level=None, span=body.span)
            rule = self.threshold(target, provenance)
            if rule is not None:
                parts.share_fallback = (rule.share, rule.base, provenance)
        elif isinstance(body, ast.Fallback):
            parts.fallback = (body.fewer_than, body.take, provenance)
        elif isinstance(body, ast.Bonus):
            parts.bonus = self.bonus(body, provenance)
        elif isinstance(body, ast.Mixed):
            parts.mixed = (body.overhang, provenance)
        elif isinstance(body, ast.Agreements):
            parts.agreements = provenance
        elif isinstance(body, ast.Biproportional):
            method = self.rational_divisors(body.method, "cannot round a biproportional apportionment")
            if method is not None:
                parts.biproportional = model.Biproportional(method, provenance, body.voter_numbers)
                parts.method = (method, provenance)
        elif isinstance(body, ast.Adjustment):
            rule = self.threshold(body.threshold, provenance)
            method = self.known_method(body.method)
            if rule is not None and method is not None:
                parts.adjustment = model.Adjustment(body.seats, rule, method, provenance)
        elif isinstance(body, ast.Placement):
            method = self.rational_divisors(body.method, "has no next divisor to place seats by")
            if self.c.known_level(body.level) and body.level.text != self.level:
                self.c.fail(
                    "E406",
                    body.level.span,
                    f"adjustment seats are placed in the units the contest is decided in (`{self.level}`), "
                    f"not in `{body.level.text}`",
                    hint=f"write `place the adjustment seats one per {self.level} by ...`",
                )
            elif method is not None:
                parts.placement = (method, provenance)
        elif isinstance(body, ast.Pooled):
            method = self.known_method(body.method)
            if isinstance(method, QuotaMethod) and method.leftover == "none":
                self.c.fail(
                    "E204",
                    body.method.span,
                    f"`{body.method.phrase}` leaves seats over itself: the pool must hand out every seat",
                    hint="pool with a method that gives the seats left over, e.g. "
                    "`hagenbach-bischoff quota rounded to a whole number and largest remainders`",
                )
            elif method is not None:
                parts.pooled = (method, provenance)
        elif isinstance(body, ast.ReservedSeat):
            rule = self.threshold(body.threshold, provenance)
            twice = next((r for r in parts.reserved if r.minority == body.minority), None)
            if body.seats <= 0 or body.minority <= 0:
                self.c.fail(
                    "E213",
                    body.span,
                    "a reserved seat needs at least one seat and a minority number of 1 or more",
                    hint="write e.g. `1 seat to the leading list of national minority 3 ...`; the results give "
                    "each minority list that number as `national_minority`",
                )
            elif twice is not None:
                self.c.fail(
                    "E401",
                    body.span,
                    f"seats reserved for national minority {body.minority} are defined a second time",
                    hint="a contest states each rule once: remove one clause",
                )
            elif rule is not None:
                parts.reserved.append(model.ReservedSeat(body.seats, body.minority, rule, provenance))
        elif isinstance(body, ast.Distribute):
            known = self.known_method(body.method)
            if known is not None and self.c.known_level(body.level):
                parts.distribution = (body.level.text, known, provenance)
        elif isinstance(body, ast.StableMajority):
            share = self.c.share(body.share, "a share of the seats")
            if share is not None and not 0 < share < 1:
                self.c.fail(
                    "E220",
                    body.share.span,
                    f"a stable majority of {body.share.text} of the seats cannot be reached by adding seats",
                    hint="the law's share is more than 0% and less than 100%, e.g. `at least 54% of the seats`",
                )
            elif share is not None:
                parts.stable_majority = (share, provenance)
        elif isinstance(body, ast.Multiplier):
            if body.factor.kind in ("percent", "fraction") or body.factor.value <= 0:
                self.c.fail(
                    "E212",
                    body.factor.span,
                    f"`{body.factor.text}` is not a multiplier",
                    hint="write a positive number such as 1.35",
                )
            else:
                parts.multiplier = (body.factor.value, provenance)
        elif isinstance(body, ast.Exhaustion):
            if body.excess is None:
                self.c.fail(
                    "E405",
                    clause.span,
                    "the clause does not say what happens to the seats a list cannot fill",
                    hint="end it with `, excess redistributed` or `, excess left vacant`",
                )
            else:
                parts.exhaustion = model.CapRule(provenance, 0, body.excess == "redistributed")
        elif isinstance(body, ast.ElectIf):
            condition = self.condition(body.condition)
            if condition is not None:
                parts.elect_if = model.ConditionRule(provenance, condition)
        elif isinstance(body, ast.Runoff):
            parts.runoff = self.runoff(body, provenance)
        elif isinstance(body, ast.Approve):
            condition = self.condition(body.condition)
            if condition is not None:
                parts.approvals.append(model.ApproveRule(provenance, body.option.text, condition))
        elif isinstance(body, ast.Recount):
            condition = self.condition(body.condition)
            if condition is not None:
                parts.recounts.append(model.ConditionRule(provenance, condition))
        elif isinstance(body, ast.ValidAlways):
            parts.valid_always = provenance

    def c_suggest(self, phrase: str, known: Mapping[str, object]) -> str:
        from .checker import suggest

        listing = ", ".join(f"`{k}`" for k in sorted(known))
        hint = suggest(phrase, known)
        return f"{hint} known: {listing}" if hint else f"known: {listing}"

    def clause_of(self, kind: type) -> ast.Clause | None:
        """The contest's clause of this kind (each is written once, or E401 has said so)."""
        return next((c for c in self.contest.clauses if isinstance(c.body, kind)), None)

    def check_combinations(self, parts: Parts, seats: int) -> bool:
        """Clauses that contradict the method or each other; never one silently ignored."""
        ok = True
        if parts.biproportional is not None:
            ignored = (
                (ast.Cap, "a cap"),
                (ast.Minimum, "a minimum of seats"),
                (ast.Bonus, "a majority bonus"),
                (ast.StableMajority, "a stable majority"),
                (ast.Agreements, "agreements between lists"),
                (ast.Multiplier, "a multiplier of averages"),
                (ast.ReservedSeat, "a reserved seat"),
                (ast.Mixed, "the deduction of constituency seats"),
                (ast.Exhaustion, "lists short of candidates"),
            )
            for kind, what in ignored:
                found = self.clause_of(kind)
                if found is not None:
                    self.c.fail(
                        "E406",
                        found.span,
                        f"{what}: ballotlaw does not apply it together with a biproportional apportionment",
                        hint="the biproportional apportionment gives every district and list its seats at once; "
                        "ballotlaw would not apply this clause, so it refuses the file rather than ignore it",
                    )
                    ok = False
        method = parts.method[0] if parts.method else None
        fewer, take = parts.fallback[:2] if parts.fallback else (0, 0)
        least = parts.minimum.seats if parts.minimum and parts.seats_by_unit is None else 0
        bonus = parts.bonus.largest if parts.bonus and parts.seats_by_unit is None else 0
        contradictions: tuple[tuple[bool, str, type, str, str], ...] = (
            (
                parts.multiplier is not None and isinstance(method, QuotaMethod),
                "E406",
                ast.Multiplier,
                f"`{method.name if method else ''}` has no averages to multiply",
                "averages (quotients) are those of a divisor method, e.g. `allocate by d'hondt divisors`",
            ),
            (
                take < fewer,
                "E220",
                ast.Fallback,
                f"the fallback lets {take} list(s) qualify when fewer than {fewer} do: still too few",
                f"write `the {fewer} lists with the most votes qualify` (or more), as the law says",
            ),
            (
                least > seats,
                "E220",
                ast.Minimum,
                f"a minimum of {least} seats per list is more than the {seats} seats of `{self.block}`",
                "check the number of seats and the minimum against the law",
            ),
            (
                bonus > seats,
                "E220",
                ast.Bonus,
                f"a bonus of up to {bonus} seats is more than the {seats} seats of `{self.block}`",
                "check the number of seats and the bonus against the law",
            ),
        )
        counted = parts.mixed is not None and parts.mixed[0] == "counted"
        joint = any(t.applies_to is not None and t.applies_to[0] == "minorities jointly" for t in parts.thresholds)
        contradictions += (
            (
                counted and not isinstance(method, DivisorMethod),
                "E406",
                ast.Mixed,
                "constituency seats can be counted only in the divisors of a divisor method",
                "the additional member system gives its list seats by highest averages, e.g. `allocate by d'hondt "
                "divisors`",
            ),
            (
                counted and (parts.agreements is not None or joint),
                "E406",
                ast.Mixed,
                "constituency seats counted in the divisors do not combine with lists allocated together "
                "(agreements, a joint minority list) in ballotlaw",
                "ballotlaw would not count them there, so it refuses the file rather than ignore the clause",
            ),
        )
        for holds, code, clause_kind, message, hint in contradictions:
            if holds and (clause := self.clause_of(clause_kind)) is not None:
                self.c.fail(code, clause.span, message, hint=hint)
                ok = False
        return ok

    def bonus(self, body: ast.Bonus, provenance: model.Provenance) -> model.BonusRule | None:
        seats = self.c.whole_number(body.seats, "a number of seats")
        if body.threshold is None:
            condition = self.condition(body.condition) if body.condition is not None else None
            if seats is None or (body.condition is not None and condition is None):
                return None
            return model.BonusRule(seats, condition, provenance)
        rule = self.threshold(body.threshold, provenance)
        assert body.step is not None and body.most is not None and body.per_step is not None
        step = self.c.share(body.step, "the step of a sliding bonus")
        if step == 0:
            self.c.fail(
                "E219",
                body.step.span,
                "the step of a sliding bonus is 0%: the bonus would grow without end",
                hint="write the share that earns each further seat, e.g. `for every further 0.5%`",
            )
            step = None
        if seats is not None and body.most < seats:
            self.c.fail(
                "E219",
                body.span,
                f"the bonus starts at {seats} seats but may be at most {body.most}",
                hint=f"the most a sliding bonus gives is its largest value: write `at most {seats} seats` or more",
            )
            return None
        if seats is None or rule is None or step is None:
            return None
        return model.BonusRule(seats, None, provenance, rule, body.per_step, step, body.most)

    def threshold(self, body: ast.Threshold, provenance: model.Provenance) -> model.ThresholdRule | None:
        ok = True
        if body.comparator is None:
            self.c.fail(
                "E404",
                body.span,
                "the threshold does not say whether the share must be reached or exceeded",
                hint=f"write `threshold at least {body.number.text} ...` (a share equal to it passes) or "
                f"`threshold more than {body.number.text} ...`",
            )
            ok = False
        share = self.c.share(body.number, "a threshold")
        if body.base is None:
            self.c.fail(
                "E403",
                body.span,
                "the threshold does not say what it is a share of",
                hint=f"name the base the law measures it on, e.g. `{body.number.text} of voters_took_part` "
                "or `of valid_votes`; ballotlaw never assumes one",
            )
            ok = False
        else:
            count = self.c.known_count(body.base)
            if count is None:
                ok = False
            else:
                measured = self.level
                if body.level is None and self.every and self.level is not None:
                    # `nationally` in a contest decided in every district is measured on the top level
                    measured = next((lv.name for lv in self.c.levels.values() if lv.rank == 0), self.level)
                if measured is not None:
                    self.c.count_on_level(body.base, count, measured)
                if body.level is not None and body.level.text in self.c.levels:
                    self.c.count_on_level(body.base, count, body.level.text)
        if body.level is not None and not self.c.known_level(body.level):
            ok = False
        if share is None or not ok:
            return None
        assert body.base is not None and body.comparator is not None
        return model.ThresholdRule(
            provenance,
            body.comparator == "at least",
            share,
            body.number.text,
            body.base.text,
            body.level.text if body.level else None,
            body.applies_to,
            body.at_least_units,
            body.alternative_wins,
        )

    # ---- conditions ---------------------------------------------------------------------------------

    def condition(self, node: ast.Condition) -> model.Condition | None:
        if isinstance(node, ast.NoListQualifies):
            if self.competitors == "candidates":
                self.c.fail(
                    "E406",
                    node.span,
                    f"`no list qualifies` is about lists, but in `{self.block}` candidates compete",
                    hint="candidates have no threshold; remove the condition",
                )
                return None
            return model.NoListQualifies()
        if isinstance(node, ast.Comparison):
            left, right = self.term(node.left), self.term(node.right)
            if left is None or right is None:
                return None
            return model.Compare(left, node.operator, right, node.span.text or node.operator)
        if isinstance(node, ast.SumComparison):
            raise AssertionError("the grammar gives sums in the `when` of control relations only")
        items = [self.condition(item) for item in node.items]
        if any(item is None for item in items):
            return None
        checked = tuple(item for item in items if item is not None)
        return model.AllOf(checked) if isinstance(node, ast.AllOf) else model.AnyOf(checked)

    def divisor_sequence(self, body: ast.Allocate) -> DivisorMethod | None:
        values = []
        for number in body.divisors:
            if number.kind in ("percent", "fraction"):
                self.c.fail("E211", number.span, f"`{number.text}` is not a divisor", hint="write a number such as 1.4")
                return None
            values.append(number.value)
        if any(b <= a for a, b in itertools.pairwise(values)) or values[0] < 0:
            self.c.fail(
                "E212",
                body.span,
                "the divisors must be zero or more and grow",
                hint="write them in order, e.g. `allocate by divisors 1.4, 3, 5`",
            )
            return None
        step = values[-1] - values[-2]
        # Every divisor must stay within step * k and step * (k + 1) for the fast kernel's estimate.
        if any(not (step * k <= d <= step * (k + 1)) for k, d in enumerate(values)):
            self.c.fail(
                "E212",
                body.span,
                "these divisors grow unevenly; ballotlaw needs step * k <= d(k) <= "
                "step * (k + 1), with the step of the last two",
                hint="for example 1.4, 3, 5 or 1, 2, 3",
            )
            return None
        text = ", ".join(number.text for number in body.divisors)
        return DivisorMethod(
            name=f"divisors {text}",
            step=step,
            kind="sequence",
            sequence=tuple(values),
            reference=f"the divisors written in the law: {text}, then on by {step}",
        )

    def runoff(self, body: ast.Runoff, provenance: model.Provenance) -> model.RunoffRule | None:
        if body.top is not None:
            top = self.c.whole_number(body.top, "a number of candidates")
            return None if top is None else model.RunoffRule(provenance, top, True, None, None, None, None)
        assert body.number is not None and body.base is not None
        share = self.c.share(body.number, "a share for the second round")
        count = self.c.known_count(body.base)
        floor = self.c.whole_number(body.floor, "a number of candidates") if body.floor is not None else None
        if share is None or count is None:
            return None
        return model.RunoffRule(
            provenance, None, body.comparator == "at least", share, body.number.text, body.base.text, floor
        )

    def term(self, expr: ast.Expr) -> model.Term | None:
        if isinstance(expr, ast.OptionVotes):
            return model.OptionTerm(expr.option.text)
        if isinstance(expr, ast.Aggregate):
            if expr.kind == "cancelled" and self.competitors != "candidates":
                self.c.fail(
                    "E406",
                    expr.span,
                    "only candidates have their registration cancelled",
                    hint="use this term in a contest of candidates",
                )
                return None
            return model.AggregateTerm(expr.kind)
        if isinstance(expr, ast.ShareOf) and expr.aggregate is not None:
            share = self.c.share(expr.number, "a share of the votes")
            if share is None:
                return None
            label = "the votes cast" if expr.aggregate == "cast" else "votes of the top two"
            return model.ShareTerm(share, expr.number.text, label, expr.aggregate)
        if isinstance(expr, (ast.CountRef, ast.Literal, ast.ShareOf)):
            return self.c.plain_term(expr, self.level)
        if isinstance(expr, ast.AllVotes):
            self.c.fail("E406", expr.span, "`all votes` belongs to control relations", hint="write `the votes cast`")
            return None
        competitor = {"lists": "list", "candidates": "candidate"}.get(self.competitors or "", "option")
        if self.competitors is not None and expr.kind != competitor:
            self.c.fail(
                "E217",
                expr.span,
                f"`votes of the leading {expr.kind}`, but in `{self.block}` {self.competitors} compete",
                hint=f"write `votes of the leading {competitor}`",
            )
            return None
        return model.LeaderTerm(expr.kind)

    # ---- assembly -----------------------------------------------------------------------------------

    def assemble(self, compete: ast.Clause | None, parts: Parts) -> model.Contest | None:
        span = self.contest.id.span
        kinds = {type(cl.body) for cl in self.contest.clauses}
        if not kinds & {ast.Seats, ast.SeatsByUnit, ast.SeatsApportioned} and self.competitors != "options":
            self.c.fail(
                "E402",
                span,
                f"the contest `{self.block}` does not say how many seats it fills",
                hint="add a clause such as `seats 54 [source]`",
            )
        if self.competitors == "lists" and not kinds & {ast.Allocate, ast.Biproportional}:
            self.c.fail(
                "E402",
                span,
                f"the contest `{self.block}` does not say how seats are allocated",
                hint="add `allocate by hare quota and largest remainders [source]` or "
                "`allocate by d'hondt divisors [source]`",
            )
        if self.competitors == "options" and ast.Approve not in kinds:
            self.c.fail(
                "E402",
                span,
                f"the question `{self.block}` does not say when an option is approved",
                hint='add e.g. `approve "yes" if votes for "yes" > 50% of voters_took_part [source]`',
            )
        if self.competitors == "candidates" and ast.Elect not in kinds and ast.ElectIf not in kinds:
            self.c.fail(
                "E402",
                span,
                f"the contest `{self.block}` does not say who is elected",
                hint="add `elect by plurality [source]`",
            )
        if ast.ValidAlways not in kinds and ast.ValidIf not in kinds:
            self.c.fail(
                "W401",
                span,
                f"the contest `{self.block}` does not say when it is valid",
                hint="if the law sets no turnout minimum, say so: `valid at any turnout [source]`",
            )
        if ast.Ties not in kinds and self.competitors != "options":
            self.c.fail(
                "W402",
                span,
                f"the contest `{self.block}` does not say how ties are broken",
                hint="add e.g. `ties broken by lot [source]`; without it a tie is reported as needing a lot",
            )
        if self.competitors == "options" and parts.seats is None and parts.compete is not None:
            parts.seats = (0, parts.compete)  # a question fills no seat
        if compete is None or self.level is None or parts.seats is None or parts.compete is None:
            return None
        if (self.competitors == "lists" and parts.method is None) or (
            self.competitors == "candidates" and parts.elect is None and parts.elect_if is None
        ):
            return None
        assert isinstance(compete.body, ast.Compete)
        seats, seats_provenance = parts.seats
        needs_districts = (
            (ast.Adjustment, "adjustment seats follow district seats", "for the district seats"),
            (ast.Biproportional, "a biproportional apportionment needs districts", "for the districts"),
            (ast.Pooled, "a national pool takes what districts leave over", "for the districts"),
            (ast.Placement, "adjustment seats are placed in districts", "for the districts"),
            (ast.SeatsByUnit, "seats per unit need a contest decided in every unit of a level", "or `seats 150`"),
            (ast.SeatsApportioned, "seats apportioned to units need a contest decided in every unit", "for them"),
        )
        placement = self.clause_of(ast.Placement)
        if parts.placement is not None and parts.adjustment is None and placement is not None:
            self.c.fail(
                "E402",
                placement.span,
                "the contest places adjustment seats but has none",
                hint="add `N adjustment seats for lists with at least P of BASE nationally, by METHOD [source]`",
            )
            return None
        method = parts.method[0] if parts.method else None
        allocate = self.clause_of(ast.Allocate)
        if isinstance(method, QuotaMethod) and method.leftover == "none" and parts.pooled is None and allocate:
            self.c.fail(
                "E402",
                allocate.span,
                "full quotas only leave seats over, and the contest does not say where they go",
                hint="add `seats left over pooled nationally by <method> [source]` (the Czech second scrutiny), "
                "or allocate the seats left over in the district: `... and largest remainders`",
            )
            return None
        if not self.check_combinations(parts, seats):
            return None
        for kind, why, instead in needs_districts if not compete.body.every else ():
            clause = self.clause_of(kind)
            if clause is not None:
                self.c.fail(
                    "E406",
                    clause.span,
                    f"{why}, but `{self.block}` is decided once, in the nation",
                    hint=f"write `lists compete in every district` {instead}",
                )
                return None
        return model.Contest(
            id=self.block,
            title=self.contest.title.text,
            competitors=compete.body.competitors,
            level=self.level,
            every=compete.body.every,
            compete=parts.compete,
            seats=seats,
            seats_by_unit=parts.seats_by_unit,
            seats_provenance=seats_provenance,
            thresholds=tuple(parts.thresholds),
            method=parts.method[0] if parts.method else None,
            method_provenance=parts.method[1] if parts.method else None,
            elect_rule=parts.elect[0] if parts.elect else None,
            elect_provenance=parts.elect[1] if parts.elect else None,
            tie_rule=parts.ties,
            cap=parts.cap,
            reruns=tuple(parts.reruns),
            validity=tuple(parts.validity),
            valid_always=parts.valid_always,
            elect_if=parts.elect_if,
            runoff=parts.runoff,
            approvals=tuple(parts.approvals),
            recounts=tuple(parts.recounts),
            exhaustion=parts.exhaustion,
            minority_factor=parts.multiplier[0] if parts.multiplier else None,
            minority_factor_provenance=parts.multiplier[1] if parts.multiplier else None,
            bonus=parts.bonus,
            reserved=tuple(parts.reserved),
            pooled=parts.pooled,
            placement=parts.placement,
            minimum=parts.minimum,
            apportioned=parts.apportioned,
            stable_majority=parts.stable_majority,
            mixed=parts.mixed,
            agreements=parts.agreements,
            distribution=parts.distribution,
            adjustment=parts.adjustment,
            biproportional=parts.biproportional,
            fallback=parts.fallback,
            share_fallback=parts.share_fallback,
        )

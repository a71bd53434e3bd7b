"""The stages of a unit's seats, in the order the law applies them: a bonus or constituency seats taken from the
house first, rounds of the method (lists in an agreement and joint lists allocated together), ties broken by the
law's rule, a minority's reserved seat, a cap. Each stage carries the numbers its clause used, from the steps'
recorded inputs, their typed decisions and the law model; the checker composes them into every list's seats."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction

import attrs

from .. import model
from ..evaluate.context import UnitContext
from ..evaluate.majority import _needed as seats_needed
from ..facts.allocation import (
    LeftToMostVotes,
    MajorityNotHeld,
    MultiplierShare,
    OppositionSeats,
    ReservedGiven,
    StableMajority,
)
from ..facts.qualifying import BelowBonusThreshold, JointList, SlidingBonus
from ..figures import Named, subject
from ..methods.kernels import AllocationMethod, QuotaMethod
from ..trace import Step
from .rounds import number_json, round_witness

Body = dict[str, object]
TieWitness = Callable[[UnitContext, tuple[str, ...], int, list[Step]], Body]
Winners = Callable[[UnitContext, tuple[str, ...], int], tuple[str, ...]]
Round = tuple[list[str], dict[str, int | Fraction], dict[str, int] | None, int, int | None]


def effective_method(contest: model.Contest) -> AllocationMethod | None:
    """The contest's method as the allocation applies it: a quota's seats left to the most votes when the law
    says so in a clause of its own."""
    method = contest.method
    if getattr(contest, "leftover_by_votes", None) is not None and isinstance(method, QuotaMethod):
        return attrs.evolve(method, leftover="most votes")
    return method


def following(steps: list[Step], position: int, kind: str) -> Iterator[Step]:
    """The steps of `kind` right after `steps[position]`."""
    for step in steps[position + 1 :]:
        if step.kind != kind:
            return
        yield step


def preceding(steps: list[Step], position: int, kind: str) -> list[Step]:
    """The steps of `kind` right before `steps[position]`, in order."""
    found: list[Step] = []
    for step in reversed(steps[:position]):
        if step.kind != kind:
            break
        found.insert(0, step)
    return found


def round_inputs(step: Step, count: str | None = None) -> Round | None:
    """The lists, votes, seats already held, seats and the quota's count (`count`, where the law names one) of a
    round, from the numbers its step records."""
    lists: list[str] = []
    votes: dict[str, int | Fraction] = {}
    held: dict[str, int] = {}
    seats = total = None
    for name, value in step.inputs:
        if (who := subject(name, Named.VOTES_OF)) is not None and isinstance(value, int | Fraction):
            lists.append(who)
            votes[who] = value
        elif (who := subject(name, Named.CONSTITUENCY_SEATS_OF)) is not None and isinstance(value, int):
            held[who] = value
        elif name in ("seats", "seats of the agreement") and isinstance(value, int):
            seats = value
        elif name == count and isinstance(value, int):
            total = value
        else:
            return None
    if seats is None or not lists or not set(held) <= set(lists):
        return None
    return lists, votes, (held or None), seats, total


def scaled(ctx: UnitContext, lists: list[str], trace: Sequence[Step] = ()) -> dict[str, int | str]:
    """Lists of a national minority whose votes the method multiplies, with the factor (not those the trace
    shows at or above the share under which the law multiplies)."""
    factor = ctx.contest.minority_factor
    if factor is None:
        return {}
    here = (ctx.contest.id, ctx.unit)
    kept = {
        s.decision.selection
        for s in trace
        if (s.contest, s.unit) == here and isinstance(s.decision, MultiplierShare) and not s.decision.below
    }
    return {
        n: number_json(factor)
        for n in lists
        if ctx.results.attribute(ctx.unit, n, "national_minority") and n not in kept
    }


def limit(ctx: UnitContext, name: str) -> tuple[int, model.CapRule] | None:
    """The most a list may keep, as the engine's cap reads it: the cap, or its number of candidates."""
    options: list[tuple[int, model.CapRule]] = []
    if ctx.contest.cap is not None:
        options.append((ctx.contest.cap.seats, ctx.contest.cap))
    if ctx.contest.exhaustion is not None:
        candidates = ctx.results.attribute(ctx.unit, name, "candidates")
        if candidates is not None:
            options.append((candidates, ctx.contest.exhaustion))
    return min(options, key=lambda option: option[0]) if options else None


class Rounds:
    """Round witnesses of one unit, with the quota's count and the steps that follow a round (the seats left
    over to the most votes, in a step of their own)."""

    def __init__(self, ctx: UnitContext, trace: Sequence[Step] = ()) -> None:
        self.ctx, self.trace = ctx, trace
        self.method = effective_method(ctx.contest)
        base = getattr(ctx.contest, "quota_base", None)
        self.count: str | None = getattr(base, "count", None)
        self.first: dict[str, int | Fraction] = {}  # the votes of the first round: every list that shares seats

    def witness(self, step: Step, steps: list[Step], position: int) -> tuple[Body, list[Step], object] | None:
        """(the round's witness, its steps, the kernel's result), or None where the step is not a round."""
        parsed = round_inputs(step, self.count)
        if parsed is None or self.method is None:
            return None
        lists, votes, held, seats, count = parsed
        self.first = self.first or dict(votes)
        total = None if count is None else count - sum(v for n, v in self.first.items() if n not in lists)
        body, result = round_witness(self.method, lists, votes, seats, held, total, self.count)  # type: ignore[arg-type]
        after = [s for s in steps[position + 1 : position + 2] if isinstance(s.decision, LeftToMostVotes)]
        return {**body, "scaled": scaled(self.ctx, lists, self.trace)}, [step, *after], result


class Composer:
    """Builds the stages of one unit's seats, or None where a step is one the checker does not compose."""

    def __init__(self, ctx: UnitContext, trace: Sequence[Step], tie: TieWitness, winners: Winners) -> None:
        self.ctx, self.trace, self.tie, self.winners = ctx, trace, tie, winners
        self.rounds = Rounds(ctx, trace)
        self.stages: list[Body] = []
        self.used: list[Step] = []
        self.given: dict[str, int] = {}
        self.active: list[str] = []
        self.everyone: list[str] = []  # the lists of the first round: those that share the seats

    def compose(self, steps: list[Step]) -> tuple[list[Body], list[Step]] | None:
        builders: dict[str, Callable[[list[Step], int], int | None]] = {
            "allocation": self.allocation,
            "agreements": self.agreements,
            "cap": self.cap,
            "reserved": self.reserved,
            "bonus": self.bonus,
            "mixed": self.mixed,
            "stable majority": self.stable_majority,
            "opposition seats": self.opposition,
            "tie": self.tie_before,
        }
        position = 0
        while position < len(steps):
            build = builders.get(str(steps[position].kind))
            taken = 1 if build is None else build(steps, position)
            if taken is None:
                return None
            position += taken
        return (self.stages, self.used) if self.stages else None

    def add(self, stage: str, steps: list[Step], body: Body, first: bool = False) -> int:
        self.stages.insert(0 if first else len(self.stages), {"stage": stage, "steps": [s.n for s in steps], **body})
        self.used += steps
        return len(steps)

    def allocation(self, steps: list[Step], position: int) -> int | None:
        found = self.rounds.witness(steps[position], steps, position)
        if found is None:
            return None
        body, used, result = found
        taken = self.add("allocation", used, body)
        lists = list(body["lists"])  # type: ignore[call-overload]
        self.given, self.active = dict(result.seats), lists  # type: ignore[attr-defined]
        self.everyone = self.everyone or lists
        tied, tied_seats = result.tied, result.tied_seats  # type: ignore[attr-defined]
        ties = list(following(steps, position + taken - 1, "tie"))
        if not tied:
            return taken  # a tie that follows is another stage's (the opposition's round), or none the checker follows
        if not ties:
            return None
        if tied_seats < 0:  # seats to take back: the law's tie rule ranks who keeps them, the others give one back
            keep = self.tie(self.ctx, tied, len(tied) + tied_seats, ties)
            for name in tied:
                if name not in keep["winners"] and name not in keep["still_tied"]:  # type: ignore[operator]
                    self.given[name] -= 1
            tie = {"take_back": -tied_seats, **{k: v for k, v in keep.items() if k != "steps"}}
            return taken + self.add("tie", ties, tie)
        for name in self.winners(self.ctx, tied, tied_seats):
            self.given[name] += 1
        tie = self.tie(self.ctx, tied, tied_seats, ties)
        return taken + self.add("tie", ties, {k: v for k, v in tie.items() if k != "steps"})

    def agreements(self, steps: list[Step], position: int) -> int | None:
        """Lists in an agreement (and a minority's joint list) allocated as one list, then each one's seats split
        among its lists: the round over them and the single lists, every split, and each list's agreement."""
        found = self.rounds.witness(steps[position], steps, position)
        if found is None or self.rounds.method is None:
            return None
        body, _used, result = found
        given: dict[str, int] = dict(result.seats)  # type: ignore[attr-defined]
        splits: dict[str, object] = {}
        blocks: list[list[str]] = []
        used = [steps[position]]
        for step in following(steps, position, "agreements"):
            split = round_inputs(step)
            if split is None or dict(step.inputs).get("seats of the agreement") is None:
                break
            members, votes, _none, seats, _count = split
            key = " + ".join(members)
            split_body, split_result = round_witness(self.rounds.method, members, votes, seats)
            if key not in given or split_result.tied:
                return None
            splits[key] = split_body
            del given[key]
            given.update(split_result.seats)
            blocks.append(members)
            used.append(step)
        if result.tied or any(k not in self.ctx.selections for k in given):  # type: ignore[attr-defined]
            return None
        self.active = [n for n in self.ctx.selections if n in given]
        self.given, self.everyone = given, self.everyone or self.active
        joint = [
            {"members": [n for n in s.decision.members if n in given], "most": s.decision.most}
            for s in self.trace
            if (s.contest, s.unit) == (self.ctx.contest.id, self.ctx.unit)
            and isinstance(s.decision, JointList)
            and any(n in given for n in s.decision.members)
        ]
        marks = {n: self.ctx.results.attribute(self.ctx.unit, n, "agreement") for n in self.active}
        body = {"agreement": marks, "blocks": blocks, "joint": joint, "round": body, "splits": splits}
        return self.add("agreements", used, body)

    def cap(self, steps: list[Step], position: int) -> int:
        caps = [steps[position], *following(steps, position, "cap")]
        limits = {n: limit(self.ctx, n) for n in self.active}
        over = [n for n in self.active if (lim := limits[n]) is not None and self.given.get(n, 0) > lim[0]]
        body: Body = {
            "limits": {n: (lim[0] if (lim := limits[n]) is not None else None) for n in self.active},
            "redistribute": all(lim[1].redistribute for n in over if (lim := limits[n]) is not None),
            "result": caps[0].result,
        }
        return self.add("cap", caps, body)

    def reserved(self, steps: list[Step], position: int) -> int | None:
        """A minority's reserved seat (a step that measures the leading list is a threshold's, not a stage)."""
        step = steps[position]
        if step.result not in ("seat", "no seat"):
            return 1
        rule = next((r for r in self.ctx.contest.reserved if r.provenance.full_label == step.clause), None)
        if rule is None:
            return None
        marks = {n: self.ctx.results.attribute(self.ctx.unit, n, "national_minority") for n in self.ctx.selections}
        leader = step.decision.leader if isinstance(step.decision, ReservedGiven) else None
        lists = [n for n, mark in marks.items() if mark == rule.minority]
        body: Body = {"clause": step.clause, "lists": lists, "seats": rule.seats, "leader": leader}
        return self.add("reserved", [step], {**body, "result": step.result})

    def bonus(self, steps: list[Step], position: int) -> int | None:
        """A sliding bonus (a bonus on a condition is not composed; its measure is a threshold's)."""
        step, rule = steps[position], self.ctx.contest.bonus
        if step.result not in ("bonus", "no bonus"):
            return 1
        fact = step.decision
        if rule is None or rule.threshold is None or not isinstance(fact, SlidingBonus | BelowBonusThreshold):
            return None
        sliding: Body = {"threshold": number_json(rule.threshold.share), "step": number_json(rule.step or 0)}
        share = number_json(fact.share) if isinstance(fact, SlidingBonus) else None
        body: Body = {"clause": rule.threshold.provenance.full_label, "leader": fact.leader, "share": share}
        sliding |= {"seats": rule.seats, "per_step": rule.per_step, "most": rule.most}
        return self.add("bonus", [step], {**body, "sliding": sliding, "result": step.result})

    def tie_before(self, steps: list[Step], position: int) -> int | None:
        """Ties recorded before the step they belong to (the opposition's round): taken by that stage."""
        after = position + 1 + len(list(following(steps, position, "tie")))
        return after - position if after < len(steps) and steps[after].kind == "opposition seats" else None

    def stable_majority(self, steps: list[Step], position: int) -> int | None:
        """The leading list's seats raised to a share of the house (only if it holds a share, where the law says
        so): the share, the condition and the leader; the checker adds the seats itself."""
        step, rule = steps[position], self.ctx.contest.stable_majority
        fact = step.decision
        if rule is None or not isinstance(fact, StableMajority | MajorityNotHeld):
            return None
        when = self.ctx.contest.stable_when
        condition = None if when is None else {"inclusive": when[0], "share": number_json(when[1])}
        body: Body = {"leader": fact.leader, "share": number_json(rule[0]), "when": condition}
        return self.add("stable majority", [step], {**body, "result": step.result})

    def opposition(self, steps: list[Step], position: int) -> int | None:
        """The other lists raised to a share of the house: the share, the leader, and the round of the method
        that shares their seats with those added (and its tie, broken by the law's rule)."""
        step, rule, method = steps[position], self.ctx.contest.opposition, self.rounds.method
        fact = step.decision
        if rule is None or method is None or not isinstance(fact, OppositionSeats):
            return None
        ties = preceding(steps, position, "tie")
        body: Body = {"leader": fact.leader, "share": number_json(rule[0]), "round": None, "tie": None}
        if fact.added:
            others = [name for name, _before, _after in fact.lists]
            votes = {name: self.rounds.first[name] for name in others}
            seats = fact.others + seats_needed(fact.others, fact.house, rule[0])
            round_body, result = round_witness(method, others, votes, seats)  # type: ignore[arg-type]
            if result.tied_seats < 0 or bool(result.tied) != bool(ties):
                return None
            body["round"] = {**round_body, "scaled": scaled(self.ctx, others, self.trace)}
            if result.tied:
                body["tie"] = {k: v for k, v in self.tie(self.ctx, result.tied, result.tied_seats, ties).items()}
        return self.add("opposition seats", [*ties, step], {**body, "result": step.result})

    def mixed(self, steps: list[Step], position: int) -> int | None:
        """Constituency seats deducted, the overhang kept: each list's wins, and those of lists outside (taken
        from the house before the rounds, so the stage comes first)."""
        step, rule = steps[position], self.ctx.contest.mixed
        if rule is None or rule[0] != "kept" or step.result not in ("overhang", "no overhang"):
            return None
        unit = self.ctx.unit
        wins = {n: self.ctx.results.attribute(unit, n, "constituency_wins") or 0 for n in self.ctx.selections}
        body: Body = {"overhang": str(rule[0]), "result": step.result}
        body["wins"] = {n: wins[n] for n in self.everyone}
        body["outside"] = {n: w for n, w in wins.items() if n not in self.everyone and w}
        return self.add("mixed", [step], body, first=True)

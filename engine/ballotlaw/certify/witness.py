"""The witnesses of a certificate: for every step of the trace, the numbers that let the independent checker
(recheck/) re-decide it, or a note that says no witness is provided for its kind.

Witnesses are computed from the law model, the results and the outcome's typed fields, and from the numbers a
step records (its `inputs`), never from the wording of its decision.
"""

from __future__ import annotations

import attrs

from .. import model
from ..evaluate.bounds import count_bounds, vote_bounds
from ..evaluate.context import Recorder, UnitContext
from ..evaluate.gender import elect_within_limit
from ..evaluate.intervals import Interval
from ..evaluate.thresholds import base_unit
from ..evaluate.ties import VOTE_KEYS, break_tie, key_votes
from ..facts.allocation import TheTie
from ..facts.contest import ElectedWithoutPoll, LimitedPlurality, PluralityTied, SeatsVacantByLimit
from ..figures import FigureName, Named, located, subject
from ..methods.ranked.rules import RANKED_RULES
from ..outcome import Outcome, UnitOutcome
from ..results.model import Figure, Results
from ..trace import Step
from .clauses import (
    cancelled_witness,
    fallback_witness,
    joint_witness,
    multiplier_witness,
    ranked_gap,
    ranked_witness,
)
from .composition import Composer, Rounds, following, preceding, round_inputs
from .conditions import condition_witness
from .placing import placement_witness, pool_witness
from .rounds import number_json, round_witness

#: Steps that change the seats of the unit they are recorded in; a unit whose seats come from kinds not in
#: COMPOSED (composition.py) is not composed (its rounds are still witnessed one by one).
SEAT_KINDS = frozenset(
    (
        "allocation",
        "tie",
        "cap",
        "bonus",
        "stable majority",
        "opposition seats",
        "minority seats",
        "majority seat",
        "mixed",
        "minimum",
        "reserved",
        "agreements",
        "pooled",
        "biproportional",
        "adjustment",
        "placement",
        "surplus return",
        "handed down",
    )
)
COMPOSED = frozenset(
    ("allocation", "tie", "cap", "agreements", "mixed", "reserved", "bonus", "stable majority", "opposition seats")
)
#: Results of seat-kind steps that leave the seats as the rounds give them.
NEUTRAL_RESULTS = {
    "bonus": ("no bonus", "not evaluated"),
    "stable majority": ("passed", "not applicable"),
    "majority seat": ("passed", "failed", "not evaluated", "not applicable", "no seat"),
    "opposition seats": ("passed",),
    "minimum": ("passed", "not evaluated"),
}
TIE_ATTRIBUTES = {
    "ballot order": "ballot_number",
    "earlier registration": "registration_order",
    "older candidate": "age_order",
    "younger candidate": "age_order",
    "lot": "lot_order",
}


def figure_json(figure: Figure) -> int | str | dict[str, object] | None:
    """A figure in a witness: its value; `{"at_most": N}` when only a bound is published; null otherwise."""
    if figure.known and figure.value is not None:
        return number_json(figure.value)
    if figure.at_most is not None:
        return {"at_most": number_json(figure.at_most)}
    return None


def bounds_json(interval: Interval) -> int | str | dict[str, object] | None:
    """A figure in a threshold's witness as the bounds the results give it (evaluate/bounds.py): its value;
    `{"at_most": N}` or null where only its own bound, or none, is known; else `{"low": L, "high": H}`."""
    if interval.exact is not None:
        return number_json(interval.exact)
    if interval.low == 0:
        return None if interval.high is None else {"at_most": number_json(interval.high)}
    return {"low": number_json(interval.low), "high": None if interval.high is None else number_json(interval.high)}


class Witnesses:
    """Builds the witnesses and the step entries of one certificate."""

    def __init__(self, law: model.Law, results: Results, outcome: Outcome) -> None:
        self.law = law
        self.results = results
        self.outcome = outcome
        self.witnesses: list[dict[str, object]] = []
        self.covered: dict[int, int] = {}
        self.measured: set[tuple[str, str, str, str]] = set()  # (contest, unit, selection, clause) measured once

    def build(self) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
        """(witnesses, one entry per step: the witness that re-decides it, or a note)."""
        groups: dict[tuple[str, str], list[Step]] = {}
        for step in self.outcome.trace:
            groups.setdefault((step.contest, step.unit), []).append(step)
        units = {(c.id, u.unit): (c, u) for c in self.outcome.contests for u in c.units}
        for contest_outcome, unit in units.values():
            contest = self.law.contest(contest_outcome.id)
            if contest is not None:
                self._unit(contest, contest_outcome.seats_total, unit, groups.get((contest.id, unit.unit), []))
        for (contest_id, unit_id), steps in groups.items():  # steps in a unit that is not one of competition
            contest = self.law.contest(contest_id)
            if (contest_id, unit_id) not in units and contest is not None and unit_id in self.results.units:
                self._measures(self._context(contest, unit_id, None), steps)
            for step in steps:
                if contest is not None and step.kind == "apportionment":
                    self._apportionment(contest, step)
            tier = [step for step in steps if step.kind == "adjustment"]
            if contest is not None and tier:
                self._adjustment(contest, tier)
            self._placing(contest, [step for step in steps if step.kind in ("pooled", "placement")])
        entries: list[dict[str, object]] = []
        for step in self.outcome.trace:
            index = self.covered.get(step.n)
            note = None if index is not None else f"witness not provided for {step.kind}"
            entries.append({"n": step.n, "kind": step.kind, "witness": index, "note": note})
        return self.witnesses, entries

    def _add(self, contest: model.Contest, unit: str, kind: str, steps: list[Step], body: dict[str, object]) -> None:
        index = len(self.witnesses)
        self.witnesses.append(
            {"type": kind, "contest": contest.id, "unit": unit, "steps": [s.n for s in steps], **body}
        )
        for step in steps:
            self.covered[step.n] = index

    def _context(self, contest: model.Contest, unit: str, outcome: UnitOutcome | None) -> UnitContext:
        """A scratch context (its own recorder) for evaluating a term or a tie rule as the engine does."""
        selections = self.results.selections(unit)
        ctx = UnitContext(self.law, self.results, contest, unit, Recorder(), selections)
        if contest.competitors == "candidates":
            cancelled = set(ctx.cancelled())
            ctx.selections = [s for s in selections if s not in cancelled]
        ctx.qualification = {s.id: s.qualified for s in outcome.selections} if outcome is not None else {}
        return ctx

    # ---- a unit ------------------------------------------------------------------------------------------

    def _unit(self, contest: model.Contest, seats_total: int, unit: UnitOutcome, steps: list[Step]) -> None:
        ctx = self._context(contest, unit.unit, unit)
        self._measures(ctx, steps)
        if contest.competitors == "candidates":
            self._elections(ctx, steps)
        elif contest.competitors == "lists":
            self._seats(ctx, seats_total, unit, steps)

    def _measures(self, ctx: UnitContext, steps: list[Step]) -> None:
        """Conditions, thresholds and second rounds: decisions that are comparisons."""
        found = self.outcome.contest(ctx.contest.id)
        unit = next((u for u in found.units if u.unit == ctx.unit), None) if found is not None else None
        for position, step in enumerate(steps):
            if step.kind == "fallback" and unit is not None:
                ties = list(following(steps, position, "tie"))
                body = fallback_witness(ctx, unit, step, self._tie, ties)
                if body is not None:
                    self._add(ctx.contest, ctx.unit, "fallback", [step, *(ties if body.get("tie") else [])], body)
            elif step.kind == "cancelled":
                self._add(ctx.contest, ctx.unit, "cancelled", [step], cancelled_witness(ctx, step))
            elif step.kind == "multiplier" and (body := multiplier_witness(ctx, step)) is not None:
                self._add(ctx.contest, ctx.unit, "multiplier", [step], body)
            elif step.kind in ("validity", "rerun", "recount", "majority", "approve"):
                body = condition_witness(ctx, step)
                if body is not None:
                    self._add(ctx.contest, ctx.unit, "condition", [step], body)
            elif step.kind == "threshold" and (body := joint_witness(ctx, step)) is not None:
                self._add(ctx.contest, ctx.unit, "joint", [step], body)
            elif step.kind in ("threshold", "reserved", "bonus", "majority seat"):
                self._threshold(ctx, step)
            elif step.kind == "runoff":
                self._runoff(ctx, step)
            elif step.kind == "distribution":
                self._distribution(ctx, step)

    def _apportionment(self, contest: model.Contest, step: Step) -> None:
        """The house shared among the units of competition on a count: a round over the units."""
        if contest.apportioned is None:
            return
        base, method, _provenance = contest.apportioned
        counts = {
            name.unit: v
            for name, v in step.inputs
            if isinstance(name, FigureName) and name.kind is Named.OF_UNIT and name.what == base and isinstance(v, int)
        }
        seats = dict(step.inputs).get("seats")
        if not isinstance(seats, int) or len(counts) + 1 != len(step.inputs):
            return
        body, _result = round_witness(method, list(counts), dict(counts), seats)
        self._add(contest, step.unit, "apportionment", [step], body)

    def _adjustment(self, contest: model.Contest, steps: list[Step]) -> None:
        """The national tier: rounds of the tier's method over the lists that pass its threshold, each list's
        district seats beside; a list over its share is set aside and the others share the rest again."""
        if contest.adjustment is None:
            return
        continued = contest.adjustment.continued  # each list's series continued after its district seats
        rounds = []
        for step in steps:
            won = {who: v for k, v in step.inputs if (who := subject(k, Named.DISTRICT_SEATS_OF)) is not None}
            plain = tuple((k, v) for k, v in step.inputs if subject(k, Named.DISTRICT_SEATS_OF) is None)
            parsed = round_inputs(attrs.evolve(step, inputs=plain))
            if parsed is None or sorted(won) != sorted(parsed[0]):
                return
            lists, votes, _held, seats, _count = parsed
            held = {n: int(won[n]) for n in lists} if continued else None
            body, _result = round_witness(contest.adjustment.method, lists, votes, seats, held)
            rounds.append({**body, "won": {n: won[n] for n in lists}})
        marked: dict[str, object] = {"continued": True} if continued else {}
        self._add(contest, steps[0].unit, "adjustment", steps, {"rounds": rounds, **marked})

    def _placing(self, contest: model.Contest | None, steps: list[Step]) -> None:
        """The pool of the seats the districts leave, and adjustment seats placed in districts."""
        found = self.outcome.contest(contest.id) if contest is not None and steps else None
        if contest is None or found is None:
            return
        pooled = [s for s in steps if s.kind == "pooled"]
        if pooled and contest.pooled is not None:
            tests = self._pool_tests(contest, contest.pooled)
            body = pool_witness(contest, found, pooled, self.results, tests)
            if body is not None:
                self._add(contest, pooled[0].unit, "pool", [*pooled, *tests], body)
        for step in steps:
            body = placement_witness(contest, found, step) if step.kind == "placement" else None
            if body is not None:
                self._add(contest, step.unit, "placement", [step], body)

    def _pool_tests(self, contest: model.Contest, rule: model.PoolRule) -> list[Step]:
        """The steps of the pool's thresholds and of its second phase's share, measured in the nation."""
        labels = {r.provenance.full_label for r in contest.pool_thresholds} | {rule.provenance.full_label}
        return [
            s for s in self.outcome.trace if s.contest == contest.id and s.kind == "threshold" and s.clause in labels
        ]

    def _distribution(self, ctx: UnitContext, step: Step) -> None:
        """A list's seats shared among the units of a lower level by its votes there: a round over the units."""
        if ctx.contest.distribution is None or not step.inputs:
            return
        _level, method, _provenance = ctx.contest.distribution
        last, seats = step.inputs[-1]
        name = subject(last, Named.SEATS_OF)
        places = [(located(key, Named.VOTES_OF), v) for key, v in step.inputs[:-1]]
        votes = {
            found[1]: v
            for found, v in places
            if found is not None and found[0] == name and found[1] and isinstance(v, int)
        }
        if name is None or not isinstance(seats, int) or len(votes) + 1 != len(step.inputs):
            return
        body, _result = round_witness(method, list(votes), dict(votes), seats)
        self._add(ctx.contest, ctx.unit, "distribution", [step], {"selection": name, **body})

    def _threshold(self, ctx: UnitContext, step: Step) -> None:
        """A threshold measured in one or more units, or the alternative of constituency wins."""
        if not step.inputs:
            return
        first = step.inputs[0][0]
        rule = next((r for r in _thresholds(ctx.contest) if r.provenance.full_label == step.clause), None)
        selection = _named(first, ctx.results.selections(ctx.unit))
        if rule is None or selection is None:
            return
        wins_of = subject(first, Named.CONSTITUENCY_WINS_OF) or _wins_of(first)
        if wins_of is not None and step.kind == "threshold":
            wins = ctx.results.attribute(ctx.unit, selection, "constituency_wins")
            body: dict[str, object] = {
                "selection": selection,
                "wins": wins,
                "needed": rule.alternative_wins,
                "result": step.result,
            }
            self._add(ctx.contest, ctx.unit, "wins", [step], body)
            return
        either: dict[str, object] = {}
        if rule.alternative is not None:  # `..., or at least P in N units`: the second measure is the alternative
            key = (ctx.contest.id, ctx.unit, selection, step.clause)
            either = {"either": "other" if key in self.measured else "main"}
            rule = rule.alternative if key in self.measured else rule
            self.measured.add(key)
        places = [located(name, Named.VOTES_OF) for name, _ in step.inputs]
        units = [found[1] or ctx.unit for found in places if found is not None]
        same_level = rule.level == ctx.results.units[ctx.unit].level
        mode = (
            "single"
            if rule.level is None or (same_level and rule.at_least_units is None)
            else ("at least" if rule.at_least_units is not None else "every")
        )
        body = {
            "selection": selection,
            "clause": step.clause,
            "comparison": ">=" if rule.inclusive else ">",
            "share": number_json(rule.share),
            "base": rule.base,
            **({"base_level": rule.base_level} if rule.base_level is not None else {}),
            **({"whole_votes": True} if rule.whole_votes else {}),
            "mode": mode,
            "needed": rule.at_least_units,
            "units": self.law.levels[rule.level].unit_count if mode != "single" and rule.level else None,
            "measures": [
                {
                    "unit": where,
                    "votes": bounds_json(vote_bounds(self.results, where, selection).interval),
                    "base": self._base(rule, where),
                }
                for where in units
            ],
            "combined_with_wins": rule.alternative_wins is not None,
            "result": step.result,
        }
        self._add(ctx.contest, ctx.unit, "threshold", [step], body | either)

    def _base(self, rule: model.ThresholdRule, where: str) -> object:
        """The bounds of a threshold's base where a list is measured: in that unit, or in the enclosing unit of
        the base's level (`of registered_voters of the nation`); null where the data has no such unit."""
        counted = base_unit(self.results, rule, where)
        if counted is None:
            return None
        return bounds_json(count_bounds(self.results, counted, rule.base).interval)

    def _runoff(self, ctx: UnitContext, step: Step) -> None:
        rule = ctx.contest.runoff
        if rule is None:
            return
        votes = {s: ctx.vote(s) for s in ctx.selections}
        if any(not f.known for f in votes.values()):
            return
        known = {s: f.value or 0 for s, f in votes.items()}
        ranked = sorted(ctx.selections, key=lambda s: -known[s])
        base = ctx.count(rule.base) if rule.base is not None else None
        chosen: list[str] = []
        if rule.top is not None:
            cut = known[ranked[rule.top - 1]] if len(ranked) >= rule.top else -1
            chosen = [s for s in ranked if known[s] >= cut] if cut >= 0 else ranked
        elif base is not None and base.known and base.value is not None and rule.share is not None:
            amount = rule.share * base.value
            chosen = [s for s in ranked if (known[s] >= amount if rule.inclusive else known[s] > amount)]
            if rule.floor is not None and len(chosen) < rule.floor:
                chosen = ranked[: rule.floor]
        body: dict[str, object] = {
            "candidates": list(ctx.selections),
            "votes": {s: known[s] for s in ctx.selections},
            "top": rule.top,
            "share": number_json(rule.share) if rule.share is not None else None,
            "comparison": ">=" if rule.inclusive else ">",
            "base": figure_json(base) if base is not None and base.known else None,
            "floor": rule.floor,
            "chosen": chosen,
            "result": step.result,
        }
        self._add(ctx.contest, ctx.unit, "runoff", [step], body)

    # ---- candidates --------------------------------------------------------------------------------------

    def _elections(self, ctx: UnitContext, steps: list[Step]) -> None:
        """Plurality in a unit: the votes, who is elected outright, a tie and how the law's rule breaks it; or a
        count of ranked ballots by instant runoff (others have no witness yet: their steps are not re-checked)."""
        unopposed = next((s for s in steps if isinstance(s.decision, ElectedWithoutPoll)), None)
        if unopposed is not None:  # no more candidates than seats: elected without a poll, whatever the rule
            assert isinstance(unopposed.decision, ElectedWithoutPoll)
            standing = list(unopposed.decision.candidates)
            self._add(
                ctx.contest,
                ctx.unit,
                "election",
                [unopposed],
                {
                    "candidates": standing,
                    "votes": dict.fromkeys(standing),
                    "seats": ctx.contest.seats_in(ctx.unit),
                    "unopposed": True,
                    "elected": standing,
                    "tied": [],
                    "tied_seats": 0,
                    "tie": None,
                    "result": unopposed.result,
                },
            )
            return
        if ctx.contest.elect_rule in RANKED_RULES:
            counted = [s for s in steps if s.kind in ("ballots", "round", "exclusion", "transfer", "election", "tie")]
            count = ranked_witness(ctx, counted)
            if count is not None:
                self._add(ctx.contest, ctx.unit, "ranked", counted, count)
            elif (gap := ranked_gap(ctx, counted)) is not None:  # said once for the count, beside each step's note
                self._add(ctx.contest, ctx.unit, "ranked", [], {"rule": ctx.contest.elect_rule, "note": gap})
            return
        for position, step in enumerate(steps):
            if step.kind != "election":
                continue
            ties = list(following(steps, position, "tie"))
            figures = {s: ctx.vote(s) for s in ctx.selections}
            seats = ctx.contest.seats_in(ctx.unit)
            body: dict[str, object] = {
                "candidates": list(ctx.selections),
                "votes": {s: figure_json(f) if f.known else None for s, f in figures.items()},
                "seats": seats,
                "elected": [],
                "tied": [],
                "tied_seats": 0,
                "tie": None,
                "result": step.result,
            }
            if seats is not None and all(f.known for f in figures.values()) and ctx.selections:
                votes = {s: f.value or 0 for s, f in figures.items()}
                ranked = sorted(ctx.selections, key=lambda s: -votes[s])
                n = min(seats, len(ranked))
                if n:
                    cut = votes[ranked[n - 1]]
                    sure = [s for s in ranked if votes[s] > cut]
                    group = [s for s in ranked if votes[s] == cut]
                    if len(group) <= n - len(sure):
                        body["elected"] = sure + group
                    else:
                        body.update(elected=sure, tied=group, tied_seats=n - len(sure))
                        body["tie"] = self._tie(ctx, tuple(group), n - len(sure), ties)
            if ctx.contest.gender_limit is not None:
                self._limit(ctx, steps, position, body)
                ties = [*preceding(steps, position, "tie"), *ties]
                ties += [s for s in steps[position + 1 :] if isinstance(s.decision, SeatsVacantByLimit)][:1]
            self._add(ctx.contest, ctx.unit, "election", sorted([step, *ties], key=lambda s: s.n), body)

    def _limit(self, ctx: UnitContext, steps: list[Step], position: int, body: dict[str, object]) -> None:
        """At most N seats to one gender: the walk down the votes, with the tie rule's values of every candidate
        who shares a number of votes (a tie within a gender's room, or for the seats left, goes to the rule)."""
        assert ctx.contest.gender_limit is not None
        genders = {s: ctx.results.attribute(ctx.unit, s, "gender") for s in ctx.selections}
        known = {s: f.value for s in ctx.selections if (f := ctx.vote(s)).known}
        equal = tuple(s for s in known if sum(1 for v in known.values() if v == known[s]) > 1)
        rule = ctx.contest.tie_rule
        body["limit"] = {
            "most": ctx.contest.gender_limit[0],
            "gender": genders,
            "rule": list(rule.keys) if rule is not None else None,
            "values": self._tie_values(ctx, equal),
        }
        decision = steps[position].decision
        if isinstance(decision, LimitedPlurality):
            body.update(elected=[name for name, _votes in decision.winners], tied=[], tied_seats=0)
        elif isinstance(decision, PluralityTied):  # what the walk settles before the tie the rule leaves open
            scratch = UnitContext(ctx.law, ctx.results, ctx.contest, ctx.unit, Recorder(), list(ctx.selections))
            walked = elect_within_limit(scratch)
            body.update(elected=list(walked.winners), tied=list(walked.tied), tied_seats=walked.tied_seats)

    def _tie(self, ctx: UnitContext, tied: tuple[str, ...], seats: int, steps: list[Step]) -> dict[str, object]:
        """The law's tie rule applied to `tied` for `seats`: each one's values for the rule's keys, and the result
        (found with the engine's tie rule on a scratch trace; the checker applies the rule itself)."""
        rule = ctx.contest.tie_rule
        keys = list(rule.keys) if rule is not None else []
        values = self._tie_values(ctx, tied)
        scratch = UnitContext(ctx.law, ctx.results, ctx.contest, ctx.unit, Recorder(), list(ctx.selections))
        broken = break_tie(scratch, rule, tied, seats, TheTie())
        return {
            "steps": [s.n for s in steps],
            "tied": list(tied),
            "seats": seats,
            "rule": keys if rule is not None else None,
            "values": values,
            "winners": list(broken.winners),
            "still_tied": list(broken.still_tied),
            "seats_left": broken.seats_left,
        }

    def _tie_values(self, ctx: UnitContext, names: tuple[str, ...]) -> dict[str, dict[str, object]]:
        """Each one's values for the keys of the law's tie rule (and the published lot)."""
        rule = ctx.contest.tie_rule
        keys = list(rule.keys) if rule is not None else []
        values: dict[str, dict[str, object]] = {}
        for name in names:
            own: dict[str, object] = {}
            for key in {*keys, "lot"}:
                if key in VOTE_KEYS:
                    vote = key_votes(ctx, key, name)[1]
                    own[key] = vote.value if vote.known else None
                else:
                    own[key] = ctx.results.attribute(ctx.unit, name, TIE_ATTRIBUTES[key])
            values[name] = dict(sorted(own.items()))
        return values

    def _winners(self, ctx: UnitContext, tied: tuple[str, ...], seats: int) -> tuple[str, ...]:
        scratch = UnitContext(ctx.law, ctx.results, ctx.contest, ctx.unit, Recorder(), list(ctx.selections))
        return break_tie(scratch, ctx.contest.tie_rule, tied, seats, TheTie()).winners

    # ---- seats of a unit of lists ------------------------------------------------------------------------

    def _seats(self, ctx: UnitContext, seats_total: int, unit: UnitOutcome, steps: list[Step]) -> None:
        """The unit's rounds composed into its seats (rounds, ties, caps), or, where the law adds clauses the
        checker does not compose, each round witnessed alone and a note for the composition."""
        contest = ctx.contest
        if unit.seats_status not in ("computed", "conditional"):
            self._rounds_alone(ctx, steps)
            return
        house = unit.seats_available if unit.seats_available is not None else seats_total
        others: list[str] = sorted(
            {
                str(s.kind)
                for s in steps
                if s.kind in SEAT_KINDS - COMPOSED and s.result not in NEUTRAL_RESULTS.get(s.kind, ())
            }
        )
        if contest.biproportional is not None:
            others.append("biproportional apportionment")
        composer = Composer(ctx, self.outcome.trace, self._tie, self._winners)
        composed = None if others else composer.compose(steps)
        if composed is None:
            self._rounds_alone(ctx, steps)
            why = ", ".join(others) if others else "rounds the checker cannot follow"
            note = f"witness not provided for the composition of the seats with {why}"
            self._add(contest, ctx.unit, "seats", [], {"house": house, "stages": None, "note": note})
            return
        stages, used = composed
        pooled = contest.pooled is not None and any(
            s.kind == "pooled" and s.contest == contest.id for s in self.outcome.trace
        )
        body: dict[str, object] = {"house": house, "stages": stages, "note": None}
        body |= {"pooled": True} if pooled else {}
        self._add(contest, ctx.unit, "seats", used, body)

    def _rounds_alone(self, ctx: UnitContext, steps: list[Step]) -> None:
        """Each round of the unit witnessed on its own (its seats are checked; their composition is not)."""
        rounds = Rounds(ctx, self.outcome.trace)
        for position, step in enumerate(steps):
            found = rounds.witness(step, steps, position) if step.kind in ("allocation", "agreements") else None
            if found is not None:
                self._add(ctx.contest, ctx.unit, "allocation", found[1], found[0])


def _thresholds(contest: model.Contest) -> list[model.ThresholdRule]:
    """Every threshold of a contest: its own, and those of its national tier, reserved seats, bonus and the
    majority that takes the seat given last."""
    found = list(contest.thresholds)
    found += [contest.adjustment.threshold] if contest.adjustment is not None else []
    found += [r.threshold for r in contest.reserved]
    found += [contest.bonus.threshold] if contest.bonus is not None and contest.bonus.threshold is not None else []
    found += [contest.majority_seat.votes] if contest.majority_seat is not None else []
    return found


def _named(key: str, selections: list[str]) -> str | None:
    """The selection an input's name is about: `votes of NAME` (in a unit or not), or its constituency wins."""
    found = located(key, Named.VOTES_OF)
    who = found[0] if found is not None else subject(key, Named.CONSTITUENCY_WINS_OF) or _wins_of(key)
    return who if who in selections else None


def _wins_of(key: str) -> str | None:
    """`constituency_wins of NAME`: the results' attribute of a list, as a threshold's alternative reads it."""
    if isinstance(key, FigureName) and key.kind is Named.ATTRIBUTE_OF and key.unit == "constituency_wins":
        return key.what
    return None

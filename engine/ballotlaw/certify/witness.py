"""The witnesses of a certificate: for every step of the trace, the numbers that let the independent checker
(recheck/) re-decide it, or a note that says no witness is provided for its kind.

Witnesses are computed from the law model, the results and the outcome's typed fields, and from the numbers a
step records (its `inputs`), never from the wording of its decision.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

import attrs

from .. import model
from ..evaluate.context import Recorder, UnitContext
from ..evaluate.ties import break_tie
from ..facts.allocation import TheTie
from ..outcome import Outcome, UnitOutcome
from ..results.model import Figure, Results
from ..trace import Step
from .conditions import condition_witness
from .rounds import number_json, round_witness

#: Steps that change the seats of the unit they are recorded in; a unit whose seats come from other kinds than
#: rounds, ties and caps is not composed (its rounds are still witnessed one by one).
SEAT_KINDS = frozenset(
    (
        "allocation",
        "tie",
        "cap",
        "bonus",
        "stable majority",
        "mixed",
        "minimum",
        "reserved",
        "agreements",
        "pooled",
        "biproportional",
        "adjustment",
        "placement",
    )
)
COMPOSED = frozenset(("allocation", "tie", "cap"))
#: Results of seat-kind steps that leave the seats as the rounds give them.
NEUTRAL_RESULTS = {
    "bonus": ("no bonus", "not evaluated"),
    "stable majority": ("passed",),
    "minimum": ("passed", "not evaluated"),
}
TIE_ATTRIBUTES = {
    "ballot order": "ballot_number",
    "earlier registration": "registration_order",
    "older candidate": "age_order",
    "lot": "lot_order",
}


def figure_json(figure: Figure) -> int | str | dict[str, object] | None:
    """A figure in a witness: its value; `{"at_most": N}` when only a bound is published; null otherwise."""
    if figure.known and figure.value is not None:
        return number_json(figure.value)
    if figure.at_most is not None:
        return {"at_most": number_json(figure.at_most)}
    return None


class Witnesses:
    """Builds the witnesses and the step entries of one certificate."""

    def __init__(self, law: model.Law, results: Results, outcome: Outcome) -> None:
        self.law = law
        self.results = results
        self.outcome = outcome
        self.witnesses: list[dict[str, object]] = []
        self.covered: dict[int, int] = {}

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
        for step in steps:
            if step.kind in ("validity", "rerun", "recount", "majority", "approve"):
                body = condition_witness(ctx, step)
                if body is not None:
                    self._add(ctx.contest, ctx.unit, "condition", [step], body)
            elif step.kind in ("threshold", "reserved", "bonus"):
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
        prefix = f"{base} of "
        counts = {name[len(prefix) :]: v for name, v in step.inputs if name.startswith(prefix) and isinstance(v, int)}
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
        rounds = []
        for step in steps:
            won = {k[len("district seats of ") :]: v for k, v in step.inputs if k.startswith("district seats of ")}
            plain = tuple((k, v) for k, v in step.inputs if not k.startswith("district seats of "))
            parsed = _round_inputs(attrs.evolve(step, inputs=plain))
            if parsed is None or sorted(won) != sorted(parsed[0]):
                return
            lists, votes, _held, seats = parsed
            body, _result = round_witness(contest.adjustment.method, lists, votes, seats)
            rounds.append({**body, "won": {n: won[n] for n in lists}})
        self._add(contest, steps[0].unit, "adjustment", steps, {"rounds": rounds})

    def _distribution(self, ctx: UnitContext, step: Step) -> None:
        """A list's seats shared among the units of a lower level by its votes there: a round over the units."""
        if ctx.contest.distribution is None or not step.inputs:
            return
        _level, method, _provenance = ctx.contest.distribution
        last, seats = step.inputs[-1]
        name = last[len("seats of ") :]
        prefix = f"votes of {name} in "
        votes = {key[len(prefix) :]: v for key, v in step.inputs[:-1] if key.startswith(prefix) and isinstance(v, int)}
        if not last.startswith("seats of ") or not isinstance(seats, int) or len(votes) + 1 != len(step.inputs):
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
        if first.startswith(("constituency wins of ", "constituency_wins of ")) and step.kind == "threshold":
            wins = ctx.results.attribute(ctx.unit, selection, "constituency_wins")
            body: dict[str, object] = {
                "selection": selection,
                "wins": wins,
                "needed": rule.alternative_wins,
                "result": step.result,
            }
            self._add(ctx.contest, ctx.unit, "wins", [step], body)
            return
        measured = [name for name, _ in step.inputs if name.startswith("votes of ")]
        units = [_where(name, selection, ctx.unit) for name in measured]
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
            "mode": mode,
            "needed": rule.at_least_units,
            "units": self.law.levels[rule.level].unit_count if mode != "single" and rule.level else None,
            "measures": [
                {
                    "unit": where,
                    "votes": figure_json(self.results.vote(where, selection)),
                    "base": figure_json(self.results.count(where, rule.base)),
                }
                for where in units
            ],
            "combined_with_wins": rule.alternative_wins is not None,
            "result": step.result,
        }
        self._add(ctx.contest, ctx.unit, "threshold", [step], body)

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
        """Plurality in a unit: the votes, who is elected outright, a tie and how the law's rule breaks it."""
        for position, step in enumerate(steps):
            if step.kind != "election":
                continue
            ties = list(_following(steps, position, "tie"))
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
            self._add(ctx.contest, ctx.unit, "election", [step, *ties], body)

    def _tie(self, ctx: UnitContext, tied: tuple[str, ...], seats: int, steps: list[Step]) -> dict[str, object]:
        """The law's tie rule applied to `tied` for `seats`: each one's values for the rule's keys, and the result
        (found with the engine's tie rule on a scratch trace; the checker applies the rule itself)."""
        rule = ctx.contest.tie_rule
        keys = list(rule.keys) if rule is not None else []
        values: dict[str, dict[str, object]] = {}
        for name in tied:
            own: dict[str, object] = {}
            for key in {*keys, "lot"}:
                if key == "more votes":
                    vote = ctx.vote(name)
                    own[key] = vote.value if vote.known else None
                else:
                    own[key] = ctx.results.attribute(ctx.unit, name, TIE_ATTRIBUTES[key])
            values[name] = dict(sorted(own.items()))
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
        if contest.pooled is not None:
            others.append("pooled remainders")
        if contest.biproportional is not None:
            others.append("biproportional apportionment")
        composed = None if others else self._compose(ctx, house, steps)
        if composed is None:
            self._rounds_alone(ctx, steps)
            why = ", ".join(others) if others else "rounds the checker cannot follow"
            note = f"witness not provided for the composition of the seats with {why}"
            self._add(contest, ctx.unit, "seats", [], {"house": house, "stages": None, "note": note})
            return
        stages, used = composed
        self._add(contest, ctx.unit, "seats", used, {"house": house, "stages": stages, "note": None})

    def _compose(
        self, ctx: UnitContext, house: int, steps: list[Step]
    ) -> tuple[list[dict[str, object]], list[Step]] | None:
        contest = ctx.contest
        method = contest.method
        if method is None:
            return None
        stages: list[dict[str, object]] = []
        used: list[Step] = []
        given: dict[str, int] = {}
        active: list[str] = []
        position = 0
        while position < len(steps):
            step = steps[position]
            if step.kind == "allocation":
                parsed = _round_inputs(step)
                if parsed is None:
                    return None
                lists, votes, held, seats = parsed
                body, result = round_witness(method, lists, votes, seats, held)
                stages.append({"stage": "allocation", "steps": [step.n], **body, "scaled": _scaled(ctx, lists)})
                used.append(step)
                given, active = dict(result.seats), lists
                ties = list(_following(steps, position, "tie"))
                if result.tied:
                    if not ties:
                        return None
                    if result.tied_seats < 0:  # seats to take back: a lot, no tie rule
                        tie: dict[str, object] = {"tied": list(result.tied), "seats": -result.tied_seats}
                    else:
                        tie = self._tie(ctx, result.tied, result.tied_seats, ties)
                        for name in self._winners(ctx, result.tied, result.tied_seats):
                            given[name] += 1
                    stages.append({"stage": "tie", **tie, "steps": [s.n for s in ties]})
                    used += ties
                position += 1 + len(ties)
                continue
            if step.kind == "cap":
                caps = [step, *_following(steps, position, "cap")]
                limits = {n: _limit(ctx, n) for n in active}
                over = [n for n in active if (lim := limits[n]) is not None and given.get(n, 0) > lim[0]]
                stages.append(
                    {
                        "stage": "cap",
                        "steps": [s.n for s in caps],
                        "limits": {n: (lim[0] if (lim := limits[n]) is not None else None) for n in active},
                        "redistribute": all(lim[1].redistribute for n in over if (lim := limits[n]) is not None),
                        "result": step.result,
                    }
                )
                used += caps
                position += len(caps)
                continue
            if step.kind == "tie":
                return None  # a tie that follows no round of this unit
            position += 1
        return (stages, used) if stages else None

    def _rounds_alone(self, ctx: UnitContext, steps: list[Step]) -> None:
        """Each round of the unit witnessed on its own (its seats are checked; their composition is not)."""
        method = ctx.contest.method
        if method is None:
            return
        for step in steps:
            if step.kind not in ("allocation", "agreements"):
                continue
            parsed = _round_inputs(step)
            if parsed is None:
                continue
            lists, votes, held, seats = parsed
            body, _result = round_witness(method, lists, votes, seats, held)
            self._add(ctx.contest, ctx.unit, "allocation", [step], {**body, "scaled": _scaled(ctx, lists)})


def _thresholds(contest: model.Contest) -> list[model.ThresholdRule]:
    """Every threshold of a contest: its own, and those of its national tier, reserved seats and bonus."""
    found = list(contest.thresholds)
    found += [contest.adjustment.threshold] if contest.adjustment is not None else []
    found += [r.threshold for r in contest.reserved]
    found += [contest.bonus.threshold] if contest.bonus is not None and contest.bonus.threshold is not None else []
    return found


def _following(steps: list[Step], position: int, kind: str) -> Iterator[Step]:
    """The steps of `kind` right after `steps[position]`."""
    for step in steps[position + 1 :]:
        if step.kind != kind:
            return
        yield step


def _named(key: str, selections: list[str]) -> str | None:
    """The selection an input's name is about: `votes of NAME` or `votes of NAME in UNIT` (the longest name that
    fits, so that a name holding ` in ` is read whole)."""
    for prefix in ("votes of ", "constituency wins of ", "constituency_wins of "):
        if key.startswith(prefix):
            rest = key[len(prefix) :]
            fits = [s for s in selections if rest == s or rest.startswith(f"{s} in ")]
            return max(fits, key=len) if fits else None
    return None


def _where(key: str, selection: str, unit: str) -> str:
    rest = key[len(f"votes of {selection}") :]
    return rest[len(" in ") :] if rest.startswith(" in ") else unit


def _round_inputs(step: Step) -> tuple[list[str], dict[str, int | Fraction], dict[str, int] | None, int] | None:
    """The lists, votes, seats already held and seats of a round, from the numbers its step records."""
    lists: list[str] = []
    votes: dict[str, int | Fraction] = {}
    held: dict[str, int] = {}
    seats = None
    for name, value in step.inputs:
        if name.startswith("votes of ") and isinstance(value, int | Fraction):
            lists.append(name[len("votes of ") :])
            votes[lists[-1]] = value
        elif name.startswith("constituency seats of ") and isinstance(value, int):
            held[name[len("constituency seats of ") :]] = value
        elif name in ("seats", "seats of the agreement") and isinstance(value, int):
            seats = value
        else:
            return None
    if seats is None or not lists or not set(held) <= set(lists):
        return None
    return lists, votes, (held or None), seats


def _scaled(ctx: UnitContext, lists: list[str]) -> dict[str, int | str]:
    """Lists of a national minority whose votes the method multiplies, with the factor."""
    factor = ctx.contest.minority_factor
    if factor is None:
        return {}
    return {n: number_json(factor) for n in lists if ctx.results.attribute(ctx.unit, n, "national_minority")}


def _limit(ctx: UnitContext, name: str) -> tuple[int, model.CapRule] | None:
    """The most a list may keep, as the engine's cap reads it: the cap, or its number of candidates."""
    options: list[tuple[int, model.CapRule]] = []
    if ctx.contest.cap is not None:
        options.append((ctx.contest.cap.seats, ctx.contest.cap))
    if ctx.contest.exhaustion is not None:
        candidates = ctx.results.attribute(ctx.unit, name, "candidates")
        if candidates is not None:
            options.append((candidates, ctx.contest.exhaustion))
    return min(options, key=lambda option: option[0]) if options else None

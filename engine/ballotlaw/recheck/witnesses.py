"""Every witness of a certificate re-checked against the certificate's own outcome and trace: the steps each one
covers, the numbers it states re-decided (methods.py, seats.py, measures.py, clauses.py, placing.py), and every
seat and decision the outcome states confirmed by them."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from . import clauses, measures
from .numbers import J, Malformed, items, number, per_name, whole
from .placing import Pair, check_placement, check_pool
from .seats import Composition, compose, read_round

#: What a witness of the wrong shape raises in the checks (Malformed is a ValueError).
HOSTILE = (ValueError, TypeError, KeyError, IndexError, ArithmeticError, RecursionError)
#: Kinds of step that always carry a witness when they decide something.
WITNESSED = ("allocation", "election", "pooled", "placement", "fallback", "cancelled", "multiplier")
#: Kinds of step that measure a list against a threshold (a bonus and a reserved seat measure their list too).
MEASURED = ("threshold", "reserved", "bonus", "majority seat")
#: Kinds of step a `seats` witness composes.
STAGES = ("allocation", "tie", "cap", "agreements", "mixed", "reserved", "bonus", "stable majority", "opposition seats")
#: The kinds of witness, each re-checked by the method `_<kind>`.
KINDS = (
    *("allocation", "apportionment", "adjustment", "distribution", "seats", "threshold", "wins", "election"),
    *("runoff", "condition", "fallback", "cancelled", "joint", "pool", "placement", "ranked", "multiplier"),
)


class Witnesses:
    """The steps of the trace, each with its witness or a note, and every witness re-checked."""

    def __init__(self, document: dict[str, object]) -> None:
        self.failures: list[str] = []
        self.not_rechecked: list[str] = []
        certificate = J(document, "the certificate")
        self.trace = certificate.obj("trace").objs("steps")
        self.steps = {s.whole("n"): s for s in self.trace}
        self.contests = {c.text("id"): c for c in certificate.obj("outcome").objs("contests")}
        self.units = {(cid, u.text("unit")): (c, u) for cid, c in self.contests.items() for u in c.objs("units")}
        self.witnesses = certificate.objs("witnesses")
        for item in (*self.trace, *self.witnesses):  # what names a witness or a step is text (and hashable)
            item.text("contest"), item.text("unit")
        self.entries = certificate.objs("steps")
        self.pools: dict[str, tuple[Counter[Pair], list[str]]] = {}

    def check(self) -> int:
        """Re-check every witness; the number re-checked."""
        self._coverage()
        for index, witness in enumerate(self.witnesses):
            kind, steps = witness.text("type"), ", ".join(str(n) for n in items(witness["steps"], "steps"))
            label = f"witness {index} ({kind}, {witness['contest']} at {witness['unit']}"
            label += f", step {steps})" if steps else ")"
            try:
                problems = (
                    getattr(self, f"_{kind}")(witness, label)
                    if kind in KINDS
                    else ["not a kind of witness the checker knows"]
                )
            except HOSTILE as error:  # a value of the wrong shape: the witness fails, the checker goes on
                problems = [f"malformed: {error}"]
            self.failures += [f"{label}: {p}" for p in problems]
        measured = {
            (*w.where(), str(w.get("selection")), str(w.get("clause")))
            for w in self.witnesses
            if w.get("type") == "threshold"
        }
        composed = {w.where() for w in self.witnesses if w.get("type") == "seats"}
        for (contest_id, unit_id), (contest, unit) in self.units.items():
            for selection in unit.objs("selections"):
                for test in selection.objs("tests"):
                    key = (contest_id, unit_id, str(selection.get("id")), str(test.get("clause")))
                    if test.get("share") is not None and key not in measured:
                        self.failures.append(f"the test of {key[2]} by {key[3]} at {unit_id}: no witness")
            has_seats = unit.get("seats_status") in ("computed", "conditional")
            if contest.get("kind") == "lists" and has_seats and (contest_id, unit_id) not in composed:
                self.failures.append(f"seats of {contest_id} at {unit_id}: no witness composes them")
        return len(self.witnesses)

    def _coverage(self) -> None:
        """One entry per step of the trace, in order, each with a witness that names it or a note."""
        if [e.get("n") for e in self.entries] != [s.get("n") for s in self.trace]:
            raise Malformed("the steps listed are not the steps of the trace")
        ranked = {
            s.where() for s in self.trace if s.get("kind") == "round"
        }  # a count of ranked ballots: no witness yet
        for entry, step in zip(self.entries, self.trace, strict=True):
            n, kind, index = step.get("n"), str(step.get("kind")), entry.get("witness")
            where = f"step {n} ({kind}, {step.get('contest')} at {step.get('unit')})"
            if (
                index is None
                and kind in WITNESSED
                and step.get("result") != "not evaluated"
                and step.where() not in ranked
            ):
                self.failures.append(f"{where}: no witness, though a {kind} always has one")
            elif index is None:
                self.not_rechecked.append(f"{where}: {entry.text('note')}")
            elif whole(index, "witness") >= len(self.witnesses) or n not in items(
                self.witnesses[whole(index, "witness")]["steps"], "steps"
            ):
                self.failures.append(f"{where}: its witness does not name it")
        by_step = {e.get("n"): e.get("witness") for e in self.entries}
        for position, witness in enumerate(self.witnesses):
            for n in items(witness["steps"], "steps"):
                if by_step.get(whole(n, "step"), -1) != position:
                    self.failures.append(f"witness {position}: step {n} does not point to it")

    # ---- the outcome and the trace a witness is tied to ---------------------------------------------------------

    def _unit(self, witness: J) -> J:
        """The outcome's unit of a witness (empty where the witness's unit is not one of competition)."""
        return self.units.get((str(witness.get("contest")), str(witness.get("unit"))), (None, J({})))[1]

    def _contest(self, witness: J) -> J:
        if str(witness.get("contest")) not in self.contests:
            raise Malformed("the outcome has no such contest")
        return self.contests[str(witness.get("contest"))]

    def _selections(self, witness: J) -> dict[str, J]:
        found = self.units.get((str(witness.get("contest")), str(witness.get("unit"))))
        return {} if found is None else {s.text("id"): s for s in found[1].objs("selections")}

    def _passed(self, selection: J | None, clause: object) -> bool:
        """Whether the outcome's test of `selection` by `clause` passed."""
        tests = selection.objs("tests") if selection is not None else []
        return any(t.get("clause") == clause and t.get("result") == "passed" for t in tests)

    def _votes_agree(self, witness: J, votes: dict[str, Fraction | None], scaled: object = None) -> list[str]:
        """Votes a witness uses that differ from the outcome's published votes of the same selection."""
        factors = J(scaled or {}, "scaled")
        problems = []
        for name, selection in self._selections(witness).items():
            if votes.get(name) is not None and selection.get("votes") is not None:
                factor = factors.num(name) if name in factors.d else Fraction(1)
                if selection.num("votes") * factor != votes[name]:
                    problems.append(f"the votes of {name} are not those of the outcome")
        return problems

    def _steps_of(self, witness: J, kinds: tuple[str, ...], anywhere: tuple[str, ...] = ()) -> list[J]:
        """The trace steps a witness names; each must be of this unit and of one of `kinds` (or of this contest,
        in any unit, and of one of `anywhere`: the nation's thresholds of a pool of the districts)."""
        found = []
        for n in items(witness["steps"], "steps"):
            step = self.steps.get(whole(n, "step"))
            if step is None or step.get("kind") not in (*kinds, *anywhere):
                raise Malformed(f"step {n} is not a {' or '.join((*kinds, *anywhere))} step of the trace")
            elsewhere = step.get("kind") in anywhere and step.get("contest") == witness.get("contest")
            if step.where() != witness.where() and not elsewhere:
                raise Malformed(f"step {n} is of another contest or unit")
            found.append(step)
        return found

    def _result(self, witness: J, kinds: tuple[str, ...], computed: str) -> list[str]:
        """The re-decided result against the witness's and the trace's."""
        steps, problems = self._steps_of(witness, kinds), []
        for what, stated in (
            ("the witness states", witness.get("result")),
            ("the trace records", steps[0].get("result") if steps else computed),
        ):
            if stated != computed:
                problems.append(f"the numbers give `{computed}`, {what} `{stated}`")
        return problems

    # ---- rounds and seats ----------------------------------------------------------------------------------------

    def _allocation(self, witness: J, label: str) -> list[str]:
        self._steps_of(witness, ("allocation", "agreements"))
        _method, round_, problems = read_round(witness.d)
        problems += self._scaled(witness, round_.lists, witness.get("scaled"))
        return problems + self._votes_agree(witness, dict(round_.votes), witness.get("scaled"))

    def _scaled(self, witness: J, lists: list[str], scaled: object) -> list[str]:
        """A minority list's votes are multiplied, by the law's factor, exactly when its multiplier witness (the
        share under which the law multiplies) does not find it at or above the share."""
        factors, problems = J(scaled or {}, "scaled"), []
        for found in (w for w in self.witnesses if w.where() == witness.where() and w.get("type") == "multiplier"):
            name = found.text("selection")
            raised = found.get("result") != "not applicable"
            factor = factors.num(name) if name in factors.d else None
            if name in lists and factor != (found.num("factor") if raised else None):
                problems.append(f"the votes of {name} are {'not ' if raised else ''}multiplied, against its share")
        return problems

    def _apportionment(self, witness: J, label: str) -> list[str]:
        """The house shared among the units: each unit's seats in the outcome are the round's."""
        self._steps_of(witness, ("apportionment",))
        _method, round_, problems = read_round(witness.d)
        for unit_id, seats in {} if round_.tied else round_.result.items():
            found = self.units.get((str(witness.get("contest")), unit_id))
            if found is not None and found[1].get("seats_available") != seats:
                problems.append(f"{unit_id}: the outcome gives it {found[1].get('seats_available')} seats, not {seats}")
        return problems

    def _distribution(self, witness: J, label: str) -> list[str]:
        """A list's seats shared among lower units: the list's seats, and its seats per unit in the outcome."""
        self._steps_of(witness, ("distribution",))
        _method, round_, problems = read_round(witness.d)
        name = witness.text("selection")
        selection = self._selections(witness).get(name)
        if selection is not None and selection.get("seats") not in (None, round_.seats):
            problems.append(f"{name} has {selection.get('seats')} seats in the outcome, {round_.seats} distributed")
        if round_.tied or not self._unit(witness).d:
            return problems
        rows = [d for d in self._unit(witness).objs("distribution") if d.get("selection") == name]
        if {str(d.get("unit")): d.get("seats") for d in rows} != {u: s for u, s in round_.result.items() if s}:
            problems.append(f"the outcome's distribution of {name} is not the round's")
        return problems

    def _adjustment(self, witness: J, label: str) -> list[str]:
        """The national tier: every round witnessed; a list whose district seats exceed its share is set aside and
        its seats leave the house; the last round, with no list over, is the outcome's tier."""
        steps, rounds = self._steps_of(witness, ("adjustment",)), witness.objs("rounds")
        if not rounds or len(rounds) != len(steps):
            raise Malformed("one round for each step of the tier")
        district: Counter[str] = Counter()
        for (contest_id, _unit), (_contest, unit) in self.units.items():
            if contest_id == witness.get("contest"):
                district.update(
                    {s.text("id"): s.whole("seats") for s in unit.objs("selections") if s.get("seats") is not None}
                )
        problems: list[str] = []
        expected: tuple[list[str], int] | None = None
        continued = witness.get("continued") is True  # each list's series continued after its district seats
        for position, (stage, step) in enumerate(zip(rounds, steps, strict=True), 1):
            _method, round_, found = read_round(stage.d)
            won = {n: int(v) for n, v in per_name(stage["won"], round_.lists, "won", int).items()}
            found += [f"{n} won {won[n]} district seats, not {w}" for n, w in district.items() if won.get(n, w) != w]
            found += ["the series do not continue after the district seats"] * (continued and stage.get("held") != won)
            over = [] if continued else [n for n in round_.lists if won[n] > round_.result[n]]
            if expected is not None and (sorted(round_.lists), round_.seats) != (sorted(expected[0]), expected[1]):
                found.append("not the lists and seats the round before leaves")
            if step.get("result") != ("over" if over else "allocated"):
                found.append(f"the trace records `{step.get('result')}`")
            problems += [f"round {position}: {p}" for p in found]
            expected = ([n for n in round_.lists if n not in over], round_.seats - sum(won[n] for n in over))
        final = [
            {"selection": n, "district_seats": won[n], "entitlement": s + won[n], "adjustment_seats": s}
            if continued
            else {"selection": n, "district_seats": won[n], "entitlement": s, "adjustment_seats": s - won[n]}
            for n, s in round_.result.items()
        ]
        if not over and not round_.tied and self._contest(witness).get("adjustment") != final:
            problems.append("the outcome's national tier is not the last round's")
        return problems

    def _seats(self, witness: J, label: str) -> list[str]:
        """A unit's stages composed into every list's seats, which must be the outcome's."""
        unit, contest = self._unit(witness), self._contest(witness)
        if not unit.d:
            raise Malformed("the outcome has no such unit")
        if witness.get("stages") is None:
            self.not_rechecked.append(f"{label}: {witness.text('note')}")
            return []
        available = unit.get("seats_available")
        house = whole(available if available is not None else contest["seats_per_unit"], "house")
        if witness.whole("house") != house:
            return ["the house is not the unit's seats in the outcome"]
        self._steps_of(witness, STAGES)
        here = {n: s for n, s in self.steps.items() if s.where() == witness.where()}
        composition, problems = compose(witness, house, here)
        selections = self._selections(witness)
        for stage in witness.objs("stages"):
            if stage.get("stage") == "allocation":
                votes = {n: number(v, "votes") for n, v in stage.obj("votes").d.items()}
                problems += self._scaled(witness, list(votes), stage.get("scaled"))
                problems += self._votes_agree(witness, dict(votes), stage.get("scaled"))
        for votes in composition.votes:
            problems += self._votes_agree(witness, dict(votes))
        problems += self._minorities(witness, composition)
        first = set(composition.first_lists)
        for name, selection in selections.items():
            if selection.get("qualified") == "yes" and first and name not in first:
                problems.append(f"{name} qualifies but is not among the lists allocated to")
            if selection.get("qualified") == "no" and name in first:
                problems.append(f"{name} does not qualify but is allocated to")
        final, found = composition.finish()
        problems += found
        if unit.get("seats_added") != composition.added:
            problems.append(
                f"the house grows by {composition.added} seat(s), the outcome says {unit.get('seats_added')}"
            )
        for (unit_id, name), seats in self._pooled(witness)[0].items() if witness.get("pooled") is True else ():
            final[name] = final.get(name, 0) + (seats if unit_id == witness.get("unit") else 0)
        for name, selection in selections.items():
            if selection.get("seats") is not None and selection.whole("seats") != final.get(name, 0):
                stated = selection.get("seats")
                problems.append(f"seats of {name}: the outcome gives {stated}, the witnesses give {final.get(name, 0)}")
        still, left = composition.unresolved
        if still and unit.get("status") == "elected":
            problems.append("the allocation leaves a tie open, but the outcome is final")
        if sorted(still) != sorted(unit.names("tied")) or (still and left != unit.get("tied_seats")):
            problems.append("the tie left to a lot is not the one the outcome states")
        return problems

    def _minorities(self, witness: J, composition: Composition) -> list[str]:
        """The joint lists a round allocates are those the joint witnesses of the unit admit; a reserved seat goes
        to the minority's list with the most votes that passes the clause; a bonus's share is its measure's."""
        here = [w for w in self.witnesses if w.where() == witness.where()]
        admitted = [
            (w.names("members"), w.get("most"))
            for w in here
            if w.get("type") == "joint" and w.get("result") == "passed"
        ]
        problems = []
        for held, lists in composition.joint:
            expected = [([n for n in m if n in lists], most) for m, most in admitted if set(m) & set(lists)]
            if sorted(held) != sorted(expected):  # type: ignore[type-var]
                problems.append("the joint lists of a round are not those the joint witnesses admit")
        selections = self._selections(witness)
        for stage in witness.objs("stages"):
            leader, clause = stage.get("leader"), stage.get("clause")
            if stage.get("stage") == "bonus":
                key = ("threshold", clause, leader)
                found = [w for w in here if (w.get("type"), w.get("clause"), w.get("selection")) == key]
                measured = [measures.threshold(w.d) for w in found]
                share = stage.get("share")
                expected_measure = ("passed", number(share, "share")) if share is not None else ("failed",)
                if len(measured) != 1 or measured[0][: len(expected_measure)] != expected_measure:
                    problems.append(f"the bonus's share of {leader} is not its measure by {clause}")
            elif stage.get("stage") == "reserved" and leader is not None:
                votes = [selections[n].get("votes") if n in selections else None for n in stage.names("lists")]
                top = selections.get(str(leader), J({})).get("votes")
                ranked = isinstance(top, int) and all(isinstance(v, int) and v <= top for v in votes)
                if not self._passed(selections.get(str(leader)), clause) or not ranked or votes.count(top) != 1:
                    problems.append(f"{leader} is not the minority's list with the most votes that passes {clause}")
        return problems

    def _pool(self, witness: J, label: str) -> list[str]:
        return self._pooled(witness)[1]

    def _pooled(self, witness: J) -> tuple[Counter[Pair], list[str]]:
        """The pool of a contest: its seats placed per (district, list), and its problems (found once)."""
        contest_id = str(witness.get("contest"))
        if contest_id not in self.pools:
            found = [w for w in self.witnesses if w.get("type") == "pool" and w.get("contest") == contest_id]
            if len(found) != 1:
                raise Malformed(f"the seats of {contest_id} are pooled, but no single pool witness places them")
            self._steps_of(found[0], ("pooled",), ("threshold",))  # its participants are measured in the nation
            self.pools[contest_id] = check_pool(found[0].d, self._contest(found[0]).d)
        return self.pools[contest_id]

    def _placement(self, witness: J, label: str) -> list[str]:
        self._steps_of(witness, ("placement",))
        return check_placement(witness.d, self._contest(witness).d)

    # ---- decisions ---------------------------------------------------------------------------------------------

    def _threshold(self, witness: J, label: str) -> list[str]:
        computed, share = measures.threshold(witness.d)
        problems = self._result(witness, MEASURED, computed)
        selection = self._selections(witness).get(witness.text("selection"))
        if selection is None or witness.get("combined_with_wins") is not False or witness.get("either") == "other":
            return problems
        if witness.get("either") == "main":
            computed = self._either(witness, computed, problems)
        for test in (t for t in selection.objs("tests") if t.get("clause") == witness.get("clause")):
            if test.get("result") != computed:
                problems.append(f"the outcome's test of {selection.get('id')} is `{test.get('result')}`")
            if test.get("share") is not None and share is not None and test.num("share") != share:
                problems.append(f"the share of {selection.get('id')} in the outcome is not its votes over the base")
        return problems

    def _either(self, witness: J, computed: str, problems: list[str]) -> str:
        """A threshold with an alternative share (`..., or at least P in N units`): a list that fails the first is
        measured by the alternative (its own witness); it passes by either, fails by both, else is undecided."""
        same, here = ("threshold", "other", witness.get("selection"), witness.get("clause")), witness.where()
        fields = ("type", "either", "selection", "clause")
        others = [w for w in self.witnesses if w.where() == here and tuple(w.get(f) for f in fields) == same]
        if computed == "passed":
            if others:
                problems.append("a list that passes the threshold is measured by its alternative too")
            return computed
        if len(others) != 1:
            problems.append("the list fails the threshold, and no single witness measures its alternative")
            return computed
        other = measures.threshold(others[0].d)[0]
        return "passed" if other == "passed" else "failed" if other == computed == "failed" else "not evaluated"

    def _wins(self, witness: J, label: str) -> list[str]:
        return self._result(witness, ("threshold",), measures.wins(witness.d))

    def _election(self, witness: J, label: str) -> list[str]:
        computed, sure, tied, tied_seats, winners = measures.election(witness.d)
        election = [s for s in self._steps_of(witness, ("election", "tie")) if s.get("kind") == "election"]
        problems = []
        if witness.get("result") != computed or (election and election[0].get("result") != computed):
            problems.append(f"the votes give `{computed}`, not the result stated")
        if sorted(witness.names("elected")) != sorted(sure):
            problems.append(f"the votes elect {', '.join(sure) or 'no one'} outright, not as stated")
        if sorted(witness.names("tied")) != sorted(tied):
            problems.append("the tied candidates are not those with equal votes at the cut")
        if witness.get("unopposed") is True:  # every candidate standing is counted: none left out to make it so
            here = [w for w in self.witnesses if w.where() == witness.where() and w.get("type") == "cancelled"]
            cancelled = {name for w in here for name in w.names("cancelled")}
            if set(self._selections(witness)) - set(witness.names("candidates")) - cancelled:
                problems.append("a candidate standing is left out of the election without a poll")
        unit = self._unit(witness)
        if witness.get("limit") is not None and computed == "tied" and unit.d:  # the walk's tie is the outcome's
            if sorted(unit.names("tied")) != sorted(tied) or unit.get("tied_seats") != tied_seats:
                problems.append("the tie the walk down the votes leaves open is not the one the outcome states")
        votes = {c: None if v is None else number(v, "votes") for c, v in witness.obj("votes").d.items()}
        problems += self._votes_agree(witness, votes)
        if self._unit(witness).get("status") == "elected" and computed != "not evaluated":
            elected = {name for name, s in self._selections(witness).items() if s.get("elected") is True}
            if elected != set(winners):
                said = ", ".join(sorted(elected))
                problems.append(f"the outcome elects {said}; the votes elect {', '.join(winners)}")
        return problems

    def _runoff(self, witness: J, label: str) -> list[str]:
        computed, chosen = measures.runoff(witness.d)
        problems = self._result(witness, ("runoff",), computed)
        if sorted(witness.names("chosen")) != sorted(chosen):
            problems.append(f"the second round is between {', '.join(chosen)}, not as stated")
        going = {name for name, s in self._selections(witness).items() if s.get("qualified") == "yes"}
        if self._unit(witness).get("status") == "runoff" and going != set(chosen):
            problems.append("the outcome sends others to the second round")
        return problems

    def _condition(self, witness: J, label: str) -> list[str]:
        kind = witness.text("kind")
        if kind not in measures.VERDICTS:
            raise Malformed(f"`{kind}` is not a kind of condition")
        qualified = [s.get("qualified") for s in self._selections(witness).values()]
        holds = measures.condition(witness["condition"], (qualified.count("yes"), qualified.count("undetermined")))
        return self._result(
            witness, (kind,), "not evaluated" if holds is None else measures.VERDICTS[kind][0 if holds else 1]
        )

    def _fallback(self, witness: J, label: str) -> list[str]:
        """The lists a fallback admits: the outcome's qualifying lists are those before it and those it admits."""
        computed, added, pending = clauses.fallback(witness.d)
        problems = self._result(witness, ("fallback", "tie"), computed)
        selections = self._selections(witness)
        by_clause = {
            n for n, s in selections.items() if any(t.get("clause") == witness.get("clause") for t in s.objs("tests"))
        }
        qualifying = {n for n, s in selections.items() if s.get("qualified") == "yes"}
        if qualifying != set(witness.names("before")) | set(added) or (by_clause & qualifying) != set(added):
            problems.append(
                f"the fallback admits {', '.join(added) or 'no list'}; the outcome's qualifying lists differ"
            )
        if any(n not in selections or selections[n].get("qualified") != "undetermined" for n in pending):
            problems.append("a list the fallback leaves open is not undetermined in the outcome")
        return problems

    def _joint(self, witness: J, label: str) -> list[str]:
        """A national minority's joint list: not applicable when a list of it qualifies otherwise; else the lists
        of it that pass the clause's own threshold (each measured by a threshold witness) join."""
        (step,) = self._steps_of(witness, ("threshold",))
        selections, lists = self._selections(witness), witness.names("lists")
        if not set(lists) <= set(selections):
            raise Malformed("joint: a list of the minority is not in the outcome")
        passed = [n for n in lists if self._passed(selections[n], witness.get("clause"))]
        seated = [n for n in lists if selections[n].get("qualified") == "yes" and n not in passed]
        pending = [
            n for n in lists if selections[n].get("qualified") == "undetermined" and not selections[n].objs("tests")
        ]
        computed = "not applicable" if seated else "not evaluated" if pending else "passed"
        problems = self._result(witness, ("threshold",), computed)
        named = {f"lists of national minority {witness.whole('minority')}": ", ".join(passed)}
        if computed == "passed" and (witness.names("members") != passed or step.get("inputs") != named):
            problems.append(f"the joint list is of {', '.join(passed) or 'no list'}, not as stated")
        return problems

    def _ranked(self, witness: J, label: str) -> list[str]:
        """A count of ranked ballots: its rounds re-decided, the candidates it elects the outcome's."""
        if witness.get("note") is not None:  # a count the certificate does not witness (Meek's method, a tie)
            self._steps_of(witness, ())
            self.not_rechecked.append(f"{label}: {witness.text('note')}")
            return []
        steps = self._steps_of(witness, ("ballots", "round", "exclusion", "transfer", "election", "tie"))
        if witness.get("rule") == "single transferable vote":
            winners, problems = clauses.single_transferable_vote(witness, steps)
        else:
            winner, problems = clauses.instant_runoff(witness, steps)
            winners = [] if winner is None else [winner]
        elected = {n for n, s in self._selections(witness).items() if s.get("elected") is True}
        if self._unit(witness).get("status") == "elected" and elected != set(winners):
            problems.append(
                f"the rounds elect {', '.join(winners)}, the outcome {', '.join(sorted(elected)) or 'no one'}"
            )
        return problems

    def _multiplier(self, witness: J, label: str) -> list[str]:
        """A minority list's votes against the share under which the law multiplies them (strictly below: raised);
        the trace's numbers must be the witness's, and its votes the outcome's where measured in the unit."""
        (step,) = self._steps_of(witness, ("multiplier",))
        name, votes, base = witness.text("selection"), witness.get("votes"), witness.get("base_value")
        computed = "not evaluated"
        if votes is not None and base is not None:
            below = whole(votes, "votes") < witness.num("share") * whole(base, "base")
            computed = "allocated" if below else "not applicable"
        problems = self._result(witness, ("multiplier",), computed)
        recorded = J(step["inputs"], "inputs")
        stated = {f"votes of {name}": votes, witness.text("base"): base}
        if any(value is not None and recorded.get(key) != value for key, value in stated.items()):
            problems.append("the votes or the base are not those the trace records")
        if votes is not None and witness.get("where") == witness.get("unit"):
            problems += self._votes_agree(witness, {name: Fraction(whole(votes, "votes"))})
        return problems

    def _cancelled(self, witness: J, label: str) -> list[str]:
        """Cancelled registrations: the candidates the results mark, none elected, none in an election witness."""
        (step,) = self._steps_of(witness, ("cancelled",))
        marked, problems = sorted(clauses.cancelled(witness.d)), []
        named = sorted(k.removeprefix("votes of ") for k in J(step["inputs"], "inputs").d)
        if sorted(witness.names("cancelled")) != marked or named != marked:
            problems.append("the cancelled candidates are not those the results mark")
        if any(self._selections(witness).get(n, J({})).get("elected") is True for n in marked):
            problems.append("a candidate whose registration is cancelled is elected")
        counted = [w for w in self.witnesses if w.where() == witness.where() and w.get("type") == "election"]
        if any(set(marked) & set(w.names("candidates")) for w in counted):
            problems.append("a candidate whose registration is cancelled is counted in the election")
        if witness.get("result") != "cancelled" or step.get("result") != "cancelled":
            problems.append("the result of a cancellation is `cancelled`")
        return problems

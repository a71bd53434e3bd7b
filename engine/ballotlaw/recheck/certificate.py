"""Re-checking a certificate: its canonical form and digest, the hashes of the inputs, and every witness, from
the certificate alone. Nothing here imports the engine (a test holds it to that)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

from . import measures
from .numbers import Malformed, items, names, number, per_name, table, text, whole
from .numbers import field as get
from .seats import compose, read_round

FORMAT = "ballotlaw.certificate"
VERSION = 1
#: Kinds of step that always carry a witness when they decide something.
WITNESSED = ("allocation", "election")
#: Kinds of step that measure a list against a threshold (a bonus and a reserved seat measure their list too).
MEASURED = ("threshold", "reserved", "bonus")


@dataclass
class Report:
    """What re-checking found: failures (each names what failed), what was not re-checked, and counts."""

    failures: list[str] = field(default_factory=list)
    not_rechecked: list[str] = field(default_factory=list)
    witnesses: int = 0
    steps: int = 0
    document: dict[str, object] | None = None

    @property
    def holds(self) -> bool:
        return not self.failures


def canonical(document: object) -> bytes:
    """RFC 8785 (JSON Canonicalization Scheme) bytes of a JSON document."""
    import rfc8785

    return rfc8785.dumps(document)  # type: ignore[arg-type]


#: How the digest stands in the canonical bytes: its value is the SHA-256 of the file with the value left out.
DIGEST_OPEN = b'"digest":{"algorithm":"sha256","canonicalization":"RFC 8785","value":"'
DIGEST_CLOSE = b'"}'
_HEX = re.compile(r"[0-9a-f]{64}")


def digest_of(data: bytes) -> str:
    """SHA-256 of a certificate's canonical bytes whose digest value is empty (`"value":""`)."""
    return hashlib.sha256(data).hexdigest()


def digest_holds(data: bytes, document: dict[str, object]) -> bool:
    """The stated digest is the SHA-256 of the file's bytes with the digest's 64 characters left out."""
    stated = document.get("digest")
    value = stated.get("value") if isinstance(stated, dict) else None
    if not isinstance(value, str) or not _HEX.fullmatch(value):
        return False
    marker = DIGEST_OPEN + value.encode("ascii") + DIGEST_CLOSE
    if data.count(marker) != 1:
        return False
    return digest_of(data.replace(marker, DIGEST_OPEN + DIGEST_CLOSE)) == value


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    found = dict(pairs)
    if len(found) != len(pairs):
        raise Malformed("a key appears twice in one object")
    return found


def _refuse(value: str) -> object:
    raise Malformed(f"{value} is not an exact number")


def parse(data: bytes) -> dict[str, object]:
    """The certificate's JSON: UTF-8, one object, no repeated key, no float, NaN or infinity."""
    try:
        document = json.loads(
            data.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_float=_refuse, parse_constant=_refuse
        )
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise Malformed(f"not JSON text ({error})") from None
    return table(document, "the certificate")


def check_certificate(data: bytes) -> Report:
    """Re-check the bytes of a certificate.json."""
    report = Report()
    try:
        document = parse(data)
    except Malformed as error:
        report.failures.append(f"certificate: {error}")
        return report
    report.document = document
    if document.get("format") != FORMAT or document.get("version") != VERSION:
        report.failures.append(f"certificate: not a {FORMAT} of version {VERSION}")
        return report
    if not digest_holds(data, document):
        report.failures.append("certificate: its bytes do not match its SHA-256 digest: it was changed")
        return report  # nothing in a changed certificate is worth re-checking
    try:
        if canonical(document) != data:
            report.failures.append("certificate: not in its canonical form (RFC 8785)")
    except (ValueError, TypeError, RecursionError) as error:  # rfc8785 refuses what JSON allows, the scheme not
        report.failures.append(f"certificate: not in canonical form ({error})")
    try:
        _Witnesses(document, report).check()
    except (Malformed, RecursionError) as error:
        report.failures.append(f"certificate: {error}")
    return report


def check_input(document: dict[str, object], role: str, name: str, data: bytes) -> str | None:
    """Whether `data` is the input the certificate names (by role and name); the difference, or None."""
    for entry in items(get(table(get(document, "inputs", "certificate"), "inputs"), "files", "inputs"), "files"):
        found = table(entry, "input")
        if found.get("role") == role and found.get("name") == name:
            actual = hashlib.sha256(data).hexdigest()
            if found.get("sha256") == actual:
                return None
            return f"its SHA-256 is {actual}, the certificate states {found.get('sha256')}"
    return "the certificate names no such input"


class _Witnesses:
    """The steps of the trace, each with its witness or a note, and every witness re-checked."""

    def __init__(self, document: dict[str, object], report: Report) -> None:
        self.report = report
        outcome = table(get(document, "outcome", "certificate"), "outcome")
        trace = table(get(document, "trace", "certificate"), "trace")
        self.trace = [table(s, "step") for s in items(get(trace, "steps", "trace"), "steps")]
        self.steps = {whole(get(s, "n", "step"), "n"): s for s in self.trace}
        self.units: dict[tuple[str, str], tuple[dict[str, object], dict[str, object]]] = {}
        self.contests: dict[str, dict[str, object]] = {}
        for contest_value in items(get(outcome, "contests", "outcome"), "contests"):
            contest = table(contest_value, "contest")
            self.contests[text(get(contest, "id", "contest"), "id")] = contest
            for unit_value in items(get(contest, "units", "contest"), "units"):
                unit = table(unit_value, "unit")
                self.units[(text(get(contest, "id", "contest"), "id"), text(get(unit, "unit", "unit"), "unit"))] = (
                    contest,
                    unit,
                )
        self.witnesses = [table(w, "witness") for w in items(get(document, "witnesses", "certificate"), "witnesses")]
        self.entries = [table(e, "step entry") for e in items(get(document, "steps", "certificate"), "steps")]

    def check(self) -> None:
        self._coverage()
        checks: dict[str, Callable[[dict[str, object], str], list[str]]] = {
            "allocation": self._allocation,
            "apportionment": self._apportionment,
            "adjustment": self._adjustment,
            "distribution": self._distribution,
            "seats": self._seats,
            "threshold": self._threshold,
            "wins": self._wins,
            "election": self._election,
            "runoff": self._runoff,
            "condition": self._condition,
        }
        composed = set()
        for index, witness in enumerate(self.witnesses):
            kind = text(get(witness, "type", "witness"), "type")
            where = f"{get(witness, 'contest', 'witness')} at {get(witness, 'unit', 'witness')}"
            steps = ", ".join(str(n) for n in items(get(witness, "steps", "witness"), "steps"))
            label = f"witness {index} ({kind}, {where}" + (f", step {steps})" if steps else ")")
            if kind not in checks:
                self.report.failures.append(f"{label}: not a kind of witness the checker knows")
                continue
            if kind == "seats":
                composed.add((str(witness.get("contest")), str(witness.get("unit"))))
            try:
                problems = checks[kind](witness, label)
            except Malformed as error:
                problems = [f"malformed: {error}"]
            self.report.witnesses += 1
            self.report.failures.extend(f"{label}: {p}" for p in problems)
        measured = {
            (w.get("contest"), w.get("unit"), w.get("selection"), w.get("clause"))
            for w in self.witnesses
            if w.get("type") == "threshold"
        }
        for (contest_id, unit_id), (contest, unit) in self.units.items():
            for selection_value in items(get(unit, "selections", "unit"), "selections"):
                selection = table(selection_value, "selection")
                for test_value in items(get(selection, "tests", "selection"), "tests"):
                    test = table(test_value, "test")
                    key = (contest_id, unit_id, selection.get("id"), test.get("clause"))
                    if test.get("share") is not None and key not in measured:
                        self.report.failures.append(
                            f"the test of {selection.get('id')} by {test.get('clause')} at {unit_id}: no witness"
                        )
            has_seats = unit.get("seats_status") in ("computed", "conditional")
            if contest.get("kind") == "lists" and has_seats and (contest_id, unit_id) not in composed:
                self.report.failures.append(f"seats of {contest_id} at {unit_id}: no witness composes them")

    def _coverage(self) -> None:
        """One entry per step of the trace, in order, each with a witness that names it or a note."""
        self.report.steps = len(self.trace)
        if [e.get("n") for e in self.entries] != [s.get("n") for s in self.trace]:
            raise Malformed("the steps listed are not the steps of the trace")
        for entry, step in zip(self.entries, self.trace, strict=True):
            n, kind = step.get("n"), str(step.get("kind"))
            where = f"step {n} ({kind}, {step.get('contest')} at {step.get('unit')})"
            index = entry.get("witness")
            if index is None:
                note = text(get(entry, "note", "step entry"), "note")
                if kind in WITNESSED and step.get("result") != "not evaluated":
                    self.report.failures.append(f"{where}: no witness, though a {kind} always has one")
                else:
                    self.report.not_rechecked.append(f"{where}: {note}")
                continue
            position = whole(index, "witness")
            if position >= len(self.witnesses) or n not in items(self.witnesses[position].get("steps"), "steps"):
                self.report.failures.append(f"{where}: its witness does not name it")
        by_step = {e.get("n"): e for e in self.entries}
        for position, witness in enumerate(self.witnesses):
            for n in items(get(witness, "steps", "witness"), "steps"):
                if by_step.get(whole(n, "step"), {}).get("witness") != position:
                    self.report.failures.append(f"witness {position}: step {n} does not point to it")

    # ---- the outcome a witness is tied to ---------------------------------------------------------------------

    def _unit(self, witness: dict[str, object]) -> tuple[dict[str, object], dict[str, object]] | None:
        return self.units.get((str(witness.get("contest")), str(witness.get("unit"))))

    def _selections(self, witness: dict[str, object]) -> dict[str, dict[str, object]]:
        found = self._unit(witness)
        if found is None:
            return {}
        selections = [table(s, "selection") for s in items(get(found[1], "selections", "unit"), "selections")]
        return {text(get(s, "id", "selection"), "id"): s for s in selections}

    def _votes_agree(self, witness: dict[str, object], votes: dict[str, Fraction | int | None]) -> list[str]:
        """Votes a witness uses that differ from the outcome's published votes of the same selection."""
        scaled = table(witness.get("scaled") or {}, "scaled")
        problems = []
        for name, selection in self._selections(witness).items():
            published = selection.get("votes")
            if name not in votes or published is None or votes[name] is None:
                continue
            factor = number(scaled[name], "scaled") if name in scaled else Fraction(1)
            if number(published, "votes") * factor != votes[name]:
                problems.append(f"the votes of {name} are not those of the outcome")
        return problems

    def _steps_of(self, witness: dict[str, object], kinds: tuple[str, ...]) -> list[dict[str, object]]:
        """The trace steps a witness names; each must be of this unit and of one of `kinds`."""
        found = []
        for n in items(get(witness, "steps", "witness"), "steps"):
            step = self.steps.get(whole(n, "step"))
            if step is None or step.get("kind") not in kinds:
                raise Malformed(f"step {n} is not a {' or '.join(kinds)} step of the trace")
            if (step.get("contest"), step.get("unit")) != (witness.get("contest"), witness.get("unit")):
                raise Malformed(f"step {n} is of another contest or unit")
            found.append(step)
        return found

    def _result(self, witness: dict[str, object], kinds: tuple[str, ...], computed: str) -> list[str]:
        """The re-decided result against the witness's and the trace's."""
        problems = []
        if witness.get("result") != computed:
            problems.append(f"the numbers give `{computed}`, the witness states `{witness.get('result')}`")
        steps = self._steps_of(witness, kinds)
        if steps and steps[0].get("result") != computed:
            problems.append(f"the numbers give `{computed}`, the trace records `{steps[0].get('result')}`")
        return problems

    # ---- the kinds of witness ------------------------------------------------------------------------------

    def _allocation(self, witness: dict[str, object], label: str) -> list[str]:
        self._steps_of(witness, ("allocation", "agreements"))
        _method, round_, problems = read_round(witness)
        return problems + self._votes_agree(witness, dict(round_.votes))

    def _apportionment(self, witness: dict[str, object], label: str) -> list[str]:
        """The house shared among the units: each unit's seats in the outcome are the round's."""
        self._steps_of(witness, ("apportionment",))
        _method, round_, problems = read_round(witness)
        if round_.tied:
            return problems
        for unit_id, seats in round_.result.items():
            found = self.units.get((str(witness.get("contest")), unit_id))
            if found is not None and found[1].get("seats_available") != seats:
                problems.append(f"{unit_id}: the outcome gives it {found[1].get('seats_available')} seats, not {seats}")
        return problems

    def _adjustment(self, witness: dict[str, object], label: str) -> list[str]:
        """The national tier: every round witnessed; a list whose district seats exceed its share is set aside and
        its seats leave the house; the last round, with no list over, is the outcome's tier."""
        steps = self._steps_of(witness, ("adjustment",))
        contest = self.contests.get(str(witness.get("contest")), {})
        district: dict[str, int] = {}
        for (contest_id, _unit), (_contest, unit) in self.units.items():
            if contest_id == witness.get("contest"):
                for s in items(get(unit, "selections", "unit"), "selections"):
                    seats = table(s, "selection").get("seats")
                    name = str(table(s, "selection").get("id"))
                    district[name] = district.get(name, 0) + (whole(seats, "seats") if seats is not None else 0)
        rounds = [table(r, "round") for r in items(get(witness, "rounds", "adjustment"), "rounds")]
        if not rounds or len(rounds) != len(steps):
            raise Malformed("one round for each step of the tier")
        problems: list[str] = []
        expected: tuple[list[str], int] | None = None
        for position, (stage, step) in enumerate(zip(rounds, steps, strict=True), 1):
            _method, round_, found = read_round(stage)
            problems += [f"round {position}: {p}" for p in found]
            won = {n: int(v) for n, v in per_name(get(stage, "won", "round"), round_.lists, "won", int).items()}
            problems += [
                f"round {position}: {n} won {won[n]} district seats, not {w}"
                for n, w in district.items()
                if won.get(n, w) != w
            ]
            over = [n for n in round_.lists if won[n] > round_.result[n]]
            if expected is not None and (sorted(round_.lists), round_.seats) != (sorted(expected[0]), expected[1]):
                problems.append(f"round {position}: not the lists and seats the round before leaves")
            if step.get("result") != ("over" if over else "allocated"):
                problems.append(f"round {position}: the trace records `{step.get('result')}`")
            expected = ([n for n in round_.lists if n not in over], round_.seats - sum(won[n] for n in over))
        final = [
            {"selection": n, "district_seats": won[n], "entitlement": s, "adjustment_seats": s - won[n]}
            for n, s in round_.result.items()
        ]
        if not over and not round_.tied and contest.get("adjustment") != final:
            problems.append("the outcome's national tier is not the last round's")
        return problems

    def _distribution(self, witness: dict[str, object], label: str) -> list[str]:
        """A list's seats shared among lower units: the list's seats, and its seats per unit in the outcome."""
        self._steps_of(witness, ("distribution",))
        _method, round_, problems = read_round(witness)
        name = text(get(witness, "selection", "distribution"), "selection")
        selection = self._selections(witness).get(name)
        if selection is not None and selection.get("seats") not in (None, round_.seats):
            problems.append(f"{name} has {selection.get('seats')} seats in the outcome, {round_.seats} distributed")
        found = self._unit(witness)
        if found is None or round_.tied:
            return problems
        given = {
            str(d.get("unit")): d.get("seats")
            for d in (table(v, "distribution") for v in items(get(found[1], "distribution", "unit"), "distribution"))
            if d.get("selection") == name
        }
        if given != {u: s for u, s in round_.result.items() if s}:
            problems.append(f"the outcome's distribution of {name} is not the round's")
        return problems

    def _seats(self, witness: dict[str, object], label: str) -> list[str]:
        found = self._unit(witness)
        if found is None:
            raise Malformed("the outcome has no such unit")
        contest, unit = found
        if witness.get("stages") is None:
            self.report.not_rechecked.append(f"{label}: {text(get(witness, 'note', 'seats'), 'note')}")
            return []
        available = unit.get("seats_available")
        house = whole(available if available is not None else get(contest, "seats_per_unit", "contest"), "house")
        if whole(get(witness, "house", "seats"), "house") != house:
            return ["the house is not the unit's seats in the outcome"]
        unit_steps = {
            whole(s.get("n"), "n"): s
            for s in self.trace
            if (s.get("contest"), s.get("unit")) == (witness.get("contest"), witness.get("unit"))
        }
        self._steps_of(witness, ("allocation", "tie", "cap"))
        composition, problems = compose(witness, house, unit_steps)
        selections = self._selections(witness)
        for stage_value in items(get(witness, "stages", "seats"), "stages"):
            stage = table(stage_value, "stage")
            if stage.get("stage") == "allocation":
                problems += self._votes_agree(
                    {**witness, "scaled": stage.get("scaled")},
                    {n: number(v, "votes") for n, v in table(get(stage, "votes", "stage"), "votes").items()},
                )
        first = set(composition.first_lists)
        for name, selection in selections.items():
            if selection.get("qualified") == "yes" and first and name not in first:
                problems.append(f"{name} qualifies but is not among the lists allocated to")
            if selection.get("qualified") == "no" and name in first:
                problems.append(f"{name} does not qualify but is allocated to")
        final = composition.final()
        for name, selection in selections.items():
            stated = selection.get("seats")
            if stated is not None and whole(stated, "seats") != final.get(name, 0):
                problems.append(f"seats of {name}: the outcome gives {stated}, the witnesses give {final.get(name, 0)}")
        still, left = composition.unresolved
        if sorted(still) != sorted(names(get(unit, "tied", "unit"), "tied")) or (
            still and left != unit.get("tied_seats")
        ):
            problems.append("the tie left to a lot is not the one the outcome states")
        return problems

    def _threshold(self, witness: dict[str, object], label: str) -> list[str]:
        computed, share = measures.threshold(witness)
        problems = self._result(witness, MEASURED, computed)
        selection = self._selections(witness).get(text(get(witness, "selection", "threshold"), "selection"))
        if selection is None or witness.get("combined_with_wins") is not False:
            return problems
        for test_value in items(get(selection, "tests", "selection"), "tests"):
            test = table(test_value, "test")
            if test.get("clause") != witness.get("clause"):
                continue
            if test.get("result") != computed:
                problems.append(f"the outcome's test of {selection.get('id')} is `{test.get('result')}`")
            stated_share = test.get("share")
            if stated_share is not None and share is not None and number(stated_share, "share") != share:
                problems.append(f"the share of {selection.get('id')} in the outcome is not its votes over the base")
        return problems

    def _wins(self, witness: dict[str, object], label: str) -> list[str]:
        return self._result(witness, ("threshold",), measures.wins(witness))

    def _election(self, witness: dict[str, object], label: str) -> list[str]:
        computed, sure, tied, tied_seats, winners = measures.election(witness)
        problems = []
        election_steps = [s for s in self._steps_of(witness, ("election", "tie")) if s.get("kind") == "election"]
        if witness.get("result") != computed or (election_steps and election_steps[0].get("result") != computed):
            problems.append(f"the votes give `{computed}`, not the result stated")
        if sorted(names(get(witness, "elected", "election"), "elected")) != sorted(sure):
            problems.append(f"the votes elect {', '.join(sure) or 'no one'} outright, not as stated")
        if sorted(names(get(witness, "tied", "election"), "tied")) != sorted(tied):
            problems.append("the tied candidates are not those with equal votes at the cut")
        votes = table(get(witness, "votes", "election"), "votes")
        problems += self._votes_agree(witness, {c: None if v is None else number(v, "votes") for c, v in votes.items()})
        found = self._unit(witness)
        if found is not None and found[1].get("status") == "elected" and computed != "not evaluated":
            elected = {name for name, s in self._selections(witness).items() if s.get("elected") is True}
            if elected != set(winners):
                problems.append(
                    f"the outcome elects {', '.join(sorted(elected))}; the votes elect {', '.join(winners)}"
                )
        del tied_seats
        return problems

    def _runoff(self, witness: dict[str, object], label: str) -> list[str]:
        computed, chosen = measures.runoff(witness)
        problems = self._result(witness, ("runoff",), computed)
        if sorted(names(get(witness, "chosen", "runoff"), "chosen")) != sorted(chosen):
            problems.append(f"the second round is between {', '.join(chosen)}, not as stated")
        found = self._unit(witness)
        if found is not None and found[1].get("status") == "runoff":
            going = {name for name, s in self._selections(witness).items() if s.get("qualified") == "yes"}
            if going != set(chosen):
                problems.append("the outcome sends others to the second round")
        return problems

    def _condition(self, witness: dict[str, object], label: str) -> list[str]:
        kind = text(get(witness, "kind", "condition"), "kind")
        if kind not in measures.VERDICTS:
            raise Malformed(f"`{kind}` is not a kind of condition")
        qualified = [s.get("qualified") for s in self._selections(witness).values()]
        holds = measures.condition(
            get(witness, "condition", "condition"), (qualified.count("yes"), qualified.count("undetermined"))
        )
        computed = "not evaluated" if holds is None else measures.VERDICTS[kind][0 if holds else 1]
        return self._result(witness, (kind,), computed)

"""The properties a specification can name, as data: a phrase, the contests it applies to, and a check.

A check receives one generated election (results and probe), the law and its outcome, and returns None when
the property holds or a Violation saying what broke. Relational properties evaluate the law a second time on
changed results (renamed lists, more votes for one list, one more seat, votes moved between lists) and
compare. Only outcomes the law finalises are compared: a property never blames a case the law itself
leaves open (a lot to draw, a repeat election), unless that is what it is about.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from math import ceil, floor

import attrs
from attrs import frozen

from .. import model
from ..evaluate import evaluate
from ..exact import show
from ..methods.kernels import DivisorMethod, QuotaMethod
from ..outcome import Outcome, UnitOutcome
from ..results.model import PUBLISHED, Figure, Results
from ..states import Qualification, SeatsStatus, Status
from ..vocabulary import CONDITION_PHRASES, PROPERTY_PHRASES
from .ranked import CHECKS as RANKED_CHECKS
from .ranked import is_ranked, renamed_ballots
from .roles import AGAINST_ALL, role_of
from .strategies import Case


@frozen
class Violation:
    """What a counterexample shows."""

    summary: str
    details: tuple[str, ...] = ()
    variant: Results | None = None
    variant_note: str | None = None


@frozen
class Check:
    """One property applied to one contest of one law."""

    law: model.Law
    contest: model.Contest
    case: Case
    outcome: Outcome

    def units(self, outcome: Outcome | None = None) -> Sequence[UnitOutcome]:
        found = (outcome or self.outcome).contest(self.contest.id)
        return found.units if found else ()

    def rerun(self, results: Results, law: model.Law | None = None) -> Outcome:
        return evaluate(law or self.law, results)


PropertyCheck = Callable[[Check], Violation | None]


@frozen
class PropertyKind:
    phrase: str
    competitors: str
    check: PropertyCheck
    description: str


@frozen
class Condition:
    """When a property applies (`, where the method uses a quota`)."""

    phrase: str
    holds: Callable[[model.Contest], bool]


_SETTLED = (SeatsStatus.COMPUTED, SeatsStatus.CONDITIONAL)


def _final(unit: UnitOutcome) -> bool:
    """Seats the law has settled: computed, nothing left to a lot or a repeat election."""
    return unit.status in (Status.ELECTED, Status.PROVISIONAL) and unit.seats_status in _SETTLED


def _seats(unit: UnitOutcome) -> dict[str, int]:
    return {s.id: s.seats or 0 for s in unit.selections}


# ---- lists --------------------------------------------------------------------------------------------


def seat_total(check: Check) -> Violation | None:
    for unit in check.units():
        if unit.status == Status.RERUN or unit.seats_status in (SeatsStatus.VOID, SeatsStatus.NOT_COMPUTED):
            continue
        given = sum(_seats(unit).values()) + unit.tied_seats
        fixed = check.contest.seats_in(unit.unit)
        expected = None if fixed is None else fixed + unit.seats_added
        if given != expected:
            return Violation(
                f"in {unit.unit} the seats add up to {given}, not {expected}",
                tuple(f"{s.id}: {s.seats}" for s in unit.selections),
            )
    return None


def threshold_respected(check: Check) -> Violation | None:
    for unit in check.units():
        for selection in unit.selections:
            if selection.qualified == Qualification.NO and (selection.seats or 0) > 0:
                return Violation(f"{selection.id} does not qualify but gets {selection.seats} seat(s)")
    return None


def no_seat_without_votes(check: Check) -> Violation | None:
    """A list whose votes are published as 0 holds no seat (constituency seats a list keeps under a mixed system
    are not won by its list votes, so such a contest is not checked)."""
    if check.contest.mixed is not None:
        return None
    for unit in check.units():
        for selection in unit.selections:
            if selection.votes.known and selection.votes.value == 0 and (selection.seats or 0) > 0:
                return Violation(f"{selection.id} has no votes but gets {selection.seats} seat(s)")
    return None


def _renamed(results: Results, mapping: dict[str, str]) -> Results:
    votes = {
        unit: {mapping.get(s, s): f for s, f in reversed(list(table.items()))} for unit, table in results.votes.items()
    }
    attributes = {(unit, mapping.get(s, s)): a for (unit, s), a in results.attributes.items()}
    ballots = {unit: renamed_ballots(box, mapping) for unit, box in results.ballots.items()}
    return attrs.evolve(results, votes=votes, attributes=attributes, ballots=ballots)


def anonymity(check: Check) -> Violation | None:
    names = sorted({s for table in check.case.results.votes.values() for s in table})
    names = sorted({*names, *(c for box in check.case.results.ballots.values() for c in box.candidates)})
    mapping = {name: f"Renamed {i + 1}" for i, name in enumerate(reversed(names))}
    variant = _renamed(check.case.results, mapping)
    after = check.rerun(variant)
    for before_unit, after_unit in zip(check.units(), check.units(after), strict=True):
        if before_unit.status != after_unit.status:
            return Violation(
                f"in {before_unit.unit} the status changes from {before_unit.status} to "
                f"{after_unit.status} when the lists are renamed and reordered",
                variant=variant,
                variant_note="the same results with the lists renamed and in reverse order",
            )
        renamed = {mapping[k]: v for k, v in _seats(before_unit).items()}
        if renamed != _seats(after_unit):
            moved = ", ".join(
                f"{k}: {v} -> {_seats(after_unit)[mapping[k]]}"
                for k, v in _seats(before_unit).items()
                if _seats(after_unit)[mapping[k]] != v
            )
            return Violation(
                f"renaming and reordering the lists changes seats in {before_unit.unit}: {moved}",
                variant=variant,
                variant_note="the same results with the lists renamed and reordered",
            )
    return None


def _with_more_votes(results: Results, unit_id: str, region: str | None, selection: str, amount: int) -> Results:
    """`amount` more voters took part and voted for `selection` (in `region` and in its parent)."""
    votes = {u: dict(table) for u, table in results.votes.items()}
    counts = dict(results.counts)
    for where in [unit_id] + ([region] if region else []):
        figure = votes[where][selection]
        votes[where][selection] = Figure(PUBLISHED, (figure.value or 0) + amount, source=figure.source)
        for (u, name), count in results.counts.items():
            if u == where and role_of(name) not in (AGAINST_ALL, "invalid", "blank"):
                counts[(u, name)] = Figure(PUBLISHED, (count.value or 0) + amount, source=count.source)
    return attrs.evolve(results, votes=votes, counts=counts)


def vote_monotonicity(check: Check) -> Violation | None:
    results = check.case.results
    for unit in check.units():
        if not _final(unit) or not unit.selections:
            continue
        selection = unit.selections[check.case.probe.pick % len(unit.selections)].id
        children = [u.id for u in results.units.values() if u.parent == unit.unit]
        region = children[check.case.probe.region % len(children)] if children else None
        amount = check.case.probe.amount
        variant = _with_more_votes(results, unit.unit, region, selection, amount)
        after = next(u for u in check.units(check.rerun(variant)) if u.unit == unit.unit)
        if not _final(after):
            continue
        before_seats, after_seats = _seats(unit)[selection], _seats(after)[selection]
        if after_seats < before_seats:
            where = f" (in {region})" if region else ""
            return Violation(
                f"{selection} gets {amount} more votes{where} and goes from {before_seats} to {after_seats} seat(s)",
                variant=variant,
                variant_note=f"the same results with {amount} more votes for {selection}{where}",
            )
    return None


def population_monotonicity(check: Check) -> Violation | None:
    """One list gains votes while another loses some: the first must not lose a seat to the second."""
    results = check.case.results
    for unit in check.units():
        if not _final(unit) or len(unit.selections) < 2:
            continue
        names = [s.id for s in unit.selections]
        gainer = names[check.case.probe.pick % len(names)]
        loser = names[(check.case.probe.pick + 1 + check.case.probe.other % (len(names) - 1)) % len(names)]
        children = [u.id for u in results.units.values() if u.parent == unit.unit]
        region = children[check.case.probe.region % len(children)] if children else None
        available = results.vote(region or unit.unit, loser).value or 0
        taken = min(check.case.probe.amount // 2, available)
        variant = _with_more_votes(results, unit.unit, region, gainer, check.case.probe.amount)
        variant = _with_more_votes(variant, unit.unit, region, loser, -taken)
        after = next(u for u in check.units(check.rerun(variant)) if u.unit == unit.unit)
        if not _final(after):
            continue
        before_seats, after_seats = _seats(unit), _seats(after)
        if after_seats[gainer] < before_seats[gainer] and after_seats[loser] > before_seats[loser]:
            where = f" in {region}" if region else ""
            return Violation(
                f"{gainer} gains {check.case.probe.amount} votes and {loser} loses {taken}{where}, yet {gainer} goes "
                f"from {before_seats[gainer]} to {after_seats[gainer]} seat(s) and {loser} from "
                f"{before_seats[loser]} to {after_seats[loser]} (the population paradox)",
                variant=variant,
                variant_note=f"the same results with {check.case.probe.amount} more votes for {gainer} and "
                f"{taken} fewer for {loser}{where}",
            )
    return None


def _halves(figure: Figure) -> tuple[Figure, Figure]:
    value = figure.value or 0
    return (
        Figure(PUBLISHED, value - value // 2, source=figure.source),
        Figure(PUBLISHED, value // 2, source=figure.source),
    )


def region_split(check: Check) -> Violation | None:
    """Split one sub-unit (region) into two halves with the same totals: no seat may change. Laws that fix the
    number of regions cannot be evaluated on the split results, and are not blamed."""
    results = check.case.results
    for unit in check.units():
        children = [u for u in results.units.values() if u.parent == unit.unit]
        if not _final(unit) or not children:
            continue
        if unit.status != Status.ELECTED or unit.seats_status != SeatsStatus.COMPUTED:
            continue
        region = children[check.case.probe.region % len(children)]
        units = {}
        for key, value in results.units.items():
            if key == region.id:
                units[f"{key}a"] = attrs.evolve(value, id=f"{key}a")
                units[f"{key}b"] = attrs.evolve(value, id=f"{key}b")
            else:
                units[key] = value
        counts = {}
        for (u, name), figure in results.counts.items():
            if u == region.id:
                first, second = _halves(figure)
                counts[(f"{u}a", name)], counts[(f"{u}b", name)] = first, second
            else:
                counts[(u, name)] = figure
        votes = {u: t for u, t in results.votes.items() if u != region.id}
        pairs = {s: _halves(f) for s, f in results.votes.get(region.id, {}).items()}
        votes[f"{region.id}a"] = {s: pair[0] for s, pair in pairs.items()}
        votes[f"{region.id}b"] = {s: pair[1] for s, pair in pairs.items()}
        variant = attrs.evolve(results, units=units, counts=counts, votes=votes)
        after = next(u for u in check.units(check.rerun(variant)) if u.unit == unit.unit)
        if after.status != Status.ELECTED or after.seats_status != SeatsStatus.COMPUTED:
            continue
        changed = [f"{k} {v} -> {_seats(after)[k]}" for k, v in _seats(unit).items() if _seats(after)[k] != v]
        if changed:
            return Violation(
                f"splitting {region.id} into two halves changes {'; '.join(changed)}",
                variant=variant,
                variant_note=f"the same results with {region.id} split into {region.id}a and {region.id}b",
            )
    return None


def house_monotonicity(check: Check) -> Violation | None:
    by_unit = check.contest.seats_by_unit
    bigger = attrs.evolve(
        check.contest,
        seats=check.contest.seats + 1,
        seats_by_unit={unit: seats + 1 for unit, seats in by_unit.items()} if by_unit is not None else None,
    )
    law = attrs.evolve(check.law, contests=tuple(bigger if c.id == check.contest.id else c for c in check.law.contests))
    after_outcome = check.rerun(check.case.results, law)
    for before, after in zip(check.units(), check.units(after_outcome), strict=True):
        if not (_final(before) and _final(after)):
            continue
        losers = [f"{k} {v} -> {_seats(after)[k]}" for k, v in _seats(before).items() if _seats(after)[k] < v]
        if losers:
            return Violation(
                f"with {check.contest.seats + 1} seats instead of {check.contest.seats}, "
                f"{'; '.join(losers)} (the Alabama paradox)",
                (
                    f"with {check.contest.seats} seats: " + ", ".join(f"{k} {v}" for k, v in _seats(before).items()),
                    f"with {check.contest.seats + 1} seats: " + ", ".join(f"{k} {v}" for k, v in _seats(after).items()),
                ),
                variant_note=f"the same results, with {check.contest.seats + 1} seats",
            )
    return None


def _quotas(check: Check, unit: UnitOutcome) -> dict[str, Fraction]:
    qualified = {s.id: s.votes.value or 0 for s in unit.selections if s.qualified == Qualification.YES}
    total = sum(qualified.values())
    if total == 0:
        return {}
    seats = check.contest.seats_in(unit.unit) or 0
    return {name: Fraction(votes * seats, total) for name, votes in qualified.items()}


def _quota_check(check: Check, lower_only: bool) -> Violation | None:
    for unit in check.units():
        if unit.status != Status.ELECTED or unit.seats_status != SeatsStatus.COMPUTED:
            continue
        for name, quota in _quotas(check, unit).items():
            seats = _seats(unit)[name]
            low, high = floor(quota), ceil(quota)
            if seats < low or (not lower_only and seats > high):
                bound = f"at least {low}" if lower_only else f"{low} or {high}"
                return Violation(
                    f"{name} gets {seats} seat(s); its exact quota is {quota} "
                    f"(about {show(quota, 3)}), so it should get {bound}"
                )
    return None


def quota(check: Check) -> Violation | None:
    return _quota_check(check, lower_only=False)


def lower_quota(check: Check) -> Violation | None:
    return _quota_check(check, lower_only=True)


def _against_all(check: Check, unit_id: str) -> int | None:
    for (u, name), figure in check.case.results.counts.items():
        if u == unit_id and role_of(name) == AGAINST_ALL:
            return figure.value
    return None


def _rerun_check(check: Check, other_ground: Callable[[UnitOutcome], bool], only_if: bool) -> Violation | None:
    """Against all beating the leader must bring a repeat election; with `only_if`, nothing else may, unless
    `other_ground` (another ground the property names) holds."""
    for unit in check.units():
        against = _against_all(check, unit.unit)
        if against is None or unit.status not in (Status.ELECTED, Status.RERUN, Status.LOT_NEEDED):
            continue
        leader = max((s.votes.value or 0 for s in unit.selections), default=0)
        rerun = unit.status == Status.RERUN
        if against > leader and not rerun:
            return Violation(
                f"in {unit.unit} against all has {against} votes and the leader {leader}, "
                "but no repeat election is ordered"
            )
        if only_if and rerun and against <= leader and not other_ground(unit):
            return Violation(
                f"in {unit.unit} a repeat election is ordered, but against all has {against} votes "
                f"and the leader {leader}"
            )
    return None


def rerun_when_against_all_wins(check: Check) -> Violation | None:
    return _rerun_check(check, lambda unit: False, only_if=False)


def rerun_only_on_its_grounds(check: Check) -> Violation | None:
    return _rerun_check(check, lambda unit: all(s.qualified == Qualification.NO for s in unit.selections), only_if=True)


def rerun_exactly(check: Check) -> Violation | None:
    return _rerun_check(check, lambda unit: False, only_if=True)


def unqualified_votes_moved(check: Check) -> Violation | None:
    results = check.case.results
    for unit in check.units():
        losers = [s.id for s in unit.selections if s.qualified == Qualification.NO]
        if len(losers) < 2 or not _final(unit):
            continue
        source, target = losers[check.case.probe.pick % len(losers)], losers[check.case.probe.other % len(losers)]
        if source == target:
            continue
        votes = {u: dict(table) for u, table in results.votes.items()}
        for table in votes.values():
            if source in table and target in table:
                moved = (table[source].value or 0) + (table[target].value or 0)
                table[target] = Figure(PUBLISHED, moved, source=table[target].source)
                table[source] = Figure(PUBLISHED, 0, source=table[source].source)
        variant = attrs.evolve(results, votes=votes)
        after = next(u for u in check.units(check.rerun(variant)) if u.unit == unit.unit)
        if not _final(after) or next(s for s in after.selections if s.id == target).qualified != Qualification.NO:
            continue
        changed = [
            f"{k} {v} -> {_seats(after)[k]}"
            for k, v in _seats(unit).items()
            if k not in (source, target) and _seats(after)[k] != v
        ]
        if changed:
            return Violation(
                f"moving the votes of {source} to {target} (both below the threshold) changes {'; '.join(changed)}",
                variant=variant,
                variant_note=f"the same results with the votes of {source} given to {target}",
            )
    return None


# ---- candidates ---------------------------------------------------------------------------------------


def winner_has_most_votes(check: Check) -> Violation | None:
    for unit in check.units():
        if unit.status != Status.ELECTED:
            continue
        top = max((s.votes.value or 0 for s in unit.selections), default=0)
        for selection in unit.selections:
            if selection.elected and (selection.votes.value or 0) < top:
                return Violation(
                    f"in {unit.unit} {selection.id} is elected with {selection.votes.value} votes "
                    f"while another candidate has {top}"
                )
    return None


def tie_to_earlier_registration(check: Check) -> Violation | None:
    results = check.case.results
    for unit in check.units():
        if unit.status != Status.ELECTED:
            continue
        top = max((s.votes.value or 0 for s in unit.selections), default=0)
        tied = [s.id for s in unit.selections if (s.votes.value or 0) == top]
        if len(tied) < 2:
            continue
        first = min(tied, key=lambda s: results.attribute(unit.unit, s, "registration_order") or 0)
        winner = next(s.id for s in unit.selections if s.elected)
        if winner != first:
            return Violation(
                f"in {unit.unit} {', '.join(tied)} tie with {top} votes; {first} registered first "
                f"but {winner} is elected"
            )
    return None


def gender_limit_holds(check: Check) -> Violation | None:
    """Of the candidates elected in a unit, no more than the contest's limit share a `gender` in the results."""
    if check.contest.gender_limit is None:
        return None
    limit = check.contest.gender_limit[0]
    results = check.case.results
    for unit in check.units():
        held: dict[int | None, list[str]] = {}
        for selection in unit.selections:
            if selection.elected:
                held.setdefault(results.attribute(unit.unit, selection.id, "gender"), []).append(selection.id)
        for gender, elected in held.items():
            if len(elected) > limit:
                return Violation(
                    f"in {unit.unit} {', '.join(elected)} are elected, {len(elected)} of gender {gender}, "
                    f"above the limit of {limit}"
                )
    return None


def candidate_anonymity(check: Check) -> Violation | None:
    return anonymity(check)


# The check of each property; its phrase, competitors and description are in `vocabulary.PROPERTY_PHRASES`.
_CHECKS: dict[str, PropertyCheck] = {
    "seats add up to the seats of the contest": seat_total,
    "a list that does not qualify gets no seat": threshold_respected,
    "a list without votes gets no seat": no_seat_without_votes,
    "renaming and reordering the lists changes no seat": anonymity,
    "more votes for one list never give it fewer seats": vote_monotonicity,
    "a list that gains votes never loses a seat to a list that loses votes": population_monotonicity,
    "splitting a region in two changes no seat": region_split,
    "one more seat never takes a seat from a list": house_monotonicity,
    "every list gets its quota rounded down or up": quota,
    "every list gets at least its quota rounded down": lower_quota,
    "against all beating the leading list brings a repeat election": rerun_when_against_all_wins,
    "a repeat election is held only when against all beats the leading list or no list qualifies": (
        rerun_only_on_its_grounds
    ),
    "moving votes between lists that do not qualify changes no seat of the others": unqualified_votes_moved,
    "the winner has the most votes": winner_has_most_votes,
    "a repeat election is held exactly when against all beats the leading candidate": rerun_exactly,
    "a tie for the lead goes to the candidate registered first": tie_to_earlier_registration,
    "renaming and reordering the candidates changes no winner": candidate_anonymity,
    "no gender holds more seats of a unit than the limit": gender_limit_holds,
    **RANKED_CHECKS,
}
if _CHECKS.keys() != PROPERTY_PHRASES.keys():  # a phrase without a check, or a check no spec can name
    raise ImportError(f"properties without a check or phrase: {sorted(_CHECKS.keys() ^ PROPERTY_PHRASES.keys())}")

PROPERTIES: dict[str, PropertyKind] = {
    p.phrase: PropertyKind(p.phrase, p.competitors, _CHECKS[p.phrase], p.description) for p in PROPERTY_PHRASES.values()
}

_CONDITIONS = {
    c.phrase: c
    for c in (
        Condition("the method uses a quota", lambda contest: isinstance(contest.method, QuotaMethod)),
        Condition("the method uses divisors", lambda contest: isinstance(contest.method, DivisorMethod)),
        Condition(
            "the method is d'hondt",
            lambda contest: (
                isinstance(contest.method, DivisorMethod)
                and contest.method.step == 1
                and contest.method.offset == 1
                and contest.method.first is None
            ),
        ),
        Condition("there is no cap", lambda contest: contest.cap is None),
        Condition("the count is by ranked ballots", is_ranked),
        Condition("the ballots are not ranked", lambda contest: not is_ranked(contest)),
        Condition("there is a limit of seats per gender", lambda contest: contest.gender_limit is not None),
    )
}
if _CONDITIONS.keys() != set(CONDITION_PHRASES):
    raise ImportError(f"conditions without a test or phrase: {sorted(_CONDITIONS.keys() ^ set(CONDITION_PHRASES))}")
CONDITIONS: dict[str, Condition] = {phrase: _CONDITIONS[phrase] for phrase in CONDITION_PHRASES}

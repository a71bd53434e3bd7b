"""What the counts of ranked ballots share: a ranking cleaned by the law's rules for its faults, and ties broken
by the law's keys (earlier rounds, attributes, a published lot).

A ranking is a tuple of ints, one per rank: a candidate's index, `SKIP` for a rank left blank before a later
one, or `OVERVOTE` for a rank marked for several candidates (results/ballots.py reads them so).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TypeVar

from attrs import define, field, frozen

from ...facts import Fact
from ...facts.ranked import RankedLotNeeded, RankedTieBroken
from .piles import ARRAYS_FROM, all_clean
from .rules import EXHAUSTS, INVALID, BallotRule

SKIP = -1
OVERVOTE = -2
Ranking = tuple[int, ...]
Number = int | Fraction
V = TypeVar("V", int, Fraction)  # the votes of a count: whole ballots (instant runoff) or weighted (STV)


@frozen
class Prepared:
    """The ballots as the count uses them: each distinct list of preferences (candidate indexes, no repeats,
    cut where the law exhausts the ballot) with its number of ballots, and what the cleaning found."""

    groups: list[tuple[tuple[int, ...], int]]
    total: int
    valid: int
    empty: int  # ballots the law lets count that express no preference: exhausted from the start
    faults: dict[str, int]  # fault -> ballots with it (where the law reached it)
    unruled: dict[str, int]  # faults in the data the law says nothing of -> ballots


def prepare(rankings: Mapping[Ranking, int], rules: Mapping[str, BallotRule], withdrawn: frozenset[int]) -> Prepared:
    """Apply the law's rules for faults to every distinct ranking (withdrawn candidates are passed over)."""
    if len(rankings) >= ARRAYS_FROM and not withdrawn and all_clean(list(rankings)):
        total = sum(rankings.values())  # the common case of a large file: every ranking is its own preferences
        return Prepared(list(rankings.items()), total, total, 0, {}, {})
    merged: dict[tuple[int, ...], int] = {}
    faults: dict[str, int] = {}
    unruled: dict[str, int] = {}
    total = valid = empty = 0
    for ranking, count in rankings.items():
        total += count
        if ranking and not withdrawn and min(ranking) >= 0 and len(set(ranking)) == len(ranking):
            valid += count  # the common case: a clean ranking is its own preferences
            merged[ranking] = merged.get(ranking, 0) + count
            continue
        prefs, found, invalid = _clean(ranking, rules, withdrawn)
        for fault in found:
            faults[fault] = faults.get(fault, 0) + count
            if fault not in rules:
                unruled[fault] = unruled.get(fault, 0) + count
        if invalid:
            continue
        valid += count
        if not prefs:
            empty += count
            continue
        merged[prefs] = merged.get(prefs, 0) + count
    groups = list(merged.items())  # in the order first met: a count's sums do not depend on it
    return Prepared(groups, total, valid, empty, dict(sorted(faults.items())), dict(sorted(unruled.items())))


def _clean(
    ranking: Ranking, rules: Mapping[str, BallotRule], withdrawn: frozenset[int]
) -> tuple[tuple[int, ...], set[str], bool]:
    """The preferences a ranking expresses, the faults met on the way, and whether the ballot is invalid."""
    prefs: list[int] = []
    seen: set[int] = set()
    found: set[str] = set()
    run = 0
    for mark in ranking:
        if mark == SKIP:
            run += 1
            fault = "skipped"
        elif mark == OVERVOTE:
            run = 0
            fault = "overvote"
        elif mark in seen:
            run = 0
            fault = "repeated"
        else:
            run = 0
            seen.add(mark)
            if mark not in withdrawn:
                prefs.append(mark)
            continue
        found.add(fault)
        rule = rules.get(fault)
        if rule is None or (fault == "skipped" and rule.effect == EXHAUSTS and run < rule.run):
            continue  # fewer skips in a row than the law's run are passed over
        if rule.effect == INVALID:
            return tuple(prefs), found, True
        if rule.effect == EXHAUSTS:
            break
    return tuple(prefs), found, False


@define
class Events:
    """The facts of a count in order, each with the stage it belongs to."""

    items: list[Fact] = field(factory=list)

    def add(self, fact: Fact) -> None:
        self.items.append(fact)


@frozen
class TieKeys:
    """The law's tie rule for a count: its keys in order, the candidates' attributes (lower comes first) and the
    published lot (`lot_order`, 1 = the candidate the draw favours)."""

    keys: tuple[str, ...]
    attributes: Mapping[str, Mapping[int, int]] = field(factory=dict)

    def settle(
        self,
        names: Sequence[str],
        group: Sequence[int],
        history: Sequence[Sequence[Number]],
        best: bool,
        stage: int,
        what: str,
        events: Events,
    ) -> int | None:
        """The candidate of `group` the rule favours most (`best`) or least; None when a lot is needed (recorded)."""
        current = sorted(group)
        for key in self.keys:
            if len(current) == 1:
                break
            narrowed = self._narrow(current, key, history, best)
            if narrowed is None:
                continue
            if len(narrowed) < len(current) and len(narrowed) == 1:
                events.add(RankedTieBroken(stage, what, tuple(names[c] for c in current), key, names[narrowed[0]]))
            current = narrowed
        if len(current) == 1:
            return current[0]
        events.add(RankedLotNeeded(stage, what, tuple(names[c] for c in current)))
        return None

    def _narrow(self, group: list[int], key: str, history: Sequence[Sequence[Number]], best: bool) -> list[int] | None:
        pick = max if best else min
        if key in ("previous rounds", "first difference", "first preferences"):
            stages = list(range(len(history) - 1))  # the rounds before the current one
            if key == "previous rounds":
                stages.reverse()
            elif key == "first preferences":
                stages = stages[:1]
            current = group
            for stage in stages:
                values = {c: history[stage][c] for c in current}
                target = pick(values.values())
                chosen = [c for c in current if values[c] == target]
                current = chosen
                if len(current) == 1:
                    break
            return current
        attribute = "lot_order" if key == "lot" else _ATTRIBUTE.get(key)
        if attribute is None:
            return None
        table = self.attributes.get(attribute, {})
        if any(c not in table for c in group):
            return None
        # a lower attribute comes first: the best is the lowest value, the least favoured the highest
        target = (min if best else max)(table[c] for c in group)
        return [c for c in group if table[c] == target]


_ATTRIBUTE = {
    "ballot order": "ballot_number",
    "earlier registration": "registration_order",
    "older candidate": "age_order",
}
#: The tie keys a count of ranked ballots understands (besides `lot`).
RANKED_TIE_KEYS = ("previous rounds", "first difference", "first preferences", *_ATTRIBUTE)


def lowest_to_exclude(
    names: Sequence[str],
    left: list[int],
    votes: Sequence[V],
    bulk: bool,
    vacancies: int,
    ties: TieKeys,
    history: list[list[Fraction]],
    stage: int,
    events: Events,
) -> tuple[list[int], V | None] | None:
    """Who is excluded: the lowest candidates together where the law allows bulk exclusion (their votes together
    fewer than the next one's, leaving at least as many candidates as `vacancies`), else the lowest one (a tie
    broken by the law's keys); None when a lot must be drawn."""
    order = sorted(left, key=lambda c: (votes[c], c))
    if bulk:
        running: Number = 0
        best = 0
        for k in range(1, len(order) - vacancies + 1):
            running += votes[order[k - 1]]
            if k >= 2 and k < len(order) and running < votes[order[k]]:
                best = k
        if best >= 2:
            return order[:best], votes[order[best]]
    lowest = votes[order[0]]
    group = [c for c in order if votes[c] == lowest]
    if len(group) == 1:
        return [group[0]], None
    chosen = ties.settle(names, group, history, False, stage, "exclusion", events)
    return None if chosen is None else ([chosen], None)

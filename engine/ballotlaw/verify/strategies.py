"""Hypothesis strategies that generate results for a rule file's declared inputs.

`results_for(law)` generates complete, internally consistent results (sub-units add up to their parent;
voters who took part = valid + invalid + blank; registered >= took part) biased to the cases that matter:
shares exactly at, just below and just above a threshold; exact ties; one list; all zero; a list missing the
regional threshold in one region only; counts near 2^63. Examples shrink towards fewer lists, fewer units
and smaller numbers, so a counterexample reads like a textbook case.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from math import gcd
from typing import Any

import attrs
from attrs import frozen
from hypothesis import strategies as st

from .. import model
from ..results.model import PUBLISHED, Figure, Results, Unit
from .roles import AGAINST_ALL, BLANK, INVALID, REGISTERED, TOOK_PART, VALID, role_of

MAX_COUNT = 2**63 - 1
GENERATED = "generated"


@frozen
class Probe:
    """Choices the relational properties make, drawn with the results so that they shrink together."""

    pick: int
    other: int
    amount: int
    region: int


@frozen
class Case:
    """One generated election: the results and the probe of the relational properties."""

    results: Results
    probe: Probe


def _split(total: int, weights: list[int]) -> list[int]:
    """`total` split in proportion to `weights` (largest remainders, ties to the first): exact, sums to total."""
    whole = sum(weights)
    if whole == 0:
        return [total] + [0] * (len(weights) - 1)
    shares = [total * w // whole for w in weights]
    order = sorted(range(len(weights)), key=lambda i: -(total * weights[i] % whole))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


def _names(prefix: str, count: int) -> list[str]:
    return [f"{prefix}{chr(ord('A') + i)}" if count <= 26 else f"{prefix}{i + 1}" for i in range(count)]


@frozen
class _Ballots:
    """The figures of one unit before they are named by the rule file's counts."""

    votes: dict[str, int]
    against_all: int
    invalid: int
    blank: int
    abstained: int

    def role_value(self, role: str) -> int:
        valid = sum(self.votes.values()) + self.against_all
        took_part = valid + self.invalid + self.blank
        return {
            VALID: valid,
            TOOK_PART: took_part,
            REGISTERED: took_part + self.abstained,
            INVALID: self.invalid,
            BLANK: self.blank,
            AGAINST_ALL: self.against_all,
        }.get(role, took_part)


def _add(ballots: list[_Ballots], selections: list[str]) -> _Ballots:
    return _Ballots(
        votes={s: sum(b.votes[s] for b in ballots) for s in selections},
        against_all=sum(b.against_all for b in ballots),
        invalid=sum(b.invalid for b in ballots),
        blank=sum(b.blank for b in ballots),
        abstained=sum(b.abstained for b in ballots),
    )


def _scale(ballots: _Ballots, factor: int) -> _Ballots:
    return _Ballots(
        {s: v * factor for s, v in ballots.votes.items()},
        ballots.against_all * factor,
        ballots.invalid * factor,
        ballots.blank * factor,
        ballots.abstained * factor,
    )


def _threshold_edge(ballots: _Ballots, rule: model.ThresholdRule, selection: str, offset: int) -> _Ballots:
    """Set the votes of `selection` exactly at the threshold (offset 0), or one vote below (-1) or above (+1).

    The base includes the selection's own votes, base = rest + t, so t / (rest + t) = a / b gives
    t = a * rest / (b - a); the invalid ballots (which count in every base but the valid votes) are raised
    until that is a whole number.
    """
    a, b = rule.share.numerator, rule.share.denominator
    if a == 0 or a >= b:
        return ballots
    role = role_of(rule.base)
    current = ballots.role_value(role)
    rest = current - ballots.votes[selection]
    step = (b - a) // gcd(a, b - a)
    invalid = ballots.invalid
    if role != VALID:
        pad = (-rest) % step
        rest += pad
        invalid += pad
    target = a * rest // (b - a)
    if role == VALID and (a * rest) % (b - a):
        target += 1
    votes = dict(ballots.votes)
    votes[selection] = max(0, target + offset)
    return _Ballots(votes, ballots.against_all, invalid, ballots.blank, ballots.abstained)


def _figures(
    law: model.Law,
    unit: Unit,
    ballots: _Ballots,
    counts: dict[tuple[str, str], Figure],
    votes: dict[str, dict[str, Figure]],
) -> None:
    for count in law.counts.values():
        if unit.level not in count.levels:
            continue
        if count.per_selection:
            votes[unit.id] = {s: Figure(PUBLISHED, v, source=GENERATED) for s, v in ballots.votes.items()}
        else:
            value = ballots.role_value(role_of(count.name))
            counts[(unit.id, count.name)] = Figure(PUBLISHED, value, source=GENERATED)


def _sub_levels(law: model.Law, contest: model.Contest) -> list[tuple[str, int]]:
    levels: list[tuple[str, int]] = []
    for rule in contest.thresholds:
        if rule.level is not None and rule.level not in [name for name, _ in levels]:
            declared = law.levels[rule.level].unit_count
            levels.append((rule.level, declared if declared is not None and declared <= 12 else 3))
    return levels


# Every choice Hypothesis makes costs about as much as evaluating a small law once, and its bookkeeping grows with
# the number of choices: an election is drawn in few of them. The votes of the lists are one list of integers
# (its length is the number of lists: shrinking deletes lists and lowers votes); each group of figures that only
# shape an election (sub-unit weights, the other ballots, where each list is strongest, the probe) comes from one
# string of bytes, read by `_scaled`: each byte shrinks towards 0 on its own, and so does each value read from it.
AMOUNT = st.integers(1, 1000)
SCALED = st.booleans()
LIST_EDGES = st.sampled_from(("none", "at", "below", "above", "zero in one sub-unit", "tie", "many tiny lists"))
CANDIDATE_EDGES = st.sampled_from(
    ("none", "tie for the lead", "against all equals the leader", "against all one above", "against all one below")
)


@functools.cache
def _below(count: int) -> st.SearchStrategy[int]:
    return st.integers(0, count - 1)


@functools.cache
def _bytes(count: int) -> st.SearchStrategy[bytes]:
    return st.binary(min_size=count, max_size=count)


@functools.cache
def _votes(count: int, top: int) -> st.SearchStrategy[list[int]]:
    """The votes of 1 to `count` competitors, 0 to `top` each."""
    return st.lists(st.integers(0, top), min_size=1, max_size=count)


def _scaled(data: bytes, width: int, top: int) -> list[int]:
    """Values 0..top read from `data`, `width` bytes each (big-endian), growing with the bytes they are read from."""
    full = 256**width - 1
    return [int.from_bytes(data[i : i + width], "big") * top // full for i in range(0, len(data), width)]


@st.composite
def _list_case(draw: Callable[..., Any], law: model.Law, contest: model.Contest, max_lists: int) -> Case:
    sub = _sub_levels(law, contest)
    sub_level, sub_count = sub[0] if sub else (None, 1)
    # A total per list, a weight per sub-unit, and for each list the sub-unit where it is strongest; the cells
    # follow by exact apportionment.
    totals = draw(_votes(max_lists, 10_000))
    lists = _names("List ", len(totals))
    # A byte for each possible list (a fixed size: deleting a list does not shift what the others read).
    strongest = _scaled(draw(_bytes(max_lists))[: len(lists)], 1, sub_count - 1) if sub_count > 1 else [0] * len(lists)
    weights = _scaled(draw(_bytes(sub_count)), 1, 100) if sub_level else [1]
    extras = _scaled(draw(_bytes(8)), 2, 500)
    cells = [
        _split(totals[i], [w + (100 if r == strongest[i] else 0) for r, w in enumerate(weights)])
        for i in range(len(lists))
    ]
    spread = [_split(extra, [w + 1 for w in weights]) for extra in extras]
    parts = [
        _Ballots(
            {s: cells[i][r] for i, s in enumerate(lists)}, spread[0][r], spread[1][r], spread[2][r], spread[3][r] * 10
        )
        for r in range(sub_count)
    ]
    edge = draw(LIST_EDGES)
    if edge == "many tiny lists" and len(lists) < 21:  # up to 21 lists: the extra ones with a handful of votes each
        tiny = draw(_votes(21 - len(lists), 5))
        extra = _names("Small list ", len(tiny))
        for name, value in zip(extra, tiny, strict=True):
            cells_of = _split(value, [w + 1 for w in weights])
            for r in range(sub_count):
                parts[r].votes[name] = cells_of[r]
        lists = lists + extra
    pick = draw(_below(len(lists))) if len(lists) > 1 else 0
    national = [t for t in contest.thresholds if t.level is None]
    if edge in ("at", "below", "above") and national:
        offset = {"at": 0, "below": -1, "above": 1}[edge]
        total = _threshold_edge(_add(parts, lists), national[0], lists[pick], offset)
        wanted = total.votes[lists[pick]] - sum(p.votes[lists[pick]] for p in parts[1:])
        if wanted < 0:
            parts = [
                _Ballots({**p.votes, lists[pick]: 0}, p.against_all, p.invalid, p.blank, p.abstained) for p in parts
            ]
            wanted = total.votes[lists[pick]]
        extra_invalid = total.invalid - sum(p.invalid for p in parts)
        first = parts[0]
        parts[0] = _Ballots(
            {**first.votes, lists[pick]: wanted},
            first.against_all,
            first.invalid + extra_invalid,
            first.blank,
            first.abstained,
        )
    elif edge == "zero in one sub-unit":
        region = draw(_below(sub_count)) if sub_count > 1 else 0
        chosen = parts[region]
        parts[region] = _Ballots(
            {**chosen.votes, lists[pick]: 0}, chosen.against_all, chosen.invalid, chosen.blank, chosen.abstained
        )
    elif edge == "tie" and len(lists) > 1:
        other = lists[(pick + 1) % len(lists)]
        parts = [
            _Ballots({**p.votes, other: p.votes[lists[pick]]}, p.against_all, p.invalid, p.blank, p.abstained)
            for p in parts
        ]
    total = _add(parts, lists)
    if draw(SCALED):  # counts near 2^63: the same election, scaled up
        largest = max(1, total.role_value(REGISTERED))
        factor = MAX_COUNT // largest
        parts = [_scale(p, factor) for p in parts]
        total = _scale(total, factor)
    probe_other, probe_region = draw(_bytes(2))
    probe = Probe(pick=pick, other=probe_other % len(lists), amount=draw(AMOUNT), region=probe_region % sub_count)
    # The unit of competition: one the law gives seats to, when it gives each its own number.
    named = sorted(contest.seats_by_unit) if contest.seats_by_unit else []
    unit_id = draw(st.sampled_from(named)) if len(named) > 1 else (named[0] if named else "N")
    results = _results(law, contest, total, parts, sub_level, unit_id)
    return Case(_with_list_attributes(draw, contest, results, lists, unit_id), probe)


def _with_list_attributes(
    draw: Callable[..., Any], contest: model.Contest, results: Results, lists: list[str], unit_id: str
) -> Results:
    """The attributes a law reads, drawn for every list: constituency wins (mixed systems, thresholds with an
    alternative of wins), agreement numbers (apparentment; 0 draws none) and the national minority of a list
    (0: none) when the law treats minorities apart."""
    wanted_wins = contest.mixed is not None or any(t.alternative_wins is not None for t in contest.thresholds)
    numbers = {r.minority for r in contest.reserved}
    if contest.minority_factor is not None or any(
        isinstance(t.applies_to, model.ExceptMinorities | model.MinoritiesJointly) for t in contest.thresholds
    ):
        numbers |= {1, 2}
    minorities = sorted(numbers)
    if not wanted_wins and contest.agreements is None and not minorities:
        return results
    attributes = dict(results.attributes)
    for name in lists:
        table = dict(attributes.get((unit_id, name), {}))
        if wanted_wins:
            table["constituency_wins"] = draw(st.integers(0, 3))
        if contest.agreements is not None and (number := draw(st.integers(0, 2))):
            table["agreement"] = number
        if minorities and (number := draw(st.sampled_from([0, *minorities]))):
            table["national_minority"] = number
        attributes[(unit_id, name)] = table
    return attrs.evolve(results, attributes=attributes)


def _results(
    law: model.Law,
    contest: model.Contest,
    total: _Ballots,
    parts: list[_Ballots],
    sub_level: str | None,
    unit_id: str = "N",
) -> Results:
    units: dict[str, Unit] = {}
    counts: dict[tuple[str, str], Figure] = {}
    votes: dict[str, dict[str, Figure]] = {}
    nation = next((lv.name for lv in law.levels.values() if lv.rank == 0), contest.level)
    parent = None
    if contest.every and nation != contest.level:
        # A contest decided in every district: the district sits under the nation, which carries the same
        # figures (one district), so that `nationally` clauses are measured where the law measures them.
        parent = "Nation" if unit_id != "Nation" else "Nation0"
        above = Unit(parent, nation, None)
        units[above.id] = above
        _figures(law, above, total, counts, votes)
    top = Unit(unit_id, contest.level, parent)
    units[top.id] = top
    _figures(law, top, total, counts, votes)
    if sub_level is not None:
        for r, ballots in enumerate(parts):
            unit = Unit(f"R{r + 1}", sub_level, top.id)
            units[unit.id] = unit
            _figures(law, unit, ballots, counts, votes)
    return Results("generated", "", units, counts, votes, {}, {}, {GENERATED: ("generated by ballotlaw verify", "")})


@st.composite
def _candidate_case(draw: Callable[..., Any], law: model.Law, contest: model.Contest, max_candidates: int) -> Case:
    districts = draw(st.integers(1, 3)) if contest.every else 1
    units: dict[str, Unit] = {}
    counts: dict[tuple[str, str], Figure] = {}
    votes: dict[str, dict[str, Figure]] = {}
    attributes: dict[tuple[str, str], dict[str, int]] = {}
    pick = 0
    for d in range(districts):
        values = draw(_votes(max_candidates, 1000))
        names = _names(f"D{d + 1} Candidate ", len(values))
        tally = dict(zip(names, values, strict=True))
        against, invalid, blank, abstained = _scaled(draw(_bytes(4)), 1, 200)
        edge = draw(CANDIDATE_EDGES)
        leader = max(tally.values())
        if edge == "tie for the lead" and len(names) > 1:
            tally[names[1]] = leader
        elif edge.startswith("against all"):
            against = leader + {"equals the leader": 0, "one above": 1, "one below": -1}[edge[12:]]
            against = max(0, against)
        # The order of registration: the candidates sorted by a byte each (ties by position); all bytes 0 (what
        # shrinking goes to) is the order of the names.
        keys = draw(_bytes(max_candidates)) if len(names) > 1 else b"\0"  # a fixed size, as for lists
        order = sorted(range(len(names)), key=lambda i: (keys[i], i))
        unit = Unit(f"D{d + 1}", contest.level, None)
        units[unit.id] = unit
        _figures(law, unit, _Ballots(tally, against, invalid, blank, abstained * 10), counts, votes)
        for rank, index in enumerate(order, start=1):
            attributes[(unit.id, names[index])] = {"registration_order": rank}
    other, region = draw(_bytes(2))
    probe = Probe(pick=pick, other=other % max_candidates, amount=draw(AMOUNT), region=region % districts)
    results = Results(
        "generated", "", units, counts, votes, {}, attributes, {GENERATED: ("generated by ballotlaw verify", "")}
    )
    return Case(results, probe)


def cases_for(law: model.Law, contest: model.Contest, max_selections: int = 8) -> st.SearchStrategy[Case]:
    """Generated elections (with the probe of relational properties) for one contest of `law`."""
    from .ranked import is_ranked, ranked_case  # it builds on this module

    if is_ranked(contest):
        return ranked_case(law, contest, max_selections)
    if contest.competitors == "lists":
        return _list_case(law, contest, max_selections)
    return _candidate_case(law, contest, min(max_selections, 6))


def results_for(law: model.Law, contest: str | None = None, max_selections: int = 8) -> st.SearchStrategy[Results]:
    """Generated results for `law` (for its first contest, or the one named): the strategy developers use in
    their own tests, e.g. `@given(results_for(load_law("rules/kg/jogorku-kenesh-2021.rules")[0]))`."""
    chosen = law.contest(contest) if contest else (law.contests[0] if law.contests else None)
    if chosen is None:
        raise ValueError(f"the rule file has no contest {contest!r}" if contest else "the rule file has no contest")
    return cases_for(law, chosen, max_selections).map(lambda case: case.results)


__all__ = ["Case", "Probe", "cases_for", "results_for"]

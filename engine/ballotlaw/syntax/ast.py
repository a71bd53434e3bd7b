"""The typed AST of a rule file: frozen attrs classes, each with the span it was written at.

Produced by transform.py from Lark's parse tree; consumed by the checker (check/). Nothing here refers to
Lark. Spans are excluded from equality, so two nodes that differ only in position compare equal.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from fractions import Fraction
from typing import TypeVar

from attrs import field

from ..records import frozen
from ..source import Span


def _span() -> Span:
    return field(eq=False, repr=False)  # type: ignore[no-any-return]


@frozen(kw_only=True)
class Name:
    """An identifier as written: a count, level, label, source or contest name."""

    text: str
    span: Span = _span()


@frozen(kw_only=True)
class BaseSum:
    """A base written as counts added or taken away: `valid_votes - none_of_the_above` (`rest`: sign, count)."""

    first: Name
    rest: tuple[tuple[str, Name], ...]
    span: Span = _span()

    @property
    def names(self) -> tuple[Name, ...]:
        return (self.first, *(name for _sign, name in self.rest))

    @property
    def text(self) -> str:
        return " ".join([self.first.text, *(f"{sign} {name.text}" for sign, name in self.rest)])


@frozen(kw_only=True)
class Text:
    """A quoted text, without its quotes."""

    text: str
    span: Span = _span()


@frozen(kw_only=True)
class Number:
    """A number literal; `kind` is 'integer', 'decimal' or 'percent'. `value` is exact (a percent is its
    number of hundredths: 0.5% has value 1/2)."""

    text: str
    kind: str
    value: Fraction
    span: Span = _span()


@frozen(kw_only=True)
class Words:
    """A phrase of plain words, such as `hare quota and largest remainders`."""

    words: tuple[str, ...]
    span: Span = _span()

    @property
    def phrase(self) -> str:
        return " ".join(self.words)


@frozen(kw_only=True)
class Cite:
    """One source named in a citation, with its pinpoint (article, paragraph) if any."""

    source: Name
    pinpoint: str
    article_not_known: bool
    span: Span = _span()


@frozen(kw_only=True)
class Citation:
    cites: tuple[Cite, ...]
    span: Span = _span()


# ---- header and declarations ---------------------------------------------------------------------------


@frozen(kw_only=True)
class ElectionHeader:
    title: Text
    jurisdiction: Text | None
    law: Text | None
    law_citation: Citation | None
    version: Text | None
    in_force: str | None
    version_citation: Citation | None
    polling_day: str | None
    polling_day_citation: Citation | None
    span: Span = _span()


@frozen(kw_only=True)
class SourceDecl:
    id: Name
    title: Text
    url: Text
    span: Span = _span()


@frozen(kw_only=True)
class LevelDecl:
    name: Name
    unit_count: Number | None
    description: Text | None
    citation: Citation | None
    span: Span = _span()


@frozen(kw_only=True)
class CountDecl:
    """`count NAME "description" on LEVELS [, may be not published] [citation]`; for `votes` the name is
    `votes` and the count is per selection."""

    name: Name
    description: Text | None
    levels: tuple[Name, ...]
    may_be_unpublished: bool
    per_selection: bool
    citation: Citation | None
    span: Span = _span()


# ---- conditions -----------------------------------------------------------------------------------------


@frozen(kw_only=True)
class CountRef:
    name: Name
    span: Span = _span()


@frozen(kw_only=True)
class Literal:
    number: Number
    span: Span = _span()


@frozen(kw_only=True)
class ShareOf:
    """`5% of voters_took_part`, or of an aggregate: `of the votes cast`, `of votes of the top two`."""

    number: Number
    base: Name | None
    aggregate: str | None = None  # "cast" or "top two" when there is no base count
    span: Span = _span()


@frozen(kw_only=True)
class LeaderVotes:
    """`votes of the leading list` or `votes of the leading candidate`."""

    kind: str  # "list" or "candidate"
    span: Span = _span()


@frozen(kw_only=True)
class OptionVotes:
    """`votes for "yes"`: the votes of one named option or candidate."""

    option: Text
    span: Span = _span()


#: What an aggregate term adds up or counts in a unit.
AggregateKind = typing.Literal["margin", "last seat", "top two", "cancelled", "candidates"]


@frozen(kw_only=True)
class Aggregate:
    """`the margin` (first minus second), `the margin for the last seat` (the last elected minus the first not
    elected), `votes of the top two`, `votes of cancelled candidates`, `the number of candidates` (those on the
    ballot)."""

    kind: AggregateKind
    span: Span = _span()


@frozen(kw_only=True)
class AllVotes:
    """`all votes`: the votes of every selection of a unit, added up (control relations only)."""

    span: Span = _span()


Expr = CountRef | Literal | ShareOf | LeaderVotes | OptionVotes | Aggregate | AllVotes


@frozen(kw_only=True)
class Comparison:
    left: Expr
    operator: str
    right: Expr
    span: Span = _span()


@frozen(kw_only=True)
class AllOf:
    items: tuple[Condition, ...]
    span: Span = _span()


@frozen(kw_only=True)
class AnyOf:
    items: tuple[Condition, ...]
    span: Span = _span()


@frozen(kw_only=True)
class NoListQualifies:
    """`no list qualifies`: every list fails a threshold."""

    span: Span = _span()


@frozen(kw_only=True)
class SumComparison:
    """A comparison of sums of terms, in the `when` of a control relation: `issued - found >= 15`."""

    left: tuple[tuple[int, Expr], ...]  # (+1 or -1, term)
    operator: str
    right: tuple[tuple[int, Expr], ...]
    span: Span = _span()


Condition = Comparison | AllOf | AnyOf | NoListQualifies | SumComparison


# ---- clauses of a contest ------------------------------------------------------------------------------


@frozen(kw_only=True)
class Compete:
    competitors: str  # "lists" or "candidates"
    every: bool  # "in every district" (True) or "in the nation" (False)
    level: Name
    span: Span = _span()


@frozen(kw_only=True)
class Seats:
    number: Number
    span: Span = _span()


@frozen(kw_only=True)
class SeatsByUnit:
    """`seats 35 in "Riga", 26 in "Vidzeme", ...`: the number of seats of each unit of competition."""

    entries: tuple[tuple[Number, Text], ...]
    span: Span = _span()


@frozen(kw_only=True)
class SeatsApportioned:
    """`seats 200, apportioned to every region by <method> on valid_votes`: the house is shared among the units
    of competition by the method on a count of each (the Czech § 48, on the votes of the election itself)."""

    number: Number
    level: Name
    method: Words
    base: Name
    span: Span = _span()


@frozen(kw_only=True)
class Threshold:
    comparator: str | None  # "at least", "more than", or None when the clause omits it
    number: Number
    base: Name | BaseSum | None
    level: Name | None  # None: measured nationally (in the unit of competition)
    at_least_units: int | None = None  # "in at least N regions" (None: in every unit of the level)
    alternative_wins: int | None = None  # ", or N constituency wins": passes with that many wins instead
    applies_to: tuple[str, int, int | None] | None = None  # ("parties", 1, 1), ("coalitions", 2, 3), ("minorities", ..)
    alternative: Threshold | None = None  # ", or at least 20% of valid_votes in at least 4 county": passes either
    pool_only: bool = False  # ", only for the seats left over": decides who takes part in the national pool only
    base_level: Name | None = None  # "of registered_voters of the nation": the base counted in the enclosing unit
    whole_votes: bool = False  # ", rounded down to whole votes": the votes needed are the share's whole part (Romania)
    span: Span = _span()


@frozen(kw_only=True)
class Allocate:
    """`allocate by <method phrase>`, or `allocate by divisors 1.4, 3, 5` (a sequence written in the law)."""

    method: Words
    divisors: tuple[Number, ...] = ()
    quota: tuple[int, str, str] | None = None  # `the quota of votes over seats plus N ...`: (N, rounding, leftover)
    quota_base: QuotaBase | None = None  # what the quota divides, when written (`hare quota of valid_votes and ...`)
    quota_part: Number | None = None  # `full quotas and one more seat for a remainder of at least P of a quota`
    span: Span = _span()


@frozen(kw_only=True)
class QuotaBase:
    """What a quota divides, as written: a declared count (`of valid_votes`), or, with `count` None, the votes
    of the lists that qualify (`of the votes of the lists that qualify`)."""

    count: Name | None
    after: tuple[str, ...] = ()  # the method's words that follow the base (`and largest remainders`)
    span: Span = _span()


@frozen(kw_only=True)
class Ties:
    rules: tuple[Words, ...]
    span: Span = _span()


@frozen(kw_only=True)
class Cap:
    number: Number
    excess: str | None  # "redistributed", "vacant", "remainders", or None when the clause omits it
    span: Span = _span()


@frozen(kw_only=True)
class Minimum:
    """`at least 1 seat for every list that qualifies`: a list below it is raised to it, and the others share
    the seats left."""

    number: Number
    span: Span = _span()


@frozen(kw_only=True)
class Exhaustion:
    """`lists short of candidates, excess redistributed`: a list keeps no more seats than it has candidates
    (`excess to the next largest remainders`: the seats it cannot fill go down the round's remainders)."""

    excess: str | None
    span: Span = _span()


@frozen(kw_only=True)
class Multiplier:
    """`multiply the averages of national minorities by 1.35`: their averages (votes) count that much more."""

    factor: Number
    below: Threshold | None = None  # `, for lists with less than 3% of BASE nationally`: only lists that fail it
    span: Span = _span()


@frozen(kw_only=True)
class Fallback:
    """`if fewer than 2 lists qualify, the 2 lists with the most votes qualify`; `if only 1 list qualifies, ...`
    is fewer than 2 and at least 1 (`at_least`)."""

    fewer_than: int
    take: int
    at_least: int = 0
    span: Span = _span()


@frozen(kw_only=True)
class ShareFallback:
    """`if the lists that qualify have less than 60% of voters_took_part, the lists with the most votes qualify
    until they have it`: lists join in order of votes (equal votes together) until the share is held."""

    share: Number
    base: Name | BaseSum
    span: Span = _span()


@frozen(kw_only=True)
class Bonus:
    """`bonus 20 seats to the leading list [if <condition>]`: taken from the house before the allocation; or
    on a sliding scale: `bonus 20 seats to the leading list with at least 25% of valid_votes nationally, 1 more
    seat for every further 0.5%, at most 50 seats` (then `threshold`, `per_step`, `step` and `most` are set)."""

    seats: Number
    condition: Condition | None
    threshold: Threshold | None = None
    per_step: int | None = None
    step: Number | None = None
    most: int | None = None
    span: Span = _span()


@frozen(kw_only=True)
class Adjustment:
    """`39 adjustment seats for lists with at least 4% of valid_votes nationally, by sainte-lague divisors`:
    a national tier after the district seats (compensation seats)."""

    seats: int | None  # None: `the seats left over as adjustment seats` (those the districts' full quotas left)
    threshold: Threshold
    method: Words
    seats_won: tuple[int, Name] | None = None  # `, or at least 1 seat won in a district` (Denmark § 77)
    continued_after: Name | None = None  # `, each list's series continued after its district seats` (Estonia)
    span: Span = _span()


@frozen(kw_only=True)
class Biproportional:
    """`biproportional apportionment by sainte-lague divisors[, on voter numbers]`: the seats of every district
    and list at once; with voter numbers, the lists' seats come from their votes divided by the seats of each
    district (rounded to whole numbers) and added up."""

    method: Words
    voter_numbers: bool = False
    span: Span = _span()


@frozen(kw_only=True)
class Distribute:
    """`seats of each list distributed to every region by hare quota and largest remainders`: a second tier.
    Each list's seats are shared among the units of the level by the list's votes there."""

    level: Name
    method: Words
    span: Span = _span()


@frozen(kw_only=True)
class Pooled:
    """`seats left over pooled nationally by <method>`: the seats the districts' full quotas leave are allocated
    in the nation on the lists' remainders added up, then placed in the districts of their largest remainders
    (the Czech second scrutiny). `, without independent candidates`: only lists of parties take part (Cyprus);
    `, the seats still left to the lists with at least 7.2% of valid_votes nationally, by largest remainders`:
    what a pool by full quotas only leaves goes to those lists (Cyprus's second phase)."""

    method: Words
    parties_only: bool = False
    then: PoolThen | None = None
    span: Span = _span()


@frozen(kw_only=True)
class PoolThen:
    """The second phase of a pool: the seats its full quotas leave go to the lists with a share of a count in the
    nation, by the largest remainders of the pool's quota."""

    comparator: str
    number: Number
    base: Name | BaseSum
    span: Span = _span()


#: Clauses written in fixed words, with no field but their span, by their grammar rule: the transformer builds them
#: without a method of its own (transform.ToAst.__default__). A new clause of that shape needs no transform code.
FIXED_WORDS: dict[str, type] = {}

_Fixed = TypeVar("_Fixed", bound=type)


def fixed_words(rule: str) -> Callable[[_Fixed], _Fixed]:
    """Register a class as the node of a grammar rule written in fixed words only."""

    def register(cls: _Fixed) -> _Fixed:
        FIXED_WORDS[rule] = cls
        return cls

    return register


@fixed_words("unopposed")
@frozen(kw_only=True)
class Unopposed:
    """`elected without a poll if the candidates are no more than the seats`: where the candidates standing in a
    district are no more than its seats, they are declared elected without votes being cast or counted."""

    span: Span = _span()


@fixed_words("leftover_by_votes")
@frozen(kw_only=True)
class LeftoverByVotes:
    """`seats left over to the lists with the most votes`: the seats a quota method's full quotas leave go one a list
    to the lists with the most votes (in whole rounds when more are left than lists with votes)."""

    span: Span = _span()


@frozen(kw_only=True)
class PlacementByList:
    """`place the adjustment seats of each list in its district with the highest next quotient by sainte-lague
    divisors`: each list's adjustment seats go one at a time to the district where its votes over the method's
    next divisor after the seats it holds there are highest; no district has a limit (Sweden)."""

    level: Name
    method: Words
    span: Span = _span()


@frozen(kw_only=True)
class SurplusReturn:
    """`surplus district seats returned from the lowest quotients to the other lists, not in a district with fewer
    than 3 seats`: a list whose district seats exceed its share of all the seats gives the surplus back, from the
    districts where its last seats had the lowest quotients, to the other lists there below their share (Sweden,
    Elections Act ch. 14 § 4a)."""

    level: Name
    smallest: tuple[Name, int] | None  # `not in a district with fewer than N seats`: the level written, and N
    span: Span = _span()


@frozen(kw_only=True)
class Placement:
    """`place the adjustment seats one per district by sainte-lague divisors over votes per seat`: each adjustment
    seat goes to a district: a list's votes there over the method's next divisor after its district seats, over
    the district's votes per district seat; highest first, one seat per district (Norway)."""

    level: Name
    method: Words
    span: Span = _span()


@frozen(kw_only=True)
class ReservedSeat:
    """`1 seat to the leading list of national minority 3 with at least 0.35% of valid_votes nationally, if none
    of its lists wins a seat otherwise`: seats taken from the house before the allocation for the most voted
    list of a minority (the results give each minority list its `national_minority` number)."""

    seats: int
    minority: int
    threshold: Threshold
    span: Span = _span()


@frozen(kw_only=True)
class Agreements:
    """`lists in an agreement share their seats first`: apparentment (surplus agreements). Lists the results
    give the same `agreement` number are allocated as one list, and their seats then split between them by the
    same method."""

    span: Span = _span()


@frozen(kw_only=True)
class Mixed:
    """`constituency seats deducted, overhang kept|levelled`: mixed-member proportional representation. A list's
    constituency wins are part of its entitlement; a list that wins more keeps them (`kept`: the house grows by
    the overhang; `levelled`: the house grows until no list has more wins than its entitlement)."""

    overhang: str  # "kept" or "levelled"; "counted": `constituency seats counted in the divisors` (the additional
    # member system: the seats of the contest are the list seats, and each list's averages start after the
    # constituency seats it won)
    span: Span = _span()


@frozen(kw_only=True)
class StableMajority:
    """`the leading list gets at least 54% of the seats, with seats added[, if it holds more than 50% of the
    seats]`: the house grows until it does (only where it holds that share of the seats first)."""

    share: Number
    held: SeatsHeld | None = None
    span: Span = _span()


@frozen(kw_only=True)
class SeatsHeld:
    """`if it holds more than 50% of the seats`: the share of the seats the leading list holds before."""

    comparator: str  # "at least" or "more than"
    share: Number
    span: Span = _span()


@frozen(kw_only=True)
class OppositionSeats:
    """`the lists other than the leading one get at least 1/3 of the seats, with seats added`: the house grows,
    and the other lists share their seats and the added ones again, until they hold that share."""

    share: Number
    span: Span = _span()


@frozen(kw_only=True)
class MajoritySeat:
    """`a list with more than 50% of valid_votes but at most 50% of the seats takes the seat given last to another
    list` (the Netherlands, Kieswet Art. P 9): after the allocation, the seat the method gave last to another list
    passes to the list with that share of the votes, where it holds no more than that share of the seats."""

    threshold: Threshold  # the share of the votes, measured in the unit of competition
    seats: Number  # the share of the seats the list holds at most for the seat to pass
    span: Span = _span()


@frozen(kw_only=True)
class MinoritySeats:
    """`4 seats added for national minorities by d'hondt divisors, the seat of a minority passing to the next
    list | left vacant where a list has none of its candidates` (Armenia, Electoral Code Art. 95(9), 100(2)):
    seats added to the house, the k-th for minority k, each to the list with the next highest average."""

    seats: int
    method: Words
    vacant: bool
    span: Span = _span()


@frozen(kw_only=True)
class Rerun:
    condition: Condition
    candidates: str | None = None  # "may stand again" or "barred", when the clause says
    span: Span = _span()


@frozen(kw_only=True)
class ValidIf:
    condition: Condition
    span: Span = _span()


@frozen(kw_only=True)
class ValidAlways:
    span: Span = _span()


@frozen(kw_only=True)
class Elect:
    rule: Words
    span: Span = _span()


@frozen(kw_only=True)
class ElectIf:
    """`elect the leading candidate if <condition>`: an absolute or qualified majority."""

    condition: Condition
    span: Span = _span()


@frozen(kw_only=True)
class Quota:
    """`quota droop`: the quota of a single transferable vote."""

    name: Words
    span: Span = _span()


@frozen(kw_only=True)
class Surplus:
    """`surplus transferred by weighted inclusive gregory, values rounded down to 5 decimal places`."""

    method: Words
    places: Number | None = None
    up: bool = False
    span: Span = _span()


@frozen(kw_only=True)
class BulkExclusion:
    """`bulk exclusion of the lowest candidates whose votes together are fewer than the next`."""

    span: Span = _span()


@frozen(kw_only=True)
class GenderLimit:
    """`at most 2 seats to candidates of one gender`: a candidate whose gender already holds that many seats of
    the unit is passed over, and the seat goes to the next candidate by votes."""

    number: Number
    span: Span = _span()


@frozen(kw_only=True)
class MajorityBase:
    """Instant runoff: `elected with a majority of the continuing ballots` (of = "continuing") or `... of all valid
    ballots` (of = "all")."""

    of: str
    span: Span = _span()


@frozen(kw_only=True)
class BallotRule:
    """What a fault of a ranking does: fault "skipped" (after `run` in a row), "overvote" or "repeated";
    effect "passed over", "exhausts" or "invalid"."""

    fault: str
    effect: str
    run: Number | None = None
    span: Span = _span()


@frozen(kw_only=True)
class SkippedRanks(BallotRule):
    """`skipped ranks are passed over`, `2 consecutive skipped ranks exhaust the ballot`."""


@frozen(kw_only=True)
class Overvotes(BallotRule):
    """`overvotes exhaust the ballot`."""


@frozen(kw_only=True)
class RepeatedCandidates(BallotRule):
    """`repeated candidates are passed over`."""


@frozen(kw_only=True)
class Runoff:
    """Who goes to a second round: the top N, or those with a share of a base (with the top N as a floor)."""

    top: Number | None
    comparator: str | None
    number: Number | None
    base: Name | None
    floor: Number | None
    span: Span = _span()


@frozen(kw_only=True)
class Approve:
    """`approve "yes" if <condition>`: when an option of a question is adopted."""

    option: Text
    condition: Condition
    span: Span = _span()


@frozen(kw_only=True)
class Recount:
    condition: Condition
    span: Span = _span()


@frozen(kw_only=True)
class Relation:
    """`LEFT + ... COMPARATOR RIGHT + ... in every LEVEL [, when CONDITION], error|warning`."""

    left: tuple[tuple[int, Expr], ...]  # (+1 or -1, term)
    operator: str
    right: tuple[tuple[int, Expr], ...]
    level: Name
    guard: Condition | None
    severity: str
    action: Text | None = None
    span: Span = _span()


#: Every kind of clause. Each has one entry in the clause registry (check/registry.py): its default label, the
#: contests it may appear in, its check and the model rule it produces.
ClauseBody = (
    Compete
    | Relation
    | Seats
    | SeatsByUnit
    | SeatsApportioned
    | Threshold
    | Allocate
    | Ties
    | Cap
    | Rerun
    | ValidIf
    | ValidAlways
    | Elect
    | ElectIf
    | Runoff
    | Approve
    | Recount
    | Quota
    | Surplus
    | BulkExclusion
    | GenderLimit
    | MajorityBase
    | Unopposed
    | SkippedRanks
    | Overvotes
    | RepeatedCandidates
    | Exhaustion
    | Minimum
    | Multiplier
    | Fallback
    | ShareFallback
    | Bonus
    | StableMajority
    | OppositionSeats
    | MajoritySeat
    | MinoritySeats
    | Mixed
    | Agreements
    | Distribute
    | Adjustment
    | ReservedSeat
    | Pooled
    | LeftoverByVotes
    | Placement
    | PlacementByList
    | SurplusReturn
    | Biproportional
)


@frozen(kw_only=True)
class Clause:
    label: Name | None
    body: ClauseBody
    citation: Citation | None
    assumption: Text | None
    span: Span = _span()

    @property
    def effective_label(self) -> str:
        """The label written, else the default label of the clause's kind (check/registry.py)."""
        if self.label is not None:
            return self.label.text
        from ..check.registry import default_label  # the checker's table; imported when first needed

        return default_label(self.body)


@frozen(kw_only=True)
class Contest:
    id: Name
    title: Text
    clauses: tuple[Clause, ...]
    span: Span = _span()


@frozen(kw_only=True)
class AmendsDecl:
    """`amends "earlier.rules"`: this file is a later version of that law."""

    path: Text
    citation: Citation | None
    span: Span = _span()


@frozen(kw_only=True)
class Amendment:
    """One change to a contest: replace a clause (by its label), add one, or remove one."""

    action: str  # "replace", "add", "remove"
    clause: Clause | None
    label: Name | None  # for "remove"
    citation: Citation | None
    span: Span = _span()


@frozen(kw_only=True)
class AmendBlock:
    contest: Name
    title: Text | None
    changes: tuple[Amendment, ...]
    span: Span = _span()


# ---- example blocks ------------------------------------------------------------------------------------


@frozen(kw_only=True)
class Value:
    """A figure in an example: a count, `not published` with optional bounds, or `no poll` (none exists)."""

    count: int | None
    at_most: int | None
    at_least: int | None = None
    span: Span = _span()
    no_poll: bool = False


@frozen(kw_only=True)
class GivenCount:
    name: Name
    value: Value
    span: Span = _span()


@frozen(kw_only=True)
class GivenVotes:
    selection: Text
    value: Value
    span: Span = _span()


@frozen(kw_only=True)
class GivenAttribute:
    """`registration_cancelled of "A" 1`: an attribute of a list or candidate in an example."""

    name: Name
    selection: Text
    value: int
    span: Span = _span()


@frozen(kw_only=True)
class GivenBallots:
    """`ballots 5 "A" > skip > "B"`: ranked ballots in an example; a mark is a candidate's name, None for a
    skipped rank, "*" for an overvote."""

    count: int
    ranks: tuple[str | None, ...]
    span: Span = _span()


@frozen(kw_only=True)
class Given:
    level: Name
    unit: Text
    parent: Text | None
    items: tuple[GivenCount | GivenVotes | GivenAttribute | GivenBallots, ...]
    span: Span = _span()


@frozen(kw_only=True)
class Expectation:
    """`kind` is one of: qualifies, excluded, seats, seats in (a second tier's seats of the list in a region),
    adjustment (the list's adjustment seats), adjustment in (those placed in a district), wins, status, rerun."""

    kind: str
    selection: Text | None = None
    seats: int | None = None
    status: Words | None = None
    region: Text | None = None
    span: Span = _span()


@frozen(kw_only=True)
class Expect:
    contest: Name
    unit: Text | None
    items: tuple[Expectation, ...]
    span: Span = _span()


@frozen(kw_only=True)
class Example:
    id: Name
    title: Text
    citation: Citation | None
    givens: tuple[Given, ...]
    expects: tuple[Expect, ...]
    span: Span = _span()


# ---- specifications ------------------------------------------------------------------------------------


@frozen(kw_only=True)
class PropertyDecl:
    """`label: property <phrase> [citation] rationale "..."`."""

    label: Name
    phrase: Words
    condition: Words | None
    citation: Citation | None
    rationale: Text | None
    span: Span = _span()


@frozen(kw_only=True)
class Spec:
    id: Name
    title: Text
    citation: Citation | None
    scope: str | None  # "lists" or "candidates"
    properties: tuple[PropertyDecl, ...]
    span: Span = _span()


@frozen(kw_only=True)
class KnownFailure:
    spec: Name
    label: Name
    reason: Text
    citation: Citation | None
    span: Span = _span()

    @property
    def full_label(self) -> str:
        return f"{self.spec.text}.{self.label.text}"


# ---- the file -------------------------------------------------------------------------------------------


@frozen(kw_only=True)
class RelationsBlock:
    """`relations ID "title" ... end`: control relations of the results, each a clause with its citation."""

    id: Name
    title: Text
    clauses: tuple[Clause, ...]
    span: Span = _span()


@frozen(kw_only=True)
class RuleFile:
    language_version: Number
    election: tuple[ElectionHeader, ...]
    sources: tuple[SourceDecl, ...]
    levels: tuple[LevelDecl, ...]
    counts: tuple[CountDecl, ...]
    contests: tuple[Contest, ...]
    examples: tuple[Example, ...]
    specs: tuple[Spec, ...] = ()
    known_failures: tuple[KnownFailure, ...] = ()
    amends: tuple[AmendsDecl, ...] = ()
    relations: tuple[RelationsBlock, ...] = ()
    amend_blocks: tuple[AmendBlock, ...] = ()
    bases: tuple[str, ...] = ()  # paths of the earlier versions merged into this file, oldest first
    span: Span = _span()

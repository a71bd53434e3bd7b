"""The checked model of a law: names resolved, numbers typed, every rule with its provenance.

Produced by check/ from the AST; consumed by evaluate/. Percent literals have become exact shares
(5% -> Fraction(1, 20)); seats are ints; allocation methods are registry instances (methods/).
"""

from __future__ import annotations

from fractions import Fraction
from functools import cached_property

from attrs import field

from .methods.kernels import AllocationMethod
from .methods.ranked.rules import BallotRule, MajorityRule, QuotaRule, TransferRule
from .records import frozen
from .source import SourceFile, Span
from .states import Competitors, Overhang, RerunCandidates, assert_never
from .syntax import ast


@frozen
class SourceRef:
    """A declared source: the document a citation points into."""

    id: str
    title: str
    url: str


@frozen
class CitationRef:
    """One cited source with its pinpoint, resolved against the declared sources."""

    source: SourceRef
    pinpoint: str
    article_not_known: bool

    def __str__(self) -> str:
        if self.article_not_known:
            return f"{self.source.id}, article not known"
        return f"{self.source.id} {self.pinpoint}".strip()

    def to_json(self) -> dict[str, object]:
        return {
            "source": self.source.id,
            "pinpoint": self.pinpoint,
            "article_not_known": self.article_not_known,
            "title": self.source.title,
            "url": self.source.url,
        }


@frozen
class Provenance:
    """Where a rule comes from: its clause (label, span) and what the law says about it."""

    block: str
    label: str
    span: Span = field(eq=False)
    citations: tuple[CitationRef, ...]
    assumption: str | None = None

    @property
    def full_label(self) -> str:
        return f"{self.block}.{self.label}"

    @property
    def cited(self) -> str:
        return "; ".join(str(c) for c in self.citations)


@frozen
class Level:
    name: str
    rank: int  # 0 for the first declared (top) level
    unit_count: int | None
    description: str | None


@frozen
class CountInput:
    """A declared input: a count per unit, or (`per_selection`) the votes of each list or candidate."""

    name: str
    description: str | None
    levels: tuple[str, ...]
    may_be_unpublished: bool
    per_selection: bool


# ---- conditions (typed) ---------------------------------------------------------------------------------


@frozen
class CountTerm:
    name: str


@frozen
class ConstTerm:
    value: int


@frozen
class ShareTerm:
    share: Fraction  # a fraction of one: 30% -> 3/10
    percent_text: str
    base: str  # a count, or "the votes cast" / "votes of the top two" when `aggregate` is set
    aggregate: str | None = None


@frozen
class LeaderTerm:
    kind: str  # "list" or "candidate"


@frozen
class OptionTerm:
    option: str


@frozen
class AggregateTerm:
    kind: ast.AggregateKind


@frozen
class AllVotesTerm:
    """The votes of every selection of the unit, added up."""


Term = CountTerm | ConstTerm | ShareTerm | LeaderTerm | OptionTerm | AggregateTerm | AllVotesTerm


@frozen
class Compare:
    left: Term
    operator: str
    right: Term
    text: str  # the comparison as written, for traces


@frozen
class AllOf:
    items: tuple[Condition, ...]


@frozen
class AnyOf:
    items: tuple[Condition, ...]


@frozen
class NoListQualifies:
    """True when every list of the unit fails a threshold."""


@frozen
class SumCompare:
    """Sums of terms of one unit compared (the `when` of a control relation)."""

    left: tuple[tuple[int, Term], ...]  # (+1 or -1, term)
    operator: str
    right: tuple[tuple[int, Term], ...]
    text: str


Condition = Compare | AllOf | AnyOf | NoListQualifies | SumCompare


@frozen
class Relation:
    """A control relation: sums of terms of one unit compared, in every unit of a level."""

    provenance: Provenance
    left: tuple[tuple[int, Term], ...]  # (+1 or -1, term)
    operator: str
    right: tuple[tuple[int, Term], ...]
    level: str
    guard: Condition | None
    severity: str  # "error" or "warning"
    text: str  # the relation as written, for messages
    action: str | None = None  # what the law prescribes when the relation does not hold


# ---- rules of a contest -------------------------------------------------------------------------------


@frozen
class Members:
    """A threshold for lists of `low` to `high` parties (`high` None: or more; 1 to 1: single parties)."""

    low: int
    high: int | None


@frozen
class Independents:
    """A threshold for independent candidates (neither a party nor a coalition)."""


@frozen
class ExceptMinorities:
    """A threshold for every list but those of a national minority."""


@frozen
class MinoritiesJointly:
    """A threshold for the lists of a national minority below the other thresholds, which stand as one list of
    their minority that takes at most `seats` seats."""

    seats: int


#: Which lists a threshold binds (None: every list).
AppliesTo = Members | Independents | ExceptMinorities | MinoritiesJointly


@frozen
class ThresholdRule:
    provenance: Provenance
    inclusive: bool  # "at least" (True) or "more than" (False)
    share: Fraction
    percent_text: str
    base: str
    level: str | None  # None: in the unit of competition; else in every unit of this level within it
    applies_to: AppliesTo | None = None  # None: every list
    at_least_units: int | None = None  # met in at least this many units of `level` (None: in every one)
    alternative_wins: int | None = None  # or passed with this many constituency wins
    alternative: ThresholdRule | None = None  # or passed by this test instead (a share measured elsewhere)
    pool_only: bool = False  # decides who takes part in the national pool, not who shares the districts' seats
    base_level: str | None = None  # the base is counted in the enclosing unit of this level, not where measured
    whole_votes: bool = False  # the votes needed are the whole part of share * base (Romania, Law 208/2015 Art. 94(3))

    @property
    def base_name(self) -> str:
        """The base as the outcome names it: the count, and the level it is counted in where that is not the
        unit measured (`registered_voters of the nation`)."""
        return self.base if self.base_level is None else f"{self.base} of the {self.base_level}"

    def applies(self, members: int, minority: bool, independent: bool = False) -> bool:
        """Whether this threshold binds a list with `members` parties (1: a single party), a list of a national
        minority, or an independent candidate (who is neither a party nor a coalition)."""
        match self.applies_to:
            case None:
                return True
            case ExceptMinorities():
                return not minority
            case MinoritiesJointly():
                return minority
            case Independents():
                return independent
            case Members(low, high):
                return not independent and members >= low and (high is None or members <= high)
            case _:
                assert_never(self.applies_to)

    @property
    def joint_seats(self) -> int | None:
        """The most seats of the joint list, when this threshold is for minorities jointly."""
        return self.applies_to.seats if isinstance(self.applies_to, MinoritiesJointly) else None


@frozen
class TieRule:
    provenance: Provenance
    keys: tuple[str, ...]  # in order: "more votes", "ballot order", "earlier registration", "lot"


@frozen
class CapRule:
    """A limit of seats per list (`seats`; 0: each list's candidates) and where the seats above it go: shared again
    by the method (`redistribute`), left vacant, or (`to_remainders`) down the round's remainders (Lithuania)."""

    provenance: Provenance
    seats: int
    redistribute: bool
    to_remainders: bool = False


@frozen
class PoolRule:
    """The national pool of the seats the districts' full quotas leave (the Czech second scrutiny, Cyprus's second
    distribution): allocated by `method` on the lists' remainders added up; `parties_only`: independent
    candidates take no part; `then`: what a pool by full quotas only leaves goes to the lists that pass this
    threshold, by the largest remainders of the pool's quota."""

    provenance: Provenance
    method: AllocationMethod
    parties_only: bool = False
    then: ThresholdRule | None = None


@frozen
class MinoritySeatsRule:
    """Seats added for national minorities 1 to `seats`, the k-th to the list with the k-th highest average of
    `method` that has a candidate of minority k (the results' `minority_sections` of the list); where the list
    with the highest average has none, the seat passes to the next list, or (`vacant`) stays empty."""

    provenance: Provenance
    seats: int
    method: AllocationMethod
    vacant: bool


@frozen
class MajoritySeatRule:
    """The seat the method gave last to another list passes to the list that meets `votes` (a share of the votes,
    measured in the unit of competition) while it holds no more than `seats` of the seats (Kieswet Art. P 9)."""

    provenance: Provenance
    votes: ThresholdRule
    seats: Fraction


@frozen
class QuotaBase:
    """What a quota method divides, as the law writes it: a declared count (`count`), or, with `count` None, the
    votes of the lists that qualify. Not written (Contest.quota_base None): the votes of the lists allocated to."""

    count: str | None


@frozen
class FallbackRule:
    """`if fewer than 2 lists qualify, the 2 lists with the most votes qualify`: when fewer than `fewer_than`
    lists qualify, the `take` with the most votes do; `if only 1 list qualifies, ...` is fewer than 2 and at least
    `at_least` 1 (none qualifying: the rule admits none)."""

    fewer_than: int
    take: int
    provenance: Provenance
    at_least: int = 0


@frozen
class LeftoverByVotes:
    """`seats left over to the lists with the most votes`: the seats a quota's full quotas leave go one a list to the
    lists with the most votes (in whole rounds when more are left than lists with votes)."""

    provenance: Provenance


@frozen
class ConditionRule:
    """A re-run, validity, majority or recount condition."""

    provenance: Provenance
    condition: Condition
    candidates: RerunCandidates | None = None  # of a re-run: whether the same candidates may stand again


@frozen
class RunoffRule:
    """Who takes part in a second round when no one is elected in the first."""

    provenance: Provenance
    top: int | None
    inclusive: bool
    share: Fraction | None
    percent_text: str | None
    base: str | None
    floor: int | None


@frozen
class ApproveRule:
    provenance: Provenance
    option: str
    condition: Condition


@frozen
class Adjustment:
    """Compensation seats: the lists that pass `threshold` nationally are given, by `method`, their share of all
    the seats (district seats and these), less the district seats they won; or, `continued`, the seats one at a
    time by each list's next average after the district seats it won (Estonia)."""

    seats: int | None  # None: the seats the districts' full quotas left over
    threshold: ThresholdRule
    method: AllocationMethod
    provenance: Provenance
    seats_won: int | None = None  # a list with at least this many district seats shares the tier too (Denmark)
    continued: bool = False  # each list's divisors continue after its district seats (Estonia, § 62(5))


@frozen
class SurplusReturnRule:
    """District seats beyond a list's share of all the seats go back, from its lowest quotients, to the other
    lists of the district below their share; never in a district with fewer than `smallest` seats (0: any)."""

    provenance: Provenance
    smallest: int = 0


@frozen
class ReservedSeat:
    """Seats taken from the house before the allocation for the leading list of one national minority (its
    `national_minority` number) when none of that minority's lists qualifies otherwise and it passes `threshold`."""

    seats: int
    minority: int
    threshold: ThresholdRule
    provenance: Provenance


@frozen
class BonusRule:
    """Seats given to the leading list before the allocation: `seats`, when `condition` holds (or always); or on
    a sliding scale when `threshold` is set: `seats` once the leader's share meets it, `per_step` more for every
    whole `step` of share above it, never more than `most`."""

    seats: int
    condition: Condition | None
    provenance: Provenance
    threshold: ThresholdRule | None = None
    per_step: int = 0
    step: Fraction | None = None
    most: int | None = None

    @property
    def largest(self) -> int:
        """The most seats the bonus can give."""
        return self.seats if self.most is None else max(self.seats, self.most)


@frozen
class Biproportional:
    """Districts and lists apportioned at once; the lists' seats on votes, or on voter numbers (each district's
    votes divided by its seats, rounded half up to whole numbers, added up)."""

    method: AllocationMethod
    provenance: Provenance
    voter_numbers: bool = False


@frozen
class Contest:
    id: str
    title: str
    competitors: Competitors
    level: str
    every: bool
    compete: Provenance
    seats: int  # in each unit of competition; with seats_by_unit, the whole house
    seats_provenance: Provenance
    thresholds: tuple[ThresholdRule, ...]
    method: AllocationMethod | None
    method_provenance: Provenance | None
    elect_rule: str | None
    elect_provenance: Provenance | None
    tie_rule: TieRule | None
    cap: CapRule | None
    reruns: tuple[ConditionRule, ...]
    validity: tuple[ConditionRule, ...]
    valid_always: Provenance | None
    elect_if: ConditionRule | None = None
    runoff: RunoffRule | None = None
    approvals: tuple[ApproveRule, ...] = ()
    recounts: tuple[ConditionRule, ...] = ()
    exhaustion: CapRule | None = None  # seats = 0: the limit is each list's number of candidates
    minority_factor: Fraction | None = None  # averages of national-minority lists are multiplied by it
    fallback: FallbackRule | None = None  # if fewer than N qualify (and at least K), the top M do
    share_fallback: tuple[Fraction, str, Provenance] | None = None  # lists join until the qualifying hold a share
    bonus: BonusRule | None = None  # seats to the leading list before the allocation
    stable_majority: tuple[Fraction, Provenance] | None = None  # share of the seats the leader must reach
    stable_when: tuple[bool, Fraction] | None = None  # only if the leader holds (at least: True) this share first
    opposition: tuple[Fraction, Provenance] | None = None  # share of the seats the other lists must reach
    minority_seats: MinoritySeatsRule | None = None  # seats added for national minorities (Armenia)
    majority_seat: MajoritySeatRule | None = None  # the seat given last passes to a list with a majority of votes
    mixed: tuple[Overhang, Provenance] | None = None  # constituency seats deducted (or counted), and the overhang
    seats_by_unit: dict[str, int] | None = None  # seats of each unit of competition, when the law varies them
    agreements: Provenance | None = None  # lists in an agreement (apparentment) are allocated together first
    distribution: tuple[str, AllocationMethod, Provenance] | None = None  # each list's seats shared among units
    adjustment: Adjustment | None = None  # a national tier of compensation seats after the district seats
    biproportional: Biproportional | None = None  # districts and lists apportioned at once
    reserved: tuple[ReservedSeat, ...] = ()  # seats of a minority's leading list, taken before the allocation
    pooled: PoolRule | None = None  # seats the districts leave, on pooled remainders
    pool_thresholds: tuple[ThresholdRule, ...] = ()  # who takes part in the pool (not in the districts' seats)
    placement: tuple[AllocationMethod, Provenance] | None = None  # adjustment seats placed one per district
    placement_by_list: tuple[AllocationMethod, Provenance] | None = None  # each list's where its quotient is highest
    surplus_return: SurplusReturnRule | None = None  # district seats beyond a list's share returned (Sweden)
    minimum: CapRule | None = None  # every qualifying list gets at least this many seats
    apportioned: tuple[str, AllocationMethod, Provenance] | None = None  # the house shared among units on a count
    quota: QuotaRule | None = None  # ranked ballots (methods/ranked/rules.py): the quota of an STV count
    transfer: TransferRule | None = None  # how an elected candidate's surplus passes on
    bulk_exclusion: Provenance | None = None  # the lowest candidates excluded together where the law allows
    majority_base: MajorityRule | None = None  # instant runoff: a majority of the continuing or of all ballots
    ballot_rules: tuple[BallotRule, ...] = ()  # what a skipped rank, an overvote, a repeated candidate does

    def seats_in(self, unit: str) -> int | None:
        """The seats of one unit of competition (None: the rule file gives none for it)."""
        return self.seats if self.seats_by_unit is None else self.seats_by_unit.get(unit)

    minority_factor_provenance: Provenance | None = None
    minority_below: ThresholdRule | None = None  # the multiplier applies only to minority lists that fail this share
    quota_base: QuotaBase | None = None  # what the quota divides, when the law writes it
    leftover_by_votes: LeftoverByVotes | None = None  # seats the full quotas leave go to the most votes
    gender_limit: tuple[int, Provenance] | None = None  # at most this many seats of a unit to one gender
    unopposed: Provenance | None = None  # no more candidates than seats: elected without a poll


@frozen
class SpecProperty:
    """A property a specification states, with its label and why it should hold."""

    provenance: Provenance
    phrase: str
    condition: str | None
    rationale: str | None


@frozen
class Spec:
    id: str
    title: str
    scope: str  # "lists" or "candidates"
    properties: tuple[SpecProperty, ...]


@frozen
class Law:
    """A checked rule file."""

    source: SourceFile = field(eq=False)
    title: str
    jurisdiction: str | None
    law: str | None
    version: str | None
    in_force: str | None
    polling_day: str | None
    sources: dict[str, SourceRef]
    levels: dict[str, Level]
    counts: dict[str, CountInput]
    contests: tuple[Contest, ...]
    examples: tuple[ast.Example, ...]
    specs: tuple[Spec, ...] = ()
    known_failures: dict[str, str] = field(factory=dict)
    bases: tuple[tuple[str, str], ...] = ()  # (path, sha256) of the earlier versions this law amends
    relations: tuple[Relation, ...] = ()

    @property
    def votes(self) -> CountInput | None:
        return self.counts.get("votes")

    def contest(self, contest_id: str) -> Contest | None:
        return next((c for c in self.contests if c.id == contest_id), None)

    def header_json(self) -> dict[str, object]:
        """The rule file as the JSON forms name it (a new dict each call, from the one built once)."""
        return dict(self._header)

    @cached_property
    def _header(self) -> dict[str, object]:
        return {
            "file": self.source.path,
            "sha256": self.source.sha256,
            "election": self.title,
            "jurisdiction": self.jurisdiction,
            "law": self.law,
            "version": self.version,
            "in_force": self.in_force,
            "polling_day": self.polling_day,
            "amends": [{"file": path, "sha256": digest} for path, digest in self.bases],
        }

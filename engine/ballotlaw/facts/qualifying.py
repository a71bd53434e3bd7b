"""Facts of the qualifying family: thresholds (nationally, in every unit of a level, in at least N of them), the
alternative of constituency wins, the fallbacks when too few lists qualify, the joint list and the reserved seat
of a national minority, a sliding majority bonus, the national tier of adjustment seats, a unit's seats note and
the reasons a list contest is not final, and the outcome of a question put to the voters."""

from __future__ import annotations

from enum import Enum
from fractions import Fraction

from ..records import frozen
from ..states import CheckKind, Status, Verdict
from . import Fact

Missing = tuple[Fact | str, ...]  # what a step lacked: names of figures, or facts saying why


# ---- a threshold measured ----------------------------------------------------------------------------------


@frozen
class Amount(Fact):
    """A figure as far as the data knows it: exact, within bounds (either may be missing), or not known at all."""

    exact: Fraction | None
    at_most: Fraction | None = None
    at_least: Fraction | None = None


@frozen
class BoundFrom(Fact):
    """A published figure of the same unit that bounds an unpublished one: a count, or `votes` (the selections'
    votes added up)."""

    name: str


@frozen
class Reported(Fact):
    """A count as the results report it: its value when published, else (under its `name`, where given) its
    status and its bounds, which the data states or the published figures in `by` give."""

    value: int | None
    status: str
    at_most: int | None = None
    at_least: int | None = None
    by: tuple[BoundFrom, ...] = ()
    name: str | None = None


@frozen
class Need(Fact):
    """What a threshold needs in a unit: its share as the law writes it, of the base, and the votes that is."""

    percent_text: str
    base: Reported
    needed: Amount
    whole: Amount | None = None  # the votes needed rounded down to whole votes, where the law says so


@frozen
class Measured(Fact):
    """A list's votes (`bound`: its published bound, not its count) against the need: met or not."""

    votes: Amount
    bound: bool
    inclusive: bool
    met: bool
    need: Need
    by: tuple[BoundFrom, ...] = ()  # the published figures that bound the votes, besides their own bound


@frozen
class MembersUnknown(Fact):
    """`selection` is an alliance (the results give `alliance`) whose number of parties they do not give, and the
    threshold binds coalitions of `low` to `high` parties only (None: or more): whether it applies is not known."""

    selection: str
    low: int
    high: int | None


@frozen
class Undecided(Fact):
    """The figures that leave a measure undecided: the list's votes and the base (in `where`, when not the unit
    itself), each with its status when not published. `selection` None: said of each list."""

    selection: str | None
    where: str | None
    votes_status: str | None
    base: str
    base_status: str | None


@frozen
class NoNation(Fact):
    """The data gives no unit above `unit` to measure a national share in (or to count the districts in)."""

    unit: str
    counting: bool


@frozen
class UnitsIncomplete(Fact):
    """The data has `found` of the `expected` units of `level` under `unit` (None: the law does not say)."""

    found: int
    expected: int | None
    level: str
    unit: str


@frozen
class BelowInUnits(Fact):
    """A list below the threshold in some units of a level, each with its measure there."""

    inclusive: bool
    percent_text: str
    base: str
    failures: tuple[tuple[str, Measured], ...]


@frozen
class UnpublishedInUnits(Fact):
    """Units of a level where the list's votes (in `votes_missing`) or the base (in `base_missing`) are not
    published. `selection` None: said of each list."""

    selection: str | None
    votes_missing: int
    base: str
    base_missing: int
    units: int
    level: str
    unknown: tuple[str, ...]


@frozen
class MetInAllUnits(Fact):
    inclusive: bool
    percent_text: str
    base: str
    units: int
    level: str


@frozen
class MetInSomeUnits(Fact):
    """`in at least N units`: how many surely meet it, of how many, and where it is not published."""

    inclusive: bool
    percent_text: str
    base: str
    met: int
    total: int
    level: str
    needed: int
    verdict: Verdict
    unknown: tuple[str, ...]


@frozen
class ThresholdMeasured(Fact):
    """A threshold's verdict on one list, what decided it, and the list's exact share where it is measured."""

    selection: str
    verdict: Verdict
    detail: Fact
    share: Fraction | None


# ---- the alternative of constituency wins ------------------------------------------------------------------


@frozen
class WinsNotInData(Fact):
    """The alternative of `needed` constituency wins cannot be evaluated: the data does not give the wins."""

    selection: str
    needed: int


@frozen
class WinsCounted(Fact):
    """A list's constituency wins against the `needed` of the alternative (`enough`: at least that many)."""

    selection: str
    wins: int
    needed: int
    enough: bool


@frozen
class WithoutWins(Fact):
    """A threshold's measure, with the list's constituency wins not in the data."""

    detail: Fact
    selection: str


@frozen
class WithWins(Fact):
    """A threshold's measure, with the list's constituency wins and the wins needed."""

    detail: Fact
    wins: int
    needed: int


@frozen
class EitherShare(Fact):
    """A threshold's measure and its alternative's (`, or at least 20% ... in at least 4 county`): either passes."""

    detail: Fact
    alternative: Fact


# ---- fallbacks ---------------------------------------------------------------------------------------------


@frozen
class FewerNotEvaluated(Fact):
    """Fewer lists than `fewer_than` qualify, and the votes of `lists` that the fallback ranks are not given."""

    passing: int
    fewer_than: int
    lists: tuple[str, ...]


@frozen
class FewerQualify(Fact):
    """Fewer lists than `fewer_than` qualify: the `take` with the most votes do (`undecided`: tied at the cut)."""

    passing: int
    fewer_than: int
    take: int
    chosen: tuple[str, ...]
    undecided: tuple[str, ...]


@frozen
class QualifiesEitherWay(Fact):
    """`passing` lists qualify and `undetermined` are not yet decided, so the rule may apply: `chosen` (surely
    among the `take` with the most votes, while any one undetermined list failing makes the rule apply) qualify
    either way; `pending`, below the thresholds, qualify only if the rule applies and admits them."""

    passing: int
    undetermined: int
    fewer_than: int
    take: int
    chosen: tuple[str, ...]
    pending: tuple[str, ...] = ()


@frozen
class QualifiesByNumber(Fact):
    passing: int


@frozen
class TiedForFallback(Fact):
    pass


@frozen
class FallbackPending(Fact):
    """A list the fallback could admit, while the fallback cannot be evaluated."""


@frozen
class ShareHeld(Fact):
    """The qualifying lists hold `held` votes, at least the `needed` of the base: no list is added."""

    held: int
    needed: Fraction


@frozen
class ShareJoined(Fact):
    """Lists join in order of votes (`added`) until the qualifying lists hold `held`: the `needed` (`reached`) or,
    every list having joined, less."""

    needed: Fraction
    added: tuple[str, ...]
    held: int
    reached: bool


@frozen
class QualifiesByShare(Fact):
    share: Fraction


# ---- national minorities -----------------------------------------------------------------------------------


@frozen
class JointNotApplied(Fact):
    """The joint threshold of national minority `minority` does not apply: lists of it qualify by the other
    thresholds (`seated`), or whether they do is not known (`pending`)."""

    minority: int
    seated: tuple[str, ...]
    pending: tuple[str, ...]


@frozen
class JointUndecided(Fact):
    """A list's joint threshold, left open by the lists of its minority (as in JointNotApplied)."""

    seated: tuple[str, ...]
    pending: tuple[str, ...]


@frozen
class JointList(Fact):
    """The lists of a national minority that take part as one list, and the most seats it takes."""

    minority: int
    members: tuple[str, ...]
    most: int


@frozen
class NoMinorityList(Fact):
    minority: int


@frozen
class ReservedNotEvaluated(Fact):
    missing: Missing


@frozen
class MinorityLeadTied(Fact):
    minority: int
    tied: tuple[str, ...]


# ---- a sliding majority bonus ------------------------------------------------------------------------------


@frozen
class BelowBonusThreshold(Fact):
    """The leading list is below the bonus's threshold, as the threshold's measure (`detail`) says."""

    leader: str
    inclusive: bool
    percent_text: str
    base: str
    detail: Fact


@frozen
class ShareNotExact(Fact):
    """The leading list passes the bonus's threshold, but its share is not known exactly (`detail`)."""

    leader: str
    detail: Fact


@frozen
class BonusNotEvaluated(Fact):
    reason: ShareNotExact


@frozen
class SlidingBonus(Fact):
    """`seats`, and `per_step` more for each of `steps` whole steps of `step` above the threshold: `scaled`;
    the bonus is `awarded` (`scaled`, at most `most`)."""

    leader: str
    share: Fraction
    base: str
    percent_text: str
    seats: int
    per_step: int
    steps: int
    step: Fraction
    scaled: int
    most: int
    awarded: int


# ---- the national tier of adjustment seats -----------------------------------------------------------------


@frozen
class DistrictsNotFinal(Fact):
    """Adjustment seats not computed: the district seats of `units` (none: no district) are not final."""

    units: tuple[str, ...]


@frozen
class NoSingleNation(Fact):
    """Adjustment seats not computed: the results give no single nation above the districts."""


@frozen
class TierThresholdUndecided(Fact):
    lists: tuple[str, ...]


@frozen
class NationalVotesUnpublished(Fact):
    lists: tuple[str, ...]


@frozen
class AdjustmentShares(Fact):
    """Each list's share of `house` seats; `over`: lists that won more district seats, set aside."""

    house: int
    shares: tuple[tuple[str, int], ...]
    over: tuple[str, ...]


@frozen
class SeriesContinued(Fact):
    """`seats` adjustment seats by each list's next average after its district seats: (list, district seats, new
    seats) for each list; `tied`: lists left to a lot for the last of them."""

    seats: int
    given: tuple[tuple[str, int, int], ...]
    tied: tuple[str, ...] = ()


@frozen
class AdjustmentLot(Fact):
    seats: int
    tied: tuple[str, ...]


@frozen
class SeatReturned(Fact):
    """A district seat `selection` won beyond its share of all the seats, the one it won with the lowest quotient,
    goes to `receiver`, the list of the district below its share with the highest next quotient."""

    selection: str
    quotient: Fraction
    receiver: str
    receiver_quotient: Fraction
    surplus: int  # the seats `selection` still had beyond its share before this one


@frozen
class SurplusKept(Fact):
    """`seats` of `selection`'s surplus that no district may return (too few seats there, or no list below its
    share to take them): the list keeps them."""

    selection: str
    seats: int


@frozen
class SurplusReturnLot(Fact):
    """Equal quotients decide which district returns a seat, or which list takes it: a lot is needed."""

    selection: str
    tied: tuple[str, ...]


# ---- a unit of a contest of lists: validity, reasons and its seats note ------------------------------------


@frozen
class NoTurnoutMinimum(Fact):
    """The law sets no turnout minimum: the election is valid (the step)."""


@frozen
class ValidAtAnyTurnout(Fact):
    """The election is valid at any turnout (the check)."""


@frozen
class ListsNotEvaluated(Fact):
    """A threshold not evaluated for `lists`, and why (said of each list)."""

    lists: tuple[str, ...]
    detail: Fact


@frozen
class NothingQualifies(Fact):
    """No list qualifies; `rerun_rule`: the rule file says what follows (a re-run)."""

    rerun_rule: bool


@frozen
class QualifiersWithoutVotes(Fact):
    """The lists that qualify have no votes."""


@frozen
class SeatsUnknown(Fact):
    """The seats of `unit` are not known: not shared among the units (`apportioned`) or not given."""

    unit: str
    apportioned: bool


@frozen
class VotesUnpublished(Fact):
    """Seats not computed: the votes of lists that may qualify are not published."""

    lists: tuple[str, ...]


class Part(Enum):
    """A part of an allocation that could not be evaluated (each also the clause its reason names)."""

    BONUS = "bonus"
    MIXED = "mixed"
    TIES = "ties"
    MINIMUM = "minimum"
    ALLOCATE = "allocate"


@frozen
class PartNotEvaluated(Fact):
    part: Part
    missing: Missing


@frozen
class NoSeatsAwarded(Fact):
    """The election in the unit is void or must be repeated."""


@frozen
class SeatsAwaitFigures(Fact):
    """Seats cannot be computed until missing figures are published."""


@frozen
class SeatsFromVotes(Fact):
    """Seats computed from the votes of `lists` lists; they do not depend on the unpublished votes of
    `unpublished` lists (excluded on their bound) nor on `unused_counts`, nor on the exact value of
    `bounded_counts` (bases of clauses that their bounds decided); `conditional` on `pending` clauses."""

    lists: int
    unpublished: int
    unused_counts: tuple[str, ...]
    conditional: bool
    pending: tuple[str, ...]
    bounded_counts: tuple[str, ...] = ()


class Growth(Enum):
    """Why the house grows."""

    OVERHANG_KEPT = "kept"
    LEVELLED = "levelled"
    STABLE_MAJORITY = "stable majority"
    ADDED = "added"


@frozen
class HouseGrows(Fact):
    note: Fact
    added: int
    why: Growth


@frozen
class ListSeatsCounted(Fact):
    """The seats are list seats: each list's divisors count its constituency seats (None: not in the data)."""

    note: Fact
    wins: tuple[tuple[str, int | None], ...]


# ---- a question put to the voters --------------------------------------------------------------------------


@frozen
class ConditionNotEvaluated(Fact):
    """A question's condition of `kind` not evaluated, as a reason of its status."""

    kind: CheckKind
    missing: tuple[str, ...]


@frozen
class QuestionDecided(Fact):
    """A question's status and the options approved."""

    status: Status
    approved: tuple[str, ...]

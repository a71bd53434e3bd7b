"""Facts of the allocation family: a method's round of seats, ties and the law's tie rule, caps and minimums, a
majority bonus, a stable majority, reserved seats, agreements between lists, constituency seats of mixed systems,
the sharing of the house among units, biproportional apportionment, a national pool, the placing of adjustment
seats and a second tier's distribution. Numbers are kept as the exact values evaluation used."""

from __future__ import annotations

from enum import Enum
from fractions import Fraction

from ..records import frozen
from . import Fact

Seats = tuple[tuple[str, int], ...]  # (name, seats), in the order the step lists them
Pairs = tuple[tuple[str, str], ...]  # (unit, list)


# ---- one round of a method ---------------------------------------------------------------------------------


@frozen
class QuotaRound(Fact):
    """A quota method's round: the quota over the seats, each list's full quotas, where the seats left went."""

    method: str
    total: int  # the votes divided
    seats: int  # the seats allocated
    offset: int  # what the method adds to the seats in the quota's denominator
    exact: Fraction  # total / (seats + offset)
    quota: Fraction  # the quota the method uses (exact, or rounded as `rounding` says)
    rounding: str  # the method's quota_rounding (methods/kernels.py, ROUNDING_WORDS)
    full: Seats  # full quotas
    remainder_seats: Seats  # seats left over, in the order given (a list may appear more than once)
    given: Seats
    base: str | None = None  # what the quota divides: a count, "" the votes of the lists sharing the seats, None unsaid
    rounds: int = 0  # whole rounds of a seat to every list with votes, when more seats were left than such lists
    leftover: str = "largest remainders"  # where the seats left over went (the method's `leftover`)
    part: Fraction | None = None  # one more seat for a remainder of at least this part of a quota; the rest left over
    left_over: int = 0  # with `part`: the seats no list took (a tier above takes them)


@frozen
class LeftToMostVotes(Fact):
    """`seats left over to the lists with the most votes`: the `left` seats the full quotas left, as given (`rounds`
    whole rounds of one to every list with votes first, when more were left than such lists)."""

    left: int
    given: Seats
    rounds: int


@frozen
class QuotaBaseBelowVotes(Fact):
    """The count a quota divides is below the votes of the lists sharing the seats: the quota would give them more
    seats than there are, so the law's figures do not fit together."""

    base: str
    value: int


@frozen
class MultiplierShare(Fact):
    """Whether a minority list is below the share under which the law multiplies its votes (`below`: it is)."""

    selection: str
    votes: int
    percent_text: str
    base: str
    needed: Fraction  # the share of the base
    below: bool


@frozen
class MultiplierNotDecided(Fact):
    """A minority list's share cannot be measured: the base is not published."""

    selection: str
    percent_text: str
    base: str


@frozen
class NoVotesRound(Fact):
    """A quota method with no votes to divide: every list has an equal claim."""

    method: str


@frozen
class DivisorRound(Fact):
    """A divisor method's round: the seats, and the average at which the last seat went (when rational)."""

    method: str
    given: Seats
    last_average: Fraction | None


MethodRound = QuotaRound | NoVotesRound | DivisorRound


@frozen
class Allocated(Fact):
    """The seats of a unit by the method; `counted`: each list's divisors start after its constituency seats."""

    result: MethodRound
    counted: bool = False


@frozen
class AllocatedTogether(Fact):
    """Lists in an agreement (and joint lists of a minority, when `joint`) allocated as one list."""

    result: MethodRound
    joint: bool


@frozen
class AgreementSplit(Fact):
    """The seats of an agreement (or a joint list) split among its lists."""

    block: str
    seats: int
    result: MethodRound


@frozen
class DistributedRound(Fact):
    """One list's seats shared among the units below by its votes there."""

    selection: str
    result: MethodRound


# ---- not evaluated (a step that lacks figures only: facts.contest.NotEvaluated) ------------------------------


@frozen
class MissingData(Fact):
    """A step that could not be evaluated because the data does not give these figures (or facts saying why)."""

    missing: tuple[Fact | str, ...]


# ---- ties ----------------------------------------------------------------------------------------------------


@frozen
class LastSeats(Fact):
    """What a tie of an allocation is for: the last seat(s), `count` of them when given, of `block` when given."""

    count: int | None = None
    block: str | None = None


@frozen
class TheSeat(Fact):
    """What a tie between candidates is for: the seat."""


@frozen
class TheTie(Fact):
    """A tie named only as such."""


@frozen
class MinorityLead(Fact):
    """What a tie between the lists of a national minority is for: its leading list."""

    minority: int


@frozen
class FallbackPlaces(Fact):
    """What a tie of a fallback is for: its last place(s)."""


@frozen
class TieDrawn(Fact):
    """The lot as the commission drew and published it decides a tie."""

    what: Fact
    tied: tuple[str, ...]
    seats: int
    chosen: tuple[str, ...]


@frozen
class TieWithoutRule(Fact):
    """A tie the rule file gives no rule for: a lot or the commission decides."""

    what: Fact
    tied: tuple[str, ...]
    seats: int


@frozen
class TieByLot(Fact):
    """A tie the law decides by lot (`what` None: lists in an agreement, tied as one)."""

    what: Fact | None
    tied: tuple[str, ...]
    seats: int


@frozen
class TieKeyMissing(Fact):
    """A key of the tie rule that the data does not give for every tied selection."""

    what: Fact
    key: str
    missing: tuple[str, ...]


@frozen
class TieRanked(Fact):
    """One key of the tie rule applied: who takes seats by it, who remains tied, for how many."""

    what: Fact
    key: str
    decided: tuple[str, ...]
    still_tied: tuple[str, ...]
    seats: int  # the seats left for those still tied


@frozen
class TieUnbroken(Fact):
    """A tie that every key of the tie rule leaves standing."""

    what: Fact
    tied: tuple[str, ...]
    seats: int


@frozen
class SeatsKept(Fact):
    """What a tie is for when a rounded quota handed out `back` seats too many and lists with equal remainders
    must give them back: which `keep` of them keep their seats (of `block` when given)."""

    keep: int
    back: int
    block: str | None = None


@frozen
class TakeBackByLot(Fact):
    """Seats a quota handed out beyond the house, to be taken back from one of lists with equal remainders."""

    seats: int
    tied: tuple[str, ...]


@frozen
class AgreementTieUnresolved(Fact):
    """Equal claims between lists in an agreement allocated as one, which no tie rule settles."""


@frozen
class AgreementTied(Fact):
    """What the seats lack when lists in an agreement, allocated as one, have equal claims: these are tied."""

    tied: tuple[str, ...]


@frozen
class AgreementTakeBack(Fact):
    """Seats of an agreement to take back from its lists with equal remainders."""

    seats: int
    block: str
    tied: tuple[str, ...]


@frozen
class SeatsByLot(Fact):
    """Seats left to a lot: drawn among the tied (`seats` > 0) or taken back from one of them (< 0); `of` the list
    whose seats they are, when the seats are a list's."""

    seats: int
    tied: tuple[str, ...]
    of: str | None = None


# ---- majority bonus, stable majority, caps, minimum, reserved seats ---------------------------------------


@frozen
class BonusLeadShared(Fact):
    """Why no bonus is evaluated: two lists share the lead."""


@frozen
class BonusTooLarge(Fact):
    """Why no bonus is evaluated: it could be larger than the house."""

    largest: int
    house: int


@frozen
class BonusGiven(Fact):
    """The leading list takes the bonus seats before the allocation."""

    leader: str
    seats: int


@frozen
class NoBonus(Fact):
    """The condition of the bonus does not hold."""


@frozen
class StableMajority(Fact):
    """The leading list's seats against the share the law requires: `added` seats added to reach it."""

    leader: str
    seats: int
    house: int
    added: int


@frozen
class MajorityNotHeld(Fact):
    """The stable majority applies only where the leading list already holds a share of the seats (`inclusive`:
    at least it, else more than it); it holds `seats` of `house`, which is not that share: no seat is added."""

    leader: str
    seats: int
    house: int
    inclusive: bool
    share: Fraction


@frozen
class SeatGivenLast(Fact):
    """The list with a majority of the votes holds `seats` of `house`, no more than `share` of them: the seat the
    method gave last to another list, `source`'s (the lowest claim among the seats given after the full quotas,
    or by the divisors), passes to it. `source` is None where equal claims leave the choice to the tie rule."""

    leader: str
    seats: int
    house: int
    share: Fraction
    source: str | None


@frozen
class MajoritySeatsHeld(Fact):
    """The list with a majority of the votes already holds more than `share` of the seats: no seat passes."""

    leader: str
    seats: int
    house: int
    share: Fraction


@frozen
class NoSeatGivenLast(Fact):
    """No other list was given a seat after the full quotas (or by the divisors): there is no seat to pass."""

    leader: str


@frozen
class SeatGivenLastAwaitsLot(Fact):
    """The seats the law leaves to a lot decide which seat was given last: the rule applies once it is drawn."""

    leader: str


@frozen
class LeadShared(Fact):
    """Two lists share the most votes: neither has a majority of them."""


@frozen
class WhichSeatLast(Fact):
    """What a tie is for: which of lists with equal claims was given the last seat (it passes to `leader`)."""

    leader: str


@frozen
class OppositionSeats(Fact):
    """The lists other than `leader` hold `others` of `house` seats, fewer than `share`: `added` seats are added
    and their seats shared among them again (`lists`: each list's seats before and after)."""

    leader: str
    others: int
    house: int
    share: Fraction
    added: int
    lists: tuple[tuple[str, int, int], ...]


@frozen
class MinoritySeats(Fact):
    """Seats added for national minorities, the k-th for minority k: `given` (minority, list), `passed` (minority,
    list with the higher average that has none of its candidates), `vacant` (minorities whose seat stays empty)."""

    given: tuple[tuple[int, str], ...]
    passed: tuple[tuple[int, str], ...]
    vacant: tuple[int, ...]


class Limit(Enum):
    """What holds a list's seats: the cap of the law, or the number of its candidates."""

    CAP = "cap"
    CANDIDATES = "candidates"


@frozen
class WithinLimit(Fact):
    """No list has more seats than the limit allows."""

    limit: Limit


@frozen
class LimitBinding(Fact):
    """Lists held at their limit (name, seats, what limits them); the other seats allocated again (`again`
    seats), or left vacant."""

    held: tuple[tuple[str, int, Limit], ...]
    again: int | None
    vacant: int


@frozen
class HandedDown(Fact):
    """Lists held at their candidates (name, seats, limit); the seats they cannot fill handed down the round's
    remainders (name, seats given), and those no list could take (`vacant`)."""

    held: tuple[tuple[str, int, Limit], ...]
    handed: tuple[tuple[str, int], ...]
    vacant: int


@frozen
class JointListHeld(Fact):
    """A joint list held at the most seats the law lets it take."""

    block: str
    most: int


@frozen
class MinimumHeld(Fact):
    """Every list has at least the minimum."""

    seats: int


@frozen
class MinimumShort(Fact):
    """The lists at the minimum need more seats than there are."""

    lists: int
    seats: int
    needed: int
    available: int


@frozen
class MinimumUnmet(Fact):
    """The minimum cannot be given, and why."""

    why: MinimumShort


@frozen
class MinimumRaised(Fact):
    """Lists raised to the minimum; the others share the seats left."""

    raised: tuple[str, ...]
    seats: int


@frozen
class ReservedNotNeeded(Fact):
    """A national minority's lists win a seat in the allocation: no reserved seat."""

    minority: int
    winners: tuple[str, ...]


@frozen
class ReservedTooFew(Fact):
    """Fewer seats than the reserved ones: no reserved seat."""

    minority: int


@frozen
class ReservedGiven(Fact):
    """A national minority's leading list gets its reserved seat(s); the other lists share the rest."""

    minority: int
    leader: str
    seats: int
    others: int


# ---- constituency seats of mixed systems ---------------------------------------------------------------------


@frozen
class WinsWithoutVotes(Fact):
    """Why a house cannot be levelled: a list won constituency seats without votes."""


@frozen
class Entitlements(Fact):
    """Each list's entitlement with its constituency seats (name, entitlement, constituency seats); the overhang
    kept, and whether the house was levelled."""

    house: int
    lists: tuple[tuple[str, int, int], ...]
    overhang: int
    levelled: bool


# ---- the house shared among units ------------------------------------------------------------------------


@frozen
class CountsUnpublished(Fact):
    """The count the house is shared on is not published for these units."""

    base: str
    units: tuple[str, ...]


@frozen
class NoUnitsOfLevel(Fact):
    """The results have no unit of the level the house is shared among."""

    level: str


@frozen
class NotEvaluatedBecause(Fact):
    """A step not evaluated, and why."""

    why: Fact


@frozen
class UnitsNotShared(Fact):
    """The seats of the units are not shared, and why."""

    why: Fact


@frozen
class SharedAmongUnits(Fact):
    """The house shared among the units by the method on a count of the election."""

    method: str
    base: str
    given: Seats


@frozen
class HouseTied(Fact):
    """Equal claims of units to the seats of the house."""

    tied: tuple[str, ...]


# ---- biproportional apportionment ---------------------------------------------------------------------------


@frozen
class SeatsNotComputed(Fact):
    """The seats of the districts apportioned together are not computed, and why."""

    why: Fact


@frozen
class NotEveryDistrict(Fact):
    """Not every district can be apportioned, and they are apportioned together."""


@frozen
class NoSeatsGiven(Fact):
    """The rule file gives no number of seats for these units."""

    units: tuple[str, ...]


@frozen
class VotesUnpublished(Fact):
    """The votes of a qualifying list in a district are not published."""

    selection: str
    unit: str


@frozen
class UpperTied(Fact):
    """Equal claims of lists in the upper apportionment."""

    tied: tuple[str, ...]


class Stop(Enum):
    """Why the lower apportionment was not found (methods/biproportional.py)."""

    SEATS_DIFFER = "seats differ"
    DISTRICT_TIED = "district tied"
    LIST_TIED = "list tied"
    NO_END = "no end"


@frozen
class LowerNotFound(Fact):
    """The lower apportionment not found: `where` the district or list with equal claims, after `rounds`."""

    stop: Stop
    where: str
    rounds: int


@frozen
class UpperApportionment(Fact):
    """The lists' seats in the whole contest, on their votes (or voter numbers) in all districts."""

    method: str
    voter_numbers: bool
    given: Seats


@frozen
class LowerApportionment(Fact):
    """The seats of every district's lists (those with seats)."""

    cells: tuple[tuple[str, Seats], ...]


@frozen
class ApportionedTogether(Fact):
    """A district's note on its seats, and that they were apportioned with the other districts."""

    note: Fact
    rounds: int


# ---- the national pool ----------------------------------------------------------------------------------


@frozen
class LeftOverNotAllocated(Fact):
    """The seats left over by the districts are not allocated, and why."""

    why: Fact


@frozen
class QuotasNotFinal(Fact):
    """The full quotas of these districts are not final (none: there is no district)."""

    units: tuple[str, ...]


@frozen
class PoolTied(Fact):
    """Equal claims of lists in the pool."""

    tied: tuple[str, ...]


@frozen
class RemaindersTied(Fact):
    """Equal remainders competing for fewer pooled seats."""

    value: Fraction
    pairs: Pairs


@frozen
class NoRemainderToPlace(Fact):
    """Lists owed pooled seats with no remainder in a district that has seats left."""

    lists: tuple[str, ...]


@frozen
class Pooled(Fact):
    """The seats left over allocated on the remainders added up (lists with seats), with the quota if any."""

    method: str
    given: Seats
    quota: Fraction | None


@frozen
class PoolSecondPhase(Fact):
    """What a pool by full quotas only left, given to the lists that pass the second phase's threshold (`lists`),
    by the largest remainders of the pool's quota; `rounds`: whole rounds of one seat to each of them."""

    seats: int
    lists: tuple[str, ...]
    given: Seats
    rounds: int


@frozen
class PoolTakesNoPart(Fact):
    """Lists that take no part in the pool: independent candidates where the law pools the parties' remainders."""

    lists: tuple[str, ...]


@frozen
class NoListForSecondPhase(Fact):
    """Seats still left after the pool's full quotas, and no list passes the second phase's threshold."""

    seats: int


@frozen
class PooledPlaced(Fact):
    """Pooled seats placed: (unit, list, seats)."""

    placed: tuple[tuple[str, str, int], ...]


@frozen
class PooledHere(Fact):
    """A district's note on its seats, and the pooled seats placed in it."""

    note: Fact
    placed: Seats


# ---- placing adjustment seats ---------------------------------------------------------------------------


@frozen
class MoreAdjustmentSeatsThanDistricts(Fact):
    """More adjustment seats than districts: they cannot be placed one per district."""


@frozen
class PlacementUnknown(Fact):
    """The votes or seats of a district are not known."""

    unit: str


@frozen
class ClaimsTied(Fact):
    """Equal claims competing for fewer adjustment seats."""

    value: Fraction
    pairs: Pairs


@frozen
class NoDistrictLeft(Fact):
    """Lists owed adjustment seats for which no district is left."""

    lists: tuple[str, ...]


@frozen
class AdjustmentPlaced(Fact):
    """Adjustment seats placed: (list, unit)."""

    placed: tuple[tuple[str, str], ...]


@frozen
class PlacedByQuotient(Fact):
    """Each list's adjustment seats placed where its next quotient is highest: (list, unit, seats)."""

    placed: tuple[tuple[str, str, int], ...]


# ---- a second tier -------------------------------------------------------------------------------------------


@frozen
class NoUnitsUnder(Fact):
    """The results give no unit of the level the seats are distributed to under this unit."""

    level: str
    unit: str


@frozen
class NotDistributed(Fact):
    """A list's seats are not distributed: its votes in these units are not known."""

    selection: str
    missing: tuple[str, ...]


@frozen
class DistributionNotEvaluated(Fact):
    """The step of a list's distribution that lacks its votes in these units."""

    selection: str
    missing: tuple[str, ...]

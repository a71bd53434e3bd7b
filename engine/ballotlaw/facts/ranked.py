"""Facts of a count of ranked ballots (instant runoff, single transferable vote): the ballots read and what the
law made of their faults, each round's or stage's votes, transfers, elections, exclusions and ties. Votes are
exact: int for whole ballots, Fraction where transfer values split them."""

from __future__ import annotations

from fractions import Fraction

from ..records import frozen
from . import Fact

Votes = tuple[tuple[str, Fraction], ...]  # candidate -> votes, in the order of the count


@frozen
class BallotsCounted(Fact):
    """The ballots of the unit: how many, how many the law makes invalid, and each fault with the number of
    ballots that have it, what the law does with it (`passed over`, `exhausts`, `invalid`, `no rule`) and after
    how many in a row (skipped ranks; 1 for any other)."""

    total: int
    valid: int
    faults: tuple[tuple[str, int, str, int], ...]
    empty: int  # ballots without any preference the law lets count


@frozen
class FaultWithoutRule(Fact):
    """Ballots with a fault the rule file says nothing about: the count cannot go on."""

    fault: str
    ballots: int


@frozen
class NoBallots(Fact):
    """A unit of a contest of ranked ballots for which the results give no ballots."""


@frozen
class QuotaSet(Fact):
    """The quota of a single transferable vote from the valid ballots and the seats."""

    name: str
    valid: int
    seats: int
    quota: Fraction


@frozen
class RoundVotes(Fact):
    """The votes of every continuing candidate at a round (instant runoff) or stage (STV), the ballots
    exhausted so far, and what a majority needs (instant runoff) or the quota (STV)."""

    stage: int
    votes: Votes
    exhausted: Fraction
    needed: Fraction | None = None
    base: Fraction | None = None  # instant runoff: the ballots the majority is of


@frozen
class MajorityReached(Fact):
    """Instant runoff: a candidate has more than half of the base."""

    stage: int
    name: str
    votes: Fraction
    base: Fraction


@frozen
class LastContinuing(Fact):
    """Instant runoff: one candidate is left (without a majority of all ballots, the law elects the last)."""

    stage: int
    name: str
    votes: Fraction


@frozen
class QuotaReached(Fact):
    """STV: candidates with the quota are elected, in order of their votes."""

    stage: int
    names: Votes
    quota: Fraction


@frozen
class SeatsFilledByRemaining(Fact):
    """STV: as many continuing candidates as seats left: all are elected."""

    stage: int
    names: Votes


@frozen
class Excluded(Fact):
    """Candidates excluded at a stage: the lowest, or several at once (bulk exclusion) whose votes together
    are fewer than the next candidate's."""

    stage: int
    names: Votes
    bulk: bool
    next_votes: Fraction | None = None


@frozen
class Transferred(Fact):
    """Ballots passed on: from an elected candidate's surplus or an excluded candidate, at `value` (the
    transfer value, None for an exclusion at the ballots' own values), to each continuing candidate; the
    rest exhausted, and what rounding lost."""

    stage: int
    source: tuple[str, ...]
    surplus: Fraction | None
    value: Fraction | None
    to: Votes
    exhausted: Fraction
    lost: Fraction


@frozen
class KeepValues(Fact):
    """Meek: the keep values of the elected candidates after the iterations of a stage, and the quota."""

    stage: int
    keep: Votes
    quota: Fraction
    iterations: int
    excess: Fraction


@frozen
class RankedTieBroken(Fact):
    """A tie (for exclusion, for election order or for the surplus transferred first) decided by a key of the
    tie rule: `chosen` is the candidate taken."""

    stage: int
    what: str  # "exclusion", "election", "surplus"
    tied: tuple[str, ...]
    key: str
    chosen: str


@frozen
class RankedLotNeeded(Fact):
    """A tie the tie rule does not break: the commission draws a lot; the count stops until the draw is given
    (`lot_order` of the tied candidates)."""

    stage: int
    what: str
    tied: tuple[str, ...]


@frozen
class RankedElected(Fact):
    """The count's end: the candidates elected, in the order they were elected, and the ballots counted (with
    each fault the law ruled on)."""

    elected: tuple[str, ...]
    stages: int
    exhausted: Fraction
    ballots: BallotsCounted


@frozen
class CountStopped(Fact):
    """The count could not end (a lot to draw, a fault without a rule, no ballots)."""

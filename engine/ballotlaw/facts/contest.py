"""Facts of a contest as a whole and of a contest of candidates: conditions checked (validity, re-run, recount,
majority, approval), who is elected or goes to a second round, and the units a contest is not decided in."""

from __future__ import annotations

from .. import model
from ..records import frozen
from ..states import CheckKind, RerunCandidates
from ..trace import InputValue
from . import Fact


@frozen
class NotEvaluated(Fact):
    """A step that could not decide, and the figures or rules it lacked."""

    missing: tuple[str, ...]


@frozen
class ConditionFound(Fact):
    """A condition of the law (validity, re-run, recount, majority, approval) found true or false on numbers."""

    kind: CheckKind
    condition: model.Condition
    holds: bool
    inputs: tuple[tuple[str, InputValue], ...]
    candidates: RerunCandidates | None = None  # of a re-run: whether the same candidates may stand again


@frozen
class CheckNotEvaluated(Fact):
    """A unit's condition of `kind` that could not be evaluated, as a reason of its status."""

    kind: CheckKind
    missing: tuple[str, ...]


@frozen
class RegistrationCancelled(Fact):
    candidates: tuple[str, ...]


@frozen
class NoCandidate(Fact):
    """No candidate stands in the unit."""


@frozen
class PluralityElected(Fact):
    """The candidates with the most votes, each with their votes, fill the seats."""

    winners: tuple[tuple[str, int], ...]


@frozen
class PluralityTied(Fact):
    """Candidates with equal votes at the cut, for fewer seats than they are."""

    tied: tuple[str, ...]
    votes: int
    seats: int


@frozen
class SecondRound(Fact):
    """Who goes to the second round: the top `top` (with everyone equal at the cut: `past_cut`), or those whose
    share of `base` reaches the law's percent (`floor`: the number taken when fewer reach it)."""

    chosen: tuple[str, ...]
    top: int | None = None
    past_cut: bool = False
    inclusive: bool = False
    percent_text: str | None = None
    base: str | None = None
    floor: int | None = None


@frozen
class NoSecondRound(Fact):
    """No candidate has the majority the law requires, and the rule file states no second round."""


@frozen
class WinnerNotDetermined(Fact):
    missing: tuple[str, ...]


@frozen
class TieRuleNotEvaluated(Fact):
    missing: tuple[str, ...]


@frozen
class DrawByLot(Fact):
    """Seats to be drawn by lot among tied candidates."""

    seats: int
    tied: tuple[str, ...]


@frozen
class TieBroken(Fact):
    """Candidates who lost a tie on votes, and the keys of the tie rule (its clause) that decided it."""

    losers: tuple[str, ...]
    keys: tuple[str, ...]
    clause: str


@frozen
class ElectedWithoutPoll(Fact):
    """No more candidates stand than there are seats: the law declares them elected without a poll."""

    candidates: tuple[str, ...]
    seats: int


@frozen
class CandidatesElected(Fact):
    winners: tuple[str, ...]
    tie: TieBroken | None = None


@frozen
class RepeatElection(Fact):
    """No one is elected: the law orders a repeat election."""


@frozen
class ElectionVoid(Fact):
    """No one is elected: the election is void."""


@frozen
class SeatByLot(Fact):
    """The seat is decided by lot."""


@frozen
class WinnerAwaitsFigures(Fact):
    """The winner cannot be confirmed until missing figures are published or the rule file says what happens."""


@frozen
class RecountFirst(Fact):
    """A recount is ordered before anyone is declared elected."""


@frozen
class SecondRoundBetween(Fact):
    """No one is elected in this round; the second round is between these candidates."""

    candidates: tuple[str, ...]


@frozen
class UnitsAbsent(Fact):
    """Units the rule file gives seats to (each with its seats) that the results lack."""

    level: str
    absent: tuple[tuple[str, int], ...]
    seats: int


@frozen
class UnitsLacking(Fact):
    """Fewer units of the level in the results than the rule file declares."""

    level: str
    declared: int
    given: int


@frozen
class NoUnitOfLevel(Fact):
    level: str | None


@frozen
class LimitedPlurality(Fact):
    """The candidates with the most votes fill the seats, within the limit of seats per gender; those whose
    gender already held the limit were passed over."""

    winners: tuple[tuple[str, int], ...]
    passed_over: tuple[str, ...]
    limit: int


@frozen
class SeatsVacantByLimit(Fact):
    """Seats no candidate can take: every candidate left is of a gender that already holds the limit."""

    seats: int
    limit: int

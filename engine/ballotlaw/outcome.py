"""The outcome of a law applied to results: per contest and unit, who qualified and why not, seats,
winners, a status and its reasons. Built by evaluate/; rendered by render/ (docs/contracts.md, 3.1).

Records hold data only: statuses and results are the enumerations of `states`, and what a clause found is a
fact (ballotlaw.facts); render/ writes the words (render/phrases) and the JSON forms (render/jsonform.py)."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from .facts import Fact
from .model import Provenance
from .records import frozen
from .results.model import Figure
from .states import CheckKind, CheckResult, Competitors, Qualification, SeatsStatus, Status, Verdict
from .trace import Step


@frozen
class Reason:
    """Why a status is not final, or why a list was excluded: one clause and what it found."""

    clause: str
    text: Fact
    missing: tuple[Fact | str, ...] = ()  # names of figures, or facts saying what is missing


@frozen
class QualifyingTest:
    """One threshold (or other qualifying test) applied to one selection."""

    provenance: Provenance
    result: Verdict
    detail: Fact
    share: Fraction | None = None
    missing: tuple[Fact | str, ...] = ()  # names of figures, or facts saying what is missing
    base: str | None = None  # the count the share is of

    @property
    def clause(self) -> str:
        """The clause's full label (`contest.label`), as the JSON forms give it."""
        return self.provenance.full_label


@frozen
class SelectionOutcome:
    id: str
    votes: Figure
    tests: tuple[QualifyingTest, ...]
    qualified: Qualification  # NONE where nothing qualifies (candidates, options)
    seats: int | None
    elected: bool | None


@frozen
class CheckOutcome:
    """A condition checked on a unit (validity, re-run, recount, majority, approval, a cap): what it found."""

    clause: str
    kind: CheckKind
    result: CheckResult
    detail: Fact
    missing: tuple[str, ...] = ()


@frozen
class Unpublished:
    """A group of figures that are not published (or absent), with the source that says so."""

    what: str
    items: tuple[str, ...]
    status: str
    at_most: int | None
    source: str | None
    source_title: str
    source_url: str
    at_least: int | None = None


@frozen
class DistributedSeats:
    """Seats of one list in one unit of the level its seats are distributed to (a second tier)."""

    selection: str
    unit: str
    seats: int


@frozen
class UnitOutcome:
    unit: str
    name: str | None
    status: Status
    reasons: tuple[Reason, ...]
    selections: tuple[SelectionOutcome, ...]
    checks: tuple[CheckOutcome, ...]
    seats_status: SeatsStatus
    seats_note: Fact
    tied: tuple[str, ...] = ()
    tied_seats: int = 0
    unpublished: tuple[Unpublished, ...] = ()
    seats_available: int | None = None  # the seats of this unit, where the law gives each unit its own number
    seats_added: int = 0  # seats the law adds to the house here (stable majority, overhang, levelling)
    distribution: tuple[DistributedSeats, ...] = ()  # each list's seats in the units of a lower level


@frozen
class AdjustedSeats:
    """One list in the national tier: its district seats, its share of all seats, and the difference."""

    selection: str
    district_seats: int
    entitlement: int
    adjustment_seats: int


@frozen
class ContestOutcome:
    id: str
    title: str
    kind: Competitors
    status: Status
    seats_total: int
    units: Sequence[UnitOutcome]  # a tuple, or a `Deferred` one built when first read (evaluate/plain.py)
    reasons: tuple[Reason, ...] = ()
    adjustment: tuple[AdjustedSeats, ...] = ()  # the national tier of compensation seats, where the law has one
    placed: tuple[DistributedSeats, ...] = ()  # where the adjustment seats go, when the law places them


@frozen
class DataChecks:
    """The results' own arithmetic, checked before the outcome (docs/contracts.md, section 13)."""

    checked: int
    errors: tuple[str, ...]  # "C101: message", when errors were accepted by an explicit override
    unchecked: tuple[str, ...]  # what could not be checked, and why

    @property
    def certifiable(self) -> bool:
        return not self.errors


@frozen
class Outcome:
    rules: dict[str, object]
    results: dict[str, object]
    status: Status
    contests: tuple[ContestOutcome, ...]
    trace: Sequence[Step]  # a tuple, or a `Deferred` one built when first read (evaluate/plain.py)
    data_checks: DataChecks | None = None  # None: evaluated without the checks (the library's evaluate())

    def contest(self, contest_id: str) -> ContestOutcome | None:
        return next((c for c in self.contests if c.id == contest_id), None)

"""The outcome of a law applied to results: per contest and unit, who qualified and why not, seats,
winners, a status and its reasons. Built by evaluate/; rendered by render/ (docs/contracts.md, 3.1)."""

from __future__ import annotations

from fractions import Fraction

from attrs import frozen

from .exact import fraction_text, percent
from .results.model import Figure
from .trace import Step

ELECTED = "elected"
PROVISIONAL = "provisional"
RERUN = "rerun"
VOID = "void"
LOT_NEEDED = "lot needed"
RUNOFF = "runoff"
RECOUNT = "recount"
APPROVED = "approved"
REJECTED = "rejected"

#: When statuses combine, the first in this order wins: a void or provisional part makes the whole so.
STATUS_ORDER = (PROVISIONAL, VOID, RERUN, RECOUNT, RUNOFF, LOT_NEEDED, REJECTED, APPROVED, ELECTED)


def combine(statuses: list[str]) -> str:
    for status in STATUS_ORDER:
        if status in statuses:
            return status
    return ELECTED


@frozen
class Reason:
    """Why a status is not final, or why a list was excluded: one clause and what it found."""

    clause: str
    text: str
    missing: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"clause": self.clause, "text": self.text, "missing": list(self.missing)}


@frozen
class TestResult:
    """One threshold (or other qualifying test) applied to one selection."""

    clause: str
    result: str  # "passed", "failed", "not evaluated"
    detail: str
    share: Fraction | None = None
    missing: tuple[str, ...] = ()
    base: str | None = None  # the count the share is of

    def to_json(self) -> dict[str, object]:
        return {
            "clause": self.clause,
            "result": self.result,
            "detail": self.detail,
            "share": fraction_text(self.share) if self.share is not None else None,
            "display": percent(self.share) if self.share is not None else None,
            "base": self.base if self.share is not None else None,
            "missing": list(self.missing),
        }


@frozen
class SelectionOutcome:
    id: str
    votes: Figure
    tests: tuple[TestResult, ...]
    qualified: str  # "yes", "no", "undetermined", or "" where nothing qualifies (candidates)
    seats: int | None
    elected: bool | None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "votes": self.votes.value if self.votes.known else None,
            "votes_status": self.votes.status,
            "votes_at_most": self.votes.at_most,
            "tests": [t.to_json() for t in self.tests],
            "qualified": self.qualified or None,
            "seats": self.seats,
            "elected": self.elected,
        }


@frozen
class CheckOutcome:
    """A re-run or validity condition: whether it holds, and on what numbers."""

    clause: str
    kind: str  # "rerun" or "validity"
    result: str  # rerun: "rerun", "no rerun"; validity: "valid", "void"; or "not evaluated"
    detail: str
    missing: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "clause": self.clause,
            "kind": self.kind,
            "result": self.result,
            "detail": self.detail,
            "missing": list(self.missing),
        }


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

    def to_json(self) -> dict[str, object]:
        return {
            "what": self.what,
            "items": list(self.items),
            "status": self.status,
            "at_most": self.at_most,
            "source": self.source,
            "source_title": self.source_title,
            "source_url": self.source_url,
        }


@frozen
class DistributedSeats:
    """Seats of one list in one unit of the level its seats are distributed to (a second tier)."""

    selection: str
    unit: str
    seats: int

    def to_json(self) -> dict[str, object]:
        return {"selection": self.selection, "unit": self.unit, "seats": self.seats}


@frozen
class UnitOutcome:
    unit: str
    name: str | None
    status: str
    reasons: tuple[Reason, ...]
    selections: tuple[SelectionOutcome, ...]
    checks: tuple[CheckOutcome, ...]
    seats_status: str  # "computed", "conditional", "not computed", "void"
    seats_note: str
    tied: tuple[str, ...] = ()
    tied_seats: int = 0
    unpublished: tuple[Unpublished, ...] = ()
    seats_available: int | None = None  # the seats of this unit, where the law gives each unit its own number
    seats_added: int = 0  # seats the law adds to the house here (stable majority, overhang, levelling)
    distribution: tuple[DistributedSeats, ...] = ()  # each list's seats in the units of a lower level

    def to_json(self) -> dict[str, object]:
        return {
            "unpublished": [u.to_json() for u in self.unpublished],
            "unit": self.unit,
            "name": self.name,
            "status": self.status,
            "reasons": [r.to_json() for r in self.reasons],
            "selections": [s.to_json() for s in self.selections],
            "checks": [c.to_json() for c in self.checks],
            "seats_status": self.seats_status,
            "seats_note": self.seats_note,
            "tied": list(self.tied),
            "tied_seats": self.tied_seats,
            "seats_available": self.seats_available,
            "seats_added": self.seats_added,
            "distribution": [d.to_json() for d in self.distribution],
        }


@frozen
class AdjustedSeats:
    """One list in the national tier: its district seats, its share of all seats, and the difference."""

    selection: str
    district_seats: int
    entitlement: int
    adjustment_seats: int

    def to_json(self) -> dict[str, object]:
        return {
            "selection": self.selection,
            "district_seats": self.district_seats,
            "entitlement": self.entitlement,
            "adjustment_seats": self.adjustment_seats,
        }


@frozen
class ContestOutcome:
    id: str
    title: str
    kind: str
    status: str
    seats_total: int
    units: tuple[UnitOutcome, ...]
    reasons: tuple[Reason, ...] = ()
    adjustment: tuple[AdjustedSeats, ...] = ()  # the national tier of compensation seats, where the law has one
    placed: tuple[DistributedSeats, ...] = ()  # where the adjustment seats go, when the law places them

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "status": self.status,
            "reasons": [r.to_json() for r in self.reasons],
            "seats_per_unit": self.seats_total,  # with seats per unit: the house (each unit says its own)
            "units": [u.to_json() for u in self.units],
            "adjustment": [a.to_json() for a in self.adjustment],
            "adjustment_placed": [p.to_json() for p in self.placed],
        }


@frozen
class DataChecks:
    """The results' own arithmetic, checked before the outcome (docs/contracts.md, section 13)."""

    checked: int
    errors: tuple[str, ...]  # "C101: message", when errors were accepted by an explicit override
    unchecked: tuple[str, ...]  # what could not be checked, and why

    @property
    def certifiable(self) -> bool:
        return not self.errors

    def to_json(self) -> dict[str, object]:
        return {
            "checked": self.checked,
            "errors_accepted": list(self.errors),
            "unchecked": list(self.unchecked),
            "certifiable": self.certifiable,
        }


@frozen
class Outcome:
    rules: dict[str, object]
    results: dict[str, object]
    status: str
    contests: tuple[ContestOutcome, ...]
    trace: tuple[Step, ...]
    data_checks: DataChecks | None = None  # None: evaluated without the checks (the library's evaluate())

    def contest(self, contest_id: str) -> ContestOutcome | None:
        return next((c for c in self.contests if c.id == contest_id), None)

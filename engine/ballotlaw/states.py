"""The fixed sets of values an evaluation decides: closed enumerations, each member also its own text in the JSON
forms (docs/contracts.md, section 3), so `Status.ELECTED == "elected"` and the JSON bytes do not change.

Evaluation returns these values; only renderers turn them into words of a language.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import NoReturn


def assert_never(value: NoReturn) -> NoReturn:
    """The case of a closed set no branch handled: mypy proves the call unreachable (typing.assert_never,
    which Python 3.10 lacks)."""
    raise AssertionError(f"unhandled case: {value!r}")


class Word(str, Enum):
    """A member of a closed set whose value is the text the JSON forms carry."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class Competitors(Word):
    """Who competes in a contest: party lists, candidates, or the options of a question (a referendum)."""

    LISTS = "lists"
    CANDIDATES = "candidates"
    OPTIONS = "options"


class Status(Word):
    """The status of an outcome, a contest or a unit (docs/contracts.md, 3.1)."""

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
STATUS_ORDER = (
    Status.PROVISIONAL,
    Status.VOID,
    Status.RERUN,
    Status.RECOUNT,
    Status.RUNOFF,
    Status.LOT_NEEDED,
    Status.REJECTED,
    Status.APPROVED,
    Status.ELECTED,
)


class Verdict(Word):
    """What one qualifying test (a threshold, a condition) found for one list."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_EVALUATED = "not evaluated"


class Qualification(Word):
    """Whether a list takes part in the allocation; NONE where nothing qualifies (a contest of candidates)."""

    YES = "yes"
    NO = "no"
    UNDETERMINED = "undetermined"
    NONE = ""


class SeatsStatus(Word):
    """Whether a unit's seats were computed, and on what."""

    COMPUTED = "computed"
    CONDITIONAL = "conditional"
    NOT_COMPUTED = "not computed"
    VOID = "void"


class CheckKind(Word):
    """The kind of a condition checked on a unit: a re-run ground, a validity rule, a recount, an option's
    approval, a majority required to be elected, or a cap on a list's seats."""

    RERUN = "rerun"
    VALIDITY = "validity"
    RECOUNT = "recount"
    APPROVE = "approve"
    MAJORITY = "majority"
    CAP = "cap"


class CheckResult(Word):
    """What a checked condition found (of a cap: whether it binds)."""

    RERUN = "rerun"
    NO_RERUN = "no rerun"
    VALID = "valid"
    VOID = "void"
    RECOUNT = "recount"
    NO_RECOUNT = "no recount"
    APPROVED = "approved"
    NOT_APPROVED = "not approved"
    MAJORITY = "majority"
    NO_MAJORITY = "no majority"
    PASSED = "passed"
    BINDING = "binding"
    NOT_EVALUATED = "not evaluated"


class Overhang(Word):
    """What a mixed-member contest does with a list's constituency seats beyond its proportional share: keeps
    them (the house grows), levels the house until none is left, or counts the constituency seats in the
    divisors (the additional member system)."""

    KEPT = "kept"
    LEVELLED = "levelled"
    COUNTED = "counted"


class RerunCandidates(Word):
    """Whether the candidates of an election that is re-run may stand again, as the re-run clause says."""

    MAY_STAND_AGAIN = "may stand again"
    BARRED = "barred"


class StepKind(Word):
    """What a step of the trace does (a step that checks a condition has that condition's CheckKind)."""

    THRESHOLD = "threshold"
    FALLBACK = "fallback"
    BONUS = "bonus"
    RESERVED = "reserved"
    VALIDITY = "validity"
    ELECTION = "election"
    RUNOFF = "runoff"
    CANCELLED = "cancelled"
    ALLOCATION = "allocation"
    AGREEMENTS = "agreements"
    MINIMUM = "minimum"
    MIXED = "mixed"
    STABLE_MAJORITY = "stable majority"
    OPPOSITION = "opposition seats"
    MINORITY_SEATS = "minority seats"
    MAJORITY_SEAT = "majority seat"
    CAP = "cap"
    TIE = "tie"
    DISTRIBUTION = "distribution"
    APPORTIONMENT = "apportionment"
    UPPER_APPORTIONMENT = "upper apportionment"
    LOWER_APPORTIONMENT = "lower apportionment"
    POOLED = "pooled"
    ADJUSTMENT = "adjustment"
    PLACEMENT = "placement"
    SURPLUS_RETURN = "surplus return"
    HANDED_DOWN = "handed down"
    MULTIPLIER = "multiplier"
    BALLOTS = "ballots"
    ROUND = "round"
    TRANSFER = "transfer"
    EXCLUSION = "exclusion"


class StepResult(Word):
    """What a step decided, where that is neither a qualifying test's Verdict nor a condition's CheckResult."""

    ALLOCATED = "allocated"
    BONUS = "bonus"
    NO_BONUS = "no bonus"
    SEAT = "seat"
    NO_SEAT = "no seat"
    SEATS_ADDED = "seats added"
    OVERHANG = "overhang"
    NO_OVERHANG = "no overhang"
    OVER = "over"
    FALLBACK = "fallback"
    NOT_NEEDED = "not needed"
    NOT_APPLICABLE = "not applicable"
    ELECTED = "elected"
    TIED = "tied"
    NO_CANDIDATE = "no candidate"
    RUNOFF = "runoff"
    CANCELLED = "cancelled"
    DECIDED = "decided"
    STILL_TIED = "still tied"
    DRAWN = "drawn"
    LOT_NEEDED = "lot needed"
    DISTRIBUTED = "distributed"
    PLACED = "placed"
    PASSED = "passed"
    VALID = "valid"
    NOT_EVALUATED = "not evaluated"
    COUNTED = "counted"
    EXCLUDED = "excluded"
    TRANSFERRED = "transferred"


def combine(statuses: Sequence[Status]) -> Status:
    """The status of a whole made of parts: the first of STATUS_ORDER any part has (elected if none)."""
    if len(statuses) == 1:  # one part (every status is in STATUS_ORDER)
        return statuses[0]
    present = set(statuses)
    if len(present) == 1:  # every part alike
        return present.pop()
    return next((status for status in STATUS_ORDER if status in present), Status.ELECTED)

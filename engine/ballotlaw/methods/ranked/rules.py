"""The rules of counting ranked ballots a rule file may state, as data: election rules, quotas, surplus
transfers, what a faulty ranking does, and the checked rules the model holds (docs/language.md, "Ranked
ballots")."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from attrs import frozen

from ...source import Span

if TYPE_CHECKING:
    from ...model import Provenance

INSTANT_RUNOFF = "instant runoff"
SINGLE_TRANSFERABLE_VOTE = "single transferable vote"

#: Election rules that count ranked ballots, with what each does.
RANKED_RULES: dict[str, str] = {
    INSTANT_RUNOFF: "the candidate with the fewest votes is excluded and their ballots pass to the next "
    "continuing preference, round after round, until one candidate has a majority",
    SINGLE_TRANSFERABLE_VOTE: "candidates reaching the quota are elected; their surplus and the ballots of "
    "excluded candidates pass to the next continuing preference, until every seat is filled",
}

#: Quotas: name -> (the quota from the valid ballots v and the seats s, whether reaching it elects (>=) or
#: only exceeding it (>)).
QUOTAS: dict[str, str] = {
    "droop": "floor(v / (s + 1)) + 1; a candidate with at least the quota is elected",
    "exact droop": "v / (s + 1), exactly; a candidate with more than the quota is elected",
    "hare": "v / s, exactly; a candidate with at least the quota is elected",
}

#: Surplus transfers.
TRANSFERS: dict[str, str] = {
    "inclusive gregory": "every ballot of the elected candidate passes on at the surplus over the number of "
    "the candidate's ballots",
    "weighted inclusive gregory": "every ballot of the elected candidate passes on at its value times the "
    "surplus over the candidate's votes",
    "last parcel gregory": "only the ballots of the last parcel the candidate received pass on, at their value "
    "times the surplus over the parcel's value (at most their value)",
    "meek": "every elected candidate keeps the share of each ballot reaching it that brings it to the quota "
    "(its keep value); the rest passes on; the count repeats until the keep values settle",
}

#: Faults of a ranking and what a law may make of them.
FAULTS = ("skipped", "overvote", "repeated")
PASSED_OVER, EXHAUSTS, INVALID = "passed over", "exhausts", "invalid"


@frozen
class QuotaRule:
    provenance: Provenance
    name: str


@frozen
class TransferRule:
    provenance: Provenance
    name: str
    places: int | None = None  # values rounded to this many decimal places
    up: bool = False  # rounded up (else down: any remainder ignored)

    def rounded(self, value: Fraction) -> Fraction:
        """`value` rounded as the law says (exact when it says nothing)."""
        if self.places is None:
            return value
        scale = 10**self.places
        scaled = value * scale
        whole = -((-scaled.numerator) // scaled.denominator) if self.up else scaled.numerator // scaled.denominator
        return Fraction(whole, scale)


@frozen
class BallotRule:
    """What the law does with one fault of a ranking: `skipped` ranks (after `run` of them in a row, 1 for any),
    `overvote`s or `repeated` candidates are passed over, exhaust the ballot, or make it invalid."""

    provenance: Provenance
    fault: str
    effect: str
    run: int = 1
    span: Span | None = None


@frozen
class MajorityRule:
    """Instant runoff: a majority of the `continuing` ballots of the round, or of `all` valid ballots."""

    provenance: Provenance
    of: str

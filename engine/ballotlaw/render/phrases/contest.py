"""Phrases of a contest as a whole and of a contest of candidates (ballotlaw.facts.contest)."""

from __future__ import annotations

from fractions import Fraction

from ... import model
from ...exact import show
from ...facts.contest import (
    CandidatesElected,
    CheckNotEvaluated,
    ConditionFound,
    DrawByLot,
    ElectionVoid,
    NoCandidate,
    NoSecondRound,
    NotEvaluated,
    NoUnitOfLevel,
    PluralityElected,
    PluralityTied,
    RecountFirst,
    RegistrationCancelled,
    RepeatElection,
    SeatByLot,
    SecondRound,
    SecondRoundBetween,
    TieBroken,
    TieRuleNotEvaluated,
    UnitsAbsent,
    UnitsLacking,
    WinnerAwaitsFigures,
    WinnerNotDetermined,
)
from ...states import CheckKind, RerunCandidates, assert_never
from . import phrase

#: kind of condition -> what it means when it holds, and when it does not
_MEANING: dict[CheckKind, tuple[str, str]] = {
    CheckKind.RERUN: ("a repeat election is ordered", "no repeat election"),
    CheckKind.VALIDITY: ("the election is valid", "the election is void"),
    CheckKind.RECOUNT: ("a recount is ordered", "no recount"),
    CheckKind.APPROVE: ("the option is approved", "the option is not approved"),
    CheckKind.MAJORITY: ("the leading candidate is elected", "no candidate is elected in this round"),
}

_CANDIDATES: dict[RerunCandidates, str] = {
    RerunCandidates.MAY_STAND_AGAIN: "the same candidates may stand again",
    RerunCandidates.BARRED: "the candidates of the failed election may not stand again",
}


def condition_text(condition: model.Condition) -> str:
    """A condition as the rule file writes it (its comparisons as written, joined by `and` / `or`)."""
    match condition:
        case model.NoListQualifies():
            return "no list qualifies"
        case model.Compare() | model.SumCompare():
            return condition.text
        case model.AllOf(items=items):
            return " and ".join(condition_text(item) for item in items)
        case model.AnyOf(items=items):
            return " or ".join(condition_text(item) for item in items)
        case _:
            assert_never(condition)


@phrase(NotEvaluated)
def _not_evaluated(fact: NotEvaluated) -> str:
    return "not evaluated: " + "; ".join(fact.missing)


@phrase(ConditionFound)
def _condition_found(fact: ConditionFound) -> str:
    shown = ", ".join(f"{name} = {show(v) if isinstance(v, Fraction) else v}" for name, v in fact.inputs)
    meaning = _MEANING[fact.kind][0 if fact.holds else 1]
    if fact.holds and fact.candidates is not None:
        meaning += f"; {_CANDIDATES[fact.candidates]}"
    return f"{condition_text(fact.condition)} is {'true' if fact.holds else 'false'} ({shown}): {meaning}"


@phrase(CheckNotEvaluated)
def _check_not_evaluated(fact: CheckNotEvaluated) -> str:
    return f"{fact.kind} check not evaluated: {'; '.join(fact.missing)}"


@phrase(RegistrationCancelled)
def _cancelled(fact: RegistrationCancelled) -> str:
    return f"registration cancelled: {', '.join(fact.candidates)}; their votes are annulled and they cannot be elected"


@phrase(NoCandidate)
def _no_candidate(fact: NoCandidate) -> str:
    return "no candidate stands"


@phrase(PluralityElected)
def _plurality_elected(fact: PluralityElected) -> str:
    names = ", ".join(name for name, _ in fact.winners)
    votes = ", ".join(str(votes) for _, votes in fact.winners)
    return f"plurality: {names} with the most votes ({votes})"


@phrase(PluralityTied)
def _plurality_tied(fact: PluralityTied) -> str:
    return f"plurality: {', '.join(fact.tied)} are tied with {fact.votes} votes for {fact.seats} seat(s)"


@phrase(SecondRound)
def _second_round(fact: SecondRound) -> str:
    if fact.top is not None:
        how = f"the top {fact.top}" + (" (equal votes at the cut all go on)" if fact.past_cut else "")
    else:
        how = f"candidates with {'at least' if fact.inclusive else 'more than'} {fact.percent_text} of {fact.base}"
        if fact.floor is not None:
            how += f"; fewer than {fact.floor} reach it, so the top {fact.floor}"
    return f"second round: {how}: {', '.join(fact.chosen)}"


@phrase(NoSecondRound)
def _no_second_round(fact: NoSecondRound) -> str:
    return "no candidate has the majority the law requires, and the rule file states no second round"


@phrase(WinnerNotDetermined)
def _winner_not_determined(fact: WinnerNotDetermined) -> str:
    return "winner not determined: " + "; ".join(fact.missing)


@phrase(TieRuleNotEvaluated)
def _tie_rule_not_evaluated(fact: TieRuleNotEvaluated) -> str:
    return "tie rule not evaluated: " + "; ".join(fact.missing)


@phrase(DrawByLot)
def _draw_by_lot(fact: DrawByLot) -> str:
    return f"{fact.seats} seat(s) to be drawn by lot among {', '.join(fact.tied)}"


@phrase(TieBroken)
def _tie_broken(fact: TieBroken) -> str:
    return f"tied with {', '.join(fact.losers)} on votes; decided by {', then '.join(fact.keys)}, {fact.clause}"


@phrase(CandidatesElected)
def _candidates_elected(fact: CandidatesElected) -> str:
    tie = f" ({_tie_broken(fact.tie)})" if fact.tie is not None else ""
    return f"elected: {', '.join(fact.winners)}{tie}"


@phrase(RepeatElection)
def _repeat_election(fact: RepeatElection) -> str:
    return "no one is elected: the law orders a repeat election"


@phrase(ElectionVoid)
def _election_void(fact: ElectionVoid) -> str:
    return "no one is elected: the election is void"


@phrase(SeatByLot)
def _seat_by_lot(fact: SeatByLot) -> str:
    return "the seat is decided by lot"


@phrase(WinnerAwaitsFigures)
def _winner_awaits_figures(fact: WinnerAwaitsFigures) -> str:
    return "the winner cannot be confirmed until the missing figures are published or the rule file says what happens"


@phrase(RecountFirst)
def _recount_first(fact: RecountFirst) -> str:
    return "a recount is ordered before anyone is declared elected"


@phrase(SecondRoundBetween)
def _second_round_between(fact: SecondRoundBetween) -> str:
    return f"no one is elected in this round; second round between {', '.join(fact.candidates)}"


@phrase(UnitsAbsent)
def _units_absent(fact: UnitsAbsent) -> str:
    listed = ", ".join(f'"{unit}" ({seats} seats)' for unit, seats in fact.absent)
    absent = sum(seats for _, seats in fact.absent)
    return (
        f"not evaluated in {len(fact.absent)} {fact.level} unit(s) the rule file gives seats to, which the "
        f"results lack: {listed}; {absent} of the {fact.seats} seats are not awarded"
    )


@phrase(UnitsLacking)
def _units_lacking(fact: UnitsLacking) -> str:
    return (
        f"the results give {fact.given} of the {fact.declared} {fact.level} units the rule file declares: "
        f"not evaluated in the other {fact.declared - fact.given}"
    )


@phrase(NoUnitOfLevel)
def _no_unit_of_level(fact: NoUnitOfLevel) -> str:
    return f"not evaluated: the results have no unit of level `{fact.level}`"

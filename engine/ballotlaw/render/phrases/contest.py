"""Phrases of a contest as a whole and of a contest of candidates (ballotlaw.facts.contest)."""

from __future__ import annotations

from fractions import Fraction

from ... import model
from ...facts.contest import (
    CandidatesElected,
    CheckNotEvaluated,
    ConditionFound,
    DrawByLot,
    ElectedWithoutPoll,
    ElectionVoid,
    LimitedPlurality,
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
    SeatsVacantByLimit,
    SecondRound,
    SecondRoundBetween,
    TieBroken,
    TieRuleNotEvaluated,
    UnitsAbsent,
    UnitsLacking,
    WinnerAwaitsFigures,
    WinnerNotDetermined,
)
from ...i18n import N_, _, ngettext
from ...i18n.formats import integer, number, written_percent
from ...states import CheckKind, RerunCandidates, assert_never
from . import phrase
from .words import figure_name, missing, word

#: kind of condition -> what it means when it holds, and when it does not
_MEANING: dict[CheckKind, tuple[str, str]] = {
    CheckKind.RERUN: (N_("a repeat election is ordered"), N_("no repeat election")),
    CheckKind.VALIDITY: (N_("the election is valid"), N_("the election is void")),
    CheckKind.RECOUNT: (N_("a recount is ordered"), N_("no recount")),
    CheckKind.APPROVE: (N_("the option is approved"), N_("the option is not approved")),
    CheckKind.MAJORITY: (N_("the leading candidate is elected"), N_("no candidate is elected in this round")),
}

_CANDIDATES: dict[RerunCandidates, str] = {
    RerunCandidates.MAY_STAND_AGAIN: N_("the same candidates may stand again"),
    RerunCandidates.BARRED: N_("the candidates of the failed election may not stand again"),
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
    return _("not evaluated: {missing}").format(missing=missing(fact.missing))


def _value(value: object) -> str:
    return number(value) if isinstance(value, (Fraction, int)) and not isinstance(value, bool) else str(value)


@phrase(ConditionFound)
def _condition_found(fact: ConditionFound) -> str:
    shown = ", ".join(f"{figure_name(name)} = {_value(v)}" for name, v in fact.inputs)
    meaning = _(_MEANING[fact.kind][0 if fact.holds else 1])
    if fact.holds and fact.candidates is not None:
        meaning += f"; {_(_CANDIDATES[fact.candidates])}"
    found = (
        _("{condition} is true ({values}): {meaning}")
        if fact.holds
        else _("{condition} is false ({values}): {meaning}")
    )
    return found.format(condition=condition_text(fact.condition), values=shown, meaning=meaning)


@phrase(CheckNotEvaluated)
def _check_not_evaluated(fact: CheckNotEvaluated) -> str:
    return _("{kind} check not evaluated: {missing}").format(kind=word(fact.kind), missing=missing(fact.missing))


@phrase(RegistrationCancelled)
def _cancelled(fact: RegistrationCancelled) -> str:
    return _("registration cancelled: {candidates}; their votes are annulled and they cannot be elected").format(
        candidates=", ".join(fact.candidates)
    )


@phrase(NoCandidate)
def _no_candidate(fact: NoCandidate) -> str:
    return _("no candidate stands")


@phrase(ElectedWithoutPoll)
def _elected_without_poll(fact: ElectedWithoutPoll) -> str:
    return _("elected without a poll: {names} (candidates {count}, seats {seats})").format(
        names=", ".join(fact.candidates), count=integer(len(fact.candidates)), seats=integer(fact.seats)
    )


@phrase(PluralityElected)
def _plurality_elected(fact: PluralityElected) -> str:
    names = ", ".join(name for name, _ in fact.winners)
    votes = ", ".join(integer(votes) for _name, votes in fact.winners)
    return _("plurality: {names} with the most votes ({votes})").format(names=names, votes=votes)


@phrase(PluralityTied)
def _plurality_tied(fact: PluralityTied) -> str:
    text = ngettext(
        "plurality: {names} are tied with {votes} votes for {seats} seat(s)",
        "plurality: {names} are tied with {votes} votes for {seats} seat(s)",
        fact.seats,
    )
    return text.format(names=", ".join(fact.tied), votes=integer(fact.votes), seats=integer(fact.seats))


@phrase(SecondRound)
def _second_round(fact: SecondRound) -> str:
    if fact.top is not None:
        how = _("the top {top}").format(top=integer(fact.top))
        if fact.past_cut:
            how += _(" (equal votes at the cut all go on)")
    else:
        how = (
            _("candidates with at least {percent} of {base}")
            if fact.inclusive
            else _("candidates with more than {percent} of {base}")
        ).format(percent=written_percent(str(fact.percent_text)), base=fact.base)
        if fact.floor is not None:
            how += _("; fewer than {floor} reach it, so the top {floor}").format(floor=integer(fact.floor))
    return _("second round: {how}: {chosen}").format(how=how, chosen=", ".join(fact.chosen))


@phrase(NoSecondRound)
def _no_second_round(fact: NoSecondRound) -> str:
    return _("no candidate has the majority the law requires, and the rule file states no second round")


@phrase(WinnerNotDetermined)
def _winner_not_determined(fact: WinnerNotDetermined) -> str:
    return _("winner not determined: {missing}").format(missing=missing(fact.missing))


@phrase(TieRuleNotEvaluated)
def _tie_rule_not_evaluated(fact: TieRuleNotEvaluated) -> str:
    return _("tie rule not evaluated: {missing}").format(missing=missing(fact.missing))


@phrase(DrawByLot)
def _draw_by_lot(fact: DrawByLot) -> str:
    text = ngettext(
        "{seats} seat(s) to be drawn by lot among {names}",
        "{seats} seat(s) to be drawn by lot among {names}",
        fact.seats,
    )
    return text.format(seats=integer(fact.seats), names=", ".join(fact.tied))


@phrase(TieBroken)
def _tie_broken(fact: TieBroken) -> str:
    return _("tied with {names} on votes; decided by {keys}, {clause}").format(
        names=", ".join(fact.losers), keys=_(", then ").join(fact.keys), clause=fact.clause
    )


@phrase(CandidatesElected)
def _candidates_elected(fact: CandidatesElected) -> str:
    tie = f" ({_tie_broken(fact.tie)})" if fact.tie is not None else ""
    return _("elected: {names}").format(names=", ".join(fact.winners)) + tie


@phrase(RepeatElection)
def _repeat_election(fact: RepeatElection) -> str:
    return _("no one is elected: the law orders a repeat election")


@phrase(ElectionVoid)
def _election_void(fact: ElectionVoid) -> str:
    return _("no one is elected: the election is void")


@phrase(SeatByLot)
def _seat_by_lot(fact: SeatByLot) -> str:
    return _("the seat is decided by lot")


@phrase(WinnerAwaitsFigures)
def _winner_awaits_figures(fact: WinnerAwaitsFigures) -> str:
    return _(
        "the winner cannot be confirmed until the missing figures are published or the rule file says what happens"
    )


@phrase(RecountFirst)
def _recount_first(fact: RecountFirst) -> str:
    return _("a recount is ordered before anyone is declared elected")


@phrase(SecondRoundBetween)
def _second_round_between(fact: SecondRoundBetween) -> str:
    return _("no one is elected in this round; second round between {names}").format(names=", ".join(fact.candidates))


@phrase(UnitsAbsent)
def _units_absent(fact: UnitsAbsent) -> str:
    listed = ", ".join(
        ngettext('"{unit}" ({seats} seats)', '"{unit}" ({seats} seats)', seats).format(unit=unit, seats=integer(seats))
        for unit, seats in fact.absent
    )
    absent = sum(seats for _unit, seats in fact.absent)
    text = ngettext(
        "not evaluated in {count} {level} unit(s) the rule file gives seats to, which the results lack: {listed}; "
        "{absent} of the {seats} seats are not awarded",
        "not evaluated in {count} {level} unit(s) the rule file gives seats to, which the results lack: {listed}; "
        "{absent} of the {seats} seats are not awarded",
        len(fact.absent),
    )
    return text.format(
        count=integer(len(fact.absent)),
        level=fact.level,
        listed=listed,
        absent=integer(absent),
        seats=integer(fact.seats),
    )


@phrase(UnitsLacking)
def _units_lacking(fact: UnitsLacking) -> str:
    return _(
        "the results give {given} of the {declared} {level} units the rule file declares: "
        "not evaluated in the other {other}"
    ).format(
        given=integer(fact.given),
        declared=integer(fact.declared),
        level=fact.level,
        other=integer(fact.declared - fact.given),
    )


@phrase(NoUnitOfLevel)
def _no_unit_of_level(fact: NoUnitOfLevel) -> str:
    return _("not evaluated: the results have no unit of level `{level}`").format(level=fact.level)


@phrase(LimitedPlurality)
def _limited_plurality(fact: LimitedPlurality) -> str:
    names = ", ".join(name for name, _votes in fact.winners)
    votes = ", ".join(integer(votes) for _name, votes in fact.winners)
    if not fact.passed_over:
        return _("plurality within at most {limit} seats to one gender: {names} ({votes})").format(
            limit=integer(fact.limit), names=names, votes=votes
        )
    return _(
        "plurality within at most {limit} seats to one gender: {names} ({votes}); passed over, their gender "
        "already holding {limit} seats: {passed}"
    ).format(limit=integer(fact.limit), names=names, votes=votes, passed=", ".join(fact.passed_over))


@phrase(SeatsVacantByLimit)
def _seats_vacant_by_limit(fact: SeatsVacantByLimit) -> str:
    text = ngettext(
        "{seats} seat left vacant: every candidate left is of a gender that already holds {limit} seats",
        "{seats} seats left vacant: every candidate left is of a gender that already holds {limit} seats",
        fact.seats,
    )
    return text.format(seats=integer(fact.seats), limit=integer(fact.limit))

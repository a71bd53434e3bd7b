"""Phrases of the qualifying family (ballotlaw.facts.qualifying)."""

from __future__ import annotations

from ...exact import percent, show, show_ratio
from ...facts import Fact
from ...facts.qualifying import (
    AdjustmentLot,
    AdjustmentShares,
    Amount,
    BelowBonusThreshold,
    BelowInUnits,
    BonusNotEvaluated,
    ConditionNotEvaluated,
    DistrictsNotFinal,
    FallbackPending,
    FewerNotEvaluated,
    FewerQualify,
    Growth,
    HouseGrows,
    JointList,
    JointNotApplied,
    JointUndecided,
    ListSeatsCounted,
    ListsNotEvaluated,
    Measured,
    MetInAllUnits,
    MetInSomeUnits,
    MinorityLeadTied,
    Missing,
    NationalVotesUnpublished,
    Need,
    NoMinorityList,
    NoNation,
    NoSeatsAwarded,
    NoSingleNation,
    NothingQualifies,
    NoTurnoutMinimum,
    Part,
    PartNotEvaluated,
    QualifiersWithoutVotes,
    QualifiesByNumber,
    QualifiesByShare,
    QuestionDecided,
    Reported,
    ReservedNotEvaluated,
    SeatsAwaitFigures,
    SeatsFromVotes,
    SeatsUnknown,
    ShareHeld,
    ShareJoined,
    ShareNotExact,
    SlidingBonus,
    ThresholdMeasured,
    TiedForFallback,
    TierThresholdUndecided,
    Undecided,
    UnitsIncomplete,
    UnpublishedInUnits,
    ValidAtAnyTurnout,
    VotesUnpublished,
    WinsCounted,
    WinsNotInData,
    WithoutWins,
    WithWins,
)
from ...states import Status, Verdict
from . import phrase, say

EACH = "each list"  # who `selection: None` names


def _comparison(inclusive: bool) -> str:
    return "at least" if inclusive else "more than"


def _missing(missing: Missing) -> str:
    return "; ".join(say(m) if isinstance(m, Fact) else m for m in missing)


# ---- a threshold measured ----------------------------------------------------------------------------------


@phrase(Amount)
def _amount(fact: Amount) -> str:
    if fact.exact is not None:
        return show(fact.exact)
    return "not published" if fact.at_most is None else f"at most {show(fact.at_most)}"


@phrase(Reported)
def _reported(fact: Reported) -> str:
    if fact.value is not None:
        return str(fact.value)
    return fact.status if fact.at_most is None else f"{fact.status} (at most {fact.at_most})"


@phrase(Need)
def _need(fact: Need) -> str:
    return f"{fact.percent_text} of {_reported(fact.base)} = {_amount(fact.needed)}"


@phrase(Measured)
def _measured(fact: Measured) -> str:
    sign = ">=" if fact.inclusive else ">"
    bound = " (its published bound)" if fact.bound else ""
    return f"{_amount(fact.votes)}{bound} {sign if fact.met else f'is not {sign}'} {_need(fact.need)}"


@phrase(Undecided)
def _undecided(fact: Undecided) -> str:
    where = f" in {fact.where}" if fact.where is not None else ""
    parts = []
    if fact.votes_status is not None:
        parts.append(f"votes of {fact.selection or EACH}{where} {fact.votes_status}")
    if fact.base_status is not None:
        parts.append(f"{fact.base}{where} {fact.base_status}")
    return "; ".join(parts)


@phrase(NoNation)
def _no_nation(fact: NoNation) -> str:
    purpose = "count the districts in" if fact.counting else "measure the national share in"
    return f"the data gives no unit above {fact.unit} to {purpose}"


@phrase(UnitsIncomplete)
def _units_incomplete(fact: UnitsIncomplete) -> str:
    have = f"{fact.found} of the {fact.expected}" if fact.expected is not None else "no"
    return f"the data has {have} units of level `{fact.level}` under {fact.unit}"


@phrase(BelowInUnits)
def _below_in_units(fact: BelowInUnits) -> str:
    failed = "; ".join(f"{unit}: {_measured(measured)}" for unit, measured in fact.failures)
    return f"below {_comparison(fact.inclusive)} {fact.percent_text} of {fact.base} in {failed}"


@phrase(UnpublishedInUnits)
def _unpublished_in_units(fact: UnpublishedInUnits) -> str:
    what = []
    if fact.votes_missing:
        what.append(f"votes of {fact.selection or EACH} in {fact.votes_missing}")
    if fact.base_missing:
        what.append(f"{fact.base} in {fact.base_missing}")
    return (
        f"not published: {' and '.join(what)} of the {fact.units} units of level `{fact.level}` "
        f"({', '.join(fact.unknown)})"
    )


@phrase(MetInAllUnits)
def _met_in_all_units(fact: MetInAllUnits) -> str:
    return (
        f"{_comparison(fact.inclusive)} {fact.percent_text} of {fact.base} in all {fact.units} units of level "
        f"`{fact.level}`"
    )


@phrase(MetInSomeUnits)
def _met_in_some_units(fact: MetInSomeUnits) -> str:
    what = (
        f"{_comparison(fact.inclusive)} {fact.percent_text} of {fact.base} in {fact.met} of {fact.total} units of "
        f"level `{fact.level}`"
    )
    if fact.verdict is Verdict.PASSED:
        return f"{what} (needed: {fact.needed})"
    if fact.verdict is Verdict.FAILED:
        return f"{what}; needed: {fact.needed}"
    return f"{what}; needed: {fact.needed}; not published in {len(fact.unknown)} ({', '.join(fact.unknown)})"


@phrase(ThresholdMeasured)
def _threshold_measured(fact: ThresholdMeasured) -> str:
    shown = ""
    if fact.share is not None:
        exact = show_ratio(fact.share.numerator * 100, fact.share.denominator, 6)
        shown = f" (share {percent(fact.share)} = {exact}%)"
    return f"{fact.selection}: {fact.verdict}: {say(fact.detail)}{shown}"


# ---- the alternative of constituency wins ------------------------------------------------------------------


@phrase(WinsNotInData)
def _wins_not_in_data(fact: WinsNotInData) -> str:
    return (
        f"{fact.selection}: the alternative of {fact.needed} constituency wins is not evaluated: "
        f"constituency_wins of {fact.selection} not in the data"
    )


@phrase(WinsCounted)
def _wins_counted(fact: WinsCounted) -> str:
    enough = "at least" if fact.enough else "fewer than"
    return f"{fact.selection}: {fact.wins} constituency wins, {enough} {fact.needed}"


@phrase(WithoutWins)
def _without_wins(fact: WithoutWins) -> str:
    return f"{say(fact.detail)}; constituency_wins of {fact.selection} not in the data"


@phrase(WithWins)
def _with_wins(fact: WithWins) -> str:
    return f"{say(fact.detail)}; {fact.wins} constituency wins (needed: {fact.needed})"


# ---- fallbacks ---------------------------------------------------------------------------------------------


@phrase(FewerNotEvaluated)
def _fewer_not_evaluated(fact: FewerNotEvaluated) -> str:
    return (
        f"only {fact.passing} list(s) qualify, fewer than {fact.fewer_than}; the fallback is not evaluated: "
        f"votes of {', '.join(fact.lists)} not in the data"
    )


@phrase(FewerQualify)
def _fewer_qualify(fact: FewerQualify) -> str:
    undecided = f"; undecided among {', '.join(fact.undecided)}" if fact.undecided else ""
    return (
        f"only {fact.passing} list(s) qualify, fewer than {fact.fewer_than}: the {fact.take} with the most votes "
        f"qualify: {', '.join(fact.chosen)}{undecided}"
    )


@phrase(QualifiesByNumber)
def _qualifies_by_number(fact: QualifiesByNumber) -> str:
    return f"qualifies by the fallback ({fact.passing} passed)"


@phrase(TiedForFallback)
def _tied_for_fallback(fact: TiedForFallback) -> str:
    return "tied for the fallback's last place"


@phrase(FallbackPending)
def _fallback_pending(fact: FallbackPending) -> str:
    return "fallback not evaluated"


@phrase(ShareHeld)
def _share_held(fact: ShareHeld) -> str:
    return f"the qualifying lists hold {fact.held} votes, at least {show(fact.needed)}: no list is added"


@phrase(ShareJoined)
def _share_joined(fact: ShareJoined) -> str:
    short = "" if fact.reached else f"; every list has joined and they still hold less than {show(fact.needed)}"
    return (
        f"the qualifying lists hold less than {show(fact.needed)} votes: {', '.join(fact.added)} join in order of "
        f"votes, and they hold {fact.held}{short}"
    )


@phrase(QualifiesByShare)
def _qualifies_by_share(fact: QualifiesByShare) -> str:
    return f"qualifies by the fallback ({show(fact.share * 100)}% rule)"


# ---- national minorities -----------------------------------------------------------------------------------


def _joint_why(seated: tuple[str, ...], pending: tuple[str, ...]) -> str:
    if seated:
        return f"{', '.join(seated)} qualif{'y' if len(seated) > 1 else 'ies'} by the other thresholds"
    return f"whether {', '.join(pending)} qualif{'y' if len(pending) > 1 else 'ies'} is not known"


@phrase(JointNotApplied)
def _joint_not_applied(fact: JointNotApplied) -> str:
    why = _joint_why(fact.seated, fact.pending)
    return f"national minority {fact.minority}: the joint threshold does not apply: {why}"


@phrase(JointUndecided)
def _joint_undecided(fact: JointUndecided) -> str:
    return f"joint threshold: {_joint_why(fact.seated, fact.pending)}"


@phrase(JointList)
def _joint_list(fact: JointList) -> str:
    return (
        f"national minority {fact.minority}: {' + '.join(fact.members)} take part as one list, which takes at "
        f"most {fact.most} seat(s)"
    )


@phrase(NoMinorityList)
def _no_minority_list(fact: NoMinorityList) -> str:
    return f"national minority {fact.minority}: no list"


@phrase(ReservedNotEvaluated)
def _reserved_not_evaluated(fact: ReservedNotEvaluated) -> str:
    return f"reserved seat not evaluated: {_missing(fact.missing)}"


@phrase(MinorityLeadTied)
def _minority_lead_tied(fact: MinorityLeadTied) -> str:
    return f"the lead of national minority {fact.minority} is tied: {', '.join(fact.tied)}"


# ---- a sliding majority bonus ------------------------------------------------------------------------------


@phrase(BelowBonusThreshold)
def _below_bonus_threshold(fact: BelowBonusThreshold) -> str:
    short = "less than" if fact.inclusive else "no more than"
    return f"{fact.leader} leads with {short} {fact.percent_text} of {fact.base}: no bonus ({say(fact.detail)})"


@phrase(ShareNotExact)
def _share_not_exact(fact: ShareNotExact) -> str:
    return f"the share of {fact.leader} is not known exactly: {say(fact.detail)}"


@phrase(BonusNotEvaluated)
def _bonus_not_evaluated(fact: BonusNotEvaluated) -> str:
    return f"not evaluated: {_share_not_exact(fact.reason)}"


@phrase(SlidingBonus)
def _sliding_bonus(fact: SlidingBonus) -> str:
    capped = f", at most {fact.most}" if fact.scaled > fact.most else ""
    return (
        f"{fact.leader} leads with {show(fact.share * 100, 6)}% of {fact.base}, {fact.percent_text} needed: "
        f"{fact.seats} seat(s) and {fact.per_step} more for each of {fact.steps} whole step(s) of "
        f"{show(fact.step * 100)}% above it = {fact.scaled}{capped}: {fact.awarded} bonus seat(s)"
    )


# ---- the national tier of adjustment seats -----------------------------------------------------------------

_NOT_COMPUTED = "adjustment seats not computed"


@phrase(DistrictsNotFinal)
def _districts_not_final(fact: DistrictsNotFinal) -> str:
    return f"{_NOT_COMPUTED}: the district seats of {', '.join(fact.units) or 'no district'} are not final"


@phrase(NoSingleNation)
def _no_single_nation(fact: NoSingleNation) -> str:
    return f"{_NOT_COMPUTED}: the results give no single nation above the districts"


@phrase(TierThresholdUndecided)
def _tier_threshold_undecided(fact: TierThresholdUndecided) -> str:
    return f"{_NOT_COMPUTED}: the threshold of the tier is not evaluated for {', '.join(fact.lists)}"


@phrase(NationalVotesUnpublished)
def _national_votes_unpublished(fact: NationalVotesUnpublished) -> str:
    return f"{_NOT_COMPUTED}: the national votes of {', '.join(fact.lists)} are not published"


@phrase(AdjustmentShares)
def _adjustment_shares(fact: AdjustmentShares) -> str:
    shares = ", ".join(f"{name} {seats}" for name, seats in fact.shares)
    over = f"; {', '.join(fact.over)} won more district seats and keep them; the others again" if fact.over else ""
    return f"shares of {fact.house} seats: {shares}{over}"


@phrase(AdjustmentLot)
def _adjustment_lot(fact: AdjustmentLot) -> str:
    return f"{fact.seats} adjustment seat(s) to be drawn by lot among {', '.join(fact.tied)}"


# ---- a unit of a contest of lists --------------------------------------------------------------------------


@phrase(NoTurnoutMinimum)
def _no_turnout_minimum(fact: NoTurnoutMinimum) -> str:
    return "the law sets no turnout minimum: valid"


@phrase(ValidAtAnyTurnout)
def _valid_at_any_turnout(fact: ValidAtAnyTurnout) -> str:
    return "valid at any turnout"


@phrase(ListsNotEvaluated)
def _lists_not_evaluated(fact: ListsNotEvaluated) -> str:
    return f"not evaluated for {len(fact.lists)} list(s) ({', '.join(fact.lists)}): {say(fact.detail)}"


@phrase(NothingQualifies)
def _nothing_qualifies(fact: NothingQualifies) -> str:
    hint = (
        ""
        if fact.rerun_rule
        else "; the rule file states no rule for this case (write `rerun if no list qualifies` if the law orders a "
        "repeat election)"
    )
    return f"no list qualifies: no seat can be allocated{hint}"


@phrase(QualifiersWithoutVotes)
def _qualifiers_without_votes(fact: QualifiersWithoutVotes) -> str:
    return "the lists that qualify have no votes: no seat can be allocated"


@phrase(SeatsUnknown)
def _seats_unknown(fact: SeatsUnknown) -> str:
    if fact.apportioned:
        return f"the seats of {fact.unit} are not known: the house could not be shared among the units"
    return f"the rule file gives no number of seats for {fact.unit}: seats not computed"


@phrase(VotesUnpublished)
def _votes_unpublished(fact: VotesUnpublished) -> str:
    return f"seats not computed: the votes of {', '.join(fact.lists)} are not published and the lists may qualify"


_PARTS: dict[Part, str] = {
    Part.BONUS: "majority bonus not evaluated",
    Part.MIXED: "constituency seats not taken into account",
    Part.TIES: "tie rule not evaluated",
    Part.MINIMUM: "minimum seats not given",
}


@phrase(PartNotEvaluated)
def _part_not_evaluated(fact: PartNotEvaluated) -> str:
    return f"{_PARTS[fact.part]}: {_missing(fact.missing)}"


@phrase(NoSeatsAwarded)
def _no_seats_awarded(fact: NoSeatsAwarded) -> str:
    return "no seats are awarded: the election in this unit is void or must be repeated"


@phrase(SeatsAwaitFigures)
def _seats_await_figures(fact: SeatsAwaitFigures) -> str:
    return "seats cannot be computed until the missing figures are published"


@phrase(SeatsFromVotes)
def _seats_from_votes(fact: SeatsFromVotes) -> str:
    parts = [f"seats computed from the published votes of the {fact.lists} list(s) that are not excluded"]
    independent = []
    if fact.unpublished:
        independent.append(
            f"the unpublished votes of {fact.unpublished} list(s), each excluded by a threshold on its published bound"
        )
    if fact.unused_counts:
        independent.append(", ".join(fact.unused_counts) + " (used only by other checks)")
    if independent:
        parts.append("they do not depend on " + " nor on ".join(independent))
    if fact.conditional:
        parts.append(
            f"they are conditional: they hold if the lists also pass {', '.join(fact.pending)}, which could not be "
            "evaluated"
        )
    return "; ".join(parts)


_GROWTH: dict[Growth, str] = {
    Growth.OVERHANG_KEPT: "overhang seats kept",
    Growth.LEVELLED: "the house levelled to the constituency seats",
    Growth.STABLE_MAJORITY: "seats added for a stable majority",
    Growth.ADDED: "seats added",
}


@phrase(HouseGrows)
def _house_grows(fact: HouseGrows) -> str:
    return f"{say(fact.note)}; the house grows by {fact.added} seat(s) ({_GROWTH[fact.why]})"


@phrase(ListSeatsCounted)
def _list_seats_counted(fact: ListSeatsCounted) -> str:
    wins = ", ".join(f"{name} {'not in the data' if won is None else won}" for name, won in fact.wins)
    return f"{say(fact.note)}; these are list seats: each list's divisors count its constituency seats ({wins})"


# ---- a question put to the voters --------------------------------------------------------------------------


@phrase(ConditionNotEvaluated)
def _condition_not_evaluated(fact: ConditionNotEvaluated) -> str:
    return f"{fact.kind} not evaluated: {'; '.join(fact.missing)}"


_QUESTION: dict[Status, str] = {
    Status.VOID: "the vote is void: a validity condition (such as a turnout quorum) is not met",
    Status.PROVISIONAL: "the result cannot be confirmed until the missing figures are published",
    Status.RECOUNT: "a recount is ordered before the result is declared",
    Status.REJECTED: "no option is approved",
}


@phrase(QuestionDecided)
def _question_decided(fact: QuestionDecided) -> str:
    if fact.status is Status.APPROVED:
        return f"approved: {', '.join(fact.approved)}"
    return _QUESTION[fact.status]

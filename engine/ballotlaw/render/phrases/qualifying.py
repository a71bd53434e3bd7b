"""Phrases of the qualifying family (ballotlaw.facts.qualifying)."""

from __future__ import annotations

from ...facts.qualifying import (
    AdjustmentLot,
    AdjustmentShares,
    Amount,
    BelowBonusThreshold,
    BelowInUnits,
    BonusNotEvaluated,
    BoundFrom,
    ConditionNotEvaluated,
    DistrictsNotFinal,
    EitherShare,
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
    MembersUnknown,
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
    QualifiesEitherWay,
    QuestionDecided,
    Reported,
    ReservedNotEvaluated,
    SeatReturned,
    SeatsAwaitFigures,
    SeatsFromVotes,
    SeatsUnknown,
    SeriesContinued,
    ShareHeld,
    ShareJoined,
    ShareNotExact,
    SlidingBonus,
    SurplusKept,
    SurplusReturnLot,
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
from ...i18n import N_, _, ngettext
from ...i18n.formats import integer, number, percent, percent_number, percent_ratio, written_percent
from ...states import Status, Verdict
from . import phrase, say
from .words import figure_status, missing, word

EACH = N_("each list")  # who `selection: None` names


def _each(selection: str | None) -> str:
    return selection or _(EACH)


def _comparison(inclusive: bool) -> str:
    return _("at least") if inclusive else _("more than")


def _count(singular: str, n: int, **values: object) -> str:
    """A message with a count `n` (its plural forms; English writes `list(s)` either way)."""
    return ngettext(singular, singular, n).format(**values)


def _missing(items: Missing) -> str:
    return missing(items)


# ---- a threshold measured ----------------------------------------------------------------------------------


@phrase(Amount)
def _amount(fact: Amount) -> str:
    if fact.exact is not None:
        return number(fact.exact)
    bounds = [_("at least {value}").format(value=number(fact.at_least))] if fact.at_least else []
    bounds += [_("at most {value}").format(value=number(fact.at_most))] if fact.at_most is not None else []
    return ", ".join(bounds) if bounds else figure_status("not published")


@phrase(BoundFrom)
def _bound_from(fact: BoundFrom) -> str:
    return _("votes of the lists") if fact.name == "votes" else fact.name


@phrase(Reported)
def _reported(fact: Reported) -> str:
    if fact.value is not None:
        return integer(fact.value)
    bounds = [_("at least {value}").format(value=integer(fact.at_least))] if fact.at_least else []
    bounds += [_("at most {value}").format(value=integer(fact.at_most))] if fact.at_most is not None else []
    if fact.at_least is not None and fact.at_least == fact.at_most:
        bounds = [integer(fact.at_least)]  # pinned by the figures around it
    if fact.by:
        bounds[-1] += _(": from the published {figures}").format(figures=", ".join(_bound_from(b) for b in fact.by))
    status = figure_status(fact.status) if fact.name is None else f"{fact.name} {figure_status(fact.status)}"
    return f"{status} ({', '.join(bounds)})" if bounds else status


@phrase(Need)
def _need(fact: Need) -> str:
    need = _("{percent} of {base} = {needed}").format(
        percent=written_percent(fact.percent_text), base=_reported(fact.base), needed=_amount(fact.needed)
    )
    if fact.whole is None:
        return need
    return need + _(", rounded down to whole votes: {whole}").format(whole=_amount(fact.whole))


@phrase(Measured)
def _measured(fact: Measured) -> str:
    sign = ">=" if fact.inclusive else ">"
    bound = _(" (its published bound)") if fact.bound and not fact.by else ""
    if fact.by:
        bound = _(" (its bound from the published {figures})").format(
            figures=", ".join(_bound_from(b) for b in fact.by)
        )
    relation = sign if fact.met else _("is not {sign}").format(sign=sign)
    return f"{_amount(fact.votes)}{bound} {relation} {_need(fact.need)}"


@phrase(MembersUnknown)
def _members_unknown(fact: MembersUnknown) -> str:
    if fact.high is None:
        parties = _("coalitions of {low} or more parties").format(low=integer(fact.low))
    else:
        parties = _("coalitions of {low} to {high} parties").format(low=integer(fact.low), high=integer(fact.high))
    return _(
        "{selection} is an alliance whose number of parties the data does not give (coalition_members): "
        "whether this threshold for {parties} applies is not known"
    ).format(selection=fact.selection, parties=parties)


@phrase(Undecided)
def _undecided(fact: Undecided) -> str:
    parts = []
    if fact.votes_status is not None:
        text = _("votes of {name} {status}") if fact.where is None else _("votes of {name} in {where} {status}")
        parts.append(text.format(name=_each(fact.selection), where=fact.where, status=figure_status(fact.votes_status)))
    if fact.base_status is not None:
        text = _("{base} {status}") if fact.where is None else _("{base} in {where} {status}")
        parts.append(text.format(base=fact.base, where=fact.where, status=figure_status(fact.base_status)))
    return "; ".join(parts)


@phrase(NoNation)
def _no_nation(fact: NoNation) -> str:
    if fact.counting:
        return _("the data gives no unit above {unit} to count the districts in").format(unit=fact.unit)
    return _("the data gives no unit above {unit} to measure the national share in").format(unit=fact.unit)


@phrase(UnitsIncomplete)
def _units_incomplete(fact: UnitsIncomplete) -> str:
    if fact.expected is None:
        return _("the data has no units of level `{level}` under {unit}").format(level=fact.level, unit=fact.unit)
    return _("the data has {found} of the {expected} units of level `{level}` under {unit}").format(
        found=integer(fact.found), expected=integer(fact.expected), level=fact.level, unit=fact.unit
    )


@phrase(BelowInUnits)
def _below_in_units(fact: BelowInUnits) -> str:
    failed = "; ".join(f"{unit}: {_measured(measured)}" for unit, measured in fact.failures)
    text = (
        _("below at least {percent} of {base} in {failed}")
        if fact.inclusive
        else _("below more than {percent} of {base} in {failed}")
    )
    return text.format(percent=written_percent(fact.percent_text), base=fact.base, failed=failed)


@phrase(UnpublishedInUnits)
def _unpublished_in_units(fact: UnpublishedInUnits) -> str:
    what = []
    if fact.votes_missing:
        what.append(
            _("votes of {name} in {count}").format(name=_each(fact.selection), count=integer(fact.votes_missing))
        )
    if fact.base_missing:
        what.append(_("{base} in {count}").format(base=fact.base, count=integer(fact.base_missing)))
    return _("not published: {what} of the {units} units of level `{level}` ({unknown})").format(
        what=_(" and ").join(what), units=integer(fact.units), level=fact.level, unknown=", ".join(fact.unknown)
    )


@phrase(MetInAllUnits)
def _met_in_all_units(fact: MetInAllUnits) -> str:
    text = (
        _("at least {percent} of {base} in all {units} units of level `{level}`")
        if fact.inclusive
        else _("more than {percent} of {base} in all {units} units of level `{level}`")
    )
    return text.format(
        percent=written_percent(fact.percent_text), base=fact.base, units=integer(fact.units), level=fact.level
    )


@phrase(MetInSomeUnits)
def _met_in_some_units(fact: MetInSomeUnits) -> str:
    what = (
        _("at least {percent} of {base} in {met} of {total} units of level `{level}`")
        if fact.inclusive
        else _("more than {percent} of {base} in {met} of {total} units of level `{level}`")
    ).format(
        percent=written_percent(fact.percent_text),
        base=fact.base,
        met=integer(fact.met),
        total=integer(fact.total),
        level=fact.level,
    )
    needed = integer(fact.needed)
    if fact.verdict is Verdict.PASSED:
        return what + _(" (needed: {needed})").format(needed=needed)
    if fact.verdict is Verdict.FAILED:
        return what + _("; needed: {needed}").format(needed=needed)
    return what + _("; needed: {needed}; not published in {count} ({unknown})").format(
        needed=needed, count=integer(len(fact.unknown)), unknown=", ".join(fact.unknown)
    )


@phrase(ThresholdMeasured)
def _threshold_measured(fact: ThresholdMeasured) -> str:
    shown = ""
    if fact.share is not None:
        exact = percent_ratio(fact.share.numerator * 100, fact.share.denominator, 6)
        shown = _(" (share {share} = {exact})").format(share=percent(fact.share), exact=exact)
    return f"{fact.selection}: {word(fact.verdict)}: {say(fact.detail)}{shown}"


# ---- the alternative of constituency wins ------------------------------------------------------------------


@phrase(WinsNotInData)
def _wins_not_in_data(fact: WinsNotInData) -> str:
    return _(
        "{name}: the alternative of {needed} constituency wins is not evaluated: "
        "constituency_wins of {name} not in the data"
    ).format(name=fact.selection, needed=integer(fact.needed))


@phrase(WinsCounted)
def _wins_counted(fact: WinsCounted) -> str:
    text = (
        _("{name}: {wins} constituency wins, at least {needed}")
        if fact.enough
        else _("{name}: {wins} constituency wins, fewer than {needed}")
    )
    return text.format(name=fact.selection, wins=integer(fact.wins), needed=integer(fact.needed))


@phrase(WithoutWins)
def _without_wins(fact: WithoutWins) -> str:
    return say(fact.detail) + _("; constituency_wins of {name} not in the data").format(name=fact.selection)


@phrase(EitherShare)
def _either_share(fact: EitherShare) -> str:
    return _("{first}; or, instead: {second}").format(first=say(fact.detail), second=say(fact.alternative))


@phrase(WithWins)
def _with_wins(fact: WithWins) -> str:
    return say(fact.detail) + _("; {wins} constituency wins (needed: {needed})").format(
        wins=integer(fact.wins), needed=integer(fact.needed)
    )


# ---- fallbacks ---------------------------------------------------------------------------------------------


@phrase(FewerNotEvaluated)
def _fewer_not_evaluated(fact: FewerNotEvaluated) -> str:
    return _count(
        "only {passing} list(s) qualify, fewer than {fewer}; the fallback is not evaluated: the votes of {names}, "
        "as far as the data gives them, do not decide which lists have the most",
        fact.passing,
        passing=integer(fact.passing),
        fewer=integer(fact.fewer_than),
        names=", ".join(fact.lists),
    )


@phrase(FewerQualify)
def _fewer_qualify(fact: FewerQualify) -> str:
    undecided = _("; undecided among {names}").format(names=", ".join(fact.undecided)) if fact.undecided else ""
    return (
        _count(
            "only {passing} list(s) qualify, fewer than {fewer}: the {take} with the most votes qualify: {chosen}",
            fact.passing,
            passing=integer(fact.passing),
            fewer=integer(fact.fewer_than),
            take=integer(fact.take),
            chosen=", ".join(fact.chosen),
        )
        + undecided
    )


@phrase(QualifiesEitherWay)
def _qualifies_either_way(fact: QualifiesEitherWay) -> str:
    parts = [
        _count(
            "{passing} list(s) qualify and {undetermined} are undetermined: the rule may apply",
            fact.passing,
            passing=integer(fact.passing),
            undetermined=integer(fact.undetermined),
        )
    ]
    if fact.chosen:
        parts.append(
            _(
                "if any undetermined list fails, fewer than {fewer} qualify and the {take} with the most votes do; "
                "{chosen}, surely among them, qualify either way"
            ).format(fewer=integer(fact.fewer_than), take=integer(fact.take), chosen=", ".join(fact.chosen))
        )
    if fact.pending:
        parts.append(_("it may admit {lists}").format(lists=", ".join(fact.pending)))
    return "; ".join(parts)


@phrase(QualifiesByNumber)
def _qualifies_by_number(fact: QualifiesByNumber) -> str:
    return _("qualifies by the fallback ({passing} passed)").format(passing=integer(fact.passing))


@phrase(TiedForFallback)
def _tied_for_fallback(fact: TiedForFallback) -> str:
    return _("tied for the fallback's last place")


@phrase(FallbackPending)
def _fallback_pending(fact: FallbackPending) -> str:
    return _("fallback not evaluated")


@phrase(ShareHeld)
def _share_held(fact: ShareHeld) -> str:
    return _("the qualifying lists hold {held} votes, at least {needed}: no list is added").format(
        held=integer(fact.held), needed=number(fact.needed)
    )


@phrase(ShareJoined)
def _share_joined(fact: ShareJoined) -> str:
    short = (
        ""
        if fact.reached
        else _("; every list has joined and they still hold less than {needed}").format(needed=number(fact.needed))
    )
    text = _("the qualifying lists hold less than {needed} votes: {added} join in order of votes, and they hold {held}")
    return text.format(needed=number(fact.needed), added=", ".join(fact.added), held=integer(fact.held)) + short


@phrase(QualifiesByShare)
def _qualifies_by_share(fact: QualifiesByShare) -> str:
    return _("qualifies by the fallback ({percent} rule)").format(percent=percent_number(fact.share * 100))


# ---- national minorities -----------------------------------------------------------------------------------


def _joint_why(seated: tuple[str, ...], pending: tuple[str, ...]) -> str:
    if seated:
        text = ngettext(
            "{names} qualifies by the other thresholds", "{names} qualify by the other thresholds", max(len(seated), 1)
        )
        return text.format(names=", ".join(seated))
    text = ngettext(
        "whether {names} qualifies is not known", "whether {names} qualify is not known", max(len(pending), 1)
    )
    return text.format(names=", ".join(pending))


@phrase(JointNotApplied)
def _joint_not_applied(fact: JointNotApplied) -> str:
    why = _joint_why(fact.seated, fact.pending)
    return _("national minority {minority}: the joint threshold does not apply: {why}").format(
        minority=fact.minority, why=why
    )


@phrase(JointUndecided)
def _joint_undecided(fact: JointUndecided) -> str:
    return _("joint threshold: {why}").format(why=_joint_why(fact.seated, fact.pending))


@phrase(JointList)
def _joint_list(fact: JointList) -> str:
    return _count(
        "national minority {minority}: {members} take part as one list, which takes at most {most} seat(s)",
        fact.most,
        minority=fact.minority,
        members=" + ".join(fact.members),
        most=integer(fact.most),
    )


@phrase(NoMinorityList)
def _no_minority_list(fact: NoMinorityList) -> str:
    return _("national minority {minority}: no list").format(minority=fact.minority)


@phrase(ReservedNotEvaluated)
def _reserved_not_evaluated(fact: ReservedNotEvaluated) -> str:
    return _("reserved seat not evaluated: {missing}").format(missing=_missing(fact.missing))


@phrase(MinorityLeadTied)
def _minority_lead_tied(fact: MinorityLeadTied) -> str:
    return _("the lead of national minority {minority} is tied: {names}").format(
        minority=fact.minority, names=", ".join(fact.tied)
    )


# ---- a sliding majority bonus ------------------------------------------------------------------------------


@phrase(BelowBonusThreshold)
def _below_bonus_threshold(fact: BelowBonusThreshold) -> str:
    text = (
        _("{leader} leads with less than {percent} of {base}: no bonus ({detail})")
        if fact.inclusive
        else _("{leader} leads with no more than {percent} of {base}: no bonus ({detail})")
    )
    return text.format(
        leader=fact.leader, percent=written_percent(fact.percent_text), base=fact.base, detail=say(fact.detail)
    )


@phrase(ShareNotExact)
def _share_not_exact(fact: ShareNotExact) -> str:
    return _("the share of {leader} is not known exactly: {detail}").format(leader=fact.leader, detail=say(fact.detail))


@phrase(BonusNotEvaluated)
def _bonus_not_evaluated(fact: BonusNotEvaluated) -> str:
    return _("not evaluated: {why}").format(why=_share_not_exact(fact.reason))


@phrase(SlidingBonus)
def _sliding_bonus(fact: SlidingBonus) -> str:
    capped = _(", at most {most}").format(most=integer(fact.most)) if fact.scaled > fact.most else ""
    return _(
        "{leader} leads with {share} of {base}, {percent} needed: {seats} seat(s) and {per_step} more for each of "
        "{steps} whole step(s) of {step} above it = {scaled}{capped}: {awarded} bonus seat(s)"
    ).format(
        leader=fact.leader,
        share=percent_number(fact.share * 100, 6),
        base=fact.base,
        percent=written_percent(fact.percent_text),
        seats=integer(fact.seats),
        per_step=integer(fact.per_step),
        steps=integer(fact.steps),
        step=percent_number(fact.step * 100),
        scaled=integer(fact.scaled),
        capped=capped,
        awarded=integer(fact.awarded),
    )


# ---- the national tier of adjustment seats -----------------------------------------------------------------

_NOT_COMPUTED = N_("adjustment seats not computed")


@phrase(DistrictsNotFinal)
def _districts_not_final(fact: DistrictsNotFinal) -> str:
    if not fact.units:
        return _(_NOT_COMPUTED) + _(": the district seats of no district are not final")
    return _(_NOT_COMPUTED) + _(": the district seats of {units} are not final").format(units=", ".join(fact.units))


@phrase(NoSingleNation)
def _no_single_nation(fact: NoSingleNation) -> str:
    return _(_NOT_COMPUTED) + _(": the results give no single nation above the districts")


@phrase(TierThresholdUndecided)
def _tier_threshold_undecided(fact: TierThresholdUndecided) -> str:
    return _(_NOT_COMPUTED) + _(": the threshold of the tier is not evaluated for {names}").format(
        names=", ".join(fact.lists)
    )


@phrase(NationalVotesUnpublished)
def _national_votes_unpublished(fact: NationalVotesUnpublished) -> str:
    return _(_NOT_COMPUTED) + _(": the national votes of {names} are not published").format(names=", ".join(fact.lists))


@phrase(AdjustmentShares)
def _adjustment_shares(fact: AdjustmentShares) -> str:
    shares = ", ".join(f"{name} {integer(seats)}" for name, seats in fact.shares)
    over = (
        _("; {names} won more district seats and keep them; the others again").format(names=", ".join(fact.over))
        if fact.over
        else ""
    )
    return _("shares of {house} seats: {shares}").format(house=integer(fact.house), shares=shares) + over


@phrase(SeriesContinued)
def _series_continued(fact: SeriesContinued) -> str:
    given = ", ".join(
        _("{name} {won} + {new}").format(name=name, won=integer(won), new=integer(new)) for name, won, new in fact.given
    )
    tied = _("; a lot among {names}").format(names=", ".join(fact.tied)) if fact.tied else ""
    return (
        ngettext(
            "{seats} seat by each list's next average after its district seats: {given}",
            "{seats} seats by each list's next average after its district seats: {given}",
            fact.seats,
        ).format(seats=integer(fact.seats), given=given)
        + tied
    )


@phrase(AdjustmentLot)
def _adjustment_lot(fact: AdjustmentLot) -> str:
    return _count(
        "{seats} adjustment seat(s) to be drawn by lot among {names}",
        fact.seats,
        seats=integer(fact.seats),
        names=", ".join(fact.tied),
    )


@phrase(SeatReturned)
def _seat_returned(fact: SeatReturned) -> str:
    return _count(
        "{name} holds {surplus} district seat(s) beyond its share: its seat won with the lowest quotient here "
        "({quotient}) goes to {receiver}, below its share, with the highest next quotient ({next})",
        fact.surplus,
        name=fact.selection,
        surplus=integer(fact.surplus),
        quotient=number(fact.quotient),
        receiver=fact.receiver,
        next=number(fact.receiver_quotient),
    )


@phrase(SurplusKept)
def _surplus_kept(fact: SurplusKept) -> str:
    return _count(
        "{name} keeps {seats} district seat(s) beyond its share: no district may return them",
        fact.seats,
        name=fact.selection,
        seats=integer(fact.seats),
    )


@phrase(SurplusReturnLot)
def _surplus_return_lot(fact: SurplusReturnLot) -> str:
    return _("which seat of {name}'s surplus is returned, or to whom, is to be drawn by lot among {tied}").format(
        name=fact.selection, tied=", ".join(fact.tied)
    )


# ---- a unit of a contest of lists --------------------------------------------------------------------------


@phrase(NoTurnoutMinimum)
def _no_turnout_minimum(fact: NoTurnoutMinimum) -> str:
    return _("the law sets no turnout minimum: valid")


@phrase(ValidAtAnyTurnout)
def _valid_at_any_turnout(fact: ValidAtAnyTurnout) -> str:
    return _("valid at any turnout")


@phrase(ListsNotEvaluated)
def _lists_not_evaluated(fact: ListsNotEvaluated) -> str:
    return _count(
        "not evaluated for {count} list(s) ({names}): {detail}",
        len(fact.lists),
        count=integer(len(fact.lists)),
        names=", ".join(fact.lists),
        detail=say(fact.detail),
    )


@phrase(NothingQualifies)
def _nothing_qualifies(fact: NothingQualifies) -> str:
    hint = (
        ""
        if fact.rerun_rule
        else _(
            "; the rule file states no rule for this case (write `rerun if no list qualifies` if the law orders a "
            "repeat election)"
        )
    )
    return _("no list qualifies: no seat can be allocated") + hint


@phrase(QualifiersWithoutVotes)
def _qualifiers_without_votes(fact: QualifiersWithoutVotes) -> str:
    return _("the lists that qualify have no votes: no seat can be allocated")


@phrase(SeatsUnknown)
def _seats_unknown(fact: SeatsUnknown) -> str:
    if fact.apportioned:
        return _("the seats of {unit} are not known: the house could not be shared among the units").format(
            unit=fact.unit
        )
    return _("the rule file gives no number of seats for {unit}: seats not computed").format(unit=fact.unit)


@phrase(VotesUnpublished)
def _votes_unpublished(fact: VotesUnpublished) -> str:
    return _("seats not computed: the votes of {names} are not published and the lists may qualify").format(
        names=", ".join(fact.lists)
    )


_PARTS: dict[Part, str] = {
    Part.BONUS: N_("majority bonus not evaluated"),
    Part.MIXED: N_("constituency seats not taken into account"),
    Part.TIES: N_("tie rule not evaluated"),
    Part.MINIMUM: N_("minimum seats not given"),
    Part.ALLOCATE: N_("the method's figures not all known"),
}


@phrase(PartNotEvaluated)
def _part_not_evaluated(fact: PartNotEvaluated) -> str:
    return f"{_(_PARTS[fact.part])}: {_missing(fact.missing)}"


@phrase(NoSeatsAwarded)
def _no_seats_awarded(fact: NoSeatsAwarded) -> str:
    return _("no seats are awarded: the election in this unit is void or must be repeated")


@phrase(SeatsAwaitFigures)
def _seats_await_figures(fact: SeatsAwaitFigures) -> str:
    return _("seats cannot be computed until the missing figures are published")


@phrase(SeatsFromVotes)
def _seats_from_votes(fact: SeatsFromVotes) -> str:
    parts = [
        _count(
            "seats computed from the published votes of the {lists} list(s) that are not excluded",
            fact.lists,
            lists=integer(fact.lists),
        )
    ]
    independent = []
    if fact.unpublished:
        independent.append(
            _count(
                "the unpublished votes of {count} list(s), each excluded by a threshold on its published bound",
                fact.unpublished,
                count=integer(fact.unpublished),
            )
        )
    if fact.bounded_counts:
        independent.append(
            _(
                "the exact value of {counts} (the clauses measured on it are decided by the bounds the published "
                "figures give it)"
            ).format(counts=", ".join(fact.bounded_counts))
        )
    if fact.unused_counts:
        independent.append(_("{counts} (used only by other checks)").format(counts=", ".join(fact.unused_counts)))
    if independent:
        parts.append(_("they do not depend on {first}").format(first=_(" nor on ").join(independent)))
    if fact.conditional:
        parts.append(
            _("they are conditional: they hold if the lists also pass {pending}, which could not be evaluated").format(
                pending=", ".join(fact.pending)
            )
        )
    return "; ".join(parts)


_GROWTH: dict[Growth, str] = {
    Growth.OVERHANG_KEPT: N_("overhang seats kept"),
    Growth.LEVELLED: N_("the house levelled to the constituency seats"),
    Growth.STABLE_MAJORITY: N_("seats added for a stable majority"),
    Growth.ADDED: N_("seats added"),
}


@phrase(HouseGrows)
def _house_grows(fact: HouseGrows) -> str:
    return say(fact.note) + _count(
        "; the house grows by {added} seat(s) ({why})", fact.added, added=integer(fact.added), why=_(_GROWTH[fact.why])
    )


@phrase(ListSeatsCounted)
def _list_seats_counted(fact: ListSeatsCounted) -> str:
    absent = _("not in the data")
    wins = ", ".join(f"{name} {absent if won is None else integer(won)}" for name, won in fact.wins)
    return say(fact.note) + _(
        "; these are list seats: each list's divisors count its constituency seats ({wins})"
    ).format(wins=wins)


# ---- a question put to the voters --------------------------------------------------------------------------


@phrase(ConditionNotEvaluated)
def _condition_not_evaluated(fact: ConditionNotEvaluated) -> str:
    return _("{kind} not evaluated: {missing}").format(kind=word(fact.kind), missing=missing(fact.missing))


_QUESTION: dict[Status, str] = {
    Status.VOID: N_("the vote is void: a validity condition (such as a turnout quorum) is not met"),
    Status.PROVISIONAL: N_("the result cannot be confirmed until the missing figures are published"),
    Status.RECOUNT: N_("a recount is ordered before the result is declared"),
    Status.REJECTED: N_("no option is approved"),
}


@phrase(QuestionDecided)
def _question_decided(fact: QuestionDecided) -> str:
    if fact.status is Status.APPROVED:
        return _("approved: {names}").format(names=", ".join(fact.approved))
    return _(_QUESTION[fact.status])

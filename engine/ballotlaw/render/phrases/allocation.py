"""The allocation family's facts (facts/allocation.py) in words, in the current language (ballotlaw.i18n)."""

from __future__ import annotations

from ...facts import Fact
from ...facts import allocation as f
from ...i18n import N_, _, ngettext
from ...i18n.formats import integer, number, percent_number
from ...methods.kernels import ROUNDING_WORDS
from . import phrase, say
from .words import missing

#: ROUNDING_WORDS (methods/kernels.py) marked for translation; a rounding not here is said in English.
_ROUNDING = {
    "none": "",
    "up": N_("rounded up"),
    "down": N_("rounded down"),
    "nearest": N_("rounded to a whole number"),
    "down_plus_one": N_("its whole part plus 1"),
}


def _rounding(key: str) -> str:
    words = ROUNDING_WORDS[key]
    return _(words) if words and _ROUNDING.get(key) == words else words


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(names)


def _seats(given: f.Seats) -> str:
    return ", ".join(f"{name} {integer(seats)}" for name, seats in given)


def _in(name: str, unit: str) -> str:
    return _("{name} in {unit}").format(name=name, unit=unit)


def _pairs(pairs: f.Pairs) -> str:
    return ", ".join(_in(name, unit) for unit, name in pairs)


def _count(singular: str, n: int, **values: object) -> str:
    """A message with a count `n` (its plural forms; English writes `seat(s)` either way)."""
    return ngettext(singular, singular, n).format(**values)


# ---- one round of a method ---------------------------------------------------------------------------------


@phrase(f.QuotaRound)
def _quota_round(fact: f.QuotaRound) -> str:
    seats = ngettext("{seats} seats", "{seats} seats", fact.seats).format(seats=integer(fact.seats))
    over = seats if fact.offset == 0 else f"({seats} + {integer(fact.offset)})"
    rounded = "" if fact.quota == fact.exact else f", {_rounding(fact.rounding)}: {number(fact.quota)}"
    left = ", ".join(
        name
        if n == 1
        else ngettext("{name} ({seats} seats)", "{name} ({seats} seats)", n).format(name=name, seats=integer(n))
        for name, n in fact.remainder_seats
    )
    if fact.base:
        total = _("{base} {total}").format(base=fact.base, total=integer(fact.total))
    elif fact.base == "":
        total = _("{total} votes of the lists sharing the seats").format(total=integer(fact.total))
    else:
        total = _("{total} votes").format(total=integer(fact.total))
    to = _("seats left over to the most votes") if fact.leftover == "most votes" else _("remainder seats to")
    if fact.part is not None:
        to = _("one more seat for a remainder of at least {part} of the quota").format(
            part=percent_number(fact.part * 100)
        )
    rounds = (
        _(
            " (as many seats were left as lists with votes, or more: {rounds} to each of them first; a list "
            "without votes gets none)"
        ).format(rounds=integer(fact.rounds))
        if fact.rounds
        else ""
    )
    return _(
        "{method}: quota = {total} / {over} = {exact}{rounded}; full quotas: {full}; {to}: {left}{rounds}; "
        "seats: {given}"
    ).format(
        method=fact.method,
        total=total,
        over=over,
        exact=number(fact.exact),
        rounded=rounded,
        full=_seats(fact.full),
        to=to,
        left=left or _("none"),
        rounds=rounds,
        given=_seats(fact.given),
    ) + (_count("; {left} seat(s) left over", fact.left_over, left=integer(fact.left_over)) if fact.part else "")


@phrase(f.LeftToMostVotes)
def _left_to_most_votes(fact: f.LeftToMostVotes) -> str:
    given = ", ".join(
        name
        if n == 1
        else ngettext("{name} ({seats} seats)", "{name} ({seats} seats)", n).format(name=name, seats=integer(n))
        for name, n in fact.given
    )
    first = _(", {rounds} to every list with votes first").format(rounds=integer(fact.rounds)) if fact.rounds else ""
    return _count(
        "{left} seat(s) left over after the full quotas go to the lists with the most votes{first}: {given}",
        fact.left,
        left=integer(fact.left),
        first=first,
        given=given or _("none"),
    )


@phrase(f.QuotaBaseBelowVotes)
def _quota_base_below_votes(fact: f.QuotaBaseBelowVotes) -> str:
    return _("{base} ({value}) is below the votes of the lists sharing the seats, which the quota divides").format(
        base=fact.base, value=integer(fact.value)
    )


@phrase(f.MultiplierShare)
def _multiplier_share(fact: f.MultiplierShare) -> str:
    text = (
        "{name}: {votes} < {share} of {base} = {needed}: its votes are multiplied"
        if fact.below
        else "{name}: {votes} >= {share} of {base} = {needed}: its votes are not multiplied"
    )
    return _(text).format(
        name=fact.selection,
        votes=integer(fact.votes),
        share=fact.percent_text,
        base=fact.base,
        needed=number(fact.needed),
    )


@phrase(f.MultiplierNotDecided)
def _multiplier_not_decided(fact: f.MultiplierNotDecided) -> str:
    return _(
        "{name}: whether it has less than {share} of {base} is not known ({base} not published); its votes are "
        "multiplied until it is"
    ).format(name=fact.selection, share=fact.percent_text, base=fact.base)


@phrase(f.NoVotesRound)
def _no_votes_round(fact: f.NoVotesRound) -> str:
    return _("{method}: no votes, every list has an equal claim").format(method=fact.method)


@phrase(f.DivisorRound)
def _divisor_round(fact: f.DivisorRound) -> str:
    last = (
        _("; last seat at average {average}").format(average=number(fact.last_average))
        if fact.last_average is not None
        else ""
    )
    return _("{method}: seats: {given}").format(method=fact.method, given=_seats(fact.given)) + last


@phrase(f.Allocated)
def _allocated(fact: f.Allocated) -> str:
    counted = _(" (each list's divisors start after its constituency seats)") if fact.counted else ""
    return say(fact.result) + counted


@phrase(f.AllocatedTogether)
def _allocated_together(fact: f.AllocatedTogether) -> str:
    if fact.joint:
        return _("joint lists and lists in an agreement allocated together: {result}").format(result=say(fact.result))
    return _("lists in an agreement allocated together: {result}").format(result=say(fact.result))


@phrase(f.AgreementSplit)
def _agreement_split(fact: f.AgreementSplit) -> str:
    return _count(
        "the {seats} seat(s) of {block} split: {result}",
        fact.seats,
        seats=integer(fact.seats),
        block=fact.block,
        result=say(fact.result),
    )


@phrase(f.DistributedRound)
def _distributed_round(fact: f.DistributedRound) -> str:
    return f"{fact.selection}: {say(fact.result)}"


# ---- not evaluated -------------------------------------------------------------------------------------------


@phrase(f.MissingData)
def _missing_data(fact: f.MissingData) -> str:
    return _("not evaluated: {missing} not in the data").format(missing=missing(fact.missing))


# ---- ties ----------------------------------------------------------------------------------------------------


@phrase(f.LastSeats)
def _last_seats(fact: f.LastSeats) -> str:
    n = fact.count if fact.count is not None else 2
    if fact.count is None:
        text = (
            _("the last seat(s) (equal claims)")
            if fact.block is None
            else _("the last seat(s) of {block} (equal claims)")
        )
    elif fact.block is None:
        text = ngettext("the last {count} seat(s) (equal claims)", "the last {count} seat(s) (equal claims)", n)
    else:
        text = ngettext(
            "the last {count} seat(s) of {block} (equal claims)",
            "the last {count} seat(s) of {block} (equal claims)",
            n,
        )
    return text.format(count=integer(n), block=fact.block)


@phrase(f.TheSeat)
def _the_seat(fact: f.TheSeat) -> str:
    return _("the seat")


@phrase(f.TheTie)
def _the_tie(fact: f.TheTie) -> str:
    return _("the tie")


@phrase(f.MinorityLead)
def _minority_lead(fact: f.MinorityLead) -> str:
    return _("the leading list of national minority {minority}").format(minority=fact.minority)


@phrase(f.FallbackPlaces)
def _fallback_places(fact: f.FallbackPlaces) -> str:
    return _("the fallback's last place(s)")


def _tied_for(what: Fact, tied: tuple[str, ...], seats: int) -> str:
    return _count(
        "{what}: {names} are tied for {seats} seat(s)", seats, what=say(what), names=_names(tied), seats=integer(seats)
    )


@phrase(f.TieDrawn)
def _tie_drawn(fact: f.TieDrawn) -> str:
    return _("{tied}; the published draw decides: {chosen}").format(
        tied=_tied_for(fact.what, fact.tied, fact.seats), chosen=_names(fact.chosen)
    )


@phrase(f.TieWithoutRule)
def _tie_without_rule(fact: f.TieWithoutRule) -> str:
    return _("{tied}; the rule file states no tie rule, so a lot (or a decision of the commission) is needed").format(
        tied=_tied_for(fact.what, fact.tied, fact.seats)
    )


@phrase(f.TieByLot)
def _tie_by_lot(fact: f.TieByLot) -> str:
    what = f"{say(fact.what)}: " if fact.what is not None else ""
    return what + _count(
        "{names} are tied for {seats} seat(s); the law decides by lot",
        fact.seats,
        names=_names(fact.tied),
        seats=integer(fact.seats),
    )


@phrase(f.TieKeyMissing)
def _tie_key_missing(fact: f.TieKeyMissing) -> str:
    return _("{what}: tie rule `{key}` not evaluated: {missing} not in the data").format(
        what=say(fact.what), key=fact.key, missing=_names(fact.missing)
    )


@phrase(f.TieRanked)
def _tie_ranked(fact: f.TieRanked) -> str:
    decided = (
        _("{names} take(s) the seat(s)").format(names=_names(fact.decided)) if fact.decided else _("no one is ahead")
    )
    still = (
        _count(
            "; {names} remain tied for {seats}", fact.seats, names=_names(fact.still_tied), seats=integer(fact.seats)
        )
        if fact.still_tied and fact.seats
        else ""
    )
    return _("{what}: by `{key}`, {decided}").format(what=say(fact.what), key=fact.key, decided=decided) + still


@phrase(f.TieUnbroken)
def _tie_unbroken(fact: f.TieUnbroken) -> str:
    return _count(
        "{what}: {names} remain tied for {seats} seat(s) after every tie rule; a lot is needed",
        fact.seats,
        what=say(fact.what),
        names=_names(fact.tied),
        seats=integer(fact.seats),
    )


@phrase(f.SeatsKept)
def _seats_kept(fact: f.SeatsKept) -> str:
    block = _(" of {block}").format(block=fact.block) if fact.block is not None else ""
    return _count(
        "the {keep} seat(s){block} kept where {back} must be taken back (the quota handed out too many; equal "
        "remainders)",
        fact.keep,
        keep=integer(fact.keep),
        block=block,
        back=integer(fact.back),
    )


@phrase(f.TakeBackByLot)
def _take_back_by_lot(fact: f.TakeBackByLot) -> str:
    return _count(
        "{seats} seat(s) must be taken back from one of {names} (equal remainders): a lot is needed",
        fact.seats,
        seats=integer(fact.seats),
        names=_names(fact.tied),
    )


@phrase(f.AgreementTieUnresolved)
def _agreement_tie_unresolved(fact: f.AgreementTieUnresolved) -> str:
    return _("not evaluated: equal claims between lists in an agreement allocated as one: no tie rule is applied")


@phrase(f.AgreementTied)
def _agreement_tied(fact: f.AgreementTied) -> str:
    return _("equal claims between lists in an agreement allocated as one: no tie rule is applied ({names})").format(
        names=_names(fact.tied)
    )


@phrase(f.AgreementTakeBack)
def _agreement_take_back(fact: f.AgreementTakeBack) -> str:
    return _count(
        "{seats} seat(s) of {block} to take back from equal remainders ({names})",
        fact.seats,
        seats=integer(fact.seats),
        block=fact.block,
        names=_names(fact.tied),
    )


@phrase(f.SeatsByLot)
def _seats_by_lot(fact: f.SeatsByLot) -> str:
    n = abs(fact.seats)
    values = {"seats": integer(n), "of": fact.of, "names": _names(fact.tied)}
    if fact.seats > 0 and fact.of is None:
        return _count("{seats} seat(s) to be drawn by lot among {names}", n, **values)
    if fact.seats > 0:
        return _count("{seats} seat(s) of {of} to be drawn by lot among {names}", n, **values)
    if fact.of is None:
        return _count("{seats} seat(s) to be taken back, by lot, from one of {names}", n, **values)
    return _count("{seats} seat(s) of {of} to be taken back, by lot, from one of {names}", n, **values)


# ---- majority bonus, stable majority, caps, minimum, reserved seats ---------------------------------------


@phrase(f.BonusLeadShared)
def _bonus_lead_shared(fact: f.BonusLeadShared) -> str:
    return _("two lists share the lead")


@phrase(f.BonusTooLarge)
def _bonus_too_large(fact: f.BonusTooLarge) -> str:
    return _("the bonus of up to {largest} seats is more than the {house} seats here").format(
        largest=integer(fact.largest), house=integer(fact.house)
    )


@phrase(f.BonusGiven)
def _bonus_given(fact: f.BonusGiven) -> str:
    return _count(
        "{leader} leads: {seats} bonus seat(s) go to it before the allocation",
        fact.seats,
        leader=fact.leader,
        seats=integer(fact.seats),
    )


@phrase(f.NoBonus)
def _no_bonus(fact: f.NoBonus) -> str:
    return _("the condition for the bonus does not hold: no bonus")


@phrase(f.MajorityNotHeld)
def _majority_not_held(fact: f.MajorityNotHeld) -> str:
    text = (
        _("{leader} has {seats} of {house} seats, not at least {share} of them: no seat is added")
        if fact.inclusive
        else _("{leader} has {seats} of {house} seats, not more than {share} of them: no seat is added")
    )
    return text.format(**_seats_of_house(fact))


def _seats_of_house(fact: f.MajorityNotHeld | f.SeatGivenLast | f.MajoritySeatsHeld) -> dict[str, str]:
    """The leading list, its seats, the house and the share of the seats a clause compares them with."""
    return {
        "leader": fact.leader,
        "seats": integer(fact.seats),
        "house": integer(fact.house),
        "share": percent_number(fact.share * 100),
    }


@phrase(f.SeatGivenLast)
def _seat_given_last(fact: f.SeatGivenLast) -> str:
    held = _("{leader} has a majority of the votes but {seats} of {house} seats, no more than {share}").format(
        **_seats_of_house(fact)
    )
    if fact.source is None:
        return held + _(": the seat given last to another list passes to it (the tie rule decides whose it was)")
    return held + _(": the seat given last to another list, {source}'s, passes to it").format(source=fact.source)


@phrase(f.MajoritySeatsHeld)
def _majority_seats_held(fact: f.MajoritySeatsHeld) -> str:
    return _(
        "{leader} has a majority of the votes and {seats} of {house} seats, more than {share}: no seat passes"
    ).format(**_seats_of_house(fact))


@phrase(f.NoSeatGivenLast)
def _no_seat_given_last(fact: f.NoSeatGivenLast) -> str:
    return _(
        "{leader} has a majority of the votes, but no other list was given a seat after its full quotas: no seat passes"
    ).format(leader=fact.leader)


@phrase(f.SeatGivenLastAwaitsLot)
def _seat_given_last_awaits_lot(fact: f.SeatGivenLastAwaitsLot) -> str:
    return _("{leader} has a majority of the votes; which seat was given last waits for the lot").format(
        leader=fact.leader
    )


@phrase(f.LeadShared)
def _lead_shared(fact: f.LeadShared) -> str:
    return _("two lists share the most votes: neither has a majority of them")


@phrase(f.WhichSeatLast)
def _which_seat_last(fact: f.WhichSeatLast) -> str:
    return _("which of the lists with equal claims was given the last seat (it passes to {leader})").format(
        leader=fact.leader
    )


@phrase(f.MinoritySeats)
def _minority_seats(fact: f.MinoritySeats) -> str:
    given = dict(fact.given)
    parts = []
    for minority in sorted({*given, *fact.vacant}):
        text = (
            _("minority {minority}: {name}").format(minority=integer(minority), name=given[minority])
            if minority in given
            else _("minority {minority}: left vacant").format(minority=integer(minority))
        )
        parts.append(text)
        parts += [
            _("minority {minority}: {name} has none of its candidates").format(minority=integer(minority), name=name)
            for m, name in fact.passed
            if m == minority
        ]
    return _("seats added for national minorities: {parts}").format(parts="; ".join(parts))


@phrase(f.OppositionSeats)
def _opposition_seats(fact: f.OppositionSeats) -> str:
    held = _("the lists other than {leader} have {others} of {house} seats").format(
        leader=fact.leader, others=integer(fact.others), house=integer(fact.house)
    )
    if not fact.added:
        return held + _(", at least {share} of them").format(share=percent_number(fact.share * 100))
    shares = ", ".join(
        _("{name} {before} -> {after}").format(name=name, before=integer(before), after=integer(after))
        for name, before, after in fact.lists
    )
    return (
        held
        + "; "
        + _count(
            "{added} seat(s) are added and their seats shared again, so they hold {held} of {house}: {shares}",
            fact.added,
            added=integer(fact.added),
            held=integer(fact.others + fact.added),
            house=integer(fact.house + fact.added),
            shares=shares,
        )
    )


@phrase(f.StableMajority)
def _stable_majority(fact: f.StableMajority) -> str:
    held = _("{leader} has {seats} of {house} seats; ").format(
        leader=fact.leader, seats=integer(fact.seats), house=integer(fact.house)
    )
    if not fact.added:
        return held + _("it already holds the share the law requires")
    return held + _count(
        "{added} seat(s) are added to it, so it holds {held} of {house}",
        fact.added,
        added=integer(fact.added),
        held=integer(fact.seats + fact.added),
        house=integer(fact.house + fact.added),
    )


_WITHIN = {
    f.Limit.CAP: N_("no list has more seats than the cap allows"),
    f.Limit.CANDIDATES: N_("no list has more seats than candidates"),
}


@phrase(f.WithinLimit)
def _within_limit(fact: f.WithinLimit) -> str:
    return _(_WITHIN[fact.limit])


_HELD_BY = {
    f.Limit.CAP: N_("{name} held at {seats} (the cap of {seats})"),
    f.Limit.CANDIDATES: N_("{name} held at {seats} (its {seats} candidate(s))"),
}


def _held(held: tuple[tuple[str, int, f.Limit], ...]) -> str:
    return "; ".join(_(_HELD_BY[limit]).format(name=name, seats=integer(seats)) for name, seats, limit in held)


@phrase(f.LimitBinding)
def _limit_binding(fact: f.LimitBinding) -> str:
    held = _held(fact.held)
    if fact.again is not None:
        return held + _("; the {again} other seats are allocated again among the other lists").format(
            again=integer(fact.again)
        )
    return held + _count("; {vacant} seat(s) stay vacant", fact.vacant, vacant=integer(fact.vacant))


@phrase(f.HandedDown)
def _handed_down(fact: f.HandedDown) -> str:
    held = _held(fact.held)
    handed = ", ".join(f"{name} +{integer(seats)}" for name, seats in fact.handed) or _("none")
    said = held + _("; the seats they cannot fill go down the remainders: {handed}").format(handed=handed)
    if fact.vacant:
        said += _count("; {vacant} seat(s) stay vacant", fact.vacant, vacant=integer(fact.vacant))
    return said


@phrase(f.JointListHeld)
def _joint_list_held(fact: f.JointListHeld) -> str:
    return _count(
        "{block} is held at {most} seat(s), the most the law lets a joint list take; the other seats are allocated "
        "again among the other lists",
        fact.most,
        block=fact.block,
        most=integer(fact.most),
    )


@phrase(f.MinimumHeld)
def _minimum_held(fact: f.MinimumHeld) -> str:
    return _("every list has at least {seats}").format(seats=integer(fact.seats))


@phrase(f.MinimumShort)
def _minimum_short(fact: f.MinimumShort) -> str:
    return _count(
        "{lists} lists at {seats} seat(s) each need {needed}, more than the {available}",
        fact.seats,
        lists=integer(fact.lists),
        seats=integer(fact.seats),
        needed=integer(fact.needed),
        available=integer(fact.available),
    )


@phrase(f.MinimumUnmet)
def _minimum_unmet(fact: f.MinimumUnmet) -> str:
    return _("the minimum cannot be met: {why}").format(why=say(fact.why))


@phrase(f.MinimumRaised)
def _minimum_raised(fact: f.MinimumRaised) -> str:
    return _count(
        "{names} raised to {seats} seat(s); the other lists share the seats left",
        fact.seats,
        names=_names(fact.raised),
        seats=integer(fact.seats),
    )


@phrase(f.ReservedNotNeeded)
def _reserved_not_needed(fact: f.ReservedNotNeeded) -> str:
    return _("national minority {minority}: {names} win(s) a seat: no reserved seat").format(
        minority=fact.minority, names=_names(fact.winners)
    )


@phrase(f.ReservedTooFew)
def _reserved_too_few(fact: f.ReservedTooFew) -> str:
    return _("national minority {minority}: fewer seats than the reserved ones: no reserved seat").format(
        minority=fact.minority
    )


@phrase(f.ReservedGiven)
def _reserved_given(fact: f.ReservedGiven) -> str:
    return _count(
        "national minority {minority}: no list of it wins a seat in the allocation of all the seats; its leading "
        "list {leader} gets {seats} seat(s), and the other lists share the other {others}",
        fact.seats,
        minority=fact.minority,
        leader=fact.leader,
        seats=integer(fact.seats),
        others=integer(fact.others),
    )


# ---- constituency seats of mixed systems ---------------------------------------------------------------------


@phrase(f.WinsWithoutVotes)
def _wins_without_votes(fact: f.WinsWithoutVotes) -> str:
    return _("a list won constituency seats without votes: the house cannot be levelled")


@phrase(f.Entitlements)
def _entitlements(fact: f.Entitlements) -> str:
    parts = "; ".join(
        _("{name} {entitled} ({wins} constituency + {list} list)").format(
            name=name, entitled=integer(entitled), wins=integer(wins), list=integer(max(entitled - wins, 0))
        )
        for name, entitled, wins in fact.lists
    )
    text = _("entitlements of {house} seats: {parts}").format(house=integer(fact.house), parts=parts)
    if fact.overhang:
        return text + _count(
            "; {overhang} overhang seat(s) kept, the house has {house}",
            fact.overhang,
            overhang=integer(fact.overhang),
            house=integer(fact.house + fact.overhang),
        )
    if fact.levelled:
        return text + _("; no overhang: the house has {house}").format(house=integer(fact.house))
    return text


# ---- the house shared among units ------------------------------------------------------------------------


@phrase(f.CountsUnpublished)
def _counts_unpublished(fact: f.CountsUnpublished) -> str:
    return _("{base} of {units} not published").format(base=fact.base, units=_names(fact.units))


@phrase(f.NoUnitsOfLevel)
def _no_units_of_level(fact: f.NoUnitsOfLevel) -> str:
    return _("the results have no {level}").format(level=fact.level)


@phrase(f.NotEvaluatedBecause)
def _not_evaluated_because(fact: f.NotEvaluatedBecause) -> str:
    return _("not evaluated: {why}").format(why=say(fact.why))


@phrase(f.UnitsNotShared)
def _units_not_shared(fact: f.UnitsNotShared) -> str:
    return _("the seats of the units are not shared: {why}").format(why=say(fact.why))


@phrase(f.SharedAmongUnits)
def _shared_among_units(fact: f.SharedAmongUnits) -> str:
    return _("{method} on {base}: {given}").format(method=fact.method, base=fact.base, given=_seats(fact.given))


@phrase(f.HouseTied)
def _house_tied(fact: f.HouseTied) -> str:
    return _("equal claims of {names} to the seats of the house: a lot is needed").format(names=_names(fact.tied))


# ---- biproportional apportionment ---------------------------------------------------------------------------


@phrase(f.SeatsNotComputed)
def _seats_not_computed(fact: f.SeatsNotComputed) -> str:
    return _("seats not computed: {why}").format(why=say(fact.why))


@phrase(f.NotEveryDistrict)
def _not_every_district(fact: f.NotEveryDistrict) -> str:
    return _("the seats of every district are apportioned together, and not every district can be")


@phrase(f.NoSeatsGiven)
def _no_seats_given(fact: f.NoSeatsGiven) -> str:
    return _("the rule file gives no number of seats for {units}").format(units=_names(fact.units))


@phrase(f.VotesUnpublished)
def _votes_unpublished(fact: f.VotesUnpublished) -> str:
    return _("the votes of {name} in {unit} are not published").format(name=fact.selection, unit=fact.unit)


@phrase(f.UpperTied)
def _upper_tied(fact: f.UpperTied) -> str:
    return _("equal claims between {names} in the upper apportionment: a lot is needed").format(names=_names(fact.tied))


_STOPS = {
    f.Stop.SEATS_DIFFER: N_("the seats of the districts and of the lists differ"),
    f.Stop.DISTRICT_TIED: N_("equal claims in district {where}: a lot is needed"),
    f.Stop.LIST_TIED: N_("equal claims for list {where}: a lot is needed"),
    f.Stop.NO_END: N_("no apportionment found in {rounds} rounds"),
}


@phrase(f.LowerNotFound)
def _lower_not_found(fact: f.LowerNotFound) -> str:
    return _(_STOPS[fact.stop]).format(where=fact.where, rounds=integer(fact.rounds))


@phrase(f.UpperApportionment)
def _upper_apportionment(fact: f.UpperApportionment) -> str:
    text = (
        _("{method} on the lists' voter numbers in all districts: {given}")
        if fact.voter_numbers
        else _("{method} on the lists' votes in all districts: {given}")
    )
    return text.format(method=fact.method, given=_seats(fact.given))


@phrase(f.LowerApportionment)
def _lower_apportionment(fact: f.LowerApportionment) -> str:
    return _("seats of every district and list: {cells}").format(
        cells="; ".join(f"{district}: {_seats(given)}" for district, given in fact.cells)
    )


@phrase(f.ApportionedTogether)
def _apportioned_together(fact: f.ApportionedTogether) -> str:
    return say(fact.note) + _count(
        "; apportioned with the other districts (biproportional: {rounds} round(s))",
        fact.rounds,
        rounds=integer(fact.rounds),
    )


# ---- the national pool ----------------------------------------------------------------------------------


@phrase(f.LeftOverNotAllocated)
def _left_over_not_allocated(fact: f.LeftOverNotAllocated) -> str:
    return _("the seats left over are not allocated: {why}").format(why=say(fact.why))


@phrase(f.QuotasNotFinal)
def _quotas_not_final(fact: f.QuotasNotFinal) -> str:
    if not fact.units:
        return _("the full quotas of no district are not final")
    return _("the full quotas of {units} are not final").format(units=_names(fact.units))


@phrase(f.PoolTied)
def _pool_tied(fact: f.PoolTied) -> str:
    return _("equal claims between {names} in the pool: a lot is needed").format(names=_names(fact.tied))


@phrase(f.RemaindersTied)
def _remainders_tied(fact: f.RemaindersTied) -> str:
    return _("equal remainders ({value}) for fewer pooled seats: {pairs}; a lot is needed").format(
        value=number(fact.value), pairs=_pairs(fact.pairs)
    )


@phrase(f.NoRemainderToPlace)
def _no_remainder_to_place(fact: f.NoRemainderToPlace) -> str:
    return _("no district with seats left has a remainder of {names} to place its seat in").format(
        names=_names(fact.lists)
    )


@phrase(f.Pooled)
def _pooled(fact: f.Pooled) -> str:
    quota = _(" (quota {quota})").format(quota=number(fact.quota)) if fact.quota is not None else ""
    text = _("{method} on the remainders added up over the districts: {given}")
    return text.format(method=fact.method, given=_seats(fact.given)) + quota


@phrase(f.PoolSecondPhase)
def _pool_second_phase(fact: f.PoolSecondPhase) -> str:
    text = ngettext(
        "the {seats} seat the pool's full quotas left goes to the largest remainder among {lists}: {given}",
        "the {seats} seats the pool's full quotas left go to the largest remainders among {lists}: {given}",
        fact.seats,
    ).format(seats=integer(fact.seats), lists=_names(fact.lists), given=_seats(fact.given))
    rounds = _count(" ({rounds} whole round(s) of one seat each)", fact.rounds, rounds=integer(fact.rounds))
    return text + (rounds if fact.rounds else "")


@phrase(f.PoolTakesNoPart)
def _pool_takes_no_part(fact: f.PoolTakesNoPart) -> str:
    return _("independent candidates take no part in the pool: {names}").format(names=_names(fact.lists))


@phrase(f.NoListForSecondPhase)
def _no_list_for_second_phase(fact: f.NoListForSecondPhase) -> str:
    return ngettext(
        "{seats} seat is still left after the pool's full quotas, and no list passes the second phase's threshold",
        "{seats} seats are still left after the pool's full quotas, and no list passes the second phase's threshold",
        fact.seats,
    ).format(seats=integer(fact.seats))


@phrase(f.PooledPlaced)
def _pooled_placed(fact: f.PooledPlaced) -> str:
    placed = "; ".join(
        _in(name, unit) + (f" ({integer(seats)})" if seats > 1 else "") for unit, name, seats in fact.placed
    )
    return _(
        "pooled seats placed where the list's remainder is largest and the district has seats left: {placed}"
    ).format(placed=placed)


@phrase(f.PooledHere)
def _pooled_here(fact: f.PooledHere) -> str:
    return say(fact.note) + _("; pooled seats placed here: {placed}").format(placed=_seats(fact.placed))


# ---- placing adjustment seats ---------------------------------------------------------------------------


@phrase(f.MoreAdjustmentSeatsThanDistricts)
def _more_adjustment_seats(fact: f.MoreAdjustmentSeatsThanDistricts) -> str:
    return _("more adjustment seats than districts: they cannot be placed one per district")


@phrase(f.PlacementUnknown)
def _placement_unknown(fact: f.PlacementUnknown) -> str:
    return _("adjustment seats not placed: the votes or seats of {unit} are not known").format(unit=fact.unit)


@phrase(f.ClaimsTied)
def _claims_tied(fact: f.ClaimsTied) -> str:
    return _("equal claims ({value}) for fewer seats: {pairs}; a lot is needed").format(
        value=number(fact.value), pairs=_pairs(fact.pairs)
    )


@phrase(f.NoDistrictLeft)
def _no_district_left(fact: f.NoDistrictLeft) -> str:
    return _("no district is left for the adjustment seat(s) of {names}").format(names=_names(fact.lists))


@phrase(f.AdjustmentPlaced)
def _adjustment_placed(fact: f.AdjustmentPlaced) -> str:
    return _("adjustment seats placed, highest claim first, one per district: {placed}").format(
        placed=", ".join(_in(name, unit) for name, unit in fact.placed)
    )


@phrase(f.PlacedByQuotient)
def _placed_by_quotient(fact: f.PlacedByQuotient) -> str:
    return _("each list's adjustment seats placed where its next quotient is highest: {placed}").format(
        placed=", ".join(
            ngettext("{name}: {seats} seat in {unit}", "{name}: {seats} seats in {unit}", seats).format(
                name=name, seats=integer(seats), unit=unit
            )
            for name, unit, seats in fact.placed
        )
    )


# ---- a second tier -------------------------------------------------------------------------------------------


@phrase(f.NoUnitsUnder)
def _no_units_under(fact: f.NoUnitsUnder) -> str:
    return _("the results give no unit of level `{level}` under {unit}").format(level=fact.level, unit=fact.unit)


@phrase(f.NotDistributed)
def _not_distributed(fact: f.NotDistributed) -> str:
    return _("the seats of {name} are not distributed: {missing}").format(
        name=fact.selection, missing=missing(fact.missing)
    )


@phrase(f.DistributionNotEvaluated)
def _distribution_not_evaluated(fact: f.DistributionNotEvaluated) -> str:
    return _("{name}: not evaluated: {missing}").format(name=fact.selection, missing=missing(fact.missing))

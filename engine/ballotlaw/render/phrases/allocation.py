"""The allocation family's facts (facts/allocation.py) in English."""

from __future__ import annotations

from ...exact import show
from ...facts import Fact
from ...facts import allocation as f
from ...methods.kernels import ROUNDING_WORDS
from . import phrase, say


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(names)


def _seats(given: f.Seats) -> str:
    return ", ".join(f"{name} {seats}" for name, seats in given)


def _pairs(pairs: f.Pairs) -> str:
    return ", ".join(f"{name} in {unit}" for unit, name in pairs)


# ---- one round of a method ---------------------------------------------------------------------------------


@phrase(f.QuotaRound)
def _quota_round(fact: f.QuotaRound) -> str:
    over = f"{fact.seats} seats" if fact.offset == 0 else f"({fact.seats} seats + {fact.offset})"
    rounded = "" if fact.quota == fact.exact else f", {ROUNDING_WORDS[fact.rounding]}: {show(fact.quota)}"
    left = ", ".join(name if seats == 1 else f"{name} ({seats} seats)" for name, seats in fact.remainder_seats)
    return (
        f"{fact.method}: quota = {fact.total} votes / {over} = {show(fact.exact)}{rounded}; "
        f"full quotas: {_seats(fact.full)}; remainder seats to: {left or 'none'}; seats: {_seats(fact.given)}"
    )


@phrase(f.NoVotesRound)
def _no_votes_round(fact: f.NoVotesRound) -> str:
    return f"{fact.method}: no votes, every list has an equal claim"


@phrase(f.DivisorRound)
def _divisor_round(fact: f.DivisorRound) -> str:
    last = f"; last seat at average {show(fact.last_average)}" if fact.last_average is not None else ""
    return f"{fact.method}: seats: {_seats(fact.given)}{last}"


@phrase(f.Allocated)
def _allocated(fact: f.Allocated) -> str:
    counted = " (each list's divisors start after its constituency seats)" if fact.counted else ""
    return say(fact.result) + counted


@phrase(f.AllocatedTogether)
def _allocated_together(fact: f.AllocatedTogether) -> str:
    who = "joint lists and lists in an agreement" if fact.joint else "lists in an agreement"
    return f"{who} allocated together: {say(fact.result)}"


@phrase(f.AgreementSplit)
def _agreement_split(fact: f.AgreementSplit) -> str:
    return f"the {fact.seats} seat(s) of {fact.block} split: {say(fact.result)}"


@phrase(f.DistributedRound)
def _distributed_round(fact: f.DistributedRound) -> str:
    return f"{fact.selection}: {say(fact.result)}"


# ---- not evaluated -------------------------------------------------------------------------------------------


@phrase(f.MissingData)
def _missing_data(fact: f.MissingData) -> str:
    return f"not evaluated: {'; '.join(say(m) if isinstance(m, Fact) else m for m in fact.missing)} not in the data"


# ---- ties ----------------------------------------------------------------------------------------------------


@phrase(f.LastSeats)
def _last_seats(fact: f.LastSeats) -> str:
    count = f" {fact.count}" if fact.count is not None else ""
    block = f" of {fact.block}" if fact.block is not None else ""
    return f"the last{count} seat(s){block} (equal claims)"


@phrase(f.TheSeat)
def _the_seat(fact: f.TheSeat) -> str:
    return "the seat"


@phrase(f.TheTie)
def _the_tie(fact: f.TheTie) -> str:
    return "the tie"


@phrase(f.MinorityLead)
def _minority_lead(fact: f.MinorityLead) -> str:
    return f"the leading list of national minority {fact.minority}"


@phrase(f.FallbackPlaces)
def _fallback_places(fact: f.FallbackPlaces) -> str:
    return "the fallback's last place(s)"


def _tied_for(what: Fact, tied: tuple[str, ...], seats: int) -> str:
    return f"{say(what)}: {_names(tied)} are tied for {seats} seat(s)"


@phrase(f.TieDrawn)
def _tie_drawn(fact: f.TieDrawn) -> str:
    return f"{_tied_for(fact.what, fact.tied, fact.seats)}; the published draw decides: {_names(fact.chosen)}"


@phrase(f.TieWithoutRule)
def _tie_without_rule(fact: f.TieWithoutRule) -> str:
    return (
        f"{_tied_for(fact.what, fact.tied, fact.seats)}; the rule file states no tie rule, "
        "so a lot (or a decision of the commission) is needed"
    )


@phrase(f.TieByLot)
def _tie_by_lot(fact: f.TieByLot) -> str:
    what = f"{say(fact.what)}: " if fact.what is not None else ""
    return f"{what}{_names(fact.tied)} are tied for {fact.seats} seat(s); the law decides by lot"


@phrase(f.TieKeyMissing)
def _tie_key_missing(fact: f.TieKeyMissing) -> str:
    return f"{say(fact.what)}: tie rule `{fact.key}` not evaluated: {_names(fact.missing)} not in the data"


@phrase(f.TieRanked)
def _tie_ranked(fact: f.TieRanked) -> str:
    decided = f"{_names(fact.decided)} take(s) the seat(s)" if fact.decided else "no one is ahead"
    still = f"; {_names(fact.still_tied)} remain tied for {fact.seats}" if fact.still_tied and fact.seats else ""
    return f"{say(fact.what)}: by `{fact.key}`, {decided}{still}"


@phrase(f.TieUnbroken)
def _tie_unbroken(fact: f.TieUnbroken) -> str:
    return (
        f"{say(fact.what)}: {_names(fact.tied)} remain tied for {fact.seats} seat(s) after every tie rule; "
        "a lot is needed"
    )


@phrase(f.TakeBackByLot)
def _take_back_by_lot(fact: f.TakeBackByLot) -> str:
    return (
        f"{fact.seats} seat(s) must be taken back from one of {_names(fact.tied)} (equal remainders): a lot is needed"
    )


@phrase(f.AgreementTieUnresolved)
def _agreement_tie_unresolved(fact: f.AgreementTieUnresolved) -> str:
    return "not evaluated: equal claims between lists in an agreement allocated as one: no tie rule is applied"


@phrase(f.AgreementTied)
def _agreement_tied(fact: f.AgreementTied) -> str:
    return f"equal claims between lists in an agreement allocated as one: no tie rule is applied ({_names(fact.tied)})"


@phrase(f.AgreementTakeBack)
def _agreement_take_back(fact: f.AgreementTakeBack) -> str:
    return f"{fact.seats} seat(s) of {fact.block} to take back from equal remainders ({_names(fact.tied)})"


@phrase(f.SeatsByLot)
def _seats_by_lot(fact: f.SeatsByLot) -> str:
    of = f" of {fact.of}" if fact.of is not None else ""
    how = "to be drawn by lot among" if fact.seats > 0 else "to be taken back, by lot, from one of"
    return f"{abs(fact.seats)} seat(s){of} {how} {_names(fact.tied)}"


# ---- majority bonus, stable majority, caps, minimum, reserved seats ---------------------------------------


@phrase(f.BonusLeadShared)
def _bonus_lead_shared(fact: f.BonusLeadShared) -> str:
    return "two lists share the lead"


@phrase(f.BonusTooLarge)
def _bonus_too_large(fact: f.BonusTooLarge) -> str:
    return f"the bonus of up to {fact.largest} seats is more than the {fact.house} seats here"


@phrase(f.BonusGiven)
def _bonus_given(fact: f.BonusGiven) -> str:
    return f"{fact.leader} leads: {fact.seats} bonus seat(s) go to it before the allocation"


@phrase(f.NoBonus)
def _no_bonus(fact: f.NoBonus) -> str:
    return "the condition for the bonus does not hold: no bonus"


@phrase(f.StableMajority)
def _stable_majority(fact: f.StableMajority) -> str:
    held = f"{fact.leader} has {fact.seats} of {fact.house} seats; "
    if not fact.added:
        return held + "it already holds the share the law requires"
    return (
        held + f"{fact.added} seat(s) are added to it, so it holds {fact.seats + fact.added} of "
        f"{fact.house + fact.added}"
    )


_WITHIN = {
    f.Limit.CAP: "no list has more seats than the cap allows",
    f.Limit.CANDIDATES: "no list has more seats than candidates",
}


@phrase(f.WithinLimit)
def _within_limit(fact: f.WithinLimit) -> str:
    return _WITHIN[fact.limit]


_HELD_BY = {
    f.Limit.CAP: "the cap of {}",
    f.Limit.CANDIDATES: "its {} candidate(s)",
}


@phrase(f.LimitBinding)
def _limit_binding(fact: f.LimitBinding) -> str:
    held = "; ".join(f"{name} held at {seats} ({_HELD_BY[limit].format(seats)})" for name, seats, limit in fact.held)
    if fact.again is not None:
        return f"{held}; the {fact.again} other seats are allocated again among the other lists"
    return f"{held}; {fact.vacant} seat(s) stay vacant"


@phrase(f.JointListHeld)
def _joint_list_held(fact: f.JointListHeld) -> str:
    return (
        f"{fact.block} is held at {fact.most} seat(s), the most the law lets a joint list take; the other seats "
        "are allocated again among the other lists"
    )


@phrase(f.MinimumHeld)
def _minimum_held(fact: f.MinimumHeld) -> str:
    return f"every list has at least {fact.seats}"


@phrase(f.MinimumShort)
def _minimum_short(fact: f.MinimumShort) -> str:
    return f"{fact.lists} lists at {fact.seats} seat(s) each need {fact.needed}, more than the {fact.available}"


@phrase(f.MinimumUnmet)
def _minimum_unmet(fact: f.MinimumUnmet) -> str:
    return f"the minimum cannot be met: {say(fact.why)}"


@phrase(f.MinimumRaised)
def _minimum_raised(fact: f.MinimumRaised) -> str:
    return f"{_names(fact.raised)} raised to {fact.seats} seat(s); the other lists share the seats left"


@phrase(f.ReservedNotNeeded)
def _reserved_not_needed(fact: f.ReservedNotNeeded) -> str:
    return f"national minority {fact.minority}: {_names(fact.winners)} win(s) a seat: no reserved seat"


@phrase(f.ReservedTooFew)
def _reserved_too_few(fact: f.ReservedTooFew) -> str:
    return f"national minority {fact.minority}: fewer seats than the reserved ones: no reserved seat"


@phrase(f.ReservedGiven)
def _reserved_given(fact: f.ReservedGiven) -> str:
    return (
        f"national minority {fact.minority}: no list of it wins a seat in the allocation of all the seats; its "
        f"leading list {fact.leader} gets {fact.seats} seat(s), and the other lists share the other {fact.others}"
    )


# ---- constituency seats of mixed systems ---------------------------------------------------------------------


@phrase(f.WinsWithoutVotes)
def _wins_without_votes(fact: f.WinsWithoutVotes) -> str:
    return "a list won constituency seats without votes: the house cannot be levelled"


@phrase(f.Entitlements)
def _entitlements(fact: f.Entitlements) -> str:
    parts = "; ".join(
        f"{name} {entitled} ({wins} constituency + {max(entitled - wins, 0)} list)"
        for name, entitled, wins in fact.lists
    )
    text = f"entitlements of {fact.house} seats: {parts}"
    if fact.overhang:
        return f"{text}; {fact.overhang} overhang seat(s) kept, the house has {fact.house + fact.overhang}"
    if fact.levelled:
        return f"{text}; no overhang: the house has {fact.house}"
    return text


# ---- the house shared among units ------------------------------------------------------------------------


@phrase(f.CountsUnpublished)
def _counts_unpublished(fact: f.CountsUnpublished) -> str:
    return f"{fact.base} of {_names(fact.units)} not published"


@phrase(f.NoUnitsOfLevel)
def _no_units_of_level(fact: f.NoUnitsOfLevel) -> str:
    return f"the results have no {fact.level}"


@phrase(f.NotEvaluatedBecause)
def _not_evaluated_because(fact: f.NotEvaluatedBecause) -> str:
    return f"not evaluated: {say(fact.why)}"


@phrase(f.UnitsNotShared)
def _units_not_shared(fact: f.UnitsNotShared) -> str:
    return f"the seats of the units are not shared: {say(fact.why)}"


@phrase(f.SharedAmongUnits)
def _shared_among_units(fact: f.SharedAmongUnits) -> str:
    return f"{fact.method} on {fact.base}: {_seats(fact.given)}"


@phrase(f.HouseTied)
def _house_tied(fact: f.HouseTied) -> str:
    return f"equal claims of {_names(fact.tied)} to the seats of the house: a lot is needed"


# ---- biproportional apportionment ---------------------------------------------------------------------------


@phrase(f.SeatsNotComputed)
def _seats_not_computed(fact: f.SeatsNotComputed) -> str:
    return f"seats not computed: {say(fact.why)}"


@phrase(f.NotEveryDistrict)
def _not_every_district(fact: f.NotEveryDistrict) -> str:
    return "the seats of every district are apportioned together, and not every district can be"


@phrase(f.NoSeatsGiven)
def _no_seats_given(fact: f.NoSeatsGiven) -> str:
    return f"the rule file gives no number of seats for {_names(fact.units)}"


@phrase(f.VotesUnpublished)
def _votes_unpublished(fact: f.VotesUnpublished) -> str:
    return f"the votes of {fact.selection} in {fact.unit} are not published"


@phrase(f.UpperTied)
def _upper_tied(fact: f.UpperTied) -> str:
    return f"equal claims between {_names(fact.tied)} in the upper apportionment: a lot is needed"


_STOPS = {
    f.Stop.SEATS_DIFFER: "the seats of the districts and of the lists differ",
    f.Stop.DISTRICT_TIED: "equal claims in district {where}: a lot is needed",
    f.Stop.LIST_TIED: "equal claims for list {where}: a lot is needed",
    f.Stop.NO_END: "no apportionment found in {rounds} rounds",
}


@phrase(f.LowerNotFound)
def _lower_not_found(fact: f.LowerNotFound) -> str:
    return _STOPS[fact.stop].format(where=fact.where, rounds=fact.rounds)


@phrase(f.UpperApportionment)
def _upper_apportionment(fact: f.UpperApportionment) -> str:
    what = "voter numbers" if fact.voter_numbers else "votes"
    return f"{fact.method} on the lists' {what} in all districts: {_seats(fact.given)}"


@phrase(f.LowerApportionment)
def _lower_apportionment(fact: f.LowerApportionment) -> str:
    return "seats of every district and list: " + "; ".join(
        f"{district}: {_seats(given)}" for district, given in fact.cells
    )


@phrase(f.ApportionedTogether)
def _apportioned_together(fact: f.ApportionedTogether) -> str:
    return f"{say(fact.note)}; apportioned with the other districts (biproportional: {fact.rounds} round(s))"


# ---- the national pool ----------------------------------------------------------------------------------


@phrase(f.LeftOverNotAllocated)
def _left_over_not_allocated(fact: f.LeftOverNotAllocated) -> str:
    return f"the seats left over are not allocated: {say(fact.why)}"


@phrase(f.QuotasNotFinal)
def _quotas_not_final(fact: f.QuotasNotFinal) -> str:
    return f"the full quotas of {_names(fact.units) or 'no district'} are not final"


@phrase(f.PoolTied)
def _pool_tied(fact: f.PoolTied) -> str:
    return f"equal claims between {_names(fact.tied)} in the pool: a lot is needed"


@phrase(f.RemaindersTied)
def _remainders_tied(fact: f.RemaindersTied) -> str:
    return f"equal remainders ({show(fact.value)}) for fewer pooled seats: {_pairs(fact.pairs)}; a lot is needed"


@phrase(f.NoRemainderToPlace)
def _no_remainder_to_place(fact: f.NoRemainderToPlace) -> str:
    return f"no district with seats left has a remainder of {_names(fact.lists)} to place its seat in"


@phrase(f.Pooled)
def _pooled(fact: f.Pooled) -> str:
    quota = f" (quota {show(fact.quota)})" if fact.quota is not None else ""
    return f"{fact.method} on the remainders added up over the districts: {_seats(fact.given)}{quota}"


@phrase(f.PooledPlaced)
def _pooled_placed(fact: f.PooledPlaced) -> str:
    return "pooled seats placed where the list's remainder is largest and the district has seats left: " + "; ".join(
        f"{name} in {unit}" + (f" ({seats})" if seats > 1 else "") for unit, name, seats in fact.placed
    )


@phrase(f.PooledHere)
def _pooled_here(fact: f.PooledHere) -> str:
    return f"{say(fact.note)}; pooled seats placed here: {_seats(fact.placed)}"


# ---- placing adjustment seats ---------------------------------------------------------------------------


@phrase(f.MoreAdjustmentSeatsThanDistricts)
def _more_adjustment_seats(fact: f.MoreAdjustmentSeatsThanDistricts) -> str:
    return "more adjustment seats than districts: they cannot be placed one per district"


@phrase(f.PlacementUnknown)
def _placement_unknown(fact: f.PlacementUnknown) -> str:
    return f"adjustment seats not placed: the votes or seats of {fact.unit} are not known"


@phrase(f.ClaimsTied)
def _claims_tied(fact: f.ClaimsTied) -> str:
    return f"equal claims ({show(fact.value)}) for fewer seats: {_pairs(fact.pairs)}; a lot is needed"


@phrase(f.NoDistrictLeft)
def _no_district_left(fact: f.NoDistrictLeft) -> str:
    return f"no district is left for the adjustment seat(s) of {_names(fact.lists)}"


@phrase(f.AdjustmentPlaced)
def _adjustment_placed(fact: f.AdjustmentPlaced) -> str:
    return "adjustment seats placed, highest claim first, one per district: " + ", ".join(
        f"{name} in {unit}" for name, unit in fact.placed
    )


# ---- a second tier -------------------------------------------------------------------------------------------


@phrase(f.NoUnitsUnder)
def _no_units_under(fact: f.NoUnitsUnder) -> str:
    return f"the results give no unit of level `{fact.level}` under {fact.unit}"


@phrase(f.NotDistributed)
def _not_distributed(fact: f.NotDistributed) -> str:
    return f"the seats of {fact.selection} are not distributed: " + "; ".join(fact.missing)


@phrase(f.DistributionNotEvaluated)
def _distribution_not_evaluated(fact: f.DistributionNotEvaluated) -> str:
    return f"{fact.selection}: not evaluated: {'; '.join(fact.missing)}"

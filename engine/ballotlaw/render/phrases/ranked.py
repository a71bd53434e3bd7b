"""Phrases of a count of ranked ballots (ballotlaw.facts.ranked)."""

from __future__ import annotations

from fractions import Fraction

from ...facts.ranked import (
    BallotsCounted,
    CountStopped,
    Excluded,
    FaultWithoutRule,
    KeepValues,
    LastContinuing,
    MajorityReached,
    NoBallots,
    QuotaReached,
    QuotaSet,
    RankedElected,
    RankedLotNeeded,
    RankedTieBroken,
    RoundVotes,
    SeatsFilledByRemaining,
    Transferred,
    Votes,
)
from ...i18n import N_, _, ngettext
from ...i18n.formats import integer, number
from . import phrase

_FAULTS = {
    "skipped": N_("a skipped rank"),
    "overvote": N_("an overvote"),
    "repeated": N_("a repeated candidate"),
}
_EFFECTS = {
    "passed over": N_("passed over"),
    "exhausts": N_("the ballot exhausted there"),
    "invalid": N_("the ballot invalid"),
    "no rule": N_("no rule in the law"),
}
_WHAT = {"exclusion": N_("exclusion"), "election": N_("the order of election"), "surplus": N_("the surplus first")}


def _list(votes: Votes) -> str:
    return ", ".join(f"{name} {number(v, 5)}" for name, v in votes)


def _v(value: Fraction) -> str:
    return number(value, 5)


@phrase(BallotsCounted)
def _ballots(fact: BallotsCounted) -> str:
    text = ngettext("{n} ballot", "{n} ballots", fact.total).format(n=integer(fact.total))
    parts = [_("{valid} valid").format(valid=integer(fact.valid))]
    for fault, n, effect, run in fact.faults:
        said = _(_EFFECTS.get(effect, effect))
        if run > 1:
            said = ngettext(
                "passed over; {run} in a row exhaust the ballot", "passed over; {run} in a row exhaust the ballot", run
            ).format(run=run)
        parts.append(
            _("{n} with {fault} ({effect})").format(n=integer(n), fault=_(_FAULTS.get(fault, fault)), effect=said)
        )

    if fact.empty:
        parts.append(_("{n} without a preference").format(n=integer(fact.empty)))
    return f"{text}: {'; '.join(parts)}"


@phrase(FaultWithoutRule)
def _fault_without_rule(fact: FaultWithoutRule) -> str:
    return _("{n} ballots have {fault}, and the rule file does not say what it does").format(
        n=integer(fact.ballots), fault=_(_FAULTS.get(fact.fault, fact.fault))
    )


@phrase(NoBallots)
def _no_ballots(fact: NoBallots) -> str:
    return _("the results give no ranked ballots for this unit")


@phrase(QuotaSet)
def _quota(fact: QuotaSet) -> str:
    return _("quota ({name}) from {valid} valid ballots and {seats} seats: {quota}").format(
        name=fact.name, valid=integer(fact.valid), seats=integer(fact.seats), quota=_v(fact.quota)
    )


@phrase(RoundVotes)
def _round(fact: RoundVotes) -> str:
    text = _("stage {stage}: {votes}; exhausted {exhausted}").format(
        stage=fact.stage, votes=_list(fact.votes), exhausted=_v(fact.exhausted)
    )
    if fact.base is not None and fact.needed is not None:
        return text + _("; a majority of {base} is {needed}").format(base=_v(fact.base), needed=_v(fact.needed))
    if fact.needed is not None:
        return text + _("; quota {quota}").format(quota=_v(fact.needed))
    return text


@phrase(MajorityReached)
def _majority(fact: MajorityReached) -> str:
    return _("{name} has {votes} of {base} ballots, a majority: elected").format(
        name=fact.name, votes=_v(fact.votes), base=_v(fact.base)
    )


@phrase(LastContinuing)
def _last(fact: LastContinuing) -> str:
    return _("{name} is the last continuing candidate ({votes}): elected").format(name=fact.name, votes=_v(fact.votes))


@phrase(QuotaReached)
def _reached(fact: QuotaReached) -> str:
    return _("{names} reach the quota {quota}: elected").format(names=_list(fact.names), quota=_v(fact.quota))


@phrase(SeatsFilledByRemaining)
def _remaining(fact: SeatsFilledByRemaining) -> str:
    return _("as many continuing candidates as seats left: {names} elected").format(names=_list(fact.names))


@phrase(Excluded)
def _excluded(fact: Excluded) -> str:
    if fact.bulk and fact.next_votes is not None:
        return _("{names} excluded together: their votes together are fewer than the next candidate's {next}").format(
            names=_list(fact.names), next=_v(fact.next_votes)
        )
    return _("{names} excluded, the lowest").format(names=_list(fact.names))


@phrase(Transferred)
def _transferred(fact: Transferred) -> str:
    source = ", ".join(fact.source)
    moved = _list(tuple((name, v) for name, v in fact.to if v)) or _("none")
    if fact.surplus is not None:
        text = _("surplus {surplus} of {source} transferred").format(surplus=_v(fact.surplus), source=source)
        if fact.value is not None:
            text += _(" at {value}").format(value=number(fact.value, 9))
    else:
        text = _("ballots of {source} transferred at their values").format(source=source)
    text += _(": {moved}; exhausted {exhausted}").format(moved=moved, exhausted=_v(fact.exhausted))
    if fact.lost:
        text += _("; lost to rounding {lost}").format(lost=number(fact.lost, 9))
    return text


@phrase(KeepValues)
def _keep(fact: KeepValues) -> str:
    return _("keep values after {n} iterations: {keep}; quota {quota}; excess {excess}").format(
        n=fact.iterations,
        keep=", ".join(f"{name} {number(v, 9)}" for name, v in fact.keep),
        quota=number(fact.quota, 9),
        excess=_v(fact.excess),
    )


@phrase(RankedTieBroken)
def _tie(fact: RankedTieBroken) -> str:
    return _("tie for {what} between {tied}: {key} decides, {chosen}").format(
        what=_(_WHAT.get(fact.what, fact.what)), tied=", ".join(fact.tied), key=fact.key, chosen=fact.chosen
    )


@phrase(RankedLotNeeded)
def _lot(fact: RankedLotNeeded) -> str:
    return _("tie for {what} between {tied} at stage {stage}: the tie rule does not break it; a lot is needed").format(
        what=_(_WHAT.get(fact.what, fact.what)), tied=", ".join(fact.tied), stage=fact.stage
    )


@phrase(RankedElected)
def _elected(fact: RankedElected) -> str:
    stages = ngettext("{n} stage", "{n} stages", fact.stages).format(n=fact.stages)
    return _("elected: {names} ({stages}; {exhausted} ballots exhausted); {ballots}").format(
        names=", ".join(fact.elected) or _("none"),
        stages=stages,
        exhausted=_v(fact.exhausted),
        ballots=_ballots(fact.ballots),
    )


@phrase(CountStopped)
def _stopped(fact: CountStopped) -> str:
    return _("the count of the ranked ballots could not end")

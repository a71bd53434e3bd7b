"""Seats added after the allocation so that the house has the balance the law wants: seats for national minorities
(Armenia's Electoral Code Art. 95(9)), the leading list reaching a share of the seats (the stable majority; where
the law says so, only if it already holds a share), and the other lists together reaching theirs (the
opposition's guarantee, Art. 96). Exact: a share of the seats is compared as seats * denominator against
numerator * house."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ..facts import Fact
from ..facts import allocation as f
from ..figures import Named, named, seats_of, votes_of, word
from ..methods.kernels import DivisorMethod, QuotaMethod, allocate
from ..states import StepKind, StepResult, Verdict
from ..trace import InputValue
from .thresholds import apply_threshold

if TYPE_CHECKING:
    from .allocation import Allocation


def _needed(held: int, house: int, share: Fraction) -> int:
    """The fewest seats to add to `held` (and to the house) for held / house to reach `share` (< 1)."""
    a, b = share.numerator, share.denominator
    return 0 if held * b >= a * house else -(-(a * house - b * held) // (b - a))


def _sections(value: int) -> set[int]:
    """The minorities a list has candidates of, from `minority_sections` (its digits: 124 is minorities 1, 2, 4)."""
    return {int(digit) for digit in str(value) if digit != "0"}


def minority_seats(alloc: Allocation) -> int:
    """Seats added for national minorities: the k-th is minority k's and goes to the list with the highest next
    average of the rule's method (its minority seats counted in its divisors) among the lists with a candidate
    of minority k; where the law says `left vacant`, a seat whose highest average is a list without such a
    candidate stays empty. Equal averages go to the tie rule. Returns the seats added."""
    ctx = alloc.ctx
    rule = ctx.contest.minority_seats
    if rule is None:
        return 0
    method = rule.method
    assert isinstance(method, DivisorMethod)  # the checker admits rational divisors only
    votes = {name: ctx.vote(name).value or 0 for name in alloc.lists}
    lists = [name for name in alloc.lists if votes[name] > 0]
    read = {name: ctx.results.attribute(ctx.unit, name, "minority_sections") for name in lists}
    inputs: list[tuple[str, InputValue]] = [(votes_of(name), votes[name]) for name in lists]
    inputs += [
        (named(Named.ATTRIBUTE_OF, n, "minority_sections"), "absent" if v is None else v) for n, v in read.items()
    ]
    missing = tuple(
        named(Named.ATTRIBUTE_OF, name, "minority_sections") for name, value in read.items() if value is None
    )
    if missing:
        alloc.method_missing = (*alloc.method_missing, *missing)
        ctx.record(StepKind.MINORITY_SEATS, rule.provenance, inputs, f.MissingData(missing), StepResult.NOT_EVALUATED)
        return 0
    sections = {name: _sections(value or 0) for name, value in read.items()}
    held = dict.fromkeys(lists, 0)
    given: list[tuple[int, str]] = []
    passed: list[tuple[int, str]] = []
    vacant: list[int] = []
    for minority in range(1, rule.seats + 1):
        eligible = lists if rule.vacant else [name for name in lists if minority in sections[name]]
        average = {name: Fraction(votes[name]) / method.divisor(held[name]) for name in lists}
        best = max((average[name] for name in eligible), default=None)
        passed += [(minority, n) for n in lists if best is not None and average[n] > best and n not in eligible]
        group = tuple(name for name in eligible if average[name] == best)
        winner = group[0] if len(group) == 1 else None
        if len(group) > 1:
            won = alloc.settle(group, 1, f.TheTie())  # what the rule leaves tied is a lot for this seat
            if not won:
                continue
            winner = won[0]
        if winner is None or minority not in sections[winner]:
            vacant.append(minority)
            passed += [(minority, winner)] if winner is not None else []
            continue
        held[winner] += 1
        alloc.seats[winner] += 1
        given.append((minority, winner))
    found = f.MinoritySeats(tuple(given), tuple(passed), tuple(vacant))
    ctx.record(StepKind.MINORITY_SEATS, rule.provenance, inputs, found, StepResult.SEATS_ADDED)
    return len(given)


def stable_majority(alloc: Allocation) -> int:
    """The leading list gets at least a share of the seats, the house growing by the seats it needs; where the
    law adds a condition, only when the list already holds that share. Returns the seats added."""
    ctx = alloc.ctx
    rule = ctx.contest.stable_majority
    leader = alloc.leader()
    if rule is None or leader is None:
        return 0
    share, provenance = rule
    house = sum(alloc.seats.values())
    mine = alloc.seats[leader]
    inputs: list[tuple[str, InputValue]] = [(seats_of(leader), mine), (word("house"), house)]
    when = ctx.contest.stable_when
    if when is not None:
        inclusive, held = when
        left, right = mine * held.denominator, held.numerator * house
        if not (left >= right if inclusive else left > right):
            found = f.MajorityNotHeld(leader, mine, house, inclusive, held)
            ctx.record(StepKind.STABLE_MAJORITY, provenance, inputs, found, StepResult.NOT_APPLICABLE)
            return 0
    added = _needed(mine, house, share)
    alloc.seats[leader] = mine + added
    ctx.record(
        StepKind.STABLE_MAJORITY,
        provenance,
        inputs,
        f.StableMajority(leader, mine, house, added),
        StepResult.SEATS_ADDED if added else StepResult.PASSED,
    )
    return added


def opposition_seats(alloc: Allocation) -> int:
    """The lists other than the leading one hold at least a share of the seats: as many seats are added as that
    needs, and the other lists' seats with the added ones are shared among them again by the contest's method
    (no list keeps fewer than it had: the house then grows by as many more). Returns the seats added."""
    ctx = alloc.ctx
    rule = ctx.contest.opposition
    leader = alloc.leader()
    if rule is None or leader is None:
        return 0
    share, provenance = rule
    rest = [name for name in alloc.lists if name != leader]
    others = [name for name, votes in alloc.votes(rest).items() if votes > 0]  # no seat goes to a list without votes
    house = sum(alloc.seats.values())
    held = sum(alloc.seats[name] for name in others)
    inputs: list[tuple[str, InputValue]] = [(seats_of(name), alloc.seats[name]) for name in alloc.lists]
    added = _needed(held, house, share) if others else 0
    if not added:
        found = f.OppositionSeats(leader, held, house, share, 0, ())
        ctx.record(StepKind.OPPOSITION, provenance, inputs, found, StepResult.PASSED)
        return 0
    shared = allocate(alloc.method, alloc.votes(others), held + added, others)
    seats = dict(shared.seats)
    open_before = alloc.tied_seats
    if shared.tied and shared.tied_seats < 0:  # a rounded quota handed out a seat too many
        alloc.give_back(seats, shared.tied, -shared.tied_seats)
    elif shared.tied:
        for name in alloc.settle(shared.tied, shared.tied_seats, f.TheTie()):
            seats[name] = seats.get(name, 0) + 1
    drawn = alloc.tied_seats - open_before  # seats of this round the law leaves to a lot (the house grows by them)
    lists = tuple((name, alloc.seats[name], max(alloc.seats[name], seats.get(name, 0))) for name in others)
    for name, _before, after in lists:
        alloc.seats[name] = after
    grown = sum(after for _name, _before, after in lists) - held + drawn
    found = f.OppositionSeats(leader, held, house, share, grown, lists)
    ctx.record(StepKind.OPPOSITION, provenance, inputs, found, StepResult.SEATS_ADDED)
    return grown


def majority_seat(alloc: Allocation) -> None:
    """The seat given last to another list passes to the list with a majority of the votes where it holds no more
    than the law's share of the seats (Kieswet Art. P 9). The seat given last is the lowest claim among the seats
    given after the full quotas (a quota's) or by the divisors: the latest round and the smallest remainder, the
    lowest average, or the lowest quotient. Equal lowest claims go to the tie rule, which ranks who keeps a seat."""
    ctx = alloc.ctx
    rule = ctx.contest.majority_seat
    if rule is None:
        return
    leader = alloc.leader()
    if leader is None:
        ctx.record(StepKind.MAJORITY_SEAT, rule.provenance, [], f.LeadShared(), StepResult.NOT_APPLICABLE)
        return
    test = apply_threshold(ctx, rule.votes, leader, kind=StepKind.MAJORITY_SEAT)
    if test.result is Verdict.NOT_EVALUATED:
        alloc.method_missing = (*alloc.method_missing, *test.missing)
        return
    if test.result is Verdict.FAILED:
        return
    house = sum(alloc.seats.values())
    mine = alloc.seats[leader]
    inputs: list[tuple[str, InputValue]] = [(seats_of(leader), mine), (word("house"), house)]
    if mine * rule.seats.denominator > rule.seats.numerator * house:
        found: Fact = f.MajoritySeatsHeld(leader, mine, house, rule.seats)
        ctx.record(StepKind.MAJORITY_SEAT, rule.provenance, inputs, found, StepResult.NOT_APPLICABLE)
        return
    if alloc.tied:
        found = f.SeatGivenLastAwaitsLot(leader)
        ctx.record(StepKind.MAJORITY_SEAT, rule.provenance, inputs, found, StepResult.NOT_EVALUATED)
        return
    claims = _last_claims(alloc, leader)
    if not claims:
        ctx.record(StepKind.MAJORITY_SEAT, rule.provenance, inputs, f.NoSeatGivenLast(leader), StepResult.NO_SEAT)
        return
    lowest = min(claims.values())
    group = tuple(name for name in alloc.lists if claims.get(name) == lowest)
    inputs += [(seats_of(name), alloc.seats[name]) for name in group]
    source = group[0] if len(group) == 1 else None
    ctx.record(
        StepKind.MAJORITY_SEAT,
        rule.provenance,
        inputs,
        f.SeatGivenLast(leader, mine, house, rule.seats, source),
        StepResult.SEAT,
    )
    alloc.seats[leader] = mine + 1
    if source is not None:
        alloc.seats[source] -= 1
    else:
        alloc.give_back(alloc.seats, group, 1, what=f.WhichSeatLast(leader))


#: A claim to a seat given: (minus the round it was given in, infinite, the claim); the lowest was given last.
Claim = tuple[int, bool, Fraction]


def _last_claims(alloc: Allocation, leader: str) -> dict[str, Claim]:
    """Each other list's claim to the last seat it was given after its full quotas (a quota's) or by the
    divisors; lists given none are left out. A quota's seats left over by largest remainders go in rounds (one a
    list each), so the latest round comes first; a divisor of 0 is an infinite claim."""
    method, votes = alloc.method, alloc.votes(alloc.lists)
    full = alloc.details.get("full_quotas", {})
    quota = alloc.details.get("quota")
    assert isinstance(full, dict)
    claims: dict[str, Claim] = {}
    for name in alloc.lists:
        seats, v = alloc.seats[name], Fraction(votes[name])
        if name == leader or seats == 0:
            continue
        if isinstance(method, QuotaMethod):
            extra = seats - full.get(name, 0)
            if extra <= 0 or not isinstance(quota, Fraction):
                continue
            if method.leftover == "highest averages":
                claims[name] = (0, False, v / seats)
            else:
                claims[name] = (-extra, False, v - full.get(name, 0) * quota)
            continue
        assert isinstance(method, DivisorMethod)  # rational kinds only (the checker's E406)
        divisor = method.divisor(seats - 1)
        claims[name] = (0, True, Fraction(0)) if divisor == 0 else (0, False, v / divisor)
    return claims

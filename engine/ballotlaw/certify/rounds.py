"""Witnesses of single allocation rounds and of ties, computed from a round's inputs and the law's method.

The certifier may use the engine's kernels to find a witness; the independent checker (recheck/) then confirms
it without them. A divisor witness states a level strictly between every list's next claim and every seat
served (or exactly at a tie); a quota witness states the quota, whole quotas, remainders and their order.
"""

from __future__ import annotations

from fractions import Fraction

from ..exact import fraction_text
from ..methods.kernels import AllocationMethod, DivisorMethod, KernelResult, QuotaMethod, allocate
from ..methods.registry import METHODS

_DHONDT = METHODS["d'hondt divisors"]
if not isinstance(_DHONDT, DivisorMethod):  # pragma: no cover - the registry's D'Hondt is a divisor method
    raise AssertionError("d'hondt divisors")
DHONDT: DivisorMethod = _DHONDT

Number = int | Fraction


def number_json(value: Number) -> int | str:
    """An exact number in the certificate: an integer, or a fraction `"p/q"`."""
    if isinstance(value, Fraction) and value.denominator != 1:
        return fraction_text(value)
    return int(value)


def _claim(method: DivisorMethod, votes: Number, k: int) -> Fraction | None:
    """A list's claim to its (k+1)-th seat, squared for Huntington-Hill, to the q-th power for divisors that are
    powers p/q (`divisor_power`); None when infinite."""
    if method.kind == "power":
        return Fraction(votes) ** method.exponent.denominator / method.divisor_power(k)
    squared = method.kind == "geometric"
    d = method.divisor_squared(k) if squared else method.divisor(k)
    value = Fraction(votes) * votes if squared else Fraction(votes)
    if d == 0:
        return None if value > 0 else Fraction(0)
    return value / d


def divisor_level(
    method: DivisorMethod,
    lists: list[str],
    votes: dict[str, Number],
    held: dict[str, int],
    seats: dict[str, int],
    tied: tuple[str, ...],
) -> tuple[str, int | str | None]:
    """The level of a divisor witness: at the tie, or midway between the best claim left and the worst served.
    `divisor_squared` for Huntington-Hill, whose claims are compared through their squares; None is infinite."""
    key = {"geometric": "divisor_squared", "power": "divisor_power"}.get(method.kind, "divisor")
    if tied:
        level = _claim(method, votes[tied[0]], held.get(tied[0], 0) + seats[tied[0]])
        return key, None if level is None else number_json(level)
    following = [_claim(method, votes[n], held.get(n, 0) + seats[n]) for n in lists]
    served = [_claim(method, votes[n], held.get(n, 0) + seats[n] - 1) for n in lists if seats[n] > 0]
    if any(claim is None for claim in following):
        return key, None
    low = max((c for c in following if c is not None), default=Fraction(0))
    finite = [c for c in served if c is not None]
    high = min(finite) if finite else None
    return key, number_json(low + 1 if high is None else (low + high) / 2)


def round_witness(
    method: AllocationMethod,
    lists: list[str],
    votes: dict[str, Number],
    seats: int,
    held: dict[str, int] | None = None,
    total: int | None = None,
    quota_of: str | None = None,
) -> tuple[dict[str, object], KernelResult]:
    """The witness of one round, and the kernel's result it states. `total`: what a quota divides when the law
    names a count (`quota_of`) instead of the votes of the lists in the round."""
    result = allocate(method, votes, seats, lists, held, total)  # type: ignore[arg-type]
    witness: dict[str, object] = {
        "method": method.name,
        "lists": list(lists),
        "votes": {n: number_json(votes[n]) for n in lists},
        "seats": seats,
        "result": {n: result.seats[n] for n in lists},
        "tied": list(result.tied),
        "tied_seats": result.tied_seats,
    }
    if isinstance(method, DivisorMethod):
        if held:
            witness["held"] = {n: held.get(n, 0) for n in lists}
        key, level = divisor_level(method, lists, votes, held or {}, result.seats, result.tied)
        witness[key] = level
        return witness, result
    witness.update(_quota_witness(method, lists, votes, seats, result))
    if method.leftover == "most votes":  # the law's own clause on the seats the full quotas leave
        witness["leftover"] = method.leftover
    if total is not None and quota_of is not None:
        witness["quota_of"] = quota_of
    return witness, result


def _quota_witness(
    method: QuotaMethod, lists: list[str], votes: dict[str, Number], seats: int, result: KernelResult
) -> dict[str, object]:
    quota, total = result.details.get("quota"), result.details.get("total")
    if not isinstance(total, int | Fraction):
        total = sum((Fraction(votes[n]) for n in lists), Fraction(0))
    if not isinstance(quota, Fraction):
        found: dict[str, object] = {"quota": None, "full_quotas": None, "remainders": None, "order": []}
        return {"total": number_json(total), **found, **_no_level(method)}
    full = {n: int(Fraction(votes[n]) // quota) for n in lists}
    remainders = {n: Fraction(votes[n]) - full[n] * quota for n in lists}
    index = {n: i for i, n in enumerate(lists)}
    given = sum(full.values())
    if given > seats:  # seats taken back: whole rounds, then the smallest remainders of the lists left
        rounds = _whole_rounds(full, given - seats)
        order = sorted((n for n in lists if full[n] > rounds), key=lambda n: (remainders[n], index[n]))
    else:  # the seats left go to lists with votes, by their remainders or (`most votes`) their votes
        ranking = {n: Fraction(votes[n]) for n in lists} if method.leftover == "most votes" else remainders
        order = sorted((n for n in lists if votes[n] > 0), key=lambda n: (-ranking[n], index[n]))
    witness: dict[str, object] = {
        "total": number_json(total),
        "quota": number_json(quota),
        "full_quotas": full,
        "remainders": {n: number_json(remainders[n]) for n in lists},
        "order": order,
    }
    witness.update(_no_level(method))
    if method.leftover == "highest averages" and given <= seats:
        extra = {n: result.seats[n] - full[n] for n in lists}
        witness["divisor"] = divisor_level(DHONDT, lists, votes, full, extra, result.tied)[1]
    if method.leftover == REMAINDER_DIVISORS and given <= seats and any(remainders[n] > 0 for n in lists):
        extra = {n: result.seats[n] - full[n] for n in lists}
        left: dict[str, Number] = {n: remainders[n] for n in lists}
        witness["divisor"] = divisor_level(DHONDT, lists, left, {}, extra, result.tied)[1]
    return witness


#: The seats left over by D'Hondt on the remainders (Liechtenstein's Volksrechtegesetz, Art. 56).
REMAINDER_DIVISORS = "d'hondt on the remainders"


def _no_level(method: QuotaMethod) -> dict[str, object]:
    """With highest averages, or D'Hondt on the remainders, the D'Hondt level of the seats left: none where no
    seat is left that way."""
    return {"divisor": None} if method.leftover in ("highest averages", REMAINDER_DIVISORS) else {}


def _whole_rounds(full: dict[str, int], count: int) -> int:
    """The most whole rounds of taking one seat back from each list that still has one, within `count`."""
    low, high = 0, max(full.values(), default=0)
    while low < high:
        middle = (low + high + 1) // 2
        if sum(min(f, middle) for f in full.values()) <= count:
            low = middle
        else:
            high = middle - 1
    return low

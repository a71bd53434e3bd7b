"""Seats placed in districts by claims: the pool of the seats the districts leave (the Czech second scrutiny:
claims are the lists' remainders) and Norway's adjustment seats (claims are votes over the next divisor over the
district's votes per seat). The (district, list) pairs are taken from the highest claim down, each taking a seat
while its list is owed one and its district has one free, in turns; equal claims competing for fewer seats
stop the placing (a lot)."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from .methods import Divisors, Quota, method_named
from .numbers import J, Malformed, items, number, text, whole
from .seats import read_round

Pair = tuple[str, str]  # (district, list)
Placing = tuple[Counter[Pair], dict[Pair, Fraction], bool]  # seats placed, the claims, whether a lot is needed
VERDICT = {True: "passed", False: "failed"}


def place(claims: dict[Pair, Fraction], owed: dict[str, int], free: dict[str, int]) -> tuple[Counter[Pair], bool]:
    """The seats placed per pair, and whether equal claims at the cut stopped the placing."""
    owed, free, placed = dict(owed), dict(free), Counter[Pair]()
    while sum(owed.values()):
        before = sum(owed.values())
        for value in sorted(set(claims.values()), reverse=True):
            live = [p for p, c in claims.items() if c == value and owed.get(p[1], 0) > 0 and free[p[0]] > 0]
            lists, districts = Counter(n for _u, n in live), Counter(u for u, _n in live)
            if any(k > owed[n] for n, k in lists.items()) or any(k > free[u] for u, k in districts.items()):
                return placed, True
            for unit, name in live:
                placed[(unit, name)] += 1
                owed[name] -= 1
                free[unit] -= 1
        if sum(owed.values()) == before:
            break
    return placed, False


def _outcome(contest: J) -> dict[Pair, tuple[J, J]]:
    """Every (district, list) of a contest's outcome: the unit and the selection."""
    units = contest.objs("units")
    return {(u.text("unit"), s.text("id")): (u, s) for u in units for s in u.objs("selections")}


def check_pool(value: dict[str, object], contest_value: dict[str, object]) -> tuple[Counter[Pair], list[str]]:
    """The pooled seats placed per pair, and the problems: each district's remainders from its quota, the round
    on their sums, the placing, and every district's seats in the outcome (its own plus those placed)."""
    witness, outcome = J(value, "pool"), _outcome(J(contest_value, "contest"))
    district_method = method_named(witness.text("district_method"))
    if not isinstance(district_method, Quota):
        raise Malformed("pool: the districts' method is not a quota method")
    problems: list[str] = []
    remainders: dict[Pair, Fraction] = {}
    free: dict[str, int] = {}
    own: dict[Pair, int] = {}
    for unit, value_ in witness.obj("districts").d.items():
        district = J(value_, unit)
        seats, lists = district.whole("seats"), {n: J(v, n) for n, v in district.obj("lists").d.items()}
        votes = {n: v.whole("votes") for n, v in lists.items()}
        own.update({(unit, n): v.whole("seats") for n, v in lists.items()})
        free[unit] = seats - sum(own[(unit, n)] for n in lists)
        qualified = {p for p, (_u, s) in outcome.items() if p[0] == unit and s.get("qualified") == "yes"}
        if qualified != {(unit, n) for n in lists} or any(
            outcome[(unit, n)][1].get("votes") != votes[n] for n in lists
        ):
            problems.append(f"{unit}: the lists and votes are not the outcome's qualifying lists")
        if free[unit] < 0 or {u.get("seats_available") for p, (u, _s) in outcome.items() if p[0] == unit} != {seats}:
            problems.append(f"{unit}: not the outcome's {seats} seats, or more seats given than it has")
        counted = district.get("quota_of") is not None  # the law's quota divides a count, at least the lists' votes
        total = Fraction(district.whole("total") if counted else sum(votes.values()))
        if total < sum(votes.values()):
            problems.append(f"{unit}: the quota's count is smaller than the votes of its lists")
        if total:
            quota = district_method.quota(total, seats)
            remainders.update({(unit, n): votes[n] - own[(unit, n)] * quota for n in lists})
    if witness.get("taking_part") is not None:
        part = _taking_part(witness.obj("taking_part"), {n for _u, n in remainders}, problems)
        remainders = {pair: r for pair, r in remainders.items() if pair[1] in part}
    totals: dict[str, Fraction] = {}
    for (_unit, name), remainder in remainders.items():
        totals[name] = totals.get(name, Fraction(0)) + remainder
    _method, round_, found = read_round(witness.obj("round").d)
    problems += [f"round: {p}" for p in found]
    if round_.votes != totals or round_.seats != sum(free.values()):
        problems.append("round: not the remainders added up over the districts and the seats they leave")
    owed, still = dict(round_.result), round_.seats - sum(round_.result.values())
    if witness.get("second_phase") is not None and not round_.tied and still > 0:
        quota = witness.obj("round").num("quota")
        given, phase_tied = _second_phase(witness.obj("second_phase"), totals, owed, quota, still, problems)
        owed = {n: owed[n] + given.get(n, 0) for n in owed}
        if phase_tied:
            return Counter(), problems
    placed, tied = place(remainders, owed, free) if not round_.tied else (Counter[Pair](), True)
    stated = Counter[Pair]()
    for entry in items(witness["placed"], "placed"):
        where, who, count = items(entry, "placed")
        stated[(text(where, "unit"), text(who, "list"))] += whole(count, "seats")
    if stated != placed:
        problems.append("the pooled seats are not placed where the largest remainders and free seats put them")
    for pair, seats in {} if tied else own.items():
        if outcome.get(pair, (J({}), J({})))[1].get("seats") != seats + placed[pair]:
            problems.append(f"{pair[1]} in {pair[0]}: the outcome gives {outcome[pair][1].get('seats')} seats")
    return (Counter() if tied else placed), problems


def check_placement(value: dict[str, object], contest_value: dict[str, object]) -> list[str]:
    """Adjustment seats placed one per district by the lists' claims there (votes over the next divisor over the
    district's votes per seat), or, with `each_list`, each list's one at a time where its votes over the next
    divisor after the seats it holds there are highest; from the outcome's districts (votes, seats) and its
    national tier (each list's adjustment seats). Claims are compared squared, so that any divisor stays exact."""
    witness, contest = J(value, "placement"), J(contest_value, "contest")
    method = method_named(witness.text("method"))
    if not isinstance(method, Divisors):
        raise Malformed("placement: the method is not a divisor method")
    tier = {a.text("selection"): a.whole("adjustment_seats") for a in contest.objs("adjustment")}
    owed = {name: seats for name, seats in tier.items() if seats}
    units = {u.text("unit"): u for u in contest.objs("units")}
    cells = {pair: (s.whole("votes"), s.whole("seats")) for pair, (_u, s) in _outcome(contest).items()}
    if witness.get("each_list") is True:
        placed, claims, tied = _each_list(cells, owed, method)
    else:
        per_seat = {w: Fraction(sum(v for (x, _n), (v, _s) in cells.items() if x == w)) for w in units}
        per_seat = {w: total / units[w].whole("seats_available") for w, total in per_seat.items()}
        # a list owed seats, with votes in a district: they make the district's total, and its claim, positive
        owing = {(w, n): (v, k) for (w, n), (v, k) in cells.items() if n in owed and v}
        claims = {(w, n): v**2 / method.squared(k) / per_seat[w] ** 2 for (w, n), (v, k) in owing.items()}
        placed, tied = place(claims, owed, dict.fromkeys(units, 1))
    problems = ["equal claims compete for the last seats: a lot, not a placement"] if tied else []
    problems += ["not every adjustment seat finds a district"] * (sum(placed.values()) != sum(owed.values()))
    for entry in items(witness["claims"], "claims"):
        where, who, claim = items(entry, "claim")
        if claims.get((text(where, "unit"), text(who, "list"))) != number(claim, "claim") ** 2:
            problems.append(f"the claim of {who} in {where} is not its votes over the next divisor and the seat")
    adjusted = contest.objs("adjustment_placed")
    stated = Counter({(p.text("unit"), p.text("selection")): p.whole("seats") for p in adjusted})
    moved = +stated != placed
    return problems + ["the outcome places the adjustment seats elsewhere than the highest claims"] * moved


def _each_list(cells: dict[Pair, tuple[int, int]], owed: dict[str, int], method: Divisors) -> Placing:
    """Each list's seats one at a time where its squared quotient after the seats it holds is highest: the seats
    placed, the quotient of the last seat each (district, list) took, and whether equal quotients need a lot."""
    placed, last = Counter[Pair](), dict[Pair, Fraction]()
    for name, left in owed.items():
        held = {u: vs for (u, n), vs in cells.items() if n == name and vs[0] > 0}
        while left > 0 and held:
            figures = {u: Fraction(v * v) / method.squared(s + placed[(u, name)]) for u, (v, s) in held.items()}
            top = [u for u, x in figures.items() if x == max(figures.values())]
            if len(top) > left:
                return placed, last, True
            placed.update((unit, name) for unit in top)
            last.update({(unit, name): figures[unit] for unit in top})
            left -= len(top)
    return placed, last, False


def _passes(test: J, votes: Fraction | None = None) -> bool:
    """votes / base against the share, by cross-multiplication (a share equal to it passes `at least`)."""
    share, votes = test.num("share"), test.num("votes") if votes is None else votes
    left, right = votes * share.denominator, share.numerator * test.num("base")
    return left >= right if test.get("inclusive") is True else left > right


def _taking_part(value: J, pooled: set[str], problems: list[str]) -> set[str]:
    """The lists that take part in the pool: those of the districts less the independent candidates set aside and
    the lists that fail one of the pool's thresholds (each re-measured from its votes and base)."""
    tests = [(t, _passes(t)) for t in value.objs("tests")]
    for test, ok in tests:
        if test.text("result") != VERDICT[ok]:
            problems.append(f"{test.text('list')}: {test.text('clause')} is decided otherwise")
    return pooled - {t.text("list") for t, ok in tests if not ok} - set(value.names("independent"))


def _second_phase(
    phase: J, totals: dict[str, Fraction], owed: dict[str, int], quota: Fraction, still: int, problems: list[str]
) -> tuple[dict[str, int], bool]:
    """The seats the pool's full quotas leave, to the largest remainders (after its quota) of the lists that pass
    the share, one a list in whole rounds: (seats given, whether equal remainders at the cut need a lot)."""
    votes = phase.per("votes", sorted(totals))
    eligible = [n for n in sorted(totals) if _passes(phase, votes[n]) and totals[n] > 0]
    left = {n: totals[n] - owed.get(n, 0) * quota for n in eligible}
    ranked, (rounds, rest) = sorted(eligible, key=lambda n: -left[n]), divmod(still, len(eligible) or 1)
    tied = not eligible or (0 < rest < len(ranked) and left[ranked[rest]] == left[ranked[rest - 1]])
    result = ("lot needed" if eligible else None) if tied else "allocated"
    if phase.get("result") != result:
        problems.append(f"the second phase is `{result or 'not decided'}`, the witness says otherwise")
    return ({} if tied else {n: rounds + (n in ranked[:rest]) for n in eligible}), tied

"""Decisions that are comparisons: thresholds, the alternative of constituency wins, the election of candidates
by plurality, who goes to a second round, and the conditions of validity, re-runs, majorities, recounts and
approvals. Each is re-decided from the numbers its witness states, with exact three-valued comparisons: a figure
that is not published is an interval, and a comparison it leaves open is `not evaluated`."""

from __future__ import annotations

from fractions import Fraction

from .numbers import J, Malformed, field, items, number, optional_number, table
from .seats import break_by_rule, check_tie

Interval = tuple[Fraction, Fraction | None, bool]  # low, high (None: unbounded), exact

#: The result each kind of condition records when it holds and when it does not.
VERDICTS: dict[str, tuple[str, str]] = {
    "rerun": ("rerun", "no rerun"),
    "validity": ("valid", "void"),
    "recount": ("recount", "no recount"),
    "approve": ("approved", "not approved"),
    "majority": ("majority", "no majority"),
}
WORDS = {True: "passed", False: "failed", None: "not evaluated"}


def interval(value: object, what: str) -> Interval:
    """A number (exact), `{"at_most": N}` or `{"low": L, "high": H}` (H null: unbounded), or null (unbounded)."""
    if value is None:
        return Fraction(0), None, False
    if isinstance(value, dict):
        if "at_most" in value:
            return Fraction(0), number(value["at_most"], what), False
        return number(field(value, "low", what), what), optional_number(field(value, "high", what), what), False
    exact = number(value, what)
    return exact, exact, True


def _above(a: Interval, b: Interval, strict: bool) -> bool | None:
    if b[1] is not None and (a[0] > b[1] or (not strict and a[0] >= b[1])):
        return True
    if a[1] is not None and (a[1] < b[0] or (strict and a[1] <= b[0])):
        return False
    return None


def compare(a: Interval, operator: str, b: Interval) -> bool | None:
    """a OPERATOR b for every value the intervals allow: True, False, or None (not decided)."""
    if operator in (">", ">="):
        return _above(a, b, operator == ">")
    if operator in ("<", "<="):
        return _above(b, a, operator == "<")
    if operator not in ("=", "!="):
        raise Malformed(f"`{operator}` is not a comparison")
    apart = (a[1] is not None and a[1] < b[0]) or (b[1] is not None and b[1] < a[0])
    equal: bool | None = (a[0] == b[0]) if a[2] and b[2] else False if apart else None
    return equal if operator == "=" or equal is None else not equal


def _scaled(value: Interval, share: Fraction, whole: bool = False) -> Interval:
    """The votes a share of the base needs (`whole`: rounded down to whole votes, as the law may say)."""
    low, high = value[0] * share, None if value[1] is None else value[1] * share
    if whole:
        low, high = Fraction(low // 1), None if high is None else Fraction(high // 1)  # exact floors
    return low, high, value[2]


def threshold(value: dict[str, object]) -> tuple[str, Fraction | None]:
    """The result of a threshold test from its measures, and the share where one was measured exactly."""
    witness = J(value, "threshold")
    sign, share, mode = witness.text("comparison"), witness.num("share"), witness.text("mode")
    if sign not in (">=", ">"):
        raise Malformed("threshold: the comparison is `>=` or `>`")
    results: list[bool | None] = []
    exact_share = None
    for measure in witness.objs("measures"):
        votes, base = interval(measure["votes"], "votes"), interval(measure["base"], "base")
        results.append(compare(votes, sign, _scaled(base, share, witness.get("whole_votes") is True)))
        if votes[2] and base[2] and base[0] > 0:
            exact_share = votes[0] / base[0]
    if mode == "single":
        return (WORDS[results[0]] if len(results) == 1 else "not evaluated"), exact_share
    absent = 0 if witness["units"] is None else witness.whole("units") - len(results)  # units counted, not given
    if not results or absent < 0:
        return "not evaluated", None
    failed, unknown = results.count(False), results.count(None)
    if mode == "every":
        return ("failed" if failed else "not evaluated" if unknown or absent else "passed"), None
    if mode != "at least":
        raise Malformed(f"threshold: `{mode}` is not a mode of measuring")
    met, needed = len(results) - failed - unknown, witness.whole("needed")
    return ("passed" if met >= needed else "failed" if met + unknown + absent < needed else "not evaluated"), None


def wins(value: dict[str, object]) -> str:
    """`, or N constituency wins`: passed with enough wins; otherwise the share's result stands (failed)."""
    witness = J(value, "wins")
    if witness["wins"] is None:
        return "not evaluated"
    return "passed" if witness.whole("wins") >= witness.whole("needed") else "failed"


def _ranked(witness: J) -> tuple[list[str], dict[str, int | None]]:
    candidates, votes = witness.names("candidates"), witness.obj("votes")
    if sorted(votes.d) != sorted(candidates):
        raise Malformed(f"{witness.what}: the votes do not name exactly the candidates")
    return candidates, {c: None if votes[c] is None else votes.whole(c) for c in candidates}


def election(value: dict[str, object]) -> tuple[str, list[str], list[str], int, list[str]]:
    """Plurality: the result, those elected outright, the tied group and its seats, and the final winners
    (with the tie broken when the witness breaks it)."""
    witness = J(value, "election")
    candidates, votes = _ranked(witness)
    if witness.get("unopposed") is True:  # elected without a poll: only where the candidates fill the seats
        if witness["seats"] is None or not 0 < len(candidates) <= witness.whole("seats"):
            raise Malformed("elected without a poll, but the candidates are more than the seats (or none)")
        return "elected", candidates, [], 0, candidates
    if witness["seats"] is None or any(v is None for v in votes.values()):
        return "not evaluated", [], [], 0, []
    known = {c: v for c, v in votes.items() if v is not None}
    ranked = sorted(candidates, key=lambda c: -known[c])
    seats = min(witness.whole("seats"), len(ranked))
    if witness.get("limit") is not None:
        return _within_limit(witness.obj("limit"), ranked, known, seats)
    if seats == 0:
        return "no candidate", [], [], 0, []
    cut = known[ranked[seats - 1]]
    sure, group = [c for c in ranked if known[c] > cut], [c for c in ranked if known[c] == cut]
    if len(group) <= seats - len(sure):
        return "elected", sure + group, [], 0, sure + group
    winners = list(sure)
    if witness["tie"] is not None:
        broken, _still, _left, problems = check_tie(witness.obj("tie").d)
        if problems:
            raise Malformed("tie: " + "; ".join(problems))
        if sorted(witness.obj("tie").names("tied")) != sorted(group):
            raise Malformed("tie: the tied candidates are not those with equal votes at the cut")
        winners += broken
    return "tied", sure, group, seats - len(sure), winners


def _within_limit(
    limit: J, ranked: list[str], votes: dict[str, int], seats: int
) -> tuple[str, list[str], list[str], int, list[str]]:
    """Plurality within a limit of seats per gender: down the votes, a candidate whose gender already holds the
    limit is passed over; equal votes go to the law's tie rule, first within each gender whose room they exceed,
    then for the seats left. A tie the rule leaves open leaves the seats above it sure and the rest `tied`."""
    most, stated = limit.whole("most"), limit.obj("gender")
    if any(stated[name] is None for name in ranked):
        return "not evaluated", [], [], 0, []
    gender = {name: stated.whole(name) for name in ranked}
    rule = None if limit.get("rule") is None else limit.names("rule")
    values = {s: J(v, f"values of {s}") for s, v in (limit.obj("values").d if "values" in limit.d else {}).items()}
    held: dict[int, int] = {}
    winners: list[str] = []
    left = seats
    for value in sorted(set(votes.values()), reverse=True):
        if left == 0:
            break
        eligible = [s for s in ranked if votes[s] == value and held.get(gender[s], 0) < most]
        rooms = {g: most - held.get(g, 0) for g in {gender[s] for s in eligible}}
        count = {g: sum(1 for s in eligible if gender[s] == g) for g in rooms}
        capacity = sum(min(rooms[g], count[g]) for g in rooms)
        chosen: list[str] = []
        for g in sorted(rooms):
            members = [s for s in eligible if gender[s] == g]
            if count[g] <= rooms[g]:
                chosen += members
                continue
            won, still, still_seats = _tie(members, rooms[g], rule, values)
            if still and capacity <= left and all(count[h] <= rooms[h] for h in rooms if h != g):
                sure = [*winners, *(s for s in eligible if gender[s] != g), *won]
                return "tied", sure, still, still_seats, sure
            if still:
                return "tied", winners, eligible, min(left, capacity), winners
            chosen += won
        if len(chosen) > left:
            won, still, still_seats = _tie(chosen, left, rule, values)
            if still:
                return "tied", winners + won, still, still_seats, winners + won
            chosen = won
        for name in chosen:
            held[gender[name]] = held.get(gender[name], 0) + 1
        winners += chosen
        left -= len(chosen)
    return "elected", winners, [], 0, winners


def _tie(
    members: list[str], seats: int, rule: list[str] | None, values: dict[str, J]
) -> tuple[list[str], list[str], int]:
    """Equal votes under a limit: the law's tie rule, on the values the witness states for each of them."""
    if any(name not in values for name in members):
        raise Malformed("election: equal votes under a limit per gender without the tie rule's values")
    return break_by_rule(members, seats, rule, values)


def runoff(value: dict[str, object]) -> tuple[str, list[str]]:
    """Who goes to the second round: the top N (all equal at the cut), or those with a share of a count (at
    least `floor` of them)."""
    witness = J(value, "runoff")
    candidates, votes = _ranked(witness)
    if any(v is None for v in votes.values()):
        raise Malformed("runoff: a second round is decided on published votes only")
    known = {c: v for c, v in votes.items() if v is not None}
    ranked = sorted(candidates, key=lambda c: -known[c])
    if witness["top"] is not None:
        n = witness.whole("top")
        if n == 0:
            raise Malformed("runoff: the top 0")
        cut = known[ranked[n - 1]] if len(ranked) >= n else -1
        return "runoff", [c for c in ranked if known[c] >= cut] if cut >= 0 else ranked
    if witness["base"] is None:
        return "not evaluated", []
    amount = witness.num("share") * witness.whole("base")
    strict = witness.text("comparison") == ">"
    chosen = [c for c in ranked if (known[c] > amount if strict else known[c] >= amount)]
    if witness["floor"] is not None and len(chosen) < witness.whole("floor"):
        chosen = ranked[: witness.whole("floor")]
    return "runoff", chosen


def condition(node: object, qualification: tuple[int, int]) -> bool | None:
    """A condition tree: `always`, `all` / `any` of conditions, a comparison of two intervals, or `no list
    qualifies` (decided by the outcome's qualification: lists that qualify, lists undetermined)."""
    tree = table(node, "condition")
    if len(tree) != 1:
        raise Malformed("condition: one of `always`, `all`, `any`, `compare`, `no list qualifies`")
    ((kind, value),) = tree.items()
    if kind == "always":
        return True
    if kind in ("all", "any"):
        values = [condition(item, qualification) for item in items(value, kind)]
        decided = False if kind == "all" else True
        return decided if decided in values else (not decided) if all(v is (not decided) for v in values) else None
    if kind == "compare":
        compared = J(value, "compare")
        left, right = interval(compared["left"], "left"), interval(compared["right"], "right")
        return compare(left, compared.text("operator"), right)
    if kind == "no list qualifies":
        counted = J(value, kind)
        stated = (counted.whole("qualifying"), counted.whole("undetermined"))
        if stated != qualification:
            raise Malformed(
                f"no list qualifies: {stated} qualifying and undetermined stated, the outcome has {qualification}"
            )
        return False if stated[0] else (None if stated[1] else True)
    raise Malformed(f"condition: `{kind}` is not a kind of condition")

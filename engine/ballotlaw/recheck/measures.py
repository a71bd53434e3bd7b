"""Decisions that are comparisons: thresholds, the alternative of constituency wins, the election of candidates
by plurality, who goes to a second round, and the conditions of validity, re-runs, majorities, recounts and
approvals. Each is re-decided from the numbers its witness states, with exact three-valued comparisons: a figure
that is not published is an interval, and a comparison it leaves open is `not evaluated`."""

from __future__ import annotations

from fractions import Fraction

from .numbers import Malformed, field, items, names, number, optional_number, table, text, whole
from .seats import check_tie

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
    if a[2] and b[2]:
        equal: bool | None = a[0] == b[0]
    elif (a[1] is not None and a[1] < b[0]) or (b[1] is not None and b[1] < a[0]):
        equal = False
    else:
        equal = None
    return equal if operator == "=" or equal is None else not equal


def _scaled(value: Interval, share: Fraction) -> Interval:
    return value[0] * share, None if value[1] is None else value[1] * share, value[2]


def threshold(witness: dict[str, object]) -> tuple[str, Fraction | None]:
    """The result of a threshold test from its measures, and the share where one was measured exactly."""
    sign = text(field(witness, "comparison", "threshold"), "comparison")
    if sign not in (">=", ">"):
        raise Malformed("threshold: the comparison is `>=` or `>`")
    share = number(field(witness, "share", "threshold"), "share")
    mode = text(field(witness, "mode", "threshold"), "mode")
    measures = [table(m, "measure") for m in items(field(witness, "measures", "threshold"), "measures")]
    expected = field(witness, "units", "threshold")
    results: list[bool | None] = []
    exact_share = None
    for measure in measures:
        votes = interval(field(measure, "votes", "measure"), "votes")
        base = interval(field(measure, "base", "measure"), "base")
        results.append(compare(votes, sign, _scaled(base, share)))
        if votes[2] and base[2] and base[0] > 0:
            exact_share = votes[0] / base[0]
    if mode == "single":
        return (WORDS[results[0]] if len(results) == 1 else "not evaluated"), exact_share
    if not results or (expected is not None and len(results) != whole(expected, "units")):
        return "not evaluated", None
    failed, unknown = results.count(False), results.count(None)
    if mode == "every":
        return ("failed" if failed else "not evaluated" if unknown else "passed"), None
    if mode != "at least":
        raise Malformed(f"threshold: `{mode}` is not a mode of measuring")
    needed = whole(field(witness, "needed", "threshold"), "needed")
    met = len(results) - failed - unknown
    return ("passed" if met >= needed else "failed" if met + unknown < needed else "not evaluated"), None


def wins(witness: dict[str, object]) -> str:
    """`, or N constituency wins`: passed with enough wins; otherwise the share's result stands (failed)."""
    value = field(witness, "wins", "wins")
    if value is None:
        return "not evaluated"
    return "passed" if whole(value, "wins") >= whole(field(witness, "needed", "wins"), "needed") else "failed"


def _ranked(witness: dict[str, object], kind: str) -> tuple[list[str], dict[str, int | None]]:
    candidates = names(field(witness, "candidates", kind), "candidates")
    votes_value = table(field(witness, "votes", kind), "votes")
    if sorted(votes_value) != sorted(candidates):
        raise Malformed(f"{kind}: the votes do not name exactly the candidates")
    votes = {c: None if votes_value[c] is None else whole(votes_value[c], f"votes of {c}") for c in candidates}
    return candidates, votes


def election(witness: dict[str, object]) -> tuple[str, list[str], list[str], int, list[str]]:
    """Plurality: the result, those elected outright, the tied group and its seats, and the final winners
    (with the tie broken when the witness breaks it). Problems are raised as Malformed or returned by the
    caller's comparison with the stated values."""
    candidates, votes = _ranked(witness, "election")
    seats_value = field(witness, "seats", "election")
    if seats_value is None or any(v is None for v in votes.values()):
        return "not evaluated", [], [], 0, []
    known = {c: v for c, v in votes.items() if v is not None}
    ranked = sorted(candidates, key=lambda c: -known[c])
    seats = min(whole(seats_value, "seats"), len(ranked))
    if seats == 0:
        return "no candidate", [], [], 0, []
    cut = known[ranked[seats - 1]]
    sure = [c for c in ranked if known[c] > cut]
    group = [c for c in ranked if known[c] == cut]
    if len(group) <= seats - len(sure):
        return "elected", sure + group, [], 0, sure + group
    winners = list(sure)
    tie = witness.get("tie")
    if tie is not None:
        tie_table = table(tie, "tie")
        broken, _still, _left, problems = check_tie(tie_table)
        if problems:
            raise Malformed("tie: " + "; ".join(problems))
        if sorted(names(field(tie_table, "tied", "tie"), "tied")) != sorted(group):
            raise Malformed("tie: the tied candidates are not those with equal votes at the cut")
        winners += broken
    return "tied", sure, group, seats - len(sure), winners


def runoff(witness: dict[str, object]) -> tuple[str, list[str]]:
    """Who goes to the second round: the top N (all equal at the cut), or those with a share of a count (at
    least `floor` of them)."""
    candidates, votes = _ranked(witness, "runoff")
    if any(v is None for v in votes.values()):
        raise Malformed("runoff: a second round is decided on published votes only")
    known = {c: v for c, v in votes.items() if v is not None}
    ranked = sorted(candidates, key=lambda c: -known[c])
    top = field(witness, "top", "runoff")
    if top is not None:
        n = whole(top, "top")
        if n == 0:
            raise Malformed("runoff: the top 0")
        cut = known[ranked[n - 1]] if len(ranked) >= n else -1
        return "runoff", [c for c in ranked if known[c] >= cut] if cut >= 0 else ranked
    base = field(witness, "base", "runoff")
    if base is None:
        return "not evaluated", []
    share = number(field(witness, "share", "runoff"), "share")
    strict = text(field(witness, "comparison", "runoff"), "comparison") == ">"
    amount = share * whole(base, "base")
    chosen = [c for c in ranked if (known[c] > amount if strict else known[c] >= amount)]
    floor = field(witness, "floor", "runoff")
    if floor is not None and len(chosen) < whole(floor, "floor"):
        chosen = ranked[: whole(floor, "floor")]
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
        if decided in values:
            return decided
        return (not decided) if all(v is (not decided) for v in values) else None
    if kind == "compare":
        compared = table(value, "compare")
        left = interval(field(compared, "left", "compare"), "left")
        right = interval(field(compared, "right", "compare"), "right")
        return compare(left, text(field(compared, "operator", "compare"), "operator"), right)
    if kind == "no list qualifies":
        counted = table(value, kind)
        stated = (whole(field(counted, "qualifying", kind), kind), whole(field(counted, "undetermined", kind), kind))
        if stated != qualification:
            raise Malformed(
                f"no list qualifies: {stated[0]} qualifying and {stated[1]} undetermined stated, the outcome has "
                f"{qualification[0]} and {qualification[1]}"
            )
        return False if stated[0] else (None if stated[1] else True)
    raise Malformed(f"condition: `{kind}` is not a kind of condition")

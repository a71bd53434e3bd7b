"""Clauses that decide who takes part: a fallback that admits lists when the thresholds leave too few, and
cancelled registrations. Each is re-decided from its witness; the caller compares with the outcome."""

from __future__ import annotations

from fractions import Fraction

from .numbers import J, Malformed, field, names, number, table, text, whole
from .seats import check_tie


def fallback(witness: dict[str, object]) -> tuple[str, list[str], list[str]]:
    """The result, the lists the fallback admits, and those it leaves undetermined (a tie at the edge or a
    figure not published). `share`: lists join by votes, equal ones together, until the qualifying lists hold
    the share of the base; `number`: if fewer than N qualify, the M with the most votes do."""
    votes_value = table(field(witness, "votes", "fallback"), "votes")
    votes = {n: None if v is None else whole(v, f"votes of {n}") for n, v in votes_value.items()}
    before = names(field(witness, "before", "fallback"), "before")
    undetermined = names(field(witness, "undetermined", "fallback"), "undetermined")
    waiting = [n for n in votes if n not in before and n not in undetermined]
    if not set(before) <= set(votes):
        raise Malformed("fallback: a list that qualifies has no votes stated")
    rule = text(field(witness, "rule", "fallback"), "rule")
    if rule == "share":
        base = field(witness, "base", "fallback")
        if base is None or any(votes[n] is None for n in before):
            return "not evaluated", [], waiting
        held = Fraction(sum(votes[n] or 0 for n in before))
        share = number(field(witness, "share", "fallback"), "share")
        if isinstance(base, dict):  # not published, at most a bound: enough only if the lists hold its share
            most = number(field(base, "at_most", "base"), "at_most")
            return ("not needed", [], []) if held >= share * most else ("not evaluated", [], waiting)
        needed = share * whole(base, "base")
        if held >= needed:
            return "not needed", [], []
        if undetermined or any(votes[n] is None for n in waiting):
            return "not evaluated", [], waiting
        ranked, added = sorted(waiting, key=lambda n: -(votes[n] or 0)), list[str]()
        while held < needed and ranked:
            group = [n for n in ranked if votes[n] == votes[ranked[0]]]
            added, ranked, held = added + group, ranked[len(group) :], held + (votes[group[0]] or 0) * len(group)
        return "fallback", added, []
    if rule != "number":
        raise Malformed(f"fallback: `{rule}` is not a rule of fallback")
    fewer_than = whole(field(witness, "fewer_than", "fallback"), "fewer_than")
    if len(before) >= fewer_than:
        raise Malformed("fallback: enough lists qualify: the rule does not apply")
    take, at_least = whole(field(witness, "take", "fallback"), "take"), whole(witness.get("at_least", 0), "at_least")
    if len(before) + len(undetermined) < at_least:
        raise Malformed("fallback: fewer lists than `only` names qualify: the rule does not apply")
    if len(before) + len(undetermined) >= fewer_than or len(before) < at_least or None in votes.values():
        return _by_bounds(witness, votes, before, undetermined, fewer_than, take, len(before) >= at_least)
    ranked = sorted(votes, key=lambda n: -(votes[n] or 0))
    chosen, still = ranked[:take], list[str]()
    if 0 < take < len(ranked) and votes[ranked[take - 1]] == votes[ranked[take]]:
        tie = table(field(witness, "tie", "fallback"), "tie")
        edge = votes[ranked[take]]
        winners, still, _left, problems = check_tie(tie)
        if problems or sorted(names(field(tie, "tied", "tie"), "tied")) != sorted(
            n for n in ranked if votes[n] == edge
        ):
            raise Malformed("fallback: the tie at the edge is not the one the votes leave, or is broken otherwise")
        chosen = [n for n in ranked if (votes[n] or 0) > (edge or 0)] + winners
    return "fallback", [n for n in chosen if n not in before], [n for n in still if n not in before]


def _by_bounds(
    witness: dict[str, object],
    votes: dict[str, int | None],
    before: list[str],
    undetermined: list[str],
    fewer_than: int,
    take: int,
    surely: bool = True,
) -> tuple[str, list[str], list[str]]:
    """`fewer than N` where a list's votes are only bounded, or lists not yet decided may make the rule apply
    (evaluate/fallbacks.py): a list is surely among the M when fewer than M others can reach its least votes,
    surely not when M others surely have more."""
    stated = table(field(witness, "bounds", "fallback"), "bounds")
    spans: dict[str, tuple[Fraction, Fraction | None]] = {}
    for name, value in votes.items():
        if value is not None:
            spans[name] = (Fraction(value), Fraction(value))
            continue
        if name not in stated:
            raise Malformed(f"fallback: the votes of {name} have neither a value nor bounds")
        bound = table(stated[name], f"bounds of {name}")
        high = field(bound, "high", "bounds")
        spans[name] = (number(field(bound, "low", "bounds"), "low"), None if high is None else number(high, "high"))
    inside: list[str] = []
    outside: list[str] = []
    for name, (low, high) in spans.items():
        reach = sum(1 for o, (_l, h) in spans.items() if o != name and (h is None or h >= low))
        above = sum(1 for o, (lo, _h) in spans.items() if o != name and high is not None and lo > high)
        if reach < take:
            inside.append(name)
        elif above >= take:
            outside.append(name)
    unsure = [n for n in votes if n not in inside and n not in outside]
    below = [n for n in votes if n not in before and n not in undetermined]
    if len(before) + len(undetermined) < fewer_than and surely:  # `surely`: at least the lists `only` names
        if not unsure:
            return "fallback", [n for n in inside if n not in before], []
        return "not evaluated", [n for n in inside if n not in before], [n for n in unsure if n in below]
    either = (
        [n for n in inside if n in undetermined] if len(before) + len(undetermined) <= fewer_than and surely else []
    )
    waiting = [n for n in below if n not in outside]
    return ("not evaluated" if waiting else "fallback"), either, waiting


def cancelled(witness: dict[str, object]) -> list[str]:
    """The candidates whose registration the results mark as cancelled (those the step must name)."""
    marks = table(field(witness, "registration_cancelled", "cancelled"), "registration_cancelled")
    if any(not isinstance(v, bool) for v in marks.values()):
        raise Malformed("cancelled: each mark is true or false")
    return [n for n, v in marks.items() if v]


def instant_runoff(witness: J, steps: list[J]) -> tuple[str | None, list[str]]:
    """A count by instant runoff re-decided from the counts its steps record: every round holds the valid
    ballots; while no candidate has more than half of the base (the continuing ballots, or all valid ones), the
    lowest is excluded (or, with bulk exclusion, the most lowest ones whose votes together are fewer than the
    next one's); the excluded votes pass on or exhaust, and the next round is the last plus what passed on.
    The candidate elected, and the problems."""
    valid, of_all, bulk = witness.whole("valid"), witness.text("majority_of") == "all", witness["bulk"] is True
    ties, steps = [s for s in steps if s.get("kind") == "tie"], [s for s in steps if s.get("kind") != "tie"]
    kinds = [s.text("kind") for s in steps]
    history: list[dict[str, Fraction]] = []
    if witness.text("rule") != "instant runoff" or kinds[:2] != ["ballots", "round"] or kinds[-1] != "election":
        raise Malformed("ranked: a count by instant runoff is ballots, rounds, exclusions, transfers, an election")
    problems = [] if steps[0].obj("inputs").whole("valid") == valid else ["the valid ballots are not the count's"]
    votes: dict[str, int] = {}
    exhausted = out = settled = 0
    for position, step in enumerate(steps[1:-1], 1):
        inputs, kind = step.obj("inputs"), kinds[position]
        if kind != ["round", "exclusion", "transfer"][(position - 1) % 3]:
            raise Malformed(f"ranked: step {step.get('n')} is not in the order of a count")
        if kind == "round":
            counted = {n: inputs.whole(n) for n in inputs.d if n != "exhausted"}
            if votes and (counted, inputs.whole("exhausted")) != (votes, exhausted):
                problems.append(f"round {step.get('n')}: not the round before with the ballots passed on")
            votes, exhausted = counted, inputs.whole("exhausted")
            history.append({n: Fraction(v) for n, v in votes.items()})
            if sum(votes.values()) + exhausted != valid:
                problems.append(f"round {step.get('n')}: the votes and the exhausted ballots are not the {valid} valid")
        elif kind == "exclusion":
            ranked = sorted(votes, key=lambda n: votes[n])
            cut = max(
                (k for k in range(2, len(ranked)) if bulk and sum(votes[n] for n in ranked[:k]) < votes[ranked[k]]),
                default=1,
            )
            lowest = ranked[:cut]
            if cut == 1 and len(ranked) > 1 and votes[ranked[0]] == votes[ranked[1]]:
                lowest = [_settle([n for n in ranked if votes[n] == votes[ranked[0]]], history, witness)]
                settled += 1
            if sorted(inputs.d) != sorted(lowest) or any(inputs.whole(n) != votes[n] for n in inputs.d):
                problems.append(f"exclusion {step.get('n')}: {', '.join(lowest)} are the lowest, not as stated")
            out = sum(votes.pop(n) for n in lowest)
        else:
            moved = {n.removeprefix("to "): inputs.whole(n) for n in inputs.d if n != "exhausted"}
            if sorted(moved) != sorted(votes) or sum(moved.values()) + inputs.whole("exhausted") != out:
                problems.append(f"transfer {step.get('n')}: the ballots passed on are not the excluded ones")
            votes = {n: v + moved.get(n, 0) for n, v in votes.items()}
            exhausted += inputs.whole("exhausted")
        if (
            kind == "round"
            and votes
            and (2 * max(votes.values()) > (valid if of_all else sum(votes.values())) or len(votes) == 1)
        ):
            if position != len(steps) - 2:
                problems.append(f"round {step.get('n')}: a candidate has a majority, yet the count goes on")
            if settled != len(ties):
                problems.append("the ties the trace records are not those the exclusions break")
            return max(votes, key=lambda n: votes[n]), problems
    return None, [*problems, "no round gives a candidate a majority"]


def _quota(name: str, valid: int, seats: int) -> tuple[Fraction, bool]:
    """The quota of a single transferable vote, and whether reaching it elects (else only exceeding it)."""
    if name == "droop":
        return Fraction(valid // (seats + 1) + 1), True
    if name in ("exact droop", "hare"):
        return (Fraction(valid, seats + 1), False) if name == "exact droop" else (Fraction(valid, seats), True)
    raise Malformed(f"ranked: `{name}` is not a quota the checker knows")


def _lowest(votes: dict[str, Fraction], vacancies: int, history: list[dict[str, Fraction]], witness: J) -> list[str]:
    """Who is excluded: the lowest, or (bulk) the most lowest whose votes together are fewer than the next one's,
    leaving at least as many as there are seats to fill; of equal lowest, the one the law's tie rule takes."""
    ranked = sorted(votes, key=lambda n: votes[n])
    cuts = [k for k in range(2, len(ranked) - vacancies + 1) if sum(votes[n] for n in ranked[:k]) < votes[ranked[k]]]
    cut = max(cuts, default=1) if witness["bulk"] is True else 1
    if cut == 1 and len(ranked) > 1 and votes[ranked[0]] == votes[ranked[1]]:
        return [_settle([n for n in ranked if votes[n] == votes[ranked[0]]], history, witness)]
    return ranked[:cut]


def _settle(group: list[str], history: list[dict[str, Fraction]], witness: J) -> str:
    """The one of equal lowest the law's tie rule excludes: by the rounds before (fewest votes: at the first
    round they differ, the latest, or the first preferences), else by the attribute ranked last (the highest
    value) or the published lot; a tie the rule leaves open stops the count, which has no witness then."""
    ties = witness.obj("ties")
    values, current = ties.obj("values"), sorted(group)
    for key in ties.names("rule"):
        if len(current) == 1:
            break
        if key in ("previous rounds", "first difference", "first preferences"):
            stages = list(range(len(history) - 1))  # the rounds before the current one
            for stage in {"previous rounds": stages[::-1], "first preferences": stages[:1]}.get(key, stages):
                low = min(history[stage][n] for n in current)
                current = [n for n in current if history[stage][n] == low]
                if len(current) == 1:
                    break
        elif all(J(values[n], "values").get(key) is not None for n in current):
            high = max(J(values[n], "values").whole(key) for n in current)
            current = [n for n in current if J(values[n], "values").whole(key) == high]
    if len(current) != 1:
        raise Malformed("ranked: the tie rule does not decide whom to exclude, yet the count goes on")
    return current[0]


def single_transferable_vote(witness: J, steps: list[J]) -> tuple[list[str], list[str]]:
    """A count by the single transferable vote (Gregory) re-decided from the counts its steps record: the quota
    from the valid ballots and the seats; each stage elects the continuing candidates with the quota (most votes
    first), else passes on the largest surplus, else excludes the lowest; when as many continue as seats are
    left, all are elected. Every round holds the valid ballots (what rounding loses counts as exhausted), and is
    the round before with what passed on. The candidates elected in order, and the problems."""
    valid, seats = witness.whole("valid"), witness.whole("seats")
    quota, reaching = _quota(witness.text("quota"), valid, seats)
    ties, steps = [s for s in steps if s.get("kind") == "tie"], [s for s in steps if s.get("kind") != "tie"]
    history: list[dict[str, Fraction]] = []
    stated = {int(n): names(v, "elected") for n, v in witness.obj("elected").d.items()}
    if [s.text("kind") for s in steps[:2]] != ["ballots", "round"] or steps[1].obj("inputs").d != {
        "valid ballots": valid,
        "seats": seats,
    }:
        raise Malformed("ranked: a count by the single transferable vote starts with its ballots and its quota")
    problems: list[str] = []
    votes: dict[str, Fraction] = {}
    elected: list[str] = []
    pending: list[str] = []
    expected: list[tuple[str, list[str], Fraction]] = [("round", [], Fraction(0))]  # what the count does next
    exhausted = passed = Fraction(0)
    settled = 0
    for step in steps[2:]:
        kind, inputs, n = step.text("kind"), step.obj("inputs"), step.whole("n")
        if not expected or kind != expected[0][0]:
            raise Malformed(
                f"ranked: step {n} is a {kind}, where the count has {expected[0][0] if expected else 'ended'}"
            )
        _kind, what, amount = expected.pop(0)
        if kind == "round":
            counted = {c: inputs.num(c) for c in inputs.d if c != "exhausted"}
            if votes and (set(counted) != set(votes) or any(counted[c] != votes[c] for c in votes if c not in elected)):
                problems.append(f"round {n}: not the round before with the ballots passed on")
            if votes and inputs.num("exhausted") < exhausted + passed:
                problems.append(f"round {n}: fewer ballots exhausted than passed to no one")
            votes, exhausted, passed = counted, inputs.num("exhausted"), Fraction(0)
            history.append(dict(votes))
            if sum(votes.values()) + exhausted != valid:
                problems.append(f"round {n}: the votes and the exhausted ballots are not the {valid} valid")
            continuing = {c: v for c, v in votes.items() if c not in elected}
            reached = sorted(
                (c for c, v in continuing.items() if (v >= quota if reaching else v > quota)),
                key=lambda c: -continuing[c],
            )
            if len({continuing[c] for c in reached}) != len(reached):
                raise Malformed(
                    "ranked: candidates reach the quota with equal votes, which this witness does not order"
                )
            elected += reached
            pending += [c for c in reached if continuing[c] > quota]
            left = sorted((c for c in continuing if c not in reached), key=lambda c: -continuing[c])
            expected = [("election", reached, Fraction(0))] if reached else []
            if len(elected) >= seats:
                continue
            if len(left) <= seats - len(elected):
                elected += left
                expected.append(("election", left, Fraction(0)))
            elif pending:
                source = max(pending, key=lambda c: votes[c])
                if [votes[c] for c in pending].count(votes[source]) != 1:
                    raise Malformed("ranked: equal surpluses, which this witness does not order")
                pending.remove(source)
                expected += [("transfer", [source], votes[source] - quota), ("round", [], Fraction(0))]
            else:
                out = _lowest({c: continuing[c] for c in left}, seats - len(elected), history, witness)
                settled += len(out) == 1 and [continuing[c] for c in left].count(continuing[out[0]]) > 1
                excluded = sum((votes[c] for c in out), Fraction(0))
                expected += [("exclusion", out, excluded), ("transfer", [], excluded), ("round", [], Fraction(0))]
        elif kind == "election":
            if stated.get(n) != what:
                problems.append(f"election {n}: the quota and the votes elect {', '.join(what)}, not as stated")
        elif kind == "exclusion":
            if sorted(inputs.d) != sorted(what) or any(inputs.num(c) != votes[c] for c in inputs.d):
                problems.append(f"exclusion {n}: {', '.join(what)} are the lowest, not as stated")
            for c in what:
                votes.pop(c, None)
        else:
            moved = {c.removeprefix("to "): inputs.num(c) for c in inputs.d if c != "exhausted"}
            passed = inputs.num("exhausted") + sum(moved.values())
            if not set(moved) <= {c for c in votes if c not in elected} or passed > amount:
                problems.append(f"transfer {n}: more is passed on than {amount}, or to a candidate not continuing")
            for c, v in moved.items():
                votes[c] = votes.get(c, Fraction(0)) + v
            passed = inputs.num("exhausted")
            for source in what:  # a surplus passed on leaves the candidate the quota
                votes[source] = quota
    if expected:
        problems.append(f"the count ends where it has {expected[0][0]} to do")
    if settled != len(ties):
        problems.append("the ties the trace records are not those the exclusions break")
    return elected, problems

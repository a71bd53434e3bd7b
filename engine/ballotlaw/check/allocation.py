"""Clauses of how seats are allocated among lists: the method (`allocate by ...`), ties, a cap, a minimum, lists
short of candidates, a multiplier of minority lists' averages, and agreements between lists."""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import TYPE_CHECKING

from .. import model
from ..methods.biproportional import supports as supports_biproportional
from ..methods.kernels import ROUNDING_WORDS, AllocationMethod, DivisorMethod, QuotaMethod
from ..methods.registry import METHODS, TIE_RULES
from ..source import Span
from ..syntax import ast
from .kinds import LISTS, declare
from .names import suggest_known
from .qualifying import threshold_rule

if TYPE_CHECKING:
    from .contest import ContestChecker
    from .kinds import Rules


#: The forms in which a rule file writes the law's own method, offered after the named ones.
GENERAL_FORMS = (
    "; or the law's own: `the quota of votes over seats plus N[ rounded up | rounded down | rounded to a whole "
    "number | raised to the next whole number], with largest remainders | highest averages | full quotas only | "
    "d'hondt divisors on the remainders`, `divisors 1.4, 3, 5`"
)


def known_method(cc: ContestChecker, words: ast.Words) -> AllocationMethod | None:
    """The allocation method a phrase names; E204 with the closest names when there is none."""
    method = METHODS.get(words.phrase)
    if method is None:
        cc.c.fail(
            "E204",
            words.span,
            f"`{words.phrase}` is not an allocation method ballotlaw knows",
            hint=_METHOD_SPELLINGS.get(words.phrase, suggest_known(words.phrase, METHODS)) + GENERAL_FORMS,
        )
    return method


#: Names laws and textbooks give methods, and what they mean in the language.
_METHOD_SPELLINGS = {
    "modified d'hondt divisors": "did you mean `estonian divisors` (1, 2^0.9, 3^0.9, ...) or `modified "
    "sainte-lague divisors` (1.4, 3, 5, ...)?",
}


def rational_divisors(cc: ContestChecker, words: ast.Words, why: str) -> DivisorMethod | None:
    """A divisor method with rational divisors (E204 naming `why` when the phrase names another)."""
    method = known_method(cc, words)
    if method is not None and not (isinstance(method, DivisorMethod) and supports_biproportional(method)):
        cc.c.fail(
            "E204",
            words.span,
            f"`{words.phrase}` {why}",
            hint="use a divisor method with rational divisors: `sainte-lague divisors`, `d'hondt divisors`",
        )
        return None
    return method if isinstance(method, DivisorMethod) else None


def allocate(cc: ContestChecker, body: ast.Allocate, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    if body.quota_base is not None and _count_in_words(cc, body.quota_base):
        return {}
    if body.quota is not None:
        part = None if body.quota_part is None else _quota_part(cc, body.quota_part)
        if body.quota_part is not None and part is None:
            return {}
        method: AllocationMethod | None = _written_quota(body.quota, part)
    elif body.divisors:
        method = _divisor_sequence(cc, body)
    else:
        method = known_method(cc, body.method)
    base = None if body.quota_base is None else _quota_base(cc, body, body.quota_base, method)
    if method is None or (body.quota_base is not None and base is None):
        return {}
    return {"method": method, "method_provenance": provenance, "quota_base": base}


def _quota_base(
    cc: ContestChecker, body: ast.Allocate, written: ast.QuotaBase, method: AllocationMethod | None
) -> model.QuotaBase | None:
    """What the quota divides, as written (E280 where the method has no quota; the checks of a count's name and
    level)."""
    if method is not None and not isinstance(method, QuotaMethod):
        cc.c.fail(
            "E280",
            written.span,
            f"`{body.method.phrase}` has no quota to divide {_written_base(written)}",
            hint="the base of a quota follows the word `quota`: `allocate by hare quota of valid_votes and largest "
            "remainders`; a divisor method divides each list's own votes",
        )
        return None
    if written.count is None:
        return model.QuotaBase(None)
    count = cc.c.known_count(written.count)
    if count is None:
        return None
    if cc.level is not None:
        cc.c.count_on_level(written.count, count, cc.level)
    return model.QuotaBase(written.count.text)


def _count_in_words(cc: ContestChecker, written: ast.QuotaBase) -> bool:
    """`hare quota of valid votes and largest remainders`: E203 suggesting the count the words name
    (`valid_votes`), rather than a method `hare quota votes and ...` that does not exist."""
    if written.count is None or written.count.text in cc.c.counts:
        return False
    for k in range(len(written.after), 0, -1):
        name = "_".join((written.count.text, *written.after[:k]))
        if name in cc.c.counts and not cc.c.counts[name].per_selection:
            words = " ".join((written.count.text, *written.after[:k]))
            at = written.count.span
            cc.c.fail(
                "E203",
                Span(at.source, at.line, at.column, at.line, at.column + len(words)),
                f"`{words}` is not the name of a count",
                hint=f"did you mean `{name}`? a count is one declared name: `hare quota of {name} and ...`",
            )
            return True
    return False


def _written_base(written: ast.QuotaBase) -> str:
    return "the votes of the lists that qualify" if written.count is None else f"`{written.count.text}`"


def _quota_part(cc: ContestChecker, number: ast.Number) -> Fraction | None:
    """The part of a quota a remainder must reach for one more seat: more than 0 and less than a whole quota
    (E220: 0 gives every list one more, a whole quota no list any)."""
    part = cc.c.share(number, "the part of a quota")
    if part is not None and not 0 < part < 1:
        cc.c.fail(
            "E220",
            number.span,
            f"a remainder of at least `{number.text}` of a quota "
            + ("is every remainder" if part == 0 else "is no remainder: a remainder is less than a quota"),
            hint="write the part the law states, more than 0 and less than a whole quota: `75%` or `3/4`",
        )
        return None
    return part


def _written_quota(quota: tuple[int, str, str], part: Fraction | None = None) -> QuotaMethod:
    """`the quota of votes over seats plus N[ rounded ...], with ...`, as the law writes it."""
    offset, rounding, leftover = quota
    words = "raised to the next whole number" if rounding == "down_plus_one" else ROUNDING_WORDS[rounding]
    rounded = f" {words}" if words else ""
    written = {"none": "full quotas only", "d'hondt on the remainders": "d'hondt divisors on the remainders"}.get(
        leftover, leftover
    )
    if part is not None:
        share = f"{part.numerator}/{part.denominator}" if (part * 100).denominator != 1 else f"{part * 100}%"
        written = f"full quotas and one more seat for a remainder of at least {share} of a quota"
    return QuotaMethod(
        name=f"the quota of votes over seats plus {offset}{rounded}, with {written}",
        quota_offset=offset,
        quota_rounding=rounding,
        leftover=leftover,
        part=part,
        reference=f"quota = votes / (seats + {offset}), rounded {rounding}; seats left over: {written}",
    )


def _divisor_sequence(cc: ContestChecker, body: ast.Allocate) -> DivisorMethod | None:
    """`allocate by divisors 1.4, 3, 5`: E211/E212 unless they are numbers that grow evenly enough."""
    values = []
    for number in body.divisors:
        if number.kind in ("percent", "fraction"):
            cc.c.fail("E211", number.span, f"`{number.text}` is not a divisor", hint="write a number such as 1.4")
            return None
        values.append(number.value)
    if _powers_rounded(body.divisors):
        cc.c.fail(
            "E341",
            body.span,
            "these divisors are 1, 2^0.9, 3^0.9, ... rounded; the law's divisors are the powers themselves",
            hint="write `allocate by estonian divisors`: ballotlaw compares a / i^0.9 with b / j^0.9 exactly, "
            "as a^10 * j^9 with b^10 * i^9",
        )
        return None
    if any(b <= a for a, b in itertools.pairwise(values)) or values[0] < 0:
        cc.c.fail(
            "E212",
            body.span,
            "the divisors must be zero or more and grow",
            hint="write them in order, e.g. `allocate by divisors 1.4, 3, 5`",
        )
        return None
    step = values[-1] - values[-2]
    # Every divisor must stay within step * k and step * (k + 1) for the fast kernel's estimate.
    if any(not (step * k <= d <= step * (k + 1)) for k, d in enumerate(values)):
        cc.c.fail(
            "E212",
            body.span,
            "these divisors grow unevenly; ballotlaw needs step * k <= d(k) <= "
            "step * (k + 1), with the step of the last two",
            hint="for example 1.4, 3, 5 or 1, 2, 3",
        )
        return None
    text = ", ".join(number.text for number in body.divisors)
    return DivisorMethod(
        name=f"divisors {text}",
        step=step,
        kind="sequence",
        sequence=tuple(values),
        reference=f"the divisors written in the law: {text}, then on by {step}",
    )


def _powers_rounded(divisors: tuple[ast.Number, ...]) -> bool:
    """Whether written divisors are 1, then 2^0.9, 3^0.9, ... each to its written decimals (a rounded
    approximation of Estonia's divisors): |d - k^0.9| <= 10^-p, tested exactly as (d -+ 10^-p)^10 against k^9."""
    if len(divisors) < 2 or divisors[0].value != 1:
        return False
    for k, number in enumerate(divisors[1:], start=2):
        places = len(number.text.partition(".")[2])
        if places == 0:
            return False
        slack = Fraction(1, 10**places)
        low, high = max(Fraction(0), number.value - slack), number.value + slack
        if not low**10 <= k**9 <= high**10:
            return False
    return True


def ties(cc: ContestChecker, body: ast.Ties, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    keys: list[str] = []
    for words in body.rules:
        if words.phrase not in TIE_RULES:
            cc.c.fail(
                "E205",
                words.span,
                f"`{words.phrase}` is not a tie rule ballotlaw knows",
                hint=(
                    f"did you mean `{_TIE_SPELLINGS[words.phrase]}`?"
                    if words.phrase in _TIE_SPELLINGS
                    else suggest_known(words.phrase, TIE_RULES)
                ),
            )
        if words.phrase in _BY_VOTES and any(key in _BY_VOTES for key in keys):
            cc.c.fail(
                "E340",
                words.span,
                f"`{words.phrase}` follows a key that already ranked the tied selections by their votes",
                hint="selections still tied after `more votes` or `fewer votes` have equal votes: the law ranks "
                "by more votes or by fewer votes, not both; keep the one it names",
            )
        keys.append(words.phrase)
    return {"tie_rule": model.TieRule(provenance, tuple(keys))}


#: Tie keys that rank by the votes.
_BY_VOTES = ("more votes", "fewer votes")
#: How a lawyer may write a tie key by the votes, and the key meant.
_TIE_SPELLINGS = {
    "less votes": "fewer votes",
    "fewest votes": "fewer votes",
    "the fewest votes": "fewer votes",
    "most votes": "more votes",
    "the most votes": "more votes",
}


def cap(cc: ContestChecker, body: ast.Cap, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    seats = cc.c.whole_number(body.number, "a number of seats")
    if body.excess == "remainders":
        cc.c.fail(
            "E406",
            clause.span,
            "a cap's seats above it do not go down the remainders in ballotlaw: only the seats a list short of "
            "candidates cannot fill do (Lithuania)",
            hint="end the cap with `, excess redistributed` or `, excess left vacant`",
        )
        return {}
    if seats is not None and seats <= 0:
        cc.c.fail("E213", body.number.span, "a cap must allow at least one seat")
        seats = None
    if body.excess is None:
        cc.c.fail(
            "E405",
            clause.span,
            "the cap does not say what happens to seats above it",
            hint="end the clause with `, excess redistributed` or `, excess left vacant`; if the "
            'law is silent, say which you assume with `assumption "..."`',
        )
    elif seats is not None:
        return {"cap": model.CapRule(provenance, seats, body.excess == "redistributed")}
    return {}


def minimum(cc: ContestChecker, body: ast.Minimum, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    least = cc.c.whole_number(body.number, "a number of seats")
    if least is not None and least <= 0:
        cc.c.fail("E213", body.number.span, "a minimum must be at least one seat")
    elif least is not None:
        return {"minimum": model.CapRule(provenance, least, True)}
    return {}


def exhaustion(cc: ContestChecker, body: ast.Exhaustion, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    if body.excess is None:
        cc.c.fail(
            "E405",
            clause.span,
            "the clause does not say what happens to the seats a list cannot fill",
            hint="end it with `, excess redistributed`, `, excess left vacant` or `, excess to the next largest "
            "remainders`",
        )
        return {}
    down = body.excess == "remainders"
    return {"exhaustion": model.CapRule(provenance, 0, body.excess == "redistributed" or down, down)}


def exhaustion_fits(cc: ContestChecker, contest: model.Contest, clause: ast.Clause) -> bool:
    """E406 where the seats a list cannot fill go down the remainders, but the method ranks none: a quota with
    its seats left over to the largest remainders, without a cap, is needed."""
    rule = contest.exhaustion
    method = contest.method
    if rule is None or not rule.to_remainders:
        return True
    if isinstance(method, QuotaMethod) and method.leftover == "largest remainders" and contest.cap is None:
        return True
    cc.c.fail(
        "E406",
        clause.span,
        "the seats a list cannot fill go down the remainders, but "
        + (
            f"`{method.name if method else ''}` ranks no remainders"
            if contest.cap is None
            else "a cap changes the round"
        ),
        hint="allocate by a quota and the largest remainders, e.g. `allocate by hare quota and largest remainders`, "
        "without a cap; or write `, excess redistributed`",
    )
    return False


def multiplier(cc: ContestChecker, body: ast.Multiplier, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    below = None if body.below is None else threshold_rule(cc, body.below, provenance)
    if body.factor.kind in ("percent", "fraction") or body.factor.value <= 0:
        cc.c.fail(
            "E212",
            body.factor.span,
            f"`{body.factor.text}` is not a multiplier",
            hint="write a positive number such as 1.35",
        )
        return {}
    if body.below is not None and below is None:
        return {}
    return {"minority_factor": body.factor.value, "minority_factor_provenance": provenance, "minority_below": below}


def agreements(cc: ContestChecker, body: ast.Agreements, clause: ast.Clause, provenance: model.Provenance) -> Rules:
    return {"agreements": provenance}


def _leftover_fits(cc: ContestChecker, contest: model.Contest, clause: ast.Clause) -> bool:
    """E281 unless the method is a quota method that leaves the seats over: `..., with full quotas only`."""
    method = contest.method
    if isinstance(method, QuotaMethod) and method.leftover == "none":
        return True
    what = (
        "a divisor method leaves no seat over"
        if not isinstance(method, QuotaMethod)
        else (f"`{method.name}` already says where the seats left over go")
    )
    cc.c.fail(
        "E281",
        clause.span,
        f"{what}, so `seats left over to the lists with the most votes` cannot apply",
        hint="allocate the full quotas only and let this clause give the rest: `allocate by the quota of valid_votes "
        "over seats plus 0, with full quotas only`",
    )
    return False


@declare(
    ast.LeftoverByVotes,
    "leftover",
    "the seats left over to the lists with the most votes",
    LISTS,
    ("leftover_by_votes",),
    defines="pooled",
    after=_leftover_fits,
)
def leftover_by_votes(
    cc: ContestChecker, body: ast.LeftoverByVotes, clause: ast.Clause, provenance: model.Provenance
) -> Rules:
    return {"leftover_by_votes": model.LeftoverByVotes(provenance)}

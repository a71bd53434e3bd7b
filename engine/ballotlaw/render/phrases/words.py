"""The words of the closed sets people see (statuses, verdicts, results of checks, kinds of steps) in the current
language. The JSON forms carry the enumerations' own values; only text output says them through here."""

from __future__ import annotations

from collections.abc import Iterable

from ...facts import Fact
from ...figures import FigureName, Named
from ...i18n import DEFAULT_LANGUAGE, N_, NP_, _, current_language, pgettext
from ...results.model import ABSENT, NOT_PUBLISHED
from ...states import CheckKind, CheckResult, Qualification, SeatsStatus, Status, StepKind, Verdict, Word

#: Every word of those sets, with its context: marked for extraction, said with pgettext(context, word).
WORDS: frozenset[tuple[str, str]] = frozenset(
    (
        NP_("status", "elected"),
        NP_("status", "provisional"),
        NP_("status", "rerun"),
        NP_("status", "void"),
        NP_("status", "lot needed"),
        NP_("status", "runoff"),
        NP_("status", "recount"),
        NP_("status", "approved"),
        NP_("status", "rejected"),
        NP_("verdict", "passed"),
        NP_("verdict", "failed"),
        NP_("verdict", "not evaluated"),
        NP_("qualified", "yes"),
        NP_("qualified", "no"),
        NP_("qualified", "undetermined"),
        NP_("seats", "computed"),
        NP_("seats", "conditional"),
        NP_("seats", "not computed"),
        NP_("seats", "void"),
        NP_("check", "rerun"),
        NP_("check", "validity"),
        NP_("check", "recount"),
        NP_("check", "approve"),
        NP_("check", "majority"),
        NP_("check", "cap"),
        NP_("check", "no rerun"),
        NP_("check", "valid"),
        NP_("check", "void"),
        NP_("check", "no recount"),
        NP_("check", "approved"),
        NP_("check", "not approved"),
        NP_("check", "no majority"),
        NP_("check", "passed"),
        NP_("check", "binding"),
        NP_("check", "not evaluated"),
        NP_("step", "threshold"),
        NP_("step", "fallback"),
        NP_("step", "bonus"),
        NP_("step", "reserved"),
        NP_("step", "validity"),
        NP_("step", "election"),
        NP_("step", "runoff"),
        NP_("step", "cancelled"),
        NP_("step", "allocation"),
        NP_("step", "agreements"),
        NP_("step", "minimum"),
        NP_("step", "mixed"),
        NP_("step", "stable majority"),
        NP_("step", "majority seat"),
        NP_("step", "cap"),
        NP_("step", "tie"),
        NP_("step", "distribution"),
        NP_("step", "apportionment"),
        NP_("step", "upper apportionment"),
        NP_("step", "lower apportionment"),
        NP_("step", "pooled"),
        NP_("step", "adjustment"),
        NP_("step", "placement"),
        NP_("step", "surplus return"),
        NP_("step", "handed down"),
        NP_("step", "multiplier"),
        NP_("step", "rerun"),
        NP_("step", "recount"),
        NP_("step", "approve"),
        NP_("step", "majority"),
        NP_("figure", "published"),
        NP_("figure", "not published"),
        NP_("figure", "absent"),
    )
)

_CONTEXTS: dict[type, str] = {
    Status: "status",
    Verdict: "verdict",
    CheckResult: "check",
    CheckKind: "check",
    StepKind: "step",
    SeatsStatus: "seats",
    Qualification: "qualified",
}


def word(value: Word | str, context: str | None = None) -> str:
    """An enumeration's value in the current language (its own text in English). A plain string needs its
    `context` (`figure` for a figure's status, `step` for a kind of step); a word no catalog holds is its own."""
    text = str(value)
    if current_language() == DEFAULT_LANGUAGE or not text:
        return text
    where = context or _CONTEXTS.get(type(value), "")
    return pgettext(where, text) if (where, text) in WORDS else text


def figure_status(status: str) -> str:
    """A figure's status (`published`, `not published`) in the current language."""
    return word(status, "figure")


#: Each kind of a figure's name as the language says it: the names inside (of counts, lists, units) kept as the
#: rule file and the results write them, a name within the name said in turn (figures.py).
_NAMED: dict[Named, str] = {
    Named.AT: N_("{what} at {unit}"),
    Named.IN: N_("{what} in {unit}"),
    Named.BY: N_("{what} by units of level `{unit}`"),
    Named.OF_UNIT: N_("{what} of the unit {unit}"),
    Named.SHARE_OF: N_("{what} of {unit}"),
    Named.ATTRIBUTE_OF: N_("`{unit}` of {what}"),
    Named.UNIT_OF_LEVEL: N_("{unit} (a unit of level `{what}`)"),
    Named.VOTES_OF: N_("votes of {what}"),
    Named.VOTES_FOR: N_("votes for {what}"),
    Named.SEATS_OF: N_("seats of {what}"),
    Named.CONSTITUENCY_SEATS_OF: N_("constituency seats of {what}"),
    Named.DISTRICT_SEATS_OF: N_("district seats of {what}"),
    Named.CONSTITUENCY_WINS_OF: N_("constituency wins of {what}"),
    Named.CLAIM_OF: N_("claim of {what}"),
    Named.REMAINDER_OF: N_("remainder of {what}"),
    Named.REMAINDERS_OF: N_("remainders of {what}"),
    Named.REMAINDER_AFTER_POOL: N_("remainder of {what} after the pool's quotas"),
    Named.LISTS_OF_MINORITY: N_("lists of national minority {what}"),
    Named.QUALIFICATION_OF: N_("the qualification of {what}"),
    Named.NO_SEATS_GIVEN: N_("the number of seats of {what} (the rule file gives none)"),
    Named.NO_GENDER_GIVEN: N_("gender of {what} (the results give none)"),
    Named.BALLOTS_WITH: N_("ballots with {what}"),
    Named.RANKED_BALLOTS_OF: N_("ranked ballots of {what}"),
    Named.RULE_FOR_FAULT: N_("the law's rule for {what} rankings"),
    Named.TRANSFERRED_TO: N_("to {what}"),
    Named.KEEP_VALUE_OF: N_("keep value of {what}"),
}
#: A figure with its status (`votes of A not published`).
_STATUSES = {NOT_PUBLISHED: N_("{what} not published"), ABSENT: N_("{what} absent")}
#: The fixed words evaluation names figures with (`seats`, `house`).
_WORDS = frozenset(
    (
        N_("votes"),
        N_("seats"),
        N_("candidates"),
        N_("house"),
        N_("ties"),
        N_("exhausted"),
        N_("ballots"),
        N_("valid"),
        N_("share"),
        N_("all votes"),
        N_("whole steps"),
        N_("votes held after"),
        N_("districts"),
        N_("rounds"),
        N_("valid ballots"),
        N_("tied"),
        N_("seats still left"),
        N_("seats left over"),
        N_("lists that qualify"),
        N_("votes of the qualifying lists"),
        N_("seats of the agreement"),
        N_("the qualification of some lists could not be evaluated"),
        N_("margin"),
        N_("margin for the last seat"),
        N_("top two"),
        N_("votes of the top two"),
        N_("the votes cast"),
        N_("votes of cancelled candidates"),
        N_("number of candidates"),
        N_("votes of the leading list"),
        N_("votes of the leading candidate"),
    )
)


def figure_name(text: str) -> str:
    """A figure's name (figures.py) in the current language; English, and a name that is not a `FigureName` (a
    count's, a list's), unchanged."""
    if current_language() == DEFAULT_LANGUAGE or not isinstance(text, FigureName):
        return text
    kind, what, unit = text.kind, text.what, text.unit
    if kind is Named.WORD:
        return _(what) if what in _WORDS else what
    said = figure_name(what)
    if kind is Named.STATUS:
        return _(_STATUSES[unit]).format(what=said) if unit in _STATUSES else text
    return _(_NAMED[kind]).format(what=said, unit=figure_name(unit))


def missing(items: Iterable[Fact | str]) -> str:
    """What a step lacked: facts said, names of figures in the language's words, joined by `; `."""
    from . import say

    return "; ".join(say(item) if isinstance(item, Fact) else figure_name(item) for item in items)

"""The words of the closed sets people see (statuses, verdicts, results of checks, kinds of steps) in the current
language. The JSON forms carry the enumerations' own values; only text output says them through here."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...facts import Fact
from ...i18n import DEFAULT_LANGUAGE, N_, NP_, _, current_language, pgettext
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
        NP_("step", "cap"),
        NP_("step", "tie"),
        NP_("step", "distribution"),
        NP_("step", "apportionment"),
        NP_("step", "upper apportionment"),
        NP_("step", "lower apportionment"),
        NP_("step", "pooled"),
        NP_("step", "adjustment"),
        NP_("step", "placement"),
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


#: How evaluation names a figure or a missing one (`votes of Ata-Meken`, `against_all at KG`, `valid_votes not
#: published`): said in the language, the names inside kept. The first pattern that matches is used.
_FIGURES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(.+) at (.+) not published$", re.DOTALL), N_("{what} at {unit} not published")),
    (re.compile(r"^(.+) not published$", re.DOTALL), N_("{what} not published")),
    (re.compile(r"^votes for (.+) at (.+)$", re.DOTALL), N_("votes for {what} at {unit}")),
    (re.compile(r"^(.+) at (.+)$", re.DOTALL), N_("{what} at {unit}")),
    (re.compile(r"^(\w+) by (\w+)$"), N_("{what} by units of level `{unit}`")),  # a count's name, a level's
    (re.compile(r"^votes for (.+)$", re.DOTALL), N_("votes for {what}")),
    (re.compile(r"^constituency wins of (.+)$", re.DOTALL), N_("constituency wins of {what}")),
    (re.compile(r"^votes of (.+)$", re.DOTALL), N_("votes of {what}")),
    (re.compile(r"^seats of (.+)$", re.DOTALL), N_("seats of {what}")),
    (re.compile(r"^claim of (.+)$", re.DOTALL), N_("claim of {what}")),
    (re.compile(r"^remainder of (.+)$", re.DOTALL), N_("remainder of {what}")),
    (re.compile(r"^remainders of (.+)$", re.DOTALL), N_("remainders of {what}")),
    (re.compile(r"^lists of (.+)$", re.DOTALL), N_("lists of {what}")),
    (re.compile(r"^constituency_wins of (.+)$", re.DOTALL), N_("constituency_wins of {what}")),
)
#: What evaluation says in full of a figure it lacks.
_SAID = {
    "votes": N_("votes"),
    "seats of the agreement": N_("seats of the agreement"),
    "the qualification of some lists could not be evaluated": N_(
        "the qualification of some lists could not be evaluated"
    ),
}


def figure_name(text: str) -> str:
    """A figure's name as evaluation writes it, in the current language (English: unchanged)."""
    if current_language() == DEFAULT_LANGUAGE:
        return text
    if text in _SAID:
        return _(_SAID[text])
    for pattern, message in _FIGURES:
        match = pattern.match(text)
        if match is not None:
            parts = match.groups()
            if " of " in message and parts[0].startswith(("the ", "each ")):
                return text  # a term of the rule language (`votes of the leading candidate`) as written
            what = parts[0] if message.startswith(("votes for", "constituency")) else figure_name(parts[0])
            return _(message).format(what=what, unit=parts[1] if len(parts) > 1 else "")
    return text


def missing(items: Iterable[Fact | str]) -> str:
    """What a step lacked: facts said, names of figures in the language's words, joined by `; `."""
    from . import say

    return "; ".join(say(item) if isinstance(item, Fact) else figure_name(item) for item in items)

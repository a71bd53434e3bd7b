"""The report's own words, in the `report` gettext domain (ballotlaw.i18n reads its catalogs): headings and
labels, and the values of the closed sets of states.py the report shows (a status, a verdict, a step's kind and
result), each marked below with its context so that extraction finds it. Sentences about facts are not here:
they are `say()`'s, in the `ballotlaw` domain."""

from __future__ import annotations

from ..i18n import DEFAULT_LANGUAGE, current_language, translations

DOMAIN = "report"


def _(msgid: str) -> str:
    """`msgid` in the current language (English is the msgid itself)."""
    lang = current_language()
    return msgid if lang == DEFAULT_LANGUAGE else translations(lang, DOMAIN).gettext(msgid)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of the message for `n` in the current language."""
    lang = current_language()
    if lang == DEFAULT_LANGUAGE:
        return singular if n == 1 else plural
    return translations(lang, DOMAIN).ngettext(singular, plural, n)


def pgettext(context: str, msgid: str) -> str:
    """`msgid` in `context` (the same English word may need two translations)."""
    lang = current_language()
    return msgid if lang == DEFAULT_LANGUAGE else translations(lang, DOMAIN).pgettext(context, msgid)


def word(context: str, value: object) -> str:
    """A value of states.py (or a word of the table below) in the current language; an unmarked value as it is."""
    text = str(value)
    return pgettext(context, text) if (context, text) in MARKED else text


def NP_(context: str, msgid: str) -> tuple[str, str]:
    """Mark a word of `context` for extraction; `word` translates it where it is shown."""
    return (context, msgid)


MARKED: frozenset[tuple[str, str]] = frozenset(
    {
        NP_("role", "rules"),
        NP_("role", "amended"),
        NP_("role", "results"),
        NP_("role", "mapping"),
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
        NP_("check", "no rerun"),
        NP_("check", "valid"),
        NP_("check", "void"),
        NP_("check", "recount"),
        NP_("check", "no recount"),
        NP_("check", "approved"),
        NP_("check", "not approved"),
        NP_("check", "majority"),
        NP_("check", "no majority"),
        NP_("check", "passed"),
        NP_("check", "binding"),
        NP_("check", "not evaluated"),
        NP_("kind", "threshold"),
        NP_("kind", "fallback"),
        NP_("kind", "bonus"),
        NP_("kind", "reserved"),
        NP_("kind", "validity"),
        NP_("kind", "election"),
        NP_("kind", "runoff"),
        NP_("kind", "cancelled"),
        NP_("kind", "allocation"),
        NP_("kind", "agreements"),
        NP_("kind", "minimum"),
        NP_("kind", "mixed"),
        NP_("kind", "stable majority"),
        NP_("kind", "cap"),
        NP_("kind", "tie"),
        NP_("kind", "distribution"),
        NP_("kind", "apportionment"),
        NP_("kind", "upper apportionment"),
        NP_("kind", "lower apportionment"),
        NP_("kind", "pooled"),
        NP_("kind", "adjustment"),
        NP_("kind", "placement"),
        NP_("kind", "surplus return"),
        NP_("kind", "handed down"),
        NP_("kind", "ballots"),
        NP_("kind", "round"),
        NP_("kind", "transfer"),
        NP_("kind", "exclusion"),
        NP_("kind", "opposition seats"),
        NP_("kind", "minority seats"),
        NP_("kind", "majority seat"),
        NP_("kind", "multiplier"),
        NP_("kind", "rerun"),
        NP_("kind", "recount"),
        NP_("kind", "approve"),
        NP_("kind", "majority"),
        NP_("result", "allocated"),
        NP_("result", "bonus"),
        NP_("result", "no bonus"),
        NP_("result", "seat"),
        NP_("result", "no seat"),
        NP_("result", "seats added"),
        NP_("result", "overhang"),
        NP_("result", "no overhang"),
        NP_("result", "over"),
        NP_("result", "fallback"),
        NP_("result", "not needed"),
        NP_("result", "not applicable"),
        NP_("result", "elected"),
        NP_("result", "tied"),
        NP_("result", "no candidate"),
        NP_("result", "runoff"),
        NP_("result", "cancelled"),
        NP_("result", "decided"),
        NP_("result", "still tied"),
        NP_("result", "drawn"),
        NP_("result", "lot needed"),
        NP_("result", "distributed"),
        NP_("result", "placed"),
        NP_("result", "passed"),
        NP_("result", "valid"),
        NP_("result", "not evaluated"),
        NP_("result", "counted"),
        NP_("result", "excluded"),
        NP_("result", "transferred"),
        NP_("result", "failed"),
        NP_("result", "rerun"),
        NP_("result", "no rerun"),
        NP_("result", "void"),
        NP_("result", "recount"),
        NP_("result", "no recount"),
        NP_("result", "approved"),
        NP_("result", "not approved"),
        NP_("result", "majority"),
        NP_("result", "no majority"),
        NP_("result", "binding"),
    }
)

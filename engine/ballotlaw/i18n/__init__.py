"""Messages for people in English, Russian and Kyrgyz, through gettext catalogs (docs/languages.md).

The API (phrases and renderers use only this)::

    from ballotlaw.i18n import _, ngettext, pgettext, N_, speaking

    _("{name} gets {seats} seats").format(name=..., seats=...)   # translated in the current language
    ngettext("{n} seat(s)", "{n} seat(s)", n).format(n=...)      # plural forms (Russian three, Kyrgyz one)
    pgettext("status", "void")                                     # a short word told apart by its context
    N_("a message")                                                # marks a message for extraction, unchanged
    NP_("status", "void")                                          # the same, with a context (said by pgettext)
    with speaking("ky"): ...                                       # the language of everything said inside

A message carries named `{placeholders}` that `.format(...)` fills after translation, so a translation may put
them in any order. Numbers, percents and dates are formatted by `ballotlaw.i18n.formats` in the current language.
English is the msgid itself (no catalog is read); a catalog is loaded, with Babel's locale data, only when
another language is spoken, so importing ballotlaw loads neither. `translations(lang, domain)` gives the
`gettext` translations of a domain: `ballotlaw` (this package's messages) or another (the report's own, `report`).
Catalogs live in `ballotlaw/locale/<lang>/LC_MESSAGES/<domain>.po` (and the compiled `.mo`); extract, update and
compile them with `python -m ballotlaw.i18n.catalogs` (docs/languages.md).
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

#: The languages ballotlaw speaks; the first is the language of the msgids.
LANGUAGES: tuple[str, ...] = ("en", "ru", "ky")
DEFAULT_LANGUAGE = "en"
DOMAIN = "ballotlaw"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_current: ContextVar[str] = ContextVar("ballotlaw_language", default=DEFAULT_LANGUAGE)


class UnknownLanguage(ValueError):
    """A language ballotlaw does not speak."""

    def __init__(self, lang: str) -> None:
        super().__init__(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
        self.lang = lang


def check_language(lang: str) -> str:
    """`lang` if ballotlaw speaks it, else UnknownLanguage naming the ones it does."""
    if lang not in LANGUAGES:
        raise UnknownLanguage(lang)
    return lang


@cache
def translations(lang: str, domain: str = DOMAIN) -> gettext.NullTranslations:
    """The translations of `domain` into `lang`: English is the msgid itself; another language reads its
    compiled catalog (a missing catalog is a defect of the installation, so it raises)."""
    check_language(lang)
    if lang == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.mo"
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def current_language() -> str:
    """The language being spoken (English unless inside `speaking`)."""
    return _current.get()


@contextmanager
def speaking(lang: str) -> Iterator[str]:
    """Speak `lang` inside the block (a context variable: threads and tasks each keep their own)."""
    token = _current.set(check_language(lang))
    try:
        yield lang
    finally:
        _current.reset(token)


def _(msgid: str) -> str:
    """`msgid` in the current language."""
    lang = _current.get()
    return msgid if lang == DEFAULT_LANGUAGE else translations(lang).gettext(msgid)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of the message for the number `n` in the current language."""
    lang = _current.get()
    if lang == DEFAULT_LANGUAGE:
        return singular if n == 1 else plural
    return translations(lang).ngettext(singular, plural, n)


def pgettext(context: str, msgid: str) -> str:
    """`msgid` in the current language, told apart from the same English word in another `context`."""
    lang = _current.get()
    return msgid if lang == DEFAULT_LANGUAGE else translations(lang).pgettext(context, msgid)


def N_(msgid: str) -> str:
    """Mark `msgid` for extraction where it is written (a table); translate it with `_` where it is said."""
    return msgid


def NP_(context: str, msgid: str) -> tuple[str, str]:
    """Mark `msgid` in `context` for extraction where it is written; say it with `pgettext(context, msgid)`."""
    return (context, msgid)


__all__ = [
    "DEFAULT_LANGUAGE",
    "DOMAIN",
    "LANGUAGES",
    "LOCALE_DIR",
    "NP_",
    "N_",
    "UnknownLanguage",
    "_",
    "check_language",
    "current_language",
    "ngettext",
    "pgettext",
    "speaking",
    "translations",
]

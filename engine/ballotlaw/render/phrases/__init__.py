"""The phrasebook: for every fact class (ballotlaw.facts) one function that says it in words, held in one table
keyed by the class (as sqlglot's generators are). Renderers call `say`; evaluation never writes words, and the
table is filled (`phrasebook()`) only when something is first said.

A phrase writes its sentences as gettext messages (`ballotlaw.i18n`: `_`, `ngettext`, named placeholders) and
its numbers through `ballotlaw.i18n.formats`, so `say` speaks the current language: English unless a renderer
speaks another (`with speaking("ky"): ...`). The JSON forms call `say` outside any `speaking`: they stay English.

A family's phrases live in a module of this package and register themselves with `@phrase(FactClass)`;
`PHRASE_MODULES` lists those modules, so that importing this package fills the table.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TypeVar

from ...facts import Fact

F = TypeVar("F", bound=Fact)

PHRASES: dict[type[Fact], Callable[[Any], str]] = {}

#: The modules of this package that register phrases (each family of facts has one).
PHRASE_MODULES: tuple[str, ...] = ("contest", "allocation", "qualifying", "ranked")


def phrase(kind: type[F]) -> Callable[[Callable[[F], str]], Callable[[F], str]]:
    """Register the function that says facts of class `kind`; one function per class."""

    def register(function: Callable[[F], str]) -> Callable[[F], str]:
        if kind in PHRASES:
            raise RuntimeError(f"two phrases for {kind.__name__}")
        PHRASES[kind] = function
        return function

    return register


_loaded: list[bool] = []


def phrasebook() -> dict[type[Fact], Callable[[Any], str]]:
    """The table of phrases, with every module of PHRASE_MODULES imported (once)."""
    if not _loaded:
        for name in PHRASE_MODULES:
            importlib.import_module(f"{__name__}.{name}")
        _loaded.append(True)
    return PHRASES


def say(fact: Fact) -> str:
    """The fact in words of the current language (English unless inside `ballotlaw.i18n.speaking`)."""
    return phrasebook()[type(fact)](fact)

"""`did you mean ...?` hints for a name or phrase that is not known."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """`did you mean ...?` for the closest candidate, or None."""
    match = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return f"did you mean `{match[0]}`?" if match else None


def suggest_known(phrase: str, known: Mapping[str, object]) -> str:
    """The closest known phrase, if any, then every known phrase."""
    listing = ", ".join(f"`{k}`" for k in sorted(known))
    hint = suggest(phrase, known)
    return f"{hint} known: {listing}" if hint else f"known: {listing}"

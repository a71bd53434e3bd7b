"""Suggestions for the ways lawyers write what the rule language spells otherwise.

Two kinds of mistake read naturally to a person and make no sense to the parser:

- a word in another script (`орун 10`, or `sеats` typed with a Cyrillic `е`): rule files use English keywords;
- a count named in words (`5% of valid votes`, `50% of the votes cast`, `hare quota of the votes cast`): a count
  is one declared name,
  such as `valid_votes`; the suggestion is the declared count the words most likely mean.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from attrs import frozen

from ..diagnostics.diagnostic import Diagnostic
from ..source import SourceFile, Span

#: Letters of other scripts that look like Latin ones (a keyboard left in another layout).
LOOKALIKES = str.maketrans(
    {
        "а": "a", "е": "e", "ё": "e", "і": "i", "ј": "j", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x",
        "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ү": "y", "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v",
        "ο": "o", "ρ": "p", "υ": "u", "χ": "x",
    }
)  # fmt: skip

_WORD_CHAR = re.compile(r"[\w'\-]")

#: How a count is often written in words, with the declared names it then most likely means, in order.
COUNT_PHRASES: dict[frozenset[str], tuple[str, ...]] = {
    frozenset({"votes", "cast"}): ("votes_cast", "valid_votes", "ballots_cast", "voters_took_part"),
    frozenset({"valid", "votes", "cast"}): ("valid_votes", "votes_cast"),
    frozenset({"valid", "votes"}): ("valid_votes",),
    frozenset({"valid", "ballots"}): ("valid_ballots", "valid_votes"),
    frozenset({"ballots", "cast"}): ("ballots_cast", "voters_took_part", "votes_cast"),
    frozenset({"voters"}): ("registered_voters", "voters_took_part"),
    frozenset({"registered", "voters"}): ("registered_voters",),
    frozenset({"electorate"}): ("registered_voters",),
    frozenset({"turnout"}): ("voters_took_part",),
    frozenset({"voters", "who", "took", "part"}): ("voters_took_part",),
    frozenset({"voters", "who", "voted"}): ("voters_took_part",),
    frozenset({"participants"}): ("voters_took_part",),
}
_FILLER = frozenset({"the", "a", "an", "all", "of"})
_STOP = frozenset({"nationally", "in", "for", "and", "or", "if", "then", "with", "except"})
_COUNT_LINE = re.compile(r'^\s*count\s+([a-z_][a-z0-9_]*)(?:\s+"([^"\n]*)")?', re.MULTILINE)
# `5% of ...`, or a quota's base (`hare quota of ...`): words, not names with `_`
_AFTER_SHARE = re.compile(r"(?:[0-9][0-9./]*%?|quota)\s+of\s+((?:[A-Za-z'\-]+\s+)*)$")
_PHRASE_WORD = re.compile(r"[A-Za-z_'\-]+")


@frozen
class DeclaredCount:
    """A `count` line of the file: its name, its description and its line."""

    name: str
    description: str
    line: int


def _span(source: SourceFile, line: int, column: int, width: int) -> Span:
    return Span(source, line, column, line, column + max(1, width))


def _word_at(text: str, column: int) -> tuple[int, str]:
    """The word around a 1-based column of a line (letters of any script, digits, `_`, `'`, `-`)."""
    start = end = min(max(column - 1, 0), len(text))
    while start > 0 and _WORD_CHAR.match(text[start - 1]):
        start -= 1
    while end < len(text) and _WORD_CHAR.match(text[end]):
        end += 1
    return start + 1, text[start:end]


def _is_foreign(word: str) -> bool:
    return any(ch.isalpha() and not ch.isascii() for ch in word)


def foreign_word(source: SourceFile, line: int, column: int, keywords: set[str], expected: str) -> Diagnostic | None:
    """A word with letters of another script where the language wants a keyword or a name. `keywords` are the
    words of the language, `expected` what may stand at the error (as a hint says it)."""
    start, word = _word_at(source.line_text(line), column)
    if not any(ch.isalpha() and not ch.isascii() for ch in word):
        return None
    latin = unicodedata.normalize("NFC", word).translate(LOOKALIKES)
    mixed = any(ch.isascii() and ch.isalpha() for ch in word)
    if latin.isascii() and (mixed or latin in keywords):
        letters = sorted({ch for ch in word if not ch.isascii()})
        scripts = sorted({unicodedata.name(ch, "?").split()[0].title() for ch in letters})
        shown = ", ".join(f"`{ch}`" for ch in letters)
        return Diagnostic(
            code="E101",
            message=f"`{word}` is typed with {' and '.join(scripts)} letters ({shown}) that look like Latin ones",
            span=_span(source, line, start, len(word)),
            hint=f"did you mean `{latin}`? rule files use English keywords, typed in Latin letters",
        )
    return Diagnostic(
        code="E101",
        message=f"`{word}` is not a word of the rule language",
        span=_span(source, line, start, len(word)),
        hint="rule files use English keywords, and names of a-z, 0-9 and _; text in another language goes in "
        'quotes ("...")' + (f"; {expected}" if expected else ""),
    )


def capitalised_word(source: SourceFile, line: int, column: int) -> Diagnostic | None:
    """`End`, `Seats`, `Valid_votes`: keywords and names are written in lower case."""
    start, word = _word_at(source.line_text(line), column)
    if start != column or not word.isascii() or word == word.lower() or not word[:1].isalpha():
        return None
    return Diagnostic(
        code="E101",
        message=f"`{word}` is written with capitals",
        span=_span(source, line, start, len(word)),
        hint=f"keywords and names are written in lower case: write `{word.lower()}`",
    )


def declared_counts(text: str) -> list[DeclaredCount]:
    """The counts the file declares, in order."""
    return [
        DeclaredCount(m.group(1), m.group(2) or "", text.count("\n", 0, m.start()) + 1)
        for m in _COUNT_LINE.finditer(text)
    ]


def _phrase(line_text: str, column: int) -> tuple[int, list[str]] | None:
    """The words of a count written in words, when the error stands inside `<number> of <words>`: the column
    where they start and the words, up to a word that ends the phrase. None for fewer than two words."""
    found = _AFTER_SHARE.search(line_text[: column - 1])
    if found is None:
        return None
    start = position = found.start(1)
    words: list[str] = []
    for match in _PHRASE_WORD.finditer(line_text, start):
        word = match.group(0)
        if line_text[position : match.start()].strip() or "_" in word or (words and word.lower() in _STOP):
            break
        words.append(word)
        position = match.end()
    return (start + 1, words) if len(words) >= 2 else None


def _likely_count(words: list[str], counts: list[DeclaredCount]) -> DeclaredCount | None:
    names = {c.name: c for c in counts}
    lowered = [w.lower() for w in words]
    meaningful = [w for w in lowered if w not in _FILLER]
    for candidate in ("_".join(meaningful), "_".join(lowered)):
        if candidate in names:
            return names[candidate]
    for name in COUNT_PHRASES.get(frozenset(meaningful), ()):
        if name in names:
            return names[name]
    by_name = difflib.get_close_matches("_".join(meaningful), list(names), n=1, cutoff=0.6)
    if by_name:
        return names[by_name[0]]
    wanted = set(meaningful)
    scored = sorted(
        ((len(wanted & set(re.findall(r"[a-z]+", f"{c.name} {c.description}".lower()))), -c.line, c) for c in counts),
        key=lambda item: (item[0], item[1]),
        reverse=True,
    )
    return scored[0][2] if scored and scored[0][0] >= max(1, len(wanted) - 1) else None


def count_in_words(source: SourceFile, line: int, column: int) -> Diagnostic | None:
    """`5% of valid votes`, `50% of the votes cast`: the count the words most likely mean."""
    line_text = source.line_text(line)
    found = _phrase(line_text, column)
    if found is None:
        return None
    start, words = found
    written = " ".join(words)
    likely = _likely_count(words, declared_counts(source.text))
    joined = "_".join(w.lower() for w in words if w.lower() not in _FILLER) or "_".join(w.lower() for w in words)
    if likely is not None:
        described = f' ("{likely.description}")' if likely.description else ""
        hint = f"did you mean `{likely.name}`? it is declared on line {likely.line}{described}"
    else:
        hint = (
            f"a count is named by one word, as a `count` line declares it: declare `count {joined} ...` and "
            f"write `of {joined}`"
        )
    return Diagnostic(
        code="E101",
        message=f"`{written}` is not the name of a count",
        span=_span(source, line, start, len(written)),
        hint=hint,
    )

"""Friendly syntax errors: Lark's exceptions -> diagnostics with a code, plain words and a hint.

Two sources of labels: a catalogue of small bad files matched by parser state (Lark's `match_examples`),
and a few lexical checks on the text around the error. Internal token names never reach the user.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import Any

from lark import Lark
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from ..diagnostics.diagnostic import Diagnostic
from ..source import SourceFile, Span

_HEAD = 'ballotlaw 1\nsource s "t" "https://e.org"\n{blocks}'

#: code -> bad snippets whose parser state identifies the mistake. `{blocks}` and `{clauses}` are filled
#: with nothing or with one block / clause, and a leading comment is added or not, because Lark's
#: match_examples compares parser states including the depth of the stack (which a preceding block,
#: clause or comment changes).
_TEMPLATES: dict[str, list[str]] = {
    "E106": [
        _HEAD + 'contest c "t"\n{clauses}  seats 5 [s Art. 1\nend\n',
        _HEAD + 'contest c "t"\n{clauses}  seats 5 [s\nend\n',
        _HEAD + 'contest c "t"\n{clauses}  seats 5 [s Art. 1; s\nend\n',
        _HEAD + "level region: 9 units [s Art. 1\n",
        _HEAD + "count n on nation [s\n",
    ],
    "E109": [
        _HEAD + 'contest c "t"\n{clauses}  seats 5 [s]\n',
        _HEAD + 'election "e"\n  jurisdiction "j"\n',
        _HEAD + 'example e "t"\n  expect c: rerun\n',
    ],
}


def _variants(template: str) -> list[str]:
    out = []
    for comment in ("", "# comment\n"):
        for blocks in ("", "level z\n"):
            for clauses in ("", "  seats 1 [s]\n"):
                out.append(comment + template.format(blocks=blocks, clauses=clauses))
    return out


CATALOGUE: dict[str, list[str]] = {
    code: [variant for template in templates for variant in _variants(template)]
    for code, templates in _TEMPLATES.items()
}

#: Words that open a block: a line starting with one inside an open block means that block lacks `end`.
BLOCK_KEYWORDS = ("contest", "election", "example", "source", "level", "count", "votes", "relations")

#: Keywords that can start a clause of a contest, for "did you mean" on a misspelled one.
CLAUSE_KEYWORDS = (
    "lists",
    "candidates",
    "seats",
    "threshold",
    "allocate",
    "ties",
    "cap",
    "rerun",
    "valid",
    "elect",
    "place",
    "bonus",
    "multiply",
    "constituency",
    "biproportional",
)

#: How terminals are named to a person.
TERMINAL_PHRASES: dict[str, str] = {
    "NAME": "a name (lower-case letters, digits and _)",
    "WORD": "a word",
    "STRING": 'a quoted text ("...")',
    "INT": "a whole number",
    "DECIMAL": "a decimal number",
    "PERCENT": "a percent such as 5%",
    "DATE": "a date such as 2021-11-28",
    "CITE_TEXT": "an article or paragraph",
    "COMPARATOR": "a comparison (>=, >, <=, <, =, !=)",
    "_NL": "the end of the line",
    "$END": "the end of the file",
}


def _keyword_names(parser: Lark) -> dict[str, str]:
    names: dict[str, str] = {}
    for terminal in parser.terminals:
        pattern = terminal.pattern
        if terminal.name not in TERMINAL_PHRASES and type(pattern).__name__ == "PatternStr":
            names[terminal.name] = pattern.value
    return names


def describe_expected(parser: Lark, expected: Iterable[str]) -> list[str]:
    """The expected terminals in the words of the language, keywords first, sorted."""
    keywords = _keyword_names(parser)
    words = sorted({f"`{keywords[name]}`" for name in expected if name in keywords})
    phrases = sorted({TERMINAL_PHRASES[name] for name in expected if name in TERMINAL_PHRASES})
    return words + phrases


def _span_at(source: SourceFile, line: int, column: int, width: int = 1) -> Span:
    return Span(source, line, column, line, column + max(1, width))


def _did_you_mean(parser: Lark, token_text: str, expected: Iterable[str]) -> str | None:
    keywords = _keyword_names(parser)
    candidates = [keywords[name] for name in expected if name in keywords]
    match = difflib.get_close_matches(token_text, candidates, n=1, cutoff=0.6)
    return f"did you mean `{match[0]}`?" if match else None


def _expected_hint(parser: Lark, expected: Iterable[str]) -> str:
    described = describe_expected(parser, expected)
    if not described:
        return ""
    if len(described) > 12:
        described = [*described[:12], "..."]
    return "expected " + ", ".join(described)


def _lexical_diagnostic(source: SourceFile, error: UnexpectedInput) -> Diagnostic | None:
    """Mistakes visible in the characters around the error."""
    line_text = source.line_text(error.line)
    col = error.column
    before = line_text[: col - 1]
    here = line_text[col - 1 :]
    if here.startswith('"') and here.count('"') == 1:
        return Diagnostic(
            code="E108",
            message="this quoted text is not closed on its line",
            span=_span_at(source, error.line, col, len(here)),
            hint='close it with `"` before the end of the line; a quoted text cannot span lines',
        )
    if here.startswith("%") and before.rstrip() != before and before.rstrip()[-1:].isdigit():
        return Diagnostic(
            code="E105",
            message="a space between a number and its percent sign",
            span=_span_at(source, error.line, col),
            hint=f"write `{before.split()[-1]}%` with no space",
        )
    if here.startswith(",") and before[-1:].isdigit() and here[1:2].isdigit():
        number = before.split()[-1] + "," + "".join(ch for ch in here[1:].split()[0])
        return Diagnostic(
            code="E104",
            message=f"`{number}` uses a decimal comma",
            span=_span_at(source, error.line, col),
            hint=f"write `{number.replace(',', '.')}`: the rule language uses a decimal point",
        )
    return None


def _code_from_catalogue(error: UnexpectedInput, parse: Callable[[str], Any]) -> str | None:
    try:
        label = error.match_examples(parse, CATALOGUE, use_accepts=True)
    except Exception:  # noqa: BLE001 - the catalogue is a best effort; never hide the real error
        return None
    return str(label) if label else None


def syntax_diagnostic(source: SourceFile, error: UnexpectedInput, parser: Lark) -> Diagnostic:
    """Turn a Lark error into one diagnostic with a code, the position, and what to write instead."""
    lexical = _lexical_diagnostic(source, error)
    if lexical is not None:
        return lexical
    expected: set[str] = set()
    if isinstance(error, UnexpectedToken):
        expected = set(error.accepts or error.expected)
    elif isinstance(error, UnexpectedCharacters):
        expected = set(error.allowed or ())
    elif isinstance(error, UnexpectedEOF):
        expected = set(error.expected)
    is_first_line = _is_before_language_line(source, error)
    if is_first_line:
        return Diagnostic(
            code="E107",
            message="a rule file starts with the language line",
            span=_span_at(source, error.line, error.column),
            hint="write `ballotlaw 1` as the first line that is not a comment",
        )
    expected_hint = _expected_hint(parser, expected)
    if isinstance(error, UnexpectedToken):
        misspelled = _misspelled_clause_keyword(source, error, expected)
        if misspelled is not None:
            return misspelled
    code = _code_from_catalogue(error, parser.parse)
    if code == "E106":
        return Diagnostic(
            code="E106",
            message="this citation is not closed",
            span=_span_at(source, error.line, error.column),
            hint="end the citation with `]` on the same line, e.g. `[law2015 Art. 64(3)]`",
        )
    at_end = isinstance(error, UnexpectedEOF) or (isinstance(error, UnexpectedToken) and error.token.type == "$END")
    if code == "E109" or (at_end and "END" in expected):
        line, keyword = _open_block(source, error.line)
        return Diagnostic(
            code="E109",
            message=f"this `{keyword}` block is not closed" if keyword else "a block is not closed",
            span=_span_at(source, line, 1, len(source.line_text(line).rstrip()))
            if line
            else _span_at(source, error.line, error.column),
            hint="close every `election`, `contest` and `example` block with a line `end` before the next block",
        )
    if at_end:
        return Diagnostic(
            code="E103",
            message="the file ends in the middle of a clause",
            span=_span_at(source, error.line, error.column),
            hint=expected_hint or None,
        )
    if isinstance(error, UnexpectedCharacters):
        char = source.line_text(error.line)[error.column - 1 : error.column]
        return Diagnostic(
            code="E102",
            message=f"the character `{char}` cannot stand here",
            span=_span_at(source, error.line, error.column),
            hint=expected_hint or None,
        )
    assert isinstance(error, UnexpectedToken)
    token = error.token
    if token.type == "CITE_TEXT" and "CITE_TEXT" not in expected:
        # Out of a citation, free text only lexes when nothing else could: show its first word or character.
        first = str(token).split()[0] if str(token).split() else str(token)
        if not first[:1].isalnum() and first[:1] not in "\"'[]":
            return Diagnostic(
                code="E102",
                message=f"the character `{first[0]}` cannot stand here",
                span=_span_at(source, error.line, error.column),
                hint=expected_hint or None,
            )
        token_text = first
    else:
        token_text = str(token)
    shown = "end of the line" if token.type == "_NL" else f"`{token_text}`"
    hint_parts = [part for part in (_did_you_mean(parser, token_text, expected), expected_hint) if part]
    return Diagnostic(
        code="E101",
        message=f"unexpected {shown}",
        span=_span_at(source, error.line, error.column, len(token_text) if token.type != "_NL" else 1),
        hint="; ".join(hint_parts) or None,
    )


def _misspelled_clause_keyword(source: SourceFile, error: UnexpectedToken, expected: set[str]) -> Diagnostic | None:
    """`treshold at least ...`: a lone unknown word at the start of a clause reads as a label missing its `:`."""
    if expected != {"COLON"}:
        return None
    line_text = source.line_text(error.line)
    before = line_text[: error.column - 1]
    words = before.split()
    if len(words) != 1 or words[0] in BLOCK_KEYWORDS:
        return None
    word = words[0]
    column = before.index(word) + 1
    match = difflib.get_close_matches(word, CLAUSE_KEYWORDS, n=1, cutoff=0.6)
    hint = (
        f"did you mean `{match[0]}`?"
        if match
        else (
            "a clause starts with one of: "
            + ", ".join(f"`{k}`" for k in CLAUSE_KEYWORDS)
            + f"; to label a clause, write `{word}:` before it"
        )
    )
    return Diagnostic(
        code="E101",
        message=f"`{word}` does not start a clause",
        span=_span_at(source, error.line, column, len(word)),
        hint=hint,
    )


def _open_block(source: SourceFile, error_line: int) -> tuple[int | None, str | None]:
    """The line of the last block opened before `error_line` and not closed, with its keyword."""
    open_line: int | None = None
    keyword: str | None = None
    for number, text in enumerate(source.text.splitlines(), start=1):
        if number > error_line:
            break
        words = text.split()
        if not words:
            continue
        if words[0] in ("contest", "election", "example"):
            if open_line is not None and number == error_line:
                break
            open_line, keyword = number, words[0]
        elif words == ["end"]:
            open_line, keyword = None, None
    return open_line, keyword


def _is_before_language_line(source: SourceFile, error: UnexpectedInput) -> bool:
    for number, text in enumerate(source.text.splitlines(), start=1):
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        return number == error.line and not stripped.startswith("ballotlaw ")
    return True

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

_HEAD = 'ballotlaw 1\nsource s "t" "https://e.org"\n'

#: code -> bad snippets whose parser state identifies the mistake.
CATALOGUE: dict[str, list[str]] = {
    "E106": [
        _HEAD + 'contest c "t"\n  seats 5 [s Art. 1\nend\n',
        _HEAD + 'contest c "t"\n  seats 5 [s\nend\n',
        _HEAD + 'level region: 9 units [s Art. 1\n',
        _HEAD + 'count n on nation [s\n',
    ],
    "E109": [
        _HEAD + 'contest c "t"\n  seats 5 [s]\n',
        _HEAD + 'contest c "t"\n  seats 5 [s]\ncontest d "u"\n',
        _HEAD + 'contest c "t"\n  seats 5 [s]\nexample e "t"\n',
        _HEAD + 'election "e"\n  jurisdiction "j"\n',
        _HEAD + 'example e "t"\n  expect c: rerun\n',
        _HEAD + 'example e "t"\n  expect c: rerun\ncontest c "t"\n',
    ],
}

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
        described = described[:12] + ["..."]
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
    code = _code_from_catalogue(error, parser.parse)
    expected_hint = _expected_hint(parser, expected)
    if code == "E106":
        return Diagnostic(
            code="E106",
            message="this citation is not closed",
            span=_span_at(source, error.line, error.column),
            hint="end the citation with `]` on the same line, e.g. `[law2015 Art. 64(3)]`",
        )
    at_end = isinstance(error, UnexpectedEOF) or (
        isinstance(error, UnexpectedToken) and error.token.type == "$END"
    )
    if code == "E109" or (at_end and "END" in expected):
        return Diagnostic(
            code="E109",
            message="this block is not closed",
            span=_span_at(source, error.line, error.column),
            hint="close every `election`, `contest` and `example` block with a line `end`",
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
    shown = "the end of the line" if token.type == "_NL" else f"`{token}`"
    hint_parts = [part for part in (_did_you_mean(parser, str(token), expected), expected_hint) if part]
    return Diagnostic(
        code="E101",
        message=f"unexpected {shown}",
        span=_span_at(source, error.line, error.column, len(str(token)) if token.type != "_NL" else 1),
        hint="; ".join(hint_parts) or None,
    )


def _is_before_language_line(source: SourceFile, error: UnexpectedInput) -> bool:
    for number, text in enumerate(source.text.splitlines(), start=1):
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        return number == error.line and not stripped.startswith("ballotlaw ")
    return True

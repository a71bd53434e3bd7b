"""Friendly syntax errors: Lark's exceptions -> diagnostics with a code, plain words and a hint.

Three sources of labels: a few lexical checks on the text around the error; the parser's state (a block that
starts inside another, an `end` too many) and suggestions for a lawyer's spellings (suggestions.py); and a
catalogue of small bad files matched by parser state (Lark's `match_examples`). Internal token names never reach
the user. The parse goes on after each error (recovery.py).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import Any

from lark import Lark
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from ..diagnostics.diagnostic import Diagnostic
from ..source import SourceFile, Span
from .suggestions import capitalised_word, count_in_words, foreign_word

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

#: Words that open a block closed by `end`.
BLOCK_OPENERS = ("contest", "election", "example", "spec", "relations", "amend")
#: Words that start a line at the top level: a block, or a declaration of one line.
TOP_KEYWORDS = frozenset({*BLOCK_KEYWORDS, *BLOCK_OPENERS, "known", "amends"})

#: How terminals are named to a person.
TERMINAL_PHRASES: dict[str, str] = {
    "NAME": "a name (lower-case letters, digits and _)",
    "LABEL": "a label (a name and its colon, like `cap:`)",
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
    suggested = _suggestion(source, error, parser, expected_hint)
    if suggested is not None:
        return suggested
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


def _suggestion(source: SourceFile, error: UnexpectedInput, parser: Lark, expected_hint: str) -> Diagnostic | None:
    """A word in another script, a block that starts inside another one, or a count written in words."""
    foreign = foreign_word(source, error.line, error.column, set(_keyword_names(parser).values()), expected_hint)
    if foreign is not None:
        return foreign
    capitalised = capitalised_word(source, error.line, error.column)
    if capitalised is not None:
        return capitalised
    unclosed = _block_starts_inside_block(source, error)
    if unclosed is not None:
        return unclosed
    line_text = source.line_text(error.line)
    stray_end = first_word(line_text) == "end" and line_text.index("end") + 1 == error.column
    if stray_end and isinstance(error, UnexpectedToken) and not _inside_block(error):
        return Diagnostic(
            code="E101",
            message="this `end` closes no block",
            span=_span_at(source, error.line, error.column, 3),
            hint="the block above is closed already: remove this line, or the `end` above it that closes too soon",
        )
    return count_in_words(source, error.line, error.column)


def first_word(line: str) -> str:
    """The first word of a line, or '' (a label's word, with its colon, is not a keyword)."""
    words = line.split("#")[0].split()
    if not words or words[0].endswith(":") or (len(words) > 1 and words[1].startswith(":")):
        return ""
    return words[0]


def block_left_open(source: SourceFile, line: int) -> bool:
    """A line that starts a declaration or a block stands inside an open block: True when that block lacks its
    `end` (a block starts on the line, or no `end` comes before the next top-level line), False when the line is
    a declaration put inside a block that is closed further on."""
    if first_word(source.line_text(line)) in BLOCK_OPENERS:
        return True
    last = source.text.count("\n") + 1
    for number in range(line + 1, last + 1):
        word = first_word(source.line_text(number))
        if word == "end":
            return False
        if word in TOP_KEYWORDS:
            return True
    return True


def boundary(interactive: Any) -> tuple[int, str] | None:
    """The index in the parser's state stack of the last line boundary, and whether it stands in a block (its
    state accepts `end`) or at the top level (it accepts a declaration); None before the language line."""
    states = interactive.parser_state.parse_conf.states
    stack = interactive.parser_state.state_stack
    for index in range(len(stack) - 1, -1, -1):
        actions = states[stack[index]]
        if "END" in actions:
            return index, "block"
        if "SOURCE" in actions:
            return index, "top"
    return None


def _inside_block(error: UnexpectedInput) -> bool:
    """The parser stands inside a block."""
    interactive = getattr(error, "interactive_parser", None)
    found = boundary(interactive) if interactive is not None else None
    return found is not None and found[1] == "block"


def _block_starts_inside_block(source: SourceFile, error: UnexpectedInput) -> Diagnostic | None:
    """A line that starts a declaration or a block while a block is open: that block lacks its `end`, or the
    declaration is misplaced inside it."""
    word = first_word(source.line_text(error.line))
    if word not in TOP_KEYWORDS or not _inside_block(error):
        return None
    line, keyword = _open_block(source, error.line)
    if line is None:
        return None
    if not block_left_open(source, error.line):
        column = source.line_text(error.line).index(word) + 1
        return Diagnostic(
            code="E101",
            message=f"a `{word}` line cannot stand inside the `{keyword}` block of line {line}",
            span=_span_at(source, error.line, column, len(word)),
            hint=f"`{word}` lines stand between blocks: move it before line {line} or after the block's `end`",
        )
    return Diagnostic(
        code="E109",
        message=f"this `{keyword}` block is not closed",
        span=_span_at(source, line, 1, len(source.line_text(line).rstrip())),
        hint=f"close it with a line `end` before the `{word}` on line {error.line}",
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
    from ..check.registry import CLAUSE_KEYWORDS  # each clause kind's keywords; loaded on this error only

    word = words[0]
    column = before.index(word) + 1
    match = difflib.get_close_matches(word, [*CLAUSE_KEYWORDS, "end"], n=1, cutoff=0.6)
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
    for number in range(1, error_line + 1):
        words = source.line_text(number).split()
        if not words:
            continue
        if words[0] in BLOCK_OPENERS and not (len(words) > 1 and words[1].startswith(":")):
            if open_line is not None and number == error_line:
                break
            open_line, keyword = number, words[0]
        elif words == ["end"]:
            open_line, keyword = None, None
    return open_line, keyword


def _is_before_language_line(source: SourceFile, error: UnexpectedInput) -> bool:
    for number in range(1, error.line + 1):
        stripped = source.line_text(number).strip()
        if not stripped or stripped.startswith("#"):
            continue
        return number == error.line and not stripped.startswith("ballotlaw ")
    return True

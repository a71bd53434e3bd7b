"""The formatter: a rule file laid out canonically (`ballotlaw fmt`).

The layout depends on the file's tokens and comments only, never on its spacing:

- a line inside a block is indented by two spaces; a declaration, a block's header and its `end` by none; a
  `seats` list continued on further lines is aligned under its first figure, at the line breaks the author chose;
- words are one space apart, with none before `,` `:` `;` `]` `)` and none after `[` `(` (nor around the `.`
  of `known failure spec.property`);
- in `contest`, `amend` and `relations` blocks the citations stand in one column, three spaces after the longest
  clause of the block that is at most ALIGN_LIMIT wide (a longer clause has its citation three spaces after it);
  elsewhere a citation, an assumption or a rationale stands three spaces after its line;
- blank lines: at most one in a row; one before and after every block (with the comments just above it); none at
  the start or the end of a block or of the file;
- comments are kept where they were, on their own line (indented as the lines of their block) or at the end of a
  line (two spaces before the `#`); the file ends with one newline.

Only spacing changes: the tokens, and so the parse tree and the checked model, are those of the original (which
tests/test_fmt.py proves on every shipped rule file and on generated ones).
"""

from __future__ import annotations

import unicodedata

from attrs import define, field
from lark import Token

from .errors import RuleFileError
from .source import SourceFile
from .syntax.parser import get_parser
from .syntax.recovery import parse_all

#: The widest clause (with its indentation) whose citation is aligned with the others of its block.
ALIGN_LIMIT = 90
#: Spaces between a line and its citation when it is not aligned, and the least when it is.
GAP = 3
INDENT = "  "
ALIGNED_BLOCKS = frozenset({"CONTEST", "AMEND", "RELATIONS"})
BLOCK_OPENERS = frozenset({"ELECTION", "CONTEST", "EXAMPLE", "SPEC", "RELATIONS", "AMEND"})
TRAILERS = frozenset({"LSQB", "ASSUMPTION", "RATIONALE"})
NO_SPACE_BEFORE = frozenset({"COMMA", "COLON", "SEMICOLON", "RSQB", "RPAR", "DOT"})
NO_SPACE_AFTER = frozenset({"LSQB", "LPAR", "DOT"})
BLANK = ""


@define
class Segment:
    """One physical line of a clause: its tokens and the comment at its end."""

    tokens: list[Token] = field(factory=list)
    comment: str | None = None


@define
class Line:
    """One line of the language (a declaration, a header, a clause, `end`), with the comment lines and blank
    lines above it (BLANK for a blank line) and the comment lines inside it (between continued segments)."""

    before: list[str] = field(factory=list)
    segments: list[Segment] = field(factory=lambda: [Segment()])
    inner: list[list[str]] = field(factory=list)
    depth: int = 0
    block: str | None = None  # the terminal that opened the block the line stands in

    @property
    def first(self) -> str:
        return self.segments[0].tokens[0].type


def format_text(text: str, path: str = "<text>") -> str:
    """The canonical layout of rule-file text (see the module's docstring). Raises RuleFileError, with every
    syntax error, when the text does not parse. Idempotent: format_text(format_text(t)) == format_text(t)."""
    body = text if text.endswith("\n") else text + "\n"
    parser = get_parser()
    _tree, diagnostics = parse_all(SourceFile(path, text), body, parser)
    if diagnostics:
        raise RuleFileError(diagnostics)
    interactive = parser.parse_interactive(body)
    tokens = list(interactive.iter_parse())
    lines, trailing = _lines(body, tokens)
    return _render(lines, trailing)


# ---- from tokens to lines --------------------------------------------------------------------------------------


def _comment_between(text: str, start: int, end: int) -> str | None:
    """The comment in the text between two tokens, if any (only blanks and a comment can stand there)."""
    gap = text[start:end]
    at = gap.find("#")
    return gap[at:].rstrip() if at >= 0 else None


def _run_lines(value: str) -> list[str]:
    """The comment lines and blank lines of a newline token (without the indentation of the line after it)."""
    pieces = value.split("\n")[1:]
    out = [piece.strip() for piece in pieces[:-1]]
    last = pieces[-1].strip() if pieces else ""
    if last:  # a comment at the very end of the text
        out.append(last)
    return [BLANK if not line else line for line in out]


def _lines(text: str, tokens: list[Token]) -> tuple[list[Line], list[str]]:
    """The lines of the file, and the comment lines and blank lines after the last one."""
    lines: list[Line] = []
    current = Line()
    leading = _comment_between(text, 0, tokens[0].start_pos or 0) if tokens else None
    if leading:  # a comment on the first line of the file
        current.before.append(leading)
    previous_end = 0
    for token in tokens:
        segment = current.segments[-1]
        if token.type != "_NL":
            segment.tokens.append(token)
            previous_end = token.end_pos or previous_end
            continue
        run = _run_lines(str(token))
        if not segment.tokens:  # newlines before the language line
            current.before.extend(run)
            continue
        segment.comment = _comment_between(text, previous_end, token.start_pos or previous_end)
        if segment.tokens[-1].type == "COMMA":  # a `seats` list continued on the next line
            current.inner.append([line for line in run if line != BLANK])
            current.segments.append(Segment())
            continue
        lines.append(current)
        current = Line(before=run)
    _depths(lines)
    return lines, current.before


def _depths(lines: list[Line]) -> None:
    block: str | None = None
    for line in lines:
        if block is None:
            if line.first in BLOCK_OPENERS:
                block = line.first
            continue
        if line.first == "END":
            block = None
            continue
        line.depth, line.block = 1, block


# ---- from lines to text ----------------------------------------------------------------------------------------


def width(text: str) -> int:
    """Columns `text` takes in a terminal: wide characters two, combining marks none."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _join(tokens: list[Token]) -> str:
    out: list[str] = []
    for index, token in enumerate(tokens):
        joined = token.type in NO_SPACE_BEFORE or (token.type == "CITE_TEXT" and str(token).startswith(","))
        if index and not joined and tokens[index - 1].type not in NO_SPACE_AFTER:
            out.append(" ")
        out.append(str(token).rstrip() if token.type == "CITE_TEXT" else str(token))
    return "".join(out)


def _split_trailer(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """A line's code and its trailer (citation, assumption, rationale)."""
    at = next((i for i, token in enumerate(tokens) if token.type in TRAILERS), len(tokens))
    return tokens[:at], tokens[at:]


def _continuation_indent(line: Line) -> str:
    tokens = line.segments[0].tokens
    at = next((i for i, token in enumerate(tokens) if token.type == "SEATS"), None)
    shown = INDENT * line.depth + (_join(tokens[: at + 1]) + " " if at is not None else INDENT * 2)
    return " " * width(shown)


def _code_width(line: Line) -> int:
    code, _trailer = _split_trailer(line.segments[-1].tokens)
    indent = INDENT * line.depth if len(line.segments) == 1 else _continuation_indent(line)
    return width(indent + _join(code))


def _columns(lines: list[Line]) -> dict[int, int]:
    """The citation column of every line in an aligned block (by index), where it is aligned."""
    columns: dict[int, int] = {}
    group: list[int] = []
    for index, line in enumerate([*lines, None]):
        if line is not None and line.block in ALIGNED_BLOCKS:
            if _split_trailer(line.segments[-1].tokens)[1]:
                group.append(index)
            continue
        widths = {i: _code_width(lines[i]) for i in group}
        fitting = [w for w in widths.values() if w <= ALIGN_LIMIT]
        if fitting:
            column = max(fitting) + GAP
            columns.update({i: column for i, w in widths.items() if w <= ALIGN_LIMIT})
        group = []
    return columns


def _with_comment(text: str, comment: str | None) -> str:
    return f"{text}  {comment}" if comment else text


def _render_line(line: Line, column: int | None) -> list[str]:
    indent = INDENT * line.depth
    out: list[str] = []
    for number, segment in enumerate(line.segments):
        lead = indent if number == 0 else _continuation_indent(line)
        if number:
            out.extend(lead + comment for comment in line.inner[number - 1])
        code, trailer = _split_trailer(segment.tokens)
        shown = lead + _join(code)
        if trailer:
            gap = column - width(shown) if column is not None else GAP
            shown += " " * max(gap, GAP) + _join(trailer)
        out.append(_with_comment(shown, segment.comment))
    return out


def _squeeze(entries: list[str]) -> list[str]:
    """At most one blank line in a row."""
    out: list[str] = []
    for entry in entries:
        if entry == BLANK and out and out[-1] == BLANK:
            continue
        out.append(entry)
    return out


def _before(line: Line, previous: Line | None) -> list[str]:
    """The comment lines and blank lines above a line, in the canonical layout."""
    entries = _squeeze(line.before)
    if previous is None:
        return entries[1:] if entries[:1] == [BLANK] else entries
    inside = line.depth == 1 or line.first == "END"
    if inside:
        if previous.first in BLOCK_OPENERS and previous.depth == 0:
            entries = entries[1:] if entries[:1] == [BLANK] else entries
        if line.first == "END":
            entries = entries[:-1] if entries[-1:] == [BLANK] else entries
        return entries
    separate = line.first in BLOCK_OPENERS or previous.first == "END"
    if separate and entries[:1] != [BLANK]:
        entries = [BLANK, *entries]
    return entries


def _render(lines: list[Line], trailing: list[str]) -> str:
    columns = _columns(lines)
    out: list[str] = []
    previous: Line | None = None
    for index, line in enumerate(lines):
        inside = line.depth == 1 or line.first == "END"
        for entry in _before(line, previous):
            out.append(INDENT + entry if entry != BLANK and inside else entry)
        out.extend(_render_line(line, columns.get(index)))
        previous = line
    tail = _squeeze(trailing)
    while tail[-1:] == [BLANK]:
        tail.pop()
    if tail and previous is not None and previous.first == "END" and tail[0] != BLANK:
        tail.insert(0, BLANK)
    out.extend(tail)
    return "\n".join(out) + "\n"

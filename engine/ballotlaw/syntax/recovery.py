"""Error recovery: every syntax error of a rule file in one run.

The LALR parser stops at its first error; Lark's `on_error` callback lets it go on. After each error the
parser's stack is cut back to the last line boundary (a state that accepts `end`, inside a block, or a top-level
keyword, between blocks) and the lexer moves on to the next line that can start there. Three repairs keep one
mistake from hiding the next one or causing false ones:

- a block left open is closed where the next block starts (the mistake is E109), and that line read again;
- a broken block header is completed with placeholders, so the block's clauses are still read;
- a broken line at the top level also skips the clause lines after it, up to their `end`.

Lark's parser and lexer state is reached through its documented interactive parser (`interactive_parser`,
`parser_state`, `lexer_thread`); the line counter is set directly, as Lark's own `on_error` loop does.
"""

from __future__ import annotations

import difflib
import re
from collections import deque
from collections.abc import Callable
from typing import Any

from lark import Lark, Token
from lark.exceptions import UnexpectedInput, UnexpectedToken
from lark.lexer import LineCounter

from ..diagnostics.diagnostic import Diagnostic
from ..source import SourceFile
from .syntax_errors import TOP_KEYWORDS, block_left_open, boundary, first_word, syntax_diagnostic

#: The most syntax errors reported for one file; a file with more is shown its first ones.
MAX_ERRORS = 100

#: Terminals that open a block closed by `end`.
BLOCK_OPENERS = frozenset({"ELECTION", "CONTEST", "EXAMPLE", "SPEC", "RELATIONS", "AMEND"})
#: Placeholder text of the terminals a broken header may be completed with (keywords are their own text).
PLACEHOLDERS = {"_NL": "\n", "NAME": "recovered", "LABEL": "recovered:", "STRING": '"recovered"', "INT": "1"}
_NL_RUN = re.compile(r"(\r?\n[\t ]*(#[^\n]*)?)+")
_HEADER_DEPTH = 5


def near_end(line: str) -> bool:
    """A line of one word that is `end` misspelled (`en`, `ned`, `End`): it closes its block."""
    words = line.split("#")[0].split()
    return len(words) == 1 and difflib.SequenceMatcher(None, words[0].lower(), "end").ratio() >= 0.6


class Recovery:
    """The `on_error` callback of one parse: records each error's diagnostic and resumes the parse after it."""

    def __init__(self, source: SourceFile, text: str, parser: Lark) -> None:
        self.source = source
        self.text = text
        self.parser = parser
        self.diagnostics: list[Diagnostic] = []
        self._closed_at: set[int] = set()  # lines where a block left open was closed
        self._seen: set[tuple[str, int, int]] = set()
        self._keywords = {t.name: t.pattern.value for t in parser.terminals if type(t.pattern).__name__ == "PatternStr"}

    def __call__(self, error: UnexpectedInput) -> bool:
        diagnostic = syntax_diagnostic(self.source, error, self.parser)
        key = (diagnostic.code, error.line, error.column)
        if key in self._seen:  # the same error again: stop rather than loop
            return False
        self._seen.add(key)
        self.diagnostics.append(diagnostic)
        if len(self.diagnostics) >= MAX_ERRORS or diagnostic.code == "E107":
            return False
        if isinstance(error, UnexpectedToken) and error.token.type == "$END":
            return False
        interactive = getattr(error, "interactive_parser", None)
        if interactive is None:
            return False
        try:
            return self._resync(error, interactive)
        except Exception:  # noqa: BLE001 - recovery is a best effort; a fault in it ends the parse with what was found
            return False

    # ---- where the parse can go on ----------------------------------------------------------------------------

    def _resync(self, error: UnexpectedInput, interactive: Any) -> bool:
        """Set the parser and the lexer where the parse goes on after `error`; False when it cannot."""
        found = boundary(interactive)
        if found is None:  # before or in the language line: nothing after it can be read
            return False
        depth, where = found
        position = error.pos_in_stream if error.pos_in_stream is not None else len(self.text)
        line_start = self.text.rfind("\n", 0, position) + 1
        line_end = self._line_end(position)
        line_text = self.text[line_start:line_end]
        word = first_word(line_text)
        state = interactive.parser_state
        closes = near_end(line_text) or (word == "end" and error.column > line_text.index("end") + 1)
        opens = word in TOP_KEYWORDS and block_left_open(self.source, error.line)
        if where == "block" and (closes or opens) and error.line not in self._closed_at:
            self._cut(state, depth)
            self._feed(interactive, "END", error.line, position)
            self._feed(interactive, "_NL", error.line, position)
            if closes:
                self._move(interactive, self._after_line(line_end))
            else:  # the next block starts here: read the line again at the top level
                self._closed_at.add(error.line)
                self._move(interactive, line_start)
            return True
        if where == "top":
            if self._complete_header(interactive, depth, error.line):
                self._move(interactive, self._after_line(line_end))
                return True
            self._cut(state, depth)
            after = self._after_line(line_end)
            self._move(interactive, after if closes else self._skip_stray_lines(after))
            return True
        self._cut(state, depth)
        after = self._after_line(line_end)
        continued = isinstance(error, UnexpectedToken) and error.token.type == "_NL"
        while not continued and self.text[line_start:line_end].split("#")[0].rstrip().endswith(","):
            line_start, line_end = after, self._line_end(after)  # a clause continued on the next line
            after = self._after_line(line_end)
        self._move(interactive, after)
        return True

    # ---- the repairs ---------------------------------------------------------------------------------------------

    def _complete_header(self, interactive: Any, depth: int, line: int) -> bool:
        """A block header broken on its own line: complete it with placeholder tokens so that the parser stands
        in the block's body (a state that accepts `end`)."""
        values = interactive.parser_state.value_stack[depth:]
        opener = values[0] if values else None
        if not isinstance(opener, Token) or opener.type not in BLOCK_OPENERS or opener.line != line:
            return False
        path = self._header_path(interactive)
        if path is None:
            return False
        for terminal in path:
            self._feed(interactive, terminal, line, opener.start_pos or 0)
        return True

    def _header_path(self, interactive: Any) -> list[str] | None:
        """The shortest run of placeholder terminals (at most five, ending with a newline) that leads to the body
        of the block; a breadth-first search over copies of the parser."""
        queue: deque[tuple[Any, list[str]]] = deque([(interactive, [])])
        while queue:
            current, path = queue.popleft()
            if path and path[-1] == "_NL" and "END" in current.choices():
                return path
            if len(path) >= _HEADER_DEPTH:
                continue
            for terminal in sorted(t for t in current.choices() if t in PLACEHOLDERS or t in self._keywords):
                trial = current.copy(deepcopy_values=False)
                try:
                    trial.feed_token(self._token(terminal, 1, 0))
                except UnexpectedInput:
                    continue
                queue.append((trial, [*path, terminal]))
        return None

    def _skip_stray_lines(self, position: int) -> int:
        """After a broken line at the top level: the clause lines that follow it (a block whose header did not
        parse) are skipped up to their `end`, or up to the next line that starts a declaration or a block."""
        while position < len(self.text):
            line_end = self._line_end(position)
            line = self.text[position:line_end]
            word = first_word(line)
            if word in TOP_KEYWORDS:
                return position
            after = self._after_line(line_end)
            if word == "end" or near_end(line):
                return after
            if after <= position:
                return len(self.text)
            position = after
        return position

    # ---- the parser's and the lexer's state ------------------------------------------------------------------

    @staticmethod
    def _cut(state: Any, depth: int) -> None:
        """Cut the stack back to `depth` (every prefix of an LR stack is one the parser could have reached)."""
        del state.state_stack[depth + 1 :]
        del state.value_stack[depth:]

    def _token(self, terminal: str, line: int, position: int) -> Token:
        value = PLACEHOLDERS.get(terminal, self._keywords.get(terminal, ""))
        return Token(terminal, value, position, line, 1, line, 1, position)

    def _feed(self, interactive: Any, terminal: str, line: int, position: int) -> None:
        interactive.feed_token(self._token(terminal, line, position))

    def _line_end(self, position: int) -> int:
        end = self.text.find("\n", position)
        return len(self.text) if end < 0 else end

    def _after_line(self, line_end: int) -> int:
        """Where the next line with content starts: past the newline, blank lines, comment lines and indent."""
        if line_end >= len(self.text):
            return len(self.text)
        start = line_end - 1 if line_end > 0 and self.text[line_end - 1] == "\r" else line_end
        run = _NL_RUN.match(self.text, start)
        return run.end() if run else line_end + 1

    def _move(self, interactive: Any, position: int) -> None:
        """Put the lexer at `position` of the text."""
        counter = LineCounter("\n")  # type: ignore[no-untyped-call]
        counter.char_pos = position
        counter.line = self.text.count("\n", 0, position) + 1
        counter.line_start_pos = self.text.rfind("\n", 0, position) + 1
        counter.column = position - counter.line_start_pos + 1
        interactive.lexer_thread.state.line_ctr = counter


def parse_all(source: SourceFile, text: str, parser: Lark) -> tuple[Any, tuple[Diagnostic, ...]]:
    """Parse `text` (the source's text, ending in a newline); return the tree and no diagnostics, or None and
    every syntax error found (at most MAX_ERRORS)."""
    recovery = Recovery(source, text, parser)
    on_error: Callable[[UnexpectedInput], bool] = recovery
    try:
        tree = parser.parse(text, on_error=on_error)
    except UnexpectedInput:
        if not recovery.diagnostics:  # pragma: no cover - every error passes through the callback first
            raise
        return None, _in_order(recovery.diagnostics)
    if recovery.diagnostics:
        return None, _in_order(recovery.diagnostics)
    return tree, ()


def _in_order(diagnostics: list[Diagnostic]) -> tuple[Diagnostic, ...]:
    """In the order of the file (a block left open is found where the next one starts, below its header)."""
    return tuple(sorted(diagnostics, key=lambda d: (d.span.line, d.span.column) if d.span else (0, 0)))

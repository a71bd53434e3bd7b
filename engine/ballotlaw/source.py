"""Source files and spans: where every AST node, diagnostic and trace step points back to."""

from __future__ import annotations

import hashlib
from functools import cached_property

from attrs import field, frozen


@frozen
class SourceFile:
    """The text of one rule file, with the path it was given as."""

    path: str
    text: str = field(repr=False)

    @cached_property
    def sha256(self) -> str:
        """The text's SHA-256 (computed once: every outcome and certificate names it)."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @cached_property
    def _lines(self) -> tuple[str, ...]:
        """The lines, split once: at `\n` only, as the parser counts them (a `\r` before it is dropped)."""
        return tuple(line.removesuffix("\r") for line in self.text.split("\n"))

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline ('' past the end)."""
        lines = self._lines
        return lines[line - 1] if 1 <= line <= len(lines) else ""


@frozen
class Span:
    """A region of a source file: 1-based lines and columns, end column exclusive."""

    source: SourceFile = field(eq=False, repr=False)
    line: int
    column: int
    end_line: int
    end_column: int

    @property
    def file(self) -> str:
        return self.source.path

    @property
    def text(self) -> str | None:
        """The source text the span covers, when it lies on one line (None otherwise)."""
        if self.line != self.end_line:
            return None
        return self.source.line_text(self.line)[self.column - 1 : self.end_column - 1]

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }

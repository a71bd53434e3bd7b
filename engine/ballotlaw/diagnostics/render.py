"""Render diagnostics as text: `file:line:col: error[CODE slug]: message`, the line, a caret, a hint.

Everything taken from input (paths, names in messages, the excerpt) is escaped (render/escape.py): a control
character in a rule or results file never reaches the terminal raw.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..render.escape import escape
from ..source import Span
from .diagnostic import Diagnostic


def _excerpt(span: Span) -> list[str]:
    """The line of the span, escaped, and a caret under the span (placed on the escaped text)."""
    text = span.source.line_text(span.line)
    number = str(span.line)
    pad = " " * len(number)
    column = span.column
    end = span.end_column if span.end_line == span.line else len(text) + 1
    before = escape(text[: column - 1]) + " " * max(0, column - 1 - len(text))
    covered = text[column - 1 : end - 1]
    width = len(escape(covered)) + max(0, end - column - len(covered))
    caret = " " * len(before) + "^" * max(1, width)
    return [f"  {number} | {escape(text)}", f"  {pad} | {caret}"]


def render_diagnostic(diagnostic: Diagnostic) -> str:
    """One diagnostic as the lines a person reads."""
    where = escape(str(diagnostic.span or diagnostic.location or "<input>"))
    head = f"{where}: {diagnostic.severity}[{diagnostic.code} {diagnostic.slug}]: {escape(diagnostic.message)}"
    lines = [head]
    if diagnostic.span is not None:
        lines.extend(_excerpt(diagnostic.span))
    for related in diagnostic.related:
        lines.append(f"  note: {escape(related.label)} at {escape(str(related.span))}")
        lines.extend(_excerpt(related.span))
    if diagnostic.hint:
        lines.append(f"  help: {escape(diagnostic.hint)}")
    return "\n".join(lines)


#: Beyond this many diagnostics with the same code and message, the text shows the first ones and one line for
#: the rest (JSON keeps every one): a results file with the wrong level on every row gets one screen, not 300.
SHOWN_ALIKE = 3


def _alike(diagnostic: Diagnostic) -> tuple[str, str, str]:
    where = diagnostic.span.source.path if diagnostic.span else diagnostic.location.file if diagnostic.location else ""
    return (diagnostic.code, diagnostic.message, where)


def render_diagnostics(diagnostics: Iterable[Diagnostic]) -> str:
    """All diagnostics, sorted by position, then a one-line count; a run of more than SHOWN_ALIKE alike ones (same
    code, message and file) shows the first SHOWN_ALIKE and says where the others are."""
    items = sorted(diagnostics, key=Diagnostic.sort_key)
    errors = sum(1 for d in items if d.is_error)
    warnings = len(items) - errors
    groups: dict[tuple[str, str, str], list[Diagnostic]] = {}
    for item in items:
        groups.setdefault(_alike(item), []).append(item)
    blocks = []
    for item in items:
        group = groups[_alike(item)]
        if item in group[:SHOWN_ALIKE]:
            blocks.append(render_diagnostic(item))
        elif item is group[SHOWN_ALIKE]:
            rest = group[SHOWN_ALIKE:]
            places = ", ".join(_place(d) for d in rest[:5]) + (", ..." if len(rest) > 5 else "")
            blocks.append(f"... and {len(rest)} more {item.severity}(s) [{item.code}] like it, at {escape(places)}")
    body = "\n\n".join(blocks)
    summary = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    return f"{body}\n\n{summary}" if items else summary


def _place(diagnostic: Diagnostic) -> str:
    if diagnostic.span is not None:
        return f"line {diagnostic.span.line}"
    if diagnostic.location is not None and diagnostic.location.row is not None:
        return f"row {diagnostic.location.row}"
    return str(diagnostic.location or "<input>")

"""Render diagnostics as text: `file:line:col: error[CODE slug]: message`, the line, a caret, a hint."""

from __future__ import annotations

from collections.abc import Iterable

from ..source import Span
from .diagnostic import Diagnostic


def _excerpt(span: Span) -> list[str]:
    text = span.source.line_text(span.line)
    number = str(span.line)
    pad = " " * len(number)
    width = span.end_column - span.column if span.end_line == span.line else len(text) - span.column + 1
    width = max(1, width)
    caret = " " * (span.column - 1) + "^" * width
    return [f"  {number} | {text}", f"  {pad} | {caret}"]


def render_diagnostic(diagnostic: Diagnostic) -> str:
    """One diagnostic as the lines a person reads."""
    where = str(diagnostic.span or diagnostic.location or "<input>")
    head = f"{where}: {diagnostic.severity}[{diagnostic.code} {diagnostic.slug}]: {diagnostic.message}"
    lines = [head]
    if diagnostic.span is not None:
        lines.extend(_excerpt(diagnostic.span))
    for related in diagnostic.related:
        lines.append(f"  note: {related.label} at {related.span}")
        lines.extend(_excerpt(related.span))
    if diagnostic.hint:
        lines.append(f"  help: {diagnostic.hint}")
    return "\n".join(lines)


def render_diagnostics(diagnostics: Iterable[Diagnostic]) -> str:
    """All diagnostics, sorted by position, then a one-line count."""
    items = sorted(diagnostics, key=Diagnostic.sort_key)
    errors = sum(1 for d in items if d.is_error)
    warnings = len(items) - errors
    body = "\n\n".join(render_diagnostic(d) for d in items)
    summary = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    return f"{body}\n\n{summary}" if items else summary

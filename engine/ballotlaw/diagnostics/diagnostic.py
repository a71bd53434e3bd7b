"""A diagnostic: one problem, its code, where it is and what to write instead."""

from __future__ import annotations

from attrs import field, frozen

from ..source import Span
from .codes import lookup


@frozen
class DataLocation:
    """Where a problem sits in a results file: CSV row and field, or a JSON pointer."""

    file: str
    row: int | None = None
    column: str | None = None
    pointer: str | None = None

    def __str__(self) -> str:
        if self.pointer is not None:
            return f"{self.file}:{self.pointer}"
        parts = [self.file]
        if self.row is not None:
            parts.append(str(self.row))
        if self.column is not None:
            parts.append(self.column)
        return ":".join(parts)


@frozen
class Related:
    """Another place a diagnostic points at, with what it is."""

    label: str
    span: Span


@frozen
class Finding:
    """What a check of the results adds to a diagnostic: where, which clause and law, and what to do."""

    unit: str
    clause: str | None = None  # full label of a relation of the rule file; None for a universal check
    citation: str | None = None
    action: str | None = None  # the action the law (or the rule file) prescribes

    def to_json(self) -> dict[str, object]:
        return {"unit": self.unit, "clause": self.clause, "citation": self.citation, "action": self.action}


@frozen
class Diagnostic:
    """One problem in a rule file or a results file."""

    code: str
    message: str
    span: Span | None = None
    location: DataLocation | None = None
    hint: str | None = None
    related: tuple[Related, ...] = field(default=())
    finding: Finding | None = None  # for a check of the results: the unit, the clause and what to do

    @property
    def slug(self) -> str:
        return lookup(self.code).slug

    @property
    def severity(self) -> str:
        return lookup(self.code).severity

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def sort_key(self) -> tuple[str, int, int, str]:
        if self.span is not None:
            return (self.span.file, self.span.line, self.span.column, self.code)
        if self.location is not None:
            return (self.location.file, self.location.row or 0, 0, self.code)
        return ("", 0, 0, self.code)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "code": self.code,
            "slug": self.slug,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }
        if self.span is not None:
            out.update(self.span.to_json())
        if self.location is not None:
            out["file"] = self.location.file
            if self.location.pointer is not None:
                out["pointer"] = self.location.pointer
            else:
                out["row"] = self.location.row
                out["field"] = self.location.column
        out["related"] = [
            {"label": r.label, "file": r.span.file, "line": r.span.line, "column": r.span.column} for r in self.related
        ]
        if self.finding is not None:
            out["finding"] = self.finding.to_json()
        return out

"""The versioned JSON forms (docs/contracts.md, sections 2 and 3): sorted keys, two-space indent, a final
newline, no floats, no timestamps - the same inputs give the same bytes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from .. import __version__
from ..diagnostics.diagnostic import Diagnostic
from ..outcome import Outcome


def dumps(document: object) -> str:
    return json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def outcome_json(outcome: Outcome) -> str:
    return dumps(
        {
            "format": "ballotlaw.outcome",
            "version": 1,
            "engine": f"ballotlaw {__version__}",
            "rules": outcome.rules,
            "results": outcome.results,
            "status": outcome.status,
            "data_checks": outcome.data_checks.to_json() if outcome.data_checks is not None else None,
            "contests": [c.to_json() for c in outcome.contests],
        }
    )


def trace_json(outcome: Outcome) -> str:
    return dumps(
        {
            "format": "ballotlaw.trace",
            "version": 1,
            "engine": f"ballotlaw {__version__}",
            "rules": outcome.rules,
            "results": outcome.results,
            "steps": [s.to_json() for s in outcome.trace],
        }
    )


def diagnostics_json(diagnostics: Iterable[Diagnostic]) -> str:
    items = sorted(diagnostics, key=Diagnostic.sort_key)
    return dumps({"format": "ballotlaw.diagnostics", "version": 1, "diagnostics": [d.to_json() for d in items]})


def validation_json(
    path: str,
    sha256: str,
    checked: int,
    unpublished: int,
    diagnostics: Iterable[Diagnostic],
    extra: Mapping[str, object] | None = None,
) -> str:
    items = sorted(diagnostics, key=Diagnostic.sort_key)
    return dumps(
        {
            "format": "ballotlaw.validation",
            "version": 1,
            "results": {"file": path, "sha256": sha256},
            "checked": checked,
            "not_checked_unpublished": unpublished,
            "errors": sum(1 for d in items if d.is_error),
            "diagnostics": [d.to_json() for d in items],
            **(extra or {}),
        }
    )

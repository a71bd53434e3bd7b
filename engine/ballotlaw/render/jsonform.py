"""The versioned JSON forms (docs/contracts.md, sections 2 and 3): sorted keys, two-space indent, a final
newline, no floats, no timestamps - the same inputs give the same bytes."""

from __future__ import annotations

import json
from collections.abc import Iterable

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

"""The versioned JSON forms (docs/contracts.md, sections 2 and 3): sorted keys, two-space indent, a final
newline, no floats, no timestamps - the same inputs give the same bytes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from fractions import Fraction

from .. import __version__
from ..diagnostics.diagnostic import Diagnostic
from ..exact import fraction_text, percent
from ..facts import Fact
from ..outcome import (
    AdjustedSeats,
    CheckOutcome,
    ContestOutcome,
    DataChecks,
    DistributedSeats,
    Outcome,
    QualifyingTest,
    Reason,
    SelectionOutcome,
    UnitOutcome,
    Unpublished,
)
from ..trace import Step
from .phrases import say


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
            "data_checks": data_checks(outcome.data_checks) if outcome.data_checks is not None else None,
            "contests": [contest(c) for c in outcome.contests],
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
            "steps": [step(s) for s in outcome.trace],
        }
    )


# ---- the parts of the outcome form (docs/contracts.md, 3.1) and of the trace form (3.2) ---------------------


def contest(found: ContestOutcome) -> dict[str, object]:
    return {
        "id": found.id,
        "title": found.title,
        "kind": found.kind,
        "status": found.status,
        "reasons": [reason(r) for r in found.reasons],
        "seats_per_unit": found.seats_total,  # with seats per unit: the house (each unit says its own)
        "units": [unit(u) for u in found.units],
        "adjustment": [adjusted(a) for a in found.adjustment],
        "adjustment_placed": [distributed(p) for p in found.placed],
    }


def unit(found: UnitOutcome) -> dict[str, object]:
    return {
        "unpublished": [unpublished(u) for u in found.unpublished],
        "unit": found.unit,
        "name": found.name,
        "status": found.status,
        "reasons": [reason(r) for r in found.reasons],
        "selections": [selection(s) for s in found.selections],
        "checks": [check(c) for c in found.checks],
        "seats_status": found.seats_status,
        "seats_note": say(found.seats_note),
        "tied": list(found.tied),
        "tied_seats": found.tied_seats,
        "seats_available": found.seats_available,
        "seats_added": found.seats_added,
        "distribution": [distributed(d) for d in found.distribution],
    }


def reason(found: Reason) -> dict[str, object]:
    return {"clause": found.clause, "text": say(found.text), "missing": missing(found.missing)}


def selection(found: SelectionOutcome) -> dict[str, object]:
    return {
        "id": found.id,
        "votes": found.votes.value if found.votes.known else None,
        "votes_status": found.votes.status,
        "votes_at_most": found.votes.at_most,
        "tests": [qualifying_test(t) for t in found.tests],
        "qualified": found.qualified or None,
        "seats": found.seats,
        "elected": found.elected,
    }


def qualifying_test(found: QualifyingTest) -> dict[str, object]:
    share = found.share
    return {
        "clause": found.clause,
        "result": found.result,
        "detail": say(found.detail),
        "share": fraction_text(share) if share is not None else None,
        "display": percent(share) if share is not None else None,
        "base": found.base if share is not None else None,
        "missing": missing(found.missing),
    }


def missing(items: tuple[Fact | str, ...]) -> list[str]:
    """What a reason or a test lacked: names as they are, facts in words."""
    return [item if isinstance(item, str) else say(item) for item in items]


def check(found: CheckOutcome) -> dict[str, object]:
    return {
        "clause": found.clause,
        "kind": found.kind,
        "result": found.result,
        "detail": say(found.detail),
        "missing": list(found.missing),
    }


def unpublished(found: Unpublished) -> dict[str, object]:
    return {
        "what": found.what,
        "items": list(found.items),
        "status": found.status,
        "at_most": found.at_most,
        "source": found.source,
        "source_title": found.source_title,
        "source_url": found.source_url,
    }


def distributed(found: DistributedSeats) -> dict[str, object]:
    return {"selection": found.selection, "unit": found.unit, "seats": found.seats}


def adjusted(found: AdjustedSeats) -> dict[str, object]:
    return {
        "selection": found.selection,
        "district_seats": found.district_seats,
        "entitlement": found.entitlement,
        "adjustment_seats": found.adjustment_seats,
    }


def data_checks(found: DataChecks) -> dict[str, object]:
    return {
        "checked": found.checked,
        "errors_accepted": list(found.errors),
        "unchecked": list(found.unchecked),
        "certifiable": found.certifiable,
    }


def step(found: Step) -> dict[str, object]:
    inputs = {name: fraction_text(value) if isinstance(value, Fraction) else value for name, value in found.inputs}
    prov = found.provenance
    return {
        "n": found.n,
        "contest": found.contest,
        "unit": found.unit,
        "clause": found.clause,
        "kind": found.kind,
        "span": prov.span.to_json() if prov else None,
        "citations": [c.to_json() for c in prov.citations] if prov else [],
        "assumption": prov.assumption if prov else None,
        "inputs": inputs,
        "decision": say(found.decision),
        "result": found.result,
    }


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

"""Compare two versions of a law on the same results: which clauses differ, and where the outcomes differ.

Clauses are matched by their full labels (docs/contracts.md, section 4); outcomes by contest, unit and list.
A changed clause "changes the outcome" when a test or check it made differs, or, for the seats, the method,
the tie rule and the cap, when the seats differ. The results are checked first, as `run` checks them: results
whose own arithmetic fails under either law are refused unless their errors are accepted, and then the
comparison says so. Renderers format this; nothing here prints.
"""

from __future__ import annotations

import attrs
from attrs import frozen

from . import model
from .diagnostics.diagnostic import Diagnostic
from .errors import DataError
from .evaluate import evaluate
from .integrity import universal_checks
from .outcome import Outcome, UnitOutcome
from .render.phrases import say
from .results.load import load_results

_SEAT_CLAUSES = ("seats", "allocate", "compete")


@frozen
class ClauseChange:
    label: str
    change: str  # "changed", "added", "removed"
    old: str | None
    new: str | None
    changes_outcome: bool = False


@frozen
class SelectionChange:
    id: str
    qualified: tuple[str, str]
    seats: tuple[int | None, int | None]
    tests: tuple[tuple[str, str, str], ...]  # (clause, old result and detail, new result and detail)


@frozen
class UnitChange:
    contest: str
    unit: str
    status: tuple[str, str]
    selections: tuple[SelectionChange, ...]
    checks: tuple[tuple[str, str, str], ...]


@frozen
class LawDiff:
    clauses: tuple[ClauseChange, ...]
    units: tuple[UnitChange, ...]
    errors_accepted: tuple[str, ...] = ()  # "C101: message" for each error of the results' arithmetic accepted

    @property
    def differs(self) -> bool:
        return bool(self.units) or any(c.change != "same" for c in self.clauses)


def _clause_text(provenance: model.Provenance) -> str:
    span = provenance.span
    line = span.source.line_text(span.line)
    text = line[span.column - 1 :] if span.end_line != span.line else line[span.column - 1 : span.end_column - 1]
    return " ".join(text.split("[", 1)[0].split())


def clauses_of(law: model.Law) -> dict[str, str]:
    """Every clause of every contest, by full label, as written (without its citation)."""
    found: dict[str, str] = {}
    for contest in law.contests:
        provenances = [
            contest.compete,
            contest.seats_provenance,
            contest.method_provenance,
            contest.elect_provenance,
            contest.valid_always,
        ]
        provenances += [t.provenance for t in contest.thresholds]
        provenances += [r.provenance for r in (*contest.reruns, *contest.validity)]
        provenances += [x.provenance for x in (contest.tie_rule, contest.cap) if x is not None]
        for provenance in provenances:
            if provenance is not None:
                found[provenance.full_label] = _clause_text(provenance)
    return found


def _selection_changes(old: UnitOutcome, new: UnitOutcome) -> tuple[SelectionChange, ...]:
    changes = []
    new_by_id = {s.id: s for s in new.selections}
    for before in old.selections:
        after = new_by_id.get(before.id)
        if after is None:
            continue
        new_tests = {t.clause: t for t in after.tests}
        tests = []
        for test in before.tests:
            other = new_tests.get(test.clause)
            if other is not None and other.result != test.result:
                tests.append(
                    (test.clause, f"{test.result} ({say(test.detail)})", f"{other.result} ({say(other.detail)})")
                )
        if tests or before.qualified != after.qualified or before.seats != after.seats:
            changes.append(
                SelectionChange(
                    before.id, (before.qualified, after.qualified), (before.seats, after.seats), tuple(tests)
                )
            )
    return tuple(changes)


def compare(old_law: model.Law, new_law: model.Law, old: Outcome, new: Outcome) -> LawDiff:
    old_clauses, new_clauses = clauses_of(old_law), clauses_of(new_law)
    units: list[UnitChange] = []
    for contest in old.contests:
        other = new.contest(contest.id)
        if other is None:
            continue
        new_units = {u.unit: u for u in other.units}
        for unit in contest.units:
            after = new_units.get(unit.unit)
            if after is None:
                continue
            selections = _selection_changes(unit, after)
            new_checks = {c.clause: c for c in after.checks}
            checks = tuple(
                (
                    c.clause,
                    f"{c.result} ({say(c.detail)})",
                    f"{new_checks[c.clause].result} ({say(new_checks[c.clause].detail)})",
                )
                for c in unit.checks
                if c.clause in new_checks and new_checks[c.clause].result != c.result
            )
            if selections or checks or unit.status != after.status:
                units.append(UnitChange(contest.id, unit.unit, (unit.status, after.status), selections, checks))
    decided = {clause for u in units for s in u.selections for clause, _, _ in s.tests}
    decided |= {clause for u in units for clause, _, _ in u.checks}
    seats_moved = {u.contest for u in units if any(s.seats[0] != s.seats[1] for s in u.selections)}
    clauses = []
    for label in sorted(set(old_clauses) | set(new_clauses)):
        old_text, new_text = old_clauses.get(label), new_clauses.get(label)
        change = (
            "same"
            if old_text == new_text
            else "added"
            if old_text is None
            else "removed"
            if new_text is None
            else "changed"
        )
        owner, _, name = label.partition(".")
        effect = change != "same" and (label in decided or (owner in seats_moved and name in _SEAT_CLAUSES))
        clauses.append(ClauseChange(label, change, old_text, new_text, effect))
    return LawDiff(tuple(clauses), tuple(units))


def evaluate_both(
    old_law: model.Law, new_law: model.Law, results_path: str, accept_data_errors: bool = False
) -> tuple[Outcome, Outcome, tuple[str, ...], tuple[Diagnostic, ...]]:
    """Both outcomes on the results, after the checks of their own arithmetic `run` makes, under each law (each
    names its own counts, levels and relations); the errors accepted and the warnings found are returned beside
    them. Errors raise a DataError unless `accept_data_errors` is given."""
    old_results, old_warnings = load_results(old_law, results_path)
    new_results, new_warnings = load_results(new_law, results_path)
    found = tuple(
        dict.fromkeys(
            (*universal_checks(old_law, old_results).findings, *universal_checks(new_law, new_results).findings)
        )
    )
    errors = tuple(d for d in found if d.is_error)
    if errors and not accept_data_errors:
        raise DataError(found)
    warnings = tuple(dict.fromkeys((*old_warnings, *new_warnings, *(d for d in found if not d.is_error))))
    accepted = tuple(f"{d.code}: {d.message}" for d in errors)
    return evaluate(old_law, old_results), evaluate(new_law, new_results), accepted, warnings


def compare_on(
    old_law: model.Law, new_law: model.Law, results_path: str, accept_data_errors: bool = False
) -> tuple[LawDiff, tuple[Diagnostic, ...]]:
    """`compare` on a results file, checked first (`evaluate_both`); the warnings beside the comparison."""
    old, new, accepted, warnings = evaluate_both(old_law, new_law, results_path, accept_data_errors)
    return attrs.evolve(compare(old_law, new_law, old, new), errors_accepted=accepted), warnings


def render_text(diff: LawDiff, old_path: str, new_path: str, results_path: str) -> str:
    lines = [f"diff {old_path} -> {new_path}", f"  on {results_path}"]
    if diff.errors_accepted:
        lines.append(
            f"  data: {len(diff.errors_accepted)} error(s) of the results' own arithmetic accepted "
            "(--accept-data-errors): neither outcome is certifiable"
        )
        lines += [f"    - {error}" for error in diff.errors_accepted]
    lines += ["", "clauses that differ in the law:"]
    changed = [c for c in diff.clauses if c.change != "same"]
    for clause in changed:
        mark = "  (changes the outcome)" if clause.changes_outcome else ""
        lines.append(f"  {clause.change:<8} {clause.label}{mark}")
        if clause.old is not None:
            lines.append(f"           old: {clause.old}")
        if clause.new is not None:
            lines.append(f"           new: {clause.new}")
    if not changed:
        lines.append("  none")
    lines += ["", "where the outcome differs:"]
    for unit in diff.units:
        lines.append(f"  {unit.contest} at {unit.unit}: status {unit.status[0]} -> {unit.status[1]}")
        for selection in unit.selections:
            lines.append(
                f"    {selection.id}: qualified {selection.qualified[0] or '-'} -> {selection.qualified[1] or '-'}"
                f"; seats {selection.seats[0]} -> {selection.seats[1]}"
            )
            for tested, before, after in selection.tests:
                lines.append(f"      {tested}: {before}")
                lines.append(f"      {' ' * len(tested)}  -> {after}")
        for checked, before, after in unit.checks:
            lines.append(f"    {checked}: {before} -> {after}")
    if not diff.units:
        lines.append("  nowhere: both laws give the same outcome on these results")
    effective = [c.label for c in diff.clauses if c.changes_outcome]
    lines += ["", "clauses that change the outcome: " + (", ".join(effective) if effective else "none")]
    return "\n".join(lines) + "\n"


def to_json(diff: LawDiff, old_path: str, new_path: str, results_path: str) -> dict[str, object]:
    return {
        "format": "ballotlaw.diff",
        "version": 1,
        "old": old_path,
        "new": new_path,
        "results": results_path,
        "errors_accepted": list(diff.errors_accepted),
        "clauses": [
            {"label": c.label, "change": c.change, "old": c.old, "new": c.new, "changes_outcome": c.changes_outcome}
            for c in diff.clauses
            if c.change != "same"
        ],
        "units": [
            {
                "contest": u.contest,
                "unit": u.unit,
                "status": list(u.status),
                "selections": [
                    {
                        "id": s.id,
                        "qualified": list(s.qualified),
                        "seats": list(s.seats),
                        "tests": [{"clause": c, "old": o, "new": n} for c, o, n in s.tests],
                    }
                    for s in u.selections
                ],
                "checks": [{"clause": c, "old": o, "new": n} for c, o, n in u.checks],
            }
            for u in diff.units
        ],
    }

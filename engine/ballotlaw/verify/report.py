"""Render a verification: text for people, the versioned JSON form, counterexample files.

A counterexample is written as a results CSV (`ballotlaw run` replays it, `explain` explains it), with the
changed results of a relational property beside it, and an example block that pins it into a rule file.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from attrs import frozen

from ..evaluate import evaluate
from ..model import Law, Spec
from ..outcome import UnitOutcome
from ..render.jsonform import dumps
from ..results.model import Results
from ..results.write import to_csv
from .ranked import ballots_csv, given_ballots
from .runner import PropertyResult


@frozen
class Saved:
    results: str
    variant: str | None
    example: str


def _slug(result: PropertyResult) -> str:
    return f"{result.contest}.{result.spec}.{result.property.provenance.label}"


def example_block(law: Law, result: PropertyResult) -> str:
    """The counterexample as an example block: the results, and the outcome the law gives on them."""
    assert result.case is not None
    results = result.case.results
    outcome = evaluate(law, results)
    name = f"{result.property.provenance.label}_counterexample"
    lines = [f'example {name} "Counterexample to {result.property.provenance.full_label}, found by verification"']
    for unit in results.units.values():
        items = [f"{name} {figure.value}" for (u, name), figure in results.counts.items() if u == unit.id]
        items += [f'votes "{s}" {f.value}' for s, f in results.votes.get(unit.id, {}).items()]
        items += [
            f'{attribute} of "{s}" {value}'
            for (u, s), table in results.attributes.items()
            if u == unit.id
            for attribute, value in table.items()
        ]
        box = results.ballots.get(unit.id)
        items += given_ballots(box) if box is not None else []
        parent = f' in "{unit.parent}"' if unit.parent else ""
        if items:
            lines.append(f'  given {unit.level} "{unit.id}"{parent}: {", ".join(items)}')
    contest = outcome.contest(result.contest)
    for unit_outcome in contest.units if contest else ():
        expectations = [f"status {unit_outcome.status}"]
        expectations += [f'"{s.id}" gets {s.seats} seats' for s in unit_outcome.selections if s.seats is not None]
        where = f' in "{unit_outcome.unit}"' if contest and len(contest.units) > 1 else ""
        lines.append(f"  expect {result.contest}{where}: {', '.join(expectations)}")
    lines.append("end")
    return "\n".join(lines) + "\n"


def save(law: Law, result: PropertyResult, folder: Path, rules_path: str) -> Saved:
    """Write the counterexample files of a failed property; return their paths."""
    assert result.case is not None and result.violation is not None
    folder.mkdir(parents=True, exist_ok=True)
    slug = _slug(result)
    comments = (
        f"Counterexample found by `ballotlaw verify` for {result.property.provenance.full_label}",
        f"({result.property.phrase}) on {rules_path}, contest {result.contest}:",
        result.violation.summary,
    )
    # Ranked ballots are written as a ballots CSV (one unit), the figures of every other contest as results CSV.
    written = ballots_csv if result.case.results.ballots else to_csv
    base = folder / f"{slug}.csv"
    _write(base, written(result.case.results, comments))
    variant_path = None
    if result.violation.variant is not None:
        variant_path = folder / f"{slug}.changed.csv"
        note = result.violation.variant_note or "the changed results"
        _write(variant_path, written(result.violation.variant, (*comments, f"This file: {note}.")))
    example = folder / f"{slug}.example.rules"
    _write(example, example_block(law, result))
    return Saved(str(base), str(variant_path) if variant_path else None, str(example))


def _write(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def nothing_checked(law: Law, specs: tuple[Spec, ...], results: list[PropertyResult]) -> str | None:
    """Why no property was checked on a single generated election, or None when one was: a verification that
    checked nothing has not passed."""
    if any(r.examples > 0 or r.violation is not None for r in results):
        return None
    if not specs:
        return "the specification file holds no spec"
    kinds = sorted({c.competitors for c in law.contests})
    scoped = [s for s in specs if s.scope in kinds]
    if not scoped:
        wanted = " or ".join(sorted({s.scope for s in specs}))
        return f"every spec is for contests of {wanted}, and the rule file has none"
    if not any(s.properties for s in scoped):
        return "the specs for its contests state no property"
    return "no property applies to its contests (the condition of each does not hold)"


def render_text(
    rules: str,
    spec: str,
    examples: int,
    seed: int,
    results: list[PropertyResult],
    saved: dict[str, Saved],
    nothing: str | None = None,
) -> str:
    lines = [f"verify {rules}", f"  spec {spec}; {examples} generated elections per contest; seed {seed}", ""]
    contest = None
    for result in results:
        if result.contest != contest:
            contest = result.contest
            lines.append(f"contest {contest}")
        status = {"passed": "passed", "failed": "FAILED", "known failure": "known", "not applicable": "n/a"}[
            result.status
        ]
        label = result.property.provenance.full_label
        count = (
            f"{result.examples} elections"
            if result.status == "passed"
            else f"found after {result.examples} elections"
            if result.violation is not None
            else ""
        )
        lines.append(f"  {status:<7} {label:<45} {count}")
        lines.append(f"          {result.property.phrase}")
        if result.note:
            lines.append(f"          {result.note}")
        if result.violation is not None:
            lines.extend(
                textwrap.wrap(
                    result.violation.summary, 100, initial_indent="          => ", subsequent_indent="             "
                )
            )
            lines.extend(f"             {detail}" for detail in result.violation.details)
            files = saved.get(label)
            if files is not None:
                lines.append(f"          counterexample: {files.results}")
                if files.variant:
                    lines.append(f"          changed:        {files.variant} ({result.violation.variant_note})")
                elif result.violation.variant_note:
                    lines.append(f"          changed:        {result.violation.variant_note}")
                lines.append(f"          replay:         ballotlaw run {rules} {files.results}")
                lines.append(f"          pin it:         {files.example} (an example block for the rule file)")
    passed = sum(r.status == "passed" for r in results)
    failed = sum(r.status == "failed" for r in results)
    known = sum(r.status == "known failure" for r in results)
    na = sum(r.status == "not applicable" for r in results)
    lines += ["", f"properties: {passed} passed, {failed} failed, {known} known failures, {na} not applicable"]
    if nothing is not None:
        lines.append(f"nothing was checked: {nothing}")
    return "\n".join(lines) + "\n"


def render_json(
    rules: str,
    spec: str,
    examples: int,
    seed: int,
    results: list[PropertyResult],
    saved: dict[str, Saved],
    nothing: str | None = None,
) -> str:
    items = []
    for result in results:
        label = result.property.provenance.full_label
        files = saved.get(label)
        items.append(
            {
                "contest": result.contest,
                "property": label,
                "phrase": result.property.phrase,
                "status": result.status,
                "examples": result.examples,
                "note": result.note or None,
                "summary": result.violation.summary if result.violation else None,
                "details": list(result.violation.details) if result.violation else [],
                "changed": result.violation.variant_note if result.violation else None,
                "counterexample": files.results if files else None,
                "counterexample_changed": files.variant if files else None,
                "example_block": files.example if files else None,
            }
        )
    return dumps(
        {
            "format": "ballotlaw.verify",
            "version": 1,
            "rules": rules,
            "spec": spec,
            "examples": examples,
            "seed": seed,
            "properties": items,
            "nothing_checked": nothing,
        }
    )


def unit_seats(unit: UnitOutcome) -> str:
    return ", ".join(f"{s.id} {s.seats}" for s in unit.selections)


__all__ = ["Results", "Saved", "example_block", "nothing_checked", "render_json", "render_text", "save", "unit_seats"]

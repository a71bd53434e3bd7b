"""Render the trace as text: each step with its clause, position, citations, numbers and decision. Every line is
escaped (render/escape.py): a name from input never reaches the terminal with its control characters."""

from __future__ import annotations

from fractions import Fraction

from ..exact import show
from ..outcome import Outcome
from .escape import escape
from .phrases import say


def render_trace(outcome: Outcome) -> str:
    lines = [f"trace of {outcome.rules.get('file')} on {outcome.results.get('file')}", ""]
    sources: dict[str, str] = {}
    for step in outcome.trace:
        prov = step.provenance
        where = f"{prov.span}" if prov else "(engine)"
        lines.append(f"[{step.n}] {step.clause}  ({step.kind}, {step.contest} at {step.unit})  {where}")
        if prov:
            lines.append(f"    law: {prov.cited}")
            for cite in prov.citations:
                sources.setdefault(cite.source.id, f"{cite.source.title} <{cite.source.url}>")
            if prov.assumption:
                lines.append(f"    assumption: {prov.assumption}")
        for name, value in step.inputs:
            shown = show(value) if isinstance(value, Fraction) else value
            lines.append(f"    {name} = {shown}")
        lines.append(f"    => {say(step.decision)}")
        lines.append("")
    if sources:
        lines.append("sources cited")
        lines.extend(f"  {key}: {text}" for key, text in sources.items())
        lines.append("")
    return "\n".join(escape(line) for line in lines)

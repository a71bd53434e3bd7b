"""Render the trace as text: each step with its clause, position, citations, numbers and decision, in a language
of ballotlaw.i18n. Every line is escaped (render/escape.py): a name from input never reaches the terminal with its
control characters."""

from __future__ import annotations

import re
from fractions import Fraction

from ..i18n import _, pgettext, speaking
from ..i18n.formats import integer, number
from ..outcome import Outcome
from ..trace import InputValue
from .escape import escape
from .phrases import say
from .phrases.words import figure_name, figure_status, word

#: A figure that is not published, with its bounds (results/model.py, Figure.describe).
_BOUNDED = re.compile(r"^(not published) \((?:at least (\d+))?(?:, )?(?:at most (\d+))?\)$")


def _value(value: InputValue) -> str:
    """A value of an input: an exact number in the language's symbols, a figure's status in its words."""
    if isinstance(value, Fraction):
        return number(value)
    if isinstance(value, int):
        return integer(value)
    bounded = _BOUNDED.match(value)
    if bounded is not None and (bounded.group(2) or bounded.group(3)):
        bounds = [_("at least {value}").format(value=integer(int(bounded.group(2))))] if bounded.group(2) else []
        if bounded.group(3):
            bounds.append(_("at most {value}").format(value=integer(int(bounded.group(3)))))
        return f"{figure_status(bounded.group(1))} ({', '.join(bounds)})"
    return figure_status(value)


def render_trace(outcome: Outcome, lang: str = "en") -> str:
    """The trace as text in `lang` (ballotlaw.i18n.LANGUAGES)."""
    with speaking(lang):
        return _render(outcome)


def _render(outcome: Outcome) -> str:
    title = _("trace of {rules} on {results}").format(
        rules=outcome.rules.get("file"), results=outcome.results.get("file")
    )
    lines = [title, ""]
    sources: dict[str, str] = {}
    law, assumption = pgettext("trace", "law"), pgettext("trace", "assumption")
    for step in outcome.trace:
        prov = step.provenance
        where = f"{prov.span}" if prov else _("(engine)")
        at = _("{contest} at {unit}").format(contest=step.contest, unit=step.unit)
        lines.append(f"[{step.n}] {step.clause}  ({word(step.kind, 'step')}, {at})  {where}")
        if prov:
            lines.append(f"    {law}: {prov.cited}")
            for cite in prov.citations:
                sources.setdefault(cite.source.id, f"{cite.source.title} <{cite.source.url}>")
            if prov.assumption:
                lines.append(f"    {assumption}: {prov.assumption}")
        for name, value in step.inputs:
            lines.append(f"    {figure_name(name)} = {_value(value)}")
        lines.append(f"    => {say(step.decision)}")
        lines.append("")
    if sources:
        lines.append(_("sources cited"))
        lines.extend(f"  {key}: {text}" for key, text in sources.items())
        lines.append("")
    return "\n".join(escape(line) for line in lines)

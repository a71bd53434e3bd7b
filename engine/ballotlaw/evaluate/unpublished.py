"""List the figures a unit's evaluation could not use because they are not published, with their sources.

Grouped so that a reader sees "votes of 15 lists at KG: not published (at most 64081), source cec836"
once, not fifteen times. Built during evaluation so that renderers only format it.
"""

from __future__ import annotations

from ..figures import Named, at, named, word
from ..outcome import Unpublished
from ..results.model import Figure
from .context import UnitContext

Groups = dict[tuple[str, str, int | None, int | None, str | None], list[str]]


def _add(groups: Groups, what: str, item: str, figure: Figure) -> None:
    groups.setdefault((what, figure.status, figure.at_most, figure.at_least, figure.source), []).append(item)


def unpublished_figures(ctx: UnitContext) -> tuple[Unpublished, ...]:
    """Figures of the unit (and of the levels its thresholds look into) that are not published or absent."""
    groups: Groups = {}
    results = ctx.results
    unit = results.units[ctx.unit]
    for count in ctx.law.counts.values():
        if count.per_selection or unit.level not in count.levels:
            continue
        figure = results.count(ctx.unit, count.name)
        if not figure.known:
            _add(groups, at(count.name, ctx.unit), count.name, figure)
    for selection in ctx.selections:
        figure = results.vote(ctx.unit, selection)
        if not figure.known:
            _add(groups, at(word("votes"), ctx.unit), selection, figure)
    levels = sorted({t.level for t in ctx.contest.thresholds if t.level is not None})
    for level in levels:
        for child in ctx.descendants(level):
            for count in ctx.law.counts.values():
                if count.per_selection or level not in count.levels:
                    continue
                figure = results.count(child.id, count.name)
                if not figure.known:
                    _add(groups, named(Named.BY, count.name, level), child.id, figure)
            if any(not results.vote(child.id, s).known for s in ctx.selections):
                figure = results.every_selection.get(child.id) or next(
                    results.vote(child.id, s) for s in ctx.selections if not results.vote(child.id, s).known
                )
                _add(groups, named(Named.BY, word("votes"), level), child.id, figure)
    out = []
    for (what, status, at_most, at_least, source), items in groups.items():
        title, url = results.sources.get(source, ("", "")) if source else ("", "")
        out.append(Unpublished(what, tuple(items), status, at_most, source, title, url, at_least))
    return tuple(out)

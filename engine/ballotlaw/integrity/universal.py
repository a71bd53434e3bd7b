"""The checks that hold for every protocol, whatever the law: a parent's figure is the sum of its children's,
nobody takes part who is not registered, no more valid votes than voters, no more votes for the selections
than valid votes, published shares of one whole that add up to no more than it, and each published share
that is its list's votes over the count the law measures shares on, within the share's rounding.

A check runs only where every figure it needs is published. A sum is checked only when the data holds every
unit of the children's level that the rule file declares; otherwise one warning says why it was not checked.
Nothing is guessed: an unchecked relation is reported as such, never as passed.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from attrs import frozen

from ..diagnostics.diagnostic import DataLocation, Diagnostic, Finding
from ..exact import show
from ..model import Law
from ..results.model import Figure, PublishedShare, Results, Unit
from .relations import Tally, check_relations

# (smaller, larger, code): relations between counts of one unit, by the names the rule files use.
_ORDERED = (
    ("voters_took_part", "registered_voters", "C102"),
    ("valid_votes", "voters_took_part", "C103"),
)


@frozen
class IntegrityReport:
    """What the checks found, and how many relations they could check at all."""

    findings: tuple[Diagnostic, ...]
    checked: int
    unpublished: int = 0  # relations of the rule file not checked in a unit for want of published figures

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.findings)


def universal_checks(law: Law, results: Results) -> IntegrityReport:
    """Every finding of the universal checks, in a stable order."""
    tally = Tally()
    found = [
        *_sums(law, results, tally),
        *_ordered(results, tally),
        *_votes_within_valid(results, tally),
        *_shares_within_whole(results, tally),
        *_shares_match_votes(law, results, tally),
        *check_relations(law, results, tally),
    ]
    ordered = tuple(sorted(found, key=lambda d: (*d.sort_key(), d.message)))
    return IntegrityReport(ordered, tally.checked, tally.unpublished)


def _where(results: Results, figure: Figure) -> DataLocation:
    return figure.location if figure.location is not None else DataLocation(results.path)


def _complete_levels(law: Law, results: Results) -> tuple[set[str], list[Diagnostic]]:
    complete: set[str] = set()
    notes: list[Diagnostic] = []
    for name, level in law.levels.items():
        units = results.units_of(name)
        present = len(units)
        if level.rank == 0 or not any(u.parent is not None for u in units):
            continue  # no unit of the level sits under another: there is no sum to check
        if level.unit_count is not None and present == level.unit_count:
            complete.add(name)
            continue
        declared = (
            f"of the {level.unit_count} the rule file declares"
            if level.unit_count
            else ("and the rule file does not say how many there are")
        )
        notes.append(
            Diagnostic(
                "C901",
                f"figures of the {name} level are not checked against their totals: the data gives {present} "
                f"{name} unit(s) {declared}",
                location=DataLocation(results.path),
                hint=f"give every {name} unit, or declare `level {name}: N units` with the number the law fixes",
            )
        )
    return complete, notes


def _children_by_level(results: Results) -> dict[tuple[str, str], list[Unit]]:
    grouped: dict[tuple[str, str], list[Unit]] = {}
    for unit in results.units.values():
        if unit.parent is not None:
            grouped.setdefault((unit.parent, unit.level), []).append(unit)
    return grouped


def _sums(law: Law, results: Results, tally: Tally) -> Iterator[Diagnostic]:
    complete, notes = _complete_levels(law, results)
    yield from notes
    names = sorted({name for (_unit, name) in results.counts})
    for (parent, level), children in _children_by_level(results).items():
        if level not in complete:
            continue
        figures: list[tuple[str, Figure, list[Figure]]] = [
            (name, results.count(parent, name), [results.count(c.id, name) for c in children]) for name in names
        ]
        selections = dict.fromkeys(s for c in [parent, *[c.id for c in children]] for s in results.selections(c))
        figures += [
            (f"votes for {s}", results.vote(parent, s), [results.vote(c.id, s) for c in children]) for s in selections
        ]
        for what, total, parts in figures:
            if not total.known or not all(p.known for p in parts):
                continue
            tally.checked += 1
            added = sum(p.value or 0 for p in parts)
            if added != total.value:
                yield Diagnostic(
                    "C101",
                    f"{what} at `{parent}` is {total.value}, but its {len(parts)} {level} unit(s) add up to {added} "
                    f"(difference {added - (total.value or 0):+d})",
                    location=_where(results, total),
                    hint="correct the total or the figure of the unit that is wrong; the outcome is not computed "
                    "from results whose sums do not hold",
                    finding=Finding(parent),
                )


def _ordered(results: Results, tally: Tally) -> Iterator[Diagnostic]:
    for unit in results.units:
        for smaller, larger, code in _ORDERED:
            low, high = results.count(unit, smaller), results.count(unit, larger)
            if not (low.known and high.known):
                continue
            tally.checked += 1
            if (low.value or 0) > (high.value or 0):
                yield Diagnostic(
                    code,
                    f"{smaller} at `{unit}` is {low.value}, more than {larger} ({high.value})",
                    location=_where(results, low),
                    hint=f"{smaller} can never exceed {larger}: one of the two figures is wrong",
                    finding=Finding(unit),
                )


def _votes_within_valid(results: Results, tally: Tally) -> Iterator[Diagnostic]:
    for unit in results.units:
        valid = results.count(unit, "valid_votes")
        selections = results.selections(unit)
        if not valid.known or not selections:
            continue
        votes = [results.vote(unit, s) for s in selections]
        if not all(v.known for v in votes):
            continue
        tally.checked += 1
        added = sum(v.value or 0 for v in votes)
        if added > (valid.value or 0):
            yield Diagnostic(
                "C104",
                f"the votes for the {len(votes)} selection(s) at `{unit}` add up to {added}, more than valid_votes "
                f"({valid.value})",
                location=_where(results, valid),
                hint="every vote for a list or candidate is a valid vote: a vote count or valid_votes is wrong",
                finding=Finding(unit),
            )


def _shares_within_whole(results: Results, tally: Tally) -> Iterator[Diagnostic]:
    """Published shares of one unit are parts of one whole: they add up to at most 100%, give or take the
    rounding of each displayed figure (half a unit of its last decimal)."""
    for unit, shares in results.shares.items():
        tally.checked += 1
        total = sum((s.value for s in shares.values()), Fraction(0))
        slack = sum((s.rounding for s in shares.values()), Fraction(0))
        if total > 100 + slack:
            first = next(iter(shares.values()))
            yield Diagnostic(
                "C105",
                f"the {len(shares)} published shares at `{unit}` add up to {show(total, 6)}%, more than 100% "
                f"(their rounding allows at most {show(100 + slack, 6)}%)",
                location=first.location if first.location is not None else DataLocation(results.path),
                hint="a share is computed on the wrong base, or something is counted twice: shares of one "
                "whole cannot exceed it",
                finding=Finding(unit),
            )


def share_bases(law: Law) -> tuple[str, ...]:
    """The counts the law measures shares on (the bases of its thresholds, and of a run-off's share), in the
    order the rule file first names them."""
    found: list[str] = []
    for contest in law.contests:
        rules = [*contest.thresholds, *(r.threshold for r in contest.reserved)]
        rules += [x.threshold for x in (contest.adjustment, contest.bonus) if x is not None and x.threshold is not None]
        found += [rule.base for rule in rules]
        if contest.runoff is not None and contest.runoff.base is not None:
            found.append(contest.runoff.base)
    return tuple(name for name in dict.fromkeys(found) if name in law.counts)


def _positive(results: Results, unit: str, name: str) -> int | None:
    """A count of the unit that is published and not 0 (a share of nothing is not a share), else None."""
    figure = results.count(unit, name)
    return figure.value if figure.known and figure.value else None


def _matches(share: PublishedShare, votes: int, base: int) -> bool:
    """Whether 100 * votes / base, shown with the share's decimals, can be the share: it differs by at most
    half a unit of the last decimal (compared exactly)."""
    return abs(Fraction(100 * votes, base) - share.value) <= share.rounding


def _shares_match_votes(law: Law, results: Results, tally: Tally) -> Iterator[Diagnostic]:
    """A published share of a list with published votes is its votes over the count the law measures shares
    on (any of them, when it measures on several), within the share's rounding. A share whose base is not
    published is not checked. On a mismatch the message names every other published count of the unit (and
    the votes of its selections added up) that the share would match."""
    bases = share_bases(law)
    if not bases:
        return
    others = [name for name, count in law.counts.items() if not count.per_selection and name not in bases]
    for unit, shares in results.shares.items():
        published = {name: value for name in bases if (value := _positive(results, unit, name))}
        if not published:
            continue
        votes = {s: results.vote(unit, s) for s in results.selections(unit)}
        for selection, share in shares.items():
            figure = results.vote(unit, selection)
            if not figure.known or figure.value is None:
                continue
            tally.checked += 1
            if any(_matches(share, figure.value, base) for base in published.values()):
                continue
            yield _share_mismatch(results, unit, selection, share, figure.value, published, others, votes)


def _share_mismatch(
    results: Results,
    unit: str,
    selection: str,
    share: PublishedShare,
    votes: int,
    published: dict[str, int],
    others: list[str],
    every_vote: dict[str, Figure],
) -> Diagnostic:
    candidates = {name: value for name in others if (value := _positive(results, unit, name))}
    if every_vote and all(f.known for f in every_vote.values()) and any(f.value for f in every_vote.values()):
        candidates["the votes of all its selections"] = sum(f.value or 0 for f in every_vote.values())
    matched = [f"{name} ({value})" for name, value in candidates.items() if _matches(share, votes, value)]
    digits = share.decimals + 2
    measured = " or ".join(
        f"{show(Fraction(100 * votes, base), digits)}% of {name} ({base})" for name, base in published.items()
    )
    whole, part = divmod(int(share.value * 10**share.decimals), 10**share.decimals)
    shown = f"{whole}.{part:0{share.decimals}d}" if share.decimals else str(whole)
    instead = (
        f"it matches {' and '.join(matched)} instead" if matched else "it matches no other published count of the unit"
    )
    return Diagnostic(
        "C106",
        f"the share published for `{selection}` at `{unit}` is {shown}%, but its {votes} votes are {measured}, "
        f"more than its rounding to {share.decimals} decimal(s) allows ({show(share.rounding, 6)} points): {instead}",
        location=share.location if share.location is not None else DataLocation(results.path),
        hint="the share is computed on another base than the one the law measures, or from other figures: "
        "publish each list's votes over that base",
        finding=Finding(unit),
    )

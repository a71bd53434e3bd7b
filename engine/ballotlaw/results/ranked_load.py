"""Ranked ballots in a results file: a BLT file, a ballots CSV or a NIST cast vote record report is the
ballots of one unit (named by the file's name without its extension, at the level of the rule file's contests
of ranked ballots); the JSON results form gives a unit's ballots under `"ballots"` (docs/contracts.md, 8)."""

from __future__ import annotations

import os
from typing import Any

from ..diagnostics.diagnostic import DataLocation, Diagnostic
from ..errors import DataError
from ..methods.ranked.common import OVERVOTE, SKIP
from ..methods.ranked.rules import RANKED_RULES
from ..model import Law
from .ballots import MAX_RANKS, Ballots, Tally
from .load import _Builder
from .model import Results


def ranked_levels(law: Law) -> list[str]:
    """The levels of the law's contests elected by ranked ballots, in order."""
    levels: dict[str, None] = {}
    for contest in law.contests:
        if contest.elect_rule in RANKED_RULES:
            levels[contest.level] = None
    return list(levels)


def load_ballot_file(
    law: Law, path: str, sha256: str, ballots: Ballots | None, problems: list[Diagnostic]
) -> tuple[Results, tuple[Diagnostic, ...]]:
    """Results holding one unit's ballots read from a ballot file."""
    if ballots is None:
        raise DataError(tuple(problems))
    levels = ranked_levels(law)
    if len(levels) != 1:
        said = "no contest" if not levels else f"contests at {len(levels)} levels ({', '.join(levels)})"
        raise DataError(
            (
                Diagnostic(
                    code="D147",
                    message=f"a ballot file is the ballots of one unit; the rule file has {said} elected by ranked "
                    "ballots",
                    location=DataLocation(path),
                    hint='give the ballots of each unit in the JSON results form (`"ballots"` of each unit)',
                ),
            )
        )
    unit_id = os.path.splitext(os.path.basename(path))[0] or "ballots"
    builder = _Builder(law, path)
    where = DataLocation(path)
    builder.unit(unit_id, levels[0], None, ballots.title, where)
    _seats(builder, law, unit_id, ballots, where)
    builder.ballots[unit_id] = ballots
    return builder.finish(sha256)


def _seats(builder: _Builder, law: Law, unit_id: str, ballots: Ballots, where: DataLocation) -> None:
    if ballots.seats is None:
        return
    for contest in law.contests:
        wanted = contest.seats_in(unit_id) if contest.elect_rule in RANKED_RULES else None
        if wanted is not None and wanted != ballots.seats:
            builder.fail(
                "D146",
                where,
                f"the ballot file is for {ballots.seats} seat(s); the contest `{contest.id}` fills {wanted}",
                hint="the rule file's seats decide: correct the header of the ballot file",
            )


def json_ballots(builder: _Builder, unit_id: str, value: Any, pointer: str) -> None:
    """A unit's `"ballots"` in the JSON results form:
    `{"candidates": [...], "withdrawn": [...], "rankings": [{"count": N, "ranks": [name | null | [names]]}]}`."""
    path = builder.path
    if not ranked_levels(builder.law):
        builder.fail(
            "D147",
            DataLocation(path, pointer=pointer),
            "ranked ballots, but the rule file has no contest elected by ranked ballots",
            hint="give the votes of each candidate, or write `elect by instant runoff` (or STV) in the rule file",
        )
        return
    if not isinstance(value, dict) or not isinstance(value.get("rankings"), list):
        builder.fail("D145", DataLocation(path, pointer=pointer), '"ballots" needs "rankings", a list')
        return
    declared = value.get("candidates")
    if declared is not None and not (isinstance(declared, list) and all(isinstance(c, str) for c in declared)):
        builder.fail("D145", DataLocation(path, pointer=f"{pointer}/candidates"), '"candidates" is a list of names')
        return
    tally = Tally(path, declared)
    for i, entry in enumerate(value["rankings"]):
        at = f"{pointer}/rankings/{i}"
        count = entry.get("count") if isinstance(entry, dict) else None
        ranks = entry.get("ranks") if isinstance(entry, dict) else None
        if isinstance(count, bool) or not isinstance(count, int) or count <= 0:
            tally.fail("D142", DataLocation(path, pointer=f"{at}/count"), "a ranking needs a `count` from 1")
            continue
        if not isinstance(ranks, list) or len(ranks) > MAX_RANKS:
            tally.fail("D145", DataLocation(path, pointer=f"{at}/ranks"), f"`ranks` is a list of at most {MAX_RANKS}")
            continue
        ranking: list[int] = []
        for j, mark in enumerate(ranks):
            where = DataLocation(path, pointer=f"{at}/ranks/{j}")
            if mark is None:
                ranking.append(SKIP)
            elif isinstance(mark, str):
                found = tally.candidate(mark, where)
                if found is None:
                    break
                ranking.append(found)
            elif isinstance(mark, list) and len(mark) >= 2 and all(isinstance(m, str) for m in mark):
                if any(tally.candidate(m, where) is None for m in mark):
                    break
                ranking.append(OVERVOTE)
            else:
                tally.fail("D145", where, "a rank is a name, null (skipped) or a list of names (an overvote)")
                break
        else:
            tally.add(ranking, count, DataLocation(path, pointer=at))
    withdrawn: set[int] = set()
    listed = value.get("withdrawn") or []
    if not isinstance(listed, list):
        tally.fail("D145", DataLocation(path, pointer=f"{pointer}/withdrawn"), '"withdrawn" is a list of names')
        listed = []
    for j, name in enumerate(listed):
        found = (
            tally.candidate(name, DataLocation(path, pointer=f"{pointer}/withdrawn/{j}"))
            if isinstance(name, str)
            else None
        )
        if found is not None:
            withdrawn.add(found)
    problems = tally.finish()
    if problems:
        builder.problems.extend(problems)
        return
    if unit_id in builder.ballots:
        builder.fail("D107", DataLocation(path, pointer=pointer), f"the ballots of `{unit_id}` are given twice")
        return
    builder.ballots[unit_id] = Ballots(tuple(tally.candidates), tally.rankings, frozenset(withdrawn))

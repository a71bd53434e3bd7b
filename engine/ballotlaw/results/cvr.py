"""NIST SP 1500-103 cast vote records (the JSON form of the CVR schema): every `CVR` of the report is one ballot;
its ranked contest's selections with an indication give the ranking (`Rank` of each `SelectionPosition`, or of
the `CVRContestSelection`). The report is read as a stream (ijson): one record at a time is built and added to
the rankings, so a million records never are a million objects at once. A report with several ranked contests
is read for the one whose `Name` is the rule file's contest (its id or title); a report with one reads that one.
Candidates are named by `Candidate.Name` through the selections' `CandidateIds`."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any, ClassVar

from ..diagnostics.diagnostic import DataLocation, Diagnostic
from ..methods.ranked.common import OVERVOTE, SKIP
from ..methods.ranked.rules import RANKED_RULES
from ..model import Law
from .ballots import MAX_RANKS, Ballots, Tally

_CVR = re.compile(r'"@type"\s*:\s*"CVR\.CastVoteRecordReport"|"CVR"\s*:\s*\[')


def is_cvr(text: str) -> bool:
    """True for a cast vote record report (its type, or a `CVR` list)."""
    return _CVR.search(text) is not None


class _Once(dict[str, Any]):
    """An object of the stream; a key given twice is noted (the JSON forms refuse it: D107)."""

    repeated: ClassVar[list[str]] = []

    def __setitem__(self, key: str, value: Any) -> None:
        if key in self:
            self.repeated.append(key)
        super().__setitem__(key, value)


def _stream(data: bytes, prefix: str) -> Iterator[Any]:
    import ijson  # imported here: reading results must not load it otherwise

    return iter(ijson.items(io.BytesIO(data), prefix, map_type=_Once))


def read_cvr(law: Law, path: str, text: str) -> tuple[Ballots | None, list[Diagnostic]]:
    import ijson

    problems: list[Diagnostic] = []
    _Once.repeated = []
    data = text.encode("utf-8")  # bytes: a text stream would be held four bytes a character

    def fail(pointer: str, message: str, hint: str | None = None, code: str = "D145") -> tuple[None, list[Diagnostic]]:
        problems.append(Diagnostic(code=code, message=message, location=DataLocation(path, pointer=pointer), hint=hint))
        return None, problems

    try:
        elections = list(_stream(data, "Election.item"))
    except (ijson.JSONError, ValueError, SystemError) as error:
        return fail("", f"the cast vote record report cannot be read as JSON: {str(error)[:200]}")
    if _Once.repeated:
        return fail("/Election", f"the key `{_Once.repeated[0]}` is given twice in one object", code="D107")
    if not elections:
        return fail("", 'a cast vote record report needs "Election" and "CVR" lists')
    names: dict[str, str] = {}
    contests: dict[str, tuple[str, dict[str, str]]] = {}  # contest id -> (name, selection id -> candidate name)
    for e, election in enumerate(elections):
        if not isinstance(election, dict):
            return fail(f"/Election/{e}", "an election is an object")
        for c, candidate in enumerate(election.get("Candidate") or []):
            if not isinstance(candidate, dict) or not isinstance(candidate.get("@id"), str):
                return fail(f"/Election/{e}/Candidate/{c}", 'a candidate needs an "@id"')
            name = candidate.get("Name")
            names[candidate["@id"]] = name if isinstance(name, str) and name else candidate["@id"]
        for k, contest in enumerate(election.get("Contest") or []):
            if not isinstance(contest, dict) or not isinstance(contest.get("@id"), str):
                return fail(f"/Election/{e}/Contest/{k}", 'a contest needs an "@id"')
            selections: dict[str, str] = {}
            for s, selection in enumerate(contest.get("ContestSelection") or []):
                ids = selection.get("CandidateIds") if isinstance(selection, dict) else None
                if not isinstance(selection, dict) or not isinstance(selection.get("@id"), str):
                    return fail(f"/Election/{e}/Contest/{k}/ContestSelection/{s}", 'a selection needs an "@id"')
                if isinstance(ids, list) and len(ids) == 1 and isinstance(ids[0], str):
                    selections[selection["@id"]] = names.get(ids[0], ids[0])
            name = contest.get("Name")
            contests[contest["@id"]] = (name if isinstance(name, str) else contest["@id"], selections)
    wanted = _contest(law, contests)
    if wanted is None:
        listed = ", ".join(f"`{name}`" for name, _ in list(contests.values())[:10])
        return fail(
            "/Election",
            f"the report has {len(contests)} contests ({listed}); none is named as the rule file's ranked contest",
            hint="name the rule file's contest (its id or title) as the report's contest `Name`",
        )
    selections = contests[wanted][1]
    tally = Tally(path, sorted(set(selections.values()), key=list(selections.values()).index))
    _records(path, data, wanted, selections, tally)
    problems.extend(tally.finish())
    if problems:
        return None, problems
    return Ballots(tuple(tally.candidates), tally.rankings, title=contests[wanted][0]), []


def _records(path: str, data: bytes, wanted: str, selections: dict[str, str], tally: Tally) -> None:
    """Add every record of the stream to the tally, one at a time."""
    import ijson

    records = _stream(data, "CVR.item")
    i = -1
    while True:
        try:
            record = next(records, None)
        except (ijson.JSONError, ValueError, SystemError) as error:
            tally.fail("D145", DataLocation(path, pointer=f"/CVR/{i + 1}"), f"not JSON: {str(error)[:200]}")
            break
        if record is None:
            break
        i += 1
        if _Once.repeated:
            tally.fail("D107", DataLocation(path, pointer=f"/CVR/{i}"), f"the key `{_Once.repeated[0]}` is given twice")
            break
        read = _ranks(record, wanted, selections)
        if read is None:
            tally.fail("D145", DataLocation(path, pointer=f"/CVR/{i}"), "the record cannot be read as a ranking")
            continue
        on_ballot, ranks = read
        if not on_ballot:
            continue  # a ballot style without this contest
        top = max(ranks, default=0)
        if top > MAX_RANKS:
            tally.fail("D143", DataLocation(path, pointer=f"/CVR/{i}"), f"a rank above {MAX_RANKS}")
            continue
        ranking: list[int] = []
        for rank in range(1, top + 1):
            marked = ranks.get(rank, [])
            if not marked:
                ranking.append(SKIP)
            elif len(marked) > 1:
                ranking.append(OVERVOTE)
            else:
                found = tally.candidate(marked[0], DataLocation(path, pointer=f"/CVR/{i}"))
                ranking.append(found if found is not None else SKIP)
        tally.add(ranking, 1, DataLocation(path, pointer=f"/CVR/{i}"))


def _contest(law: Law, contests: dict[str, tuple[str, dict[str, str]]]) -> str | None:
    ranked = [c for c in law.contests if c.elect_rule in RANKED_RULES]
    wanted = {c.id for c in ranked} | {c.title for c in ranked}
    named = [key for key, (name, _) in contests.items() if name in wanted]
    if len(named) == 1:
        return named[0]
    return next(iter(contests)) if len(contests) == 1 else None


def _ranks(record: object, contest: str, selections: dict[str, str]) -> tuple[bool, dict[int, list[str]]] | None:
    """Whether the record's current snapshot (or its only one) has the contest, and rank -> the candidates
    marked at it (none: a blank ballot)."""
    if not isinstance(record, dict):
        return None
    snapshots = record.get("CVRSnapshot")
    if not isinstance(snapshots, list) or not snapshots:
        return None
    current = record.get("CurrentSnapshotId")
    snapshot = next((s for s in snapshots if isinstance(s, dict) and s.get("@id") == current), snapshots[0])
    if not isinstance(snapshot, dict):
        return None
    ranks: dict[int, list[str]] = {}
    present = False
    for entry in snapshot.get("CVRContest") or []:
        if not isinstance(entry, dict) or entry.get("ContestId") != contest:
            continue
        present = True
        for selection in entry.get("CVRContestSelection") or []:
            if not isinstance(selection, dict):
                return None
            name = selections.get(str(selection.get("ContestSelectionId")))
            if name is None:
                continue
            for position in selection.get("SelectionPosition") or []:
                if not isinstance(position, dict) or position.get("HasIndication", "yes") != "yes":
                    continue
                if position.get("IsAllocable", "yes") == "no":
                    continue
                rank = position.get("Rank", selection.get("Rank"))
                if isinstance(rank, bool) or not isinstance(rank, int) or rank < 1:
                    return None
                ranks.setdefault(rank, []).append(name)
    return present, ranks

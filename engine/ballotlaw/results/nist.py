"""NIST SP 1500-100 Election Results Reporting, JSON: read leniently (version 2, and the version 1 spellings),
write strictly (version 2). The format is the one of the NIST schema `NIST_V2_election_results_reporting.json`
(usnistgov/ElectionResultsReporting, branch version2); docs/contracts.md section 8 says what maps to what.

Reading, nothing is guessed: a reporting unit's `Type` (or `OtherType` when `Type` is `other`) must be a level
of the rule file; only `total` counts are read (a channel such as `early` is a part of a total, not a total);
a report with several elections or contests is refused rather than merged. Every problem names the file and
the JSON pointer of the record (in a version 1 report, the pointer of its version 2 form: `/GpUnit/0` for
`/GpUnitCollection/GpUnit/0`).
"""

from __future__ import annotations

import json
from typing import Any

from ..diagnostics.diagnostic import DataLocation, Diagnostic
from ..model import Law
from .load import _Builder
from .model import Results

# NIST unit fields and ballot counts, and the count names of the rule files they feed (when declared).
UNIT_COUNTS = {"VotersRegistered": "registered_voters", "VotersParticipated": "voters_took_part"}
BALLOT_COUNTS = {"BallotsCast": "ballots_cast", "BallotsRejected": "invalid_ballots"}
_V1 = {  # version 1 wrapper -> the version 2 list (and the wrapped item) of the same name
    "GpUnitCollection": "GpUnit",
    "PartyCollection": "Party",
    "PersonCollection": "Person",
    "OfficeCollection": "Office",
    "ContestCollection": "Contest",
    "CandidateCollection": "Candidate",
    "BallotStyleCollection": "BallotStyle",
    "VoteCountsCollection": "VoteCounts",
}


def is_nist(document: object) -> bool:
    """True for a NIST election report (version 2 `@type`, or the version 1 shape)."""
    if not isinstance(document, dict):
        return False
    kind = document.get("@type", "")
    return (isinstance(kind, str) and kind.startswith("ElectionResults.")) or (
        "Election" in document and ("GpUnit" in document or "GpUnitCollection" in document)
    )


def _plain(node: Any) -> Any:
    """Version 1 spellings as version 2: wrappers removed, `objectId`/`ObjectId` as `@id`, `BallotSelection`
    as `ContestSelection`, `SummaryCounts` as `BallotCounts`."""
    if isinstance(node, list):
        return [_plain(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for raw, value in node.items():
        key = str(raw)
        if key in _V1 and isinstance(value, dict):
            name = _V1[key]
            inner = value.get(name, [])
            out[name] = _plain(inner if isinstance(inner, list) else [inner])
            continue
        renamed = {"objectId": "@id", "ObjectId": "@id", "BallotSelection": "ContestSelection"}.get(key, key)
        out["BallotCounts" if renamed == "SummaryCounts" else renamed] = _plain(value)
    return out


def text_of(value: Any) -> str | None:
    """The first text of an InternationalizedText (or a plain string, as some producers write)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        texts = value.get("Text")
        if (
            isinstance(texts, list)
            and texts
            and isinstance(texts[0], dict)
            and isinstance(texts[0].get("Content"), str)
        ):
            return str(texts[0]["Content"])
    return None


def load_nist(law: Law, path: str, document: dict[str, Any], sha256: str) -> tuple[Results, tuple[Diagnostic, ...]]:
    report = _plain(document)
    builder = _Builder(law, path)

    def fail(pointer: str, message: str, hint: str | None = None, code: str = "D119") -> None:
        builder.fail(code, DataLocation(path, pointer=pointer), message, hint)

    units = _units(report, fail)
    parents: dict[str, str] = {}
    for unit_id, (pointer, unit) in units.items():
        for child in unit.get("ComposingGpUnitIds", []) or []:
            if child in parents and parents[child] != unit_id:
                fail(f"{pointer}/ComposingGpUnitIds", f"`{child}` is composed into `{parents[child]}` and `{unit_id}`")
            elif child not in units:
                fail(f"{pointer}/ComposingGpUnitIds", f"`{child}` is not a reporting unit of the report")
            parents[child] = unit_id
    known = ", ".join(f"`{n}`" for n in law.levels)
    for unit_id, (pointer, unit) in units.items():
        kind = unit.get("Type")
        level = unit.get("OtherType") if kind == "other" else kind
        if not isinstance(level, str) or level not in law.levels:
            fail(
                f"{pointer}/Type",
                f"the reporting unit `{unit_id}` has type `{level}`, not a level of the rule file",
                hint=f"levels: {known}; name the unit's level in `Type` (or `OtherType` with `Type: other`)",
                code="D105",
            )
            continue
        name = text_of(unit.get("Name"))
        builder.unit(unit_id, level, parents.get(unit_id), name, DataLocation(path, pointer=pointer))
    for unit_id, (pointer, unit) in units.items():
        if unit_id not in builder.units:
            continue
        for field, count in UNIT_COUNTS.items():
            if field in unit:
                _figure(builder, law, unit_id, count, "", unit[field], f"{pointer}/{field}")
        for i, counts in enumerate(unit.get("BallotCounts", []) or []):  # version 1: SummaryCounts of the unit
            if isinstance(counts, dict):
                counts = {"GpUnitId": unit_id} | counts
            _ballot_counts(builder, law, counts, f"{pointer}/SummaryCounts/{i}", fail)

    election = _single(report, "Election", "", fail)
    if election is None:
        return builder.finish(sha256)
    for i, counts in enumerate(election.get("BallotCounts", []) or []):
        _ballot_counts(builder, law, counts, f"/Election/0/BallotCounts/{i}", fail)
    contest = _single(election, "Contest", "/Election/0", fail)
    if contest is not None:
        names = _selection_names(report, election)
        for i, selection in enumerate(contest.get("ContestSelection", []) or []):
            pointer = f"/Election/0/Contest/0/ContestSelection/{i}"
            if not isinstance(selection, dict):
                fail(pointer, "a ContestSelection must be an object")
                continue
            refs = [selection.get(key) for key in ("PartyIds", "CandidateIds")]
            unknown = [str(i) for ids in refs if isinstance(ids, list) for i in ids if str(i) not in names]
            if unknown:
                fail(pointer, f"the selection refers to {', '.join(f'`{i}`' for i in unknown)}, not in the report")
                continue
            name = _selection_name(selection, names)
            if name is None:
                fail(pointer, "the selection names no party, candidate or option (and has no `@id`)")
                continue
            _vote_counts(builder, law, name, selection.get("VoteCounts", []) or [], pointer, fail)
    return builder.finish(sha256)


def _units(report: dict[str, Any], fail: Any) -> dict[str, tuple[str, dict[str, Any]]]:
    units: dict[str, tuple[str, dict[str, Any]]] = {}
    for i, unit in enumerate(report.get("GpUnit", []) or []):
        pointer = f"/GpUnit/{i}"
        if not isinstance(unit, dict):
            fail(pointer, "a GpUnit must be an object")
            continue
        if unit.get("@type") == "ElectionResults.ReportingDevice":
            continue  # a device is not a reporting unit; counts given at a device are refused below
        unit_id = unit.get("@id")
        if not isinstance(unit_id, str) or not unit_id:
            fail(pointer, "the reporting unit has no `@id`")
            continue
        if unit_id in units:
            fail(f"{pointer}/@id", f"the reporting unit `{unit_id}` is given twice", code="D107")
            continue
        units[unit_id] = (pointer, unit)
    if not units:
        fail("/GpUnit", "the report has no reporting unit")
    return units


def _single(parent: dict[str, Any], key: str, pointer: str, fail: Any) -> dict[str, Any] | None:
    items = parent.get(key, []) or []
    if not isinstance(items, list) or len(items) != 1 or not isinstance(items[0], dict):
        count = len(items) if isinstance(items, list) else 0
        fail(
            f"{pointer}/{key}",
            f"the report holds {count} {key.lower()}(s); ballotlaw reads one",
            hint=f"give one {key.lower()} per file (a report per contest)",
        )
        return None
    return items[0]


def _selection_names(report: dict[str, Any], election: dict[str, Any]) -> dict[str, str]:
    names: dict[str, str] = {}
    for party in report.get("Party", []) or []:
        if isinstance(party, dict) and isinstance(party.get("@id"), str):
            names[party["@id"]] = text_of(party.get("Name")) or party["@id"]
    for candidate in election.get("Candidate", []) or []:
        if isinstance(candidate, dict) and isinstance(candidate.get("@id"), str):
            names[candidate["@id"]] = text_of(candidate.get("BallotName")) or candidate["@id"]
    return names


def _selection_name(selection: dict[str, Any], names: dict[str, str]) -> str | None:
    for key in ("PartyIds", "CandidateIds"):
        ids = selection.get(key)
        if isinstance(ids, list) and ids:
            return " + ".join(names[str(i)] for i in ids)
    option = text_of(selection.get("Selection"))
    if option is not None:
        return option
    identifier = selection.get("@id")
    return identifier if isinstance(identifier, str) and identifier else None


def _vote_counts(builder: _Builder, law: Law, name: str, counts: list[Any], pointer: str, fail: Any) -> None:
    totals = set()
    channels: dict[str, list[str]] = {}
    for j, entry in enumerate(counts):
        where = f"{pointer}/VoteCounts/{j}"
        if not isinstance(entry, dict):
            fail(where, "a VoteCounts entry must be an object")
            continue
        unit = entry.get("GpUnitId")
        kind = entry.get("Type", "total")  # version 1 allowed it to be absent: the count is then the total
        if "Round" in entry and entry["Round"] not in (None, 1):
            fail(f"{where}/Round", "counts of later rounds are not read", hint="give the first-round counts")
            continue
        if kind != "total":
            channels.setdefault(str(unit), []).append(str(kind))
            continue
        if not isinstance(unit, str) or unit not in builder.units:
            fail(f"{where}/GpUnitId", f"`{unit}` is not a reporting unit of the report")
            continue
        totals.add(unit)
        _figure(builder, law, unit, "votes", name, entry.get("Count"), f"{where}/Count")
    for unit, kinds in channels.items():
        if unit not in totals:
            fail(
                f"{pointer}/VoteCounts",
                f"the votes of `{name}` at `{unit}` are given only by channel ({', '.join(sorted(set(kinds)))})",
                hint="give a `total` count: channels are parts of a total and are not added up by ballotlaw",
            )


def _ballot_counts(builder: _Builder, law: Law, entry: Any, pointer: str, fail: Any) -> None:
    if not isinstance(entry, dict):
        fail(pointer, "a BallotCounts entry must be an object")
        return
    unit = entry.get("GpUnitId")
    if not isinstance(unit, str) or unit not in builder.units:
        fail(f"{pointer}/GpUnitId", f"`{unit}` is not a reporting unit of the report")
        return
    kind = entry.get("Type", "total")
    if kind == "other" and isinstance(entry.get("OtherType"), str) and "BallotsCast" in entry:
        _figure(builder, law, unit, entry["OtherType"], "", entry["BallotsCast"], f"{pointer}/BallotsCast")
    elif kind == "total":
        for field, count in BALLOT_COUNTS.items():
            if field in entry:
                _figure(builder, law, unit, count, "", entry[field], f"{pointer}/{field}")


def _figure(builder: _Builder, law: Law, unit: str, count: str, selection: str, value: Any, pointer: str) -> None:
    """A NIST figure: read when the rule file declares the count on the unit's level (a figure the law does not
    use is left out, as a column a mapping does not name); a count must be a whole number."""
    declared = law.counts.get(count)
    if declared is None or builder.units[unit].level not in declared.levels:
        return
    where = DataLocation(builder.path, pointer=pointer)
    if isinstance(value, bool) or not isinstance(value, int | str) or (isinstance(value, str) and not value.isdigit()):
        builder.fail("D103", where, f"`{json.dumps(value)}` is not a count", hint="a count is a whole number")
        return
    builder.figure(unit, count, selection, str(value), where)


def parse_json_exactly(text: str) -> Any:
    """JSON with every non-integer number kept as its text, so no count ever passes through a float."""
    return json.loads(text, parse_float=str, parse_constant=str)

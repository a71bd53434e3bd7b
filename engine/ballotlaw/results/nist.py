"""NIST SP 1500-100 Election Results Reporting, JSON: read leniently (version 2, and the version 1 spellings),
write strictly (version 2). The format is the one of the NIST schema `NIST_V2_election_results_reporting.json`
(usnistgov/ElectionResultsReporting, branch version2); docs/contracts.md section 8 says what maps to what.

Reading, nothing is guessed: a reporting unit's `Type` (or `OtherType` when `Type` is `other`) must be a level
of the rule file; only `total` counts are read (a channel such as `early` is a part of a total, not a total);
a report with several elections or contests is refused rather than merged. Lenient in spelling, strict in
shape: every field read must have the type the schema gives it (a list, an object, a string, a text, a
number), every `@id` is the report's only one (a candidate with a party's `@id` would take its votes), and
`PartyIds` name parties, `CandidateIds` candidates. Every problem names the file and the JSON pointer of the
record (in a version 1 report, the pointer of its version 2 form: `/GpUnit/0` for `/GpUnitCollection/GpUnit/0`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from ..diagnostics.diagnostic import DataLocation, Diagnostic
from ..model import Law
from ..vocabulary import ATTRIBUTES
from .jsontext import Number, escape, quote
from .load import _Builder
from .model import Results

# NIST unit fields and ballot counts, and the count names of the rule files they feed (when declared).
UNIT_COUNTS = {"VotersRegistered": "registered_voters", "VotersParticipated": "voters_took_part"}
BALLOT_COUNTS = {"BallotsCast": "ballots_cast", "BallotsRejected": "invalid_ballots"}
ATTRIBUTE_TYPE = "ballotlaw:"  # the OtherType of an ExternalIdentifier carrying a selection attribute: + its name
_ATTRIBUTE_VALUE = re.compile(r"([0-9]+)(?: in (.+))?", re.DOTALL)
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

_RENAMED = {
    "objectId": "@id",
    "ObjectId": "@id",
    "BallotSelection": "ContestSelection",
    "SummaryCounts": "BallotCounts",
}


def is_nist(document: object) -> bool:
    """True for a NIST election report (version 2 `@type`, or the version 1 shape)."""
    if not isinstance(document, dict):
        return False
    kind = document.get("@type", "")
    return (isinstance(kind, str) and kind.startswith("ElectionResults.")) or (
        "Election" in document and ("GpUnit" in document or "GpUnitCollection" in document)
    )


Fail = Callable[..., None]


def _plain(node: Any, pointer: str, fail: Fail) -> Any:
    """Version 1 spellings as version 2: wrappers removed, `objectId`/`ObjectId` as `@id`, `BallotSelection`
    as `ContestSelection`, `SummaryCounts` as `BallotCounts`. Two spellings of one property in one object
    (`objectId` beside `@id`) are refused: which one is meant cannot be told."""
    if isinstance(node, list):
        return [
            _plain(item, f"{pointer}/{i}", fail) if isinstance(item, dict | list) else item
            for i, item in enumerate(node)
        ]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _V1 and isinstance(value, dict):
            name = _V1[key]
            inner = value.get(name, [])
            renamed, value = name, inner if isinstance(inner, list) else [inner]
        else:
            renamed = _RENAMED.get(str(key), str(key))
        if renamed in out:
            where = f"{pointer}/{escape(renamed)}"
            fail(where, f"`{renamed}` is given twice in one object (in two spellings)", code="D107")
            continue
        out[renamed] = _plain(value, f"{pointer}/{escape(renamed)}", fail) if isinstance(value, dict | list) else value
    return out


def _text(node: dict[str, Any], key: str, pointer: str, fail: Fail) -> str | None:
    """The text under `key`: absent or null is none; a string, or an InternationalizedText whose `Text` is a
    list of objects with a string `Content` (the first is read); any other shape is refused."""
    value = node.get(key)
    if value is None or isinstance(value, str):
        return value
    where = f"{pointer}/{key}"
    texts = value.get("Text") if isinstance(value, dict) else None
    if not isinstance(texts, list):
        fail(where, f"`{key}` must be a text (an InternationalizedText with a `Text` list), not {_kind(value)}")
        return None
    found: str | None = None
    for i, text in enumerate(texts):
        content = text.get("Content") if isinstance(text, dict) else None
        if not isinstance(content, str):
            fail(f"{where}/Text/{i}", "a LanguageString must be an object with a string `Content`")
            return None
        found = content if found is None else found
    return found


def _kind(value: Any) -> str:
    """What a JSON value is, for a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | Number):
        return f"the number {quote(value, 30)}"
    if isinstance(value, str):
        return f"the string {quote(value, 30)}"
    return "a list" if isinstance(value, list) else "an object"


def _items(node: dict[str, Any], key: str, pointer: str, fail: Fail) -> list[Any]:
    """The list under `key` (absent or null: empty); any other value is refused."""
    value = node.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        fail(f"{pointer}/{key}", f"`{key}` must be a list, not {_kind(value)}")
        return []
    return value


def _string(node: dict[str, Any], key: str, pointer: str, fail: Fail, default: str | None = None) -> str | None:
    """The string under `key` (absent or null: `default`); any other value is refused (None)."""
    value = node.get(key)
    if value is None:
        return default
    if not isinstance(value, str):
        fail(f"{pointer}/{key}", f"`{key}` must be a string, not {_kind(value)}")
        return None
    return value


def _objects(node: dict[str, Any], key: str, pointer: str, fail: Fail) -> Iterator[tuple[str, dict[str, Any]]]:
    """The objects of the list under `key`, each with its pointer; an item that is not an object is refused."""
    for i, item in enumerate(_items(node, key, pointer, fail)):
        where = f"{pointer}/{key}/{i}"
        if isinstance(item, dict):
            yield where, item
        else:
            fail(where, f"an item of `{key}` must be an object, not {_kind(item)}")


def _ids(report: dict[str, Any], fail: Fail) -> None:
    """Every `@id` of the report is a string that no other object of the report carries."""
    if _ids_unique(report):
        return
    seen: dict[str, str] = {}
    stack: list[tuple[Any, str]] = [(report, "")]
    while stack:
        node, pointer = stack.pop()
        if isinstance(node, list):
            stack.extend((item, f"{pointer}/{i}") for i, item in reversed(list(enumerate(node))))
            continue
        if not isinstance(node, dict):
            continue
        if "@id" in node:
            identifier = node["@id"]
            if not isinstance(identifier, str) or not identifier:
                fail(f"{pointer}/@id", f"`@id` must be a string that is not empty, not {_kind(identifier)}")
            elif identifier in seen:
                fail(
                    f"{pointer}/@id",
                    f"the `@id` `{identifier}` is given twice (first at {seen[identifier]})",
                    hint="every object of a report has its own `@id`",
                    code="D107",
                )
            else:
                seen[identifier] = pointer
        stack.extend((value, f"{pointer}/{escape(key)}") for key, value in reversed(node.items()))


def _ids_unique(report: dict[str, Any]) -> bool:
    """True when every `@id` is a string of its own (a quick walk of the containers; `_ids` then names none)."""
    seen: set[str] = set()
    level: list[Any] = [report]
    while level:
        below: list[Any] = []
        for node in level:
            if isinstance(node, dict) and "@id" in node:
                identifier = node["@id"]
                if not isinstance(identifier, str) or not identifier or identifier in seen:
                    return False
                seen.add(identifier)
            children = node.values() if isinstance(node, dict) else node
            below += [child for child in children if isinstance(child, dict | list)]
        level = below
    return True


def load_nist(law: Law, path: str, document: dict[str, Any], sha256: str) -> tuple[Results, tuple[Diagnostic, ...]]:
    builder = _Builder(law, path)

    def fail(pointer: str, message: str, hint: str | None = None, code: str = "D119") -> None:
        builder.fail(code, DataLocation(path, pointer=pointer), message, hint)

    report = _plain(document, "", fail)
    _ids(report, fail)
    units = _units(report, fail)
    parents: dict[str, str] = {}
    composed: dict[str, str] = {}  # the pointer naming each unit in its parent's ComposingGpUnitIds
    for unit_id, (pointer, unit) in units.items():
        for k, child in enumerate(_items(unit, "ComposingGpUnitIds", pointer, fail)):
            where = f"{pointer}/ComposingGpUnitIds/{k}"
            if not isinstance(child, str):
                fail(where, f"a unit id must be a string, not {_kind(child)}")
            elif child in parents and parents[child] != unit_id:
                fail(where, f"`{child}` is composed into `{parents[child]}` and `{unit_id}`")
            elif child not in units:
                fail(where, f"`{child}` is not a reporting unit of the report")
            else:
                parents[child] = unit_id
                composed.setdefault(child, where)
    known = ", ".join(f"`{n}`" for n in law.levels)
    for unit_id, (pointer, unit) in units.items():
        kind = _string(unit, "Type", pointer, fail, default="")
        level = _string(unit, "OtherType", pointer, fail, default="") if kind == "other" else kind
        name = _text(unit, "Name", pointer, fail)
        if level is None or kind is None:
            continue
        if level not in law.levels:
            fail(
                f"{pointer}/Type",
                f"the reporting unit `{unit_id}` has type `{level}`, not a level of the rule file",
                hint=f"levels: {known}; name the unit's level in `Type` (or `OtherType` with `Type: other`)",
                code="D105",
            )
            continue
        parent_at = DataLocation(path, pointer=composed.get(unit_id, pointer))
        builder.unit(unit_id, level, parents.get(unit_id), name, DataLocation(path, pointer=pointer), parent_at)
    for unit_id, (pointer, unit) in units.items():
        if unit_id not in builder.units:
            continue
        for field, count in UNIT_COUNTS.items():
            if field in unit:
                _figure(builder, law, unit_id, count, "", unit[field], f"{pointer}/{field}")
        for where, counts in _objects(unit, "BallotCounts", pointer, fail):  # version 1: SummaryCounts
            _ballot_counts(builder, law, {"GpUnitId": unit_id} | counts, where, fail)

    election = _single(report, "Election", "", fail)
    if election is None:
        return builder.finish(sha256)
    for where, counts in _objects(election, "BallotCounts", "/Election/0", fail):
        _ballot_counts(builder, law, counts, where, fail)
    parties = _names(report, "Party", "", "Name", fail)
    candidates = _names(election, "Candidate", "/Election/0", "BallotName", fail)
    attributes = _attributes(report, "Party", "", fail) | _attributes(election, "Candidate", "/Election/0", fail)
    scope = _string(election, "ElectionScopeId", "/Election/0", fail)
    contest = _single(election, "Contest", "/Election/0", fail)
    if contest is not None:
        for pointer, selection in _objects(contest, "ContestSelection", "/Election/0/Contest/0", fail):
            name = _selection_name(selection, pointer, parties, candidates, fail)
            if name is not None:
                _vote_counts(builder, law, name, selection, pointer, fail)
                ids = [*_items(selection, "PartyIds", pointer, fail), *_items(selection, "CandidateIds", pointer, fail)]
                _selection_attributes(builder, name, [attributes[i] for i in ids if i in attributes], scope, fail)
    return builder.finish(sha256)


Attribute = tuple[str, str, str]  # (attribute, value as written, pointer of the identifier)


def _attributes(parent: dict[str, Any], key: str, pointer: str, fail: Fail) -> dict[str, list[Attribute]]:
    """The selection attributes each party (or candidate) carries as ExternalIdentifiers of `Type: other` and
    `OtherType` `ballotlaw:NAME`, by its `@id`; other identifiers are not read."""
    found: dict[str, list[Attribute]] = {}
    for where, item in _objects(parent, key, pointer, fail):
        identifier = item.get("@id")
        for at, external in _objects(item, "ExternalIdentifier", where, fail):
            other = external.get("OtherType")
            if external.get("Type") != "other" or not isinstance(other, str) or not other.startswith(ATTRIBUTE_TYPE):
                continue
            name, value = other.removeprefix(ATTRIBUTE_TYPE), _string(external, "Value", at, fail)
            if name not in ATTRIBUTES:
                hint = f"one of {', '.join(ATTRIBUTES)}"
                fail(f"{at}/OtherType", f"`{quote(name, 40)}` is not a selection attribute", hint=hint)
            elif value is not None and isinstance(identifier, str):
                found.setdefault(identifier, []).append((name, value, at))
    return found


def _selection_attributes(
    builder: _Builder, name: str, carried: list[list[Attribute]], scope: str | None, fail: Fail
) -> None:
    """The attributes of the selection `name`, carried by its one party or candidate: the number, at the unit
    named after ` in ` or else at the report's scope (`ElectionScopeId`)."""
    if len(carried) > 1:
        fail(carried[1][0][2], f"`{name}` is a selection of several parties or candidates that carry attributes")
        return
    for attribute, value, at in carried[0] if carried else []:
        parsed = _ATTRIBUTE_VALUE.fullmatch(value)
        if parsed is None:
            fail(f"{at}/Value", f"`{quote(value, 40)}` is not a number, or a number `in` a unit")
            continue
        unit = parsed.group(2) or scope
        if unit not in builder.units:
            fail(f"{at}/Value", f"`{unit}` is not a reporting unit of the report")
            continue
        builder.attribute(unit, attribute, name, parsed.group(1), DataLocation(builder.path, pointer=f"{at}/Value"))


def _units(report: dict[str, Any], fail: Fail) -> dict[str, tuple[str, dict[str, Any]]]:
    """The reporting units by `@id` (a unit whose `@id` is missing or given before was named by `_ids`)."""
    units: dict[str, tuple[str, dict[str, Any]]] = {}
    for pointer, unit in _objects(report, "GpUnit", "", fail):
        if unit.get("@type") == "ElectionResults.ReportingDevice":
            continue  # a device is not a reporting unit; counts given at a device are refused below
        unit_id = unit.get("@id")
        if "@id" not in unit:
            fail(pointer, "the reporting unit has no `@id`")
        elif isinstance(unit_id, str) and unit_id and unit_id not in units:
            units[unit_id] = (pointer, unit)
    if not units:
        fail("/GpUnit", "the report has no reporting unit")
    return units


def _single(parent: dict[str, Any], key: str, pointer: str, fail: Fail) -> dict[str, Any] | None:
    items = _items(parent, key, pointer, fail)
    if len(items) != 1 or not isinstance(items[0], dict):
        what = f"{len(items)} {key.lower()}(s)" if len(items) != 1 else f"{_kind(items[0])} as its {key.lower()}"
        fail(
            f"{pointer}/{key}" if len(items) != 1 else f"{pointer}/{key}/0",
            f"the report holds {what}; ballotlaw reads one {key.lower()} object",
            hint=f"give one {key.lower()} per file (a report per contest)",
        )
        return None
    return items[0]  # type: ignore[no-any-return]


def _names(parent: dict[str, Any], key: str, pointer: str, field: str, fail: Fail) -> dict[str, str]:
    """The name of each party (or candidate) by its `@id` (the `@id` itself when it has no name)."""
    names: dict[str, str] = {}
    for where, item in _objects(parent, key, pointer, fail):
        identifier = item.get("@id")
        name = _text(item, field, where, fail)
        if isinstance(identifier, str) and identifier:
            names[identifier] = name or identifier
    return names


def _selection_name(
    selection: dict[str, Any], pointer: str, parties: dict[str, str], candidates: dict[str, str], fail: Fail
) -> str | None:
    """The name of a selection: its parties' or candidates' names, else its option's text, else its `@id`."""
    named: list[str] = []
    for key, known, what in (("PartyIds", parties, "party"), ("CandidateIds", candidates, "candidate")):
        ids = _items(selection, key, pointer, fail)
        if not ids:
            continue
        wrong = [i for i in ids if not isinstance(i, str)]
        unknown = [i for i in ids if isinstance(i, str) and i not in known]
        if wrong:
            fail(f"{pointer}/{key}", f"`{key}` must list ids (strings), not {_kind(wrong[0])}")
        elif unknown:
            listed = ", ".join(f"`{i}`" for i in unknown)
            fail(pointer, f"the selection refers to {listed}, not a {what} of the report")
        elif not named:
            named = [known[i] for i in ids]
        if wrong or unknown:
            return None
    option = _text(selection, "Selection", pointer, fail)
    if named:
        return " + ".join(named)
    if option is not None:
        return option
    identifier = selection.get("@id")
    if isinstance(identifier, str) and identifier:
        return identifier
    fail(pointer, "the selection names no party, candidate or option (and has no `@id`)")
    return None


def _vote_counts(builder: _Builder, law: Law, name: str, selection: dict[str, Any], pointer: str, fail: Fail) -> None:
    totals = set()
    channels: dict[str, list[str]] = {}
    for where, entry in _objects(selection, "VoteCounts", pointer, fail):
        unit = _unit_id(entry, where, fail)
        kind = _string(entry, "Type", where, fail, default="total")  # version 1: absent means the total
        round_ = entry.get("Round")
        if round_ is not None and (isinstance(round_, bool) or not isinstance(round_, int | Number)):
            fail(f"{where}/Round", f"`Round` must be a whole number, not {_kind(round_)}")
            continue
        if round_ is not None and round_ != 1:
            fail(f"{where}/Round", "counts of later rounds are not read", hint="give the first-round counts")
            continue
        if unit is None or kind is None:
            continue
        if kind != "total":
            channels.setdefault(unit, []).append(kind)
            continue
        if unit not in builder.units:
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


def _unit_id(entry: dict[str, Any], pointer: str, fail: Fail) -> str | None:
    """The `GpUnitId` of a count: a string (else refused, as counts of no unit are)."""
    if entry.get("GpUnitId") is None:
        fail(f"{pointer}/GpUnitId", "the counts name no reporting unit (`GpUnitId`)")
        return None
    return _string(entry, "GpUnitId", pointer, fail)


def _ballot_counts(builder: _Builder, law: Law, entry: dict[str, Any], pointer: str, fail: Fail) -> None:
    unit = _unit_id(entry, pointer, fail)
    kind = _string(entry, "Type", pointer, fail, default="total")
    if unit is None or kind is None:
        return
    if unit not in builder.units:
        fail(f"{pointer}/GpUnitId", f"`{unit}` is not a reporting unit of the report")
        return
    if kind == "other":
        other = _string(entry, "OtherType", pointer, fail)
        if other is not None and "BallotsCast" in entry:
            _figure(builder, law, unit, other, "", entry["BallotsCast"], f"{pointer}/BallotsCast")
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
    digits = isinstance(value, str) and value.isascii() and value.isdigit()
    if not (digits or isinstance(value, Number) or (isinstance(value, int) and not isinstance(value, bool))):
        builder.fail("D103", where, f"`{quote(value)}` is not a count", hint="a count is a whole number")
        return
    builder.figure(unit, count, selection, str(value), where)

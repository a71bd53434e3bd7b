"""Write results as a NIST SP 1500-100 version 2 election report (JSON), strictly: every object carries the
properties the NIST schema requires and no other, every enumerated value is one of the schema's, and
`strict_problems` checks the document against those rules before anything is written.

What NIST cannot say is reported, never dropped silently: a figure `not published` has no NIST form and is
left out with a warning; the protocol lines NIST has no field for are `BallotCounts` of `Type: other` with the
count's name as `OtherType` (their value in `BallotsCast`), and the attributes of a selection (ballot number,
coalition members, ...) are `ExternalIdentifier`s of its party or candidate, of `Type: other` with `OtherType`
`ballotlaw:NAME` and `Value` the number (`N in UNIT` at a unit other than the report's scope); the reader
(nist.py) reads both back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from attrs import frozen

from .. import __version__
from ..diagnostics.diagnostic import DataLocation, Diagnostic
from ..errors import UsageError
from ..model import Law
from .model import Results
from .nist import ATTRIBUTE_TYPE, UNIT_COUNTS

REPORTING_UNIT_TYPES = frozenset(
    "ballot-batch ballot-style-area borough city city-council combined-precinct congressional country county "
    "county-council drop-box judicial municipality other polling-place precinct school special split-precinct "
    "state state-house state-senate town township utility village vote-center ward water".split()
)
ELECTION_TYPES = frozenset("general other partisan-primary-closed partisan-primary-open primary runoff special".split())
RESULTS_STATUSES = frozenset("certified correction pre-election recount unofficial-complete unofficial-partial".split())
_DATE_TIME = re.compile(
    r"^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
    r"(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$"
)
_DATE = re.compile(r"^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$")

# The properties each object may carry (required first), as the NIST version 2 schema has them, restricted
# to those this writer uses; `strict_problems` refuses any other.
_ALLOWED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ElectionReport": (
        (
            *("@type", "Format", "GeneratedDate", "Issuer", "IssuerAbbreviation", "SequenceEnd", "SequenceStart"),
            *("Status", "VendorApplicationId"),
        ),
        ("Election", "GpUnit", "Party", "Notes"),
    ),
    "ReportingUnit": (("@id", "@type", "Type"), ("OtherType", "Name", "ComposingGpUnitIds", *UNIT_COUNTS)),
    "Election": (
        ("@type", "ElectionScopeId", "EndDate", "Name", "StartDate", "Type"),
        ("Contest", "Candidate", "BallotCounts"),
    ),
    "PartyContest": (("@id", "@type", "ElectionDistrictId", "Name"), ("ContestSelection",)),
    "CandidateContest": (("@id", "@type", "ElectionDistrictId", "Name", "VotesAllowed"), ("ContestSelection",)),
    "PartySelection": (("@id", "@type", "PartyIds"), ("VoteCounts",)),
    "CandidateSelection": (("@id", "@type"), ("CandidateIds", "VoteCounts")),
    "Party": (("@id", "@type", "Name"), ("ExternalIdentifier",)),
    "Candidate": (("@id", "@type", "BallotName"), ("ExternalIdentifier",)),
    "ExternalIdentifier": (("@type", "Type", "Value"), ("OtherType",)),
    "VoteCounts": (("@type", "Count", "GpUnitId", "Type"), ()),
    "BallotCounts": (("@type", "GpUnitId", "Type"), ("OtherType", "BallotsCast")),
    "InternationalizedText": (("@type", "Text"), ()),
    "LanguageString": (("@type", "Content", "Language"), ()),
}


@frozen
class ReportMeta:
    """What a NIST report states that results files do not: given by the commission, never invented."""

    issuer: str
    issuer_abbreviation: str
    status: str
    generated: str  # date and time with a zone, e.g. 2021-12-15T18:00:00+06:00
    language: str = "en"
    election_type: str = "general"
    election_date: str | None = None  # the law's polling day when not given

    def problems(self, law: Law) -> list[str]:
        found = []
        if self.status not in RESULTS_STATUSES:
            found.append(f"--status `{self.status}`: one of {', '.join(sorted(RESULTS_STATUSES))}")
        if not _DATE_TIME.match(self.generated):
            found.append(f"--generated `{self.generated}`: a date and time with a zone, e.g. 2021-12-15T18:00:00Z")
        if self.election_type not in ELECTION_TYPES:
            found.append(f"--election-type `{self.election_type}`: one of {', '.join(sorted(ELECTION_TYPES))}")
        date = self.election_date or law.polling_day
        if date is None or not _DATE.match(date):
            found.append("--election-date YYYY-MM-DD is needed: the rule file gives no polling day")
        if not self.issuer or not self.issuer_abbreviation:
            found.append("--issuer and --issuer-abbreviation name the body that issues the report")
        return found


def _text(content: str, language: str) -> dict[str, Any]:
    string = {"@type": "ElectionResults.LanguageString", "Content": content, "Language": language}
    return {"@type": "ElectionResults.InternationalizedText", "Text": [string]}


def to_nist(law: Law, results: Results, meta: ReportMeta) -> tuple[dict[str, Any], tuple[Diagnostic, ...]]:
    """The report, and a warning for each figure it cannot carry."""
    problems = meta.problems(law)
    roots = [u.id for u in results.units.values() if u.parent is None]
    if len(roots) != 1:
        problems.append(f"a NIST report has one election scope; the results have {len(roots)} top unit(s)")
    if problems:
        raise UsageError("; ".join(problems))
    warnings: list[Diagnostic] = []
    children: dict[str, list[str]] = {}
    for unit in results.units.values():
        if unit.parent is not None:
            children.setdefault(unit.parent, []).append(unit.id)

    def left_out(unit: str, what: str) -> None:
        warnings.append(
            Diagnostic(
                "W102",
                f"{what} at `{unit}` is not published: a NIST report has no way to say so, and leaves it out",
                location=DataLocation(results.path),
            )
        )

    units = []
    ballot_counts = []
    for unit in results.units.values():
        entry: dict[str, Any] = {"@id": unit.id, "@type": "ElectionResults.ReportingUnit"}
        if unit.level in REPORTING_UNIT_TYPES and unit.level != "other":
            entry["Type"] = unit.level
        else:
            entry["Type"], entry["OtherType"] = "other", unit.level
        if unit.name:
            entry["Name"] = _text(unit.name, meta.language)
        if unit.id in children:
            entry["ComposingGpUnitIds"] = children[unit.id]
        for field, count in UNIT_COUNTS.items():
            figure = results.count(unit.id, count)
            if figure.known:
                entry[field] = figure.value
            elif (unit.id, count) in results.counts:
                left_out(unit.id, count)
        units.append(entry)
        for (unit_id, count), figure in results.counts.items():
            if unit_id != unit.id or count in UNIT_COUNTS.values():
                continue
            if not figure.known:
                left_out(unit.id, count)
                continue
            ballot_counts.append(
                {
                    "@type": "ElectionResults.BallotCounts",
                    "GpUnitId": unit.id,
                    "Type": "other",
                    "OtherType": count,
                    "BallotsCast": figure.value,
                }
            )
    selections = _selections(results, left_out)
    lists = any(c.competitors == "lists" for c in law.contests) or not law.contests
    used = set(results.units)  # every @id of a report is its own: generated ids step around the units'
    contest_id = _fresh(law.contests[0].id if law.contests else "contest", used)
    contest: dict[str, Any] = {
        "@id": contest_id,
        "@type": "ElectionResults.PartyContest" if lists else "ElectionResults.CandidateContest",
        "ElectionDistrictId": roots[0],
        "Name": law.contests[0].title if law.contests else law.title,
    }
    if not lists:
        contest["VotesAllowed"] = 1
    parties: list[dict[str, Any]] = []
    candidates: list[dict[str, Any]] = []
    contest_selections: list[dict[str, Any]] = []
    for n, name in enumerate(selections, start=1):
        counts: list[dict[str, Any]] = []
        for unit_id in results.units:
            figure = results.vote(unit_id, name)
            if figure.known:
                counts.append(
                    {"@type": "ElectionResults.VoteCounts", "Count": figure.value, "GpUnitId": unit_id, "Type": "total"}
                )
            elif name in results.votes.get(unit_id, {}):
                left_out(unit_id, f"the votes of {name}")
        chosen, selection_id = _fresh(f"{'party' if lists else 'candidate'}-{n}", used), _fresh(f"selection-{n}", used)
        identifiers = _identifiers(results, name, roots[0], warnings)
        if lists:
            party = {"@id": chosen, "@type": "ElectionResults.Party", "Name": _text(name, meta.language)}
            parties.append(party | ({"ExternalIdentifier": identifiers} if identifiers else {}))
            selection: dict[str, Any] = {
                "@id": selection_id,
                "@type": "ElectionResults.PartySelection",
                "PartyIds": [chosen],
            }
        else:
            ballot_name = _text(name, meta.language)
            candidate = {"@id": chosen, "@type": "ElectionResults.Candidate", "BallotName": ballot_name}
            candidates.append(candidate | ({"ExternalIdentifier": identifiers} if identifiers else {}))
            selection = {
                "@id": selection_id,
                "@type": "ElectionResults.CandidateSelection",
                "CandidateIds": [chosen],
            }
        selection["VoteCounts"] = counts
        contest_selections.append(selection)
    contest["ContestSelection"] = contest_selections
    date = meta.election_date or law.polling_day
    election: dict[str, Any] = {
        "@type": "ElectionResults.Election",
        "ElectionScopeId": roots[0],
        "StartDate": date,
        "EndDate": date,
        "Name": _text(law.title, meta.language),
        "Type": meta.election_type,
        "Contest": [contest],
    }
    if candidates:
        election["Candidate"] = candidates
    if ballot_counts:
        election["BallotCounts"] = ballot_counts
    report: dict[str, Any] = {
        "@type": "ElectionResults.ElectionReport",
        "Format": "precinct-level" if len(results.units) > 1 else "summary-contest",
        "GeneratedDate": meta.generated,
        "Issuer": meta.issuer,
        "IssuerAbbreviation": meta.issuer_abbreviation,
        "SequenceStart": 1,
        "SequenceEnd": 1,
        "Status": meta.status,
        "VendorApplicationId": f"ballotlaw {__version__}",
        "GpUnit": units,
        "Election": [election],
    }
    if parties:
        report["Party"] = parties
    found = strict_problems(report)
    assert not found, f"the NIST writer broke its own schema rules: {found}"
    return report, tuple(warnings)


def _selections(results: Results, left_out: Callable[[str, str], None]) -> list[str]:
    """The selections of the report: those with votes, and those with attributes only (their votes given for
    every selection, `*`, whose figure is left out where it is not published)."""
    for unit_id, figure in results.every_selection.items():
        if not figure.known:
            left_out(unit_id, "the votes of every selection")
    named = [s for u in results.units for s in results.selections(u)]
    return list(dict.fromkeys([*named, *(s for _, s in results.attributes)]))


def _identifiers(results: Results, name: str, scope: str, warnings: list[Diagnostic]) -> list[dict[str, Any]]:
    """The attributes of the selection `name` as ExternalIdentifiers (docs/contracts.md section 8). An attribute
    at a unit where the selection's votes are not published is left out with them (the reader would refuse an
    attribute of a selection without votes there), and said in a warning."""
    found: list[dict[str, Any]] = []
    for (unit_id, selection), attributes in results.attributes.items():
        if selection != name:
            continue
        if not results.vote(unit_id, name).known:
            warnings.append(
                Diagnostic(
                    "W102",
                    f"the attributes of `{name}` at `{unit_id}` ({', '.join(attributes)}) belong to votes a NIST "
                    "report does not carry there, and are left out",
                    location=DataLocation(results.path),
                )
            )
            continue
        where = "" if unit_id == scope else f" in {unit_id}"
        found += [
            {
                "@type": "ElectionResults.ExternalIdentifier",
                "Type": "other",
                "OtherType": f"{ATTRIBUTE_TYPE}{attribute}",
                "Value": f"{value}{where}",
            }
            for attribute, value in attributes.items()
        ]
    return found


def _fresh(base: str, used: set[str]) -> str:
    """`base`, or `base-2`, `base-3`, ... : the first that no other object of the report has (it is then used)."""
    chosen, n = base, 1
    while chosen in used:
        n += 1
        chosen = f"{base}-{n}"
    used.add(chosen)
    return chosen


def strict_problems(node: Any, pointer: str = "") -> list[str]:
    """Every way `node` departs from the schema rules in _ALLOWED (required, allowed, integer counts)."""
    found: list[str] = []
    if isinstance(node, list):
        for i, item in enumerate(node):
            found += strict_problems(item, f"{pointer}/{i}")
        return found
    if not isinstance(node, dict):
        return found
    kind = str(node.get("@type", "")).removeprefix("ElectionResults.")
    if kind not in _ALLOWED:
        return [f"{pointer}: unknown @type `{node.get('@type')}`"]
    required, optional = _ALLOWED[kind]
    found += [f"{pointer}: `{key}` is required" for key in required if key not in node]
    found += [f"{pointer}: `{key}` is not a property of {kind}" for key in node if key not in (*required, *optional)]
    for key in ("Count", "BallotsCast", *UNIT_COUNTS, "SequenceStart", "SequenceEnd", "VotesAllowed"):
        if key in node and (isinstance(node[key], bool) or not isinstance(node[key], int) or node[key] < 0):
            found.append(f"{pointer}/{key}: a non-negative whole number")
    if kind == "ReportingUnit" and node.get("Type") not in REPORTING_UNIT_TYPES:
        found.append(f"{pointer}/Type: not a ReportingUnitType")
    for key, value in node.items():
        if isinstance(value, dict | list):
            found += strict_problems(value, f"{pointer}/{key}")
    return found

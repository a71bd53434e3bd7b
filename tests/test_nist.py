"""NIST SP 1500-100 election reports: written strictly (version 2), read leniently (version 2 and the
version 1 spellings); what one writes the other reads back; every refusal names file and JSON pointer."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ballotlaw.api import load_law, load_law_text
from ballotlaw.cli import main
from ballotlaw.errors import DataError, UsageError
from ballotlaw.results.load import load_results
from ballotlaw.results.nist_write import ReportMeta, strict_problems, to_nist

ROOT = Path(__file__).resolve().parent.parent
KG_RULES = str(ROOT / "rules" / "kg" / "jogorku-kenesh-2021.rules")
KG_RESULTS = str(ROOT / "data" / "kg" / "2021" / "results.csv")
META = ReportMeta("Central Commission for Elections and Referendums", "CEC", "certified", "2021-12-15T18:00:00+06:00")

RULES = """\
ballotlaw 1
election "NIST test"
  jurisdiction "Testland"
  law "Act on tests"   [act]
  polling day 2024-05-05
end
source act "Act on tests" "https://example.org/act"
level state   [act]
level county   [act]
count registered_voters "voters on the list" on state, county   [act Art. 1]
count voters_took_part "voters who took part" on state, county   [act Art. 1]
count invalid_ballots "invalid ballots" on state, county   [act Art. 1]
votes "votes for each list" on state, county   [act Art. 1]
"""


def _text(value: str) -> dict[str, Any]:
    return {
        "@type": "ElectionResults.InternationalizedText",
        "Text": [{"@type": "ElectionResults.LanguageString", "Content": value, "Language": "en"}],
    }


EARLY = {"@type": "ElectionResults.VoteCounts", "GpUnitId": "c1", "Type": "early", "Count": 9}


def _v2() -> dict[str, Any]:
    """A small version 2 report: a state of two counties, two parties."""

    def counts(pairs: list[tuple[str, int]]) -> list[dict[str, Any]]:
        return [{"@type": "ElectionResults.VoteCounts", "GpUnitId": u, "Type": "total", "Count": n} for u, n in pairs]

    def unit(uid: str, kind: str, registered: int, took: int, children: list[str] | None = None) -> dict[str, Any]:
        entry = {
            "@id": uid,
            "@type": "ElectionResults.ReportingUnit",
            "Type": kind,
            "Name": _text(uid),
            "VotersRegistered": registered,
            "VotersParticipated": took,
        }
        return entry | ({"ComposingGpUnitIds": children} if children else {})

    return {
        "@type": "ElectionResults.ElectionReport",
        "GpUnit": [
            unit("st", "state", 300, 200, ["c1", "c2"]),
            unit("c1", "county", 100, 80),
            unit("c2", "county", 200, 120),
        ],
        "Party": [
            {"@id": "p1", "@type": "ElectionResults.Party", "Name": _text("Blue")},
            {"@id": "p2", "@type": "ElectionResults.Party", "Name": _text("Green")},
        ],
        "Election": [
            {
                "@type": "ElectionResults.Election",
                "BallotCounts": [
                    {"@type": "ElectionResults.BallotCounts", "GpUnitId": u, "Type": "total", "BallotsRejected": n}
                    for u, n in [("st", 10), ("c1", 4), ("c2", 6)]
                ],
                "Contest": [
                    {
                        "@id": "c",
                        "@type": "ElectionResults.PartyContest",
                        "Name": "House",
                        "ElectionDistrictId": "st",
                        "ContestSelection": [
                            {
                                "@id": "s1",
                                "@type": "ElectionResults.PartySelection",
                                "PartyIds": ["p1"],
                                "VoteCounts": counts([("st", 120), ("c1", 50), ("c2", 70)]),
                            },
                            {
                                "@id": "s2",
                                "@type": "ElectionResults.PartySelection",
                                "PartyIds": ["p2"],
                                "VoteCounts": [*counts([("st", 70), ("c1", 26), ("c2", 44)]), EARLY],
                            },
                        ],
                    }
                ],
            }
        ],
    }


def _v1() -> dict[str, Any]:
    """The same report in the version 1 spellings: wrappers, objectId, BallotSelection, SummaryCounts."""
    v2 = _v2()
    units = []
    for unit in v2["GpUnit"]:
        entry = {("objectId" if k == "@id" else k): v for k, v in unit.items()}
        entry["SummaryCounts"] = [c for c in v2["Election"][0]["BallotCounts"] if c["GpUnitId"] == unit["@id"]]
        units.append(entry)
    contest = v2["Election"][0]["Contest"][0]
    selections = [
        {
            "objectId": s["@id"],
            "@type": s["@type"],
            "PartyIds": s["PartyIds"],
            "VoteCountsCollection": {
                "VoteCounts": [
                    {k: v for k, v in c.items() if k != "Type" or v != "total"}
                    for c in s["VoteCounts"]
                    if c["Type"] == "total"
                ]
            },
        }
        for s in contest["ContestSelection"]
    ]
    return {
        "GpUnitCollection": {"GpUnit": units},
        "PartyCollection": {"Party": [{"objectId": p["@id"], "Name": p["Name"]} for p in v2["Party"]]},
        "Election": [
            {"ContestCollection": {"Contest": [{"objectId": "c", "Name": "House", "BallotSelection": selections}]}}
        ],
    }


def _load(tmp_path: Path, document: dict[str, Any]) -> Any:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    law, _ = load_law_text(RULES, "law.rules")
    return load_results(law, str(path))[0]


def _figures(results: Any) -> tuple[Any, ...]:
    units = sorted((u.id, u.level, u.parent) for u in results.units.values())
    counts = sorted((k, f.value) for k, f in results.counts.items() if f.known)
    votes = sorted((u, s, f.value) for u, table in results.votes.items() for s, f in table.items() if f.known)
    return units, counts, votes


def test_a_version_2_report_is_read(tmp_path: Path) -> None:
    units, counts, votes = _figures(_load(tmp_path, _v2()))
    assert units == [("c1", "county", "st"), ("c2", "county", "st"), ("st", "state", None)]
    assert (("c1", "invalid_ballots"), 4) in counts and (("st", "registered_voters"), 300) in counts
    assert ("c1", "Green", 26) in votes  # the total; the `early` channel is a part of it and not read


def test_the_version_1_spellings_give_the_same_results(tmp_path: Path) -> None:
    assert _figures(_load(tmp_path, _v1())) == _figures(_load(tmp_path, _v2()))


def test_what_is_written_reads_back(tmp_path: Path) -> None:
    law, _ = load_law(KG_RULES)
    results, _ = load_results(law, KG_RESULTS)
    document, left_out = to_nist(law, results, META)
    assert strict_problems(document) == []
    assert {d.code for d in left_out} == {"W102"}  # every `not published` figure, named
    path = tmp_path / "kg.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert _figures(load_results(law, str(path))[0]) == _figures(results)


def test_the_writer_is_deterministic() -> None:
    law, _ = load_law(KG_RULES)
    results, _ = load_results(law, KG_RESULTS)
    assert to_nist(law, results, META)[0] == to_nist(law, results, META)[0]


def test_the_strict_rules_catch_a_stray_or_missing_property() -> None:
    law, _ = load_law(KG_RULES)
    document, _ = to_nist(law, load_results(law, KG_RESULTS)[0], META)
    stray = copy.deepcopy(document)
    stray["GpUnit"][0]["Population"] = 5
    assert strict_problems(stray) == ["/GpUnit/0: `Population` is not a property of ReportingUnit"]
    missing = copy.deepcopy(document)
    del missing["Election"][0]["StartDate"]
    assert strict_problems(missing) == ["/Election/0: `StartDate` is required"]


@pytest.mark.parametrize(
    ("change", "code", "pointer"),
    [
        (lambda d: d["GpUnit"][1].update(Type="ward"), "D105", "/GpUnit/1/Type"),
        (lambda d: d["GpUnit"].append(copy.deepcopy(d["GpUnit"][1])), "D107", "/GpUnit/3/@id"),
        (lambda d: d["Election"][0]["Contest"].append({"@id": "x"}), "D119", "/Election/0/Contest"),
        (
            lambda d: d["Election"][0]["Contest"][0]["ContestSelection"][0]["VoteCounts"][1].update(Count=50.5),
            "D103",
            "/Election/0/Contest/0/ContestSelection/0/VoteCounts/1/Count",
        ),
        (
            lambda d: d["Election"][0]["Contest"][0]["ContestSelection"][0]["VoteCounts"][1].update(Type="early"),
            "D119",
            "/Election/0/Contest/0/ContestSelection/0/VoteCounts",
        ),
        (
            lambda d: d["Election"][0]["Contest"][0]["ContestSelection"][0]["VoteCounts"][1].update(GpUnitId="zz"),
            "D119",
            "/Election/0/Contest/0/ContestSelection/0/VoteCounts/1/GpUnitId",
        ),
        (lambda d: d["GpUnit"][1].update(ComposingGpUnitIds=["c2"]), "D119", "/GpUnit/1/ComposingGpUnitIds/0"),
        (lambda d: d["GpUnit"][1].update(VotersRegistered=-3), "D103", "/GpUnit/1/VotersRegistered"),
        (
            lambda d: d["Election"][0]["Contest"][0]["ContestSelection"][1].update(PartyIds=["p9"]),
            "D119",
            "/Election/0/Contest/0/ContestSelection/1",
        ),
    ],
)
def test_a_report_that_cannot_be_read_names_the_record(change: Any, code: str, pointer: str, tmp_path: Path) -> None:
    document = _v2()
    change(document)
    with pytest.raises(DataError) as refused:
        _load(tmp_path, document)
    assert (code, pointer) in [(d.code, d.location.pointer) for d in refused.value.diagnostics]  # type: ignore[union-attr]


def test_the_report_states_only_what_the_commission_gives(tmp_path: Path) -> None:
    law, _ = load_law(KG_RULES)
    results, _ = load_results(law, KG_RESULTS)
    with pytest.raises(UsageError, match="--status `final`"):
        to_nist(law, results, ReportMeta("CEC", "CEC", "final", "2021-12-15T18:00:00Z"))
    with pytest.raises(UsageError, match="--generated"):
        to_nist(law, results, ReportMeta("CEC", "CEC", "certified", "15 Dec 2021"))
    target = tmp_path / "out.json"
    refused = CliRunner().invoke(main, ["convert", KG_RULES, KG_RESULTS, "--to", "nist", "-o", str(target)])
    assert refused.exit_code == 2 and not target.exists()  # nothing half-written
    written = CliRunner().invoke(
        main,
        [
            "convert",
            KG_RULES,
            KG_RESULTS,
            "--to",
            "nist",
            "-o",
            str(target),
            "--issuer",
            "CEC",
            "--issuer-abbreviation",
            "CEC",
            "--status",
            "certified",
            "--generated",
            "2021-12-15T18:00:00+06:00",
        ],
    )
    assert written.exit_code == 0, written.output
    assert json.loads(target.read_text(encoding="utf-8"))["Election"][0]["StartDate"] == "2021-11-28"

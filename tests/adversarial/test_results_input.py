"""Regression tests of the results readers (issue 12): impossible unit trees, duplicate JSON keys, NIST shapes
and ids, numbers and nesting beyond what Python converts, mappings that read one column twice, positions of
diagnostics and the range of selection attributes. Each is refused with its code and its place (file, row and
column, or JSON pointer), exit 1, never exit 3.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ballotlaw.api import load_law, load_law_text
from ballotlaw.errors import DataError
from ballotlaw.results.load import load_results
from ballotlaw.results.nist_write import ReportMeta, to_nist
from conftest import Ran, run_cli

RULES = """\
ballotlaw 1
election "Results input tests"
  jurisdiction "Testland"
  law "Act on tests"   [act]
  polling day 2024-05-05
end
source act "Act on tests" "https://example.org/act"
level country: 1 units   [act Art. 1]
level state: 2 units   [act Art. 2]
level county   [act Art. 3]
count voters_took_part "voters who took part" on country, state, county   [act Art. 4]
votes "votes for each list" on country, state, county   [act Art. 4]
contest house "A house of 10 seats"
  lists compete in the country   [act Art. 5]
  seats 10   [act Art. 5]
  allocate by hare quota and largest remainders   [act Art. 5]
  ties broken by lot   [act Art. 5]
  valid at any turnout   [act Art. 5]
end
"""
HEADER = "level,unit,parent,count,selection,value,source\n"
CLEAN = HEADER + (
    "country,C,,voters_took_part,,100,\n"
    "country,C,,votes,A,60,\n"
    "country,C,,votes,B,40,\n"
    "state,S1,C,voters_took_part,,50,\n"
    "state,S1,C,votes,A,30,\n"
    "state,S1,C,votes,B,20,\n"
    "state,S2,C,voters_took_part,,50,\n"
    "state,S2,C,votes,A,30,\n"
    "state,S2,C,votes,B,20,\n"
)
BIG = "9" * 5000  # beyond Python's limit of int() on text (4,300 digits)
MAPPING = {
    "format": "ballotlaw.mapping",
    "version": 1,
    "level": "state",
    "unit": "state",
    "counts": {"voters_took_part": "took_part"},
    "votes": {"A": "list_a", "B": "list_b"},
}
WIDE = "state,took_part,list_a,list_b\nS1,50,30,20\nS2,50,30,20\n"


def _write(folder: Path, name: str, content: str | bytes) -> str:
    path = folder / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return str(path)


def _rules(folder: Path) -> str:
    return _write(folder, "law.rules", RULES)


def _run(folder: Path, name: str, content: str | bytes, *more: str, verb: str = "run") -> Ran:
    return run_cli(verb, _rules(folder), _write(folder, name, content), *more)


def _refused_at(ran: Ran, code: str, where: str) -> None:
    """Refused with exit 1, and `code` reported at `where` (`file:row:column` or `file:pointer`)."""
    assert ran.refused(code, 1), f"exit {ran.code}\n{ran.stdout[-2000:]}\n{ran.stderr[-2000:]}"
    assert f"{where}: error[{code} " in ran.stderr, ran.stderr[-2000:]


def _results(unit_list: list[dict[str, Any]]) -> str:
    return json.dumps({"format": "ballotlaw.results", "version": 1, "units": unit_list})


def _text(value: str) -> dict[str, Any]:
    return {"@type": "ElectionResults.InternationalizedText", "Text": [{"Content": value, "Language": "en"}]}


def _report() -> dict[str, Any]:
    """A NIST version 2 report of a country of two states and two parties."""

    def unit(uid: str, kind: str, took: int, children: list[str] | None = None) -> dict[str, Any]:
        entry = {"@id": uid, "@type": "ElectionResults.ReportingUnit", "Type": kind, "VotersParticipated": took}
        return entry | ({"ComposingGpUnitIds": children} if children else {})

    def counts(pairs: list[tuple[str, int]]) -> list[dict[str, Any]]:
        return [{"@type": "ElectionResults.VoteCounts", "GpUnitId": u, "Type": "total", "Count": n} for u, n in pairs]

    return {
        "@type": "ElectionResults.ElectionReport",
        "GpUnit": [unit("C", "country", 100, ["S1", "S2"]), unit("S1", "state", 50), unit("S2", "state", 50)],
        "Party": [
            {"@id": "pa", "@type": "ElectionResults.Party", "Name": _text("A")},
            {"@id": "pb", "@type": "ElectionResults.Party", "Name": _text("B")},
        ],
        "Election": [
            {
                "@type": "ElectionResults.Election",
                "Contest": [
                    {
                        "@id": "house",
                        "@type": "ElectionResults.PartyContest",
                        "ContestSelection": [
                            {
                                "@id": "sa",
                                "@type": "ElectionResults.PartySelection",
                                "PartyIds": ["pa"],
                                "VoteCounts": counts([("C", 60), ("S1", 30), ("S2", 30)]),
                            },
                            {
                                "@id": "sb",
                                "@type": "ElectionResults.PartySelection",
                                "PartyIds": ["pb"],
                                "VoteCounts": counts([("C", 40), ("S1", 20), ("S2", 20)]),
                            },
                        ],
                    }
                ],
            }
        ],
    }


SELECTION = "/Election/0/Contest/0/ContestSelection/0"


def test_the_clean_inputs_are_accepted(tmp_path: Path) -> None:
    """The inputs the cases below spoil are themselves accepted, in every form."""
    assert run_cli("run", _rules(tmp_path), _write(tmp_path, "r.csv", CLEAN)).code == 0
    assert run_cli("run", _rules(tmp_path), _write(tmp_path, "r.json", json.dumps(_report()))).code == 0
    mapping = _write(tmp_path, "m.json", json.dumps(MAPPING))
    for verb in ("run", "validate"):
        assert run_cli(verb, _rules(tmp_path), _write(tmp_path, "w.csv", WIDE), "--mapping", mapping).code == 0


# ---- defect 2: impossible unit trees ------------------------------------------------------------------------


def test_two_units_of_a_level_declared_to_have_one(tmp_path: Path) -> None:
    """Defect 2: two countries under `level country: 1 units` are refused (they each received the full house)."""
    data = CLEAN + "country,C2,,voters_took_part,,100,\ncountry,C2,,votes,A,60,\n"
    ran = _run(tmp_path, "r.csv", data)
    _refused_at(ran, "D122", f"{tmp_path / 'r.csv'}:11:level")
    assert "`C`, `C2`" in ran.stderr and "seats" not in ran.stdout


def test_more_units_than_declared_in_a_wide_csv_read_by_columns(tmp_path: Path) -> None:
    """Defect 2: the column reader of `validate --mapping` leaves a file with too many units to the row reader,
    which names the first unit too many."""
    mapping = _write(tmp_path, "m.json", json.dumps(MAPPING))
    ran = _run(tmp_path, "w.csv", WIDE + "S3,50,30,20\n", "--mapping", mapping, verb="validate")
    _refused_at(ran, "D122", f"{tmp_path / 'w.csv'}:4:state")


def test_units_that_are_each_others_parent(tmp_path: Path) -> None:
    """Defect 2: two units that are each other's parent are a cycle, named at the first one's parent field."""
    data = HEADER + "state,S1,S2,votes,A,30,\nstate,S2,S1,votes,A,30,\ncountry,C,,votes,A,60,\n"
    ran = _run(tmp_path, "r.csv", data)
    _refused_at(ran, "D121", f"{tmp_path / 'r.csv'}:2:parent")
    assert "`S1` lies in `S2`, `S2` lies in `S1`" in ran.stderr


def test_a_root_that_is_its_own_parent(tmp_path: Path) -> None:
    """Defect 2: a unit that is its own parent (in the JSON form: pointer of its `parent`)."""
    data = _results([{"id": "C", "level": "country", "parent": "C", "votes": {"A": 60, "B": 40}}])
    ran = _run(tmp_path, "r.json", data)
    _refused_at(ran, "D121", f"{tmp_path / 'r.json'}:/units/0/parent")
    assert "`C` is its own parent" in ran.stderr


def test_a_cycle_in_composing_gp_unit_ids(tmp_path: Path) -> None:
    """Defect 2: NIST units composed of each other, named at the ComposingGpUnitIds entry that closes it."""
    report = _report()
    report["GpUnit"][1]["ComposingGpUnitIds"] = ["C"]
    ran = _run(tmp_path, "r.json", json.dumps(report))
    _refused_at(ran, "D121", f"{tmp_path / 'r.json'}:/GpUnit/1/ComposingGpUnitIds/0")
    assert "`C` lies in `S1`, `S1` lies in `C`" in ran.stderr


def test_a_parent_of_the_same_level(tmp_path: Path) -> None:
    """Defect 2: a state inside another state is not a tree the rule file's levels allow."""
    data = CLEAN.replace("state,S2,C,", "state,S2,S1,")
    ran = _run(tmp_path, "r.csv", data)
    _refused_at(ran, "D123", f"{tmp_path / 'r.csv'}:8:parent")


# ---- defect 3: duplicate keys in JSON ----------------------------------------------------------------------


def test_a_duplicate_key_in_json_results(tmp_path: Path) -> None:
    """Defect 3: `"A": 400, "A": 40` no longer gives A 40 votes: it is refused at the key's pointer."""
    text = '{"format": "ballotlaw.results", "version": 1, "units": [{"id": "C", "level": "country", '
    text += '"votes": {"A": 400, "B": 100, "A": 40}}]}'
    _refused_at(_run(tmp_path, "r.json", text), "D107", f"{tmp_path / 'r.json'}:/units/0/votes/A")


def test_a_duplicate_key_in_a_nist_report(tmp_path: Path) -> None:
    """Defect 3: a NIST count given twice in one object."""
    text = json.dumps(_report()).replace('"Count": 60', '"Count": 6, "Count": 60', 1)
    _refused_at(_run(tmp_path, "r.json", text), "D107", f"{tmp_path / 'r.json'}:{SELECTION}/VoteCounts/0/Count")


def test_a_duplicate_key_in_a_mapping(tmp_path: Path) -> None:
    """Defect 3: a mapping that names its level twice is a mapping error at the key's pointer."""
    text = json.dumps(MAPPING).replace('"level": "state"', '"level": "country", "level": "state"')
    mapping = _write(tmp_path, "m.json", text)
    ran = _run(tmp_path, "w.csv", WIDE, "--mapping", mapping)
    _refused_at(ran, "D118", f"{mapping}:/level")


# ---- defect 4: NIST ids and shapes --------------------------------------------------------------------------


def test_a_candidate_id_equal_to_a_party_id(tmp_path: Path) -> None:
    """Defect 4: a Candidate whose `@id` is a Party's no longer takes the party's votes: ids are unique."""
    report = _report()
    report["Election"][0]["Candidate"] = [{"@id": "pa", "@type": "ElectionResults.Candidate", "BallotName": "X"}]
    ran = _run(tmp_path, "r.json", json.dumps(report))
    _refused_at(ran, "D107", f"{tmp_path / 'r.json'}:/Election/0/Candidate/0/@id")
    assert "first at /Party/0" in ran.stderr


def test_candidate_ids_name_candidates_not_parties(tmp_path: Path) -> None:
    """Defect 4: `CandidateIds` that name a party refer to no candidate of the report."""
    report = _report()
    report["Election"][0]["Contest"][0]["ContestSelection"][0] = {
        "@id": "sa",
        "CandidateIds": ["pa"],
        "VoteCounts": report["Election"][0]["Contest"][0]["ContestSelection"][0]["VoteCounts"],
    }
    _refused_at(_run(tmp_path, "r.json", json.dumps(report)), "D119", f"{tmp_path / 'r.json'}:{SELECTION}")


@pytest.mark.parametrize(
    ("pointer", "value", "where"),
    [
        ("/Party", 5, "/Party"),
        ("/GpUnit", {"@id": "C"}, "/GpUnit"),
        ("/GpUnit/0/ComposingGpUnitIds", "S1", "/GpUnit/0/ComposingGpUnitIds"),
        ("/GpUnit/0/ComposingGpUnitIds/0", ["S1"], "/GpUnit/0/ComposingGpUnitIds/0"),
        (f"{SELECTION}/VoteCounts", {"Count": 1}, f"{SELECTION}/VoteCounts"),
        (f"{SELECTION}/PartyIds", "pa", f"{SELECTION}/PartyIds"),
        (f"{SELECTION}/VoteCounts/0/Type", 7, f"{SELECTION}/VoteCounts/0/Type"),
        ("/GpUnit/1/Type", ["state"], "/GpUnit/1/Type"),
        ("/Party/0/Name", 7, "/Party/0/Name"),
        ("/Election/0/Contest", "house", "/Election/0/Contest"),
    ],
)
def test_a_nist_field_of_the_wrong_type(pointer: str, value: object, where: str, tmp_path: Path) -> None:
    """Defect 4: a field of the wrong type (`"Party": 5`) is D119 at its pointer, not an internal error."""
    report = _report()
    _set(report, pointer, value)
    _refused_at(_run(tmp_path, "r.json", json.dumps(report)), "D119", f"{tmp_path / 'r.json'}:{where}")


def _set(document: Any, pointer: str, value: object) -> None:
    *path, last = [int(p) if p.isdigit() else p for p in pointer.strip("/").split("/")]
    node = document
    for key in path:
        node = node[key]
    node[last] = value


def _pointers(node: Any, pointer: str = "") -> Iterator[str]:
    if pointer:
        yield pointer
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, value in items:
        yield from _pointers(value, f"{pointer}/{key}")


def test_every_nist_field_of_every_wrong_type_is_a_data_error(tmp_path: Path) -> None:
    """Defect 4: each field of a report replaced by a value of each JSON type is read or refused with
    positioned diagnostics; nothing else (no TypeError, no exit 3)."""
    law, _ = load_law_text(RULES, "law.rules")
    path = tmp_path / "r.json"
    report = _report()
    tried = 0
    wrong: tuple[object, ...] = (5, "x", None, [], {}, [5], True, 1.5, [{}])  # a value of each JSON type
    for pointer in _pointers(report):
        for value in wrong:
            changed = copy.deepcopy(report)
            _set(changed, pointer, value)
            path.write_text(json.dumps(changed), encoding="utf-8")
            tried += 1
            try:
                load_results(law, str(path))
            except DataError as refused:
                located = [d.location for d in refused.diagnostics]
                assert all(at is not None and at.pointer is not None for at in located), (pointer, value)
    assert tried > 500


# ---- defect 8: numbers, nesting and text Python cannot take as they are ---------------------------------------


def test_a_count_of_5000_digits_in_csv(tmp_path: Path) -> None:
    """Defect 8: a count longer than Python converts is out of range (D104) at its row and field."""
    _refused_at(_run(tmp_path, "r.csv", CLEAN.replace(",60,", f",{BIG},")), "D104", f"{tmp_path / 'r.csv'}:3:value")


def test_a_count_of_5000_digits_in_json(tmp_path: Path) -> None:
    """Defect 8: the same in the JSON form, at its pointer."""
    text = _results([{"id": "C", "level": "country", "votes": {"A": 60}}]).replace("60", BIG)
    _refused_at(_run(tmp_path, "r.json", text), "D104", f"{tmp_path / 'r.json'}:/units/0/votes/A")


def test_a_count_of_5000_digits_in_a_nist_report(tmp_path: Path) -> None:
    """Defect 8: the same in a NIST report."""
    text = json.dumps(_report()).replace('"Count": 60', f'"Count": {BIG}', 1)
    _refused_at(_run(tmp_path, "r.json", text), "D104", f"{tmp_path / 'r.json'}:{SELECTION}/VoteCounts/0/Count")


def test_a_count_of_5000_digits_in_a_wide_csv(tmp_path: Path) -> None:
    """Defect 8: the same in a wide CSV, at its row and column, through both readers of `validate`."""
    mapping = _write(tmp_path, "m.json", json.dumps(MAPPING))
    for verb in ("run", "validate"):
        ran = _run(tmp_path, "w.csv", WIDE.replace("S2,50", f"S2,{BIG}"), "--mapping", mapping, verb=verb)
        _refused_at(ran, "D104", f"{tmp_path / 'w.csv'}:3:took_part")


def test_a_number_of_5000_digits_in_a_mapping(tmp_path: Path) -> None:
    """Defect 8: a mapping whose version has 5000 digits is a mapping error, not an internal error."""
    mapping = _write(tmp_path, "m.json", json.dumps(MAPPING).replace('"version": 1', f'"version": {BIG}'))
    ran = _run(tmp_path, "w.csv", WIDE, "--mapping", mapping)
    assert ran.refused("D118", 1), ran.stderr


def test_json_nested_2000_deep(tmp_path: Path) -> None:
    """Defect 8: nesting that exhausts Python's recursion is refused at the line and column where it passes the
    bound."""
    text = '{"format": "ballotlaw.results", "version": 1, "deep": ' + "[" * 2000 + "]" * 2000 + ', "units": []}'
    column = len('{"format": "ballotlaw.results", "version": 1, "deep": ') + 64
    _refused_at(_run(tmp_path, "r.json", text), "D113", f"{tmp_path / 'r.json'}:1:column {column}")


def test_a_nist_report_nested_600_deep(tmp_path: Path) -> None:
    """Defect 8: nesting Python parses but cannot walk is refused at the pointer where it passes the bound."""
    report = _report()
    report["Notes"] = json.loads("[" * 600 + "]" * 600)
    ran = _run(tmp_path, "r.json", json.dumps(report))
    _refused_at(ran, "D113", f"{tmp_path / 'r.json'}:/Notes" + "/0" * 63)


@pytest.mark.parametrize(
    ("old", "new", "pointer"),
    [
        ('"B": 40', '"B": 40, "\\ud800": 1', "/units/0/votes/\\ud800"),
        ('"id": "C"', '"id": "C\\udfff"', "/units/0/id"),
    ],
)
def test_a_lone_surrogate_in_json(old: str, new: str, pointer: str, tmp_path: Path) -> None:
    """Defect 8: a lone surrogate (which cannot be printed or written as UTF-8) is refused at its pointer."""
    text = _results([{"id": "C", "level": "country", "votes": {"A": 60, "B": 40}}]).replace(old, new)
    ran = _run(tmp_path, "r.json", text)
    _refused_at(ran, "D113", f"{tmp_path / 'r.json'}:{pointer}")


# ---- defect 13: a mapping that reads one column twice ----------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        (lambda m: m["votes"].update(B="list_a"), "/votes/B"),
        (lambda m: m["counts"].update(valid_votes="took_part"), "/counts/valid_votes"),
        (lambda m: m["counts"].update(voters_took_part="state"), "/counts/voters_took_part"),
    ],
)
def test_a_mapping_that_reads_one_column_twice(change: Any, pointer: str, tmp_path: Path) -> None:
    """Defect 13: two lists (or two counts, or a count and the unit) read from one column are a mapping error."""
    mapping = copy.deepcopy(MAPPING)
    change(mapping)
    path = _write(tmp_path, "m.json", json.dumps(mapping))
    _refused_at(_run(tmp_path, "w.csv", WIDE, "--mapping", path), "D118", f"{path}:{pointer}")


# ---- defect 16: where a diagnostic points ------------------------------------------------------------------------


def test_a_byte_that_is_not_utf8_is_named_by_line_and_column(tmp_path: Path) -> None:
    """Defect 16: D101 gives the line and column of the first byte that is not UTF-8."""
    data = CLEAN.encode().replace(b"votes,B,40", b"votes,\xffB,40")
    _refused_at(_run(tmp_path, "r.csv", data), "D101", f"{tmp_path / 'r.csv'}:4:column 18")


def test_a_csv_that_cannot_be_read_is_named_by_row(tmp_path: Path) -> None:
    """Defect 16: a CSV the reader stops on (a quote in the middle of a field) names its row."""
    data = CLEAN.replace("country,C,,votes,B,40,", 'country,C,,votes,"B"x,40,')
    _refused_at(_run(tmp_path, "r.csv", data), "D101", f"{tmp_path / 'r.csv'}:4")


def test_a_duplicate_wide_header_is_named_at_its_second_column(tmp_path: Path) -> None:
    """Defect 16: a wide-CSV header naming a column twice is D102 at the second occurrence (not D114 on every
    row)."""
    mapping = _write(tmp_path, "m.json", json.dumps(MAPPING))
    wide = "state,took_part,list_a,list_b,list_a\nS1,50,30,20,1\nS2,50,30,20,1\n"
    ran = _run(tmp_path, "w.csv", wide, "--mapping", mapping)
    _refused_at(ran, "D102", f"{tmp_path / 'w.csv'}:1:column 5")
    assert "D114" not in ran.stderr


def test_a_json_number_is_quoted_as_written(tmp_path: Path) -> None:
    """Defect 16: `8e1` is quoted as `8e1`, not as the float `80.0`."""
    text = _results([{"id": "C", "level": "country", "votes": {"A": 60}}]).replace("60", "8e1")
    ran = _run(tmp_path, "r.json", text)
    _refused_at(ran, "D103", f"{tmp_path / 'r.json'}:/units/0/votes/A")
    assert "`8e1`" in ran.stderr and "80.0" not in ran.stderr


def test_a_pointer_escapes_slash_and_tilde(tmp_path: Path) -> None:
    """Defect 16: a key with `/` or `~` is one step of the JSON pointer (RFC 6901: `~1`, `~0`)."""
    text = _results([{"id": "C", "level": "country", "votes": {"A/B~": -1}}])
    _refused_at(_run(tmp_path, "r.json", text), "D103", f"{tmp_path / 'r.json'}:/units/0/votes/A~1B~0")


# ---- defect 19: the range of selection attributes ----------------------------------------------------------------


def test_an_attribute_of_10_to_the_30_in_csv(tmp_path: Path) -> None:
    """Defect 19: `ballot_number` 10^30 is out of the contracts' range (D112)."""
    data = CLEAN + f"country,C,,ballot_number,A,{10**30},\n"
    _refused_at(_run(tmp_path, "r.csv", data), "D112", f"{tmp_path / 'r.csv'}:11:value")


@pytest.mark.parametrize("value", [str(2**63), BIG])
def test_an_attribute_beyond_the_range_in_json(value: str, tmp_path: Path) -> None:
    """Defect 19: the same in the JSON form (and of 5000 digits), at the attribute's pointer."""
    unit = {"id": "C", "level": "country", "votes": {"A": 60}, "selections": {"A": {"registration_order": 7}}}
    text = _results([unit]).replace('"registration_order": 7', f'"registration_order": {value}')
    pointer = "/units/0/selections/A/registration_order"
    _refused_at(_run(tmp_path, "r.json", text), "D112", f"{tmp_path / 'r.json'}:{pointer}")


def test_the_largest_attribute_is_accepted(tmp_path: Path) -> None:
    """Defect 19: 2^63 - 1 itself is in range."""
    law, _ = load_law_text(RULES, "law.rules")
    path = _write(tmp_path, "r.csv", CLEAN + f"country,C,,ballot_number,A,{2**63 - 1},\n")
    assert load_results(law, path)[0].attribute("C", "A", "ballot_number") == 2**63 - 1


# ---- what the NIST writer writes, the reader reads back -------------------------------------------------------


def test_the_nist_writer_gives_every_object_its_own_id(tmp_path: Path) -> None:
    """Units named like the writer's own ids (`party-1`, `selection-1`, the contest's) keep every `@id` of the
    report unique, so that the report reads back."""
    law, _ = load_law_text(RULES, "law.rules")
    data = CLEAN.replace(",S1,", ",party-1,").replace(",S2,", ",selection-1,").replace(",C,", ",house,")
    results, _ = load_results(law, _write(tmp_path, "r.csv", data))
    meta = ReportMeta("Commission", "CEC", "certified", "2024-05-06T12:00:00Z")
    report, _ = to_nist(law, results, meta)
    ids = [pointer for pointer in _pointers(report) if pointer.endswith("/@id")]
    values = [_get(report, pointer) for pointer in ids]
    assert len(values) == len(set(values)), values
    path = _write(tmp_path, "r.json", json.dumps(report))
    again, _ = load_results(law, path)
    assert sorted(again.units) == sorted(results.units)


def _get(document: Any, pointer: str) -> Any:
    node = document
    for key in pointer.strip("/").split("/"):
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node


def test_the_shipped_example_still_reads(tmp_path: Path) -> None:
    """The wide example of docs/ reads as before (its mapping names each column once)."""
    root = Path(__file__).resolve().parent.parent.parent
    law, _ = load_law(str(root / "rules" / "ru" / "state-duma-precinct-protocol-2018.rules"))
    examples = root / "docs" / "examples"
    results, _ = load_results(
        law, str(examples / "ru-precinct-protocols-wide.csv"), str(examples / "ru-precinct-mapping.json")
    )
    assert len(results.units) == 3

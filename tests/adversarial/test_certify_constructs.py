"""Certificates of the constructs added with issue 14 (issue 15, follow-ups): each has a witness the independent
checker re-decides, or an explicit `not re-checked`, and a forged witness is rejected.

Defect 1: a threshold with an alternative share was witnessed as two plain thresholds (the checker failed a right
outcome). Defect 2: a seat a rounded quota handed out too many, taken back by the law's tie rule, was composed as
a lot. Defect 3: the multiplier of minority lists below a share was applied to every minority list. Defect 4: a
tie under a limit of seats per gender was `malformed`. Defect 5: Armenia's opposition seats and the conditional
stable majority had no witness. Defect 6: a count of ranked ballots with a tie for an exclusion had no witness,
and one by Meek's method or with another tie said so only step by step.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from test_gender_limit import LAW as GENDER_LAW
from test_gender_limit import _results as gender_results
from test_law_constructs import HB_ROUNDED, SERBIA, law, results
from test_threshold_alternative import LAW as EITHER_LAW
from test_threshold_alternative import ROWS, _csv

from ballotlaw.api import load_law
from ballotlaw.certify.build import build, seal
from ballotlaw.certify.witness import Witnesses
from ballotlaw.evaluate import evaluate
from ballotlaw.examples import results_of
from ballotlaw.recheck import FORMAT, VERSION, Report, check_certificate
from ballotlaw.render.jsonform import outcome_json, trace_json
from conftest import ROOT, run_cli
from test_majorities import OPPOSITION
from test_majorities import _files as opposition_files
from test_majorities import _votes as opposition_votes

Document = dict[str, Any]


def _document(rules: str, data: str) -> Document:
    certificate, _warnings = build(rules, data, accept=True)
    document: Document = json.loads(certificate.data)
    return document


def _check(document: Document) -> Report:
    return check_certificate(seal(document).data)


def _forged(document: Document, change: Callable[[Document], None]) -> list[str]:
    """The failures of the certificate changed by `change` and sealed again (only the checker can tell)."""
    forged = json.loads(json.dumps(document))
    change(forged)
    assert forged != document
    return _check(forged).failures


def _example(rules: Path, example: str) -> Document:
    law_, _warnings = load_law(str(rules))
    block = next(e for e in law_.examples if e.id.text == example)
    data, _problems = results_of(law_, block)
    assert data is not None
    outcome = evaluate(law_, data)
    witnesses, steps = Witnesses(law_, data, outcome).build()
    document = {"format": FORMAT, "version": VERSION, "outcome": json.loads(outcome_json(outcome))}
    document |= {"trace": json.loads(trace_json(outcome)), "witnesses": witnesses, "steps": steps}
    found: Document = json.loads(seal(document).data)
    return found


def _witnesses(document: Document, kind: str, **where: object) -> list[dict[str, Any]]:
    return [w for w in document["witnesses"] if w["type"] == kind and all(w.get(k) == v for k, v in where.items())]


def _stage(document: Document, kind: str) -> dict[str, Any]:
    found: dict[str, Any] = next(
        s for w in _witnesses(document, "seats") for s in w["stages"] or [] if s["stage"] == kind
    )
    return found


def _unit(document: Document) -> dict[str, Any]:
    unit: dict[str, Any] = document["outcome"]["contests"][0]["units"][0]
    return unit


def _files(tmp_path: Path, law_text: str, data: str) -> tuple[str, str]:
    rules, csv = tmp_path / "law.rules", tmp_path / "results.csv"
    rules.write_text(law_text, encoding="utf-8")
    csv.write_text(data, encoding="utf-8")
    return str(rules), str(csv)


# ---- defect 1: a threshold with an alternative share ------------------------------------------------------------


def test_a_threshold_passed_by_its_alternative_is_rechecked(tmp_path: Path) -> None:
    """Defect 1: R fails 5% nationally and passes by 20% in two districts; C fails both. Each list's second
    measure is the alternative's, and the outcome's test is re-decided from both."""
    document = _document(*_files(tmp_path, EITHER_LAW, _csv(ROWS)))
    report = _check(document)
    assert report.failures == [] and report.not_rechecked == []
    alternative = _witnesses(document, "threshold", selection="R", either="other")
    assert len(alternative) == 1 and alternative[0]["mode"] == "at least" and alternative[0]["share"] == "1/5"
    assert alternative[0]["result"] == "passed"


def test_a_forged_alternative_is_rejected(tmp_path: Path) -> None:
    """Defect 1: R's 20 votes in D2 lowered to 19 fail the alternative; a list that fails both is not `passed`."""
    document = _document(*_files(tmp_path, EITHER_LAW, _csv(ROWS)))

    def lower(forged: Document) -> None:
        (witness,) = _witnesses(forged, "threshold", selection="R", either="other")
        next(m for m in witness["measures"] if m["unit"] == "D2")["votes"] = 19

    assert any("the numbers give `failed`" in f for f in _forged(document, lower))

    def pass_c(forged: Document) -> None:
        selection = next(s for s in _unit(forged)["selections"] if s["id"] == "C")
        selection["tests"][0]["result"] = "passed"

    assert any("the outcome's test of C is `passed`" in f for f in _forged(document, pass_c))


def test_sweden_with_its_alternative_is_certified() -> None:
    """Defect 1: Sweden's 12% in a constituency (ch. 3 § 7) is stated; every example's certificate holds."""
    rules = ROOT / "rules" / "se" / "riksdag-2022.rules"
    assert "or at least 12% of valid_votes in every district" in rules.read_text(encoding="utf-8")
    document = _example(rules, "regional_party")
    report = _check(document)
    assert report.failures == [] and report.not_rechecked == []
    assert _witnesses(document, "threshold", either="other", result="passed")


# ---- defect 2: a seat handed out too many, taken back by the tie rule --------------------------------------------


def test_a_seat_taken_back_by_the_tie_rule_is_rechecked(tmp_path: Path) -> None:
    """Defect 2: A and B both have remainder 0; by `more votes` A keeps its seat and B gives one back. The
    checker said `seats of B: the outcome gives 0, the witnesses give 1`."""
    rules = law(tmp_path, "threshold at least 1% of valid_votes nationally", HB_ROUNDED, seats=2)
    data = results(tmp_path, {"A": 4, "B": 2, "C": 1}, valid_votes=7)
    document = _document(rules, data)
    report = _check(document)
    assert report.failures == [] and report.not_rechecked == []
    tie = _stage(document, "tie")
    assert tie["take_back"] == 1 and tie["seats"] == 1 and tie["winners"] == ["A"]
    certified = run_cli("certify", rules, data, "-o", str(tmp_path / "cert"))
    assert certified.code == 0, certified.stderr
    checked = run_cli("recheck", str(tmp_path / "cert"), "--rules", rules)
    assert checked.code == 0, checked.stdout + checked.stderr


def test_a_seat_taken_back_by_lot_stays_a_lot(tmp_path: Path) -> None:
    """Defect 2: with `ties broken by lot` the tie stays open: one seat to take back from A or B."""
    rules = law(tmp_path, "threshold at least 1% of valid_votes nationally", HB_ROUNDED, seats=2, ties="lot")
    document = _document(rules, results(tmp_path, {"A": 4, "B": 2, "C": 1}, valid_votes=7))
    assert _check(document).failures == []
    assert _unit(document)["tied_seats"] == -1


def test_a_forged_take_back_is_rejected(tmp_path: Path) -> None:
    """Defect 2: with A's votes stated as 1 the rule would keep B's seat, not A's; a take-back of 2 is not the
    round's."""
    rules = law(tmp_path, "threshold at least 1% of valid_votes nationally", HB_ROUNDED, seats=2)
    document = _document(rules, results(tmp_path, {"A": 4, "B": 2, "C": 1}, valid_votes=7))

    def fewer(forged: Document) -> None:
        _stage(forged, "tie")["values"]["A"]["more votes"] = 1

    assert any("the tie rule gives the seat(s) to B" in f for f in _forged(document, fewer))

    def more(forged: Document) -> None:
        _stage(forged, "tie")["take_back"] = 2

    assert any("the seats to take back are not those the round leaves" in f for f in _forged(document, more))


# ---- defect 3: the multiplier of minority lists below a share ----------------------------------------------------


def _serbia(tmp_path: Path, d: int) -> Document:
    votes = {"A": 400, "B": 290, "C": 310 - d, "D": d}
    data = results(tmp_path, votes, {"D": 1}, valid_votes=1000, voters_took_part=1000)
    return _document(law(tmp_path, *SERBIA, seats=25), data)


def test_a_minority_list_at_the_share_is_not_multiplied_in_the_witness(tmp_path: Path) -> None:
    """Defect 3: D at 3.1% is not multiplied (the witness multiplied it: `the votes of D are not those of the
    outcome`); at 2.9% it is. Each measure is a `multiplier` witness the checker re-decides."""
    above, below = _serbia(tmp_path, 31), _serbia(tmp_path, 29)
    for document, result, scaled in ((above, "not applicable", {}), (below, "allocated", {"D": "27/20"})):
        report = _check(document)
        assert report.failures == [] and report.not_rechecked == []
        (measure,) = _witnesses(document, "multiplier")
        assert measure["result"] == result and _stage(document, "allocation")["scaled"] == scaled


def test_a_forged_multiplier_is_rejected(tmp_path: Path) -> None:
    """Defect 3: D multiplied though at 3.1%, or its base changed, is rejected."""
    document = _serbia(tmp_path, 31)

    def multiply(forged: Document) -> None:
        stage = _stage(forged, "allocation")
        stage["scaled"], stage["votes"]["D"] = {"D": "27/20"}, "837/20"

    assert any("the votes of D are multiplied, against its share" in f for f in _forged(document, multiply))

    def base(forged: Document) -> None:
        _witnesses(forged, "multiplier")[0]["base_value"] = 1100

    assert any("the numbers give `allocated`" in f for f in _forged(document, base))


# ---- defect 4: a tie under a limit of seats per gender ----------------------------------------------------------

TIED = ({"A": 2000, "B": 1500, "C": 1500, "D": 1500}, {"A": 2, "B": 2, "C": 2, "D": 1})


def test_a_tie_under_a_gender_limit_is_rechecked(tmp_path: Path) -> None:
    """Defect 4: two men tie for the men's last seat: by earlier registration C takes it (re-decided by the
    checker); without the registration order the tie stays open (the walk's tie is the outcome's). The checker
    said `malformed: equal votes under a limit per gender`."""
    extra = "district,D1,,registration_order,B,2,\ndistrict,D1,,registration_order,C,1,\n"
    broken = _document(*_files(tmp_path, GENDER_LAW, gender_results(*TIED, extra)))
    report = _check(broken)
    assert report.failures == [] and report.not_rechecked == []
    (election,) = _witnesses(broken, "election")
    assert sorted(election["elected"]) == ["A", "C", "D"]
    open_tie = _document(*_files(tmp_path, GENDER_LAW, gender_results(*TIED)))
    report = _check(open_tie)
    assert report.failures == [] and report.not_rechecked == []
    assert _unit(open_tie)["status"] == "provisional" and sorted(_unit(open_tie)["tied"]) == ["B", "C"]


def test_a_forged_tie_under_a_gender_limit_is_rejected(tmp_path: Path) -> None:
    """Defect 4: B stated as registered first would take the seat; an open tie dropped from the outcome."""
    extra = "district,D1,,registration_order,B,2,\ndistrict,D1,,registration_order,C,1,\n"
    broken = _document(*_files(tmp_path, GENDER_LAW, gender_results(*TIED, extra)))

    def earlier(forged: Document) -> None:
        _witnesses(forged, "election")[0]["limit"]["values"]["B"]["earlier registration"] = 0

    assert any("outright, not as stated" in f for f in _forged(broken, earlier))
    open_tie = _document(*_files(tmp_path, GENDER_LAW, gender_results(*TIED)))

    def settle(forged: Document) -> None:
        _unit(forged)["tied"], _unit(forged)["tied_seats"] = [], 0

    assert any("the walk down the votes leaves open" in f for f in _forged(open_tie, settle))


# ---- defect 5: Armenia's opposition seats and the conditional stable majority -----------------------------------

ARMENIA = ROOT / "rules" / "am" / "national-assembly-2021.rules"
MAJORITY = """ballotlaw 1

election "Test election"
  jurisdiction "Testland"
  law "Election Act"   [act]
  polling day 2024-01-01
end

source act "Election Act of Testland" "https://example.org/act"

level nation
count valid_votes on nation   [act Art. 3]
votes on nation   [act Art. 3]

contest house "The house"
  lists compete in the nation   [act Art. 4]
  seats 13   [act Art. 4]
  the leading list gets at least 54% of the seats, with seats added, if it holds more than 50% of the seats   [act]
  allocate by hare quota and largest remainders   [act Art. 6]
  ties broken by lot   [act Art. 7]
  valid at any turnout   [act Art. 9]
end
"""


def _majority(tmp_path: Path, **votes: int) -> Document:
    rows = ["level,unit,parent,count,selection,value,source", "nation,N,,valid_votes,,1000,"]
    rows += [f"nation,N,,votes,{name},{value}," for name, value in votes.items()]
    return _document(*_files(tmp_path, MAJORITY, "\n".join(rows) + "\n"))


def _opposition(tmp_path: Path, seats: int, **votes: int) -> Document:
    """A house with Armenia's opposition clause (1/3 of the seats to the lists other than the leading one)."""
    return _document(*opposition_files(tmp_path, seats, OPPOSITION, opposition_votes(1000, **votes)))


def test_the_opposition_seats_are_composed(tmp_path: Path) -> None:
    """Defect 5: Hare gives A 10 of 12; 3 seats are added and B and C share 5 (4, 1); with Armenia's example
    `alliance_threshold` (101 seats: 75, 19, 7) 11 are added and B and C tie for the last of 38, left to a lot
    (a reason of the outcome, which is not final). Each is re-decided by the checker."""
    for document, tied in (
        (_opposition(tmp_path, 12, A=810, B=140, C=50), False),
        (_opposition(tmp_path, 101, A=700, B=180, C=60), True),
    ):
        report = _check(document)
        assert report.failures == [] and report.not_rechecked == []
        stage = _stage(document, "opposition seats")
        assert stage["result"] == "seats added" and (stage["tie"] is not None) == tied
    assert _unit(document)["status"] != "elected"


def test_a_forged_opposition_round_is_rejected(tmp_path: Path) -> None:
    """Defect 5: a seat moved in the opposition's round, a smaller share, or an open tie declared final."""
    document = _opposition(tmp_path, 12, A=810, B=140, C=50)

    def move(forged: Document) -> None:
        result = _stage(forged, "opposition seats")["round"]["result"]
        result["B"], result["C"] = result["B"] - 1, result["C"] + 1

    assert _forged(document, move)

    def quarter(forged: Document) -> None:
        _stage(forged, "opposition seats")["share"] = "1/4"

    assert any("the round is not of the other lists' 2 seats" in f for f in _forged(document, quarter))
    tied = _opposition(tmp_path, 101, A=700, B=180, C=60)

    def final(forged: Document) -> None:
        _unit(forged)["status"] = "elected"

    assert any("leaves a tie open, but the outcome is final" in f for f in _forged(tied, final))


def test_armenia_examples_hold() -> None:
    """Defect 5: every example of Armenia's law holds under the checker."""
    law_, _warnings = load_law(str(ARMENIA))
    for example in law_.examples:
        assert _check(_example(ARMENIA, example.id.text)).failures == [], example.id.text


def test_the_conditional_stable_majority_is_rechecked(tmp_path: Path) -> None:
    """Defect 5: A holds 7 of 13 and is topped up to 8 of 14; with 6 of 13 the condition fails: nothing added."""
    topped, kept = _majority(tmp_path, A=540, B=290, C=170), _majority(tmp_path, A=460, B=340, C=200)
    for document, result in ((topped, "seats added"), (kept, "not applicable")):
        report = _check(document)
        assert report.failures == [] and report.not_rechecked == []
        assert _stage(document, "stable majority")["result"] == result

    def stricter(forged: Document) -> None:
        _stage(forged, "stable majority")["when"]["share"] = "3/5"

    assert any("`not applicable`" in f for f in _forged(topped, stricter))


# ---- defect 6: counts of ranked ballots the certificate does not witness -----------------------------------------

COUNTED = ("ballots", "round", "exclusion", "transfer", "election", "tie")


def _meek(tmp_path: Path) -> Path:
    """The Meek ward of docs/language.md, with its example."""
    doc = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    start = doc.index('contest ward "A ward of three councillors"')
    block = doc[start : doc.index("```", start)]
    head = (
        'ballotlaw 1\n\nelection "Ward"\n  jurisdiction "Test"\n  law "Act"   [act]\n  polling day 2024-01-01\nend\n\n'
        'source act "Act" "https://example.org/act"\n\nlevel district   [act]\n\n'
    )
    path = tmp_path / "meek.rules"
    path.write_text(head + block, encoding="utf-8")
    return path


ORDER = """contest ward "W"
  candidates compete in every district   [act]
  seats 2   [act]
  elect by single transferable vote   [act]
  quota droop   [act]
  surplus transferred by weighted inclusive gregory, values rounded down to 5 decimal places   [act]
  ties broken by earlier registration, then lot   [act]
  valid at any turnout   [act]
end

example order "A and B reach the quota of 5 with 6 each: by earlier registration B is elected first"   [act]
  given district "D1": ballots 6 "A" > "C", ballots 6 "B" > "C", ballots 2 "C"
  given district "D1": registration_order of "A" 2, registration_order of "B" 1, registration_order of "C" 3
  expect ward: "A" wins, "B" wins, status elected
end
"""


def test_meek_and_a_tie_for_the_order_of_election_are_said_not_rechecked(tmp_path: Path) -> None:
    """Defect 6: a count by Meek's method, and a count whose tie the law's rule breaks for the order of election,
    have no witness: the certificate says so once for the count, and `recheck` lists it (and every step) as not
    re-checked."""
    order = _meek(tmp_path).with_name("order.rules")
    order.write_text(_meek(tmp_path).read_text(encoding="utf-8").split("contest ward ")[0] + ORDER, encoding="utf-8")
    cases = ((_meek(tmp_path), "food_meek", "Meek's method"), (order, "order", "a tie other than for an exclusion"))
    for rules, example, why in cases:
        document = _example(rules, example)
        report = _check(document)
        assert report.failures == []
        noted = [n for n in report.not_rechecked if "(ranked," in n]
        assert len(noted) == 1 and why in noted[0], report.not_rechecked
        (gap,) = [w for w in _witnesses(document, "ranked") if "note" in w]
        unit = (gap["contest"], gap["unit"])
        trace = document["trace"]["steps"]
        steps = [s for s in trace if (s["contest"], s["unit"]) == unit and s["kind"] in COUNTED]
        entries = {e["n"]: e for e in document["steps"]}
        assert gap["steps"] == [] and steps and all(entries[s["n"]]["witness"] is None for s in steps)


def test_a_tie_for_an_exclusion_is_rechecked() -> None:
    """Defect 6: D and E tie at 50 for exclusion; D had more at the first round (`first difference`), so E is
    excluded: the checker re-decides it from the rounds the trace records. Stated as a lot that favours E, the
    rule would exclude D."""
    document = _example(ROOT / "rules" / "gb" / "scottish-council-ward-2022.rules", "exclusion_tie")
    report = _check(document)
    assert report.failures == [] and report.not_rechecked == []
    (count,) = _witnesses(document, "ranked")
    assert count["ties"]["rule"] == ["first difference", "lot"]

    def lot(forged: Document) -> None:
        (witness,) = _witnesses(forged, "ranked")
        witness["ties"] = {"rule": ["lot"], "values": {"D": {"lot": 2}, "E": {"lot": 1}}}

    assert any("D are the lowest, not as stated" in f for f in _forged(document, lot))

    def open_lot(forged: Document) -> None:
        _witnesses(forged, "ranked")[0]["ties"]["rule"] = ["lot"]

    assert any("the tie rule does not decide whom to exclude" in f for f in _forged(document, open_lot))


def test_a_note_that_hides_the_steps_of_a_count_is_rejected(tmp_path: Path) -> None:
    """Defect 6: a count's note cannot cover its steps (they would leave the list of what is not re-checked)."""
    document = _example(_meek(tmp_path), "food_meek")

    def cover(forged: Document) -> None:
        index = next(i for i, w in enumerate(forged["witnesses"]) if w["type"] == "ranked" and "note" in w)
        ranked = [s for s in forged["trace"]["steps"] if s["contest"] == forged["witnesses"][index]["contest"]]
        forged["witnesses"][index]["steps"] = [s["n"] for s in ranked]
        for entry in forged["steps"]:
            if entry["n"] in forged["witnesses"][index]["steps"]:
                entry["witness"], entry["note"] = index, None

    assert any("malformed" in f for f in _forged(document, cover))

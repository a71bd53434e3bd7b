"""Issue 15, item 3: the independent checker. It imports nothing of the engine (asserted in a fresh interpreter
and by reading its imports), stays small, knows every method the engine does, agrees with the engine's kernels on
many drawn allocations, and rejects forged witnesses: a divisor off by one vote's worth, a remainder order
swapped, a seat moved, a share or a tie changed, a witness taken away."""

from __future__ import annotations

import ast
import json
import random
import subprocess
import sys
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from ballotlaw.certify.build import Certificate, build, seal
from ballotlaw.certify.rounds import round_witness
from ballotlaw.methods.kernels import DivisorMethod, QuotaMethod
from ballotlaw.methods.registry import METHODS
from ballotlaw.recheck import check_certificate
from ballotlaw.recheck.methods import Divisors, Quota, method_named
from ballotlaw.recheck.seats import read_round

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "engine" / "ballotlaw" / "recheck"
KG = (ROOT / "rules/kg/jogorku-kenesh-2021.rules", ROOT / "data/kg/2021/results.csv")
NORWAY = (ROOT / "rules/no/storting-2021.rules", ROOT / "data/no/2021/results.csv")
DISTRICTS = (ROOT / "rules/kg/jogorku-kenesh-2021.rules", ROOT / "data/kg/2021/illustrative-districts.csv")
ALLOWED = {"__future__", "dataclasses", "fractions", "hashlib", "itertools", "json", "math", "re", "collections.abc"}


def test_the_checker_imports_nothing_of_the_engine() -> None:
    """Loaded on its own from its folder, in a fresh interpreter, it re-checks a certificate with no module of
    ballotlaw loaded (so neither evaluate/ nor methods/)."""
    certificate, _ = build(str(KG[0]), str(KG[1]))
    probe = (
        "import sys, json\n"
        f"sys.path.insert(0, {str(PACKAGE.parent)!r})\n"
        "import recheck\n"
        "report = recheck.check_certificate(sys.stdin.buffer.read())\n"
        "print(json.dumps([report.holds, report.witnesses, sorted(m for m in sys.modules if 'ballotlaw' in m)]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], input=certificate.data, capture_output=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    holds, witnesses, loaded = json.loads(done.stdout)
    assert holds is True and witnesses > 40 and loaded == []


def test_the_checker_reads_only_the_standard_library_and_rfc8785() -> None:
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.level == 1 or node.module in ALLOWED, (path.name, node.module)
            elif isinstance(node, ast.Import):
                assert all(a.name in ALLOWED | {"rfc8785"} for a in node.names), (path.name, ast.dump(node))


def test_the_checker_is_small() -> None:
    """Small enough for a reviewer to read in a sitting: about a thousand lines of code (docstrings apart)."""
    code = 0
    for path in PACKAGE.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        documented: set[int] = set()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef) and ast.get_docstring(node):
                first = node.body[0]
                documented.update(range(first.lineno, (first.end_lineno or first.lineno) + 1))
        lines = enumerate(text.splitlines(), 1)
        code += sum(1 for n, line in lines if line.strip() and not line.strip().startswith("#") and n not in documented)
    assert code < 1100


@pytest.mark.parametrize("name", sorted(METHODS))
def test_the_checker_knows_every_method_of_the_registry(name: str) -> None:
    """Its own table, written apart, gives the same divisors and quotas as the engine's registry."""
    engine, own = METHODS[name], method_named(name)
    if isinstance(engine, DivisorMethod):
        assert isinstance(own, Divisors)
        assert [own.squared(k) for k in range(40)] == [engine.divisor_squared(k) for k in range(40)]
    else:
        assert isinstance(own, Quota) and isinstance(engine, QuotaMethod)
        assert own.leftover == engine.leftover
        for total, seats in [(1, 1), (7, 3), (1000, 7), (813687, 54), (10**12 + 7, 150)]:
            assert own.quota(Fraction(total), seats) == engine.quota(total, seats)


def test_the_checker_reads_methods_a_law_writes_out() -> None:
    quota = method_named("the quota of votes over seats plus 1 rounded down, with largest remainders")
    assert quota == Quota(1, "down", "largest remainders")
    divisors = method_named("divisors 1.4, 3, 5")
    assert isinstance(divisors, Divisors) and divisors.squared(4) == 81


def _drawn_rounds() -> list[tuple[str, dict[str, int], int]]:
    """Seeded draws: few and many lists, ties, lists without votes, seats from 0 to many."""
    draw = random.Random(15)
    cases = []
    for name in sorted(METHODS):
        for _ in range(25):
            lists = draw.randint(1, 7)
            pool = [draw.choice([0, 1, 5, 10, 50]) for _ in range(3)]
            votes = {
                f"L{i}": draw.choice([draw.randint(0, 10 ** draw.randint(1, 7)), draw.choice(pool)])
                for i in range(lists)
            }
            cases.append((name, votes, draw.choice([0, 1, 2, 3, 5, 8, 13, 40, 200])))
    return cases


@pytest.mark.parametrize(("name", "votes", "seats"), _drawn_rounds())
def test_the_checker_confirms_the_kernels_allocations(name: str, votes: dict[str, int], seats: int) -> None:
    """The witness of every drawn allocation, ties included, holds under the checker; and giving one seat of
    one list to another makes it fail."""
    method = METHODS[name]
    witness, _result = round_witness(method, list(votes), votes, seats)  # type: ignore[arg-type]
    witness = json.loads(json.dumps(witness))
    _method, _round, problems = read_round(witness)
    assert problems == [], (name, votes, seats, witness)
    donors = [n for n in votes if witness["result"][n] > 0]
    if donors and len(votes) > 1:
        donor = donors[0]
        taker = next(n for n in votes if n != donor)
        witness["result"][donor] -= 1
        witness["result"][taker] += 1
        assert read_round(witness)[2] != [], (name, votes, seats, "a moved seat passed")


# ---- forged certificates -------------------------------------------------------------------------------------


def _forged(pair: tuple[Path, Path], change: Callable[[dict[str, Any]], None]) -> list[str]:
    """The failures of a certificate changed by `change` and sealed again (a new digest: only its witnesses or
    its outcome can tell)."""
    certificate, _ = build(str(pair[0]), str(pair[1]))
    document = json.loads(certificate.data)
    change(document)
    forged: Certificate = seal(document)
    assert forged.data != certificate.data
    return check_certificate(forged.data).failures


def _seats_stage(document: dict[str, Any]) -> dict[str, Any]:
    seats = next(w for w in document["witnesses"] if w["type"] == "seats")
    stage: dict[str, Any] = seats["stages"][0]
    return stage


def _divisor_round(document: dict[str, Any]) -> dict[str, Any]:
    return next(
        w["stages"][0]
        for w in document["witnesses"]
        if w["type"] == "seats" and w["stages"] and "divisor" in w["stages"][0]
    )


def test_a_divisor_off_by_one_votes_worth_is_rejected() -> None:
    """Norway's districts (modified Sainte-Laguë): the divisor set one vote above the worst seat served (its
    votes + 1 over its divisor) leaves that seat unearned; one vote below the best claim left (its votes - 1
    over its divisor) gives that list another seat. Both are rejected, naming the seat."""

    def claims(stage: dict[str, Any], served: bool) -> list[tuple[Fraction, int, Fraction]]:
        method = METHODS[str(stage["method"])]
        assert isinstance(method, DivisorMethod)
        found = []
        for name in stage["lists"]:
            votes, seats = int(stage["votes"][name]), int(stage["result"][name])
            if served and seats == 0:
                continue
            divisor = method.divisor(seats - 1 if served else seats)
            found.append((votes / divisor, votes, divisor))
        return found

    def worst_served(document: dict[str, Any]) -> None:
        stage = _divisor_round(document)
        _claim, votes, divisor = min(claims(stage, served=True))
        stage["divisor"] = str((votes + 1) / divisor)

    def best_left(document: dict[str, Any]) -> None:
        stage = _divisor_round(document)
        _claim, votes, divisor = max(claims(stage, served=False))
        stage["divisor"] = str((votes - 1) / divisor)

    above = _forged(NORWAY, worst_served)
    assert any("is not above the divisor (the seat is not earned)" in f for f in above), above
    below = _forged(NORWAY, best_left)
    assert any("next claim is not below the divisor" in f for f in below), below


def test_a_remainder_order_swapped_is_rejected() -> None:
    def swap(document: dict[str, Any]) -> None:
        order = _seats_stage(document)["order"]
        order[2], order[3] = order[3], order[2]

    failures = _forged(KG, swap)
    assert any("seats, national_list at KG" in f and "order" in f for f in failures), failures


def test_a_quota_or_a_whole_quota_changed_is_rejected() -> None:
    def quota(document: dict[str, Any]) -> None:
        _seats_stage(document)["quota"] = "15069"

    assert any("is not" in f and "the law's quota" in f for f in _forged(KG, quota))

    def whole(document: dict[str, Any]) -> None:
        _seats_stage(document)["full_quotas"]["Ishenim"] = 12

    assert any("Ishenim: 12 whole quota(s) stated, 11 in its votes" in f for f in _forged(KG, whole))


def test_a_seat_moved_in_the_outcome_and_its_witness_is_rejected() -> None:
    """A forger who moves a seat in the outcome and in the witness's result: the remainders no longer allow it."""

    def move(document: dict[str, Any]) -> None:
        stage = _seats_stage(document)
        stage["result"]["Ishenim"] -= 1
        stage["result"]["Alliance"] += 1
        for selection in document["outcome"]["contests"][0]["units"][0]["selections"]:
            if selection["id"] in ("Ishenim", "Alliance"):
                selection["seats"] += -1 if selection["id"] == "Ishenim" else 1

    failures = _forged(KG, move)
    assert any("remainder" in f for f in failures), failures


def test_a_seat_moved_in_the_outcome_alone_is_rejected() -> None:
    def move(document: dict[str, Any]) -> None:
        for selection in document["outcome"]["contests"][0]["units"][0]["selections"]:
            if selection["id"] == "Ishenim":
                selection["seats"] = 11

    assert any("seats of Ishenim: the outcome gives 11, the witnesses give 12" in f for f in _forged(KG, move))


def test_a_share_or_a_threshold_result_changed_is_rejected() -> None:
    def fail_a_list(document: dict[str, Any]) -> None:
        witness = next(w for w in document["witnesses"] if w["type"] == "threshold" and w["selection"] == "Yiman Nuru")
        witness["measures"][0]["votes"] = 64081

    assert any("the numbers give `failed`" in f for f in _forged(KG, fail_a_list))


def test_a_tie_given_to_the_wrong_candidate_is_rejected() -> None:
    def other_winner(document: dict[str, Any]) -> None:
        election = next(w for w in document["witnesses"] if w["type"] == "election" and w["tie"])
        tie = election["tie"]
        loser = next(n for n in tie["tied"] if n not in tie["winners"])
        tie["winners"] = [loser]

    assert any("the tie rule gives the seat(s) to" in f for f in _forged(DISTRICTS, other_winner))


def test_a_witness_taken_away_is_a_failure_not_a_silent_pass() -> None:
    """An allocation step marked `not provided`: the checker names it; a seats witness left without stages is
    reported as not re-checked, never as holding."""

    def drop(document: dict[str, Any]) -> None:
        entry = next(e for e in document["steps"] if e["kind"] == "allocation")
        index = entry["witness"]
        entry["witness"], entry["note"] = None, "witness not provided for allocation"
        document["witnesses"][index]["steps"].remove(entry["n"])

    assert any("no witness, though a allocation always has one" in f for f in _forged(KG, drop))


def test_a_condition_decided_otherwise_is_rejected() -> None:
    def rerun(document: dict[str, Any]) -> None:
        witness = next(
            w
            for w in document["witnesses"]
            if w["type"] == "condition" and w["kind"] == "rerun" and w["result"] == "no rerun"
        )
        witness["result"] = "rerun"

    assert any("the witness states `rerun`" in f for f in _forged(DISTRICTS, rerun))


def test_a_national_tier_changed_is_rejected() -> None:
    """Norway's adjustment seats: one seat moved between two lists of the tier in the outcome."""

    def move(document: dict[str, Any]) -> None:
        tier = document["outcome"]["contests"][0]["adjustment"]
        tier[0]["adjustment_seats"] += 1
        tier[1]["adjustment_seats"] -= 1

    assert any("the outcome's national tier is not the last round's" in f for f in _forged(NORWAY, move))


def test_a_malformed_witness_is_a_failure_not_a_crash() -> None:
    def garble(document: dict[str, Any]) -> None:
        _seats_stage(document)["votes"] = "many"

    assert any("malformed" in f for f in _forged(KG, garble))


def test_the_command_rejects_a_forged_witness_and_hostile_files(tmp_path: Path) -> None:
    """Through `recheck`: a re-sealed certificate with a forged witness exits 1 naming the witness and the seat;
    bytes that are not a certificate (not JSON, another JSON document, nesting deep enough to exhaust a parser,
    a float) exit 1 naming the certificate, never 3."""
    from click.testing import CliRunner

    from ballotlaw.cli import main

    def swap(document: dict[str, Any]) -> None:
        stage = _seats_stage(document)
        stage["result"]["Ishenim"] -= 1
        stage["result"]["Alliance"] += 1

    certificate, _ = build(str(KG[0]), str(KG[1]))
    document = json.loads(certificate.data)
    swap(document)
    forged = tmp_path / "forged.json"
    forged.write_bytes(seal(document).data)
    cases = {
        forged: "witness 45 (seats, national_list at KG, step 44, 45)",
        tmp_path / "garbage.json": "certificate: not JSON text",
        tmp_path / "other.json": "certificate: not a ballotlaw.certificate",
        tmp_path / "deep.json": "certificate: not JSON text",
        tmp_path / "float.json": "certificate: 1.0 is not an exact number",
    }
    (tmp_path / "garbage.json").write_bytes(b"\xff\xfe not json")
    (tmp_path / "other.json").write_text('{"format": "ballotlaw.outcome", "version": 1}', encoding="utf-8")
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "float.json").write_text('{"format": "ballotlaw.certificate", "version": 1.0}', encoding="utf-8")
    for path, named in cases.items():
        done = CliRunner().invoke(main, ["recheck", str(path)], catch_exceptions=False)
        assert done.exit_code == 1 and named in done.output, (path.name, done.output)

"""Issue 15: `certify`, `keygen`, `recheck`: certificates of every golden election produced and re-checked; the
commission's path from a fresh key to a signed certificate re-checked elsewhere; the bytes the same whatever the
seed of Python's hashes, the locale, the working directory and the spelling of the paths; outcomes that are not
final certified as exactly what they are; results whose own arithmetic is wrong refused."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ballotlaw.certify import build
from ballotlaw.cli import main
from ballotlaw.recheck import FORMAT, VERSION, check_certificate
from test_snapshots import PAIRS

ROOT = Path(__file__).resolve().parent.parent
KG_RULES = ROOT / "rules" / "kg" / "jogorku-kenesh-2021.rules"
KG_RESULTS = ROOT / "data" / "kg" / "2021" / "results.csv"
ERRONEOUS = ROOT / "data" / "kg" / "2021" / "reconstructed-erroneous-display.csv"


def invoke(*args: str | Path) -> tuple[int, str]:
    """The command in this process (click's runner): its exit code and what it printed, both streams."""
    done = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return done.exit_code, done.output


def ballotlaw(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The real command in a child process (bounded in time)."""
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "BALLOTLAW_DEBUG")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "ballotlaw.cli", *map(str, args)],
        cwd=cwd or ROOT,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(("rules", "results"), PAIRS, ids=[p[1] for p in PAIRS])
def test_every_golden_election_is_certified_and_rechecked(rules: str, results: str) -> None:
    """Item 6: a certificate for every golden pair; the independent checker confirms every witness, and every
    step of the trace has one (none is left `not re-checked`), but those of a count of ranked ballots that has no
    witness yet (Meek's method, a tie: docs/certifying.md)."""
    certificate, _warnings = build(str(ROOT / rules), str(ROOT / results), accept=True)
    report = check_certificate(certificate.data)
    assert report.failures == []
    trace = certificate.document["trace"]
    assert isinstance(trace, dict)
    entries, steps = certificate.document["steps"], trace["steps"]
    assert isinstance(entries, list) and isinstance(steps, list)
    assert report.steps == len(steps)
    ranked = {(s["contest"], s["unit"]) for s in steps if s["kind"] == "round"}  # counts of ranked ballots
    for entry, step in zip(entries, steps, strict=True):
        if (step["contest"], step["unit"]) not in ranked:
            assert entry["witness"] is not None and entry["note"] is None, (entry, step["kind"])
    witnesses = certificate.document["witnesses"]
    assert isinstance(witnesses, list)
    noted = sum(1 for w in witnesses if w["type"] in ("seats", "ranked") and w.get("note") is not None)
    assert len(report.not_rechecked) == sum(1 for e in entries if e["witness"] is None) + noted


def test_every_example_of_every_shipped_law_is_certified_and_rechecked() -> None:
    """The witnesses of every example block of every shipped rule file hold under the independent checker (steps
    of kinds that have no witness yet are listed as not re-checked, never as holding)."""
    from ballotlaw.api import load_law
    from ballotlaw.certify.build import seal
    from ballotlaw.certify.witness import Witnesses
    from ballotlaw.evaluate import evaluate
    from ballotlaw.examples import results_of
    from ballotlaw.render.jsonform import outcome_json, trace_json

    for path in sorted((ROOT / "rules").rglob("*.rules")):
        law, _warnings = load_law(str(path))
        for example in law.examples:
            results, _problems = results_of(law, example)
            if results is None:
                continue
            outcome = evaluate(law, results)
            witnesses, steps = Witnesses(law, results, outcome).build()
            document = {"format": FORMAT, "version": VERSION, "outcome": json.loads(outcome_json(outcome))}
            document |= {"trace": json.loads(trace_json(outcome)), "witnesses": witnesses, "steps": steps}
            report = check_certificate(seal(document).data)
            where = f"{path.relative_to(ROOT)}: {example.id.text}"
            assert report.failures == [], (where, report.failures)


def test_the_kyrgyz_seats_are_composed_from_their_witness() -> None:
    """Item 2: the 2021 list tier's seats come from a quota witness (Hare) and the cap of 27, composed."""
    certificate, _ = build(str(KG_RULES), str(KG_RESULTS))
    witnesses = certificate.document["witnesses"]
    assert isinstance(witnesses, list)
    seats = [w for w in witnesses if w["type"] == "seats"]
    assert len(seats) == 1 and [s["stage"] for s in seats[0]["stages"]] == ["allocation", "cap"]
    allocation = seats[0]["stages"][0]
    assert allocation["quota"] == "271229/18"  # 813687 votes / 54 seats
    assert allocation["full_quotas"]["Ata-Jurt Kyrgyzstan"] == 14
    assert allocation["order"][:3] == ["Butun Kyrgyzstan", "Ata-Jurt Kyrgyzstan", "Ishenim"]
    assert allocation["result"]["Ata-Jurt Kyrgyzstan"] == 15
    thresholds = [w for w in witnesses if w["type"] == "threshold"]
    ata_jurt = next(w for w in thresholds if w["selection"] == "Ata-Jurt Kyrgyzstan" and w["mode"] == "single")
    assert ata_jurt["measures"] == [{"unit": "KG", "votes": 222005, "base": 1281622}]
    assert ata_jurt["share"] == "1/20" and ata_jurt["comparison"] == ">=" and ata_jurt["result"] == "passed"


def test_commission_signs_and_observer_rechecks_from_another_folder(tmp_path: Path) -> None:
    """Not done until: `keygen`, `certify` the Kyrgyz 2021 results signed, `recheck` exits 0 from another
    working directory (paths spelled otherwise), with the signature, the inputs and the engine run again."""
    keys, out, elsewhere = tmp_path / "keys", tmp_path / "published", tmp_path / "observer"
    elsewhere.mkdir()
    made = ballotlaw("keygen", "--output", keys)
    assert made.returncode == 0, made.stderr
    private, public = keys / "signing-key.pem", keys / "public-key.pem"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert b"PRIVATE KEY" in private.read_bytes() and b"PUBLIC KEY" in public.read_bytes()
    certified = ballotlaw(
        "certify", "rules/kg/jogorku-kenesh-2021.rules", "data/kg/2021/results.csv", "--sign", private, "--output", out
    )
    assert certified.returncode == 0, certified.stderr
    for name in ("certificate.json", "certificate.sig"):
        assert stat.S_IMODE((out / name).stat().st_mode) & 0o222 == 0  # read-only
    rules = os.path.relpath(KG_RULES, elsewhere)
    checked = ballotlaw("recheck", out, "--public-key", public, "--rules", rules, cwd=elsewhere)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "signature: verified" in checked.stdout
    assert "input results `../../data/kg/2021/results.csv`: its SHA-256 holds" in checked.stdout
    assert "engine re-run: the same outcome and trace" in checked.stdout
    document = json.loads((out / "certificate.json").read_text(encoding="utf-8"))
    names = {f["role"]: f["name"] for f in document["inputs"]["files"]}
    assert names == {
        "rules": "jogorku-kenesh-2021.rules",
        "amended": "jogorku-kenesh-2015.rules",
        "results": "../../data/kg/2021/results.csv",
    }
    as_json = json.loads(ballotlaw("recheck", out / "certificate.json", "--json", cwd=elsewhere).stdout)
    assert as_json["holds"] is True and as_json["format"] == "ballotlaw.recheck"
    assert any("signature: present, not verified" in line for line in as_json["not_rechecked"])


def test_a_key_is_never_overwritten_and_a_stale_signature_is_refused(tmp_path: Path) -> None:
    assert invoke("keygen", "--output", tmp_path / "k")[0] == 0
    code, output = invoke("keygen", "--output", tmp_path / "k")
    assert code == 2 and "never overwritten" in output
    out = tmp_path / "out"
    out.mkdir()
    (out / "certificate.sig").write_text("old", encoding="utf-8")
    code, output = invoke("certify", KG_RULES, KG_RESULTS, "--output", out)
    assert code == 2 and "earlier certificate" in output
    assert not (out / "certificate.json").exists()
    code, output = invoke("certify", KG_RULES, KG_RESULTS, "--sign", tmp_path / "k" / "public-key.pem", "-o", out)
    assert code == 2 and "private key" in output


def test_the_wrong_public_key_or_a_missing_signature_fails(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert invoke("keygen", "--output", tmp_path / name)[0] == 0
    code, output = invoke(
        "certify", KG_RULES, KG_RESULTS, "--sign", tmp_path / "a" / "signing-key.pem", "-o", tmp_path / "c"
    )
    assert code == 0, output
    code, output = invoke("recheck", tmp_path / "c", "--public-key", tmp_path / "b" / "public-key.pem")
    assert code == 1 and "signed with another key" in output
    assert invoke("recheck", tmp_path / "c", "--public-key", tmp_path / "a" / "public-key.pem")[0] == 0
    assert invoke("certify", KG_RULES, KG_RESULTS, "-o", tmp_path / "u")[0] == 0
    code, output = invoke("recheck", tmp_path / "u", "--public-key", tmp_path / "a" / "public-key.pem")
    assert code == 1 and "signature:" in output
    code, output = invoke("recheck", tmp_path / "nothing-here.json")
    assert code == 2 and "no such file" in output
    hostile = tmp_path / "hostile.sig"
    for content in ("[" * 100_000, '{"format": "ballotlaw.signature", "signature": "not base64!"}', "\u00ff"):
        hostile.write_text(content, encoding="utf-8")
        args = ("recheck", tmp_path / "c", "--signature", hostile, "--public-key", tmp_path / "a" / "public-key.pem")
        code, output = invoke(*args)
        assert code == 1 and "signature: the signature file" in output, (content[:20], output)


def _certify(out: Path, rules: str | Path, results: str | Path, cwd: Path, env: dict[str, str]) -> bytes:
    done = ballotlaw("certify", rules, results, "--output", out, cwd=cwd, env=env)
    assert done.returncode == 0, done.stderr
    return (out / "certificate.json").read_bytes()


def test_the_bytes_do_not_depend_on_hash_seed_locale_folder_or_path_spelling(tmp_path: Path) -> None:
    """Item 5: byte-identical across runs, PYTHONHASHSEED, LANG=C and a UTF-8 locale, working directories and
    path spellings (relative, `./`, absolute, through `..`, through a linked folder)."""
    link = tmp_path / "repo"
    link.symlink_to(ROOT, target_is_directory=True)
    runs: list[tuple[str | Path, str | Path, Path, dict[str, str]]] = [
        ("rules/kg/jogorku-kenesh-2021.rules", "data/kg/2021/results.csv", ROOT, {"PYTHONHASHSEED": "0", "LANG": "C"}),
        ("./rules/kg/../kg/jogorku-kenesh-2021.rules", "./data/kg/2021/results.csv", ROOT, {"PYTHONHASHSEED": "1"}),
        (KG_RULES, KG_RESULTS, tmp_path, {"PYTHONHASHSEED": "12345", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}),
        (
            "repo/rules/kg/jogorku-kenesh-2021.rules",
            "repo/data/kg/2021/results.csv",
            tmp_path,
            {"PYTHONHASHSEED": "random"},
        ),
    ]
    produced = {_certify(tmp_path / f"out{i}", r, d, cwd, env) for i, (r, d, cwd, env) in enumerate(runs)}
    assert len(produced) == 1
    again, _ = build(str(KG_RULES), str(KG_RESULTS))
    assert produced == {again.data}
    assert b"/tmp" not in again.data and str(ROOT).encode() not in again.data


def test_results_whose_arithmetic_is_wrong_are_refused_unless_accepted(tmp_path: Path) -> None:
    """Item 1: refused (exit 1, the findings printed); with --accept-data-errors the certificate says, first,
    that it is not certifiable, and `recheck` fails on it unless it too is told to accept it."""
    code, output = invoke("certify", KG_RULES, ERRONEOUS, "--output", tmp_path / "c")
    assert code == 1 and "C10" in output
    assert not (tmp_path / "c" / "certificate.json").exists()
    code, output = invoke("certify", KG_RULES, ERRONEOUS, "--output", tmp_path / "c", "--accept-data-errors")
    assert code == 0 and "NOT CERTIFIABLE" in output
    document = json.loads((tmp_path / "c" / "certificate.json").read_text(encoding="utf-8"))
    assert document["certifiable"] is False and document["statement"].startswith("NOT CERTIFIABLE")
    assert document["outcome"]["data_checks"]["errors_accepted"]
    code, output = invoke("recheck", tmp_path / "c")
    assert code == 1 and "NOT CERTIFIABLE" in output
    assert invoke("recheck", tmp_path / "c", "--accept-data-errors")[0] == 0


@pytest.mark.parametrize(
    ("rules", "results", "status"),
    [
        ("rules/kg/jogorku-kenesh-2021.rules", "data/kg/2021/results.csv", "provisional"),
        ("rules/it/referendum-abrogative.rules", "data/it/2016-referendum-trivelle/results.csv", "void"),
        (
            "rules/us/arizona-attorney-general-2022.rules",
            "data/us/2022-arizona-attorney-general-recount/results.csv",
            "recount",
        ),
        ("rules/us/georgia-us-senate-2022.rules", "data/us/2022-georgia-senate-runoff/results-round1.csv", "runoff"),
    ],
)
def test_an_outcome_that_is_not_final_is_certified_as_exactly_that(rules: str, results: str, status: str) -> None:
    """Item 1: a provisional, void, recount or runoff outcome is certified as such, with its reasons."""
    certificate, _ = build(str(ROOT / rules), str(ROOT / results))
    document = certificate.document
    outcome = document["outcome"]
    assert isinstance(outcome, dict) and document["status"] == status == outcome["status"]
    assert f": {status} (" in str(document["statement"])
    assert check_certificate(certificate.data).holds


def test_lot_needed_is_certified_with_the_tie(tmp_path: Path) -> None:
    """A tie the law leaves to a lot: the certificate states it, and the checker confirms who is tied."""
    rules = tmp_path / "tie.rules"
    rules.write_text(TIE_LAW, encoding="utf-8")
    results = tmp_path / "tie.csv"
    results.write_text(TIE_RESULTS, encoding="utf-8")
    certificate, _ = build(str(rules), str(results))
    assert certificate.document["status"] == "lot needed"
    assert check_certificate(certificate.data).holds


def test_counts_beyond_2_to_the_53_stay_exact(tmp_path: Path) -> None:
    """RFC 8785 writes numbers as IEEE doubles: a count beyond 2^53 - 1 is written as a string of its digits, and
    the checker reads it exactly."""
    rules = tmp_path / "big.rules"
    rules.write_text(TIE_LAW, encoding="utf-8")
    results = tmp_path / "big.csv"
    big = {"A": 6_000_000_000_000_000_001, "B": 3_000_000_000_000_000_003, "C": 17}
    lines = [f"nation,X,,votes,{name},{votes}," for name, votes in big.items()]
    total = sum(big.values())
    results.write_text("\n".join([TIE_RESULTS.splitlines()[0], f"nation,X,,valid_votes,,{total},", *lines]) + "\n")
    certificate, _ = build(str(rules), str(results))
    assert b'"6000000000000000001"' in certificate.data and b"6000000000000000001," not in certificate.data
    report = check_certificate(certificate.data)
    assert report.holds and report.witnesses >= 2


TIE_LAW = """ballotlaw 1

election "A tie for the last seat"
  jurisdiction "Example"
end

source law "An example law" "https://example.org/law"

level nation
count valid_votes on nation   [law]
votes on nation   [law]

contest chamber "Chamber"
  lists compete in the nation   [law]
  seats 2   [law]
  allocate by d'hondt divisors   [law]
  ties broken by lot   [law]
  valid at any turnout   [law]
end
"""
TIE_RESULTS = """level,unit,parent,count,selection,value,source
nation,X,,valid_votes,,200,
nation,X,,votes,A,100,
nation,X,,votes,B,50,
nation,X,,votes,C,50,
"""


def test_a_wide_csv_is_certified_with_its_mapping(tmp_path: Path) -> None:
    """Item 1: the mapping of a wide CSV is an input too, named and hashed; `recheck --rules` finds it by its
    name, and a mapping the certificate does not name is a failure."""
    rules = ROOT / "rules" / "ru" / "state-duma-precinct-protocol-2018.rules"
    wide = ROOT / "docs" / "examples" / "ru-precinct-protocols-wide.csv"
    mapping = ROOT / "docs" / "examples" / "ru-precinct-mapping.json"
    code, output = invoke("certify", rules, wide, "--mapping", mapping, "-o", tmp_path / "c")
    assert code == 1 and "C110" in output  # the example's protocols hold two errors on purpose
    code, output = invoke("certify", rules, wide, "--mapping", mapping, "-o", tmp_path / "c", "--accept-data-errors")
    assert code == 0, output
    document = json.loads((tmp_path / "c" / "certificate.json").read_text(encoding="utf-8"))
    assert [f["role"] for f in document["inputs"]["files"]] == ["rules", "results", "mapping"]
    assert document["inputs"]["files"][2]["name"] == "../../docs/examples/ru-precinct-mapping.json"
    code, output = invoke("recheck", tmp_path / "c", "--rules", rules, "--accept-data-errors")
    assert code == 0 and "input mapping `../../docs/examples/ru-precinct-mapping.json`: its SHA-256 holds" in output
    code, output = invoke("certify", KG_RULES, KG_RESULTS, "-o", tmp_path / "k")
    code, output = invoke("recheck", tmp_path / "k", "--rules", KG_RULES, "--mapping", mapping)
    assert code == 1 and "a mapping was given, but the certificate names none" in output


def test_the_report_is_written_beside_the_certificate_and_names_its_digest(tmp_path: Path) -> None:
    """`certify` also writes report.html (read-only, atomically with the rest): the report of the same outcome,
    naming the certificate's digest and file hash; certifying again into the folder replaces all of it."""
    for _time in range(2):
        code, output = invoke("certify", KG_RULES, KG_RESULTS, "--output", tmp_path)
        assert code == 0, output
    document = json.loads((tmp_path / "certificate.json").read_bytes())
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert document["digest"]["value"] in page and "certificate (digest)" in page
    assert hashlib.sha256((tmp_path / "certificate.json").read_bytes()).hexdigest() in page
    assert "report.html" not in (tmp_path / "certificate.json").read_text(encoding="utf-8")
    assert not os.stat(tmp_path / "report.html").st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)

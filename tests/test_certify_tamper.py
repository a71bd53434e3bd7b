"""Issue 15, item 4: one changed byte in the Kyrgyz certificate, its rule file (and the earlier version it
amends) or its results file is detected by `recheck`, which names what differs. The certificate is larger than
2,000 bytes, so a seeded sample of 2,000 positions (with its first and last bytes and every byte of the digest)
is changed in turn; every byte of the inputs is. Most positions are re-checked in the process (the checker's
digest and the inputs' hashes, as `recheck` runs them); one position of each file goes through the command."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ballotlaw.certify import build
from ballotlaw.recheck import check_certificate, check_input

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "kg" / "jogorku-kenesh-2021.rules"
AMENDED = ROOT / "rules" / "kg" / "jogorku-kenesh-2015.rules"
RESULTS = ROOT / "data" / "kg" / "2021" / "results.csv"
SAMPLE = 2000


def _changed(data: bytes, position: int, draw: random.Random) -> bytes:
    """`data` with the byte at `position` replaced by another value."""
    return data[:position] + bytes([data[position] ^ draw.randint(1, 255)]) + data[position + 1 :]


@pytest.fixture(scope="module")
def certificate() -> bytes:
    made, _ = build(str(RULES), str(RESULTS))
    assert check_certificate(made.data).holds
    return made.data


def test_every_sampled_byte_of_the_certificate(certificate: bytes) -> None:
    draw = random.Random(2021)
    start = certificate.index(b'"value":"') + len(b'"value":"')
    positions = {0, len(certificate) - 1, *range(start, start + 64), *draw.sample(range(len(certificate)), SAMPLE)}
    passed = [p for p in sorted(positions) if check_certificate(_changed(certificate, p, draw)).holds]
    assert passed == []


@pytest.mark.parametrize(
    ("role", "name", "path"),
    [
        ("rules", "jogorku-kenesh-2021.rules", RULES),
        ("amended", "jogorku-kenesh-2015.rules", AMENDED),
        ("results", "../../data/kg/2021/results.csv", RESULTS),
    ],
)
def test_every_byte_of_each_input(certificate: bytes, role: str, name: str, path: Path) -> None:
    document = json.loads(certificate)
    data = path.read_bytes()
    assert check_input(document, role, name, data) is None
    draw = random.Random(role)
    missed = [p for p in range(len(data)) if check_input(document, role, name, _changed(data, p, draw)) is None]
    assert missed == []


def _recheck(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ballotlaw.cli", "recheck", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_recheck_names_the_changed_file(tmp_path: Path, certificate: bytes) -> None:
    """Through the command: a copy of the law's folder and of the results; one byte changed in each file in
    turn makes `recheck` exit 1 and name that file."""
    rules_folder, data_folder = tmp_path / "rules" / "kg", tmp_path / "data" / "kg" / "2021"
    rules_folder.mkdir(parents=True)
    data_folder.mkdir(parents=True)
    for source in (RULES, AMENDED):
        shutil.copy(source, rules_folder / source.name)
    shutil.copy(RESULTS, data_folder / RESULTS.name)
    cert = tmp_path / "certificate.json"
    cert.write_bytes(certificate)
    rules = rules_folder / RULES.name
    assert _recheck(cert, "--rules", rules, cwd=tmp_path).returncode == 0
    draw = random.Random(15)
    for path, named in [
        (rules, "input rules `jogorku-kenesh-2021.rules`"),
        (rules_folder / AMENDED.name, "input amended `jogorku-kenesh-2015.rules`"),
        (data_folder / RESULTS.name, "input results `../../data/kg/2021/results.csv`"),
        (cert, "FAILED: certificate: "),
    ]:
        original = path.read_bytes()
        path.write_bytes(_changed(original, draw.randrange(len(original)), draw))
        done = _recheck(cert, "--rules", rules, cwd=tmp_path)
        assert done.returncode == 1 and named in done.stdout, (path, done.stdout, done.stderr)
        path.write_bytes(original)

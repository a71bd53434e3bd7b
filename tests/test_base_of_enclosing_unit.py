"""A threshold whose base is the count of an enclosing unit (`0.5% of registered_voters of the nation in every
region`): measured against the nation's register in every region, decided from bounds where the register is not
published, not evaluated without the nation, witnessed in the certificate and re-checked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ballotlaw.certify.build import build, seal
from ballotlaw.recheck import check_certificate
from conftest import run_cli
from support.builders import PREAMBLE

LAW = (
    PREAMBLE
    + """
level nation
level region: 2 units   [act Art. 2]
count registered_voters on nation, region, may be not published   [act Art. 3]
count valid_votes on nation, region   [act Art. 3]
votes on nation, region   [act Art. 3]

contest house "The house"
  lists compete in the nation   [act Art. 4]
  seats 10   [act Art. 4]
  national: threshold at least 5% of registered_voters nationally   [act Art. 5]
  regional: threshold at least 0.5% of registered_voters of the nation in every region   [act Art. 5]
  allocate by hare quota and largest remainders   [act Art. 6]
  ties broken by lot   [act Art. 7]
  valid at any turnout   [act Art. 8]
end
"""
)


def _rows(level: str, unit: str, parent: str, registered: int | str | None, valid: int, **votes: int) -> list[str]:
    rows = [f"{level},{unit},{parent},valid_votes,,{valid},"]
    if registered is not None:
        rows.append(f"{level},{unit},{parent},registered_voters,,{registered},")
    return rows + [f"{level},{unit},{parent},votes,{k},{v}," for k, v in votes.items()]


NATION = _rows("nation", "N", "", 200000, 50000, A=24000, B=14000, C=12000)
REGIONS = [
    *_rows("region", "R1", "N", 150000, 40000, A=18000, B=10600, C=11400),
    *_rows("region", "R2", "N", 50000, 10000, A=6000, B=3400, C=600),
]


def _files(tmp_path: Path, rows: list[str]) -> tuple[str, str]:
    law = tmp_path / "law.rules"
    law.write_text(LAW, encoding="utf-8")
    data = tmp_path / "results.csv"
    data.write_text("level,unit,parent,count,selection,value,source\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return str(law), str(data)


def _run(tmp_path: Path, rows: list[str]) -> dict[str, Any]:
    ran = run_cli("run", *_files(tmp_path, rows), "--json")
    assert ran.code in (0, 1), ran.stderr
    found: dict[str, Any] = json.loads(ran.stdout)
    return found


def _lists(outcome: dict[str, Any]) -> dict[str, dict[str, Any]]:
    (unit,) = outcome["contests"][0]["units"]
    return {s["id"]: s for s in unit["selections"]}


def test_the_nations_register_is_the_base_in_every_region(tmp_path: Path) -> None:
    """C's 600 votes in R2 are 1.2% of R2's register but below 0.5% of the nation's (1,000): C fails there."""
    lists = _lists(_run(tmp_path, NATION + REGIONS))
    assert lists["C"]["qualified"] == "no"
    regional = next(t for t in lists["C"]["tests"] if t["clause"] == "house.regional")
    assert regional["result"] == "failed"
    assert {name: s["seats"] for name, s in lists.items()} == {"A": 6, "B": 4, "C": 0}


def test_exactly_the_share_of_the_nations_register_passes(tmp_path: Path) -> None:
    """1,000 votes in R2 are exactly 0.5% of 200,000: C passes there (a share equal to it passes)."""
    regions = [
        *_rows("region", "R1", "N", 150000, 40000, A=18000, B=11000, C=11000),
        *_rows("region", "R2", "N", 50000, 10000, A=6000, B=3000, C=1000),
    ]
    lists = _lists(_run(tmp_path, NATION + regions))
    assert lists["C"]["qualified"] == "yes"


def test_the_regions_own_register_does_not_matter(tmp_path: Path) -> None:
    """The regions' registers not published: the nation's is the base, so the test is decided all the same."""
    regions = [
        *_rows("region", "R1", "N", "not published", 40000, A=18000, B=10600, C=11400),
        *_rows("region", "R2", "N", "not published", 10000, A=6000, B=3400, C=600),
    ]
    lists = _lists(_run(tmp_path, NATION + regions))
    assert lists["C"]["qualified"] == "no" and lists["A"]["qualified"] == "yes"


def test_without_the_nations_register_the_test_is_not_evaluated(tmp_path: Path) -> None:
    """The nation's register not published and nothing bounding it: the regional test is not evaluated for C, whose
    600 votes in R2 might or might not reach it; never decided on a guess."""
    nation = _rows("nation", "N", "", "not published", 50000, A=24000, B=14000, C=12000)
    lists = _lists(_run(tmp_path, nation + REGIONS))
    regional = next(t for t in lists["C"]["tests"] if t["clause"] == "house.regional")
    assert regional["result"] == "not evaluated"


def test_the_certificate_witnesses_the_nations_register_and_is_rechecked(tmp_path: Path) -> None:
    """Every measure of the regional threshold states the nation's register as its base; the recheck holds, and
    a forged base (the region's own register) is found."""
    law, data = _files(tmp_path, NATION + REGIONS)
    assert run_cli("certify", law, data, "-o", str(tmp_path / "cert")).code == 0
    checked = run_cli("recheck", str(tmp_path / "cert"), "--rules", law, "--results", data)
    assert checked.code == 0, checked.stdout + checked.stderr
    document = json.loads((tmp_path / "cert" / "certificate.json").read_text(encoding="utf-8"))
    regional = [w for w in document["witnesses"] if w["type"] == "threshold" and w["clause"] == "house.regional"]
    assert regional and all(w["base_level"] == "nation" for w in regional)
    assert {m["base"] for w in regional for m in w["measures"]} == {200000}
    failing = next(w for w in regional if w["selection"] == "C")
    certificate, _ = build(law, data)
    forged = json.loads(certificate.data)
    witness = next(w for w in forged["witnesses"] if w.get("clause") == "house.regional" and w["selection"] == "C")
    assert witness["result"] == failing["result"] == "failed"
    for measure in witness["measures"]:
        measure["base"] = 50000 if measure["unit"] == "R2" else 150000  # each region's own register
    assert check_certificate(seal(forged).data).failures != []

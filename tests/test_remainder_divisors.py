"""The seats left over by D'Hondt on the remainders, after a quota raised to the next whole number (Liechtenstein,
Volksrechtegesetz Arts. 55-56): the kernel against the definition written out, and a certificate re-checked."""

from __future__ import annotations

import json
import random
from fractions import Fraction
from pathlib import Path

from ballotlaw.certify.build import build, seal
from ballotlaw.methods.kernels import QuotaMethod, allocate
from ballotlaw.recheck import check_certificate
from conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent

METHOD = QuotaMethod(
    name="the quota of votes over seats plus 1 raised to the next whole number, with d'hondt divisors on the "
    "remainders",
    quota_offset=1,
    quota_rounding="down_plus_one",
    leftover="d'hondt on the remainders",
)


def _definition(votes: dict[str, int], seats: int) -> dict[str, int] | None:
    """Art. 55-56 written out: the Wahlzahl is the votes over the seats plus one, raised to the next whole number
    in every case; whole Wahlzahlen, then the seats left one at a time to the highest remainder / (k + 1). None
    where two claims are equal at a seat (the law's tie rule decides)."""
    total = sum(votes.values())
    quota = total // (seats + 1) + 1
    result = {name: v // quota for name, v in votes.items()}
    remainders = {name: v - result[name] * quota for name, v in votes.items()}
    taken = dict.fromkeys(votes, 0)
    for _ in range(seats - sum(result.values())):
        claims = {name: Fraction(r, taken[name] + 1) for name, r in remainders.items() if r > 0}
        best = max(claims.values())
        if list(claims.values()).count(best) > 1:
            return None
        winner = next(name for name, claim in claims.items() if claim == best)
        taken[winner] += 1
        result[winner] += 1
    return result


def test_the_kernel_is_the_definition_on_random_elections() -> None:
    rng = random.Random(2025)
    compared = 0
    for _ in range(3000):
        names = [f"L{i}" for i in range(rng.randint(2, 8))]
        votes = {name: rng.randint(1, 5000) for name in names}
        seats = rng.randint(1, 25)
        expected = _definition(votes, seats)
        if expected is None:
            continue
        found = allocate(METHOD, votes, seats, names)
        assert found.tied == () and found.seats == expected, (votes, seats)
        compared += 1
    assert compared > 2500


def test_a_list_may_take_two_of_the_seats_left() -> None:
    """Wahlzahl 561 over 6,160 votes and 10 seats: F's remainder 560, then 280, beats A's 277."""
    votes = {"A": 1960, "B": 1360, "C": 770, "D": 770, "E": 740, "F": 560}
    found = allocate(METHOD, votes, 10, list(votes))
    assert found.seats == {"A": 3, "B": 2, "C": 1, "D": 1, "E": 1, "F": 2}
    assert found.details["quota"] == 561


VOTES = {"A": 1960, "B": 1360, "C": 770, "D": 770, "E": 740, "F": 560}


def test_the_certificate_is_rechecked_and_a_forged_seat_is_found(tmp_path: Path) -> None:
    """Liechtenstein's law on the votes of its example `two_left_to_one` (in Unterland alone)."""
    law = str(ROOT / "rules" / "li" / "landtag-2025.rules")
    data = tmp_path / "results.csv"
    rows = [f"{level},{unit},{parent},valid_votes,,6160," for level, unit, parent in _UNITS]
    rows += [
        f"{level},{unit},{parent},votes,{name},{v}," for level, unit, parent in _UNITS for name, v in VOTES.items()
    ]
    data.write_text("level,unit,parent,count,selection,value,source\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert run_cli("certify", law, str(data), "-o", str(tmp_path / "cert")).code == 0
    checked = run_cli("recheck", str(tmp_path / "cert"), "--rules", law, "--results", str(data))
    assert checked.code == 0, checked.stdout + checked.stderr
    certificate, _ = build(law, str(data))
    document = json.loads(certificate.data)
    assert check_certificate(certificate.data).failures == []
    seats = next(w for w in document["witnesses"] if w["type"] == "seats" and w["unit"] == "Unterland")
    assert seats["stages"][0]["divisor"] == "557/2"  # between F's 280 and A's 277
    for stage in seats["stages"]:
        stage["result"]["F"], stage["result"]["A"] = 1, 4  # largest remainders' answer
    failures = check_certificate(seal(document).data).failures
    assert any("seats left over" in failure for failure in failures), failures


_UNITS = (("nation", "Liechtenstein", ""), ("district", "Unterland", "Liechtenstein"))

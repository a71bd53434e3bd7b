"""District mandates by whole quotas and one more for a part of a quota, and the seats the districts leave as
compensation seats, each list's series continued after its district seats (Estonia, Riigikogu Election Act
§ 62(3)-(5)). The figures of the first tests are worked by hand in their docstrings; the property holds the engine
to a definition written here from the Act's words, one seat at a time in exact fractions."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ballotlaw.api import load_law_text
from ballotlaw.certify.build import build, seal
from ballotlaw.recheck import check_certificate
from conftest import run_cli
from support.builders import PREAMBLE, outcome_of, write_files

DISTRICTS = (
    "  allocate by the quota of valid_votes over seats plus 0, with full quotas and one more seat for a remainder of "
    "at least 75% of a quota   [act § 62(3)]\n"
)
TIER = (
    "  the seats left over as adjustment seats for lists with at least 5% of valid_votes nationally, by d'hondt "
    "divisors, each list's series continued after its district seats   [act § 62(5)]\n"
)


def _law(
    seats: str = 'seats 5 in "D1", 4 in "D2"', districts: str = DISTRICTS, tier: str = TIER, extra: str = ""
) -> str:
    return (
        PREAMBLE
        + f"""
level nation
level district   [act § 1]
count valid_votes on nation, district   [act § 62(1)]
votes on nation, district   [act § 62(3)]

contest house "Districts and compensation seats"
  lists compete in every district   [act § 62]
  {seats}   [act § 1]
  threshold at least 5% of valid_votes nationally   [act § 62(3)]
{districts}{tier}{extra}  ties broken by more votes, then lot   [act § 62(5)]
  valid at any turnout   [act § 63]
end
"""
    )


def _rows(districts: dict[str, dict[str, int]]) -> list[str]:
    """The nation's figures are the districts' added up."""
    nation: dict[str, int] = {}
    rows = []
    for unit, votes in districts.items():
        rows.append(f"district,{unit},N,valid_votes,,{sum(votes.values())},")
        rows += [f"district,{unit},N,votes,{name},{value}," for name, value in votes.items()]
        for name, value in votes.items():
            nation[name] = nation.get(name, 0) + value
    rows.append(f"nation,N,,valid_votes,,{sum(nation.values())},")
    return rows + [f"nation,N,,votes,{name},{value}," for name, value in nation.items()]


WORKED = {
    "D1": {"A": 4700, "B": 3600, "C": 1100, "D": 600},
    "D2": {"A": 3900, "B": 1500, "C": 2100, "D": 500},
}


def _run(tmp_path: Path, law: str, districts: dict[str, dict[str, int]]) -> dict[str, Any]:
    ran = run_cli("run", *write_files(tmp_path, _rows(districts), law), "--json")
    assert ran.code in (0, 1), ran.stderr
    contest: dict[str, Any] = json.loads(ran.stdout)["contests"][0]
    return contest


def _seats(contest: dict[str, Any]) -> dict[str, dict[str, int]]:
    return {u["unit"]: {s["id"]: s["seats"] for s in u["selections"]} for u in contest["units"]}


def test_the_worked_example(tmp_path: Path) -> None:
    """D1 (quota 2,000): A 2 (remainder 35%), B 1 + 1 (80%), C 0 (55%), D 0: one seat left. D2 (quota 2,000): A 1 + 1
    (95%), B 0 + 1 (exactly 75%), C 1, D 0. The seat left: A 8,600 / 5 = 1,720 above C 3,200 / 2 = 1,600, B 5,100 /
    4 = 1,275 and D 1,100 / 1."""
    contest = _run(tmp_path, _law(), WORKED)
    assert _seats(contest) == {"D1": {"A": 2, "B": 2, "C": 0, "D": 0}, "D2": {"A": 2, "B": 1, "C": 1, "D": 0}}
    assert {a["selection"]: a["adjustment_seats"] for a in contest["adjustment"]} == {"A": 1, "B": 0, "C": 0, "D": 0}
    assert contest["status"] == "elected"


def test_a_list_over_its_share_and_the_other_reading(tmp_path: Path) -> None:
    """D1 (4 seats, quota 1,000): A 2,400 (2, 40%), B 775 (77.5%: 1), C 825 (82.5%: 1); D2 (4 seats): A 2,400 (2),
    B 775 (1), C 400, D 425: one seat left. Nationally A 4,800, B 1,550, C 1,225, D 425 (5.3%). B won 2 where
    D'Hondt over 8 gives it 1. Continued: A 4,800 / 5 = 960 above C 1,225 / 2, B 1,550 / 3 and D 425: A. Written as
    a share of all the seats (without `, each list's series continued ...`): B is set aside with its 2, A, C and D
    share 6 (4,800, 2,400, 1,600, 1,225, 1,200, 960): A 5, C 1: again one more for A, as the Act's reading gives."""
    districts = {"D1": {"A": 2400, "B": 775, "C": 825}, "D2": {"A": 2400, "B": 775, "C": 400, "D": 425}}
    law = _law(seats='seats 4 in "D1", 4 in "D2"')
    contest = _run(tmp_path, law, districts)
    assert _seats(contest) == {"D1": {"A": 2, "B": 1, "C": 1}, "D2": {"A": 2, "B": 1, "C": 0, "D": 0}}
    assert {a["selection"]: a["adjustment_seats"] for a in contest["adjustment"]} == {"A": 1, "B": 0, "C": 0, "D": 0}
    shared = _run(tmp_path, law.replace(", each list's series continued after its district seats", ""), districts)
    assert {a["selection"]: a["adjustment_seats"] for a in shared["adjustment"]} == {"A": 1, "C": 0, "D": 0}


def test_more_lists_reach_the_part_than_seats_are_left(tmp_path: Path) -> None:
    """A district of 4 seats, quota 1,000: A, B, C, D hold 800, 790, 780 and 1,630 (one quota and 63%): no whole
    quota but D's; A, B and C reach 75% for the 3 seats left, and do, by their remainders. With 2 seats (quota
    2,000): D 1,630 is 81.5%, A 800 40%: D only, one seat left over."""
    contest = _run(tmp_path, _law(seats='seats 4 in "D1"'), {"D1": {"A": 800, "B": 790, "C": 780, "D": 1630}})
    assert _seats(contest) == {"D1": {"A": 1, "B": 1, "C": 1, "D": 1}}
    contest = _run(tmp_path, _law(seats='seats 2 in "D1"'), {"D1": {"A": 800, "B": 790, "C": 780, "D": 1630}})
    assert _seats(contest)["D1"] == {"A": 0, "B": 0, "C": 0, "D": 1}
    assert {a["selection"]: a["adjustment_seats"] for a in contest["adjustment"]} == {"A": 0, "B": 0, "C": 0, "D": 1}


@pytest.mark.parametrize(
    ("law", "code", "message"),
    [
        (_law(districts="  allocate by d'hondt divisors   [act]\n"), "E402", "leave none over"),
        (_law(districts=DISTRICTS.replace("75%", "100%")), "E220", "a remainder is less than a quota"),
        (_law(districts=DISTRICTS.replace("75%", "0%")), "E220", "is every remainder"),
        (_law(tier=TIER.replace("d'hondt divisors", "hare quota and largest remainders")), "E406", "no series"),
        (_law(tier=TIER.replace("its district seats", "its nation seats")), "E406", "not in `nation`"),
        (
            _law(tier="", extra="  seats left over pooled nationally by hare quota and largest remainders   [act]\n"),
            "E406",
            "no votes left to pool",
        ),
    ],
)
def test_what_it_needs(tmp_path: Path, law: str, code: str, message: str) -> None:
    """Seats left over need district seats that leave some; a part of a quota is more than 0 and less than one,
    its seats left over go to the tier; a series continues for a divisor method, after the units of competition."""
    rules, _ = write_files(tmp_path, [], law)
    checked = run_cli("check", rules)
    out = checked.stdout + checked.stderr
    assert checked.code == 1 and code in out and message in out, out


def test_the_trace_and_the_certificate(tmp_path: Path) -> None:
    """The round names the part and the seats left over, the tier each list's district and new seats, in three
    languages; the checker re-decides both (a forged tier is found)."""
    rules, data = write_files(tmp_path, _rows(WORKED), _law())
    english = run_cli("explain", rules, data).stdout
    assert "one more seat for a remainder of at least 75% of the quota: B; seats: A 2, B 2, C 0, D 0; 1 seat" in english
    assert "1 seat by each list's next average after its district seats: A 4 + 1, B 3 + 0, C 1 + 0, D 0 + 0" in english
    assert "после его мандатов в округах" in run_cli("explain", rules, data, "--lang", "ru").stdout
    assert "кийинки тийиндиси боюнча" in run_cli("explain", rules, data, "--lang", "ky").stdout
    assert run_cli("certify", rules, data, "-o", str(tmp_path / "cert")).code == 0
    checked = run_cli("recheck", str(tmp_path / "cert"), "--rules", rules, "--results", data)
    assert checked.code == 0 and "not re-checked (1)" in checked.stdout, checked.stdout + checked.stderr
    certificate, _ = build(rules, data)
    assert check_certificate(certificate.data).failures == []
    forged = json.loads(certificate.data)
    (tier,) = [w for w in forged["witnesses"] if w.get("type") == "adjustment"]
    assert tier["continued"] is True and tier["rounds"][0]["held"] == {"A": 4, "B": 3, "C": 1, "D": 0}
    tier["rounds"][0]["result"] = {"A": 0, "B": 0, "C": 1, "D": 0}
    assert check_certificate(seal(forged).data).failures != []
    forged = json.loads(certificate.data)
    composed = [w for w in forged["witnesses"] if w.get("type") == "seats"]
    assert len(composed) == 2 and all(w["stages"] for w in composed)  # each district's seats composed, re-checked


# ---- the property: the engine against the Act's words -------------------------------------------------------


def _by_the_act(
    districts: dict[str, dict[str, int]], seats: dict[str, int]
) -> tuple[dict[str, dict[str, int]], dict[str, int]] | None:
    """District mandates and compensation mandates as § 62 words them, one seat at a time in exact fractions (None
    where equal remainders or averages would need the tie rule)."""
    nation: dict[str, int] = {}
    for votes in districts.values():
        for name, value in votes.items():
            nation[name] = nation.get(name, 0) + value
    total = sum(nation.values())
    passing = [n for n in nation if 100 * nation[n] >= 5 * total]
    won: dict[str, dict[str, int]] = {}
    for unit, votes in districts.items():
        quota = Fraction(sum(votes.values()), seats[unit])
        given = {n: int(votes[n] // quota) if n in passing else 0 for n in votes}
        left = seats[unit] - sum(given.values())
        reach = sorted(
            (n for n in passing if n in votes and votes[n] - given[n] * quota >= quota * 3 / 4),
            key=lambda n: -(votes[n] - given[n] * quota),
        )
        if (
            len(reach) > left > 0
            and votes[reach[left - 1]] - given[reach[left - 1]] * quota
            == votes[reach[left]] - given[reach[left]] * quota
        ):
            return None
        for name in reach[: max(left, 0)]:
            given[name] += 1
        won[unit] = given
    held = {n: sum(w.get(n, 0) for w in won.values()) for n in passing}
    new = dict.fromkeys(passing, 0)
    for _ in range(sum(seats.values()) - sum(sum(w.values()) for w in won.values())):
        averages = {n: Fraction(nation[n], held[n] + new[n] + 1) for n in passing}
        best = max(averages.values())
        if list(averages.values()).count(best) > 1:
            return None
        new[next(n for n in passing if averages[n] == best)] += 1
    return won, new


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(st.integers(0, 3000), min_size=4, max_size=4), min_size=2, max_size=3),
    st.lists(st.integers(1, 9), min_size=3, max_size=3),
)
def test_the_engine_follows_the_act(
    tmp_path_factory: pytest.TempPathFactory, votes: list[list[int]], sizes: list[int]
) -> None:
    """Random elections of 2 or 3 districts and four lists: the engine's district and compensation seats are the
    Act's, and every seat is given."""
    districts = {f"D{i + 1}": dict(zip("ABCD", row, strict=True)) for i, row in enumerate(votes)}
    assume(all(sum(v.values()) > 0 for v in districts.values()))
    seats = {unit: sizes[i] for i, unit in enumerate(districts)}
    expected = _by_the_act(districts, seats)
    assume(expected is not None)
    assert expected is not None
    folder = tmp_path_factory.mktemp("act")
    listed = ", ".join(f'{n} in "{u}"' for u, n in seats.items())
    law, _ = load_law_text(_law(seats=f"seats {listed}"), "law.rules")
    assert law is not None
    _rules, data = write_files(folder, _rows(districts), "")
    outcome = outcome_of(law, data)
    (contest,) = outcome.contests
    won, new = expected
    for unit in contest.units:
        assert {s.id: s.seats or 0 for s in unit.selections} == {
            n: won[unit.unit].get(n, 0) for n in districts[unit.unit]
        }
    assert {a.selection: a.adjustment_seats for a in contest.adjustment} == new
    given_seats = sum(s.seats or 0 for u in contest.units for s in u.selections) + sum(new.values())
    assert given_seats == sum(seats.values()) or not new

"""Reasoning from the results' own arithmetic (issue 14, item 2): an unpublished figure is bounded by the published
figures around it (the lists' votes add up to at most the valid votes, those to at most the voters who took part,
and those to at most the registered voters; a unit's figure is its units' added up), and the data may state a
lower bound as it states an upper one. Every clause decides what those bounds decide, and says so.

Defect 1: the fallback "if fewer than N lists qualify" left every list undetermined when one list's votes were
only bounded, even where the bound decides the ranking.
Defect 2: a threshold whose base is not published was never decided, though the lists' published votes already
bound it from below.
Defect 3: the data could not state a lower bound (`not published (at least N)`).
Defect 4: the outcome said "(at most N each)" of a single figure, and "used only by other checks" of a threshold's
base that the bounds decided.
Defect 5: conditions (re-runs, validity) did not use the bounds the published figures give.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli

HEADER = "level,unit,parent,count,selection,value,source\n"

LAW = """ballotlaw 1

election "Test election"
  jurisdiction "Testland"
  law "Election Act"   [act]
  polling day 2024-01-01
end

source act "Election Act of Testland" "https://example.org/act"

level nation
level region: 2 units   [act Art. 2]

count registered_voters on nation, region, may be not published   [act Art. 3]
count voters_took_part on nation, region, may be not published   [act Art. 3]
count valid_votes on nation, region, may be not published   [act Art. 3]
votes on nation, region, may be not published   [act Art. 3]

contest national "National list tier"
  lists compete in the nation   [act Art. 4]
  seats 10   [act Art. 4]
  threshold at least 5% of voters_took_part nationally   [act Art. 5]
{extra}  allocate by hare quota and largest remainders   [act Art. 6]
  ties broken by lot   [act Art. 7]
  {validity}   [act Art. 9]
end
"""

FALLBACK = "  if fewer than 2 lists qualify, the 2 lists with the most votes qualify   [act Art. 5]\n"


def _files(tmp_path: Path, rows: list[str], extra: str = "", validity: str = "valid at any turnout") -> list[str]:
    law = tmp_path / "law.rules"
    law.write_text(LAW.format(extra=extra, validity=validity), encoding="utf-8")
    data = tmp_path / "results.csv"
    data.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return [str(law), str(data)]


def _run(tmp_path: Path, rows: list[str], extra: str = "", validity: str = "valid at any turnout") -> dict[str, Any]:
    ran = run_cli("run", *_files(tmp_path, rows, extra, validity), "--json")
    assert ran.code in (0, 1), ran.stderr
    found: dict[str, Any] = json.loads(ran.stdout)
    return found


def _unit(outcome: dict[str, Any]) -> dict[str, Any]:
    unit: dict[str, Any] = outcome["contests"][0]["units"][0]
    return unit


def _qualified(outcome: dict[str, Any]) -> dict[str, str]:
    return {s["id"]: s["qualified"] for s in _unit(outcome)["selections"]}


def _seats(outcome: dict[str, Any]) -> dict[str, int]:
    return {s["id"]: s["seats"] for s in _unit(outcome)["selections"]}


def test_fallback_ranks_a_list_by_its_published_bound(tmp_path: Path) -> None:
    """Defect 1: A has 40 votes, B at most 39: the fallback's second place is A's, and B stays out."""
    rows = [
        "nation,N,,voters_took_part,,2000,",
        "nation,N,,votes,Big,1000,",
        "nation,N,,votes,A,40,",
        "nation,N,,votes,B,not published (at most 39),",
    ]
    outcome = _run(tmp_path, rows, FALLBACK)
    assert _qualified(outcome) == {"Big": "yes", "A": "yes", "B": "no"}
    assert _seats(outcome) == {"Big": 10, "A": 0, "B": 0}
    assert outcome["status"] == "elected"


def test_fallback_is_not_decided_where_a_bound_allows_a_tie(tmp_path: Path) -> None:
    """Defect 1: B at most 40 may tie A's 40 for the last place: neither is decided, neither is excluded."""
    rows = [
        "nation,N,,voters_took_part,,2000,",
        "nation,N,,votes,Big,1000,",
        "nation,N,,votes,A,40,",
        "nation,N,,votes,B,not published (at most 40),",
    ]
    outcome = _run(tmp_path, rows, FALLBACK)
    assert _qualified(outcome) == {"Big": "yes", "A": "undetermined", "B": "undetermined"}
    assert outcome["status"] == "provisional"


def test_fallback_admits_the_lists_that_qualify_either_way(tmp_path: Path) -> None:
    """Defect 1: with the base unknown, Big and C may pass or fail; were either to fail, fewer than 2 qualify and
    the 2 with the most votes do, Big and C: they qualify in every case."""
    rows = [
        "nation,N,,voters_took_part,,not published,",
        "nation,N,,votes,Big,1000,",
        "nation,N,,votes,C,900,",
        "nation,N,,votes,A,40,",
        "nation,N,,votes,B,not published (at most 39),",
    ]
    outcome = _run(tmp_path, rows, FALLBACK)
    assert _qualified(outcome) == {"Big": "yes", "C": "yes", "A": "no", "B": "no"}
    assert _seats(outcome) == {"Big": 5, "C": 5, "A": 0, "B": 0}


def test_unpublished_base_is_at_least_the_lists_votes(tmp_path: Path) -> None:
    """Defect 2: the voters who took part are not published, but the lists' 1,940 votes are: A's 40 is below 5% of
    any base of at least 1,940, and the trace says where the bound comes from."""
    rows = [
        "nation,N,,voters_took_part,,not published,",
        "nation,N,,votes,Big,1000,",
        "nation,N,,votes,C,900,",
        "nation,N,,votes,A,40,",
    ]
    outcome = _run(tmp_path, rows)
    assert _qualified(outcome)["A"] == "no"
    test = next(s for s in _unit(outcome)["selections"] if s["id"] == "A")["tests"][0]
    assert test["result"] == "failed"
    assert "at least 1940" in test["detail"] and "votes of the lists" in test["detail"]


def test_unpublished_base_is_at_most_the_registered_voters(tmp_path: Path) -> None:
    """Defect 2: the base is not published; the valid votes bound it from below (1,940) and the registered voters
    from above (3,000): every list is decided, and the seats note says the base was decided on its bounds."""
    rows = [
        "nation,N,,registered_voters,,3000,",
        "nation,N,,voters_took_part,,not published,",
        "nation,N,,valid_votes,,1940,",
        "nation,N,,votes,Big,1000,",
        "nation,N,,votes,C,900,",
        "nation,N,,votes,A,40,",
    ]
    outcome = _run(tmp_path, rows)
    assert _qualified(outcome) == {"Big": "yes", "C": "yes", "A": "no"}
    assert outcome["status"] == "elected"
    note = _unit(outcome)["seats_note"]
    assert "voters_took_part (used only by other checks)" not in note
    assert "the exact value of voters_took_part" in note


def test_unpublished_votes_are_at_most_what_the_valid_votes_leave(tmp_path: Path) -> None:
    """Defect 2: B's votes are not published, but the valid votes (1,000) less the others' (980) leave it at most
    20, below 5% of 1,100."""
    rows = [
        "nation,N,,voters_took_part,,1100,",
        "nation,N,,valid_votes,,1000,",
        "nation,N,,votes,A,600,",
        "nation,N,,votes,C,380,",
        "nation,N,,votes,B,not published,",
    ]
    outcome = _run(tmp_path, rows)
    assert _qualified(outcome) == {"A": "yes", "C": "yes", "B": "no"}
    assert _seats(outcome) == {"A": 6, "C": 4, "B": 0}


def test_data_may_state_a_lower_bound(tmp_path: Path) -> None:
    """Defect 3: `not published (at least 200)` of 2,000 meets 5%; the seats wait for the figure itself."""
    rows = [
        "nation,N,,voters_took_part,,2000,",
        "nation,N,,votes,Big,1000,",
        "nation,N,,votes,A,not published (at least 200),",
    ]
    outcome = _run(tmp_path, rows)
    assert _qualified(outcome) == {"Big": "yes", "A": "yes"}
    assert outcome["status"] == "provisional"


def test_both_bounds_and_the_json_form(tmp_path: Path) -> None:
    """Defect 3: both bounds in CSV (quoted, or joined by `and`) and in JSON give the same outcome."""
    base = ["nation,N,,voters_took_part,,2000,", "nation,N,,votes,Big,1000,"]
    quoted = _run(tmp_path, [*base, 'nation,N,,votes,A,"not published (at least 50, at most 90)",'])
    joined = _run(tmp_path, [*base, "nation,N,,votes,A,not published (at least 50 and at most 90),"])
    law = tmp_path / "law.rules"
    data = tmp_path / "results.json"
    data.write_text(
        json.dumps(
            {
                "format": "ballotlaw.results",
                "version": 1,
                "units": [
                    {
                        "id": "N",
                        "level": "nation",
                        "counts": {"voters_took_part": 2000},
                        "votes": {"Big": 1000, "A": {"not_published": True, "at_least": 50, "at_most": 90}},
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    from_json = json.loads(run_cli("run", str(law), str(data), "--json").stdout)
    for outcome in (quoted, joined, from_json):
        assert _qualified(outcome) == {"Big": "yes", "A": "no"}  # at most 90 is below 100


def test_crossed_bounds_are_refused(tmp_path: Path) -> None:
    """Defect 3: a lower bound above the upper one is a data error naming the row, never a decision."""
    rows = ["nation,N,,voters_took_part,,2000,", "nation,N,,votes,A,not published (at least 60 and at most 50),"]
    ran = run_cli("run", *_files(tmp_path, rows))
    assert ran.refused("D160")
    assert "results.csv:3" in ran.stderr


def test_contradicting_bounds_decide_nothing(tmp_path: Path) -> None:
    """A stated lower bound above what the valid votes leave proves a figure wrong: the list is not decided on it
    (neither in nor out)."""
    rows = [
        "nation,N,,voters_took_part,,1100,",
        "nation,N,,valid_votes,,1000,",
        "nation,N,,votes,A,900,",
        "nation,N,,votes,B,not published (at least 200),",
    ]
    outcome = _run(tmp_path, rows)
    assert _qualified(outcome)["B"] == "undetermined"


def test_a_single_figure_is_not_at_most_each(tmp_path: Path) -> None:
    """Defect 4: one figure is "at most 39", several are "at most 39 each"."""
    rows = [
        "nation,N,,voters_took_part,,2000,",
        "nation,N,,votes,Big,1000,",
        "nation,N,,votes,A,40,",
        "nation,N,,votes,B,not published (at most 39),",
    ]
    one = run_cli("run", *_files(tmp_path, rows))
    assert "(at most 39)" in one.stdout and "at most 39 each" not in one.stdout
    two = run_cli("run", *_files(tmp_path, [*rows, "nation,N,,votes,C,not published (at most 39),"]))
    assert "(at most 39 each)" in two.stdout


def test_conditions_use_the_bounds(tmp_path: Path) -> None:
    """Defect 5: turnout is not published, but 1,940 valid votes of 3,000 registered voters already exceed 30%."""
    rows = [
        "nation,N,,registered_voters,,3000,",
        "nation,N,,voters_took_part,,not published,",
        "nation,N,,valid_votes,,1940,",
        "nation,N,,votes,Big,1000,",
        "nation,N,,votes,C,940,",
    ]
    outcome = _run(tmp_path, rows, validity="quorum: valid only if voters_took_part > 30% of registered_voters")
    check = _unit(outcome)["checks"][0]
    assert check["result"] == "valid"
    assert outcome["status"] == "elected"


COALITIONS = (
    "  coalitions: threshold at least 50% of valid_votes nationally for coalitions of 2 or more parties"
    "   [act Art. 5]\n"
)
EITHER_AND_PENDING = [
    "nation,N,,voters_took_part,,not published,",
    "nation,N,,valid_votes,,3000,",
    "nation,N,,votes,X,1000,",
    "nation,N,,votes,W,950,",
    "nation,N,,votes,Y,900,",
    "nation,N,,votes,Z,100,",
    "nation,N,,coalition_members,W,2,",
]


def test_fallback_admits_one_list_either_way_and_leaves_another_open(tmp_path: Path) -> None:
    """Defect 1: X and Y are undetermined (the base is not published); the coalition W fails its own threshold.
    Were X or Y to fail, fewer than 2 qualify and the 2 with the most votes, X and W, do: X qualifies either
    way, W only if the rule applies, Y by its threshold."""
    outcome = _run(tmp_path, EITHER_AND_PENDING, COALITIONS + FALLBACK)
    assert _qualified(outcome) == {"X": "yes", "W": "undetermined", "Y": "undetermined", "Z": "no"}


CERTIFIED = {
    "fallback_either_and_pending": (EITHER_AND_PENDING, COALITIONS + FALLBACK),
    "fallback_by_bound": (
        [
            "nation,N,,voters_took_part,,2000,",
            "nation,N,,votes,Big,1000,",
            "nation,N,,votes,A,40,",
            "nation,N,,votes,B,not published (at most 39),",
        ],
        FALLBACK,
    ),
    "fallback_tie_possible": (
        [
            "nation,N,,voters_took_part,,2000,",
            "nation,N,,votes,Big,1000,",
            "nation,N,,votes,A,40,",
            "nation,N,,votes,B,not published (at most 40),",
        ],
        FALLBACK,
    ),
    "fallback_either_way": (
        [
            "nation,N,,voters_took_part,,not published,",
            "nation,N,,votes,Big,1000,",
            "nation,N,,votes,C,900,",
            "nation,N,,votes,A,40,",
            "nation,N,,votes,B,not published (at most 39),",
        ],
        FALLBACK,
    ),
    "base_bounded": (
        [
            "nation,N,,registered_voters,,3000,",
            "nation,N,,voters_took_part,,not published,",
            "nation,N,,valid_votes,,1940,",
            "nation,N,,votes,Big,1000,",
            "nation,N,,votes,C,900,",
            "nation,N,,votes,A,40,",
        ],
        "",
    ),
}


@pytest.mark.parametrize("case", sorted(CERTIFIED))
def test_certificates_hold_what_the_bounds_decide(tmp_path: Path, case: str) -> None:
    """Decisions taken on bounds are witnessed with those bounds, and the independent checker confirms them."""
    rows, extra = CERTIFIED[case]
    law, data = _files(tmp_path, rows, extra)
    made = run_cli("certify", law, data, "-o", str(tmp_path / "cert"))
    assert made.code in (0, 1), made.stderr
    checked = run_cli("recheck", str(tmp_path / "cert"), "--rules", law, "--results", data)
    assert checked.code == 0, checked.stdout + checked.stderr


def test_a_lower_bound_is_shown(tmp_path: Path) -> None:
    """Defect 3: the text outcome shows a stated lower bound in the table and in the list of figures not
    published, never as a bare "not published"."""
    rows = [
        "nation,N,,voters_took_part,,2000,",
        "nation,N,,votes,Big,1000,",
        'nation,N,,votes,A,"not published (at least 200, at most 300)",',
    ]
    ran = run_cli("run", *_files(tmp_path, rows))
    assert "not published (>= 200, <= 300)" in ran.stdout
    assert "not published (at least 200, at most 300): A" in ran.stdout


def test_crossed_bounds_in_an_example_are_refused(tmp_path: Path) -> None:
    """Defect 3: an example block states bounds as the results do; crossed ones are E311 at the figure."""
    law = tmp_path / "law.rules"
    law.write_text(
        LAW.format(extra="", validity="valid at any turnout")
        + '\nexample swapped "Swapped"   [act]\n'
        + '  given nation "N": voters_took_part 2000, votes "A" not published (at least 300, at most 200)\n'
        + "  expect national: status provisional\nend\n",
        encoding="utf-8",
    )
    ran = run_cli("check", str(law))
    assert ran.refused("E311")
    assert "law.rules:29:" in ran.stdout + ran.stderr


SHARE_FALLBACK = (
    "  if the lists that qualify have less than 60% of voters_took_part, the lists with the most votes qualify "
    "until they have it   [act Art. 5]\n"
)


def test_share_fallback_not_needed_on_the_bound_of_its_base(tmp_path: Path) -> None:
    """Defect 2: the voters who took part are not published, but at most the 1,000 registered: the qualifying
    lists' 700 votes already hold 60% of any such base, so no list is added (and the certificate holds)."""
    rows = [
        "nation,N,,registered_voters,,1000,",
        "nation,N,,voters_took_part,,not published,",
        "nation,N,,votes,A,400,",
        "nation,N,,votes,B,300,",
        "nation,N,,votes,C,20,",
    ]
    outcome = _run(tmp_path, rows, SHARE_FALLBACK)
    assert _qualified(outcome) == {"A": "yes", "B": "yes", "C": "no"}
    law, data = _files(tmp_path, rows, SHARE_FALLBACK)
    assert run_cli("certify", law, data, "-o", str(tmp_path / "cert")).code == 0
    assert run_cli("recheck", str(tmp_path / "cert"), "--rules", law, "--results", data).code == 0


def test_a_figure_pinned_by_the_figures_around_it_is_exact(tmp_path: Path) -> None:
    """Defect 2: valid_votes is not published, but the lists' 1,000 votes and the 1,000 voters who took part pin
    it to 1,000: A's share is exact, 50%, and the sliding bonus is computed (20 + 50 whole steps, at most 50)."""
    bonus = (
        "  bonus 20 seats to the leading list with at least 25% of valid_votes nationally, 1 more seat for every "
        "further 0.5%, at most 50 seats   [act Art. 8]\n"
    )
    rows = [
        "nation,N,,voters_took_part,,1000,",
        "nation,N,,valid_votes,,not published,",
        "nation,N,,votes,A,500,",
        "nation,N,,votes,B,300,",
        "nation,N,,votes,C,200,",
    ]
    law = tmp_path / "law.rules"
    law.write_text(LAW.format(extra=bonus, validity="valid at any turnout").replace("seats 10", "seats 300"))
    data = tmp_path / "results.csv"
    data.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    outcome = json.loads(run_cli("run", str(law), str(data), "--json").stdout)
    assert _seats(outcome) == {"A": 175, "B": 75, "C": 50}
    assert outcome["status"] == "elected"


REGIONAL = "  regional: threshold at least 10% of valid_votes in {where}   [act Art. 5]\n"


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        # R1 is given, R2 is not: A's 30% there cannot fail `in every region` nor fail `in at least 2`, B's 5%
        # fails `in every region` whatever R2 holds; `in at least 1 region` is met by A in R1, and B could still
        # meet it in R2.
        ("every region", {"A": "undetermined", "B": "no"}),
        ("at least 1 region", {"A": "yes", "B": "undetermined"}),
        ("at least 2 region", {"A": "undetermined", "B": "no"}),
    ],
)
def test_the_units_given_decide_what_they_can(tmp_path: Path, where: str, expected: dict[str, str]) -> None:
    """Defect 6: a threshold measured in the units of a level the rule file counts (`level region: 2 units`) was
    never decided while one unit was missing, though the units given already decide some lists either way."""
    rows = [
        "nation,N,,registered_voters,,2000,",
        "nation,N,,voters_took_part,,1000,",
        "nation,N,,valid_votes,,1000,",
        "nation,N,,votes,A,600,",
        "nation,N,,votes,B,400,",
        "region,R1,N,valid_votes,,500,",
        "region,R1,N,votes,A,150,",
        "region,R1,N,votes,B,25,",
    ]
    found = _qualified(_run(tmp_path, rows, extra=REGIONAL.format(where=where)))
    assert {name: found[name] for name in expected} == expected
    rules, data = _files(tmp_path, rows, extra=REGIONAL.format(where=where))
    assert run_cli("certify", rules, data, "-o", str(tmp_path / "cert")).code == 0
    checked = run_cli("recheck", str(tmp_path / "cert"), "--rules", rules, "--results", data)
    assert checked.code == 0, checked.stdout  # the checker decides from the units given as the engine does

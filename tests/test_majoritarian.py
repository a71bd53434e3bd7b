"""Majorities, run-offs, recounts, cancelled registrations and questions, on constructed results."""

from __future__ import annotations

from pathlib import Path

import pytest

from ballotlaw.api import load_law_text
from ballotlaw.errors import RuleFileError
from ballotlaw.model import Law
from support.builders import HEADER, outcome_of, unit, write_csv


def law(
    clauses: str,
    competitors: str = "candidates compete in every district",
    validity: str = "  valid at any turnout   [act Art. 14]\n",
) -> Law:
    text = (
        HEADER
        + f"""
contest race "A race"
  {competitors}   [act Art. 10]
{clauses}{validity}end
"""
    )
    return load_law_text(text, "test.rules")[0]


def district(votes: dict[str, int], **counts: int) -> list[str]:
    rows = [f"district,D,,{name},,{value}," for name, value in counts.items()]
    return rows + [f"district,D,,votes,{c},{v}," for c, v in votes.items()]


TWO_ROUNDS = """  seats 1   [act Art. 10]
  majority: elect the leading candidate if votes of the leading candidate > 50% of the votes cast   [act Art. 11]
  runoff between candidates with at least 12.5% of registered_voters, or the top 2   [act Art. 12]
  ties broken by lot   [act Art. 13]
"""


def test_majority_elects_in_the_first_round(tmp_path: Path) -> None:
    rows = district({"A": 501, "B": 499}, registered_voters=4000)
    race = unit(outcome_of(law(TWO_ROUNDS), write_csv(tmp_path / "r.csv", rows)), "race", "D")
    assert race.status == "elected" and [s.id for s in race.selections if s.elected] == ["A"]


def test_exactly_half_is_no_majority_and_the_floor_takes_the_top_two(tmp_path: Path) -> None:
    # 12.5% of 8000 registered = 1000: nobody reaches it, so the top two go on.
    rows = district({"A": 500, "B": 300, "C": 200}, registered_voters=8000)
    race = unit(outcome_of(law(TWO_ROUNDS), write_csv(tmp_path / "r.csv", rows)), "race", "D")
    assert race.status == "runoff"
    assert {s.id: s.qualified for s in race.selections} == {"A": "yes", "B": "yes", "C": "no"}


def test_share_at_exactly_the_runoff_threshold_qualifies(tmp_path: Path) -> None:
    rows = district({"A": 450, "B": 300, "C": 250}, registered_voters=2000)  # 12.5% of 2000 = 250
    race = unit(outcome_of(law(TWO_ROUNDS), write_csv(tmp_path / "r.csv", rows)), "race", "D")
    assert [s.id for s in race.selections if s.qualified == "yes"] == ["A", "B", "C"]


@pytest.mark.parametrize(("b_votes", "status"), [(4950, "recount"), (4949, "elected")])
def test_recount_on_a_margin_of_at_most_half_a_percent(tmp_path: Path, b_votes: int, status: str) -> None:
    # A 5000, B 4950: margin 50 = 0.5% of 10,000... of 9,950 the two have: 0.5% of 9950 = 49.75 < 50 -> no;
    clauses = """  seats 1   [act Art. 10]
  elect by plurality   [act Art. 11]
  ties broken by lot   [act Art. 13]
  recount if the margin <= 0.5% of votes of the top two   [act Art. 15]
"""
    rows = district({"A": 5000, "B": b_votes})
    race = unit(outcome_of(law(clauses), write_csv(tmp_path / "r.csv", rows)), "race", "D")
    margin, top_two = 5000 - b_votes, 5000 + b_votes
    assert (race.status == "recount") == (margin * 200 <= top_two)


def test_cancelled_candidate_is_never_elected_and_large_annulment_forces_a_rerun(tmp_path: Path) -> None:
    clauses = """  seats 1   [act Art. 10]
  elect by plurality   [act Art. 11]
  ties broken by lot   [act Art. 13]
  annulled: rerun if votes of cancelled candidates > 1/3 of voters_took_part   [act Art. 16]
"""
    small = district({"A": 300, "B": 250, "C": 100}, voters_took_part=1000)
    small.append("district,D,,registration_cancelled,A,1,")
    race = unit(outcome_of(law(clauses), write_csv(tmp_path / "a.csv", small)), "race", "D")
    assert race.status == "elected" and [s.id for s in race.selections if s.elected] == ["B"]
    large = district({"A": 334, "B": 250, "C": 100}, voters_took_part=1000)  # 334 > 1000/3
    large.append("district,D,,registration_cancelled,A,1,")
    assert unit(outcome_of(law(clauses), write_csv(tmp_path / "b.csv", large)), "race", "D").status == "rerun"


def test_question_with_an_approval_quorum(tmp_path: Path) -> None:
    clauses = """  quorum: valid only if voters_took_part >= 25% of registered_voters   [act Art. 20]
  approve "yes" if votes for "yes" > votes for "no" and votes for "yes" >= 20% of registered_voters   [act Art. 21]
"""
    question = law(clauses, "options compete in every district", validity="")
    passed = write_csv(
        tmp_path / "a.csv", district({"yes": 200, "no": 100}, registered_voters=1000, voters_took_part=300)
    )
    assert unit(outcome_of(question, passed), "race", "D").status == "approved"
    short = write_csv(
        tmp_path / "b.csv", district({"yes": 199, "no": 100}, registered_voters=1000, voters_took_part=299)
    )
    assert unit(outcome_of(question, short), "race", "D").status == "rejected"
    void = write_csv(tmp_path / "c.csv", district({"yes": 200, "no": 40}, registered_voters=1000, voters_took_part=249))
    assert unit(outcome_of(question, void), "race", "D").status == "void"


@pytest.mark.parametrize(
    ("clauses", "competitors", "code"),
    [
        (
            "  seats 1   [act]\n  elect by plurality   [act]\n  ties broken by lot   [act]\n"
            '  approve "yes" if votes for "yes" > votes for "no"   [act]\n',
            "candidates compete in every district",
            "E406",
        ),
        ("  elect by plurality   [act]\n", "options compete in every district", "E406"),
        ("", "options compete in every district", "E402"),
    ],
)
def test_clauses_that_do_not_fit_the_contest(clauses: str, competitors: str, code: str) -> None:
    with pytest.raises(RuleFileError) as caught:
        law(clauses, competitors)
    assert code in [d.code for d in caught.value.diagnostics]

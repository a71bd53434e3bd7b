"""Properties of the sliding bonus and of the 60% rule on generated elections (Hypothesis): what the clauses
promise must hold for every result, not only for the worked examples."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ballotlaw.render.phrases import say
from support.builders import list_law, national_rows, outcome_of, unit, write_csv

SLIDING = list_law(
    seats=300,
    thresholds="",
    extra="  bonus 20 seats to the leading list with at least 25% of valid_votes nationally, 1 more seat for every"
    " further 0.5%, at most 50 seats   [act Art. 8]\n",
)
SIXTY = list_law(
    thresholds="  threshold at least 20% of voters_took_part nationally   [act Art. 5]\n",
    extra="  sixty: if the lists that qualify have less than 60% of voters_took_part, the lists with the most votes"
    " qualify until they have it   [act Art. 6]\n",
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
votes_st = st.lists(st.integers(min_value=0, max_value=100_000), min_size=2, max_size=6)


def _bonus(tmp: Path, votes: list[int]) -> int | None:
    table = {f"L{i}": v for i, v in enumerate(votes)}
    total = sum(votes)
    path = write_csv(tmp / "r.csv", national_rows(total, table, valid_votes=total))
    steps = [s for s in outcome_of(SLIDING, path).trace if s.kind == "bonus"]  # its test, then its decision
    if not steps or steps[-1].result == "not evaluated":
        return None
    if steps[-1].result == "no bonus":
        return 0
    return int(say(steps[-1].decision).rsplit(": ", 1)[1].split()[0])


@SETTINGS
@given(votes=votes_st, extra=st.integers(min_value=1, max_value=50_000))
def test_the_bonus_is_within_its_bounds_and_never_falls_when_the_leader_gains(
    tmp_path_factory: object, votes: list[int], extra: int
) -> None:
    tmp = tmp_path_factory.mktemp("b")  # type: ignore[attr-defined]
    if sum(votes) == 0 or votes.count(max(votes)) > 1:
        return  # no leader: the bonus is not evaluated (tested elsewhere)
    before = _bonus(tmp, votes)
    assert before is not None
    leader = votes.index(max(votes))
    share = Fraction(votes[leader], sum(votes))
    assert before == 0 if share < Fraction(1, 4) else 20 <= before <= 50
    gained = list(votes)
    gained[leader] += extra
    after = _bonus(tmp, gained)
    assert after is not None and after >= before


@SETTINGS
@given(votes=votes_st, invalid=st.integers(min_value=0, max_value=200_000))
def test_after_the_sixty_rule_the_lists_hold_60_percent_or_every_list_takes_part(
    tmp_path_factory: object, votes: list[int], invalid: int
) -> None:
    tmp = tmp_path_factory.mktemp("s")  # type: ignore[attr-defined]
    took_part = sum(votes) + invalid
    if took_part == 0:
        return
    table = {f"L{i}": v for i, v in enumerate(votes)}
    national = unit(outcome_of(SIXTY, write_csv(tmp / "r.csv", national_rows(took_part, table))), "national")
    qualified = [s for s in national.selections if s.qualified == "yes"]
    held = sum(s.votes.value or 0 for s in qualified)
    everyone = len(qualified) == len(national.selections)
    assert 100 * held >= 60 * took_part or everyone
    # No list out has more votes than a list in (lists join in order of votes).
    out = [s.votes.value or 0 for s in national.selections if s.qualified == "no"]
    assert not out or not qualified or max(out) <= min(s.votes.value or 0 for s in qualified)

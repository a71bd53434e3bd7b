"""Small builders for tests: a rule-file text with chosen clauses, and results CSV files."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ballotlaw.api import load_law_text
from ballotlaw.evaluate import evaluate
from ballotlaw.model import Law
from ballotlaw.outcome import Outcome, UnitOutcome
from ballotlaw.results.load import load_results

#: The language line, the election and its one source: what every test law starts with.
PREAMBLE = """ballotlaw 1

election "Test election"
  jurisdiction "Testland"
  law "Election Act"   [act]
  polling day 2024-01-01
end

source act "Election Act of Testland" "https://example.org/act"
"""

HEADER = (
    PREAMBLE
    + """
level nation
level region: 2 units   [act Art. 2]
level district   [act Art. 2]

count registered_voters on nation, district   [act Art. 3]
count voters_took_part on nation, region, district, may be not published   [act Art. 3]
count valid_votes on nation, region   [act Art. 3]
count against_all on nation, district, may be not published   [act Art. 3]
votes on nation, region, district, may be not published   [act Art. 3]
"""
)


def list_law(
    seats: int = 10,
    method: str = "hare quota and largest remainders",
    extra: str = "",
    thresholds: str = "  threshold at least 5% of voters_took_part nationally   [act Art. 5]\n",
    ties: str = "ties broken by lot",
) -> Law:
    text = (
        HEADER
        + f"""
contest national "National list tier"
  lists compete in the nation   [act Art. 4]
  seats {seats}   [act Art. 4]
{thresholds}  allocate by {method}   [act Art. 6]
  {ties}   [act Art. 7]
{extra}  valid at any turnout   [act Art. 9]
end
"""
    )
    law, _warnings = load_law_text(text, "test.rules")
    return law


def district_law(ties: str = "ties broken by earlier registration") -> Law:
    text = (
        HEADER
        + f"""
contest districts "Single-member districts"
  candidates compete in every district   [act Art. 10]
  seats 1   [act Art. 10]
  elect by plurality   [act Art. 11]
  {ties}   [act Art. 12]
  rerun if against_all > votes of the leading candidate   [act Art. 13]
  valid at any turnout   [act Art. 14]
end
"""
    )
    law, _warnings = load_law_text(text, "test.rules")
    return law


def write_csv(path: Path, rows: list[str]) -> str:
    path.write_text("level,unit,parent,count,selection,value,source\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def write_files(folder: Path, rows: list[str], law: str) -> tuple[str, str]:
    """`law.rules` holding `law` and `results.csv` holding `rows`, in `folder`: their paths."""
    rules = folder / "law.rules"
    rules.write_text(law, encoding="utf-8")
    return str(rules), write_csv(folder / "results.csv", rows)


def national_rows(took_part: int | str, votes: Mapping[str, int | str], **counts: int | str) -> list[str]:
    rows = [f"nation,N,,voters_took_part,,{took_part},"]
    rows += [f"nation,N,,{name},,{value}," for name, value in counts.items()]
    rows += [f"nation,N,,votes,{name},{value}," for name, value in votes.items()]
    return rows


def outcome_of(law: Law, path: str) -> Outcome:
    results, _warnings = load_results(law, path)
    return evaluate(law, results)


def unit(outcome: Outcome, contest: str, unit_id: str | None = None) -> UnitOutcome:
    found = outcome.contest(contest)
    assert found is not None
    if unit_id is None:
        assert len(found.units) == 1
        return found.units[0]
    return next(u for u in found.units if u.unit == unit_id)


def seats(u: UnitOutcome) -> dict[str, int | None]:
    return {s.id: s.seats for s in u.selections}


# The start of a rule file for lists competing in every district under a nation (tests of district tiers).
DISTRICTS_PREAMBLE = """\
ballotlaw 1
election "Lists in every district"
  jurisdiction "Testland"
  law "Act"   [act]
end
source act "Act" "https://example.org/act"
level nation
level district   [act]
count valid_votes "valid votes" on nation, district   [act]
votes "votes" on nation, district   [act]
"""


#: A contest of lists in every district with a national tier of adjustment seats (4% nationally, Sainte-Lague);
#: `{seats}`, `{extra}` adjustment seats and a `{placement}` line (or "") to fill in.
ADJUSTMENT_RULES = (
    DISTRICTS_PREAMBLE
    + """\
contest house "House"
  lists compete in every district   [act]
  seats {seats}   [act]
  allocate by d'hondt divisors   [act]
  adjustment: {extra} adjustment seats for lists with at least 4% of valid_votes nationally, \
by sainte-lague divisors   [act Art. 20]
{placement}  valid at any turnout   [act]
  ties broken by lot   [act]
end
"""
)

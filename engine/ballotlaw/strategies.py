"""Hypothesis strategies for developers' own tests: `results_for(law)` generates results for a rule file.

from hypothesis import given
from ballotlaw import load_law
from ballotlaw.strategies import results_for

LAW, _ = load_law("rules/kg/jogorku-kenesh-2021.rules")

@given(results_for(LAW))
def test_seats_never_exceed_the_house(results): ...
"""

from .verify.strategies import Case, Probe, cases_for, results_for

__all__ = ["Case", "Probe", "cases_for", "results_for"]

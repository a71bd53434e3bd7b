"""The allocation methods, tie rules and election rules a rule file may name, as data.

A rule file names a method by its phrase (`allocate by hare quota and largest remainders`); the checker
looks the phrase up here and suggests the nearest one when it is not found.
"""

from __future__ import annotations

from fractions import Fraction

from .kernels import AllocationMethod, DivisorMethod, QuotaMethod

METHODS: dict[str, AllocationMethod] = {
    "hare quota and largest remainders": QuotaMethod(
        name="hare quota and largest remainders",
        quota_offset=0,
        reference="Hare (Hamilton) quota: total votes / seats; seats left over go to the largest remainders",
    ),
    "droop quota and largest remainders": QuotaMethod(
        name="droop quota and largest remainders",
        quota_offset=1,
        quota_rounding="down_plus_one",
        reference="Droop quota: floor(total votes / (seats + 1)) + 1; seats left over to the largest remainders",
    ),
    "d'hondt divisors": DivisorMethod(
        name="d'hondt divisors",
        step=Fraction(1),
        offset=Fraction(1),
        reference="D'Hondt (Jefferson) highest averages: divisors 1, 2, 3, ...",
    ),
    "sainte-lague divisors": DivisorMethod(
        name="sainte-lague divisors",
        step=Fraction(2),
        offset=Fraction(1),
        reference="Sainte-Lague (Webster) highest averages: divisors 1, 3, 5, ...",
    ),
}

#: Tie rules, in the words a rule file uses, with what each compares.
TIE_RULES: dict[str, str] = {
    "more votes": "the selection with more votes comes first",
    "ballot order": "the selection with the lower ballot number comes first",
    "earlier registration": "the selection registered earlier comes first",
    "older candidate": "the older candidate comes first",
    "lot": "a lot drawn by the commission decides",
}

#: Rules for electing candidates in a unit.
ELECTION_RULES: dict[str, str] = {
    "plurality": "the candidate with the most votes is elected",
}

"""The allocation methods, tie rules and election rules a rule file may name, as data.

A rule file names a method by its phrase (`allocate by hare quota and largest remainders`); the checker
looks the phrase up here and suggests the nearest one when it is not found.
"""

from __future__ import annotations

from fractions import Fraction

from .kernels import AllocationMethod, DivisorMethod, QuotaMethod
from .ranked.rules import RANKED_RULES

METHODS: dict[str, AllocationMethod] = {
    "hare quota and largest remainders": QuotaMethod(
        name="hare quota and largest remainders",
        quota_offset=0,
        reference="Hare (Hamilton) quota: total votes / seats; seats left over go to the largest remainders",
    ),
    "hare quota rounded to a whole number and largest remainders": QuotaMethod(
        name="hare quota rounded to a whole number and largest remainders",
        quota_offset=0,
        quota_rounding="nearest",
        reference="Hare quota rounded to the nearest whole number (halves up); seats left over to the largest "
        "remainders; seats given beyond the total are taken back from the smallest remainders",
    ),
    "droop quota and largest remainders": QuotaMethod(
        name="droop quota and largest remainders",
        quota_offset=1,
        quota_rounding="down_plus_one",
        reference="Droop quota: floor(total votes / (seats + 1)) + 1; seats left over to the largest remainders",
    ),
    "hagenbach-bischoff quota and largest remainders": QuotaMethod(
        name="hagenbach-bischoff quota and largest remainders",
        quota_offset=1,
        reference="Hagenbach-Bischoff quota: total votes / (seats + 1); seats left over to the largest remainders; "
        "seats given beyond the total are taken back from the smallest remainders",
    ),
    "hagenbach-bischoff quota rounded up and largest remainders": QuotaMethod(
        name="hagenbach-bischoff quota rounded up and largest remainders",
        quota_offset=1,
        quota_rounding="up",
        reference="as Hagenbach-Bischoff, with the quota rounded up to a whole number",
    ),
    "hagenbach-bischoff quota rounded to a whole number and largest remainders": QuotaMethod(
        name="hagenbach-bischoff quota rounded to a whole number and largest remainders",
        quota_offset=1,
        quota_rounding="nearest",
        reference="as Hagenbach-Bischoff, with the quota rounded to the nearest whole number (halves up)",
    ),
    "imperiali quota and largest remainders": QuotaMethod(
        name="imperiali quota and largest remainders",
        quota_offset=2,
        reference="Imperiali quota: total votes / (seats + 2); seats left over to the largest remainders; seats "
        "given beyond the total are taken back from the smallest remainders",
    ),
    "imperiali quota rounded to a whole number and full quotas only": QuotaMethod(
        name="imperiali quota rounded to a whole number and full quotas only",
        quota_offset=2,
        quota_rounding="nearest",
        leftover="none",
        reference="Imperiali quota, total votes / (seats + 2) rounded to the nearest whole number; each list gets its "
        "full quotas only (seats given beyond the total are taken back from the smallest remainders); the seats "
        "left over and the remainders go to a national pool (`seats left over pooled nationally by ...`)",
    ),
    "hare quota rounded down and full quotas only": QuotaMethod(
        name="hare quota rounded down and full quotas only",
        quota_offset=0,
        quota_rounding="down",
        leftover="none",
        reference="Hare quota, total votes / seats with its fraction dropped; each list gets its full quotas only; "
        "the seats left over go to a national pool (`seats left over pooled nationally by ...`), or, in a pool, to "
        "the second phase it names",
    ),
    "hare quota and highest averages": QuotaMethod(
        name="hare quota and highest averages",
        quota_offset=0,
        leftover="highest averages",
        reference="Hare quota for the full seats; the seats left over go one by one to the highest "
        "votes / (seats won + 1)",
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
    "modified sainte-lague divisors": DivisorMethod(
        name="modified sainte-lague divisors",
        step=Fraction(2),
        offset=Fraction(1),
        first=Fraction(7, 5),
        reference="modified Sainte-Lague (Norway): divisors 1.4, 3, 5, 7, ...",
    ),
    "swedish sainte-lague divisors": DivisorMethod(
        name="swedish sainte-lague divisors",
        step=Fraction(2),
        offset=Fraction(1),
        first=Fraction(6, 5),
        reference="Sainte-Lague with first divisor 1.2 (Sweden since 2018): divisors 1.2, 3, 5, 7, ...",
    ),
    "danish divisors": DivisorMethod(
        name="danish divisors",
        step=Fraction(3),
        offset=Fraction(1),
        reference="Danish method: divisors 1, 4, 7, 10, ...",
    ),
    "imperiali divisors": DivisorMethod(
        name="imperiali divisors",
        step=Fraction(1),
        offset=Fraction(2),
        reference="Imperiali highest averages: divisors 2, 3, 4, ...",
    ),
    "adams divisors": DivisorMethod(
        name="adams divisors",
        step=Fraction(1),
        offset=Fraction(0),
        reference="Adams (smallest divisors): divisors 0, 1, 2, ...: every list with votes gets a seat first",
    ),
    "dean divisors": DivisorMethod(
        name="dean divisors",
        step=Fraction(1),
        kind="harmonic",
        reference="Dean (harmonic mean): divisor k(k+1)/(k+1/2)",
    ),
    "huntington-hill divisors": DivisorMethod(
        name="huntington-hill divisors",
        step=Fraction(1),
        kind="geometric",
        reference="Huntington-Hill (equal proportions): divisor sqrt(k(k+1)), compared exactly through squares",
    ),
    "estonian divisors": DivisorMethod(
        name="estonian divisors",
        step=Fraction(1),
        kind="power",
        exponent=Fraction(9, 10),
        reference="Estonia's modified d'Hondt (Riigikogu Election Act § 62): divisors 1, 2^0.9, 3^0.9, ..., "
        "compared exactly through tenth powers (a / i^0.9 against b / j^0.9 as a^10 j^9 against b^10 i^9)",
    ),
}

#: Tie rules, in the words a rule file uses, with what each compares.
TIE_RULES: dict[str, str] = {
    "more votes": "the selection with more votes comes first",
    "more votes nationally": "the list with more votes in the whole country comes first, where the contest is "
    "decided in every district (Latvia, Saeima Election Law Art. 38(2))",
    "fewer votes": "the selection with fewer votes comes first (Portugal, Lei 14/79, Art. 16(1)(d))",
    "ballot order": "the selection with the lower ballot number comes first",
    "earlier registration": "the selection registered earlier comes first",
    "older candidate": "the older candidate comes first",
    "younger candidate": "the younger candidate comes first (Italy, D.P.R. 361/1957, Art. 77(1)(b))",
    "lot": "a lot drawn by the commission decides",
    "previous rounds": "ranked ballots: the candidate with more votes at the latest earlier round (or stage) where "
    "the tied candidates' votes differ comes first",
    "first difference": "ranked ballots: the candidate with more votes at the first round (or stage) where the "
    "tied candidates' votes differ comes first",
    "first preferences": "ranked ballots: the candidate with more first preferences comes first",
}

#: Rules for electing candidates in a unit.
ELECTION_RULES: dict[str, str] = {
    "plurality": "the candidate with the most votes is elected",
    **RANKED_RULES,
}

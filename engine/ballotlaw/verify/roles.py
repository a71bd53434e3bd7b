"""What a declared count means, read from its name, so that generated results are consistent.

Rule files name their counts freely; the generator recognises the usual names (documented in
docs/verifying-a-law.md) and treats any other count as an independent figure no larger than the number of
voters who took part.
"""

from __future__ import annotations

REGISTERED, TOOK_PART, VALID, INVALID, BLANK, AGAINST_ALL, OTHER = (
    "registered",
    "took part",
    "valid",
    "invalid",
    "blank",
    "against all",
    "other",
)


def role_of(name: str) -> str:
    lowered = name.lower()
    if "invalid" in lowered or "spoil" in lowered:
        return INVALID
    if "registered" in lowered or "electorate" in lowered or "eligible" in lowered:
        return REGISTERED
    if "against" in lowered or "none_of_the_above" in lowered:
        return AGAINST_ALL
    if "blank" in lowered:
        return BLANK
    if lowered.startswith("valid"):
        return VALID
    if any(
        word in lowered
        for word in ("took_part", "participat", "voted", "ballots_cast", "ballots_issued", "turnout", "voters")
    ):
        return TOOK_PART
    return OTHER

"""The names a rule file or spec may use, known to more than one layer: the attributes of a list or candidate,
and the phrases of the properties and conditions a spec may name.

The checker (`check/`) reads these to refuse an unknown name; the results loader (`results/`) and the property
checks (`verify/`) attach their meaning. This module imports nothing of the package, so every layer may import it.
"""

from __future__ import annotations

from attrs import frozen

ATTRIBUTES = (
    "ballot_number",
    "registration_order",
    "registration_cancelled",
    "age_order",
    "candidates",
    "coalition_members",
    "alliance",
    "national_minority",
    "minority_sections",
    "constituency_wins",
    "independent",
    "agreement",
    "lot_order",
    "gender",
)


@frozen
class PropertyPhrase:
    """A property a spec may name: its phrase, the contests it is about (`lists` or `candidates`), what it means."""

    phrase: str
    competitors: str
    description: str


PROPERTY_PHRASES: dict[str, PropertyPhrase] = {
    p.phrase: p
    for p in (
        PropertyPhrase(
            "seats add up to the seats of the contest", "lists", "every seat is given, or left to a lot the law orders"
        ),
        PropertyPhrase("a list that does not qualify gets no seat", "lists", "thresholds are respected"),
        PropertyPhrase("a list without votes gets no seat", "lists", "no seat is won without a vote"),
        PropertyPhrase(
            "renaming and reordering the lists changes no seat",
            "lists",
            "anonymity: names and order on the ballot do not matter",
        ),
        PropertyPhrase("more votes for one list never give it fewer seats", "lists", "vote monotonicity"),
        PropertyPhrase(
            "a list that gains votes never loses a seat to a list that loses votes",
            "lists",
            "population monotonicity (no population paradox)",
        ),
        PropertyPhrase(
            "splitting a region in two changes no seat",
            "lists",
            "invariance under splitting a sub-unit (regional thresholds can break it)",
        ),
        PropertyPhrase(
            "one more seat never takes a seat from a list", "lists", "house monotonicity (no Alabama paradox)"
        ),
        PropertyPhrase("every list gets its quota rounded down or up", "lists", "the quota property"),
        PropertyPhrase("every list gets at least its quota rounded down", "lists", "lower quota"),
        PropertyPhrase(
            "against all beating the leading list brings a repeat election",
            "lists",
            "the against-all rule, stated independently of the rule file",
        ),
        PropertyPhrase(
            "a repeat election is held only when against all beats the leading list or no list qualifies",
            "lists",
            "no repeat election without a ground",
        ),
        PropertyPhrase(
            "moving votes between lists that do not qualify changes no seat of the others",
            "lists",
            "votes of excluded lists do not matter",
        ),
        PropertyPhrase("the winner has the most votes", "candidates", "plurality"),
        PropertyPhrase(
            "a repeat election is held exactly when against all beats the leading candidate",
            "candidates",
            "the against-all rule, stated independently of the rule file",
        ),
        PropertyPhrase("a tie for the lead goes to the candidate registered first", "candidates", "the tie rule"),
        PropertyPhrase(
            "no gender holds more seats of a unit than the limit",
            "candidates",
            "the limit of seats per gender, counted on the results' `gender` of the elected",
        ),
        PropertyPhrase("renaming and reordering the candidates changes no winner", "candidates", "anonymity"),
        PropertyPhrase(
            "raising the winner to first place never makes the winner lose",
            "candidates",
            "monotonicity of a count by ranked ballots",
        ),
        PropertyPhrase(
            "voters who stay home never get a candidate they rank above the winner",
            "candidates",
            "participation: no no-show paradox (contests of one seat)",
        ),
        PropertyPhrase(
            "adding later preferences never makes an earlier preference lose",
            "candidates",
            "later-no-harm",
        ),
    )
}

CONDITION_PHRASES = (
    "the method uses a quota",
    "the method uses divisors",
    "the method is d'hondt",
    "there is no cap",
    "the count is by ranked ballots",
    "the ballots are not ranked",
    "there is a limit of seats per gender",
)

"""The names of the figures a step used or lacked, as data: what kind of name it is and the parts put in it.

A `FigureName` is a string, its English spelling (the name the JSON forms, the certificate and the trace have
always carried, so nothing that reads them changes), with its kind and parts beside it; renderers say it in the
language from the kind and the parts (render/phrases/words.py), never by reading the English back. Names of
counts, lists, candidates and units are kept as the rule file and the results write them.
"""

from __future__ import annotations

from enum import Enum


class Named(Enum):
    """The kinds of names, each with its English spelling (`{what}` and `{unit}` its parts)."""

    WORD = ("word", "{what}")  # a fixed word of the engine's: `seats`, `house`, `lists that qualify`
    AT = ("at", "{what} at {unit}")  # a figure of the unit evaluated
    IN = ("in", "{what} in {unit}")  # a figure of another unit: a region, a district of the contest
    BY = ("by", "{what} by {unit}")  # a figure of every unit of a level
    STATUS = ("status", "{what} {unit}")  # a figure with its status: `votes of A not published`
    OF_UNIT = ("of unit", "{what} of {unit}")  # a count of a unit named in an apportionment: `population of D1`
    SHARE_OF = ("share of", "{what} of {unit}")  # a share of a base: `5% of valid_votes`
    ATTRIBUTE_OF = ("attribute", "{unit} of {what}")  # an attribute the results give: `constituency_wins of A`
    UNIT_OF_LEVEL = ("unit of level", "{what} {unit}")  # `district D1`: a unit the data lacks
    VOTES_OF = ("votes of", "votes of {what}")
    VOTES_FOR = ("votes for", "votes for {what}")
    SEATS_OF = ("seats of", "seats of {what}")
    CONSTITUENCY_SEATS_OF = ("constituency seats of", "constituency seats of {what}")
    DISTRICT_SEATS_OF = ("district seats of", "district seats of {what}")
    CONSTITUENCY_WINS_OF = ("constituency wins of", "constituency wins of {what}")
    CLAIM_OF = ("claim of", "claim of {what}")
    REMAINDER_OF = ("remainder of", "remainder of {what}")
    REMAINDERS_OF = ("remainders of", "remainders of {what}")
    REMAINDER_AFTER_POOL = ("remainder after the pool", "remainder of {what} after the pool's quotas")
    LISTS_OF_MINORITY = ("lists of minority", "lists of national minority {what}")
    QUALIFICATION_OF = ("qualification of", "the qualification of {what}")
    NO_SEATS_GIVEN = ("no seats given", "the number of seats of {what} (the rule file gives none)")
    NO_GENDER_GIVEN = ("no gender given", "gender of {what} (the results give none)")
    BALLOTS_WITH = ("ballots with", "ballots with {what}")
    RANKED_BALLOTS_OF = ("ranked ballots of", "ranked ballots of {what}")
    RULE_FOR_FAULT = ("rule for a fault", "the law's rule for {what} rankings")
    TRANSFERRED_TO = ("transferred to", "to {what}")  # the votes a transfer gives a candidate
    KEEP_VALUE_OF = ("keep value of", "keep value of {what}")  # Meek's keep value of a candidate

    @property
    def template(self) -> str:
        return self.value[1]


class FigureName(str):
    """A figure's name: its English spelling, with its kind and parts (`what`: a name, or a name within it)."""

    kind: Named
    what: str
    unit: str

    def __reduce__(self) -> tuple[object, tuple[Named, str, str]]:
        return named, (self.kind, self.what, self.unit)


#: One name for the same parts (names repeat from unit to unit and election to election): the key tells a part
#: that is itself a name from a plain string of the same spelling.
_NAMES: dict[tuple[Named, str, str, bool], FigureName] = {}


def named(kind: Named, what: str, unit: str = "") -> FigureName:
    """The name of `kind` with its parts."""
    key = (kind, what, unit, what.__class__ is FigureName)
    found = _NAMES.get(key)
    if found is not None:
        return found
    name = FigureName(kind.template.format(what=what, unit=unit))
    name.kind, name.what, name.unit = kind, what, unit
    if len(_NAMES) < 1 << 16:
        _NAMES[key] = name
    return name


def word(text: str) -> FigureName:
    """A fixed word of the engine's (`seats`, `house`): said in the language by the renderer's table."""
    return named(Named.WORD, text)


#: `votes of A [in R1]` by (A, R1, whether A is itself a name): asked for every list in every unit measured.
_VOTES: dict[tuple[str, str | None, bool], FigureName] = {}


def votes_of(selection: str, unit: str | None = None) -> FigureName:
    """`votes of A`, or `votes of A in R1` for the votes in another unit than the one evaluated."""
    key = (selection, unit, selection.__class__ is FigureName)
    found = _VOTES.get(key)
    if found is not None:
        return found
    name = named(Named.VOTES_OF, selection)
    if unit is not None:
        name = named(Named.IN, name, unit)
    if len(_VOTES) < 1 << 16:
        _VOTES[key] = name
    return name


def seats_of(selection: str) -> FigureName:
    return named(Named.SEATS_OF, selection)


def at(what: str, unit: str) -> FigureName:
    """`valid_votes at KG`: a figure of the unit evaluated."""
    return named(Named.AT, what, unit)


def in_unit(what: str, unit: str) -> FigureName:
    """`voters_took_part in Talas`: a figure of another unit."""
    return named(Named.IN, what, unit)


def with_status(what: str, status: str) -> FigureName:
    """`votes of A not published`, `valid_votes absent`."""
    return named(Named.STATUS, what, status)


def subject(name: str, *kinds: Named) -> str | None:
    """What a name of one of `kinds` is about (`votes of A` -> `A`); None for any other name."""
    if isinstance(name, FigureName) and name.kind in kinds:
        return name.what
    return None


def located(name: str, kind: Named) -> tuple[str, str | None] | None:
    """What a name of `kind` is about and the unit it is `in` (None where it names no other unit): `votes of A`
    -> (`A`, None), `votes of A in R1` -> (`A`, `R1`); None for any other name."""
    if not isinstance(name, FigureName):
        return None
    if name.kind is kind:
        return name.what, None
    inner = name.what
    if name.kind is Named.IN and isinstance(inner, FigureName) and inner.kind is kind:
        return inner.what, name.unit
    return None

"""The clause registry (check/registry.py) has one entry for every kind of clause, and each entry is whole: a
clause added to the grammar and the AST without its entry, or an entry naming a model field that does not
exist, fails here rather than in a user's hands."""

from __future__ import annotations

import re
import typing
from collections import Counter
from importlib import resources

import attrs
import pytest

from ballotlaw import model
from ballotlaw.api import load_law_text
from ballotlaw.check import contest as contest_module
from ballotlaw.check.registry import CLAUSE_KEYWORDS, CLAUSES, KINDS
from ballotlaw.errors import RuleFileError
from ballotlaw.syntax import ast

MEMBERS = typing.get_args(ast.ClauseBody)
IDENTITY = {"id", "title", "competitors", "level", "every"}  # from the `compete` clause and the block itself
CONTEST_FIELDS = {f.name for f in attrs.fields(model.Contest)}


def test_every_member_of_the_clause_union_has_exactly_one_entry() -> None:
    entries = Counter(kind.node for kind in CLAUSES)
    assert len(MEMBERS) > 30  # the union is read, not an empty tuple
    assert {member.__name__: entries[member] for member in MEMBERS} == {member.__name__: 1 for member in MEMBERS}
    assert set(entries) == set(MEMBERS), "an entry for a class that is not a clause"
    assert len(KINDS) == len(CLAUSES)


@pytest.mark.parametrize("kind", CLAUSES, ids=lambda kind: kind.node.__name__)
def test_an_entry_names_fields_of_the_contest_model(kind: typing.Any) -> None:
    assert re.fullmatch(r"[a-z_][a-z0-9_]*", kind.label), "a default label is an identifier (contracts, section 4)"
    assert kind.what.strip()
    assert set(kind.produces) <= CONTEST_FIELDS - IDENTITY, "produces names fields of model.Contest"
    if kind.competitors:
        assert kind.competitors <= {"lists", "candidates", "options"}
        assert kind.check is not None and kind.produces, "a clause of a contest is checked into the model"
    else:
        assert kind.check is None, "a clause of no contest (a relation) is not checked as one"


def test_every_field_of_the_contest_model_comes_from_a_clause() -> None:
    produced = {name for kind in CLAUSES for name in kind.produces}
    assert produced == CONTEST_FIELDS - IDENTITY


def test_a_clause_written_more_than_once_adds_to_a_tuple() -> None:
    hints = typing.get_type_hints(model.Contest)
    once = {name for kind in CLAUSES if kind.once for name in kind.produces}
    many = {name for kind in CLAUSES if not kind.once for name in kind.produces}
    assert not once & many, "a field is set by clauses written once or added to by others, not both"
    assert many and all(typing.get_origin(hints[name]) is tuple for name in many)


def test_the_clauses_a_contest_needs_are_kinds_of_the_registry() -> None:
    defined = {kind.defines for kind in CLAUSES}
    required = {defines for defines, *_ in contest_module._REQUIRED}
    assert required <= defined


def test_keywords_are_words_of_the_grammar() -> None:
    grammar = resources.files("ballotlaw.syntax").joinpath("rules.lark").read_text(encoding="utf-8")
    literals = set(re.findall(r'"([a-z-]+)"', grammar))
    assert CLAUSE_KEYWORDS and set(CLAUSE_KEYWORDS) <= literals
    assert len(CLAUSE_KEYWORDS) == len(set(CLAUSE_KEYWORDS))


HEAD = """ballotlaw 1
source s "t" "https://e.org"
election "e"
end
level nation
count voters_took_part "v" on nation [s]
contest c "t"
"""


def _diagnostics(text: str) -> tuple[tuple[str, str, str | None], ...]:
    with pytest.raises(RuleFileError) as raised:
        load_law_text(text, "registry.rules")
    return tuple((d.code, d.message, d.hint) for d in raised.value.diagnostics)


def test_a_misspelled_first_word_is_answered_with_the_registry_keywords() -> None:
    found = _diagnostics(HEAD + "  lsts compete in the nation [s]\nend\n")
    assert found == (("E101", "`lsts` does not start a clause", "did you mean `lists`?"),)
    found = _diagnostics(HEAD + "  zzz compete in the nation [s]\nend\n")
    assert found[0][:2] == ("E101", "`zzz` does not start a clause")
    assert found[0][2] is not None and all(f"`{word}`" in found[0][2] for word in CLAUSE_KEYWORDS)


def test_an_unlabelled_clause_has_its_entry_label() -> None:
    """Two unlabelled thresholds share the label `threshold` (E302); two seats clauses are E401 instead."""
    clauses = (
        "  lists compete in the nation [s]\n  seats 5 [s]\n  seats 6 [s]\n"
        "  threshold at least 5% of voters_took_part nationally [s]\n"
        "  threshold at least 3% of voters_took_part nationally [s]\n"
    )
    found = _diagnostics(HEAD + clauses + "end\n")
    assert [code for code, *_ in found].count("E401") == 1
    assert [(code, message) for code, message, _ in found if code == "E302"] == [
        ("E302", "two clauses of `c` have the label `threshold`")
    ]

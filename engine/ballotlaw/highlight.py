"""Highlighting of rule files: a Pygments lexer (registered as the plugin `ballotlaw`, entry point group
`pygments.lexers`), for the docs, the README's examples and any tool that highlights with Pygments.

Its keywords are read from the grammar (`syntax/rules.lark`), so a keyword added there is highlighted with no
change here. Text no rule file can hold outside quotes and comments (a word in another script, a stray
character) is an error token, as the parser would refuse it. Pygments is imported by this module only.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import ClassVar

from pygments.lexer import RegexLexer, bygroups, default, words
from pygments.token import (
    Comment,
    Error,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Whitespace,
)

#: Words that start a declaration or a block, or close one: shown apart from the words of clauses.
DECLARATIONS = (
    "ballotlaw", "election", "source", "level", "count", "votes", "contest", "example", "spec", "relations",
    "amend", "amends", "known", "failure", "end",
)  # fmt: skip
#: Words that give a clause's reasons rather than its rule.
ANNOTATIONS = ("assumption", "rationale")
#: Words of the rule language's conditions and arithmetic.
OPERATOR_WORDS = ("and", "or", "not", "of", "plus", "over")


def grammar_keywords() -> tuple[str, ...]:
    """Every keyword of the rule language: the quoted words of the grammar, longest first."""
    grammar = resources.files("ballotlaw.syntax").joinpath("rules.lark").read_text(encoding="utf-8")
    found = set(re.findall(r'"([a-z]+)"', grammar))
    return tuple(sorted(found, key=lambda word: (-len(word), word)))


KEYWORDS = grammar_keywords()
CLAUSE_WORDS = tuple(w for w in KEYWORDS if w not in DECLARATIONS + ANNOTATIONS + OPERATOR_WORDS)


class BallotlawLexer(RegexLexer):
    """Pygments lexer for ballotlaw rule files (`.rules`) and specifications."""

    name = "ballotlaw"
    aliases: ClassVar[list[str]] = ["ballotlaw", "ballotlaw-rules"]
    filenames: ClassVar[list[str]] = ["*.rules"]
    mimetypes: ClassVar[list[str]] = ["text/x-ballotlaw"]

    tokens: ClassVar[dict[str, list[object]]] = {  # type: ignore[misc]
        "root": [
            (r"^([ \t]*)([a-z_][a-z0-9_]*)([ \t]*)(:)", bygroups(Whitespace, Name.Label, Whitespace, Punctuation)),  # type: ignore[no-untyped-call]
            (r"\n", Whitespace),
            (r"[ \t\r]+", Whitespace),
            (r"#[^\n]*", Comment.Single),
            (r'"[^"\n]*"', String.Double),
            (r"\[", Punctuation, "citation"),
            (r"[0-9]{4}-[0-9]{2}-[0-9]{2}\b", Number.Other),
            (r"[0-9]+(\.[0-9]+)?%", Number),
            (r"[0-9]+/[0-9]+", Number),
            (r"[0-9]+\.[0-9]+", Number.Float),
            (r"[0-9]+", Number.Integer),
            (r">=|<=|!=|[<>=]", Operator),
            (r"[+-]", Operator),
            (words(DECLARATIONS, prefix=r"\b", suffix=r"\b(?!['\-])"), Keyword.Declaration),
            (words(ANNOTATIONS, prefix=r"\b", suffix=r"\b(?!['\-])"), Keyword.Pseudo),
            (words(OPERATOR_WORDS, prefix=r"\b", suffix=r"\b(?!['\-])"), Operator.Word),
            (words(CLAUSE_WORDS, prefix=r"\b", suffix=r"\b(?!['\-])"), Keyword),
            (r"[a-z][a-z]*(?:['\-][a-z]+)+", Name.Function),  # a method's words: d'hondt, sainte-lague
            (r"[a-z_][a-z0-9_]*", Name.Variable),
            (r"[,:;.()]", Punctuation),
            (r".", Error),
        ],
        "citation": [
            (r"\]", Punctuation, "#pop"),
            (r";", Punctuation),
            (r"[ \t]+", Whitespace),
            (r"([a-z_][a-z0-9_]*)", Name.Namespace, "pinpoint"),
            (r"\n", Error, "#pop"),
            (r".", Error),
        ],
        "pinpoint": [
            (r"[^\]\[;\n]+", String.Other),
            (r"\[", Error),
            default("#pop"),
        ],
    }

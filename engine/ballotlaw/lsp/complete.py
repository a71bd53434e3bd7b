"""Completion: the keywords the grammar accepts at the cursor (asked of the parser itself, fed the text before
the cursor), and the names that may stand there: declared counts, levels, sources, contests, clause labels, and
the names of methods, tie rules and election rules."""

from __future__ import annotations

import re

from attrs import frozen

from ..syntax import ast
from .analysis import Analysis

_PARTIAL = re.compile(r"[A-Za-z0-9_'\-]*$")
_KEYWORD = re.compile(r"[a-z][a-z'\-]*")
#: Words that start a block or a line of one, offered when the text before the cursor does not parse.
BLOCK_WORDS = (
    "ballotlaw",
    "election",
    "source",
    "level",
    "count",
    "votes",
    "contest",
    "amends",
    "amend",
    "replace",
    "add",
    "remove",
    "relations",
    "example",
    "given",
    "expect",
    "spec",
    "known",
    "end",
)
#: A name just after one of these words is a new one being declared: nothing to offer.
DECLARING = frozenset({"source", "level", "count", "contest", "example", "relations", "spec", "failure"})


@frozen
class Completion:
    label: str
    kind: str  # keyword, count, level, source, contest, label, method
    detail: str = ""


def _context(line: str) -> str:
    """Where the end of `line` stands: in a `comment`, a `string`, a `citation`, or `code`."""
    in_string = False
    depth = 0
    for char in line:
        if in_string:
            in_string = char != '"'
        elif char == '"':
            in_string = True
        elif char == "#":
            return "comment"
        elif char == "[":
            depth += 1
        elif char == "]":
            depth = 0
    if in_string:
        return "string"
    return "citation" if depth else "code"


def _accepted(prefix: str) -> set[str] | None:
    """The terminals the grammar accepts after `prefix`, or None when `prefix` does not parse."""
    from lark.exceptions import LarkError

    from ..syntax.parser import get_parser

    parser = get_parser()
    try:
        interactive = parser.parse_interactive(prefix)
        interactive.exhaust_lexer()
        return set(interactive.accepts())  # type: ignore[no-untyped-call]
    except LarkError:
        return None


def _keywords(accepted: set[str]) -> list[Completion]:
    from ..syntax.parser import get_parser

    parser = get_parser()
    words = []
    for name in accepted:
        try:
            pattern = parser.get_terminal(name).pattern
        except KeyError:
            continue
        if pattern.type == "str" and _KEYWORD.fullmatch(pattern.value):
            words.append(pattern.value)
    return [Completion(word, "keyword") for word in sorted(words)]


#: Declarations as a line starts them: found in text that does not parse, when no earlier version of it did.
_DECLARATION = re.compile(r'^[ \t]*(count|level|source|contest)[ \t]+([a-z_][a-z0-9_]*)(?:[^"\n]*"([^"\n]*)")?', re.M)
_VOTES = re.compile(r"^[ \t]*votes\b", re.M)


def _declared(tree: ast.RuleFile | None, text: str) -> list[Completion]:
    """Every declared name with its kind: from the syntax tree, else from the lines of the text."""
    if tree is None:
        found = [Completion(m[2], m[1], m[3] or "") for m in _DECLARATION.finditer(text)]
        return found + ([Completion("votes", "count")] if _VOTES.search(text) else [])
    out = [Completion(c.name.text, "count", c.description.text if c.description else "") for c in tree.counts]
    out += [Completion(d.name.text, "level", d.description.text if d.description else "") for d in tree.levels]
    out += [Completion(s.id.text, "source", s.title.text) for s in tree.sources]
    out += [Completion(c.id.text, "contest", c.title.text) for c in tree.contests]
    out += [
        Completion(c.effective_label, "label", f"clause of {contest.id.text}")
        for contest in tree.contests
        for c in contest.clauses
    ]
    return out


def _names(declared: list[Completion], kinds: tuple[str, ...]) -> list[Completion]:
    return [item for kind in kinds for item in declared if item.kind == kind]


def _name_kinds(line: str, previous: str) -> tuple[str, ...]:
    """Which declared names may follow `previous` on a line that starts as `line` does."""
    first = line.split()[0] if line.split() else ""
    if previous in DECLARING or not previous:
        return ()  # a new name, or a clause's label
    if previous in ("contest", "expect"):
        return ("contest",)
    if previous == "remove":
        return ("label",)
    if previous in ("every", "per", "given") or (first in ("count", "votes") and previous in ("on", ",")):
        return ("level",)
    return ("count", "level")


def _methods(line: str) -> list[Completion]:
    from ..methods.registry import ELECTION_RULES, METHODS, TIE_RULES

    words = set(line.split())
    if "ties" in words:
        return [Completion(name, "method", meaning) for name, meaning in TIE_RULES.items()]
    if "elect" in words:
        return [Completion(name, "method", meaning) for name, meaning in ELECTION_RULES.items()]
    return [Completion(name, "method", method.reference) for name, method in METHODS.items()]


def completions(text: str, line: int, column: int, known: Analysis | None) -> list[Completion]:
    """What may be written at a 1-based line and column of `text`; `known` is the latest analysis that parsed
    (its declarations are offered)."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return []
    line_prefix = lines[line - 1][: max(column - 1, 0)]
    declared = _declared(known.declared if known is not None else None, text)
    where = _context(line_prefix)
    if where in ("comment", "string"):
        return []
    if where == "citation":
        return _names(declared, ("source",))
    partial = _PARTIAL.search(line_prefix)
    start = partial.start() if partial else len(line_prefix)
    before = line_prefix[:start]
    prefix = "\n".join([*lines[: line - 1], before])
    accepted = _accepted(prefix)
    if accepted is None:
        fallback = [Completion(word, "keyword") for word in BLOCK_WORDS]
        from ..check.registry import CLAUSE_KEYWORDS

        fallback += [Completion(word, "keyword") for word in CLAUSE_KEYWORDS if word not in BLOCK_WORDS]
        return fallback + _names(declared, ("count", "level", "contest"))
    out = _keywords(accepted)
    tokens = before.replace(",", " , ").split()
    previous = tokens[-1] if tokens else ""
    if "NAME" in accepted:
        out += _names(declared, _name_kinds(before, previous))
    if "WORD" in accepted and previous in ("by", "then"):
        out += _methods(before)
    return out

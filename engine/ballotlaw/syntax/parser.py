"""Parse rule-file text into the AST. The only module that runs Lark (docs/contracts.md, section 9).

The LALR parser is loaded from tables shipped in the package (`rules_tables.json`, plain JSON written by
`python -m ballotlaw.syntax.build_tables`), after checking that they were made from this grammar with this
version of Lark; otherwise it is built from `rules.lark` in memory. Nothing is read from or written to a cache
folder, and nothing is unpickled.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
from importlib import resources
from typing import Any, cast

import lark
from lark import Lark
from lark.exceptions import LarkError, VisitError

from ..errors import RuleFileError
from ..source import SourceFile
from . import ast
from .recovery import parse_all
from .transform import to_ast

OPTIONS: dict[str, object] = {
    "parser": "lalr",
    "lexer": "contextual",
    "propagate_positions": True,
    "maybe_placeholders": False,
}
TABLES_NAME = "rules_tables.json"
TABLES_FORMAT = "ballotlaw.parser-tables/1"


def grammar_text() -> str:
    return resources.files(__package__).joinpath("rules.lark").read_text(encoding="utf-8")


def grammar_key(grammar: str) -> str:
    """What the shipped tables must have been made from: the grammar, Lark's version and the options."""
    key = f"{grammar}\n{lark.__version__}\n{sorted(OPTIONS.items())}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _numbered(mapping: dict[str, Any]) -> dict[int, Any]:
    """JSON keeps object keys as text; Lark's tables are keyed by numbers."""
    return {int(key): value for key, value in mapping.items()}


def load_tables(grammar: str) -> Lark | None:
    """The parser from the shipped tables, or None when they are missing or were made from another grammar,
    another version of Lark or other options (the parser is then built from the grammar)."""
    try:
        text = resources.files(__package__).joinpath(TABLES_NAME).read_text(encoding="utf-8")
        document = json.loads(text)
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or document.get("format") != TABLES_FORMAT:
        return None
    if document.get("grammar_key") != grammar_key(grammar):
        return None
    try:
        data = document["data"]
        table = data["parser"]["parser"]
        table["tokens"] = _numbered(table["tokens"])
        table["states"] = {int(state): _numbered(actions) for state, actions in table["states"].items()}
        loaded = Lark._load_from_dict(data, _numbered(document["memo"]))  # type: ignore[no-untyped-call]
        return cast(Lark, loaded)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, LarkError):
        return None


@functools.cache
def get_parser() -> Lark:
    """The LALR parser of the rule language, loaded once per process. That the grammar has no terminal
    collisions, and that the shipped tables parse as a parser built from the grammar, are proved by
    tests/test_grammar.py.

    Loading makes many objects that live as long as the process. The cyclic garbage collector is paused while
    they are made, and then they, with everything else alive at that moment (the imported modules), are moved
    out of its generations (`gc.freeze`), so that later collections do not walk them again: a third of the
    time of a short command went to such walks."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        grammar = grammar_text()
        return load_tables(grammar) or Lark(grammar, **OPTIONS)  # type: ignore[arg-type]
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def parse_source(source: SourceFile) -> ast.RuleFile:
    """Parse one source file; syntax errors raise RuleFileError with every one found (recovery.py), each
    positioned, in the order of the file."""
    parser = get_parser()
    text = source.text if source.text.endswith("\n") else source.text + "\n"
    tree, diagnostics = parse_all(source, text, parser)
    if diagnostics:
        raise RuleFileError(diagnostics)
    try:
        return to_ast(tree, source)
    except VisitError as error:  # a defect in the transformer, not in the user's file
        raise error.orig_exc from None


def parse_text(text: str, path: str = "<text>") -> ast.RuleFile:
    """Parse rule-file text given directly (tests, examples)."""
    return parse_source(SourceFile(path=path, text=text))

"""Parse rule-file text into the AST. The only module that runs Lark (docs/contracts.md, section 9)."""

from __future__ import annotations

import functools
import hashlib
import os
import sys
from importlib import resources

import lark
from lark import Lark
from lark.exceptions import UnexpectedInput, VisitError

from ..errors import RuleFileError
from ..source import SourceFile
from . import ast
from .syntax_errors import syntax_diagnostic
from .transform import to_ast

OPTIONS: dict[str, object] = {
    "parser": "lalr",
    "lexer": "contextual",
    "propagate_positions": True,
    "maybe_placeholders": False,
}


def grammar_text() -> str:
    return resources.files(__package__).joinpath("rules.lark").read_text(encoding="utf-8")


def _cache_file(grammar: str) -> str | None:
    """Where the analysed grammar is kept between runs: a file of the user's own cache folder (never a shared
    temporary folder: Lark's cache is a pickle), named by a hash of the grammar, Lark's and Python's versions.
    None when that folder cannot be made or written: the parser is then built in every run."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "ballotlaw")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None
    key = f"{grammar}\n{lark.__version__}\n{sys.version_info[:2]}\n{sorted(OPTIONS.items())}"
    return os.path.join(folder, f"grammar-{hashlib.sha256(key.encode()).hexdigest()[:20]}.lark")


@functools.cache
def get_parser() -> Lark:
    """The LALR parser of the rule language, built once per process and its analysis cached between runs (Lark
    checks the cached grammar's hash before using it). That the grammar has no terminal collisions is proved
    by a test that builds it in Lark's strict mode (tests/test_grammar.py)."""
    grammar = grammar_text()
    cache = _cache_file(grammar)
    return Lark(grammar, cache=cache, **OPTIONS) if cache else Lark(grammar, **OPTIONS)  # type: ignore[arg-type]


def parse_source(source: SourceFile) -> ast.RuleFile:
    """Parse one source file; a syntax error raises RuleFileError with one positioned diagnostic."""
    parser = get_parser()
    text = source.text if source.text.endswith("\n") else source.text + "\n"
    try:
        tree = parser.parse(text)
    except UnexpectedInput as error:
        raise RuleFileError((syntax_diagnostic(source, error, parser),)) from None
    try:
        return to_ast(tree, source)
    except VisitError as error:  # a defect in the transformer, not in the user's file
        raise error.orig_exc from None


def parse_text(text: str, path: str = "<text>") -> ast.RuleFile:
    """Parse rule-file text given directly (tests, examples)."""
    return parse_source(SourceFile(path=path, text=text))

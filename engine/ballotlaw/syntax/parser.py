"""Parse rule-file text into the AST. The only module that runs Lark (docs/contracts.md, section 9)."""

from __future__ import annotations

import functools
from importlib import resources

from lark import Lark
from lark.exceptions import UnexpectedInput, VisitError

from ..errors import RuleFileError
from ..source import SourceFile
from . import ast
from .syntax_errors import syntax_diagnostic
from .transform import to_ast


@functools.cache
def get_parser() -> Lark:
    """The LALR parser of the rule language, built once per process."""
    grammar = resources.files(__package__).joinpath("rules.lark").read_text(encoding="utf-8")
    return Lark(
        grammar,
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        maybe_placeholders=False,
        strict=True,
    )


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

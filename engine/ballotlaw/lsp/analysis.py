"""What the editor tools know of one rule file's text: its diagnostics (those `ballotlaw check` prints), its
syntax tree, and the declarations it sees, its own and those of the earlier versions it amends."""

from __future__ import annotations

import os

from attrs import frozen

from ..diagnostics.diagnostic import Diagnostic
from ..errors import FindingsError, UsageError
from ..source import SourceFile
from ..syntax import ast


@frozen
class Analysis:
    """One rule file's text, analysed. `tree` is None when the text does not parse, `merged` when the versions
    it amends cannot be merged in; `failure` is a problem that has no position (an engine defect)."""

    source: SourceFile
    diagnostics: tuple[Diagnostic, ...]
    tree: ast.RuleFile | None
    merged: ast.RuleFile | None
    failure: str | None = None

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def declared(self) -> ast.RuleFile | None:
        """The declarations this file sees: merged with its earlier versions when they could be, else its own."""
        return self.merged or self.tree


def analyse(text: str, path: str) -> Analysis:
    """Parse and check `text` as the rule file `path` (the files it amends are read beside it), as `ballotlaw
    check` does; never raises for anything the text holds."""
    from ..api import load_law_text, read_source
    from ..check import check
    from ..check.amendments import resolve_amendments
    from ..syntax.parser import parse_source

    source = SourceFile(path, text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: the API names it (E110)
        try:
            load_law_text(text, path)
        except FindingsError as error:
            return Analysis(source, error.diagnostics, None, None)
    try:
        tree = parse_source(source)
    except FindingsError as error:
        return Analysis(source, error.diagnostics, None, None)
    try:
        merged = resolve_amendments(tree, read_source)
    except FindingsError as error:
        return Analysis(source, error.diagnostics, tree, None)
    except UsageError as error:
        return Analysis(source, (), tree, None, str(error))
    try:
        _law, warnings = check(merged)
    except FindingsError as error:
        return Analysis(source, error.diagnostics, tree, merged)
    return Analysis(source, warnings, tree, merged)


def base_of(tree: ast.RuleFile) -> ast.RuleFile | None:
    """The earlier version a file amends, with the versions it amends merged in; None when it cannot be read."""
    from ..api import read_source
    from ..check.amendments import resolve_amendments
    from ..syntax.parser import parse_source

    if not tree.amends:
        return None
    here = tree.span.source.path
    written = tree.amends[0].path.text
    if os.path.isabs(written) or ".." in written.replace("\\", "/").split("/"):
        return None  # E306: never read
    path = os.path.join(os.path.dirname(here), written)
    root = os.path.realpath(os.path.dirname(here) or ".")
    real = os.path.realpath(path)
    if os.path.commonpath([root, real]) != root:
        return None  # E306: outside the folder of the file
    try:
        return resolve_amendments(parse_source(read_source(path)), read_source, (os.path.realpath(here),), root)
    except (FindingsError, UsageError, OSError):
        return None

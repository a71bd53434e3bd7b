"""The grammar proves collision-free in Lark's strict mode, and the parser tables shipped in the package are
current and parse exactly as a parser built from the grammar."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from lark import Lark
from lark.exceptions import UnexpectedInput

from ballotlaw.diagnostics.diagnostic import Diagnostic
from ballotlaw.errors import RuleFileError
from ballotlaw.source import SourceFile, Span
from ballotlaw.syntax import parser as module
from ballotlaw.syntax.build_tables import tables_json
from ballotlaw.syntax.parser import OPTIONS, TABLES_NAME, get_parser, grammar_text, load_tables
from ballotlaw.syntax.syntax_errors import syntax_diagnostic
from ballotlaw.syntax.transform import to_ast

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = Path(module.__file__).with_name(TABLES_NAME)
FILES = sorted(
    {
        *ROOT.glob("rules/**/*.rules"),
        *ROOT.glob("specs/**/*.spec"),
        *ROOT.glob("tests/**/*.rules"),
        *ROOT.glob("docs/**/*.rules"),
    }
)


def test_the_grammar_has_no_terminal_collisions() -> None:
    Lark(grammar_text(), strict=True, **OPTIONS)  # raises on a collision


def test_the_shipped_tables_are_those_of_the_grammar() -> None:
    """A change of rules.lark without `python -m ballotlaw.syntax.build_tables` fails here."""
    assert SHIPPED.read_text(encoding="utf-8") == tables_json(grammar_text())


def test_the_tables_do_not_depend_on_the_hash_seed() -> None:
    script = "import sys; from ballotlaw.syntax.build_tables import tables_json; from ballotlaw.syntax.parser "
    script += "import grammar_text; sys.stdout.write(tables_json(grammar_text()))"
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        made = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, check=True, text=True)
        assert made.stdout == SHIPPED.read_text(encoding="utf-8"), seed


def test_the_parser_in_use_is_the_shipped_one() -> None:
    assert load_tables(grammar_text()) is not None
    assert load_tables(grammar_text() + "\n// another grammar\n") is None  # tables of another grammar: unused
    assert get_parser().source_path == "<deserialized>"  # Lark's mark of a parser loaded from tables


def _spanned(diagnostic: Diagnostic) -> Span:
    """The span of a diagnostic of a rule file (which always has one)."""
    assert diagnostic.span is not None, diagnostic
    return diagnostic.span


def _outcome(parser: Lark, path: Path) -> object:
    """The AST of the file (spans included), or the syntax diagnostic it gives, with this parser."""
    source = SourceFile(str(path), path.read_text(encoding="utf-8"))
    text = source.text if source.text.endswith("\n") else source.text + "\n"
    try:
        tree = parser.parse(text)
    except UnexpectedInput as error:
        diagnostic = syntax_diagnostic(source, error, parser)
        return (diagnostic.code, diagnostic.message, diagnostic.hint, _spanned(diagnostic).to_json())
    try:
        return to_ast(tree, source)
    except RuleFileError as error:
        return [(d.code, d.message, _spanned(d).to_json()) for d in error.diagnostics]


@pytest.fixture(scope="module")
def built() -> Lark:
    return Lark(grammar_text(), **OPTIONS)


def test_the_shipped_tables_parse_as_the_grammar(built: Lark) -> None:
    shipped = load_tables(grammar_text())
    assert shipped is not None and len(FILES) > 50
    for path in FILES:
        assert _outcome(shipped, path) == _outcome(built, path), path


@pytest.mark.parametrize(
    "text",
    [
        'ballotlaw 1\ncontest x "t"\n  seats 1O\nend\n',
        'ballotlaw 1\ncontest x "t"\n  threshold at least 5 % of v nationally   [s]\nend\n',
        'ballotlaw 1\nelection "e"\n',
        'ballotlaw 1\nsource s "t" "https://x"\ncontest x "t"\n  seats 3   [s\nend\n',
        'ballotlaw 1\ncontest x "t"\n  thresold at least 5% of v nationally   [s]\nend\n',
        'ballotlaw 1\ncontest x "t"\n  seats 3,5   [s]\nend\n',
    ],
)
def test_syntax_errors_are_the_same_with_the_shipped_tables(built: Lark, text: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.rules"
    path.write_text(text, encoding="utf-8")
    shipped = load_tables(grammar_text())
    assert shipped is not None
    found = _outcome(shipped, path)
    assert isinstance(found, tuple) and found == _outcome(built, path)


@pytest.mark.parametrize("label", ["quota", "threshold", "seats", "elect", "surplus", "ties"])
def test_a_label_may_be_a_keyword(label: str) -> None:
    """A label is a name and its colon in one token, so a clause may be labelled with a word the language uses
    as a keyword (`quota:` broke when ranked ballots made `quota` the first word of a clause)."""
    text = (
        'ballotlaw 1\nsource act "Act" "https://example.org/act"\nlevel nation\nvotes on nation   [act]\n'
        f'contest c "C"\n  lists compete in the nation   [act]\n  seats 5   [act]\n'
        f"  {label}: threshold at least 5% of valid_votes nationally   [act]\n"
        "  allocate by d'hondt divisors   [act]\nend\n"
    )
    rule_file = module.parse_text(text, "law.rules")
    clause = next(c for contest in rule_file.contests for c in contest.clauses if c.label is not None)
    assert clause.label is not None and clause.label.text == label
    assert (clause.label.span.column, clause.label.span.end_column) == (3, 3 + len(label))

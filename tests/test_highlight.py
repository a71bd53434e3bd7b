"""Issue 17, item 2: highlighting. The Pygments lexer (a plugin, entry point `pygments.lexers`) lexes every
shipped rule file and every rule example of the docs with no error token, and marks what the parser refuses;
the TextMate grammar (docs/editors/ballotlaw.tmLanguage.json) is current, valid, and matches every keyword."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.token import Error, Keyword, Name, Operator, String, is_token_subtype

from ballotlaw.highlight import KEYWORDS, BallotlawLexer
from ballotlaw.syntax.parser import get_parser

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "rules").rglob("*.rules")) + sorted((ROOT / "specs").glob("*.spec"))
EXAMPLES = sorted((ROOT / "docs" / "examples").glob("*.rules"))
TEXTMATE = ROOT / "docs" / "editors" / "ballotlaw.tmLanguage.json"
FENCED = re.compile(r"^```(ballotlaw|rules|preamble|relations)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def errors(text: str) -> list[str]:
    return [value for kind, value in BallotlawLexer().get_tokens(text) if is_token_subtype(kind, Error)]


def test_the_lexer_is_a_pygments_plugin() -> None:
    """Found by name and by file name through the entry point, as any Pygments tool finds it."""
    assert type(get_lexer_by_name("ballotlaw")).__name__ == "BallotlawLexer"
    assert type(get_lexer_for_filename("law.rules")).__name__ == "BallotlawLexer"


@pytest.mark.parametrize("path", SHIPPED + EXAMPLES, ids=[p.relative_to(ROOT).as_posix() for p in SHIPPED + EXAMPLES])
def test_a_shipped_rule_file_lexes_with_no_error_token(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    tokens = list(BallotlawLexer().get_tokens(text))
    assert "".join(value for _, value in tokens) == text
    assert errors(text) == []


def _fenced(page: Path) -> list[str]:
    return [block for _, block in FENCED.findall(page.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("page", ["README.md", "docs/language.md"])
def test_the_rule_examples_of_the_docs_lex_with_no_error_token(page: str) -> None:
    blocks = _fenced(ROOT / page)
    assert blocks, f"{page} shows no rule example"
    assert [error for block in blocks for error in errors(block)] == []


def test_what_the_parser_refuses_is_an_error_token() -> None:
    assert errors("  seats 10 $   [act]\n") == ["$"]
    assert errors("  орун 10   [act]\n")[:1] == ["о"]
    assert errors("  threshold at least 5 % of x nationally\n") == ["%"]


def test_the_parts_of_a_clause() -> None:
    text = '  national: threshold at least 5% of valid_votes nationally   [law Art. 64(2); venice] assumption "x"\n'
    kinds = {value: kind for kind, value in BallotlawLexer().get_tokens(text) if value.strip()}
    assert is_token_subtype(kinds["national"], Name.Label) and is_token_subtype(kinds["threshold"], Keyword)
    assert is_token_subtype(kinds["valid_votes"], Name)
    assert is_token_subtype(kinds["law"], Name.Namespace) and is_token_subtype(kinds[" Art. 64(2)"], String)
    assert is_token_subtype(kinds["assumption"], Keyword)


def test_every_keyword_of_the_grammar_is_a_keyword_token() -> None:
    parser = get_parser()
    literals = {t.pattern.value for t in parser.terminals if t.pattern.type == "str" and t.pattern.value.isalpha()}
    assert literals == set(KEYWORDS)
    for word in sorted(literals):
        kinds = [kind for kind, value in BallotlawLexer().get_tokens(word) if value.strip()]
        assert len(kinds) == 1 and (is_token_subtype(kinds[0], Keyword) or is_token_subtype(kinds[0], Operator.Word)), (
            word
        )


def test_highlighted_html_for_the_docs() -> None:
    text = (ROOT / "rules" / "kg" / "jogorku-kenesh-2021.rules").read_text(encoding="utf-8")
    html = highlight(text, get_lexer_by_name("ballotlaw"), HtmlFormatter())
    assert 'class="err"' not in html and '<span class="k">threshold</span>' in html


def test_import_of_the_engine_does_not_load_pygments() -> None:
    """Pygments is loaded by the highlighter only (pytest loads it itself, so this runs in a fresh interpreter)."""
    code = "import sys, ballotlaw, ballotlaw.cli, ballotlaw.fmt; print('pygments' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout.strip() == "False", done.stderr


# ---- the TextMate grammar ----------------------------------------------------------------------------------------


def _tool() -> object:
    spec = importlib.util.spec_from_file_location("textmate_grammar", ROOT / "docs" / "tools" / "textmate_grammar.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_textmate_grammar_is_current_and_valid_json() -> None:
    text = TEXTMATE.read_text(encoding="utf-8")
    assert text == _tool().text(), "run python docs/tools/textmate_grammar.py"  # type: ignore[attr-defined]
    grammar = json.loads(text)
    assert grammar["scopeName"] == "source.ballotlaw" and grammar["fileTypes"] == ["rules"]
    repository = grammar["repository"]
    assert {p["include"].lstrip("#") for p in grammar["patterns"]} == set(repository)
    scopes = {rule["name"] for rule in repository.values() if "name" in rule}
    assert {
        "comment.line.number-sign.ballotlaw",
        "string.quoted.double.ballotlaw",
        "meta.citation.ballotlaw",
        "keyword.control.clause.ballotlaw",
        "keyword.other.declaration.ballotlaw",
        "invalid.illegal.ballotlaw",
    } <= scopes


def _rules(grammar: dict[str, Any]) -> list[tuple[str, re.Pattern[str], dict[str, Any]]]:
    """The grammar's top-level patterns in order: (scope, regex, rule); a rule of patterns gives each."""
    repository = grammar["repository"]
    assert isinstance(repository, dict)
    out = []
    for include in grammar["patterns"]:
        rule = repository[include["include"].lstrip("#")]
        for part in rule.get("patterns", [rule]) if "begin" not in rule else [rule]:
            regex = part.get("match") or part["begin"]
            out.append((part.get("name", ""), re.compile(regex, re.MULTILINE), part))
    return out


def textmate_scopes(text: str) -> list[tuple[str, str]]:
    """(scope, text) of each match, as a TextMate engine reads a line: the leftmost match wins, the first
    pattern on a tie; a begin/end rule reads its own patterns up to its end."""
    grammar = json.loads(TEXTMATE.read_text(encoding="utf-8"))
    rules = _rules(grammar)
    found: list[tuple[str, str]] = []
    for line in text.split("\n"):
        position = 0
        while position < len(line):
            best = None
            for scope, regex, rule in rules:
                match = regex.search(line, position)
                if match and match.end() > match.start() and (best is None or match.start() < best[1].start()):
                    best = (scope, match, rule)
            if best is None:
                break
            scope, match, rule = best
            position = match.end()
            if "begin" not in rule:
                found.append((scope, match.group(0)))
                continue
            end = re.compile(rule["end"]).search(line, position)
            stop = end.start() if end else len(line)
            inner = line[position:stop]
            for part in rule["patterns"]:
                for sub in re.finditer(part["match"], inner):
                    names = part.get("captures", {"0": {"name": part.get("name", "")}})
                    found += [(names[key]["name"], sub.group(int(key))) for key in names if sub.group(int(key))]
            position = end.end() if end else len(line)
    return found


def test_the_textmate_grammar_matches_every_keyword_of_the_grammar() -> None:
    for word in KEYWORDS:
        assert [scope.split(".")[0] for scope, _ in textmate_scopes(word)] == ["keyword"], word


@pytest.mark.parametrize("path", SHIPPED, ids=[p.relative_to(ROOT).as_posix() for p in SHIPPED])
def test_the_textmate_grammar_finds_nothing_illegal_in_a_shipped_file(path: Path) -> None:
    scopes = textmate_scopes(path.read_text(encoding="utf-8"))
    assert [text for scope, text in scopes if scope.startswith("invalid")] == []
    assert ("entity.name.namespace.source.ballotlaw", "act") in textmate_scopes("  seats 5   [act Art. 1]")
    assert ("invalid.illegal.ballotlaw", "$") in textmate_scopes("  seats 5 $")

"""Write docs/editors/ballotlaw.tmLanguage.json, the TextMate grammar of rule files, from the keyword lists of
the Pygments lexer (engine/ballotlaw/highlight.py), which reads them from the grammar.

Run from the repository root: `python docs/tools/textmate_grammar.py`. tests/test_highlight.py checks that the
committed grammar is what this script writes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ballotlaw.highlight import ANNOTATIONS, CLAUSE_WORDS, DECLARATIONS, OPERATOR_WORDS

ROOT = Path(__file__).resolve().parent.parent.parent
TARGET = ROOT / "docs" / "editors" / "ballotlaw.tmLanguage.json"
#: The patterns of a line, in the order a TextMate engine tries them on a tie.
ORDER = (
    "comment", "string", "citation", "label", "number", "operator", "declaration", "annotation", "operator-word",
    "keyword", "method", "name", "punctuation", "invalid",
)  # fmt: skip


def _words(words: tuple[str, ...]) -> str:
    return r"\b(?:" + "|".join(sorted(words, key=lambda w: (-len(w), w))) + r")\b(?!['\-])"


def build() -> dict[str, object]:
    """The grammar: the same tokens as the Pygments lexer, under TextMate's usual scope names."""
    return {
        "$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
        "name": "ballotlaw",
        "scopeName": "source.ballotlaw",
        "fileTypes": ["rules"],
        "comment": "Written by docs/tools/textmate_grammar.py from the grammar's keywords; do not edit by hand.",
        "patterns": [{"include": f"#{name}"} for name in ORDER],
        "repository": {
            "comment": {"name": "comment.line.number-sign.ballotlaw", "match": "#.*$"},
            "string": {"name": "string.quoted.double.ballotlaw", "match": '"[^"]*"'},
            "citation": {
                "name": "meta.citation.ballotlaw",
                "begin": r"\[",
                "end": r"\]|$",
                "beginCaptures": {"0": {"name": "punctuation.definition.citation.begin.ballotlaw"}},
                "endCaptures": {"0": {"name": "punctuation.definition.citation.end.ballotlaw"}},
                "patterns": [
                    {"name": "punctuation.separator.citation.ballotlaw", "match": ";"},
                    {
                        "match": r"([a-z_][a-z0-9_]*)([^\];]*)",
                        "captures": {
                            "1": {"name": "entity.name.namespace.source.ballotlaw"},
                            "2": {"name": "string.unquoted.pinpoint.ballotlaw"},
                        },
                    },
                ],
            },
            "label": {
                "match": r"^\s*([a-z_][a-z0-9_]*)\s*(:)",
                "captures": {
                    "1": {"name": "entity.name.label.ballotlaw"},
                    "2": {"name": "punctuation.separator.label.ballotlaw"},
                },
            },
            "number": {
                "patterns": [
                    {"name": "constant.numeric.date.ballotlaw", "match": r"\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b"},
                    {"name": "constant.numeric.percent.ballotlaw", "match": r"\b[0-9]+(?:\.[0-9]+)?%"},
                    {"name": "constant.numeric.fraction.ballotlaw", "match": r"\b[0-9]+/[0-9]+\b"},
                    {"name": "constant.numeric.decimal.ballotlaw", "match": r"\b[0-9]+\.[0-9]+\b"},
                    {"name": "constant.numeric.integer.ballotlaw", "match": r"\b[0-9]+\b"},
                ]
            },
            "operator": {"name": "keyword.operator.comparison.ballotlaw", "match": r">=|<=|!=|[<>=+-]"},
            "declaration": {"name": "keyword.other.declaration.ballotlaw", "match": _words(DECLARATIONS)},
            "annotation": {"name": "keyword.other.annotation.ballotlaw", "match": _words(ANNOTATIONS)},
            "operator-word": {"name": "keyword.operator.word.ballotlaw", "match": _words(OPERATOR_WORDS)},
            "keyword": {"name": "keyword.control.clause.ballotlaw", "match": _words(CLAUSE_WORDS)},
            "method": {"name": "entity.name.function.method.ballotlaw", "match": r"\b[a-z]+(?:['\-][a-z]+)+\b"},
            "name": {"name": "variable.other.ballotlaw", "match": r"\b[a-z_][a-z0-9_]*\b"},
            "punctuation": {"name": "punctuation.separator.ballotlaw", "match": r"[,:;.()]"},
            "invalid": {"name": "invalid.illegal.ballotlaw", "match": r"[^\s]"},
        },
    }


def text() -> str:
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    TARGET.write_text(text(), encoding="utf-8")
    sys.stdout.write(f"wrote {TARGET.relative_to(ROOT)}\n")

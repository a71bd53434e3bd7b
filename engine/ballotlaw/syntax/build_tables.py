"""Write the analysed parser of the rule language as data shipped in the package (`rules_tables.json`).

Building the LALR tables from `rules.lark` takes a noticeable part of a second; loading them takes a small
fraction of it. The tables are plain JSON (never a pickle): the grammar's key (a hash of the grammar, Lark's
version and the parser options) is stored in the file and checked before use, and nothing is written at run
time. After a change of the grammar, run `python -m ballotlaw.syntax.build_tables` (tests/test_grammar.py
fails until the shipped file is regenerated).

The state numbers Lark gives depend on Python's hash seed; they are renumbered here in a canonical order
(breadth first from the start state, symbols by name), so that the same grammar always gives the same bytes.
"""

from __future__ import annotations

import json
import sys
from collections import deque
from pathlib import Path
from typing import Any

from lark import Lark
from lark.grammar import Rule
from lark.lexer import TerminalDef

from .parser import OPTIONS, TABLES_FORMAT, TABLES_NAME, grammar_key, grammar_text

SHIFT = 0  # Lark's serialized action codes: 0 shift (the argument is a state), 1 reduce (a rule)


def _canonical_table(table: dict[str, Any]) -> dict[str, Any]:
    """The parse table with its symbols numbered by name and its states in breadth-first order."""
    names: dict[int, str] = table["tokens"]
    symbols = {name: number for number, name in enumerate(sorted(names.values()))}
    states: dict[int, dict[int, Any]] = table["states"]
    renumbered: dict[int, int] = {}
    queue = deque(table["start_states"][start] for start in sorted(table["start_states"]))
    while queue:
        state = queue.popleft()
        if state in renumbered:
            continue
        renumbered[state] = len(renumbered)
        for _symbol, (action, argument) in sorted(states[state].items(), key=lambda item: names[item[0]]):
            if action == SHIFT:
                queue.append(argument)
    if len(renumbered) != len(states):
        raise ValueError("the parse table has states no start state reaches")

    def actions(state: int) -> dict[int, Any]:
        out = {
            symbols[names[symbol]]: [action, renumbered[argument] if action == SHIFT else argument]
            for symbol, (action, argument) in states[state].items()
        }
        return dict(sorted(out.items()))

    return {
        "tokens": {number: name for name, number in symbols.items()},
        "states": {renumbered[state]: actions(state) for state in sorted(states, key=renumbered.__getitem__)},
        "start_states": {start: renumbered[state] for start, state in sorted(table["start_states"].items())},
        "end_states": {start: renumbered[state] for start, state in sorted(table["end_states"].items())},
    }


def tables_json(grammar: str) -> str:
    """The analysed parser of `grammar` as the text of `rules_tables.json`."""
    parser = Lark(grammar, **OPTIONS)  # type: ignore[arg-type]
    data, memo = parser.memo_serialize([TerminalDef, Rule])
    data["parser"]["parser"] = _canonical_table(data["parser"]["parser"])
    document = {"format": TABLES_FORMAT, "grammar_key": grammar_key(grammar), "data": data, "memo": memo}
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the tables beside this module (`--check`: only say whether the shipped file is current)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(__file__).with_name(TABLES_NAME)
    text = tables_json(grammar_text())
    if args == ["--check"]:
        current = target.is_file() and target.read_text(encoding="utf-8") == text
        print(f"{target.name}: {'current' if current else 'out of date: run python -m ballotlaw.syntax.build_tables'}")
        return 0 if current else 1
    if args:
        print("usage: python -m ballotlaw.syntax.build_tables [--check]", file=sys.stderr)
        return 2
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target.name} ({len(text)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

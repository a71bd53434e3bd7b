"""Bad input never crashes: rule-file text generated from the grammar (and mutated), and arbitrary results
files, give diagnostics or an outcome, never another exception."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark
from lark import Lark

from ballotlaw.api import load_law_text
from ballotlaw.errors import FindingsError
from ballotlaw.evaluate import evaluate
from ballotlaw.results.load import load_results
from ballotlaw.syntax.parser import OPTIONS, grammar_text

ROOT = Path(__file__).resolve().parent.parent
KG = (ROOT / "rules" / "kg" / "jogorku-kenesh-2015.rules").read_text(encoding="utf-8")
LAW, _ = load_law_text(KG, "kg.rules")


def load_or_diagnose(text: str) -> None:
    try:
        load_law_text(text, "fuzz.rules")
    except FindingsError as error:
        assert error.diagnostics, "a findings error always carries diagnostics"
        for diagnostic in error.diagnostics:
            assert diagnostic.span is not None and diagnostic.span.line >= 1


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(from_lark(Lark(grammar_text(), **OPTIONS), start="start"))  # a built parser
def test_text_from_the_grammar_never_crashes(text: str) -> None:
    load_or_diagnose(text)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(KG) - 1), st.integers(0, 40), st.text(max_size=12))
def test_mutated_rule_file_never_crashes(position: int, cut: int, insert: str) -> None:
    load_or_diagnose(KG[:position] + insert + KG[position + cut :])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(
                [
                    "nation",
                    "region",
                    "KG",
                    "R1",
                    "",
                    "votes",
                    "voters_took_part",
                    "against_all",
                    "A",
                    "*",
                    "12",
                    "-3",
                    "not published",
                    "not published (at most 5)",
                    "1e3",
                    "9" * 20,
                    "x,y",
                    '"q',
                ]
            ),
            min_size=0,
            max_size=8,
        ),
        max_size=12,
    )
)
def test_arbitrary_results_files_never_crash(rows: list[list[str]]) -> None:
    path = Path(tempfile.gettempdir()) / f"ballotlaw-fuzz-{os.getpid()}.csv"
    text = "level,unit,parent,count,selection,value,source\n" + "\n".join(",".join(row) for row in rows) + "\n"
    path.write_text(text, encoding="utf-8")
    try:
        results, _ = load_results(LAW, str(path))
        evaluate(LAW, results)
    except FindingsError as error:
        assert all(d.location is not None for d in error.diagnostics)
    finally:
        path.unlink(missing_ok=True)

"""Issue 17, item 1: every syntax error of a rule file in one run, and suggestions for a lawyer's spellings.

The parser resumes after each error at the next clause or block (engine/ballotlaw/syntax/recovery.py); each error
keeps its position, caret and hint; a mistake is reported once, not as a cascade of errors it causes.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ballotlaw.api import load_law, load_law_text
from ballotlaw.cli import main
from ballotlaw.diagnostics.diagnostic import Diagnostic
from ballotlaw.errors import RuleFileError

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "rules").rglob("*.rules"))

HEAD = """ballotlaw 1

election "Test election"
  jurisdiction "Testland"
  law "Election Act"   [act]
  polling day 2024-01-01
end

source act "Election Act of Testland" "https://example.org/act"

level nation
level region: 2 units   [act Art. 2]

count voters_took_part "voters who took part" on nation, region   [act Art. 3]
count valid_votes "valid votes cast for the lists" on nation, region   [act Art. 3]
count against_all on nation   [act Art. 3]
votes on nation, region   [act Art. 3]
"""  # 17 lines; the body starts on line 18

CONTEST = """
contest national "National list tier"
  lists compete in the nation   [act Art. 4]
  seats 10   [act Art. 4]
  threshold at least 5% of voters_took_part nationally   [act Art. 5]
  allocate by d'hondt divisors   [act Art. 6]
  ties broken by lot   [act Art. 7]
  valid at any turnout   [act Art. 9]
end
"""


def errors_of(text: str) -> list[Diagnostic]:
    with pytest.raises(RuleFileError) as caught:
        load_law_text(text, "law.rules")
    return list(caught.value.diagnostics)


def found(text: str) -> list[tuple[str, int, int]]:
    return [(d.code, d.span.line, d.span.column) for d in errors_of(text) if d.span is not None]


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), start=1) if needle in line)


def test_every_syntax_error_of_a_file_in_one_run() -> None:
    """Three mistakes in three clauses of two blocks: three diagnostics, in the order of the file."""
    text = HEAD + CONTEST.replace("seats 10 ", "seats 10 $ ").replace("ties broken", "tie broken")
    text += CONTEST.replace("contest national", "contest second").replace("[act Art. 6]", "[act Art. 6")
    assert found(text) == [
        ("E102", line_of(text, "seats 10 $"), 12),
        ("E101", line_of(text, "tie broken"), 3),
        ("E106", line_of(text, "[act Art. 6]") + 9, 45),
    ]


def test_check_prints_them_all_and_exits_1(tmp_path: Path) -> None:
    text = HEAD + CONTEST.replace("seats 10 ", "seats 10 $ ").replace("allocate by", "alocate by")
    path = tmp_path / "law.rules"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1, result.output
    assert f"{path}:{line_of(text, 'seats 10 $')}:12: error[E102" in result.stdout
    assert f"{path}:{line_of(text, 'alocate')}:3: error[E101" in result.stdout
    assert "did you mean `allocate`?" in result.stdout and "2 errors" in result.stdout
    assert result.stdout.count("^") >= 2


def test_a_block_left_open_is_one_error_and_the_next_block_is_still_read() -> None:
    """The block without `end` is E109 at its header; the next block's own mistake is found as well."""
    first = CONTEST.replace("end\n", "")
    second = CONTEST.replace("contest national", "contest second").replace("ties broken", "tie broken")
    text = HEAD + first + second
    assert found(text) == [("E109", 19, 1), ("E101", line_of(text, "tie broken"), 3)]
    assert "before the `contest` on line" in errors_of(text)[0].hint  # type: ignore[operator]


def test_a_broken_header_does_not_hide_the_block_s_clauses() -> None:
    text = HEAD + CONTEST.replace('"National list tier"', '"National list tier').replace("seats 10 ", "seats 10 $ ")
    assert found(text) == [("E108", 19, 18), ("E102", line_of(text, "seats 10 $"), 12)]


def test_a_declaration_inside_a_block_is_one_error() -> None:
    text = HEAD + CONTEST.replace("  seats 10", "count extra on nation   [act]\n  seats 10")
    assert found(text) == [("E101", line_of(text, "count extra"), 1)]
    assert "cannot stand inside the `contest` block of line 19" in errors_of(text)[0].message


@pytest.mark.parametrize("spelled", ["en", "ned", "End"])
def test_a_misspelled_end_closes_its_block(spelled: str) -> None:
    text = HEAD + CONTEST.replace("end\n", f"{spelled}\n") + CONTEST.replace("contest national", "contest second")
    errors = errors_of(text)
    assert [(d.code, d.span.line if d.span else 0) for d in errors] == [("E101", 26)]
    assert "did you mean `end`?" in (errors[0].hint or "") or "write `end`" in (errors[0].hint or "")


def test_an_end_too_many() -> None:
    text = HEAD + CONTEST + "end\n"
    errors = errors_of(text)
    assert [(d.code, d.message) for d in errors] == [("E101", "this `end` closes no block")]


def test_a_broken_top_level_line_skips_the_clauses_of_its_block() -> None:
    """`contset` is no keyword: its clauses are not reported one by one as misplaced."""
    text = (
        HEAD
        + CONTEST.replace("contest national", "contset national")
        + CONTEST.replace("contest national", "contest second")
    )
    assert found(text) == [("E101", 19, 1)]


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_one_error_in_every_block_of_a_shipped_law_is_each_reported_once(path: Path) -> None:
    """A `$` put into the first clause of every block: exactly one E102 on each of those lines."""
    lines = path.read_text(encoding="utf-8").split("\n")
    spoiled: list[int] = []
    in_block = False
    for index, line in enumerate(lines):
        word = line.split()[0] if line.split() else ""
        if re.match(r"(contest|election|relations|example|amend) ", line):
            in_block = True
            continue
        if in_block and word and not word.startswith("#"):
            lines[index] = line.replace(word, f"{word} $", 1)
            spoiled.append(index + 1)
            in_block = False
    assert spoiled, path
    with pytest.raises(RuleFileError) as caught:
        load_law_text("\n".join(lines), str(path))
    assert [(d.code, d.span.line if d.span else 0) for d in caught.value.diagnostics] == [
        ("E102", number) for number in spoiled
    ]


def test_the_first_diagnostic_is_what_a_single_error_parse_gives() -> None:
    """With a second mistake further on, the first one is reported exactly as when it is the only one."""
    bad = ROOT / "tests" / "errors" / "bad"
    for name in ("syntax_bad_character", "syntax_comma_decimal", "syntax_percent_apart", "syntax_misspelled_keyword"):
        path = bad / f"{name}.rules"
        text = path.read_text(encoding="utf-8")
        with pytest.raises(RuleFileError) as alone:
            load_law(str(path))
        with pytest.raises(RuleFileError) as together:
            load_law_text(text.replace("  ties broken by lot", "  ties broken by lot $"), str(path))
        assert len(alone.value.diagnostics) == 1 and len(together.value.diagnostics) == 2
        assert together.value.diagnostics[0] == alone.value.diagnostics[0]


def test_errors_are_capped_and_fast() -> None:
    from ballotlaw.syntax.recovery import MAX_ERRORS

    text = HEAD + 'contest c "t"\n' + "  seats 5 $   [act]\n" * 5000 + "end\n"
    started = time.perf_counter()
    errors = errors_of(text)
    assert len(errors) == MAX_ERRORS and time.perf_counter() - started < 20


def test_an_error_in_the_language_line_stops_there() -> None:
    text = HEAD.replace("ballotlaw 1\n", "") + CONTEST.replace("seats 10 ", "seats 10 $ ")
    assert [d.code for d in errors_of(text)] == ["E107"]


# ---- suggestions for a lawyer's spellings ---------------------------------------------------------------------


def test_a_count_in_words_suggests_its_name() -> None:
    text = HEAD + CONTEST.replace("of voters_took_part", "of valid votes")
    (error,) = errors_of(text)
    assert error.message == "`valid votes` is not the name of a count"
    assert error.hint == 'did you mean `valid_votes`? it is declared on line 15 ("valid votes cast for the lists")'
    assert error.span is not None and error.span.text == "valid votes"


@pytest.mark.parametrize(
    ("declared", "meant"),
    [
        ("valid_votes", "valid_votes"),
        ("voters_took_part", "voters_took_part"),
        ("votes_cast", "votes_cast"),
    ],
)
def test_the_votes_cast_suggests_the_declared_count_it_most_likely_means(declared: str, meant: str) -> None:
    head = re.sub(r"count (voters_took_part|valid_votes) [^\n]*\n", "", HEAD)
    head = head.replace("count against_all", f'count {declared} "the votes cast" on nation   [act]\ncount against_all')
    text = head + CONTEST.replace("of voters_took_part", "of the votes cast")
    (error,) = errors_of(text)
    assert error.message == "`the votes cast` is not the name of a count"
    assert (error.hint or "").startswith(f"did you mean `{meant}`?")


def test_a_count_in_words_that_nothing_declares() -> None:
    text = HEAD + CONTEST.replace("of voters_took_part", "of registered electors")
    (error,) = errors_of(text)
    assert "declare `count registered_electors ...` and write `of registered_electors`" in (error.hint or "")


@pytest.mark.parametrize("where", ["clause", "top"])
def test_a_keyword_in_cyrillic(where: str) -> None:
    """`орун 10` (Kyrgyz for seats) was reported as a block not closed."""
    if where == "clause":
        text = HEAD + CONTEST.replace("seats 10", "орун 10")
    else:
        text = HEAD + "орун 10\n" + CONTEST
    (error,) = errors_of(text)
    assert error.code == "E101" and error.message == "`орун` is not a word of the rule language"
    assert (error.hint or "").startswith("rule files use English keywords")
    assert error.span is not None and error.span.text == "орун"


def test_a_keyword_typed_with_a_cyrillic_letter() -> None:
    text = HEAD + CONTEST.replace("seats 10", "s\u0435ats 10")
    (error,) = errors_of(text)
    assert error.message == "`s\u0435ats` is typed with Cyrillic letters (`\u0435`) that look like Latin ones"
    assert (error.hint or "").startswith("did you mean `seats`?")

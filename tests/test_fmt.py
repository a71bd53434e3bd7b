"""Issue 17, item 3: `ballotlaw fmt` lays a rule file out canonically, keeps its comments and its meaning, and is
idempotent; `fmt --check rules/` passes on the shipped files (CI runs it here)."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark
from lark import Lark

from ballotlaw.api import load_law_text
from ballotlaw.cli import main
from ballotlaw.errors import FindingsError, RuleFileError
from ballotlaw.fmt import ALIGN_LIMIT, format_text
from ballotlaw.syntax.parser import OPTIONS, get_parser, grammar_text, parse_text

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "rules").rglob("*.rules")) + sorted((ROOT / "specs").glob("*.spec"))
IDS = [p.relative_to(ROOT).as_posix() for p in SHIPPED]

HEAD = """ballotlaw 1

election "E"
  jurisdiction "J"
  law "L"   [act]
  polling day 2024-01-01   [act]
end

source act "Act" "https://example.org/act"

level nation
level region: 2 units   [act Art. 2]

count registered_voters "voters on the register" on nation, region   [act Art. 3]
count voters_took_part "voters who took part" on nation, region   [act Art. 3]
count valid_votes "valid votes" on nation, region   [act Art. 3]
votes on nation, region   [act Art. 3]
"""


def cli(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def meaning(text: str, path: str) -> object:
    """What a rule file means: its checked model and warnings, or the errors it is refused with (positions
    aside: a formatted file has its citations elsewhere)."""
    try:
        law, warnings = load_law_text(text, path)
    except FindingsError as error:
        return ("refused", [(d.code, d.message) for d in error.diagnostics])
    return (law, [(d.code, d.message) for d in warnings])


# ---- the shipped files -----------------------------------------------------------------------------------------


def test_fmt_check_passes_on_the_shipped_rule_files() -> None:
    """CI: the shipped rule files and specifications are laid out as `fmt` lays them out."""
    done = subprocess.run(
        [sys.executable, "-m", "ballotlaw.cli", "fmt", "--check", "rules", "specs"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"0 file(s) would be reformatted, {len(SHIPPED)} already formatted" in done.stderr


@pytest.mark.parametrize("path", SHIPPED, ids=IDS)
def test_formatting_keeps_the_meaning_of_a_shipped_file(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    squeezed = re.sub(r"(?m)(\S)  +(\[)", r"\1 \2", text)  # every citation one space after its clause
    formatted = format_text(squeezed, str(path))
    assert formatted == text
    assert parse_text(formatted, str(path)) == parse_text(squeezed, str(path))
    assert meaning(formatted, str(path)) == meaning(squeezed, str(path))


def test_the_meaning_compared_is_not_blind() -> None:
    """The comparison above sees a change of a threshold and of a citation's pinpoint."""
    path = ROOT / "rules" / "kg" / "jogorku-kenesh-2021.rules"
    text = path.read_text(encoding="utf-8")
    assert meaning(text.replace("at least 5% of", "at least 7% of"), str(path)) != meaning(text, str(path))
    assert meaning(text.replace("[cec836 Art. 59]", "[cec836 Art. 58]"), str(path)) != meaning(text, str(path))


# ---- the layout ------------------------------------------------------------------------------------------------

MESSY = (
    "# The law of Testland.\n\n\n"
    "ballotlaw   1\n"
    "\n\n"
    'election "E"\njurisdiction "J"\n    law "L" [act]\n  polling day 2024-01-01\t[act]\n\n\nend\n'
    'source act "Act" "https://example.org/act"\n'
    "level nation\n"
    "level region : 2 units [ act Art. 2 ]\n"
    'count valid_votes "valid votes" on nation , region [act Art. 3]  # the valid votes\n'
    "votes on nation, region [act Art. 3]\n"
    "# the only contest\n"
    'contest c "Seats"\n\n'
    "      lists compete in every region [act Art. 4]\n"
    '  seats 3 in "North",\n  2 in "South"      [act Art. 4 ; act Art. 5]\n'
    "  # the threshold\n"
    "  threshold at least 5% of valid_votes nationally [act Art. 6]\n"
    "  allocate by d'hondt divisors [act Art. 7]\n"
    '  ties broken by lot [act Art. 8] assumption  "No rule read."\n'
    "  valid at any turnout [act, article not known]\n\n"
    "end\n"
    'known failure standard_proportional . quota "Why." [act]\n'
    "# the end\n\n\n"
)
TIDY = (
    "# The law of Testland.\n\n"
    "ballotlaw 1\n\n"
    'election "E"\n  jurisdiction "J"\n  law "L"   [act]\n  polling day 2024-01-01   [act]\nend\n\n'
    'source act "Act" "https://example.org/act"\n'
    "level nation\n"
    "level region: 2 units   [act Art. 2]\n"
    'count valid_votes "valid votes" on nation, region   [act Art. 3]  # the valid votes\n'
    "votes on nation, region   [act Art. 3]\n\n"
    "# the only contest\n"
    'contest c "Seats"\n'
    "  lists compete in every region                     [act Art. 4]\n"
    '  seats 3 in "North",\n        2 in "South"                                [act Art. 4; act Art. 5]\n'
    "  # the threshold\n"
    "  threshold at least 5% of valid_votes nationally   [act Art. 6]\n"
    "  allocate by d'hondt divisors                      [act Art. 7]\n"
    '  ties broken by lot                                [act Art. 8] assumption "No rule read."\n'
    "  valid at any turnout                              [act, article not known]\n"
    "end\n\n"
    'known failure standard_proportional.quota "Why."   [act]\n'
    "# the end\n"
)


def test_the_canonical_layout() -> None:
    """Indentation, spacing, citations in a column, blank lines, comments where they were."""
    assert format_text(MESSY) == TIDY
    assert format_text(TIDY) == TIDY
    assert parse_text(MESSY) == parse_text(TIDY)


def test_line_ends_and_a_missing_final_newline() -> None:
    assert format_text(TIDY.replace("\n", "\r\n")) == TIDY
    assert format_text(TIDY.rstrip("\n")) == TIDY


def test_a_long_clause_keeps_its_citation_three_spaces_after_it() -> None:
    long = "  rerun if " + " or ".join(f"votes of the leading list > {n}% of valid_votes" for n in range(1, 4))
    text = HEAD + f'\ncontest c "t"\n  lists compete in the nation [act]\n{long} [act]\nend\n'
    lines = format_text(text).split("\n")
    short = next(line for line in lines if line.startswith("  lists"))
    assert len(long) > ALIGN_LIMIT and f"{long}   [act]" in lines
    assert short.index("[") == len("  lists compete in the nation") + 3


def test_a_file_that_does_not_parse_is_refused_with_all_its_errors() -> None:
    with pytest.raises(RuleFileError) as caught:
        format_text(HEAD + '\ncontest c "t"\n  seats 5 $ [act]\n  seets 4 [act]\nend\n')
    assert [d.code for d in caught.value.diagnostics] == ["E102", "E101"]


# ---- the command -----------------------------------------------------------------------------------------------


def test_fmt_rewrites_a_file_and_check_and_diff_change_nothing(tmp_path: Path) -> None:
    path = tmp_path / "law.rules"
    path.write_text(MESSY, encoding="utf-8")
    code, _, err = cli("fmt", "--check", str(path))
    assert code == 1 and f"would reformat {path}" in err and path.read_text(encoding="utf-8") == MESSY
    code, out, _ = cli("fmt", "--diff", str(path))
    assert (
        code == 1
        and "\n-ballotlaw   1\n" in out
        and "\n+ballotlaw 1\n" in out
        and path.read_text(encoding="utf-8") == MESSY
    )
    code, _, err = cli("fmt", str(path))
    assert code == 0 and f"reformatted {path}" in err and path.read_text(encoding="utf-8") == TIDY
    code, _, err = cli("fmt", "--check", str(path))
    assert code == 0 and "0 file(s) would be reformatted, 1 already formatted" in err


def test_fmt_of_a_folder_and_of_standard_input(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.rules").write_text(MESSY, encoding="utf-8")
    (tmp_path / "two.spec").write_text(TIDY, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a rule file", encoding="utf-8")
    code, _, err = cli("fmt", "--check", str(tmp_path))
    assert code == 1 and "1 file(s) would be reformatted, 1 already formatted" in err
    code, out, _ = cli("fmt", "-", stdin=MESSY)
    assert code == 0 and out == TIDY


def test_fmt_leaves_a_file_with_syntax_errors_alone(tmp_path: Path) -> None:
    path = tmp_path / "law.rules"
    bad = MESSY.replace("seats 3", "seats 3 $")
    path.write_text(bad, encoding="utf-8")
    code, _, err = cli("fmt", str(path))
    assert code == 1 and "E102" in err and path.read_text(encoding="utf-8") == bad
    assert cli("fmt", str(tmp_path / "missing.rules"))[0] == 2


# ---- generated files: any spacing of a shipped file formats to the shipped file ----------------------------------


def tokens_of(text: str) -> list[tuple[str, str, str]]:
    """(type, text, the text before it) for every token the parser reads."""
    interactive = get_parser().parse_interactive(text)
    out, end = [], 0
    for token in interactive.iter_parse():
        start = token.start_pos or 0
        out.append((token.type, str(token), text[end:start]))
        end = token.end_pos or start
    return out


def respaced(text: str, draw: random.Random) -> str:
    """The same tokens and comments, with other spaces, indentation, blank-line runs and line ends; and a
    citation, where there is one, put one space after its clause."""
    pieces = []
    for kind, value, gap in tokens_of(text):
        comment = gap[gap.find("#") :] if "#" in gap else ""
        space = draw.choice([" ", "  ", "\t", " \t "])
        pieces.append((space + comment) if comment else (space if gap else ""))
        if kind != "_NL":
            pieces.append(value)
            continue
        lines = value.split("\n")
        out = []
        for line in lines[1:-1]:  # the comment lines and blank lines
            if line.strip():
                out.append(draw.choice(["", " ", "    ", "\t"]) + line.strip())
            else:
                out.extend([""] * draw.choice([1, 1, 2, 3]))
        out.append(lines[-1].strip() or draw.choice(["", " ", "   ", "\t"]))  # the next line's indentation
        pieces.append("\n" + "\n".join(out))
    joined = "".join(pieces)
    return joined.replace("\n", "\r\n") if draw.random() < 0.2 else joined


def with_comments(text: str, draw: random.Random) -> str:
    """Comments put at the end of some lines."""
    out: list[str] = []
    for number, (kind, value, gap) in enumerate(tokens_of(text)):
        out.append(gap)
        if kind == "_NL" and "#" not in gap and draw.random() < 0.3:
            out.append(f"  # note {number}")
        out.append(value)
    return "".join(out) + text[len("".join(gap + value for _, value, gap in tokens_of(text))) :]


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(SHIPPED), st.randoms(use_true_random=False))
def test_any_spacing_of_a_shipped_file_formats_to_it(path: Path, draw: random.Random) -> None:
    """The layout depends on the tokens and comments only; comments at the ends of lines stay there."""
    text = path.read_text(encoding="utf-8")
    assert format_text(respaced(text, draw), str(path)) == text
    commented = with_comments(text, draw)
    formatted = format_text(respaced(commented, draw), str(path))
    assert formatted == format_text(commented, str(path))
    assert re.sub(r"  # note \d+", "", formatted) == text
    assert formatted.count("# note") == commented.count("# note")


# ---- generated files: texts of the grammar -----------------------------------------------------------------------

GRAMMAR = Lark(grammar_text(), **OPTIONS)
TERMINALS: dict[str, st.SearchStrategy[str]] = {
    "NAME": st.sampled_from(["nation", "region", "valid_votes", "voters_took_part", "act", "c", "x_1", "votes"]),
    "WORD": st.sampled_from(["lot", "d'hondt", "divisors", "plurality", "hare", "quota", "elected", "more", "votes"]),
    "STRING": st.sampled_from(['"A"', '"North"', '""', '"x  y # z"', '"Łódź"']),
    "INT": st.sampled_from(["0", "1", "2", "5", "120"]),
    "DECIMAL": st.sampled_from(["0.5", "2.25"]),
    "PERCENT": st.sampled_from(["5%", "0.5%", "100%"]),
    "FRACTION": st.sampled_from(["1/3", "2/1"]),
    "DATE": st.sampled_from(["2024-01-01"]),
    "CITE_TEXT": st.sampled_from(["Art. 5", "Art. 64(3)  ", ", article not known", "§ 2"]),
    "COMPARATOR": st.sampled_from([">=", ">", "=", "!="]),
    "SIGN": st.sampled_from(["+", "-"]),
    "COMMENT": st.just(" "),
    "_NL": st.sampled_from(["\n", "\r\n", "\n\n\n", "\n  # note\n", "\n# a\n\n#  b\n   "]),
    "WS_INLINE": st.sampled_from([" ", "\t", "   "]),
}


def _explicit() -> dict[str, st.SearchStrategy[str]]:
    found: dict[str, st.SearchStrategy[str]] = {}
    for terminal in GRAMMAR.terminals:
        if terminal.name in TERMINALS:
            strategy = TERMINALS[terminal.name]
        elif terminal.pattern.type == "str":
            strategy = st.just(terminal.pattern.value)
        else:
            continue
        found[terminal.name] = strategy.map(lambda text: text if text.endswith("\n") else text + " ")
    return found


def generated(start: str) -> st.SearchStrategy[str]:
    """Texts of the grammar's rule `start`, every terminal followed by a space."""
    terminals, rules, ignored = GRAMMAR.grammar.compile([start], ())
    reachable = {t.name for t in terminals} | set(ignored)
    reachable |= {symbol.name for rule in rules for symbol in rule.expansion if symbol.is_term}
    explicit = {name: strategy for name, strategy in _explicit().items() if name in reachable}
    return from_lark(GRAMMAR, start=start, explicit=explicit)


BLOCKS = st.one_of(
    [generated(name) for name in ("contest_block", "relations_block", "example_block", "amend_block", "known_failure")]
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(BLOCKS, min_size=1, max_size=3))
def test_generated_files_keep_their_meaning_and_format_once(blocks: list[str]) -> None:
    text = HEAD + "".join(block if block.endswith("\n") else block + "\n" for block in blocks)
    try:
        tree = parse_text(text)
    except RuleFileError:
        assume(False)
        return
    formatted = format_text(text)
    assert format_text(formatted) == formatted
    assert parse_text(formatted) == tree
    assert meaning(formatted, "law.rules") == meaning(text, "law.rules")

"""Fuzzing rule files: texts generated from the grammar (`engine/ballotlaw/syntax/rules.lark`), and the shipped
rule files of `rules/` mutated (lines deleted, duplicated, swapped; bytes flipped; tokens inserted; numbers made
huge, zero or negative; percents changed; the file cut short).

The oracle (fuzzing.survive): loading the file, running its example blocks, evaluating it on results and
comparing it with the law it was made from either succeed or raise the project's own findings or usage errors,
within the time bound. The budget is BALLOTLAW_FUZZ_EXAMPLES inputs per test (`make fuzz` sets it large).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fuzzing import HUGE, fuzz_settings, mutated, survive
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark
from lark import Lark

from ballotlaw.api import load_law
from ballotlaw.diff import compare, render_text, to_json
from ballotlaw.errors import FindingsError
from ballotlaw.evaluate import evaluate
from ballotlaw.examples import run_examples
from ballotlaw.model import Law
from ballotlaw.outcome import Outcome
from ballotlaw.render.explain import render_trace
from ballotlaw.render.jsonform import outcome_json
from ballotlaw.render.text import render_outcome
from ballotlaw.results.load import load_results
from ballotlaw.results.model import Results
from ballotlaw.syntax.parser import OPTIONS, grammar_text

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CASES = HERE / "cases"
PREAMBLE = (CASES / "preamble.rules").read_text(encoding="utf-8")
PREAMBLE_RESULTS = CASES / "preamble.csv"
GRAMMAR = Lark(grammar_text(), **OPTIONS)  # the parser's own options

# ---- strategies for the grammar's terminals --------------------------------------------------------------------
# Hypothesis joins terminals without a space unless it draws an ignored one; every strategy below ends in a space
# so that keywords and names stay apart, and draws from words the checker knows, so that generated files get
# past the names and reach the checks and evaluation behind them.

NAMES = [
    "nation", "region", "district", "registered_voters", "voters_took_part", "valid_votes", "against_all",
    "votes", "act", "parliament", "national", "regional", "seats", "cap", "ties", "x", "a_", "contest", "end",
]  # fmt: skip
PHRASE = re.compile(r"(?:allocate by|broken by|elect by|then|status) ([a-z][a-z' -]*?)\s*(?=\[|,|$)", re.MULTILINE)
PHRASES = sorted(
    {m.strip() for path in (ROOT / "rules").rglob("*.rules") for m in PHRASE.findall(path.read_text(encoding="utf-8"))}
    | {"lot", "d'hondt divisors", "hare quota and largest remainders", "plurality", "elected", "provisional"}
)  # the words of methods, tie rules and statuses the shipped laws use
STRINGS = [
    '"A"',
    '"B"',
    '"N"',
    '"North"',
    '"D1"',
    '""',
    '"x y"',
    '"\u00e9\u0416\u6f22"',
    '"\x1b[31m"',
    f'"{"w" * 300}"',
]
TERMINALS: dict[str, st.SearchStrategy[str]] = {
    "NAME": st.sampled_from(NAMES),
    "WORD": st.sampled_from(PHRASES),
    "STRING": st.one_of(
        st.sampled_from(STRINGS), st.text(st.characters(exclude_characters='"\n\r'), max_size=20).map('"{}"'.format)
    ),
    "INT": st.sampled_from(["1", "0", "2", "3", "5", "7", "10", "54", "100", "400", "1000", *HUGE]),
    "DECIMAL": st.sampled_from(["0.5", "1.0", "2.5", "99.99", "100.0001", "0." + "0" * 60 + "1"]),
    "PERCENT": st.sampled_from(["0%", "0.5%", "5%", "50%", "100%", "100.01%", "150%", "4.9999999999%"]),
    "FRACTION": st.sampled_from(["1/150", "1/2", "2/1", "0/0", "1/0", "0/5", f"1/{HUGE[-1]}"]),
    "DATE": st.sampled_from(["2024-06-02", "2024-01-01", "2024-13-45", "0000-00-00", "9999-12-31"]),
    "CITE_TEXT": st.sampled_from(["Art. 5", "Art. 64(3)", "s. 7(2)", "x"]),
    "COMPARATOR": st.sampled_from([">=", "<=", ">", "<", "=", "!="]),
    "SIGN": st.sampled_from(["+", "-"]),
    "COMMENT": st.just(" "),  # a comment inside a line would hide the rest of it; _NL brings comments
    "_NL": st.sampled_from(["\n", "\r\n", "\n  # note\n"]),
    "WS_INLINE": st.sampled_from([" ", "\t"]),
}


def _spaced(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return strategy.map(lambda text: text if text.endswith("\n") else text + " ")


def terminal_strategies(grammar: Lark) -> dict[str, st.SearchStrategy[str]]:
    """A strategy for every terminal of the grammar: the keywords as written, the others from TERMINALS (or,
    for a terminal added to the grammar later, from its pattern)."""
    found: dict[str, st.SearchStrategy[str]] = {}
    for terminal in grammar.terminals:
        pattern = terminal.pattern
        if terminal.name in TERMINALS:
            found[terminal.name] = _spaced(TERMINALS[terminal.name])
        elif pattern.type == "str":
            found[terminal.name] = st.just(f"{pattern.value} ")
        else:
            regex = re.compile(pattern.to_regexp())
            found[terminal.name] = _spaced(st.from_regex(regex, fullmatch=True, alphabet=st.characters(codec="utf-8")))
    return found


EXPLICIT = terminal_strategies(GRAMMAR)


def generated(start: str) -> st.SearchStrategy[str]:
    """Texts of the grammar's rule `start`, with the strategies of the terminals it can reach."""
    terminals, rules, ignored = GRAMMAR.grammar.compile([start], ())
    reachable = {t.name for t in terminals} | set(ignored)
    reachable |= {symbol.name for rule in rules for symbol in rule.expansion if symbol.is_term}
    explicit = {name: strategy for name, strategy in EXPLICIT.items() if name in reachable}
    return from_lark(GRAMMAR, start=start, explicit=explicit)


WHOLE_FILES = generated("start")
BLOCK_RULES = ["contest_block", "example_block", "relations_block", "spec_block", "known_failure", "amend_block"]
BLOCKS = st.one_of([generated(name) for name in BLOCK_RULES])


def preamble_results(law: Law) -> Results | None:
    """The results of cases/preamble.csv read for `law`, if they fit it."""
    try:
        return load_results(law, str(PREAMBLE_RESULTS))[0]
    except FindingsError:  # the generated declarations do not fit them
        return None


def exercised(law: Law, results: Results | None = None) -> Law:
    """What the command line does with a law: run its example blocks and, given results, evaluate and render."""
    for result in run_examples(law):
        if result.outcome is not None:
            outcome_json(result.outcome)
    if results is not None:
        rendered(evaluate(law, results))
    return law


def rendered(outcome: Outcome) -> Outcome:
    assert outcome_json(outcome) and render_outcome(outcome) and render_trace(outcome)
    return outcome


def load_text(folder: Path, name: str, text: str | bytes) -> Law:
    """Write `text` as the file `name` in `folder` and load it (a lone surrogate drawn into a string is written
    as the bytes a careless encoder writes for it)."""
    path = folder / name
    path.write_bytes(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    return load_law(str(path))[0]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a copy of rules/ and specs/ (a mutated file is written beside the files it amends)."""
    folder = tmp_path_factory.mktemp("fuzz-rules")
    shutil.copytree(ROOT / "rules", folder / "rules")
    shutil.copytree(ROOT / "specs", folder / "specs")
    return folder


@fuzz_settings()
@given(text=WHOLE_FILES)
def test_files_from_the_grammar(text: str, workdir: Path) -> None:
    """Whole files drawn from the grammar: refused with diagnostics or loaded, examples run, never a crash."""
    survive("grammar: whole files", lambda: exercised(load_text(workdir, "generated.rules", text)))


@fuzz_settings()
@given(blocks=st.lists(BLOCKS, min_size=1, max_size=3))
def test_blocks_from_the_grammar_after_valid_declarations(blocks: list[str], workdir: Path) -> None:
    """Contests, examples, relations, specs and amendments drawn from the grammar, after declarations they can
    name: refused, or loaded and evaluated on results that fit the declarations."""
    text = PREAMBLE + "\n" + "".join(blocks)

    def action() -> Law:
        law = load_text(workdir, "generated.rules", text)
        return exercised(law, preamble_results(law))

    survive("grammar: blocks", action)


# ---- mutations of the shipped rule files -----------------------------------------------------------------------

SHIPPED = sorted(
    str(p.relative_to(ROOT)) for p in [*(ROOT / "rules").rglob("*.rules"), *(ROOT / "specs").glob("*.spec")]
)
GOLDEN = {  # shipped laws and the shipped results they are evaluated on (tests/test_fuzz_constructs.py, data/)
    "rules/be/chamber-2024.rules": "data/be/2024/results.csv",
    "rules/ch/federal-vote-people-and-cantons.rules": "data/ch/2020-responsible-business-initiative/results.csv",
    "rules/cz/chamber-2021.rules": "data/cz/2021/results.csv",
    "rules/de/bundestag-2025.rules": "data/de/2025/results.csv",
    "rules/fr/legislatives-2022.rules": "data/fr/2022-legislatives-hauts-de-seine-03/results-round1.csv",
    "rules/il/knesset-2022.rules": "data/il/2022/results.csv",
    "rules/it/referendum-abrogative.rules": "data/it/2016-referendum-trivelle/results.csv",
    "rules/kg/jogorku-kenesh-2021.rules": "data/kg/2021/results.csv",
    "rules/kg/referendum-2021-01.rules": "data/kg/2021-referendum-january/results.csv",
    "rules/lt/seimas-2016.rules": "data/lt/2016/results.csv",
    "rules/md/parliament-2021.rules": "data/md/2021/results.csv",
    "rules/me/parliament-2023.rules": "data/me/2023/results.csv",
    "rules/nl/tweede-kamer-2023.rules": "data/nl/2023/results.csv",
    "rules/no/storting-2021.rules": "data/no/2021/results.csv",
    "rules/nz/house-2023.rules": "data/nz/2023/results.csv",
    "rules/pl/sejm-2023.rules": "data/pl/2023/results.csv",
    "rules/sk/national-council-2023.rules": "data/sk/2023/results.csv",
    "rules/us/arizona-attorney-general-2022.rules": "data/us/2022-arizona-attorney-general-recount/results-recount.csv",
    "rules/us/georgia-us-senate-2022.rules": "data/us/2022-georgia-senate-runoff/results-round1.csv",
}
_ORIGINALS: dict[str, tuple[Law, Results | None, Outcome | None]] = {}


def original(name: str) -> tuple[Law, Results | None, Outcome | None]:
    """A shipped law, its golden results and its outcome on them, loaded once."""
    if name not in _ORIGINALS:
        law = load_law(str(ROOT / name))[0]
        results = load_results(law, str(ROOT / GOLDEN[name]))[0] if name in GOLDEN else None
        _ORIGINALS[name] = (law, results, evaluate(law, results) if results is not None else None)
    return _ORIGINALS[name]


@fuzz_settings()
@given(name=st.sampled_from(SHIPPED), data=st.data())
def test_mutated_shipped_rule_files(name: str, data: st.DataObject, workdir: Path) -> None:
    """A shipped rule file or spec, mutated: refused with diagnostics, or loaded; then its examples run, it is evaluated
    on the golden results of the original (when it still reads them) and compared with the original (`diff`)."""
    old_law, old_results, old_outcome = original(name)
    text = data.draw(mutated((ROOT / name).read_bytes()), label="mutated")
    folder = workdir / Path(name).parent

    def action() -> Law:
        law = load_text(folder, "fuzzed.rules", text)
        exercised(law)
        if old_results is not None and old_outcome is not None:
            results = _reread(law, name)
            if results is not None:
                outcome = rendered(evaluate(law, results))
                found = compare(old_law, law, old_outcome, outcome)
                assert render_text(found, name, "fuzzed.rules", GOLDEN[name])
                assert to_json(found, name, "fuzzed.rules", GOLDEN[name])
        return law

    survive("rules: mutated shipped files", action)


def _reread(law: Law, name: str) -> Results | None:
    """The golden results of `name` read for the mutated law (None when they no longer fit it: the mutation
    changed a declaration)."""
    try:
        return load_results(law, str(ROOT / GOLDEN[name]))[0]
    except FindingsError:
        return None

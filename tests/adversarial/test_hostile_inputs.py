"""The standing hostile-input suite: every kind of input ballotlaw reads, fed what a careless or hostile sender
could give it (empty files, a bare BOM, UTF-16, CRLF, NUL bytes, huge lines, cut-off files, binary garbage,
wrong types, negative, huge and floating-point numbers, deep nesting, long and control-character names, odd
paths, bad options and environment variables).

Each case says what a careful user expects: `accepted` (with the same outcome as the clean input where it
says so), `refused` with a diagnostic code (a class such as `D1`, or an exact code), a usage error, or `either`
(accepted, or refused with a coded diagnostic). Whatever it says, no case may end in another exception, a
traceback, exit 3 or a run past its time bound. The bulk runs in-process through the API (fuzzing.survive is
the oracle); a representative subset runs the real command (conftest.run_cli).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from fuzzing import essence, survive

from ballotlaw.api import load_law, run
from ballotlaw.errors import FindingsError, UsageError
from ballotlaw.examples import run_examples
from ballotlaw.outcome import Outcome
from ballotlaw.render.explain import render_trace
from ballotlaw.render.jsonform import outcome_json, trace_json
from ballotlaw.render.text import render_outcome
from ballotlaw.results.load import load_results
from conftest import Ran, run_cli

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
ROOT = HERE.parent.parent
SMALL_RULES = CASES / "small.rules"
SMALL_CSV = CASES / "small.csv"
SMALL_JSON = CASES / "small.json"
SMALL_NIST = CASES / "small-nist.json"
SMALL_WIDE = CASES / "small-wide.csv"
SMALL_MAPPING = CASES / "small-mapping.json"
BOUND = 10.0  # seconds an in-process case may take

ACCEPTED, REFUSED, USAGE, EITHER = "accepted", "refused", "usage", "either"
BIG = "9" * 5000  # longer than Python's default limit of int() on text (4,300 digits)
OVER = str(2**63)  # one more than the largest count


@attrs.frozen
class Hostile:
    """One hostile input: its bytes, what is expected, and the diagnostic code (or code class) expected."""

    content: bytes
    expect: str
    code: str | None = None
    same: bool = False  # accepted with the same seats as the clean input


def refused(content: bytes, code: str | None = None) -> Hostile:
    return Hostile(content, REFUSED, code)


def accepted(content: bytes, same: bool = False) -> Hostile:
    return Hostile(content, ACCEPTED, None, same)


def either(content: bytes) -> Hostile:
    return Hostile(content, EITHER)


def case(hostile: Hostile, name: str, new: str | None = None) -> object:
    """A parametrize entry with a readable id; `new` marks a defect found by this suite and not yet fixed."""
    marks = [pytest.mark.xfail(strict=True, reason=f"NEW: {new}")] if new else []
    return pytest.param(hostile, id=name, marks=marks)


# ---- transformations of clean inputs -------------------------------------------------------------------------


def sub(data: bytes, old: str, new: str, count: int = 1) -> bytes:
    """`data` with `old` replaced by `new` (`count` times, 0 for all); `old` must be there, so that a case cannot
    silently test the clean input."""
    raw_old, raw_new = old.encode(), new.encode()
    assert raw_old in data, f"{old!r} is not in the input"
    return data.replace(raw_old, raw_new, count if count else -1)


def utf16(data: bytes) -> bytes:
    return data.decode("utf-8").encode("utf-16")


def utf16be(data: bytes) -> bytes:
    return data.decode("utf-8").encode("utf-16-be")


def crlf(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r\n")


def cr_only(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r")


def garbage(size: int, seed: int = 12) -> bytes:
    return random.Random(seed).randbytes(size)


def printable_garbage(size: int, seed: int = 12) -> bytes:
    draw = random.Random(seed)
    return "".join(chr(draw.choice([draw.randint(32, 126), draw.randint(160, 0x2FFF)])) for _ in range(size)).encode()


def cut(data: bytes, fraction: float) -> bytes:
    return data[: int(len(data) * fraction)]


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


BOM = b"\xef\xbb\xbf"

# ---- oracle -------------------------------------------------------------------------------------------------

Seats = tuple[tuple[str, str, str, int | None], ...]


def seats_of(outcome: Outcome) -> Seats:
    return tuple(
        (contest.id, unit.unit, selection.id, selection.seats)
        for contest in outcome.contests
        for unit in contest.units
        for selection in unit.selections
    )


def rendered(outcome: Outcome) -> Outcome:
    """Every renderer of an outcome runs on it (a hostile name must not break a table or the JSON)."""
    assert outcome_json(outcome) and trace_json(outcome)
    assert render_outcome(outcome) and render_trace(outcome)
    return outcome


def judge(hostile: Hostile, got: object, baseline: Callable[[], Seats] | None = None) -> None:
    """Hold what happened to what the case expects (survive has already checked any diagnostics)."""
    if isinstance(got, FindingsError):
        codes = sorted({d.code for d in got.diagnostics})
        assert hostile.expect in (REFUSED, EITHER), f"refused with {codes}: {got}"
        if hostile.code is not None:
            assert any(code.startswith(hostile.code) for code in codes), f"expected {hostile.code}, got {codes}"
        return
    if isinstance(got, UsageError):
        assert hostile.expect == USAGE, f"usage error: {got}"
        return
    assert hostile.expect in (ACCEPTED, EITHER), f"accepted, expected {hostile.expect} {hostile.code or ''}"
    if hostile.same and baseline is not None:
        assert isinstance(got, Outcome)
        assert seats_of(got) == baseline(), "accepted with another outcome than the clean input"


_BASELINE: dict[str, Seats] = {}


def baseline_seats() -> Seats:
    if "small" not in _BASELINE:
        _BASELINE["small"] = seats_of(run(str(SMALL_RULES), str(SMALL_CSV))[0])
    return _BASELINE["small"]


# ---- rule files -----------------------------------------------------------------------------------------------

R = SMALL_RULES.read_bytes()


def deep_condition(terms: int) -> bytes:
    """The small law with a relation whose condition chains `terms` comparisons with `and`."""
    condition = " and ".join(["valid_votes <= voters_took_part"] * terms)
    block = (
        '\nrelations control "Control relations"\n'
        f"  deep: valid_votes <= registered_voters in every region, when {condition}, error   [act Art. 4]\n"
        "end\n"
    )
    return R + block.encode()


def with_line(text: str) -> bytes:
    return R + b"\n" + text.encode() + b"\n"


RULE_CASES = [
    case(refused(b"", "E"), "empty"),
    case(refused(BOM, "E"), "only-a-bom"),
    case(accepted(BOM + R), "bom-then-valid"),
    case(refused(utf16(R), "E110"), "utf16-with-bom"),
    case(refused(utf16be(R), "E"), "utf16be-without-bom"),
    case(accepted(crlf(R)), "crlf"),
    case(either(cr_only(R)), "cr-only-line-ends"),
    case(refused(sub(R, "seats 10", "seats\x0010"), "E"), "nul-byte-in-a-clause"),
    case(either(sub(R, "# A small law", "# A small\x00 law")), "nul-byte-in-a-comment"),
    case(either(with_line("#" + "x" * 2_000_000)), "comment-line-of-2-mb"),
    case(either(sub(R, "parliament", "p" * 100_000, 0)), "contest-id-of-100k-chars"),
    case(either(sub(R, '"House of 10 seats', '"' + "H" * 1_000_000)), "title-of-1-mb"),
    case(refused(cut(R, 0.5), "E"), "cut-in-half"),
    case(refused(R[: R.index(b"Exampleland (an")], "E"), "cut-inside-a-string"),
    case(refused(garbage(4096), "E"), "binary-garbage"),
    case(refused(printable_garbage(2000), "E"), "printable-unicode-garbage"),
    case(refused(b"\xed\xa0\x80" + R, "E110"), "encoded-lone-surrogate"),
    case(refused(sub(R, "seats 10 ", "seats 0 "), "E"), "seats-zero"),
    case(refused(sub(R, "seats 10 ", "seats -1 "), "E"), "seats-negative"),
    case(refused(sub(R, "seats 10 ", f"seats {10**30} "), "E"), "seats-10-to-the-30"),
    case(refused(sub(R, "seats 10 ", f"seats {BIG} "), "E"), "seats-of-5000-digits"),
    case(refused(sub(R, "seats 10 ", "seats 1e3 "), "E"), "seats-1e3"),
    case(either(sub(R, "seats 10 ", "seats 1.0 ")), "seats-1.0"),
    case(refused(sub(R, "seats 10 ", "seats NaN "), "E"), "seats-nan"),
    case(refused(sub(R, "seats 10 ", "seats Infinity "), "E"), "seats-infinity"),
    case(refused(sub(R, "at least 5%", "at least 500%"), "E"), "threshold-500-percent"),
    case(refused(sub(R, "at least 5%", "at least 1e3%"), "E"), "threshold-1e3-percent"),
    case(refused(sub(R, "at least 5%", "at least -5%"), "E"), "threshold-negative"),
    case(refused(sub(R, "at least 5%", "at least 1/0"), "E"), "threshold-one-over-zero"),
    case(refused(sub(R, "at least 5%", "at least 0/0"), "E"), "threshold-zero-over-zero"),
    case(either(sub(R, "at least 5%", f"at least 5.{'0' * 5000}%")), "threshold-with-5000-decimals"),
    case(either(sub(R, "at least 5%", f"at least 1/{BIG}")), "threshold-fraction-of-5000-digits"),
    case(
        refused(sub(R, "polling day 2024-06-02", "polling day 2024-13-45"), "E"),
        "polling-day-month-13",
    ),
    case(
        refused(sub(R, "in force from 2024-01-01", "in force from 0000-00-00"), "E"),
        "in-force-day-zero",
    ),
    case(either(deep_condition(600)), "condition-of-600-ands"),
    case(refused(sub(R, "allocate by", "alocate by"), "E1"), "misspelled-keyword"),
    case(refused(sub(R, "contest parliament", "contest парламент"), "E"), "cyrillic-identifier"),
    case(either(sub(R, '"House of 10 seats', '"House\x1b[31m of\x07 10\x08 seats')), "control-characters-in-a-title"),
    case(refused(sub(R, "national:", "nat\x1b[2Jional:"), "E"), "escape-sequence-in-a-label"),
    case(refused(R + R[R.index(b"contest parliament") : R.index(b"example dhondt")], "E"), "contest-twice"),
    case(accepted(R + b"# comment\n" * 20_000), "twenty-thousand-comment-lines"),
    case(refused(with_line("level nation"), "E"), "level-declared-twice"),
    case(refused(sub(R, "ballotlaw 1", "ballotlaw 2"), "E"), "language-version-2"),
    case(refused(sub(R, "ballotlaw 1", f"ballotlaw {BIG}"), "E"), "language-version-of-5000-digits"),
    case(refused(sub(R, "[act Art. 10]", "[act Art. 10", 1), "E"), "unclosed-citation"),
    case(refused(sub(R, "[act Art. 10]", "[nobody]", 1), "E"), "unknown-source"),
    case(
        refused(sub(R, "level region: 2 units", f"level region: {10**30} units"), "E"),
        "level-of-10-to-the-30-units",
    ),
]


@pytest.mark.parametrize("hostile", RULE_CASES)
def test_hostile_rule_file(hostile: Hostile, tmp_path: Path) -> None:
    """A hostile rule file is refused with an E code (or accepted where the case says so), never a crash."""
    path = tmp_path / "law.rules"
    path.write_bytes(hostile.content)

    def check() -> object:
        law, _warnings = load_law(str(path))
        failed = [r for r in run_examples(law) if not r.passed]
        if hostile.expect == ACCEPTED:
            assert not failed, "an example of the accepted file failed"
        return law

    judge(hostile, survive(None, check, BOUND))


# ---- amendments: the files a rule file amends ----------------------------------------------------------------

AMENDING = """\
ballotlaw 1
amends "{base}"   [act]

election "A later version"
  jurisdiction "Exampleland"
  law "Election Act of Exampleland"   [act]
  version "as amended in 2025", in force from 2025-01-01   [act]
end

amend contest parliament
  replace seats 12   [act Art. 10]
end
"""


def amending(base: str) -> str:
    return AMENDING.format(base=base)


def _chain(folder: Path, length: int) -> Path:
    """`length` files, each amending the one before, the first amending small.rules."""
    shutil.copy(SMALL_RULES, folder / "v0.rules")
    for i in range(1, length + 1):
        text = amending(f"v{i - 1}.rules").replace("replace seats 12", f"replace seats {10 + i % 5}")
        (folder / f"v{i}.rules").write_text(text, encoding="utf-8")
    return folder / f"v{length}.rules"


def _setup_amends(kind: str, folder: Path) -> Path:
    """Write the files of one amendment case into `folder`; return the file to load."""
    shutil.copy(SMALL_RULES, folder / "base.rules")
    target = folder / "law.rules"
    bases = {
        "valid": "base.rules",
        "missing": "nothing.rules",
        "itself": "law.rules",
        "parent-folder": "../base.rules",
        "absolute": str(folder / "base.rules"),
        "a-folder": "sub.rules",
        "not-a-rules-name": "base.txt",
        "utf16-base": "utf16.rules",
        "garbage-base": "garbage.rules",
        "empty-name": "",
        "nul-in-name": "base\x00.rules",
        "two-cycle": "other.rules",
        "symlink-loop": "loop.rules",
        "symlink-outside": "outside.rules",
    }
    (folder / "sub.rules").mkdir()
    shutil.copy(SMALL_RULES, folder / "base.txt")
    (folder / "utf16.rules").write_bytes(utf16(R))
    (folder / "garbage.rules").write_bytes(garbage(2048))
    (folder / "other.rules").write_text(amending("law.rules"), encoding="utf-8")
    os.symlink("loop.rules", folder / "loop.rules")
    outside = folder.parent / f"{folder.name}-outside"
    outside.mkdir()
    shutil.copy(SMALL_RULES, outside / "secret.rules")
    os.symlink(outside / "secret.rules", folder / "outside.rules")
    if kind == "chain-of-30":
        return _chain(folder, 30)
    if kind == "chain-of-1000":
        return _chain(folder, 1000)
    target.write_text(amending(bases[kind]), encoding="utf-8")
    return target


AMEND_CASES = [
    case(Hostile(b"", ACCEPTED), "valid"),
    case(Hostile(b"", ACCEPTED), "chain-of-30"),
    case(Hostile(b"", REFUSED, "E"), "missing"),
    case(Hostile(b"", REFUSED, "E308"), "itself"),
    case(Hostile(b"", REFUSED, "E306"), "parent-folder"),
    case(Hostile(b"", REFUSED, "E306"), "absolute"),
    case(Hostile(b"", REFUSED, "E"), "a-folder"),
    case(Hostile(b"", REFUSED, "E"), "not-a-rules-name"),
    case(Hostile(b"", REFUSED, "E"), "utf16-base"),
    case(Hostile(b"", REFUSED, "E"), "garbage-base"),
    case(Hostile(b"", REFUSED, "E"), "empty-name"),
    case(Hostile(b"", REFUSED, "E"), "nul-in-name"),
    case(Hostile(b"", REFUSED, "E308"), "two-cycle"),
    case(Hostile(b"", REFUSED, "E"), "symlink-loop"),
    case(Hostile(b"", REFUSED, "E306"), "symlink-outside"),
    case(Hostile(b"", REFUSED, "E"), "chain-of-1000"),
]


@pytest.mark.parametrize("hostile", AMEND_CASES)
def test_hostile_amendment(hostile: Hostile, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """`amends` naming a missing file, itself, a folder, a file outside the folder, a symlink loop or a chain of
    a thousand files: refused with an E code, never a crash (a legitimate chain is accepted)."""
    kind = request.node.callspec.id
    folder = tmp_path / "laws"
    folder.mkdir()
    target = _setup_amends(kind, folder)
    judge(hostile, survive(None, lambda: load_law(str(target)), BOUND))


# ---- example blocks -------------------------------------------------------------------------------------------


def example(*lines: str) -> bytes:
    body = "\n".join(f"  {line}" for line in lines)
    return R + f'\nexample hostile "A hostile example"   [act]\n{body}\nend\n'.encode()


EVERY_REGION = b"""
contest regional "Seats in every region"
  lists compete in every region   [act Art. 10]
  seats 5   [act Art. 10]
  threshold at least 5% of voters_took_part nationally   [act Art. 11]
  allocate by d'hondt divisors   [act Art. 12]
  ties broken by lot   [act Art. 13]
  valid at any turnout   [act Art. 16]
end
"""
GIVEN = 'given nation "N": registered_voters 2000, voters_took_part 1000, valid_votes 1000'
VOTES = 'given nation "N": votes "A" 700, votes "B" 260, votes "C" 40'
EXPECT = 'expect parliament: "A" gets 8 seats'

EXAMPLE_CASES = [
    case(accepted(example(GIVEN, VOTES, EXPECT)), "clean"),
    case(refused(example(GIVEN, VOTES), "X"), "no-expect"),
    case(refused(example(GIVEN.replace("2000", str(10**30)), VOTES, EXPECT)), "count-10-to-the-30"),
    case(refused(example(GIVEN.replace("2000", BIG), VOTES, EXPECT)), "count-of-5000-digits"),
    case(refused(example(GIVEN.replace("2000", OVER), VOTES, EXPECT)), "count-2-to-the-63"),
    case(refused(example(GIVEN.replace("2000", "-1"), VOTES, EXPECT), "E"), "count-negative"),
    case(refused(example(GIVEN.replace("2000", "1e3"), VOTES, EXPECT), "E"), "count-1e3"),
    case(refused(example(GIVEN.replace("2000", "2000.0"), VOTES, EXPECT), "E"), "count-2000.0"),
    case(refused(example(GIVEN, GIVEN, VOTES, EXPECT)), "the-same-items-twice"),
    case(refused(example(GIVEN.replace("valid_votes", "valid_voters"), VOTES, EXPECT)), "unknown-count"),
    case(refused(example(GIVEN.replace("nation", "planet"), VOTES, EXPECT)), "unknown-level"),
    case(
        refused(
            example(
                GIVEN, VOTES, 'given region "A" in "B": valid_votes 1', 'given region "B" in "A": valid_votes 1', EXPECT
            )
        ),
        "parents-in-a-cycle",
    ),
    case(
        refused(example(GIVEN, VOTES, 'given region "A" in "A": valid_votes 1', EXPECT)),
        "its-own-parent",
    ),
    case(
        refused(
            R
            + EVERY_REGION
            + b'example inside "A region inside itself"   [act]\n'
            + b'  given region "A" in "A": voters_took_part 50, valid_votes 50, votes "X" 30, votes "Y" 20\n'
            + b'  expect regional in "A": "X" gets 3 seats\nend\n'
        ),
        "its-own-parent-hangs-a-contest-in-every-region",
    ),
    case(refused(example(GIVEN, VOTES, 'given region "N": valid_votes 1', EXPECT)), "one-unit-two-levels"),
    case(refused(example(GIVEN, VOTES, "expect nothing: rerun")), "unknown-contest"),
    case(refused(example(GIVEN, VOTES, f'expect parliament: "A" gets {10**30} seats')), "expect-10-to-the-30-seats"),
    case(refused(example(GIVEN, VOTES, f'expect parliament: "A" gets {BIG} seats')), "expect-5000-digit-seats"),
    case(refused(example(GIVEN, VOTES, 'expect parliament in "Atlantis": "A" wins')), "expect-unknown-unit"),
    case(
        refused(example(GIVEN, f'given nation "N": votes "A" not published (at most {10**30})', EXPECT)),
        "bound-10-to-the-30",
    ),
    case(
        either(example(GIVEN, *[f'given region "R{i}" in "N": valid_votes {i}' for i in range(1500)], EXPECT)),
        "1500-units",
    ),
    case(either(example(GIVEN, VOTES.replace('"A"', '"A\x1b[31m"'), EXPECT)), "escape-in-a-selection"),
]


@pytest.mark.parametrize("hostile", EXAMPLE_CASES)
def test_hostile_example_block(hostile: Hostile, tmp_path: Path) -> None:
    """An example block with hostile figures is refused when the file is checked or fails when run (E or X
    codes); it never crashes `ballotlaw test`."""
    path = tmp_path / "law.rules"
    path.write_bytes(hostile.content)

    def check() -> object:
        law, _warnings = load_law(str(path))
        for result in run_examples(law):
            if not result.passed:
                raise FindingsError(result.failures)
        return law

    judge(hostile, survive(None, check, BOUND))


# ---- long CSV results ---------------------------------------------------------------------------------------

C = SMALL_CSV.read_bytes()
HEADER_ONLY = C[: C.index(b"\n") + 1]


def cell(value: str, row: str = "nation,N,,registered_voters,,2000,") -> bytes:
    """The small CSV with the value of one row replaced."""
    head, _, _ = row.rpartition(",")
    head, _, _ = head.rpartition(",")
    return sub(C, row, f"{head},{value},")


def attribute(value: str, name: str = "ballot_number") -> bytes:
    return C + f"nation,N,,{name},A,{value},\n".encode()


CSV_CASES = [
    case(refused(b"", "D115"), "empty"),
    case(refused(BOM, "D115"), "only-a-bom"),
    case(accepted(BOM + C, same=True), "bom-then-valid"),
    case(refused(utf16(C), "D101"), "utf16"),
    case(accepted(crlf(C), same=True), "crlf"),
    case(either(cr_only(C)), "cr-only-line-ends"),
    case(refused(cell("20\x0000"), "D103"), "nul-byte-in-a-value"),
    case(refused(sub(C, "level,unit", "lev\x00el,unit"), "D102"), "nul-byte-in-the-header"),
    case(refused(C + b"nation," + b"x" * 200_000 + b",,votes,D,1,\n", "D"), "field-of-200-kb"),
    case(accepted(C + b"," * 1_000_000 + b"\n", same=True), "blank-line-of-a-million-commas"),
    case(refused(C + b"x," * 500_000 + b"\n", "D114"), "line-of-half-a-million-cells"),
    case(refused(cut(C, 0.5), "D"), "cut-in-half"),
    case(refused(C + b'nation,N,,votes,"D,1,\n', "D101"), "unclosed-quote"),
    case(refused(garbage(4096), "D101"), "binary-garbage"),
    case(refused(printable_garbage(2000), "D"), "printable-unicode-garbage"),
    case(refused(HEADER_ONLY, "D115"), "header-only"),
    case(refused(C[len(HEADER_ONLY) :], "D102"), "no-header"),
    case(refused(sub(C, ",source\n", ",source,extra\n"), "D102"), "extra-header-column"),
    case(refused(sub(C, "votes,A,700,", "votes,A,700,,extra"), "D114"), "extra-cell"),
    case(refused(cell("-1"), "D103"), "negative"),
    case(refused(cell("1e3"), "D103"), "value-1e3"),
    case(refused(cell("2000.0"), "D103"), "value-2000.0"),
    case(refused(cell("NaN"), "D103"), "value-nan"),
    case(refused(cell("Infinity"), "D103"), "value-infinity"),
    case(refused(cell("+2000"), "D103"), "value-plus-2000"),
    case(refused(cell("0x7d0"), "D103"), "value-hexadecimal"),
    case(refused(cell("\u0662\u0660\u0660\u0660"), "D103"), "value-arabic-indic-digits"),
    case(refused(cell("\uff12\uff10\uff10\uff10"), "D103"), "value-fullwidth-digits"),
    case(refused(cell("2 000"), "D103"), "value-with-a-space-separator"),
    case(accepted(cell(" 2000 "), same=True), "value-with-spaces-around"),
    case(refused(cell(str(2**63 - 1)), "C1"), "value-2-to-the-63-minus-1"),
    case(refused(cell(OVER), "D104"), "value-2-to-the-63"),
    case(refused(cell(BIG), "D10"), "value-of-5000-digits"),
    case(refused(cell("not published (at most -1)", "nation,N,,votes,C,40,"), "D103"), "bound-negative"),
    case(refused(cell(f"not published (at most {BIG})", "nation,N,,votes,C,40,"), "D10"), "bound-of-5000-digits"),
    case(refused(cell("not published"), "D110"), "not-published-where-required"),
    case(refused(attribute("-1"), "D112"), "attribute-negative"),
    case(refused(attribute("1.5"), "D112"), "attribute-1.5"),
    case(refused(attribute(str(10**30)), "D1"), "attribute-10-to-the-30"),
    case(refused(attribute(BIG), "D1"), "attribute-of-5000-digits"),
    case(refused(sub(C, "nation,N,,registered", "planet,N,,registered"), "D105"), "unknown-level"),
    case(refused(sub(C, "N,,registered_voters", "N,,registered_voter"), "D106"), "unknown-count"),
    case(refused(sub(C, "North,N,", "North,North,", 0), "D"), "its-own-parent"),
    case(refused(sub(sub(C, "North,N,", "North,South,", 0), "South,N,", "South,North,", 0), "D"), "parents-in-a-cycle"),
    case(refused(sub(C, "North,N,", "North,Nowhere,", 0), "D108"), "unknown-parent"),
    case(refused(C + b"nation,N,,votes,A,700,\n", "D107"), "row-twice"),
    case(refused(C + b"region,N,,valid_votes,,1,\n", "D109"), "unit-at-two-levels"),
    case(refused(sub(C, "votes,A,700", "votes,,700"), "D114"), "votes-without-a-selection"),
    case(refused(C + b"nation,N,,votes,*,1,\nnation,N,,votes,*,2,\n", "D107"), "every-selection-twice"),
    case(refused(C + b"nation,N,,share,A,1e2,\n", "D117"), "share-1e2"),
    case(refused(C + b"nation,N,,share,A,NaN,\n", "D117"), "share-nan"),
    case(refused(C + b"nation,N,,share,A,100.0000000001,\n", "D117"), "share-above-100"),
    case(refused(C + b"nation,N,,share,A,-1,\n", "D117"), "share-negative"),
    case(refused(sub(C, "votes,A,700,", "votes,A,700,nowhere"), "D116"), "undeclared-source"),
    case(either(b'# source k "t" https://' + b"x" * 100_000 + b"\n" + C), "source-url-of-100-kb"),
    case(accepted(b"# comment\n" * 20_000 + C, same=True), "twenty-thousand-comment-lines"),
    case(either(sub(C, ",N,", "," + "N" * 100_000 + ",", 0)), "unit-name-of-100k-chars"),
    case(either(sub(C, ",A,", ",A\x1b[2J\x07,", 0)), "escape-sequence-in-a-selection"),
    case(either(sub(C, ",A,", ',"A\nB",', 0)), "newline-in-a-quoted-selection"),
    case(refused(b"\xed\xa0\x80" + C, "D101"), "encoded-lone-surrogate"),
]


def _write(tmp_path: Path, name: str, content: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


@pytest.mark.parametrize("hostile", CSV_CASES)
def test_hostile_long_csv(hostile: Hostile, tmp_path: Path) -> None:
    """A hostile long CSV is refused with a D (or C) code naming where, or accepted with the clean outcome."""
    path = _write(tmp_path, "results.csv", hostile.content)
    got = survive(None, lambda: rendered(run(str(SMALL_RULES), path)[0]), BOUND)
    judge(hostile, got, baseline_seats)


# ---- JSON results -----------------------------------------------------------------------------------------

J = json.loads(SMALL_JSON.read_text(encoding="utf-8"))


def jset(pointer: str, value: object, document: object = None) -> bytes:
    """The small JSON results with the value at `pointer` (`/units/0/counts/valid_votes`) replaced; `...` as
    value deletes it. Non-standard floats are written as JSON's NaN and Infinity, as Python's json does."""
    copy = json.loads(json.dumps(J if document is None else document))
    *path, last = [int(p) if p.isdigit() else p for p in pointer.strip("/").split("/")]
    node = copy
    for key in path:
        node = node[key]
    if value is ...:
        del node[last]
    else:
        node[last] = value
    return json.dumps(copy).encode()


def jraw(old: str, new: str) -> bytes:
    """The small JSON results as text with `old` replaced by `new` (for what json.dumps cannot write)."""
    return sub(SMALL_JSON.read_bytes(), old, new)


JB = SMALL_JSON.read_bytes()
COUNT = "/units/0/counts/registered_voters"
VOTE = "/units/0/votes/A"

JSON_CASES = [
    case(refused(b"", "D113"), "empty"),
    case(refused(BOM, "D113"), "only-a-bom"),
    case(accepted(BOM + JB, same=True), "bom-then-valid"),
    case(refused(utf16(JB), "D101"), "utf16"),
    case(accepted(crlf(JB), same=True), "crlf"),
    case(refused(cut(JB, 0.5), "D113"), "cut-in-half"),
    case(refused(JB + b"{}", "D113"), "trailing-garbage"),
    case(refused(garbage(4096), "D101"), "binary-garbage"),
    case(refused(b"[]", "D113"), "top-level-array"),
    case(refused(b"null", "D113"), "top-level-null"),
    case(refused(b'"ballotlaw.results"', "D113"), "top-level-string"),
    case(refused(jset("/format", "ballotlaw.result"), "D113"), "wrong-format"),
    case(refused(jset("/version", 2), "D113"), "version-2"),
    case(refused(jset("/version", "1"), "D113"), "version-as-text"),
    case(either(jset("/version", 1.0)), "version-1.0"),
    case(refused(jset("/units", {}), "D113"), "units-an-object"),
    case(refused(jset("/units", None), "D113"), "units-null"),
    case(refused(jset("/units/0", [1, 2]), "D113"), "unit-an-array"),
    case(refused(jset("/units/0", None), "D113"), "unit-null"),
    case(refused(jset("/units/0/id", 7), "D113"), "id-a-number"),
    case(refused(jset("/units/2/id", ""), "D114"), "id-empty"),
    case(refused(jset("/units/2/level", ""), "D1"), "level-empty"),
    case(
        refused(b'{"format": "ballotlaw.results", "version": 1, "units": [{"id": "N", "level": "nation"}]}', "D1"),
        "units-without-figures",
    ),
    case(refused(jset("/units/0/level", ["nation"]), "D113"), "level-an-array"),
    case(refused(jset("/units/1/parent", 0), "D113"), "parent-a-number"),
    case(refused(jset("/units/0/counts", []), "D113"), "counts-an-array"),
    case(refused(jset("/units/0/votes", [700]), "D113"), "votes-an-array"),
    case(refused(jset(COUNT, 2000.0), "D103"), "count-2000.0"),
    case(refused(jraw('"registered_voters": 2000', '"registered_voters": 2e3'), "D103"), "count-2e3"),
    case(refused(jraw('"registered_voters": 2000', '"registered_voters": 8e1'), "D103"), "count-8e1"),
    case(refused(jraw('"registered_voters": 2000', '"registered_voters": NaN'), "D103"), "count-nan"),
    case(refused(jraw('"registered_voters": 2000', '"registered_voters": -Infinity'), "D103"), "count-minus-infinity"),
    case(refused(jset(COUNT, -2000), "D103"), "count-negative"),
    case(refused(jset(COUNT, True), "D103"), "count-true"),
    case(refused(jset(COUNT, None), "D103"), "count-null"),
    case(refused(jset(COUNT, [2000]), "D103"), "count-an-array"),
    case(refused(jset(COUNT, {}), "D103"), "count-an-object"),
    case(either(jset(COUNT, "2000")), "count-as-text"),
    case(refused(jset(COUNT, "2e3"), "D103"), "count-as-text-2e3"),
    case(refused(jset(COUNT, 2**63), "D104"), "count-2-to-the-63"),
    case(refused(jraw('"registered_voters": 2000', f'"registered_voters": {BIG}'), "D10"), "count-of-5000-digits"),
    case(refused(jset(VOTE, {"not_published": True, "at_most": -1}), "D103"), "bound-negative"),
    case(refused(jset(VOTE, {"not_published": True, "at_most": 1.5}), "D103"), "bound-1.5"),
    case(refused(jset(VOTE, {"not_published": True, "at_most": 10**30}), "D104"), "bound-10-to-the-30"),
    case(refused(jset(VOTE, {"not_published": "yes"}), "D103"), "not-published-as-text"),
    case(refused(jset("/units/0/selections/A/ballot_number", 1.5), "D112"), "attribute-1.5"),
    case(refused(jset("/units/0/selections/A/ballot_number", -1), "D112"), "attribute-negative"),
    case(refused(jset("/units/0/selections/A/ballot_number", 10**30), "D1"), "attribute-10-to-the-30"),
    case(refused(jset("/units/0/selections/A/colour", 1), "D113"), "unknown-attribute"),
    case(refused(jset("/units/0/selections/A", [1]), "D113"), "attributes-an-array"),
    case(either(jset("/units/0/shares/A", 70.0)), "share-a-number"),
    case(refused(jset("/units/0/shares/A", "1e2"), "D117"), "share-1e2"),
    case(refused(jset("/units/0/shares/A", "NaN"), "D117"), "share-nan-text"),
    case(refused(jset("/sources", {"cex": "a title"}), "D113"), "source-not-an-object"),
    case(either(jset("/sources", [])), "sources-an-array"),
    case(refused(jraw('"votes": {"A": 700', '"votes": {"A": 1, "A": 700'), "D"), "duplicate-key"),
    case(refused(jraw('"id": "N"', '"id": "N", "id": "M"'), "D"), "duplicate-id-key"),
    case(refused(jraw('"format"', f'"deep": {nested(2000)}, "format"'), "D113"), "nested-2000-deep"),
    case(either(jraw('"format"', f'"deep": {nested(100)}, "format"')), "nested-100-deep-unknown-field"),
    case(refused(jraw('"id": "N"', '"id": "\\ud800"'), "D"), "lone-surrogate-in-an-id"),
    case(refused(jraw('"A": 700', '"\\udfff": 700'), "D"), "lone-surrogate-in-a-selection"),
    case(either(jraw('"format"', '"extra": {"x": 1}, "format"')), "unknown-top-level-field"),
    case(either(jset("/units/0/colour", "red")), "unknown-unit-field"),
    case(refused(jset("/units/1/parent", "North"), "D"), "its-own-parent"),
    case(refused(jset("/units/0/parent", "North"), "D"), "parents-in-a-cycle"),
    case(refused(jset("/units/1/parent", "Atlantis"), "D108"), "unknown-parent"),
    case(refused(jset("/units/2/id", "North"), "D"), "two-units-one-id"),
    case(either(jset("/units/0/name", "N" * 1_000_000)), "name-of-1-mb"),
    case(either(jset("/units/0/name", "\x1b[31mred\x07")), "escape-sequence-in-a-name"),
]


@pytest.mark.parametrize("hostile", JSON_CASES)
def test_hostile_json_results(hostile: Hostile, tmp_path: Path) -> None:
    """A hostile ballotlaw JSON results file is refused with a D code and its JSON pointer, never a crash."""
    path = _write(tmp_path, "results.json", hostile.content)
    got = survive(None, lambda: rendered(run(str(SMALL_RULES), path)[0]), BOUND)
    judge(hostile, got, baseline_seats)


# ---- NIST election reports ---------------------------------------------------------------------------------

N = json.loads(SMALL_NIST.read_text(encoding="utf-8"))
NB = SMALL_NIST.read_bytes()
ELECTION = "/Election/0"
SELECTION = f"{ELECTION}/Contest/0/ContestSelection/0"


def nset(pointer: str, value: object) -> bytes:
    return jset(pointer, value, N)


def _gpunit(index: int) -> dict[str, object]:
    units: list[dict[str, object]] = N["GpUnit"]
    return units[index]


def _index_of(unit_id: str) -> int:
    return next(i for i, unit in enumerate(N["GpUnit"]) if unit["@id"] == unit_id)


NATION, NORTH = _index_of("N"), _index_of("North")


def _report_with(change: Callable[[dict[str, object]], None]) -> bytes:
    copy = json.loads(NB)
    change(copy)
    return json.dumps(copy).encode()


def _two_elections(report: dict[str, object]) -> None:
    elections = report["Election"]
    assert isinstance(elections, list)
    elections.append(json.loads(json.dumps(elections[0])))


def _duplicate_unit(report: dict[str, object]) -> None:
    units = report["GpUnit"]
    assert isinstance(units, list)
    units.append(json.loads(json.dumps(units[NORTH])))


def _composing_cycle(report: dict[str, object]) -> None:
    units = report["GpUnit"]
    assert isinstance(units, list)
    units[NORTH]["ComposingGpUnitIds"] = ["N"]


def _empty_id(report: dict[str, object]) -> None:
    """The id of a region emptied, everywhere it is used (as the NIST reader has no other way to see it)."""
    text = json.dumps(report).replace('"South"', '""')
    report.clear()
    report.update(json.loads(text))


def _only_early(report: dict[str, object]) -> None:
    for election in report["Election"]:  # type: ignore[attr-defined]
        for contest in election["Contest"]:
            for selection in contest["ContestSelection"]:
                for count in selection["VoteCounts"]:
                    count["Type"] = "early"


NIST_CASES = [
    case(accepted(NB, same=True), "clean"),
    case(refused(nset("/GpUnit", {"@id": "N"}), "D"), "gpunit-an-object"),
    case(refused(nset("/GpUnit", None), "D"), "gpunit-null"),
    case(refused(nset("/GpUnit", "N"), "D"), "gpunit-a-string"),
    case(refused(nset("/Election", {}), "D"), "election-an-object"),
    case(refused(nset(f"{ELECTION}/Contest", "parliament"), "D"), "contest-a-string"),
    case(refused(nset(f"{SELECTION}/VoteCounts", {"Count": 1}), "D"), "votecounts-an-object"),
    case(refused(nset(f"/GpUnit/{NATION}/ComposingGpUnitIds", "North"), "D"), "composing-ids-a-string"),
    case(refused(_report_with(_two_elections), "D119"), "two-elections"),
    case(refused(_report_with(_duplicate_unit), "D"), "one-unit-id-twice"),
    case(refused(_report_with(_composing_cycle), "D"), "composing-cycle"),
    case(refused(_report_with(_only_early), "D119"), "votes-only-by-channel"),
    case(either(nset(f"{SELECTION}/VoteCounts/0/Count", "700")), "count-as-text"),
    case(refused(nset(f"{SELECTION}/VoteCounts/0/Count", 700.0), "D103"), "count-700.0"),
    case(refused(nset(f"{SELECTION}/VoteCounts/0/Count", -700), "D103"), "count-negative"),
    case(refused(nset(f"{SELECTION}/VoteCounts/0/Count", True), "D103"), "count-true"),
    case(refused(nset(f"{SELECTION}/VoteCounts/0/Count", 2**63), "D10"), "count-2-to-the-63"),
    case(refused(sub(NB, '"Count": 700', f'"Count": {BIG}'), "D10"), "count-of-5000-digits"),
    case(refused(sub(NB, '"Count": 700', '"Count": NaN'), "D103"), "count-nan"),
    case(refused(nset(f"{SELECTION}/VoteCounts/0/GpUnitId", "Atlantis"), "D"), "count-of-an-unknown-unit"),
    case(refused(nset(f"/GpUnit/{NATION}/ComposingGpUnitIds", ["Atlantis"]), "D"), "composed-of-an-unknown-unit"),
    case(refused(nset(f"/GpUnit/{NORTH}/Type", "planet"), "D"), "unknown-unit-type"),
    case(refused(nset(f"/GpUnit/{NORTH}/Type", 7), "D"), "unit-type-a-number"),
    case(refused(nset(f"/GpUnit/{NORTH}/@id", 7), "D"), "unit-id-a-number"),
    case(refused(_report_with(_empty_id), "D"), "unit-id-empty"),
    case(refused(nset("/Party/0/Name", 7), "D"), "party-name-a-number"),
    case(refused(nset(f"{ELECTION}/Contest", []), "D"), "no-contest"),
    case(
        refused(
            sub(
                NB,
                '"@type": "ElectionResults.ElectionReport"',
                f'"deep": {nested(2000)}, "@type": "ElectionResults.ElectionReport"',
            ),
            "D113",
        ),
        "nested-2000-deep",
    ),
    case(refused(sub(NB, '"Count": 700', '"Count": 1, "Count": 700'), "D"), "duplicate-key"),
    case(refused(sub(NB, '"GpUnitId": "N"', '"GpUnitId": "\\ud800"'), "D"), "lone-surrogate"),
    case(refused(cut(NB, 0.5), "D113"), "cut-in-half"),
]


@pytest.mark.parametrize("hostile", NIST_CASES)
def test_hostile_nist_report(hostile: Hostile, tmp_path: Path) -> None:
    """A hostile NIST SP 1500-100 report (wrong array types, colliding ids, cycles, bad counts) is refused with a
    D code and its JSON pointer, never a crash."""
    path = _write(tmp_path, "report.json", hostile.content)
    got = survive(None, lambda: rendered(run(str(SMALL_RULES), path)[0]), BOUND)
    judge(hostile, got, baseline_seats)


# ---- wide CSV and its mapping ----------------------------------------------------------------------------------

W = SMALL_WIDE.read_bytes()
M = json.loads(SMALL_MAPPING.read_text(encoding="utf-8"))
MB = SMALL_MAPPING.read_bytes()


def wcell(value: str) -> bytes:
    return sub(W, "North,N,1000,", f"North,N,{value},")


WIDE_CASES = [
    case(accepted(W), "clean"),
    case(refused(b"", "D115"), "empty"),
    case(refused(BOM, "D115"), "only-a-bom"),
    case(accepted(BOM + W), "bom-then-valid"),
    case(refused(utf16(W), "D101"), "utf16"),
    case(accepted(crlf(W)), "crlf"),
    case(refused(cut(W, 0.6), "D"), "cut-short"),
    case(refused(garbage(4096), "D101"), "binary-garbage"),
    case(refused(sub(W, ",list_c", ",list_x"), "D102"), "mapped-column-missing"),
    case(refused(sub(W, ",list_b,", ",list_a,"), "D"), "a-mapped-column-twice"),
    case(refused(wcell("-1"), "D103"), "negative"),
    case(refused(wcell("1e3"), "D103"), "value-1e3"),
    case(refused(wcell("1000.0"), "D103"), "value-1000.0"),
    case(refused(wcell("NaN"), "D103"), "value-nan"),
    case(refused(wcell(OVER), "D104"), "value-2-to-the-63"),
    case(refused(wcell(BIG), "D10"), "value-of-5000-digits"),
    case(refused(wcell("1\x00000"), "D103"), "nul-byte-in-a-value"),
    case(refused(W + b"West,N,1,1,1,1,1,1,1\n", "D114"), "row-too-wide"),
    case(refused(W + b",N,1,1,1,1,1,1\n", "D114"), "row-without-a-unit"),
    case(refused(W + W.splitlines(keepends=True)[1], "D107"), "unit-twice"),
    case(refused(W + b"Mid,N,1,1,1,1,1," + b"1" * 200_000 + b"\n", "D"), "cell-of-200-kb"),
]


@pytest.mark.parametrize("hostile", WIDE_CASES)
def test_hostile_wide_csv(hostile: Hostile, tmp_path: Path) -> None:
    """A hostile wide CSV, read through a valid mapping, is refused with a D code naming row and column."""
    path = _write(tmp_path, "wide.csv", hostile.content)
    got = survive(None, lambda: rendered(run(str(SMALL_RULES), path, mapping=str(SMALL_MAPPING))[0]), BOUND)
    judge(hostile, got)


def mset(pointer: str, value: object) -> bytes:
    return jset(pointer, value, M)


MAPPING_CASES = [
    case(refused(b"", "D118"), "empty"),
    case(either(BOM + MB), "bom-then-valid"),
    case(refused(utf16(MB), "D118"), "utf16"),
    case(refused(garbage(512), "D118"), "binary-garbage"),
    case(refused(cut(MB, 0.5), "D118"), "cut-in-half"),
    case(refused(b"[]", "D118"), "an-array"),
    case(refused(mset("/format", "ballotlaw.results"), "D118"), "wrong-format"),
    case(refused(mset("/version", "1"), "D118"), "version-as-text"),
    case(refused(mset("/level", 1), "D118"), "level-a-number"),
    case(refused(mset("/unit", ...), "D118"), "no-unit-column"),
    case(refused(mset("/counts", ["took_part"]), "D118"), "counts-an-array"),
    case(refused(mset("/counts/valid_votes", 3), "D118"), "column-a-number"),
    case(refused(mset("/parent", ["nation"]), "D118"), "parent-an-array"),
    case(refused(jset("/votes", {}, json.loads(mset("/counts", {}))), "D118"), "maps-no-column"),
    case(refused(mset("/counts/valid_votes", "nowhere"), "D102"), "column-not-in-the-header"),
    case(refused(mset("/votes/B", "list_a"), "D118"), "two-lists-one-column"),
    case(refused(mset("/counts/valid_votes", "region"), "D1"), "count-from-the-unit-column"),
    case(refused(mset("/counts/valid_voters", "valid"), "D1"), "unknown-count"),
    case(refused(mset("/level", "planet"), "D105"), "unknown-level"),
    case(refused(mset("/parent", "nation"), "D108"), "parent-not-in-the-file"),
    case(refused(sub(MB, '"format"', f'"deep": {nested(2000)}, "format"'), "D118"), "nested-2000-deep"),
    case(refused(sub(MB, '"format"', '"level": "nation", "format"'), "D118"), "duplicate-key"),
    case(refused(sub(MB, '"version": 1', f'"version": {BIG}'), "D118"), "version-of-5000-digits"),
    case(refused(sub(MB, '"region"', '"\\ud800"'), "D"), "lone-surrogate"),
]


@pytest.mark.parametrize("hostile", MAPPING_CASES)
def test_hostile_mapping(hostile: Hostile, tmp_path: Path) -> None:
    """A hostile mapping file for a valid wide CSV is refused with a D code (D118 for the mapping itself)."""
    path = _write(tmp_path, "mapping.json", hostile.content)
    got = survive(None, lambda: rendered(run(str(SMALL_RULES), str(SMALL_WIDE), mapping=path)[0]), BOUND)
    judge(hostile, got)


# ---- paths ------------------------------------------------------------------------------------------------------


def _path_case(kind: str, tmp_path: Path) -> str:
    if kind == "nonexistent":
        return str(tmp_path / "nothing.csv")
    if kind == "a-folder":
        return str(tmp_path)
    if kind == "unreadable":
        path = tmp_path / "locked.csv"
        shutil.copy(SMALL_CSV, path)
        path.chmod(0)
        return str(path)
    if kind == "dangling-symlink":
        os.symlink(tmp_path / "gone.csv", tmp_path / "dangling.csv")
        return str(tmp_path / "dangling.csv")
    if kind == "symlink-loop":
        os.symlink("loop.csv", tmp_path / "loop.csv")
        return str(tmp_path / "loop.csv")
    if kind == "empty-path":
        return ""
    names = {"spaces": "my results 2024.csv", "unicode": "результаты-選挙.csv", "leading-dash": "-results.csv"}
    path = tmp_path / names[kind]
    shutil.copy(SMALL_CSV, path)
    return str(path)


PATH_CASES = [
    case(Hostile(b"", USAGE), "nonexistent"),
    case(Hostile(b"", USAGE), "a-folder"),
    case(Hostile(b"", USAGE), "dangling-symlink"),
    case(Hostile(b"", USAGE), "symlink-loop"),
    case(Hostile(b"", USAGE), "empty-path"),
    case(Hostile(b"", ACCEPTED, same=True), "spaces"),
    case(Hostile(b"", ACCEPTED, same=True), "unicode"),
    case(Hostile(b"", ACCEPTED, same=True), "leading-dash"),
]
if hasattr(os, "geteuid") and os.geteuid() != 0:  # root reads a file of mode 000
    PATH_CASES.append(case(Hostile(b"", USAGE), "unreadable"))


@pytest.mark.parametrize("hostile", PATH_CASES)
def test_hostile_results_path(hostile: Hostile, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """A results path that is missing, a folder, unreadable or a broken link is a usage error; spaces,
    unicode and a leading dash in a name are just a name."""
    path = _path_case(request.node.callspec.id, tmp_path)
    got = survive(None, lambda: run(str(SMALL_RULES), path)[0], BOUND)
    judge(hostile, got, baseline_seats)


# ---- the command line: a representative subset in a child process ------------------------------------------------

TIMEOUT = 60.0  # seconds a command may take (a loaded machine is slow; a hang is endless)


def _refused(ran: Ran, code: str | None, exit_code: int) -> None:
    assert ran.refused(code, exit_code), f"exit {ran.code}\n{ran.stdout[-2000:]}\n{ran.stderr[-2000:]}"


def test_cli_empty_rule_file_is_exit_1_with_a_code(tmp_path: Path) -> None:
    path = _write(tmp_path, "empty.rules", b"")
    _refused(run_cli("check", path, timeout=TIMEOUT), "E", 1)


def test_cli_utf16_rule_file_is_e110(tmp_path: Path) -> None:
    path = _write(tmp_path, "utf16.rules", utf16(R))
    _refused(run_cli("check", path, timeout=TIMEOUT), "E110", 1)


def test_cli_rule_file_as_json_is_exit_1_with_a_code(tmp_path: Path) -> None:
    path = _write(tmp_path, "garbage.rules", garbage(3000))
    ran = run_cli("check", "--json", path, timeout=TIMEOUT)
    _refused(ran, "E", 1)
    assert json.loads(ran.out)["diagnostics"]


@pytest.mark.parametrize("verb", ["check", "test"])
def test_cli_missing_and_folder_rule_paths_are_exit_2(verb: str, tmp_path: Path) -> None:
    _refused(run_cli(verb, str(tmp_path / "nothing.rules"), timeout=TIMEOUT), None, 2)
    _refused(run_cli(verb, str(tmp_path), timeout=TIMEOUT), None, 2)


def test_cli_odd_but_valid_paths_are_accepted(tmp_path: Path) -> None:
    """Spaces, unicode and a leading dash (after `--`) in a path are just a name."""
    folder = tmp_path / "папка с пробелами"
    folder.mkdir()
    rules = folder / "-закон 2024.rules"
    shutil.copy(SMALL_RULES, rules)
    ran = run_cli("check", "--", str(rules), timeout=TIMEOUT)
    assert ran.code == 0 and "Traceback" not in ran.stderr, ran.stderr
    ran = run_cli("test", str(rules), timeout=TIMEOUT)
    assert ran.code == 0, ran.stdout + ran.stderr


@pytest.mark.parametrize(
    "name,content,code",
    [
        ("nul.csv", cell("20\x0000"), "D103"),
        ("garbage.csv", garbage(4096), "D101"),
        ("deep.json", jraw('"format"', f'"deep": {nested(2000)}, "format"'), "D113"),
        ("big.json", jraw('"registered_voters": 2000', f'"registered_voters": {BIG}'), "D10"),
        ("gpunit.json", nset("/GpUnit", {"@id": "N"}), "D"),
    ],
    ids=["csv-nul-byte", "csv-binary-garbage", "json-nested-2000-deep", "json-5000-digit-count", "nist-gpunit-object"],
)
@pytest.mark.parametrize("verb", ["run", "validate", "explain"])
def test_cli_hostile_results_are_exit_1_with_a_code(
    verb: str, name: str, content: bytes, code: str, tmp_path: Path
) -> None:
    path = _write(tmp_path, name, content)
    _refused(run_cli(verb, str(SMALL_RULES), path, timeout=TIMEOUT), code, 1)


def test_cli_bad_mapping_is_exit_1_with_d118(tmp_path: Path) -> None:
    path = _write(tmp_path, "mapping.json", b"[]")
    _refused(run_cli("validate", str(SMALL_RULES), str(SMALL_WIDE), "--mapping", path, timeout=TIMEOUT), "D118", 1)


def test_cli_dev_zero_as_results_is_refused_in_time() -> None:
    """An endless device as the results file: refused, not read forever."""
    ran = run_cli("run", str(SMALL_RULES), "/dev/zero", timeout=TIMEOUT)
    assert ran.code in (1, 2) and "Traceback" not in ran.stderr, ran.stderr


def test_cli_fifo_as_results_is_refused_in_time(tmp_path: Path) -> None:
    """A named pipe no one writes to, as the results file: refused, not waited on forever."""
    fifo = tmp_path / "results.csv"
    os.mkfifo(fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    ran = run_cli("run", str(SMALL_RULES), str(fifo), timeout=TIMEOUT)
    assert ran.code in (1, 2) and "Traceback" not in ran.stderr, ran.stderr


def test_cli_escape_sequences_do_not_reach_the_terminal_raw(tmp_path: Path) -> None:
    """A control character in a rule file or a results file is shown escaped, never sent raw."""
    rules = _write(tmp_path, "law.rules", sub(R, "national:", "nat\x1b[2Jional:"))
    ran = run_cli("check", rules, timeout=TIMEOUT)
    _refused(ran, "E", 1)
    assert b"\x1b[2J" not in ran.out + ran.err
    results = _write(tmp_path, "results.csv", sub(C, ",A,", ",A\x1b[2J\u202e,", 0))
    for verb in ("run", "explain", "validate"):
        ran = run_cli(verb, str(SMALL_RULES), results, timeout=TIMEOUT)
        assert ran.code in (0, 1) and b"\x1b[2J" not in ran.out + ran.err, verb
        assert "\u202e".encode() not in ran.out + ran.err, f"{verb}: a bidirectional mark reached the terminal"


RULES_ARG, CSV_ARG = str(SMALL_RULES), str(SMALL_CSV)
BAD_OPTIONS = [
    ["verify", RULES_ARG, "--examples", "-1"],
    ["verify", RULES_ARG, "--examples", "0"],
    ["verify", RULES_ARG, "--examples", str(10**30)],
    ["verify", RULES_ARG, "--examples", "1e3"],
    ["verify", RULES_ARG, "--jobs", "0"],
    ["verify", RULES_ARG, "--jobs", "-4"],
    ["verify", RULES_ARG, "--jobs", "100000"],
    ["verify", RULES_ARG, "--seed", "abc"],
    ["verify", RULES_ARG, "--seed", "-1"],
    ["verify", RULES_ARG, "--seed", str(2**64)],
    ["verify", RULES_ARG, "--seed", "NaN"],
    ["convert", RULES_ARG, CSV_ARG, "--to", "xml"],
    ["convert", RULES_ARG, CSV_ARG],
    ["run", RULES_ARG],
    ["run", RULES_ARG, CSV_ARG, "--output"],
    ["validate", RULES_ARG, CSV_ARG, "--indicators", "--turnout", "nothing / nobody"],
    ["validate", RULES_ARG, CSV_ARG, "--indicators", "--turnout", ""],
    ["nonsense-verb"],
    ["check", "--no-such-option", RULES_ARG],
]


@pytest.mark.parametrize(
    "args", BAD_OPTIONS, ids=lambda args: " ".join(a for a in args if a not in (RULES_ARG, CSV_ARG))
)
def test_cli_bad_options_are_exit_2(args: list[str]) -> None:
    """Options out of range, of the wrong type, missing or unknown: a usage error (exit 2), not a run."""
    _refused(run_cli(*args, timeout=TIMEOUT), None, 2)


def test_cli_repeated_flags_give_the_same_output() -> None:
    once = run_cli("run", "--json", str(SMALL_RULES), str(SMALL_CSV), timeout=TIMEOUT)
    twice = run_cli("run", "--json", "--json", str(SMALL_RULES), str(SMALL_CSV), timeout=TIMEOUT)
    assert once.code == twice.code == 0 and once.out == twice.out


@pytest.mark.parametrize("where", ["a-folder", "missing-folder"])
def test_cli_output_to_a_folder_or_a_missing_folder_is_exit_2(where: str, tmp_path: Path) -> None:
    target = tmp_path if where == "a-folder" else tmp_path / "no" / "such" / "out.json"
    ran = run_cli("run", "--json", "--output", str(target), str(SMALL_RULES), str(SMALL_CSV), timeout=TIMEOUT)
    _refused(ran, None, 2)


def test_cli_nist_options_out_of_form_are_exit_2() -> None:
    ran = run_cli(
        "convert", str(SMALL_RULES), str(SMALL_CSV), "--to", "nist", "--issuer", "X", "--issuer-abbreviation", "X",
        "--status", "certified", "--generated", "yesterday", "--election-date", "2024-13-45", timeout=TIMEOUT,
    )  # fmt: skip
    _refused(ran, None, 2)


# ---- environment variables -----------------------------------------------------------------------------------


def _valid_check(env: dict[str, str], cwd: Path | None = None) -> Ran:
    return run_cli("check", str(SMALL_RULES), env=env, cwd=cwd, timeout=TIMEOUT)


def test_env_cache_home_that_is_a_file_or_unmakeable(tmp_path: Path) -> None:
    """XDG_CACHE_HOME naming a file, a path under a file or a folder that cannot be written: the parser is
    built without a cache; the check still succeeds."""
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    for value in (str(a_file), str(a_file / "below"), str(locked), "", "relative/cache"):
        ran = _valid_check({"XDG_CACHE_HOME": value}, cwd=tmp_path)
        assert ran.code == 0 and "Traceback" not in ran.stderr, (value, ran.stderr)


def test_env_cache_folder_is_neither_read_nor_written(tmp_path: Path) -> None:
    """Garbage (and a pickle) where earlier versions kept the parser cache: the check succeeds with the output of
    a clean run, and nothing is written there (docs/security-parser.md)."""
    clean = _valid_check({"XDG_CACHE_HOME": str(tmp_path / "clean")})
    assert clean.code == 0, clean.stderr
    assert not (tmp_path / "clean").exists(), "a cache folder was written"
    planted = tmp_path / "cache" / "ballotlaw"
    planted.mkdir(parents=True)
    for i in range(3):
        (planted / f"grammar-{i:020d}.lark").write_bytes(garbage(4096, seed=i))
    (planted / "grammar.pickle").write_bytes(b"cos\nsystem\n(S'exit 7'\ntR.")  # a pickle that would run a command
    before = sorted((p.name, p.read_bytes()) for p in planted.iterdir())
    ran = _valid_check({"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert ran.code == 0 and ran.out == clean.out and "Traceback" not in ran.stderr, ran.stderr
    assert sorted((p.name, p.read_bytes()) for p in planted.iterdir()) == before


def test_env_home_missing(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path / "no-home"), "XDG_CACHE_HOME": ""}
    ran = _valid_check(env)
    assert ran.code == 0 and "Traceback" not in ran.stderr, ran.stderr


def test_env_specs_folder_missing_or_broken(tmp_path: Path) -> None:
    """BALLOTLAW_SPECS naming nothing is a usage error; naming a folder with a broken spec, a finding (E code)."""
    ran = run_cli(
        "verify", str(SMALL_RULES), "-n", "5", env={"BALLOTLAW_SPECS": str(tmp_path / "none")}, timeout=TIMEOUT
    )
    _refused(ran, None, 2)
    (tmp_path / "bad.spec").write_bytes(garbage(500))
    ran = run_cli(
        "verify", str(SMALL_RULES), "-n", "5", "--save", str(tmp_path / "out"),
        env={"BALLOTLAW_SPECS": str(tmp_path)}, timeout=TIMEOUT,
    )  # fmt: skip
    _refused(ran, "E", 1)


@pytest.mark.parametrize(
    "env",
    [{"COLUMNS": "-5"}, {"COLUMNS": "abc"}, {"COLUMNS": "0"}, {"LINES": "-1"}, {"TERM": "dumb"}, {"NO_COLOR": "1"}],
    ids=lambda env: ",".join(f"{k}={v}" for k, v in env.items()),
)
def test_env_terminal_variables_do_not_break_the_text_output(env: dict[str, str]) -> None:
    ran = run_cli("run", str(SMALL_RULES), str(SMALL_CSV), env=env, timeout=TIMEOUT)
    assert ran.code == 0 and "Traceback" not in ran.stderr and "parliament" in ran.stdout, ran.stderr


def test_env_ascii_terminal_gets_utf8_json(tmp_path: Path) -> None:
    """In an ASCII locale the JSON form is still UTF-8 (names outside ASCII are not mangled or refused)."""
    results = _write(tmp_path, "results.csv", sub(C, ",A,", ",Ата-Журт,", 0))
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"}
    ran = run_cli("run", "--json", str(SMALL_RULES), results, env=env, timeout=TIMEOUT)
    assert ran.code == 0, ran.stderr
    assert "Ата-Журт" in json.loads(ran.out.decode("utf-8"))["contests"][0]["units"][0]["selections"][0]["id"]


def test_env_debug_shows_no_traceback_for_user_errors(tmp_path: Path) -> None:
    """BALLOTLAW_DEBUG=1 shows a traceback only for a defect, never for a refused input."""
    path = _write(tmp_path, "garbage.csv", garbage(1000))
    ran = run_cli("run", str(SMALL_RULES), path, env={"BALLOTLAW_DEBUG": "1"}, timeout=TIMEOUT)
    _refused(ran, "D101", 1)


# ---- what `convert` writes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", ["data/kg/2021/results.csv", "data/kg/2021/preliminary-display.csv"])
def test_convert_to_csv_reads_back_every_figure(data: str, tmp_path: Path) -> None:
    """A converted file is a publication: reading it back gives every figure of the file it was made from."""
    rules = str(ROOT / "rules" / "kg" / "jogorku-kenesh-2021.rules")
    out = tmp_path / "converted.csv"
    ran = run_cli("convert", rules, str(ROOT / data), "--to", "csv", "--output", str(out), timeout=TIMEOUT)
    assert ran.code == 0, ran.stderr
    law = load_law(rules)[0]
    before, after = load_results(law, str(ROOT / data))[0], load_results(law, str(out))[0]
    assert (before.counts, before.votes) == (after.counts, after.votes)
    assert after.every_selection == before.every_selection, "the figures of every selection (`*`) are lost"
    assert after.shares == before.shares, "the published shares are lost"


def test_convert_to_nist_keeps_what_decides_the_outcome(tmp_path: Path) -> None:
    """A NIST report written by `convert` gives the outcome of the file it was made from, or says (a warning)
    which figures it could not carry."""
    rules, data = str(ROOT / "rules" / "cz" / "chamber-2021.rules"), str(ROOT / "data" / "cz" / "2021" / "results.csv")
    out = tmp_path / "report.json"
    meta = ["--issuer", "Czech Statistical Office", "--issuer-abbreviation", "CZSO", "--status", "certified"]
    ran = run_cli(
        "convert", rules, data, "--to", "nist", *meta, "--generated", "2021-10-10T12:00:00+02:00",
        "--output", str(out), timeout=TIMEOUT,
    )  # fmt: skip
    assert ran.code == 0, ran.stderr
    before, after = run(rules, data)[0], run(rules, str(out))[0]
    assert essence(after) == essence(before) or "coalition_members" in ran.stderr


@pytest.mark.parametrize("which", ["old", "new", "results", "arithmetic"])
def test_cli_diff_with_a_hostile_input_is_exit_1_with_a_code(which: str, tmp_path: Path) -> None:
    """`diff` refuses a broken law (E code) or broken results (D code), and results whose own arithmetic fails
    (C code) rather than comparing outcomes computed from them."""
    old, new, results = str(SMALL_RULES), str(SMALL_RULES), str(SMALL_CSV)
    if which in ("old", "new"):
        broken = _write(tmp_path, "broken.rules", cut(R, 0.5))
        old, new = (broken, new) if which == "old" else (old, broken)
    elif which == "results":
        results = _write(tmp_path, "results.csv", garbage(2000))
    else:
        results = _write(tmp_path, "results.csv", cell("3000", "region,North,N,registered_voters,,1000,"))
    code = {"old": "E", "new": "E", "results": "D101", "arithmetic": "C101"}[which]
    _refused(run_cli("diff", old, new, results, timeout=TIMEOUT), code, 1)


@pytest.mark.parametrize(
    "row", ["nation,N,,voters_took_part,,1000,", "nation,N,,votes,A,700,"], ids=["turnout", "sum-of-votes"]
)
def test_cli_indicators_on_the_largest_counts(row: str, tmp_path: Path) -> None:
    """The forensic indicators of results whose counts are as large as counts may be: computed, or left out with
    W103 beside the findings of the checks; never an internal error (pyarrow's 64-bit overflow was exit 3)."""
    results = _write(tmp_path, "results.csv", cell(str(2**63 - 1), row))
    ran = run_cli("validate", str(SMALL_RULES), results, "--indicators", timeout=TIMEOUT)
    assert ran.code in (0, 1) and "internal error" not in ran.stderr, ran.stderr
    assert "W103" in ran.stdout + ran.stderr


# ---- a byte that is not UTF-8, after a byte-order mark ------------------------------------------------------------


@pytest.mark.parametrize("kind", ["long-csv", "json", "mapping", "wide-csv"])
def test_not_utf8_after_a_bom_is_named_where_it_is(kind: str, tmp_path: Path) -> None:
    """A file saved with a BOM and a Latin-1 byte in its first line: refused, naming that byte and its line."""
    bad = {
        "long-csv": BOM + b"#\xff comment\n" + C,
        "json": BOM + b'{\xff"format": "ballotlaw.results", "version": 1, "units": []}',
        "mapping": BOM + b'{\xff"format": "ballotlaw.mapping", "version": 1}',
        "wide-csv": BOM + b"r\xffgion,nation,registered,took_part,valid,list_a,list_b,list_c\nNorth,N,1,1,1,1,0,0\n",
    }[kind]
    path = _write(tmp_path, "mapping.json" if kind == "mapping" else f"file.{'json' if kind == 'json' else 'csv'}", bad)
    rules = str(SMALL_RULES)
    if kind == "mapping":
        got = survive(None, lambda: run(rules, str(SMALL_WIDE), mapping=path), BOUND)
    else:
        got = survive(None, lambda: run(rules, path, mapping=str(SMALL_MAPPING) if kind == "wide-csv" else None), BOUND)
    assert isinstance(got, FindingsError), got
    first = got.diagnostics[0]
    assert first.code in ("D101", "D113", "D118"), first.code
    if kind in ("long-csv", "wide-csv"):
        assert first.location is not None and first.location.row == 1, str(first.location)
        assert "0xff" in first.message, first.message

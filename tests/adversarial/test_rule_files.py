"""Hostile rule files: the parser's tables, numbers and conditions past any law, bad text and file names, and
`amends` lines that lead out of the folder, in circles or down endless chains. Each is refused with a
positioned diagnostic and exit 1 (or exit 2 for a file that cannot be read): never exit 3, never a hang,
never the content of a file that is not a rule file."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

import lark

from ballotlaw.syntax.parser import OPTIONS, grammar_text
from conftest import ROOT, run_cli

BASE = (ROOT / "tests" / "verify" / "laws" / "dhondt.rules").read_text(encoding="utf-8")
SECRET = "root:x:0:0:the-secret-line"

AMENDING = """ballotlaw 1
amends "{path}"   [act]

election "The house after the amendment"
  jurisdiction "Textbook"
  law "Apportionment act, as amended"   [act]
  polling day 2025-01-01
end

source act "Amending act (constructed for this test)" "https://example.org/amending-act"
"""


def law(tmp_path: Path, text: str, name: str = "law.rules") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def with_clause(clause: str) -> str:
    """The textbook law with its validity clause replaced by `clause`."""
    return BASE.replace("valid at any turnout", clause)


def amending(folder: Path, name: str, target: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(AMENDING.format(path=target), encoding="utf-8")
    return path


# ---- defect 5: the parser cache ------------------------------------------------------------------------


class _Payload:
    """Unpickling this creates the file `marker`: proof that a planted pickle ran."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (self.marker, "w"))


def _old_cache_file(cache_home: Path) -> Path:
    """Where earlier versions kept Lark's pickled parser (their `_cache_file`)."""
    key = f"{grammar_text()}\n{lark.__version__}\n{sys.version_info[:2]}\n{sorted(OPTIONS.items())}"
    return cache_home / "ballotlaw" / f"grammar-{hashlib.sha256(key.encode()).hexdigest()[:20]}.lark"


def test_a_planted_pickle_in_the_cache_folder_is_never_loaded(tmp_path: Path) -> None:
    """Defect 5: a pickle written into the cache folder ran as the user (Lark unpickles before checking)."""
    cache_home = tmp_path / "cache"
    planted = _old_cache_file(cache_home)
    planted.parent.mkdir(parents=True)
    marker = tmp_path / "code-ran"
    planted.write_bytes(b"0" * 64 + b"\n" + pickle.dumps(_Payload(str(marker))))
    ran = run_cli("check", law(tmp_path, BASE), env={"XDG_CACHE_HOME": str(cache_home)})
    assert ran.code == 0, ran.stdout + ran.stderr
    assert not marker.exists()


def test_nothing_is_written_and_no_home_folder_is_made(tmp_path: Path) -> None:
    """Defect 5: `check` wrote a cache and created a missing HOME path (docs/contracts.md 1: nothing written)."""
    home = tmp_path / "no-such-home"
    cache_home = tmp_path / "cache"
    cache_home.mkdir()
    rules = law(tmp_path, BASE)
    assert run_cli("check", rules, env={"HOME": str(home), "XDG_CACHE_HOME": ""}).code == 0
    assert run_cli("check", rules, env={"HOME": str(home), "XDG_CACHE_HOME": str(cache_home)}).code == 0
    assert not home.exists() and list(cache_home.iterdir()) == []


# ---- defect 8: numbers past the range, long chains, bad text and names -----------------------------------


def test_a_number_of_5000_digits_is_refused_where_it_stands(tmp_path: Path) -> None:
    """Defect 8: a number of more than 4,300 digits ended in an internal error (Python's int-string limit)."""
    for digits in ("9" * 5000, "0" * 4999 + "1"):
        ran = run_cli("check", law(tmp_path, BASE.replace("seats 10 ", f"seats {digits} ")))
        assert ran.refused("E111", 1), ran.stdout + ran.stderr
        assert "law.rules:18:9:" in ran.stdout


def test_a_percent_of_5000_digits_is_refused(tmp_path: Path) -> None:
    """Defect 8: a percent with a huge digit string ended in an internal error."""
    clause = "threshold at least 0." + "1" * 5000 + "% of voters_took_part nationally"
    ran = run_cli("check", law(tmp_path, with_clause(clause)))
    assert ran.refused("E111", 1) and "law.rules:21:22:" in ran.stdout, ran.stdout + ran.stderr


def test_a_number_of_5000_digits_in_an_example_block_is_refused(tmp_path: Path) -> None:
    """Defect 8: a figure of an example block with more than 4,300 digits ended in an internal error."""
    example = (
        'example huge "A figure no count can hold"   [pukelsheim]\n'
        f'  given nation "N": voters_took_part {"9" * 5000}, votes "A" 1\n'
        '  expect house: "A" gets 10 seats\n'
        "end\n"
    )
    path = law(tmp_path, BASE + "\n" + example)
    for verb in ("check", "test"):
        ran = run_cli(verb, path)
        assert ran.refused("E111", 1) and "law.rules:25:38:" in ran.stdout + ran.stderr, ran.stdout + ran.stderr


def test_an_attribute_past_the_range_in_an_example_block_is_refused(tmp_path: Path) -> None:
    """Defect 8: an example's attribute was taken at any size, where a results file refuses it (D112)."""
    example = (
        'example huge "An attribute no count can hold"   [pukelsheim]\n'
        '  given nation "N": voters_took_part 100, votes "A" 60, votes "B" 40\n'
        f'  given nation "N": ballot_number of "A" {"9" * 30}\n'
        '  expect house: "A" gets 6 seats\n'
        "end\n"
    )
    ran = run_cli("test", law(tmp_path, BASE + "\n" + example))
    assert ran.refused("E215", 1) and "law.rules:26:21:" in ran.stdout + ran.stderr, ran.stdout + ran.stderr


def test_a_count_of_20_to_40_digits_is_still_out_of_range() -> None:
    """Defect 8: numbers of a few more digits than a count keep their own diagnostic (E215), not E111."""
    from ballotlaw.api import load_law_text
    from ballotlaw.errors import RuleFileError

    try:
        load_law_text(BASE.replace("seats 10 ", "seats " + "9" * 40 + " "))
    except RuleFileError as error:
        assert [d.code for d in error.diagnostics if d.is_error] == ["E215"]
    else:
        raise AssertionError("a count of 40 digits was accepted")


def test_hundreds_of_conditions_joined_are_refused(tmp_path: Path) -> None:
    """Defect 8: about 500 conditions joined by `and` or `or` exhausted Python's stack (internal error)."""
    for word in ("and", "or"):
        chain = f" {word} ".join(["voters_took_part > 1"] * 600)
        ran = run_cli("check", law(tmp_path, with_clause(f"valid only if {chain}")))
        assert ran.refused("E112", 1), ran.stdout + ran.stderr
        assert "law.rules:21:17:" in ran.stdout and f"joined by `{word}`" in ran.stdout


def test_a_hundred_conditions_are_still_read(tmp_path: Path) -> None:
    """Defect 8: the bound is far above any law: 100 conditions joined are a valid clause."""
    chain = " and ".join(["voters_took_part > 1"] * 100)
    ran = run_cli("check", law(tmp_path, with_clause(f"valid only if {chain}")))
    assert ran.code == 0, ran.stdout + ran.stderr


def test_a_lone_surrogate_is_not_utf8_and_is_placed_at_its_byte(tmp_path: Path) -> None:
    """Defect 8: the bytes ED A0 80 (a lone surrogate) are refused as E110 at their line and column."""
    path = tmp_path / "law.rules"
    path.write_bytes(BASE.encode("utf-8").replace(b'"Textbook"', b'"Text\xed\xa0\x80book"', 1))
    for args in (("check", str(path)), ("check", "--json", str(path))):
        ran = run_cli(*args, env={"PYTHONIOENCODING": "utf-8"})
        assert ran.refused("E110", 1), ran.stdout + ran.stderr
        ran.out.decode("utf-8")  # the output is UTF-8: no surrogate reached it
    assert "law.rules:5:21:" in run_cli("check", str(path)).stdout  # the column of the first bad byte


def test_a_lone_surrogate_in_text_given_to_the_api_is_e110() -> None:
    """Defect 8: text with a lone surrogate, passed to `load_law_text`, was accepted (and broke its hash)."""
    from ballotlaw.api import load_law_text
    from ballotlaw.errors import RuleFileError

    try:
        load_law_text(BASE.replace("Textbook", "Text\ud800book", 1))
    except RuleFileError as error:
        spans = [(d.code, d.span) for d in error.diagnostics]
        assert [(code, span.line, span.column) for code, span in spans if span is not None] == [("E110", 4, 15)]
        assert len(spans) == 1
    else:
        raise AssertionError("a lone surrogate was accepted")


def test_a_file_name_that_is_not_utf8_is_a_usage_error(tmp_path: Path) -> None:
    """Defect 8: a rule file whose name is not UTF-8 put a surrogate into the output (internal error)."""
    name = os.fsdecode(b"law-\xff.rules")
    (tmp_path / name).write_text(with_clause("threshold at least 1% of voters_took_part nationally"), "utf-8")
    for args in (("check", name), ("check", "--json", name), ("run", name, "results.csv")):
        ran = run_cli(*args, cwd=tmp_path, env={"PYTHONIOENCODING": "utf-8"})
        assert ran.refused(None, 2) and "not UTF-8" in ran.stderr, ran.stdout + ran.stderr


def test_an_amends_loop_of_symbolic_links_is_e308(tmp_path: Path) -> None:
    """Defect 8: `amends` naming a link to itself ended in an internal error (a symlink loop)."""
    path = amending(tmp_path, "law.rules", "loop.rules")
    (tmp_path / "loop.rules").symlink_to("loop.rules")
    ran = run_cli("check", str(path))
    assert ran.refused("E308", 1) and "law.rules:2:8:" in ran.stdout, ran.stdout + ran.stderr


def test_a_chain_of_1000_amending_files_is_refused(tmp_path: Path) -> None:
    """Defect 8: a chain of 1,000 amending files exhausted Python's stack (internal error)."""
    (tmp_path / "v0.rules").write_text(BASE, encoding="utf-8")
    for number in range(1, 1001):
        amending(tmp_path, f"v{number}.rules", f"v{number - 1}.rules")
    ran = run_cli("check", str(tmp_path / "v1000.rules"))
    assert ran.refused("E309", 1) and ":2:8:" in ran.stdout, ran.stdout + ran.stderr
    assert run_cli("check", str(tmp_path / "v63.rules")).code == 0  # 64 files: the most a chain may have
    assert run_cli("check", str(tmp_path / "v64.rules")).refused("E309", 1)


# ---- defect 11: amends out of the folder; files that are not rule files ----------------------------------


def test_amends_through_a_link_out_of_the_folder_is_refused_unread(tmp_path: Path) -> None:
    """Defect 11: a link to a file outside the folder was followed and its first line printed."""
    outside = tmp_path / "outside" / "passwd"
    outside.parent.mkdir()
    outside.write_text(SECRET + "\n", encoding="utf-8")
    path = amending(tmp_path / "laws", "law.rules", "earlier.rules")
    (tmp_path / "laws" / "earlier.rules").symlink_to(outside)
    for args in (("check", str(path)), ("check", "--json", str(path))):
        ran = run_cli(*args)
        assert ran.refused("E306", 1) and SECRET not in ran.stdout + ran.stderr, ran.stdout + ran.stderr
    (tmp_path / "laws" / "sub").symlink_to(outside.parent)  # a link to a folder outside: refused the same
    ran = run_cli("check", str(amending(tmp_path / "laws", "law2.rules", "sub/passwd.rules")))
    assert ran.refused("E306", 1) and "law2.rules:2:8:" in ran.stdout


def test_an_amended_file_that_is_not_a_rule_file_is_not_shown(tmp_path: Path) -> None:
    """Defect 11: an amended file without the language line was quoted in the diagnostic."""
    (tmp_path / "notes.rules").write_text(f"# a comment\n{SECRET}\n", encoding="utf-8")
    (tmp_path / "binary.rules").write_bytes(b"ballotlaw 1\n\xff\xfe" + SECRET.encode())
    for target in ("notes.rules", "binary.rules"):
        ran = run_cli("check", str(amending(tmp_path, "law.rules", target)))
        assert ran.refused("E310", 1) and "law.rules:2:8:" in ran.stdout, ran.stdout + ran.stderr
        assert SECRET not in ran.stdout + ran.stderr


def test_amends_through_a_link_inside_the_folder_still_works(tmp_path: Path) -> None:
    """Defect 11: a link that stays in the folder tree is followed (the allowed tree is the first file's)."""
    (tmp_path / "versions").mkdir()
    (tmp_path / "versions" / "2024.rules").write_text(BASE, encoding="utf-8")
    (tmp_path / "earlier.rules").symlink_to(tmp_path / "versions" / "2024.rules")
    ran = run_cli("check", str(amending(tmp_path, "law.rules", "earlier.rules")))
    assert ran.code == 0, ran.stdout + ran.stderr


# ---- defect 16: a cycle through a folder link ------------------------------------------------------------


def test_a_cycle_through_a_folder_link_is_e308(tmp_path: Path) -> None:
    """Defect 16: a.rules amends sub/b.rules, b.rules amends a.rules, sub -> . : reported as E306, not E308."""
    path = amending(tmp_path, "a.rules", "sub/b.rules")
    amending(tmp_path, "b.rules", "a.rules")
    (tmp_path / "sub").symlink_to(".")
    ran = run_cli("check", str(path))
    assert ran.refused("E308", 1) and "E306" not in ran.stdout, ran.stdout + ran.stderr


# ---- issue 13: a fraction over 0 -------------------------------------------------------------------------


def test_a_threshold_of_one_over_zero_is_refused_at_the_fraction(tmp_path: Path) -> None:
    """Issue 13: `threshold at least 1/0 of ...` was read as a 100% threshold."""
    ran = run_cli("check", law(tmp_path, with_clause("threshold at least 1/0 of voters_took_part nationally")))
    assert ran.refused("E113", 1) and "law.rules:21:22:" in ran.stdout, ran.stdout + ran.stderr
    ran = run_cli("check", law(tmp_path, with_clause("valid only if voters_took_part >= 0/0 of voters_took_part")))
    assert ran.refused("E113", 1) and "law.rules:21:37:" in ran.stdout, ran.stdout + ran.stderr

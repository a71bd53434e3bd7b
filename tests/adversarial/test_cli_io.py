"""The command line against a hostile environment (issue 12): special files as output or input, control
characters in names, odd terminal encodings, full disks, closed pipes, NO_COLOR, and many diagnostics."""

from __future__ import annotations

import json
import os
import select
import shlex
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

import pytest

from conftest import ROOT, TIME_BOUND, Ran, run_cli

REFERENDUM_RULES = ROOT / "rules" / "kg" / "referendum-2021-01.rules"
REFERENDUM_RESULTS = ROOT / "data" / "kg" / "2021-referendum-january" / "results.csv"
CZ_RULES = str(ROOT / "rules" / "cz" / "chamber-2021.rules")
CZ_RESULTS = str(ROOT / "data" / "cz" / "2021" / "results.csv")
LAWS = ROOT / "tests" / "verify" / "laws"
PROPORTIONAL = str(ROOT / "specs" / "standard-proportional.spec")

#: A list name that would redraw the screen: a colour, a line break with a fake row, a bidi override, C1 and
#: separator characters.
EVIL = "evil\x1b[31mRED\nKG  status FAKE\u202eabc\x85\u2028end"
EVIL_SHOWN = "evil\\x1b[31mRED\\nKG  status FAKE\\u202eabc\\x85\\u2028end"


def _environment(env: dict[str, str] | None) -> dict[str, str]:
    drop = ("NO_COLOR", "FORCE_COLOR", "BALLOTLAW_DEBUG")
    return {**{k: v for k, v in os.environ.items() if k not in drop}, **(env or {})}


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "ballotlaw.cli", *args]


def _quiet(ran: Ran) -> bool:
    """No traceback and no internal error in what the run printed."""
    text = ran.stdout + ran.stderr
    return "Traceback" not in text and "internal error" not in text


def _evil_results(tmp_path: Path, name: str = EVIL) -> Path:
    text = REFERENDUM_RESULTS.read_text(encoding="utf-8")
    quoted = '"' + name.replace('"', '""') + '"'
    path = tmp_path / "evil.csv"
    path.write_text(text.replace(",against all options,", f",{quoted},"), encoding="utf-8", newline="")
    return path


# ---- defect 1: --output writes regular files only --------------------------------------------------------


def test_output_refuses_a_fifo_and_leaves_it(tmp_path: Path, kg_rules: str, kg_results: str) -> None:
    """Defect 1: `--output FIFO` replaced the FIFO with a regular file; it is refused and left as it was."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    ran = run_cli("run", kg_rules, kg_results, "--output", str(fifo))
    assert ran.refused(exit_code=2) and "FIFO" in ran.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo"]  # no temporary file left behind


def test_output_refuses_a_symbolic_link(tmp_path: Path, kg_rules: str, kg_results: str) -> None:
    """Defect 1: a symbolic link in the target's place was replaced; it is refused, link and file untouched."""
    target = tmp_path / "target.txt"
    target.write_text("keep\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    ran = run_cli("run", kg_rules, kg_results, "-o", str(link))
    assert ran.refused(exit_code=2) and "symbolic link" in ran.stderr
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "keep\n"


def test_output_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path, kg_rules: str, kg_results: str) -> None:
    """Defect 1: a replaced file became 0600; it keeps its own permissions."""
    target = tmp_path / "outcome.json"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    ran = run_cli("run", "--json", kg_rules, kg_results, "-o", str(target))
    assert ran.code == 0, ran.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "ballotlaw.outcome"


def test_a_new_output_file_gets_the_umask_default(tmp_path: Path, kg_rules: str, kg_results: str) -> None:
    """Defect 1: a new file was 0600 whatever the umask; it gets 0666 less the umask, as any program's file."""
    previous = os.umask(0o022)
    try:
        ran = run_cli("run", kg_rules, kg_results, "-o", str(tmp_path / "new.txt"))
    finally:
        os.umask(previous)
    assert ran.code == 0, ran.stderr
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644


# ---- defect 7: control characters from input are escaped in text output ------------------------------------


def test_run_text_escapes_control_characters_in_names(tmp_path: Path) -> None:
    """Defect 7: a newline in a list name drew a fake table row and ESC reached the terminal; both are escaped."""
    results = _evil_results(tmp_path)
    ran = run_cli("run", str(REFERENDUM_RULES), str(results))
    assert ran.code == 0, ran.stderr
    assert b"\x1b" not in ran.out and "\u202e" not in ran.stdout and "\u2028" not in ran.stdout
    assert EVIL_SHOWN in ran.stdout
    assert not any(line.startswith("KG  status FAKE") for line in ran.stdout.splitlines())


def test_escape_shows_every_control_format_and_separator_character() -> None:
    """Defect 7: the one escaping function shows C0, DEL, C1, bidi and other format characters, lone surrogates and
    line/paragraph separators as escapes, and leaves every other character (letters of any script, spaces,
    combining marks) as it is."""
    from ballotlaw.render.escape import escape, escape_lines

    hostile = "\x00\x07\t\r\n\x1b\x7f\x85\x9b\u200b\u200e\u2066\u202e\ufeff\u2028\u2029\udcff\U000e0001"
    shown = escape(hostile)
    assert shown.isprintable() and shown.isascii()
    assert shown == (
        "\\x00\\x07\\t\\r\\n\\x1b\\x7f\\x85\\x9b\\u200b\\u200e\\u2066\\u202e\\ufeff\\u2028\\u2029\\udcff\\U000e0001"
    )
    plain = "Ata-Jurt Kyrgyzstan, Česká pirátská strana, 中国, \u05e9\u05b8\u05c1, e\u0301, a\u00a0b"
    assert escape(plain) == plain
    assert escape_lines("a\x1bb\nc\u202ed\n") == "a\\x1bb\nc\\u202ed\n"


def test_run_json_keeps_names_as_written(tmp_path: Path) -> None:
    """Defect 7: JSON keeps the name exactly (escaped as JSON escapes it)."""
    ran = run_cli("run", "--json", str(REFERENDUM_RULES), str(_evil_results(tmp_path)))
    assert ran.code == 0 and b"\x1b" not in ran.out
    ids = [s["id"] for u in json.loads(ran.out)["contests"][0]["units"] for s in u["selections"]]
    assert EVIL in ids


def test_a_name_is_not_read_as_markup(tmp_path: Path) -> None:
    """Defect 7: a list named `[/]` was read as rich markup and ended in an internal error; it is shown as is."""
    ran = run_cli("run", str(REFERENDUM_RULES), str(_evil_results(tmp_path, "[/] [bold]x")))
    assert ran.code == 0 and _quiet(ran), ran.stderr
    assert "[/] [bold]x" in ran.stdout


def test_explain_and_check_escape_text_from_the_rule_file(tmp_path: Path) -> None:
    """Defect 7: a contest title with ESC and a bidi mark reached the terminal raw in `explain` and `run`."""
    rules = tmp_path / "evil.rules"
    title = "Which form of government for the Kyrgyz Republic?"
    text = REFERENDUM_RULES.read_text(encoding="utf-8").replace(title, "Which\x1b[2J form\u202e of government")
    rules.write_text(text, encoding="utf-8")
    for verb in ("run", "explain"):
        ran = run_cli(verb, str(rules), str(REFERENDUM_RESULTS))
        assert ran.code == 0, ran.stderr
        assert b"\x1b" not in ran.out and "\u202e" not in ran.stdout
    assert "Which\\x1b[2J form\\u202e of government" in run_cli("run", str(rules), str(REFERENDUM_RESULTS)).stdout


def test_diagnostics_escape_the_message_the_path_and_the_excerpt(tmp_path: Path) -> None:
    """Defect 7: a diagnostic echoed a bad value, a file name and the source line raw; all are escaped, and the
    caret stays under the escaped character."""
    results = tmp_path / "value.csv"
    text = REFERENDUM_RESULTS.read_text(encoding="utf-8").replace(",62145,", ',"62\x1b[2J\n145",')
    results.write_text(text, encoding="utf-8", newline="")
    ran = run_cli("run", str(REFERENDUM_RULES), str(results))
    assert ran.refused("D103", exit_code=1) and b"\x1b" not in ran.err
    assert "`62\\x1b[2J\\n145` is not a count" in ran.stderr
    rules = tmp_path / "bad\x1b[31m.rules"
    rules.write_text(
        REFERENDUM_RULES.read_text(encoding="utf-8").replace("level nation", "level nat\u202eion\x07"), encoding="utf-8"
    )
    ran = run_cli("check", str(rules))
    assert ran.refused("E102", exit_code=1) and b"\x1b" not in ran.out and "\u202e" not in ran.stdout
    lines = ran.stdout.splitlines()
    excerpt = next(i for i, line in enumerate(lines) if "level nat" in line)
    assert lines[excerpt].endswith("| level nat\\u202eion\\x07")
    assert lines[excerpt + 1].index("^") == lines[excerpt].index("\\u202e") and lines[excerpt + 1].endswith("^" * 6)
    assert "bad\\x1b[31m.rules:" in ran.stdout


def test_validate_and_diff_escape_file_names(tmp_path: Path) -> None:
    """Defect 7: `validate` and `diff` echoed a file name with ESC raw."""
    results = tmp_path / "r\x1b[31m.csv"
    results.write_bytes(REFERENDUM_RESULTS.read_bytes())
    ran = run_cli("validate", str(REFERENDUM_RULES), str(results))
    assert ran.code == 0 and b"\x1b" not in ran.out + ran.err and "r\\x1b[31m.csv" in ran.stdout
    ran = run_cli("diff", str(REFERENDUM_RULES), str(REFERENDUM_RULES), str(results))
    assert ran.code == 0 and b"\x1b" not in ran.out and "r\\x1b[31m.csv" in ran.stdout


def test_an_excerpt_is_the_line_the_parser_counted(tmp_path: Path) -> None:
    """Defect 7 and 17: a line separator or form feed in a comment shifted every excerpt after it (lines were
    split where the parser does not split)."""
    rules = tmp_path / "separators.rules"
    text = REFERENDUM_RULES.read_text(encoding="utf-8").replace("# lists taking part;", "# lists\u2028taking\x0cpart;")
    rules.write_text(text.replace('took part" on nation', 'took part" on natio'), encoding="utf-8")
    ran = run_cli("check", str(rules))
    assert ran.refused("E202", exit_code=1)
    assert '| count voters_took_part "voters who took part" on natio' in ran.stdout


# ---- defect 9b: only regular input files, of bounded size ------------------------------------------------


def test_a_fifo_as_input_is_refused_without_waiting(tmp_path: Path, kg_rules: str) -> None:
    """Defect 9b: a FIFO as the results blocked forever; it is refused at once."""
    fifo = tmp_path / "results.csv"
    os.mkfifo(fifo)
    ran = run_cli("run", kg_rules, str(fifo), timeout=20)
    assert ran.refused(exit_code=2) and "not a regular file" in ran.stderr
    ran = run_cli("check", str(fifo), timeout=20)
    assert ran.refused(exit_code=2) and "not a regular file" in ran.stderr


def _run_with_memory_limit(args: Sequence[str], limit: int = 1 << 30) -> Ran:
    """Run the command with its address space bounded, so that an unbounded read fails fast instead of filling
    the machine's memory."""
    import resource

    def bound() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    done = subprocess.run(
        _command(*args),
        cwd=ROOT,
        env=_environment(None),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIME_BOUND,
        check=False,
        preexec_fn=bound,  # the child only sets a limit before it starts
    )
    return Ran(done.returncode, done.stdout, done.stderr)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_as_input_is_refused(kg_rules: str) -> None:
    """Defect 9b: /dev/zero as the results was read until memory ran out; it is refused without reading."""
    ran = _run_with_memory_limit(["run", kg_rules, "/dev/zero"])
    assert ran.refused(exit_code=2) and "not a regular file" in ran.stderr
    ran = _run_with_memory_limit(["validate", kg_rules, "/dev/zero", "--mapping", "/dev/zero"])
    assert ran.refused(exit_code=2) and "not a regular file" in ran.stderr


def test_an_input_over_the_size_limit_is_refused(tmp_path: Path, kg_rules: str) -> None:
    """Defect 9b: a results file larger than 2 GiB was read whole; it is refused before it is read."""
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as stream:
        stream.truncate(2 * 1024**3 + 1)  # the documented limit and one byte; sparse: nothing is written to disk
    ran = _run_with_memory_limit(["run", kg_rules, str(huge)])
    assert ran.refused(exit_code=2) and "too large" in ran.stderr


# ---- defect 10: JSON is UTF-8 whatever the terminal; text never fails on an encoding ------------------------


@pytest.mark.parametrize(
    "env",
    [{"PYTHONIOENCODING": "latin-1"}, {"PYTHONIOENCODING": "ascii"}, {"LANG": "C", "LC_ALL": "C"}],
    ids=["latin-1", "ascii", "C-locale"],
)
def test_json_is_utf8_under_any_terminal_encoding(env: dict[str, str]) -> None:
    """Defect 10: `--json` was written in the terminal's encoding (Latin-1 bytes, or exit 3 under ASCII)."""
    reference = run_cli("run", "--json", CZ_RULES, CZ_RESULTS, env={"PYTHONIOENCODING": "utf-8"})
    assert reference.code == 0 and "Č".encode() in reference.out
    ran = run_cli("run", "--json", CZ_RULES, CZ_RESULTS, env=env)
    assert ran.code == 0 and _quiet(ran), ran.stderr
    assert ran.out == reference.out
    converted = run_cli("convert", CZ_RULES, CZ_RESULTS, "--to", "csv", env=env)
    assert converted.code == 0 and "Č".encode() in converted.out


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_text_under_a_narrow_encoding_shows_escapes(encoding: str) -> None:
    """Defect 10: text output exited 3 when the terminal could not show a character; it shows an escape."""
    for verb in ("run", "explain"):
        ran = run_cli(verb, CZ_RULES, CZ_RESULTS, env={"PYTHONIOENCODING": encoding})
        assert ran.code == 0 and _quiet(ran), ran.stderr
        ran.out.decode(encoding)  # every byte is of the terminal's encoding
    assert "\\u0160" in run_cli("run", CZ_RULES, CZ_RESULTS, env={"PYTHONIOENCODING": encoding}).stdout


# ---- defect 12: the environment failing is exit 2 with a plain message -----------------------------------


def _run_into(stdout: IO[bytes], *args: str) -> Ran:
    done = subprocess.run(
        _command(*args),
        cwd=ROOT,
        env=_environment(None),
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=TIME_BOUND,
        check=False,
    )
    return Ran(done.returncode, b"", done.stderr)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("json_form", [False, True], ids=["text", "json"])
def test_a_full_disk_on_standard_output_is_a_usage_error(kg_rules: str, kg_results: str, json_form: bool) -> None:
    """Defect 12: standard output on a full disk was an internal error (exit 3)."""
    with open("/dev/full", "wb") as full:
        ran = _run_into(full, "run", *(["--json"] if json_form else []), kg_rules, kg_results)
    assert ran.code == 2 and _quiet(ran), ran.stderr
    assert "standard output cannot be written (No space left on device)" in ran.stderr
    with open("/dev/full", "wb") as full:
        ran = _run_into(full, "check", kg_rules)
    assert ran.code == 2 and "No space left on device" in ran.stderr and _quiet(ran)


def test_a_missing_output_folder_is_a_usage_error(tmp_path: Path, kg_rules: str, kg_results: str) -> None:
    """Defect 12: `--output` into a folder that does not exist was an internal error."""
    ran = run_cli("run", kg_rules, kg_results, "-o", str(tmp_path / "nowhere" / "out.txt"))
    assert ran.refused(exit_code=2) and _quiet(ran) and "does not exist" in ran.stderr
    afile = tmp_path / "afile"
    afile.write_text("x\n", encoding="utf-8")
    ran = run_cli("explain", "--json", kg_rules, kg_results, "-o", str(afile / "out.json"))
    assert ran.refused(exit_code=2) and _quiet(ran) and "cannot be written" in ran.stderr


def test_an_unusable_save_folder_is_a_usage_error(tmp_path: Path) -> None:
    """Defect 12: a `--save` folder under a regular file, or one that cannot be created, was an internal error
    after the search; the first is refused before it, the second when the counterexample is written."""
    afile = tmp_path / "afile"
    afile.write_text("x\n", encoding="utf-8")
    broken = str(LAWS / "broken-cap.rules")
    base = ["verify", broken, "--spec", PROPORTIONAL, "--examples", "300"]
    ran = run_cli(*base, "--save", str(afile / "sub"))
    assert ran.refused(exit_code=2) and _quiet(ran) and "not a folder" in ran.stderr
    differs = ["verify", str(LAWS / "hare.rules"), "--differs", str(LAWS / "dhondt.rules"), "--examples", "100"]
    ran = run_cli(*differs, "--save", str(afile))
    assert ran.refused(exit_code=2) and _quiet(ran) and "not a folder" in ran.stderr
    if Path("/proc/self").is_dir():  # a folder nobody can create, even root
        ran = run_cli(*base, "--save", "/proc/ballotlaw-no-such-folder")
        assert ran.refused(exit_code=2) and _quiet(ran) and "cannot be saved" in ran.stderr
        ran = run_cli(*differs, "--save", "/proc/ballotlaw-no-such-folder")
        assert ran.refused(exit_code=2) and _quiet(ran) and "cannot be saved" in ran.stderr


@pytest.mark.parametrize("args", [["explain", "--json"], ["explain"], ["check"]], ids=["json", "text", "check"])
def test_a_closed_pipe_ends_quietly(args: list[str], kg_rules: str, kg_results: str) -> None:
    """Defect 12: writing into a pipe whose reader had gone (`| head`) was an internal error with a message;
    the run ends quietly (exit 2, nothing on standard error)."""
    files = [kg_rules] if args == ["check"] else [kg_rules, kg_results]
    process = subprocess.Popen(
        _command(*args, *files),
        cwd=ROOT,
        env=_environment(None),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    process.stdout.close()  # the reader goes before anything is written
    _, err = process.communicate(timeout=TIME_BOUND)
    assert process.returncode == 2, err
    assert err == b""


def test_head_on_a_long_output_shows_no_error(kg_rules: str, kg_results: str) -> None:
    """Defect 12: `ballotlaw explain ... | head -c 10` prints the ten bytes and no error."""
    command = shlex.join(_command("explain", kg_rules, kg_results)) + " | head -c 10"
    done = subprocess.run(
        ["sh", "-c", command], cwd=ROOT, env=_environment(None), capture_output=True, timeout=TIME_BOUND, check=False
    )
    assert done.stdout == b"trace of " + kg_rules.encode()[:1] and done.stderr == b"", done.stderr


# ---- defect 15: NO_COLOR ---------------------------------------------------------------------------------


def _read_all(fd: int, deadline: float) -> Iterator[bytes]:
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1.0)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the terminal's other side closed (Linux: EIO)
            return
        if not chunk:
            return
        yield chunk


def _on_a_terminal(env: dict[str, str], *args: str, stream: str = "stdout") -> tuple[bytes, bytes]:
    """What the command writes to a terminal (a pseudo-terminal) as its standard output, or as its standard error
    when `stream` says so, and what it writes to the other stream (a file)."""
    import pty

    primary, secondary = pty.openpty()
    with tempfile.TemporaryFile() as other:
        try:
            process = subprocess.Popen(
                _command(*args),
                cwd=ROOT,
                env=_environment(env),
                stdin=subprocess.DEVNULL,
                stdout=secondary if stream == "stdout" else other,
                stderr=other if stream == "stdout" else secondary,
            )
            os.close(secondary)
            secondary = -1
            shown = b"".join(_read_all(primary, time.monotonic() + TIME_BOUND))
            code = process.wait(timeout=TIME_BOUND)
        finally:
            os.close(primary)
            if secondary >= 0:
                os.close(secondary)
        other.seek(0)
        written = other.read()
    assert code in (0, 1), written
    return shown, written


@pytest.mark.skipif(sys.platform == "win32", reason="no pseudo-terminals")
def test_no_color_is_honoured_on_a_terminal(kg_rules: str, kg_results: str) -> None:
    """Defect 15: NO_COLOR was ignored on a terminal; any non-empty value turns colour off unless --color."""
    assert b"\x1b[" in _on_a_terminal({}, "run", kg_rules, kg_results)[0]
    assert b"\x1b[" not in _on_a_terminal({"NO_COLOR": "1"}, "run", kg_rules, kg_results)[0]
    assert b"\x1b[" in _on_a_terminal({"NO_COLOR": "1"}, "run", "--color", kg_rules, kg_results)[0]
    assert b"\x1b[" in _on_a_terminal({"NO_COLOR": ""}, "run", kg_rules, kg_results)[0]


@pytest.mark.skipif(sys.platform == "win32", reason="no pseudo-terminals")
def test_the_progress_bar_of_verify_stays_off_standard_output(tmp_path: Path) -> None:
    """Defect 15 (terminal output): with standard error on a terminal, `verify` drew its progress bar on standard
    output, which put a stray line into a redirected report; the bar is on standard error."""
    args = ["verify", str(LAWS / "hare.rules"), "--spec", PROPORTIONAL, "--examples", "50"]
    shown, report = _on_a_terminal({}, *args, "--save", str(tmp_path / "cx"), stream="stderr")
    assert report.startswith(b"verify ") and b"\x1b" not in report
    assert b"\x1b" in shown


# ---- defect 17: diagnostics are rendered in linear time ------------------------------------------------------


def test_twenty_thousand_warnings_render_quickly(tmp_path: Path) -> None:
    """Defect 17: rendering was quadratic (every excerpt split the whole file): 20,000 unused sources took over
    20 s. Linear now, well within the bound."""
    sources = "".join(f'source s{i} "unused source {i}" "https://example.org/{i}"\n' for i in range(20_000))
    rules = tmp_path / "many.rules"
    text = REFERENDUM_RULES.read_text(encoding="utf-8").replace("level nation", sources + "\nlevel nation")
    rules.write_text(text, encoding="utf-8")
    ran = run_cli("check", str(rules), timeout=20)
    assert ran.code == 0 and ran.stdout.rstrip().endswith("0 errors, 20000 warnings")
    assert ran.stdout.count("W403") == 20_000

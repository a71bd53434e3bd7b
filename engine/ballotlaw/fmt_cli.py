"""`ballotlaw fmt [--check | --diff] FILES`: lay rule files out canonically (fmt.py)."""

from __future__ import annotations

import difflib
import os
import sys

import click

from .api import read_source
from .diagnostics.diagnostic import Diagnostic
from .diagnostics.render import render_diagnostics
from .errors import FindingsError, UsageError
from .fmt import format_text
from .output import put, say, write_file
from .render.escape import escape

#: The files a folder given to `fmt` holds: rule files and specification files.
SUFFIXES = (".rules", ".spec")


def _expand(paths: tuple[str, ...]) -> list[str]:
    """The files named, with the rule files in each folder named (recursively, in sorted order)."""
    out: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found = []
            for folder, subfolders, files in os.walk(path):
                subfolders.sort()
                found += [os.path.join(folder, name) for name in files if name.endswith(SUFFIXES)]
            out += sorted(found)
        else:
            out.append(path)
    return out


def _diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"{path} (as written)", f"{path} (formatted)"
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _format_stdin(check: bool, show_diff: bool) -> tuple[int, list[Diagnostic]]:
    """`-`: the text on standard input, formatted on standard output (or checked, or shown as a diff)."""
    raw = sys.stdin.buffer.read() if sys.stdin is not None else b""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError("-: standard input is not UTF-8 text") from None
    try:
        formatted = format_text(text, "-")
    except FindingsError as error:
        return 0, list(error.diagnostics)
    if show_diff:
        put(escape_diff(_diff("-", text, formatted)))
    elif not check:
        put(formatted, machine=True)
    return int(formatted != text), []


def escape_diff(text: str) -> str:
    """A diff for people: each line escaped (render/escape.py), as every text from input is."""
    return "".join(escape(line.removesuffix("\n")) + "\n" for line in text.splitlines(keepends=True))


@click.command(name="fmt")
@click.argument("files", nargs=-1, required=True)
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if a file would be reformatted.")
@click.option("--diff", "show_diff", is_flag=True, help="Change nothing; show what would change as a unified diff.")
def fmt_command(files: tuple[str, ...], check: bool, show_diff: bool) -> None:
    """Lay out rule files canonically: indentation, citations in a column, one blank line between blocks,
    comments kept. FILES are rule files or folders (every .rules and .spec file in them); `-` formats
    standard input to standard output."""
    from .cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, guarded

    def action() -> int:
        changed: list[str] = []
        unchanged = 0
        problems: list[Diagnostic] = []
        unreadable = False
        for path in _expand(files):
            if path == "-":
                differs, found = _format_stdin(check, show_diff)
                problems += found
                changed += ["-"] * differs
                continue
            try:
                source = read_source(path)
                formatted = format_text(source.text, path)
            except UsageError as error:
                say(f"ballotlaw: {escape(str(error))}")
                unreadable = True
                continue
            except FindingsError as error:
                problems += error.diagnostics
                continue
            if formatted == source.text:
                unchanged += 1
                continue
            changed.append(path)
            if show_diff:
                put(escape_diff(_diff(path, source.text, formatted)))
            elif not check:
                write_file(path, formatted.encode("utf-8"))
        if problems:
            say(render_diagnostics(tuple(problems)))
        _summary(changed, unchanged, check or show_diff)
        if unreadable:
            return EXIT_USAGE
        if problems or ((check or show_diff) and changed):
            return EXIT_FINDINGS
        return EXIT_OK

    sys.exit(guarded(action))


def _summary(changed: list[str], unchanged: int, dry: bool) -> None:
    files = [path for path in changed if path != "-"]
    for path in files:
        say(escape(f"{'would reformat' if dry else 'reformatted'} {path}"))
    if not files and not unchanged:
        return
    verb = "would be reformatted" if dry else "reformatted"
    say(f"{len(files)} file(s) {verb}, {unchanged} already formatted")

"""The BLT ballot format of STV counting programs (OpenSTV, ERS, the Scottish councils' exports):

    4 2                 candidates, seats
    -2                  optional: withdrawn candidates, negative numbers on one line
    3 1 2 0             ballots: a weight, the candidates' numbers in order, 0
    1 3 - 4 0           `-` a skipped rank, `1=2` a rank marked for both (an overvote)
    0                   the end of the ballots
    "Adams"             the candidates' names, in their numbers' order
    ...
    "Title"             the election's title (optional)

A ballot line may start with an identifier in parentheses, which is ignored. Rankings are aggregated as read.
"""

from __future__ import annotations

import re
from collections import Counter

from ..diagnostics.diagnostic import DataLocation, Diagnostic
from ..methods.ranked.common import OVERVOTE, SKIP
from .ballots import MAX_CANDIDATES, Ballots, Tally, weight
from .load import whole_number

_NAME = re.compile(r'"([^"\n]*)"')
NOT_READ = -3  # no mark: a token not yet read
MAX_MARKS = 100_000  # tokens remembered at most (a hostile file's distinct tokens are not all kept)


def read_blt(path: str, text: str, *, fast: bool = True) -> tuple[Ballots | None, list[Diagnostic]]:
    """The ballots of a BLT file, or the problems that keep it from giving any. With `fast`, identical ballot
    lines are first added up whole; where that meets anything but plain ballot lines or finds a problem, the
    file is read again line by line, for the problems' lines."""
    whole = text
    lines = text.splitlines()
    problems: list[Diagnostic] = []

    def fail(
        line: int, message: str, hint: str | None = None, column: str | None = None
    ) -> tuple[None, list[Diagnostic]]:
        problems.append(Diagnostic(code="D140", message=message, location=DataLocation(path, line, column), hint=hint))
        return None, problems

    row = 0
    while row < len(lines) and not lines[row].strip():
        row += 1
    if row == len(lines):
        return fail(1, "the BLT file is empty", hint="the first line gives the candidates and the seats: `4 2`")
    head = lines[row].split()
    numbers = [whole_number(t) for t in head]
    if len(head) != 2 or None in numbers:
        return fail(row + 1, "the first line of a BLT file is the number of candidates and of seats", hint="e.g. `4 2`")
    n, seats = numbers[0] or 0, numbers[1] or 0
    if not 0 < n <= MAX_CANDIDATES or seats == 0 or seats > n:
        return fail(
            row + 1,
            f"{n} candidates and {seats} seats",
            hint=f"1 to {MAX_CANDIDATES} candidates, 1 to their number of seats",
        )
    row += 1
    withdrawn: set[int] = set()
    tally = Tally(path, [str(i) for i in range(1, n + 1)])
    raw: dict[str, list[int]] = {}  # a ballot line after its weight, as written -> [ballots, first line]
    ended = False
    while row < len(lines):
        text = lines[row].strip()
        line = row + 1
        row += 1
        if not text:
            continue
        if text[0] == "-" and not withdrawn and not raw:
            for token in text.split():
                number = whole_number(token[1:]) if token.startswith("-") else None
                if number is None or not 1 <= number <= n:
                    return fail(line, f"`{token[:20]}` is not a withdrawn candidate", hint=f"write -1 to -{n}")
                withdrawn.add(number - 1)
            continue
        if text[0] == "(":
            text = text.partition(")")[2].strip()
        if text == "0":
            ended = True
            break
        if fast and not raw:
            end = _counted_lines(lines, line - 1, raw)
            if end is not None:
                row, ended = end + 1, True
                break
            fast = False
        parts = text.split(None, 1)
        first = parts[0] if parts else ""
        rest = parts[1] if len(parts) > 1 else ""
        count = (
            int(first) if first.isdigit() and first.isascii() and len(first) < 19 and first != "0" else weight(first)
        )
        if count is None:
            fail(line, f"`{first[:20]}` is not a number of ballots", column="column 1")
            continue
        seen = raw.get(rest)
        if seen is None:
            raw[rest] = [count, line]
        else:
            seen[0] += count
    for line in _tally(raw, tally, n):
        fail(line, "a ballot line ends with 0", hint="write the candidates' numbers, then 0")
    if not ended:
        return fail(len(lines), "the ballots do not end with a line `0`", hint="the file may be cut short")
    names = [m for text in lines[row:] for m in _NAME.findall(text)]
    if any(text.strip() and not _names_only(text) for text in lines[row:]):
        return fail(row + 1, "after the ballots come the candidates' names, each in double quotes")
    if len(names) not in (n, n + 1):
        return fail(
            len(lines),
            f"the file names {len(names)} candidates and titles; it declares {n} candidates",
            hint="one quoted name per candidate, then the title",
        )
    problems.extend(tally.finish())
    if problems and fast:
        return read_blt(path, whole, fast=False)  # the problems' lines are known line by line only
    if problems:
        return None, problems
    if len(set(names[:n])) < n:
        return fail(row + 1, "two candidates have the same name")
    return (
        Ballots(tuple(names[:n]), tally.rankings, frozenset(withdrawn), seats, names[n] if len(names) > n else None),
        problems,
    )


def _tally(raw: dict[str, list[int]], tally: Tally, n: int) -> list[int]:
    """Read the distinct ballot lines' rankings into `tally`; -> the lines that do not end with 0."""
    marks: dict[str, int | None] = {}  # a token -> what it marks (the few distinct tokens read once each)
    unended: list[int] = []
    for rest, (count, line) in raw.items():
        tokens = rest.split()
        if not tokens or tokens[-1] != "0":
            unended.append(line)
            continue
        ranking = _ranking(tokens[:-1], n, marks)
        if isinstance(ranking, list):
            tally.add(ranking, count, line)
            continue
        place, token = ranking
        tally.fail(
            "D141",
            DataLocation(tally.path, line, f"column {place}"),
            f"`{token[:20]}` is not a candidate's number",
            hint=f"candidates are numbered 1 to {n}; `-` marks a skipped rank, `1=2` an overvote",
        )
    return unended


def _counted_lines(lines: list[str], start: int, raw: dict[str, list[int]]) -> int | None:
    """Add up the ballot lines from `start` to the line `0` as whole lines (`Counter`, at C speed), then each
    distinct line by its ranking (line 0: not known); -> the index of the line `0`, or None, with `raw`
    untouched, where a line is not a plain ballot line."""
    try:
        end = lines.index("0", start)
    except ValueError:
        return None
    found: dict[str, list[int]] = {}
    for line, times in Counter(lines[start:end]).items():
        parts = line.split(None, 1)
        if not parts:
            continue
        first = parts[0]
        if not (first.isdigit() and first.isascii() and len(first) < 19 and first != "0"):
            return None
        rest = parts[1] if len(parts) > 1 else ""
        seen = found.get(rest)
        if seen is None:
            found[rest] = [int(first) * times, 0]
        else:
            seen[0] += int(first) * times
    raw.update(found)
    return end


def _ranking(tokens: list[str], n: int, marks: dict[str, int | None]) -> list[int] | tuple[int, str]:
    """The marks of a ballot line's tokens, or the column and token of the first that is no mark. `marks`
    remembers each distinct token's mark (a file has few: the candidates' numbers)."""
    ranking: list[int] = []
    for place, token in enumerate(tokens, start=2):
        mark = marks.get(token, NOT_READ)
        if mark == NOT_READ:
            mark = _mark(token, n)
            if len(marks) < MAX_MARKS:
                marks[token] = mark
        if mark is None:
            return place, token
        ranking.append(mark)
    return ranking


def _names_only(line: str) -> bool:
    return not _NAME.sub("", line).strip()


def _mark(token: str, n: int) -> int | None:
    if token == "-":
        return SKIP
    if "=" in token:
        parts = token.split("=")
        return OVERVOTE if all((v := whole_number(p)) is not None and 1 <= v <= n for p in parts) else None
    number = whole_number(token)
    return number - 1 if number is not None and 1 <= number <= n else None

"""Ranked ballots as a plain CSV: a header `count,rank1,rank2,...`, then one row per ranking with its number of
ballots and the candidates' names rank by rank (an empty cell is a skipped rank; `A|B` marks a rank for several
candidates, an overvote). Optional comment rows before the header: `# candidates,A,B,C` lists the candidates
(then any other name is an error; without it every name is a candidate, in the order first met) and
`# withdrawn,C` the withdrawn ones."""

from __future__ import annotations

import csv
import io
import itertools
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import cast

from ..diagnostics.diagnostic import DataLocation, Diagnostic
from ..methods.ranked.common import OVERVOTE, SKIP
from .ballots import MAX_RANKS, Ballots, Tally, weight
from .load import csv_unreadable

#: Distinct cells remembered at most (a hostile file's are not all kept).
MAX_KNOWN = 100_000


def is_ballots_csv(text: str) -> bool:
    """True when the first row that is neither blank nor a comment starts `count,rank`."""
    for line in itertools.islice(_head_lines(text), 1000):
        cells = [c.strip().strip('"') for c in line.split(",")]
        if not line.strip() or cells[0].startswith("#"):
            continue
        return len(cells) >= 2 and cells[0] == "count" and cells[1].startswith("rank")
    return False


def _head_lines(text: str) -> Iterator[str]:
    """The lines of `text` one by one (without copying the whole text)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def read_ballots_csv(path: str, text: str, *, fast: bool = True) -> tuple[Ballots | None, list[Diagnostic]]:
    """The ballots of a ballots CSV, or the problems that keep it from giving any. Rows are added up by their
    cells as written (one entry per distinct ranking); a file without quotes is split by its commas directly,
    which the CSV reader would do the same way, only slower. With `fast`, identical rows of such a file are
    first added up whole; where that meets anything but well-formed rows or finds a problem, the file is read
    again row by row, for the problems' lines."""
    lines = text.splitlines() if '"' not in text else []
    reader = _plain(lines) if '"' not in text else _quoted(path, text)
    declared: list[str] | None = None
    withdrawn_names: list[tuple[str, int]] = []
    raw: dict[str | tuple[str, ...], list[int]] = {}  # a ranking's cells as written -> [ballots, first line]
    width = 0
    problems: list[Diagnostic] = []
    for line, first, rest in reader:
        if width and isinstance(rest, str):
            if not (fast and _counted_rows(lines[line - 1 :], width - 2, raw)):
                fast = False
                _plain_rows(path, reader, width - 2, raw, problems, (line, first, rest))
            break
        if isinstance(first, Diagnostic):
            problems.append(first)
            break
        if first[:1] == "#" or first.lstrip()[:1] == "#":
            cells = _cells(rest)
            if width == 0 and first.strip() == "# candidates":
                declared = [c.strip() for c in cells if c.strip()]
            elif width == 0 and first.strip() == "# withdrawn":
                withdrawn_names.extend((c.strip(), line) for c in cells if c.strip())
            continue
        if width == 0:
            header = [first.strip(), *(c.strip() for c in _cells(rest))]
            want = ["count"] + [f"rank{i}" for i in range(1, len(header))]
            if header != want or len(header) > MAX_RANKS + 1:
                problems.append(
                    Diagnostic(
                        code="D144",
                        message="the header of a ballots CSV is `count,rank1,rank2,...`",
                        location=DataLocation(path, line),
                        hint=f"at most {MAX_RANKS} ranks, numbered from 1",
                    )
                )
                return None, problems
            width = len(header)
            continue
        fields = 1 + (len(rest) if isinstance(rest, tuple) else rest.count(",") + 1)
        count = (
            int(first) if first.isascii() and first.isdigit() and len(first) < 19 and first != "0" else weight(first)
        )
        if fields != width or count is None:
            if fields != width:
                message, hint, code, column = f"the row has {fields} fields, the header {width}", "", "D144", None
                hint = "quote a name that contains a comma"
            else:
                message, hint, code, column = f"`{first[:20]}` is not a number of ballots", "", "D142", "count"
                hint = "a whole number from 1"
            problems.append(
                Diagnostic(code=code, message=message, location=DataLocation(path, line, column), hint=hint)
            )
            if len(problems) >= 50:
                break
            continue
        seen = raw.get(rest)
        if seen is None:
            raw[rest] = [count, line]
        else:
            seen[0] += count
    if width == 0 and not problems:
        problems.append(
            Diagnostic(code="D144", message="the file has no header `count,rank1,...`", location=DataLocation(path))
        )
    if problems:
        return None, problems
    ballots, problems = _ballots(path, declared, withdrawn_names, raw)
    if problems and fast and any(where == 0 for _, where in raw.values()):
        return read_ballots_csv(path, text, fast=False)  # the problems' lines are known row by row only
    return ballots, problems


def _counted_rows(rows: Sequence[str], commas: int, raw: dict[str | tuple[str, ...], list[int]]) -> bool:
    """Add up the rows after the header as whole lines (`Counter`, at C speed), then each distinct line by its
    ranking (line 0: not known); False, with `raw` untouched, at a row that is not a plain ballot row."""
    found: dict[str | tuple[str, ...], list[int]] = {}
    for row, times in Counter(rows).items():
        first, _, rest = row.partition(",")
        if first.isdigit() and first.isascii() and len(first) < 19 and first != "0" and rest.count(",") == commas:
            seen = found.get(rest)
            if seen is None:
                found[rest] = [int(first) * times, 0]
            else:
                seen[0] += int(first) * times
        elif not row or row.isspace() or first.lstrip()[:1] == "#":
            continue
        else:
            return False
    raw.update(found)
    return True


def _plain_rows(
    path: str,
    rows: Iterator[tuple[int, str | Diagnostic, str | tuple[str, ...]]],
    commas: int,
    raw: dict[str | tuple[str, ...], list[int]],
    problems: list[Diagnostic],
    first_row: tuple[int, str | Diagnostic, str | tuple[str, ...]],
) -> None:
    """The rows after the header of a file without quotes: the loop a million ballots run through."""
    get = raw.get
    for line, first, rest in itertools.chain((first_row,), rows):
        assert isinstance(first, str) and isinstance(rest, str)
        if first.isdigit() and first.isascii() and len(first) < 19 and first != "0" and rest.count(",") == commas:
            seen = get(rest)
            if seen is None:
                raw[rest] = [int(first), line]
            else:
                seen[0] += int(first)
            continue
        if first.lstrip()[:1] == "#":
            continue
        count = weight(first)
        if rest.count(",") != commas:
            fields = rest.count(",") + 2
            problems.append(
                Diagnostic(
                    code="D144",
                    message=f"the row has {fields} fields, the header {commas + 2}",
                    location=DataLocation(path, line),
                    hint="quote a name that contains a comma",
                )
            )
        elif count is None:
            problems.append(
                Diagnostic(
                    code="D142",
                    message=f"`{first[:20]}` is not a number of ballots",
                    location=DataLocation(path, line, "count"),
                    hint="a whole number from 1",
                )
            )
        else:
            raw.setdefault(rest, [0, line])[0] += count
        if len(problems) >= 50:
            return


def _cells(rest: str | tuple[str, ...]) -> tuple[str, ...] | list[str]:
    return rest if isinstance(rest, tuple) else rest.split(",") if rest else []


def _plain(lines: Sequence[str]) -> Iterator[tuple[int, str | Diagnostic, str | tuple[str, ...]]]:
    """(line, first cell, the rest of the line) of every line that is not blank."""
    for number, line in enumerate(lines, start=1):
        if not line or line.isspace():
            continue
        first, _, rest = line.partition(",")
        yield number, first, rest


def _quoted(path: str, text: str) -> Iterator[tuple[int, str | Diagnostic, str | tuple[str, ...]]]:
    """The same through the CSV reader, for a file with quoted fields."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            if not row or all(not c.strip() for c in row):
                continue
            yield reader.line_num, row[0], tuple(row[1:])
    except csv.Error as error:
        yield reader.line_num, csv_unreadable(path, reader.line_num, error, "check the quotes of this row"), ()


def _marks(path: str, line: int, written: Sequence[str], tally: Tally, known: dict[str, int]) -> list[int] | None:
    """The marks of a row's cells, cell by cell (remembered in `known`), or None at a cell that names no
    candidate (reported)."""
    ranking: list[int] = []
    for place, cell in enumerate(written, start=1):
        name = cell.strip()
        mark = SKIP if not name else tally.index.get(name)
        if mark is None:
            where = DataLocation(path, line, f"rank{place}")
            if "|" in name:
                if None in [tally.candidate(part.strip(), where) for part in name.split("|")]:
                    return None
                mark = OVERVOTE
            else:
                mark = tally.candidate(name, where)
                if mark is None:
                    return None
        if len(known) < MAX_KNOWN:
            known[cell] = mark
        ranking.append(mark)
    return ranking


def _ballots(
    path: str,
    declared: list[str] | None,
    withdrawn_names: list[tuple[str, int]],
    raw: dict[str | tuple[str, ...], list[int]],
) -> tuple[Ballots | None, list[Diagnostic]]:
    tally = Tally(path, declared)
    known: dict[str, int] = {}  # a cell as written -> its mark, once read (a file has few distinct cells)
    for cells, (count, line) in raw.items():
        written = _cells(cells)
        found = list(map(known.get, written))
        ranking = _marks(path, line, written, tally, known) if None in found else cast(list[int], found)
        if ranking is not None:
            tally.add(ranking, count, line)
    withdrawn = set()
    for name, line in withdrawn_names:
        mark = tally.candidate(name, DataLocation(path, line))
        if mark is not None:
            withdrawn.add(mark)
    problems = tally.finish()
    if problems:
        return None, problems
    return Ballots(tuple(tally.candidates), tally.rankings, frozenset(withdrawn)), []

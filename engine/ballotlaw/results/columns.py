"""The wide CSV read column by column (pyarrow), for files of a million protocols.

This path only vouches for files it can read without any doubt: every mapped cell a plain non-negative whole
number, every unit named once, no comment or blank line among the rows, no parent column, no more units than
the rule file declares of the level. For anything else
`read_wide_columns` returns None and the row reader (wide.py) reads the file and names each problem by file,
row and column. Both paths give the same figures, and tests/test_columnar.py holds them to it.

pyarrow's integer parsing is more lenient than ours in two ways (`0x1F` is read as 31, `-0` as 0); a file in
which either spelling can occur goes to the row reader.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
from attrs import frozen

from ..diagnostics.diagnostic import DataLocation, Diagnostic
from ..model import Law
from .load import ATTRIBUTES, SHARE, absent_figure, skip_row
from .model import PUBLISHED, Figure, Results, Unit

# Spellings pyarrow reads as integers and we do not: hexadecimal, and a sign at the start of a field.
_LENIENT = r"0[xX]|(^|[,\n])[ \t]*[-+]"
_NUMERIC = b"0123456789,\r\n \t"


@frozen
class Column:
    """One mapped column: its name in the header and its values, one per row."""

    name: str
    values: pa.ChunkedArray


@frozen
class WideColumns:
    """A wide CSV that passed every check of the row reader, held as columns."""

    path: str
    sha256: str
    level: str
    header_line: int  # file line of the header; row i of the data is on line header_line + 1 + i
    units: pa.ChunkedArray
    counts: dict[str, Column]
    votes: dict[str, Column]
    source_values: pa.ChunkedArray | None
    sources: dict[str, tuple[str, str]]

    @property
    def rows(self) -> int:
        return len(self.units)

    def line(self, row: int) -> int:
        return self.header_line + 1 + row

    def results_for(self, rows: Sequence[int]) -> Results:
        """The rows given, as the row reader would have read them (figures with their file, row and column)."""
        indices = pa.array(rows, pa.int64())
        ids = [str(v) for v in self.units.take(indices).to_pylist()]
        sources = self.source_values.take(indices).to_pylist() if self.source_values is not None else [""] * len(ids)
        counts = {name: column.values.take(indices).to_pylist() for name, column in self.counts.items()}
        votes = {selection: column.values.take(indices).to_pylist() for selection, column in self.votes.items()}
        columns = {name: column.name for name, column in (*self.counts.items(), *self.votes.items())}
        units: dict[str, Unit] = {}
        figures: dict[tuple[str, str], Figure] = {}
        by_selection: dict[str, dict[str, Figure]] = {}
        for i, (row, unit) in enumerate(zip(rows, ids, strict=True)):
            line, source = self.line(row), sources[i] or None
            units[unit] = Unit(unit, self.level, None, None)
            for name, values in counts.items():
                where = DataLocation(self.path, line, self.counts[name].name)
                figures[(unit, name)] = Figure(PUBLISHED, int(values[i]), None, source, where)
            by_selection[unit] = {
                selection: Figure(PUBLISHED, int(values[i]), None, source, DataLocation(self.path, line, column))
                for selection, values in votes.items()
                for column in (columns[selection],)
            }
        return Results(self.path, self.sha256, units, figures, by_selection, {}, {}, self.sources, {})


def absent_columns(law: Law, table: WideColumns) -> tuple[Diagnostic, ...]:
    """The row reader's warnings for declared counts of the level that no column gives (W101), per unit."""
    absent = [
        c.name
        for c in law.counts.values()
        if not c.per_selection and table.level in c.levels and c.name not in table.counts
    ]
    if not absent:
        return ()
    return tuple(absent_figure(table.path, str(unit), name) for unit in table.units.to_pylist() for name in absent)


def read_wide_columns(
    law: Law, path: str, data: bytes, sha256: Callable[[], str], mapping: dict[str, object]
) -> WideColumns | None:
    """The file as columns, or None when the row reader must read it (to name a problem, or to be exact).
    `sha256` gives the file's digest when it is needed (it may be computed beside the read)."""
    counts = dict(mapping.get("counts", {}))  # type: ignore[call-overload]
    votes = dict(mapping.get("votes", {}))  # type: ignore[call-overload]
    level, unit_column = str(mapping["level"]), str(mapping["unit"])
    source_column = mapping.get("source")
    if "parent" in mapping or not _declared(law, level, counts, votes):
        return None
    head = _head(data)
    if head is None:
        return None
    offset, header_line, names, sources = head
    wanted = [unit_column, *([source_column] if isinstance(source_column, str) else []), *counts.values()]
    wanted += list(votes.values())
    if len(set(names)) != len(names) or any(c not in names for c in wanted):
        return None  # (a mapping names each column once: read_mapping refuses one that does not)
    body = data[offset:] if offset else data
    if _lenient_spelling(body):
        return None
    numeric = [*counts.values(), *votes.values()]
    types = {c: pa.int64() for c in numeric} | {c: pa.string() for c in wanted if c not in numeric}
    try:
        table = pcsv.read_csv(
            pa.BufferReader(pa.py_buffer(body)),
            read_options=pcsv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pcsv.ParseOptions(ignore_empty_lines=False),
            convert_options=pcsv.ConvertOptions(
                column_types=types, include_columns=wanted, null_values=[""], strings_can_be_null=False
            ),
        )
    except (pa.ArrowException, ValueError):
        return None
    if table.num_rows == 0 or not _clean(table, numeric, unit_column, source_column, sources):
        return None
    declared = law.levels[level].unit_count
    if declared is not None and table.num_rows > declared:
        return None  # more units than the rule file declares: the row reader names the first one too many
    return WideColumns(
        path=path,
        sha256=sha256(),
        level=level,
        header_line=header_line,
        units=table[unit_column],
        counts={name: Column(c, table[c]) for name, c in counts.items()},
        votes={selection: Column(c, table[c]) for selection, c in votes.items()},
        source_values=table[source_column] if isinstance(source_column, str) else None,
        sources=sources,
    )


def _declared(law: Law, level: str, counts: dict[str, str], votes: dict[str, str]) -> bool:
    """Every mapped name is a count the rule file declares on the level (else the row reader says which)."""
    if level not in law.levels or "*" in votes:
        return False
    for name in counts:
        declared = law.counts.get(name)
        if name in ATTRIBUTES or name == SHARE or declared is None or declared.per_selection:
            return False
        if level not in declared.levels:
            return False
    if votes:
        declared = law.counts.get("votes")
        if declared is None or not declared.per_selection or level not in declared.levels:
            return False
    return True


def _head(data: bytes) -> tuple[int, int, list[str], dict[str, tuple[str, str]]] | None:
    """(offset of the header, its line, its column names, the declared sources), reading the comment lines
    before the header as the row reader does."""
    sources: dict[str, tuple[str, str]] = {}
    offset = 0
    line = 0
    while offset < len(data):
        end = data.find(b"\n", offset)
        end = len(data) if end < 0 else end + 1
        line += 1
        try:
            text = data[offset:end].decode("utf-8-sig" if offset == 0 else "utf-8").removesuffix("\n")
            text = text.removesuffix("\r")
            if text.count('"') % 2 or "\r" in text:
                return None  # a field over several lines, or old Mac line ends: the row reader reads it
            row = next(csv.reader([text], strict=True), [])
        except (UnicodeDecodeError, csv.Error):
            return None
        if skip_row(row, sources):
            offset = end
            continue
        return offset, line, [cell.strip() for cell in row], sources
    return None


def _lenient_spelling(body: bytes) -> bool:
    """True when a cell may be written in a spelling pyarrow reads and the row reader refuses."""
    rest = body.translate(None, _NUMERIC)
    if not any(c in rest for c in b"xX-+"):
        return False
    found = pc.count_substring_regex(pa.array([body], pa.large_binary()), _LENIENT)
    return bool(found[0].as_py())


def _clean(
    table: pa.Table,
    numeric: list[str],
    unit_column: str,
    source_column: object,
    sources: dict[str, tuple[str, str]],
) -> bool:
    for name in numeric:
        column = table[name]
        if column.null_count or pc.min(column).as_py() < 0:
            return False
    units = table[unit_column]
    if len(pc.unique(units)) != table.num_rows or not _plain_strings(units, allow_empty=False):
        return False
    if isinstance(source_column, str):
        column = table[source_column]
        if not _plain_strings(column, allow_empty=True):
            return False
        used = {str(v) for v in pc.unique(column).to_pylist()} - {""}
        if not used <= set(sources):
            return False
    return True


def _plain_strings(column: pa.ChunkedArray, allow_empty: bool) -> bool:
    """No cell spans lines or carries spaces around it (the row reader strips them), and none is empty."""
    if pc.any(pc.match_substring_regex(column, r"[\r\n]|^\s|\s$")).as_py():
        return False
    return allow_empty or not pc.any(pc.equal(pc.utf8_length(column), 0)).as_py()

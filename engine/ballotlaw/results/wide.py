"""Wide CSV: one row per unit, one column per protocol line, read through a mapping file (JSON) that says which
column holds the unit id (and its parent), which the counts of the rule file, and which the votes:

    {"format": "ballotlaw.mapping", "version": 1, "level": "precinct", "unit": "uik",
     "parent": "tik", "source": "source",
     "counts": {"line_1": "L1", ...}, "votes": {"List A": "L13", ...}}

`parent` (the parent must be a unit of the file) and `source` (a column of source keys declared in
`# source` comments) are optional.

Nothing is guessed: every mapped column must be in the header, every cell is read as the long CSV reads a
value, and every error names the file, the row and the column.
"""

from __future__ import annotations

import csv
import io

from ..diagnostics.diagnostic import DataLocation, Diagnostic
from ..errors import DataError
from ..files import read_bytes
from ..model import Law
from .jsontext import escape, parse_json
from .load import _Builder, csv_unreadable, not_utf8
from .model import Results


def read_mapping(path: str) -> dict[str, object]:
    """The mapping file as a table; a malformed one is a data error of the mapping file (D118)."""
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        found = not_utf8(path, raw, error)
        raise DataError((_bad(path, found.message, found.location),)) from None
    loaded = parse_json(path, text, code="D118", duplicate="D118")
    if not isinstance(loaded, dict) or loaded.get("format") != "ballotlaw.mapping" or loaded.get("version") != 1:
        raise DataError((_bad(path, 'not a mapping: it needs "format": "ballotlaw.mapping", "version": 1'),))
    mapping: dict[str, object] = loaded
    problems = []
    for key in ("level", "unit"):
        if not isinstance(mapping.get(key), str) or not mapping[key]:
            problems.append(_bad(path, f'the mapping needs `"{key}": "..."`', DataLocation(path, pointer=f"/{key}")))
    for key in ("parent", "source"):
        if key in mapping and (not isinstance(mapping[key], str) or not mapping[key]):
            problems.append(_bad(path, f"`{key}` must name a column", DataLocation(path, pointer=f"/{key}")))
    for key in ("counts", "votes"):
        table = mapping.get(key, {})
        if not isinstance(table, dict) or not all(isinstance(v, str) and v for v in table.values()):
            where = DataLocation(path, pointer=f"/{key}")
            problems.append(_bad(path, f'"{key}" must map names to column names', where))
    if not mapping.get("counts") and not mapping.get("votes"):
        problems.append(_bad(path, 'the mapping maps no column: add "counts" or "votes"'))
    if not problems:
        problems += _columns_named_twice(path, mapping)
    if problems:
        raise DataError(tuple(problems))
    return mapping


def _columns_named_twice(path: str, mapping: dict[str, object]) -> list[Diagnostic]:
    """A column holds one thing: two counts, two lists (or a count and the unit) read from one column are
    two figures that cannot both be what the column says."""
    first: dict[str, str] = {}
    problems = []
    named = [(f"/{key}", mapping[key]) for key in ("unit", "parent", "source") if key in mapping]
    for key in ("counts", "votes"):
        table = mapping.get(key, {})
        assert isinstance(table, dict)
        named += [(f"/{key}/{escape(name)}", column) for name, column in table.items()]
    for pointer, column in named:
        assert isinstance(column, str)
        if column in first:
            message = f"the column `{column}` is named twice: at {first[column]} and at {pointer}"
            hint = "each count and each list is read from a column of its own"
            problems.append(_bad(path, message, DataLocation(path, pointer=pointer), hint))
        else:
            first[column] = pointer
    return problems


def _bad(path: str, message: str, where: DataLocation | None = None, hint: str | None = None) -> Diagnostic:
    hint = hint or "see docs/contracts.md, section 8 (wide CSV)"
    return Diagnostic("D118", message, location=where or DataLocation(path), hint=hint)


def load_wide(
    law: Law, path: str, text: str, sha256: str, mapping: dict[str, object]
) -> tuple[Results, tuple[Diagnostic, ...]]:
    builder = _Builder(law, path)
    counts = dict(mapping.get("counts", {}))  # type: ignore[call-overload]
    votes = dict(mapping.get("votes", {}))  # type: ignore[call-overload]
    level, unit_column = str(mapping["level"]), str(mapping["unit"])
    parent_column = mapping.get("parent")
    source_column = mapping.get("source")
    header: dict[str, int] | None = None
    width = 0
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            line = reader.line_num
            if builder.skip(row):
                continue
            if header is None:
                header, width = _header(builder, path, line, row), len(row)
                wanted = [unit_column, *(c for c in (parent_column, source_column) if isinstance(c, str))]
                wanted += [*counts.values(), *votes.values()]
                missing = [c for c in wanted if c not in header]
                if missing:
                    builder.fail(
                        "D102",
                        DataLocation(path, line),
                        f"the header has no column {', '.join(f'`{c}`' for c in missing)} that the mapping names",
                        hint="columns: " + ", ".join(header),
                    )
                if builder.problems:
                    break
                continue
            if len(row) != width:
                builder.fail("D114", DataLocation(path, line), f"the row has {len(row)} fields, the header {width}")
                continue
            unit_id = row[header[unit_column]].strip()
            if not unit_id:
                builder.fail("D114", DataLocation(path, line, unit_column), "the row has no unit")
                continue
            parent = row[header[parent_column]].strip() if isinstance(parent_column, str) else ""
            source = row[header[source_column]].strip() if isinstance(source_column, str) else ""
            at = DataLocation(path, line, unit_column)
            parent_at = DataLocation(path, line, parent_column) if isinstance(parent_column, str) else at
            if not builder.unit(unit_id, level, parent or None, None, at, parent_at):
                continue
            for count, column in counts.items():
                where = DataLocation(path, line, column)
                builder.figure(unit_id, count, "", row[header[column]], where, source or None)
            for selection, column in votes.items():
                where = DataLocation(path, line, column)
                builder.figure(unit_id, "votes", selection, row[header[column]], where, source or None)
    except csv.Error as error:
        hint = "check the quotes of this row and the rows before it; the file may be cut short"
        builder.problems.append(csv_unreadable(path, reader.line_num, error, hint))
    if header is None and not builder.problems:
        builder.fail("D115", DataLocation(path), "the results file holds no figures")
    return builder.finish(sha256)


def _header(builder: _Builder, path: str, line: int, row: list[str]) -> dict[str, int]:
    """Each column name of the header with its place; a name given twice is refused at its second column
    (which of the two holds the figure cannot be told)."""
    header: dict[str, int] = {}
    for i, cell in enumerate(row):
        name = cell.strip()
        if name in header and name:
            builder.fail(
                "D102",
                DataLocation(path, line, f"column {i + 1}"),
                f"the header names the column `{name}` twice: columns {header[name] + 1} and {i + 1}",
                hint="give each column of the header its own name",
            )
        header.setdefault(name, i)
    return header

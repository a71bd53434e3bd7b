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
import json

from ..diagnostics.diagnostic import DataLocation, Diagnostic
from ..errors import DataError
from ..files import read_bytes
from ..model import Law
from .load import _Builder
from .model import Results


def read_mapping(path: str) -> dict[str, object]:
    """The mapping file as a table; a malformed one is a data error of the mapping file (D118)."""
    raw = read_bytes(path)
    try:
        loaded = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataError((_bad(path, f"the mapping is not JSON: {error}"),)) from None
    if not isinstance(loaded, dict) or loaded.get("format") != "ballotlaw.mapping" or loaded.get("version") != 1:
        raise DataError((_bad(path, 'not a mapping: it needs "format": "ballotlaw.mapping", "version": 1'),))
    mapping: dict[str, object] = loaded
    problems = []
    for key in ("level", "unit"):
        if not isinstance(mapping.get(key), str):
            problems.append(_bad(path, f'the mapping needs `{key} = "..."`'))
    for key in ("parent", "source"):
        if key in mapping and not isinstance(mapping[key], str):
            problems.append(_bad(path, f"`{key}` must name a column"))
    for key in ("counts", "votes"):
        table = mapping.get(key, {})
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            problems.append(_bad(path, f'"{key}" must map names to column names'))
    if not mapping.get("counts") and not mapping.get("votes"):
        problems.append(_bad(path, 'the mapping maps no column: add "counts" or "votes"'))
    if problems:
        raise DataError(tuple(problems))
    return mapping


def _bad(path: str, message: str) -> Diagnostic:
    return Diagnostic("D118", message, location=DataLocation(path), hint="see docs/contracts.md, section 8 (wide CSV)")


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
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        for row in reader:
            line = reader.line_num
            if builder.skip(row):
                continue
            if header is None:
                header = {cell.strip(): i for i, cell in enumerate(row)}
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
                    break
                continue
            if len(row) != len(header):
                builder.fail(
                    "D114", DataLocation(path, line), f"the row has {len(row)} fields, the header {len(header)}"
                )
                continue
            unit_id = row[header[unit_column]].strip()
            if not unit_id:
                builder.fail("D114", DataLocation(path, line, unit_column), "the row has no unit")
                continue
            parent = row[header[parent_column]].strip() if isinstance(parent_column, str) else ""
            source = row[header[source_column]].strip() if isinstance(source_column, str) else ""
            if not builder.unit(unit_id, level, parent or None, None, DataLocation(path, line, unit_column)):
                continue
            for count, column in counts.items():
                where = DataLocation(path, line, column)
                builder.figure(unit_id, count, "", row[header[column]], where, source or None)
            for selection, column in votes.items():
                where = DataLocation(path, line, column)
                builder.figure(unit_id, "votes", selection, row[header[column]], where, source or None)
    except csv.Error as error:
        builder.fail("D101", DataLocation(path), f"the CSV cannot be read: {error}", hint="the file may be cut short")
    if header is None and not builder.problems:
        builder.fail("D115", DataLocation(path), "the results file holds no figures")
    return builder.finish(sha256)

"""Read a results file (CSV or JSON, docs/contracts.md section 8) and check it against a law.

Every problem names the file and the row and field (CSV) or the JSON pointer. All problems of a file are
collected and raised together as a DataError; warnings (absent figures) are returned beside the results.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import re
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from attrs import define, field, frozen

from ..diagnostics.diagnostic import DataLocation, Diagnostic
from ..errors import DataError
from ..files import read_bytes
from ..model import Law
from ..vocabulary import ATTRIBUTES as ATTRIBUTES  # also imported from here by columns.py and nist.py
from .ballots import Ballots
from .jsontext import Number, escape, parse_json, quote
from .model import ABSENT, NOT_PUBLISHED, PUBLISHED, Figure, PublishedShare, Results, Unit

MAX_COUNT = 2**63 - 1
_COUNT_DIGITS = len(str(MAX_COUNT))  # 19: a longer string of digits is out of range without converting it
HEADER = ("level", "unit", "parent", "count", "selection", "value", "source")
# Attributes that count or flag something, where 0 is a real value (0 wins, not a minority list).
_MAY_BE_ZERO = ("constituency_wins", "national_minority", "minority_sections", "independent", "alliance")
SHARE = "share"  # a published percentage, checked by the integrity checks, never an input of the law
_SHARE = re.compile(r"\d{1,3}(\.\d{1,9})?")
_BOUND = re.compile(
    r"^not published\s*\(\s*(?:at least\s+(?P<low>[^\s,)]+))?\s*(?P<and>,|\band\b)?\s*"
    r"(?:at most\s+(?P<high>[^\s,)]+))?\s*\)$"
)
_SOURCE_LINE = re.compile(r'^#\s*source\s+([A-Za-z0-9_.-]+)\s+"([^"]*)"\s+(https?://\S+)\s*$')


def parse_value(text: str) -> tuple[Figure | None, str | None, str | None]:
    """A value as written -> (figure, problem code, hint). Exactly one of figure and code is None."""
    raw = text.strip()
    if raw == "":
        return None, "D114", "write a count, or `not published` if the figure is not public"
    if raw.lower() == "not published":
        return Figure(NOT_PUBLISHED), None, None
    if raw.lower() == "no poll":  # no votes were cast: the figure does not exist (an unopposed election)
        return Figure(ABSENT), None, None
    bound = _BOUND.match(raw.lower())
    if bound and (bound.group("low") or bound.group("high")) and _separated(bound):
        limits: list[int | None] = []
        for text in (bound.group("low"), bound.group("high")):
            limit, code, hint = _parse_count(text) if text else (None, None, None)
            if code is not None:
                return None, code, hint
            limits.append(limit)
        low, high = limits
        if low is not None and high is not None and low > high:
            return None, "D160", f"a figure cannot be at least {low} and at most {high}: one bound is wrong"
        return Figure(NOT_PUBLISHED, at_most=high, at_least=low), None, None
    count, code, hint = _parse_count(raw)
    if count is None:
        return None, code, hint
    return Figure(PUBLISHED, value=count), None, None


def _separated(bound: re.Match[str]) -> bool:
    """Two bounds are written `at least L, at most H` (or `... and at most H`); one bound stands alone."""
    both = bound.group("low") is not None and bound.group("high") is not None
    return both == (bound.group("and") is not None)


def whole_number(raw: str) -> int | None:
    """The value of a string of ASCII digits within 0..2^63-1; None for anything else. A longer string of
    digits is out of range without being converted (Python refuses to convert more than 4,300 digits)."""
    if not (raw.isascii() and raw.isdigit()) or len(raw.lstrip("0")) > _COUNT_DIGITS:
        return None
    value = int(raw)
    return value if value <= MAX_COUNT else None


def shown(raw: str, limit: int = 40) -> str:
    """A value as written, for a message: cut when long (a figure of thousands of digits)."""
    return raw if len(raw) <= limit else f"{raw[:limit]}... ({len(raw)} characters)"


def _parse_count(raw: str) -> tuple[int | None, str | None, str | None]:
    if raw.isascii() and raw.isdigit():
        value = whole_number(raw)
        if value is None:
            return None, "D104", "counts range from 0 to 9223372036854775807"
        return value, None, None
    if raw.startswith("-"):
        return None, "D103", "a count cannot be negative"
    if re.fullmatch(r"\d{1,3}([ ,\u00a0'_]\d{3})+", raw):
        digits = re.sub(r"\D", "", raw)
        return None, "D103", f"write `{digits}` without thousands separators"
    if re.fullmatch(r"\d+[.,]\d+", raw):
        return None, "D103", "a count is a whole number; shares are computed by the engine, not given"
    return None, "D103", "write a whole number, `not published`, or `not published (at most N)` / `(at least N)`"


def skip_row(row: list[str], sources: dict[str, tuple[str, str]]) -> bool:
    """True for a row without figures: blank, or a comment; a `# source` comment is added to `sources`."""
    if row and row[0].startswith("#"):
        declared = _SOURCE_LINE.match(",".join(row))
        if declared:
            sources[declared.group(1)] = (declared.group(2), declared.group(3))
        return True
    return not row or all(not cell.strip() for cell in row)


@define
class _Builder:
    """Collects figures and problems while a file is read."""

    law: Law
    path: str
    units: dict[str, Unit] = field(factory=dict)
    counts: dict[tuple[str, str], Figure] = field(factory=dict)
    votes: dict[str, dict[str, Figure]] = field(factory=dict)
    every_selection: dict[str, Figure] = field(factory=dict)
    attributes: dict[tuple[str, str], dict[str, int]] = field(factory=dict)
    shares: dict[str, dict[str, PublishedShare]] = field(factory=dict)
    problems: list[Diagnostic] = field(factory=list)
    parents_wanted: list[tuple[str, DataLocation]] = field(factory=list)
    sources: dict[str, tuple[str, str]] = field(factory=dict)
    attribute_rows: dict[tuple[str, str], DataLocation] = field(factory=dict)
    unit_rows: dict[str, DataLocation] = field(factory=dict)  # where each unit is first given
    unit_order: dict[str, int] = field(factory=dict)  # the place of each unit in the file
    parent_rows: dict[str, DataLocation] = field(factory=dict)  # where each unit's parent is named
    ballots: dict[str, Ballots] = field(factory=dict)  # ranked ballots, by unit

    def skip(self, row: list[str]) -> bool:
        """True for a row without figures: blank, or a comment (a `# source` comment declares a source)."""
        return skip_row(row, self.sources)

    def fail(self, code: str, where: DataLocation, message: str, hint: str | None = None) -> None:
        self.problems.append(Diagnostic(code=code, message=message, location=where, hint=hint))

    def unit(
        self,
        unit_id: str,
        level: str,
        parent: str | None,
        name: str | None,
        where: DataLocation,
        parent_at: DataLocation | None = None,
    ) -> bool:
        """Add a unit (or check it against the one given before); `parent_at` is where its parent is named."""
        if level not in self.law.levels:
            known = ", ".join(f"`{n}`" for n in self.law.levels)
            self.fail("D105", where, f"`{level}` is not a level of the rule file", hint=f"levels: {known}")
            return False
        existing = self.units.get(unit_id)
        if existing is None:
            self.units[unit_id] = Unit(unit_id, level, parent, name)
            self.unit_rows[unit_id] = where
            self.parent_rows[unit_id] = parent_at or where
            self.unit_order[unit_id] = len(self.unit_order)
            if parent is not None:
                self.parents_wanted.append((parent, where))
            return True
        if existing.level != level or existing.parent != parent:
            self.fail(
                "D109",
                where,
                f"the unit `{unit_id}` was given before with level `{existing.level}` and "
                f"parent `{existing.parent or ''}`",
                hint="a unit has one level and one parent in a file",
            )
            return False
        return True

    def figure(
        self, unit_id: str, count: str, selection: str, raw: str, where: DataLocation, source: str | None = None
    ) -> None:
        level = self.units[unit_id].level
        if count in ATTRIBUTES:
            self.attribute(unit_id, count, selection, raw, where)
            return
        if count == SHARE:
            self.share(unit_id, selection, raw, where)
            return
        declared = self.law.counts.get(count)
        if declared is None:
            known = ", ".join(f"`{n}`" for n in [*self.law.counts, *ATTRIBUTES])
            self.fail("D106", where, f"`{count}` is not an input of the rule file", hint=f"inputs: {known}")
            return
        if level not in declared.levels:
            self.fail(
                "D111",
                where,
                f"`{count}` is not declared on the level `{level}`",
                hint=f"the rule file declares it on: {', '.join(declared.levels)}",
            )
            return
        figure, code, hint = parse_value(raw)
        if figure is None:
            assert code is not None
            said = {"D114": "the value is missing", "D160": f"`{shown(raw)}`: its bounds cross"}
            self.fail(code, where, said.get(code, f"`{shown(raw)}` is not a count"), hint)
            return
        if source and source not in self.sources:
            self.fail(
                "D116",
                where,
                f"the source `{source}` is not declared in the file",
                hint='declare it in a comment line: # source KEY "title" https://...',
            )
            return
        figure = Figure(figure.status, figure.value, figure.at_most, source or None, where, figure.at_least)
        if figure.status == NOT_PUBLISHED and not declared.may_be_unpublished:
            self.fail(
                "D110",
                where,
                f"the rule file requires `{count}`; it cannot be `not published`",
                hint=f"give the figure, or declare `{count}` with `, may be not published`",
            )
            return
        if declared.per_selection:
            if not selection:
                self.fail("D114", where, "a `votes` row needs the list or candidate in `selection`")
                return
            if selection == "*":
                if unit_id in self.every_selection:
                    self.fail("D107", where, f"`votes` of every selection at `{unit_id}` is given twice")
                self.every_selection[unit_id] = figure
                return
            table = self.votes.setdefault(unit_id, {})
            if selection in table:
                self.fail("D107", where, f"the votes of `{selection}` at `{unit_id}` are given twice")
                return
            table[selection] = figure
            return
        if (unit_id, count) in self.counts:
            self.fail("D107", where, f"`{count}` at `{unit_id}` is given twice")
            return
        self.counts[(unit_id, count)] = figure

    def attribute(self, unit_id: str, name: str, selection: str, raw: str, where: DataLocation) -> None:
        if not selection or selection == "*":
            self.fail("D114", where, f"`{name}` belongs to one list or candidate: name it in `selection`")
            return
        zero_allowed = name in _MAY_BE_ZERO
        value = whole_number(raw.strip())
        if value is None or (value == 0 and not zero_allowed):
            self.fail(
                "D112",
                where,
                f"`{name}` must be a {'' if zero_allowed else 'positive '}whole number up to {MAX_COUNT}, "
                f"not `{shown(raw)}`",
                hint="0 or more" if zero_allowed else "1 for the first on the ballot or the first registered",
            )
            return
        self.attribute_rows.setdefault((unit_id, selection), where)
        table = self.attributes.setdefault((unit_id, selection), {})
        if name in table:
            self.fail("D107", where, f"`{name}` of `{selection}` at `{unit_id}` is given twice")
            return
        table[name] = value

    def share(self, unit_id: str, selection: str, raw: str, where: DataLocation) -> None:
        """A percentage as a results page displayed it: kept exactly as written, with its decimals."""
        if not selection or selection == "*":
            self.fail("D114", where, "a `share` row names what the share is of in `selection`")
            return
        text = raw.strip()
        if not _SHARE.fullmatch(text) or Fraction(text) > 100:
            self.fail(
                "D117",
                where,
                f"`{shown(raw)}` is not a published share",
                hint="write the percentage as displayed, with a decimal point and without `%`, e.g. `16.86`",
            )
            return
        table = self.shares.setdefault(unit_id, {})
        if selection in table:
            self.fail("D107", where, f"the share of `{selection}` at `{unit_id}` is given twice")
            return
        decimals = len(text.partition(".")[2])
        table[selection] = PublishedShare(Fraction(text), decimals, where)

    def tree(self) -> None:
        """The units must form a tree the rule file allows (tree_problems): D121, D123 and D122."""
        codes = {CYCLE: "D121", NOT_ABOVE: "D123", TOO_MANY: "D122"}
        for problem in tree_problems(self.law, self.units, self.unit_order):
            rows = self.unit_rows if problem.kind == TOO_MANY else self.parent_rows
            self.fail(codes[problem.kind], rows[problem.at], problem.message, hint=problem.hint)

    def finish(self, sha256: str) -> tuple[Results, tuple[Diagnostic, ...]]:
        for (unit_id, selection), where in self.attribute_rows.items():
            known = self.votes.get(unit_id, {})
            if selection not in known and unit_id not in self.every_selection:
                close = difflib.get_close_matches(selection, list(known), n=1)
                self.fail(
                    "D120",
                    where if where.pointer is not None else DataLocation(where.file, where.row, "selection"),
                    f"`{selection}` at `{unit_id}` has attributes but no votes: it is not a selection of the unit",
                    hint=f"did you mean `{close[0]}`?" if close else "give its votes (or `not published`) in a row",
                )
        for parent, where in self.parents_wanted:
            if parent not in self.units:
                self.fail(
                    "D108",
                    where,
                    f"the parent unit `{parent}` is not in the file",
                    hint="give the parent unit at least one row of its own",
                )
        self.tree()
        figures = self.counts or self.votes or self.every_selection or self.attributes or self.shares or self.ballots
        if not figures and not self.problems:  # units alone (a NIST report or JSON without counts) say nothing
            self.fail("D115", DataLocation(self.path), "the results file holds no figures")
        if self.problems:
            raise DataError(tuple(self.problems))
        results = Results(
            self.path,
            sha256,
            self.units,
            self.counts,
            self.votes,
            self.every_selection,
            self.attributes,
            self.sources,
            self.shares,
            self.ballots,
        )
        return results, absent_figures(self.law, results)


def _names(units: list[str], most: int = 10) -> str:
    named = ", ".join(f"`{u}`" for u in units[:most])
    return named if len(units) <= most else f"{named} and {len(units) - most} more"


CYCLE, NOT_ABOVE, TOO_MANY = "cycle", "not above", "too many"


@frozen
class TreeProblem:
    """A way units fail to form the tree a rule file allows, at the unit where it is reported."""

    kind: str  # CYCLE, NOT_ABOVE or TOO_MANY
    at: str
    message: str
    hint: str


def tree_problems(law: Law, units: Mapping[str, Unit], order: Mapping[str, int]) -> list[TreeProblem]:
    """No unit inside itself (a cycle, reported at the unit given first), every parent of a level above its
    unit's, and no more units of a level than the rule file declares it to have. `order` is each unit's place
    in its source."""
    found: list[TreeProblem] = []
    done: set[str] = set()
    in_cycle: set[str] = set()
    for start in units:
        chain: dict[str, None] = {}
        step: str | None = start
        while step is not None and step in units and step not in done and step not in chain:
            chain[step] = None
            step = units[step].parent
        if step is not None and step in chain:
            order_followed = list(chain)
            cycle = order_followed[order_followed.index(step) :]
            found.append(_cycle(cycle, order))
            in_cycle.update(cycle)
        done.update(chain)
    levels = law.levels
    for unit_id, unit in units.items():
        above = units.get(unit.parent) if unit.parent is not None else None
        if above is None or unit_id in in_cycle or levels[above.level].rank < levels[unit.level].rank:
            continue
        found.append(
            TreeProblem(
                NOT_ABOVE,
                unit_id,
                f"the unit `{unit_id}` of the level `{unit.level}` lies in `{above.id}` of the level "
                f"`{above.level}`, which is not above it",
                f"the rule file declares its levels from the top: {', '.join(levels)}",
            )
        )
    by_level: dict[str, list[str]] = {}
    for unit_id, unit in units.items():
        by_level.setdefault(unit.level, []).append(unit_id)
    for level in levels.values():
        given = by_level.get(level.name, [])
        if level.unit_count is None or len(given) <= level.unit_count:
            continue
        found.append(
            TreeProblem(
                TOO_MANY,
                given[level.unit_count],
                f"the rule file declares {level.unit_count} unit(s) of the level `{level.name}`; the data gives "
                f"{len(given)}: {_names(given)}",
                f"`level {level.name}: {level.unit_count} units` fixes how many there are: give the other "
                "units at their own level, or correct the rule file",
            )
        )
    return found


def _cycle(units: list[str], order: Mapping[str, int]) -> TreeProblem:
    """Units that are each other's ancestors, reported at the one given first."""
    first = min(range(len(units)), key=lambda i: order[units[i]])
    units = units[first:] + units[:first]
    if len(units) == 1:
        message = f"the unit `{units[0]}` is its own parent"
    else:
        steps = ", ".join(f"`{u}` lies in `{p}`" for u, p in zip(units, [*units[1:], units[0]], strict=True))
        message = f"the units {_names(units)} are each other's ancestors: " + shown(steps, 400)
    return TreeProblem(CYCLE, units[0], message, "a unit lies in one unit above it; the top unit has no parent")


def absent_figures(law: Law, results: Results) -> tuple[Diagnostic, ...]:
    """Warnings for declared counts the data does not mention for a unit of a level they are declared on."""
    warnings = []
    for unit in results.units.values():
        for count in law.counts.values():
            if count.per_selection or unit.level not in count.levels:
                continue
            if (unit.id, count.name) not in results.counts:
                warnings.append(absent_figure(results.path, unit.id, count.name))
    return tuple(warnings)


def absent_figure(path: str, unit: str, count: str) -> Diagnostic:
    """The warning for a declared count that the data does not give for a unit."""
    return Diagnostic(
        code="W101",
        message=f"`{count}` at `{unit}` is not in the data; clauses that need it are not evaluated",
        location=DataLocation(path),
        hint="write `not published` if the figure is not public",
    )


def _read_text(path: str) -> tuple[str, str]:
    raw = read_bytes(path)
    try:
        return raw.decode("utf-8-sig"), hashlib.sha256(raw).hexdigest()
    except UnicodeDecodeError as error:
        raise DataError((not_utf8(path, raw, error),)) from None


def not_utf8(path: str, raw: bytes, error: UnicodeDecodeError) -> Diagnostic:
    """D101 at the line and column (in characters) of the first byte that is not UTF-8. The decoder of
    `utf-8-sig` counts from after a byte-order mark: the position is moved back into the file's own bytes."""
    at = error.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
    start = raw.rfind(b"\n", 0, at) + 1
    line = raw.count(b"\n", 0, at) + 1
    column = len(raw[start:at].decode("utf-8-sig", errors="replace")) + 1
    return Diagnostic(
        code="D101",
        message=f"the file is not UTF-8 text: the byte 0x{raw[at]:02x} (byte {at} of the file)",
        location=DataLocation(path, line, f"column {column}"),
        hint="save the file as UTF-8",
    )


def csv_unreadable(path: str, line: int, error: csv.Error, hint: str) -> Diagnostic:
    """D101 at the line where the CSV reader stopped."""
    return Diagnostic(
        code="D101", message=f"the CSV cannot be read: {error}", location=DataLocation(path, line), hint=hint
    )


def load_csv(law: Law, path: str, text: str, sha256: str) -> tuple[Results, tuple[Diagnostic, ...]]:
    builder = _Builder(law, path)
    header_seen = False
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            line = reader.line_num
            if builder.skip(row):
                continue
            if not header_seen:
                header_seen = True
                cells = tuple(cell.strip() for cell in row)
                if cells != HEADER:
                    builder.fail(
                        "D102",
                        DataLocation(path, line),
                        "the header is not the results CSV header",
                        hint="the first row must be: " + ",".join(HEADER),
                    )
                    break
                continue
            _csv_row(builder, path, line, row)
    except csv.Error as error:
        hint = "check the quotes of this row and the rows before it; the file may be cut short"
        builder.problems.append(csv_unreadable(path, reader.line_num, error, hint))
    if not header_seen and not builder.problems:
        builder.fail("D115", DataLocation(path), "the results file holds no figures")
    return builder.finish(sha256)


def _csv_row(builder: _Builder, path: str, line: int, row: list[str]) -> None:
    if len(row) != len(HEADER):
        builder.fail(
            "D114",
            DataLocation(path, line),
            f"the row has {len(row)} fields, the header {len(HEADER)}",
            hint="quote a field that contains a comma",
        )
        return
    level, unit_id, parent, count, selection, value, source = (cell.strip() for cell in row)
    for name, cell in (("level", level), ("unit", unit_id), ("count", count)):
        if not cell:
            builder.fail("D114", DataLocation(path, line, name), f"the row has no `{name}`")
            return
    if builder.unit(
        unit_id, level, parent or None, None, DataLocation(path, line, "level"), DataLocation(path, line, "parent")
    ):
        builder.figure(unit_id, count, selection, value, DataLocation(path, line, "value"), source or None)


def load_json(law: Law, path: str, document: Any, sha256: str) -> tuple[Results, tuple[Diagnostic, ...]]:
    """Results in the JSON form, from the document `parse_json` read."""
    builder = _Builder(law, path)
    if not isinstance(document, dict) or document.get("format") != "ballotlaw.results" or document.get("version") != 1:
        raise DataError(
            (
                Diagnostic(
                    code="D113",
                    message="not a ballotlaw results document",
                    location=DataLocation(path, pointer=""),
                    hint='the top object needs "format": "ballotlaw.results", "version": 1',
                ),
            )
        )
    units = document.get("units")
    if not isinstance(units, list):
        raise DataError(
            (Diagnostic(code="D113", message='"units" must be a list', location=DataLocation(path, pointer="/units")),)
        )
    sources = document.get("sources", {})
    if not isinstance(sources, dict):
        builder.fail("D113", DataLocation(path, pointer="/sources"), '"sources" must be an object')
        sources = {}
    for key, entry in sources.items():
        if isinstance(entry, dict) and isinstance(entry.get("title"), str) and isinstance(entry.get("url"), str):
            builder.sources[key] = (entry["title"], entry["url"])
        else:
            builder.fail(
                "D113", DataLocation(path, pointer=f"/sources/{escape(key)}"), 'a source needs "title" and "url"'
            )
    for i, unit in enumerate(units):
        _json_unit(builder, path, i, unit)
    return builder.finish(sha256)


def _json_value(value: object) -> str | None:
    """A JSON figure as the long CSV writes it (a number with its own digits), or None if it has no such form."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | str | Number):
        return str(value)
    if isinstance(value, dict) and value.get("not_published") is True and set(value) <= _NOT_PUBLISHED_KEYS:
        bounds = [(key, value[key]) for key in ("at_least", "at_most") if value.get(key) is not None]
        if any(not isinstance(bound, int | Number) or isinstance(bound, bool) for _key, bound in bounds):
            return None
        written = ", ".join(f"{key.replace('_', ' ')} {bound}" for key, bound in bounds)
        return f"not published ({written})" if written else "not published"
    return None


_NOT_PUBLISHED_KEYS = {"not_published", "at_least", "at_most"}


def _json_unit(builder: _Builder, path: str, i: int, unit: object) -> None:
    where = DataLocation(path, pointer=f"/units/{i}")
    if not isinstance(unit, dict) or not isinstance(unit.get("id"), str) or not isinstance(unit.get("level"), str):
        builder.fail("D113", where, 'a unit needs "id" and "level" strings')
        return
    if not unit["id"].strip():
        builder.fail("D114", DataLocation(path, pointer=f"{where.pointer}/id"), "a unit's id is empty")
        return
    for key in ("parent", "name"):
        if unit.get(key) is not None and not isinstance(unit[key], str):
            builder.fail(
                "D113", DataLocation(path, pointer=f"{where.pointer}/{key}"), f'"{key}" must be a string or null'
            )
            return
    parent_at = DataLocation(path, pointer=f"{where.pointer}/parent")
    if not builder.unit(unit["id"], unit["level"], unit.get("parent"), unit.get("name"), where, parent_at):
        return
    for key in ("counts", "votes", "selections", "shares"):
        if not isinstance(unit.get(key, {}), dict):
            builder.fail("D113", DataLocation(path, pointer=f"{where.pointer}/{key}"), f'"{key}" must be an object')
            return
    for key, count in (("counts", None), ("votes", "votes")):
        for name, value in unit.get(key, {}).items():
            at = DataLocation(path, pointer=f"{where.pointer}/{key}/{escape(name)}")
            raw = _json_value(value)
            if raw is None:
                builder.fail(
                    "D103", at, f"`{quote(value)}` is not a count", hint='write a whole number or "not published"'
                )
            elif count is None:
                builder.figure(unit["id"], name, "", raw, at)
            else:
                builder.figure(unit["id"], count, name, raw, at)
    if "ballots" in unit:
        from .ranked_load import json_ballots

        json_ballots(builder, unit["id"], unit["ballots"], f"{where.pointer}/ballots")
    for selection, value in unit.get("shares", {}).items():
        at = DataLocation(path, pointer=f"{where.pointer}/shares/{escape(selection)}")
        text = value if isinstance(value, str) else str(value) if isinstance(value, Number) else quote(value)
        builder.share(unit["id"], selection, text, at)
    for selection, attrs in unit.get("selections", {}).items():
        at = DataLocation(path, pointer=f"{where.pointer}/selections/{escape(selection)}")
        if not isinstance(attrs, dict):
            builder.fail("D113", at, "selection attributes must be an object")
            continue
        for name, value in attrs.items():
            named = DataLocation(path, pointer=f"{at.pointer}/{escape(name)}")
            if name not in ATTRIBUTES:
                builder.fail(
                    "D113",
                    named,
                    f"`{name}` is not a selection attribute",
                    hint="attributes: " + ", ".join(ATTRIBUTES),
                )
                continue
            raw = str(value) if isinstance(value, int | Number) and not isinstance(value, bool) else quote(value)
            builder.attribute(unit["id"], name, selection, raw, named)
        if (unit["id"], selection) in builder.attribute_rows:  # a selection without votes is named at its key
            builder.attribute_rows[(unit["id"], selection)] = at


def load_results(law: Law, path: str, mapping: str | None = None) -> tuple[Results, tuple[Diagnostic, ...]]:
    """Read a results file for `law`: a wide CSV when a mapping file is given, JSON when the name ends in
    .json, else the long CSV."""
    from .wide import load_wide, read_mapping

    table = read_mapping(mapping) if mapping is not None else None
    text, sha256 = _read_text(path)
    if table is not None:
        return load_wide(law, path, text, sha256, table)
    if path.lower().endswith(".blt"):
        from .blt import read_blt
        from .ranked_load import load_ballot_file

        return load_ballot_file(law, path, sha256, *read_blt(path, text))
    if path.endswith(".json"):
        from .cvr import is_cvr, read_cvr
        from .nist import is_nist, load_nist

        if is_cvr(text):  # read as a stream: never the whole report as objects
            from .ranked_load import load_ballot_file

            return load_ballot_file(law, path, sha256, *read_cvr(law, path, text))
        document = parse_json(path, text, code="D113", duplicate="D107")
        if is_nist(document):
            return load_nist(law, path, document, sha256)
        return load_json(law, path, document, sha256)
    from .rankcsv import is_ballots_csv, read_ballots_csv

    if is_ballots_csv(text):
        from .ranked_load import load_ballot_file

        return load_ballot_file(law, path, sha256, *read_ballots_csv(path, text))
    return load_csv(law, path, text, sha256)

"""Shared helpers of the fuzz tests and the hostile-input suite: the oracle, the time and memory bounds, the
budget, the count of inputs tried, and the strategies that mutate or rewrite files.

The oracle: a call through the API either returns or raises one of the project's own errors (a FindingsError
with positioned, coded diagnostics that render, or a UsageError with a message). Any other exception, a run
past the time bound, or a run that exhausts the memory bound is a defect; Hypothesis shrinks the input that
caused it. A defect found and pinned by a strict xfail test is listed in KNOWN_DEFECTS: fuzz inputs that meet
it are counted and named in the summary line, so that a run goes on looking for others.

The budget is `BALLOTLAW_FUZZ_EXAMPLES` generated inputs per fuzz test (default 100, for `make test`);
`make fuzz` sets it large. The time bound of one input is `BALLOTLAW_FUZZ_TIME_BOUND` seconds (default 10).
"""

from __future__ import annotations

import contextlib
import copy
import csv
import io
import json
import os
import random
import re
import resource
import signal
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from ballotlaw.diagnostics.codes import CODES
from ballotlaw.diagnostics.render import render_diagnostics
from ballotlaw.errors import FindingsError, UsageError
from ballotlaw.outcome import Outcome, SelectionOutcome
from ballotlaw.render.jsonform import diagnostics_json
from ballotlaw.results.model import ABSENT, Figure, PublishedShare, Results

T = TypeVar("T")
Mutation = Callable[[st.DrawFn, bytes], bytes]

EXAMPLES = int(os.environ.get("BALLOTLAW_FUZZ_EXAMPLES", "100"))
TIME_BOUND = float(os.environ.get("BALLOTLAW_FUZZ_TIME_BOUND", "10"))
MEMORY_MARGIN = 3 * 2**30  # bytes of address space an input may take beyond what the process holds already

TRIED: Counter[str] = Counter()  # inputs tried, by test; printed at the end of the session (conftest.py)
CODE = re.compile(r"[EWDCX]\d{3}")


def fuzz_settings(examples: int | None = None) -> settings:
    """Settings of a fuzz test: the budget, no per-example deadline (the oracle has its own time bound)."""
    return settings(
        max_examples=examples if examples is not None else EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )


class OverTime(BaseException):
    """Raised in the main thread when an input runs past its time bound (a BaseException, so that no
    `except Exception` of the engine swallows it)."""


WALL_FACTOR = 6  # the wall-clock backstop, in multiples of the bound (a loaded machine is slow, a hang endless)
_TIMERS = ((signal.ITIMER_PROF, signal.SIGPROF, 1), (signal.ITIMER_REAL, signal.SIGALRM, WALL_FACTOR))


@contextlib.contextmanager
def bounded(seconds: float = TIME_BOUND) -> Iterator[None]:
    """Interrupt the block after `seconds` of processor time (or `WALL_FACTOR` times as long on the clock: a
    blocked call uses none) and cap its address space, so that a runaway input fails its test instead of hanging
    the run or exhausting the machine. Signals reach the main thread only."""

    def expire(_signum: int, frame: FrameType | None) -> None:
        if frame is not None and f"{os.sep}hypothesis{os.sep}" in frame.f_code.co_filename:
            signal.setitimer(signal.ITIMER_REAL, 0.01)  # inside Hypothesis's own callbacks an exception is lost:
            return  # raise it once back in the code under test
        raise OverTime(f"over the time bound: {seconds} s of processor time or {seconds * WALL_FACTOR} s in all")

    previous = [signal.signal(number, expire) for _timer, number, _factor in _TIMERS]
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _address_space() + MEMORY_MARGIN
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    for timer, _number, factor in _TIMERS:
        signal.setitimer(timer, seconds * factor)
    try:
        yield
    finally:
        for (timer, number, _factor), handler in zip(_TIMERS, previous, strict=True):
            signal.setitimer(timer, 0)
            signal.signal(number, handler)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space() -> int:
    """The process's current virtual size in bytes (Linux), or 0 when it cannot be read."""
    try:
        with open("/proc/self/statm", encoding="ascii") as stream:
            return int(stream.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def check_findings(error: FindingsError) -> None:
    """A findings error carries at least one diagnostic; each has a known code and a position, and all of
    them render as text and as JSON."""
    assert error.diagnostics, "a findings error without diagnostics"
    for diagnostic in error.diagnostics:
        assert CODE.fullmatch(diagnostic.code) and diagnostic.code in CODES, f"unknown code {diagnostic.code!r}"
        assert diagnostic.span is not None or diagnostic.location is not None, f"{diagnostic.code} has no position"
        if diagnostic.span is not None:
            assert diagnostic.span.line >= 1 and diagnostic.span.column >= 1, f"{diagnostic.code}: bad span"
    assert render_diagnostics(error.diagnostics)
    assert diagnostics_json(error.diagnostics)


def _raised_in(error: BaseException, module: str) -> bool:
    """Whether `error` was raised in, or passed through, `module` of ballotlaw's own code."""
    frames = [frame.f_code.co_filename for frame, _line in traceback.walk_tb(error.__traceback__)]
    return any(f"ballotlaw{os.sep}" in name and name.endswith(module) for name in frames)


# Defects the fuzzers found that are not fixed yet, each pinned by a strict xfail test named here. A fuzz input
# that meets one is counted (and named in the summary) instead of failing its test, so that a run goes on to
# look for other defects. When the pinning test turns into an unexpected pass, remove the line here. An entry
# names the defect and matches its exception, e.g. `lambda error: isinstance(error, UnicodeDecodeError) and
# _raised_in(error, "load.py")`.
KNOWN_DEFECTS: dict[str, Callable[[BaseException], bool]] = {}
MET: Counter[str] = Counter()  # known defects met, by defect


def survive(
    test: str | None, action: Callable[[], T], seconds: float = TIME_BOUND
) -> T | FindingsError | UsageError | None:
    """The oracle: run `action` under the bounds; return its value, or the project's own error it raised
    (checked). Anything else fails the test with the reason, for Hypothesis to shrink. `test` names the fuzz
    test whose inputs are counted; a fuzz input that meets a known defect returns None (counted in MET). With
    `test` None (not a fuzz test), nothing is counted and every defect fails."""
    if test is not None:
        TRIED[test] += 1
    try:
        with bounded(seconds):
            try:
                return action()
            except FindingsError as error:
                check_findings(error)
                return error
            except UsageError as error:
                assert str(error), "a usage error without a message"
                return error
    except OverTime as late:
        raise AssertionError(str(late)) from None
    except MemoryError:
        raise AssertionError(f"over the memory bound ({MEMORY_MARGIN // 2**30} GiB more)") from None
    except Exception as error:
        known = next((name for name, meets in KNOWN_DEFECTS.items() if meets(error)), None)
        if test is None or known is None:
            raise
        MET[known] += 1
        return None


def summary() -> str | None:
    """The line printed at the end of a session that ran fuzz tests."""
    if not TRIED:
        return None
    each = ", ".join(f"{name} {count}" for name, count in sorted(TRIED.items()))
    met = "".join(f"; known defect met {count} times: {name}" for name, count in sorted(MET.items()))
    return f"fuzz: {sum(TRIED.values())} inputs tried ({each}){met}"


# ---- mutations of files -----------------------------------------------------------------------------------------
# Each takes the draw function of a composite strategy and bytes, and returns changed bytes.

HUGE = ["9223372036854775807", "9223372036854775808", "1" + "0" * 30, "9" * 5000]
NUMBER = re.compile(rb"\d+(?:\.\d+)?%?")
TOKENS = [
    b"end\n", b"contest ", b"seats ", b"threshold ", b"at least ", b"of ", b"nationally", b"in every ", b"[", b"]",
    b'"', b":", b",", b";", b"#", b"\n", b"\r", b"\t", b"\x00", b"\xef\xbb\xbf", b"\xff", b"\xed\xa0\x80", b"\x1b[31m",
    b"and ", b"or ", b"not published", b'amends "../x.rules"\n', b'amends "jogorku-kenesh-2015.rules"\n',
    b'example e "x" [act]\n', b'given nation "N": votes "A" 5\n', b'expect parliament: "A" wins\n',
    b'relations r "r"\n', b'known failure a.b "x"\n', b"\\", b"\xe2\x80\xae", b"{", b"}", b"[[[[", b"null", b"-",
]  # fmt: skip
NUMBERS = [b"0", b"1", b"-1", b"00", b"2", *(n.encode() for n in HUGE), b"1e3", b"1.0", b"NaN", b"Infinity", b"0.5"]
PERCENTS = [b"0%", b"100%", b"100.0001%", b"1e3%", b"-5%", b"0.000000001%", b"5." + b"0" * 5000 + b"%", b"5 %"]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def delete_line(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    del lines[draw(st.integers(0, len(lines) - 1))]
    return b"".join(lines)


def duplicate_line(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    i = draw(st.integers(0, len(lines) - 1))
    return b"".join(lines[: i + 1] + [lines[i]] * draw(st.sampled_from([1, 2, 50])) + lines[i + 1 :])


def swap_lines(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
    lines[i], lines[j] = lines[j], lines[i]
    return b"".join(lines)


def flip_byte(draw: st.DrawFn, data: bytes) -> bytes:
    if not data:
        return data
    i = draw(st.integers(0, len(data) - 1))
    return data[:i] + bytes([data[i] ^ (1 << draw(st.integers(0, 7)))]) + data[i + 1 :]


def insert_token(draw: st.DrawFn, data: bytes) -> bytes:
    i = draw(st.integers(0, len(data)))
    return data[:i] + draw(st.sampled_from(TOKENS)) + data[i:]


def change_number(draw: st.DrawFn, data: bytes) -> bytes:
    """A number of the file made zero, negative, huge, a float, NaN...; a percent made 0, over 100, ..."""
    found = list(NUMBER.finditer(data))
    if not found:
        return data
    match = draw(st.sampled_from(found))
    choices = PERCENTS if match.group().endswith(b"%") else NUMBERS
    return data[: match.start()] + draw(st.sampled_from(choices)) + data[match.end() :]


def truncate(draw: st.DrawFn, data: bytes) -> bytes:
    return data[: draw(st.integers(0, len(data)))]


def recode(draw: st.DrawFn, data: bytes) -> bytes:
    """The file saved in another encoding or with other line ends (CRLF and a BOM must still read)."""
    way = draw(st.sampled_from(["crlf", "bom", "utf-16", "latin-1", "cr"]))
    if way == "crlf":
        return data.replace(b"\n", b"\r\n")
    if way == "bom":
        return b"\xef\xbb\xbf" + data
    if way == "cr":
        return data.replace(b"\n", b"\r")
    text = data.decode("utf-8", errors="replace")
    return text.encode("utf-16") if way == "utf-16" else text.encode("latin-1", errors="replace")


TEXT_MUTATIONS = [
    delete_line, duplicate_line, swap_lines, flip_byte, insert_token, change_number, change_number, truncate, recode,
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, original: bytes, extra: tuple[Mutation, ...] = (), most: int = 4) -> bytes:
    """`original` changed by one to `most` mutations drawn from TEXT_MUTATIONS and `extra`."""
    data = original
    for _ in range(draw(st.integers(1, most))):
        data = draw(st.sampled_from([*TEXT_MUTATIONS, *extra]))(draw, data)
    return data


# ---- CSV cells ----------------------------------------------------------------------------------------------------

HOSTILE_CELLS = [
    "", " ", "-1", "0", "00", "1e3", "1.0", "1,000", "NaN", "Infinity", "-0", "+5", "0x10", *HUGE,
    "not published", "not published (at most -1)", f"not published (at most {HUGE[-1]})", "not published (at most 5)",
    "*", "\x00", '"', "a,b", "a\nb", "\x1b[2J", "\u202e", "x" * 10_000, "\u0661\u0662", "\uff11", " 12 ", "#",
    "votes", "share", "ballot_number", "lot_order", "constituency_wins", "16.86", "100.01", "1e2",
]  # fmt: skip


def _rows(data: bytes) -> list[list[str]] | None:
    try:
        return [row for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))]
    except (UnicodeDecodeError, csv.Error):
        return None


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8", errors="surrogatepass")


def change_cell(draw: st.DrawFn, data: bytes) -> bytes:
    """A cell set to a hostile value, or to another cell of the file (a unit made its own parent, a count
    moved to another level, a selection renamed as another one)."""
    rows = _rows(data)
    figures = [r for r in rows or [] if r and not r[0].startswith("#")]  # comments are mutated as text
    if not rows or not figures:
        return data
    row = draw(st.sampled_from(figures))
    column = draw(st.integers(0, len(row) - 1))
    cells = sorted({cell for r in rows for cell in r})
    row[column] = draw(st.one_of(st.sampled_from(HOSTILE_CELLS), st.sampled_from(cells)))
    return _csv(rows)


def change_row(draw: st.DrawFn, data: bytes) -> bytes:
    """A row duplicated, removed, or given one cell too many or too few."""
    rows = _rows(data)
    if not rows:
        return data
    i = draw(st.integers(0, len(rows) - 1))
    way = draw(st.sampled_from(["twice", "gone", "longer", "shorter"]))
    if way == "twice":
        rows.insert(i, list(rows[i]))
    elif way == "gone":
        del rows[i]
    elif way == "longer":
        rows[i].append(draw(st.sampled_from(HOSTILE_CELLS)))
    elif rows[i]:
        rows[i].pop()
    return _csv(rows)


CSV_MUTATIONS: tuple[Mutation, ...] = (change_cell, change_cell, change_cell, change_row)


# ---- JSON documents -------------------------------------------------------------------------------------------------

HOSTILE_VALUES: list[object] = [
    None, True, False, 0, -1, 1, 2**63 - 1, 2**63, 10**30, 1.5, 1e3, 80.0, float("nan"), float("inf"), "", "1", "1e3",
    "not published", "\ud800", "\x00", "\x1b[31m", "x" * 10_000, [], {}, [1, 2], {"a": 1}, {"not_published": True},
    {"not_published": True, "at_most": -1}, {"not_published": True, "at_most": 2**63}, {"@id": "N"},
]  # fmt: skip
HOSTILE_KEYS = ["", "*", "\x00", "\ud800", "votes", "id", "@id", "a/b", "~", "x" * 1000, "registered_voters"]


def hostile(draw: st.DrawFn) -> object:
    """A hostile value, as a copy of its own (a list or object of HOSTILE_VALUES changed later in a document
    must not change the next example's values)."""
    return copy.deepcopy(draw(st.sampled_from(HOSTILE_VALUES)))


def _pointers(node: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every place in a document: the keys and indexes that lead there."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _pointers(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _pointers(value, (*path, i))
    return found


def _at(node: Any, path: tuple[object, ...]) -> Any:
    for key in path:
        node = node[key]
    return node


DEEP = re.compile(rb'"\\u0000deep (\d+)\\u0000"')  # a placeholder, nested when the document is written


def _nest(match: re.Match[bytes]) -> bytes:
    depth = int(match.group(1))
    return b"[" * depth + b"1" + b"]" * depth


@st.composite
def mutated_document(draw: st.DrawFn, document: object) -> bytes:
    """A JSON document with one to three places changed (a value replaced by a hostile one or by another of the
    document, a key removed or renamed, an element doubled, a value wrapped in a list or nested deep), written as
    JSON text and, sometimes, mutated further as text (a key given twice, a cut, a flipped byte)."""
    doc = json.loads(json.dumps(document))
    for _ in range(draw(st.integers(1, 3))):
        places = _pointers(doc)
        if draw(st.booleans()):  # half of the time a figure, a name or a flag: what most files get wrong
            places = [p for p in places if not isinstance(_at(doc, p), dict | list)] or places
        path = draw(st.sampled_from(places))
        value = _at(doc, path)
        way = draw(st.sampled_from(["value"] * 4 + ["other", "remove", "rename", "double", "wrap", "deep"]))
        if not path:
            doc = hostile(draw) if way == "value" else doc
            continue
        parent, key = _at(doc, path[:-1]), path[-1]
        if way == "value":
            parent[key] = hostile(draw)
        elif way == "other":
            parent[key] = json.loads(json.dumps(_at(doc, draw(st.sampled_from(places)))))
        elif way == "remove":
            del parent[key]
        elif way == "rename" and isinstance(parent, dict):
            parent[draw(st.sampled_from(HOSTILE_KEYS))] = parent.pop(key)
        elif way == "double" and isinstance(parent, list):
            parent.insert(int(str(key)), json.loads(json.dumps(value)))
        elif way == "wrap":
            parent[key] = [value]
        elif way == "deep":
            parent[key] = f"\x00deep {draw(st.sampled_from([50, 200, 2000]))}\x00"
    text = DEEP.sub(_nest, json.dumps(doc, ensure_ascii=True).encode("ascii"))
    if draw(st.integers(0, 5)) == 0:
        text = draw(mutated(text, extra=(repeat_key, repeat_key), most=2))
    return text


def repeat_key(draw: st.DrawFn, data: bytes) -> bytes:
    """A key of an object given a second time, with another value (as text: a dict cannot hold it twice)."""
    found = list(re.finditer(rb'[{,]\s*("(?:[^"\\]|\\.)*")\s*:', data))
    if not found:
        return data
    match = draw(st.sampled_from(found))
    value = json.dumps(draw(st.sampled_from(HOSTILE_VALUES[:12]))).encode()  # scalars: nothing to copy
    return data[: match.end()] + b" " + value + b", " + match.group(1) + b":" + data[match.end() :]


def results_document(results: Results) -> dict[str, object]:
    """The results as a ballotlaw JSON results document (docs/contracts.md, section 8)."""

    def figure(value: Figure) -> object:
        if value.known:
            return value.value
        if value.at_most is not None:
            return {"not_published": True, "at_most": value.at_most}
        return "no poll" if value.status == ABSENT else "not published"

    def share(value: PublishedShare) -> str:
        scaled = value.value * 10**value.decimals
        whole = f"{scaled.numerator // scaled.denominator:0{value.decimals + 1}d}"
        return f"{whole[: len(whole) - value.decimals]}.{whole[len(whole) - value.decimals :]}".rstrip(".")

    units = []
    for unit in results.units.values():
        votes = {name: figure(f) for name, f in results.votes.get(unit.id, {}).items()}
        if unit.id in results.every_selection:
            votes["*"] = figure(results.every_selection[unit.id])
        entry: dict[str, object] = {
            "id": unit.id,
            "level": unit.level,
            "parent": unit.parent,
            "counts": {name: figure(f) for (uid, name), f in results.counts.items() if uid == unit.id},
            "votes": votes,
            "selections": {sel: dict(a) for (uid, sel), a in results.attributes.items() if uid == unit.id},
            "shares": {sel: share(s) for sel, s in results.shares.get(unit.id, {}).items()},
        }
        if unit.name is not None:
            entry["name"] = unit.name
        units.append(entry)
    sources = {key: {"title": title, "url": url} for key, (title, url) in results.sources.items()}
    return {"format": "ballotlaw.results", "version": 1, "units": units, "sources": sources}


# ---- rewrites that keep the meaning of a results file ---------------------------------------------------------------


@st.composite
def rewritten_csv(draw: st.DrawFn, original: bytes, wide: bool = False) -> bytes:
    """A results CSV written differently with the same figures: rows in another order (comments first), cells
    padded with spaces or quoted, columns of a wide CSV in another order, CRLF line ends, a BOM."""
    shuffle = random.Random(draw(st.integers(0, 2**32 - 1))).shuffle  # a drawn permutation of a thousand rows
    lines = original.decode("utf-8").splitlines()  # would cost a thousand draws, and shrink no better
    comments = [line for line in lines if line.startswith("#") or not line.strip()]
    rows = [next(csv.reader([line])) for line in lines if line.strip() and not line.startswith("#")]
    header, body = rows[0], rows[1:]
    shuffle(body)
    if wide:
        order = list(range(len(header)))
        shuffle(order)
        header, body = [header[i] for i in order], [[row[i] for i in order] for row in body]
    if draw(st.booleans()):
        body = [[f" {cell} " if cell else cell for cell in row] for row in body]
    buffer = io.StringIO()
    quote_all = draw(st.booleans())
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    csv.writer(buffer, lineterminator=ending, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL).writerows(
        [header, *body]
    )
    text = "".join(f"{line}{ending}" for line in comments) + buffer.getvalue()
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + text.encode("utf-8")


@st.composite
def rewritten_json(draw: st.DrawFn, document: object) -> bytes:
    """A JSON document written differently with the same content: the keys of every object and the elements
    of the lists of units (`units`, `GpUnit`) in another order, other indentation, non-ASCII escaped or not."""

    order = random.Random(draw(st.integers(0, 2**32 - 1)))

    def shuffle(node: object, key: str = "") -> object:
        if isinstance(node, dict):
            keys = list(node)
            order.shuffle(keys)
            return {k: shuffle(node[k], k) for k in keys}
        if isinstance(node, list):
            items = [shuffle(item) for item in node]
            if key in ("units", "GpUnit"):
                order.shuffle(items)
            return items
        return node

    text = json.dumps(
        shuffle(document), indent=draw(st.sampled_from([None, 0, 2, "\t"])), ensure_ascii=draw(st.booleans())
    )
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + text.encode("utf-8")


def essence(outcome: Outcome) -> list[str]:
    """What an outcome decides, in an order that does not depend on the order of the file: each unit's status,
    seats, tie and checks, each selection's votes, qualification, seats and test results."""
    found: list[object] = [outcome.status]
    for contest in outcome.contests:
        found.append((contest.id, contest.status, sorted(map(repr, contest.adjustment))))
        for unit in contest.units:
            found.append((contest.id, unit.unit, unit.status, unit.seats_status, sorted(unit.tied), unit.tied_seats))
            found += sorted((contest.id, unit.unit, check.clause, check.result) for check in unit.checks)
            found += sorted(
                (contest.id, unit.unit, s.id, s.votes.describe(), s.qualified, s.seats, s.elected, _tests(s))
                for s in unit.selections
            )
    return sorted(map(repr, found))


def _tests(selection: SelectionOutcome) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((test.clause, test.result) for test in selection.tests))

"""JSON text read exactly and defensively, for results files, NIST reports and mappings.

Nothing is lost or guessed: a number that is not a whole number in the range of counts stays as written (a
`Number`, so `8e1` is quoted as `8e1`, never `80.0`, and a thousand digits never pass through int or float);
an object that gives a key twice, nesting deeper than MAX_DEPTH and a lone surrogate (`\\ud800`, which cannot
be printed or written as UTF-8) are refused, each named by its JSON pointer (nesting too deep for the parser
itself, and a syntax error, by line and column).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from attrs import frozen

from ..diagnostics.diagnostic import DataLocation, Diagnostic
from ..errors import DataError

MAX_DEPTH = 64  # results nest 5 deep, NIST reports about 10
_DIGITS = 19  # 2**63 - 1 has 19 digits: a longer integer is out of range without being converted
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


@frozen
class Number:
    """A JSON number kept as written: a fraction, an exponent, a constant or an integer beyond 19 digits."""

    text: str

    def __str__(self) -> str:
        return self.text


class _Repeated(dict[str, Any]):
    """An object of the file that gives some keys more than once (the keys are listed in `repeated`)."""

    repeated: tuple[str, ...] = ()


def _integer(text: str) -> int | Number:
    """An integer of at most 19 digits as int; a longer one (and `-0`, a sign a count cannot have) as written."""
    return int(text) if len(text.lstrip("-")) <= _DIGITS and text != "-0" else Number(text)


def _hooks() -> tuple[Callable[[list[tuple[str, Any]]], dict[str, Any]], list[bool]]:
    """An object hook for one parse, and a flag it sets when an object gives a key twice."""
    repeated_seen = [False]

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        built = dict(pairs)
        if len(built) == len(pairs):
            return built
        repeated_seen[0] = True
        seen: set[str] = set()
        twice: dict[str, None] = {}
        for key, _ in pairs:
            if key in seen:
                twice[key] = None
            seen.add(key)
        repeated = _Repeated(built)
        repeated.repeated = tuple(twice)
        return repeated

    return hook, repeated_seen


def _too_deep_at(document: Any) -> bool:
    """True when containers nest more than MAX_DEPTH deep (a walk of the containers, level by level)."""
    level = [document] if isinstance(document, dict | list) else []
    depth = 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            return True
        below = []
        for node in level:
            below += [
                child for child in (node.values() if isinstance(node, dict) else node) if isinstance(child, dict | list)
            ]
        level = below
    return False


def escape(key: str) -> str:
    """A key as one step of a JSON pointer (RFC 6901)."""
    return key.replace("~", "~0").replace("/", "~1")


def printable(text: str) -> str:
    """Text safe to print: a lone surrogate is shown as its escape."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8") if _SURROGATE.search(text) else text


def quote(value: Any, limit: int = 60) -> str:
    """A JSON value for a message, as the file wrote it (numbers with their own digits), cut when long."""
    text = value.text if isinstance(value, Number) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


def parse_json(path: str, text: str, code: str, duplicate: str) -> Any:
    """The document of `text`; a DataError (`code`, or `duplicate` for a key given twice) names each place
    where it cannot be read exactly: the line and column of a syntax error, the pointer of anything else."""

    def refuse(message: str, where: DataLocation, hint: str | None = None) -> DataError:
        return DataError((Diagnostic(code=code, message=message, location=where, hint=hint),))

    hook, repeated = _hooks()
    try:
        document = json.loads(
            text, object_pairs_hook=hook, parse_int=_integer, parse_float=Number, parse_constant=Number
        )
    except json.JSONDecodeError as error:
        raise refuse(
            f"not valid JSON: {error.msg}", DataLocation(path, error.lineno, f"column {error.colno}")
        ) from None
    except RecursionError:
        line, column = _too_deep(text)
        raise refuse(
            f"the JSON nests more than {MAX_DEPTH} levels deep",
            DataLocation(path, line, f"column {column}"),
            hint="results, reports and mappings nest a few levels deep",
        ) from None
    surrogates = _SURROGATE_ESCAPE.search(text) is not None
    if repeated[0] or surrogates or _too_deep_at(document):  # then find each place, with its pointer
        problems = _inspect(path, document, surrogates, code, duplicate)
        if problems:
            raise DataError(tuple(problems))
    return document


def _inspect(path: str, document: Any, surrogates: bool, code: str, duplicate: str) -> list[Diagnostic]:
    """Keys given twice, nesting deeper than MAX_DEPTH and (when the text escapes one) lone surrogates, in
    the order of the file."""
    problems: list[Diagnostic] = []

    def fail(kind: str, pointer: str, message: str, hint: str | None = None) -> None:
        where = DataLocation(path, pointer=printable(pointer))
        problems.append(Diagnostic(code=kind, message=message, location=where, hint=hint))

    too_deep = False
    stack: list[tuple[Any, str, int]] = [(document, "", 1)]
    while stack:
        node, pointer, depth = stack.pop()
        if isinstance(node, str):
            if surrogates and _SURROGATE.search(node):
                fail(
                    code,
                    pointer,
                    "the text holds a lone surrogate (`\\ud800` to `\\udfff`), not a character",
                    hint="write the character itself, or both halves of its escape",
                )
            continue
        if not isinstance(node, dict | list):
            continue
        if depth > MAX_DEPTH:
            if not too_deep:
                fail(
                    code,
                    pointer,
                    f"the JSON nests more than {MAX_DEPTH} levels deep",
                    hint="results, reports and mappings nest a few levels deep",
                )
            too_deep = True
            continue
        if isinstance(node, list):
            stack.extend((item, f"{pointer}/{i}", depth + 1) for i, item in reversed(list(enumerate(node))))
            continue
        for key in getattr(node, "repeated", ()):
            fail(
                duplicate,
                f"{pointer}/{escape(key)}",
                f"the key `{printable(key)}` is given twice in one object",
                hint="a JSON object names each key once; with two, which value is meant cannot be told",
            )
        children = []
        for key, value in node.items():
            if surrogates and _SURROGATE.search(key):
                fail(
                    code,
                    f"{pointer}/{escape(key)}",
                    "the key holds a lone surrogate (`\\ud800` to `\\udfff`)",
                    hint="write the character itself, or both halves of its escape",
                )
                continue
            children.append((value, f"{pointer}/{escape(key)}", depth + 1))
        stack.extend(reversed(children))
    return problems


def _too_deep(text: str) -> tuple[int, int]:
    """Line and column of the first bracket that opens past MAX_DEPTH."""
    depth = 0
    for token in _TOKEN.finditer(text):
        mark = token.group()
        if mark in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                start = token.start()
                return text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)
        elif mark in ("]", "}"):
            depth -= 1
    return 1, 1

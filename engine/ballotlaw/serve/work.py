"""What the page asks the engine to do, through the public API: check the text being edited, evaluate it on
results, run its example blocks, search for counterexamples, save it. Every answer is a JSON-ready dict; paths
in it are relative to the folder; positions in the text being edited carry UTF-16 offsets (`from`, `to`), which
the page's editor counts in."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any

from ..diagnostics.diagnostic import Diagnostic
from ..errors import DataError, FindingsError, UsageError
from ..model import Law
from .folder import Folder

#: The largest verification budget the page may ask for (generated elections per property and contest).
MAX_EXAMPLES = 2000
_VERIFYING = threading.Lock()  # one search at a time: it is the slowest thing the page asks for


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


class Offsets:
    """UTF-16 offsets of the lines of a text, to turn a 1-based line and character column into an offset."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + _units(line) + 1)

    def at(self, line: int, column: int) -> int:
        if line < 1:
            return 0
        if line > len(self.lines):
            return self.starts[-1] - 1
        text = self.lines[line - 1]
        return self.starts[line - 1] + _units(text[: max(column - 1, 0)])


def _units(text: str) -> int:
    return len(text.encode("utf-16-le", errors="surrogatepass")) // 2


def _relative(folder: Folder, value: Any) -> Any:
    """A JSON document with every `file` (and `path`) value made relative to the folder."""
    if isinstance(value, dict):
        return {
            k: folder.relative(v) if k in ("file", "path") and isinstance(v, str) else _relative(folder, v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_relative(folder, v) for v in value]
    return value


def diagnostics_json(folder: Folder, found: tuple[Diagnostic, ...], path: str, text: str) -> list[dict[str, Any]]:
    """Diagnostics as the JSON form gives them, sorted, with UTF-16 offsets for those in the text edited."""
    offsets = Offsets(text)
    out = []
    for diagnostic in sorted(found, key=Diagnostic.sort_key):
        item = _relative(folder, diagnostic.to_json())
        span = diagnostic.span
        if span is not None and span.file == path:
            item["from"] = offsets.at(span.line, span.column)
            item["to"] = max(offsets.at(span.end_line, span.end_column), item["from"])
        out.append(item)
    return out


def _load(folder: Folder, text: str, relative: str) -> tuple[Law | None, str, list[dict[str, Any]]]:
    from ..api import load_law_text

    path = folder.path(relative, (".rules", ".spec"))
    try:
        law, warnings = load_law_text(text, path)
    except FindingsError as error:
        return None, path, diagnostics_json(folder, error.diagnostics, path, text)
    return law, path, diagnostics_json(folder, warnings, path, text)


def check(folder: Folder, text: str, relative: str) -> dict[str, Any]:
    """The diagnostics of the text, as `ballotlaw check` gives them."""
    _law, _path, found = _load(folder, text, relative)
    return {"diagnostics": found, "errors": sum(1 for d in found if d["severity"] == "error")}


def _examples(folder: Folder, law: Law, path: str, text: str) -> list[dict[str, Any]]:
    from ..examples import run_examples

    out = []
    for result in run_examples(law):
        example = result.example
        out.append(
            {
                "id": example.id.text,
                "title": example.title.text,
                "line": example.span.line,
                "from": Offsets(text).at(example.span.line, example.span.column) if example.span.file == path else None,
                "passed": result.passed,
                "failures": diagnostics_json(folder, result.failures, path, text),
            }
        )
    return out


def evaluate(
    folder: Folder, text: str, relative: str, results: str | None, accept_data_errors: bool = False
) -> dict[str, Any]:
    """Check the text; run its examples; when it checks and results are given (an absolute path in the folder,
    or an uploaded copy), check their arithmetic and evaluate the law on them, with the trace."""

    from ..api import evaluate_checked, load_results
    from ..render.jsonform import outcome_json, trace_json

    law, path, found = _load(folder, text, relative)
    answer: dict[str, Any] = {
        "diagnostics": found,
        "errors": sum(1 for d in found if d["severity"] == "error"),
        "examples": [],
        "data": [],
        "data_refused": False,
        "outcome": None,
        "trace": [],
        "problem": None,
    }
    if law is None:
        return answer
    answer["examples"] = _examples(folder, law, path, text)
    if results is None:
        return answer
    try:
        loaded, data_warnings = load_results(law, results)
    except FindingsError as error:
        answer["data"] = diagnostics_json(folder, error.diagnostics, path, text)
        answer["data_refused"] = True
        return answer
    except UsageError as error:
        answer["problem"] = folder.relative(str(error)) if os.path.isabs(str(error)) else str(error)
        return answer
    try:
        outcome, report = evaluate_checked(law, loaded, accept_data_errors)
    except DataError as error:  # the results' own arithmetic fails: shown, not evaluated
        answer["data"] = diagnostics_json(folder, data_warnings + error.diagnostics, path, text)
        answer["data_refused"] = True
        return answer
    answer["data"] = diagnostics_json(folder, data_warnings + report.findings, path, text)
    answer["outcome"] = _relative(folder, json.loads(outcome_json(outcome)))
    steps = json.loads(trace_json(outcome))["steps"]
    offsets = Offsets(text)
    for step in steps:
        span = step.get("span")
        if span is not None and span.get("file") == path:
            step["from"] = offsets.at(span["line"], span["column"])
    answer["trace"] = _relative(folder, steps)
    return answer


def _specs(folder: Folder) -> list[str]:
    """The standard specifications: BALLOTLAW_SPECS if set, else those an installed package carries, else the
    specs/ folder of the checkout, else specs/ of the folder served."""
    configured = os.environ.get("BALLOTLAW_SPECS")
    here = Path(__file__).resolve().parent.parent
    candidates = [Path(configured)] if configured else [here / "specs", here.parent.parent / "specs"]
    candidates.append(Path(folder.root) / "specs")
    for candidate in candidates:
        found = sorted(str(p) for p in candidate.glob("*.spec")) if candidate.is_dir() else []
        if found:
            return found
    return []


def verify(folder: Folder, text: str, relative: str, examples: int, seed: int = 0) -> dict[str, Any]:
    """Search `examples` generated elections per property for a counterexample to the standard specifications,
    as `ballotlaw verify` does; each counterexample comes with the example block that pins it."""
    from ..api import load_law
    from ..verify.report import example_block, nothing_checked
    from ..verify.runner import verify as run_verify

    law, _path, found = _load(folder, text, relative)
    if law is None:
        return {"diagnostics": found, "properties": [], "nothing_checked": "the rule file has errors"}
    paths = _specs(folder)
    if not paths:
        return {"diagnostics": found, "properties": [], "nothing_checked": "no standard specifications found"}
    specs = tuple(spec for path in paths for spec in load_law(path)[0].specs)
    with _VERIFYING:
        results = run_verify(law, specs, max(1, min(examples, MAX_EXAMPLES)), seed)
    properties = []
    for result in results:
        violation = result.violation
        properties.append(
            {
                "contest": result.contest,
                "property": result.property.provenance.full_label,
                "phrase": result.property.phrase,
                "status": result.status,
                "examples": result.examples,
                "summary": violation.summary if violation is not None else None,
                "details": list(violation.details) if violation is not None else [],
                "example_block": example_block(law, result) if violation is not None else None,
            }
        )
    return {
        "diagnostics": found,
        "properties": properties,
        "examples": examples,
        "seed": seed,
        "specs": [folder.relative(p) for p in paths],
        "nothing_checked": nothing_checked(law, specs, results),
    }


def save(folder: Folder, text: str, relative: str, loaded: str | None, force: bool) -> tuple[int, dict[str, Any]]:
    """Write the text to the rule file, atomically (output.write_file). Unless `force`: a text with errors is
    not written (409, with its diagnostics), nor one whose file changed on disk since the page read it
    (`loaded` is the SHA-256 of what it read; None for a new file)."""
    from ..files import read_bytes
    from ..output import write_file

    path = folder.path(relative, (".rules", ".spec"))
    if not force:
        found = check(folder, text, relative)
        if found["errors"]:
            return 409, {"saved": False, "reason": "errors", **found}
        try:
            on_disk: str | None = hashlib.sha256(read_bytes(path)).hexdigest()
        except UsageError:
            on_disk = None  # no such file (yet)
        if on_disk != loaded:
            return 409, {"saved": False, "reason": "changed", "diagnostics": found["diagnostics"], "errors": 0}
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return 400, {"saved": False, "reason": "the text holds a character that is not UTF-8 (a lone surrogate)"}
    write_file(path, data)
    return 200, {"saved": True, "path": folder.relative(path), "sha256": sha256(text)}


def read(folder: Folder, relative: str) -> dict[str, Any]:
    """A rule file's text, with its SHA-256 (what `save` compares with the file on disk)."""
    from ..files import read_bytes

    path = folder.path(relative, (".rules", ".spec"))
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{relative}: not UTF-8 text") from None
    return {"path": folder.relative(path), "text": text, "sha256": hashlib.sha256(raw).hexdigest()}


def keywords() -> list[str]:
    """The keywords of the rule language, from its grammar (for the page's highlighting)."""
    import re

    from ..syntax.parser import get_parser

    words = {
        t.pattern.value
        for t in get_parser().terminals
        if t.pattern.type == "str" and re.fullmatch(r"[a-z][a-z'\-]*", t.pattern.value)
    }
    return sorted(words)

"""Building a certificate: the inputs with their hashes, the outcome and the trace in their JSON forms (paths
made relative to the rule file's folder), the witnesses, and the digest of the canonical bytes (RFC 8785)."""

from __future__ import annotations

import hashlib
import json
import platform
import re
from collections.abc import Callable
from importlib import metadata

from attrs import frozen

from .. import __version__
from ..api import evaluate_checked, load_law
from ..diagnostics.diagnostic import Diagnostic
from ..model import Law
from ..outcome import Outcome
from ..recheck import FORMAT, VERSION, canonical, digest_of
from ..render.jsonform import outcome_json, trace_json
from ..results.load import load_results
from ..results.model import Results
from .inputs import Input, hashed, root_of, text_sha256
from .witness import Witnesses

#: The version of docs/contracts.md the certificate follows.
CONTRACT = 1
#: The largest integer RFC 8785 writes as a JSON number (2^53 - 1); larger ones are written as strings of digits.
SAFE_INTEGER = 2**53 - 1


@frozen
class Certificate:
    document: dict[str, object]
    data: bytes  # the canonical bytes of certificate.json

    @property
    def digest(self) -> str:
        return str(self.document["digest"]["value"])  # type: ignore[index]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def dependencies() -> dict[str, str]:
    """The versions of the libraries ballotlaw runs on, from its package metadata."""
    try:
        required = metadata.requires("ballotlaw") or []
    except metadata.PackageNotFoundError:
        return {}
    found: dict[str, str] = {}
    for requirement in required:
        if "extra ==" in requirement:
            continue
        matched = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
        if matched is None:
            continue
        name = matched.group().lower()
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return dict(sorted(found.items()))


@frozen
class Evaluated:
    """An evaluation as `run` makes it, with the law and results it read and the inputs hashed."""

    law: Law
    results: Results
    outcome: Outcome
    inputs: tuple[Input, ...]
    warnings: tuple[Diagnostic, ...]


def evaluated(rules: str, results: str, mapping: str | None, accept: bool) -> Evaluated:
    """Evaluate as `run` does (the results' arithmetic checked first) and hash every input."""
    root = root_of(rules)
    law, rule_warnings = load_law(rules)
    loaded, data_warnings = load_results(law, results, mapping)
    outcome, report = evaluate_checked(law, loaded, accept)
    warnings = tuple(d for d in report.findings if not d.is_error)
    inputs = [hashed("rules", rules, root, lambda data: text_sha256(data) == law.source.sha256)]
    for path, sha256 in law.bases:
        inputs.append(hashed("amended", path, root, _same_text(sha256)))
    inputs.append(hashed("results", results, root, lambda data: hashlib.sha256(data).hexdigest() == loaded.sha256))
    if mapping is not None:
        inputs.append(hashed("mapping", mapping, root))
    return Evaluated(law, loaded, outcome, tuple(inputs), rule_warnings + data_warnings + warnings)


def _same_text(sha256: str) -> Callable[[bytes], bool]:
    return lambda data: text_sha256(data) == sha256


def _relative(value: object, names: dict[str, str]) -> object:
    """The JSON forms with every `file` the engine names (as it was given) replaced by its certificate name."""
    if isinstance(value, dict):
        return {
            key: (names.get(item, item) if key == "file" and isinstance(item, str) else _relative(item, names))
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_relative(item, names) for item in value]
    return value


def json_safe(value: object) -> object:
    """Integers beyond 2^53 - 1 as strings of digits, which RFC 8785 requires to stay exact; the engine's words
    (str enumerations) as plain text."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, int):
        return str(value) if abs(value) > SAFE_INTEGER else value
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_safe(item) for item in value]
    return value


def statement(outcome: Outcome, inputs: tuple[Input, ...]) -> str:
    rules = next(i.name for i in inputs if i.role == "rules")
    results = next(i.name for i in inputs if i.role == "results")
    checks = outcome.data_checks
    if checks is not None and not checks.certifiable:
        return (
            f"NOT CERTIFIABLE: the results' own arithmetic has {len(checks.errors)} error(s), accepted with "
            "--accept-data-errors; the outcome below was computed on results that are wrong"
        )
    return (
        f"the law in {rules}, applied by ballotlaw {__version__} to {results}, gives the outcome below: "
        f"{outcome.status} (a status other than elected, approved or rejected says why in the outcome's reasons)"
    )


def build(
    rules: str, results: str, mapping: str | None = None, accept: bool = False
) -> tuple[Certificate, tuple[Diagnostic, ...]]:
    """The certificate of `rules` applied to `results`, and the warnings of reading them. Results whose own
    arithmetic is wrong raise DataError unless `accept`; the certificate then says it is not certifiable."""
    done = evaluated(rules, results, mapping, accept)
    outcome, inputs = done.outcome, done.inputs
    names = {i.path: i.name for i in inputs}
    built, entries = Witnesses(done.law, done.results, outcome).build()
    certifiable = outcome.data_checks is None or outcome.data_checks.certifiable
    body: dict[str, object] = {
        "format": FORMAT,
        "version": VERSION,
        "contract": CONTRACT,
        "engine": {
            "name": "ballotlaw",
            "version": __version__,
            "python": platform.python_version(),
            "dependencies": dependencies(),
        },
        "inputs": {"names": "relative to the folder of the rule file", "files": [i.to_json() for i in inputs]},
        "certifiable": certifiable,
        "statement": statement(outcome, inputs),
        "status": outcome.status,
        "outcome": _relative(json.loads(outcome_json(outcome)), names),
        "trace": _relative(json.loads(trace_json(outcome)), names),
        "witnesses": built,
        "steps": entries,
    }
    return seal(body), done.warnings


def seal(body: dict[str, object]) -> Certificate:
    """The certificate of `body`: its canonical bytes, with the digest of those bytes (its own value left out)."""
    document = json_safe({k: v for k, v in body.items() if k != "digest"})
    assert isinstance(document, dict)
    digest: dict[str, object] = {"algorithm": "sha256", "canonicalization": "RFC 8785", "value": ""}
    document["digest"] = digest
    digest["value"] = digest_of(canonical(document))
    return Certificate(document, canonical(document))

"""`recheck`: the signature, the digest, the inputs' hashes, every witness (by the independent checker,
recheck/), and, when the inputs are given, the engine run again and its outcome compared."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FindingsError
from ..files import read_bytes
from ..recheck import Report, check_certificate, check_input
from .build import build
from .inputs import root_of

CERTIFICATE = "certificate.json"
SIGNATURE = "certificate.sig"


@dataclass
class Rechecked:
    """The checker's report, with what held (for people) and the path read."""

    path: str
    report: Report
    held: list[str] = field(default_factory=list)

    @property
    def holds(self) -> bool:
        return self.report.holds


def certificate_path(given: str) -> str:
    """A certificate file, or the folder `certify` wrote (its certificate.json)."""
    return str(Path(given) / CERTIFICATE) if Path(given).is_dir() else given


def first_difference(old: object, new: object, pointer: str = "") -> str | None:
    """The JSON pointer of the first place two documents differ, or None."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            if key not in old or key not in new:
                return f"{pointer}/{key}"
            found = first_difference(old[key], new[key], f"{pointer}/{key}")
            if found is not None:
                return found
        return None
    if isinstance(old, list) and isinstance(new, list):
        for index, (a, b) in enumerate(zip(old, new, strict=False)):
            found = first_difference(a, b, f"{pointer}/{index}")
            if found is not None:
                return found
        return None if len(old) == len(new) else f"{pointer}/{min(len(old), len(new))}"
    return None if old == new and type(old) is type(new) else (pointer or "/")


def recheck(
    given: str,
    public_key: str | None = None,
    signature: str | None = None,
    rules: str | None = None,
    results: str | None = None,
    mapping: str | None = None,
    accept: bool = False,
) -> Rechecked:
    """Re-check the certificate at `given` (a file or the folder `certify` wrote)."""
    path = certificate_path(given)
    data = read_bytes(path)
    done = Rechecked(path, check_certificate(data))
    report = done.report
    document = report.document
    if report.holds:
        done.held.append(f"certificate: canonical, digest sha256:{document['digest']['value']} holds")  # type: ignore[index]
        done.held.append(f"witnesses: {report.witnesses} re-checked, every seat and decision they state holds")
    _signature(done, data, public_key, signature or str(Path(path).parent / SIGNATURE))
    if document is None or not report.holds:
        report.not_rechecked.append("inputs and engine re-run: not done, as the certificate itself does not hold")
        return done
    if document.get("certifiable") is False:
        what = f"NOT CERTIFIABLE: {document.get('statement')}"
        (report.not_rechecked if accept else report.failures).append(
            what + (" (accepted with --accept-data-errors)" if accept else "")
        )
    if rules is None and results is None and mapping is None:
        report.not_rechecked.append(
            "inputs: not given (--rules, --results): their hashes were not compared and the engine was not re-run"
        )
        return done
    located = _inputs(done, document, rules, results, mapping)
    if rules is None:
        report.not_rechecked.append("engine re-run: not done (give the rule file with --rules)")
    elif located is not None:
        _rerun(done, document, rules, located[0], located[1])
    return done


def _signature(done: Rechecked, data: bytes, public_key: str | None, signature: str) -> None:
    from .keys import fingerprint, load_public, verify

    present = Path(signature).exists()
    if public_key is None:
        done.report.not_rechecked.append(
            "signature: present, not verified (give the commission's public key with --public-key)"
            if present
            else "signature: the certificate is not signed"
        )
        return
    key = load_public(public_key)
    if not present:
        done.report.failures.append(f"signature: {signature} does not exist")
        return
    problem = verify(key, data, read_bytes(signature))
    if problem is not None:
        done.report.failures.append(f"signature: {problem}")
    else:
        done.held.append(f"signature: verified with the public key sha256:{fingerprint(key)}")


def _inputs(
    done: Rechecked, document: dict[str, object], rules: str | None, results: str | None, mapping: str | None
) -> tuple[str, str | None] | None:
    """Compare the hash of every input found; (the results and mapping read) when all hold, else None."""
    try:
        files = [dict(entry) for entry in document["inputs"]["files"]]  # type: ignore[index]
    except (KeyError, TypeError, ValueError):
        done.report.failures.append("inputs: the certificate does not list its inputs")
        return None
    root = root_of(rules) if rules is not None else None
    given = {"rules": rules, "results": results, "mapping": mapping}
    read: dict[str, str] = {}
    holds = True
    for entry in files:
        role, name = str(entry.get("role")), str(entry.get("name"))
        path = given.get(role) or (str(root / name) if root is not None and not Path(name).is_absolute() else None)
        if path is None:
            continue
        problem = check_input(document, role, name, read_bytes(path))
        if problem is not None:
            holds = False
            done.report.failures.append(f"input {role} `{name}` (read from {path}) differs: {problem}")
        else:
            read[role] = path
            done.held.append(f"input {role} `{name}`: its SHA-256 holds")
    if mapping is not None and "mapping" not in read and holds:
        done.report.failures.append("inputs: a mapping was given, but the certificate names none")
        holds = False
    if not holds or "results" not in read:
        if holds and rules is not None:
            done.report.failures.append("inputs: the certificate names no results file")
        return None
    return read["results"], read.get("mapping")


def _rerun(done: Rechecked, document: dict[str, object], rules: str, results: str, mapping: str | None) -> None:
    """The engine run again on the same inputs: its outcome and trace must be those of the certificate."""
    try:
        again, _warnings = build(rules, results, mapping, accept=True)
    except FindingsError as error:
        first = error.diagnostics[0].message if error.diagnostics else "refused"
        done.report.failures.append(f"engine re-run: the engine refuses the inputs ({first})")
        return
    engine = again.document.get("engine")
    stated = document.get("engine")
    versions = ""
    if isinstance(engine, dict) and isinstance(stated, dict) and engine.get("version") != stated.get("version"):
        versions = f" (the certificate was made by ballotlaw {stated.get('version')}, this is {engine.get('version')})"
    differs = False
    for part in ("outcome", "trace"):
        where = first_difference(document.get(part), again.document.get(part))
        if where is not None:
            differs = True
            done.report.failures.append(
                f"engine re-run: the {part} differs from the certificate's at {where}{versions}"
            )
    if not differs:
        done.held.append("engine re-run: the same outcome and trace")

"""Re-checking a certificate: its canonical form and digest, the hashes of the inputs, and every witness, from
the certificate alone. Nothing here imports the engine (a test holds it to that)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from .numbers import Malformed, items, table
from .numbers import field as get
from .witnesses import HOSTILE, Witnesses

FORMAT = "ballotlaw.certificate"
VERSION = 2


@dataclass
class Report:
    """What re-checking found: failures (each names what failed), what was not re-checked, and counts."""

    failures: list[str] = field(default_factory=list)
    not_rechecked: list[str] = field(default_factory=list)
    witnesses: int = 0
    steps: int = 0
    document: dict[str, object] | None = None

    @property
    def holds(self) -> bool:
        return not self.failures


def canonical(document: object) -> bytes:
    """RFC 8785 (JSON Canonicalization Scheme) bytes of a JSON document."""
    import rfc8785

    return rfc8785.dumps(document)  # type: ignore[arg-type]


#: How the digest stands in the canonical bytes: its value is the SHA-256 of the file with the value left out.
DIGEST_OPEN = b'"digest":{"algorithm":"sha256","canonicalization":"RFC 8785","value":"'
DIGEST_CLOSE = b'"}'
_HEX = re.compile(r"[0-9a-f]{64}")


def digest_of(data: bytes) -> str:
    """SHA-256 of a certificate's canonical bytes whose digest value is empty (`"value":""`)."""
    return hashlib.sha256(data).hexdigest()


def digest_holds(data: bytes, document: dict[str, object]) -> bool:
    """The stated digest is the SHA-256 of the file's bytes with the digest's 64 characters left out."""
    stated = document.get("digest")
    value = stated.get("value") if isinstance(stated, dict) else None
    if not isinstance(value, str) or not _HEX.fullmatch(value):
        return False
    marker = DIGEST_OPEN + value.encode("ascii") + DIGEST_CLOSE
    return data.count(marker) == 1 and digest_of(data.replace(marker, DIGEST_OPEN + DIGEST_CLOSE)) == value


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    found = dict(pairs)
    if len(found) != len(pairs):
        raise Malformed("a key appears twice in one object")
    return found


def _refuse(value: str) -> object:
    raise Malformed(f"{value} is not an exact number")


def parse(data: bytes) -> dict[str, object]:
    """The certificate's JSON: UTF-8, one object, no repeated key, no float, NaN or infinity."""
    try:
        document = json.loads(
            data.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_float=_refuse, parse_constant=_refuse
        )
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise Malformed(f"not JSON text ({error})") from None
    return table(document, "the certificate")


def check_certificate(data: bytes) -> Report:
    """Re-check the bytes of a certificate.json."""
    report = Report()
    try:
        document = parse(data)
    except Malformed as error:
        report.failures.append(f"certificate: {error}")
        return report
    report.document = document
    if document.get("format") != FORMAT or document.get("version") != VERSION:
        report.failures.append(f"certificate: not a {FORMAT} of version {VERSION}")
        return report
    if not digest_holds(data, document):
        report.failures.append("certificate: its bytes do not match its SHA-256 digest: it was changed")
        return report  # nothing in a changed certificate is worth re-checking
    try:
        if canonical(document) != data:
            report.failures.append("certificate: not in its canonical form (RFC 8785)")
    except (ValueError, TypeError, RecursionError) as error:  # rfc8785 refuses what JSON allows, the scheme not
        report.failures.append(f"certificate: not in canonical form ({error})")
    checked = None
    try:
        checked = Witnesses(document)
        report.steps = len(checked.trace)
        report.witnesses = checked.check()
    except HOSTILE as error:
        report.failures.append(f"certificate: {error}")
    if checked is not None:
        report.failures[:0] = checked.failures
        report.not_rechecked += checked.not_rechecked
    return report


def check_input(document: dict[str, object], role: str, name: str, data: bytes) -> str | None:
    """Whether `data` is the input the certificate names (by role and name); the difference, or None."""
    for entry in items(get(table(get(document, "inputs", "certificate"), "inputs"), "files", "inputs"), "files"):
        found = table(entry, "input")
        if found.get("role") == role and found.get("name") == name:
            actual = hashlib.sha256(data).hexdigest()
            if found.get("sha256") == actual:
                return None
            return f"its SHA-256 is {actual}, the certificate states {found.get('sha256')}"
    return "the certificate names no such input"

"""Ed25519 keys and signatures (RFC 8032) through the `cryptography` library.

`keygen` writes a private key (PKCS #8, PEM, mode 0600 from its creation) and its public key (PEM), which the
commission publishes. `certify --sign KEY` writes certificate.sig beside certificate.json: a small canonical JSON
object naming the algorithm, the SHA-256 of the raw public key, and the signature of the certificate's bytes in
base64. `cryptography` is imported only by the commands that sign or verify.
"""

from __future__ import annotations

import base64
import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..files import read_bytes
from ..recheck import canonical

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PRIVATE_NAME = "signing-key.pem"
PUBLIC_NAME = "public-key.pem"
SIGNATURE_FORMAT = "ballotlaw.signature"


def _raw(public: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(public: Ed25519PublicKey) -> str:
    """The SHA-256 of the 32 bytes of a public key, in hexadecimal."""
    return hashlib.sha256(_raw(public)).hexdigest()


def _write_new(path: Path, data: bytes, mode: int) -> None:
    """Write a new file atomically with `mode` from its creation; an existing file is never replaced."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)  # created 0600
    except OSError as error:
        raise UsageError(f"{path}: cannot be written ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), mode)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.link(temporary, path)  # fails if the file exists: a key is never overwritten
    except FileExistsError:
        raise UsageError(f"{path}: exists; a key is never overwritten (choose another folder)") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot be written ({error.strerror or error})") from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def generate(folder: str) -> tuple[Path, Path, str]:
    """A new key pair in `folder`: (private key path, public key path, fingerprint)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    target = Path(folder)
    private_path, public_path = target / PRIVATE_NAME, target / PUBLIC_NAME
    for path in (private_path, public_path):
        if os.path.lexists(path):
            raise UsageError(f"{path}: exists; a key is never overwritten (choose another folder)")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"{folder}: the folder cannot be made ({error.strerror or error})") from None
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    _write_new(private_path, private, 0o600)
    _write_new(public_path, public, 0o644)
    return private_path, public_path, fingerprint(key.public_key())


def load_private(path: str) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(read_bytes(path), password=None)
    except (ValueError, TypeError):
        raise UsageError(
            f"{path}: not an unencrypted private key in PEM form (write one with `ballotlaw keygen`)"
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise UsageError(f"{path}: not an Ed25519 key (write one with `ballotlaw keygen`)")
    return key


def load_public(path: str) -> Ed25519PublicKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = serialization.load_pem_public_key(read_bytes(path))
    except (ValueError, TypeError):
        raise UsageError(f"{path}: not a public key in PEM form") from None
    if not isinstance(key, Ed25519PublicKey):
        raise UsageError(f"{path}: not an Ed25519 public key")
    return key


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    """The bytes of certificate.sig for the certificate's bytes `data`."""
    return canonical(
        {
            "format": SIGNATURE_FORMAT,
            "version": 1,
            "algorithm": "Ed25519",
            "public_key_sha256": fingerprint(key.public_key()),
            "signature": base64.b64encode(key.sign(data)).decode("ascii"),
        }
    )


def verify(public: Ed25519PublicKey, data: bytes, signature_file: bytes) -> str | None:
    """None when `signature_file` is a valid signature of `data` by `public`; otherwise what is wrong."""
    import binascii
    import json

    from cryptography.exceptions import InvalidSignature

    try:
        stated = json.loads(signature_file.decode("utf-8"))
        if not isinstance(stated, dict) or stated.get("format") != SIGNATURE_FORMAT:
            return "the signature file is not a ballotlaw signature"
        signature = base64.b64decode(str(stated.get("signature")), validate=True)
    except (UnicodeDecodeError, ValueError, binascii.Error, RecursionError):
        return "the signature file cannot be read"
    if stated.get("algorithm") != "Ed25519":
        return "the signature is not an Ed25519 signature"
    if stated.get("public_key_sha256") != fingerprint(public):
        return "the certificate was signed with another key than the public key given"
    try:
        public.verify(signature, data)
    except InvalidSignature:
        return "the signature does not match the certificate's bytes"
    return None

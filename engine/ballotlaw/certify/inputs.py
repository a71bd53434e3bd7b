"""The inputs of a certificate: every file by its role, its name relative to the rule file's folder, and the
SHA-256 of its bytes (as `sha256sum` prints it), so that the certificate's bytes do not depend on the working
directory or on how a path was typed."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from attrs import frozen

from ..errors import UsageError
from ..files import read_bytes


@frozen
class Input:
    role: str  # "rules", "amended", "results", "mapping"
    path: str  # as given (or as the engine read it)
    name: str  # relative to the rule file's folder, with `/`
    sha256: str

    def to_json(self) -> dict[str, object]:
        return {"role": self.role, "name": self.name, "sha256": self.sha256}


def root_of(rules: str) -> Path:
    """The folder names are relative to: the real folder of the rule file."""
    return Path(rules).resolve().parent


def name_in(root: Path, path: str) -> str:
    """`path` relative to `root`, with `/` between parts (`../../data/kg/2021/results.csv`)."""
    return Path(os.path.relpath(Path(path).resolve(), root)).as_posix()


def hashed(role: str, path: str, root: Path, check: Callable[[bytes], bool] | None = None) -> Input:
    """An input read now; `check` confirms that what the engine read is what was hashed."""
    data = read_bytes(path)
    if check is not None and not check(data):
        raise UsageError(f"{path}: changed while it was being certified; certify again")
    return Input(role, path, name_in(root, path), hashlib.sha256(data).hexdigest())


def text_sha256(data: bytes) -> str:
    """The engine's hash of a rule file: of its text (as UTF-8, without a byte-order mark)."""
    return hashlib.sha256(data.decode("utf-8-sig", errors="replace").encode("utf-8")).hexdigest()

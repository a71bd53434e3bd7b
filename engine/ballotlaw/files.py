"""Reading input files: a missing or unreadable file is a usage error (exit 2), never a traceback."""

from __future__ import annotations

from pathlib import Path

from .errors import UsageError


def read_bytes(path: str) -> bytes:
    """The bytes of `path`, or UsageError naming the path and the reason."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot be read ({error.strerror})") from None

"""Reading input files: a missing, unreadable, special or oversized file is a usage error (exit 2), never a
traceback, a hang or an exhausted memory.

Every input file (rule files, results, mappings) is read here. Only regular files are read: a FIFO would block
forever and a device such as /dev/zero never ends, so both are refused without being opened for reading.
"""

from __future__ import annotations

import os
import stat

from .errors import UsageError

#: The largest input file read, in bytes (2 GiB); a larger one is refused.
MAX_INPUT_BYTES = 2 * 1024**3
_CHUNK = 1 << 20
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _check(path: str, status: os.stat_result) -> None:
    if stat.S_ISDIR(status.st_mode):
        raise UsageError(f"{path}: is a folder, not a file")
    if not stat.S_ISREG(status.st_mode):
        raise UsageError(f"{path}: not a regular file ({_kind(status.st_mode)}); only regular files are read")
    if status.st_size > MAX_INPUT_BYTES:
        raise UsageError(f"{path}: too large ({status.st_size:,} bytes; the limit is {MAX_INPUT_BYTES:,} bytes)")


def read_bytes(path: str) -> bytes:
    """The bytes of the regular file `path`, or UsageError naming the path and the reason."""
    try:
        before = os.stat(path)
        _check(path, before)
        handle = os.open(path, _OPEN_FLAGS)  # never blocks: a FIFO put in its place meanwhile is opened, not waited on
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot be read ({error.strerror})") from None
    except ValueError:  # a NUL in the name
        raise UsageError(f"{path}: cannot be read (not a valid file name)") from None
    try:
        after = os.fstat(handle)
        if (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino):
            raise UsageError(f"{path}: changed while it was being opened; run again")
        _check(path, after)
        return _read_bounded(path, handle, after.st_size)
    except OSError as error:
        raise UsageError(f"{path}: cannot be read ({error.strerror})") from None
    finally:
        os.close(handle)


def _read_bounded(path: str, handle: int, size: int) -> bytes:
    """Read to the end, but never more than MAX_INPUT_BYTES (a file may grow while it is read)."""
    parts: list[bytes] = []
    total = 0
    want = size + 1  # one byte more than the size: the end is seen in one read
    while True:
        chunk = os.read(handle, min(max(want, _CHUNK), MAX_INPUT_BYTES + 1 - total))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
        if total > MAX_INPUT_BYTES:
            raise UsageError(f"{path}: too large (more than the limit of {MAX_INPUT_BYTES:,} bytes)")
        want = _CHUNK

"""Writing what the command prints or saves (docs/contracts.md, section 1).

- Standard output and error: text for people in the terminal's encoding, a character it cannot show written as
  an escape (`\\u0160`); the machine forms (JSON, CSV) always as UTF-8 bytes, whatever the terminal's encoding.
- Files (`--output`, `verify --save`): only regular files, written atomically (a temporary file in the same
  folder, then a rename). A symbolic link, FIFO, device, socket or folder in the target's place is refused; a
  regular file that is replaced keeps its permissions; a new file gets the permissions the umask allows.
- A failure to write (a full disk, a missing or unwritable folder, a closed pipe) is `Unwritable`, a usage
  error (exit 2), never an internal error.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from .errors import UsageError


class Unwritable(UsageError):
    """Standard output cannot be written; `quiet` when its reader has gone (a closed pipe)."""

    def __init__(self, message: str, quiet: bool) -> None:
        super().__init__(message)
        self.quiet = quiet


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _unwritable(error: OSError) -> Unwritable:
    quiet = error.errno in (errno.EPIPE, errno.ECONNRESET)
    return Unwritable(f"standard output cannot be written ({_reason(error)})", quiet)


def harden_streams() -> None:
    """Let standard output and error show any character: one the encoding lacks is written as an escape."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def _write(stream: TextIO, text: str, machine: bool) -> None:
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        return
    encoding = "utf-8" if machine else (getattr(stream, "encoding", None) or "utf-8")
    stream.flush()  # what was written as text goes first
    buffer.write(text.encode(encoding, errors="backslashreplace"))
    buffer.flush()  # in order with the other stream, and a failure is seen here


def put(text: str, *, machine: bool = False) -> None:
    """Write `text` to standard output: UTF-8 for a machine form (`machine`), else in the stream's encoding."""
    if sys.stdout is None:  # the descriptor was closed before the run (`>&-`)
        raise Unwritable("standard output is closed", quiet=False)
    try:
        _write(sys.stdout, text, machine)
    except OSError as error:
        raise _unwritable(error) from None


def say(text: str) -> None:
    """A line (or lines) for people on standard error. Standard error that cannot be written is let be, as
    every tool does: there is nowhere left to say so."""
    if sys.stderr is None:
        return
    try:
        _write(sys.stderr, text if text.endswith("\n") else text + "\n", machine=False)
    except OSError:
        discard(sys.stderr)


def flush_all() -> None:
    """Flush standard output (a failure is `Unwritable`) and standard error (a failure is let be)."""
    if sys.stdout is not None:
        try:
            sys.stdout.flush()
        except OSError as error:
            raise _unwritable(error) from None
    if sys.stderr is not None:
        try:
            sys.stderr.flush()
        except OSError:
            discard(sys.stderr)


def discard(stream: TextIO | None) -> None:
    """Send what is left for a stream that cannot be written to the null device, so that the exit is quiet."""
    if stream is None:
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, stream.fileno())
        finally:
            os.close(null)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def write_output(text: str, output: str | None, *, machine: bool = False) -> None:
    """Print `text`, or write it to the file `output` (as UTF-8, atomically). `machine`: a JSON or CSV form."""
    if output is None:
        put(text, machine=machine)
    else:
        write_file(output, text.encode("utf-8", errors="backslashreplace"))


def _not_regular(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "is a symbolic link"
    if stat.S_ISDIR(mode):
        return "is a folder"
    if stat.S_ISFIFO(mode):
        return "is a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device"
    if stat.S_ISSOCK(mode):
        return "is a socket"
    return "is a special file"


def _default_mode() -> int:
    """The permissions a new file gets: read and write for all, less the umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_file(path: str, data: bytes) -> None:
    """Write `data` to the regular file `path` atomically; refuse anything else in its place (UsageError)."""
    target = Path(path)
    folder = target.parent
    try:
        existing: os.stat_result | None = os.lstat(target)
    except FileNotFoundError:
        existing = None
    except OSError as error:
        raise UsageError(f"{path}: cannot be written ({_reason(error)})") from None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise UsageError(
            f"{path}: {_not_regular(existing.st_mode)}, not a regular file; only regular files are written"
        )
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except FileNotFoundError:
        raise UsageError(f"{path}: cannot be written: the folder {folder} does not exist") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot be written ({_reason(error)})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            _keep_mode(stream.fileno(), existing)
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UsageError(f"{path}: cannot be written ({_reason(error)})") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _keep_mode(handle: int, existing: os.stat_result | None) -> None:
    """Give the new file the replaced file's permissions (and owner, where allowed), or the umask's default."""
    if not hasattr(os, "fchmod"):  # not on every system
        return
    if existing is None:
        os.fchmod(handle, _default_mode())
        return
    if hasattr(os, "fchown") and (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.fchown(handle, existing.st_uid, existing.st_gid)
        except PermissionError:  # only the owner's group or nothing may be given away: keep ours
            pass
    os.fchmod(handle, stat.S_IMODE(existing.st_mode) & 0o777)  # read, write, execute; never set-user-ID


def check_folder(path: str, purpose: str) -> None:
    """Refuse, before any work, a folder to write in that cannot become one: a file stands in its place or on its
    way (UsageError). Whether it can be written is found when something is written in it."""
    probe = Path(path)
    while True:
        try:
            status = os.stat(probe)
        except FileNotFoundError:
            if probe.parent == probe:
                return
            probe = probe.parent
            continue
        except NotADirectoryError:
            raise UsageError(
                f"{path}: cannot be the folder for {purpose}: a part of it is a file, not a folder"
            ) from None
        except OSError as error:
            raise UsageError(f"{path}: cannot be the folder for {purpose} ({_reason(error)})") from None
        if not stat.S_ISDIR(status.st_mode):
            raise UsageError(f"{path}: cannot be the folder for {purpose}: {probe} is a file, not a folder")
        return

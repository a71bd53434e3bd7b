"""The folder `ballotlaw serve` was started in: the only place the page may read or write. A path the page names
is relative to it; one that is absolute, climbs out with `..`, or leads out through a symbolic link is refused."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import UsageError

#: The most files listed for the page to choose from, and the most folders searched for them (a larger tree,
#: such as a home folder, is not searched further).
MAX_LISTED = 2000
MAX_FOLDERS = 5000
RESULTS_SUFFIXES = (".csv", ".json")
SKIPPED = frozenset({".git", ".venv", "venv", "node_modules", "__pycache__", ".mypy_cache", ".ruff_cache"})


class Refused(UsageError):
    """A path outside the folder, or one that is not of the kind asked for."""


class Folder:
    """The folder, by its real path; every path in and out is relative to it, with `/` between parts."""

    def __init__(self, root: str) -> None:
        self.root = os.path.realpath(root)

    def path(self, relative: str, suffixes: tuple[str, ...] = ()) -> str:
        """The absolute path of `relative`, which must lie in the folder (its real path, links followed) and end
        in one of `suffixes` when given; Refused otherwise."""
        if not isinstance(relative, str) or not relative or "\0" in relative or len(relative) > 4096:
            raise Refused("not a path")
        parts = relative.replace("\\", "/").split("/")
        if relative.startswith(("/", "\\")) or os.path.isabs(relative) or ".." in parts or ":" in parts[0]:
            raise Refused(f"{relative}: outside the folder ballotlaw serve was started in")
        if suffixes and not relative.endswith(suffixes):
            raise Refused(f"{relative}: not a {' or '.join(suffixes)} file")
        joined = os.path.join(self.root, *[p for p in parts if p not in ("", ".")])
        real = os.path.realpath(joined)
        if os.path.commonpath([self.root, real]) != self.root:
            raise Refused(f"{relative}: leads outside the folder ballotlaw serve was started in")
        return real

    def relative(self, path: str) -> str:
        """`path` shown relative to the folder when it lies in it; as given otherwise."""
        absolute = os.path.abspath(path)
        real = os.path.realpath(absolute)
        for candidate in (absolute, real):
            if os.path.commonpath([self.root, candidate]) == self.root:
                return Path(os.path.relpath(candidate, self.root)).as_posix()
        return path

    def given(self, path: str, suffixes: tuple[str, ...] = ()) -> str:
        """A path from the command line (relative to the current folder, or absolute), as a path of the folder."""
        real = os.path.realpath(path)
        if os.path.commonpath([self.root, real]) != self.root:
            raise Refused(f"{path}: outside the folder ballotlaw serve was started in ({self.root})")
        return self.relative(self.path(self.relative(real), suffixes))

    def files(self, under: str, suffixes: tuple[str, ...]) -> list[str]:
        """The files of the folder `under` (relative; '' for the whole folder) that end in `suffixes`, sorted;
        hidden folders and tool folders are skipped, and no more than MAX_LISTED are listed."""
        start = os.path.join(self.root, under) if under else self.root
        found: list[str] = []
        for searched, (folder, subfolders, names) in enumerate(os.walk(start)):
            if searched >= MAX_FOLDERS:
                break
            subfolders[:] = sorted(d for d in subfolders if d not in SKIPPED and not d.startswith("."))
            for name in sorted(names):
                if name.endswith(suffixes) and not name.startswith("."):
                    found.append(Path(os.path.relpath(os.path.join(folder, name), self.root)).as_posix())
                    if len(found) >= MAX_LISTED:
                        return sorted(found)
        return sorted(found)

"""A progress display on a terminal: the stage being worked on, written to stderr, gone when the work ends.

Nothing is shown when stderr is not a terminal (a pipe, a file, CI), so outputs stay byte-identical. A stage's
label is escaped and shown without markup; colour follows NO_COLOR (rich reads it).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .escape import escape

if TYPE_CHECKING:
    from rich.progress import Progress


class _Stages:
    """`step(label)` completes the stage before and names the next; `expect(n)` sets the bar's length."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.task = progress.add_task("starting", total=None) if progress is not None else None

    def __call__(self, label: str) -> None:
        if self.progress is not None and self.task is not None:
            self.progress.update(self.task, description=escape(label), advance=1)

    def expect(self, stages: int) -> None:
        if self.progress is not None and self.task is not None:
            self.progress.update(self.task, total=stages)


@contextmanager
def progress_display(stream: object = None) -> Iterator[_Stages]:
    """Yield a stage counter; on a terminal it draws a bar on `stream` (stderr by default), else nothing."""
    target = sys.stderr if stream is None else stream
    if not getattr(target, "isatty", lambda: False)():
        yield _Stages(None)
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=target)  # type: ignore[arg-type]
    columns = (
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} stages"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        yield _Stages(progress)

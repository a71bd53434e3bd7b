"""A progress display on a terminal: the stage being worked on, written to stderr, gone when the work ends.

Nothing is shown when stderr is not a terminal (a pipe, a file, CI), so outputs stay byte-identical.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def progress_display(stream: object = None) -> Iterator[Callable[[str], None]]:
    """Yield a `step(label)` callable; each call completes the previous stage and names the next."""
    target = sys.stderr if stream is None else stream
    if not getattr(target, "isatty", lambda: False)():
        yield lambda _label: None
        return
    console = Console(file=target)  # type: ignore[arg-type]
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} stages"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("starting", total=None)

        def step(label: str) -> None:
            progress.update(task, description=label, advance=1)

        yield step

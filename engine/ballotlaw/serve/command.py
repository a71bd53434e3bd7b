"""The `ballotlaw serve` verb: the live web page, on this machine only unless told otherwise."""

from __future__ import annotations

import sys

import click


@click.command(name="serve")
@click.argument("rules", required=False)
@click.argument("results", required=False)
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port (0: any free one).")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anyone who reaches the page can read and write the rule files of the folder.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
def serve_command(rules: str | None, results: str | None, port: int, host: str, open_browser: bool) -> None:
    """Edit a rule file in the web browser and see its effect as you type: diagnostics, the outcome on RESULTS,
    the trace, the example blocks, verification. Files are read and written only inside the current folder."""
    from ..cli import EXIT_OK, guarded

    def action() -> int:
        from .run import serve

        serve(rules, results, host, port, open_browser)
        return EXIT_OK

    sys.exit(guarded(action))

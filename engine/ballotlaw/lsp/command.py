"""The `ballotlaw lsp` verb: the language server for an editor, over standard input and output."""

from __future__ import annotations

import sys

import click


@click.command(name="lsp")
@click.option("--stdio", is_flag=True, help="Speak over standard input and output (the default; editors pass it).")
def lsp_command(stdio: bool) -> None:
    """Run the language server for rule files (diagnostics, hover, definitions, completion, outline,
    formatting) over standard input and output, for an editor."""
    from ..cli import EXIT_OK, guarded

    def action() -> int:
        from .server import serve_stdio

        serve_stdio()
        return EXIT_OK

    sys.exit(guarded(action))

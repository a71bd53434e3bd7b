"""The verb `report` (docs/contracts.md, section 1; docs/report.md): RULES applied to RESULTS written as a
self-contained HTML page or a PDF, in English, Russian or Kyrgyz. Exit 0 written, 1 findings in the input (as
`run`: results whose own arithmetic is wrong are refused unless --accept-data-errors), 2 usage."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..i18n import LANGUAGES

EXIT_OK, EXIT_FINDINGS = 0, 1
FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf"}


def output_format(path: str) -> str:
    """`html` or `pdf` from the output's extension; anything else is a usage error with a hint."""
    from ..errors import UsageError

    found = FORMATS.get(Path(path).suffix.lower())
    if found is None:
        raise UsageError(f"{path}: the report is written as HTML or PDF; name the output FILE.html or FILE.pdf")
    return found


@click.command(name="report")
@click.argument("rules")
@click.argument("results")
@click.option("--output", "-o", required=True, metavar="FILE", help="FILE.html (a self-contained page) or FILE.pdf.")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    help="The language of the report: English, Russian or Kyrgyz.",
)
@click.option(
    "--mapping", default=None, metavar="FILE", help="Read RESULTS as a wide CSV through this mapping (section 8)."
)
@click.option(
    "--accept-data-errors",
    is_flag=True,
    help="Report even when the results' own arithmetic is wrong; the report then says so at the top.",
)
def report_command(
    rules: str, results: str, output: str, lang: str, mapping: str | None, accept_data_errors: bool
) -> None:
    """Write the outcome of RULES on RESULTS as a report for people: the status in words, seat and threshold
    charts, the seat tables, every step with the article it applies, the results' own checks."""
    from ..cli import echo, guarded
    from ..cli import report as print_diagnostics
    from ..diagnostics.render import render_diagnostics
    from ..errors import FindingsError
    from ..output import say, write_file

    def action() -> int:
        kind = output_format(output)
        from .render import make_report, to_pdf

        try:
            made = make_report(rules, results, lang, mapping, accept_data_errors)
        except FindingsError as error:
            print_diagnostics(error.diagnostics, False)
            return EXIT_FINDINGS
        if made.warnings:
            say(render_diagnostics(made.warnings))
        data = to_pdf(made.html) if kind == "pdf" else made.html.encode("utf-8")
        write_file(output, data)
        echo(f"{output}: report ({kind.upper()}, {lang}), status {made.status}, {len(data):,} bytes")
        return EXIT_OK

    sys.exit(guarded(action))

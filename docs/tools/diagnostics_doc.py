"""Write docs/diagnostics.md from the code table and the malformed files in tests/errors/bad/.

Run from the repository root: `python docs/tools/diagnostics_doc.py`. tests/test_contracts.py checks that the
committed page is what this script writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ballotlaw.api import load_law
from ballotlaw.diagnostics.codes import CODES
from ballotlaw.diagnostics.render import render_diagnostic
from ballotlaw.errors import RuleFileError

ROOT = Path(__file__).resolve().parent.parent.parent


def build() -> str:
    examples: dict[str, tuple[str, str]] = {}
    for path in sorted((ROOT / "tests" / "errors" / "bad").glob("*.rules")):
        relative = path.relative_to(ROOT).as_posix()
        try:
            load_law(relative)
        except RuleFileError as error:
            for diagnostic in error.diagnostics:
                examples.setdefault(diagnostic.code, (relative, render_diagnostic(diagnostic)))
    out = [
        "# Diagnostics",
        "",
        "Every problem ballotlaw finds in a rule file or a results file has a stable code (docs/contracts.md,",
        "section 2). Tests assert the codes; the wording may improve. Each rule-file code below that a malformed",
        "file in `tests/errors/bad/` produces is shown as ballotlaw prints it. This page is written by",
        "`docs/tools/diagnostics_doc.py`.",
        "",
        "| code | slug | severity | what it means |",
        "|---|---|---|---|",
    ]
    out += [f"| `{c.code}` | {c.slug} | {c.severity} | {c.summary} |" for c in CODES.values()]
    out += ["", "## Examples", ""]
    for code, (path, text) in sorted(examples.items()):
        out += [f"### {code} {CODES[code].slug}", "", f"From [`{path}`](../{path}):", "", "```", text, "```", ""]
    out.append("Results-file codes (`D1xx`, `W101`) are exercised with their inputs in `tests/test_results_data.py`;")
    out.append("example-block codes (`X1xx`) in `tests/test_cli.py` and `tests/errors/bad/example_without_expect.rules`.")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    import os

    os.chdir(ROOT)
    (ROOT / "docs" / "diagnostics.md").write_text(build(), encoding="utf-8")
    sys.exit(0)

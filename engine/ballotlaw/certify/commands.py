"""The verbs `certify`, `keygen` and `recheck` (docs/contracts.md, section 1; docs/certifying.md). Exit codes as
every verb: 0 done (for `recheck`: everything holds), 1 findings, 2 usage."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import click

EXIT_OK, EXIT_FINDINGS = 0, 1


REPORT = "report.html"


def _report(rules: str, results: str, mapping: str | None, accept: bool, digest: str, sha256: str) -> bytes:
    """The report of the same outcome (report/), beside the certificate, naming the certificate's digest and
    file hash among its inputs (the certificate does not name the report)."""
    from ..report.render import make_report
    from .verify import CERTIFICATE

    html = make_report(rules, results, "en", mapping, accept).html
    rows = "".join(
        f'<tr><td>{role}</td><td><code>{CERTIFICATE}</code></td><td class="mono">{value}</td></tr>'
        for role, value in (("certificate (file)", sha256), ("certificate (digest)", digest))
    )
    head, table, tail = html.partition('<table class="inputs-hashes">')
    if table and "</tbody>" in tail:
        return (head + table + tail.replace("</tbody>", rows + "</tbody>", 1)).encode("utf-8")
    before, body, after = html.rpartition("</body>")
    return (before + f'<table class="inputs-hashes"><tbody>{rows}</tbody></table>' + body + after).encode("utf-8")


def _lines(lines: list[str]) -> None:
    from ..output import put
    from ..render.escape import escape

    put("".join(escape(line) + "\n" for line in lines))


@click.command(name="certify")
@click.argument("rules")
@click.argument("results")
@click.option("--output", "-o", "folder", required=True, metavar="DIR", help="The folder to write the certificate in.")
@click.option("--sign", "key", default=None, metavar="KEY", help="Sign it with this Ed25519 private key (keygen).")
@click.option(
    "--mapping", default=None, metavar="FILE", help="Read RESULTS as a wide CSV through this mapping (section 8)."
)
@click.option(
    "--accept-data-errors",
    is_flag=True,
    help="Certify even when the results' own arithmetic is wrong; the certificate then says it is not certifiable.",
)
def certify_command(
    rules: str, results: str, folder: str, key: str | None, mapping: str | None, accept_data_errors: bool
) -> None:
    """Write DIR/certificate.json: the outcome of RULES on RESULTS with a witness for every seat, the inputs'
    hashes and a digest; with --sign, DIR/certificate.sig; and DIR/report.html, the report of the outcome naming
    the certificate's digest. Results whose own arithmetic is wrong are refused."""
    from ..cli import guarded, report
    from ..diagnostics.render import render_diagnostics
    from ..errors import FindingsError, UsageError
    from ..output import check_folder, say, write_file
    from .build import build
    from .keys import fingerprint, load_private, sign
    from .verify import CERTIFICATE, SIGNATURE

    def action() -> int:
        check_folder(folder, "the certificate")
        private = load_private(key) if key is not None else None
        target = Path(folder)
        if private is None and os.path.lexists(target / SIGNATURE):
            raise UsageError(
                f"{target / SIGNATURE}: a signature of an earlier certificate; remove it, or sign with --sign"
            )
        try:
            certificate, warnings = build(rules, results, mapping, accept_data_errors)
        except FindingsError as error:
            report(error.diagnostics, False)
            return EXIT_FINDINGS
        if warnings:
            say(render_diagnostics(warnings))
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(f"{folder}: the folder cannot be made ({error.strerror or error})") from None
        written = [(target / CERTIFICATE, certificate.data)]
        if private is not None:
            written.append((target / SIGNATURE, sign(private, certificate.data)))
        page = _report(rules, results, mapping, accept_data_errors, certificate.digest, certificate.sha256)
        written.append((target / REPORT, page))
        for path, data in written:
            write_file(str(path), data)
            os.chmod(path, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # read-only: a certificate is not edited
        lines = [
            f"{target / CERTIFICATE}: {certificate.document['status']}, digest sha256:{certificate.digest}",
            f"  file sha256:{certificate.sha256} ({len(certificate.data):,} bytes)",
        ]
        if private is not None:
            lines.append(f"{target / SIGNATURE}: Ed25519, key sha256:{fingerprint(private.public_key())}")
        lines.append(f"{target / REPORT}: the report of the same outcome, naming the certificate's digest")
        if certificate.document.get("certifiable") is False:
            lines.append("NOT CERTIFIABLE: the results' own arithmetic is wrong (accepted with --accept-data-errors)")
        _lines(lines)
        return EXIT_OK

    sys.exit(guarded(action))


@click.command(name="keygen")
@click.option("--output", "-o", "folder", required=True, metavar="DIR", help="The folder to write the key pair in.")
def keygen_command(folder: str) -> None:
    """Write an Ed25519 key pair: DIR/signing-key.pem (private, mode 0600: keep it secret) and
    DIR/public-key.pem (publish it). An existing key is never overwritten."""
    from ..cli import guarded
    from .keys import generate

    def action() -> int:
        private, public, print_ = generate(folder)
        _lines(
            [
                f"{private}: the private key (mode 0600); keep it secret, sign with `certify --sign {private}`",
                f"{public}: the public key, sha256:{print_}; publish it for observers (`recheck --public-key`)",
            ]
        )
        return EXIT_OK

    sys.exit(guarded(action))


@click.command(name="recheck")
@click.argument("certificate")
@click.option("--public-key", default=None, metavar="FILE", help="Verify the signature with this public key.")
@click.option("--signature", default=None, metavar="FILE", help="The signature (default: certificate.sig beside it).")
@click.option(
    "--rules", default=None, metavar="FILE", help="The rule file: compare its hash, and run the engine again."
)
@click.option("--results", default=None, metavar="FILE", help="The results (default: as the certificate names them).")
@click.option("--mapping", default=None, metavar="FILE", help="The mapping of a wide CSV (default: as named).")
@click.option("--accept-data-errors", is_flag=True, help="Accept a certificate that says it is not certifiable.")
@click.option("--json", "as_json", is_flag=True, help="Print the versioned JSON form.")
def recheck_command(
    certificate: str,
    public_key: str | None,
    signature: str | None,
    rules: str | None,
    results: str | None,
    mapping: str | None,
    accept_data_errors: bool,
    as_json: bool,
) -> None:
    """Re-check CERTIFICATE (a certificate.json, or the folder certify wrote): signature, digest, inputs, every
    witness with the independent checker, and with --rules the engine run again. Exit 0 only if all holds."""
    from ..cli import guarded
    from ..output import put
    from ..render.jsonform import dumps
    from .verify import recheck

    def action() -> int:
        done = recheck(certificate, public_key, signature, rules, results, mapping, accept_data_errors)
        report = done.report
        if as_json:
            put(
                dumps(
                    {
                        "format": "ballotlaw.recheck",
                        "version": 1,
                        "certificate": done.path,
                        "holds": done.holds,
                        "held": done.held,
                        "failures": report.failures,
                        "not_rechecked": report.not_rechecked,
                        "witnesses": report.witnesses,
                        "steps": report.steps,
                    }
                ),
                machine=True,
            )
        else:
            lines = [f"recheck {done.path}"]
            lines += [f"  holds: {line}" for line in done.held]
            if report.not_rechecked:
                lines.append(f"  not re-checked ({len(report.not_rechecked)}):")
                lines += [f"    {line}" for line in report.not_rechecked]
            lines += [f"  FAILED: {line}" for line in report.failures]
            verdict = "everything re-checked holds" if done.holds else f"{len(report.failures)} failure(s)"
            lines.append(f"{done.path}: {verdict}")
            _lines(lines)
        return EXIT_OK if done.holds else EXIT_FINDINGS

    sys.exit(guarded(action))

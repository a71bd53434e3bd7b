"""The report as a page (Jinja2, autoescaped, the stylesheet inline: nothing is fetched) and as a PDF
(WeasyPrint). The same evaluation in the same language gives the same bytes of HTML."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from attrs import frozen

from .. import __version__
from ..api import evaluate_checked, load_law
from ..diagnostics.diagnostic import Diagnostic
from ..files import read_bytes
from ..i18n import formats, speaking
from ..results.load import load_results
from . import charts
from .view import Input, build_view
from .words import _, word
from .words import ngettext as plural_message

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup


@frozen
class Report:
    html: str
    status: str
    warnings: tuple[Diagnostic, ...]


def _messages(lang: str) -> tuple[Callable[..., Markup], Callable[..., Markup]]:
    """The template's `_` and `ngettext` in `lang`: the message translated, then escaped for HTML like every value
    filling its `{placeholders}` (`{num}`: the number `ngettext` chose the form for)."""
    from markupsafe import escape

    def gettext(msgid: str, **values: object) -> Markup:
        with speaking(lang):
            return escape(_(msgid)).format(**values)

    def ngettext(singular: str, plural: str, n: int, **values: object) -> Markup:
        with speaking(lang):
            return escape(plural_message(singular, plural, n)).format(num=formats.integer(n), **values)

    return gettext, ngettext


@cache
def _environment(lang: str) -> Environment:
    """A Jinja2 environment that escapes every value and speaks `lang` through the `report` catalog."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("ballotlaw.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.globals["_"], env.globals["ngettext"] = _messages(lang)
    env.globals["palette"] = charts.colour
    env.globals["version"] = __version__
    return env


def _css() -> str:
    return (resources.files("ballotlaw.report") / "templates" / "report.css").read_text(encoding="utf-8")


def make_report(
    rules: str, results: str, lang: str, mapping: str | None = None, accept_data_errors: bool = False
) -> Report:
    """Evaluate as `run` does (the results' arithmetic checked first: errors refused unless accepted) and write
    the report in `lang`. Raises the FindingsError of `run` for bad input."""
    law, rule_warnings = load_law(rules)
    loaded, data_warnings = load_results(law, results, mapping)
    outcome, integrity = evaluate_checked(law, loaded, accept_data_errors)
    hashed = [("rules", law.source.path, law.source.sha256)]
    hashed += [("amended", path, digest) for path, digest in law.bases]
    hashed.append(("results", loaded.path, loaded.sha256))
    if mapping is not None:
        hashed.append(("mapping", mapping, hashlib.sha256(read_bytes(mapping)).hexdigest()))
    with speaking(lang):
        inputs = tuple(Input(word("role", role), path, digest) for role, path, digest in hashed)
        view = build_view(law, outcome, integrity, inputs, lang)
        html = _environment(lang).get_template("report.html").render(r=view, css=_css())
    warnings = rule_warnings + data_warnings + tuple(d for d in integrity.findings if not d.is_error)
    return Report(html, str(outcome.status), warnings)


def to_pdf(html: str) -> bytes:
    """The page as a PDF (WeasyPrint lays it out with the fonts of the system). It fetches nothing: the page holds
    everything, and a fetcher that allows no protocol refuses any reference to something outside."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    data: bytes = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=frozenset())).write_pdf()
    return data

"""The message catalogs: extract the template, update each language's catalog, compile, check (Babel).

    python -m ballotlaw.i18n.catalogs extract   # ballotlaw/locale/<domain>.pot from the sources
    python -m ballotlaw.i18n.catalogs update    # each <lang>/LC_MESSAGES/<domain>.po takes the template's messages
    python -m ballotlaw.i18n.catalogs compile   # each .po -> .mo (what ballotlaw reads)
    python -m ballotlaw.i18n.catalogs check     # exit 1 naming what is stale or untranslated
    python -m ballotlaw.i18n.catalogs all       # extract, update, compile

Each takes `--domain NAME` (every domain of DOMAINS when left out). Output is deterministic: no line numbers, no
dates that change, messages in the order of the files. docs/languages.md says how to add a message or a language.
"""

from __future__ import annotations

import argparse
import copy
import io
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import LANGUAGES, LOCALE_DIR

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

PACKAGE_DIR = LOCALE_DIR.parent
FIXED_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)  # the catalogs' dates: fixed, so extraction gives the same bytes
WIDTH = 120
#: The functions whose literal arguments are messages (Babel's keyword specifications).
KEYWORDS: dict[str, Any] = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "NP_": ((1, "c"), 2),
    "_count": None,
}
#: Helpers `_count(message, n, **values)` that say one message in the plural form for `n` (English writes
#: `seat(s)` in both): their message is extracted as a plural whose two English forms are the same.
COUNT_HELPERS = ("_count",)
_FIELD = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Domain:
    """A catalog: its name and the sources its messages are extracted from, as Babel's method map (glob patterns
    relative to the package, each with an extraction method; the first pattern that matches a file wins)."""

    name: str
    method_map: tuple[tuple[str, str], ...]
    options: dict[str, dict[str, Any]] = field(default_factory=dict)


#: Every domain. `ballotlaw`: the messages of the package's Python (run, explain, the phrases), save the folders
#: another domain owns. Add a domain (e.g. `report`, with a Jinja2 method) here and ignore its folder above.
DOMAINS: dict[str, Domain] = {
    "ballotlaw": Domain("ballotlaw", (("report/**", "ignore"), ("**.py", "ballotlaw.i18n.catalogs:extract_python"))),
    "report": Domain("report", (("report/templates/**.html", "jinja2.ext:babel_extract"), ("report/**.py", "python"))),
}


def extract_python(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Iterator[tuple[Any, ...]]:
    """Babel's Python extraction, with each COUNT_HELPERS call's message taken as a plural (singular = plural)."""
    from babel.messages.extract import extract_python as python

    for lineno, funcname, messages, comments in python(fileobj, keywords, comment_tags, options):
        if funcname in COUNT_HELPERS:
            first = messages[0] if isinstance(messages, (list, tuple)) else messages
            yield lineno, "ngettext", (first, first), comments
        else:
            yield lineno, funcname, messages, comments


def _source_language_catalog(domain: str, locale: str | None = None) -> Catalog:
    from babel.messages.catalog import Catalog

    return Catalog(
        locale=locale,
        domain=domain,
        project="ballotlaw",
        version="",
        copyright_holder="the ballotlaw authors",
        msgid_bugs_address="",
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        charset="utf-8",
        fuzzy=False,
        header_comment=f"# Messages of ballotlaw, domain {domain}.\n# This file is distributed under the same "
        "license as the ballotlaw project (Apache-2.0).\n#",
    )


def extract(domain: str) -> Catalog:
    """The template of `domain`: every message its sources hold, with its files and its `TRANSLATORS:` notes."""
    from babel.messages.extract import extract_from_dir

    spec = DOMAINS[domain]
    catalog = _source_language_catalog(domain)
    found = extract_from_dir(
        str(PACKAGE_DIR),
        spec.method_map,
        spec.options,
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in sorted(found, key=lambda f: (f[0], f[1])):
        catalog.add(message, None, [(f"ballotlaw/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def _dump(catalog: Catalog) -> bytes:
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, sort_by_file=False, ignore_obsolete=True, include_lineno=False)
    return out.getvalue()


def template_path(domain: str) -> Path:
    return LOCALE_DIR / f"{domain}.pot"


def po_path(lang: str, domain: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


def read(path: Path, locale: str | None = None) -> Catalog:
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def updated(lang: str, domain: str, template: Catalog) -> Catalog:
    """The catalog of `lang` with the template's messages: translations kept, new messages empty, gone ones
    dropped (a changed message is matched to its old translation and marked fuzzy, for a translator to confirm)."""
    path = po_path(lang, domain)
    catalog = read(path, lang) if path.exists() else _source_language_catalog(domain, lang)
    catalog.update(copy.deepcopy(template), update_creation_date=False)  # update() adopts the template's messages
    catalog.revision_date = FIXED_DATE
    catalog.creation_date = FIXED_DATE
    catalog.fuzzy = False
    return catalog


def compiled(catalog: Catalog) -> bytes:
    """The .mo of a catalog (fuzzy messages left out, as gettext does)."""
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _messages(mo: bytes) -> dict[object, str]:
    """What a compiled catalog says: every message and translation, the header without the line naming the
    version of Babel that wrote it (so that the check holds across Babel's versions)."""
    import gettext

    found: dict[object, str] = dict(gettext.GNUTranslations(io.BytesIO(mo))._catalog)  # type: ignore[attr-defined]
    found[""] = "".join(line for line in found.get("", "").splitlines(True) if not line.startswith("Generated-By:"))
    return found


def _languages() -> Iterator[str]:
    return (lang for lang in LANGUAGES[1:])


def fields(text: str) -> list[str]:
    """The `{placeholders}` of a message, sorted (a doubled brace is not one)."""
    return sorted(_FIELD.findall(text.replace("{{", "").replace("}}", "")))


def problems(domain: str) -> list[str]:
    """What is wrong with the catalogs of `domain`: a stale template, a catalog lacking or having an extra message,
    an empty or fuzzy translation, a translation whose placeholders differ from the msgid's, a stale .mo."""
    found: list[str] = []
    template = extract(domain)
    path = template_path(domain)
    if not path.exists() or _dump(template) != _dump(read(path)):
        found.append(f"{path.name}: not what extraction gives: run `python -m ballotlaw.i18n.catalogs all`")
    wanted = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in template if m.id}
    for lang in _languages():
        po = po_path(lang, domain)
        if not po.exists():
            found.append(f"{lang}/{po.name}: missing")
            continue
        catalog = read(po, lang)
        found.extend(f"{lang}/{po.name}: {problem}" for problem in _translation_problems(catalog, wanted))
        mo = po.with_suffix(".mo")
        if not mo.exists() or _messages(mo.read_bytes()) != _messages(compiled(catalog)):
            found.append(f"{lang}/{mo.name}: not what compiling {po.name} gives: run the `compile` step")
    return found


def _translation_problems(catalog: Catalog, wanted: set[tuple[str, str | None]]) -> Iterator[str]:
    have = set()
    for message in catalog:
        if not message.id:
            continue
        ids = (message.id,) if isinstance(message.id, str) else tuple(message.id)
        have.add((ids[0], message.context))
        strings = (message.string,) if isinstance(message.string, str) else tuple(message.string or ())
        if (ids[0], message.context) not in wanted:
            yield f"{ids[0]!r}: not in the template (run `update`)"
        if message.fuzzy:
            yield f"{ids[0]!r}: fuzzy: a translator must confirm it"
        if len(strings) != (catalog.num_plurals if len(ids) > 1 else 1) or not all(strings):
            yield f"{ids[0]!r}: not translated"
            continue
        for text in strings:
            if fields(text) != fields(ids[-1]) and fields(text) != fields(ids[0]):
                yield f"{ids[0]!r}: placeholders {fields(text)} differ from the message's {fields(ids[0])}"
    for msgid, _context in sorted(wanted - have, key=lambda w: (w[0], w[1] or "")):
        yield f"{msgid!r}: missing (run `update`)"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
        print(f"wrote {path.relative_to(PACKAGE_DIR.parent)}")


def _steps(step: str, domains: Iterable[str]) -> int:
    for domain in domains:
        if step in ("extract", "all"):
            _write(template_path(domain), _dump(extract(domain)))
        if step in ("update", "all"):
            template = read(template_path(domain))
            for lang in _languages():
                _write(po_path(lang, domain), _dump(updated(lang, domain, template)))
        if step in ("compile", "all"):
            for lang in _languages():
                po = po_path(lang, domain)
                _write(po.with_suffix(".mo"), compiled(read(po, lang)))
        if step == "check":
            found = problems(domain)
            for problem in found:
                print(f"{domain}: {problem}", file=sys.stderr)
            if found:
                return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ballotlaw.i18n.catalogs", description=__doc__.split("\n")[0])
    parser.add_argument("step", choices=("extract", "update", "compile", "check", "all"))
    parser.add_argument("--domain", choices=sorted(DOMAINS), default=None, help="one domain (default: every one)")
    args = parser.parse_args(argv)
    return _steps(args.step, [args.domain] if args.domain else sorted(DOMAINS))


if __name__ == "__main__":
    sys.exit(main())

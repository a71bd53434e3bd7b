"""Localisation (issue 16, item 2): `run` and `explain` in English, Russian and Kyrgyz through gettext catalogs.

Every message of every domain has a translation in every language, with the msgid's placeholders; the committed
template and compiled catalogs are what extraction and compilation give; every shipped law on its data is said in
each language without an error and without an English message left; numbers, percents and dates follow the
language; the JSON forms and the English text do not change.
"""

from __future__ import annotations

import functools
import re
from fractions import Fraction
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from click.testing import CliRunner

from ballotlaw.api import load_law
from ballotlaw.cli import main
from ballotlaw.i18n import LANGUAGES, UnknownLanguage, _, catalogs, current_language, ngettext, speaking, translations
from ballotlaw.i18n.formats import date, grouped, integer, number, percent, percent_number, written_percent
from conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
KG_RULES = "rules/kg/jogorku-kenesh-2021.rules"
KG_RESULTS = "data/kg/2021/results.csv"
#: The six lists that passed in 2021 and their seats (CEC decision No. 836).
KG_SEATS = {
    "Ata-Jurt Kyrgyzstan": 15,
    "Ishenim": 12,
    "Yntymak": 9,
    "Alliance": 7,
    "Butun Kyrgyzstan": 6,
    "Yiman Nuru": 5,
}
OTHER = LANGUAGES[1:]


def _pairs() -> list[tuple[str, str]]:
    from test_snapshots import PAIRS

    return list(PAIRS)


def _invoke(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(main, list(args))
    assert done.exception is None or isinstance(done.exception, SystemExit), done.exception
    return done.exit_code, done.stdout


@functools.cache
def _english_fragments() -> list[str]:
    """The English text of every message, cut at its placeholders: the runs of four words or more."""
    found: set[str] = set()
    for message in catalogs.extract("ballotlaw"):
        if not message.id:
            continue
        ids = (message.id,) if isinstance(message.id, str) else tuple(message.id)
        for text in ids:
            for piece in re.split(r"\{[^{}]*\}", text):
                piece = piece.strip(" ;:,()")
                if len(piece.split()) >= 4:
                    found.add(piece)
    return sorted(found)


# ---- the catalogs ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("domain", sorted(catalogs.DOMAINS))
def test_catalogs_are_current_and_complete(domain: str) -> None:
    """Every message of the domain is translated (not fuzzy, not empty, every plural form) in every language with
    the msgid's placeholders; the .pot is what extraction gives; each .mo is what compiling its .po gives."""
    assert catalogs.problems(domain) == []


def test_the_check_finds_a_misspelled_placeholder_and_a_missing_translation() -> None:
    """The completeness check can fail: a translation that renames `{name}`, one left empty, one fuzzy."""
    catalog = Catalog(locale="ru")
    catalog.add("{name} gets {seats}", "{имя} получает {seats}")
    catalog.add("the seat", "")
    catalog.add("no bonus", "премии нет", flags=("fuzzy",))
    catalog.add(("{n} seat", "{n} seats"), ("{n} мандат", "{n} мандата", ""))
    wanted: set[tuple[str, str | None]] = {
        ("{name} gets {seats}", None),
        ("the seat", None),
        ("no bonus", None),
        ("{n} seat", None),
        ("x", None),
    }
    found = list(catalogs._translation_problems(catalog, wanted))
    assert any("placeholders" in p and "{name} gets" in p for p in found)
    assert any("'the seat': not translated" in p for p in found)
    assert any("'no bonus': fuzzy" in p for p in found)
    assert any("'{n} seat': not translated" in p for p in found)
    assert any("'x': missing" in p for p in found)


def test_a_count_helper_is_extracted_as_a_plural() -> None:
    """A `_count(message, n, ...)` call is a plural message whose two English forms are the same."""
    template = catalogs.extract("ballotlaw")
    message = template.get(
        ("{seats} seat(s) to be drawn by lot among {names}", "{seats} seat(s) to be drawn by lot among {names}")
    )
    assert message is not None and message.pluralizable


def test_every_language_has_a_catalog() -> None:
    for lang in OTHER:
        assert translations(lang).gettext("checks:") != "checks:"
    with pytest.raises(UnknownLanguage, match="en, ru, ky"):
        translations("fr")


# ---- the machinery ---------------------------------------------------------------------------------------------


def test_speaking_sets_the_language_for_its_block_only() -> None:
    assert current_language() == "en"
    with pytest.raises(RuntimeError), speaking("ky"):
        assert _("checks:") == "текшерүүлөр:"
        raise RuntimeError
    assert current_language() == "en" and _("checks:") == "checks:"
    with speaking("ru"):
        forms = [ngettext("{n} ballot", "{n} ballots", n).format(n=n) for n in (1, 3, 5, 21)]
    assert forms == ["1 бюллетень", "3 бюллетеня", "5 бюллетеней", "21 бюллетень"]


def test_numbers_percents_and_dates_follow_the_language() -> None:
    """CLDR's symbols around the exact digits: a no-break space groups, a comma marks the decimals, Russian puts a
    no-break space before `%`; English is what ballotlaw always printed."""
    share = Fraction(79025, 1281622)
    need = Fraction(640811, 10)
    expected = {
        "en": ("1281622", "1,281,622", "64081.1", "6.17%", "6.166015~%", "3.25%", "2021-11-28"),
        "ru": (
            "1\xa0281\xa0622",
            "1\xa0281\xa0622",
            "64\xa0081,1",
            "6,17\xa0%",
            "6,166015~\xa0%",
            "3,25\xa0%",
            "28 ноября 2021\u202fг.",
        ),
        "ky": (
            "1\xa0281\xa0622",
            "1\xa0281\xa0622",
            "64\xa0081,1",
            "6,17%",
            "6,166015~%",
            "3,25%",
            "2021-ж., 28-ноябрь",
        ),
    }
    for lang, want in expected.items():
        with speaking(lang):
            got = (
                integer(1281622),
                grouped(1281622),
                number(need),
                percent(share),
                percent_number(share * 100, 6),
                written_percent("3.25%"),
                date("2021-11-28"),
            )
        assert got == want, lang
    with speaking("ru"):
        assert number(Fraction(-(10**21) - 1, 3)) == "-333\xa0333\xa0333\xa0333\xa0333\xa0333\xa0333,6667~"
        assert date("2021-02-30") == "2021-02-30" and written_percent("one third") == "one third"


# ---- what people read ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("rules", "results"), _pairs(), ids=[f"{r}+{d}" for r, d in _pairs()])
def test_every_shipped_law_is_said_in_every_language(rules: str, results: str) -> None:
    """`run` and `explain` of every shipped law on its data, in Russian and Kyrgyz: the same exit code as in English,
    no error, and no English message left (no run of four words of any msgid, save words the rule file or the
    results themselves hold: a method's name, an assumption, a source's title are shown as written)."""
    law, _warnings = load_law(str(ROOT / rules))  # the files it amends are shown as written too
    files = [ROOT / rules, ROOT / results, *(Path(base) for base, _digest in law.bases)]
    written = "".join(path.read_text(encoding="utf-8") for path in files).lower()
    fragments = [piece for piece in _english_fragments() if piece.lower() not in written]
    for verb in ("run", "explain"):
        code, english = _invoke(verb, rules, results)
        for lang in OTHER:
            got_code, text = _invoke(verb, rules, results, "--lang", lang)
            assert got_code == code, (verb, lang)
            left = [piece for piece in fragments if piece in text]
            assert left == [], (verb, lang, left)
            assert text != english or not english


def test_run_in_kyrgyz_shows_the_six_lists_and_their_seats() -> None:
    ran = run_cli("run", KG_RULES, KG_RESULTS, "--lang", "ky", cwd=ROOT)
    assert ran.code == 0, ran.stderr
    for name, seats in KG_SEATS.items():
        assert re.search(rf"^{re.escape(name)}\s.*│\s+{seats}$", ran.stdout, re.MULTILINE), name
    assert "мандаттар" in ran.stdout and "6,17%" in ran.stdout and "АЛДЫН АЛА" in ran.stdout
    assert "79\xa0025" in ran.stdout  # the votes grouped by a no-break space


def test_unpublished_figures_are_named_in_the_language() -> None:
    """The figures a run lacks (`votes at KG`, `voters_took_part by region`) are said in the language, the names
    of counts and levels kept as the rule file writes them."""
    said = {
        "ru": ("голоса в KG", "voters_took_part по единицам уровня `region`"),
        "ky": ("KG: добуштар", "`region` деңгээлиндеги бирдиктер боюнча: voters_took_part"),
    }
    for lang, phrases in said.items():
        ran = run_cli("run", KG_RULES, KG_RESULTS, "--lang", lang, cwd=ROOT)
        assert ran.code == 0, ran.stderr
        flat = " ".join(ran.stdout.split())
        for phrase in phrases:
            assert phrase in flat, (lang, phrase)
        assert " by region" not in flat and "votes at" not in flat and "- votes " not in flat, lang
    english = " ".join(run_cli("run", KG_RULES, KG_RESULTS, cwd=ROOT).stdout.split())
    assert "voters_took_part by region" in english and "votes at KG" in english


def test_text_in_another_language_is_byte_identical_run_to_run() -> None:
    for verb in ("run", "explain"):
        first = run_cli(verb, KG_RULES, KG_RESULTS, "--lang", "ru", cwd=ROOT)
        second = run_cli(verb, KG_RULES, KG_RESULTS, "--lang", "ru", cwd=ROOT)
        assert first.code == 0 and first.out == second.out


def test_json_is_never_localised() -> None:
    """`--lang` is accepted with `--json` and changes nothing: the JSON `decision` texts stay English."""
    for verb in ("run", "explain"):
        _code, english = _invoke(verb, KG_RULES, KG_RESULTS, "--json")
        for lang in LANGUAGES:
            assert _invoke(verb, KG_RULES, KG_RESULTS, "--json", "--lang", lang)[1] == english


def test_english_is_the_default() -> None:
    for verb in ("run", "explain"):
        assert _invoke(verb, KG_RULES, KG_RESULTS, "--lang", "en") == _invoke(verb, KG_RULES, KG_RESULTS)


def test_an_unknown_language_is_a_usage_error_naming_the_three() -> None:
    for verb in ("run", "explain"):
        ran = run_cli(verb, KG_RULES, KG_RESULTS, "--lang", "fr", cwd=ROOT)
        assert ran.refused(exit_code=2)
        assert all(f"'{lang}'" in ran.stderr for lang in LANGUAGES), ran.stderr


def _kinds() -> list[type]:
    from test_facts import _fact_classes

    return list(_fact_classes())


@pytest.mark.parametrize("kind", _kinds(), ids=lambda kind: f"{kind.__module__.rsplit('.', 1)[-1]}.{kind.__qualname__}")
def test_every_phrase_is_said_in_every_language(kind: type) -> None:
    """Every fact class's phrase, on a fact built from sample values of its fields (as tests/test_facts.py builds
    them), is said in Russian and Kyrgyz without an error and on one line wherever it is said in English."""
    from ballotlaw.render.phrases import say
    from test_facts import _LARGEST_ENUMERATION, _build

    for choice in range(_LARGEST_ENUMERATION):
        fact = _build(kind, choice)
        try:
            say(fact)
        except (KeyError, ValueError):
            continue
        for lang in OTHER:
            with speaking(lang):
                text = say(fact)
            assert text.strip() and "\n" not in text, (lang, fact)
        return
    pytest.skip(f"{kind.__qualname__} is not said in English from sample values (tests/test_facts.py reports it)")


def test_no_message_is_hidden_in_an_f_string() -> None:
    """Extraction on Python 3.10 and 3.11 does not look inside f-strings: a `_("...")` there would be said in
    English in every language. Every call of a message function must stand outside an f-string."""
    import ast

    package = ROOT / "engine" / "ballotlaw"
    functions = {"_", "N_", "NP_", "ngettext", "pgettext", "_count"}
    hidden = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            for inner in ast.walk(node):
                if not isinstance(inner, ast.Call) or not isinstance(inner.func, ast.Name):
                    continue
                literal = any(isinstance(arg, ast.Constant) and isinstance(arg.value, str) for arg in inner.args)
                if inner.func.id in functions and literal:
                    hidden.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert hidden == []


def test_the_report_names_figures_in_its_language(tmp_path: Path) -> None:
    """The report's steps and unpublished figures name the figures in Russian too (`voters_took_part в Talas`)."""
    page = tmp_path / "kg.html"
    ran = run_cli("report", KG_RULES, KG_RESULTS, "-o", str(page), "--lang", "ru", cwd=ROOT)
    assert ran.code == 0, ran.stderr
    html = page.read_text(encoding="utf-8")
    assert "voters_took_part в Talas" in html and "голоса за Ishenim в Talas" in html
    assert " in Talas" not in html and "by region" not in html


def test_every_kind_of_figure_name_is_said_in_every_language() -> None:
    """Each kind of a figure's name (figures.py) has its message; a name is said from its parts, the names inside
    kept as written, a name within a name said in turn; a plain string (a count's name) is never read back."""
    from ballotlaw.figures import FigureName, Named, at, in_unit, named, votes_of, with_status, word
    from ballotlaw.render.phrases.words import _NAMED, figure_name

    assert set(_NAMED) == set(Named) - {Named.WORD, Named.STATUS}
    cases = {
        votes_of("Ata-Meken", "Talas"): {"ru": "голоса за Ata-Meken в Talas", "ky": "Talas: Ata-Meken үчүн добуштар"},
        in_unit("voters_took_part", "Osh City"): {
            "ru": "voters_took_part в Osh City",
            "ky": "Osh City: voters_took_part",
        },
        named(Named.BY, word("votes"), "region"): {
            "ru": "голоса по единицам уровня `region`",
            "ky": "`region` деңгээлиндеги бирдиктер боюнча: добуштар",
        },
        with_status(at("against_all", "KG"), "not published"): {"ru": "against_all в KG не опубликовано"},
    }
    for name, said in cases.items():
        for lang, text in said.items():
            with speaking(lang):
                assert figure_name(name) == text, (lang, name)
        with speaking("en"):
            assert figure_name(name) == name
    with speaking("ru"):
        assert figure_name("votes of Stand in Line") == "votes of Stand in Line"  # not a FigureName: kept
    inner = votes_of("A", "R1").what
    assert votes_of("A", "R1") == "votes of A in R1" and isinstance(inner, FigureName) and inner.kind is Named.VOTES_OF

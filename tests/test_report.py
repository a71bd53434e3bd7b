"""The report (issue 16, items 1, 3 and 5): `ballotlaw report RULES RESULTS --output FILE.html|FILE.pdf`.

Every golden election renders, byte for byte the same each time; names from input are escaped; lists whose votes
are not published are said so and never drawn as a zero; the status and each reason stand at the top; results
whose own arithmetic is wrong are refused as `run` refuses them, and with --accept-data-errors reported under a
warning at the top; the PDF's text holds the six Kyrgyz lists and their seats.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ballotlaw.errors import DataError
from ballotlaw.report.render import make_report, to_pdf
from ballotlaw.report.words import MARKED
from ballotlaw.states import (
    CheckKind,
    CheckResult,
    Qualification,
    SeatsStatus,
    Status,
    StepKind,
    StepResult,
    Verdict,
    Word,
)
from conftest import run_cli
from test_snapshots import PAIRS

ROOT = Path(__file__).resolve().parent.parent
KG = "rules/kg/jogorku-kenesh-2021.rules"
KG_RESULTS = "data/kg/2021/results.csv"
ERRONEOUS = "data/kg/2021/reconstructed-erroneous-display.csv"
SIX = {  # the lists that passed, with their seats (CEC decision No. 836)
    "Ata-Jurt Kyrgyzstan": 15,
    "Ishenim": 12,
    "Yntymak": 9,
    "Alliance": 7,
    "Butun Kyrgyzstan": 6,
    "Yiman Nuru": 5,
}
UNPUBLISHED = (
    "Ata-Meken",
    "Legalize",
    "Kuchtuu Region",
    "Bagyt",
    "Azattyk",
    "Mekenchil El",
    "Green Party of Kyrgyzstan",
    "Jashasyn Kyrgyzstan",
    "Social Democrats",
    "Aruuzat - El Kutu",
    "Patriotic Party of Unity of Kyrgyzstan",
    "Uluttar Birimdigi",
    "El Umutu",
    "Ordo",
    "Uluu-Jurt",
)
#: Pairs whose results' own arithmetic is wrong (the snapshots pin `run` refusing them).
REFUSED = {ERRONEOUS, "docs/examples/ru-precinct-protocols.csv"}


@pytest.fixture(scope="module")
def kg_html() -> str:
    return make_report(KG, KG_RESULTS, "en").html


@pytest.mark.parametrize(("rules", "results"), PAIRS, ids=[f"{r}:{d}" for r, d in PAIRS])
def test_every_golden_election_renders_deterministically(rules: str, results: str) -> None:
    """Item 5: each shipped law on each of its results files renders, the same bytes each time, with its status."""
    try:
        first, accept = make_report(rules, results, "en"), False
    except DataError:  # refused as `run` refuses it; reported when accepted
        first, accept = make_report(rules, results, "en", accept_data_errors=True), True
    assert accept == (results in REFUSED)
    second = make_report(rules, results, "en", accept_data_errors=accept)
    assert first.html == second.html
    assert f'data-status="{first.status.replace(" ", "-")}"' in first.html
    assert first.html.startswith("<!DOCTYPE html>") and first.html.rstrip().endswith("</html>")
    assert ("NOT CERTIFIABLE" in first.html) == accept


def test_the_cli_writes_the_same_bytes_twice(tmp_path: Path) -> None:
    """Item 5: two runs of the verb give byte-identical HTML (no time, no path of the machine)."""
    one, two = tmp_path / "one.html", tmp_path / "two.html"
    for target in (one, two):
        ran = run_cli("report", KG, KG_RESULTS, "--output", str(target))
        assert ran.code == 0, ran.stderr
        assert "status provisional" in ran.stdout
    assert one.read_bytes() == two.read_bytes()
    assert str(tmp_path) not in one.read_text(encoding="utf-8")


def test_the_page_is_self_contained(kg_html: str) -> None:
    """Item 1: nothing is fetched: no script, no stylesheet or font or image from elsewhere; links only to sources."""
    assert "<script" not in kg_html and "<link" not in kg_html and "<img" not in kg_html
    assert "@import" not in kg_html and "url(" not in kg_html
    assert re.findall(r'\ssrc="', kg_html) == []
    assert all(href.startswith("https://") for href in re.findall(r'href="([^"]*)"', kg_html))


def test_status_and_every_reason_at_the_top(kg_html: str) -> None:
    """Item 1: the status in words first, then each reason it is provisional, before the first contest."""
    top = kg_html[: kg_html.index('<section class="contest"')]
    assert 'class="word">provisional<' in top
    assert "The outcome is not final" in top
    for clause in ("national_list.regional_threshold", "national_list.against_all", "national_list.no_list"):
        assert clause in top
    assert "Yiman Nuru" in top  # the regional threshold could not be evaluated for each of the six lists


def test_seat_chart_and_table_hold_the_six_lists(kg_html: str) -> None:
    """Item 1: a hemicycle of 54 seats, each list's seats as its own dots, and the seat table."""
    hemicycle = kg_html[kg_html.index('<figure class="hemicycle">') : kg_html.index("</figure>")]
    assert hemicycle.count("<circle ") == 54
    for name, seats in SIX.items():
        assert hemicycle.count(f"<title>{name}</title>") == seats
        assert re.search(rf"<td>{re.escape(name)}</td>.*<td class=\"num\">{seats}</td></tr>", kg_html)


def test_share_chart_draws_the_threshold_and_never_a_zero_for_unpublished(kg_html: str) -> None:
    """Item 1: Yiman Nuru's 6.17% ends right of the 5% line; the 15 lists without published votes have no bar and
    say "not published" (with their published bound), never 0%."""
    chart = kg_html[kg_html.index('<figure class="shares">') :]
    chart = chart[: chart.index("</figure>")]
    line = float(re.search(r'<g class="threshold" data-x="([\d.]+)"', chart).group(1))  # type: ignore[union-attr]
    yiman = float(re.search(r'data-list="Yiman Nuru" data-end="([\d.]+)"', chart).group(1))  # type: ignore[union-attr]
    assert yiman > line
    assert ">6.17%<" in chart and "5% national_threshold" in chart
    for name in UNPUBLISHED:
        group = re.search(rf'<g class="bar" data-list="{re.escape(name)}">(.*?)</g>', chart, re.S)
        assert group is not None and "<rect" not in group.group(1)
    assert chart.count("not published (at most 64,081)") == len(UNPUBLISHED)
    assert "0.00%" not in chart
    assert "regional_threshold: of voters_took_part in each unit of level region (not drawn)" in chart


def test_trace_cites_each_article_with_its_source(kg_html: str) -> None:
    """Item 1: every step with its clause, the source it cites linked to its address, the numbers and decision."""
    trace = kg_html[kg_html.index('<section id="trace">') :]
    assert trace.count('<li id="step-') == 47
    assert '<a href="https://sputnik.kg/' in trace
    assert "Yiman Nuru: passed: 79025 &gt;= 5% of 1281622 = 64081.1" in trace


def test_arithmetic_checks_are_stated(kg_html: str) -> None:
    section = kg_html[kg_html.index('<section id="checks">') : kg_html.index('<section id="trace">')]
    assert "1 relation checked" in section and "No errors" in section


def _hostile(tmp_path: Path) -> tuple[Path, str]:
    name = "<img src=x onerror=alert(1)>\x1b[31m\u202e"
    text = (ROOT / KG_RESULTS).read_text(encoding="utf-8")
    text = text.replace("Yiman Nuru", '"' + name.replace('"', '""') + '"')
    results = tmp_path / "hostile.csv"
    results.write_text(text, encoding="utf-8")
    return results, name


def test_names_from_input_are_escaped(tmp_path: Path) -> None:
    """Item 1: a list's name is text, never markup (in the tables, the charts' labels and titles, the trace); its
    controls are shown as escapes."""
    results, _name = _hostile(tmp_path)
    out = tmp_path / "hostile.html"
    ran = run_cli("report", KG, str(results), "--output", str(out))
    assert ran.code == 0, ran.stderr
    html = out.read_text(encoding="utf-8")
    assert "<img" not in html and "\x1b" not in html and "\u202e" not in html
    shown = "&lt;img src=x onerror=alert(1)&gt;\\x1b[31m\\u202e"
    assert html.count(shown) >= 5  # the table, the hemicycle's titles, the bar's label and title, the trace


def test_only_web_addresses_are_linked() -> None:
    """A source's address becomes a link only if it is http or https: never `javascript:` or `data:`."""
    from ballotlaw.report.view import link

    assert link("https://example.org/a") == "https://example.org/a"
    assert link("javascript:alert(1)") == "" and link("data:text/html,x") == "" and link("JaVaScRiPt:x") == ""


def test_results_with_wrong_arithmetic_are_refused_unless_accepted(tmp_path: Path) -> None:
    """As `run`: exit 1 with the finding and no file; with --accept-data-errors the report says so first."""
    out = tmp_path / "erroneous.html"
    refused = run_cli("report", KG, ERRONEOUS, "--output", str(out))
    assert refused.code == 1 and "C105" in refused.stderr
    assert not out.exists()
    accepted = run_cli("report", KG, ERRONEOUS, "--output", str(out), "--accept-data-errors")
    assert accepted.code == 0, accepted.stderr
    html = out.read_text(encoding="utf-8")
    alarm = html.index('<section class="alarm" id="data-errors">')
    assert alarm < html.index('id="status"')
    assert "NOT CERTIFIABLE" in html and "C105" in html[alarm:]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--output", "out.txt"), "name the output FILE.html or FILE.pdf"),
        (("--output", "out.html", "--lang", "fr"), "'fr' is not one of"),
        ((), "Missing option '--output'"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: tuple[str, ...], said: str) -> None:
    ran = run_cli("report", str(ROOT / KG), str(ROOT / KG_RESULTS), *args, cwd=tmp_path)
    assert ran.code == 2, ran.stderr
    assert said in ran.stderr
    assert list(tmp_path.iterdir()) == []


def test_missing_results_exit_2(tmp_path: Path) -> None:
    ran = run_cli("report", KG, str(tmp_path / "absent.csv"), "--output", str(tmp_path / "r.html"))
    assert ran.code == 2 and "absent.csv" in ran.stderr


def test_every_state_has_its_word_marked() -> None:
    """Every value the report shows of states.py is a message of the report's catalog (so it is translated)."""
    tables: list[tuple[str, type[Word]]] = [
        ("status", Status),
        ("verdict", Verdict),
        ("seats", SeatsStatus),
        ("check", CheckResult),
        ("kind", StepKind),
        ("kind", CheckKind),
        ("result", StepResult),
        ("result", Verdict),
        ("result", CheckResult),
    ]
    missing = [(c, str(m.value)) for c, enum in tables for m in enum if (c, m.value) not in MARKED]
    missing += [("qualified", q.value) for q in Qualification if q.value and ("qualified", q.value) not in MARKED]
    assert missing == [], "mark each in ballotlaw/report/words.py (MARKED) and translate it (docs/report.md)"


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_other_languages_render_deterministically(lang: str) -> None:
    """Items 2 and 5 (the report's part): its own words in Russian and Kyrgyz, numbers in the language's form."""
    first = make_report(KG, KG_RESULTS, lang).html
    assert first == make_report(KG, KG_RESULTS, lang).html
    assert f'<html lang="{lang}">' in first
    status = {"ru": "не окончательно", "ky": "акыркы эмес"}[lang]
    assert f'class="word">{status}<' in first
    assert "6,17" in first
    for name in SIX:
        assert name in first


def test_pdf_text_holds_the_six_lists_and_their_seats(tmp_path: Path) -> None:
    """Item 3: the PDF's text (pypdf) holds each of the six lists with its seats, and the provisional status."""
    from pypdf import PdfReader

    out = tmp_path / "kg.pdf"
    ran = run_cli("report", KG, KG_RESULTS, "--output", str(out), timeout=120)
    assert ran.code == 0, ran.stderr
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(str(out)).pages).split())
    assert "PROVISIONAL" in text
    for name, seats in SIX.items():
        assert re.search(rf"{re.escape(name)} [\d,]+ [\d.]+% passed not evaluated undetermined {seats}\b", text), name
    for name in UNPUBLISHED:
        assert re.search(rf"{re.escape(name)} not published \(at most 64,081\) – failed not evaluated no 0\b", text)


def test_pdf_fetches_nothing(tmp_path: Path) -> None:
    """The PDF is laid out from the page alone: a reference to anything outside (here an image beside it) is
    refused, not fetched, so the PDF holds no image."""
    from PIL import Image
    from pypdf import PdfReader

    picture = tmp_path / "outside.png"
    Image.new("RGB", (20, 20), "red").save(picture)
    data = to_pdf(f'<html><body><p>x</p><img src="{picture.as_uri()}"></body></html>')
    (tmp_path / "page.pdf").write_bytes(data)
    assert data.startswith(b"%PDF")
    assert list(PdfReader(str(tmp_path / "page.pdf")).pages[0].images) == []


def test_charts_are_exact_small_and_bounded() -> None:
    """The charts' geometry: fixed decimals rounded half up; one dot per seat up to a bound past any real house;
    a share of zero is a bar of zero, an unpublished one no bar; at most eleven ticks whatever the shares."""
    from fractions import Fraction

    from ballotlaw.report import charts

    assert charts.fixed(Fraction(1, 8)) == "0.13" and charts.fixed(Fraction(-1, 1000)) == "0.00"
    drawn = charts.hemicycle([("A", 400), ("B", 230)])
    assert drawn is not None and len(drawn.seats) == 630 and {s.owner for s in drawn.seats[:400]} == {"A"}
    assert charts.hemicycle([("A", charts.MOST_DRAWN + 1)]) is None and charts.hemicycle([]) is None
    assert charts.share_chart([("C", None, "not published", False)], [(Fraction(1, 20), "5%")], str) is None
    chart = charts.share_chart(
        [("A", Fraction(50), "5000%", True), ("B", Fraction(0), "0%", False), ("C", None, "not published", False)],
        [(Fraction(1, 20), "5%")],
        str,
    )
    assert chart is not None and len(chart.ticks) <= 11
    assert [bar.width for bar in chart.bars][1:] == ["0.00", None]


def test_a_wide_csv_through_its_mapping_names_the_mapping_and_its_hash(tmp_path: Path) -> None:
    """--mapping reads a wide CSV as `run` does; the mapping is an input, with its SHA-256, like the others."""
    import hashlib

    rules = "rules/ru/state-duma-precinct-protocol-2018.rules"
    wide, mapping = "docs/examples/ru-precinct-protocols-wide.csv", "docs/examples/ru-precinct-mapping.json"
    out = tmp_path / "ru.html"
    ran = run_cli("report", rules, wide, "--mapping", mapping, "--accept-data-errors", "--output", str(out))
    assert ran.code == 0, ran.stderr
    html = out.read_text(encoding="utf-8")
    for path in (rules, wide, mapping):
        digest = hashlib.sha256((ROOT / path).read_bytes()).hexdigest()
        assert re.search(rf"<code>{re.escape(path)}</code></td><td class=\"mono\">{digest}</td>", html), path

"""The report as a person sees it (issue 16, item 3): the Kyrgyz 2021 report, in English and in Kyrgyz, opened in
headless Chromium (Debian's `chromium`, driven by Playwright). The screenshot is not blank; the page's text holds
the six lists and their seats; Yiman Nuru's 6.17% bar ends right of the 5% line; the lists whose votes are not
published are said so; the status is provisional, with its reasons.

Skipped only when Chromium (or Playwright) is missing and this is not CI: with CI=true it must run.
Set BALLOTLAW_SCREENSHOTS=DIR to save the screenshots there (docs/screenshots/ holds them:
`BALLOTLAW_SCREENSHOTS=docs/screenshots .venv/bin/python -m pytest tests/test_report_browser.py`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli
from test_report import KG, KG_RESULTS, SIX, UNPUBLISHED

#: What each language calls the status and an unpublished figure (the report's catalog).
WORDS = {
    "en": {"provisional": "provisional", "not published": "not published", "why": "Why"},
    "ky": {"provisional": "акыркы эмес", "not published": "жарыяланган эмес", "why": "Эмне үчүн"},
}


def _not_blank(png: bytes) -> None:
    """The screenshot shows something: many colours, and not one of them covering nearly all of it."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50, "the screenshot has almost no colours: the page is blank"
    most = max(count for count, _colour in colours)
    assert most < 0.95 * image.width * image.height, "one colour covers the screenshot: the page is blank"


@pytest.mark.parametrize("lang", ["en", "ky"])
def test_the_kyrgyz_report_in_a_browser(browser: Any, tmp_path: Path, lang: str) -> None:
    """Item 3: the report of 28 November 2021 in Chromium, as a reader sees it."""
    page_file = tmp_path / f"kg-2021-{lang}.html"
    ran = run_cli("report", KG, KG_RESULTS, "--output", str(page_file), "--lang", lang)
    assert ran.code == 0, ran.stderr
    words = WORDS[lang]
    context = browser.new_context(viewport={"width": 1200, "height": 1400}, offline=True)  # nothing to fetch
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_file.as_uri())
    png = page.screenshot(full_page=False)
    _not_blank(png)
    assert [url for url in requests if not url.startswith("file:")] == []

    status = page.locator("#status").inner_text()
    assert words["provisional"] in status.lower()
    assert words["why"] in status
    for clause in ("national_list.regional_threshold", "national_list.against_all", "national_list.no_list"):
        assert clause in status

    rows = page.locator("table.seats tr").all_inner_texts()
    for name, seats in SIX.items():
        row = next(r for r in rows if r.startswith(name + "\t"))
        assert row.split("\t")[-1].strip() == str(seats), row
    assert page.locator("figure.hemicycle circle").count() == 54

    yiman = page.locator('g.bar[data-list="Yiman Nuru"] rect').bounding_box()
    line = page.locator("g.threshold line").first.bounding_box()
    assert yiman is not None and line is not None
    assert yiman["x"] + yiman["width"] > line["x"] + line["width"]
    chart = page.locator("figure.shares").inner_text()
    assert re.search(r"6[.,]17\s?%", chart)
    assert re.search(r"5\s?%\s+national_threshold", chart)
    for name in UNPUBLISHED:
        assert page.locator(f'g.bar[data-list="{name}"] rect').count() == 0
    assert chart.count(words["not published"]) == len(UNPUBLISHED)

    saved = os.environ.get("BALLOTLAW_SCREENSHOTS")
    if saved:
        Path(saved, f"report-kg-2021-{lang}.png").write_bytes(png)
    context.close()
